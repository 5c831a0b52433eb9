"""Business rules of the Order Cancellation (T115): ``PEPPOL-T115-R031``/``R034``.

That a cancellation carries its ``cbc:CancellationNote`` is the structure rule
``PEPPOL-T115-B00105`` (see ``ordex.peppol.rules.datamodel``).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ordex.domain.content import Profile
from ordex.peppol.rules.registry import RULES, Context
from ordex.peppol.values import normalize_space, string_value


@RULES.rule(
    "PEPPOL-T115-R031",
    flag="fatal",
    message="An order cancellation transaction MUST use profile advanced_ordering.",
    transactions=("T115",),
)
def cancellation_profile(context: Context) -> Iterator[etree._Element]:
    for profile in context.anywhere("cbc:ProfileID"):
        if normalize_space(string_value(profile)) != Profile.ADVANCED_ORDERING:
            yield profile


@RULES.rule(
    "PEPPOL-T115-R034",
    flag="fatal",
    message="Specification identifier MUST start with the value "
    "'urn:fdc:peppol.eu:poacc:trns:order_cancellation:3'.",
    transactions=("T115",),
)
def customization_id_prefix(context: Context) -> Iterator[etree._Element]:
    for element in context.anywhere("cbc:CustomizationID"):
        value = normalize_space(string_value(element))
        if not value.startswith(context.transaction.customization_id):
            yield element
