"""ordex.client against the server: the documented walk-through, errors, paging, hooks."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ordex.client import OrdexApiError, OrdexClient
from tests.e2e.conftest import BUYER, SELLER, Hub

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "python-client.md"


@pytest.fixture
def clients(hub: Hub) -> Iterator[tuple[OrdexClient, OrdexClient]]:
    buyer = OrdexClient("http://testserver", hub.keys[BUYER], BUYER, http=hub.client)
    seller = OrdexClient("http://testserver", hub.keys[SELLER], SELLER, http=hub.client)
    yield buyer, seller


def test_the_documented_walk_through_runs_against_the_server(
    hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    [code] = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    keys = {"buyer": {"apiKey": hub.keys[BUYER]}, "supplier": {"apiKey": hub.keys[SELLER]}}
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "demo-keys.json").write_text(json.dumps(keys))
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    original = OrdexClient.__post_init__

    def on_the_test_server(self: OrdexClient) -> None:
        self.http = hub.client  # the documented BASE, served in-process
        original(self)

    monkeypatch.setattr(OrdexClient, "__post_init__", on_the_test_server)
    exec(compile(code, str(DOC), "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "acknowledged"
    assert "'added': 1" in printed[1] and "'deleted': 1" in printed[1]
    assert "ChangeRequested" in printed[2]
    assert printed[3].startswith("409 DUPLICATE_DOCUMENT ")
    assert printed[3].endswith("/docs/errors#DUPLICATE_DOCUMENT")


def test_an_error_carries_its_status_code_and_help_link(
    clients: tuple[OrdexClient, OrdexClient],
) -> None:
    buyer, _ = clients
    with pytest.raises(OrdexApiError) as refused:
        buyer.status("no-such-document")
    assert refused.value.status == 404
    assert refused.value.error_code == "DOCUMENT_NOT_FOUND"
    assert refused.value.help_link and refused.value.help_link.endswith("#DOCUMENT_NOT_FOUND")


def test_lists_follow_every_page_and_hooks_round_trip(
    clients: tuple[OrdexClient, OrdexClient], hub: Hub, order_xml: bytes
) -> None:
    buyer, seller = clients
    sent = [
        buyer.send_order(order_xml.replace(b"PO-2026-0001", f"PO-{n}".encode())) for n in range(3)
    ]
    hub.client.params = {"limit": "2"}  # two a page: the client follows nextCursor
    try:
        listed = seller.sales_orders(state="received")
    finally:
        hub.client.params = {}
    assert sorted(d.document_id for d in listed) == sorted(d.document_id for d in sent)
    assert seller.download(sent[0].document_id).startswith(b"<?xml")
    with pytest.raises(OrdexApiError) as refused:
        seller.put_hook("http://127.0.0.1:9/", ["*"])
    assert refused.value.status == 400  # a production hub refuses http hooks
    assert seller.hooks() == []
