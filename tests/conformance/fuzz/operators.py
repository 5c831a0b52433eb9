"""Mutation operators of the differential fuzz (independent of ``tests/conformance/mutations``).

An operator takes a parsed document (an lxml tree it may change in place) and a
``random.Random``, and returns what it did, or None when the document offers it nothing
to work on. Some edits cannot be made on a tree (a comment in the middle of a text, a
CDATA section): those set a placeholder text and register the raw XML that replaces it
when the tree is serialized (``Mutant.raw``). Everything is deterministic given the
``random.Random``.

The operators aim at the places where a validator reads documents differently from
XPath: arithmetic at the edges of the 0.02 slack and beyond 28 digits, lexical forms of
numbers, comments, processing instructions and CDATA inside values, whitespace and
invisible characters, attributes and namespaces, element order, deletion, duplication,
code-list near misses, dates and booleans.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from lxml import etree

from ordex.peppol.codes import CODE_LISTS
from ordex.peppol.values import is_decimal, xpath_divide, xs_decimal

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
FOREIGN = "urn:example:fuzz"


@dataclass
class Mutant:
    """A document being mutated: its tree and the raw XML placeholders stand for."""

    root: etree._Element
    raw: dict[str, str] = field(default_factory=dict)

    def placeholder(self, element: etree._Element, xml: str) -> None:
        """Make ``element``'s content the raw ``xml`` once serialized."""
        marker = f"FUZZ{len(self.raw)}MARK"
        for kid in list(element):
            element.remove(kid)
        element.text = marker
        self.raw[marker] = xml

    def serialize(self) -> bytes:
        data = etree.tostring(self.root, encoding="unicode")
        for marker, xml in self.raw.items():
            data = data.replace(marker, xml)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + data).encode("utf-8")


Operator = Callable[[Mutant, random.Random], "str | None"]
OPERATORS: dict[str, Operator] = {}


def operator(function: Operator) -> Operator:
    OPERATORS[function.__name__] = function
    return function


# --- finding targets --------------------------------------------------------------------


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _elements(mutant: Mutant) -> list[etree._Element]:
    return [e for e in mutant.root.iter() if isinstance(e.tag, str)]


def _leaves(mutant: Mutant) -> list[etree._Element]:
    """Elements with a text value and no element children."""
    return [e for e in _elements(mutant) if len(e) == 0 and (e.text or "").strip()]


def _named(mutant: Mutant, *names: str) -> list[etree._Element]:
    return [e for e in _elements(mutant) if _local(e) in names]


def _where(element: etree._Element) -> str:
    path = []
    node: etree._Element | None = element
    while node is not None:
        path.append(_local(node))
        node = node.getparent()
    return "/".join(reversed(path))


NUMBERS = ("Quantity", "LineExtensionAmount", "PriceAmount", "BaseQuantity", "Amount",
           "BaseAmount", "MultiplierFactorNumeric", "TaxAmount", "Percent", "PayableAmount",
           "TaxExclusiveAmount", "TaxInclusiveAmount", "AllowanceTotalAmount",
           "ChargeTotalAmount", "PrepaidAmount", "PayableRoundingAmount")  # fmt: skip
TOTALS = ("LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount",
          "AllowanceTotalAmount", "ChargeTotalAmount", "PrepaidAmount",
          "PayableRoundingAmount", "PayableAmount", "TaxAmount")  # fmt: skip
CODES = ("OrderTypeCode", "OrderResponseCode", "LineStatusCode", "DocumentCurrencyCode",
         "AllowanceChargeReasonCode", "IdentificationCode", "ProfileID", "CustomizationID",
         "ChargeIndicator", "TaxTypeCode", "OrderChangeCode")  # fmt: skip
DATES = ("IssueDate", "StartDate", "EndDate", "ValidityEndDate", "ActualDeliveryDate")


def _numbers(mutant: Mutant) -> list[etree._Element]:
    return [e for e in _named(mutant, *NUMBERS) if len(e) == 0 and _is_decimal(e.text)]


def _is_decimal(text: str | None) -> bool:
    return text is not None and is_decimal(text)


def _pick(rnd: random.Random, found: list[etree._Element]) -> etree._Element | None:
    return rnd.choice(found) if found else None


def _kid(element: etree._Element, namespace: str, name: str) -> etree._Element | None:
    return element.find(f"{{{namespace}}}{name}")


# --- arithmetic and precision -----------------------------------------------------------


