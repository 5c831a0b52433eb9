"""The edge (api/edge.py): credentials before the body, body limits while reading, 401
before 400. The app is called as ASGI with a body source that counts what was read."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.e2e.conftest import BUYER, Hub

MiB = 1024 * 1024
SEND = f"/api/v1/{BUYER}/purchaseOrder/send"
CHUNK = b"<" * (256 * 1024)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    read: int
    """Bytes of the body the app took from the connection."""

    def json(self) -> Any:
        return json.loads(self.body)


def call(
    hub: Hub,
    method: str,
    path: str,
    headers: dict[str, str],
    body: Iterator[bytes] = iter(()),
) -> Answer:
    """One request through the whole app; ``body`` is only produced as the app reads it."""
    read = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        chunk = next(body, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("203.0.113.7", 40000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    asyncio.run(hub.client.app(scope, receive, send))  # type: ignore[arg-type]
    start = sent[0]
    return Answer(
        status=start["status"],
        headers={k.decode(): v.decode() for k, v in start["headers"]},
        body=b"".join(m.get("body", b"") for m in sent[1:]),
        read=read,
    )


def endless() -> Iterator[bytes]:
    """200 MiB, made as it is read."""
    for _ in range(800):
        yield CHUNK


# Authenticated routes of every dialect that take a body.
ROUTES = [
    ("POST", SEND, "application/xml"),
    ("POST", f"/api/v1/{BUYER}/purchaseOrder/d-1/cancel", "application/json"),
    ("PUT", f"/api/v1/{BUYER}/hook", "application/json"),
    ("POST", f"/api/v1/{BUYER}/salesOrder/d-1/response", "application/xml"),
    ("POST", "/businesses/shop/customers/c-1/orders", "application/json"),
    ("POST", "/administration/v1/notification-callbacks", "application/json"),
    ("POST", "/financing/v1/applications", "application/json"),
    ("POST", "/admin/v1/accounts", "application/json"),
    ("POST", SEND, "multipart/form-data; boundary=x"),
]


@pytest.mark.parametrize(("method", "path", "kind"), ROUTES)
@pytest.mark.parametrize("authorization", [None, "Bearer made-up", "Basic eDp5"])
def test_a_huge_body_without_valid_credentials_is_refused_before_any_of_it_is_read(
    hub: Hub, method: str, path: str, kind: str, authorization: str | None
) -> None:
    headers = {"Content-Type": kind, "Content-Length": str(200 * MiB)}
    if authorization:
        headers["Authorization"] = authorization
    answer = call(hub, method, path, headers, endless())
    assert answer.status == 401
    assert answer.read == 0


def test_a_chunked_body_without_credentials_is_not_read_either(hub: Hub) -> None:
    answer = call(hub, "POST", SEND, {"Content-Type": "application/xml"}, endless())
    assert (answer.status, answer.read) == (401, 0)
    assert answer.json()["code"] == "API401"


def test_a_declared_length_over_the_limit_is_a_413_before_reading(hub: Hub) -> None:
    headers = {**hub.headers(BUYER), "Content-Length": str(11 * MiB)}
    answer = call(hub, "POST", SEND, {**headers, "Content-Type": "application/xml"}, endless())
    assert (answer.status, answer.read) == (413, 0)
    body = answer.json()
    assert {"message", "code", "requestId", "dateTime"} <= body.keys()
    assert body["code"] == "API413" and body["errorCode"] == "REQUEST_TOO_LARGE"
    assert body["limit"] == 10 * MiB and "10485760 bytes" in body["message"]


def too_large(hub: Hub, method: str, path: str, kind: str) -> Answer:
    """A chunked body (no Content-Length) with good credentials, refused while read."""
    headers = {**hub.headers(BUYER), "Content-Type": kind}
    return call(hub, method, path, headers, endless())


def test_a_chunked_document_over_the_limit_is_a_psb_413_once_the_limit_is_read(
    hub: Hub,
) -> None:
    answer = too_large(hub, "POST", SEND, "application/xml")
    assert answer.status == 413
    assert 10 * MiB < answer.read <= 10 * MiB + len(CHUNK)
    assert answer.json()["code"] == "API413"


@pytest.mark.parametrize(
    "path",
    [f"/api/v1/{BUYER}/purchaseOrder/d-1/cancel", f"/api/v1/{BUYER}/salesOrder/d-1/response"],
)
def test_a_chunked_json_body_over_the_json_limit_is_a_psb_413(hub: Hub, path: str) -> None:
    answer = too_large(hub, "POST", path, "application/json")
    assert answer.status == 413
    assert answer.read <= 10 * MiB + len(CHUNK)
    body = answer.json()
    assert body["code"] == "API413" and body["errorCode"] == "REQUEST_TOO_LARGE"


def test_a_chunked_json_body_over_the_limit_on_a_json_route_stops_at_the_json_limit(
    hub: Hub,
) -> None:
    answer = too_large(hub, "PUT", f"/api/v1/{BUYER}/hook", "application/json")
    assert answer.status == 413
    assert MiB < answer.read <= MiB + len(CHUNK)


def test_a_multipart_upload_over_the_limit_is_a_413(hub: Hub) -> None:
    def form() -> Iterator[bytes]:
        yield b'--x\r\nContent-Disposition: form-data; name="file"; filename="o.xml"\r\n\r\n'
        yield from endless()

    headers = {**hub.headers(BUYER), "Content-Type": "multipart/form-data; boundary=x"}
    answer = call(hub, "POST", SEND, headers, form())
    assert answer.status == 413
    assert answer.read <= 10 * MiB + 2 * len(CHUNK)
    assert answer.json()["code"] == "API413"


def test_a_commerce_body_over_the_limit_is_a_413_problem(hub: Hub) -> None:
    answer = too_large(hub, "POST", "/businesses/shop/customers/c-1/orders", "application/json")
    assert answer.status == 413 and answer.read <= MiB + len(CHUNK)
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    assert body["status"] == 413 and body["title"] == "RequestTooLarge"


def test_a_financing_body_over_the_limit_is_a_413_in_the_financing_shape(hub: Hub) -> None:
    answer = too_large(hub, "POST", "/financing/v1/applications", "application/json")
    assert answer.status == 413 and answer.read <= MiB + len(CHUNK)
    body = answer.json()
    assert body["errors"][0]["code"] == "INVALID_REQUEST"
    assert answer.headers["x-ordex-error-code"] == "REQUEST_TOO_LARGE"


def test_a_login_takes_a_small_body_only(hub: Hub) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    answer = call(hub, "POST", "/connect/token", headers, endless())
    assert answer.status == 413 and answer.read <= 64 * 1024 + len(CHUNK)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/not-a-party/hook",
        "/api/v1/0088:123/purchaseOrder",
        "/api/v1/not-a-party/purchaseOrder?since=yesterday",
        "/businesses/shop/customers/c-1/orders/o-1",
    ],
)
def test_without_a_key_a_bad_path_is_a_401_not_a_400(hub: Hub, path: str) -> None:
    assert hub.client.get(path).status_code == 401
    assert hub.client.get(path, headers={"Authorization": "Bearer made-up"}).status_code == 401


def test_with_a_key_a_bad_party_in_the_path_is_still_a_400(hub: Hub) -> None:
    answer = hub.client.get("/api/v1/not-a-party/hook", headers=hub.headers(BUYER))
    assert answer.status_code == 400
    assert answer.json()["errorCode"] == "INVALID_PARTY_ID"


def test_a_body_within_the_limit_is_still_taken(hub: Hub, order_xml: bytes) -> None:
    answer = hub.send(order_xml)
    assert answer.status_code == 200  # type: ignore[attr-defined]
