"""Business rules of the Order Agreement (T110): ``PEPPOL-T110-R...``, ``-CL...``.

Transcribed from ``PEPPOLBIS-T110.sch`` as the May 2026 release has them (their IDs,
flags, messages and tests are also in ``generated/business_rules.py``, which a test
compares with these). All of them share one Schematron pattern, in which an element is
tested only by the first rule whose context it matches: the document-level allowances
and charges (R015, R016, then R017/R018/R021) are the one place where that matters.
Where a test is the Order's (T01) word for word, the Order's check is registered again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cached_property, partial

from lxml import etree

from ordex.peppol.namespaces import clark
from ordex.peppol.rules import order
from ordex.peppol.rules.registry import RULES, Context, Rule
from ordex.peppol.rules.registry import Check as RuleCheck
from ordex.peppol.rules.support import (
    Unreadable,
    children,
    decimal,
    decimals,
    has,
    is_at_least,
    number,
    single_string,
    some_number,
    within,
)
from ordex.peppol.values import normalize_space, round_cents, string_value, xpath_round

T110 = ("T110",)
CENT_SLACK = Decimal("0.02")
Check = Callable[[Context], Iterator[etree._Element]]


def _rule(rule: str, message: str, check: RuleCheck) -> None:
    RULES.add("T110", Rule(f"PEPPOL-T110-{rule}", "fatal", message, check))


def _each(elements: Callable[[Context], list[etree._Element]], fails: Callable[..., bool]) -> Check:
    """A check that yields the elements ``fails(context, element)`` is true for; an element
    whose test cannot be evaluated is noted for ORDEX-R002."""

    def check(context: Context) -> Iterator[etree._Element]:
        for element in elements(context):
            try:
                failed = fails(context, element)
            except Unreadable as exc:
                context.cannot_evaluate(element, exc)
                continue
            if failed:
                yield element

    return check


# --- identification, items --------------------------------------------------------------

_rule(
    "R030",
    "Specification identifier SHALL start with the value "
    "'urn:fdc:peppol.eu:poacc:trns:order_agreement:3'.",
    order.customization_id_prefix,
)


def _unidentified_item(context: Context, item: etree._Element) -> bool:
    return not (
        has(context, item, "cac:StandardItemIdentification/cbc:ID")
        or has(context, item, "cac:SellersItemIdentification/cbc:ID")
    )


_rule(
    "R002",
    'Each item in an Order agreement line SHALL be identifiable by either "item sellers '
    'identifier" or "item standard identifier"',
    _each(lambda c: c.anywhere("cac:Item"), _unidentified_item),
)

# --- amounts ----------------------------------------------------------------------------

_AMOUNT_NAMES = tuple(
    f"cbc:{name}"
    for name in (
        "Amount",
        "TaxAmount",
        "TaxableAmount",
        "LineExtensionAmount",
        "PriceAmount",
        "BaseAmount",
    )
)
_CBC = "{" + "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" + "}"
_CUSTOMIZATION_ID = clark("cbc:CustomizationID")


def _amounts(context: Context) -> list[etree._Element]:
    """Context of R004/R013: the amounts and every ``cbc:`` child of a monetary total
    (but a ``cbc:CustomizationID``: R030's rule comes first and takes it)."""

    def find() -> list[etree._Element]:
        found = list(context.anywhere(*_AMOUNT_NAMES))
        seen = set(found)
        for total in context.anywhere("cac:LegalMonetaryTotal"):
            for tag, elements in context.index.kids.get(total, {}).items():
                if tag.startswith(_CBC) and tag != _CUSTOMIZATION_ID:
                    found += (e for e in elements if e not in seen)
        return found

    return context.cached("agreement amounts", find)


def _other_currency(context: Context, amount: etree._Element) -> bool:
    currency = amount.get("currencyID")
    if currency is None:
        return False
    codes = children(context, context.root, "cbc:DocumentCurrencyCode")
    return all(string_value(code) != currency for code in codes)


def _inside_a_price(amount: etree._Element) -> bool:
    """``ancestor::node()/local-name() = 'Price'``."""
    return any(etree.QName(above).localname == "Price" for above in amount.iterancestors())


def _too_many_decimals(context: Context, amount: etree._Element) -> bool:
    _, dot, fraction = string_value(amount).partition(".")
    return bool(dot) and len(fraction) > 2 and not _inside_a_price(amount)


_rule(
    "R004",
    "All amounts SHALL have same currency code as document currency",
    _each(_amounts, _other_currency),
)
_rule(
    "R013",
    "Elements of data type amount cannot have more than 2 decimals (I.e. all amounts except "
    "unit price amounts)",
    _each(_amounts, _too_many_decimals),
)

# --- tax --------------------------------------------------------------------------------


def _one(values: list[Decimal], what: str) -> Decimal | None:
    """``round(seq)`` and friends take at most one item: more is a type error."""
    if len(values) > 1:
        raise Unreadable(f"{what} appears {len(values)} times")
    return values[0] if values else None


def _subtotal_is_wrong(context: Context, subtotal: etree._Element) -> bool:
    percents = decimals(children(context, subtotal, "cac:TaxCategory/cbc:Percent"))
    tax = decimal(context, subtotal, "cbc:TaxAmount")
    if not percents:  # the third alternative
        return not (tax is not None and xpath_round(tax) == 0)
    percent = _one(percents, "cac:TaxCategory/cbc:Percent")
    assert percent is not None
    if xpath_round(percent) == 0:
        return not (tax is not None and xpath_round(tax) == 0)
    taxable = decimal(context, subtotal, "cbc:TaxableAmount")
    if tax is None or taxable is None:
        return True
    return tax != round_cents(taxable * (percent / 100))


_rule(
    "R024",
    "TAX category tax amount = TAX category taxable amount x (TAX category rate / 100), "
    "rounded to two decimals.",
    _each(lambda c: c.anywhere_in("cac:TaxTotal", "cac:TaxSubtotal"), _subtotal_is_wrong),
)


def _total_tax_is_wrong(context: Context, total: etree._Element) -> bool:
    subtotals = children(context, total, "cac:TaxSubtotal")
    if not subtotals:
        return False
    tax = decimal(context, total, "cbc:TaxAmount")
    if tax is None:  # an empty operand: the comparison is false
        return True
    amounts = decimals(children(context, total, "cac:TaxSubtotal/cbc:TaxAmount"))
    return tax != round_cents(sum(amounts, Decimal(0)))


_rule(
    "R025",
    "If TAX breakdown is present, the order agreement TAX total amount = Σ TAX category tax "
    "amount.",
    _each(lambda c: children(c, c.root, "cac:TaxTotal"), _total_tax_is_wrong),
)


def _breakdown_categories(context: Context, with_reason: bool) -> list[etree._Element]:
    return [
        category
        for category in context.anywhere_in("cac:TaxSubtotal", "cac:TaxCategory")
        if has(context, category, "cbc:TaxExemptionReason") is with_reason
    ]


def _code_not_in(codes: str) -> Callable[[Context, etree._Element], bool]:
    def fails(context: Context, category: etree._Element) -> bool:
        code = normalize_space(single_string(context, category, "cbc:ID"))
        return f" {code} " not in codes

    return fails


_rule(
    "R028",
    "A TAX breakdown with TAX Category codes E, AE, K, G or O SHALL have a TAX exemption "
    "reason text",
    _each(lambda c: _breakdown_categories(c, False), _code_not_in(" S Z L M ")),
)
_rule(
    "R029",
    "A TAX breakdown with TAX Category codes S, Z, L and M SHALL NOT have a TAX exemption "
    "reason text",
    _each(lambda c: _breakdown_categories(c, True), _code_not_in(" E AE O K G ")),
)


def _categories(context: Context) -> list[etree._Element]:
    """``cac:AllowanceCharge/cac:TaxCategory | cac:Item/cac:ClassifiedTaxCategory``."""

    return context.anywhere_in("cac:AllowanceCharge", "cac:TaxCategory") + context.anywhere_in(
        "cac:Item", "cac:ClassifiedTaxCategory"
    )


def _cat2str(context: Context, category: etree._Element) -> str:
    """``u:cat2str``: ``concat(normalize-space(cbc:ID), '-', round(xs:decimal(cbc:Percent)
    * 1000000))``."""
    code = normalize_space(single_string(context, category, "cbc:ID"))
    percent = decimal(context, category, "cbc:Percent")
    if percent is None:
        return f"{code}-"
    scaled = xpath_round(percent * 1000000)
    return f"{code}-{'0' if scaled == 0 else format(scaled, 'f')}"


def _breakdown(context: Context) -> list[etree._Element]:
    return children(context, context.root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory")


def _rate_not_in_breakdown(context: Context, category: etree._Element) -> bool:
    if not has(context, category, "cbc:Percent") or not context.anywhere("cac:TaxTotal"):
        return False
    wanted = _cat2str(context, category)
    listed = context.cached(
        "agreement breakdown rates", lambda: [_cat2str(context, c) for c in _breakdown(context)]
    )
    return wanted not in listed


def _category_not_in_breakdown(context: Context, category: etree._Element) -> bool:
    if not context.anywhere("cac:TaxTotal"):
        return False
    listed = context.cached(
        "agreement breakdown codes",
        lambda: [normalize_space(single_string(context, c, "cbc:ID")) for c in _breakdown(context)],
    )
    codes = {string_value(e) for e in children(context, category, "cbc:ID")}
    return not any(code in codes for code in listed)


def _without_rate(context: Context, category: etree._Element) -> bool:
    if has(context, category, "cbc:Percent"):
        return False
    return normalize_space(single_string(context, category, "cbc:ID")) != "O"


_rule(
    "R026",
    "Tax category rates MUST match provided tax categories on document level when such exists.",
    _each(_categories, _rate_not_in_breakdown),
)
_rule(
    "R027",
    "Tax categories MUST match provided tax categories on document level when such exists.",
    _each(_categories, _category_not_in_breakdown),
)
_rule(
    "R019",
    "Each Tax Category SHALL have a TAX category rate, except if the order is not subject to TAX.",
    _each(_categories, _without_rate),
)
_rule(
    "R020",
    'When TAX category code is "Standard rated" (S) the TAX rate SHALL be greater than zero.',
    _each(_categories, order._standard_without_positive_rate),
)

# --- document totals --------------------------------------------------------------------


class _Totals:
    """The variables of the rule on ``cac:LegalMonetaryTotal``, each read when a test uses
    it (so that an unreadable amount stops only the tests that need it)."""

    def __init__(self, context: Context, total: etree._Element) -> None:
        self.context = context
        self.total = total

    def _amount(self, name: str) -> Decimal:
        """``xs:decimal(if (cbc:X) then cbc:X else 0)``."""
        value = decimal(self.context, self.total, name)
        return Decimal(0) if value is None else value

    def has(self, name: str) -> bool:
        return has(self.context, self.total, name)

    @cached_property
    def line_extension(self) -> Decimal:
        return self._amount("cbc:LineExtensionAmount")

    @cached_property
    def allowances(self) -> Decimal:
        return self._amount("cbc:AllowanceTotalAmount")

    @cached_property
    def charges(self) -> Decimal:
        return self._amount("cbc:ChargeTotalAmount")

    @cached_property
    def tax_exclusive(self) -> Decimal:
        return self._amount("cbc:TaxExclusiveAmount")

    @cached_property
    def tax_inclusive(self) -> Decimal:
        return self._amount("cbc:TaxInclusiveAmount")

    @cached_property
    def rounding(self) -> Decimal:
        return self._amount("cbc:PayableRoundingAmount")

    @cached_property
    def payable(self) -> Decimal:
        return self._amount("cbc:PayableAmount")

    @cached_property
    def prepaid(self) -> Decimal:
        return self._amount("cbc:PrepaidAmount")

    @cached_property
    def tax(self) -> Decimal:
        value = decimal(self.context, self.context.root, "cac:TaxTotal/cbc:TaxAmount")
        return Decimal(0) if value is None else value

    def document_charges(self, indicator: str) -> Decimal:
        """``round(sum(/ubl:OrderResponse/cac:AllowanceCharge[cbc:ChargeIndicator=...]/
        cbc:Amount/xs:decimal(.)) * 10 * 10) div 100``."""
        selected = [
            ac
            for ac in children(self.context, self.context.root, "cac:AllowanceCharge")
            if any(
                string_value(e) == indicator
                for e in children(self.context, ac, "cbc:ChargeIndicator")
            )
        ]
        amounts = [a for ac in selected for a in children(self.context, ac, "cbc:Amount")]
        return round_cents(sum(decimals(amounts), Decimal(0)))

    @cached_property
    def sum_of_lines(self) -> Decimal:
        amounts = self.context.anywhere_in("cac:LineItem", "cbc:LineExtensionAmount")
        lines = [a for a in amounts if _under_an_order_line(a)]
        return round_cents(sum(decimals(lines), Decimal(0)))


def _under_an_order_line(amount: etree._Element) -> bool:
    line_item = amount.getparent()
    order_line = None if line_item is None else line_item.getparent()
    return order_line is not None and order_line.tag == _ORDER_LINE


_ORDER_LINE = clark("cac:OrderLine")


def _payable_negative(t: _Totals) -> bool:
    """``not(cbc:PayableAmount) or cbc:PayableAmount >= 0`` (a general comparison)."""
    if not t.has("cbc:PayableAmount"):
        return False
    return not some_number(t.context, t.total, "cbc:PayableAmount", lambda v: v >= 0)


def _totals_rule(rule: str, message: str, fails: Callable[[_Totals], bool]) -> None:
    def check(context: Context) -> Iterator[etree._Element]:
        for total in context.anywhere("cac:LegalMonetaryTotal"):
            totals = context.cached(("agreement totals", total), partial(_Totals, context, total))
            try:
                failed = fails(totals)
            except Unreadable as exc:
                context.cannot_evaluate(total, exc)
                continue
            if failed:
                yield total

    _rule(rule, message, check)


def _lines_without_amount(t: _Totals) -> bool:
    lines = t.context.anywhere("cac:OrderLine")
    amounts = t.context.anywhere_in("cac:LineItem", "cbc:LineExtensionAmount")
    return len(lines) != len(amounts)


_totals_rule(
    "R014",
    "If document totals is provided, all order agreement lines SHALL have a line extension amount",
    _lines_without_amount,
)
_PAYABLE = (
    "Total amount for payment SHALL NOT be negative, if expected total amount for payment is "
    "provided."
)
_totals_rule("R005", _PAYABLE, _payable_negative)
_totals_rule("R006", _PAYABLE, lambda t: not is_at_least(t.line_extension, 0))
_totals_rule(
    "R007",
    "Total sum of line amounts SHALL equal the sum of the order line amounts at order line "
    "level, if total sum of line amounts is provided.",
    lambda t: t.has("cbc:LineExtensionAmount") and t.line_extension != t.sum_of_lines,
)
_totals_rule(
    "R008",
    "Total sum of charges at document level SHALL be equal to the sum of charges at document "
    "level, if total sum of charges at document level is provided.",
    lambda t: t.has("cbc:ChargeTotalAmount") and t.charges != t.document_charges("true"),
)
_totals_rule(
    "R009",
    "Total sum of allowance at document level SHALL be equal to the sum of allowance amounts "
    "at document level, if total sum of allowance at document level is provided.",
    lambda t: t.has("cbc:AllowanceTotalAmount") and t.allowances != t.document_charges("false"),
)
_totals_rule(
    "R010",
    "Tax exclusive amount SHALL equal the sum of line amount plus total charge amount at "
    "document level less total allowance amount at document level if tax exclusive amount is "
    "provided.",
    lambda t: (
        t.has("cbc:TaxExclusiveAmount")
        and t.tax_exclusive != t.line_extension + t.charges - t.allowances
    ),
)
_totals_rule(
    "R011",
    "Tax inclusive amount SHALL equal tax exclusive amount plus total tax amount.",
    lambda t: t.tax_inclusive != t.tax_exclusive + t.tax,
)
_totals_rule(
    "R012",
    "Total amount for payment SHALL be equal to the tax inclusive amount minus the prepaid "
    "amount plus rounding amount",
    lambda t: t.has("cbc:PayableAmount") and t.payable != t.tax_inclusive - t.prepaid + t.rounding,
)

# --- document-level allowances and charges ----------------------------------------------


def _document_allowances(context: Context) -> list[etree._Element]:
    return children(context, context.root, "cac:AllowanceCharge")


def _percent_without_base(context: Context, ac: etree._Element) -> bool:
    return has(context, ac, "cbc:MultiplierFactorNumeric") and not has(
        context, ac, "cbc:BaseAmount"
    )


def _base_without_percent(context: Context, ac: etree._Element) -> bool:
    return not has(context, ac, "cbc:MultiplierFactorNumeric") and has(
        context, ac, "cbc:BaseAmount"
    )


def _plain(context: Context) -> list[etree._Element]:
    """The document-level allowances and charges that R015 and R016 did not take."""
    return [
        ac
        for ac in _document_allowances(context)
        if not _percent_without_base(context, ac) and not _base_without_percent(context, ac)
    ]


def _amount_is_not_the_percentage(context: Context, ac: etree._Element) -> bool:
    if not (has(context, ac, "cbc:MultiplierFactorNumeric") and has(context, ac, "cbc:BaseAmount")):
        return False
    amount = decimal(context, ac, "cbc:Amount")
    base = decimal(context, ac, "cbc:BaseAmount")
    percent = decimal(context, ac, "cbc:MultiplierFactorNumeric")
    assert base is not None and percent is not None
    return not within(Decimal(0) if amount is None else amount, base * percent / 100, CENT_SLACK)


def _without_reason(context: Context, ac: etree._Element) -> bool:
    return not (
        has(context, ac, "cbc:AllowanceChargeReason")
        or has(context, ac, "cbc:AllowanceChargeReasonCode")
    )


def _not_at_least_zero(path: str) -> Callable[[Context, etree._Element], bool]:
    """``number(path) >= 0`` fails (NaN fails; two values are a type error)."""
    return lambda context, element: not is_at_least(number(context, element, path), 0)


_rule(
    "R015",
    "Allowance/charge base amount SHALL be provided when allowance/charge percentage is provided.",
    _each(_document_allowances, _percent_without_base),
)
_rule(
    "R016",
    "Allowance/charge percentage SHALL be provided when allowance/charge base amount is provided.",
    _each(_document_allowances, _base_without_percent),
)
_rule(
    "R017",
    "Allowance/charge amount SHALL equal base amount * percentage/100 if base amount and "
    "percentage exists",
    _each(_plain, _amount_is_not_the_percentage),
)
_rule(
    "R018",
    "Each document level allowance SHALL have an allowance reason text or an allowance reason "
    "code.",
    _each(_plain, _without_reason),
)
_rule(
    "R021",
    "Document level allowance or charge amounts SHALL NOT be negative.",
    _each(_plain, _not_at_least_zero("cbc:Amount")),
)

# --- prices and reason codes: the Order's tests -----------------------------------------

_rule(
    "R001",
    "Each order agreement line item net price SHALL not be negative",
    order.price_not_negative,
)
_rule("R022", "The Item gross price SHALL NOT be negative.", order.gross_price_not_negative)
_rule(
    "R023",
    "Allowance or charge price amounts SHALL NOT be negative.",
    order.price_allowance_not_negative,
)
_rule(
    "CL001",
    "Reason code MUST be according to subset of UNCL 5189 D.16B.",
    order.allowance_reason_code,
)
_rule("CL002", "Reason code MUST be according to UNCL 7161 D.16B.", order.charge_reason_code)
