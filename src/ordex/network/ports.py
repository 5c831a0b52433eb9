"""The ports of the access point: what the rest of ordex needs from the Peppol network.

``Directory`` answers "where does this participant receive this document type?" (the SML
and SMP lookup, or one fixed SMP with ``ORDEX_PEPPOL_SMP_URL``). ``PeppolSettings`` is the
operator's configuration; ``PeppolSettings.from_env`` is ``None`` when no AP certificate is
configured, and ordex then works as a local hub only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from ordex.domain.content import PartyId

AS4_TRANSPORT_PROFILE = "peppol-transport-as4-v2_0"
PARTICIPANT_SCHEME = "iso6523-actorid-upis"
DOCUMENT_TYPE_SCHEME = "busdox-docid-qns"
PROCESS_SCHEME = "cenbii-procid-ubl"

SML_DOMAINS = {
    "prod": "participant.sml.prod.tech.peppol.org",
    "test": "participant.sml.test.tech.peppol.org",
}
"""The SML lookup zones OpenPeppol runs since its SML insourcing (2026; the former DG DIGIT
zones ``edelivery.tech.ec.europa.eu`` and ``acc.edelivery.tech.ec.europa.eu`` can still be
given as ``ORDEX_PEPPOL_SML``)."""


@dataclass(frozen=True)
class Endpoint:
    """Where and to whom a document for one participant goes: the receiving access
    point's AS4 URL and its certificate (PEM), as its SMP published them."""

    url: str
    certificate_pem: bytes
    transport_profile: str = AS4_TRANSPORT_PROFILE


class LookupProblem(StrEnum):
    NOT_REGISTERED = "not_registered"  # no SML record / the SMP does not know the participant
    NOT_SERVICED = "not_serviced"  # known, but not for this document type and process
    UNTRUSTED = "untrusted"  # the SMP answer is unsigned, badly signed or by an untrusted cert
    UNREACHABLE = "unreachable"  # DNS or the SMP did not answer (worth retrying later)
    INVALID = "invalid"  # the SMP answered something that is not SMP XML


class LookupFailed(Exception):
    """The lookup gave no usable endpoint; ``problem`` says why, ``str()`` says what."""

    def __init__(self, problem: LookupProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


class Directory(Protocol):
    def lookup(self, participant: PartyId, document_type: str, process: str) -> Endpoint:
        """The AS4 endpoint at which ``participant`` receives ``document_type`` (the
        busdox-docid-qns value) in ``process`` (the cenbii-procid-ubl value); raises
        ``LookupFailed``."""
        ...


@dataclass(frozen=True)
class PeppolSettings:
    """``ORDEX_PEPPOL_*``: this hub as a Peppol access point."""

    ap_certificate: Path
    """``ORDEX_PEPPOL_AP_CERT``: the AP certificate (PEM); its subject CN is the seat ID."""
    ap_key: Path
    """``ORDEX_PEPPOL_AP_KEY``: its private key (PEM, unencrypted)."""
    trust: str = "prod"
    """``ORDEX_PEPPOL_TRUST``: ``prod`` (OpenPeppol production PKI), ``test`` (Peppol test
    PKI) or the path of a PEM bundle of trusted CA certificates."""
    sml: str = "prod"
    """``ORDEX_PEPPOL_SML``: ``prod``, ``test`` or the DNS domain of another SML."""
    smp_url: str | None = None
    """``ORDEX_PEPPOL_SMP_URL``: look every participant up at this one SMP, without DNS
    (private networks and tests)."""

    @property
    def sml_domain(self) -> str:
        return SML_DOMAINS.get(self.sml, self.sml)

    @classmethod
    def from_env(cls) -> PeppolSettings | None:
        env = os.environ
        certificate = (env.get("ORDEX_PEPPOL_AP_CERT") or "").strip()
        if not certificate:
            return None
        key = (env.get("ORDEX_PEPPOL_AP_KEY") or "").strip()
        if not key:
            raise ValueError("ORDEX_PEPPOL_AP_CERT is set but ORDEX_PEPPOL_AP_KEY is not")
        return cls(
            ap_certificate=Path(certificate),
            ap_key=Path(key),
            trust=(env.get("ORDEX_PEPPOL_TRUST") or "prod").strip(),
            sml=(env.get("ORDEX_PEPPOL_SML") or "prod").strip(),
            smp_url=(env.get("ORDEX_PEPPOL_SMP_URL") or "").strip().rstrip("/") or None,
        )
