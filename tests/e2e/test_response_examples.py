"""docs/responses.md: each CA example is accepted by the server, and each line status has one."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import SELLER, Hub

DOC = Path(__file__).resolve().parents[2] / "docs" / "responses.md"
EXAMPLES = [
    json.loads(block)
    for block in re.findall(r"^```json\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.M | re.S)
]
STATUSES = {"accepted", "notAccepted", "changed", "added", "alreadyDelivered"}


def test_every_line_status_has_an_example() -> None:
    shown = {line["status"] for body in EXAMPLES for line in body.get("lines", [])}
    assert shown == STATUSES


@pytest.mark.parametrize("body", EXAMPLES, ids=[str(n) for n in range(len(EXAMPLES))])
def test_a_documented_ca_answer_is_accepted_and_changes_the_order(
    hub: Hub, order_xml: bytes, body: dict[str, Any]
) -> None:
    order = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    answer = hub.client.post(
        f"/api/v1/{SELLER}/salesOrder/{order}/response", json=body, headers=hub.headers(SELLER)
    )
    assert answer.status_code == 200, answer.text
    versions = hub.client.get(
        f"/api/v1/{SELLER}/salesOrder/{order}/versions", headers=hub.headers(SELLER)
    )
    assert versions.status_code == 200, versions.text


def _promised(hub: Hub, order_xml: bytes, period: dict[str, str]) -> Any:
    order = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    lines = [
        {"lineId": "1", "status": "changed", "promisedDelivery": period},
        {"lineId": "2", "status": "accepted"},
    ]
    return hub.client.post(
        f"/api/v1/{SELLER}/salesOrder/{order}/response",
        json={"status": "CA", "lines": lines},
        headers=hub.headers(SELLER),
    )


def test_a_period_is_start_and_end_as_in_answers_and_the_ubl_names_are_taken_too(
    hub: Hub, order_xml: bytes
) -> None:
    assert _promised(hub, order_xml, {"start": "2026-12-01", "end": "2026-12-05"}).is_success
    other = order_xml.replace(b"PO-2026-0001", b"PO-2026-0009")
    assert _promised(hub, other, {"startDate": "2026-12-01", "endDate": "2026-12-05"}).is_success
    third = order_xml.replace(b"PO-2026-0001", b"PO-2026-0010")
    refused = _promised(hub, third, {"begin": "2026-12-01"})
    assert refused.status_code == 400 and "begin" in refused.json()["message"]


def test_every_field_of_the_json_view_is_in_docs_json_view() -> None:
    from ordex.api.views import camel
    from ordex.peppol.parse import parse_document
    from ordex.storage.snapshots import to_json

    keys: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            keys.update(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for fixture in (Path(__file__).resolve().parents[1] / "fixtures" / "peppol").glob("*.xml"):
        walk(camel(to_json(parse_document(fixture.read_bytes()).content)))
    text = (DOC.parent / "json-view.md").read_text(encoding="utf-8")
    assert "allowanceCharges" in keys
    assert sorted(keys - set(re.findall(r"[A-Za-z]+", text))) == []
