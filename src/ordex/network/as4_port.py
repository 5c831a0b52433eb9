"""ordex's port around the ``as4`` library: Peppol AS4 user messages out and in, receipts.

Everything about signatures, encryption, compression and the SBDH is the library's; this
module chooses the Peppol profile, loads this access point's credentials, and turns the
library's objects into the plain values the rest of ordex stores:

- :func:`build_message`: a signed and encrypted user message (SBDH inside) for one
  business document, and the sending exchange as JSON (no private key) so that its receipt
  can be verified later, after a restart too (:func:`verify_receipt`).
- :func:`receive_message`: verify (trust policy: chain, validity, CN = eb:From), decrypt,
  decompress within the cap, read the SBDH; the result is :class:`Received` (payload,
  metadata and the signed receipt to answer) or :class:`Refused` (the ebMS error signal).
- :func:`refuse`: an ebMS error signal for a message the library accepted but ordex does
  not (hostile payload, not serviced, invalid document).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from as4 import (
    AS4InternalParty,
    AS4LocalPrivateKey,
    BaseAS4ReceiptableError,
    BaseProfileLevelException,
    ParticipantNotServicedError,
    ReceiptVerificationError,
    SecurityPolicy,
)
from as4.peppol import BusdoxDocidQnsDocumentIdentifier as DocumentIdentifier
from as4.peppol import (
    PeppolAS4MessageBuilderArgs,
    PeppolAS4Profile,
    PeppolNotServicedException,
    PeppolSBDHException,
    PeppolSendingExchange,
    create_peppol_external_party,
    create_peppol_internal_party,
    parse_peppol_message,
)
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from cryptography.x509.oid import NameOID
from lxml import etree

from ordex.network.ports import PeppolSettings
from ordex.network.trust import MAXIMUM_DECOMPRESSED_BYTES, security_policy

log = logging.getLogger("ordex.network")

SBDH_NS = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"

__all__ = [
    "AccessPoint",
    "OutgoingMessage",
    "ParticipantNotServicedError",
    "PeppolNotServicedException",
    "PeppolSBDHException",
    "ReceiptRefused",
    "Received",
    "Refused",
    "build_message",
    "receive_message",
    "refuse",
    "seat_id_of",
    "verify_receipt",
]


def seat_id_of(certificate: x509.Certificate) -> str:
    """The access point's seat ID: its certificate's subject CN."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if not names:
        raise ValueError("the access point certificate has no subject CN (the seat ID)")
    return str(names[0].value)


@dataclass(frozen=True)
class AccessPoint:
    """This hub as an access point: its seat ID, credentials and the trust it applies."""

    seat_id: str
    certificate: x509.Certificate
    party: AS4InternalParty
    policy: SecurityPolicy

    @classmethod
    def create(
        cls,
        certificate: x509.Certificate,
        key: RSAPrivateKey,
        policy: SecurityPolicy,
    ) -> AccessPoint:
        seat_id = seat_id_of(certificate)
        party = create_peppol_internal_party(seat_id, certificate, AS4LocalPrivateKey(key))
        return cls(seat_id, certificate, party, policy)

    @classmethod
    def load(
        cls,
        certificate: Path,
        key: Path,
        trust: str,
        maximum_decompressed_bytes: int = MAXIMUM_DECOMPRESSED_BYTES,
    ) -> AccessPoint:
        """From PEM files; raises ``ValueError`` naming the setting that is wrong."""
        try:
            loaded = x509.load_pem_x509_certificates(certificate.read_bytes())[0]
        except (OSError, ValueError) as exc:
            raise ValueError(f"ORDEX_PEPPOL_AP_CERT: cannot read {certificate}: {exc}") from exc
        try:
            private = load_pem_private_key(key.read_bytes(), password=None)
        except (OSError, ValueError, TypeError) as exc:
            raise ValueError(f"ORDEX_PEPPOL_AP_KEY: cannot read {key}: {exc}") from exc
        if not isinstance(private, RSAPrivateKey):
            raise ValueError("ORDEX_PEPPOL_AP_KEY: the Peppol PKI uses RSA keys")
        if private.public_key() != loaded.public_key():
            raise ValueError("ORDEX_PEPPOL_AP_KEY is not the key of ORDEX_PEPPOL_AP_CERT")
        policy = security_policy(trust, maximum_decompressed_bytes=maximum_decompressed_bytes)
        return cls.create(loaded, private, policy)

    @classmethod
    def from_settings(cls, settings: PeppolSettings, maximum_bytes: int) -> AccessPoint:
        return cls.load(settings.ap_certificate, settings.ap_key, settings.trust, maximum_bytes)


