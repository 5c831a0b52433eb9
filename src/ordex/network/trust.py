"""``ORDEX_PEPPOL_TRUST`` → the ``as4`` library's ``SecurityPolicy`` for incoming AS4 messages.

``prod`` trusts the OpenPeppol production PKI (G3 root and AP CA), ``test`` the Peppol test
PKI, and any other value is the path of a PEM bundle: its self-signed certificates are the
trust anchors, the others intermediates (``ordex peppol dev-pki`` writes such a bundle). In
every case the signing certificate must chain to an anchor, be within its validity period,
and name the sending access point (eb:From PartyId) as its subject CN.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from as4 import SecurityPolicy
from as4.peppol import (
    PEPPOL_PROD_SECURITY_POLICY,
    PEPPOL_TEST_SECURITY_POLICY,
    peppol_security_policy,
)
from cryptography import x509

MAXIMUM_DECOMPRESSED_BYTES = 10 * 1024 * 1024
"""The default cap on a decompressed payload (the library's own default is 1 GiB)."""


@dataclass(frozen=True)
class TrustBundle:
    anchors: tuple[x509.Certificate, ...]
    intermediates: tuple[x509.Certificate, ...]

    @classmethod
    def load(cls, path: Path) -> TrustBundle:
        try:
            certificates = x509.load_pem_x509_certificates(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise ValueError(
                f"ORDEX_PEPPOL_TRUST: cannot read a PEM bundle at {path}: {exc}"
            ) from exc
        anchors = tuple(c for c in certificates if c.issuer == c.subject)
        if not anchors:
            raise ValueError(f"ORDEX_PEPPOL_TRUST: {path} holds no self-signed (root) certificate")
        intermediates = tuple(c for c in certificates if c.issuer != c.subject)
        return cls(anchors, intermediates)


def security_policy(
    trust: str, *, maximum_decompressed_bytes: int = MAXIMUM_DECOMPRESSED_BYTES
) -> SecurityPolicy:
    """The policy for ``trust`` (``prod``, ``test`` or a PEM bundle path); raises
    ``ValueError`` naming the setting when the bundle cannot be used."""
    if trust == "prod":
        policy = PEPPOL_PROD_SECURITY_POLICY
    elif trust == "test":
        policy = PEPPOL_TEST_SECURITY_POLICY
    else:
        bundle = TrustBundle.load(Path(trust))
        policy = peppol_security_policy(*bundle.anchors, intermediates=bundle.intermediates)
    return policy.model_copy(update={"maximum_decompressed_size": maximum_decompressed_bytes})
