"""The web inbox in a real browser (issue 22): a supplier signs in, finds an order, reads
a change's diff, answers CA with three line statuses; the buyer sees its view update and
asks to cancel, and the supplier accepts. Forms are filled by their labels (an input
without one cannot be found), and the pages fit a phone's width."""

from __future__ import annotations

import re
from typing import Any

from tests.e2e.browser.conftest import BUYER, SELLER, Server, screenshot


def sign_in(page: Any, server: Server, party: str) -> None:
    page.goto(server.url + "/")
    assert "/inbox/sign-in" in page.url
    page.get_by_label("API key").fill(server.keys[party])
    page.get_by_role("button", name="Sign in").first.click()
    page.wait_for_url(re.compile(r"/inbox(/sent)?$"))


def state(page: Any) -> str:
    return str(page.locator("#order-state").inner_text())


def test_a_supplier_signs_in_finds_an_order_and_reads_a_changes_diff(
    server: Server, browse: Any
) -> None:
    for _ in range(4):
        server.send(lines=2)
    order, number = server.send(lines=3)
    supplier = browse()
    sign_in(supplier, server, SELLER)
    assert supplier.get_by_role("heading", name="Received orders").is_visible()
    screenshot(supplier, "inbox")
    supplier.get_by_label("Search").fill(number)
    supplier.get_by_role("button", name="Filter").click()
    supplier.get_by_role("link", name=number).click()
    assert supplier.get_by_role("heading", name=f"Order {number}").is_visible()

    buyer = browse()
    sign_in(buyer, server, BUYER)
    buyer.goto(f"{server.url}/inbox/sent/{order}")
    buyer.get_by_role("link", name="Change the order…").click()
    buyer.locator("#line-0-quantity").fill("55")
    buyer.get_by_label("Remove this line").nth(1).check()
    buyer.get_by_role("button", name="Add a line").click()
    buyer.get_by_label("Item name").fill("Gauze 10 cm")
    buyer.locator("#new-0-quantity").fill("5")
    buyer.get_by_label("Unit (e.g. C62)").fill("C62")
    buyer.locator("#new-0-price").fill("2.10")
    buyer.get_by_role("button", name="Send the change (T114)").click()
    assert "was sent to the supplier" in buyer.locator(".notice").inner_text()

    supplier.reload()
    assert state(supplier) == "Change requested"
    summary = supplier.locator("#diff-summary").inner_text()
    assert summary.startswith("1 added, 1 deleted, 1 changed, 1 unchanged")
    changed = supplier.locator("table.diff tr.changed").inner_text()
    assert "quantity: 40 → 55" in changed
    supplier.evaluate("document.getElementById('diff-h').scrollIntoView()")
    screenshot(supplier, "change-diff")


def test_a_supplier_answers_ca_line_by_line_and_the_buyer_sees_each_line(
    server: Server, browse: Any
) -> None:
    order, number = server.send(lines=3)
    supplier = browse()
    sign_in(supplier, server, SELLER)
    supplier.goto(f"{server.url}/inbox/orders/{order}")
    supplier.get_by_role("link", name="Answer line by line (CA)…").click()
    supplier.locator("#line-1-status").select_option("notAccepted")
    supplier.locator("#line-2-status").select_option("changed")
    supplier.locator("#line-2-quantity").fill("ten")
    supplier.get_by_role("button", name="Preview").click()
    assert supplier.locator("#line-2-quantity-error").inner_text() == (
        "Input should be a valid decimal"
    )
    supplier.locator("#line-2-quantity").fill("10")
    supplier.get_by_role("button", name="Preview").click()
    summary = supplier.locator("#summary").inner_text()
    assert "1 accepted, 1 refused, 1 changed" in summary.replace("\n", " ")
    screenshot(supplier, "ca-form")
    supplier.get_by_role("button", name="Send the answer (CA)").click()
    assert state(supplier) == "Accepted with changes"

    buyer = browse(390, 800)  # a phone
    sign_in(buyer, server, BUYER)
    buyer.get_by_role("link", name="Sent", exact=True).click()
    buyer.get_by_role("link", name=number).click()
    assert state(buyer) == "Accepted with changes"
    statuses = buyer.locator("table.answer-lines .badge").all_inner_texts()
    assert statuses == ["Accepted", "Refused", "Changed"]
    width = buyer.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 1, f"the page is {width}px wider than a phone's screen"


def test_a_buyer_asks_to_cancel_and_the_supplier_accepts(server: Server, browse: Any) -> None:
    order, number = server.send(lines=1)
    buyer = browse()
    sign_in(buyer, server, BUYER)
    buyer.goto(f"{server.url}/inbox/sent/{order}")
    buyer.get_by_label("Why cancel? (sent to the supplier)").fill("Ordered twice")
    buyer.get_by_role("button", name="Ask to cancel the order").click()
    assert state(buyer) == "Cancellation requested"

    supplier = browse()
    sign_in(supplier, server, SELLER)
    supplier.get_by_label("State").select_option("cancellation_requested")
    supplier.get_by_role("button", name="Filter").click()
    supplier.get_by_role("link", name=number).first.click()
    assert "Ordered twice" in supplier.locator("#cancel-h + p").inner_text()
    supplier.get_by_role("button", name="Accept the cancellation").click()
    assert state(supplier) == "Cancelled"
    buyer.reload()
    assert state(buyer) == "Cancelled"
