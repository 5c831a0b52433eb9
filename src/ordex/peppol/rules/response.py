"""Business rules of the Order Response Advanced (T116) and Order Response (T76).

Transcribed from ``PEPPOL-M-T116.sch``/``PEPPOL-M-T76.sch`` as the May 2026 release has
them: identification, single currency, named parties, delivery period order, the
response code against the presence of lines (R007-R010) and unique line IDs.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ordex.peppol.rules.registry import RESPONSES, RULES, Context, Violation
from ordex.peppol.rules.support import children, has, lines_with_duplicate_ids
from ordex.peppol.values import normalize_space, string_value


@RULES.rule(
    "PEPPOL-{t}-R006",
    flag="fatal",
    message="Specification identifier MUST start with the value "
    "'urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3'.",
    transactions=("T116",),
)
@RULES.rule(
    "PEPPOL-{t}-R006",
    flag="fatal",
    message="Specification identifier SHALL start with the value "
    "'urn:fdc:peppol.eu:poacc:trns:order_response:3'.",
    transactions=("T76",),
)
def customization_id_prefix(context: Context) -> Iterator[etree._Element]:
    expected = context.transaction.customization_id
    for element in context.anywhere("cbc:CustomizationID"):
        if not normalize_space(string_value(element)).startswith(expected):
            yield element


@RULES.rule(
    "PEPPOL-{t}-R005",
    flag="fatal",
    message="An order response MUST be stated in a single currency",
    transactions=RESPONSES,
)
def single_currency(context: Context) -> Iterator[etree._Element]:
    currencies = {
        string_value(e) for e in children(context, context.root, "cbc:DocumentCurrencyCode")
    }
    for price in context.anywhere("cbc:PriceAmount"):
        if price.get("currencyID") not in currencies:
            yield price


def _parties_without_name_or_id(context: Context, role: str) -> Iterator[etree._Element]:
    for party in context.anywhere_in(f"cac:{role}", "cac:Party"):
        if not (
            has(context, party, "cac:PartyLegalEntity/cbc:RegistrationName")
            or has(context, party, "cac:PartyIdentification/cbc:ID")
        ):
            yield party


@RULES.rule(
    "PEPPOL-{t}-R001",
    flag="fatal",
    message="An order response MUST have the buyer party official name or a buyer party identifier",
    transactions=RESPONSES,
)
def buyer_named(context: Context) -> Iterator[etree._Element]:
    return _parties_without_name_or_id(context, "BuyerCustomerParty")


@RULES.rule(
    "PEPPOL-{t}-R002",
    flag="fatal",
    message="An order response MUST have the seller party official name or a seller party "
    "identifier",
    transactions=RESPONSES,
)
def seller_named(context: Context) -> Iterator[etree._Element]:
    return _parties_without_name_or_id(context, "SellerSupplierParty")


@RULES.rule(
    "PEPPOL-{t}-R004",
    flag="fatal",
    message="If both delivery period start date and delivery period end date are given then "
    "the end date MUST be later or equal to the start date.",
    transactions=RESPONSES,
)
def delivery_period_in_order(context: Context) -> Iterator[etree._Element]:
    for period in context.anywhere("cac:PromisedDeliveryPeriod"):
        starts = [string_value(e) for e in children(context, period, "cbc:StartDate")]
        ends = [string_value(e) for e in children(context, period, "cbc:EndDate")]
        # Untyped values compare as strings, and "some pair" satisfies the comparison.
        if starts and ends and not any(end >= start for end in ends for start in starts):
            yield period


def _codes_with_wrong_lines(context: Context, code: str, lines: bool) -> Iterator[Violation]:
    for element in context.anywhere("cbc:OrderResponseCode"):
        if normalize_space(string_value(element)) != code:
            continue
        parent = element.getparent()
        count = 0 if parent is None else len(children(context, parent, "cac:OrderLine"))
        if lines and count == 0:
            yield Violation(element, "the response has no cac:OrderLine")
        elif not lines and count > 0:
            yield Violation(element, f"the response has {count} cac:OrderLine")


@RULES.rule(
    "PEPPOL-{t}-R007",
    flag="fatal",
    message="An order response with code CA (Conditionally accepted) must provide order lines.",
    transactions=RESPONSES,
)
def accepted_with_changes_has_lines(context: Context) -> Iterator[Violation]:
    return _codes_with_wrong_lines(context, "CA", lines=True)


@RULES.rule(
    "PEPPOL-{t}-R008",
    flag="fatal",
    message="An order response with code AP (Accepted) must NOT provide order lines.",
    transactions=RESPONSES,
)
def accepted_has_no_lines(context: Context) -> Iterator[Violation]:
    return _codes_with_wrong_lines(context, "AP", lines=False)


@RULES.rule(
    "PEPPOL-{t}-R009",
    flag="fatal",
    message="An order response with code RE (Rejected) must NOT provide order lines.",
    transactions=RESPONSES,
)
def rejected_has_no_lines(context: Context) -> Iterator[Violation]:
    return _codes_with_wrong_lines(context, "RE", lines=False)


@RULES.rule(
    "PEPPOL-{t}-R010",
    flag="fatal",
    message="An order response with code AB (Acknowledged) must NOT provide order lines.",
    transactions=RESPONSES,
)
def acknowledged_has_no_lines(context: Context) -> Iterator[Violation]:
    return _codes_with_wrong_lines(context, "AB", lines=False)


@RULES.rule(
    "PEPPOL-{t}-R003",
    flag="fatal",
    message="Each order response line MUST have a document line identifier that is unique "
    "within the order.",
    transactions=RESPONSES,
)
def line_ids_are_unique(context: Context) -> Iterator[Violation]:
    return lines_with_duplicate_ids(context)