@dataclass(frozen=True)
class OutgoingMessage:
    message_id: str
    headers: dict[str, str]
    body: bytes
    exchange: str
    """The sending exchange as JSON (without the private key), for :func:`verify_receipt`."""
    receiver_seat_id: str


def build_message(
    ap: AccessPoint,
    *,
    receiver_certificate: bytes,
    payload: bytes,
    sender: str,
    receiver: str,
    document_type: str,
    process: str,
    country: str,
    instance_id: str | None = None,
) -> OutgoingMessage:
    """A signed and encrypted Peppol AS4 user message carrying ``payload`` in an SBDH.

    ``sender``/``receiver`` are participant IDs (``0088:7300010000001``), ``document_type``
    the busdox-docid-qns value, ``process`` the cenbii-procid-ubl value, ``country`` C1's
    ISO 3166 code; ``receiver_certificate`` the receiving AP's certificate (PEM, from its
    SMP). Raises ``ValueError`` when an argument cannot be used."""
    remote_certificate = x509.load_pem_x509_certificate(receiver_certificate)
    receiver_seat_id = seat_id_of(remote_certificate)
    remote = create_peppol_external_party(receiver_seat_id, remote_certificate)
    exchange = PeppolSendingExchange(
        profile=PeppolAS4Profile, local_party=ap.party, remote_party=remote
    )
    arguments = PeppolAS4MessageBuilderArgs(
        sender=sender,
        recipient=receiver,
        document_type_identifier=DocumentIdentifier.from_identifier_value(document_type),
        document_identification_instance_identifier=instance_id or exchange.message_id,
        process_identifier=process,
        c1_country_id=country,
    )
    headers, body = exchange.build(payload, arguments)
    exchange.mark_sent()
    return OutgoingMessage(
        message_id=exchange.message_id,
        headers=dict(headers),
        body=body,
        exchange=exchange.model_dump_json(exclude={"message"}),
        receiver_seat_id=receiver_seat_id,
    )


class ReceiptRefused(Exception):
    """The answer to a sent message proves no delivery: an ebMS error (``rejected``: the
    receiving AP refused the message, final) or a signal that does not verify."""

    def __init__(self, message: str, *, rejected: bool, code: str | None = None) -> None:
        super().__init__(message)
        self.rejected = rejected
        self.code = code


def verify_receipt(ap: AccessPoint, exchange: str, signal: bytes) -> str:
    """Check the signal answering the message of ``exchange`` (JSON from
    :func:`build_message`): signed by the receiving AP, about this message, acknowledging
    every digest that was signed (non-repudiation). Returns the receipt's own MessageId;
    raises :class:`ReceiptRefused`."""
    restored = PeppolSendingExchange.restore(exchange, ap.party)
    try:
        restored.receive_signal(signal)
    except ReceiptVerificationError as exc:
        raise ReceiptRefused(f"the receipt does not verify: {exc}", rejected=False) from exc
    except (ValueError, etree.LxmlError) as exc:
        raise ReceiptRefused(f"the answer is not an ebMS signal: {exc}", rejected=False) from exc
    error = restored.error
    if error is not None:
        code = getattr(error, "error_code", None)
        detail = getattr(getattr(error, "error_detail", None), "value", None) or ""
        short = getattr(error, "short_description", None) or ""
        raise ReceiptRefused(
            f"the receiving access point refused the message: {code} {short} {detail}".strip(),
            rejected=True,
            code=code,
        )
    receipt = restored.receipt
    signal_message = (
        receipt.soap_envelope.header.messaging.signal_message
        if receipt is not None and receipt.soap_envelope is not None
        else None
    )
    return signal_message.message_info.message_id.value if signal_message else ""


