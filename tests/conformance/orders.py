"""Small orders built from the official order example, for boundary tests against the
official Schematron: one line whose quantity, price and amounts a test chooses, and
totals that agree with them (so that only the rule under test can fire)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from lxml import etree

from tests.conformance.shared import SHARED

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
EXAMPLE = SHARED / "examples" / "openpeppol" / "Order_Example.xml"


def _q(path: str) -> str:
    return "/".join(
        f"{{{CAC if step.startswith('cac:') else CBC}}}{step[4:]}" for step in path.split("/")
    )


@dataclass(frozen=True)
class Line:
    quantity: str = "1"
    price: str = "10"
    base_quantity: str | None = "1"
    amount: str = "10.00"
    price_base: str | None = None
    """Gross price (``cac:AllowanceCharge/cbc:BaseAmount`` under ``cac:Price``); with it
    the price allowance is ``price_discount``."""
    price_discount: str = "0"


def order(
    line: Line, *, allowance: str = "0", tax: str = "0", totals_of: str | None = None
) -> bytes:
    """The example with one line (``line``), one document allowance (``allowance``) and a
    tax total (``tax``); the monetary totals are computed from ``totals_of`` (the line
    amount by default) exactly, so that R008-R017 hold."""
    root = etree.parse(str(EXAMPLE)).getroot()
    lines = root.findall(_q("cac:OrderLine"))
    for extra in lines[1:]:
        root.remove(extra)
    item = lines[0].find(_q("cac:LineItem"))
    assert item is not None
    for ac in item.findall(_q("cac:AllowanceCharge")):
        item.remove(ac)
    _set(item, "cbc:Quantity", line.quantity)
    _set(item, "cbc:LineExtensionAmount", line.amount)
    price = item.find(_q("cac:Price"))
    assert price is not None
    _set(price, "cbc:PriceAmount", line.price)
    base = price.find(_q("cbc:BaseQuantity"))
    if line.base_quantity is None:
        if base is not None:
            price.remove(base)
    else:
        _set(price, "cbc:BaseQuantity", line.base_quantity)
    for ac in price.findall(_q("cac:AllowanceCharge")):
        if line.price_base is None:
            price.remove(ac)
        else:
            _set(ac, "cbc:Amount", line.price_discount)
            _set(ac, "cbc:BaseAmount", line.price_base)
    document_acs = root.findall(_q("cac:AllowanceCharge"))
    document_ac = document_acs[-1]  # the example's allowance; its charge goes
    for ac in document_acs[:-1]:
        root.remove(ac)
    _set(document_ac, "cbc:Amount", allowance)
    for extra in ("cbc:MultiplierFactorNumeric", "cbc:BaseAmount"):
        found = document_ac.find(_q(extra))
        if found is not None:
            document_ac.remove(found)
    _set(root, "cac:TaxTotal/cbc:TaxAmount", tax)
    totals = root.find(_q("cac:AnticipatedMonetaryTotal"))
    assert totals is not None
    with localcontext() as exact:
        exact.prec = 1000
        lines_total = Decimal(totals_of or line.amount)
        exclusive = lines_total - Decimal(allowance)
        inclusive = exclusive + Decimal(tax)
        for name, value in (
            ("LineExtensionAmount", lines_total),
            ("TaxExclusiveAmount", exclusive),
            ("TaxInclusiveAmount", inclusive),
            ("AllowanceTotalAmount", Decimal(allowance)),
            ("ChargeTotalAmount", Decimal(0)),
            ("PrepaidAmount", Decimal(0)),
            ("PayableRoundingAmount", Decimal(0)),
            ("PayableAmount", inclusive),
        ):
            _set(totals, f"cbc:{name}", f"{value:f}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _set(parent: etree._Element, path: str, value: str) -> None:
    found = parent.find(_q(path))
    assert found is not None, path
    found.text = value
