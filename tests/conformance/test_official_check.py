"""The official verdict beside the native one.

``ordex validate --schematron DIR`` prints both and any disagreement; with
``ORDEX_SCHEMATRON_DIR`` the server runs the official XSLT beside the native rules on
every document it receives or renders, and refuses what the official rules refuse or
what the two disagree on. A "stricter release" (a copy of the official XSLT in which
PEPPOL-T01-R034 fails every Order) stands for official rules ordex does not know yet.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner, Result

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.cli import app
from ordex.config import Settings
from ordex.peppol import crosscheck, schematron
from ordex.peppol.crosscheck import CrossCheck
from ordex.peppol.identifiers import parse_party_id
from ordex.peppol.schematron import SchematronUnavailable
from ordex.services.accounts import create_account
from tests.conformance.shared import peppol_shared
from tests.unit.fakes import FakeClock

pytestmark = pytest.mark.shared

BUYER, SELLER = "0088:7300010000001", "0088:7302347231110"
runner = CliRunner()
R034 = "starts-with(normalize-space(.), 'urn:fdc:peppol.eu:poacc:trns:order:3')"


@pytest.fixture(scope="module")
def xslt_dir() -> Path:
    return peppol_shared() / "schematron" / "release-2026.5" / "xslt"


@pytest.fixture(scope="module")
def order() -> bytes:
    sc1 = (
        peppol_shared() / "examples" / "openpeppol" / "advanced-ordering" / "advanced_ordering_sc1"
    )
    return (sc1 / "Order_sc1.xml").read_bytes()


def stricter_release(xslt_dir: Path, tmp_path: Path) -> Path:
    """A copy of the official XSLT whose T01 rules fail PEPPOL-T01-R034 on every Order."""
    stricter = tmp_path / "xslt"
    shutil.copytree(xslt_dir, stricter)
    t01 = stricter / "PEPPOLBIS-T01.xslt"
    t01.chmod(0o644)
    text = t01.read_text(encoding="utf-8")
    assert text.count(f'<xsl:when test="{R034}" />') == 1
    t01.write_text(text.replace(f'<xsl:when test="{R034}" />', '<xsl:when test="false()" />'))
    return stricter


# --- ordex validate --schematron --------------------------------------------------------


def validate(*args: str | Path) -> Result:
    return runner.invoke(app, ["validate", *map(str, args)])


def test_validate_with_the_official_rules_prints_both_verdicts_and_their_agreement(
    tmp_path: Path, xslt_dir: Path, order: bytes
) -> None:
    good = tmp_path / "order.xml"
    good.write_bytes(order)
    result = validate(good, "--schematron", xslt_dir)
    assert result.exit_code == 0, result.output
    assert "T01 valid" in result.output and "PEPPOLBIS-T01.xslt" in result.output
    assert "native and official rules agree" in result.output


def test_validate_with_the_official_rules_fails_on_a_fatal_finding_both_report(
    tmp_path: Path, xslt_dir: Path, order: bytes
) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_bytes(order.replace(b"<cbc:IssueDate>", b"<cbc:IssueDate>x", 1))
    result = validate(broken, "--schematron", xslt_dir, "--json")
    assert result.exit_code == 1, result.output
    [item] = json.loads(result.output)
    native = {(f["ruleId"], f["flag"]) for f in item["findings"]}
    official = {(f["ruleId"], f["flag"]) for f in item["official"]["findings"]}
    assert ("PEPPOL-COMMON-R030", "fatal") in native
    assert native == official and item["official"]["disagreements"] == []
    assert item["valid"] is False and item["official"]["fatal"] is True


def test_validate_with_the_official_rules_fails_on_a_disagreement_and_prints_it(
    tmp_path: Path, xslt_dir: Path, order: bytes
) -> None:
    good = tmp_path / "order.xml"
    good.write_bytes(order)
    plain = validate(good)
    assert plain.exit_code == 0, plain.output
    result = validate(good, "--schematron", stricter_release(xslt_dir, tmp_path))
    assert result.exit_code == 1, result.output
    assert "[fatal] PEPPOL-T01-R034" in result.output
    assert "DISAGREEMENT: only the official rules report PEPPOL-T01-R034 (fatal)" in result.output


def test_validate_with_the_official_rules_but_without_saxonche_says_what_to_install(
    tmp_path: Path, xslt_dir: Path, order: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "order.xml"
    good.write_bytes(order)
    monkeypatch.setattr(schematron, "_oracle", None)
    monkeypatch.setitem(sys.modules, "saxonche", None)  # import saxonche fails
    result = validate(good, "--schematron", xslt_dir)
    assert result.exit_code == 2
    assert "pip install 'ordex[schematron]'" in result.output


# --- ORDEX_SCHEMATRON_DIR ---------------------------------------------------------------


class Server:
    def __init__(self, client: TestClient, keys: dict[str, str]) -> None:
        self.client, self.keys = client, keys

    def post(self, party: str, path: str, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.keys[party]}", **kwargs.pop("headers", {})}
        return self.client.post(f"/api/v1/{party}/{path}", headers=headers, **kwargs)

    def send_order(self, body: bytes) -> Any:
        headers = {"Content-Type": "application/xml"}
        return self.post(BUYER, "purchaseOrder/send", content=body, headers=headers)


@contextmanager
def serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xslt_dir: Path) -> Iterator[Server]:
    monkeypatch.setenv("ORDEX_DATABASE_URL", f"sqlite:///{tmp_path / 'ordex.db'}")
    monkeypatch.setenv("ORDEX_SCHEMATRON_DIR", str(xslt_dir))
    settings = Settings.from_env()
    assert settings.schematron_dir == xslt_dir
    rt = bootstrap(settings, clock=FakeClock())
    keys = {p: create_account(rt.ctx, p, [parse_party_id(p)])[1] for p in (BUYER, SELLER)}
    with TestClient(create_app(rt)) as client:
        yield Server(client, keys)
    rt.engine.dispose()


@pytest.fixture
def official_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The transactions the official rules were run for, in order."""
    runs: list[str] = []
    real = crosscheck.official_verdict

    def counting(
        xslt_dir: Path, transaction: str, xml: bytes, xsd_dir: Path | None = None
    ) -> crosscheck.OfficialVerdict:
        runs.append(transaction)
        return real(xslt_dir, transaction, xml, xsd_dir)

    monkeypatch.setattr(crosscheck, "official_verdict", counting)
    return runs


