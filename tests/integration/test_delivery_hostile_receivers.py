"""The webhook client against hostile receivers on loopback: each delivery ends in time.

A receiver is anyone's URL, so its answer may be endless, slow, oversized or not HTTP at
all. Whatever it does, the delivery records a success or a failure, takes no longer than
the transport's timeout, and reads no more than ``MAX_ANSWER_BYTES`` of the answer.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import h11
import pytest

from ordex.delivery import http
from ordex.delivery.http import EXCERPT_BYTES, MAX_ANSWER_BYTES, MAX_RETRY_AFTER, HttpTransport
from ordex.services.ports import HttpResult
from tests.raw_server import Answer, RawServer, drip, endless, hold, raw_server

TIMEOUT = 1.0


@pytest.fixture
def server() -> Iterator[RawServer]:
    with raw_server() as raw:
        yield raw


@pytest.fixture
def transport() -> Iterator[HttpTransport]:
    http = HttpTransport(allow_private=True, timeout=TIMEOUT)
    yield http
    http.close()


def timed_post(transport: HttpTransport, server: RawServer) -> tuple[HttpResult, float]:
    started = time.monotonic()
    result = transport.post(server.url, b'{"a":1}', {"webhook-id": "msg_1"})
    return result, time.monotonic() - started


def test_an_endless_body_is_cut_at_the_excerpt_without_waiting(
    transport: HttpTransport, server: RawServer
) -> None:
    server.answers = [
        endless(b"HTTP/1.1 500 Oops\r\nContent-Length: 99999999999\r\n\r\n", b"x" * 4096),
        endless(b"HTTP/1.1 500 Oops\r\n\r\n", b"y" * 4096),  # no length: ends with the connection
        endless(b"HTTP/1.1 500 Oops\r\nTransfer-Encoding: chunked\r\n\r\n", b"1\r\nz\r\n"),
    ]
    for letter in "xyz":
        result, took = timed_post(transport, server)
        assert (result.status_code, result.excerpt) == (500, letter * EXCERPT_BYTES)
        assert took < TIMEOUT / 2
    result, _ = timed_post(transport, server)
    assert result.status_code == 204
    assert server.connections == 4  # none of the cut connections was used again


def test_an_answer_without_content_length_ends_with_its_connection(
    transport: HttpTransport, server: RawServer
) -> None:
    def answer_and_close(sock: socket.socket) -> None:
        sock.sendall(b"HTTP/1.1 202 Accepted\r\n\r\nnoted")

    server.answers = [answer_and_close]
    result, _ = timed_post(transport, server)
    assert (result.status_code, result.excerpt) == (202, "noted")
    assert timed_post(transport, server)[0].status_code == 204
    assert server.connections == 2


CHUNKED = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
ENDLESS_HEADS = [
    ("endless headers", endless(b"HTTP/1.1 200 OK\r\n", b"X-Filler: aaaaaaaa\r\n")),
    ("an endless header line", endless(b"HTTP/1.1 200 OK\r\nX-Filler: ", b"a" * 1024)),
    ("endless 100 Continue", endless(b"", b"HTTP/1.1 100 Continue\r\n\r\n")),
    ("an endless chunk size line", endless(CHUNKED, b"0" * 1024)),
    ("an endless chunk extension", endless(CHUNKED + b"1;", b"a" * 1024)),
]


@pytest.mark.parametrize(("case", "answer"), ENDLESS_HEADS, ids=[c for c, _ in ENDLESS_HEADS])
def test_an_endless_head_is_a_protocol_error_without_waiting(
    transport: HttpTransport, server: RawServer, case: str, answer: Answer
) -> None:
    server.answers = [answer]
    result, took = timed_post(transport, server)
    assert result.status_code is None and "ProtocolError" in (result.error or ""), result
    assert took < TIMEOUT / 2
    assert timed_post(transport, server)[0].status_code == 204


def test_a_receiver_that_drips_its_answer_meets_the_timeout_for_the_whole_answer(
    transport: HttpTransport, server: RawServer
) -> None:
    """Each byte comes well within the timeout, the whole answer never does."""
    server.answers = [drip(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", every=0.1)]
    result, took = timed_post(transport, server)
    assert result.status_code is None and "TimeoutError" in (result.error or "")
    assert TIMEOUT <= took < TIMEOUT + 0.5


def test_a_receiver_that_never_answers_meets_the_timeout(
    transport: HttpTransport, server: RawServer
) -> None:
    server.answers = [hold()]
    result, took = timed_post(transport, server)
    assert result.status_code is None and "TimeoutError" in (result.error or "")
    assert took < TIMEOUT + 0.5


def test_a_receiver_that_never_completes_the_tls_handshake_meets_the_timeout() -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # (connections wait in the backlog: no handshake ever)
    transport = HttpTransport(allow_private=True, timeout=TIMEOUT)
    with silent:
        started = time.monotonic()
        result = transport.post(f"https://127.0.0.1:{silent.getsockname()[1]}/h", b"{}", {})
        took = time.monotonic() - started
    assert result.status_code is None and "TimeoutError" in (result.error or "")
    assert took < TIMEOUT + 0.5


BAD_ANSWERS = [
    ("negative status", b"HTTP/1.1 -12 Odd\r\nContent-Length: 0\r\n\r\n"),
    ("status with a sign", b"HTTP/1.1 +20 Odd\r\nContent-Length: 0\r\n\r\n"),
    ("status with an underscore", b"HTTP/1.1 2_0 Odd\r\nContent-Length: 0\r\n\r\n"),
    ("four-digit status", b"HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n"),
    ("not HTTP", b"SSH-2.0-OpenSSH_9.6\r\n\r\n"),
    ("HTTP/2 preface", b"HTTP/2 200\r\n\r\n"),
    ("a header without a colon", b"HTTP/1.1 200 OK\r\nBroken header\r\nContent-Length: 0\r\n\r\n"),
    ("a NUL in a header", b"HTTP/1.1 200 OK\r\nX-A: b\x00c\r\nContent-Length: 0\r\n\r\n"),
    ("conflicting lengths", b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 9\r\n\r\nok"),
    ("a signed length", b"HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\nok"),
    ("a hex length", b"HTTP/1.1 200 OK\r\nContent-Length: 0x2\r\n\r\nok"),
    ("an unknown coding", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
    ("a bad chunk size", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n"),
    ("an unasked-for upgrade", b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n"),
]


@pytest.mark.parametrize(("case", "answer"), BAD_ANSWERS, ids=[case for case, _ in BAD_ANSWERS])
def test_a_malformed_answer_is_a_protocol_error_and_its_connection_dropped(
    transport: HttpTransport, server: RawServer, case: str, answer: bytes
) -> None:
    server.answers = [answer]
    result, took = timed_post(transport, server)
    assert result.status_code is None and "ProtocolError" in (result.error or ""), result
    assert took < TIMEOUT / 2
    assert timed_post(transport, server)[0].status_code == 204
    assert server.connections == 2


def test_informational_answers_are_skipped_for_the_final_one(
    transport: HttpTransport, server: RawServer
) -> None:
    server.answers = [
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone"
    ]
    result, _ = timed_post(transport, server)
    assert (result.status_code, result.excerpt) == (200, "done")
    assert timed_post(transport, server)[0].status_code == 204
    assert server.connections == 1


def test_connection_close_and_http_1_0_are_not_kept_and_chunked_answers_are(
    transport: HttpTransport, server: RawServer
) -> None:
    server.answers = [
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n",
    ]
    results = [timed_post(transport, server)[0] for _ in range(4)]
    assert [r.status_code for r in results] == [200, 200, 200, 204]
    assert results[0].excerpt == "ok"
    assert server.connections == 3  # the chunked one kept; after close and 1.0, new ones


def test_bytes_beyond_the_answer_are_not_taken_for_the_next_answer(
    transport: HttpTransport, server: RawServer
) -> None:
    """A receiver that sends a second answer ahead does not get to answer the next request."""
    server.answers = [
        b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 201 Smuggled\r\n\r\n",
        b"HTTP/1.1 202 Real\r\nContent-Length: 0\r\n\r\n",
    ]
    first, second = (timed_post(transport, server)[0] for _ in range(2))
    assert (first.status_code, second.status_code) == (200, 202)
    assert server.connections == 2


def test_what_a_receiver_says_on_an_idle_connection_is_not_taken_for_the_next_answer(
    transport: HttpTransport, server: RawServer
) -> None:
    def answer_then_time_out(sock: socket.socket) -> None:
        sock.sendall(b"HTTP/1.1 204 No Content\r\n\r\n")
        time.sleep(0.05)
        sock.sendall(b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n")

    server.answers = [answer_then_time_out]
    assert timed_post(transport, server)[0].status_code == 204
    time.sleep(0.3)
    result, _ = timed_post(transport, server)
    assert result.status_code == 204
    assert server.connections == 2


def test_an_answer_cut_short_by_the_receiver_is_a_failure(
    transport: HttpTransport, server: RawServer
) -> None:
    def cut(sock: socket.socket) -> None:
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc")

    server.answers = [cut]
    result, _ = timed_post(transport, server)
    assert result.status_code is None and "RemoteDisconnected" in (result.error or "")


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        ("inf", None),
        ("nan", None),
        ("1e400", None),
        ("99999999999999999999999", MAX_RETRY_AFTER),
        ("Fri, 31 Dec 9999 23:59:59 GMT", MAX_RETRY_AFTER),
    ],
)
def test_retry_after_is_read_strictly_and_capped(
    transport: HttpTransport, server: RawServer, value: str, seconds: float | None
) -> None:
    server.answers = [
        b"HTTP/1.1 503 Busy\r\nRetry-After: %s\r\nContent-Length: 0\r\n\r\n" % value.encode()
    ]
    result, _ = timed_post(transport, server)
    assert (result.status_code, result.retry_after_seconds) == (503, seconds)


def test_no_more_than_the_read_limit_is_taken_from_the_socket() -> None:
    """Over a socket pair: what the client left unread tells how much it read."""
    ours, theirs = socket.socketpair()
    total = 4 * MAX_ANSWER_BYTES
    answer = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    answer += b"1\r\nx\r\n" * ((total - len(answer)) // 6)

    def receiver() -> None:
        with theirs:
            theirs.recv(65536)  # the request
            theirs.sendall(answer)

    thread = threading.Thread(target=receiver, daemon=True)
    thread.start()
    connection = http._Connection(ours)
    request = h11.Request(
        method="POST", target="/", headers=[("Host", "a"), ("Content-Length", "2")]
    )
    result = connection.exchange(request, b"{}", False, time.monotonic() + TIMEOUT)
    assert (result.status, result.excerpt, result.reusable) == (200, b"x" * EXCERPT_BYTES, False)
    left = 0
    ours.settimeout(TIMEOUT)
    while data := ours.recv(65536):
        left += len(data)
    thread.join()
    ours.close()
    assert len(answer) - left <= MAX_ANSWER_BYTES
