"""The lookup: where does a participant receive a document type? (``Directory``)

1. **Which SMP.** With ``ORDEX_PEPPOL_SMP_URL`` every participant is looked up at that one
   SMP. Otherwise the SML's DNS says (Peppol Policy for use of Identifiers 4.x, BDXL): the
   U-NAPTR record of service ``Meta:SMP`` at
   ``base32(sha256(lowercase(value))).iso6523-actorid-upis.<SML domain>`` (the hash without
   padding, lowercased) holds the SMP's URL as ``!^.*$!<url>!``.
2. **The SMP's answer.** ``GET {smp}/{participant}/services/{document type}``, at most
   ``MAX_ANSWER_BYTES``, parsed without DTDs or entities, its enveloped signature checked
   against ``ORDEX_PEPPOL_TRUST`` (``network.signing``); only the signed content is read.
3. **The endpoint.** The ``peppol-transport-as4-v2_0`` endpoint of the process, active now.

Every failure is a ``LookupFailed`` whose ``problem`` says what the sender can do about it:
``NOT_REGISTERED``, ``NOT_SERVICED``, ``UNTRUSTED``, ``UNREACHABLE`` (retry later) or
``INVALID``. Nothing here retries or caches: the outbox retries a send.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import dns.exception
import dns.resolver
import httpx
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from ordex.clock import SystemClock
from ordex.config import Settings
from ordex.domain.content import PartyId
from ordex.domain.errors import MalformedDocument, UnsafeXml
from ordex.network.ports import (
    AS4_TRANSPORT_PROFILE,
    PARTICIPANT_SCHEME,
    Directory,
    Endpoint,
    LookupFailed,
    LookupProblem,
)
from ordex.network.signing import SignatureRejected, verified
from ordex.network.smp_documents import (
    NotSmpXml,
    PublishedEndpoint,
    participant_value,
    read_service_metadata,
    service_url,
)
from ordex.network.trust_bundle import trusted_certificates
from ordex.peppol.xml import parse_xml
from ordex.services.ports import Clock

MAX_ANSWER_BYTES = 256 * 1024
"""The largest SMP answer read (a ServiceMetadata with a few endpoints is ~10 KB)."""
SMP_TIMEOUT_SECONDS = 10.0
DNS_TIMEOUT_SECONDS = 5.0
NAPTR_SERVICE = "Meta:SMP"


def sml_name(participant: PartyId, domain: str) -> str:
    """The DNS name the SML publishes ``participant``'s SMP at."""
    value = participant_value(participant).lower().encode("utf-8")
    label = base64.b32encode(hashlib.sha256(value).digest()).decode("ascii")
    return f"{label.rstrip('=').lower()}.{PARTICIPANT_SCHEME}.{domain.strip('.')}"


def _naptr_url(regexp: str) -> str | None:
    """The URL of a U-NAPTR regexp ``!^.*$!<url>!``; any other pattern is not used."""
    if len(regexp) < 3:
        return None
    delimiter = regexp[0]
    parts = regexp[1:].split(delimiter)
    if len(parts) != 3 or parts[0] != "^.*$" or parts[2] not in ("", "i"):
        return None
    url = parts[1]
    return url.rstrip("/") if url.startswith(("http://", "https://")) else None


@dataclass(frozen=True)
class FixedSmp:
    """``ORDEX_PEPPOL_SMP_URL``: one SMP for every participant, no DNS."""

    url: str

    def __call__(self, participant: PartyId) -> str:
        return self.url.rstrip("/")


class SmlLocator:
    """The SMP of a participant, from the SML's U-NAPTR record (dnspython)."""

    def __init__(
        self,
        domain: str,
        resolver: dns.resolver.Resolver | None = None,
        timeout: float = DNS_TIMEOUT_SECONDS,
    ) -> None:
        self.domain = domain
        self.resolver = resolver or dns.resolver.Resolver()
        self.timeout = timeout

    def __call__(self, participant: PartyId) -> str:
        name = sml_name(participant, self.domain)
        try:
            answer = self.resolver.resolve(name + ".", "NAPTR", lifetime=self.timeout, search=False)
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer) as exc:
            raise LookupFailed(
                LookupProblem.NOT_REGISTERED,
                f"{participant} is not registered in the SML {self.domain} (no {name}).",
            ) from exc
        except dns.exception.DNSException as exc:
            raise LookupFailed(
                LookupProblem.UNREACHABLE,
                f"The SML's DNS did not answer for {participant} ({name}): {type(exc).__name__}.",
            ) from exc
        records = sorted(answer, key=lambda record: (record.order, record.preference))
        for record in records:
            flags = record.flags.decode("ascii", "replace").upper()
            service = record.service.decode("ascii", "replace")
            if flags == "U" and service == NAPTR_SERVICE:
                url = _naptr_url(record.regexp.decode("utf-8", "replace"))
                if url is not None:
                    return url
        raise LookupFailed(
            LookupProblem.NOT_REGISTERED,
            f"{participant}: the SML record {name} names no SMP (no U-NAPTR {NAPTR_SERVICE}).",
        )


