"""Webhook delivery: ordex's worker against a bare httpx loop, same loopback receiver.

    .venv/bin/python bench/delivery.py [--events 5000] [--hooks 10] [--rate 500]

Three measurements in one run, against one receiver process (a small asyncio HTTP/1.1
server that answers 204 and notes when each event arrived):

1. baseline: a bare ``httpx.Client`` loop posting the same number of bodies (and, for
   reference only, the same from as many threads as the worker has senders);
2. throughput: ``--events`` events committed to the outbox first, spread over
   ``--hooks`` hooks, then one worker (relay + deliver, as ``ordex worker`` runs it)
   drains them; deliveries per second and the ratio to the baseline;
3. latency: the worker runs as ``ordex worker`` runs it (a thread polling the database)
   while a producer commits one event per transaction at ``--rate`` per second; the time
   from each commit to its receipt, p50 and p99.

It also checks that every hook received its events in the order they were committed,
and prints the CPU time of one POST (the sending thread's, so less sensitive to a busy
machine than the rates): ordex's ``HttpTransport`` (h11 framing) and ``httpx.Client``.
Targets of issue 3: >= 2,000 deliveries/s, >= 50 % of the bare loop, worker peak memory
under 200 MB; of issue 16: the ratio stays >= 1.0 with h11 framing and fair scheduling.
Run by hand; the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import resource
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

import httpx

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.delivery.http import HttpTransport
from ordex.delivery.worker import SENDERS, Worker
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.services.context import Context, new_id
from ordex.services.hooks import PutHook, put_hook
from ordex.services.ports import OutboxMessage

JSON = {"Content-Type": "application/json"}


class Receiver(asyncio.Protocol):
    """Minimal keep-alive HTTP/1.1: reads each request, answers 204, notes the arrival."""

    log: ClassVar[list[tuple[str, str, float]]] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end].decode("latin-1")
            length = 0
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            body = self.buffer[end + 4 : end + 4 + length]
            self.buffer = self.buffer[end + 4 + length :]
            path = head.split(" ", 2)[1]
            if path == "/stats":
                answer = json.dumps(Receiver.log).encode()
                Receiver.log = []
                self.transport.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(answer)}\r\n\r\n".encode()
                    + answer
                )
                continue
            if body.startswith(b"{"):
                document = json.loads(body).get("documentId", "")
                Receiver.log.append((path, document, time.time()))
            self.transport.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")


def receive(port: int) -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(Receiver, "127.0.0.1", port)
        await server.serve_forever()

    asyncio.run(main())


def stats(base: str) -> list[tuple[str, str, float]]:
    rows = httpx.get(f"{base}/stats").json()
    return [(path, document, at) for path, document, at in rows]


def wait_for(base: str, count: int, timeout: float = 120.0) -> list[tuple[str, str, float]]:
    got: list[tuple[str, str, float]] = []
    deadline = time.monotonic() + timeout
    while len(got) < count and time.monotonic() < deadline:
        got += stats(base)
        time.sleep(0.01)
    return got


def event(party: str, document_id: str) -> OutboxMessage:
    return OutboxMessage(
        new_id(),
        "OrderReceived",
        party,
        document_id,
        "0088:7300010000001",
        "An order was received.",
        datetime.now(UTC),
        {"documentNumber": document_id},
    )


def gln(first_12_digits: int) -> str:
    """A Peppol GLN party ID with its GS1 check digit."""
    digits = [int(c) for c in str(first_12_digits)]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return f"0088:{first_12_digits}{(10 - total % 10) % 10}"


def in_order(log: list[tuple[str, str, float]], expected: dict[str, list[str]]) -> bool:
    seen: dict[str, list[str]] = {}
    for path, document, _ in log:
        seen.setdefault(path, []).append(document)
    return all(seen.get(path) == documents for path, documents in expected.items())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--hooks", type=int, default=10)
    parser.add_argument("--rate", type=float, default=500.0, help="events/s, latency phase")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of latency phase")
    parser.add_argument("--port", type=int, default=9911)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("ORDEX_BENCH_DATABASE_URL"),
        help="an empty database (default: a new SQLite file); e.g. under .ci/with-postgres: "
        "--database-url $ORDEX_TEST_POSTGRES_URL",
    )
    args = parser.parse_args()
    receiver = multiprocessing.Process(target=receive, args=(args.port,), daemon=True)
    receiver.start()
    base = f"http://127.0.0.1:{args.port}"
    for _ in range(100):
        try:
            httpx.get(f"{base}/stats")
            break
        except httpx.HTTPError:
            time.sleep(0.05)

    # 1. the bare loop, with a body like ordex's
    body = json.dumps(
        {
            "topic": "OrderReceived",
            "partyId": "0088:7302347231110",
            "hookId": new_id(),
            "documentId": "d",
            "senderPartyId": "0088:7300010000001",
            "message": "An order was received.",
            "details": {"documentNumber": "d"},
            "createdOn": datetime.now(UTC).isoformat(),
            "sentOn": datetime.now(UTC).isoformat(),
        }
    ).encode()
    with httpx.Client() as client:
        started = time.perf_counter()
        for _ in range(args.events):
            client.post(f"{base}/bare", content=body, headers={"Content-Type": "application/json"})
        bare = args.events / (time.perf_counter() - started)
    stats(base)

    # 1b. (extra, for reference) bare httpx side by side: a thread per hook path, as many
    # threads as the worker has senders, each with its own keep-alive client
    def bare_hook(n: int) -> None:
        with httpx.Client() as client:
            for _ in range(n):
                client.post(f"{base}/bare", content=body, headers=JSON)

    per_thread = [args.events // SENDERS + (n < args.events % SENDERS) for n in range(SENDERS)]
    with ThreadPoolExecutor(SENDERS) as pool:
        started = time.perf_counter()
        list(pool.map(bare_hook, per_thread))
        bare_threads = args.events / (time.perf_counter() - started)
    stats(base)

    # 1c. CPU time of one POST in the sending thread: ordex's transport, then httpx
    posts = min(args.events, 2000)
    transport = HttpTransport(allow_private=True)
    signed = {  # as many and as long as ordex's signed headers
        "webhook-id": new_id(),
        "webhook-timestamp": "1700000000",
        "webhook-signature": "v1," + "A" * 44,
        "X-EConnect-Signature": "sha256=" + "0" * 64,
    }
    cpu = time.thread_time()
    for _ in range(posts):
        transport.post(f"{base}/cpu", body, signed)
    transport_us = (time.thread_time() - cpu) / posts * 1e6
    transport.close()
    with httpx.Client() as client:
        cpu = time.thread_time()
        for _ in range(posts):
            client.post(f"{base}/cpu", content=body, headers={**JSON, **signed})
        httpx_us = (time.thread_time() - cpu) / posts * 1e6
    stats(base)

    with tempfile.TemporaryDirectory() as tmp:
        rt = bootstrap(
            Settings(
                database_url=args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}",
                allow_private_webhooks=True,
            )
        )
        ctx = rt.ctx
        parties = [gln(730234723100 + n) for n in range(args.hooks)]
        account, _ = create_account(ctx, "bench", [parse_party_id(p) for p in parties])
        for n, party in enumerate(parties):
            put_hook(
                ctx, PutHook(account, parse_party_id(party), f"{base}/h{n}", ["*"], secret="s")
            )
        expected: dict[str, list[str]] = {}

        def add(uow_ctx: Context, n: int) -> str:
            hook = n % args.hooks
            document = f"e{n}"
            with uow_ctx.uow() as uow:
                uow.outbox.add(event(parties[hook], document))
                uow.commit()
            expected.setdefault(f"/h{hook}", []).append(document)
            return document

        # 2. throughput: a backlog, drained by one worker
        with ctx.uow() as uow:
            for n in range(args.events):
                hook = n % args.hooks
                uow.outbox.add(event(parties[hook], f"b{n}"))
                expected.setdefault(f"/h{hook}", []).append(f"b{n}")
            uow.commit()
        assert ctx.transport is not None
        worker = Worker(ctx, ctx.transport)
        started = time.perf_counter()
        sent = worker.drain()
        log = wait_for(base, args.events)
        ordex = len(log) / (time.perf_counter() - started)
        ordered = in_order(log, expected)

        # 3. latency: events committed at a fixed rate while the worker polls
        expected.clear()
        stop = threading.Event()
        thread = threading.Thread(target=worker.run, args=(stop,), daemon=True)
        thread.start()
        committed: dict[str, float] = {}
        total = int(args.rate * args.seconds)
        started = time.perf_counter()
        for n in range(total):
            pause = started + n / args.rate - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            document = add(ctx, n)
            committed[document] = time.time()
        log = wait_for(base, total)
        stop.set()
        thread.join()
        worker.close()
        latencies = sorted((at - committed[document]) * 1000 for _, document, at in log)
        ordered = ordered and in_order(log, expected)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    p50 = statistics.median(latencies)
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(f"events {args.events} over {args.hooks} hooks; latency phase {total} at {args.rate}/s")
    print(f"bare httpx loop      {bare:8.0f} deliveries/s  (the baseline)")
    print(
        f"  (extra: {SENDERS} threads  {bare_threads:8.0f} deliveries/s, bare httpx side by side)"
    )
    print(f"CPU per POST         ordex transport {transport_us:.0f} us, httpx {httpx_us:.0f} us")
    print(f"ordex worker         {ordex:8.0f} deliveries/s  (attempts {sent})")
    print(f"ratio ordex/bare     {ordex / bare:8.2f}")
    print(f"commit to receipt    p50 {p50:.1f} ms   p99 {p99:.1f} ms   ({len(log)} events)")
    print(f"in order per hook    {ordered}")
    print(f"peak memory          {peak_mb:.0f} MB (the bench process: bare loop and worker)")
    receiver.terminate()


if __name__ == "__main__":
    main()
