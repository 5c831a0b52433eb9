"""Two processes marking the same item of the same application at once: one wins.

On PostgreSQL both racers have read the application before either writes
(tests/integration/financing_racers.py), so what stops the second writer is the
application's version column; the loser reads again and the item rules refuse it. On
SQLite the writers take turns, and the second meets the first one's mark.
"""

from __future__ import annotations

import multiprocessing
from decimal import Decimal

import pytest

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.domain.content import PartyId
from ordex.domain.financing import FinancingType
from ordex.domain.financing_items import Item, ItemOperation, ItemStatus
from ordex.services.accounts import create_account
from ordex.services.financing import CreateApplication, create_application, get_application
from tests.integration.financing_racers import MarkRace, race

ROUNDS = 4
SPAWN = multiprocessing.get_context("spawn")


def run_race(first: MarkRace, second: MarkRace) -> dict[str, list[str]]:
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


@pytest.mark.parametrize(
    ("other", "loser_says", "winner_leaves"),
    [
        (ItemOperation.CANCEL, "", None),
        (ItemOperation.SEND, "is already sent", ItemStatus.SENT),
    ],
    ids=["send-against-cancel", "send-against-send"],
)
def test_two_marks_of_the_same_item_at_once_one_wins(
    database_url: str,
    other: ItemOperation,
    loser_says: str,
    winner_leaves: ItemStatus | None,
) -> None:
    rt = bootstrap(Settings(database_url=database_url))
    account, key = create_account(rt.ctx, "Acme", [PartyId("partner", "acme")])
    applications = []
    for n in range(ROUNDS):
        app, _ = create_application(
            rt.ctx,
            CreateApplication(
                account=account,
                order_number=f"ORD-{n}",
                financing_type=FinancingType.DEFERRED_PAYMENT,
                currency="CZK",
                items=[
                    Item(name="Chair", code="CH-1", total_price=Decimal("100.00")),
                    Item(name="Table", code="TB-1", total_price=Decimal("50.00")),
                ],
            ),
        )
        applications.append(app.application_id)
    outcomes = run_race(
        MarkRace("sender", database_url, key, ItemOperation.SEND, "CH-1", applications),
        MarkRace("other", database_url, key, other, "CH-1", applications),
    )
    for n, application_id in enumerate(applications):
        first, second = outcomes["sender"][n], outcomes["other"][n]
        assert sorted([first, second])[1] == "ok" and sorted([first, second])[0] != "ok", (
            first,
            second,
        )
        loser = first if first != "ok" else second
        assert loser.startswith("ApplicationUnprocessable: item (code='CH-1'"), loser
        assert loser_says in loser
        app = get_application(rt.ctx, account, application_id)
        expected = winner_leaves or (ItemStatus.SENT if first == "ok" else ItemStatus.CANCELLED)
        assert (app.items[0].status, app.items[1].status) == (expected, ItemStatus.PROCESSING)
        assert app.version == 2  # created (and approved) once, marked once
    rt.engine.dispose()
