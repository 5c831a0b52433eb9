"""The webhook HTTP client against a loopback server that answers with scripted bytes."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ordex.delivery import http
from ordex.delivery.http import EXCERPT_BYTES, HttpTransport
from ordex.services.ports import HttpResult
from tests.raw_server import CLOSE, RawServer, raw_server


@pytest.fixture
def server() -> Iterator[RawServer]:
    with raw_server() as raw:
        yield raw


@pytest.fixture
def transport() -> Iterator[HttpTransport]:
    http = HttpTransport(allow_private=True, timeout=2.0)
    yield http
    http.close()


def post(transport: HttpTransport, server: RawServer) -> HttpResult:
    return transport.post(server.url, b'{"a":1}', {"webhook-id": "msg_1"})


def test_the_request_carries_target_host_headers_and_body(
    transport: HttpTransport, server: RawServer
) -> None:
    result = post(transport, server)
    assert result.status_code == 204 and result.succeeded
    _, head, body = server.requests[0]
    lines = head.decode().split("\r\n")
    assert lines[0] == "POST /hook?x=1 HTTP/1.1"
    assert f"Host: 127.0.0.1:{server.port}" in lines
    assert "webhook-id: msg_1" in lines and "Content-Type: application/json" in lines
    assert body == b'{"a":1}'


def test_keep_alive_reuses_one_connection_for_framed_answers(
    transport: HttpTransport, server: RawServer
) -> None:
    server.answers = [
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
        b"HTTP/1.1 202 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + b"3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n",
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
    ]
    results = [post(transport, server) for _ in range(4)]
    assert [r.status_code for r in results] == [200, 202, 201, 204]
    assert [r.excerpt for r in results] == ["hello", "abcde", "", ""]
    assert server.connections == 1


def test_a_long_answer_is_cut_to_the_excerpt_and_its_connection_not_reused(
    transport: HttpTransport, server: RawServer
) -> None:
    long = b"x" * (1024 * 1024)  # far beyond what is read of an answer
    server.answers = [
        b"HTTP/1.1 500 Oops\r\nContent-Length: %d\r\n\r\n" % len(long) + long,
        b"HTTP/1.1 500 Oops\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n" % len(long) + long,
    ]
    first, second, third = (post(transport, server) for _ in range(3))
    assert first.status_code == second.status_code == 500
    assert first.excerpt == second.excerpt == "x" * EXCERPT_BYTES
    assert third.status_code == 204
    assert server.connections == 3


def test_an_http_1_0_answer_ends_with_its_connection(
    transport: HttpTransport, server: RawServer
) -> None:
    server.answers = [b"HTTP/1.0 503 Busy\r\nRetry-After: 7\r\n\r\nlater"]
    result = post(transport, server)
    assert (result.status_code, result.excerpt, result.retry_after_seconds) == (503, "later", 7.0)
    assert post(transport, server).status_code == 204
    assert server.connections == 2  # HTTP/1.0 without keep-alive: a new connection


def test_a_connection_closed_while_idle_is_replaced_and_the_request_sent_again(
    transport: HttpTransport, server: RawServer
) -> None:
    assert post(transport, server).status_code == 204
    server.answers = [CLOSE]  # the kept connection dies without an answer
    result = post(transport, server)
    assert result.status_code == 204
    assert server.connections == 2
    assert len(server.requests) == 3  # the lost one, then once more


def test_a_new_connection_closed_without_an_answer_is_a_failure(
    transport: HttpTransport, server: RawServer
) -> None:
    server.answers = [CLOSE]
    result = post(transport, server)
    assert result.status_code is None and not result.succeeded
    assert result.error is not None and "RemoteDisconnected" in result.error
    assert len(server.requests) == 1


def test_garbage_a_timeout_and_a_refused_connection_are_failures(
    transport: HttpTransport, server: RawServer
) -> None:
    server.answers = [b"SSH-2.0-OpenSSH\r\n\r\n"]
    garbage = post(transport, server)
    assert garbage.status_code is None and "ProtocolError" in (garbage.error or "")

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    with silent:
        quick = HttpTransport(allow_private=True, timeout=0.2)
        port = silent.getsockname()[1]
        timed_out = quick.post(f"http://127.0.0.1:{port}/", b"{}", {})
        assert timed_out.status_code is None and "TimeoutError" in (timed_out.error or "")
    refused = quick.post(f"http://127.0.0.1:{port}/", b"{}", {})
    assert refused.status_code is None and "ConnectionRefusedError" in (refused.error or "")


def test_private_and_plain_http_targets_are_refused_unless_allowed() -> None:
    strict = HttpTransport()
    assert "private" in (strict.post("https://127.0.0.1:9/h", b"{}", {}).error or "")
    assert "https" in (strict.post("http://example.com/h", b"{}", {}).error or "")
    assert "control" in (strict.post("https://example.com/a b", b"{}", {}).error or "")


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[RawServer, Path]]:
    """The scripted server behind TLS, with a self-signed certificate for 127.0.0.1."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command: apt-get install openssl")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    raw = RawServer(port=listener.getsockname()[1])

    def serve() -> None:
        while True:
            try:
                sock, _ = listener.accept()
            except OSError:
                return
            raw.connections += 1
            try:
                tls = context.wrap_socket(sock, server_side=True)
            except (OSError, ssl.SSLError):
                sock.close()
                continue
            threading.Thread(target=raw.talk, args=(tls, raw.connections), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    yield raw, cert
    listener.close()


def test_https_checks_the_certificate_and_keeps_the_connection(
    tls_server: tuple[RawServer, Path],
) -> None:
    server, cert = tls_server
    url = f"https://127.0.0.1:{server.port}/hook"
    untrusting = HttpTransport(allow_private=True, timeout=2.0)
    refused = untrusting.post(url, b"{}", {})
    assert refused.status_code is None and "CERTIFICATE_VERIFY_FAILED" in (refused.error or "")
    trusting = HttpTransport(
        allow_private=True, timeout=2.0, tls=ssl.create_default_context(cafile=str(cert))
    )
    server.answers = [b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"]
    first, second = (trusting.post(url, b'{"a":1}', {"webhook-id": "m"}) for _ in range(2))
    trusting.close()
    assert (first.status_code, first.excerpt, second.status_code) == (200, "ok", 204)
    assert [body for _, _, body in server.requests] == [b'{"a":1}', b'{"a":1}']
    assert server.connections == 2  # the refused one, then one kept for both


def test_connections_idle_too_long_or_too_many_are_closed_not_reused(
    transport: HttpTransport, server: RawServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(http, "IDLE_SECONDS", 0.0)
    post(transport, server)
    post(transport, server)
    assert server.connections == 2  # the first one had been idle "too long"

    monkeypatch.setattr(http, "IDLE_SECONDS", 60.0)
    monkeypatch.setattr(http, "IDLE_TOTAL", 1)
    other = RawServer()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    other.port = listener.getsockname()[1]
    threading.Thread(target=other.serve, args=(listener,), daemon=True).start()
    with listener:
        post(transport, server)  # (the second connection again)
        post(transport, other)  # other's is kept, server's (idle longer) closed
        post(transport, other)
        post(transport, server)  # a third one
    assert (server.connections, other.connections) == (3, 1)


def test_malformed_lengths_are_protocol_errors(transport: HttpTransport, server: RawServer) -> None:
    server.answers = [
        b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n",
    ]
    for _ in range(2):
        result = post(transport, server)
        assert result.status_code is None and "ProtocolError" in (result.error or "")
    assert post(transport, server).status_code == 204
