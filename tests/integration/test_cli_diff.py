"""``ordex diff OLD NEW`` on real Peppol documents: the example order and edits of it."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from ordex.api.diff_schema import OrderDiffView
from ordex.cli import app
from ordex.peppol.namespaces import CAC, CBC

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "order.xml"
FIXTURES = ROOT / "tests" / "fixtures" / "peppol"
NS = {"cac": CAC, "cbc": CBC}
runner = CliRunner()


def _line(root: etree._Element, line_id: str) -> etree._Element:
    (line,) = root.xpath(f"cac:OrderLine[cac:LineItem/cbc:ID='{line_id}']", namespaces=NS)
    return line


@pytest.fixture
def changed_order(tmp_path: Path) -> Path:
    """The example with line 1's quantity 20 -> 25, line 2 dropped, line 3 (gauze) added
    and the delivery city changed."""
    root = etree.fromstring(EXAMPLE.read_bytes())
    first, second = _line(root, "1"), _line(root, "2")
    first.find("cac:LineItem/cbc:Quantity", NS).text = "25"
    added = copy.deepcopy(second)
    added.find("cac:LineItem/cbc:ID", NS).text = "3"
    added.find("cac:LineItem/cac:Item/cbc:Name", NS).text = "Sterile gauze"
    added.find("cac:LineItem/cac:Item/cac:SellersItemIdentification/cbc:ID", NS).text = "GZ-10"
    root.remove(second)
    root.append(added)
    root.find("cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:CityName", NS).text = "Uppsala"
    path = tmp_path / "changed.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


def test_an_order_diffed_with_itself_has_no_differences_and_exits_0() -> None:
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "No differences." in result.output
    assert "0 added, 0 deleted, 0 changed, 0 replaced, 2 unchanged" in result.output


def test_the_table_shows_a_changed_quantity_a_deleted_and_an_added_line(
    changed_order: Path,
) -> None:
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(changed_order)])
    assert result.exit_code == 1, result.output
    rows = [row.split() for row in result.output.splitlines()]
    assert ["delivery.address.city", "Stockholm", "Uppsala"] in rows
    assert ["1", "changed", "quantity", "20", "25"] in rows
    deleted = next(row for row in rows if row[:2] == ["2", "deleted"])
    assert deleted[2:7] == ["line", "40", "C62", "MSK-50", "Surgical"] and deleted[-1] == "-"
    added = next(row for row in rows if row[:2] == ["3", "added"])
    assert added[2:4] == ["line", "-"] and added[4:9] == ["40", "C62", "GZ-10", "Sterile", "gauze"]
    assert "1 added, 1 deleted, 1 changed, 0 replaced, 0 unchanged" in result.output


def test_json_output_is_the_order_diff_view_of_the_api(changed_order: Path) -> None:
    result = runner.invoke(app, ["diff", "--json", str(EXAMPLE), str(changed_order)])
    assert result.exit_code == 1, result.stderr
    body = json.loads(result.stdout)
    OrderDiffView.model_validate(body)
    assert body["from"]["number"] == "PO-2026-0001" and body["from"]["documentId"] is None
    assert body["header"] == [
        {"field": "delivery.address.city", "old": "Stockholm", "new": "Uppsala"}
    ]
    assert [(x["lineId"], x["change"], x["statusCode"]) for x in body["lines"]] == [
        ("1", "changed", "3"),
        ("2", "deleted", "2"),
        ("3", "added", "1"),
    ]
    assert body["lines"][0]["fields"] == [{"field": "quantity", "old": "20", "new": "25"}]
    assert body["lines"][1]["old"]["price"] == "5.00" and body["lines"][1]["new"] is None
    assert body["summary"] == {
        "added": 1,
        "deleted": 1,
        "changed": 1,
        "replaced": 0,
        "unchanged": 0,
    }


def test_an_order_change_is_compared_with_the_order_it_changes() -> None:
    result = runner.invoke(
        app, ["diff", str(FIXTURES / "order.xml"), str(FIXTURES / "order_change.xml")]
    )
    assert result.exit_code == 1, result.output
    assert result.output.startswith("PO-1001 (Order, 2026-03-02) -> PO-1001-C1 (OrderChange #1")
    assert ["1", "changed", "quantity", "10", "20"] in [
        r.split() for r in result.output.splitlines()
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not xml at all", "not well-formed XML"),
        ((FIXTURES / "order_response.xml").read_bytes(), "not an Order (T01) or an Order Change"),
        (b"<Invoice xmlns='urn:x'/>", "not a Peppol ordering document"),
        (b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "DOCTYPE declarations are not accepted"),
    ],
)
def test_a_file_that_is_not_an_order_is_refused_with_exit_code_2_and_no_traceback(
    tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(content)
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}: ") and message in result.stderr
    assert "Traceback" not in result.output and result.exception is not None
    assert isinstance(result.exception, SystemExit)


def test_a_missing_file_is_a_usage_error() -> None:
    result = runner.invoke(app, ["diff", str(EXAMPLE), "no-such-file.xml"])
    assert result.exit_code == 2
    assert "does not exist" in result.output
