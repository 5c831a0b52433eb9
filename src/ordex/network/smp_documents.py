"""Peppol SMP 1.x documents (the "busdox" namespaces): writing and reading them.

An SMP answers two questions about a participant: which document types it receives (the
``ServiceGroup``, a list of links) and, per document type, in which processes and at
which access point (the ``SignedServiceMetadata``: endpoint URL, transport profile and
the AP certificate, signed by the SMP; the signature is ``network.signing``'s job).

The identifiers ordex publishes come from ``peppol.transactions``: a document type is
``<root namespace>::<root>##<CustomizationID>::<UBL version>`` (scheme
``busdox-docid-qns``), a process is a BIS profile (scheme ``cenbii-procid-ubl``).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote

from lxml import etree

from ordex.domain.content import PartyId
from ordex.network.ports import (
    AS4_TRANSPORT_PROFILE,
    DOCUMENT_TYPE_SCHEME,
    PARTICIPANT_SCHEME,
    PROCESS_SCHEME,
)
from ordex.peppol.transactions import (
    ORDER,
    ORDER_CANCELLATION,
    ORDER_CHANGE,
    ORDER_RESPONSE,
    ORDER_RESPONSE_ADVANCED,
    Transaction,
)

SMP = "http://busdox.org/serviceMetadata/publishing/1.0/"
IDS = "http://busdox.org/transport/identifiers/1.0/"
WSA = "http://www.w3.org/2005/08/addressing"
NSMAP = {"smp": SMP, "ids": IDS, "wsa": WSA}


def document_type_id(transaction: Transaction) -> str:
    """The ``busdox-docid-qns`` value of a transaction, e.g. ``urn:oasis:names:specification:
    ubl:schema:xsd:Order-2::Order##urn:fdc:peppol.eu:poacc:trns:order:3::2.1``."""
    return (
        f"{transaction.namespace}::{transaction.root}"
        f"##{transaction.customization_id}::{transaction.ubl_version}"
    )


@dataclass(frozen=True)
class Service:
    """A document type a hosted party receives, and the processes it receives it in."""

    transaction: Transaction
    processes: tuple[str, ...]

    @property
    def document_type(self) -> str:
        return document_type_id(self.transaction)


RECEIVED: tuple[Service, ...] = (
    # as a seller: orders in every ordering profile, changes and cancellations in Advanced
    # Ordering; as a buyer: the Advanced Ordering response and the plain Ordering one.
    Service(ORDER, tuple(ORDER.profiles)),
    Service(ORDER_CHANGE, tuple(ORDER_CHANGE.profiles)),
    Service(ORDER_CANCELLATION, tuple(ORDER_CANCELLATION.profiles)),
    Service(ORDER_RESPONSE_ADVANCED, tuple(ORDER_RESPONSE_ADVANCED.profiles)),
    Service(ORDER_RESPONSE, tuple(ORDER_RESPONSE.profiles)),
)
"""What every party hosted on this hub receives: ordex parties have no fixed role, a party
that buys in one order may sell in the next."""

BY_DOCUMENT_TYPE: dict[str, Service] = {service.document_type: service for service in RECEIVED}


def participant_value(party: PartyId) -> str:
    """The ``iso6523-actorid-upis`` value: ``0088:7300010000001``."""
    return f"{party.scheme}:{party.value}"


def service_url(base: str, party: PartyId, document_type: str) -> str:
    """``{base}/{participant}/services/{document type}``, each identifier with its scheme
    and percent-encoded, as SMP clients ask for them."""
    participant = quote(f"{PARTICIPANT_SCHEME}::{participant_value(party)}", safe="")
    document = quote(f"{DOCUMENT_TYPE_SCHEME}::{document_type}", safe="")
    return f"{base}/{participant}/services/{document}"


def _identifier(parent: etree._Element, name: str, scheme: str, value: str) -> None:
    element = etree.SubElement(parent, f"{{{IDS}}}{name}", scheme=scheme)
    element.text = value


def _text(parent: etree._Element, name: str, value: str) -> None:
    etree.SubElement(parent, f"{{{SMP}}}{name}").text = value


def service_group(party: PartyId, base: str, document_types: list[str]) -> bytes:
    """The ``ServiceGroup`` of ``party``: one reference per document type it receives."""
    root = etree.Element(f"{{{SMP}}}ServiceGroup", nsmap=NSMAP)
    _identifier(root, "ParticipantIdentifier", PARTICIPANT_SCHEME, participant_value(party))
    references = etree.SubElement(root, f"{{{SMP}}}ServiceMetadataReferenceCollection")
    for document_type in document_types:
        etree.SubElement(
            references,
            f"{{{SMP}}}ServiceMetadataReference",
            href=service_url(base, party, document_type),
        )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@dataclass(frozen=True)
class PublishedEndpoint:
    """One access point endpoint of a process, as an SMP lists it."""

    url: str
    certificate_der: bytes = field(repr=False)
    transport_profile: str = AS4_TRANSPORT_PROFILE
    activation: datetime | None = None
    expiration: datetime | None = None
    description: str = "ordex access point"
    contact: str = ""

    def active_at(self, now: datetime) -> bool:
        starts, ends = self.activation, self.expiration
        return (starts is None or starts <= now) and (ends is None or now < ends)


