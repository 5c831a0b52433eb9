"""The fatal rules of OpenPeppol's reporting Schematron (TSR 1.0.5, EUSR 1.1.5), restated
in Python for the tests (the Schematron itself is not part of ../shared): each failure is
named by its rule ID. Checked rule by rule against the published .sch files; with
``ORDEX_REPORTING_SCHEMATRON_DIR`` set, tests/network/test_reporting_schematron.py runs
the real ones as well. Country codes: ISO 3166-1 alpha-2 (ordex's code list) plus the
Schematron's extra EL and XK, and ZZ in the TSR only.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

TSR = "urn:fdc:peppol:transaction-statistics-report:1.0"
EUSR = "urn:fdc:peppol:end-user-statistics-report:1.1"
SEAT_ID = re.compile(r"P[A-Z]{2}[0-9]{6}")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _countries() -> frozenset[str]:
    import ordex.peppol.rules  # noqa: F401  (before ordex.peppol.codes: import cycle)
    from ordex.peppol.codes import ISO3166

    return frozenset(ISO3166) | {"EL", "XK"}


COUNTRIES = _countries()  # SCH-EUSR-30; SCH-TSR-20 allows ZZ too


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


def _norm(text: str | None) -> str:
    """XPath's normalize-space(), which the Schematron applies to every attribute and key."""
    return " ".join((text or "").split())


