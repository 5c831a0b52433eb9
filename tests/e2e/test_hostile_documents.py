"""Hostile Peppol documents get a short, clear 400 quickly, on both databases."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from ordex.peppol.rules import MAX_FINDINGS_PER_RULE
from ordex.storage import tables as t
from tests.e2e.conftest import Hub


def stored_documents(hub: Hub) -> int:
    with hub.runtime.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.documents)).scalar_one())


def test_an_order_of_thousands_of_empty_elements_gets_a_short_capped_answer(
    hub: Hub, order_xml: bytes
) -> None:
    # 15,000 empty elements (64 KB) answered 3.7 MB of findings after ~14 s of CPU.
    hostile = order_xml.replace(b"<cbc:IssueDate>", b"<a/>" * 15_000 + b"<cbc:IssueDate>", 1)
    answer: Any = hub.send(hostile)
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["errorCode"] == "DOCUMENT_INVALID"
    assert len(body["errors"]) == 2 * MAX_FINDINGS_PER_RULE
    assert body["findingsOmitted"] == 2 * (15_000 - MAX_FINDINGS_PER_RULE)
    assert len(answer.content) < 100_000
    assert stored_documents(hub) == 0


def test_an_invalid_order_with_few_findings_omits_none(hub: Hub, order_xml: bytes) -> None:
    broken = order_xml.replace(b"<cbc:ID>2</cbc:ID>", b"<cbc:ID>1</cbc:ID>")
    body = hub.send(broken).json()  # type: ignore[attr-defined]
    assert body["errors"] and body["findingsOmitted"] == 0
