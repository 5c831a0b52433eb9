"""Errors that say what to fix (issue 21, item 9): each names the value, the field or the
right form of the request."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from tests.e2e.conftest import BUYER, SELLER, Hub
from tests.unit.fakes import FakeClock

HOOK = {"action": "http://127.0.0.1:9/hook", "topics": ["*Received"]}


@pytest.fixture
def sandbox(database_url: str) -> Iterator[Hub]:
    """A hub that takes loopback webhook targets (as make run's)."""
    settings = Settings(
        database_url=database_url, allow_private_webhooks=True, allow_http_webhooks=True
    )
    rt = bootstrap(settings, clock=FakeClock())
    keys = {SELLER: create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])[1]}
    with TestClient(create_app(rt)) as client:
        yield Hub(client=client, runtime=rt, clock=FakeClock(), keys=keys)
    rt.engine.dispose()


def _findings(answer: object) -> dict[str, str]:
    body = answer.json()  # type: ignore[attr-defined]
    return {finding["ruleId"]: finding["message"] for finding in body["errors"]}


def test_a_wrong_total_says_what_was_expected_and_what_was_found(
    hub: Hub, order_xml: bytes
) -> None:
    wrong = order_xml.replace(
        b'<cbc:LineExtensionAmount currencyID="EUR">500.00<',
        b'<cbc:LineExtensionAmount currencyID="EUR">510.00<',
    )
    answer = hub.send(wrong)
    assert answer.status_code == 400  # type: ignore[attr-defined]
    message = _findings(answer)["PEPPOL-T01-R008"]
    assert "cbc:LineExtensionAmount: expected 500.00, found 510.00" in message


def test_a_quantity_that_is_no_number_is_not_called_negative(hub: Hub, order_xml: bytes) -> None:
    answer = hub.send(order_xml.replace(b'unitCode="C62">20<', b'unitCode="C62">abc<'))
    assert answer.status_code == 400  # type: ignore[attr-defined]
    message = _findings(answer)["PEPPOL-T01-R004"]
    assert "cbc:Quantity is 'abc', which is not a number" in message


def test_json_sent_as_an_order_is_told_to_send_xml(hub: Hub) -> None:
    answer = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/send",
        json={"order": "PO-1"},
        headers=hub.headers(BUYER),
    )
    assert answer.status_code == 400
    body = answer.json()
    assert body["errorCode"] == "MALFORMED_DOCUMENT"
    assert "Content-Type: application/xml" in body["message"]


def test_a_hook_with_an_unknown_field_is_refused_naming_it(sandbox: Hub) -> None:
    hook = {**HOOK, "topic": ["*Received"]}
    answer = sandbox.client.put(
        f"/api/v1/{SELLER}/hook", json=hook, headers=sandbox.headers(SELLER)
    )
    assert answer.status_code == 400
    assert "unknown field(s) topic" in answer.json()["message"]


def test_a_hook_read_back_can_be_put_again(sandbox: Hub) -> None:
    path, headers = f"/api/v1/{SELLER}/hook", sandbox.headers(SELLER)
    made = sandbox.client.put(path, json=HOOK, headers=headers)
    assert made.status_code == 200, made.text
    again = sandbox.client.put(path, json=made.json(), headers=headers)
    assert again.status_code == 200, again.text


def test_an_order_number_in_place_of_its_document_id_is_answered_with_the_id(
    hub: Hub, order_xml: bytes
) -> None:
    document_id = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    answer = hub.client.get(
        f"/api/v1/{BUYER}/purchaseOrder/PO-2026-0001/status", headers=hub.headers(BUYER)
    )
    assert answer.status_code == 404
    message = answer.json()["message"]
    assert f"the documentId of your Order PO-2026-0001 is {document_id}" in message
    stranger = hub.client.get(
        f"/api/v1/{SELLER}/salesOrder/PO-2026-0001/status", headers=hub.headers(SELLER)
    )
    assert document_id not in stranger.json()["message"]


def test_the_token_route_says_which_grant_to_use(hub: Hub) -> None:
    wrong = hub.client.post("/connect/token", data={"grant_type": "authorization_code"})
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "unsupported_grant_type"
    assert "client_credentials" in wrong.json()["error_description"]
    missing = hub.client.post("/connect/token", data={"client_secret": hub.keys[BUYER]})
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"


def test_the_token_route_takes_http_basic_client_credentials(hub: Hub) -> None:
    basic = base64.b64encode(f"buyer:{hub.keys[BUYER]}".encode()).decode()
    answer = hub.client.post(
        "/connect/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert answer.status_code == 200, answer.text
    wrong = base64.b64encode(b"buyer:not-a-key").decode()
    refused = hub.client.post(
        "/connect/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {wrong}"},
    )
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"].startswith("Basic")
