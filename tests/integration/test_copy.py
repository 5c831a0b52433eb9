"""``ordex db copy``: a SQLite hub's data moved to another database (SQLite or PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from ordex.bootstrap import bootstrap
from ordex.cli import app
from ordex.config import Settings
from ordex.domain.content import DocumentType, PartyId, ResponseCode
from ordex.domain.financing import FinancingType
from ordex.domain.financing_items import Item
from ordex.domain.hooks import Attempt
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.services.delivery import relay_outbox
from ordex.services.financing import CreateApplication, create_application
from ordex.services.hooks import PutHook, put_hook
from ordex.services.responding import RespondToOrder, respond_to_order
from ordex.services.sending import SendDocument, send_document
from ordex.storage import tables as t
from ordex.storage.copy import CopyRefused, copy_database
from ordex.storage.migrate import upgrade
from ordex.storage.unit_of_work import make_engine
from tests.integration.racers import BUYER, SELLER, order_xml

ORDERS = 7
runner = CliRunner()


@pytest.fixture
def source(tmp_path: Path) -> str:
    """A SQLite hub with accounts, orders, responses, a hook, deliveries and attempts."""
    url = f"sqlite:///{tmp_path / 'source.db'}"
    rt = bootstrap(Settings(database_url=url, allow_private_webhooks=True))
    buyer, _ = create_account(rt.ctx, "Buyer", [parse_party_id(BUYER)])
    seller, _ = create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    put_hook(
        rt.ctx,
        PutHook(seller, parse_party_id(SELLER), "https://erp.test/hook", ["*"], secret="s"),
    )
    for n in range(ORDERS):
        sent = send_document(
            rt.ctx, SendDocument(buyer, parse_party_id(BUYER), order_xml(f"PO-{n}"))
        )
        if n % 2:
            respond_to_order(
                rt.ctx,
                RespondToOrder(seller, parse_party_id(SELLER), sent.document_id, ResponseCode.AB),
            )
    partner, _ = create_account(rt.ctx, "Partner", [PartyId("partner", "acme")])
    create_application(
        rt.ctx,
        CreateApplication(
            partner,
            "ORD-1",
            FinancingType.PAY_IN_THREE,
            "CZK",
            [Item(name="Chair", code="CH-1", total_price=Decimal("33.33"))],
            notification_url="https://partner.test/notify",
        ),
    )
    relay_outbox(rt.ctx)
    with rt.ctx.uow() as uow:
        hook = uow.hooks.for_party(SELLER)[0]
        for delivery in uow.deliveries.for_hook(hook.hook_id):
            uow.deliveries.add_attempt(
                Attempt(delivery.delivery_id, datetime.now(UTC), 12, 503, "busy", None)
            )
        uow.commit()
    rt.engine.dispose()
    return url


def contents(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as Python values, in key order."""
    with engine.connect() as conn:
        return {
            table.name: [
                dict(row._mapping)
                for row in conn.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in t.metadata.sorted_tables
        }


def test_every_row_arrives_with_the_same_values_and_counted(source: str, database_url: str) -> None:
    seen: dict[str, int] = {}
    report = copy_database(
        source, database_url, batch_size=3, progress=lambda name, done, _: seen.update({name: done})
    )
    source_engine, target_engine = make_engine(source), make_engine(database_url)
    try:
        expected, copied = contents(source_engine), contents(target_engine)
    finally:
        source_engine.dispose()
        target_engine.dispose()
    assert copied == expected
    assert report.counts == {name: len(rows) for name, rows in expected.items()}
    assert seen == report.counts  # progress reached the end of every table
    assert report.counts["orders"] == ORDERS
    assert min(report.counts[n] for n in ("order_history", "deliveries", "delivery_attempts"))
    assert report.counts["financing_applications"] == 1


def test_the_copied_hub_goes_on_working_including_generated_keys(
    source: str, database_url: str
) -> None:
    copy_database(source, database_url)
    rt = bootstrap(Settings(database_url=database_url))
    try:
        create_account(rt.ctx, "Another buyer", [parse_party_id("0088:5790000435975")])
        with rt.ctx.uow() as uow:
            seller = uow.accounts.get(uow.accounts.owner_of(parse_party_id(SELLER)) or "")
            first = uow.documents.find(parse_party_id(BUYER), DocumentType.ORDER, "PO-0")
        assert seller is not None and first is not None
        # A response adds a history row: its generated key must follow the copied ones.
        respond_to_order(
            rt.ctx, RespondToOrder(seller, parse_party_id(SELLER), first, ResponseCode.AP)
        )
        with rt.engine.connect() as conn:
            history = conn.execute(select(t.order_history.c.name)).scalars().all()
        assert history.count("OrderResponseAP") == 1
    finally:
        rt.engine.dispose()


def test_a_target_with_data_is_refused_unless_replace_is_given(
    source: str, database_url: str
) -> None:
    copy_database(source, database_url)
    with pytest.raises(CopyRefused, match="not empty"):
        copy_database(source, database_url)
    report = copy_database(source, database_url, replace=True)
    assert report.counts["orders"] == ORDERS


def test_a_source_behind_the_migrations_is_refused(tmp_path: Path, database_url: str) -> None:
    old = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(old)
    upgrade(engine, "0001")
    engine.dispose()
    with pytest.raises(CopyRefused, match="ordex db upgrade"):
        copy_database(old, database_url)


def test_the_command_copies_and_lists_each_tables_count(source: str, tmp_path: Path) -> None:
    target = f"sqlite:///{tmp_path / 'new' / 'target.db'}"
    result = runner.invoke(app, ["db", "copy", "--from", source, "--to", target])
    assert result.exit_code == 0, result.output
    assert f"orders{' ' * 14} {ORDERS:>10} rows  counted" in result.output
    again = runner.invoke(app, ["db", "copy", "--from", source, "--to", target])
    assert again.exit_code == 2
    assert "--replace" in again.output
