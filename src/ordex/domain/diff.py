"""What changed between two versions of an order: a semantic diff of ``OrderContent``.

``diff_orders(old, new)`` compares the header and the lines of two orders (an Order T01
or an Order Change T114 on either side) field by field, by the stable field names of
``ordex.domain.diff_fields`` (``HEADER_FIELDS``, ``LINE_FIELDS``).

Lines are matched by line ID. A line of ``new`` whose ID ``old`` lacks is ADDED, a line
of ``old`` whose ID ``new`` lacks is DELETED; a matched line is UNCHANGED, CHANGED, or
REPLACED when the ID now names another item (see ``item_replaced``). A line that carries
``LineStatusCode`` 2 (deleted, in a T114) is not part of its order. Should a document
repeat a line ID (invalid in Peppol), the k-th line with an ID matches the other
document's k-th line with that ID.

The diff lists every line: those of ``new`` in ``new``'s order, each deleted line right
after the nearest line before it in ``old`` that ``new`` still has (first when there is
none). That order is the order of the lines of a T114 (``change_lines``).

**Identity fields** are not compared: ``document_type``, ``customization_id``,
``profile_id``, ``number``, ``issue_date``, ``referenced_order`` and ``sequence_number``.
The diff records them for each side (``OrderDiff.old_document`` / ``new_document``) and
``apply_diff`` takes them from ``new_document``. A line's ``status_code`` is not
compared either: it is what the diff computes (``line_status_codes``).

``apply_diff(old, diff_orders(old, new)) == normalise(new)`` for any two orders, where
``normalise`` drops deleted (code 2) lines, clears line status codes and reads a
structure whose every field is empty (``Address()``, ``Contact()``, ``Period()``,
``Delivery()``) as absent, as the diff does. Values compare by ``==``: ``Decimal("20")``
and ``Decimal("20.00")`` are the same quantity (no change; ``apply_diff`` keeps the old
spelling). Allowances and charges compare as a whole list per order or line.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from ordex.domain.content import DocumentType, Item, OrderContent, OrderLine
from ordex.domain.diff_fields import (
    HEADER_FIELDS,
    LINE_FIELDS,
    Value,
    header_from,
    header_values,
    line_from,
    line_values,
)

__all__ = [
    "HEADER_FIELDS",
    "LINE_FIELDS",
    "DocumentIdentity",
    "FieldChange",
    "LineChange",
    "LineDiff",
    "OrderDiff",
    "Value",
    "apply_diff",
    "change_lines",
    "diff_orders",
    "item_replaced",
    "line_status_codes",
    "normalise",
]

DELETED_STATUS = "2"


class LineChange(enum.StrEnum):
    """What happened to one line, and the T114 ``LineStatusCode`` it gets."""

    ADDED = "added"
    DELETED = "deleted"
    CHANGED = "changed"
    REPLACED = "replaced"  # same line ID, another item: changed, item_replaced
    UNCHANGED = "unchanged"

    @property
    def status_code(self) -> str:
        """UNCL1229 in a T114: 1 added, 2 deleted, 3 changed (or replaced), 4 no action."""
        return _STATUS_CODES[self]


_STATUS_CODES = {
    LineChange.ADDED: "1",
    LineChange.DELETED: DELETED_STATUS,
    LineChange.CHANGED: "3",
    LineChange.REPLACED: "3",
    LineChange.UNCHANGED: "4",
}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field whose value differs: its stable name, the old and the new value."""

    field: str
    old: Value
    new: Value


@dataclass(slots=True)
class LineDiff:
    """One line: what happened to it, the fields that changed, and both versions.

    Treat it as immutable: it is not frozen only because a frozen dataclass takes five
    times as long to make, and a diff makes one per line (100,000 for a large order).

    ``changes`` lists the differing fields of a CHANGED or REPLACED line, in the order
    of ``LINE_FIELDS``; it is empty for ADDED, DELETED and UNCHANGED lines, whose values
    are in ``new`` and ``old``. ``old`` is None for an ADDED line, ``new`` for a DELETED.
    """

    line_id: str
    kind: LineChange
    old: OrderLine | None
    new: OrderLine | None
    changes: tuple[FieldChange, ...] = ()

    @property
    def item_replaced(self) -> bool:
        return self.kind is LineChange.REPLACED

    @property
    def status_code(self) -> str:
        return self.kind.status_code


@dataclass(frozen=True, slots=True)
class DocumentIdentity:
    """The fields that name a document rather than say what is ordered (not diffed)."""

    number: str
    document_type: DocumentType
    issue_date: date | None
    customization_id: str
    profile_id: str
    referenced_order: str | None
    sequence_number: str | None

    @classmethod
    def of(cls, content: OrderContent) -> DocumentIdentity:
        return cls(
            number=content.number,
            document_type=content.document_type,
            issue_date=content.issue_date,
            customization_id=content.customization_id,
            profile_id=content.profile_id,
            referenced_order=content.referenced_order,
            sequence_number=content.sequence_number,
        )


