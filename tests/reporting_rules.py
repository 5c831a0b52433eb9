"""The fatal rules of OpenPeppol's reporting Schematron (TSR 1.0.5, EUSR 1.1.5), restated
in Python for the tests (the Schematron itself is not part of ../shared): each failure is
named by its rule ID. Not restated: the ISO 3166 list (a two-letter check instead)."""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

TSR = "urn:fdc:peppol:transaction-statistics-report:1.0"
EUSR = "urn:fdc:peppol:end-user-statistics-report:1.1"
SEAT_ID = re.compile(r"P[A-Z]{2}[0-9]{6}")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
COUNTRY = re.compile(r"[A-Z0-9]{2}")


def _header(root: etree._Element, ns: str, prefix: str, ids: tuple[str, ...]) -> list[str]:
    failed = []
    start = root.findtext(f"{{{ns}}}Header/{{{ns}}}ReportPeriod/{{{ns}}}StartDate") or ""
    end = root.findtext(f"{{{ns}}}Header/{{{ns}}}ReportPeriod/{{{ns}}}EndDate") or ""
    if not DATE.fullmatch(start):
        failed.append(f"{prefix}-{ids[0]}")
    if not DATE.fullmatch(end):
        failed.append(f"{prefix}-{ids[1]}")
    if end < start:
        failed.append(f"{prefix}-{ids[2]}")
    reporter = root.find(f"{{{ns}}}Header/{{{ns}}}ReporterID")
    if reporter is None or not (reporter.text or "").strip():
        failed.append(f"{prefix}-{ids[3]}")
    elif reporter.get("schemeID") != "CertSubjectCN":
        failed.append(f"{prefix}-{ids[4]}")
    elif not SEAT_ID.fullmatch((reporter.text or "").strip()):
        failed.append(f"{prefix}-{ids[5]}")
    return failed


def _keys(element: etree._Element, ns: str) -> list[tuple[str, str, str]]:
    return [
        (key.get("metaSchemeID", ""), key.get("schemeID", ""), (key.text or "").strip())
        for key in element.iterfind(f"{{{ns}}}Key")
    ]


def _int(element: etree._Element, ns: str, name: str) -> int:
    return int(element.findtext(f"{{{ns}}}{name}") or "0")