@dataclass(frozen=True)
class Received:
    """A user message that verified: who sent what to whom, and the receipt to answer."""

    message_id: str
    messaging_id: str
    sender_ap: str
    sender: str
    receiver: str
    document_type: str
    process: str
    sbd: bytes
    """The whole Standard Business Document (SBDH + the business document), decompressed."""
    signal: bytes
    signal_headers: dict[str, str]


@dataclass(frozen=True)
class Refused:
    """A user message that did not verify or is not accepted: the ebMS error to answer."""

    message_id: str
    code: str
    detail: str
    signal: bytes
    signal_headers: dict[str, str]


Acceptor = Callable[[str], None]
"""Called with the SBDH receiver; raises ``ParticipantNotServicedError`` if not hosted."""


def receive_message(
    ap: AccessPoint, content_type: str, body: bytes, accept: Acceptor | None = None
) -> Received | Refused:
    """Verify, decrypt, decompress (within the policy's cap) and read one AS4 message."""
    headers = {"Content-Type": content_type}
    try:
        exchange = parse_peppol_message(headers, body, ap.party, accept, ap.policy)
    except BaseAS4ReceiptableError as exc:  # (the library answers these itself; belt and braces)
        return _refusal(ap, "", "", exc)
    message = exchange.message
    signal_headers, signal = exchange.build_signal()
    if not exchange.successful or message is None:
        error = message.parse_error if message is not None else None
        return Refused(
            message_id=exchange.message_id,
            code=error.error_code if error else "EBMS:0004",
            detail=error.detail if error else "the message could not be read",
            signal=signal,
            signal_headers=dict(signal_headers),
        )
    if message.addressed_to is not None and message.addressed_to.party_id != ap.seat_id:
        return _refusal(
            ap,
            message.message_id,
            message.messaging_id,
            PeppolSBDHException(
                detail=f"eb:To names {message.addressed_to.party_id!r}, not this access "
                f"point ({ap.seat_id})"
            ),
        )
    payload = next(iter(message.decrypted_data.values()))
    remote = exchange.remote_party
    return Received(
        message_id=message.message_id,
        messaging_id=message.messaging_id,
        sender_ap=remote.identity.party_id if remote is not None else "",
        sender=message.sender or "",
        receiver=message.recipient or "",
        document_type=message.document_type_identifier_value or "",
        process=message.process_identifier or "",
        sbd=payload,
        signal=signal,
        signal_headers=dict(signal_headers),
    )


def refuse(ap: AccessPoint, received: Received, error: BaseAS4ReceiptableError) -> Refused:
    """The signed ebMS error answering ``received`` (instead of its receipt)."""
    return _refusal(ap, received.message_id, received.messaging_id, error)


def not_serviced(ap: AccessPoint, received: Received) -> Refused:
    return refuse(ap, received, PeppolNotServicedException())


class DocumentRefused(BaseProfileLevelException):  # type: ignore[misc]
    """EBMS:0004 (Other): the message is sound, the business document in it is not."""

    description = "The business document in the message was not accepted"


def rejected(ap: AccessPoint, received: Received, detail: str) -> Refused:
    """EBMS:0004 (Other) with ``detail``: the message is sound, its document is not."""
    return refuse(ap, received, DocumentRefused(detail=detail))


def _refusal(
    ap: AccessPoint, message_id: str, messaging_id: str, error: BaseAS4ReceiptableError
) -> Refused:
    receipt = PeppolAS4Profile.receipt_class().create_error_signal_from_exception(
        exception=error,
        local_party=ap.party,
        referenced_message_id=message_id,
        referenced_messaging_id=messaging_id,
    )
    headers, signal = receipt.get_request_data()
    return Refused(message_id, error.error_code, error.detail, signal, dict(headers))


def business_document(sbd: etree._Element) -> etree._Element:
    """The business document inside a parsed Standard Business Document."""
    for child in sbd:
        if isinstance(child.tag, str) and etree.QName(child).namespace != SBDH_NS:
            return child
    raise ValueError("the Standard Business Document carries no business document")