class SmpDirectory:
    """``Directory`` over SMP: ``locate`` gives the SMP's base URL for a participant."""

    def __init__(
        self,
        locate: Callable[[PartyId], str],
        trust: Sequence[x509.Certificate],
        clock: Clock | None = None,
        timeout: float = SMP_TIMEOUT_SECONDS,
        max_bytes: int = MAX_ANSWER_BYTES,
    ) -> None:
        self.locate = locate
        self.trust = list(trust)
        self.clock = clock or SystemClock()
        self.timeout = timeout
        self.max_bytes = max_bytes

    def lookup(self, participant: PartyId, document_type: str, process: str) -> Endpoint:
        smp = self.locate(participant)
        url = service_url(smp, participant, document_type)
        status, body = self._get(url)
        if status == 404:
            group_status, _ = self._get(url.partition("/services/")[0])
            if group_status == 404:
                raise LookupFailed(
                    LookupProblem.NOT_REGISTERED, f"The SMP {smp} does not know {participant}."
                )
            raise LookupFailed(
                LookupProblem.NOT_SERVICED,
                f"{participant} does not receive {document_type} (its SMP {smp} says so).",
            )
        if status != 200:
            problem = LookupProblem.UNREACHABLE if status >= 500 or status == 429 else None
            raise LookupFailed(
                problem or LookupProblem.INVALID, f"The SMP {smp} answered {status} for {url}."
            )
        now = self.clock.now()
        try:
            signed = verified(parse_xml(body), self.trust, now)
            information = read_service_metadata(signed)
        except (UnsafeXml, MalformedDocument, NotSmpXml) as exc:
            raise LookupFailed(
                LookupProblem.INVALID, f"The SMP {smp} answered no usable SMP XML: {exc}"
            ) from exc
        except SignatureRejected as exc:
            raise LookupFailed(
                LookupProblem.UNTRUSTED,
                f"The answer of the SMP {smp} for {participant} is not trusted: {exc}",
            ) from exc
        if (
            information.participant.lower() != participant_value(participant).lower()
            or information.document_type != document_type
        ):
            raise LookupFailed(
                LookupProblem.INVALID,
                f"The SMP {smp} answered for {information.participant} and "
                f"{information.document_type}, not what was asked.",
            )
        return self._endpoint(information.processes.get(process, ()), participant, process, now)

    def _endpoint(
        self,
        endpoints: Sequence[PublishedEndpoint],
        participant: PartyId,
        process: str,
        now: datetime,
    ) -> Endpoint:
        as4 = [e for e in endpoints if e.transport_profile == AS4_TRANSPORT_PROFILE]
        active = [endpoint for endpoint in as4 if endpoint.active_at(now)]
        if not active:
            what = "no" if not as4 else "no active"
            raise LookupFailed(
                LookupProblem.NOT_SERVICED,
                f"{participant} has {what} {AS4_TRANSPORT_PROFILE} endpoint for process {process}.",
            )
        endpoint = active[0]
        try:
            certificate = x509.load_der_x509_certificate(endpoint.certificate_der)
        except ValueError as exc:
            raise LookupFailed(
                LookupProblem.INVALID, f"The endpoint certificate of {participant} is not X.509."
            ) from exc
        if not certificate.not_valid_before_utc <= now < certificate.not_valid_after_utc:
            raise LookupFailed(
                LookupProblem.UNTRUSTED,
                f"The access point certificate of {participant} is not valid now.",
            )
        return Endpoint(url=endpoint.url, certificate_pem=certificate.public_bytes(Encoding.PEM))

    def _get(self, url: str) -> tuple[int, bytes]:
        """Status and body (at most ``max_bytes``) of a GET; ``UNREACHABLE`` on transport
        failures and time-outs, ``INVALID`` when the body is larger."""
        try:
            with (
                httpx.Client(timeout=self.timeout, follow_redirects=False) as client,
                client.stream("GET", url, headers={"Accept": "text/xml"}) as response,
            ):
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise LookupFailed(
                            LookupProblem.INVALID,
                            f"The SMP answer at {url} is larger than {self.max_bytes} bytes.",
                        )
                return response.status_code, bytes(body)
        except httpx.HTTPError as exc:
            raise LookupFailed(
                LookupProblem.UNREACHABLE,
                f"The SMP at {url} did not answer: {type(exc).__name__}.",
            ) from exc


def directory_from_settings(
    settings: Settings,
    resolver: dns.resolver.Resolver | None = None,
    clock: Clock | None = None,
) -> Directory:
    """The ``Directory`` of ``Settings.peppol``: one fixed SMP (``ORDEX_PEPPOL_SMP_URL``)
    or the SML's DNS; ``ValueError`` when Peppol is not configured or its trust is not
    readable."""
    peppol = settings.peppol
    if peppol is None:
        raise ValueError("Peppol is not configured (ORDEX_PEPPOL_AP_CERT is not set)")
    trust = trusted_certificates(peppol.trust)
    locate: Callable[[PartyId], str] = (
        FixedSmp(peppol.smp_url) if peppol.smp_url else SmlLocator(peppol.sml_domain, resolver)
    )
    return SmpDirectory(locate, trust, clock)
