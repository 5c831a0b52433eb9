"""Checks only ordex makes (``ORDEX-R...``), where no official rule says it.

The official Schematron assumes an XSD-valid document: an amount such as ``12,50`` or
``1e3`` makes its XPath casts fail instead of producing a finding. ordex reports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ordex.peppol.namespaces import CBC
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
        if not _is_numeric(tag):
            continue
        for element in elements:
            text = string_value(element)
            if not is_decimal(text) and text.strip():  # most are decimals: test that first
                yield Violation(element, f"found {text.strip()!r}")


_CBC = f"{{{CBC}}}"


@lru_cache(maxsize=1024)
def _is_numeric(tag: str) -> bool:
    return tag.startswith(_CBC) and tag.endswith(_NUMERIC_SUFFIXES)
