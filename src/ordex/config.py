"""Configuration from the environment; CLI options use the same names."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from ordex.domain.documents import RetentionPolicy
from ordex.domain.financing_policy import DecisionMode, DecisionPolicy
from ordex.network.ports import PeppolSettings


@dataclass(frozen=True)
class Rate:
    """A token bucket: ``per_second`` requests on average, ``burst`` at once."""

    per_second: float
    burst: int

    @classmethod
    def parse(cls, text: str, name: str) -> Rate | None:
        """``"off"``, ``"RATE"`` or ``"RATE/BURST"`` (requests per second, bucket size)."""
        text = text.strip().lower()
        if text in {"off", "0", "no", "false", "none"}:
            return None
        rate, _, burst = text.partition("/")
        try:
            per_second = float(rate)
            size = int(burst) if burst else max(1, int(per_second * 5))
        except ValueError:
            raise ValueError(f"{name}: 'off', 'RATE' or 'RATE/BURST', not {text!r}") from None
        if per_second <= 0 or size < 1:
            raise ValueError(f"{name}: the rate and the burst must be positive")
        return cls(per_second, size)


MiB = 1024 * 1024
DEFAULT_RATE = "100/500"
"""Per account: 100 requests a second on average, 500 at once (``ORDEX_RATE_LIMIT``)."""
DEFAULT_ANONYMOUS_RATE = "20/100"
"""Per client address, for requests without valid credentials (``ORDEX_RATE_LIMIT_ANONYMOUS``)."""


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///./var/ordex.db"
    """``ORDEX_DATABASE_URL``: the SQLAlchemy URL of the database (SQLite or
    ``postgresql+psycopg://…``); every command takes ``--database-url`` too."""
    admin_token: str | None = None
    """``ORDEX_ADMIN_TOKEN``: the bearer token of ``/admin/v1``; unset, the admin API is off."""
    host: str = "127.0.0.1"
    """``ORDEX_HOST``: the address ``ordex serve`` listens on (``--host``)."""
    port: int = 8000
    """``ORDEX_PORT``: the port ``ordex serve`` listens on (``--port``)."""
    demo: bool = False
    """``ORDEX_DEMO``: ``1`` seeds the demo accounts into an empty database (``make run``)."""
    demo_keys_file: Path = Path("var/demo-keys.json")
    """``ORDEX_DEMO_KEYS_FILE``: where the demo accounts' keys are written."""
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)
    """``ORDEX_RETENTION_DAYS`` (default 90): days a received document's content is kept;
    ``ORDEX_RETENTION_AFTER_DOWNLOAD_DAYS`` (default 7): days after its first download.
    Then it is purged and download answers 410 (0 purges at once: ``ordex serve`` warns)."""
    purge_interval_seconds: float = 3600.0
    """``ORDEX_PURGE_INTERVAL_SECONDS``: how often the server runs the retention purge."""
    allow_private_webhooks: bool = False
    """``ORDEX_ALLOW_PRIVATE_WEBHOOKS``: ``1`` allows loopback and private webhook targets
    (a sandbox only)."""
    allow_http_webhooks: bool = False
    """``ORDEX_ALLOW_HTTP_WEBHOOKS``: ``1`` allows ``http://`` webhook targets (a sandbox
    only)."""
    webhook_timeout_seconds: float = 15.0
    """``ORDEX_WEBHOOK_TIMEOUT_SECONDS``: how long a webhook delivery waits for its answer."""
    delivery_lease_seconds: float | None = None
    """``ORDEX_DELIVERY_LEASE_SECONDS``: how long a delivery worker's claim holds unless
    renewed (every delivery process); twice the webhook timeout by default, never less."""
    schematron_dir: Path | None = None
    """``ORDEX_SCHEMATRON_DIR``: compiled official Schematron (``PEPPOLBIS-<T>.xslt``) run
    beside the native rules on every document (needs ``ordex[schematron]``)."""
    xsd_dir: Path | None = None
    """``ORDEX_XSD_DIR``: the OASIS UBL schemas (``ubl-2.1/``, ``ubl-2.3/``), checked as part
    of the official verdict; only with ``ORDEX_SCHEMATRON_DIR`` (``ordex.peppol.xsd``)."""
    log_format: str = "text"
    """``ORDEX_LOG_FORMAT``: ``text`` or ``json`` (one object a line, for log shippers)."""
    financing_policy: DecisionPolicy = field(default_factory=DecisionPolicy)
    """``ORDEX_FINANCING_DECISION`` (default ``auto``; ``manual``: the operator decides under
    ``/admin/v1/financing``); ``ORDEX_FINANCING_APPROVAL_LIMIT`` (default 10000): ``auto``
    approves applications up to this total."""
    max_document_bytes: int = 10 * MiB
    """``ORDEX_MAX_DOCUMENT_BYTES``: the largest XML document (send, UBL responses)."""
    max_json_bytes: int = 1 * MiB
    """``ORDEX_MAX_JSON_BYTES``: the largest body of every other route."""
    rate_limit: Rate | None = None
    """``ORDEX_RATE_LIMIT`` (default ``100/500``): requests per account, ``RATE/BURST`` (a
    second on average, at once) or ``off``."""
    anonymous_rate_limit: Rate | None = None
    """``ORDEX_RATE_LIMIT_ANONYMOUS`` (default ``20/100``): per client address, without valid
    credentials; off whenever ``ORDEX_RATE_LIMIT`` is off."""
    public_url: str | None = None
    """``ORDEX_PUBLIC_URL``: the base of every absolute URL ordex writes (behind a proxy,
    ``https://hub.example.com``); without it, the address the server listens on."""
    metrics_token: str | None = None
    """``ORDEX_METRICS_TOKEN``: when set, ``/metrics`` needs ``Authorization: Bearer`` it."""
    header_timeout_seconds: float = 10.0
    """``ORDEX_HEADER_TIMEOUT_SECONDS``: a connection must send a request's headers in time."""
    body_timeout_seconds: float = 30.0
    """``ORDEX_BODY_TIMEOUT_SECONDS``: the longest pause while a request's body comes in."""
    keep_alive_seconds: int = 5
    """``ORDEX_KEEP_ALIVE_SECONDS``: an idle keep-alive connection is closed after it."""
    max_header_bytes: int = 64 * 1024
    """``ORDEX_MAX_HEADER_BYTES``: the request line and headers together."""
    peppol: PeppolSettings | None = None
    """``ORDEX_PEPPOL_*``: this hub as a Peppol access point; ``None``: a local hub only."""
    error_reference_url: str | None = None
    """``ORDEX_ERROR_REFERENCE_URL``: the error reference every ``helpLink`` points to (a code
    is appended as ``#CODE``); without it, this server's own ``/docs/errors``."""

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        rate = Rate.parse(env.get("ORDEX_RATE_LIMIT", DEFAULT_RATE), "ORDEX_RATE_LIMIT")
        return cls(
            database_url=env.get("ORDEX_DATABASE_URL", cls.database_url),
            admin_token=env.get("ORDEX_ADMIN_TOKEN") or None,
            host=env.get("ORDEX_HOST", cls.host),
            port=int(env.get("ORDEX_PORT", cls.port)),
            demo=_flag("ORDEX_DEMO"),
            demo_keys_file=Path(env.get("ORDEX_DEMO_KEYS_FILE", str(cls.demo_keys_file))),
            retention=RetentionPolicy(
                never_downloaded=timedelta(days=float(env.get("ORDEX_RETENTION_DAYS", 90))),
                after_download=timedelta(
                    days=float(env.get("ORDEX_RETENTION_AFTER_DOWNLOAD_DAYS", 7))
                ),
            ),
            purge_interval_seconds=float(env.get("ORDEX_PURGE_INTERVAL_SECONDS", 3600)),
            allow_private_webhooks=_flag("ORDEX_ALLOW_PRIVATE_WEBHOOKS"),
            allow_http_webhooks=_flag("ORDEX_ALLOW_HTTP_WEBHOOKS"),
            webhook_timeout_seconds=float(env.get("ORDEX_WEBHOOK_TIMEOUT_SECONDS", 15)),
            delivery_lease_seconds=(
                float(env["ORDEX_DELIVERY_LEASE_SECONDS"])
                if env.get("ORDEX_DELIVERY_LEASE_SECONDS")
                else None
            ),
            log_format=env.get("ORDEX_LOG_FORMAT", cls.log_format).strip().lower(),
            schematron_dir=(
                Path(env["ORDEX_SCHEMATRON_DIR"]) if env.get("ORDEX_SCHEMATRON_DIR") else None
            ),
            xsd_dir=Path(env["ORDEX_XSD_DIR"]) if env.get("ORDEX_XSD_DIR") else None,
            financing_policy=DecisionPolicy(
                mode=DecisionMode(env.get("ORDEX_FINANCING_DECISION", "auto").strip().lower()),
                approval_limit=Decimal(env.get("ORDEX_FINANCING_APPROVAL_LIMIT", "10000")),
            ),
            max_document_bytes=int(env.get("ORDEX_MAX_DOCUMENT_BYTES", cls.max_document_bytes)),
            max_json_bytes=int(env.get("ORDEX_MAX_JSON_BYTES", cls.max_json_bytes)),
            rate_limit=rate,
            anonymous_rate_limit=(
                Rate.parse(
                    env.get("ORDEX_RATE_LIMIT_ANONYMOUS", DEFAULT_ANONYMOUS_RATE),
                    "ORDEX_RATE_LIMIT_ANONYMOUS",
                )
                if rate
                else None
            ),
            public_url=(env.get("ORDEX_PUBLIC_URL") or "").strip().rstrip("/") or None,
            metrics_token=env.get("ORDEX_METRICS_TOKEN") or None,
            header_timeout_seconds=float(
                env.get("ORDEX_HEADER_TIMEOUT_SECONDS", cls.header_timeout_seconds)
            ),
            body_timeout_seconds=float(
                env.get("ORDEX_BODY_TIMEOUT_SECONDS", cls.body_timeout_seconds)
            ),
            keep_alive_seconds=int(env.get("ORDEX_KEEP_ALIVE_SECONDS", cls.keep_alive_seconds)),
            max_header_bytes=int(env.get("ORDEX_MAX_HEADER_BYTES", cls.max_header_bytes)),
            peppol=PeppolSettings.from_env(),
            error_reference_url=(env.get("ORDEX_ERROR_REFERENCE_URL") or "").strip() or None,
        )

    def delivery_lease(self) -> timedelta:
        """The delivery lease; ``ValueError`` (said at start) when it is shorter than twice
        the webhook timeout: a claim that ran out mid-send would let a second worker send
        the same event while the first still waits for its answer."""
        least = 2 * self.webhook_timeout_seconds
        seconds = self.delivery_lease_seconds
        if seconds is None:
            return timedelta(seconds=least)
        if not seconds >= least:
            raise ValueError(
                f"ORDEX_DELIVERY_LEASE_SECONDS={seconds:g} is shorter than twice the webhook "
                f"timeout (ORDEX_WEBHOOK_TIMEOUT_SECONDS={self.webhook_timeout_seconds:g}): "
                f"give at least {least:g} seconds, or a shorter webhook timeout."
            )
        return timedelta(seconds=seconds)

    def ensure_sqlite_directory(self) -> None:
        """Create the directory of a file-based SQLite database (``./var/`` by default)."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and ":memory:" not in self.database_url:
            Path(self.database_url[len(prefix) :]).parent.mkdir(parents=True, exist_ok=True)