@dataclass(frozen=True, slots=True)
class OrderDiff:
    """The changes from ``old_document`` to ``new_document``: header fields and lines."""

    old_document: DocumentIdentity
    new_document: DocumentIdentity
    header: tuple[FieldChange, ...]
    lines: tuple[LineDiff, ...]

    @property
    def is_empty(self) -> bool:
        """True when the orders say the same: no header change, every line unchanged."""
        return not self.header and all(ld.kind is LineChange.UNCHANGED for ld in self.lines)

    def count(self, kind: LineChange) -> int:
        return sum(1 for ld in self.lines if ld.kind is kind)

    def summary(self) -> dict[LineChange, int]:
        """How many lines of each kind, every kind present (zero included)."""
        counts = dict.fromkeys(LineChange, 0)
        for ld in self.lines:
            counts[ld.kind] += 1
        return counts


# --- diffing --------------------------------------------------------------------------


def item_replaced(old: Item, new: Item) -> bool:
    """Whether a line ID now names another item.

    The seller's item IDs are compared when both items have one, and the standard item
    IDs (with their schemes, when both have one) likewise; any difference is another
    item. When no kind of ID is on both sides, the names are compared when both have
    one. A name or description edit of an item with the same ID is a change, not a
    replacement; adding or dropping an ID is too.
    """
    compared = False
    if old.sellers_id is not None and new.sellers_id is not None:
        if old.sellers_id != new.sellers_id:
            return True
        compared = True
    if old.standard_id is not None and new.standard_id is not None:
        if old.standard_id != new.standard_id:
            return True
        schemes = old.standard_id_scheme, new.standard_id_scheme
        if None not in schemes and schemes[0] != schemes[1]:
            return True
        compared = True
    if compared or old.name is None or new.name is None:
        return False
    return old.name != new.name


def _changes(
    names: tuple[str, ...], old: tuple[Value, ...], new: tuple[Value, ...]
) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, before, after)
        for name, before, after in zip(names, old, new, strict=True)
        if before != after
    )


def _effective(lines: Iterable[OrderLine]) -> list[OrderLine]:
    return [line for line in lines if line.status_code != DELETED_STATUS]


_Key = str | tuple[str, int]


def _keyed(lines: list[OrderLine]) -> dict[_Key, OrderLine]:
    """Lines by (line ID, occurrence of that ID), for documents that repeat an ID."""
    keyed: dict[_Key, OrderLine] = {}
    for line in lines:
        key = (line.line_id, 0)
        while key in keyed:
            key = (line.line_id, key[1] + 1)
        keyed[key] = line
    return keyed


def _matched(
    old: list[OrderLine], new: list[OrderLine]
) -> tuple[dict[_Key, OrderLine], dict[_Key, OrderLine]]:
    """Both sides' lines by a key that matches them: the line ID, when no ID repeats."""
    old_by_id: dict[_Key, OrderLine] = {line.line_id: line for line in old}
    new_by_id: dict[_Key, OrderLine] = {line.line_id: line for line in new}
    if len(old_by_id) == len(old) and len(new_by_id) == len(new):
        return old_by_id, new_by_id
    return _keyed(old), _keyed(new)


def _line_diff(old: OrderLine, new: OrderLine) -> LineDiff:
    if old.status_code == new.status_code and old == new:
        return LineDiff(old.line_id, LineChange.UNCHANGED, old, new)
    before, after = line_values(old), line_values(new)
    if before == after:
        return LineDiff(old.line_id, LineChange.UNCHANGED, old, new)
    kind = LineChange.REPLACED if item_replaced(old.item, new.item) else LineChange.CHANGED
    return LineDiff(old.line_id, kind, old, new, _changes(LINE_FIELDS, before, after))


def diff_orders(old: OrderContent, new: OrderContent) -> OrderDiff:
    """The changes from ``old`` to ``new`` (see the module documentation)."""
    old_lines, new_lines = _matched(_effective(old.lines), _effective(new.lines))
    # deleted lines go after the nearest earlier old line that new still has
    after: dict[_Key | None, list[LineDiff]] = {}
    anchor: _Key | None = None
    for key, line in old_lines.items():
        if key in new_lines:
            anchor = key
        else:
            after.setdefault(anchor, []).append(
                LineDiff(line.line_id, LineChange.DELETED, line, None)
            )
    lines = after.pop(None, [])
    for key, line in new_lines.items():
        previous = old_lines.get(key)
        if previous is None:
            lines.append(LineDiff(line.line_id, LineChange.ADDED, None, line))
        else:
            lines.append(_line_diff(previous, line))
            if after and key in after:
                lines.extend(after.pop(key))
    return OrderDiff(
        old_document=DocumentIdentity.of(old),
        new_document=DocumentIdentity.of(new),
        header=_changes(HEADER_FIELDS, header_values(old), header_values(new)),
        lines=tuple(lines),
    )


