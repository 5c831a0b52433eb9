"""Storage against a real database (SQLite, and PostgreSQL when given): migrations,
repositories, transactions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, func, select

from ordex.domain.accounts import Account
from ordex.domain.content import (
    Address,
    DocumentType,
    Item,
    OrderContent,
    OrderLine,
    Party,
    PartyId,
    Period,
    Totals,
)
from ordex.domain.documents import Document, PurgeReason
from ordex.domain.errors import ConcurrentUpdate, DuplicateDocument, PartyAlreadyRegistered
from ordex.domain.orders import Order, OrderState
from ordex.services.ports import DocumentQuery
from ordex.storage import tables as t
from ordex.storage.migrate import upgrade
from ordex.storage.unit_of_work import SqlUnitOfWork, make_engine

AT = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
BUYER, SELLER = PartyId("0088", "7300010000001"), PartyId("0088", "7302347231110")


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def a_content(number: str = "PO-1") -> OrderContent:
    return OrderContent(
        document_type=DocumentType.ORDER,
        customization_id="urn:fdc:peppol.eu:poacc:trns:order:3",
        profile_id="urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3",
        number=number,
        issue_date=AT.date(),
        currency="EUR",
        buyer=Party(endpoint=BUYER, name="Buyer", address=Address(city="Stockholm")),
        seller=Party(endpoint=SELLER, identifiers=(PartyId("0007", "5546577791"),)),
        lines=(
            OrderLine(
                "1",
                Decimal("10.5"),
                "NAR",
                Decimal("420.00"),
                Decimal("40"),
                item=Item(name="Item 1", tax_percent=Decimal("20")),
                requested_delivery=Period(AT.date(), None),
            ),
        ),
        totals=Totals(line_extension=Decimal("420.00")),
    )


def store_order(engine: Engine, order_id: str = "o-1", number: str = "PO-1") -> Order:
    order = Order.receive(order_id, BUYER, SELLER, a_content(number), AT)
    with SqlUnitOfWork(engine) as uow:
        uow.orders.add(order)
        uow.documents.add(
            Document(
                order_id,
                order_id,
                DocumentType.ORDER,
                "T01",
                number,
                BUYER,
                SELLER,
                AT,
                b"<Order/>",
            )
        )
        uow.commit()
    return order


def test_the_migrations_create_exactly_the_schema_the_code_declares(engine: Engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), t.metadata)
    assert diff == []


def test_an_order_comes_back_exactly_as_stored_with_aware_utc_times(engine: Engine) -> None:
    stored = store_order(engine)
    with SqlUnitOfWork(engine) as uow:
        loaded = uow.orders.get("o-1")
    assert loaded == stored
    assert loaded is not None and loaded.created_at.tzinfo is not None


def test_an_order_update_writes_a_new_content_and_keeps_the_old_one_otherwise(
    engine: Engine,
) -> None:
    store_order(engine)
    changed = replace(a_content("PO-1"), note="Changed by the buyer")
    with SqlUnitOfWork(engine) as uow:
        order = uow.orders.get("o-1")
        assert order is not None
        order.state = OrderState.ACCEPTED  # the content as read: not written again
        uow.orders.update(order)
        order.content = changed  # then another: written
        uow.orders.update(order)
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        loaded = uow.orders.get("o-1")
        assert loaded is not None
        assert (loaded.state, loaded.content, loaded.version) == (OrderState.ACCEPTED, changed, 3)
        loaded.state = OrderState.CANCELLED
        uow.orders.update(loaded)
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        again = uow.orders.get("o-1")
    assert again is not None and (again.state, again.content) == (OrderState.CANCELLED, changed)


def test_nothing_is_kept_when_the_unit_of_work_is_not_committed(engine: Engine) -> None:
    with SqlUnitOfWork(engine) as uow:
        uow.orders.add(Order.receive("o-2", BUYER, SELLER, a_content("PO-2"), AT))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.orders)).scalar_one() == 0


def test_the_database_refuses_a_second_document_with_the_same_sender_type_and_number(
    engine: Engine,
) -> None:
    store_order(engine)
    with SqlUnitOfWork(engine) as uow, pytest.raises(DuplicateDocument) as info:
        uow.documents.add(
            Document(
                "d-2", "o-1", DocumentType.ORDER, "T01", "PO-1", BUYER, SELLER, AT, b"<Order/>"
            )
        )
    assert info.value.existing_document_id == "o-1"


def test_a_stale_order_update_is_refused_rather_than_lost(engine: Engine) -> None:
    store_order(engine)
    with SqlUnitOfWork(engine) as first:
        mine = first.orders.get("o-1")
    with SqlUnitOfWork(engine) as second:
        theirs = second.orders.get("o-1")
        assert theirs is not None
        theirs.state = OrderState.ACCEPTED
        second.orders.update(theirs)
        second.commit()
    assert mine is not None
    mine.state = OrderState.REJECTED
    with SqlUnitOfWork(engine) as third, pytest.raises(ConcurrentUpdate):
        third.orders.update(mine)
    with SqlUnitOfWork(engine) as check:
        final = check.orders.get("o-1")
    assert final is not None and final.state is OrderState.ACCEPTED


def test_idempotency_answers_older_than_a_day_are_pruned(engine: Engine) -> None:
    from datetime import timedelta

    from ordex.storage.idempotency import KEY_LIFETIME, Claimed, IdempotencyStore, StoredAnswer

    store = IdempotencyStore(engine)
    lease = timedelta(seconds=5)
    assert isinstance(store.claim("acc", "old", "h1", "r1", AT - timedelta(days=2), lease), Claimed)
    assert isinstance(store.claim("acc", "new", "h2", "r2", AT, lease), Claimed)
    assert store.prune(AT - KEY_LIFETIME) == 1
    assert isinstance(store.claim("acc", "old", "h3", "r3", AT, lease), Claimed)  # free again
    remembered = store.claim("acc", "new", "h4", "r4", AT, lease)
    assert isinstance(remembered, StoredAnswer)


def test_a_party_claimed_by_two_accounts_is_refused_by_the_key_with_the_named_error(
    engine: Engine,
) -> None:
    with SqlUnitOfWork(engine) as uow:
        uow.accounts.add(Account("a-1", "First", AT, [BUYER]))
        uow.commit()
    with SqlUnitOfWork(engine) as uow, pytest.raises(PartyAlreadyRegistered):
        uow.accounts.add(Account("a-2", "Second", AT, [BUYER]))  # no check in Python first


def test_a_list_gives_each_document_as_stored_with_its_orders_number_and_state(
    engine: Engine,
) -> None:
    store_order(engine, "o-1", "PO-1")
    store_order(engine, "o-2", "PO-2")
    later = AT.replace(hour=12)
    with SqlUnitOfWork(engine) as uow:
        downloaded, order = uow.documents.get("o-2"), uow.orders.get("o-2")
        assert downloaded is not None and order is not None
        downloaded.read(later)
        downloaded.purge(later, PurgeReason.DELETED)
        uow.documents.update(downloaded)
        order.state = OrderState.ACCEPTED
        uow.orders.update(order)
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        listed = uow.documents.query(DocumentQuery(party=SELLER, role="receiver"))
        documents = [uow.documents.get(entry.document_id) for entry in listed]
    assert [entry.document_id for entry in listed] == ["o-1", "o-2"]
    for entry, document in zip(listed, documents, strict=True):
        assert document is not None
        assert {name: getattr(entry, name) for name in _LISTED_FROM_DOCUMENT} == {
            name: getattr(document, name) for name in _LISTED_FROM_DOCUMENT
        }
    assert [(e.order_number, e.order_state) for e in listed] == [
        ("PO-1", OrderState.RECEIVED),
        ("PO-2", OrderState.ACCEPTED),
    ]
    assert (listed[1].first_downloaded_at, listed[1].purged_at) == (later, later)
    with SqlUnitOfWork(engine) as uow:
        accepted = uow.documents.query(DocumentQuery(SELLER, "receiver", state="accepted"))
        sent = uow.documents.query(DocumentQuery(SELLER, "sender"))
    assert ([e.document_id for e in accepted], sent) == (["o-2"], [])


_LISTED_FROM_DOCUMENT = (
    "document_id",
    "order_id",
    "document_type",
    "transaction",
    "number",
    "sender",
    "receiver",
    "created_at",
    "response_code",
    "first_downloaded_at",
    "purged_at",
)


def test_a_download_and_a_purge_of_one_document_at_once_both_keep_their_change(
    engine: Engine,
) -> None:
    if engine.dialect.name == "sqlite":
        pytest.skip(
            "SQLite runs one writing transaction at a time; this runs on PostgreSQL: "
            "bash .ci/with-postgres .venv/bin/pytest tests/integration/test_storage.py"
        )
    store_order(engine)
    later = AT.replace(hour=12)
    with SqlUnitOfWork(engine) as purger:
        to_purge = purger.documents.get("o-1")
        with SqlUnitOfWork(engine) as downloader:
            downloaded = downloader.documents.get("o-1")
            assert downloaded is not None
            downloaded.read(later)
            downloader.documents.update(downloaded)
            downloader.commit()
        assert to_purge is not None and to_purge.first_downloaded_at is None  # read before
        to_purge.purge(later, PurgeReason.RETENTION)
        purger.documents.update(to_purge)
        purger.commit()
    with SqlUnitOfWork(engine) as check:
        final = check.documents.get("o-1")
    assert final is not None
    assert (final.content, final.purged_at, final.first_downloaded_at) == (None, later, later)


def test_an_idempotency_claim_left_without_an_answer_is_taken_over_once_its_lease_runs_out(
    engine: Engine,
) -> None:
    from datetime import timedelta

    from ordex.storage.idempotency import Claimed, IdempotencyStore, StoredAnswer

    store = IdempotencyStore(engine)
    lease = timedelta(seconds=5)
    assert isinstance(store.claim("acc", "k", "h", "dead", AT, lease), Claimed)
    soon = AT + timedelta(seconds=4)  # its process dies before answering
    in_progress = store.claim("acc", "k", "h", "r1", soon, lease)
    assert isinstance(in_progress, StoredAnswer) and in_progress.status_code is None
    later = AT + timedelta(seconds=6)
    other_request = store.claim("acc", "k", "h2", "r2", later, lease)
    assert isinstance(other_request, StoredAnswer) and other_request.request_hash == "h"
    taken = store.claim("acc", "k", "h", "r3", later, lease)
    assert taken == Claimed(claimed_at=AT, taken_over=True)
    # The retry's claim is fresh: a second retry at the same moment waits for it.
    again = store.claim("acc", "k", "h", "r4", later, lease)
    assert isinstance(again, StoredAnswer) and again.status_code is None
    # The dead request cannot renew, answer or release what it lost.
    assert not store.renew("acc", "k", "dead", later + lease)
    store.store("acc", "k", "dead", 500, b"late", "text/plain")
    store.release("acc", "k", "dead")
    assert store.renew("acc", "k", "r3", later + timedelta(seconds=4))
    store.store("acc", "k", "r3", 200, b"{}", "application/json")
    answered = store.claim("acc", "k", "h", "r5", later + timedelta(hours=1), lease)
    assert answered == StoredAnswer("h", 200, b"{}", "application/json")  # never taken over


def test_a_running_request_that_renews_its_idempotency_claim_keeps_it(engine: Engine) -> None:
    from datetime import timedelta

    from ordex.storage.idempotency import Claimed, IdempotencyStore, StoredAnswer

    store = IdempotencyStore(engine)
    lease = timedelta(seconds=5)
    assert isinstance(store.claim("acc", "k", "h", "alive", AT, lease), Claimed)
    for second in range(4, 60, 4):
        at = AT + timedelta(seconds=second)
        assert store.renew("acc", "k", "alive", at + lease)
        assert isinstance(store.claim("acc", "k", "h", f"retry-{second}", at, lease), StoredAnswer)
