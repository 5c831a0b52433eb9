"""Rules common to every Peppol post-award document (``PEPPOL-COMMON-R...``).

Empty elements, schema location, date format, and the format and check digits of the
identifier schemes the official rules know (GLN, Norwegian, Danish, Belgian, Italian,
Swedish, Australian and Dutch numbers).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

from ordex.peppol.identifiers import (
    is_belgian_enterprise_number,
    is_gln,
    is_norwegian_org_number,
    is_swedish_org_number,
)
from ordex.peppol.namespaces import clark
from ordex.peppol.rules.registry import ALL, RULES, Context, Flag, Hit, Rule, RuleGroup
from ordex.peppol.rules.support import child
from ordex.peppol.values import normalize_space, parse_date, string_value


@RULES.rule(
    "PEPPOL-COMMON-R001",
    flag="fatal",
    message="Document MUST not contain empty elements.",
    transactions=ALL,
)
def no_empty_elements(context: Context) -> Iterator[etree._Element]:
    """``//*[not(*) and not(normalize-space())]``."""
    with_element_children = context.index.kids
    for element in context.index.elements:
        if element in with_element_children:
            continue
        text = element.text
        if text and not text.isspace():  # most: a character that is no space at all
            continue
        if len(element) == 0:  # no child nodes at all: the text is the string value
            if text is None or not text.strip(_XML_SPACE):
                yield element
        elif not normalize_space(string_value(element)):  # comments or PIs inside
            yield element


_XML_SPACE = " \t\r\n"


@RULES.rule(
    "PEPPOL-COMMON-R003",
    flag="warning",
    message="Document SHOULD not contain schema location.",
    transactions=ALL,
)
def no_schema_location(context: Context) -> Iterator[etree._Element]:
    if any(etree.QName(name).localname == "schemaLocation" for name in context.root.attrib):
        yield context.root


@RULES.rule(
    "PEPPOL-COMMON-R030",
    flag="fatal",
    message="A date must be formatted YYYY-MM-DD.",
    transactions=ALL,
)
def dates_are_iso(context: Context) -> Iterator[etree._Element]:
    for element in context.anywhere(*_DATES):
        text = string_value(element)
        if len(text) != 10 or (parse_date(text) is None and not in_year_zero(text)):
            yield element


_YEAR_ZERO = re.compile(r"[ \t\r\n]*0000-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})[ \t\r\n]*")


def in_year_zero(text: str) -> bool:
    """``castable as xs:date`` for a date of the year 0000, which XPath 2.0 (XSD 1.1: the
    year before 0001, a leap year) accepts and Python's ``date`` does not. The UBL schema
    (XSD 1.0) refuses it: ORDEX-R012 says so (``native.no_year_zero``)."""
    found = _YEAR_ZERO.fullmatch(text)  # the same month and day in 2000, a leap year too:
    return found is not None and parse_date(f"2000-{found['month']}-{found['day']}") is not None


_DATES = tuple(
    f"cbc:{name}"
    for name in (
        "IssueDate",
        "DueDate",
        "TaxPointDate",
        "StartDate",
        "EndDate",
        "ActualDeliveryDate",
    )
)


# --- identifier schemes ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SchemeRule:
    """The format an identifier of one scheme must have (one official rule)."""

    rule_id: str
    flag: Flag
    message: str
    scheme: str
    valid: Callable[[str], bool]  # receives the identifier's raw string value
    endpoint_only: bool = False


