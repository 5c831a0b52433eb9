"""Webhook delivery throughput: ordex's worker against a bare httpx loop, same receiver.

    .venv/bin/python bench/delivery.py [--events 2000]

Prints deliveries per second for both, and the ratio (target of issue 3: >= 2,000/s and
>= 50 % of the bare loop). Run by hand; the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import tempfile
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.delivery.worker import drain
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.services.context import new_id
from ordex.services.hooks import PutHook, put_hook
from ordex.services.ports import OutboxMessage

PARTY = "0088:7302347231110"


def serve(port: int) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--port", type=int, default=9911)
    args = parser.parse_args()
    receiver = multiprocessing.Process(target=serve, args=(args.port,), daemon=True)
    receiver.start()
    time.sleep(0.5)
    url = f"http://127.0.0.1:{args.port}/hook"
    body = b'{"topic":"OrderReceived","documentId":"x"}' * 4

    with httpx.Client() as client:
        started = time.perf_counter()
        for _ in range(args.events):
            client.post(url, content=body, headers={"Content-Type": "application/json"})
        bare = args.events / (time.perf_counter() - started)

    with tempfile.TemporaryDirectory() as tmp:
        rt = bootstrap(
            Settings(database_url=f"sqlite:///{Path(tmp) / 'b.db'}", allow_private_webhooks=True)
        )
        account, _ = create_account(rt.ctx, "bench", [parse_party_id(PARTY)])
        put_hook(rt.ctx, PutHook(account, parse_party_id(PARTY), url, ["*"], secret="s"))
        with rt.ctx.uow() as uow:
            for n in range(args.events):
                uow.outbox.add(
                    OutboxMessage(
                        new_id(),
                        "OrderReceived",
                        PARTY,
                        f"d{n}",
                        "0088:1",
                        "bench",
                        datetime.now(UTC),
                    )
                )
            uow.commit()
        assert rt.ctx.transport is not None
        started = time.perf_counter()
        sent = drain(rt.ctx, rt.ctx.transport)
        ordex = sent / (time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"events              {args.events}")
    print(f"bare httpx loop     {bare:8.0f} deliveries/s")
    print(f"ordex worker        {ordex:8.0f} deliveries/s  (sent {sent})")
    print(f"ratio ordex/bare    {ordex / bare:8.2f}")
    print(f"peak memory (bench process, both runs) {peak_mb:.0f} MB")
    receiver.terminate()


if __name__ == "__main__":
    main()
