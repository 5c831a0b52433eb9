"""The web inbox's order pages over HTTP (issue 22): the supplier's inbox (newest first,
filters, pages of 50 with a stable cursor, what awaits an answer), the order page (lines,
totals, history, documents as XML and JSON), a change's diff, answers (AB, AP, RE with a
reason, CA line by line with errors next to their fields), cancellations, the buyer's view
and the hooks page; each action through the API's use cases."""

from __future__ import annotations

import re
from typing import Any

import pytest
from bench.orders import order as order_xml
from fastapi.testclient import TestClient

from ordex.api.app import create_app
from tests.e2e.conftest import BUYER, SELLER, Hub
from tests.e2e.web.browser_helpers import csrf_of, errors_in, sign_in
from tests.unit.peppol.test_attachments import with_attachments


def send(hub: Hub, number: str, lines: int = 3) -> str:
    answer = hub.send(order_xml(number, lines))
    hub.clock.advance(seconds=1)
    assert answer.status_code == 200, answer.text  # type: ignore[attr-defined]
    return str(answer.json()["documentId"])  # type: ignore[attr-defined]


@pytest.fixture
def buyer(hub: Hub) -> Any:
    client = TestClient(create_app(hub.runtime))
    client.csrf = sign_in(client, hub.keys[BUYER])  # type: ignore[attr-defined]
    yield client
    client.close()


@pytest.fixture
def seller(hub: Hub) -> Any:
    client = TestClient(create_app(hub.runtime))
    client.csrf = sign_in(client, hub.keys[SELLER])  # type: ignore[attr-defined]
    yield client
    client.close()


def rows(html: str) -> list[str]:
    return re.findall(r'<td><a href="/inbox/(?:orders|sent)/[^"]+">([^<]+)</a></td>', html)


def test_the_inbox_lists_newest_first_in_pages_of_50_with_a_stable_cursor(
    hub: Hub, seller: Any
) -> None:
    for n in range(52):
        send(hub, f"PO-{n:03}", lines=1)
    first = seller.get("/inbox")
    assert rows(first.text)[:2] == ["PO-051", "PO-050"] and len(rows(first.text)) == 50
    assert re.search(r'id="awaiting">52<', first.text)
    send(hub, "PO-LATE", lines=1)  # arrives while the supplier reads page 1
    after = re.search(r'href="(/inbox\?after=[^"]+)" rel="next"', first.text)
    assert after
    second = seller.get(after.group(1).replace("&amp;", "&"))
    assert rows(second.text) == ["PO-001", "PO-000"]


def test_the_inbox_filters_by_state_party_date_and_search(hub: Hub, seller: Any) -> None:
    first = send(hub, "PO-A1", lines=1)
    send(hub, "PO-B2", lines=1)
    seller.post(f"/inbox/orders/{first}/answer", data={"csrf": seller.csrf, "status": "AP"})
    assert rows(seller.get("/inbox?state=accepted").text) == ["PO-A1"]
    assert rows(seller.get("/inbox?q=b2").text) == ["PO-B2"]
    assert rows(seller.get(f"/inbox?party={BUYER}").text) == ["PO-B2", "PO-A1"]
    assert rows(seller.get("/inbox?party=0088:5790000435975").text) == []
    assert rows(seller.get("/inbox?from=2026-11-24").text) == []
    assert rows(seller.get("/inbox?to=2026-11-23").text) == ["PO-B2", "PO-A1"]
    bad = seller.get("/inbox?from=yesterday")
    assert bad.status_code == 400 and "from: a date such as 2026-01-31" in bad.text


def test_the_order_page_shows_lines_totals_attachments_history_and_each_document(
    hub: Hub, seller: Any
) -> None:
    order = send(hub, "PO-PAGE", lines=3)
    page = seller.get(f"/inbox/orders/{order}")
    assert page.status_code == 200
    assert page.text.count("<td>Surgical masks, box of 50") == 3
    assert "600.00" in page.text and "750.00" in page.text  # lines total, payable
    assert "<strong>Attachments:</strong> none" in page.text
    assert re.search(r'<ol class="timeline">\s*<li><strong>\w+</strong>', page.text)
    xml = seller.get(f"/inbox/orders/{order}/documents/{order}.xml")
    assert xml.status_code == 200 and xml.content.startswith(b"<?xml")
    view = seller.get(f"/inbox/orders/{order}/documents/{order}.json").json()
    assert view["document"]["number"] == "PO-PAGE"

    answer = hub.send(with_attachments())
    assert answer.status_code == 200, answer.text  # type: ignore[attr-defined]
    listed = seller.get(f"/inbox/orders/{answer.json()['documentId']}").text  # type: ignore[attr-defined]
    assert "Doc1 Timesheet, Doc2 (drawing.pdf) Drawing of the part" in listed


