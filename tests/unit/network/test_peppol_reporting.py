"""The TSR and EUSR of a month, from transmissions: exact counts, and the rules of
OpenPeppol's reporting Schematron (tests/reporting_rules.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree

from ordex.network.reporting import (
    Month,
    ReportRefused,
    Transmission,
    end_user_statistics,
    transaction_statistics,
    transmission_of,
)
from tests.reporting_rules import EUSR, TSR, eusr_failures, tsr_failures

ORDER = (
    "urn:oasis:names:specification:ubl:schema:xsd:Order-2::Order"
    "##urn:fdc:peppol.eu:poacc:trns:order:3::2.1"
)
T116 = (
    "urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2::OrderResponse"
    "##urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3::2.3"
)
ADVANCED = "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3"
ORDERING = "urn:fdc:peppol.eu:poacc:bis:ordering:3"
NOVEMBER = Month.parse("2026-11")


def sent(user: str, to_ap: str = "POP000002", document: str = ORDER, **kw: object) -> Transmission:
    fields: dict[str, object] = {
        "incoming": False,
        "document_type": document,
        "process": ADVANCED,
        "other_access_point": to_ap,
        "end_user": user,
        "end_user_country": "SE",
        "sender_country": "SE",
        "receiver_country": "NO",
    }
    fields.update(kw)
    return Transmission(**fields)  # type: ignore[arg-type]


def received(user: str, from_ap: str = "POP000002", **kw: object) -> Transmission:
    return replace(
        sent(user, from_ap, T116, **kw),
        incoming=True,
        sender_country=kw.get("sender_country", "NO"),  # type: ignore[arg-type]
        receiver_country=kw.get("receiver_country", "SE"),  # type: ignore[arg-type]
    )


def values(xml: bytes, ns: str, kind: str) -> dict[tuple[str, ...], tuple[int, ...]]:
    root = etree.fromstring(xml)
    found = {}
    for element in root.iterfind(f"{{{ns}}}*[@type='{kind}']"):
        keys = tuple(key.text or "" for key in element.iterfind(f"{{{ns}}}Key"))
        found[keys] = tuple(
            int(child.text or "0") for child in element if etree.QName(child).localname != "Key"
        )
    return found


MONTH = [
    sent("0088:7300010000001"),
    sent("0088:7300010000001"),
    sent("0088:7300010000001", to_ap="POP000003", process=ORDERING),
    sent("0192:974760673", end_user_country="NO"),
    received("0088:7300010000001"),
    received("0088:7300010000001", sender_country=None),
    received("0208:0123456749", from_ap="POP000003", end_user_country="BE"),
]


def test_the_transaction_statistics_count_each_transmission_in_every_subtotal() -> None:
    xml = transaction_statistics(NOVEMBER, "POP000001", MONTH)
    assert tsr_failures(xml) == []
    root = etree.fromstring(xml)
    assert root.findtext(f"{{{TSR}}}Header/{{{TSR}}}ReportPeriod/{{{TSR}}}EndDate") == "2026-11-30"
    total = root.find(f"{{{TSR}}}Total")
    assert total is not None and [int(e.text or "") for e in total] == [3, 4]
    assert values(xml, TSR, "PerTP") == {("peppol-transport-as4-v2_0",): (3, 4)}
    assert values(xml, TSR, "PerSP-DT-PR") == {
        ("POP000002", ORDER, ADVANCED): (0, 3),
        ("POP000003", ORDER, ORDERING): (0, 1),
        ("POP000002", T116, ADVANCED): (2, 0),
        ("POP000003", T116, ADVANCED): (1, 0),
    }
    assert values(xml, TSR, "PerSP-DT-PR-CC") == {
        ("POP000002", T116, ADVANCED, "NO", "SE"): (1, 0),
        ("POP000002", T116, ADVANCED, "ZZ", "SE"): (1, 0),  # the sender's country unknown
        ("POP000003", T116, ADVANCED, "NO", "SE"): (1, 0),
    }


def test_the_end_user_statistics_count_distinct_end_users_in_every_subset() -> None:
    xml = end_user_statistics(NOVEMBER, "POP000001", MONTH)
    assert eusr_failures(xml) == []
    full = etree.fromstring(xml).find(f"{{{EUSR}}}FullSet")
    assert full is not None and [int(e.text or "") for e in full] == [2, 2, 3]
    assert values(xml, EUSR, "PerDT-PR") == {
        (ORDER, ADVANCED): (2, 0, 2),
        (ORDER, ORDERING): (1, 0, 1),
        (T116, ADVANCED): (0, 2, 2),
    }
    assert values(xml, EUSR, "PerEUC") == {
        ("BE",): (0, 1, 1),
        ("NO",): (1, 0, 1),
        ("SE",): (1, 1, 1),
    }
    assert values(xml, EUSR, "PerDT-EUC")[(ORDER, "SE")] == (1, 0, 1)
    assert values(xml, EUSR, "PerDT-PR-EUC")[(T116, ADVANCED, "BE")] == (0, 1, 1)


def test_a_month_without_transmissions_makes_two_valid_empty_reports() -> None:
    february = Month.parse("2028-02")
    assert (february.first.isoformat(), february.last.isoformat()) == ("2028-02-01", "2028-02-29")
    assert tsr_failures(transaction_statistics(february, "POP000001", [])) == []
    assert eusr_failures(end_user_statistics(february, "POP000001", [])) == []


def test_the_rules_catch_a_report_whose_subtotals_do_not_add_up() -> None:
    xml = transaction_statistics(NOVEMBER, "POP000001", MONTH)
    broken = xml.replace(b"<Outgoing>3</Outgoing>", b"<Outgoing>2</Outgoing>", 1)
    assert "SCH-TSR-09" in tsr_failures(broken)  # the first subtotal per SP no longer adds up
    xml = end_user_statistics(NOVEMBER, "POP000001", MONTH)
    assert "SCH-EUSR-20" in eusr_failures(
        xml.replace(b"<SendingOrReceivingEndUsers>3<", b"<SendingOrReceivingEndUsers>1<", 1)
    )


def test_reports_are_refused_when_what_they_must_say_is_unknown() -> None:
    with pytest.raises(ReportRefused, match="seat ID"):
        transaction_statistics(NOVEMBER, "POP000001", [sent("0088:1", to_ap=None)])  # type: ignore[arg-type]
    with pytest.raises(ReportRefused, match="country"):
        end_user_statistics(NOVEMBER, "POP000001", [sent("0088:1", end_user_country=None)])
    later = [sent("0088:1", end_user_country=None), sent("0088:1", end_user_country="DK")]
    assert b">DK</Key>" in end_user_statistics(NOVEMBER, "POP000001", later)  # known once
    with pytest.raises(ReportRefused, match="PXX000000"):
        transaction_statistics(NOVEMBER, "hub-a", [])
    for text in ("2026-13", "2026-1", "november"):
        with pytest.raises(ValueError, match="--month"):
            Month.parse(text)


def test_a_stored_document_becomes_a_transmission_with_its_process_and_countries() -> None:
    from pathlib import Path

    order = (Path(__file__).resolve().parents[3] / "examples" / "order.xml").read_bytes()
    buyer, seller = "0088:7300010000001", "0088:7302347231110"
    transmission = transmission_of("T01", buyer, seller, False, order, "POP000002")
    assert transmission.document_type == ORDER and transmission.end_user == buyer
    # the buyer has no address: its delivery address's country stands in
    assert (transmission.sender_country, transmission.receiver_country) == ("SE", "SE")
    assert transmission.end_user_country == "SE"
    assert transmission.process.startswith("urn:fdc:peppol.eu:poacc:bis:")
    purged = transmission_of("T116", seller, buyer, True, None)
    assert (purged.process, purged.end_user, purged.end_user_country) == (ADVANCED, buyer, None)


def test_a_country_code_the_reporting_schematron_does_not_know_counts_as_unknown() -> None:
    from pathlib import Path

    order = (Path(__file__).resolve().parents[3] / "examples" / "order.xml").read_bytes()
    order = order.replace(b">SE</cbc:IdentificationCode>", b">UK</cbc:IdentificationCode>")
    buyer, seller = "0088:7300010000001", "0088:7302347231110"
    transmission = transmission_of("T01", seller, buyer, True, order, "POP000002")
    assert (transmission.sender_country, transmission.end_user_country) == (None, None)
    assert tsr_failures(transaction_statistics(NOVEMBER, "POP000001", [transmission])) == []
    with pytest.raises(ReportRefused, match="country"):
        end_user_statistics(NOVEMBER, "POP000001", [transmission])


def test_the_rules_catch_what_the_reporting_schematron_refuses() -> None:
    tsr = transaction_statistics(NOVEMBER, "POP000001", MONTH)
    assert "SCH-TSR-20" in tsr_failures(tsr.replace(b">NO</Key>", b">UK</Key>", 1))
    assert {"SCH-TSR-37", "SCH-TSR-39"} <= set(
        tsr_failures(tsr.replace(b'type="PerTP"', b'type="PerXY"', 1))
    )
    assert tsr_failures(tsr.replace(b'type="PerTP"', b'type=" PerTP "', 1)) == []
    eusr = end_user_statistics(NOVEMBER, "POP000001", MONTH)
    unnamed = eusr.replace(b'schemeID="EndUserCountry"', b'schemeID="Country"')
    assert {"SCH-EUSR-27", "SCH-EUSR-44", "SCH-EUSR-47"} <= set(eusr_failures(unnamed))
    root = etree.fromstring(eusr)
    for subset in root.findall(f"{{{EUSR}}}Subset"):
        root.remove(subset)
    # max() of no subsets is the empty sequence, which is not <= the full set's count
    assert {"SCH-EUSR-03", "SCH-EUSR-22"} <= set(eusr_failures(etree.tostring(root)))


def test_the_rules_do_not_depend_on_the_order_of_a_subtotals_keys() -> None:
    root = etree.fromstring(transaction_statistics(NOVEMBER, "POP000001", MONTH))
    for subtotal in root.iterfind(f"{{{TSR}}}Subtotal[@type='PerSP-DT-PR']"):
        keys = subtotal.findall(f"{{{TSR}}}Key")
        for key in keys:
            subtotal.remove(key)
        for key in keys:
            subtotal.insert(0, key)  # PR, DT, SP
    assert tsr_failures(etree.tostring(root)) == []  # (the Schematron counts keys by kind)
