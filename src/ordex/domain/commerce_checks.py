"""The checks a new commerce order passes: unique positions, plausible VAT, consistent
amounts, related positions that name an existing main position (when they name one: the
link is ordex's optional extra), reductions that never exceed what they reduce."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from ordex.domain.commerce import (
    CENT,
    REDUCING_TYPES,
    RELATED_TYPES,
    Position,
    PositionType,
    cents,
)
from ordex.domain.errors import FieldProblem

MAX_VAT_PERCENT: Final = Decimal(30)  # no VAT rate anywhere is higher (27 % in Hungary)


def position_problems(positions: Sequence[Position]) -> list[FieldProblem]:
    """What is wrong with the positions of a new order, each problem naming its field.
    Linear in the positions (a dict of each main position's reductions)."""
    problems: list[FieldProblem] = []
    by_reference: dict[int, Position] = {}
    for n, p in enumerate(positions):
        where = f"items[{n}]"
        if p.reference in by_reference:
            problems.append(
                FieldProblem(
                    f"{where}.orderItemReference", f"Position {p.reference} appears twice."
                )
            )
        by_reference.setdefault(p.reference, p)
        if not 0 <= p.vat_percent <= MAX_VAT_PERCENT:
            problems.append(
                FieldProblem(f"{where}.vatPercent", f"{p.vat_percent} % is no plausible VAT rate.")
            )
        elif p.vat_amount is not None:
            expected = cents(p.gross_unit_price * p.vat_percent / (100 + p.vat_percent))
            if abs(p.vat_amount - expected) > CENT:
                problems.append(
                    FieldProblem(
                        f"{where}.vatAmount",
                        f"{p.vat_amount} does not match {p.vat_percent} % VAT contained in the "
                        f"gross unit price {p.gross_unit_price} (expected {expected}).",
                    )
                )
        if p.position_type in REDUCING_TYPES:
            if p.gross_unit_price > 0:
                problems.append(
                    FieldProblem(
                        f"{where}.grossUnitPrice",
                        f"A {p.position_type.value} reduces the price: zero or negative.",
                    )
                )
        elif p.gross_unit_price < 0:
            problems.append(
                FieldProblem(
                    f"{where}.grossUnitPrice",
                    f"Only {_names(REDUCING_TYPES)} positions may have a negative price.",
                )
            )
    for n, p in enumerate(positions):
        if p.main_reference is None:
            continue
        where = f"items[{n}].mainItemReference"
        main = by_reference.get(p.main_reference)
        if p.position_type not in RELATED_TYPES:
            problems.append(
                FieldProblem(where, f"Only {_names(RELATED_TYPES)} positions have a main one.")
            )
        elif main is None or main is p:
            problems.append(
                FieldProblem(where, f"The order has no other position {p.main_reference}.")
            )
        elif main.main_reference is not None:
            problems.append(
                FieldProblem(
                    where,
                    f"Position {main.reference} belongs to another position itself; "
                    "name that main position.",
                )
            )
    if not problems:
        reductions: dict[int, Decimal] = {}
        for p in positions:
            if p.main_reference is not None:
                reductions[p.main_reference] = (
                    reductions.get(p.main_reference, Decimal(0)) + p.gross
                )
        for n, main in enumerate(positions):
            reduced = main.gross + reductions.get(main.reference, Decimal(0))
            if main.position_type not in REDUCING_TYPES and reduced < 0:
                problems.append(
                    FieldProblem(
                        f"items[{n}]",
                        f"The reductions of position {main.reference} exceed its amount.",
                    )
                )
        if not problems and sum((p.gross for p in positions), Decimal(0)) < 0:
            problems.append(FieldProblem("items", "The order's reductions exceed its amount."))
    return problems


def _names(types: frozenset[PositionType]) -> str:
    return ", ".join(sorted(t.value for t in types))
