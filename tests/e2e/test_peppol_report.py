"""``ordex peppol report`` over stored exchanges, on SQLite and PostgreSQL: only what
crossed the network counts (a party of another hub on one side)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import (
    Column,
    Engine,
    LargeBinary,
    MetaData,
    String,
    Table,
    delete,
    insert,
    select,
)
from typer.testing import CliRunner

from ordex.cli import app
from ordex.network.reporting import Month, end_user_statistics, transmission_of
from ordex.storage import tables as t
from ordex.storage.network_tables import network_transmissions
from ordex.storage.peppol_reporting import CrossingDocument, crossing_documents
from ordex.storage.tables import UtcDateTime
from tests.e2e.conftest import BUYER, SELLER, Hub
from tests.fixture_pki import pki
from tests.reporting_rules import eusr_failures, tsr_failures


def test_the_report_counts_only_documents_that_crossed_the_network(
    hub: Hub, order_xml: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = hub.send(order_xml)
    assert order.status_code == 200, order.text  # type: ignore[attr-defined]
    order_id = order.json()["documentId"]  # type: ignore[attr-defined]
    answer = hub.client.post(
        f"/api/v1/{SELLER}/salesOrder/{order_id}/response",
        json={"status": "AP"},
        headers=hub.headers(SELLER),
    )
    assert answer.status_code == 200, answer.text
    november, engine = Month.parse("2026-11"), hub.runtime.engine
    assert crossing_documents(engine, november.start, november.end) == []  # all local

    with engine.begin() as conn:  # the seller moves to another hub
        conn.execute(delete(t.parties).where(t.parties.c.party_id == SELLER))
    crossed = crossing_documents(engine, november.start, november.end)
    assert sorted((d.transaction, d.incoming) for d in crossed) == [("T01", False), ("T116", True)]
    assert {d.other_access_point for d in crossed} == {None}

    received_over_as4(engine, next(d for d in crossed if d.incoming), hub)
    crossed = crossing_documents(engine, november.start, november.end)
    assert sorted((d.transaction, d.other_access_point or "") for d in crossed) == [
        ("T01", ""),  # the receiving AP of an outgoing document is not recorded yet
        ("T116", "POP000002"),
    ]
    assert crossing_documents(engine, *_bounds("2026-12")) == []
    transmissions = [
        transmission_of(d.transaction, d.sender, d.receiver, d.incoming, d.content) for d in crossed
    ]
    assert {t.end_user for t in transmissions} == {BUYER}
    eusr = end_user_statistics(november, "POP000001", transmissions)
    assert eusr_failures(eusr) == [] and b"<SendingOrReceivingEndUsers>1<" in eusr

    certificate, key = pki().hub_a.write(tmp_path, "hub-a")
    trust = tmp_path / "trust.pem"
    trust.write_bytes(pki().trust_pem)
    for name, value in {
        "ORDEX_PEPPOL_AP_CERT": certificate,
        "ORDEX_PEPPOL_AP_KEY": key,
        "ORDEX_PEPPOL_TRUST": trust,
        "ORDEX_DATABASE_URL": hub.runtime.settings.database_url,
    }.items():
        monkeypatch.setenv(name, str(value))
    runner = CliRunner()
    refused = runner.invoke(app, ["peppol", "report", "--month", "2026-11", "--out", str(tmp_path)])
    assert refused.exit_code == 2 and "seat ID" in refused.output  # needs the AS4 records
    empty = runner.invoke(app, ["peppol", "report", "--month", "2026-10", "--out", str(tmp_path)])
    assert empty.exit_code == 0, empty.output
    assert tsr_failures((tmp_path / "tsr-2026-10.xml").read_bytes()) == []
    assert eusr_failures((tmp_path / "eusr-2026-10.xml").read_bytes()) == []


def test_an_outgoing_document_counts_in_the_month_its_delivery_to_the_other_ap_was_receipted(
    hub: Hub, order_xml: bytes
) -> None:
    order = hub.send(order_xml)
    assert order.status_code == 200, order.text  # type: ignore[attr-defined]
    engine = hub.runtime.engine
    with engine.begin() as conn:  # the seller is on another access point, POP000002
        conn.execute(delete(t.parties).where(t.parties.c.party_id == SELLER))
        document_id = conn.execute(select(t.documents.c.document_id)).scalar_one()
        conn.execute(
            insert(network_transmissions).values(
                document_id=document_id,
                sender=BUYER,
                receiver=SELLER,
                document_type_id="x",
                process_id="y",
                country="SE",
                status="delivered",
                attempts=1,
                created_at=hub.clock.now(),
                delivered_at=Month.parse("2026-12").start,  # receipted after midnight
                receiver_ap="POP000002",
            )
        )
    assert crossing_documents(engine, *_bounds("2026-11")) == []
    [crossed] = crossing_documents(engine, *_bounds("2026-12"))
    assert (crossed.transaction, crossed.incoming, crossed.other_access_point) == (
        "T01",
        False,
        "POP000002",
    )
    with engine.begin() as conn:  # refused for good: it crossed nothing
        conn.execute(network_transmissions.update().values(status="failed", delivered_at=None))
    assert crossing_documents(engine, *_bounds("2026-11")) == []
    assert crossing_documents(engine, *_bounds("2026-12")) == []


def received_over_as4(engine: Engine, document: CrossingDocument, hub: Hub) -> None:
    """Records ``document`` as received over AS4 from POP000002, in the table of the AS4
    side (migration 0014 creates it; here it is made in its shape when missing)."""
    schema = MetaData()
    received = Table(
        "network_received",
        schema,
        Column("message_id", String(255), primary_key=True),
        Column("sender_ap", String(100), nullable=False),
        Column("document_id", String(36), nullable=True),
        Column("receipt", LargeBinary, nullable=False),
        Column("received_at", UtcDateTime(), nullable=False),
    )
    schema.create_all(engine)
    with engine.begin() as conn:
        document_id = conn.execute(
            select(t.documents.c.document_id).where(
                t.documents.c.transaction_id == document.transaction
            )
        ).scalar_one()
        conn.execute(
            insert(received).values(
                message_id="m-1@pop000002",
                sender_ap="POP000002",
                document_id=document_id,
                receipt=b"<receipt/>",
                received_at=hub.clock.now(),
            )
        )


def _bounds(month: str) -> tuple[object, object]:
    period = Month.parse(month)
    return period.start, period.end