def test_a_ca_answer_shows_errors_next_to_fields_then_a_summary_and_reaches_the_buyer(
    hub: Hub, seller: Any, buyer: Any
) -> None:
    order = send(hub, "PO-CA", lines=3)
    form = f"/inbox/orders/{order}/answer-lines"
    base = {"csrf": seller.csrf, "line-0-status": "accepted", "line-1-status": "notAccepted"}
    wrong = seller.post(
        form,
        data={**base, "line-2-status": "changed", "line-2-quantity": "many", "action": "preview"},
    )
    assert wrong.status_code == 400
    assert re.search(r'id="line-2-quantity"[^>]*aria-invalid="true"', wrong.text)
    assert 'id="line-2-quantity-error">Input should be a valid decimal<' in wrong.text
    changed = {**base, "line-2-status": "changed", "line-2-quantity": "10"}
    preview = seller.post(form, data={**changed, "action": "preview"})
    assert preview.status_code == 200
    summary = re.search(r'id="summary">(.*?)</div>', preview.text, re.S)
    assert summary and "1</output> accepted" in summary.group(1)
    assert "1</output> refused" in summary.group(1) and "250.00" in summary.group(1)
    sent = seller.post(form, data={**changed, "action": "send"}, follow_redirects=True)
    assert 'id="order-state">Accepted with changes<' in sent.text
    view = buyer.get(f"/inbox/sent/{order}").text
    statuses = re.findall(r'<td><span class="badge">([^<]+)</span></td>', view)
    assert statuses == ["Accepted", "Refused", "Changed"]


def test_a_buyer_changes_an_order_and_the_supplier_reads_the_diff(
    hub: Hub, seller: Any, buyer: Any
) -> None:
    order = send(hub, "PO-CH", lines=2)
    sent = buyer.post(
        f"/inbox/sent/{order}/change",
        data={
            "csrf": buyer.csrf,
            "action": "send",
            "added": "1",
            "line-0-quantity": "55",
            "line-1-remove": "1",
            "new-0-item": "Gauze",
            "new-0-quantity": "5",
            "new-0-unit": "C62",
            "new-0-price": "2.10",
            "number": "CHG-1",
        },
        follow_redirects=True,
    )
    assert "Your change CHG-1 was sent" in sent.text, errors_in(sent.text)
    page = seller.get(f"/inbox/orders/{order}").text
    diff = re.search(r'<p id="diff-summary">(.*?)</p>', page, re.S)
    assert diff and "<strong>1</strong> added, <strong>1</strong> deleted" in diff.group(1)
    assert "quantity: <del>40</del> → <ins>55</ins>" in page
    assert 'id="order-state">Change requested<' in page


def test_a_reject_needs_a_reason_and_a_cancellation_is_asked_and_accepted(
    hub: Hub, seller: Any, buyer: Any
) -> None:
    rejected = send(hub, "PO-RE")
    refused = seller.post(
        f"/inbox/orders/{rejected}/answer", data={"csrf": seller.csrf, "status": "RE"}
    )
    assert refused.status_code == 400 and "say why you reject" in refused.text
    done = seller.post(
        f"/inbox/orders/{rejected}/answer",
        data={"csrf": seller.csrf, "status": "RE", "note": "Out of stock"},
        follow_redirects=True,
    )
    assert 'id="order-state">Rejected<' in done.text

    order = send(hub, "PO-CN")
    asked = buyer.post(
        f"/inbox/sent/{order}/cancel",
        data={"csrf": buyer.csrf, "cancellationNote": "Ordered twice"},
        follow_redirects=True,
    )
    assert 'id="order-state">Cancellation requested<' in asked.text
    page = seller.get(f"/inbox/orders/{order}").text
    assert "Ordered twice" in page
    target = re.search(r'action="/inbox/orders/([^"]+)/cancellation"', page)
    assert target
    done = seller.post(
        f"/inbox/orders/{target.group(1)}/cancellation",
        data={"csrf": seller.csrf, "decision": "accept"},
        follow_redirects=True,
    )
    assert 'id="order-state">Cancelled<' in done.text


def test_the_hooks_page_lists_deliveries_and_resends_one(hub: Hub, seller: Any) -> None:
    hook = hub.client.put(
        f"/api/v1/{SELLER}/hook",
        json={"action": "http://127.0.0.1:9/hook", "topics": ["*Received"], "isActive": True},
        headers=hub.headers(SELLER),
    )
    hook_id = hook.json()["id"]
    send(hub, "PO-HOOK")
    from ordex.services.delivery import relay_outbox

    relay_outbox(hub.runtime.ctx)
    page = seller.get("/inbox/hooks")
    assert "OrderReceived" in page.text
    delivery = re.search(rf"/inbox/hooks/{hook_id}/deliveries/([^/]+)/resend", page.text)
    assert delivery
    resent = seller.post(
        f"/inbox/hooks/{hook_id}/deliveries/{delivery.group(1)}/resend",
        data={"csrf": csrf_of(page.text)},
        follow_redirects=True,
    )
    assert "The delivery is queued again." in resent.text