def _date(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def service_metadata(
    party: PartyId, service: Service, endpoint: PublishedEndpoint
) -> etree._Element:
    """The unsigned ``SignedServiceMetadata`` of ``party`` for one document type: its
    ``ServiceMetadata`` child, ready for the enveloped signature to be appended."""
    root = etree.Element(f"{{{SMP}}}SignedServiceMetadata", nsmap=NSMAP)
    metadata = etree.SubElement(root, f"{{{SMP}}}ServiceMetadata")
    information = etree.SubElement(metadata, f"{{{SMP}}}ServiceInformation")
    _identifier(information, "ParticipantIdentifier", PARTICIPANT_SCHEME, participant_value(party))
    _identifier(information, "DocumentIdentifier", DOCUMENT_TYPE_SCHEME, service.document_type)
    processes = etree.SubElement(information, f"{{{SMP}}}ProcessList")
    for process_id in service.processes:
        process = etree.SubElement(processes, f"{{{SMP}}}Process")
        _identifier(process, "ProcessIdentifier", PROCESS_SCHEME, process_id)
        endpoints = etree.SubElement(process, f"{{{SMP}}}ServiceEndpointList")
        element = etree.SubElement(
            endpoints, f"{{{SMP}}}Endpoint", transportProfile=endpoint.transport_profile
        )
        reference = etree.SubElement(element, f"{{{WSA}}}EndpointReference")
        etree.SubElement(reference, f"{{{WSA}}}Address").text = endpoint.url
        _text(element, "RequireBusinessLevelSignature", "false")
        if endpoint.activation is not None:
            _text(element, "ServiceActivationDate", _date(endpoint.activation))
        if endpoint.expiration is not None:
            _text(element, "ServiceExpirationDate", _date(endpoint.expiration))
        _text(element, "Certificate", base64.b64encode(endpoint.certificate_der).decode())
        _text(element, "ServiceDescription", endpoint.description)
        _text(element, "TechnicalContactUrl", endpoint.contact or endpoint.url)
    return root


# Reading (the client side of the lookup) ------------------------------------------------


class NotSmpXml(ValueError):
    """The XML is not the SMP 1.x document that was asked for."""


@dataclass(frozen=True)
class ServiceInformation:
    participant: str  # the iso6523-actorid-upis value
    document_type: str  # the busdox-docid-qns value
    processes: dict[str, tuple[PublishedEndpoint, ...]]  # process ID -> its endpoints


def _one(parent: etree._Element, path: str) -> etree._Element:
    found = parent.find(path, NSMAP)
    if found is None:
        raise NotSmpXml(f"no {path} in {etree.QName(parent).localname}")
    return found


def _value(parent: etree._Element, path: str) -> str:
    return (_one(parent, path).text or "").strip()


def _optional_date(parent: etree._Element, path: str) -> datetime | None:
    element = parent.find(path, NSMAP)
    if element is None or not (element.text or "").strip():
        return None
    text = (element.text or "").strip().replace("Z", "+00:00")
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise NotSmpXml(f"{path}: {text!r} is not a date and time") from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _endpoint(element: etree._Element) -> PublishedEndpoint:
    try:
        certificate = base64.b64decode("".join(_value(element, "smp:Certificate").split()))
    except ValueError as exc:
        raise NotSmpXml("smp:Certificate is not base64") from exc
    return PublishedEndpoint(
        url=_value(element, "wsa:EndpointReference/wsa:Address"),
        certificate_der=certificate,
        transport_profile=element.get("transportProfile", ""),
        activation=_optional_date(element, "smp:ServiceActivationDate"),
        expiration=_optional_date(element, "smp:ServiceExpirationDate"),
    )


def read_service_metadata(signed: etree._Element) -> ServiceInformation:
    """The ``ServiceInformation`` inside a (verified) ``SignedServiceMetadata``; raises
    ``NotSmpXml`` (a ``Redirect`` to another SMP is not followed)."""
    if signed.tag != f"{{{SMP}}}SignedServiceMetadata":
        raise NotSmpXml(f"the root is {signed.tag}, not smp:SignedServiceMetadata")
    information = _one(signed, "smp:ServiceMetadata/smp:ServiceInformation")
    processes: dict[str, tuple[PublishedEndpoint, ...]] = {}
    for process in information.iterfind("smp:ProcessList/smp:Process", NSMAP):
        identifier = _one(process, "ids:ProcessIdentifier")
        if identifier.get("scheme", PROCESS_SCHEME) != PROCESS_SCHEME:
            continue
        endpoints = tuple(
            _endpoint(element)
            for element in process.iterfind("smp:ServiceEndpointList/smp:Endpoint", NSMAP)
        )
        processes[(identifier.text or "").strip()] = endpoints
    return ServiceInformation(
        participant=_value(information, "ids:ParticipantIdentifier"),
        document_type=_value(information, "ids:DocumentIdentifier"),
        processes=processes,
    )
