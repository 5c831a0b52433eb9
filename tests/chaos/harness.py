"""The crash run: load, kills and restarts of servers and workers, then what survived.

``run(config)`` sets up a database (one buyer, one seller whose hook points at the
recording receiver), starts servers (``ordex serve --no-embedded-worker``) and workers
(``ordex worker``), sends orders while it kills one process at a time at seeded random
moments (SIGKILL or SIGTERM) and starts it again, lets delivery drain, and returns a
``Report``: lost documents and events, duplicates by cause, overlapping sends, latency.
"""

from __future__ import annotations

import itertools
import random
import signal
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.services.hooks import PutHook, put_hook
from ordex.storage import tables as t
from ordex.storage.unit_of_work import make_engine
from tests.chaos import processes
from tests.chaos.load import LoadGenerator
from tests.chaos.receiver import Arrival, RecordingReceiver, recording_receiver
from tests.integration.racers import BUYER, SELLER

SECRET = "chaos-secret"


@dataclass(frozen=True)
class Config:
    database_url: str
    workdir: Path
    seed: int
    seconds: float = 20.0
    """How long orders are sent and processes killed."""
    servers: int = 1
    workers: int = 2
    kill_every: tuple[float, float] = (1.5, 4.0)
    """Seconds between two kills, drawn uniformly."""
    down_for: tuple[float, float] = (0.2, 1.5)
    """Seconds a killed process stays down before it is started again."""
    sigterm_share: float = 0.3
    """The share of kills that are SIGTERM (the rest SIGKILL)."""
    sigterm_grace: float = 20.0
    """Seconds a SIGTERMed process may take to stop before it is SIGKILLed."""
    kill_servers: bool = True
    concurrency: int = 3
    rate: float = 10.0
    """New orders a second."""
    receiver_delay: tuple[float, float] = (0.0, 0.05)
    webhook_timeout: float = 2.0
    lease_seconds: float | None = 5.0
    """``ORDEX_DELIVERY_LEASE_SECONDS`` of the workers; None keeps their default."""
    drain_timeout: float = 60.0


@dataclass(frozen=True)
class Kill:
    at: float
    target: str
    how: str  # SIGKILL or SIGTERM
    stopped_in: float  # seconds until the process had exited


@dataclass
class Report:
    seed: int
    database: str
    seconds: float
    orders_sent: int = 0
    acknowledged: int = 0
    replayed: int = 0
    duplicate_refusals: int = 0
    """Orders whose retry heard 409 DUPLICATE_DOCUMENT instead of their 2xx replay."""
    unanswered: int = 0
    other_refusals: dict[str, int] = field(default_factory=dict)
    stored_documents: int = 0
    lost_documents: list[str] = field(default_factory=list)
    lost_events: list[str] = field(default_factory=list)
    received: int = 0
    duplicates_by_cause: dict[str, int] = field(default_factory=dict)
    overlaps: int = 0
    bad_signatures: int = 0
    kills: list[Kill] = field(default_factory=list)
    commit_to_receipt: list[float] = field(default_factory=list)
    ack_to_receipt: list[float] = field(default_factory=list)
    drained_in: float = 0.0

    @property
    def sigterm_duplicates(self) -> int:
        return self.duplicates_by_cause.get("SIGTERM", 0)

    @property
    def unexplained_duplicates(self) -> int:
        return self.duplicates_by_cause.get("no kill", 0)

    def percentile(self, values: list[float], share: float) -> float:
        if not values:
            return 0.0
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    @property
    def p50(self) -> float:
        return self.percentile(self.commit_to_receipt, 0.50)

    @property
    def p99(self) -> float:
        return self.percentile(self.commit_to_receipt, 0.99)

    def summary(self) -> str:
        counts = ", ".join(
            f"{how} {sum(1 for k in self.kills if k.how == how and k.target.startswith(role))} "
            f"{role}s"
            for how in ("SIGKILL", "SIGTERM")
            for role in ("server", "worker")
        )
        latency = self.commit_to_receipt
        ack = self.ack_to_receipt
        return "\n".join(
            [
                f"chaos run: seed {self.seed}, {self.database}, {self.seconds:.0f} s of load; "
                f"kills: {counts}",
                f"  orders sent {self.orders_sent}, acknowledged {self.acknowledged} "
                f"({self.replayed} replayed), 409 DUPLICATE_DOCUMENT {self.duplicate_refusals}, "
                f"unanswered {self.unanswered}, other refusals {self.other_refusals or 0}",
                f"  stored {self.stored_documents}, lost acknowledged documents "
                f"{len(self.lost_documents)}, lost events {len(self.lost_events)}",
                f"  webhooks received {self.received}, duplicates by cause "
                f"{self.duplicates_by_cause or 0}, overlapping sends {self.overlaps}, "
                f"bad signatures {self.bad_signatures}",
                f"  commit-to-receipt p50 {self.p50:.2f} s, p99 {self.p99:.2f} s, "
                f"max {max(latency, default=0):.2f} s; 2xx-to-receipt p50 "
                f"{self.percentile(ack, 0.5):.2f} s, p99 {self.percentile(ack, 0.99):.2f} s; "
                f"drained {self.drained_in:.1f} s after the load",
                "  kills: "
                + (
                    ", ".join(
                        f"{k.how} {k.target} (gone in {k.stopped_in:.1f} s)" for k in self.kills
                    )
                    or "none"
                ),
            ]
        )


