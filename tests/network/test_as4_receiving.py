"""``POST /as4``: an order from a buyer on another access point arrives like a local send;
every bad message is answered with the ebMS error that says why, stores nothing and is
logged once."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from ordex.api.app import create_app
from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.network.as4_port import OutgoingMessage, verify_receipt
from ordex.network.pki import DevPki
from ordex.network.ports import PeppolSettings
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.storage import tables as t
from tests.network.as4_kit import (
    Kit,
    content_type,
    expired,
    sbd_rewritten,
    tampered,
    unsigned,
)

BUYER = "0088:7300010000001"  # on the other access point (POP000001)
SELLER = "0088:7302347231110"  # hosted here (POP000002)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SOAP_ERROR = b"errorCode="
KEYS: dict[int, str] = {}


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    pki = DevPki.create()
    return Kit(pki, pki.access_point("POP000001"), pki.access_point("POP000002"))


def _runtime(kit: Kit, directory: Path, database_url: str, **settings: object) -> Runtime:
    (directory / "trust.pem").write_bytes(kit.pki.trust_pem)
    (directory / "ap.pem").write_bytes(kit.receiver.certificate_pem)
    (directory / "ap.key").write_bytes(kit.receiver.key_pem)
    peppol = PeppolSettings(
        directory / "ap.pem", directory / "ap.key", str(directory / "trust.pem")
    )
    rt = bootstrap(Settings(database_url=database_url, peppol=peppol, **settings))  # type: ignore[arg-type]
    _, key = create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    KEYS[id(rt)] = key
    return rt


def _post(client: TestClient, message: OutgoingMessage, body: bytes | None = None):  # type: ignore[no-untyped-def]
    return client.post(
        "/as4",
        content=message.body if body is None else body,
        headers={"Content-Type": content_type(message)},
    )


def _order() -> bytes:
    return (EXAMPLES / "order.xml").read_bytes()


def _count(rt: Runtime, table) -> int:  # type: ignore[no-untyped-def]
    with rt.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_an_order_from_another_access_point_is_received_once_and_its_receipt_proves_it(
    kit: Kit, tmp_path: Path, database_url: str
) -> None:
    rt = _runtime(kit, tmp_path, database_url)
    sender = kit.access_point(kit.sender)
    message = kit.message(sender, payload=_order(), sender_id=BUYER, receiver_id=SELLER)
    with TestClient(create_app(rt)) as client:
        first = _post(client, message)
        assert first.status_code == 200 and SOAP_ERROR not in first.content, first.text
        assert verify_receipt(sender, message.exchange, first.content)
        again = _post(client, message)  # the same MessageId: the same receipt, stored once
        assert again.content == first.content
        listed = client.get(
            f"/api/v1/{SELLER}/salesOrder",
            headers={"Authorization": f"Bearer {KEYS[id(rt)]}"},
        )
    assert listed.status_code == 200, listed.text
    [item] = listed.json()["items"]
    assert item["senderPartyId"] == BUYER if "senderPartyId" in item else True
    assert _count(rt, t.documents) == 1
    assert _count(rt, t.network_tables.network_received) == 1
    rt.engine.dispose()


@pytest.fixture(scope="module")
def hub(kit: Kit, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Runtime, TestClient]]:
    directory = tmp_path_factory.mktemp("as4hub")
    rt = _runtime(
        kit, directory, f"sqlite:///{directory / 'ordex.db'}", max_document_bytes=256 * 1024
    )
    with TestClient(create_app(rt)) as client:
        yield rt, client
    rt.engine.dispose()


def _hostile_doctype(sbd: bytes) -> bytes:
    return b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + sbd


def _bomb(sbd: bytes) -> bytes:
    return sbd.replace(b"</Order>", b"<!--" + b" " * (2 * 1024 * 1024) + b"--></Order>")


def _bad_message(kit: Kit, case: str) -> tuple[OutgoingMessage, bytes | None, str, str]:
    """(message, body to post instead, expected code, expected detail)."""
    order = _order()
    if case == "unsigned":
        m = kit.message(payload=order, sender_id=BUYER, receiver_id=SELLER)
        return m, unsigned(m.body), "EBMS:0103", "signature"
    if case == "wrongly signed":
        m = kit.message(payload=order, sender_id=BUYER, receiver_id=SELLER)
        return m, tampered(m.body, SELLER.encode(), b"0088:7302347231119"), "EBMS:0101", ""
    if case == "untrusted chain":
        stranger = DevPki.create().access_point("POP000001")
        m = kit.message(
            kit.access_point(stranger), payload=order, sender_id=BUYER, receiver_id=SELLER
        )
        return m, None, "EBMS:0101", ""
    if case == "expired certificate":
        m = kit.message(
            kit.access_point(expired(kit.pki, "POP000001")),
            payload=order,
            sender_id=BUYER,
            receiver_id=SELLER,
        )
        return m, None, "EBMS:0101", ""
    if case == "wrong recipient":
        m = kit.message(payload=order, sender_id=BUYER, receiver_id="0088:5790000435975")
        return m, None, "EBMS:0004", "PEPPOL:NOT_SERVICED"
    if case == "document type not accepted":
        m = kit.message(
            payload=order,
            sender_id=BUYER,
            receiver_id=SELLER,
            document_type="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
            "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1",
        )
        return m, None, "EBMS:0004", "PEPPOL:NOT_SERVICED"
    if case == "hostile XML in the SBDH":
        with sbd_rewritten(_hostile_doctype):
            m = kit.message(payload=order, sender_id=BUYER, receiver_id=SELLER)
        return m, None, "EBMS:0004", "DOCTYPE"
    if case == "hostile XML in the payload":
        hostile = b'<!DOCTYPE Order [<!ENTITY a "aaaaaaaaaa">]>' + order.split(b"?>", 1)[1].replace(
            b"<cbc:Note>", b"<cbc:Note>&a;", 1
        )
        m = kit.message(payload=hostile, sender_id=BUYER, receiver_id=SELLER)
        return m, None, "EBMS:0004", ""
    if case == "compression bomb":
        with sbd_rewritten(_bomb):
            m = kit.message(payload=order, sender_id=BUYER, receiver_id=SELLER)
        return m, None, "EBMS:0303", ""
    if case == "an invalid order":
        broken = order.replace(b"<cbc:IssueDate>", b"<cbc:IssueDate>x", 1)
        m = kit.message(payload=broken, sender_id=BUYER, receiver_id=SELLER)
        return m, None, "EBMS:0004", ""
    raise AssertionError(case)


CASES = [
    "unsigned",
    "wrongly signed",
    "untrusted chain",
    "expired certificate",
    "wrong recipient",
    "document type not accepted",
    "hostile XML in the SBDH",
    "hostile XML in the payload",
    "compression bomb",
    "an invalid order",
]


@pytest.mark.parametrize("case", CASES)
def test_a_bad_message_is_answered_with_its_ebms_error_stores_nothing_and_is_logged_once(
    kit: Kit,
    hub: tuple[Runtime, TestClient],
    case: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    rt, client = hub
    message, body, code, detail = _bad_message(kit, case)
    documents, received = _count(rt, t.documents), _count(rt, t.network_tables.network_received)
    with caplog.at_level(logging.WARNING, logger="ordex.network"):
        answer = _post(client, message, body)
    assert answer.status_code == 200
    assert SOAP_ERROR in answer.content, answer.text
    assert f'errorCode="{code}"'.encode() in answer.content, answer.text
    assert detail.encode() in answer.content, answer.text
    refusals = [r for r in caplog.records if r.name == "ordex.network"]
    assert len(refusals) == 1 and code in refusals[0].getMessage()
    assert _count(rt, t.documents) == documents
    assert _count(rt, t.network_tables.network_received) == received


def test_an_oversized_message_is_refused_before_it_is_read(hub: tuple[Runtime, TestClient]) -> None:
    rt, client = hub
    answer = client.post(
        "/as4", content=b"x" * (300 * 1024), headers={"Content-Type": "multipart/related"}
    )
    assert answer.status_code == 413
    assert _count(rt, t.documents) == 0


def test_without_a_certificate_there_is_no_as4_route(tmp_path: Path) -> None:
    rt = bootstrap(Settings(database_url=f"sqlite:///{tmp_path / 'o.db'}"))
    with TestClient(create_app(rt)) as client:
        assert client.post("/as4", content=b"x").status_code == 404
    rt.engine.dispose()
