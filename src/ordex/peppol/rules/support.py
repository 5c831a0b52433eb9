"""Small helpers that let rules read values the way the official XPath tests do.

``xs:decimal(...)`` of an element that is not a decimal is a dynamic error in XPath: the
official validator stops there. Native rules raise ``Unreadable`` instead, skip the
test and note it (``Context.cannot_evaluate``): ORDEX-R002 reports it, ORDEX-R001 ("a
number must be a decimal") says which value is wrong. A decimal of more than
``values.MAX_DECIMAL_DIGITS`` digits raises ``TooManyDigits``: never computed with, it is
reported by ORDEX-R010 instead (the official rules would compute with it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

from lxml import etree

from ordex.peppol.namespaces import clark, prefixed
from ordex.peppol.rules.registry import Context, Violation
from ordex.peppol.values import (
    MAX_DECIMAL_DIGITS,
    OutOfBounds,
    parse_decimal,
    parse_number,
    shown,
    string_value,
    too_long,
    xs_decimal,
)

_SHORT = 15
"""An integer of at most this many digits has scale 0 (``values.xs_decimal``)."""


class Unreadable(Exception):
    """A value the official test would fail to cast: the test cannot be evaluated."""


class TooManyDigits(Unreadable, OutOfBounds):
    """A decimal beyond ``MAX_DECIMAL_DIGITS``: the test is skipped, ORDEX-R010 reports it."""


@lru_cache(maxsize=512)
def _steps(path: str) -> tuple[str, ...]:
    """``cac:Price/cbc:PriceAmount`` -> the Clark names of its steps."""
    return tuple(clark(step) for step in path.split("/"))


def children(context: Context, element: etree._Element, path: str) -> list[etree._Element]:
    """The elements at ``path`` (``cac:Price/cbc:PriceAmount``) below ``element``, in
    document order: a lookup in the document's index per step (``TreeIndex.kids``).

    The list may be the index's own: do not modify it.
    """
    kids = context.index.kids
    steps = _steps(path)
    siblings = kids.get(element)
    found = None if siblings is None else siblings.get(steps[0])
    if len(steps) == 1 or not found:  # rules call this ~80 times per order: keep it short
        return [] if found is None else found
    for tag in steps[1:]:
        found = [kid for parent in found for kid in kids.get(parent, _NO_KIDS).get(tag, ())]
    return found


_NO_KIDS: dict[str, list[etree._Element]] = {}


def child(context: Context, element: etree._Element, path: str) -> etree._Element | None:
    """The first element at ``path`` below ``element``."""
    found = children(context, element, path)
    return found[0] if found else None


def joined_text(context: Context, element: etree._Element, path: str) -> str:
    """The string values of all elements at ``path``, joined."""
    return "".join(string_value(e) for e in children(context, element, path))


def has(context: Context, element: etree._Element, path: str) -> bool:
    return bool(children(context, element, path))


def single_string(context: Context, element: etree._Element, path: str) -> str:
    """The string value of ``path`` where XPath wants at most one item (``normalize-space``,
    ``substring``...): "" when absent; ``Unreadable`` (a type error) when repeated."""
    found = children(context, element, path)
    if len(found) > 1:
        raise Unreadable(f"{path} appears {len(found)} times")
    return string_value(found[0]) if found else ""


def decimal(context: Context, element: etree._Element, path: str) -> Decimal | None:
    """``xs:decimal(path)``: None when absent; ``Unreadable`` when not a decimal.

    More than one matching element is a type error in XPath, so ``Unreadable`` too.
    """
    found = children(context, element, path)
    if not found:
        return None
    if len(found) > 1:
        raise Unreadable(f"{path} appears {len(found)} times")
    return _decimal_of(string_value(found[0]), path)


def _decimal_of(text: str, what: str) -> Decimal:
    """``xs:decimal(text)`` with the scale Saxon gives it (``values.xs_decimal``)."""
    if text.isdigit() and text.isascii() and len(text) <= _SHORT:
        return Decimal(text)  # most values: a few digits, scale 0 in Saxon too
    if parse_decimal(text) is not None:
        return xs_decimal(text)
    if too_long(text):
        raise TooManyDigits(f"{what} has more than {MAX_DECIMAL_DIGITS} digits")
    raise Unreadable(f"{what} is {shown(text)}")


def decimal_or(context: Context, element: etree._Element, path: str, default: Decimal) -> Decimal:
    """``if (path) then xs:decimal(path) else default``."""
    value = decimal(context, element, path)
    return default if value is None else value


def decimals(elements: Iterable[etree._Element]) -> list[Decimal]:
    """``elements/xs:decimal(.)``; ``Unreadable`` if any is not a decimal."""
    return [_decimal_of(string_value(element), prefixed(element)) for element in elements]


def number(context: Context, element: etree._Element, path: str) -> float | None:
    """``number(path)``: None stands for NaN (absent or not a number).

    ``fn:number`` takes at most one item: more than one is a type error (``Unreadable``).
    """
    found = children(context, element, path)
    if len(found) > 1:
        raise Unreadable(f"{path} appears {len(found)} times")
    if not found:
        return None
    text = string_value(found[0])
    plain = text.replace(".", "", 1)
    if plain.isdigit() and plain.isascii():  # most values: digits and at most one point
        return float(text)
    return parse_number(text)


def some_number(
    context: Context, element: etree._Element, path: str, test: Callable[[float], bool]
) -> bool:
    """A general comparison with a number, such as ``(path) > 0``: true when some value at
    ``path`` passes ``test``.

    The values are read in document order and the first that passes decides; a value
    before it that is not a number stops the comparison (``Unreadable``), as in Saxon.
    An absent path is false.
    """
    for found in children(context, element, path):
        text = string_value(found)
        if text.strip(" \t\r\n") == "NaN":
            # Saxon compares an untyped "NaN" with a number as if it were +INF: ``> 0``
            # and ``>= 0`` hold, ``< 0``, ``<= 0`` and ``= 0`` do not (number() does not)
            if test(math.inf):
                return True
            continue
        value = parse_number(text)
        if value is None:
            raise Unreadable(f"{path} is {shown(text)}")
        if test(value):
            return True
    return False


def is_at_least(value: float | Decimal | None, bound: int) -> bool:
    """``value >= bound`` where an absent value or NaN makes the comparison false."""
    return value is not None and value >= bound


def same(left: Decimal | None, right: Callable[[], Decimal | None]) -> bool:
    """``left = right`` where an empty operand makes the comparison false.

    Like Saxon, an empty left operand decides without evaluating the right one (which
    might not be readable).
    """
    if left is None:
        return False
    value = right()
    return value is not None and left == value


def either(left: Callable[[], bool], right: Callable[[], bool]) -> bool:
    """``left or right`` as Saxon evaluates it.

    The left operand first; when it is true, the right one is not evaluated. When the
    left one cannot be evaluated, a true right one still makes the whole true (XPath 2.0
    lets a processor do so); otherwise the left one's error stands (``Unreadable``).
    """
    try:
        if left():
            return True
    except Unreadable as error:
        try:
            if right():
                return True
        except Unreadable:
            pass
        raise error
    return right()


def within(actual: Decimal, expected: Decimal, slack: Decimal) -> bool:
    """``u:slack(actual, expected, slack)`` of the official rules."""
    return actual + slack >= expected and actual - slack <= expected


def lines_with_duplicate_ids(context: Context) -> Iterator[Violation]:
    """``count(key('k_lineId', cbc:ID)) = 1`` for every ``cac:OrderLine/cac:LineItem``.

    The key indexes every ``cac:LineItem`` of the document by its ``cbc:ID`` values; a
    line passes when exactly one line item carries any of its IDs (itself).
    """
    line_items = context.anywhere("cac:LineItem")
    ids = [[string_value(e) for e in children(context, li, "cbc:ID")] for li in line_items]
    values = [value for line_ids in ids for value in line_ids]
    if len(set(values)) == len(values):  # no ID held twice: each line holds its own only
        for line_item in context.anywhere_in("cac:OrderLine", "cac:LineItem"):
            if not has(context, line_item, "cbc:ID"):
                yield Violation(line_item, "the line has no cbc:ID")
        return
    holders: dict[str, set[int]] = {}
    for index, line_ids in enumerate(ids):
        for line_id in line_ids:
            holders.setdefault(line_id, set()).add(index)
    for line_item in context.anywhere_in("cac:OrderLine", "cac:LineItem"):
        ids_here = sorted({string_value(e) for e in children(context, line_item, "cbc:ID")})
        if not ids_here:
            yield Violation(line_item, "the line has no cbc:ID")
        elif len(set().union(*(holders[i] for i in ids_here))) != 1:
            yield Violation(line_item, f"line ID {', '.join(ids_here)} is used more than once")