def prepare(config: Config, receiver_url: str) -> str:
    """Accounts and the seller's hook; the buyer's API key."""
    settings = Settings(
        database_url=config.database_url, allow_private_webhooks=True, allow_http_webhooks=True
    )
    rt = bootstrap(settings)
    try:
        _, buyer_key = create_account(rt.ctx, "Buyer", [parse_party_id(BUYER)])
        seller, _ = create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
        hook = PutHook(
            seller, parse_party_id(SELLER), receiver_url, ["OrderReceived"], secret=SECRET
        )
        put_hook(rt.ctx, hook)
    finally:
        rt.engine.dispose()
    return buyer_key


def _processes(config: Config) -> tuple[list[processes.Process], list[processes.Process]]:
    logs = config.workdir
    worker_env = {"ORDEX_WEBHOOK_TIMEOUT_SECONDS": str(config.webhook_timeout)}
    if config.lease_seconds is not None:
        worker_env["ORDEX_DELIVERY_LEASE_SECONDS"] = str(config.lease_seconds)
    servers = [
        processes.server(config.database_url, logs / f"server-{n}.log", f"server-{n}")
        for n in range(config.servers)
    ]
    workers = [
        processes.worker(config.database_url, logs / f"worker-{n}.log", f"worker-{n}", **worker_env)
        for n in range(config.workers)
    ]
    return servers, workers


def run(config: Config) -> Report:
    config.workdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(config.seed)
    database = config.database_url.split(":", 1)[0].split("+", 1)[0]
    report = Report(config.seed, database, config.seconds)
    with recording_receiver(SECRET, config.receiver_delay, config.seed) as receiver:
        buyer_key = prepare(config, receiver.url)
        servers, workers = _processes(config)
        everyone = servers + workers
        try:
            for process in everyone:
                process.start()
            for process in everyone:
                process.wait_ready()
            load = LoadGenerator(
                lambda: [s.base_url for s in servers],
                buyer_key,
                config.seed,
                config.concurrency,
                config.rate,
            )
            load.start()
            end = time.monotonic() + config.seconds
            _kill_at_random(config, rng, servers, workers, report, end)
            load.stop()
            drained = time.monotonic()
            _drain(config, receiver)
            report.drained_in = time.monotonic() - drained
        finally:
            for process in everyone:
                process.stop()
        _analyse(config, report, load, receiver)
    return report


def _signal(config: Config, rng: random.Random) -> signal.Signals:
    return signal.SIGTERM if rng.random() < config.sigterm_share else signal.SIGKILL


