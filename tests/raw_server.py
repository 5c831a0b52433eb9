"""A loopback server that answers webhooks with scripted bytes, or misbehaves as told.

Each answer is either bytes (sent whole; ``CLOSE`` closes without answering) or a
function given the socket, which then owns the connection: the hostile receivers below
(``endless``, ``drip``, ``hold``) are such functions. Every one of them stops by itself
(bounded in time and bytes) and when the client goes away.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

CLOSE = b""  # as an answer: close the connection without answering
Answer = bytes | Callable[[socket.socket], None]
LIMIT_SECONDS = 10.0  # a hostile answer gives up after this long
LIMIT_BYTES = 64 * 1024 * 1024  # ... or after sending this much


@dataclass
class RawServer:
    """Answers each request with the next scripted answer; notes connections and requests."""

    answers: list[Answer] = field(default_factory=list)
    requests: list[tuple[int, bytes, bytes]] = field(default_factory=list)  # conn, head, body
    connections: int = 0
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook?x=1"

    def serve(self, listener: socket.socket) -> None:
        while True:
            try:
                sock, _ = listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self.talk, args=(sock, self.connections), daemon=True).start()

    def talk(self, sock: socket.socket, number: int) -> None:
        buffer = b""
        with sock:
            while True:
                try:
                    while b"\r\n\r\n" not in buffer:
                        data = sock.recv(65536)
                        if not data:
                            return
                        buffer += data
                    head, _, buffer = buffer.partition(b"\r\n\r\n")
                    length = 0
                    for line in head.split(b"\r\n")[1:]:
                        name, _, value = line.partition(b":")
                        if name.lower() == b"content-length":
                            length = int(value)
                    while len(buffer) < length:
                        buffer += sock.recv(65536)
                except OSError:
                    return
                self.requests.append((number, head, buffer[:length]))
                buffer = buffer[length:]
                answer = self.answers.pop(0) if self.answers else b"HTTP/1.1 204 OK\r\n\r\n"
                if answer == CLOSE:
                    return
                if not isinstance(answer, bytes):
                    answer(sock)
                    return
                try:
                    sock.sendall(answer)
                except OSError:
                    return
                if answer.startswith(b"HTTP/1.0"):
                    return  # HTTP/1.0: the body ends with the connection


@contextmanager
def raw_server() -> Iterator[RawServer]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    raw = RawServer(port=listener.getsockname()[1])
    threading.Thread(target=raw.serve, args=(listener,), daemon=True).start()
    try:
        yield raw
    finally:
        listener.close()


def endless(head: bytes, piece: bytes) -> Callable[[socket.socket], None]:
    """Send ``head``, then ``piece`` again and again until the client leaves."""

    def answer(sock: socket.socket) -> None:
        give_up = time.monotonic() + LIMIT_SECONDS
        sent = 0
        try:
            sock.sendall(head)
            while time.monotonic() < give_up and sent < LIMIT_BYTES:
                sock.sendall(piece)
                sent += len(piece)
        except OSError:
            return

    return answer


def drip(data: bytes, every: float) -> Callable[[socket.socket], None]:
    """Send ``data`` one byte at a time, a byte every ``every`` seconds."""

    def answer(sock: socket.socket) -> None:
        try:
            for n in range(len(data)):
                sock.sendall(data[n : n + 1])
                time.sleep(every)
        except OSError:
            return

    return answer


def hold(seconds: float = LIMIT_SECONDS) -> Callable[[socket.socket], None]:
    """Say nothing, keep the connection open."""

    def answer(sock: socket.socket) -> None:
        sock.settimeout(seconds)
        try:
            sock.recv(1)
        except OSError:
            return

    return answer
