"""The recording receiver: a webhook endpoint on loopback that checks every signature and
records every arrival (webhook-id, event, when it came and when it was answered)."""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ordex.webhooks import WebhookVerificationError, verify


@dataclass(frozen=True)
class Arrival:
    webhook_id: str
    topic: str
    document_id: str
    created_on: str
    arrived: float  # time.time() when the request came
    answered: float  # time.time() when its 200 was written
    status: int


@dataclass
class RecordingReceiver:
    secret: str
    delay: tuple[float, float] = (0.0, 0.0)
    """Seconds to wait before answering, drawn uniformly (a slow receiver)."""
    seed: int = 0
    url: str = ""
    arrivals: list[Arrival] = field(default_factory=list)
    bad_signatures: int = 0
    overlaps: list[str] = field(default_factory=list)
    """webhook-ids that arrived while an earlier copy of them was still being answered."""
    _in_flight: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def handle(self, headers: dict[str, str], body: bytes) -> int:
        arrived = time.time()
        try:
            verify(self.secret, headers, body)
        except WebhookVerificationError:
            with self._lock:
                self.bad_signatures += 1
            return 401
        webhook_id = headers.get("webhook-id", "")
        with self._lock:
            if self._in_flight[webhook_id]:
                self.overlaps.append(webhook_id)
            self._in_flight[webhook_id] += 1
            pause = self._random.uniform(*self.delay)
        try:
            if pause:
                time.sleep(pause)
            event = json.loads(body)
            return 200
        finally:
            with self._lock:
                self._in_flight[webhook_id] -= 1
                self.arrivals.append(
                    Arrival(
                        webhook_id,
                        event.get("topic", ""),
                        event.get("documentId", ""),
                        event.get("createdOn", ""),
                        arrived,
                        time.time(),
                        200,
                    )
                )

    def received(self) -> list[Arrival]:
        with self._lock:
            return list(self.arrivals)


@contextmanager
def recording_receiver(
    secret: str, delay: tuple[float, float] = (0.0, 0.0), seed: int = 0
) -> Iterator[RecordingReceiver]:
    receiver = RecordingReceiver(secret, delay, seed)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            status = receiver.handle({k.lower(): v for k, v in self.headers.items()}, body)
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a worker killed in the middle of a send: nothing to record

    server = Server(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