def test_with_the_official_rules_configured_received_and_rendered_documents_are_checked_by_both(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    xslt_dir: Path,
    order: bytes,
    official_runs: list[str],
) -> None:
    with serve(tmp_path, monkeypatch, xslt_dir) as server:
        sent = server.send_order(order)
        assert sent.status_code < 300, sent.text
        answer = server.post(
            SELLER, f"salesOrder/{sent.json()['id']}/response", json={"status": "AP"}
        )
        assert answer.status_code < 300, answer.text
    assert official_runs == ["T01", "T116"]


def test_a_document_the_official_rules_refuse_is_refused_although_the_native_rules_pass_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xslt_dir: Path, order: bytes
) -> None:
    stricter = stricter_release(xslt_dir, tmp_path)
    with serve(tmp_path, monkeypatch, stricter) as server:
        refused = server.send_order(order)
        assert refused.status_code == 400, refused.text
        body = refused.json()
        found = {(e["ruleId"], e["flag"]) for e in body["errors"]}
        assert ("PEPPOL-T01-R034", "fatal") in found
        assert ("ORDEX-R003", "fatal") in found
        disagreement = next(e for e in body["errors"] if e["ruleId"] == "ORDEX-R003")
        assert "only the official rules report PEPPOL-T01-R034 (fatal)" in disagreement["message"]


def test_a_directory_without_the_official_stylesheets_stops_the_server_from_starting(
    tmp_path: Path,
) -> None:
    (tmp_path / "PEPPOLBIS-T01.xslt").write_text("<x/>")
    with pytest.raises(SchematronUnavailable, match=r"PEPPOLBIS-T114\.xslt"):
        CrossCheck(tmp_path)
