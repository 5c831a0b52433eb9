"""Peppol Reporting: the monthly Transaction Statistics Report (TSR 1.0) and End User
Statistics Report (EUSR 1.1) every Peppol access point submits to OpenPeppol.

Both count only what crossed the Peppol network (a document between two parties of this
hub never did). A ``Transmission`` is one AS4 message sent or received by this access
point; the reports are pure functions of a month's transmissions:

- **TSR**: incoming and outgoing counts, in total, per transport protocol, per other
  service provider (its seat ID) + document type + process, and for incoming messages
  also per sender country (C1) + receiver country (C4) (``ZZ`` where unknown).
- **EUSR**: distinct end users served here (C1 of an outgoing message, C4 of an
  incoming one) that sent, received, or did either; in full and per document type +
  process, + end user country, per document type + end user country, per end user country.

The shapes, identifiers and rules follow OpenPeppol's reporting Schematron (TSR 1.0.5,
EUSR 1.1.5); ``tests/reporting_rules.py`` checks them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

from lxml import etree

from ordex.domain.errors import InvalidInput
from ordex.network.ports import AS4_TRANSPORT_PROFILE, DOCUMENT_TYPE_SCHEME, PROCESS_SCHEME
from ordex.network.smp_documents import document_type_id
from ordex.peppol.parse import parse_document
from ordex.peppol.rules.generated.code_lists import CODE_LISTS
from ordex.peppol.transactions import BY_CODE

TSR_NS = "urn:fdc:peppol:transaction-statistics-report:1.0"
TSR_CUSTOMIZATION = "urn:fdc:peppol.eu:edec:trns:transaction-statistics-reporting:1.0"
EUSR_NS = "urn:fdc:peppol:end-user-statistics-report:1.1"
EUSR_CUSTOMIZATION = "urn:fdc:peppol.eu:edec:trns:end-user-statistics-report:1.1"
REPORTING_PROFILE = "urn:fdc:peppol.eu:edec:bis:reporting:1.0"
SEAT_ID = re.compile(r"P[A-Z]{2}[0-9]{6}")
UNKNOWN_COUNTRY = "ZZ"  # allowed in the TSR (1.0.4 on), not in the EUSR
COUNTRIES = frozenset(CODE_LISTS["ISO3166"]) | {
    "EL",
    "XK",
}  # the reporting Schematron's list (SCH-TSR-20)


class ReportRefused(ValueError):
    """The month's data cannot make a valid report; the message says what is missing."""


@dataclass(frozen=True)
class Month:
    first: date
    last: date

    @classmethod
    def parse(cls, text: str) -> Month:
        """``YYYY-MM``; ``ValueError`` otherwise."""
        match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", text.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"--month: {text!r} is not a month such as 2026-11")
        first = date(int(match.group(1)), int(match.group(2)), 1)
        following = (first + timedelta(days=31)).replace(day=1)
        return cls(first, following - timedelta(days=1))

    @property
    def start(self) -> datetime:
        """The first instant of the month (UTC)."""
        return datetime(self.first.year, self.first.month, 1, tzinfo=UTC)

    @property
    def end(self) -> datetime:
        """The first instant after the month (UTC)."""
        return self.start + timedelta(days=self.last.day)

    def __str__(self) -> str:
        return f"{self.first:%Y-%m}"


@dataclass(frozen=True)
class Transmission:
    """One AS4 message this access point sent (``incoming=False``) or received."""

    incoming: bool
    document_type: str  # busdox-docid-qns value
    process: str  # cenbii-procid-ubl value
    other_access_point: str | None  # the other AP's seat ID (its certificate's subject CN)
    end_user: str  # the party served here: C1 of an outgoing message, C4 of an incoming one
    end_user_country: str | None  # ISO 3166-1 alpha-2
    sender_country: str | None  # C1
    receiver_country: str | None  # C4
    transport_profile: str = AS4_TRANSPORT_PROFILE


def _element(parent: etree._Element, name: str, text: str | int | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{parent.nsmap[None]}}}{name}")
    if text is not None:
        element.text = str(text)
    return element


