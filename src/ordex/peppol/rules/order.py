"""Business rules of the Order (T01) and Order Change (T114): ``PEPPOL-<T>-R...``.

Transcribed from ``PEPPOL-M-T01.sch``/``PEPPOL-M-T114.sch`` as the May 2026 release
has them. The official rules share one Schematron pattern, in which an element is
tested only by the first rule whose context it matches; where that matters (allowance
and charge rules) the functions below say so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import cached_property

from lxml import etree

from ordex.peppol.codes import UNCL5189, UNCL7161, VAT_PREFIXES_TEXT
from ordex.peppol.namespaces import NS, clark
from ordex.peppol.rules.registry import ORDERS, RULES, Context, Flag, Rule, Violation
from ordex.peppol.rules.support import (
    Unreadable,
    child,
    children,
    decimal,
    decimal_or,
    decimals,
    has,
    is_at_least,
    lines_with_duplicate_ids,
    number,
    same,
    single_string,
    some_number,
    within,
)
from ordex.peppol.values import (
    normalize_space,
    round_cents,
    string_value,
    text_node,
    xpath_divide,
)

CENT_SLACK = Decimal("0.02")
ORDER_PROFILES = (
    "urn:fdc:peppol.eu:poacc:bis:order_only:3",
    "urn:fdc:peppol.eu:poacc:bis:ordering:3",
    "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3",
)

# --- identification ---------------------------------------------------------------------


@RULES.rule(
    "PEPPOL-{t}-R031",
    flag="fatal",
    message="An order transaction SHALL use profile order only, ordering or advanced_ordering.",
    transactions=("T01",),
)
def order_profile(context: Context) -> Iterator[etree._Element]:
    return _profile_not_in(context, ORDER_PROFILES)


@RULES.rule(
    "PEPPOL-{t}-R031",
    flag="fatal",
    message="An order change transaction MUST use profile advanced_ordering.",
    transactions=("T114",),
)
def order_change_profile(context: Context) -> Iterator[etree._Element]:
    return _profile_not_in(context, ("urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3",))


def _profile_not_in(context: Context, profiles: tuple[str, ...]) -> Iterator[etree._Element]:
    for profile in context.anywhere("cbc:ProfileID"):
        if normalize_space(string_value(profile)) not in profiles:
            yield profile


@RULES.rule(
    "PEPPOL-{t}-R034",
    flag="fatal",
    message="Specification identifier SHALL start with the value "
    "'urn:fdc:peppol.eu:poacc:trns:order:3'.",
    transactions=("T01",),
)
@RULES.rule(
    "PEPPOL-{t}-R034",
    flag="fatal",
    message="Specification identifier MUST start with the value "
    "'urn:fdc:peppol.eu:poacc:trns:order_change:3'.",
    transactions=("T114",),
)
def customization_id_prefix(context: Context) -> Iterator[etree._Element]:
    expected = context.transaction.customization_id
    for element in context.anywhere("cbc:CustomizationID"):
        if not normalize_space(string_value(element)).startswith(expected):
            yield element


# --- amounts ----------------------------------------------------------------------------

_AMOUNT_NAMES = tuple(
    f"cbc:{name}"
    for name in ("Amount", "TaxAmount", "LineExtensionAmount", "PriceAmount", "BaseAmount")
)


def _amounts(context: Context) -> list[etree._Element]:
    """Context of R003/R028: amount elements and every child of the monetary total.

    Except a ``cbc:ProfileID`` or ``cbc:CustomizationID`` there: the rules of R031 and
    R034 come first in the same official pattern, so they take those elements.
    """
    return context.cached("amounts", lambda: _find_amounts(context))


def _find_amounts(context: Context) -> list[etree._Element]:
    found = list(context.anywhere(*_AMOUNT_NAMES))
    seen = set(found)
    kids = context.index.kids
    for total in context.anywhere("cac:AnticipatedMonetaryTotal"):
        for tag, elements in kids.get(total, {}).items():
            if tag.startswith(_CBC) and tag not in _TAKEN_EARLIER:
                found += (e for e in elements if e not in seen)
    return found


def _below_prices(context: Context) -> set[etree._Element]:
    """Every element inside a ``cac:Price``."""
    kids = context.index.kids
    below: set[etree._Element] = set()
    inside = list(context.anywhere("cac:Price"))
    while inside:
        for elements in kids.get(inside.pop(), {}).values():
            below.update(elements)
            inside += elements
    return below


_CBC = "{" + NS["cbc"] + "}"
_TAKEN_EARLIER = frozenset((clark("cbc:ProfileID"), clark("cbc:CustomizationID")))


@RULES.rule(
    "PEPPOL-{t}-R003",
    flag="fatal",
    message="An order SHALL be stated in a single currency",
    transactions=ORDERS,
)
def single_currency(context: Context) -> Iterator[etree._Element]:
    currencies = {
        string_value(e) for e in children(context, context.root, "cbc:DocumentCurrencyCode")
    }
    for amount in _amounts(context):
        currency = amount.get("currencyID")
        if currency is not None and currency not in currencies:
            yield amount


@RULES.rule(
    "PEPPOL-{t}-R028",
    flag="fatal",
    message="Elements of data type amount cannot have more than 2 decimals "
    "(I.e. all amounts except unit price amounts)",
    transactions=ORDERS,
)
def at_most_two_decimals(context: Context) -> Iterator[etree._Element]:
    below_prices = _below_prices(context)
    for amount in _amounts(context):
        if amount in below_prices:
            continue
        _, dot, fraction = string_value(amount).partition(".")
        if dot and len(fraction) > 2:
            yield amount


# --- document level ---------------------------------------------------------------------


@RULES.rule(
    "PEPPOL-{t}-R002",
    flag="warning",
    message="An order SHOULD provide information about its validity end date.",
    transactions=ORDERS,
)
def validity_end_date(context: Context) -> Iterator[etree._Element]:
    if not has(context, context.root, "cac:ValidityPeriod/cbc:EndDate"):
        yield context.root


@RULES.rule(
    "PEPPOL-{t}-R014",
    flag="fatal",
    message="An order SHALL have the originator party name or an identifier",
    transactions=ORDERS,
)
def originator_named(context: Context) -> Iterator[etree._Element]:
    for party in context.anywhere("cac:OriginatorCustomerParty"):
        if not (
            has(context, party, "cac:Party/cac:PartyName/cbc:Name")
            or has(context, party, "cac:Party/cac:PartyIdentification/cbc:ID")
        ):
            yield party


@RULES.rule(
    "PEPPOL-{t}-R026",
    flag="fatal",
    message="When TAX is VAT then Party VAT identifiers SHALL have a prefix in accordance "
    "with ISO code ISO 3166-1 alpha-2 by which the country of issue may be identified. "
    "Nevertheless, Greece may use the prefix 'EL'.",
    transactions=ORDERS,
)
def vat_identifier_prefix(context: Context) -> Iterator[etree._Element]:
    for tax_scheme in context.anywhere("cac:PartyTaxScheme"):
        schemes = [string_value(e) for e in children(context, tax_scheme, "cac:TaxScheme/cbc:ID")]
        if "VAT" not in schemes:
            continue
        try:
            prefix = single_string(context, tax_scheme, "cbc:CompanyID")[:2]
        except Unreadable as exc:
            context.cannot_evaluate(tax_scheme, exc)
            continue
        if prefix not in VAT_PREFIXES_TEXT:
            yield tax_scheme


# --- document totals --------------------------------------------------------------------


class _Totals:
    """The variables the official rules compute in the context of a monetary total.

    Each is read when a rule uses it, as XPath does, so that an unreadable amount only
    stops the rules that need it; once read, it is kept for the other rules.
    """

    def __init__(self, context: Context, total: etree._Element) -> None:
        self.context = context
        self.total = total
        self._sums: dict[str, Decimal] = {}

    @cached_property
    def payable(self) -> Decimal | None:
        return decimal(self.context, self.total, "cbc:PayableAmount")

    @cached_property
    def line_extension(self) -> Decimal | None:
        return decimal(self.context, self.total, "cbc:LineExtensionAmount")

    @cached_property
    def prepaid(self) -> Decimal:
        return decimal_or(self.context, self.total, "cbc:PrepaidAmount", Decimal(0))

    @cached_property
    def rounding(self) -> Decimal:
        return decimal_or(self.context, self.total, "cbc:PayableRoundingAmount", Decimal(0))

    @cached_property
    def tax_inclusive(self) -> Decimal | None:
        return decimal(self.context, self.total, "cbc:TaxInclusiveAmount")

    @cached_property
    def allowances(self) -> Decimal:
        return decimal_or(self.context, self.total, "cbc:AllowanceTotalAmount", Decimal(0))

    @cached_property
    def charges(self) -> Decimal:
        return decimal_or(self.context, self.total, "cbc:ChargeTotalAmount", Decimal(0))

    @cached_property
    def tax_exclusive(self) -> Decimal | None:
        if has(self.context, self.total, "cbc:TaxExclusiveAmount"):
            return decimal(self.context, self.total, "cbc:TaxExclusiveAmount")
        return self.net_of_lines

    @cached_property
    def net_of_lines(self) -> Decimal | None:
        """Sum of line amounts - allowances + charges (empty without a line sum)."""
        line_extension = self.line_extension
        if line_extension is None:
            return None
        return line_extension - self.allowances + self.charges

    @cached_property
    def sum_of_lines(self) -> Decimal:
        amounts = children(
            self.context, self.context.root, "cac:OrderLine/cac:LineItem/cbc:LineExtensionAmount"
        )
        return round_cents(sum(decimals(amounts), Decimal(0))) if amounts else Decimal(0)

    def sum_of_document_charges(self, indicator: str) -> Decimal:
        """Rounded sum of the document-level allowances ("false") or charges ("true")."""
        if indicator not in self._sums:
            self._sums[indicator] = self._sum_of_document_charges(indicator)
        return self._sums[indicator]

    def _sum_of_document_charges(self, indicator: str) -> Decimal:
        selected = [
            ac
            for ac in children(self.context, self.context.root, "cac:AllowanceCharge")
            if _charge_indicator(self.context, ac) == indicator
        ]
        if not selected:
            return Decimal(0)
        amounts = [amount for ac in selected for amount in children(self.context, ac, "cbc:Amount")]
        return round_cents(sum(decimals(amounts), Decimal(0)))

    @cached_property
    def tax(self) -> Decimal:
        return decimal_or(self.context, self.context.root, "cac:TaxTotal/cbc:TaxAmount", Decimal(0))


def _charge_indicator(context: Context, allowance_charge: etree._Element) -> str:
    return normalize_space(single_string(context, allowance_charge, "cbc:ChargeIndicator"))


def _positive(value: float) -> bool:
    return value > 0


def _not_negative(value: float) -> bool:
    return value >= 0


def _negative(
    context: Context, elements: Iterable[etree._Element], path: str
) -> Iterator[etree._Element | Violation]:
    """The elements failing ``number(context, path) >= 0`` (NaN fails, as in the official
    rules; two values stop the test). A value that is no number is said to be one, so
    the finding does not read as if a negative number had been sent."""
    for element in elements:
        try:
            value = number(context, element, path)
        except Unreadable as exc:
            context.cannot_evaluate(element, exc)
            continue
        if not is_at_least(value, 0):
            yield _not_a_number(context, element, path) if value is None else element


def _not_a_number(context: Context, element: etree._Element, path: str) -> Violation:
    found = children(context, element, path)
    if not found:
        return Violation(element, f"{path} is missing")
    text = string_value(found[0]).strip()
    return Violation(element, f"{path} is {text[:40]!r}, which is not a number")


TotalsTest = Callable[[_Totals], bool]
Expected = Callable[[_Totals], "tuple[str, Decimal | None, Decimal | None] | None"]
"""What a totals rule expected of which element, and what it found: the finding says both."""


def _failing_totals(
    context: Context, test: TotalsTest, expected: Expected | None = None
) -> Iterator[etree._Element | Violation]:
    totals = context.cached(
        "totals",
        lambda: [_Totals(context, t) for t in context.anywhere("cac:AnticipatedMonetaryTotal")],
    )
    for totals_of in totals:
        total = totals_of.total
        try:
            passed = test(totals_of)
        except Unreadable as exc:
            context.cannot_evaluate(total, exc)
            continue
        if not passed:
            yield _explained(totals_of, expected)


def _explained(totals: _Totals, expected: Expected | None) -> etree._Element | Violation:
    """The failing totals, with 'cbc:X: expected E, found F' when the rule can say it."""
    try:
        said = expected(totals) if expected else None
    except Unreadable:
        said = None
    if said is None:
        return totals.total
    element, wanted, found = said
    if wanted is None:
        return totals.total
    shown = "nothing" if found is None else _amount(found)
    return Violation(totals.total, f"{element}: expected {_amount(wanted)}, found {shown}")


def _amount(value: Decimal) -> str:
    """An amount as written in a document: at least two decimals (``500.00``)."""
    return f"{value:.2f}" if value == round(value, 2) else f"{value:f}"


def _totals_rule(
    rule: str,
    flag: Flag,
    message: str,
    test: TotalsTest,
    *codes: str,
    expected: Expected | None = None,
) -> None:
    for code in codes or ORDERS:
        RULES.add(
            code,
            Rule(
                f"PEPPOL-{code}-{rule}",
                flag,
                message,
                lambda c: _failing_totals(c, test, expected),
            ),
        )


def _line_sum(t: _Totals) -> tuple[str, Decimal | None, Decimal | None]:
    return "cbc:LineExtensionAmount", t.sum_of_lines, t.line_extension


_totals_rule(
    "R006",
    "fatal",
    "Expected total amount for payment SHALL NOT be negative",
    lambda t: is_at_least(t.payable, 0),
)
_totals_rule(
    "R007",
    "fatal",
    "Expected total sum of line amounts SHALL NOT be negative",
    lambda t: is_at_least(t.line_extension, 0),
)
_LINE_SUM = (
    "Expected total sum of line amounts SHALL equal the sum of the order line amounts at "
    "order line level"
)
_totals_rule(
    "R008",
    "fatal",
    _LINE_SUM,
    lambda t: same(t.line_extension, lambda: t.sum_of_lines),
    "T01",
    expected=_line_sum,
)
# The May 2026 release lowered the Order Change variant to a warning.
_totals_rule(
    "R008",
    "warning",
    _LINE_SUM,
    lambda t: same(t.line_extension, lambda: t.sum_of_lines),
    "T114",
    expected=_line_sum,
)
_totals_rule(
    "R009",
    "fatal",
    "Expected total sum of allowance at document level SHALL be equal to the sum of "
    "allowance amounts at document level",
    lambda t: t.allowances == t.sum_of_document_charges("false"),
    expected=lambda t: (
        "cbc:AllowanceTotalAmount",
        t.sum_of_document_charges("false"),
        t.allowances,
    ),
)
_totals_rule(
    "R010",
    "fatal",
    "Expected total sum of charges at document level SHALL be equal to the sum of charge "
    "amounts at document level",
    lambda t: t.charges == t.sum_of_document_charges("true"),
    expected=lambda t: ("cbc:ChargeTotalAmount", t.sum_of_document_charges("true"), t.charges),
)
_totals_rule(
    "R011",
    "fatal",
    "Expected total amount without TAX = Expected total sum of line amounts - Sum of "
    "allowances on document level + Sum of charges on document level",
    lambda t: same(t.tax_exclusive, lambda: t.net_of_lines),
    expected=lambda t: ("cbc:TaxExclusiveAmount", t.net_of_lines, t.tax_exclusive),
)


def _payable_is_consistent(t: _Totals) -> bool:
    tax_inclusive = t.tax_inclusive
    if not tax_inclusive:  # absent or zero: the official test is skipped
        return True
    return same(t.payable, lambda: tax_inclusive - t.prepaid + t.rounding)


def _tax_inclusive_is_consistent(t: _Totals) -> bool:
    tax_inclusive = t.tax_inclusive
    if not tax_inclusive or not has(t.context, t.context.root, "cac:TaxTotal"):
        return True
    tax_exclusive = t.tax_exclusive
    return tax_exclusive is not None and tax_inclusive == tax_exclusive + t.tax


_totals_rule(
    "R016",
    "fatal",
    "Amount due for payment = Invoice total amount with TAX - Paid amount + Rounding amount.",
    _payable_is_consistent,
    expected=lambda t: (
        "cbc:PayableAmount",
        None if t.tax_inclusive is None else t.tax_inclusive - t.prepaid + t.rounding,
        t.payable,
    ),
)
_totals_rule(
    "R017",
    "fatal",
    "Expected total amount with TAX = Expected total amount without TAX + Order total TAX amount.",
    _tax_inclusive_is_consistent,
    expected=lambda t: (
        "cbc:TaxInclusiveAmount",
        None if t.tax_exclusive is None else t.tax_exclusive + t.tax,
        t.tax_inclusive,
    ),
)

# --- allowances and charges -------------------------------------------------------------


_LINE_ITEM, _ORDER_LINE = clark("cac:LineItem"), clark("cac:OrderLine")


def _is_document_or_line_level(allowance_charge: etree._Element) -> bool:
    """``/ubl:Order/cac:AllowanceCharge`` or ``/ubl:Order/cac:OrderLine/cac:LineItem/...``."""
    parent = allowance_charge.getparent()
    if parent is None:
        return False
    grandparent = parent.getparent()
    if grandparent is None:
        return True  # a child of the root
    root = grandparent.getparent()
    return (
        root is not None
        and root.getparent() is None
        and parent.tag == _LINE_ITEM
        and grandparent.tag == _ORDER_LINE
    )


def _percent_without_base(context: Context, ac: etree._Element) -> bool:
    return has(context, ac, "cbc:MultiplierFactorNumeric") and not has(
        context, ac, "cbc:BaseAmount"
    )


def _base_without_percent(context: Context, ac: etree._Element) -> bool:
    return (
        _is_document_or_line_level(ac)
        and not has(context, ac, "cbc:MultiplierFactorNumeric")
        and has(context, ac, "cbc:BaseAmount")
    )


def _plain_document_or_line_level(context: Context) -> list[etree._Element]:
    """Allowances/charges the R022 group tests: those R020 and R021 did not catch."""
    return context.cached("plain allowances and charges", lambda: _find_plain(context))


def _find_plain(context: Context) -> list[etree._Element]:
    return [
        ac
        for ac in context.anywhere("cac:AllowanceCharge")
        if _is_document_or_line_level(ac)
        and not _percent_without_base(context, ac)
        and not _base_without_percent(context, ac)
    ]


@RULES.rule(
    "PEPPOL-{t}-R020",
    flag="fatal",
    message="Allowance/charge base amount SHALL be provided when allowance/charge percentage "
    "is provided.",
    transactions=ORDERS,
)
def base_amount_with_percentage(context: Context) -> Iterator[etree._Element]:
    return (
        ac for ac in context.anywhere("cac:AllowanceCharge") if _percent_without_base(context, ac)
    )


@RULES.rule(
    "PEPPOL-{t}-R021",
    flag="fatal",
    message="Allowance/charge percentage SHALL be provided when allowance/charge base amount "
    "is provided.",
    transactions=ORDERS,
)
def percentage_with_base_amount(context: Context) -> Iterator[etree._Element]:
    return (
        ac
        for ac in context.anywhere("cac:AllowanceCharge")
        if not _percent_without_base(context, ac) and _base_without_percent(context, ac)
    )


@RULES.rule(
    "PEPPOL-{t}-R022",
    flag="fatal",
    message="Allowance/charge amount SHALL equal base amount * percentage/100 if base amount "
    "and percentage exists",
    transactions=ORDERS,
)
def amount_is_percentage_of_base(context: Context) -> Iterator[etree._Element]:
    for ac in _plain_document_or_line_level(context):
        if not (
            has(context, ac, "cbc:MultiplierFactorNumeric") and has(context, ac, "cbc:BaseAmount")
        ):
            continue
        try:
            amount = decimal_or(context, ac, "cbc:Amount", Decimal(0))
            base = decimal(context, ac, "cbc:BaseAmount")
            percent = decimal(context, ac, "cbc:MultiplierFactorNumeric")
        except Unreadable as exc:
            context.cannot_evaluate(ac, exc)
            continue
        if (
            base is not None
            and percent is not None
            and not within(amount, xpath_divide(base * percent, Decimal(100)), CENT_SLACK)
        ):
            yield ac


@RULES.rule(
    "PEPPOL-{t}-R023",
    flag="fatal",
    message="Each document or line level allowance SHALL have an allowance reason text or an "
    "allowance reason code.",
    transactions=ORDERS,
)
def allowance_has_reason(context: Context) -> Iterator[etree._Element]:
    for ac in _plain_document_or_line_level(context):
        if not (
            has(context, ac, "cbc:AllowanceChargeReason")
            or has(context, ac, "cbc:AllowanceChargeReasonCode")
        ):
            yield ac


@RULES.rule(
    "PEPPOL-{t}-R032",
    flag="fatal",
    message="Allowance or charge amounts SHALL NOT be negative.",
    transactions=ORDERS,
)
def allowance_not_negative(context: Context) -> Iterator[etree._Element | Violation]:
    return _negative(context, _plain_document_or_line_level(context), "cbc:Amount")


@RULES.rule(
    "PEPPOL-{t}-CL001",
    flag="fatal",
    message="Reason code MUST be according to subset of UNCL 5189 D.16B.",
    transactions=ORDERS,
)
def allowance_reason_code(context: Context) -> Iterator[etree._Element]:
    return _reason_codes_not_in(context, "false", UNCL5189)


@RULES.rule(
    "PEPPOL-{t}-CL002",
    flag="fatal",
    message="Reason code MUST be according to UNCL 7161 D.16B.",
    transactions=ORDERS,
)
def charge_reason_code(context: Context) -> Iterator[etree._Element]:
    return _reason_codes_not_in(context, "true", UNCL7161)


def _reason_codes_not_in(
    context: Context, indicator: str, codes: frozenset[str]
) -> Iterator[etree._Element]:
    for ac in context.anywhere("cac:AllowanceCharge"):
        indicators = [string_value(e) for e in children(context, ac, "cbc:ChargeIndicator")]
        if indicator not in indicators:
            continue
        for code in children(context, ac, "cbc:AllowanceChargeReasonCode"):
            text = text_node(code)  # normalize-space(text())
            if text is None:
                context.cannot_evaluate(code, "its text is split by a comment or PI")
            elif normalize_space(text) not in codes:
                yield code


# --- tax categories ---------------------------------------------------------------------


def _tax_categories(context: Context) -> list[etree._Element]:
    return context.anywhere("cac:TaxCategory", "cac:ClassifiedTaxCategory")


def _category(context: Context, tax_category: etree._Element) -> str:
    return normalize_space(single_string(context, tax_category, "cbc:ID"))


@RULES.rule(
    "PEPPOL-{t}-R029",
    flag="fatal",
    message="Each Tax Category SHALL have a TAX category rate, except if the order is not "
    "subject to TAX.",
    transactions=ORDERS,
)
def tax_category_has_rate(context: Context) -> Iterator[etree._Element]:
    for category in _tax_categories(context):
        if has(context, category, "cbc:Percent"):
            continue
        try:
            if _category(context, category) != "O":
                yield category
        except Unreadable as exc:
            context.cannot_evaluate(category, exc)


@RULES.rule(
    "PEPPOL-{t}-R030",
    flag="fatal",
    message='When TAX category code is "Standard rated" (S) the TAX rate SHALL be greater '
    "than zero.",
    transactions=ORDERS,
)
def standard_rate_is_positive(context: Context) -> Iterator[etree._Element]:
    # not(normalize-space(cbc:ID)='S') or (cbc:Percent) > 0
    for category in _tax_categories(context):
        try:
            if _standard_without_positive_rate(context, category):
                yield category
        except Unreadable as exc:
            context.cannot_evaluate(category, exc)


def _standard_without_positive_rate(context: Context, category: etree._Element) -> bool:
    """``not(not(normalize-space(cbc:ID)='S') or (cbc:Percent) > 0)``, with ``either``'s
    order of evaluation (which this spells out, without two closures per category)."""
    try:
        if _category(context, category) != "S":
            return False
    except Unreadable as error:  # the left operand fails: a true right one still decides
        try:
            if some_number(context, category, "cbc:Percent", _positive):
                return False
        except Unreadable:
            pass
        raise error
    return not some_number(context, category, "cbc:Percent", _positive)


# --- lines ------------------------------------------------------------------------------


def _line_items(context: Context) -> list[etree._Element]:
    return context.anywhere_in("cac:OrderLine", "cac:LineItem")


def _line_charges(context: Context, line_item: etree._Element) -> tuple[Decimal, Decimal]:
    """The rounded sums of the line's charges and of its allowances (one pass over them).

    Every charge indicator is read first, then the charges' amounts, then the
    allowances' (the test expression uses the charges first): where a value cannot be
    read, that order decides which one the finding names.
    """
    allowances_charges = children(context, line_item, "cac:AllowanceCharge")
    if not allowances_charges:
        return _ZERO, _ZERO
    indicators = [_charge_indicator(context, ac) for ac in allowances_charges]
    pairs = list(zip(allowances_charges, indicators, strict=True))
    charges = [ac for ac, indicator in pairs if indicator == "true"]
    allowances = [ac for ac, indicator in pairs if indicator == "false"]
    return _sum_of_amounts(context, charges), _sum_of_amounts(context, allowances)


def _sum_of_amounts(context: Context, allowances_charges: list[etree._Element]) -> Decimal:
    if not allowances_charges:
        return _ZERO
    amounts = [a for ac in allowances_charges for a in children(context, ac, "cbc:Amount")]
    return round_cents(sum(decimals(amounts), _ZERO))


_ZERO = Decimal(0)


def _expected_line_amount(context: Context, line_item: etree._Element) -> Decimal:
    quantity = decimal_or(context, line_item, "cbc:Quantity", Decimal(1))
    price = decimal_or(context, line_item, "cac:Price/cbc:PriceAmount", Decimal(0))
    base_quantity = decimal(context, line_item, "cac:Price/cbc:BaseQuantity")
    if base_quantity is None or base_quantity == 0:
        base_quantity = Decimal(1)
    charges, allowances = _line_charges(context, line_item)
    return quantity * xpath_divide(price, base_quantity) + charges - allowances


@RULES.rule(
    "PEPPOL-{t}-R024",
    flag="fatal",
    message="Order line net amount SHALL equal (Ordered quantity * (Item net price/item price "
    "base quantity) + Order line charge amount - Order line allowance amount",
    transactions=ORDERS,
)
def line_amount_is_quantity_times_price(context: Context) -> Iterator[Violation]:
    for line_item in _line_items(context):
        try:
            actual = decimal_or(context, line_item, "cbc:LineExtensionAmount", Decimal(0))
            expected = _expected_line_amount(context, line_item)
        except Unreadable as exc:
            context.cannot_evaluate(line_item, exc)
            continue
        if not within(actual, expected, CENT_SLACK):
            found = child(context, line_item, "cbc:LineExtensionAmount")
            shown = "0" if found is None else string_value(found).strip(" \t\r\n")
            yield Violation(line_item, f"expected {expected.normalize():f}, found {shown}")


@RULES.rule(
    "PEPPOL-{t}-R025",
    flag="fatal",
    message="Base quantity SHALL be a positive number above zero.",
    transactions=ORDERS,
)
def base_quantity_is_positive(context: Context) -> Iterator[etree._Element]:
    for line_item in _line_items(context):
        try:
            base_quantity = decimal(context, line_item, "cac:Price/cbc:BaseQuantity")
        except Unreadable as exc:
            context.cannot_evaluate(line_item, exc)
            continue
        if base_quantity is not None and not base_quantity > 0:
            yield line_item


@RULES.rule(
    "PEPPOL-{t}-R001",
    flag="fatal",
    message="Each order line SHALL have a document line identifier that is unique within the "
    "order.",
    transactions=ORDERS,
)
def line_ids_are_unique(context: Context) -> Iterator[Violation]:
    return lines_with_duplicate_ids(context)


@RULES.rule(
    "PEPPOL-{t}-R004",
    flag="fatal",
    message="Each order line ordered quantity SHALL not be negative",
    transactions=ORDERS,
)
def quantity_not_negative(context: Context) -> Iterator[etree._Element | Violation]:
    return _negative(context, _line_items(context), "cbc:Quantity")


@RULES.rule(
    "PEPPOL-{t}-R013",
    flag="warning",
    message="Each order line SHOULD have an ordered quantity",
    transactions=ORDERS,
)
def line_has_quantity(context: Context) -> Iterator[etree._Element]:
    return (li for li in _line_items(context) if not has(context, li, "cbc:Quantity"))


# --- prices -----------------------------------------------------------------------------


@RULES.rule(
    "PEPPOL-{t}-R019",
    flag="fatal",
    message="Item net price SHALL equal (Gross price - Allowance amount) when gross price is "
    "provided.",
    transactions=ORDERS,
)
def net_price_is_gross_minus_allowance(context: Context) -> Iterator[etree._Element]:
    for ac in context.anywhere_in("cac:Price", "cac:AllowanceCharge"):
        if _percent_without_base(context, ac) or not has(context, ac, "cbc:BaseAmount"):
            continue
        price = ac.getparent()
        try:
            net = None if price is None else decimal(context, price, "cbc:PriceAmount")
            if net is None:  # an empty left operand: false, the right is not evaluated
                yield ac
                continue
            gross = decimal(context, ac, "cbc:BaseAmount")
            allowance = decimal(context, ac, "cbc:Amount")
        except Unreadable as exc:
            context.cannot_evaluate(ac, exc)
            continue
        if gross is None or allowance is None or net != gross - allowance:
            yield ac


@RULES.rule(
    "PEPPOL-{t}-R005",
    flag="fatal",
    message="Each order line item net price SHALL not be negative",
    transactions=ORDERS,
)
def price_not_negative(context: Context) -> Iterator[etree._Element | Violation]:
    return _negative(context, context.anywhere("cac:Price"), "cbc:PriceAmount")


@RULES.rule(
    "PEPPOL-{t}-R027",
    flag="fatal",
    message="The Item gross price SHALL NOT be negative.",
    transactions=ORDERS,
)
def gross_price_not_negative(context: Context) -> Iterator[etree._Element]:
    for price in context.anywhere("cac:Price"):
        if not has(context, price, "cac:AllowanceCharge/cbc:BaseAmount"):
            continue
        try:
            if not some_number(context, price, "cac:AllowanceCharge/cbc:BaseAmount", _not_negative):
                yield price
        except Unreadable as exc:
            context.cannot_evaluate(price, exc)


@RULES.rule(
    "PEPPOL-{t}-R033",
    flag="fatal",
    message="Allowance or charge amounts SHALL NOT be negative.",
    transactions=ORDERS,
)
def price_allowance_not_negative(context: Context) -> Iterator[etree._Element | Violation]:
    prices = (
        p
        for p in context.anywhere("cac:Price")
        if has(context, p, "cac:AllowanceCharge/cbc:Amount")
    )
    return _negative(context, prices, "cac:AllowanceCharge/cbc:Amount")


@RULES.rule(
    "PEPPOL-{t}-R035",
    flag="fatal",
    message="The quotation document reference MUST be provided when referencing a quotation line",
    transactions=ORDERS,
)
def quotation_reference_for_quotation_lines(context: Context) -> Iterator[etree._Element]:
    if has(context, context.root, "cac:QuotationDocumentReference/cbc:ID"):
        return
    yield from context.anywhere_in("cac:QuotationLineReference", "cbc:LineID")
