"""Configuration from the environment; CLI options use the same names."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from ordex.domain.documents import RetentionPolicy
from ordex.domain.financing_policy import DecisionMode, DecisionPolicy


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///./var/ordex.db"
    admin_token: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    demo: bool = False
    demo_keys_file: Path = Path("var/demo-keys.json")
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)
    purge_interval_seconds: float = 3600.0
    allow_private_webhooks: bool = False
    allow_http_webhooks: bool = False
    webhook_timeout_seconds: float = 15.0
    delivery_lease_seconds: float | None = None
    """How long a delivery worker's claim holds unless renewed (``ORDEX_DELIVERY_LEASE_SECONDS``,
    every delivery process); twice the webhook timeout by default, never less."""
    schematron_dir: Path | None = None
    """Compiled official Schematron (``PEPPOLBIS-<T>.xslt``) run beside the native rules."""
    log_format: str = "text"
    """``text`` or ``json`` (one object a line, for log shippers)."""
    financing_policy: DecisionPolicy = field(default_factory=DecisionPolicy)
    """``ORDEX_FINANCING_DECISION`` (auto/manual), ``ORDEX_FINANCING_APPROVAL_LIMIT``."""

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
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
            financing_policy=DecisionPolicy(
                mode=DecisionMode(env.get("ORDEX_FINANCING_DECISION", "auto").strip().lower()),
                approval_limit=Decimal(env.get("ORDEX_FINANCING_APPROVAL_LIMIT", "10000")),
            ),
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
