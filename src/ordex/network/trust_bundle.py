"""``ORDEX_PEPPOL_TRUST``: the certificates an SMP signature must chain to.

A PEM bundle path (the dev PKI's ``trust.pem``, or an operator's copy of the OpenPeppol
root and intermediate CAs) is read here. ``prod`` and ``test`` name the OpenPeppol PKIs,
whose certificates ship with the AS4 side's trust loader (``network.trust``); this small
loader asks for a bundle path instead, and is meant to give way to that one.
"""

from __future__ import annotations

from pathlib import Path

from cryptography import x509

from ordex.network.signing import load_certificates


def trusted_certificates(setting: str) -> list[x509.Certificate]:
    """The trusted CA certificates of ``setting``; ``ValueError`` says what is wrong."""
    if setting in ("prod", "test"):
        raise ValueError(
            f"ORDEX_PEPPOL_TRUST={setting}: the OpenPeppol {setting} certificates are not "
            "in this build; give the path of a PEM bundle of trusted CA certificates"
        )
    path = Path(setting)
    if not path.is_file():
        raise ValueError(f"ORDEX_PEPPOL_TRUST={setting}: no such PEM file")
    certificates = load_certificates(path.read_bytes())
    if not certificates:
        raise ValueError(f"ORDEX_PEPPOL_TRUST={setting}: the file holds no certificate")
    return certificates
