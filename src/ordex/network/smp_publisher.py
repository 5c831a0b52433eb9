"""This hub's SMP: the signed answers about the parties it hosts (a read-only use case).

Every Peppol party of an enabled account is published with the ordering document types
of ``smp_documents.RECEIVED``, at this hub's AS4 endpoint (``{ORDEX_PUBLIC_URL}/as4``)
with its AP certificate. A participant that is not hosted here, or a document type it
does not receive, is ``PartyNotFound`` (404): an SMP tells nothing about anyone else.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.serialization import Encoding

from ordex.domain.content import PartyId
from ordex.domain.errors import InvalidPartyId, PartyNotFound
from ordex.network.ports import DOCUMENT_TYPE_SCHEME, PeppolSettings
from ordex.network.signing import XmlSigner
from ordex.network.smp_documents import (
    BY_DOCUMENT_TYPE,
    RECEIVED,
    PublishedEndpoint,
    service_group,
    service_metadata,
)
from ordex.peppol.identifiers import parse_party_id
from ordex.services.context import Context


@dataclass(frozen=True)
class SmpPublisher:
    ctx: Context
    signer: XmlSigner

    @classmethod
    def from_settings(cls, ctx: Context, peppol: PeppolSettings) -> SmpPublisher:
        """Reads the AP key and certificate; ``ValueError`` when they do not fit."""
        signer = XmlSigner(peppol.ap_key.read_bytes(), peppol.ap_certificate.read_bytes())
        return cls(ctx, signer)

    def hosted(self, participant: str) -> PartyId:
        """The party ``participant`` names (``iso6523-actorid-upis::0088:...`` or
        ``0088:...``) when an enabled account of this hub owns it."""
        try:
            party = parse_party_id(participant)
        except InvalidPartyId:
            party = None
        if party is not None:
            with self.ctx.read() as uow:
                owner = uow.accounts.owner_of(party)
                account = uow.accounts.get(owner) if owner is not None else None
            if account is not None and not account.disabled:
                return party
        raise PartyNotFound(f"Participant {participant} is not registered at this SMP.")

    def service_group(self, participant: str, smp_url: str) -> bytes:
        party = self.hosted(participant)
        return service_group(party, smp_url, [service.document_type for service in RECEIVED])

    def service_metadata(self, participant: str, document_type: str, as4_url: str) -> bytes:
        party = self.hosted(participant)
        scheme, separator, value = document_type.partition("::")
        if separator and scheme.lower() != DOCUMENT_TYPE_SCHEME:
            value = ""
        service = BY_DOCUMENT_TYPE.get(value if separator else document_type)
        if service is None:
            raise PartyNotFound(
                f"Participant {participant} does not receive document type {document_type} "
                "at this SMP."
            )
        endpoint = PublishedEndpoint(
            url=as4_url, certificate_der=self.signer.certificate.public_bytes(Encoding.DER)
        )
        return self.signer.sign(service_metadata(party, service, endpoint))
