"""A real ``ordex serve`` on loopback: header size, header and keep-alive timeouts, and a
huge body refused before the client has sent it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from tests.integration.test_serve import free_port

BUYER = "0088:7300010000001"


KEYS: dict[str, str] = {}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """One server process on SQLite, with short timeouts and the buyer's account (its key
    in ``KEYS``); its host and port."""
    directory: Path = tmp_path_factory.mktemp("serve-limits")
    url = f"sqlite:///{directory / 'hub.db'}"
    rt = bootstrap(Settings(database_url=url))
    KEYS[BUYER] = create_account(rt.ctx, "Buyer", [parse_party_id(BUYER)])[1]
    rt.engine.dispose()
    port = free_port()
    env = {
        **os.environ,
        "ORDEX_DATABASE_URL": url,
        "ORDEX_HEADER_TIMEOUT_SECONDS": "1",
        "ORDEX_BODY_TIMEOUT_SECONDS": "1",
        "ORDEX_KEEP_ALIVE_SECONDS": "1",
        "ORDEX_EMBEDDED_WORKER": "0",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "ordex", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            time.sleep(0.2)
        yield "127.0.0.1", port
    finally:
        process.terminate()
        process.wait(timeout=30)


def connect(server: tuple[str, int]) -> socket.socket:
    sock = socket.create_connection(server, timeout=10)
    return sock


def answer_of(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes (or 10 s pass)."""
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    return received


def test_a_megabyte_of_headers_is_refused_with_431(server: tuple[str, int]) -> None:
    with connect(server) as sock:
        head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (1024 * 1024) + b"\r\n\r\n"
        # The server may close before the client has sent it all.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(head)
        assert answer_of(sock).startswith(b"HTTP/1.1 431 ")


def one_answer(sock: socket.socket) -> bytes:
    """One answer's status line and head, its body read by its Content-Length."""
    received = b""
    while b"\r\n\r\n" not in received:
        received += sock.recv(65536)
    head, _, body = received.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1])
        for line in head.lower().split(b"\r\n")
        if line.startswith(b"content-length:")
    )
    while len(body) < length:
        body += sock.recv(65536)
    return head


def test_large_bodies_on_one_keep_alive_connection_are_not_counted_as_headers(
    server: tuple[str, int],
) -> None:
    """Three 100 KB documents one after the other on one connection, each request written
    in one piece: each is read whole (400: not well-formed XML), none is a 431."""
    body = b"<" + b"x" * 100_000
    request = (
        f"POST /api/v1/{BUYER}/purchaseOrder/send HTTP/1.1\r\nHost: x\r\n".encode()
        + f"Authorization: Bearer {KEYS[BUYER]}\r\nContent-Type: application/xml\r\n".encode()
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    statuses = []
    with connect(server) as sock:
        for _ in range(3):
            sock.sendall(request)
            statuses.append(one_answer(sock)[9:12])
    assert statuses == [b"400", b"400", b"400"]


def test_headers_below_the_limit_are_served(server: tuple[str, int]) -> None:
    host, port = server
    answer = httpx.get(f"http://{host}:{port}/healthz", headers={"X-Fine": "a" * 30_000})
    assert answer.status_code == 200
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_a_connection_that_never_sends_a_request_is_closed(server: tuple[str, int]) -> None:
    with connect(server) as sock:
        started = time.monotonic()
        answer = answer_of(sock)
        assert answer.startswith(b"HTTP/1.1 408 ")
        assert time.monotonic() - started < 5


def test_a_client_sending_its_headers_slowly_is_cut_off(server: tuple[str, int]) -> None:
    with connect(server) as sock:
        started = time.monotonic()
        sock.sendall(b"GET /healthz HTTP/1.1\r\n")
        closed = False
        for _ in range(20):
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            time.sleep(0.25)
        assert closed or answer_of(sock).startswith(b"HTTP/1.1 408 ")
        assert time.monotonic() - started < 5


def test_an_idle_keep_alive_connection_is_closed(server: tuple[str, int]) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        started = time.monotonic()
        answer = answer_of(sock)
        assert answer.startswith(b"HTTP/1.1 200 ")
        assert time.monotonic() - started < 3  # after 1 s (uvicorn would wait 5 s)


def test_a_huge_body_without_a_key_is_answered_before_the_client_sends_it(
    server: tuple[str, int],
) -> None:
    with connect(server) as sock:
        sock.sendall(
            f"POST /api/v1/{BUYER}/purchaseOrder/send HTTP/1.1\r\nHost: x\r\n"
            f"Content-Type: application/xml\r\nContent-Length: {200 * 1024 * 1024}\r\n"
            "Authorization: Bearer made-up\r\n\r\n".encode()
        )
        sock.sendall(b"<" * 65536)  # of 200 MiB
        answer = answer_of(sock)
        assert answer.startswith(b"HTTP/1.1 401 "), answer[:200]
        assert b'"code":"API401"' in answer


def test_a_body_that_stops_coming_is_answered_408_and_the_connection_closed(
    server: tuple[str, int],
) -> None:
    with connect(server) as sock:
        sock.sendall(
            f"POST /api/v1/{BUYER}/purchaseOrder/send HTTP/1.1\r\nHost: x\r\n"
            f"Content-Type: application/xml\r\nContent-Length: 5000\r\n"
            f"Authorization: Bearer {KEYS[BUYER]}\r\n\r\n<?xml".encode()
        )
        started = time.monotonic()
        answer = answer_of(sock)
        assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
        assert time.monotonic() - started < 5


def test_a_body_that_keeps_coming_slowly_but_steadily_is_taken(server: tuple[str, int]) -> None:
    with connect(server) as sock:
        body = b"x" * 40
        sock.sendall(
            f"PUT /api/v1/{BUYER}/hook HTTP/1.1\r\nHost: x\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            f"Authorization: Bearer {KEYS[BUYER]}\r\nConnection: close\r\n\r\n".encode()
        )
        for start in range(0, len(body), 10):  # 2 s in all, never 1 s silent
            sock.sendall(body[start : start + 10])
            time.sleep(0.5)
        assert answer_of(sock).startswith(b"HTTP/1.1 400 ")  # read whole: not JSON
