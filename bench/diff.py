"""Order diff speed: orders of 10 to 100,000 lines with a few percent of lines changed.

    .venv/bin/python bench/diff.py [--changed 0.03] [--repeat 5]

For each size (the newer order built separately, as two parsed documents would be): the
best of ``--repeat`` runs of ``diff_orders(old, new)`` (the domain diff
the API and ``ordex diff`` use), its peak memory (tracemalloc, one separate run), and the
time relative to the 10,000-line case. Targets of issue 4: 10,000 lines under 50 ms, and
the 100,000-line case within 12x of the 10,000-line case (linear, never quadratic).
"""

from __future__ import annotations

import argparse
import gc
import random
import time
import tracemalloc
from dataclasses import replace
from datetime import date
from decimal import Decimal

from ordex.domain.content import (
    DocumentType,
    Item,
    OrderContent,
    OrderLine,
    Party,
    PartyId,
    Period,
)
from ordex.domain.diff import diff_orders

SIZES = (10, 1_000, 10_000, 100_000)


def order(lines: int) -> OrderContent:
    return OrderContent(
        document_type=DocumentType.ORDER,
        customization_id="urn:fdc:peppol.eu:poacc:trns:order:3",
        profile_id="urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3",
        number="PO-1",
        issue_date=date(2026, 11, 23),
        currency="EUR",
        buyer=Party(endpoint=PartyId("0088", "7300010000001"), name="Buyer"),
        seller=Party(endpoint=PartyId("0088", "7302347231110"), name="Seller"),
        lines=tuple(
            OrderLine(
                line_id=str(n),
                quantity=Decimal(n % 50 + 1),
                unit_code="C62",
                price=Decimal("12.50"),
                line_amount=Decimal(n % 50 + 1) * Decimal("12.50"),
                item=Item(name=f"Item {n}", sellers_id=f"SKU-{n}", tax_percent=Decimal(25)),
                requested_delivery=Period(date(2026, 12, 1), date(2026, 12, 5)),
            )
            for n in range(1, lines + 1)
        ),
    )


def edited(content: OrderContent, share: float, rng: random.Random) -> OrderContent:
    """A few percent of lines changed: a third new quantities, a third gone, a third new."""
    lines = list(content.lines)
    touched = max(1, int(len(lines) * share))
    for index in sorted(rng.sample(range(len(lines)), touched), reverse=True):
        kind = index % 3
        if kind == 0:
            lines[index] = replace(lines[index], quantity=(lines[index].quantity or 0) + 1)
        elif kind == 1:
            del lines[index]
        else:
            lines.insert(index, replace(lines[index], line_id=f"new-{index}"))
    return replace(content, number="PO-1-B", lines=tuple(lines))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changed", type=float, default=0.03)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(4)
    results: dict[int, tuple[float, float]] = {}
    for size in SIZES:
        old = order(size)
        new = edited(order(size), args.changed, rng)  # its own objects, as if parsed anew
        gc.collect()
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            diff = diff_orders(old, new)
            best = min(best, time.perf_counter() - started)
        del diff
        gc.collect()
        tracemalloc.start()
        diff_orders(old, new)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        results[size] = (best, peak)
    base = results[10_000][0]
    print(f"{'lines':>8}  {'time ms':>9}  {'peak MB':>8}  {'vs 10,000':>9}")
    for size, (seconds, peak) in results.items():
        print(f"{size:>8}  {seconds * 1000:9.1f}  {peak / 2**20:8.1f}  {seconds / base:9.2f}x")
    print(f"changed share {args.changed:.0%}, best of {args.repeat}")


if __name__ == "__main__":
    main()
