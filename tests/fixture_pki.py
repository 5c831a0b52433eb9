"""The test PKI in the Peppol shape (root CA -> AP CA -> AP certificates), made once per
test session with ordex's own dev PKI (``ordex.network.pki``); plus a stranger's
certificate from a root that nobody trusts."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ordex.network import pki as dev


@dataclass(frozen=True)
class Issued(dev.Issued):
    """A certificate and key, with what the tests need to write and sign with them."""

    @classmethod
    def of(cls, issued: dev.Issued) -> Issued:
        return cls(issued.certificate, issued.key)

    @property
    def pem(self) -> bytes:
        return self.certificate_pem

    def write(self, directory: Path, name: str) -> tuple[Path, Path]:
        cert, key = directory / f"{name}.pem", directory / f"{name}.key"
        cert.write_bytes(self.pem)
        key.write_bytes(self.key_pem)
        return cert, key


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
    made = dev.DevPki.create()
    return Pki(
        root=Issued.of(made.root),
        ap_ca=Issued.of(made.ap_ca),
        hub_a=Issued.of(made.access_point("PXX000001")),
        hub_b=Issued.of(made.access_point("PXX000002")),
    )


@functools.cache
def stranger() -> Issued:
    """An AP certificate from a CA that nobody trusts (same shape, other root)."""
    return Issued.of(dev.DevPki.create().access_point("PXX666666"))
