"""``ordex peppol dev-pki`` and ``ORDEX_PEPPOL_TRUST``: the test PKI chains the way the
Peppol PKI does, and the trust setting accepts exactly what chains to its anchors."""

from __future__ import annotations

from pathlib import Path

import pytest
from as4 import AS4PartyIdentity, UntrustedSignerError
from as4.peppol import PEPPOL_PROD_SECURITY_POLICY, PEPPOL_TEST_SECURITY_POLICY
from cryptography import x509
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from cryptography.x509.oid import NameOID
from typer.testing import CliRunner

from ordex.cli import app
from ordex.network.pki import DevPki
from ordex.network.trust import security_policy

PEPPOL_AP = "urn:fdc:peppol.eu:2017:identifiers:ap"


def _sender(seat_id: str):
    return AS4PartyIdentity(party_id=seat_id, party_type=PEPPOL_AP).to_party_from()


def test_dev_pki_writes_a_trust_bundle_and_one_certificate_and_key_per_access_point(
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(
        app, ["peppol", "dev-pki", str(tmp_path), "--ap", "POP000001", "--ap", "POP000002"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "POP000001.key",
        "POP000001.pem",
        "POP000002.key",
        "POP000002.pem",
        "trust.pem",
    ]
    root, ap_ca = x509.load_pem_x509_certificates((tmp_path / "trust.pem").read_bytes())
    assert root.subject == root.issuer
    ap_ca.verify_directly_issued_by(root)
    for seat_id in ("POP000001", "POP000002"):
        certificate = x509.load_pem_x509_certificate((tmp_path / f"{seat_id}.pem").read_bytes())
        certificate.verify_directly_issued_by(ap_ca)
        [cn] = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        assert cn.value == seat_id
        key = load_pem_private_key((tmp_path / f"{seat_id}.key").read_bytes(), None)
        assert key.public_key() == certificate.public_key()
        assert (tmp_path / f"{seat_id}.key").stat().st_mode & 0o077 == 0
    # the trust bundle accepts what the PKI issued, for the seat ID it names
    policy = security_policy(str(tmp_path / "trust.pem"))
    certificate = x509.load_pem_x509_certificate((tmp_path / "POP000001.pem").read_bytes())
    assert policy.signer_resolver(_sender("POP000001"), certificate) == certificate
    with pytest.raises(UntrustedSignerError, match="POP000002"):
        policy.signer_resolver(_sender("POP000002"), certificate)


def test_dev_pki_refuses_a_name_that_is_not_a_seat_id(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["peppol", "dev-pki", str(tmp_path), "--ap", "../evil"])
    assert result.exit_code == 2
    assert "not a seat ID" in result.output
    assert not list(tmp_path.iterdir())


def test_a_certificate_from_another_pki_is_not_trusted_by_a_dev_bundle(tmp_path: Path) -> None:
    ours, theirs = DevPki.create(), DevPki.create()
    (tmp_path / "trust.pem").write_bytes(ours.trust_pem)
    policy = security_policy(str(tmp_path / "trust.pem"))
    stranger = theirs.access_point("POP000001").certificate
    with pytest.raises(UntrustedSignerError, match="does not chain"):
        policy.signer_resolver(_sender("POP000001"), stranger)


def test_prod_and_test_name_the_peppol_pkis_and_a_bad_path_names_the_setting(
    tmp_path: Path,
) -> None:
    assert security_policy("prod").signer_resolver is PEPPOL_PROD_SECURITY_POLICY.signer_resolver
    assert security_policy("test").signer_resolver is PEPPOL_TEST_SECURITY_POLICY.signer_resolver
    with pytest.raises(ValueError, match="ORDEX_PEPPOL_TRUST"):
        security_policy(str(tmp_path / "missing.pem"))
    (tmp_path / "leaf.pem").write_bytes(DevPki.create().access_point("X1").certificate_pem)
    with pytest.raises(ValueError, match="no self-signed"):
        security_policy(str(tmp_path / "leaf.pem"))
