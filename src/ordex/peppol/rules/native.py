"""Checks only ordex makes (``ORDEX-R...``), where no official rule says it.

The official Schematron assumes an XSD-valid document: an amount such as ``12,50`` or
``1e3`` makes its XPath casts fail instead of producing a finding. ordex reports it
(ORDEX-R001). ordex also bounds what it computes with and stores: a decimal of more than
``MAX_DECIMAL_DIGITS`` digits (ORDEX-R010) and an identifier longer than ordex stores
(ORDEX-R011) are refused, where the official rules have no limit. See
``docs/validation-limits.md``. A date in the year 0000 is a date for the official rules
(XPath 2.0) but not for the UBL schema (XSD 1.0): ORDEX-R012 refuses it. Every ORDEX rule
is in ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from lxml import etree

from ordex.peppol.namespaces import CBC, clark
from ordex.peppol.rules.datamodel import DATA_MODELS
from ordex.peppol.rules.registry import ALL, RULES, Context, Violation
from ordex.peppol.values import (
    MAX_DECIMAL_DIGITS,
    decimal_digits,
    is_decimal,
    shown,
    string_value,
    too_long,
)

_NUMERIC_SUFFIXES = ("Amount", "Quantity", "Numeric", "Percent")


@RULES.rule(
    "ORDEX-R001",
    flag="fatal",
    message="An amount, quantity or percentage MUST be a decimal number such as 12.50 "
    "(no exponent, no thousands separator, no comma)",
    transactions=ALL,
)
def numbers_are_decimals(context: Context) -> Iterator[Violation]:
    for element in _numbers(context):
        text = string_value(element)
        plain = text.replace(".", "", 1)  # most are digits with at most one point:
        if plain.isdigit() and plain.isascii():  # decimals, and quicker than a pattern
            continue
        if not is_decimal(text) and text.strip():
            yield Violation(element, f"found {shown(text.strip())}")


@RULES.rule(
    "ORDEX-R010",
    flag="fatal",
    message=f"An amount, quantity or percentage MUST have at most {MAX_DECIMAL_DIGITS} digits",
    transactions=ALL,
)
def numbers_are_bounded(context: Context) -> Iterator[Violation]:
    for element in _numbers(context):
        text = string_value(element)
        if len(text) > MAX_DECIMAL_DIGITS and too_long(text):
            value = text.strip(" \t\r\n")
            yield Violation(element, f"found {decimal_digits(value)} digits: {shown(value)}")


def _numbers(context: Context) -> Iterator[etree._Element]:
    """The amounts, quantities, numerics and percentages of the document."""
    for tag, elements in context.index.by_tag.items():
        numeric = _NUMERIC.get(tag)
        if numeric is None:
            numeric = _is_numeric(tag)
        if numeric:
            yield from elements


MAX_IDENTIFIER_LENGTH = 200
"""Longest document ``cbc:ID`` and ``cbc:ProfileID`` ordex stores (characters, without the
surrounding whitespace): the size of the columns that keep them (``orders.number``,
``documents.number``, ``orders.profile_id``; a test checks that they agree)."""

_IDENTIFIERS = tuple(clark(name) for name in ("cbc:ID", "cbc:ProfileID"))


@RULES.rule(
    "ORDEX-R011",
    flag="fatal",
    message=f"The document's identifier and profile MUST have at most {MAX_IDENTIFIER_LENGTH} "
    "characters",
    transactions=ALL,
)
def identifiers_fit(context: Context) -> Iterator[Violation]:
    for tag in _IDENTIFIERS:
        for element in context.index.children(context.root, tag):
            length = len(string_value(element).strip(" \t\r\n"))
            if length > MAX_IDENTIFIER_LENGTH:
                yield Violation(element, f"found {length} characters")


_CBC = f"{{{CBC}}}"


@RULES.rule(
    "ORDEX-R012",
    flag="fatal",
    message="A date MUST NOT be in the year 0000 (the UBL schema's xs:date has no year zero)",
    transactions=ALL,
)
def no_year_zero(context: Context) -> Iterator[etree._Element]:
    for tag, elements in context.index.by_tag.items():
        if tag.startswith(_CBC) and tag.endswith("Date"):
            for element in elements:
                if string_value(element).strip(" \t\r\n").startswith("0000-"):
                    yield element


@lru_cache(maxsize=1024)
def _is_numeric(tag: str) -> bool:
    return tag.startswith(_CBC) and tag.endswith(_NUMERIC_SUFFIXES)


_NUMERIC = {
    tag: _is_numeric(tag)
    for model in DATA_MODELS.values()
    for entry in model.children
    for tag in map(clark, entry.allowed)
}
"""``_is_numeric`` of every element of the data models, looked up without a call."""
