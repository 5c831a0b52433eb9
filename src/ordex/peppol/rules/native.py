"""Checks only ordex makes (``ORDEX-R...``), where no official rule says it.

The official Schematron assumes an XSD-valid document: an amount such as ``12,50`` or
``1e3`` makes its XPath casts fail instead of producing a finding. ordex reports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ordex.peppol.namespaces import CBC, clark
from ordex.peppol.rules.datamodel import DATA_MODELS
from ordex.peppol.rules.registry import ALL, RULES, Context, Violation
from ordex.peppol.values import is_decimal, string_value

_NUMERIC_SUFFIXES = ("Amount", "Quantity", "Numeric", "Percent")


@RULES.rule(
    "ORDEX-R001",
    flag="fatal",
    message="An amount, quantity or percentage MUST be a decimal number such as 12.50 "
    "(no exponent, no thousands separator, no comma)",
    transactions=ALL,
)
def numbers_are_decimals(context: Context) -> Iterator[Violation]:
    for tag, elements in context.index.by_tag.items():
        numeric = _NUMERIC.get(tag)
        if numeric is None:
            numeric = _is_numeric(tag)
        if not numeric:
            continue
        for element in elements:
            text = string_value(element)
            plain = text.replace(".", "", 1)  # most are digits with at most one point:
            if plain.isdigit() and plain.isascii():  # decimals, and quicker than a pattern
                continue
            if not is_decimal(text) and text.strip():
                yield Violation(element, f"found {text.strip()!r}")


_CBC = f"{{{CBC}}}"


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