def _line_expected(item: etree._Element) -> Decimal | None:
    """quantity * (price div base quantity) + charges - allowances (official arithmetic)."""
    price = item.find(f"{{{CAC}}}Price/{{{CBC}}}PriceAmount")
    quantity = _kid(item, CBC, "Quantity")
    if price is None or quantity is None:
        return None
    base = item.find(f"{{{CAC}}}Price/{{{CBC}}}BaseQuantity")
    values = [price, quantity] if base is None else [price, quantity, base]
    if not all(_is_decimal(e.text) for e in values):
        return None
    try:
        with localcontext() as exact:
            exact.prec = 1000
            divisor = xs_decimal(base.text or "") if base is not None else Decimal(1)
            if divisor == 0:
                divisor = Decimal(1)
            total = xs_decimal(quantity.text or "") * xpath_divide(
                xs_decimal(price.text or ""), divisor
            )
            for ac in item.findall(f"{{{CAC}}}AllowanceCharge"):
                amount = Decimal((_kid(ac, CBC, "Amount").text or "").strip())  # type: ignore[union-attr]
                charge = (_kid(ac, CBC, "ChargeIndicator").text or "").strip() == "true"  # type: ignore[union-attr]
                total += amount if charge else -amount
            return total
    except (ArithmeticError, AttributeError, ValueError):
        return None


def _line_items(mutant: Mutant) -> list[etree._Element]:
    return [e for e in _named(mutant, "LineItem") if _line_expected(e) is not None]


@operator
def r024_slack_edge(mutant: Mutant, rnd: random.Random) -> str | None:
    """A line's divisor that does not divide evenly, its amount on either side of 0.02."""
    item = _pick(rnd, _line_items(mutant))
    if item is None:
        return None
    price = item.find(f"{{{CAC}}}Price")
    assert price is not None
    base = _kid(price, CBC, "BaseQuantity")
    if base is None:
        base = etree.SubElement(price, f"{{{CBC}}}BaseQuantity", unitCode="EA")
    base.text = rnd.choice(["3", "7", "0.3", "70.0", "6", "9", "11", "3.0", "30000000000"])
    expected = _line_expected(item)
    amount = _kid(item, CBC, "LineExtensionAmount")
    if expected is None or amount is None:
        return None
    with localcontext() as exact:
        exact.prec = 1000
        sign = rnd.choice([1, -1])
        edge = expected + sign * Decimal("0.02")
        rounding = "ROUND_FLOOR" if sign > 0 else "ROUND_CEILING"
        value = edge.quantize(Decimal("0.01"), rounding)
        if rnd.random() < 0.5:
            value += sign * Decimal("0.01")  # just outside
        amount.text = f"{value:f}"
    return f"{_where(item)}: base quantity {base.text}, amount {amount.text} (expected {expected})"


@operator
def line_amount_cents_off(mutant: Mutant, rnd: random.Random) -> str | None:
    amount = _pick(rnd, _named(mutant, "LineExtensionAmount"))
    if amount is None or not _is_decimal(amount.text):
        return None
    delta = Decimal(rnd.choice(["0.01", "0.02", "0.03", "-0.01", "-0.02", "-0.03"]))
    amount.text = f"{Decimal(amount.text.strip()) + delta:f}"  # type: ignore[union-attr]
    return f"{_where(amount)} {delta:+}"


@operator
def total_cent_off(mutant: Mutant, rnd: random.Random) -> str | None:
    total = _pick(rnd, [e for e in _named(mutant, *TOTALS) if _is_decimal(e.text)])
    if total is None:
        return None
    delta = Decimal(rnd.choice(["0.01", "-0.01", "0.005", "1"]))
    total.text = f"{Decimal(total.text.strip()) + delta:f}"  # type: ignore[union-attr]
    return f"{_where(total)} {delta:+}"


def _scale_all(mutant: Mutant, factor: Decimal, names: tuple[str, ...]) -> int:
    changed = 0
    with localcontext() as exact:
        exact.prec = 1000
        for element in _numbers(mutant):
            if _local(element) in names:
                element.text = f"{Decimal(element.text.strip()) * factor:f}"  # type: ignore[union-attr]
                changed += 1
    return changed


@operator
def amounts_of_29_digits(mutant: Mutant, rnd: random.Random) -> str | None:
    """Every amount and price times 10^k (k 26..32): a consistent document stays so."""
    exponent = rnd.randint(26, 32)
    names = tuple(n for n in NUMBERS if n not in ("Quantity", "BaseQuantity", "Percent",
                                                    "MultiplierFactorNumeric"))  # fmt: skip
    if not _scale_all(mutant, Decimal(10) ** exponent, names):
        return None
    return f"amounts times 10^{exponent}"