def _root(
    namespace: str, name: str, customization: str, month: Month, reporter: str
) -> etree._Element:
    if not SEAT_ID.fullmatch(reporter):
        raise ReportRefused(
            f"the reporter's seat ID {reporter!r} (the AP certificate's subject CN) is not "
            "of the form PXX000000"
        )
    root = etree.Element(f"{{{namespace}}}{name}", nsmap={None: namespace})  # type: ignore[dict-item]
    _element(root, "CustomizationID", customization)
    _element(root, "ProfileID", REPORTING_PROFILE)
    header = _element(root, "Header")
    period = _element(header, "ReportPeriod")
    _element(period, "StartDate", month.first.isoformat())
    _element(period, "EndDate", month.last.isoformat())
    _element(header, "ReporterID", reporter).set("schemeID", "CertSubjectCN")
    return root


def _key(parent: etree._Element, meta: str, scheme: str, value: str) -> None:
    key = _element(parent, "Key", value)
    key.set("metaSchemeID", meta)
    key.set("schemeID", scheme)


def _serialise(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


K = TypeVar("K", bound=Hashable)


def _grouped(
    transmissions: Iterable[Transmission], key: Callable[[Transmission], K]
) -> dict[K, list[Transmission]]:
    groups: dict[K, list[Transmission]] = defaultdict(list)
    for transmission in transmissions:
        groups[key(transmission)].append(transmission)
    return dict(sorted(groups.items(), key=lambda item: repr(item[0])))


def _counts(parent: etree._Element, group: Sequence[Transmission], outgoing: bool = True) -> None:
    incoming = sum(1 for t in group if t.incoming)
    _element(parent, "Incoming", incoming)
    _element(parent, "Outgoing", len(group) - incoming if outgoing else 0)


def transaction_statistics(
    month: Month, reporter: str, transmissions: Sequence[Transmission]
) -> bytes:
    """The TSR of ``month``; ``ReportRefused`` when another AP's seat ID is unknown."""
    unknown = [t for t in transmissions if not t.other_access_point]
    if unknown:
        raise ReportRefused(
            f"{len(unknown)} transmission(s) of {month} lack the other access point's seat "
            "ID, which the TSR needs per service provider"
        )
    root = _root(TSR_NS, "TransactionStatisticsReport", TSR_CUSTOMIZATION, month, reporter)
    _counts(_element(root, "Total"), transmissions)
    for (profile,), group in _grouped(transmissions, lambda t: (t.transport_profile,)).items():
        subtotal = _element(root, "Subtotal")
        subtotal.set("type", "PerTP")
        _key(subtotal, "TP", "Peppol", profile)
        _counts(subtotal, group)

    def sp_dt_pr(t: Transmission) -> tuple[str, str, str]:
        return (t.other_access_point or "", t.document_type, t.process)

    for (provider, document_type, process), group in _grouped(transmissions, sp_dt_pr).items():
        subtotal = _element(root, "Subtotal")
        subtotal.set("type", "PerSP-DT-PR")
        _key(subtotal, "SP", "CertSubjectCN", provider)
        _key(subtotal, "DT", DOCUMENT_TYPE_SCHEME, document_type)
        _key(subtotal, "PR", PROCESS_SCHEME, process)
        _counts(subtotal, group)

    def with_countries(t: Transmission) -> tuple[str, str, str, str, str]:
        return (
            *sp_dt_pr(t),
            t.sender_country or UNKNOWN_COUNTRY,
            t.receiver_country or UNKNOWN_COUNTRY,
        )

    incoming = [t for t in transmissions if t.incoming]
    for keys, group in _grouped(incoming, with_countries).items():
        provider, document_type, process, sender_country, receiver_country = keys
        subtotal = _element(root, "Subtotal")
        subtotal.set("type", "PerSP-DT-PR-CC")
        _key(subtotal, "SP", "CertSubjectCN", provider)
        _key(subtotal, "DT", DOCUMENT_TYPE_SCHEME, document_type)
        _key(subtotal, "PR", PROCESS_SCHEME, process)
        _key(subtotal, "CC", "SenderCountry", sender_country)
        _key(subtotal, "CC", "ReceiverCountry", receiver_country)
        _counts(subtotal, group, outgoing=False)  # outgoing is not gathered per country
    return _serialise(root)


def _end_users(parent: etree._Element, group: Sequence[Transmission]) -> None:
    sending = {t.end_user for t in group if not t.incoming}
    receiving = {t.end_user for t in group if t.incoming}
    _element(parent, "SendingEndUsers", len(sending))
    _element(parent, "ReceivingEndUsers", len(receiving))
    _element(parent, "SendingOrReceivingEndUsers", len(sending | receiving))


def end_user_statistics(
    month: Month, reporter: str, transmissions: Sequence[Transmission]
) -> bytes:
    """The EUSR of ``month``; ``ReportRefused`` when an end user's country is unknown."""
    known = {t.end_user: t.end_user_country for t in transmissions if t.end_user_country}
    transmissions = [
        t if t.end_user_country else replace(t, end_user_country=known.get(t.end_user))
        for t in transmissions
    ]  # an end user's country, once known from any of its transmissions, holds for all
    unknown = sorted({t.end_user for t in transmissions if not t.end_user_country})
    if unknown:
        raise ReportRefused(
            f"the country of end user(s) {', '.join(unknown)} is unknown for {month} (the "
            "EUSR needs it; ordex reads it from the party's address in its documents)"
        )
    root = _root(EUSR_NS, "EndUserStatisticsReport", EUSR_CUSTOMIZATION, month, reporter)
    _end_users(_element(root, "FullSet"), transmissions)
    subsets: tuple[tuple[str, Callable[[Transmission], tuple[str, ...]], tuple[str, ...]], ...] = (
        ("PerDT-PR", lambda t: (t.document_type, t.process), ("DT", "PR")),
        (
            "PerDT-PR-EUC",
            lambda t: (t.document_type, t.process, t.end_user_country or ""),
            ("DT", "PR", "CC"),
        ),
        ("PerDT-EUC", lambda t: (t.document_type, t.end_user_country or ""), ("DT", "CC")),
        ("PerEUC", lambda t: (t.end_user_country or "",), ("CC",)),
    )
    schemes = {"DT": DOCUMENT_TYPE_SCHEME, "PR": PROCESS_SCHEME, "CC": "EndUserCountry"}
    for kind, key, metas in subsets:
        for values, group in _grouped(transmissions, key).items():
            subset = _element(root, "Subset")
            subset.set("type", kind)
            for meta, value in zip(metas, values, strict=True):
                _key(subset, meta, schemes[meta], value)
            _end_users(subset, group)
    return _serialise(root)


def transmission_of(
    transaction: str,
    sender: str,
    receiver: str,
    incoming: bool,
    content: bytes | None,
    other_access_point: str | None = None,
) -> Transmission:
    """A stored document that crossed the network, as a ``Transmission``: its document
    type from the transaction, its process and the parties' countries from its content
    (a buyer without an address: its order's delivery country; a purged document: the
    transaction's last profile, countries unknown; a code the reporting Schematron does not
    know, such as UK: unknown, so ZZ in the TSR and a refused EUSR)."""
    known = BY_CODE[transaction]
    process = known.profiles[-1]
    countries: dict[str, str | None] = {}
    if content is not None:
        try:
            parsed = parse_document(content).content
        except InvalidInput:
            parsed = None
        if parsed is not None:
            process = parsed.profile_id
            delivery = getattr(parsed, "delivery", None)
            delivered_to = delivery.address.country if delivery and delivery.address else None
            for party, fallback in ((parsed.buyer, delivered_to), (parsed.seller, None)):
                if party.endpoint is not None:
                    country = (party.address.country if party.address else None) or fallback
                    country = country.strip().upper() if country else None
                    countries[str(party.endpoint)] = country if country in COUNTRIES else None
    end_user = receiver if incoming else sender
    return Transmission(
        incoming=incoming,
        document_type=document_type_id(known),
        process=process,
        other_access_point=other_access_point,
        end_user=end_user,
        end_user_country=countries.get(end_user),
        sender_country=countries.get(sender),
        receiver_country=countries.get(receiver),
    )
