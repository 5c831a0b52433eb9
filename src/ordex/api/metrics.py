"""``GET /metrics`` in the Prometheus text format, and the middleware that counts requests.

``ordex_http_requests_total`` and ``ordex_http_request_duration_seconds`` by method, route
template (``/api/v1/{partyId}/purchaseOrder/send``, never the raw path, so the series stay
few) and status, for every process of the server: with ``serve --workers N`` each process
writes its counts to files of its own in ``PROMETHEUS_MULTIPROC_DIR`` (the client
library's multiprocess mode, set up by ``ordex serve``), and a scrape, whichever process
answers it, adds them up. For the whole hub, read from the database at each scrape: the
outbox backlog and its age, deliveries by status, hooks active or disabled.
Each request is also logged to ``ordex.access`` with the same fields (JSON lines with
``ORDEX_LOG_FORMAT=json``).
"""

from __future__ import annotations

import hmac
import logging
import os
import time
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.security.utils import get_authorization_scheme_param
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ordex.bootstrap import Runtime
from ordex.domain.errors import AuthenticationFailed
from ordex.storage.stats import queue_stats

access_log = logging.getLogger("ordex.access")
router = APIRouter(tags=["Operations"])

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
"""The prometheus client library's variable: where each process writes its counts."""


class Metrics:
    """The registry of one app (tests build many apps in one process)."""

    def __init__(self, rt: Runtime) -> None:
        self.registry = CollectorRegistry()
        """What a scrape reads."""
        shared = os.environ.get(MULTIPROCESS_DIR)
        own: CollectorRegistry | None = self.registry
        if shared:
            # Several processes: the counts below live in this process's files (the client
            # library chose so when it was imported); a scrape reads every process's files.
            MultiProcessCollector(self.registry, path=shared)  # type: ignore[no-untyped-call]
            own = None
        self.requests = Counter(
            "ordex_http_requests",
            "HTTP requests answered, by method, route template and status.",
            ["method", "route", "status"],
            registry=own,
        )
        self.duration = Histogram(
            "ordex_http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route template.",
            ["method", "route"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=own,
        )
        self.registry.register(_QueueCollector(rt))
        self._series: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def observe(self, method: str, route: str, status: int, elapsed: float) -> None:
        """Count one answered request; each labelled series is looked up once, then kept."""
        series = self._series.get((method, route, status))
        if series is None:
            series = (
                self.requests.labels(method, route, str(status)),
                self.duration.labels(method, route),
            )
            self._series[(method, route, status)] = series
        series[0].inc()
        series[1].observe(elapsed)


class _QueueCollector(Collector):
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    def collect(self) -> Iterator[GaugeMetricFamily]:
        stats = queue_stats(self.rt.engine)
        yield GaugeMetricFamily(
            "ordex_outbox_pending",
            "Events written but not yet fanned out to hooks.",
            value=stats.outbox_pending,
        )
        age = 0.0
        if stats.oldest_pending is not None:
            age = max(0.0, (self.rt.ctx.clock.now() - stats.oldest_pending).total_seconds())
        yield GaugeMetricFamily(
            "ordex_outbox_oldest_pending_age_seconds",
            "Age of the oldest event not yet fanned out (0 when none waits).",
            value=age,
        )
        deliveries = GaugeMetricFamily(
            "ordex_deliveries", "Webhook deliveries by status.", labels=["status"]
        )
        for status in ("pending", "succeeded", "failed"):
            deliveries.add_metric([status], stats.deliveries.get(status, 0))
        yield deliveries
        hooks = GaugeMetricFamily("ordex_hooks", "Hooks by state.", labels=["state"])
        for state in ("active", "disabled"):
            hooks.add_metric([state], stats.hooks.get(state, 0))
        yield hooks


class MetricsMiddleware:
    """Counts and logs every HTTP request (a plain ASGI middleware: cheap per request)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_of(scope)
            method = scope["method"]
            self.metrics.observe(method, route, status, elapsed)
            if access_log.isEnabledFor(logging.INFO):
                _log_access(method, scope["path"], route, status, elapsed)


def _log_access(method: str, path: str, route: str, status: int, elapsed: float) -> None:
    """``access_log.info`` without its look up the stack for the caller's file and line,
    which no ordex log format shows (a third of the cost of the access log)."""
    record = access_log.makeRecord(
        access_log.name,
        logging.INFO,
        __file__,
        0,
        "%s %s %d %.1f ms",
        (method, path, status, elapsed * 1000),
        None,
        extra={
            "method": method,
            "path": path,
            "route": route,
            "status": status,
            "duration_ms": round(elapsed * 1000, 2),
        },
    )
    access_log.handle(record)


def _route_of(scope: Scope) -> str:
    route: Any = scope.get("route")
    path = getattr(route, "path_format", None) or getattr(route, "path", None)
    return str(path) if path else "unmatched"


@router.get(
    "/metrics",
    summary="Prometheus metrics (with ORDEX_METRICS_TOKEN set: Authorization: Bearer it)",
    include_in_schema=True,
    responses={401: {"description": "ORDEX_METRICS_TOKEN is set and was not sent"}},
)
async def metrics(request: Request) -> Response:
    required = request.app.state.runtime.settings.metrics_token
    if required is not None:
        scheme, given = get_authorization_scheme_param(request.headers.get("Authorization"))
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), required.encode()):
            raise AuthenticationFailed("Send 'Authorization: Bearer <ORDEX_METRICS_TOKEN>'.")
    registry = request.app.state.metrics.registry
    body = await run_in_threadpool(generate_latest, registry)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
