"""Constrained field types and caps shared by the JSON dialects (PSB, commerce, financing).

Every JSON decimal of every dialect carries :class:`DecimalLimits`: its digits and exponent
are checked on the raw value *before* any arithmetic or formatting, so that a 150-byte
``"quantity": "1E+100000000"`` is refused at once instead of being expanded to 100 million
digits when rendered. Every free-text field carries :class:`XmlText`: bounded in length, and free
of characters that XML 1.0 cannot carry (documents rendered from it would fail). The caps
on list sizes (positions, items, lines) are constants here. ``docs/limits.md`` lists each
limit, the field it applies to and the error a client gets.

:func:`field_problems` turns pydantic's errors into what the dialects answer: field and
message only (never pydantic's ``url`` or an echo of the input), each shortened, and at
most :data:`MAX_PROBLEMS` of them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from pydantic import GetCoreSchemaHandler
from pydantic_core import ErrorDetails, core_schema

from ordex.domain.errors import FieldProblem

# -- caps on lists (each refused above with 400 naming the field and the cap) ---------------
MAX_RESPONSE_LINES: Final = 5_000  # PSB: lines of one JSON order response
MAX_ORDER_POSITIONS: Final = 1_000  # commerce: items of one order
MAX_REQUEST_ITEMS: Final = 1_000  # commerce: items of one cancellation, return or invoice
MAX_FINANCING_ITEMS: Final = 1_000  # financing: items of one application's order
MAX_MARK_ITEMS: Final = 1_000  # financing: items of one mark request

# -- decimals -------------------------------------------------------------------------------
MAX_DECIMAL_TEXT: Final = 64  # characters of a decimal sent as a JSON string

# -- the answers about bad input ------------------------------------------------------------
MAX_PROBLEMS: Final = 20  # problems listed in one answer; the rest are counted
MAX_MESSAGE: Final = 300  # characters of one problem's message
MAX_FIELD: Final = 120  # characters of one problem's field path


def _digits_and_places(value: Decimal) -> tuple[int, int]:
    """Integer digits and fraction digits of a finite decimal, trailing zeros of the
    fraction left out: counted on its tuple (digits, exponent), never expanded."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    significant = len(digits)
    while significant > 1 and exponent < 0 and digits[significant - 1] == 0:
        significant -= 1
        exponent += 1
    if digits == (0,) or significant == 0:
        return 0, 0
    integer = max(significant + exponent, 0)
    places = max(-exponent, 0)
    return integer, places


def _decimal_checker(integer_digits: int, fraction_digits: int) -> Any:
    limit = f"at most {integer_digits} digits before the decimal point and {fraction_digits} after"

    def check(value: Any) -> Any:
        if isinstance(value, bool):
            return value  # pydantic refuses it as a decimal
        if isinstance(value, str):
            if len(value) > MAX_DECIMAL_TEXT:
                raise ValueError(f"a decimal of at most {MAX_DECIMAL_TEXT} characters")
            try:
                number = Decimal(value.strip())
            except InvalidOperation:
                return value  # pydantic says it is no decimal
        elif isinstance(value, float):
            if not math.isfinite(value):
                raise ValueError("a finite number (not NaN or Infinity)")
            number = Decimal(repr(value))
        elif isinstance(value, int):
            if value.bit_length() > 4 * (integer_digits + 1):  # cheap: no digits made
                raise ValueError(limit)
            number = Decimal(value)
        elif isinstance(value, Decimal):
            number = value
        else:
            return value
        if not number.is_finite():
            raise ValueError("a finite number (not NaN or Infinity)")
        integer, places = _digits_and_places(number)
        if integer > integer_digits or places > fraction_digits:
            raise ValueError(limit)
        # Plain notation from here on: "1E+3" becomes 1000, "1.50000000" keeps its places up
        # to the limit. Both are cheap now that the digits are known to be few.
        exponent = number.as_tuple().exponent
        assert isinstance(exponent, int)
        if exponent > 0 or exponent < -fraction_digits:
            number = number.quantize(Decimal(1).scaleb(-min(places, fraction_digits)))
        return number

    return check


@dataclass(frozen=True, slots=True)
class DecimalLimits:
    """Metadata of a ``Decimal`` field: at most ``integer_digits`` before the point and
    ``fraction_digits`` after it (trailing zeros do not count), finite, checked on the raw
    value before it is built into anything; then held in plain notation (``1E+3`` is 1000).
    Use as ``Annotated[Decimal, DecimalLimits(12, 6)]``; ``gt``/``le`` go in a ``Field``."""

    integer_digits: int
    fraction_digits: int

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        inner = core_schema.decimal_schema(
            max_digits=self.integer_digits + self.fraction_digits,
            decimal_places=self.fraction_digits,
        )
        check = _decimal_checker(self.integer_digits, self.fraction_digits)
        return core_schema.no_info_before_validator_function(check, inner)


# -- text -----------------------------------------------------------------------------------
# What XML 1.0 cannot carry: C0 controls but tab, newline and CR; lone surrogates; U+FFFE/F.
_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(value: str) -> str:
    bad = _NOT_XML.search(value)
    if bad is not None:
        raise ValueError(
            f"the character U+{ord(bad.group()):04X} at position {bad.start()} is not "
            "allowed (control characters other than tab, newline and carriage return, "
            "surrogates, U+FFFE and U+FFFF cannot be carried in XML)"
        )
    return value


@dataclass(frozen=True, slots=True)
class XmlText:
    """Metadata of a ``str`` field: ``min_length`` to ``max_length`` characters, each one
    that XML 1.0 can carry. Use as ``Annotated[str, XmlText(1000)]``."""

    max_length: int
    min_length: int = 0

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        inner = core_schema.str_schema(
            min_length=self.min_length or None, max_length=self.max_length
        )
        return core_schema.no_info_after_validator_function(_xml_safe, inner)


# -- pydantic's errors, as the dialects answer them -------------------------------------------


def _shorten(words: str, at: int) -> str:
    return words if len(words) <= at else words[: at - 1] + "…"


def field_problems(
    errors: Iterable[ErrorDetails], field: Any = None, skip: Sequence[str] = ()
) -> list[FieldProblem]:
    """At most :data:`MAX_PROBLEMS` problems (then one that counts the rest), each naming
    its field (``field(loc)``; dotted by default, ``skip`` left out of the front) and
    saying what is wrong in pydantic's words, without the input or any URL."""
    problems: list[FieldProblem] = []
    left_out = 0
    for error in errors:
        if len(problems) >= MAX_PROBLEMS:
            left_out += 1
            continue
        location = tuple(error.get("loc", ()))
        while location and location[0] in skip:
            location = location[1:]
        where = field(location) if field else ".".join(str(part) for part in location)
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        problems.append(
            FieldProblem(_shorten(where or "body", MAX_FIELD), _shorten(message, MAX_MESSAGE))
        )
    if left_out:
        problems.append(FieldProblem("body", f"… and {left_out} more problem(s) left out."))
    return problems


def one_line(problems: Iterable[FieldProblem]) -> str:
    """``field: message; field: message`` (the dialects' one-line ``message``)."""
    return "; ".join(f"{p.field}: {p.message}" for p in problems)
