"""Who may see and do what in the web inbox (issue 22): every page and form of an order or
a hook x {owner, counterparty, outsider, nobody}, with the status each must get.

The session has its key's scope, as the API's authorization matrix
(tests/e2e/test_authorization_matrix.py) says for the same resources: the supplier's pages
(``/inbox/orders/...``) act only on orders it received, the buyer's (``/inbox/sent/...``)
only on orders it sent, a hook page only on the account's hooks; anything else answers 404
(never revealing that it exists), and a browser without a session is sent to sign in
(303). Every caller acts on an order made for it alone. These pages answer HTML and are
left out of ``/openapi.json``, so the API's matrix has no rows for them: this table does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from bench.orders import order as order_xml
from fastapi.testclient import TestClient

from ordex.api.app import create_app
from ordex.services.delivery import relay_outbox
from tests.e2e.conftest import BUYER, OTHER, SELLER, Hub
from tests.e2e.web.browser_helpers import sign_in

OWNER, COUNTERPARTY, OUTSIDER, NOBODY = "owner", "counterparty", "outsider", "nobody"


@dataclass(frozen=True)
class Row:
    method: str
    path: str  # {order}, {hook}, {delivery} filled in per caller
    owner: str  # the party whose page it is: SELLER or BUYER
    make: str = "order"  # "order" or "hook"
    data: tuple[tuple[str, str], ...] = ()
    expect_owner: int = 200


ROWS = [
    Row("GET", "/inbox/orders/{order}", SELLER),
    Row("GET", "/inbox/orders/{order}/versions/1", SELLER),
    Row("GET", "/inbox/orders/{order}/documents/{order}.xml", SELLER),
    Row("GET", "/inbox/orders/{order}/documents/{order}.json", SELLER),
    Row("GET", "/inbox/orders/{order}/answer-lines", SELLER),
    Row("POST", "/inbox/orders/{order}/answer", SELLER, data=(("status", "AB"),), expect_owner=303),
    Row(
        "POST",
        "/inbox/orders/{order}/answer-lines",
        SELLER,
        data=(("action", "preview"),),
    ),
    Row("GET", "/inbox/sent/{order}", BUYER),
    Row("GET", "/inbox/sent/{order}/versions/1", BUYER),
    Row("GET", "/inbox/sent/{order}/documents/{order}.xml", BUYER),
    Row("GET", "/inbox/sent/{order}/documents/{order}.json", BUYER),
    Row("GET", "/inbox/sent/{order}/change", BUYER),
    Row(
        "POST",
        "/inbox/sent/{order}/cancel",
        BUYER,
        data=(("cancellationNote", "Not needed"),),
        expect_owner=303,
    ),
    Row("POST", "/inbox/hooks/{hook}/recover", SELLER, make="hook", expect_owner=303),
    Row(
        "POST",
        "/inbox/hooks/{hook}/deliveries/{delivery}/resend",
        SELLER,
        make="hook",
        expect_owner=303,
    ),
]

PAGES = [("GET", "/inbox"), ("GET", "/inbox/sent"), ("GET", "/inbox/hooks")]


def _other_side(party: str) -> str:
    return BUYER if party == SELLER else SELLER


@pytest.fixture
def browsers(hub: Hub) -> Any:
    clients: dict[str, tuple[TestClient, str]] = {}
    for party in (BUYER, SELLER, OTHER):
        client = TestClient(create_app(hub.runtime))
        clients[party] = (client, sign_in(client, hub.keys[party]))
    clients["nobody"] = (TestClient(create_app(hub.runtime)), "")
    yield clients
    for client, _ in clients.values():
        client.close()


def _resources(hub: Hub, serial: Callable[[], int], make: str) -> dict[str, str]:
    number = f"PO-W-{serial()}"
    sent = hub.send(order_xml(number, 1))
    ids = {"order": sent.json()["documentId"]}  # type: ignore[attr-defined]
    if make == "hook":
        body = {"action": "http://127.0.0.1:9/hook", "topics": ["OrderReceived"]}
        hook = hub.client.put(f"/api/v1/{SELLER}/hook", json=body, headers=hub.headers(SELLER))
        ids["hook"] = hook.json()["id"]
        hub.send(order_xml(number + "-H", 1))
        relay_outbox(hub.runtime.ctx)
        deliveries = hub.client.get(
            f"/api/v1/{SELLER}/hook/{ids['hook']}/deliveries", headers=hub.headers(SELLER)
        ).json()
        ids["delivery"] = deliveries[0]["id"]
    return ids


def test_each_page_and_form_answers_its_owner_only(hub: Hub, browsers: Any) -> None:
    counter = iter(range(10_000))
    wrong: list[str] = []
    for row in ROWS:
        callers = {
            OWNER: row.owner,
            COUNTERPARTY: _other_side(row.owner),
            OUTSIDER: OTHER,
            NOBODY: "nobody",
        }
        for caller, who in callers.items():
            ids = _resources(hub, lambda: next(counter), row.make)
            client, csrf = browsers[who]
            path = row.path.format(**ids)
            data = {"csrf": csrf, **dict(row.data)} if row.method == "POST" else None
            answer = client.request(row.method, path, data=data, follow_redirects=False)
            expected = {OWNER: row.expect_owner, NOBODY: 303}.get(caller, 404)
            if answer.status_code != expected:
                wrong.append(f"{row.method} {row.path} as {caller}: {answer.status_code}")
            elif caller == NOBODY:
                assert answer.headers["location"].startswith("/inbox/sign-in")
    assert not wrong, "\n".join(wrong)


def test_the_lists_answer_every_signed_in_account_and_send_strangers_to_sign_in(
    hub: Hub, browsers: Any
) -> None:
    order = _resources(hub, lambda: 0, "order")["order"]
    for method, path in PAGES:
        for who in (BUYER, SELLER, OTHER):
            client, _ = browsers[who]
            answer = client.request(method, path)
            assert answer.status_code == 200, (path, who)
            assert (order in answer.text) == (
                (who, path) in ((SELLER, "/inbox"), (BUYER, "/inbox/sent"))
            ), (path, who)
        stranger, _ = browsers["nobody"]
        assert stranger.request(method, path, follow_redirects=False).status_code == 303
