"""A loopback webhook receiver that takes its time: it notes each request when it arrives
and when it has answered it, and answers after a delay set per path (or held by hand)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Arrival:
    path: str
    webhook_id: str
    document_id: str
    at: float  # time.monotonic()


@dataclass
class SlowReceiver:
    url: str  # of the receiver, without a path
    delays: dict[str, float] = field(default_factory=dict)  # path -> seconds before answering
    delay: float = 0.0  # for other paths
    hold_first: float = 0.0  # seconds the very first request waits for its answer
    arrived: list[Arrival] = field(default_factory=list)
    answered: list[Arrival] = field(default_factory=list)  # (fully written)

    def delay_for(self, path: str, first: bool) -> float:
        if first and self.hold_first:
            return self.hold_first
        return self.delays.get(path, self.delay)

    def documents(self, path: str | None = None) -> list[str]:
        return [a.document_id for a in list(self.arrived) if path in (None, a.path)]

    def arrived_ids(self) -> list[str]:
        """The webhook-id of each request, as they came (a delivery's id)."""
        return [a.webhook_id for a in list(self.arrived)]


@contextmanager
def slow_receiver() -> Iterator[SlowReceiver]:
    receiver = SlowReceiver(url="")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            arrival = Arrival(
                self.path,
                self.headers.get("webhook-id", ""),
                json.loads(body).get("documentId", ""),
                time.monotonic(),
            )
            with lock:
                first = not receiver.arrived
                receiver.arrived.append(arrival)
            time.sleep(receiver.delay_for(self.path, first))
            try:
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
                self.wfile.flush()
            except OSError:  # the sender is gone
                return
            receiver.answered.append(arrival)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


def wait_for(condition: object, timeout: float = 60.0, what: str = "") -> float:
    """Wait until ``condition()``; returns the seconds waited."""
    started = time.monotonic()
    while time.monotonic() < started + timeout:
        if condition():  # type: ignore[operator]
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout:g} s" + (f": {what}" if what else ""))
