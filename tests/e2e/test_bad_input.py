"""Bad input gets a clear 4xx in the dialect's error shape; nothing is half-stored."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from sqlalchemy import func, select

from ordex.storage import tables as t
from tests.e2e.conftest import ADMIN_TOKEN, BUYER, OTHER, SELLER, Hub


def stored_documents(hub: Hub) -> int:
    with hub.runtime.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.documents)).scalar_one())


def assert_psb_error(answer: Any, status: int, *words: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert {"message", "code", "requestId", "dateTime"} <= body.keys()
    assert body["code"] == f"API{status}"
    for word in words:
        assert word in body["message"], body["message"]
    return dict(body)


def test_malformed_xml_is_refused_with_where_it_broke(hub: Hub) -> None:
    body = assert_psb_error(hub.send(b"<Order><cbc:ID>1</Order>"), 400)
    assert "line" in body["message"].lower()
    assert stored_documents(hub) == 0


@pytest.mark.parametrize(
    "payload",
    [
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:1/x">]><r>&x;</r>',
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<lolz>&lol3;</lolz>",
    ],
    ids=["xxe-file", "xxe-http", "entity-expansion"],
)
def test_hostile_xml_is_refused_before_anything_is_expanded(hub: Hub, payload: bytes) -> None:
    answer = hub.send(payload)
    body = assert_psb_error(answer, 400)
    assert body["errorCode"] == "UNSAFE_XML"
    assert "root:" not in answer.text
    assert stored_documents(hub) == 0


def test_a_document_that_is_not_an_order_is_refused_naming_the_root(hub: Hub) -> None:
    invoice = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"></Invoice>'
    assert_psb_error(hub.send(invoice), 400, "Invoice")


def test_an_order_breaking_rules_lists_each_rule_and_where(hub: Hub, order_xml: bytes) -> None:
    broken = order_xml.replace(b"<cbc:ID>2</cbc:ID>", b"<cbc:ID>1</cbc:ID>")
    body = assert_psb_error(hub.send(broken), 400)
    assert body["errorCode"] == "DOCUMENT_INVALID"
    assert any("OrderLine" in error["path"] for error in body["errors"])
    assert all(error["ruleId"] for error in body["errors"])


def test_an_order_whose_buyer_is_another_party_is_refused(hub: Hub, order_xml: bytes) -> None:
    mine = order_xml.replace(b">7300010000001<", b">5790000435975<")
    assert_psb_error(hub.send(mine), 400, "buyer")
    assert stored_documents(hub) == 0


def test_sending_for_a_party_of_another_account_is_not_found(hub: Hub, order_xml: bytes) -> None:
    answer = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/send",
        content=order_xml,
        headers=hub.headers(OTHER, **{"Content-Type": "application/xml"}),
    )
    assert_psb_error(answer, 404)


def test_a_foreign_document_is_not_found_for_another_party(hub: Hub, order_xml: bytes) -> None:
    document_id = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    for party in (OTHER, BUYER):
        answer = hub.client.get(
            f"/api/v1/{party}/salesOrder/{document_id}/download", headers=hub.headers(party)
        )
        assert_psb_error(answer, 404)


def test_an_unknown_recipient_is_refused_and_nothing_is_stored(hub: Hub, order_xml: bytes) -> None:
    stranger = order_xml.replace(b">7302347231110<", b">4000001000005<")
    assert_psb_error(hub.send(stranger), 422, "4000001000005", "not registered")
    assert stored_documents(hub) == 0


def test_an_illegal_transition_is_a_409_with_the_reason(hub: Hub, order_xml: bytes) -> None:
    document_id = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    url = f"/api/v1/{SELLER}/salesOrder/{document_id}/response"
    hub.client.post(url, json={"status": "RE"}, headers=hub.headers(SELLER))
    answer = hub.client.post(url, json={"status": "AP"}, headers=hub.headers(SELLER))
    body = assert_psb_error(answer, 409, "rejected")
    assert body["errorCode"] == "RESPONSE_NOT_ALLOWED"
    assert body["state"] == "rejected"


def test_a_duplicate_document_is_a_409_naming_the_first(hub: Hub, order_xml: bytes) -> None:
    first = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    body = assert_psb_error(hub.send(order_xml), 409, first)
    assert body["documentId"] == first
    assert stored_documents(hub) == 1


def test_an_idempotency_key_replays_the_first_answer(hub: Hub, order_xml: bytes) -> None:
    first: Any = hub.send(order_xml, **{"Idempotency-Key": "k-1"})
    again: Any = hub.send(order_xml, **{"Idempotency-Key": "k-1"})
    assert again.status_code == 200 and again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert stored_documents(hub) == 1


def test_a_reused_idempotency_key_with_another_body_is_a_422(hub: Hub, order_xml: bytes) -> None:
    hub.send(order_xml, **{"Idempotency-Key": "k-2"})
    other = order_xml.replace(b"PO-2026-0001", b"PO-2026-0002")
    body = assert_psb_error(hub.send(other, **{"Idempotency-Key": "k-2"}), 422)
    assert body["errorCode"] == "IDEMPOTENCY_KEY_REUSED"
    assert stored_documents(hub) == 1


def _died_after_claiming(hub: Hub, key: str, body: bytes) -> None:
    """What a server process leaves when it dies between claiming ``key`` and answering."""
    from ordex.api.idempotency import LEASE
    from ordex.services.accounts import authenticate
    from ordex.storage.idempotency import Claimed, IdempotencyStore

    account = authenticate(hub.runtime.ctx, hub.keys[BUYER])
    digest = hashlib.sha256()  # the request's fingerprint: method, path, query, body
    for part in ("POST", f"/api/v1/{BUYER}/purchaseOrder/send", ""):
        digest.update(part.encode() + b"\0")
    digest.update(body)
    store = IdempotencyStore(hub.runtime.engine)
    claimed = store.claim(
        account.account_id, key, digest.hexdigest(), "dead-request", hub.clock.now(), LEASE
    )
    assert isinstance(claimed, Claimed)


def test_a_retry_runs_again_once_the_first_request_died_without_answering(
    hub: Hub, order_xml: bytes
) -> None:
    _died_after_claiming(hub, "k-3", order_xml)
    waiting = assert_psb_error(hub.send(order_xml, **{"Idempotency-Key": "k-3"}), 409)
    assert waiting["errorCode"] == "IDEMPOTENCY_KEY_IN_USE" and stored_documents(hub) == 0
    hub.clock.advance(seconds=10)  # the dead request renewed its claim no more
    retried: Any = hub.send(order_xml, **{"Idempotency-Key": "k-3"})
    assert retried.status_code == 200 and stored_documents(hub) == 1
    replayed: Any = hub.send(order_xml, **{"Idempotency-Key": "k-3"})
    assert replayed.headers["Idempotent-Replayed"] == "true"
    assert replayed.json() == retried.json()


def test_a_retry_of_a_request_that_died_after_storing_its_document_hears_its_answer(
    hub: Hub, order_xml: bytes
) -> None:
    _died_after_claiming(hub, "k-4", order_xml)
    hub.clock.advance(seconds=1)
    first: Any = hub.send(order_xml)  # what the dead request stored before dying
    hub.clock.advance(seconds=10)
    retried: Any = hub.send(order_xml, **{"Idempotency-Key": "k-4"})
    assert retried.status_code == 200, retried.text
    assert retried.json() == first.json() and stored_documents(hub) == 1
    assert retried.headers["Idempotent-Replayed"] == "true"
    again: Any = hub.send(order_xml, **{"Idempotency-Key": "k-4"})
    assert (again.status_code, again.json()) == (200, first.json())


def test_a_retry_whose_document_was_stored_before_its_key_was_claimed_is_a_duplicate(
    hub: Hub, order_xml: bytes
) -> None:
    first = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    hub.clock.advance(seconds=1)
    _died_after_claiming(hub, "k-5", order_xml)  # died before its own attempt was stored
    hub.clock.advance(seconds=10)
    body = assert_psb_error(hub.send(order_xml, **{"Idempotency-Key": "k-5"}), 409, first)
    assert body["documentId"] == first and stored_documents(hub) == 1


def test_no_key_or_a_wrong_key_is_a_401(hub: Hub, order_xml: bytes) -> None:
    url = f"/api/v1/{BUYER}/purchaseOrder/send"
    assert_psb_error(hub.client.post(url, content=order_xml), 401)
    answer = hub.client.post(url, content=order_xml, headers={"Authorization": "Bearer nope"})
    assert_psb_error(answer, 401)


def test_a_malformed_party_id_in_the_path_says_so(hub: Hub) -> None:
    answer = hub.client.get("/api/v1/9999:abc/salesOrder", headers=hub.headers(BUYER))
    assert_psb_error(answer, 400, "9999")


def test_a_response_with_an_unknown_status_is_a_400_naming_the_field(
    hub: Hub, order_xml: bytes
) -> None:
    document_id = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    answer = hub.client.post(
        f"/api/v1/{SELLER}/salesOrder/{document_id}/response",
        json={"status": "OK"},
        headers=hub.headers(SELLER),
    )
    assert_psb_error(answer, 400, "status")


def test_a_purged_document_answers_410_saying_why(hub: Hub, order_xml: bytes) -> None:
    document_id = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    url = f"/api/v1/{SELLER}/salesOrder/{document_id}/download"
    assert hub.client.get(url, headers=hub.headers(SELLER)).status_code == 200
    hub.clock.advance(days=7)
    purged = hub.client.post(
        "/admin/v1/purge", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
    ).json()
    assert purged == {"purged": 1}
    assert_psb_error(hub.client.get(url, headers=hub.headers(SELLER)), 410, "retention")


def test_a_deleted_document_answers_410(hub: Hub, order_xml: bytes) -> None:
    document_id = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    deleted = hub.client.delete(
        f"/api/v1/{SELLER}/salesOrder/{document_id}", headers=hub.headers(SELLER)
    )
    assert deleted.status_code == 204
    answer = hub.client.get(
        f"/api/v1/{SELLER}/salesOrder/{document_id}/download", headers=hub.headers(SELLER)
    )
    assert_psb_error(answer, 410, "deleted")


def test_the_admin_api_creates_accounts_and_answers_problem_json(hub: Hub) -> None:
    refused = hub.client.post("/admin/v1/accounts", json={"name": "x", "parties": ["0088:1"]})
    assert refused.status_code == 401
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["status"] == 401
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    created = hub.client.post(
        "/admin/v1/accounts",
        json={"name": "New", "parties": ["0088:4000001000005"]},
        headers=admin,
    )
    assert created.status_code == 201
    key = created.json()["apiKey"]
    listed = hub.client.get(
        "/api/v1/0088:4000001000005/salesOrder", headers={"Authorization": f"Bearer {key}"}
    )
    assert listed.status_code == 200
    taken = hub.client.post(
        "/admin/v1/accounts", json={"name": "Again", "parties": [SELLER]}, headers=admin
    )
    assert taken.status_code == 409 and taken.json()["title"] == "PartyAlreadyRegistered"


def test_the_openapi_documents_every_endpoint_with_its_errors(hub: Hub) -> None:
    spec = hub.client.get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in methods.items():
            assert {"400", "404"} <= operation["responses"].keys(), f"{method} {path}"


def outbox_topics(hub: Hub) -> list[tuple[str, str]]:
    with hub.runtime.engine.connect() as conn:
        rows = conn.execute(select(t.outbox.c.topic, t.outbox.c.party_id)).all()
    return [(row.topic, row.party_id) for row in rows]


def test_events_are_written_with_the_change_and_not_for_a_refused_request(
    hub: Hub, order_xml: bytes
) -> None:
    document_id = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    assert outbox_topics(hub) == [("OrderReceived", SELLER)]
    hub.send(order_xml)  # duplicate: refused
    url = f"/api/v1/{SELLER}/salesOrder/{document_id}/response"
    hub.client.post(url, json={"status": "RE"}, headers=hub.headers(SELLER))
    hub.client.post(url, json={"status": "AP"}, headers=hub.headers(SELLER))  # refused
    assert sorted(outbox_topics(hub)) == sorted(
        [
            ("OrderReceived", SELLER),
            ("OrderResponseSent", SELLER),
            ("OrderResponseReceived", BUYER),
        ]
    )
