"""A throwaway test PKI in the Peppol shape, for trying two hubs on one machine and for tests.

Root CA → AP CA → one access point certificate per seat ID (subject CN = the seat ID, e.g.
``POP000001``), all RSA 2048 and SHA-256 like the Peppol PKI. ``write_dev_pki`` writes
``DIR/trust.pem`` (root + AP CA, what ``ORDEX_PEPPOL_TRUST`` takes), ``DIR/NAME.pem`` and
``DIR/NAME.key`` (what ``ORDEX_PEPPOL_AP_CERT`` and ``ORDEX_PEPPOL_AP_KEY`` take). Never use
it in production: the keys are written unencrypted.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

SEAT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
KEY_SIZE = 2048


@dataclass(frozen=True)
class Issued:
    """A certificate and its private key."""

    certificate: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    @property
    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ordex dev PKI"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def issue(
    common_name: str,
    issuer: Issued | None = None,
    *,
    ca: bool = False,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
) -> Issued:
    """A certificate for ``common_name`` signed by ``issuer`` (self-signed when ``None``)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    now = datetime.now(UTC)
    start = not_before or now - timedelta(days=1)
    end = not_after or now + timedelta(days=3650 if ca else 730)
    subject = _name(common_name)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.certificate.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=False,
                key_encipherment=not ca,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    signing_key = issuer.key if issuer else key
    return Issued(builder.sign(signing_key, hashes.SHA256()), key)


@dataclass(frozen=True)
class DevPki:
    root: Issued
    ap_ca: Issued

    @classmethod
    def create(cls) -> DevPki:
        root = issue("ordex dev Root CA", ca=True)
        return cls(root, issue("ordex dev Access Point CA", root, ca=True))

    @property
    def trust_pem(self) -> bytes:
        return self.root.certificate_pem + self.ap_ca.certificate_pem

    def access_point(
        self,
        seat_id: str,
        *,
        not_before: datetime | None = None,
        not_after: datetime | None = None,
    ) -> Issued:
        if not SEAT_ID.match(seat_id):
            raise ValueError(f"{seat_id!r} is not a seat ID (letters, digits, '_', '.', '-')")
        return issue(seat_id, self.ap_ca, not_before=not_before, not_after=not_after)


def write_dev_pki(directory: Path, seat_ids: Iterable[str]) -> list[Path]:
    """Write the PKI into ``directory`` (created if missing); returns the files written."""
    names = list(dict.fromkeys(seat_ids))
    if not names:
        raise ValueError("name at least one access point (--ap NAME)")
    for name in names:
        if not SEAT_ID.match(name):
            raise ValueError(f"{name!r} is not a seat ID (letters, digits, '_', '.', '-')")
    pki = DevPki.create()
    directory.mkdir(parents=True, exist_ok=True)
    trust = directory / "trust.pem"
    trust.write_bytes(pki.trust_pem)
    written = [trust]
    for name in names:
        issued = pki.access_point(name)
        certificate, key = directory / f"{name}.pem", directory / f"{name}.key"
        certificate.write_bytes(issued.certificate_pem)
        key.write_bytes(issued.key_pem)
        os.chmod(key, 0o600)
        written += [certificate, key]
    return written
