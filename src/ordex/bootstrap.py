"""Composition root: settings in, a ready ``Context`` (and engine) out."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from ordex.clock import SystemClock
from ordex.config import Settings
from ordex.delivery.http import HttpTransport
from ordex.peppol.codec import PeppolCodec
from ordex.services.context import Context
from ordex.services.ports import Clock
from ordex.storage.migrate import upgrade
from ordex.storage.unit_of_work import SqlUnitOfWork, make_engine


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    engine: Engine
    ctx: Context


def _codec(settings: Settings) -> PeppolCodec:
    """The Peppol codec; with ``ORDEX_SCHEMATRON_DIR`` also checking with the official XSLT
    (and with ``ORDEX_XSD_DIR`` the UBL schema)."""
    if settings.schematron_dir is None:
        if settings.xsd_dir is not None:
            raise ValueError(
                "ORDEX_XSD_DIR is part of the official verdict: set ORDEX_SCHEMATRON_DIR too"
            )
        return PeppolCodec()
    from ordex.peppol.crosscheck import CrossCheck  # needs saxonche: ordex[schematron]

    return PeppolCodec(check=CrossCheck(settings.schematron_dir, settings.xsd_dir))


def bootstrap(settings: Settings, clock: Clock | None = None, migrate: bool = True) -> Runtime:
    settings.ensure_sqlite_directory()
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    ctx = Context(
        uow=lambda: SqlUnitOfWork(engine),
        reader=lambda: SqlUnitOfWork(engine, read_only=True),
        clock=clock or SystemClock(),
        codec=_codec(settings),
        retention=settings.retention,
        transport=HttpTransport(
            allow_private=settings.allow_private_webhooks,
            allow_http=settings.allow_http_webhooks,
            timeout=settings.webhook_timeout_seconds,
        ),
        financing_policy=settings.financing_policy,
    )
    return Runtime(settings=settings, engine=engine, ctx=ctx)