def _matches(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda raw: compiled.fullmatch(normalize_space(raw)) is not None


_eleven_digits = _matches(r"[0-9]{11}")


def _danish_cvr(raw: str) -> bool:
    return bool(re.fullmatch(r"DK[0-9]{8}|[0-9]{8}", raw))


def _xs_integer(text: str) -> bool:
    return re.fullmatch(r"[ \t\r\n]*[+-]?[0-9]+[ \t\r\n]*", text) is not None


def _codice_fiscale(value: str) -> bool:
    """``u:checkCF``: 16 characters in the personal pattern, or 11 digits."""
    if len(value) == 11:
        return _xs_integer(value)
    if len(value) != 16:
        return False
    letters = re.compile(r"[A-Za-z]*")
    return bool(
        letters.fullmatch(value[0:6])
        and _xs_integer(value[6:8])
        and letters.fullmatch(value[8])
        and _xs_integer(value[9:11])
        and _xs_integer(value[14])
        and letters.fullmatch(value[15])
    )


def _partita_iva(value: str) -> bool:
    """``u:checkPIVAseIT``: an ``IT`` VAT number has 11 digits with a Luhn-like check."""
    if value[:2] not in ("IT", "it"):
        return True
    digits = value[2:]
    if len(digits) != 11 or not digits.isdigit():
        return False
    doubled = "0246813579"
    total = sum(int(doubled[int(d)]) if index % 2 else int(d) for index, d in enumerate(digits))
    return total % 10 == 0


def _abn(value: str) -> bool:
    """``u:abn``: Australian Business Number, weighted sum mod 89."""
    weights = (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19)
    digits = [int(d) for d in value]
    digits[0] -= 1
    return sum(w * d for w, d in zip(weights, digits, strict=True)) % 89 == 0


SCHEME_RULES: tuple[SchemeRule, ...] = (
    SchemeRule(
        "PEPPOL-COMMON-R040",
        "fatal",
        "GLN must have a valid format according to GS1 rules.",
        "0088",
        lambda raw: is_gln(normalize_space(raw)),  # is_gln accepts digits only
    ),
    SchemeRule(
        "PEPPOL-COMMON-R041",
        "fatal",
        "Norwegian organization number MUST be stated in the correct format.",
        "0192",
        lambda raw: is_norwegian_org_number(normalize_space(raw)),
    ),
    SchemeRule(
        "PEPPOL-COMMON-R042",
        "fatal",
        "Danish organization number (CVR) MUST be stated in the correct format.",
        "0184",
        _danish_cvr,
    ),
    SchemeRule(
        "PEPPOL-COMMON-R052",
        "fatal",
        "Danish chamber of commerce number (P) MUST be stated in the correct format.",
        "0096",
        lambda raw: re.fullmatch(r"[0-9]{10}", raw) is not None,
    ),
    SchemeRule(
        "PEPPOL-COMMON-R053",
        "fatal",
        "Danish ERSTORG number (SE) MUST be stated in the correct format.",
        "0198",
        lambda raw: re.fullmatch(r"DK[0-9]{8}", raw) is not None,
    ),
    SchemeRule(
        "PEPPOL-COMMON-R043",
        "fatal",
        "Belgian enterprise number MUST be stated in the correct format.",
        "0208",
        lambda raw: is_belgian_enterprise_number(normalize_space(raw)),
    ),
    SchemeRule(
        "PEPPOL-COMMON-R044",
        "warning",
        "IPA Code (Codice Univoco Unità Organizzativa) must be stated in the correct format",
        "0201",
        _matches(r"[A-Za-z0-9]{6}"),
    ),
    SchemeRule(
        "PEPPOL-COMMON-R045",
        "warning",
        "Tax Code (Codice Fiscale) must be stated in the correct format",
        "0210",
        lambda raw: _codice_fiscale(normalize_space(raw)),
    ),
    SchemeRule(
        "PEPPOL-COMMON-R046",
        "warning",
        "Tax Code (Codice Fiscale) must be stated in the correct format",
        "9907",
        lambda raw: _codice_fiscale(normalize_space(raw)),
        endpoint_only=True,
    ),
    SchemeRule(
        "PEPPOL-COMMON-R047",
        "warning",
        "Italian VAT Code (Partita Iva) must be stated in the correct format",
        "0211",
        lambda raw: _partita_iva(normalize_space(raw)),
    ),
    SchemeRule(
        "PEPPOL-COMMON-R049",
        "fatal",
        "Swedish organization number MUST be stated in the correct format.",
        "0007",
        lambda raw: is_swedish_org_number(normalize_space(raw)),
    ),
    SchemeRule(
        "PEPPOL-COMMON-R050",
        "fatal",
        "Australian Business Number (ABN) MUST be stated in the correct format.",
        "0151",
        lambda raw: _eleven_digits(raw) and _abn(normalize_space(raw)),
    ),
    SchemeRule(
        "PEPPOL-COMMON-R054",
        "warning",
        "Dutch Chamber of Commerce (KVK) numbers (0106) MUST be stated in the correct format "
        "(12345678).",
        "0106",
        _matches(r"[0-9]{8}"),
    ),
    SchemeRule(
        "PEPPOL-COMMON-R055",
        "warning",
        "Dutch organization identification numbers (0190) MUST be stated in the correct "
        "format (12345678901234567890).",
        "0190",
        _matches(r"[0-9]{20}"),
    ),
    SchemeRule(
        "PEPPOL-COMMON-R056-1",
        "warning",
        "Dutch VAT numbers (9944) MUST be stated in the correct format (NL123456789B12).",
        "9944",
        _matches(r"NL[0-9]{9}B[0-9]{2}"),
    ),
    SchemeRule(
        "PEPPOL-COMMON-R057",
        "warning",
        "Dutch Chamber of Commerce Establishment numbers (0217) MUST be stated in the correct "
        "format (123456789012).",
        "0217",
        _matches(r"[0-9]{12}"),
    ),
)
DUTCH_VAT = SchemeRule(
    "PEPPOL-COMMON-R056-2",
    "warning",
    "Dutch VAT numbers MUST have the format (NL123456789B12).",
    "VAT:NL",
    _matches(r"NL[0-9]{9}B[0-9]{2}"),
)
"""Applies to a VAT ``cac:PartyTaxScheme/cbc:CompanyID`` starting with NL, any scheme."""

# The official rules share one pattern, so an element is checked by the first rule that
# matches it only: the order below is theirs (R056-2 comes before the 0217 rule).
_ORDER = (*SCHEME_RULES[:-1], DUTCH_VAT, SCHEME_RULES[-1])


def _first_rule(
    context: Context, element: etree._Element, endpoint: bool, company_id: bool
) -> SchemeRule | None:
    """The identifier rule that checks ``element`` (a ``cbc:EndpointID``, a
    ``cbc:CompanyID`` or else a ``cac:PartyIdentification/cbc:ID``), or None."""
    scheme = element.get("schemeID")
    rule = (_ENDPOINT_RULES if endpoint else _OTHER_RULES).get(scheme or "")
    if rule is not None and rule is not _AFTER_DUTCH_VAT:
        return rule
    if company_id and _is_dutch_vat_number(context, element):
        return DUTCH_VAT
    return rule


def _by_scheme(endpoint: bool) -> dict[str, SchemeRule]:
    """The first rule of ``_ORDER`` for each scheme (the Dutch VAT rule aside)."""
    table: dict[str, SchemeRule] = {}
    for rule in _ORDER:
        if rule is not DUTCH_VAT and (endpoint or not rule.endpoint_only):
            table.setdefault(rule.scheme, rule)
    return table


_ENDPOINT_RULES, _OTHER_RULES = _by_scheme(endpoint=True), _by_scheme(endpoint=False)
_AFTER_DUTCH_VAT = _ORDER[-1]


def _is_dutch_vat_number(context: Context, company_id: etree._Element) -> bool:
    tax_scheme = company_id.getparent()
    if tax_scheme is None or tax_scheme.tag != _PARTY_TAX_SCHEME:
        return False
    scheme_id = child(context, tax_scheme, "cac:TaxScheme/cbc:ID")
    return (
        scheme_id is not None
        and normalize_space(string_value(scheme_id)) == "VAT"
        and normalize_space(string_value(company_id)).startswith("NL")
    )


_PARTY_TAX_SCHEME = clark("cac:PartyTaxScheme")


def _identifiers(context: Context) -> Iterator[tuple[etree._Element, bool, bool]]:
    """Every cbc:EndpointID, cbc:CompanyID and cac:PartyIdentification/cbc:ID, each
    with whether it is an endpoint and whether it is a company ID."""
    for element in context.anywhere("cbc:EndpointID"):
        yield element, True, False
    for element in context.anywhere("cbc:CompanyID"):
        yield element, False, True
    for element in context.anywhere_in("cac:PartyIdentification", "cbc:ID"):
        yield element, False, False


def _identifier_hits(context: Context) -> list[Hit]:
    """Each identifier checked by the first scheme rule that applies to it (one pass)."""
    hits: list[Hit] = []
    for element, endpoint, company_id in _identifiers(context):
        scheme_rule = _first_rule(context, element, endpoint, company_id)
        if scheme_rule is not None and not scheme_rule.valid(string_value(element)):
            hits.append((_AS_RULE[scheme_rule], element, None))
    return hits


def _never(context: Context) -> Iterator[etree._Element]:  # only run through the group
    return iter(())


_AS_RULE = {rule: Rule(rule.rule_id, rule.flag, rule.message, _never) for rule in _ORDER}
for _code in ALL:
    RULES.add_group(_code, RuleGroup(tuple(_AS_RULE.values()), _identifier_hits))
