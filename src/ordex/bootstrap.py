"""Composition root: settings in, a ready ``Context`` (and engine) out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from ordex.clock import SystemClock
from ordex.config import Settings
from ordex.delivery.http import HttpTransport
from ordex.network.ports import Directory
from ordex.peppol.codec import PeppolCodec
from ordex.services.context import Context
from ordex.services.ports import Clock
from ordex.storage.migrate import upgrade
from ordex.storage.unit_of_work import SqlUnitOfWork, make_engine

if TYPE_CHECKING:
    from ordex.network.as4_port import AccessPoint


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    engine: Engine
    ctx: Context
    access_point: AccessPoint | None = None
    """This hub as a Peppol access point (``ORDEX_PEPPOL_AP_CERT``), else ``None``."""


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


def _directory(settings: Settings) -> Directory | None:
    """The Peppol lookup when this hub is an access point (its trust is read now, so a
    wrong ``ORDEX_PEPPOL_TRUST`` is said at start)."""
    if settings.peppol is None:
        return None
    from ordex.network.directory import directory_from_settings

    return directory_from_settings(settings)


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
        directory=_directory(settings),
    )
    access_point = None
    if settings.peppol is not None:
        from ordex.network.as4_port import AccessPoint

        access_point = AccessPoint.from_settings(settings.peppol, settings.max_document_bytes)
    return Runtime(settings=settings, engine=engine, ctx=ctx, access_point=access_point)
