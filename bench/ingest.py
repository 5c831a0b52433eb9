"""Ingest: Peppol orders over HTTP into a running ordex server, against a raw-body baseline.

    .venv/bin/python bench/ingest.py [--database-url URL] [--workers N] [--duration 10]
                                     [--rate 250] [--concurrency 16] [--big-share 0.1]
    .venv/bin/python bench/ingest.py --profile [--database-url URL]

The server is ``ordex serve`` as it runs in production (its embedded delivery worker and
purge included), started as a process of its own with ``--workers`` processes, plus one
extra route mounted by this script: ``POST /bench/raw`` stores the raw request body in a
table of the same database and answers 200, nothing else (the baseline). A load
generator, another process, sends valid Peppol T01 orders with fresh IDs between two
registered parties, a mix of 5-line and 200-line orders built from
``examples/order.xml`` (``--big-share`` of them have 200 lines), over keep-alive
HTTP/1.1 connections of its own making (``Connection``): it shares the machine with the
server, so it is kept lean (a few per cent of a core; the ``gen. CPU`` column says how
much it took in each phase). With httpx, as before, the generator itself held the
baseline down to about half its rate and so flattered the ratio.

1. baseline: the same bodies, max rate, to ``/bench/raw`` (first, so that no backlog of
   the other phases runs beside it);
2. max rate: ``--concurrency`` requests in flight for ``--duration`` seconds;
3. fixed rate: ``--rate`` orders per second, open loop, for ``--duration`` seconds.

It reports accepted orders per second, latency p50/p95/p99 of each phase, the server's
peak resident memory (each process, sampled from /proc), and the ratio to the baseline.
The database is SQLite in a temporary directory unless ``--database-url`` names a
PostgreSQL server, where a fresh database is created and dropped afterwards (the URL's
user must be allowed to create databases). ``--profile`` runs pyinstrument (``pip install
pyinstrument``) over accepted orders in-process and prints where one order's time goes.

Targets of issue 8 on a 2-core machine: >= 500 orders/s on SQLite with one process and
>= 50 % of the baseline; p99 < 100 ms at 250 orders/s; peak server memory < 300 MB; on
PostgreSQL two processes >= 1.6 x one. Run by hand; the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI, Request, Response
from orders import BUYER, SELLER, bodies
from sqlalchemy import Column, DateTime, Integer, LargeBinary, MetaData, Table, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from starlette.concurrency import run_in_threadpool

ROOT = Path(__file__).resolve().parents[1]
MAX_IN_FLIGHT = 200  # fixed-rate phase: beyond this the generator skips, not queues

raw_metadata = MetaData()
bench_raw = Table(
    "bench_raw",
    raw_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("body", LargeBinary, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)


# -- the server ----------------------------------------------------------------------------


def bench_app() -> FastAPI:
    """``ordex serve``'s app in each server process, plus the baseline route."""
    from ordex.serving import app_from_environment

    app = app_from_environment()
    engine = app.state.runtime.engine

    from ordex.storage.unit_of_work import _writer_lock

    writer = _writer_lock(engine)  # SQLite: queue on ordex's own in-process writer lock

    def store(body: bytes) -> None:
        from datetime import UTC, datetime

        if writer is not None:
            writer.acquire()
        try:
            with engine.begin() as conn:
                row = dict(body=body, received_at=datetime.now(UTC))
                conn.execute(bench_raw.insert().values(**row))
        finally:
            if writer is not None:
                writer.release()

    @app.post("/bench/raw", include_in_schema=False)
    async def raw(request: Request) -> Response:
        await run_in_threadpool(store, await request.body())
        return Response(b'{"stored":true}', media_type="application/json")

    return app


