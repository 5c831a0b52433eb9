"""Delivery processes that die or are stopped mid-send (``ordex worker``, ``ordex serve``
with its embedded worker, real processes and a slow loopback receiver, on SQLite and
PostgreSQL): a dead process's claims are taken over within seconds, SIGTERM sends
nothing twice, and a lease shorter than twice the webhook timeout is refused."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.services.context import new_id
from ordex.services.hooks import PutHook, put_hook
from ordex.services.ports import OutboxMessage
from tests.slow_receiver import SlowReceiver, slow_receiver, wait_for

SELLER = "0088:7302347231110"
TIMEOUT = 3  # seconds: the webhook timeout of every process here
LEASE = 6  # seconds: the shortest lease allowed with it


@pytest.fixture
def receiver() -> Iterator[SlowReceiver]:
    with slow_receiver() as receiver:
        yield receiver


def prepare(url: str, receiver: SlowReceiver, hooks: int, events: int) -> set[str]:
    """``hooks`` hooks of one party and ``events`` committed events for each."""
    rt = bootstrap(Settings(database_url=url, allow_private_webhooks=True))
    account, _ = create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    for n in range(hooks):
        put_hook(
            rt.ctx,
            PutHook(
                account,
                parse_party_id(SELLER),
                f"{receiver.url}/h{n}",
                ["OrderReceived"],
                secret="s",
            ),
        )
    documents = {f"doc-{n:03}" for n in range(events)}
    with rt.ctx.uow() as uow:
        for document_id in sorted(documents):
            uow.outbox.add(
                OutboxMessage(
                    new_id(), "OrderReceived", SELLER, document_id, "0088:1", "m", datetime.now(UTC)
                )
            )
        uow.commit()
    rt.engine.dispose()
    return documents


def environment(url: str, **more: str) -> dict[str, str]:
    return {
        **os.environ,
        "ORDEX_DATABASE_URL": url,
        "ORDEX_ALLOW_PRIVATE_WEBHOOKS": "1",
        "ORDEX_WEBHOOK_TIMEOUT_SECONDS": str(TIMEOUT),
        "ORDEX_DELIVERY_LEASE_SECONDS": str(LEASE),
        **more,
    }


def start_worker(url: str, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "ordex", "worker", "--interval", "0.05"],
        env=environment(url, **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def start_server(url: str) -> subprocess.Popen[bytes]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return subprocess.Popen(
        [sys.executable, "-m", "ordex", "serve", "--port", str(port)],
        env=environment(url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()


def test_a_server_killed_mid_send_has_its_hooks_taken_over_within_seconds(
    database_url: str, receiver: SlowReceiver
) -> None:
    documents = prepare(database_url, receiver, hooks=1, events=5)
    receiver.hold_first = 30  # the first request gets no answer while its sender lives
    server = start_server(database_url)  # its embedded worker takes the hook
    worker: subprocess.Popen[bytes] | None = None
    try:
        wait_for(lambda: receiver.arrived, timeout=60, what="the server's first send")
        worker = start_worker(database_url)  # alive beside it: the hook is leased
        time.sleep(1)
        server.send_signal(signal.SIGKILL)
        server.wait()
        killed = time.monotonic()
        wait_for(lambda: set(receiver.documents()) >= documents, timeout=60)
        taken_over = time.monotonic() - killed
    finally:
        stop(server)
        if worker is not None:
            stop(worker)
    # the dead server's lease (6 s, renewed while it lived) ran out; the worker went on
    assert taken_over < LEASE + 3, f"taken over after {taken_over:.1f} s"
    first, *rest = sorted(documents)
    assert receiver.documents() == [first, first, *rest]  # sent again, and in order


@pytest.mark.parametrize("process", ["worker", "serve"])
def test_sigterm_ends_the_sends_in_flight_sends_nothing_twice_and_exits_in_bounded_time(
    database_url: str, receiver: SlowReceiver, process: str
) -> None:
    documents = prepare(database_url, receiver, hooks=6, events=20)  # 120 deliveries
    receiver.delay = 1.0  # each answer takes a second (within the timeout)
    first = start_worker(database_url) if process == "worker" else start_server(database_url)
    second: subprocess.Popen[bytes] | None = None
    try:
        wait_for(lambda: len(receiver.arrived) >= 12, timeout=60, what="sends under way")
        first.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        first.wait(timeout=TIMEOUT + 10)
        exited = time.monotonic() - signalled
        after_exit = len(receiver.arrived)
        time.sleep(0.5)
        assert len(receiver.arrived) == after_exit  # nothing sent once it is gone
        receiver.delay = 0.0
        second = start_worker(database_url)
        wait_for(lambda: len(set(receiver.arrived_ids())) >= 6 * 20, timeout=60)
        time.sleep(0.3)  # let any double send arrive
    finally:
        stop(first)
        if second is not None:
            stop(second)
    assert exited < TIMEOUT + 3, f"exited {exited:.1f} s after SIGTERM"
    twice = {i: n for i, n in Counter(receiver.arrived_ids()).items() if n > 1}
    assert twice == {}, f"{len(twice)} event(s) received twice"
    for n in range(6):
        assert receiver.documents(f"/h{n}") == sorted(documents)  # each, in order


def test_a_lease_shorter_than_twice_the_webhook_timeout_is_refused_at_start(
    database_url: str,
) -> None:
    for command in (["worker"], ["serve", "--port", "9"]):
        done = subprocess.run(
            [sys.executable, "-m", "ordex", *command],
            env=environment(database_url, ORDEX_DELIVERY_LEASE_SECONDS=str(2 * TIMEOUT - 1)),
            capture_output=True,
            timeout=60,
        )
        assert done.returncode == 2, done.stderr
        assert b"ORDEX_DELIVERY_LEASE_SECONDS=5 is shorter than twice the webhook timeout" in (
            done.stderr
        )
    assert Settings(webhook_timeout_seconds=3).delivery_lease().total_seconds() == 6
    assert (
        Settings(webhook_timeout_seconds=3, delivery_lease_seconds=8).delivery_lease().seconds == 8
    )
