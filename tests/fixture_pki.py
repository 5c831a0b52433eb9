"""A tiny test PKI in the Peppol shape (root CA -> AP CA -> AP certificates), made with
``cryptography`` once per test session; keys are 2048-bit RSA like Peppol's."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)
from cryptography.x509.oid import NameOID

NOW = datetime.now(UTC)


@dataclass(frozen=True)
class Issued:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    @property
    def key_pem(self) -> bytes:
        return self.key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(Encoding.PEM)

    def write(self, directory: Path, name: str) -> tuple[Path, Path]:
        cert, key = directory / f"{name}.pem", directory / f"{name}.key"
        cert.write_bytes(self.pem)
        key.write_bytes(self.key_pem)
        return cert, key


@functools.cache
def _key(index: int) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def issue(
    name: str,
    key_index: int,
    issuer: Issued | None = None,
    ca: bool = False,
    not_before: datetime = NOW - timedelta(days=1),
    not_after: datetime = NOW + timedelta(days=365),
) -> Issued:
    key = _key(key_index)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.certificate.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
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
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), False
        )
    signer = issuer.key if issuer else key
    return Issued(key, builder.sign(signer, hashes.SHA256()))


@dataclass(frozen=True)
class Pki:
    root: Issued
    ap_ca: Issued
    hub_a: Issued
    hub_b: Issued

    @property
    def trust_pem(self) -> bytes:
        return self.root.pem + self.ap_ca.pem


@functools.cache
def pki() -> Pki:
    root = issue("ordex test root CA", 0, ca=True)
    ap_ca = issue("ordex test AP CA", 1, issuer=root, ca=True)
    return Pki(
        root=root,
        ap_ca=ap_ca,
        hub_a=issue("PXX000001", 2, issuer=ap_ca),
        hub_b=issue("PXX000002", 3, issuer=ap_ca),
    )


@functools.cache
def stranger() -> Issued:
    """An AP certificate from a CA that nobody trusts (same shape, other root)."""
    root = issue("stranger root CA", 4, ca=True)
    return issue("PXX666666", 5, issuer=root)
