"""What an order becomes when the seller accepts it with changes (CA), line by line.

Each response line answers one order line (``order_line_id``), or adds one:

- 5 accepted, 42 already delivered: the line stays as ordered;
- 7 not accepted: the line leaves the order;
- 3 changed: the response's quantity, unit, price, promised delivery period (as the line's
  delivery period) or substituted item replace the ordered ones; what it leaves out stays;
- 1 added: a new line with the response's quantity, price and item.

A line answered by several response lines (say, two partial deliveries on two dates) is
split: the first part keeps the line ID, the others get ``<line ID>-2``, ``-3``, ... When
quantities or prices change, line amounts are recomputed (quantity x price / base
quantity, to the cent) and the totals move by the same net and tax amounts.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal, localcontext

from ordex.domain.content import (
    Item,
    OrderContent,
    OrderLine,
    ResponseLine,
    ResponseLineCode,
    Totals,
)

CENT = Decimal("0.01")
KEEP = (ResponseLineCode.ACCEPTED, ResponseLineCode.ALREADY_DELIVERED)


def agreed_content(content: OrderContent, answers: tuple[ResponseLine, ...]) -> OrderContent:
    """``content`` as the CA response lines ``answers`` leave it."""
    for_line: dict[str, list[ResponseLine]] = {}
    added: list[ResponseLine] = []
    for answer in answers:
        if answer.status is ResponseLineCode.ADDED:
            added.append(answer)
        else:
            for_line.setdefault(answer.order_line_id or answer.line_id, []).append(answer)
    taken = {line.line_id for line in content.lines}
    lines: list[OrderLine] = []
    for line in content.lines:
        answered = for_line.get(line.line_id, [ResponseLine(line.line_id, KEEP[0])])
        parts = [a for a in answered if a.status is not ResponseLineCode.NOT_ACCEPTED]
        for n, answer in enumerate(parts, start=1):
            part = line if answer.status in KEEP else _changed(line, answer)
            if n > 1:
                part = replace(part, line_id=_free_id(f"{line.line_id}-{n}", taken))
            lines.append(part)
    for answer in added:
        lines.append(_added(answer, _free_id(answer.line_id, taken)))
    if tuple(lines) == content.lines:
        return content
    return replace(content, lines=tuple(lines), totals=_totals(content, tuple(lines)))


def _changed(line: OrderLine, answer: ResponseLine) -> OrderLine:
    item = line.item if answer.item is None else _substitute(line.item, answer.item)
    changed = replace(
        line,
        quantity=answer.quantity if answer.quantity is not None else line.quantity,
        unit_code=answer.unit_code or line.unit_code,
        price=answer.price if answer.price is not None else line.price,
        requested_delivery=answer.promised_delivery or line.requested_delivery,
        item=item,
    )
    if (changed.quantity, changed.price) != (line.quantity, line.price):
        changed = replace(changed, line_amount=_amount(changed) or line.line_amount)
    return changed


def _substitute(ordered: Item, offered: Item) -> Item:
    """The offered item, taxed as the ordered one unless the offer says otherwise."""
    return replace(
        offered,
        tax_category=offered.tax_category or ordered.tax_category,
        tax_percent=offered.tax_percent if offered.tax_percent is not None else ordered.tax_percent,
    )


def _added(answer: ResponseLine, line_id: str) -> OrderLine:
    line = OrderLine(
        line_id=line_id,
        quantity=answer.quantity,
        unit_code=answer.unit_code,
        price=answer.price,
        item=answer.item or Item(),
        note=answer.note,
        requested_delivery=answer.promised_delivery,
    )
    return replace(line, line_amount=_amount(line))


def _amount(line: OrderLine) -> Decimal | None:
    if line.quantity is None or line.price is None:
        return None
    base = line.price_base_quantity or Decimal(1)
    return _cents(line.quantity * line.price / base)


def _cents(value: Decimal) -> Decimal:
    """``value`` rounded to the cent, however large: ``quantize`` needs every digit of its
    result within the context's precision (28 by default; an amount of 1E+26 has 29
    digits to the cent, and quantizing it raised ``InvalidOperation``)."""
    with localcontext() as context:
        context.prec = max(context.prec, value.adjusted() + 3)
        return value.quantize(CENT, ROUND_HALF_UP)


def _free_id(wanted: str, taken: set[str]) -> str:
    line_id, n = wanted, 1
    while line_id in taken:
        n += 1
        line_id = f"{wanted}-{n}"
    taken.add(line_id)
    return line_id


def _totals(content: OrderContent, lines: tuple[OrderLine, ...]) -> Totals:
    """The old totals moved by the change in line amounts and in their tax."""
    net = _sum(lines, taxed=False) - _sum(content.lines, taxed=False)
    tax = _sum(lines, taxed=True) - _sum(content.lines, taxed=True)
    t = content.totals

    def moved(value: Decimal | None, by: Decimal) -> Decimal | None:
        return None if value is None else _cents(value + by)

    return replace(
        t,
        line_extension=moved(t.line_extension, net),
        tax_exclusive=moved(t.tax_exclusive, net),
        tax=moved(t.tax, tax),
        tax_inclusive=moved(t.tax_inclusive, net + tax),
        payable=moved(t.payable, net + tax),
    )


def _sum(lines: tuple[OrderLine, ...], taxed: bool) -> Decimal:
    total = Decimal(0)
    for line in lines:
        amount = line.line_amount or Decimal(0)
        if taxed:
            amount = amount * (line.item.tax_percent or Decimal(0)) / 100
        total += amount
    return total