@operator
def amounts_with_long_tails(mutant: Mutant, rnd: random.Random) -> str | None:
    """Every amount plus 10^k with k 26..30 and a cent: 29+ significant digits."""
    big = Decimal(10) ** rnd.randint(26, 30)
    changed = 0
    for element in _named(mutant, "PriceAmount", "BaseAmount"):
        if _is_decimal(element.text):
            with localcontext() as exact:
                exact.prec = 1000
                element.text = f"{Decimal(element.text.strip()) + big:f}"  # type: ignore[union-attr]
            changed += 1
    return f"prices plus {big}" if changed else None


@operator
def quantity_of_29_digits(mutant: Mutant, rnd: random.Random) -> str | None:
    """A line's quantity of 29-31 digits and the amount R024 expects (or a cent off)."""
    item = _pick(rnd, _line_items(mutant))
    if item is None:
        return None
    quantity = _kid(item, CBC, "Quantity")
    assert quantity is not None
    quantity.text = str(rnd.randint(10**28, 10**31))
    expected = _line_expected(item)
    amount = _kid(item, CBC, "LineExtensionAmount")
    if expected is None or amount is None:
        return None
    with localcontext() as exact:
        exact.prec = 1000
        value = expected.quantize(Decimal("0.01"), "ROUND_HALF_EVEN")
        value += Decimal(rnd.choice(["0", "0", "0.02", "-0.02", "0.03", "-0.03"]))
        amount.text = f"{value:f}"
    return f"{_where(item)}: quantity {quantity.text}, amount {amount.text}"


@operator
def percentage_edge(mutant: Mutant, rnd: random.Random) -> str | None:
    """An allowance's amount at base * percentage / 100, on either side of 0.02 (R022)."""
    found = [
        ac for ac in _named(mutant, "AllowanceCharge")
        if _kid(ac, CBC, "BaseAmount") is not None
        and _kid(ac, CBC, "MultiplierFactorNumeric") is not None
        and _kid(ac, CBC, "Amount") is not None
    ]  # fmt: skip
    ac = _pick(rnd, found)
    if ac is None:
        return None
    factor = _kid(ac, CBC, "MultiplierFactorNumeric")
    base = _kid(ac, CBC, "BaseAmount")
    amount = _kid(ac, CBC, "Amount")
    assert factor is not None and base is not None and amount is not None
    factor.text = rnd.choice(["33.333", "12.5", "7", "2.75", "0.001"])
    try:
        with localcontext() as exact:
            exact.prec = 1000
            expected = xpath_divide(
                xs_decimal(base.text or "") * xs_decimal(factor.text), Decimal(100)
            )
            delta = Decimal(rnd.choice(["0", "0.02", "-0.02", "0.03", "-0.021"]))
            amount.text = f"{expected + delta:f}"
    except (ArithmeticError, ValueError):
        return None
    return f"{_where(ac)}: {factor.text}% of {base.text} is {amount.text}"


def _relex(
    mutant: Mutant, rnd: random.Random, change: Callable[[str], str], what: str
) -> str | None:
    element = _pick(rnd, _numbers(mutant))
    if element is None:
        return None
    before = (element.text or "").strip()
    element.text = change(before)
    return f"{_where(element)}: {before!r} -> {element.text!r} ({what})"


@operator
def trailing_zeros(mutant: Mutant, rnd: random.Random) -> str | None:
    zeros = "0" * rnd.randint(1, 20)
    return _relex(mutant, rnd, lambda v: v + zeros if "." in v else f"{v}.{zeros}", "zeros")


@operator
def leading_zeros(mutant: Mutant, rnd: random.Random) -> str | None:
    zeros = "0" * rnd.randint(1, 20)
    return _relex(mutant, rnd, lambda v: v.replace("-", "-" + zeros) if v.startswith("-")
                  else zeros + v, "leading zeros")  # fmt: skip


@operator
def explicit_sign(mutant: Mutant, rnd: random.Random) -> str | None:
    return _relex(mutant, rnd, lambda v: v if v.startswith(("-", "+")) else "+" + v, "plus")


@operator
def negated_number(mutant: Mutant, rnd: random.Random) -> str | None:
    return _relex(mutant, rnd, lambda v: v[1:] if v.startswith("-") else "-" + v, "negated")