def _keys(element: etree._Element, ns: str) -> list[tuple[str, str, str]]:
    return [
        (_norm(key.get("metaSchemeID")), _norm(key.get("schemeID")), _norm(key.text))
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
        by_type.setdefault(_norm(subtotal.get("type")), []).append(subtotal)
    if set(by_type) - {"PerTP", "PerSP-DT-PR", "PerSP-DT-PR-CC"}:
        failed.append("SCH-TSR-39")
    for kind, (exists, sum_in, sum_out) in (
        ("PerTP", ("03", "04", "05")),
        ("PerSP-DT-PR", ("07", "08", "09")),
    ):
        group = by_type.get(kind, [])
        if not empty and not group:
            failed.append(f"SCH-TSR-{exists}")
        if not empty and sum(_int(s, ns, "Incoming") for s in group) != incoming:
            failed.append(f"SCH-TSR-{sum_in}")
        if not empty and sum(_int(s, ns, "Outgoing") for s in group) != outgoing:
            failed.append(f"SCH-TSR-{sum_out}")
        seen = Counter(tuple(sorted(_keys(s, ns))) for s in group)
        if any(count > 1 for count in seen.values()):
            failed.append("SCH-TSR-06" if kind == "PerTP" else "SCH-TSR-10")
        for subtotal in group:
            keys = _keys(subtotal, ns)
            metas = Counter(meta for meta, _, _ in keys)
            if kind == "PerTP":
                failed += [
                    rule
                    for rule, bad in (
                        ("SCH-TSR-21", len(keys) != 1),
                        ("SCH-TSR-22", metas["TP"] != 1),
                        ("SCH-TSR-23", sum(scheme == "Peppol" for _, scheme, _ in keys) != 1),
                    )
                    if bad
                ]
            else:
                failed += [
                    rule
                    for rule, bad in (
                        ("SCH-TSR-24", len(keys) != 3),
                        ("SCH-TSR-25", metas["SP"] != 1),
                        ("SCH-TSR-26", metas["DT"] != 1),
                        ("SCH-TSR-27", metas["PR"] != 1),
                        ("SCH-TSR-28", any(m == "SP" and s != "CertSubjectCN" for m, s, _ in keys)),
                    )
                    if bad
                ]
    countries = by_type.get("PerSP-DT-PR-CC", [])
    if incoming and not countries:
        failed.append("SCH-TSR-11")
    if incoming and sum(_int(s, ns, "Incoming") for s in countries) != incoming:
        failed.append("SCH-TSR-12")
    if any(count > 1 for count in Counter(tuple(_keys(s, ns)) for s in countries).values()):
        failed.append("SCH-TSR-14")
    for subtotal in countries:
        keys = _keys(subtotal, ns)
        metas = Counter(meta for meta, _, _ in keys)
        schemes = Counter((meta, scheme) for meta, scheme, _ in keys)
        failed += [
            rule
            for rule, bad in (
                ("SCH-TSR-29", len(keys) != 5),
                ("SCH-TSR-30", metas["SP"] != 1),
                ("SCH-TSR-31", metas["DT"] != 1),
                ("SCH-TSR-32", metas["PR"] != 1),
                ("SCH-TSR-33", metas["CC"] != 2),
                ("SCH-TSR-34", any(m == "SP" and s != "CertSubjectCN" for m, s, _ in keys)),
                ("SCH-TSR-35", schemes[("CC", "SenderCountry")] != 1),
                ("SCH-TSR-36", schemes[("CC", "ReceiverCountry")] != 1),
                ("SCH-TSR-43", _int(subtotal, ns, "Outgoing") != 0),
            )
            if bad
        ]
    for subtotal in subtotals:
        if _norm(subtotal.get("type")) not in ("PerTP", "PerSP-DT-PR", "PerSP-DT-PR-CC"):
            failed.append("SCH-TSR-37")
        for _, scheme, value in _keys(subtotal, ns):
            if scheme == "CertSubjectCN" and not SEAT_ID.fullmatch(value):
                failed.append("SCH-TSR-19")
            if scheme in ("SenderCountry", "ReceiverCountry") and value not in COUNTRIES | {"ZZ"}:
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
            # max(()) is the empty sequence in XPath, and () le n is false
            if not subsets or max(_int(s, ns, name) for s in subsets) > _int(full, ns, name):
                failed.append(f"SCH-EUSR-{rule}")
    if either > sending + receiving:
        failed.append("SCH-EUSR-19")
    if either < sending:
        failed.append("SCH-EUSR-20")
    if either < receiving:
        failed.append("SCH-EUSR-21")
    by_type: dict[str, list[etree._Element]] = {}
    for subset in subsets:
        by_type.setdefault(_norm(subset.get("type")), []).append(subset)
    for kind, rule in (("PerDT-PR", "15"), ("PerDT-EUC", "37"), ("PerEUC", "39")):
        if not empty and not by_type.get(kind):
            failed.append(f"SCH-EUSR-{rule}")
    if set(by_type) - {"PerDT-PR", "PerDT-PR-EUC", "PerDT-EUC", "PerEUC"}:
        failed.append("SCH-EUSR-14")
    shapes = {  # kind: (unique, count, one DT, one PR, one CC, one CC EndUserCountry)
        "PerDT-PR": (("13", "09", "10", "11", "", ""), {"DT": 1, "PR": 1}),
        "PerDT-PR-EUC": (("29", "23", "24", "25", "26", "27"), {"DT": 1, "PR": 1, "CC": 1}),
        "PerDT-EUC": (("38", "41", "42", "", "43", "44"), {"DT": 1, "CC": 1}),
        "PerEUC": (("40", "45", "", "", "46", "47"), {"CC": 1}),
    }
    for kind, ((unique, count, *one), wanted) in shapes.items():
        group = by_type.get(kind, [])
        if any(n > 1 for n in Counter(tuple(sorted(_keys(s, ns))) for s in group).values()):
            failed.append(f"SCH-EUSR-{unique}")
        for subset in group:
            keys = _keys(subset, ns)
            metas = Counter(meta for meta, _, _ in keys)
            euc = sum(1 for m, scheme, _ in keys if m == "CC" and scheme == "EndUserCountry")
            if len(keys) != sum(wanted.values()):
                failed.append(f"SCH-EUSR-{count}")
            for rule, meta in zip(one[:3], ("DT", "PR", "CC"), strict=True):
                if rule and metas[meta] != 1:
                    failed.append(f"SCH-EUSR-{rule}")
            if one[3] and euc != 1:
                failed.append(f"SCH-EUSR-{one[3]}")
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
            if scheme == "EndUserCountry" and value not in COUNTRIES:
                failed.append("SCH-EUSR-30")
    return failed