def tsr_failures(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    ns = TSR
    failed = []
    if root.findtext(f"{{{ns}}}CustomizationID") != (
        "urn:fdc:peppol.eu:edec:trns:transaction-statistics-reporting:1.0"
    ):
        failed.append("SCH-TSR-01")
    if root.findtext(f"{{{ns}}}ProfileID") != "urn:fdc:peppol.eu:edec:bis:reporting:1.0":
        failed.append("SCH-TSR-02")
    failed += _header(root, ns, "SCH-TSR", ("40", "41", "42", "16", "17", "18"))
    total = root.find(f"{{{ns}}}Total")
    assert total is not None
    incoming, outgoing = _int(total, ns, "Incoming"), _int(total, ns, "Outgoing")
    empty = incoming + outgoing == 0
    subtotals = root.findall(f"{{{ns}}}Subtotal")
    by_type: dict[str, list[etree._Element]] = {}
    for subtotal in subtotals:
        by_type.setdefault(subtotal.get("type", ""), []).append(subtotal)
    if set(by_type) - {"PerTP", "PerSP-DT-PR", "PerSP-DT-PR-CC"}:
        failed.append("SCH-TSR-39")
    for kind, (exists, sum_in, sum_out), shape in (
        ("PerTP", ("03", "04", "05"), [("TP", "Peppol")]),
        ("PerSP-DT-PR", ("07", "08", "09"), [("SP", None), ("DT", None), ("PR", None)]),
    ):
        group = by_type.get(kind, [])
        if not empty and not group:
            failed.append(f"SCH-TSR-{exists}")
        if not empty and sum(_int(s, ns, "Incoming") for s in group) != incoming:
            failed.append(f"SCH-TSR-{sum_in}")
        if not empty and sum(_int(s, ns, "Outgoing") for s in group) != outgoing:
            failed.append(f"SCH-TSR-{sum_out}")
        seen = Counter(tuple(_keys(s, ns)) for s in group)
        if any(count > 1 for count in seen.values()):
            failed.append("SCH-TSR-06" if kind == "PerTP" else "SCH-TSR-10")
        for subtotal in group:
            keys = _keys(subtotal, ns)
            if [meta for meta, _, _ in keys] != [meta for meta, _ in shape]:
                failed.append("SCH-TSR-21" if kind == "PerTP" else "SCH-TSR-24")
            if kind == "PerTP" and keys[0][1] != "Peppol":
                failed.append("SCH-TSR-23")
    countries = by_type.get("PerSP-DT-PR-CC", [])
    if incoming and not countries:
        failed.append("SCH-TSR-11")
    if incoming and sum(_int(s, ns, "Incoming") for s in countries) != incoming:
        failed.append("SCH-TSR-12")
    if any(count > 1 for count in Counter(tuple(_keys(s, ns)) for s in countries).values()):
        failed.append("SCH-TSR-14")
    for subtotal in countries:
        keys = _keys(subtotal, ns)
        schemes = [(meta, scheme) for meta, scheme, _ in keys]
        if len(keys) != 5:
            failed.append("SCH-TSR-29")
        if ("CC", "SenderCountry") not in schemes:
            failed.append("SCH-TSR-35")
        if ("CC", "ReceiverCountry") not in schemes:
            failed.append("SCH-TSR-36")
        if _int(subtotal, ns, "Outgoing") != 0:
            failed.append("SCH-TSR-43")
    for subtotal in subtotals:
        for meta, scheme, value in _keys(subtotal, ns):
            if meta == "SP" and scheme != "CertSubjectCN":
                failed.append("SCH-TSR-28")
            if scheme == "CertSubjectCN" and not SEAT_ID.fullmatch(value):
                failed.append("SCH-TSR-19")
            if scheme in ("SenderCountry", "ReceiverCountry") and not COUNTRY.fullmatch(value):
                failed.append("SCH-TSR-20")
    return failed


def eusr_failures(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    ns = EUSR
    failed = []
    if root.findtext(f"{{{ns}}}CustomizationID") != (
        "urn:fdc:peppol.eu:edec:trns:end-user-statistics-report:1.1"
    ):
        failed.append("SCH-EUSR-01")
    if root.findtext(f"{{{ns}}}ProfileID") != "urn:fdc:peppol.eu:edec:bis:reporting:1.0":
        failed.append("SCH-EUSR-02")
    failed += _header(root, ns, "SCH-EUSR", ("16", "17", "18", "06", "07", "08"))
    full = root.find(f"{{{ns}}}FullSet")
    assert full is not None
    sending, receiving = _int(full, ns, "SendingEndUsers"), _int(full, ns, "ReceivingEndUsers")
    either = _int(full, ns, "SendingOrReceivingEndUsers")
    empty = sending + receiving == 0
    subsets = root.findall(f"{{{ns}}}Subset")
    if not empty:
        for name, rule in (
            ("SendingEndUsers", "03"),
            ("ReceivingEndUsers", "04"),
            ("SendingOrReceivingEndUsers", "22"),
        ):
            if subsets and max(_int(s, ns, name) for s in subsets) > _int(full, ns, name):
                failed.append(f"SCH-EUSR-{rule}")
    if either > sending + receiving:
        failed.append("SCH-EUSR-19")
    if either < sending:
        failed.append("SCH-EUSR-20")
    if either < receiving:
        failed.append("SCH-EUSR-21")
    by_type: dict[str, list[etree._Element]] = {}
    for subset in subsets:
        by_type.setdefault(subset.get("type", ""), []).append(subset)
    for kind, rule in (("PerDT-PR", "15"), ("PerDT-EUC", "37"), ("PerEUC", "39")):
        if not empty and not by_type.get(kind):
            failed.append(f"SCH-EUSR-{rule}")
    if set(by_type) - {"PerDT-PR", "PerDT-PR-EUC", "PerDT-EUC", "PerEUC"}:
        failed.append("SCH-EUSR-14")
    shapes = {
        "PerDT-PR": (["DT", "PR"], "13", "09"),
        "PerDT-PR-EUC": (["DT", "PR", "CC"], "29", "23"),
        "PerDT-EUC": (["DT", "CC"], "38", "41"),
        "PerEUC": (["CC"], "40", "45"),
    }
    for kind, (metas, unique, shape) in shapes.items():
        group = by_type.get(kind, [])
        if any(n > 1 for n in Counter(tuple(_keys(s, ns)) for s in group).values()):
            failed.append(f"SCH-EUSR-{unique}")
        for subset in group:
            if [meta for meta, _, _ in _keys(subset, ns)] != metas:
                failed.append(f"SCH-EUSR-{shape}")
    for subset in subsets:
        s_send, s_recv = _int(subset, ns, "SendingEndUsers"), _int(subset, ns, "ReceivingEndUsers")
        s_either = _int(subset, ns, "SendingOrReceivingEndUsers")
        if s_either > s_send + s_recv:
            failed.append("SCH-EUSR-33")
        if s_either < s_send:
            failed.append("SCH-EUSR-34")
        if s_either < s_recv:
            failed.append("SCH-EUSR-35")
        if s_either <= 0:
            failed.append("SCH-EUSR-36")
        for _, scheme, value in _keys(subset, ns):
            if scheme == "EndUserCountry" and (value == "ZZ" or not COUNTRY.fullmatch(value)):
                failed.append("SCH-EUSR-30")
    return failed
