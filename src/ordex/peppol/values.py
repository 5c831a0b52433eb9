"""Lexical values of UBL elements, read the way XPath 2.0 reads them.

Parsing and the native rules share these helpers so that both agree on what a valid
decimal or date is: ``xs:decimal`` has no exponent, ``NaN`` or ``Infinity``; a Peppol
date is exactly ``YYYY-MM-DD``. Nothing here raises on bad input: it returns None.

Decimals are bounded before any arithmetic: one with more than ``MAX_DECIMAL_DIGITS``
digits is not read (``parse_decimal`` gives None; the rules report it as ORDEX-R010), so
no product or quotient of document values can overflow the decimal context.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_FLOOR, Context, Decimal

from lxml import etree

_XML_SPACE = re.compile(r"[ \t\r\n]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DOUBLE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

MAX_DECIMAL_DIGITS = 100
"""Most digits a decimal of a document may have, leading and trailing zeros included.

Far more than any amount or quantity needs (the official rules compute with 29 and more
significant digits, so ordex does not stop at Python's 28), yet small enough that
products and sums of such values stay far inside the decimal context's exponent range: a
million-digit quantity overflowed it (``decimal.Overflow``), a 500 before this limit.
"""

SHOWN_CHARACTERS = 40
"""How much of a wrong value a message quotes (``shown``)."""


class OutOfBounds(Exception):
    """A value beyond ordex's hard limits (``MAX_DECIMAL_DIGITS``): not computed with.

    ordex's own rule ORDEX-R010 reports the value, so a rule that meets it skips its test
    without noting it as unevaluable (ORDEX-R002).
    """


def normalize_space(text: str) -> str:
    """XPath ``normalize-space``: trim XML whitespace and collapse inner runs to one space.

    Most values are clean already: those skip the regular expression (rules call this
    for nearly every value they read).
    """
    stripped = text.strip(" \t\r\n")
    if "  " in stripped or "\t" in stripped or "\n" in stripped or "\r" in stripped:
        return _XML_SPACE.sub(" ", stripped)
    return stripped


def string_value(element: etree._Element) -> str:
    """XPath string value: all text inside the element, comments left out."""
    if len(element) == 0:  # no children at all: its text is all there is
        return element.text or ""
    return "".join(str(text) for text in element.itertext())


def text_node(element: etree._Element) -> str | None:
    """XPath ``text()`` where it must be one item at most (``normalize-space(text())``, as
    the official code-list and fixed-value rules read a value): the element's one text
    child, "" when it has none, None when it has several (a comment or processing
    instruction between two pieces of text: the official rules stop with a type error).

    Comments and processing instructions around one piece of text leave it whole
    (``<!--c-->CA`` is "CA"); CDATA sections are text (the parser merges them).
    """
    if len(element) == 0:  # no child nodes: the text is all there is
        return element.text or ""
    pieces = [element.text] if element.text else []
    pieces.extend(kid.tail for kid in element if kid.tail)
    if len(pieces) > 1:
        return None
    return pieces[0] if pieces else ""


def text_of(element: etree._Element | None) -> str | None:
    """The element's text without surrounding whitespace; None when absent or blank."""
    if element is None:
        return None
    text = string_value(element).strip(" \t\r\n")
    return text or None


def parse_decimal(text: str | None) -> Decimal | None:
    """``xs:decimal`` cast: surrounding whitespace allowed, no exponent; else None.

    None too for a decimal of more than ``MAX_DECIMAL_DIGITS`` digits (``too_long``).
    """
    if text is None:
        return None
    candidate = text.strip(" \t\r\n")
    if not _DECIMAL.fullmatch(candidate) or decimal_digits(candidate) > MAX_DECIMAL_DIGITS:
        return None
    return Decimal(candidate)


def too_long(text: str) -> bool:
    """Whether ``text`` is a decimal of more than ``MAX_DECIMAL_DIGITS`` digits."""
    candidate = text.strip(" \t\r\n")
    return (
        decimal_digits(candidate) > MAX_DECIMAL_DIGITS and _DECIMAL.fullmatch(candidate) is not None
    )


def decimal_digits(candidate: str) -> int:
    """The digits of a decimal's lexical form without surrounding whitespace (its sign
    and point left out)."""
    return len(candidate) - candidate.startswith(("+", "-")) - ("." in candidate)


def shown(text: str) -> str:
    """``text`` quoted for a message, cut after ``SHOWN_CHARACTERS`` characters."""
    if len(text) <= SHOWN_CHARACTERS:
        return repr(text)
    return f"{text[:SHOWN_CHARACTERS]!r}... ({len(text)} characters)"


def is_decimal(text: str) -> bool:
    """Whether ``parse_decimal`` reads ``text`` (without building the number)."""
    return _DECIMAL.fullmatch(text.strip(" \t\r\n")) is not None


def parse_number(text: str | None) -> float | None:
    """XPath ``number()``: an ``xs:double``, or None where XPath gives NaN."""
    if text is None:
        return None
    candidate = text.strip(" \t\r\n")
    if not _DOUBLE.fullmatch(candidate) or candidate == "NaN":
        return None
    return float(candidate.replace("INF", "inf"))


def parse_date(text: str | None) -> date | None:
    """A Peppol date ``YYYY-MM-DD`` (PEPPOL-COMMON-R030); None for anything else."""
    if text is None:
        return None
    candidate = text.strip(" \t\r\n")
    if not _DATE.fullmatch(candidate):
        return None
    try:
        return date.fromisoformat(candidate)
    except ValueError:
        return None


EXACT = Context(prec=3000, Emax=999_999, Emin=-999_999)
"""The decimal context of the rules' arithmetic: sums, differences and products of
document values (each at most ``MAX_DECIMAL_DIGITS`` digits) are exact in it, as they are
in the official XPath engine, which computes ``xs:decimal`` with arbitrary precision
(Python's default context keeps 28 significant digits and rounded 29-digit amounts)."""

DIVIDE_SCALE = 18
"""Fewest decimal places of an ``xs:decimal`` quotient in Saxon (``xpath_divide``)."""

_SHORT_INTEGER = 15
"""Longest integer lexical form (without a leading ``+``) Saxon reads with scale 0."""


def xs_decimal(text: str) -> Decimal:
    """``xs:decimal(text)`` of a valid lexical form (``is_decimal``), with the scale Saxon
    gives it (the exponent of the result), which decides how it divides.

    Measured with saxonche on values read from a document: an integer form of at most
    15 characters (a leading ``+`` not counted: Saxon parses it as a long) keeps scale
    0; any other form loses its trailing zeros, integer ones included (``70.0`` and
    ``0000000870700000000000`` have scales -1 and -11).
    """
    candidate = text.strip(" \t\r\n")
    if "." not in candidate and len(candidate.removeprefix("+")) <= _SHORT_INTEGER:
        return Decimal(candidate)
    value = Decimal(candidate)
    if not value:
        return Decimal(0)
    return value.normalize(EXACT)


def xpath_divide(dividend: Decimal, divisor: Decimal) -> Decimal:
    """``dividend div divisor`` on ``xs:decimal`` as Saxon (the official engine) computes it.

    The quotient has ``max(18, s1 - s2 + 18)`` decimal places, ``s1`` and ``s2`` being the
    operands' scales (``xs_decimal``), and is rounded half down (halves towards zero):
    ``10 div 3`` is 3.333333333333333333, ``3 div 524288`` 0.000005722045898437.
    Checked against saxonche 13.1 on 32,000 random pairs of document values (signs,
    leading and trailing zeros, up to 44 digits): all equal. ``divisor`` is not zero.
    """
    scale = max(DIVIDE_SCALE, _scale(dividend) - _scale(divisor) + DIVIDE_SCALE)
    sign_a, digits_a, exponent_a = dividend.as_tuple()
    sign_b, digits_b, exponent_b = divisor.as_tuple()
    numerator = int("".join(map(str, digits_a)) or "0")
    denominator = int("".join(map(str, digits_b)))
    shift = int(exponent_a) - int(exponent_b) + scale
    if shift >= 0:
        numerator *= 10**shift
    else:
        denominator *= 10**-shift
    quotient, remainder = divmod(numerator, denominator)
    if 2 * remainder > denominator:  # a half exactly stays (towards zero)
        quotient += 1
    negative = (sign_a != sign_b) and quotient != 0
    return Decimal((int(negative), tuple(int(d) for d in str(quotient)), -scale))


def _scale(value: Decimal) -> int:
    return -int(value.as_tuple().exponent)


def xpath_round(value: Decimal) -> Decimal:
    """XPath ``round()``: to the nearest integer, halves towards positive infinity."""
    return EXACT.add(value, Decimal("0.5")).to_integral_value(rounding=ROUND_FLOOR)


def round_cents(value: Decimal) -> Decimal:
    """``round(x * 10 * 10) div 100`` as the official rules write it."""
    return xpath_divide(xpath_round(EXACT.multiply(value, 100)), Decimal(100))


def format_decimal(value: Decimal) -> str:
    """A decimal as UBL text: plain notation, never an exponent."""
    return format(value, "f")