@operator
def lexical_number_forms(mutant: Mutant, rnd: random.Random) -> str | None:
    """Forms that are not xs:decimal, or barely are: ``.5``, ``5.``, ``1E2``, ``INF``."""
    form = rnd.choice([".5", "5.", "1E2", "INF", "-0", "0.000", "1,5", " 12 ", "NaN", "1e-3"])
    return _relex(mutant, rnd, lambda v: form, "form")


@operator
def zero_divisor(mutant: Mutant, rnd: random.Random) -> str | None:
    base = _pick(rnd, _named(mutant, "BaseQuantity"))
    if base is None:
        return None
    base.text = rnd.choice(["0", "0.00", "-0", "-1", "0.0000000000000000001"])
    return f"{_where(base)} := {base.text}"


# --- comments, processing instructions, CDATA -------------------------------------------


def _wrap(
    mutant: Mutant,
    rnd: random.Random,
    names: tuple[str, ...] | None,
    make: Callable[[str, str, str], str],
    what: str,
) -> str | None:
    pool = _leaves(mutant) if names is None else [e for e in _named(mutant, *names) if len(e) == 0]
    element = _pick(rnd, [e for e in pool if e.text])
    if element is None:
        return None
    text = (element.text or "").replace("&", "&amp;").replace("<", "&lt;")
    cut = rnd.randint(0, len(text))
    mutant.placeholder(element, make(text, text[:cut], text[cut:]))
    return f"{_where(element)}: {what} ({cut} of {len(text)})"


@operator
def comment_inside_value(mutant: Mutant, rnd: random.Random) -> str | None:
    names = rnd.choice([CODES, NUMBERS, DATES, None])
    return _wrap(mutant, rnd, names, lambda t, a, b: f"{a}<!--fuzz-->{b}", "comment")


@operator
def comment_before_code(mutant: Mutant, rnd: random.Random) -> str | None:
    return _wrap(mutant, rnd, CODES, lambda t, a, b: f"<!--c-->{t}", "comment before")


@operator
def pi_inside_value(mutant: Mutant, rnd: random.Random) -> str | None:
    names = rnd.choice([CODES, NUMBERS, None])
    return _wrap(mutant, rnd, names, lambda t, a, b: f"{a}<?fuzz x?>{b}", "PI")


@operator
def cdata_value(mutant: Mutant, rnd: random.Random) -> str | None:
    names = rnd.choice([CODES, NUMBERS, DATES, None])
    return _wrap(mutant, rnd, names, lambda t, a, b: f"<![CDATA[{a}]]>{b}", "CDATA")


@operator
def comment_after_value(mutant: Mutant, rnd: random.Random) -> str | None:
    return _wrap(mutant, rnd, None, lambda t, a, b: f"{t}<!---->", "empty comment after")


@operator
def character_references(mutant: Mutant, rnd: random.Random) -> str | None:
    """A value spelled with character references (``&#x43;A``): the same text."""
    return _wrap(
        mutant, rnd, CODES, lambda t, a, b: "".join(f"&#x{ord(c):x};" for c in a) + b, "refs"
    )


# --- whitespace and invisible characters ------------------------------------------------


def _retext(
    mutant: Mutant,
    rnd: random.Random,
    change: Callable[[str], str],
    what: str,
    names: tuple[str, ...] | None = None,
) -> str | None:
    pool = _leaves(mutant) if names is None else [e for e in _named(mutant, *names) if len(e) == 0]
    element = _pick(rnd, pool)
    if element is None:
        return None
    before = element.text or ""
    element.text = change(before)
    return f"{_where(element)}: {before!r} -> {element.text!r} ({what})"


@operator
def surrounding_whitespace(mutant: Mutant, rnd: random.Random) -> str | None:
    pad = rnd.choice([" ", "\n", "\t", "\r\n  ", "  \n\t"])
    names = rnd.choice([CODES, NUMBERS, DATES, None])
    return _retext(mutant, rnd, lambda t: pad + t + pad[::-1], "padded", names)


@operator
def inner_whitespace(mutant: Mutant, rnd: random.Random) -> str | None:
    def change(text: str) -> str:
        cut = rnd.randint(0, len(text))
        return text[:cut] + rnd.choice([" ", "  ", "\t", "\n"]) + text[cut:]

    return _retext(mutant, rnd, change, "inner space", rnd.choice([CODES, NUMBERS, None]))