def _kill_at_random(
    config: Config,
    rng: random.Random,
    servers: list[processes.Process],
    workers: list[processes.Process],
    report: Report,
    end: float,
) -> None:
    """Kill one process at a time at random moments until ``end``; each comes back after a
    while (in a thread of its own, so that kills go on meanwhile). A worker is killed only
    while every other worker runs: a second worker is always alive."""
    targets = servers + workers if config.kill_servers else list(workers)
    # Every kind of kill comes once first, in a random order; then any.
    planned = [
        (rng.choice(group), how)
        for group in ([workers, servers] if config.kill_servers else [workers])
        for how in (signal.SIGKILL, signal.SIGTERM)
    ]
    rng.shuffle(planned)
    down: set[str] = set()
    lock = threading.Lock()
    restarts: list[threading.Thread] = []

    def kill_and_restart(target: processes.Process, how: signal.Signals, gone: float) -> None:
        at = time.time()
        target.kill(how, wait=config.sigterm_grace)
        with lock:
            report.kills.append(Kill(at, target.name, how.name, time.time() - at))
        time.sleep(gone)
        target.start()
        try:
            target.wait_ready()
        finally:
            with lock:
                down.discard(target.name)

    while True:
        time.sleep(rng.uniform(*config.kill_every))
        if time.monotonic() >= end:
            break
        with lock:
            workers_down = any(w.name in down for w in workers)
            up = [p for p in targets if p.name not in down and not (p in workers and workers_down)]
        ready = [n for n, (process, _) in enumerate(planned) if process in up]
        if ready:
            target, how = planned.pop(ready[-1])
        elif up and not planned:
            target, how = rng.choice(up), _signal(config, rng)
        else:
            continue
        with lock:
            down.add(target.name)
        thread = threading.Thread(
            target=kill_and_restart, args=(target, how, rng.uniform(*config.down_for))
        )
        thread.start()
        restarts.append(thread)
    for thread in restarts:
        thread.join()
    report.kills.sort(key=lambda kill: kill.at)


def _stored_orders(database_url: str) -> dict[str, str]:
    """Stored Order documents: documentId -> the buyer's order number."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(t.documents.c.document_id, t.documents.c.number).where(
                    t.documents.c.document_type == "Order"
                )
            )
            return {row.document_id: row.number for row in rows}
    finally:
        engine.dispose()


def _drain(config: Config, receiver: RecordingReceiver) -> None:
    """Wait until every stored order's event arrived (or the drain timeout)."""
    deadline = time.monotonic() + config.drain_timeout
    while time.monotonic() < deadline:
        stored = set(_stored_orders(config.database_url))
        if stored <= {a.document_id for a in receiver.received()}:
            time.sleep(1.0)  # let a late second copy arrive, to be counted
            return
        time.sleep(0.5)


def _analyse(
    config: Config, report: Report, load: LoadGenerator, receiver: RecordingReceiver
) -> None:
    stored = _stored_orders(config.database_url)
    arrivals = receiver.received()
    report.orders_sent = len(load.sent)
    report.stored_documents = len(stored)
    report.received = len(arrivals)
    report.overlaps = len(receiver.overlaps)
    report.bad_signatures = receiver.bad_signatures
    for one in load.sent:
        if one.status is None:
            report.unanswered += 1
        elif one.acknowledged is not None:
            report.acknowledged += 1
            report.replayed += one.replayed
            if stored.get(one.document_id or "") != one.number:
                report.lost_documents.append(one.number)
        elif one.error_code == "DUPLICATE_DOCUMENT":
            report.duplicate_refusals += 1
        else:
            name = f"{one.status} {one.error_code}"
            report.other_refusals[name] = report.other_refusals.get(name, 0) + 1
    first: dict[str, Arrival] = {}
    copies: dict[str, list[Arrival]] = {}
    for arrival in sorted(arrivals, key=lambda a: a.arrived):
        copies.setdefault(arrival.webhook_id, []).append(arrival)
        first.setdefault(arrival.document_id, arrival)
    report.lost_events = sorted(set(stored) - set(first))
    for same in copies.values():
        for earlier, later in itertools.pairwise(same):
            cause = _cause(report.kills, earlier, later)
            report.duplicates_by_cause[cause] = report.duplicates_by_cause.get(cause, 0) + 1
    acknowledged = {one.document_id: one.acknowledged for one in load.sent if one.acknowledged}
    for document_id, arrival in first.items():
        committed = datetime.fromisoformat(arrival.created_on.replace("Z", "+00:00"))
        report.commit_to_receipt.append(max(0.0, arrival.arrived - committed.timestamp()))
        acked = acknowledged.get(document_id)
        if acked is not None:
            report.ack_to_receipt.append(max(0.0, arrival.arrived - acked))


def _cause(kills: list[Kill], earlier: Arrival, later: Arrival) -> str:
    """Why an event came twice: the first kill of a worker after its first copy arrived (the
    worker that sent it died before recording it). A SIGTERM counts once the first copy was
    answered 2xx: a worker that stops cleanly records what it sent."""
    after = [
        k
        for k in kills
        if k.target.startswith("worker") and earlier.arrived <= k.at <= later.arrived
    ]
    if not after:
        return "no kill"
    first = min(after, key=lambda kill: kill.at)
    if first.how == "SIGTERM" and first.at >= earlier.answered:
        return "SIGTERM"
    return "SIGKILL"
