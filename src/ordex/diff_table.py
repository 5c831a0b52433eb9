"""An order diff as plain-text tables for people (``ordex diff``).

::

    PO-1 (Order, 2026-11-23) -> CH-1 (OrderChange #1, 2026-11-25)
    lines: 1 added, 1 deleted, 1 changed, 0 replaced, 2 unchanged

    Header
    FIELD                  OLD        NEW
    delivery.address.city  Stockholm  Uppsala

    Lines
    LINE  CHANGE   FIELD     OLD                                NEW
    1     changed  quantity  20                                 25
    2     deleted  line      40 C62 MSK-50 Surgical masks @ 5   -
    3     added    line      -                                  5 C62 GZ-1 Gauze @ 2.10

    2 unchanged line(s) not shown.

Unchanged lines are counted, not listed. Absent values show as ``-``; long values are
cut to ``WIDTH`` characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from ordex.domain.content import AllowanceCharge, OrderContent, OrderLine, PartyId
from ordex.domain.diff import DocumentIdentity, LineChange, OrderDiff, Value
from ordex.domain.errors import OrdexError

WIDTH = 50
ABSENT = "-"


class UnreadableOrder(Exception):
    """A file ``ordex diff`` cannot compare; the message names the file and says why."""


def read_order(path: Path) -> OrderContent:
    """The Order (T01) or Order Change (T114) in ``path``; raises ``UnreadableOrder``."""
    from ordex.peppol.parse import parse_document

    try:
        document = parse_document(path.read_bytes())
    except OrdexError as error:
        raise UnreadableOrder(f"{path}: {error.message}") from error
    except OSError as error:
        raise UnreadableOrder(f"{path}: {error.strerror or error}") from error
    if not isinstance(document.content, OrderContent):
        raise UnreadableOrder(
            f"{path}: a {document.transaction} ({document.document_type.value}), "
            "not an Order (T01) or an Order Change (T114)"
        )
    return document.content


def _cut(text: str) -> str:
    return text if len(text) <= WIDTH else text[: WIDTH - 3] + "..."


def _number(value: Decimal) -> str:
    return format(value, "f")


def _charge(charge: AllowanceCharge) -> str:
    parts = ["charge" if charge.is_charge else "allowance"]
    if charge.amount is not None:
        parts.append(_number(charge.amount))
    if charge.percent is not None:
        parts.append(f"{_number(charge.percent)}%")
    parts.extend(text for text in (charge.reason_code, charge.reason) if text)
    return " ".join(parts)


def format_value(value: Value) -> str:
    """One field value as people read it."""
    if value is None or value == ():
        return ABSENT
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, date | PartyId):
        return str(value)
    return "; ".join(_charge(v) if isinstance(v, AllowanceCharge) else str(v) for v in value)


def format_line(line: OrderLine | None) -> str:
    """A line in a few words: quantity, unit, item ID and name, price."""
    if line is None:
        return ABSENT
    item = line.item
    parts = [
        _number(line.quantity) if line.quantity is not None else "?",
        line.unit_code or "",
        item.sellers_id or item.standard_id or "",
        item.name or "",
    ]
    text = " ".join(part for part in parts if part)
    if line.price is not None:
        text += f" @ {_number(line.price)}"
    return text


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    cells = [list(header)] + [[_cut(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]


def _document(identity: DocumentIdentity) -> str:
    details = [identity.document_type.value]
    if identity.sequence_number:
        details[0] += f" #{identity.sequence_number}"
    if identity.issue_date:
        details.append(identity.issue_date.isoformat())
    return f"{identity.number or '?'} ({', '.join(details)})"


def format_diff(diff: OrderDiff) -> str:
    """The whole diff: a title, the line counts, the header and the line tables."""
    counts = diff.summary()
    out = [
        f"{_document(diff.old_document)} -> {_document(diff.new_document)}",
        "lines: " + ", ".join(f"{n} {kind.value}" for kind, n in counts.items()),
    ]
    if diff.is_empty:
        out += ["", "No differences."]
        return "\n".join(out) + "\n"
    if diff.header:
        rows = [[c.field, format_value(c.old), format_value(c.new)] for c in diff.header]
        out += ["", "Header", *_table(["FIELD", "OLD", "NEW"], rows)]
    rows = []
    for ld in diff.lines:  # an unchanged line has no changes, so no rows
        if ld.kind in (LineChange.ADDED, LineChange.DELETED):
            rows.append(
                [ld.line_id, ld.kind.value, "line", format_line(ld.old), format_line(ld.new)]
            )
            continue
        for index, change in enumerate(ld.changes):
            first = index == 0
            rows.append(
                [
                    ld.line_id if first else "",
                    ld.kind.value if first else "",
                    change.field,
                    format_value(change.old),
                    format_value(change.new),
                ]
            )
    if rows:
        out += ["", "Lines", *_table(["LINE", "CHANGE", "FIELD", "OLD", "NEW"], rows)]
    if counts[LineChange.UNCHANGED]:
        out += ["", f"{counts[LineChange.UNCHANGED]} unchanged line(s) not shown."]
    return "\n".join(out) + "\n"
