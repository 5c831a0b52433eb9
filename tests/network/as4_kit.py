"""A dev PKI, access points and message forgers for the AS4 tests (real crypto, no fakes)."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from as4.peppol import peppol_security_policy

from ordex.network.as4_port import AccessPoint, OutgoingMessage, build_message
from ordex.network.pki import DevPki, Issued

ORDER_TYPE = (
    "urn:oasis:names:specification:ubl:schema:xsd:Order-2::Order"
    "##urn:fdc:peppol.eu:poacc:trns:order:3::2.1"
)
PROCESS = "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3"
SMALL_ORDER = (
    b'<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>'
)


@dataclass
class Kit:
    pki: DevPki
    sender: Issued
    receiver: Issued

    def access_point(self, issued: Issued, seat_id: str | None = None, **kw: int) -> AccessPoint:
        policy = peppol_security_policy(
            self.pki.root.certificate, intermediates=[self.pki.ap_ca.certificate]
        )
        if "maximum" in kw:
            policy = policy.model_copy(update={"maximum_decompressed_size": kw["maximum"]})
        ap = AccessPoint.create(issued.certificate, issued.key, policy)
        if seat_id is not None:  # a party that claims another seat ID than its CN
            from as4.peppol import create_peppol_internal_party

            ap = AccessPoint(
                seat_id,
                ap.certificate,
                create_peppol_internal_party(
                    seat_id, ap.certificate, ap.party.credentials.private_key
                ),
                policy,
            )
        return ap

    def message(
        self,
        sender: AccessPoint | None = None,
        payload: bytes = SMALL_ORDER,
        receiver_certificate: bytes | None = None,
        sender_id: str = "0088:7300010000001",
        receiver_id: str = "0088:7300010000002",
        document_type: str = ORDER_TYPE,
    ) -> OutgoingMessage:
        return build_message(
            sender or self.access_point(self.sender),
            receiver_certificate=receiver_certificate or self.receiver.certificate_pem,
            payload=payload,
            sender=sender_id,
            receiver=receiver_id,
            document_type=document_type,
            process=PROCESS,
            country="BE",
        )


def make_kit() -> Kit:
    pki = DevPki.create()
    return Kit(pki, pki.access_point("POP000001"), pki.access_point("POP000002"))


def expired(pki: DevPki, seat_id: str) -> Issued:
    now = datetime.now(UTC)
    return pki.access_point(
        seat_id, not_before=now - timedelta(days=400), not_after=now - timedelta(days=1)
    )


def content_type(message: OutgoingMessage) -> str:
    return message.headers["Content-Type"]


def tampered(body: bytes, old: bytes, new: bytes) -> bytes:
    assert old in body
    return body.replace(old, new, 1)


def unsigned(body: bytes) -> bytes:
    stripped, n = re.subn(rb"<(\w+):Signature\b.*?</\1:Signature>", b"", body, flags=re.S)
    assert n == 1
    return stripped


@contextmanager
def sbd_rewritten(rewrite) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """While active, the library compresses ``rewrite(sbd)`` instead of the SBD it built:
    a hostile sender (the signature then covers what it sent)."""
    from as4.profiles.peppol import message as module

    class Gzip:
        @staticmethod
        def compress(data: bytes) -> bytes:
            return gzip.compress(rewrite(data), compresslevel=1)

        decompress = staticmethod(gzip.decompress)

    real = module.gzip
    module.gzip = Gzip  # type: ignore[assignment]
    try:
        yield
    finally:
        module.gzip = real
