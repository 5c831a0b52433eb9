"""``ordex serve``: the HTTP app with its background jobs, in one process or in several.

Every server process runs, beside its requests:

- an embedded delivery worker (unless ``--no-embedded-worker``): safe in any number of
  processes, because deliveries are claimed with a lease (and ``FOR UPDATE SKIP LOCKED``
  on PostgreSQL), so no event is sent twice at once and each retry is made by one worker;
- the periodic purge (retention, idempotency answers), which only the process holding the
  purge lead runs (:class:`ordex.storage.leader.Leadership`): once per interval however
  many processes serve.

With ``--workers N`` uvicorn starts N processes; each builds its app with
:func:`app_from_environment` from the same ``ORDEX_*`` variables. The parent migrates the
database (and seeds the demo) once before any of them starts, and gives them a directory
for their HTTP metrics (:func:`shared_metrics`), so that ``/metrics`` counts the requests
of all of them whichever answers the scrape.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.logs import configure_logging
from ordex.storage.leader import Leadership

log = logging.getLogger("ordex.serve")

HTTP_PROTOCOL = "ordex.serving:GuardedHttpProtocol"
"""uvicorn's ``http``: its httptools protocol, with the limits below."""

EMBEDDED_WORKER = "ORDEX_EMBEDDED_WORKER"


class BackgroundJobs:
    """The purge loop and the embedded delivery worker of one server process."""

    def __init__(self, rt: Runtime, embedded_worker: bool) -> None:
        self.rt = rt
        self.embedded_worker = embedded_worker
        self.stop = threading.Event()
        self.leadership = Leadership(rt.engine)
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        self.threads.append(
            threading.Thread(target=self._purge_loop, name="ordex-purge", daemon=True)
        )
        transport = self.rt.ctx.transport
        if self.embedded_worker and transport is not None:
            from ordex.delivery.worker import run_worker

            settings = self.rt.settings
            self.threads.append(
                threading.Thread(
                    target=run_worker,
                    args=(self.rt.ctx, transport, self.stop),
                    kwargs={
                        "lease": settings.delivery_lease(),
                        "grace": settings.webhook_timeout_seconds,
                    },
                    name="ordex-delivery",
                    daemon=True,
                )
            )
        if self.embedded_worker and self.rt.access_point is not None:
            from ordex.network.transmitter import run_network  # Peppol: to other APs

            self.threads.append(
                threading.Thread(
                    target=run_network,
                    args=(self.rt, self.stop),
                    name="ordex-network",
                    daemon=True,
                )
            )
        for thread in self.threads:
            thread.start()

    def close(self) -> None:
        """Stop the jobs; the delivery worker ends its sends in flight (within the webhook
        timeout) and records them before this returns."""
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=self.rt.settings.webhook_timeout_seconds + 10)
        self.leadership.release()

    @contextmanager
    def stopped_by_sigterm(self) -> Iterator[None]:
        """SIGTERM stops the jobs at once (uvicorn's own handler still runs): the worker
        claims nothing more while the server finishes its requests. Only in the main
        thread (where uvicorn serves); elsewhere (tests' clients) nothing changes."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = signal.getsignal(signal.SIGTERM)

        def handle(signum: int, frame: FrameType | None) -> None:
            self.stop.set()
            if callable(previous):
                previous(signum, frame)

        signal.signal(signal.SIGTERM, handle)
        try:
            yield
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    def purge_once(self) -> int | None:
        """Purge if this process leads; the documents purged, or None when another leads."""
        from ordex.services.receiving import purge_expired_documents
        from ordex.storage.idempotency import KEY_LIFETIME, IdempotencyStore

        if not self.leadership.held():
            return None
        purged = purge_expired_documents(self.rt.ctx)
        IdempotencyStore(self.rt.engine).prune(self.rt.ctx.clock.now() - KEY_LIFETIME)
        log.info("purge: %d document(s) in process %d", purged, os.getpid())
        return purged

    def _purge_loop(self) -> None:
        while not self.stop.wait(self.rt.settings.purge_interval_seconds):
            try:
                self.purge_once()
            except Exception:  # keep the loop alive; the next run retries
                log.exception("purge failed")


def settle_heap() -> None:
    """Move what start-up allocated (modules, the app, the schema) out of the collector's way.

    CPython's full collections walk every tracked object; a started server holds some
    hundred thousand that live as long as the process. Frozen, they are never walked
    again, and a full collection costs what the requests allocate (``gc.freeze``).
    """
    gc.collect()
    gc.freeze()


def served_app(rt: Runtime, embedded_worker: bool = True) -> FastAPI:
    """The API app whose lifespan runs this process's background jobs."""
    from ordex.api.app import create_app

    app = create_app(rt)
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settle_heap()
        jobs = BackgroundJobs(rt, embedded_worker)
        jobs.start()
        try:
            with jobs.stopped_by_sigterm():
                async with inner(app):
                    yield
        finally:
            jobs.close()
            rt.engine.dispose()

    app.router.lifespan_context = lifespan
    return app


def app_from_environment() -> FastAPI:
    """uvicorn's factory in each of ``serve --workers N``'s processes."""
    settings = Settings.from_env()
    configure_logging(settings.log_format)
    embedded = os.environ.get(EMBEDDED_WORKER, "1").strip().lower() not in {"0", "false", "no"}
    return served_app(bootstrap(settings, migrate=False), embedded_worker=embedded)


