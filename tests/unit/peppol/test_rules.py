"""Each native rule: a document that breaks it gets a finding with its official ID, and
the valid fixture does not.

Every case edits one of ordex's own valid fixtures so that it breaks one rule.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

import pytest
from lxml import etree

from ordex.peppol.namespaces import NS
from ordex.peppol.rules import RULES
from ordex.peppol.rules.registry import Context
from ordex.peppol.transactions import BY_CODE
from tests.unit.peppol.documents import (
    ALL_FIXTURES,
    CANCELLATION,
    ORDER,
    ORDER_CHANGE,
    RESPONSE,
    RESPONSE_ADVANCED,
    Edit,
    append,
    edited,
    findings,
    fixture,
    insert_after,
    remove,
    remove_attribute,
    rule_ids,
    set_attribute,
    set_text,
)

LINE1 = "cac:OrderLine/cac:LineItem"
LINE2 = "cac:OrderLine[2]/cac:LineItem"
TOTAL = "cac:AnticipatedMonetaryTotal"
BUYER = "cac:BuyerCustomerParty/cac:Party"
SELLER = "cac:SellerSupplierParty/cac:Party"
RESPONSE_LINE = "cac:OrderLine/cac:LineItem"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"


def price_allowance(amount: str, base: str | None = None) -> str:
    """A price-level allowance (gross price = base)."""
    base_amount = f'<cbc:BaseAmount currencyID="EUR">{base}</cbc:BaseAmount>' if base else ""
    return (
        "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
        f'<cbc:Amount currencyID="EUR">{amount}</cbc:Amount>{base_amount}</cac:AllowanceCharge>'
    )


@dataclass(frozen=True)
class Case:
    rule_id: str
    fixture: str
    edits: tuple[Edit, ...]
    flag: str = "fatal"

    def __str__(self) -> str:
        return self.rule_id


def case(rule_id: str, fixture_name: str, *edits: Edit, flag: str = "fatal") -> Case:
    return Case(rule_id, fixture_name, edits, flag)


CASES = [
    # --- structure: mandatory elements and attributes, code lists, data model --------------
    case("PEPPOL-T01-B00103", ORDER, remove("cbc:ID")),
    case("PEPPOL-T01-B00104", ORDER, remove("cbc:IssueDate")),
    case("PEPPOL-T01-B00105", ORDER, remove("cbc:DocumentCurrencyCode")),
    case("PEPPOL-T01-B00108", ORDER, remove("cac:OrderLine")),
    case("PEPPOL-T01-B00109", ORDER, set_attribute(".", XSI, "urn:x order.xsd")),
    case(
        "PEPPOL-T01-B00110",
        ORDER,
        insert_after("cbc:ProfileID", "<cbc:UBLVersionID>2.1</cbc:UBLVersionID>"),
    ),
    case("PEPPOL-T01-B01001", ORDER, set_text("cbc:DocumentCurrencyCode", "EURO")),
    case("PEPPOL-T01-B00801", ORDER, set_text("cbc:OrderTypeCode", "999")),
    case("PEPPOL-T01-B03701", ORDER, remove(f"{BUYER}/cbc:EndpointID")),
    case("PEPPOL-T01-B03801", ORDER, remove_attribute(f"{BUYER}/cbc:EndpointID", "schemeID")),
    case("PEPPOL-T01-B03802", ORDER, set_attribute(f"{BUYER}/cbc:EndpointID", "schemeID", "9999")),
    case("PEPPOL-T01-B07202", ORDER, remove(f"{SELLER}/cac:PostalAddress")),
    case("PEPPOL-T01-B23902", ORDER, remove(f"{LINE1}/cbc:Quantity")),
    case("PEPPOL-T01-B24102", ORDER, set_attribute(f"{LINE1}/cbc:Quantity", "unitCode", "BOX")),
    case("PEPPOL-T01-B23903", ORDER, remove(f"{LINE1}/cac:Item")),
    case(
        "PEPPOL-T114-B00201",
        ORDER_CHANGE,
        set_text("cbc:CustomizationID", "urn:fdc:peppol.eu:poacc:trns:order_change:3:x"),
    ),
    case("PEPPOL-T114-B00106", ORDER_CHANGE, remove("cac:OrderReference")),
    case("PEPPOL-T115-B00105", CANCELLATION, remove("cbc:CancellationNote")),
    case(
        "PEPPOL-T115-B00110", CANCELLATION, append(".", "<cbc:UBLVersionID>2.3</cbc:UBLVersionID>")
    ),
    case(
        "PEPPOL-T116-B00301",
        RESPONSE_ADVANCED,
        set_text("cbc:ProfileID", "urn:fdc:peppol.eu:poacc:bis:ordering:3"),
    ),
    case("PEPPOL-T116-B04002", RESPONSE_ADVANCED, remove("cac:OrderLine/cac:OrderLineReference")),
    case("PEPPOL-T116-B04103", RESPONSE_ADVANCED, remove(f"{RESPONSE_LINE}/cac:Item")),
    case(
        "PEPPOL-T116-B04104",
        RESPONSE_ADVANCED,
        append(RESPONSE_LINE, "<cbc:AccountingCost>x</cbc:AccountingCost>"),
    ),
    case("PEPPOL-T76-B00106", RESPONSE, remove("cbc:DocumentCurrencyCode")),
    case(
        "PEPPOL-T76-B00111",
        RESPONSE,
        insert_after(
            "cac:OrderReference",
            "<cac:OrderChangeDocumentReference><cbc:ID>C1</cbc:ID></cac:OrderChangeDocumentReference>",
        ),
    ),
    # --- common rules ----------------------------------------------------------------------
    case("PEPPOL-COMMON-R001", ORDER, insert_after("cbc:Note", "<cbc:Note>  </cbc:Note>")),
    case("PEPPOL-COMMON-R003", ORDER, set_attribute(".", XSI, "urn:x order.xsd"), flag="warning"),
    case("PEPPOL-COMMON-R030", ORDER, set_text("cbc:IssueDate", "2026-3-2")),
    case(
        "PEPPOL-COMMON-R030",
        RESPONSE,
        set_text("cac:Delivery/cac:PromisedDeliveryPeriod/cbc:StartDate", "2026-02-30"),
    ),
    case("PEPPOL-COMMON-R040", ORDER, set_text(f"{BUYER}/cbc:EndpointID", "4001234000108")),
    case(
        "PEPPOL-COMMON-R041",
        ORDER,
        set_text(f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID", "987654321"),
    ),
    case(
        "PEPPOL-COMMON-R049",
        ORDER,
        set_text(f"{BUYER}/cac:PartyLegalEntity/cbc:CompanyID", "5566778890"),
    ),
    case(
        "PEPPOL-COMMON-R043",
        CANCELLATION,
        set_attribute(f"{SELLER}/cac:PartyIdentification/cbc:ID", "schemeID", "0208"),
    ),
    case(
        "PEPPOL-COMMON-R042",
        CANCELLATION,
        set_attribute(f"{SELLER}/cac:PartyIdentification/cbc:ID", "schemeID", "0184"),
    ),
    case(
        "PEPPOL-COMMON-R054",
        CANCELLATION,
        set_attribute(f"{SELLER}/cac:PartyIdentification/cbc:ID", "schemeID", "0106"),
        flag="warning",
    ),
    # --- order and order change ------------------------------------------------------------
    case("PEPPOL-T01-R001", ORDER, set_text(f"{LINE2}/cbc:ID", "1")),
    case("PEPPOL-T01-R002", ORDER, remove("cac:ValidityPeriod"), flag="warning"),
    case(
        "PEPPOL-T01-R003",
        ORDER,
        set_attribute(f"{LINE1}/cbc:LineExtensionAmount", "currencyID", "SEK"),
    ),
    case("PEPPOL-T01-R004", ORDER, set_text(f"{LINE1}/cbc:Quantity", "-10")),
    case("PEPPOL-T01-R005", ORDER, set_text(f"{LINE2}/cac:Price/cbc:PriceAmount", "-30.00")),
    case("PEPPOL-T01-R006", ORDER, set_text(f"{TOTAL}/cbc:PayableAmount", "-1.00")),
    case("PEPPOL-T01-R007", ORDER, set_text(f"{TOTAL}/cbc:LineExtensionAmount", "-180.00")),
    case("PEPPOL-T01-R008", ORDER, set_text(f"{TOTAL}/cbc:LineExtensionAmount", "181.00")),
    case("PEPPOL-T01-R009", ORDER, set_text(f"{TOTAL}/cbc:AllowanceTotalAmount", "8.00")),
    case("PEPPOL-T01-R010", ORDER, set_text(f"{TOTAL}/cbc:ChargeTotalAmount", "11.00")),
    case("PEPPOL-T01-R011", ORDER, set_text(f"{TOTAL}/cbc:TaxExclusiveAmount", "180.00")),
    case("PEPPOL-T01-R013", ORDER, remove(f"{LINE1}/cbc:Quantity"), flag="warning"),
    case(
        "PEPPOL-T01-R014",
        ORDER,
        insert_after(
            "cac:SellerSupplierParty",
            "<cac:OriginatorCustomerParty><cac:Party><cac:Contact><cbc:Name>X</cbc:Name></cac:Contact></cac:Party></cac:OriginatorCustomerParty>",
        ),
    ),
    case("PEPPOL-T01-R016", ORDER, set_text(f"{TOTAL}/cbc:PayableAmount", "226.00")),
    case("PEPPOL-T01-R017", ORDER, set_text("cac:TaxTotal/cbc:TaxAmount", "45.00")),
    case(
        "PEPPOL-T01-R019",
        ORDER,
        append(
            f"{LINE1}/cac:Price",
            price_allowance(amount="1.00", base="14.00"),
        ),
    ),
    case("PEPPOL-T01-R020", ORDER, remove("cac:AllowanceCharge[2]/cbc:BaseAmount")),
    case("PEPPOL-T01-R021", ORDER, remove("cac:AllowanceCharge[2]/cbc:MultiplierFactorNumeric")),
    case(
        "PEPPOL-T01-R022",
        ORDER,
        set_text("cac:AllowanceCharge[2]/cbc:MultiplierFactorNumeric", "6"),
    ),
    case(
        "PEPPOL-T01-R023",
        ORDER,
        remove(f"{LINE1}/cac:AllowanceCharge/cbc:AllowanceChargeReason"),
        remove(f"{LINE1}/cac:AllowanceCharge/cbc:AllowanceChargeReasonCode"),
    ),
    case("PEPPOL-T01-R024", ORDER, set_text(f"{LINE2}/cbc:LineExtensionAmount", "60.03")),
    case("PEPPOL-T01-R025", ORDER, set_text(f"{LINE2}/cac:Price/cbc:BaseQuantity", "-2")),
    case(
        "PEPPOL-T01-R026",
        ORDER,
        append(
            BUYER,
            "<cac:PartyTaxScheme><cbc:CompanyID>556677889901</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>",
        ),
    ),
    case(
        "PEPPOL-T01-R027",
        ORDER,
        append(
            f"{LINE1}/cac:Price",
            price_allowance(amount="1.00", base="-1.00"),
        ),
    ),
    case("PEPPOL-T01-R028", ORDER, set_text("cac:TaxTotal/cbc:TaxAmount", "45.250")),
    case(
        "PEPPOL-T01-R029", ORDER, remove(f"{LINE1}/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent")
    ),
    case(
        "PEPPOL-T01-R030",
        ORDER,
        set_text(f"{LINE1}/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", "0"),
    ),
    case(
        "PEPPOL-T01-R031",
        ORDER,
        set_text("cbc:ProfileID", "urn:fdc:peppol.eu:poacc:bis:order_agreement:3"),
    ),
    case("PEPPOL-T01-R032", ORDER, set_text(f"{LINE1}/cac:AllowanceCharge/cbc:Amount", "-5.00")),
    case(
        "PEPPOL-T01-R033",
        ORDER,
        append(
            f"{LINE1}/cac:Price",
            price_allowance(amount="-1.00"),
        ),
    ),
    case(
        "PEPPOL-T01-R035",
        ORDER,
        append(
            "cac:OrderLine",
            "<cac:QuotationLineReference><cbc:LineID>7</cbc:LineID></cac:QuotationLineReference>",
        ),
    ),
    case(
        "PEPPOL-T01-CL001",
        ORDER,
        set_text("cac:AllowanceCharge[2]/cbc:AllowanceChargeReasonCode", "ABK"),
    ),
    case(
        "PEPPOL-T01-CL002",
        ORDER,
        set_text("cac:AllowanceCharge/cbc:AllowanceChargeReasonCode", "95"),
    ),
    case("PEPPOL-T114-R001", ORDER_CHANGE, set_text("cac:OrderLine[3]/cac:LineItem/cbc:ID", "2")),
    case(
        "PEPPOL-T114-R008",
        ORDER_CHANGE,
        set_text(f"{TOTAL}/cbc:LineExtensionAmount", "300.00"),
        flag="warning",
    ),
    case(
        "PEPPOL-T114-R031",
        ORDER_CHANGE,
        set_text("cbc:ProfileID", "urn:fdc:peppol.eu:poacc:bis:ordering:3"),
    ),
    # --- order cancellation ----------------------------------------------------------------
    case(
        "PEPPOL-T115-R031",
        CANCELLATION,
        set_text("cbc:ProfileID", "urn:fdc:peppol.eu:poacc:bis:ordering:3"),
    ),
    # --- order responses -------------------------------------------------------------------
    case("PEPPOL-T116-R001", RESPONSE_ADVANCED, remove(f"{BUYER}/cac:PartyIdentification")),
    case("PEPPOL-T116-R002", RESPONSE_ADVANCED, remove(f"{SELLER}/cac:PartyLegalEntity")),
    case(
        "PEPPOL-T116-R003", RESPONSE_ADVANCED, set_text("cac:OrderLine[2]/cac:LineItem/cbc:ID", "1")
    ),
    case(
        "PEPPOL-T116-R004",
        RESPONSE_ADVANCED,
        set_text("cac:Delivery/cac:PromisedDeliveryPeriod/cbc:EndDate", "2026-03-09"),
    ),
    case(
        "PEPPOL-T116-R005",
        RESPONSE_ADVANCED,
        set_attribute(f"{RESPONSE_LINE}/cac:Price/cbc:PriceAmount", "currencyID", "NOK"),
    ),
    case("PEPPOL-T116-R007", RESPONSE_ADVANCED, remove("cac:OrderLine")),
    case("PEPPOL-T116-R008", RESPONSE_ADVANCED, set_text("cbc:OrderResponseCode", "AP")),
    case("PEPPOL-T116-R009", RESPONSE_ADVANCED, set_text("cbc:OrderResponseCode", "RE")),
    case("PEPPOL-T116-R010", RESPONSE_ADVANCED, set_text("cbc:OrderResponseCode", "AB")),
    case("PEPPOL-T76-R001", RESPONSE, remove(f"{BUYER}/cac:PartyLegalEntity")),
    case(
        "PEPPOL-T76-R004",
        RESPONSE,
        append("cac:Delivery/cac:PromisedDeliveryPeriod", "<cbc:EndDate>2026-03-01</cbc:EndDate>"),
    ),
    case("PEPPOL-T76-R007", RESPONSE, set_text("cbc:OrderResponseCode", "CA")),
    # --- ordex's own checks ----------------------------------------------------------------
    case("ORDEX-R001", ORDER, set_text(f"{LINE1}/cbc:Quantity", "1,5")),
    case(
        "ORDEX-R001",
        RESPONSE_ADVANCED,
        set_text(f"{RESPONSE_LINE}/cac:Price/cbc:PriceAmount", "12.75 EUR"),
    ),
]


@pytest.mark.parametrize("broken", CASES, ids=str)
def test_a_document_breaking_a_rule_gets_a_finding_with_its_id_and_flag(broken: Case) -> None:
    found = [
        f for f in findings(edited(broken.fixture, *broken.edits)) if f.rule_id == broken.rule_id
    ]
    assert found, f"{broken.rule_id} not reported"
    assert {f.flag for f in found} == {broken.flag}
    assert all(f.path.startswith("/") and f.message for f in found)


@pytest.mark.parametrize("broken", CASES, ids=str)
def test_the_valid_fixture_does_not_break_the_rule(broken: Case) -> None:
    assert broken.rule_id not in rule_ids(fixture(broken.fixture))


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_the_fixtures_break_no_rule_at_all(name: str) -> None:
    assert findings(fixture(name)) == []


def test_a_customization_id_not_of_the_transaction_is_reported() -> None:
    # parse_document refuses such a document before validation; the rules still say it.
    for code, name, rule in [
        ("T01", ORDER, "PEPPOL-T01-R034"),
        ("T115", CANCELLATION, "PEPPOL-T115-R034"),
        ("T116", RESPONSE_ADVANCED, "PEPPOL-T116-R006"),
    ]:
        root = etree.fromstring(edited(name, set_text("cbc:CustomizationID", "urn:example:x")))
        ids = {f.rule_id for f in RULES.run(BY_CODE[code], root)}
        assert rule in ids


def test_every_rule_of_the_table_is_registered() -> None:
    registered = {rule.rule_id for code in BY_CODE for rule in RULES.rules_for(code)}
    assert {c.rule_id for c in CASES} <= registered


def test_the_context_indexes_the_elements_by_name() -> None:
    root = etree.fromstring(fixture(ORDER))
    context = Context(BY_CODE["T01"], root)
    assert context.index.elements == list(root.iter(etree.Element))
    assert context.anywhere("cac:LineItem") == root.findall(".//cac:LineItem", NS)
    assert len(context.anywhere_in("cac:OrderLine", "cac:LineItem")) == 2
    assert context.anywhere_in("cac:Price", "cac:LineItem") == []
    assert context.anywhere("cac:Nothing") == []


def test_an_element_holding_only_comments_is_empty_unless_it_has_text_too() -> None:
    only_comment = edited(ORDER, insert_after("cbc:Note", "<cbc:Note> <!-- c --> </cbc:Note>"))
    assert "PEPPOL-COMMON-R001" in rule_ids(only_comment)
    with_text = edited(ORDER, insert_after("cbc:Note", "<cbc:Note><!-- c -->text</cbc:Note>"))
    assert "PEPPOL-COMMON-R001" not in rule_ids(with_text)


def test_an_identifier_in_the_monetary_total_is_not_an_amount() -> None:
    # In the official pattern the R031/R034 rules come first and take these elements.
    for name in ("cbc:CustomizationID", "cbc:ProfileID"):
        data = edited(ORDER, append(TOTAL, f'<{name} currencyID="USD">a.bcd</{name}>'))
        found = rule_ids(data)
        assert {"PEPPOL-T01-R003", "PEPPOL-T01-R028"}.isdisjoint(found), name
    other = edited(ORDER, append(TOTAL, '<cbc:Note currencyID="USD">a.bcd</cbc:Note>'))
    assert {"PEPPOL-T01-R003", "PEPPOL-T01-R028"} <= rule_ids(other)


def test_validation_leaves_no_reference_cycles_behind() -> None:
    # A cycle through the context would keep each document's whole index (hundreds of
    # objects) alive until the garbage collector ran: that cost a tenth of validation.
    transactions = {
        ORDER: "T01",
        ORDER_CHANGE: "T114",
        CANCELLATION: "T115",
        RESPONSE_ADVANCED: "T116",
        RESPONSE: "T76",
    }
    gc.disable()
    gc.freeze()  # what the suite left so far is not looked at: only the validations' objects
    try:
        for name, code in transactions.items():
            RULES.run(BY_CODE[code], etree.fromstring(fixture(name)))
        assert gc.collect() == 0
    finally:
        gc.unfreeze()
        gc.enable()
