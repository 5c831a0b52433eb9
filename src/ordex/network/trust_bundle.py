"""``ORDEX_PEPPOL_TRUST`` for SMP answers: the certificates an SMP signature must chain to.

``prod`` and ``test`` are the OpenPeppol G3 root and **SMP** CA of that PKI (an SMP signs
with a certificate of the SMP CA, an access point's AS4 messages with one of the AP CA:
``network.trust`` is the AS4 side's policy). Any other value is the path of a PEM bundle
(the dev PKI's ``trust.pem``, or a private network's CAs): each of its certificates is
trusted as an issuer.
"""

from __future__ import annotations

from pathlib import Path

from as4.profiles.peppol.pki import (
    PEPPOL_ROOT_CA_G3,
    PEPPOL_ROOT_TEST_CA_G3,
    PEPPOL_SMP_CA_G3,
    PEPPOL_SMP_TEST_CA_G3,
)
from cryptography import x509

from ordex.network.signing import load_certificates

NAMED: dict[str, tuple[x509.Certificate, ...]] = {
    "prod": (PEPPOL_ROOT_CA_G3, PEPPOL_SMP_CA_G3),
    "test": (PEPPOL_ROOT_TEST_CA_G3, PEPPOL_SMP_TEST_CA_G3),
}


def trusted_certificates(setting: str) -> list[x509.Certificate]:
    """The trusted CA certificates of ``setting``; ``ValueError`` says what is wrong."""
    if setting in NAMED:
        return list(NAMED[setting])
    path = Path(setting)
    try:
        certificates = load_certificates(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise ValueError(f"ORDEX_PEPPOL_TRUST: cannot read a PEM bundle at {path}: {exc}") from exc
    if not certificates:
        raise ValueError(f"ORDEX_PEPPOL_TRUST: {path} holds no certificate")
    return certificates