# --- T114 line codes ------------------------------------------------------------------


def line_status_codes(diff: OrderDiff) -> dict[str, str]:
    """The T114 ``LineStatusCode`` of every line of the diff, by line ID.

    "1" added, "2" deleted, "3" changed (or replaced), "4" no action: the lines of the
    new order plus the deleted ones. (A repeated line ID keeps its last line's code.)
    """
    return {ld.line_id: ld.status_code for ld in diff.lines}


def change_lines(
    old: OrderContent, new: OrderContent, diff: OrderDiff | None = None
) -> tuple[OrderLine, ...]:
    """The lines of a T114 that changes ``old`` into ``new``, in the diff's order.

    Each line of ``new`` with its ``status_code`` set (1, 3 or 4), and each deleted line
    as ``old`` had it, with code 2. Pass ``diff`` when ``diff_orders(old, new)`` is at
    hand already.
    """
    if diff is None:
        diff = diff_orders(old, new)
    result: list[OrderLine] = []
    for ld in diff.lines:
        line = ld.new if ld.new is not None else ld.old
        assert line is not None
        result.append(replace(line, status_code=ld.status_code))
    return tuple(result)


# --- applying -------------------------------------------------------------------------


def _normal_line(line: OrderLine) -> OrderLine:
    return line_from(line.line_id, dict(zip(LINE_FIELDS, line_values(line), strict=True)))


def normalise(content: OrderContent) -> OrderContent:
    """``content`` as the diff sees it: what ``apply_diff`` gives for it.

    Lines with status code 2 (deleted) are dropped, the others lose their status code,
    and structures whose every field is empty become None.
    """
    header = header_from(content, dict(zip(HEADER_FIELDS, header_values(content), strict=True)))
    lines = tuple(_normal_line(line) for line in _effective(content.lines))
    return replace(header, lines=lines)


def _patched(
    names: tuple[str, ...], values: tuple[Value, ...], changes: Iterable[FieldChange], what: str
) -> dict[str, Value]:
    record = dict(zip(names, values, strict=True))
    for change in changes:
        if change.field not in record:
            raise ValueError(f"{what}: unknown field {change.field!r}")
        if record[change.field] != change.old:
            raise ValueError(
                f"{what}: {change.field} is {record[change.field]!r}, the diff expects "
                f"{change.old!r}"
            )
        record[change.field] = change.new
    return record


def apply_diff(old: OrderContent, diff: OrderDiff) -> OrderContent:
    """The order ``diff`` makes of ``old``: ``normalise(new)`` when diff = diff(old, new).

    Header and line fields are ``old``'s with the diff's changes applied; added lines
    come from the diff; identity fields are ``diff.new_document``'s. Raises ValueError
    when the diff does not fit ``old`` (a line it names is missing, or a changed field
    does not hold the value the diff says it had).
    """
    waiting: dict[str, list[OrderLine]] = {}
    for line in _effective(old.lines):
        waiting.setdefault(line.line_id, []).append(line)
    lines: list[OrderLine] = []
    for ld in diff.lines:
        if ld.kind is LineChange.ADDED:
            if ld.new is None:
                raise ValueError(f"line {ld.line_id}: an added line without its values")
            lines.append(_normal_line(ld.new))
            continue
        base = _take(waiting.get(ld.line_id, []), ld)
        if ld.kind is not LineChange.DELETED:
            record = _patched(LINE_FIELDS, line_values(base), ld.changes, f"line {ld.line_id}")
            lines.append(line_from(base.line_id, record))
    record = _patched(HEADER_FIELDS, header_values(old), diff.header, "header")
    identity = diff.new_document
    return replace(
        header_from(old, record),
        lines=tuple(lines),
        document_type=identity.document_type,
        customization_id=identity.customization_id,
        profile_id=identity.profile_id,
        number=identity.number,
        issue_date=identity.issue_date,
        referenced_order=identity.referenced_order,
        sequence_number=identity.sequence_number,
    )


def _take(candidates: list[OrderLine], ld: LineDiff) -> OrderLine:
    """The old line ``ld`` is about (with repeated IDs, the one equal to ``ld.old``)."""
    for index, line in enumerate(candidates):
        if len(candidates) == 1 or line == ld.old:
            return candidates.pop(index)
    raise ValueError(f"line {ld.line_id}: not a line of the old order")
