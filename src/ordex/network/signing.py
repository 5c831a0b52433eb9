"""Enveloped XML signatures of SMP answers (signxml), made and checked.

The SMP signs each ``SignedServiceMetadata`` with this hub's key (RSA-SHA256, SHA-256
digests, inclusive C14N, ``Reference URI=""`` with the enveloped transform, the signing
certificate and any chain certificates of its PEM file in ``KeyInfo/X509Data``). A lookup
accepts an answer only when its signature holds and the signing certificate chains, at
the time of the lookup, to one of the trusted certificates; it then reads only what the
signature covered (``verified``), never the document as received.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, load_pem_private_key
from lxml import etree
from signxml import (  # type: ignore[attr-defined]
    CanonicalizationMethod,
    DigestAlgorithm,
    SignatureConfiguration,
    SignatureMethod,
    XMLSigner,
    XMLVerifier,
)
from signxml.exceptions import InvalidInput, SignXMLException
from signxml.util import X509CertChainVerifier

SIGNATURE_METHOD = SignatureMethod.RSA_SHA256
DIGEST = DigestAlgorithm.SHA256
C14N = CanonicalizationMethod.CANONICAL_XML_1_0


class SignatureRejected(Exception):
    """Unsigned, badly signed, or signed by a certificate that is not trusted now."""


def load_certificates(pem: bytes) -> list[x509.Certificate]:
    """Every certificate of a PEM file, in order (the first is the leaf)."""
    try:
        certificates = x509.load_pem_x509_certificates(pem)
    except ValueError as exc:
        raise ValueError(f"not a PEM certificate file: {exc}") from exc
    return certificates


class XmlSigner:
    """Signs with one key and its certificate (and the chain that follows it in the PEM)."""

    def __init__(self, key_pem: bytes, certificate_pem: bytes) -> None:
        key = load_pem_private_key(key_pem, password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ValueError("the AP key must be an RSA key (Peppol certificates are RSA)")
        self.key = key
        self.chain = load_certificates(certificate_pem)
        if not self.chain:
            raise ValueError("the certificate file holds no certificate")
        if self.chain[0].public_key() != self.key.public_key():
            raise ValueError("the certificate does not belong to the key")
        self._pems = [c.public_bytes(Encoding.PEM).decode() for c in self.chain]

    @property
    def certificate(self) -> x509.Certificate:
        return self.chain[0]

    def sign(self, root: etree._Element) -> bytes:
        """``root`` with an enveloped ``ds:Signature`` appended, serialised."""
        signer = XMLSigner(
            signature_algorithm=SIGNATURE_METHOD, digest_algorithm=DIGEST, c14n_algorithm=C14N
        )
        signed = signer.sign(root, key=self.key, cert=self._pems)
        return bytes(etree.tostring(signed, xml_declaration=True, encoding="UTF-8"))


class _ChainVerifier(X509CertChainVerifier):
    """signxml's chain check with the trusted certificates in memory (not a CA file), and
    a CA policy that asks only for a CA basic constraint (Peppol CAs are not web PKI)."""

    def __init__(self, anchors: Sequence[x509.Certificate], when: datetime) -> None:
        self.anchors = list(anchors)
        super().__init__(  # type: ignore[no-untyped-call]
            ca_pem_file="<in memory>",
            verification_time=when,
            ca_policy=x509.verification.ExtensionPolicy.permit_all().require_present(
                x509.BasicConstraints, x509.verification.Criticality.AGNOSTIC, _must_be_ca
            ),
        )

    @property
    def store(self) -> x509.verification.Store:
        return x509.verification.Store(self.anchors)


def _must_be_ca(policy: Any, certificate: Any, constraints: x509.BasicConstraints) -> None:
    if not constraints.ca:
        raise ValueError("an issuing certificate is not a CA")


class _Verifier(XMLVerifier):
    def __init__(self, anchors: Sequence[x509.Certificate], when: datetime) -> None:
        super().__init__()
        self.anchors = anchors
        self.when = when

    def get_cert_chain_verifier(self, ca_pem_file: Any, ee_policy: Any, ca_policy: Any) -> Any:
        return _ChainVerifier(self.anchors, self.when)


def verified(root: etree._Element, anchors: Sequence[x509.Certificate], when: datetime) -> Any:
    """What the enveloped signature of ``root`` covers (the root without its signature),
    checked against ``anchors`` at ``when``; raises ``SignatureRejected``."""
    if not anchors:
        raise SignatureRejected("no trusted certificates are configured")
    if root.find("{http://www.w3.org/2000/09/xmldsig#}Signature") is None:
        raise SignatureRejected("the answer is not signed")
    config = SignatureConfiguration(
        require_x509=True,
        expect_references=1,
        signature_methods=frozenset({SIGNATURE_METHOD, SignatureMethod.RSA_SHA512}),
        digest_algorithms=frozenset({DIGEST, DigestAlgorithm.SHA512}),
        verification_time=when,
    )
    try:
        result = _Verifier(anchors, when).verify(root, expect_config=config)
    except (SignXMLException, InvalidInput, ValueError) as exc:
        raise SignatureRejected(str(exc) or type(exc).__name__) from exc
    if isinstance(result, list):  # pragma: no cover - one reference is expected above
        raise SignatureRejected("the answer has more than one signed reference")
    return result.signed_xml