@contextmanager
def database(url: str | None) -> Iterator[str]:
    """A fresh database: SQLite in a temporary directory, or a new one on ``url``'s server."""
    if url is None:
        with tempfile.TemporaryDirectory() as directory:
            yield f"sqlite:///{directory}/bench.db"
        return
    from ordex.storage.unit_of_work import postgres_url

    server = make_url(postgres_url(url))
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    name = f"ordex_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def prepare(url: str) -> str:
    """Migrate, register the buyer and the seller, add the baseline table; the buyer's key."""
    from ordex.bootstrap import bootstrap
    from ordex.config import Settings
    from ordex.peppol.identifiers import parse_party_id
    from ordex.services.accounts import create_account

    rt = bootstrap(Settings(database_url=url))
    _, key = create_account(rt.ctx, "Buyer", [parse_party_id(BUYER)])
    create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    raw_metadata.create_all(rt.engine)
    rt.engine.dispose()
    return key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class MemoryWatch:
    """Peak resident memory of a process and its children, from /proc every 50 ms."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peaks: dict[int, int] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _pids(self) -> list[int]:
        pids = [self.pid]
        try:
            children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
            pids += [int(child) for child in children]
        except OSError:
            pass
        return pids

    def _run(self) -> None:
        while not self.stop.wait(0.05):
            for pid in self._pids():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                found = re.search(r"VmRSS:\s+(\d+) kB", status)
                if found:
                    self.peaks[pid] = max(self.peaks.get(pid, 0), int(found.group(1)))

    def close(self) -> dict[int, int]:
        self.stop.set()
        self.thread.join()
        return self.peaks


@contextmanager
def server(url: str, workers: int) -> Iterator[tuple[str, MemoryWatch]]:
    port = free_port()
    paths = [str(ROOT / "bench"), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "ORDEX_DATABASE_URL": url, "PYTHONPATH": os.pathsep.join(paths)}
    env.setdefault("ORDEX_RATE_LIMIT", "off")  # one account sends every order
    command = [sys.executable, "-m", "uvicorn", "--factory", "ingest:bench_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    command += ["--no-access-log", "--workers", str(workers)]
    # The server's log (an access line per request, as in production) goes to a file, so
    # that the report stays readable; its tail is shown if the server does not start.
    log = tempfile.NamedTemporaryFile(prefix="ordex-ingest-", suffix=".log", delete=False)  # noqa: SIM115 (closed below)
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    watch = MemoryWatch(process.pid)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                tail = Path(log.name).read_text(errors="replace")[-3000:]
                raise SystemExit(f"the server did not start; its log ({log.name}):\n{tail}")
            time.sleep(0.1)
        yield base, watch
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        Path(log.name).unlink(missing_ok=True)


# -- the load generator (a process of its own) ---------------------------------------------


@dataclass
class Phase:
    name: str
    path: str
    duration: float
    concurrency: int = 0  # max rate: requests in flight
    rate: float = 0.0  # fixed rate: requests per second


@dataclass
class Result:
    name: str
    accepted: int
    refused: int  # answered other than 200, or failed
    skipped: int  # fixed rate only: not sent, MAX_IN_FLIGHT requests were waiting already
    elapsed: float
    latencies: list[float]
    generator_cpu: float  # the generator's CPU time over the phase, in cores

    @property
    def per_second(self) -> float:
        return self.accepted / self.elapsed

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


class Connection:
    """One keep-alive HTTP/1.1 connection to the server, made for the generator's needs.

    The generator shares the machine's two cores with the server; with httpx it, not the
    server, set the pace of the baseline (which doubled when this replaced it). Requests
    are built as bytes; an answer is read by its Content-Length (every answer of the
    routes driven here has one).
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        return cls(*await asyncio.open_connection(host, port))

    async def post(self, head: bytes, body: bytes) -> int:
        """Send one request (``head`` ends in the blank line); the answer's status code."""
        self.writer.write(head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
        status_line = await self.reader.readline()
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        await self.reader.readexactly(length)
        if not status_line:
            raise ConnectionError("the server closed the connection")
        return int(status_line.split()[1])

    def close(self) -> None:
        self.writer.close()


class Pool:
    """Idle keep-alive connections; a new one when all are busy."""

    def __init__(self, base: str, key: str) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)
        self.key = key
        self.idle: list[Connection] = []

    def head(self, path: str) -> bytes:
        return (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Authorization: Bearer {self.key}\r\nContent-Type: application/xml\r\n"
        ).encode()

    async def post(self, head: bytes, body: bytes) -> int:
        connection = self.idle.pop() if self.idle else await Connection.open(self.host, self.port)
        try:
            status = await connection.post(head, body)
        except BaseException:
            connection.close()
            raise
        self.idle.append(connection)
        return status

    def close(self) -> None:
        for connection in self.idle:
            connection.close()


async def _run_phase(pool: Pool, phase: Phase, orders: list[bytes]) -> Result:
    latencies: list[float] = []
    counts = {"accepted": 0, "refused": 0, "skipped": 0}
    in_flight = 0
    head = pool.head(phase.path)
    queue = iter(orders)

    async def one(body: bytes) -> None:
        nonlocal in_flight
        in_flight += 1
        started = time.perf_counter()
        try:
            accepted = await pool.post(head, body) == 200
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            accepted = False
        finally:
            in_flight -= 1
        latencies.append(time.perf_counter() - started)
        counts["accepted" if accepted else "refused"] += 1

    cpu = time.process_time()
    start = time.perf_counter()
    end = start + phase.duration
    if phase.concurrency:

        async def loop() -> None:
            while time.perf_counter() < end and (body := next(queue, None)) is not None:
                await one(body)

        await asyncio.gather(*(loop() for _ in range(phase.concurrency)))
    else:
        tasks = []
        n = 0
        while (due := start + n / phase.rate) < end:
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            if in_flight < MAX_IN_FLIGHT:
                tasks.append(asyncio.create_task(one(next(queue))))
            else:  # the server is behind: this order is not sent (reported as skipped)
                counts["skipped"] += 1
            n += 1
        await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    return Result(
        phase.name,
        counts["accepted"],
        counts["refused"],
        counts["skipped"],
        elapsed,
        latencies,
        (time.process_time() - cpu) / elapsed,
    )


