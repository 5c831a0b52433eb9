"""Headers and edges: nosniff everywhere, no Host header in URLs, /metrics behind a token,
Allow on 405, strict dates in queries, and text logs that cannot be forged."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from ordex.api.app import create_app
from ordex.domain.financing_policy import DecisionPolicy
from ordex.logs import configure_logging
from tests.e2e.conftest import ADMIN_TOKEN, BUYER, Hub
from tests.e2e.test_financing_api import APPS, Fin, body, make_fin


def test_every_answer_says_nosniff(hub: Hub, order_xml: bytes) -> None:
    key = hub.headers(BUYER)
    answers = [
        hub.client.get("/healthz"),
        hub.client.get("/openapi.json"),
        hub.client.get("/docs"),
        hub.client.get("/metrics"),
        hub.client.get("/no/such/path"),
        hub.client.get(f"/api/v1/{BUYER}/purchaseOrder"),  # 401
        hub.client.get(f"/api/v1/{BUYER}/purchaseOrder", headers=key),
        hub.client.get(f"/api/v1/{BUYER}/purchaseOrder/nope/status", headers=key),  # 404
        hub.client.delete(f"/api/v1/{BUYER}/purchaseOrder", headers=key),  # 405
        hub.client.post("/connect/token", data={"grant_type": "x"}),
        hub.send(order_xml),  # type: ignore[list-item]
    ]
    for answer in answers:
        assert answer.headers.get("X-Content-Type-Options") == "nosniff", answer.url


def test_a_405_names_the_allowed_methods(hub: Hub) -> None:
    answer = hub.client.get("/connect/token")
    assert answer.status_code == 405
    assert answer.headers["Allow"] == "POST"
    hook = hub.client.post(f"/api/v1/{BUYER}/hook", headers=hub.headers(BUYER))
    assert hook.status_code == 405
    assert set(hook.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "PUT"}
    assert hook.json()["code"] == "API405"


@pytest.mark.parametrize("since", ["0.5", "1", "1e9", "yesterday", "2026-13-01"])
def test_a_since_that_is_not_an_iso_date_is_a_400(hub: Hub, since: str) -> None:
    for box in ("purchaseOrder", "salesOrder"):
        answer = hub.client.get(
            f"/api/v1/{BUYER}/{box}", params={"since": since}, headers=hub.headers(BUYER)
        )
        assert answer.status_code == 400, (box, since)
        assert "ISO 8601" in answer.json()["message"]


@pytest.mark.parametrize("since", ["2026-01-31", "2026-01-31T12:00:00Z", "2026-01-31T12:00:00"])
def test_an_iso_since_is_taken(hub: Hub, since: str) -> None:
    answer = hub.client.get(
        f"/api/v1/{BUYER}/purchaseOrder", params={"since": since}, headers=hub.headers(BUYER)
    )
    assert answer.status_code == 200


def test_report_dates_and_the_recover_time_are_iso_only(hub: Hub) -> None:
    report = hub.client.get(
        "/businesses/shop/reports/cancellations",
        params={"from": "0", "to": "2026-01-31"},
        headers=hub.headers(BUYER),
    )
    assert report.status_code == 400
    assert "query.from" in report.text
    recover = hub.client.post(
        f"/api/v1/{BUYER}/hook/h-1/deliveries/recover",
        json={"since": 0.5},
        headers=hub.headers(BUYER),
    )
    assert recover.status_code == 400
    assert "ISO 8601" in recover.json()["message"]


@pytest.fixture
def fin(database_url: str) -> Iterator[Fin]:
    yield from make_fin(database_url, DecisionPolicy(approval_limit=Decimal("1000")))


def test_the_host_header_never_makes_an_absolute_url(fin: Fin) -> None:
    answer = fin.client.post(APPS, json=body(), headers={**fin.headers(), "Host": "evil.example"})
    assert answer.status_code == 201
    url = answer.json()["gatewayRedirectUrl"]
    assert "evil.example" not in url
    assert url.startswith("http://testserver/financing/v1/applications/")  # its own address


def test_the_public_url_makes_every_absolute_url(fin: Fin) -> None:
    settings = dataclasses.replace(fin.runtime.settings, public_url="https://hub.example.com")
    with TestClient(create_app(dataclasses.replace(fin.runtime, settings=settings))) as client:
        answer = client.post(APPS, json=body("ORD-2"), headers=fin.headers())
        url = answer.json()["gatewayRedirectUrl"]
        assert url == f"https://hub.example.com/financing/v1/applications/{answer.json()['id']}"
        approved = client.post(
            f"/admin/v1/financing/applications/{answer.json()['id']}/approve",
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}", "Host": "evil.example"},
        )
        assert "evil.example" not in approved.text


def test_metrics_need_the_token_when_one_is_set(hub: Hub) -> None:
    settings = dataclasses.replace(hub.runtime.settings, metrics_token="scrape-me")
    with TestClient(create_app(dataclasses.replace(hub.runtime, settings=settings))) as client:
        assert client.get("/metrics").status_code == 401
        wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        assert wrong.headers["content-type"] == "application/problem+json"
        right = client.get("/metrics", headers={"Authorization": "Bearer scrape-me"})
        assert right.status_code == 200 and "ordex_http_requests" in right.text


def test_metrics_are_open_without_a_token(hub: Hub) -> None:
    assert hub.client.get("/metrics").status_code == 200


@pytest.fixture
def text_formatter() -> Iterator[logging.Formatter]:
    """The formatter ``ordex serve`` logs text with."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    configure_logging("text")
    formatter = root.handlers[0].formatter
    root.handlers[:] = handlers
    root.setLevel(level)
    assert formatter is not None
    yield formatter


def test_a_text_log_line_cannot_be_forged_with_newlines(
    text_formatter: logging.Formatter,
) -> None:
    formatter = text_formatter
    path = "/x\r\nINFO     ordex.access: POST /admin/v1/accounts 200\x1b[2J\u2028"
    record = logging.makeLogRecord(
        {"name": "ordex.access", "levelname": "INFO", "msg": "GET %s 404", "args": (path,)}
    )
    line = formatter.format(record)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert "\u2028" not in line
    assert line == (
        "INFO     ordex.access: GET /x\\r\\nINFO     ordex.access: POST /admin/v1/accounts"
        " 200\\x1b[2J\\u2028 404"
    )


def test_a_traceback_keeps_its_lines(text_formatter: logging.Formatter) -> None:
    formatter = text_formatter
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.makeLogRecord({"msg": "failed", "exc_info": sys.exc_info()})
    assert formatter.format(record).count("\n") >= 2
