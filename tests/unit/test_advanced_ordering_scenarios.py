"""Every flow of the BIS "Advanced Ordering" chapter, step by step, through the state machine.

Source: ../shared/peppol-ordering/spec/profiles/65-advanced-ordering/process/scenario1.adoc
to scenario5.adoc (OpenPEPPOL/poacc-upgrade-3, BIS 3.0.15). Each scenario's "The flow" and
"Alternative results" become one walk below: who sends what (the seller's Order Response
Advanced names the order, the change or the cancellation it answers) and where the order
must end. The assumptions "accepted by seller and the order is confirmed" and "may or may
not have been changed by buyer or seller" give the starting points.
"""

from __future__ import annotations

import pytest

from ordex.domain.content import ResponseCode
from ordex.domain.orders import OrderState, Subject
from tests.unit.test_order_lifecycle import AT, an_order

S = OrderState
R = ResponseCode
Step = tuple[str, Subject | None, ResponseCode | None]

# A confirmed order, as scenarios 2 to 5 assume it: initial, changed by the buyer, changed
# by the seller (each answered).
CONFIRMED: dict[str, list[Step]] = {
    "initial order accepted": [("seller", Subject.ORDER, R.AP)],
    "changed by the buyer": [
        ("seller", Subject.ORDER, R.AP),
        ("change", None, None),
        ("seller", Subject.CHANGE, R.AP),
    ],
    "changed by the seller": [
        ("seller", Subject.ORDER, R.CA),
        ("change", None, None),
        ("seller", Subject.CHANGE, R.AP),
    ],
}

SCENARIOS: dict[str, tuple[list[Step], OrderState]] = {
    # Scenario 1: the seller accepts, accepts with changes, or rejects the initial order.
    "1 accepted": ([("seller", Subject.ORDER, R.AP)], S.ACCEPTED),
    "1 acknowledged, then accepted": (
        [("seller", Subject.ORDER, R.AB), ("seller", Subject.ORDER, R.AP)],
        S.ACCEPTED,
    ),
    "1 rejected": ([("seller", Subject.ORDER, R.RE)], S.REJECTED),
    "1 accepted with changes": ([("seller", Subject.ORDER, R.CA)], S.ACCEPTED_WITH_CHANGES),
    # ... and the buyer confirms the changes with an Order Change (the seller may answer it)
    "1 CA, the buyer confirms with a change": (
        [("seller", Subject.ORDER, R.CA), ("change", None, None)],
        S.CHANGE_REQUESTED,
    ),
    "1 CA, the buyer confirms with a change, the seller accepts it": (
        [
            ("seller", Subject.ORDER, R.CA),
            ("change", None, None),
            ("seller", Subject.CHANGE, R.AP),
        ],
        S.ACCEPTED,
    ),
    # ... or rejects the changes and cancels the order.
    "1 CA, the buyer cancels": (
        [
            ("seller", Subject.ORDER, R.CA),
            ("cancel", None, None),
            ("seller", Subject.CANCELLATION, R.AP),
        ],
        S.CANCELLED,
    ),
}
for start, steps in CONFIRMED.items():
    SCENARIOS |= {
        # Scenario 2: the buyer changes; the seller accepts (the changed order) or rejects
        # the change (the original order stands).
        f"2 {start}: change accepted": (
            [*steps, ("change", None, None), ("seller", Subject.CHANGE, R.AP)],
            S.ACCEPTED,
        ),
        f"2 {start}: change rejected": (
            [*steps, ("change", None, None), ("seller", Subject.CHANGE, R.RE)],
            S.ACCEPTED,
        ),
        # Scenario 3: the seller changes the confirmed order (Order Response Advanced with
        # changes); the buyer accepts with an Order Change or cancels.
        f"3 {start}: seller changes, buyer accepts with a change": (
            [
                *steps,
                ("seller", Subject.ORDER, R.CA),
                ("change", None, None),
                ("seller", Subject.CHANGE, R.AP),
            ],
            S.ACCEPTED,
        ),
        f"3 {start}: seller changes, buyer cancels": (
            [
                *steps,
                ("seller", Subject.ORDER, R.CA),
                ("cancel", None, None),
                ("seller", Subject.CANCELLATION, R.AP),
            ],
            S.CANCELLED,
        ),
        # Scenario 4: the buyer cancels; the seller accepts (cancelled) or rejects (the
        # order stands as confirmed).
        f"4 {start}: cancellation accepted": (
            [*steps, ("cancel", None, None), ("seller", Subject.CANCELLATION, R.AP)],
            S.CANCELLED,
        ),
        f"4 {start}: cancellation rejected": (
            [*steps, ("cancel", None, None), ("seller", Subject.CANCELLATION, R.RE)],
            S.ACCEPTED,
        ),
        # Scenario 5: the seller rejects all lines; the buyer confirms with a cancellation.
        f"5 {start}: seller rejects, buyer confirms": (
            [*steps, ("seller", Subject.ORDER, R.RE), ("cancel", None, None)],
            S.CANCELLED,
        ),
    }


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_advanced_ordering_scenario_of_the_bis_runs_through_the_state_machine(
    name: str,
) -> None:
    steps, end = SCENARIOS[name]
    order = an_order()
    for n, (who, subject, code) in enumerate(steps):
        document_id = f"d-{n}"
        if who == "change":
            order.request_change(AT, document_id)
        elif who == "cancel":
            order.request_cancellation(AT, document_id)
        else:
            assert subject is not None and code is not None
            order.respond(subject, code, AT, document_id)
    assert order.state is end


def test_the_seller_may_change_an_accepted_order_again_before_the_buyer_reacts() -> None:
    """Scenario 3's assumption: the order "may have been changed by ... seller" already."""
    order = an_order()
    order.respond(Subject.ORDER, R.AP, AT, "ap")
    order.respond(Subject.ORDER, R.CA, AT, "ca-1")
    assert order.respond(Subject.ORDER, R.CA, AT, "ca-2") is S.ACCEPTED_WITH_CHANGES
