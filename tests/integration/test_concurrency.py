"""Two processes touching the same order or number at the same moment, on one database.

On PostgreSQL the racers have both read before either writes (tests/integration/racers.py),
so these tests show what stops the second writer: the order's version column and the
documents' unique constraint, not a check in Python. On SQLite the writers take turns.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.domain.content import DocumentType
from ordex.domain.orders import OrderState
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import authenticate, create_account
from ordex.services.sending import SendDocument, send_document
from ordex.storage import tables as t
from tests.integration.racers import BUYER, SELLER, Race, order_xml, race

ROUNDS = 8
SPAWN = multiprocessing.get_context("spawn")


@dataclass
class Exchange:
    url: str
    rt: Runtime
    buyer_key: str
    seller_key: str

    @property
    def postgres(self) -> bool:
        return self.rt.engine.dialect.name == "postgresql"


@pytest.fixture
def exchange(database_url: str) -> Iterator[Exchange]:
    rt = bootstrap(Settings(database_url=database_url))
    _, buyer_key = create_account(rt.ctx, "Buyer", [parse_party_id(BUYER)])
    _, seller_key = create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    yield Exchange(database_url, rt, buyer_key, seller_key)
    rt.engine.dispose()


def run_race(first: Race, second: Race) -> dict[str, list[str]]:
    """Both jobs at once in two processes; each one's outcome per target."""
    barrier = SPAWN.Barrier(2)
    results = SPAWN.Queue()
    processes = [
        SPAWN.Process(target=race, args=(job, barrier, results)) for job in (first, second)
    ]
    for process in processes:
        process.start()
    outcomes = dict(results.get(timeout=120) for _ in processes)
    for process in processes:
        process.join(timeout=30)
    for name, results_of in outcomes.items():
        assert not results_of[0].startswith("crashed"), f"{name}: {results_of[0]}"
    return outcomes


def orders_sent(exchange: Exchange, count: int) -> list[str]:
    buyer = authenticate(exchange.rt.ctx, exchange.buyer_key)
    return [
        send_document(
            exchange.rt.ctx, SendDocument(buyer, parse_party_id(BUYER), order_xml(f"PO-{n}"))
        ).document_id
        for n in range(count)
    ]


def test_an_order_cancelled_and_accepted_at_once_loses_neither_change(
    exchange: Exchange,
) -> None:
    documents = orders_sent(exchange, ROUNDS)
    outcomes = run_race(
        Race("buyer", exchange.url, "cancel", exchange.buyer_key, documents),
        Race("seller", exchange.url, "accept", exchange.seller_key, documents),
    )
    for n, document_id in enumerate(documents):
        cancel, accept = outcomes["buyer"][n], outcomes["seller"][n]
        with exchange.rt.ctx.uow() as uow:
            order = uow.orders.get(document_id)
            answers = [d.document_type for d in uow.documents.for_order(document_id)][1:]
        assert order is not None
        if accept == "ResponseNotAllowed":
            # The cancellation came first: the seller's AP names the order, not the
            # cancellation, and is refused (never applied to the cancellation).
            assert cancel == "ok"
            assert (order.state, order.version) == (OrderState.CANCELLATION_REQUESTED, 2)
            assert answers == [DocumentType.ORDER_CANCELLATION]
        elif exchange.postgres and "ConcurrentUpdate" in (cancel, accept):
            # Both read version 1 before either wrote: exactly one may win.
            assert sorted([cancel, accept]) == ["ConcurrentUpdate", "ok"], (cancel, accept)
            expected = OrderState.CANCELLATION_REQUESTED if cancel == "ok" else OrderState.ACCEPTED
            assert (order.state, order.version, len(answers)) == (expected, 2, 1)
        else:
            # The acceptance came first, then the cancellation of the accepted order.
            assert (cancel, accept) == ("ok", "ok")
            assert (order.state, order.version) == (OrderState.CANCELLATION_REQUESTED, 3)
            assert sorted(answers) == sorted(
                [DocumentType.ORDER_RESPONSE, DocumentType.ORDER_CANCELLATION]
            )


def test_the_same_order_sent_twice_at_once_is_accepted_once(exchange: Exchange) -> None:
    numbers = [f"RACE-{n}" for n in range(ROUNDS)]
    outcomes = run_race(
        Race("first", exchange.url, "send", exchange.buyer_key, numbers),
        Race("second", exchange.url, "send", exchange.buyer_key, numbers),
    )
    for first, second in zip(outcomes["first"], outcomes["second"], strict=True):
        assert sorted([first, second]) == ["DuplicateDocument", "ok"]
    with exchange.rt.engine.connect() as conn:
        stored = dict(
            conn.execute(
                select(t.documents.c.number, func.count())
                .where(t.documents.c.number.in_(numbers))
                .group_by(t.documents.c.number)
            ).all()
        )
        orders = conn.execute(select(func.count()).select_from(t.orders)).scalar_one()
    assert stored == dict.fromkeys(numbers, 1)
    assert orders == ROUNDS