def load(base: str, key: str, phases: list[Phase], big_share: float, results: Any) -> None:
    """The load generator's process: each phase in turn with fresh orders, built before
    the phase starts (enough for 1,000 orders a second, or the phase's rate if higher; a
    max-rate phase that uses them all up ends early)."""

    async def main() -> None:
        pool = Pool(base, key)
        try:
            for phase in phases:
                count = int(phase.duration * max(1000, phase.rate)) + 100
                orders = bodies(f"B{uuid.uuid4().hex[:6]}", count, big_share)
                results.put(await _run_phase(pool, phase, orders))
        finally:
            pool.close()

    asyncio.run(main())


# -- the run -------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> None:
    send = f"/api/v1/{BUYER}/purchaseOrder/send"
    phases = [
        Phase("warm-up", send, 2.0, concurrency=args.concurrency),
        # The baseline before the orders: afterwards the embedded worker would still be
        # relaying the fixed-rate phase's backlog while the baseline ran.
        Phase("baseline", "/bench/raw", args.duration, concurrency=args.concurrency),
        Phase("max rate", send, args.duration, concurrency=args.concurrency),
        Phase(f"{args.rate:g}/s", send, args.duration, rate=args.rate),
    ]
    with database(args.database_url) as url:
        key = prepare(url)
        kind = make_url(url).get_backend_name()
        with server(url, args.workers) as (base, watch):
            spawn = multiprocessing.get_context("spawn")
            results = spawn.Queue()
            generator = spawn.Process(
                target=load, args=(base, key, phases, args.big_share, results)
            )
            generator.start()
            outcomes = [results.get(timeout=600) for _ in phases]
            generator.join()
            peaks = watch.close()
    by_name = {result.name: result for result in outcomes}
    best, baseline = by_name["max rate"], by_name["baseline"]
    print(
        f"\n{kind}, {args.workers} server process(es), {args.concurrency} in flight, "
        f"{args.big_share:.0%} of orders with 200 lines, {args.duration:g} s per phase"
    )
    print(
        f"{'phase':12} {'accepted/s':>11} {'refused':>8} {'skipped':>8} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'gen. CPU':>9}"
    )
    for result in outcomes[1:]:
        print(
            f"{result.name:12} {result.per_second:11.0f} {result.refused:8d} {result.skipped:8d} "
            f"{result.percentile(50):8.1f} {result.percentile(95):8.1f} "
            f"{result.percentile(99):8.1f} {result.generator_cpu:9.0%}"
        )
    print(f"ratio to baseline     {best.per_second / baseline.per_second:.2f}")
    rss = ", ".join(f"{kb / 1024:.0f}" for _, kb in sorted(peaks.items()))
    print(f"server peak RSS MB    {rss}  (supervisor first when --workers > 1)")


def profile(args: argparse.Namespace) -> None:
    """Where one accepted order's time goes, in-process: over HTTP (timed), then the use
    case and its authentication in this thread (pyinstrument sees only its own thread)."""
    from fastapi.testclient import TestClient
    from pyinstrument import Profiler

    from ordex.bootstrap import bootstrap
    from ordex.config import Settings
    from ordex.peppol.identifiers import parse_party_id
    from ordex.services.accounts import authenticate
    from ordex.services.sending import SendDocument, send_document
    from ordex.serving import served_app

    count = args.profile_orders
    with database(args.database_url) as url:
        key = prepare(url)
        rt = bootstrap(Settings(database_url=url), migrate=False)
        headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/xml"}
        send = f"/api/v1/{BUYER}/purchaseOrder/send"
        with TestClient(served_app(rt, embedded_worker=False)) as client:
            for body in bodies("W", 20, args.big_share):  # warm up
                assert client.post(send, content=body, headers=headers).status_code == 200
            started = time.perf_counter()
            for body in bodies("H", count, args.big_share):
                assert client.post(send, content=body, headers=headers).status_code == 200
            over_http = (time.perf_counter() - started) / count * 1000
        rt = bootstrap(Settings(database_url=url), migrate=False)
        orders = bodies("P", count, args.big_share)
        profiler = Profiler(interval=0.0005, async_mode="disabled")
        started = time.perf_counter()
        with profiler:
            for body in orders:
                account = authenticate(rt.ctx, key)
                send_document(rt.ctx, SendDocument(account, parse_party_id(BUYER), body))
        in_use_case = (time.perf_counter() - started) / count * 1000
        rt.engine.dispose()
    print(f"{count} orders in-process over HTTP (TestClient): {over_http:.2f} ms each")
    print(f"{count} orders through the use case (profiled):   {in_use_case:.2f} ms each")
    print(profiler.output_text(unicode=False, color=False, show_all=False, timeline=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="a PostgreSQL server (default: SQLite)")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per phase")
    parser.add_argument("--rate", type=float, default=250.0, help="orders/s, fixed phase")
    parser.add_argument("--concurrency", type=int, default=16, help="in flight, max rate")
    parser.add_argument("--big-share", type=float, default=0.1, help="share of 200-line orders")
    parser.add_argument("--profile", action="store_true", help="profile instead (pyinstrument)")
    parser.add_argument("--profile-orders", type=int, default=300)
    args = parser.parse_args()
    profile(args) if args.profile else run(args)


if __name__ == "__main__":
    main()
