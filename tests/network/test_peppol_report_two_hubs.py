"""``ordex peppol report`` on two access points that exchanged orders over AS4: hub A's
TSR counts its outgoing message per receiving AP (hub B's seat ID), hub B's counts the
incoming one per sending AP (hub A's); a transmission that failed for good crossed
nothing and counts in neither report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from ordex.cli import app
from ordex.services.accounts import create_account
from tests.network.hubs import BUYER, SELLER, PeppolHub, two_hubs
from tests.reporting_rules import EUSR, TSR, eusr_failures, tsr_failures

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOBODY = "0088:5790000435975"  # on no access point: its transmission fails for good
LOCAL_BUYER = "0088:7300010000025"  # hosted on hub A, whose only order never crosses


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, bytes]]:
    from ordex.peppol.identifiers import parse_party_id  # (after ordex.cli: import cycle)

    directory = tmp_path_factory.mktemp("report-two-hubs")
    with two_hubs(directory) as (a, b):
        _, key = create_account(a.runtime.ctx, "a second buyer", [parse_party_id(LOCAL_BUYER)])
        _send(a, "PO-REPORT-1", BUYER, SELLER, a.key)
        assert a.transmit() == 1
        _send(a, "PO-REPORT-2", LOCAL_BUYER, NOBODY, key)
        assert a.transmit() == 1  # (not registered: failed for good)
        month = f"{datetime.now(UTC):%Y-%m}"
        yield {
            **_report(a, directory, "POP000001", month, "a"),
            **_report(b, directory, "POP000002", month, "b"),
        }


def _send(hub: PeppolHub, number: str, buyer: str, seller: str, key: str) -> None:
    order = (
        (EXAMPLES / "order.xml")
        .read_bytes()
        .replace(b"<cbc:ID>PO-2026-0001</cbc:ID>", f"<cbc:ID>{number}</cbc:ID>".encode())
        .replace(BUYER.split(":")[1].encode(), buyer.split(":")[1].encode())
        .replace(SELLER.split(":")[1].encode(), seller.split(":")[1].encode())
    )
    answer = hub.client.post(
        f"/api/v1/{buyer}/purchaseOrder/send",
        content=order,
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/xml"},
    )
    assert answer.status_code == 200, answer.text


def _report(hub: PeppolHub, directory: Path, seat: str, month: str, name: str) -> dict[str, bytes]:
    out = directory / name
    env = {
        "ORDEX_PEPPOL_AP_CERT": str(directory / f"{seat}.pem"),
        "ORDEX_PEPPOL_AP_KEY": str(directory / f"{seat}.key"),
        "ORDEX_PEPPOL_TRUST": str(directory / "trust.pem"),
        "ORDEX_DATABASE_URL": hub.runtime.settings.database_url,
    }
    done = CliRunner().invoke(
        app, ["peppol", "report", "--month", month, "--out", str(out)], env=env
    )
    assert done.exit_code == 0, done.output
    return {
        f"{name}-tsr": (out / f"tsr-{month}.xml").read_bytes(),
        f"{name}-eusr": (out / f"eusr-{month}.xml").read_bytes(),
    }


def _subtotals(xml: bytes, kind: str) -> dict[tuple[str, ...], tuple[int, int]]:
    root = etree.fromstring(xml)
    found = {}
    for subtotal in root.iterfind(f"{{{TSR}}}Subtotal[@type='{kind}']"):
        keys = tuple((key.text or "") for key in subtotal.iterfind(f"{{{TSR}}}Key"))
        found[keys] = (
            int(subtotal.findtext(f"{{{TSR}}}Incoming") or -1),
            int(subtotal.findtext(f"{{{TSR}}}Outgoing") or -1),
        )
    return found


def _total(xml: bytes) -> tuple[int, int]:
    root = etree.fromstring(xml)
    return (
        int(root.findtext(f"{{{TSR}}}Total/{{{TSR}}}Incoming") or -1),
        int(root.findtext(f"{{{TSR}}}Total/{{{TSR}}}Outgoing") or -1),
    )


def _full_set(xml: bytes) -> tuple[int, int, int]:
    full = etree.fromstring(xml).find(f"{{{EUSR}}}FullSet")
    assert full is not None
    names = ("SendingEndUsers", "ReceivingEndUsers", "SendingOrReceivingEndUsers")
    return tuple(int(full.findtext(f"{{{EUSR}}}{name}") or -1) for name in names)  # type: ignore[return-value]


def test_the_sending_hubs_tsr_counts_its_outgoing_message_per_receiving_access_point(
    reports: dict[str, bytes],
) -> None:
    tsr = reports["a-tsr"]
    assert tsr_failures(tsr) == []
    assert _total(tsr) == (0, 1)  # the failed transmission crossed nothing
    [(keys, counts)] = _subtotals(tsr, "PerSP-DT-PR").items()
    assert keys[0] == "POP000002" and "Order-2::Order" in keys[1] and counts == (0, 1)
    assert list(_subtotals(tsr, "PerTP").values()) == [(0, 1)]
    assert _subtotals(tsr, "PerSP-DT-PR-CC") == {}  # per country: incoming only (SCH-TSR-43)


def test_the_receiving_hubs_tsr_counts_the_incoming_message_per_sending_access_point(
    reports: dict[str, bytes],
) -> None:
    tsr = reports["b-tsr"]
    assert tsr_failures(tsr) == []
    assert _total(tsr) == (1, 0)
    [(keys, counts)] = _subtotals(tsr, "PerSP-DT-PR").items()
    assert keys[0] == "POP000001" and counts == (1, 0)
    [(keys, counts)] = _subtotals(tsr, "PerSP-DT-PR-CC").items()
    assert keys[0] == "POP000001" and keys[3:] == ("SE", "SE") and counts == (1, 0)


def test_the_eusr_counts_only_end_users_whose_documents_crossed_the_network(
    reports: dict[str, bytes],
) -> None:
    assert eusr_failures(reports["a-eusr"]) == [] and eusr_failures(reports["b-eusr"]) == []
    assert _full_set(reports["a-eusr"]) == (1, 0, 1)  # the buyer; not the second one
    assert _full_set(reports["b-eusr"]) == (0, 1, 1)  # the seller


def test_the_four_reports_pass_openpeppols_reporting_schematron(
    reports: dict[str, bytes],
) -> None:
    from tests.conformance.test_reporting_schematron import _schematron

    tsr = _schematron("*transaction-statistics*.sch")  # (skips unless it is given)
    eusr = _schematron("*end-user-statistics*.sch")
    for hub in ("a", "b"):
        assert tsr.failures(reports[f"{hub}-tsr"]) == []
        assert eusr.failures(reports[f"{hub}-eusr"]) == []