@operator
def invisible_character(mutant: Mutant, rnd: random.Random) -> str | None:
    mark = rnd.choice(["\u200b", "\ufeff", "\u00a0", "\u2060", "\u200e", "\u3000"])

    def change(text: str) -> str:
        cut = rnd.choice([0, len(text), rnd.randint(0, len(text))])
        return text[:cut] + mark + text[cut:]

    names = rnd.choice([CODES, NUMBERS, DATES, ("CustomizationID", "ProfileID"), None])
    return _retext(mutant, rnd, change, f"U+{ord(mark):04X}", names)


@operator
def blank_value(mutant: Mutant, rnd: random.Random) -> str | None:
    return _retext(mutant, rnd, lambda t: rnd.choice(["", " ", "\n\t"]), "blank")


# --- attributes and namespaces ----------------------------------------------------------


def _with_attributes(mutant: Mutant) -> list[etree._Element]:
    return [e for e in _elements(mutant) if e.attrib]


@operator
def drop_attribute(mutant: Mutant, rnd: random.Random) -> str | None:
    element = _pick(rnd, _with_attributes(mutant))
    if element is None:
        return None
    name = rnd.choice(sorted(element.attrib))
    del element.attrib[name]
    return f"{_where(element)}: @{name} removed"


@operator
def attribute_near_miss(mutant: Mutant, rnd: random.Random) -> str | None:
    element = _pick(rnd, _with_attributes(mutant))
    if element is None:
        return None
    name = rnd.choice(sorted(element.attrib))
    value = element.attrib[name]
    element.attrib[name] = rnd.choice(
        [value.lower(), value.upper(), f" {value}", f"{value} ", value[:-1], value + "X", ""]
    )
    return f"{_where(element)}: @{name} {value!r} -> {element.attrib[name]!r}"


@operator
def foreign_attribute(mutant: Mutant, rnd: random.Random) -> str | None:
    element = _pick(rnd, _elements(mutant))
    if element is None:
        return None
    name = rnd.choice([f"{{{FOREIGN}}}note", "schemeAgencyID", "listID", "languageID"])
    element.set(name, rnd.choice(["x", "6", "NO"]))
    return f"{_where(element)}: @{name} added"


@operator
def foreign_element(mutant: Mutant, rnd: random.Random) -> str | None:
    parent = _pick(rnd, [e for e in _elements(mutant) if len(e)])
    if parent is None:
        return None
    namespace = rnd.choice([FOREIGN, CBC, CAC])
    kid = etree.Element(f"{{{namespace}}}{rnd.choice(['Note', 'Fuzz', 'ID', 'Extra'])}")
    kid.text = "x"
    parent.insert(rnd.randint(0, len(parent)), kid)
    return f"{_where(parent)}: {kid.tag} inserted"


@operator
def other_namespace(mutant: Mutant, rnd: random.Random) -> str | None:
    """An element moved to the other UBL namespace (cbc <-> cac) or a foreign one."""
    element = _pick(rnd, _elements(mutant)[1:])
    if element is None:
        return None
    namespace = etree.QName(element).namespace
    other = rnd.choice([n for n in (CAC, CBC, FOREIGN) if n != namespace])
    element.tag = f"{{{other}}}{_local(element)}"
    return f"{_where(element)} moved to {other}"


@operator
def prefixes_renamed(mutant: Mutant, rnd: random.Random) -> str | None:
    """The same document with other namespace prefixes (or cbc as the default)."""
    old = mutant.root
    nsmap = {"x": CAC, "y": CBC} if rnd.random() < 0.5 else {"c": CAC, None: CBC}
    nsmap.update({k: v for k, v in (old.nsmap or {}).items() if v not in (CAC, CBC) and k})
    new_root = etree.Element(old.tag, nsmap=nsmap, attrib=dict(old.attrib))
    new_root.text = old.text
    for kid in old:
        new_root.append(copy.deepcopy(kid))
    if None in nsmap and etree.QName(old).namespace != CBC:
        return None  # the root's own namespace is the default one
    mutant.root = new_root
    return f"prefixes {nsmap}"


# --- element order, deletion, duplication -----------------------------------------------


@operator
def swap_siblings(mutant: Mutant, rnd: random.Random) -> str | None:
    parent = _pick(rnd, [e for e in _elements(mutant) if len(_kids(e)) >= 2])
    if parent is None:
        return None
    kids = _kids(parent)
    i = rnd.randint(0, len(kids) - 2)
    first, second = kids[i], kids[i + 1]
    first.addprevious(second)
    return f"{_where(parent)}: {_local(first)} and {_local(second)} swapped"


