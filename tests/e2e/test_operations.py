"""Operating the hub: Prometheus metrics and the access log."""

from __future__ import annotations

import json
import logging

import pytest

from ordex.logs import JsonFormatter
from tests.e2e.conftest import BUYER, SELLER, Hub


def metric(text: str, name: str) -> float:
    """The value of the one sample called exactly ``name`` (labels included)."""
    [line] = [line for line in text.splitlines() if line.rpartition(" ")[0] == name]
    return float(line.rpartition(" ")[2])


def test_metrics_count_requests_by_route_template_and_show_the_queue(
    hub: Hub, order_xml: bytes
) -> None:
    assert hub.send(order_xml).status_code == 200  # type: ignore[attr-defined]
    hub.client.get(f"/api/v1/{SELLER}/salesOrder/nope", headers=hub.headers(SELLER))
    text = hub.client.get("/metrics").text
    route = "/api/v1/{partyId}/purchaseOrder/send"
    sent = f'method="POST",route="{route}"'
    assert metric(text, f'ordex_http_requests_total{{{sent},status="200"}}') == 1
    assert metric(text, f"ordex_http_request_duration_seconds_count{{{sent}}}") == 1
    assert BUYER not in text  # raw paths never become labels
    # OrderReceived waits in the outbox (no worker runs in this test).
    assert metric(text, "ordex_outbox_pending") == 1
    assert metric(text, 'ordex_deliveries{status="failed"}') == 0
    assert metric(text, 'ordex_hooks{state="active"}') == 0


def test_every_request_is_logged_with_its_route_status_and_duration(
    hub: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="ordex.access"):
        hub.client.get("/healthz")
    [record] = [r for r in caplog.records if r.name == "ordex.access"]
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "info" and line["logger"] == "ordex.access"
    assert line["method"] == "GET" and line["path"] == "/healthz" and line["status"] == 200
    assert line["route"] == "/healthz" and line["duration_ms"] >= 0
    assert line["message"].startswith("GET /healthz 200")