@contextmanager
def shared_metrics() -> Iterator[Path]:
    """A directory where the server processes about to start write their HTTP metrics.

    ``PROMETHEUS_MULTIPROC_DIR`` is set for them (they inherit the environment): the
    operator's own directory if it is set already, emptied of an earlier run's files (the
    counts would otherwise go on from there), or a temporary one, removed afterwards.
    """
    from ordex.api.metrics import MULTIPROCESS_DIR

    given = os.environ.get(MULTIPROCESS_DIR)
    if given:
        directory = Path(given)
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.glob("*.db"):
            stale.unlink()
        yield directory
        return
    directory = Path(tempfile.mkdtemp(prefix="ordex-metrics-"))
    os.environ[MULTIPROCESS_DIR] = str(directory)
    try:
        yield directory
    finally:
        del os.environ[MULTIPROCESS_DIR]
        shutil.rmtree(directory, ignore_errors=True)


@functools.cache
def _edge_settings() -> Settings:
    """The connection limits of this process (every server process reads the same
    ``ORDEX_*`` variables; uvicorn builds protocols without ordex's settings)."""
    return Settings.from_env()


class GuardedHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with what it does not offer itself:

    - **a header size limit**: a request line and headers over ``ORDEX_MAX_HEADER_BYTES``
      (64 KiB) answer 431 and the connection closes (httptools buffers a header until it
      ends; uvicorn's ``h11_max_incomplete_event_size`` exists for h11 only);
    - **a header timeout**: a connection that has not sent a whole request head within
      ``ORDEX_HEADER_TIMEOUT_SECONDS`` (10 s) of opening, or of starting its next request,
      is answered 408 and closed (half-open and slow-header clients hold no connection);
    - **a body timeout**: a request whose body stops coming for ``ORDEX_BODY_TIMEOUT_SECONDS``
      (30 s) while the server waits for it is answered 408 (if nothing was answered yet) and
      closed; time the server itself holds the body back (flow control) does not count.

    Idle keep-alive connections are closed by uvicorn after ``timeout_keep_alive``
    (``ORDEX_KEEP_ALIVE_SECONDS``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = _edge_settings()
        self.max_head_bytes = settings.max_header_bytes
        self.head_timeout = settings.header_timeout_seconds
        self.in_head = True
        self.head_bytes = 0
        self.head_timer: asyncio.TimerHandle | None = None
        self.body_timeout = settings.body_timeout_seconds
        self.body_timer: asyncio.TimerHandle | None = None
        self.body_seen = 0.0
        self.heads_completed = 0  # request heads this connection has read in full

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        self._cancel_body_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        in_head_before, heads_before = self.in_head, self.heads_completed
        super().data_received(data)
        # A chunk that began and ended inside one request head is all head: count it. One in
        # which a head ended is not (it may hold a whole request, body and all, and the
        # start of the next head is counted with the chunks that follow).
        if (
            in_head_before
            and self.in_head
            and self.heads_completed == heads_before
            and not self.transport.is_closing()
        ):
            self.head_bytes += len(data)
            if self.head_bytes > self.max_head_bytes:
                self._refuse(431, b"Request Header Fields Too Large")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.in_head = True
        if self.head_timer is None:
            self._arm_head_timer()

    def on_headers_complete(self) -> None:
        self.in_head = False
        self.head_bytes = 0
        self.heads_completed += 1
        self._cancel_head_timer()
        super().on_headers_complete()
        self.body_seen = self.loop.time()
        if self.body_timer is None:
            self.body_timer = self.loop.call_later(self.body_timeout, self._body_timed_out)

    def on_body(self, body: bytes) -> None:
        self.body_seen = self.loop.time()  # the timer looks at it when it fires
        super().on_body(body)

    def on_message_complete(self) -> None:
        self._cancel_body_timer()
        super().on_message_complete()
        self.in_head = True

    def _cancel_body_timer(self) -> None:
        if self.body_timer is not None:
            self.body_timer.cancel()
            self.body_timer = None

    def _body_timed_out(self) -> None:
        self.body_timer = None
        if self.transport.is_closing():
            return
        waited = self.loop.time() - self.body_seen
        if self.flow.read_paused or waited < self.body_timeout:  # not the client's doing
            self.body_timer = self.loop.call_later(
                max(self.body_timeout - waited, 0.1), self._body_timed_out
            )
            return
        if self.cycle is not None and not self.cycle.response_started:
            self._refuse(408, b"Request Timeout")
        else:
            self.transport.close()

    def _arm_head_timer(self) -> None:
        self._cancel_head_timer()
        self.head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def _cancel_head_timer(self) -> None:
        if self.head_timer is not None:
            self.head_timer.cancel()
            self.head_timer = None

    def _head_timed_out(self) -> None:
        self.head_timer = None
        if self.in_head and not self.transport.is_closing():
            self._refuse(408, b"Request Timeout")

    def _refuse(self, status: int, reason: bytes) -> None:
        self._cancel_head_timer()
        body = reason + b"\n"
        self.transport.write(
            b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\n"
            b"content-length: %d\r\nx-content-type-options: nosniff\r\n"
            b"connection: close\r\n\r\n%s" % (status, reason, len(body), body)
        )
        self.transport.close()


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The connection settings of ``ordex serve``'s uvicorn."""
    return {
        "http": HTTP_PROTOCOL,
        "timeout_keep_alive": settings.keep_alive_seconds,
        "h11_max_incomplete_event_size": settings.max_header_bytes,
    }


class AnnouncingServer(uvicorn.Server):
    """uvicorn's server, saying it listens once its socket is bound (not before)."""

    def __init__(self, config: uvicorn.Config, announce: Callable[[], None]) -> None:
        super().__init__(config)
        self._announce = announce

    async def startup(self, sockets: list[Any] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._announce()