def _kids(element: etree._Element) -> list[etree._Element]:
    return [kid for kid in element if isinstance(kid.tag, str)]


@operator
def delete_element(mutant: Mutant, rnd: random.Random) -> str | None:
    element = _pick(rnd, _elements(mutant)[1:])
    if element is None:
        return None
    parent = element.getparent()
    assert parent is not None
    where = _where(element)
    parent.remove(element)
    return f"{where} deleted"


@operator
def duplicate_element(mutant: Mutant, rnd: random.Random) -> str | None:
    element = _pick(rnd, _elements(mutant)[1:])
    if element is None:
        return None
    element.addnext(copy.deepcopy(element))
    return f"{_where(element)} duplicated"


@operator
def duplicate_line(mutant: Mutant, rnd: random.Random) -> str | None:
    line = _pick(rnd, _named(mutant, "OrderLine"))
    if line is None:
        return None
    line.addnext(copy.deepcopy(line))
    return f"{_where(line)} duplicated"


@operator
def move_to_end(mutant: Mutant, rnd: random.Random) -> str | None:
    element = _pick(rnd, _elements(mutant)[1:])
    if element is None:
        return None
    parent = element.getparent()
    assert parent is not None
    parent.remove(element)
    parent.append(element)
    return f"{_where(element)} moved last"


@operator
def emptied_aggregate(mutant: Mutant, rnd: random.Random) -> str | None:
    element = _pick(rnd, [e for e in _elements(mutant)[1:] if len(e)])
    if element is None:
        return None
    for kid in list(element):
        element.remove(kid)
    return f"{_where(element)} emptied"


# --- code lists, dates, booleans --------------------------------------------------------


@operator
def code_near_miss(mutant: Mutant, rnd: random.Random) -> str | None:
    def change(code: str) -> str:
        code = code.strip()
        return rnd.choice([code.lower(), code + "X", code[:-1], code[1:], code.swapcase(),
                           code.replace(":3", ":2"), code + ":extension"])  # fmt: skip

    return _retext(mutant, rnd, change, "near miss", CODES)


@operator
def code_from_another_list(mutant: Mutant, rnd: random.Random) -> str | None:
    lists = sorted(CODE_LISTS)
    name = rnd.choice(lists)
    code = rnd.choice(sorted(CODE_LISTS[name]))
    return _retext(mutant, rnd, lambda t: code, f"a code of {name}", CODES)


@operator
def attribute_code_near_miss(mutant: Mutant, rnd: random.Random) -> str | None:
    found = [e for e in _elements(mutant) if {"unitCode", "currencyID", "schemeID"} & set(e.attrib)]
    element = _pick(rnd, found)
    if element is None:
        return None
    name = rnd.choice(sorted({"unitCode", "currencyID", "schemeID"} & set(element.attrib)))
    pool = {"unitCode": "UNECE_REC20", "currencyID": "ISO4217", "schemeID": "EAS"}[name]
    element.set(name, rnd.choice([*sorted(CODE_LISTS[pool])[:50], "XXX", "eur", "0088 "]))
    return f"{_where(element)}: @{name} := {element.get(name)!r}"


@operator
def date_variants(mutant: Mutant, rnd: random.Random) -> str | None:
    form = rnd.choice(["2010-02-30", "2010-2-3", "20100203", "2010-02-03Z",
                       "2010-02-03+01:00", "0000-01-01", "2024-02-29", "2023-02-29",
                       " 2010-02-03 ", "2010-02-03T10:00:00"])  # fmt: skip
    return _retext(mutant, rnd, lambda t: form, "date", DATES)


@operator
def boolean_variants(mutant: Mutant, rnd: random.Random) -> str | None:
    form = rnd.choice(["TRUE", "1", "0", " true ", "yes", "false ", "False", ""])
    return _retext(mutant, rnd, lambda t: form, "boolean",
                   ("ChargeIndicator", "PartialDeliveryIndicator"))  # fmt: skip


@operator
def identifier_variants(mutant: Mutant, rnd: random.Random) -> str | None:
    def change(text: str) -> str:
        digits = [c for c in text]
        if digits:
            i = rnd.randrange(len(digits))
            digits[i] = str(rnd.randint(0, 9)) if digits[i].isdigit() else digits[i]
        return rnd.choice(["".join(digits), text + "0", text[:-1], text.upper()])

    return _retext(mutant, rnd, change, "identifier", ("EndpointID", "ID", "CompanyID"))
