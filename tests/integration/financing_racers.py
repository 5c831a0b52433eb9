"""Processes that mark the same financing item at the same moment (test_financing_concurrency).

Like ``racers.py``: each racer is a process with its own engine; they meet at a barrier
before each round. On PostgreSQL they meet a second time inside the transaction, right
after the first read of the application, so both have read the same version before
either writes and only the version check can stop the second writer. Only the first read
of a round waits: a use case that meets a concurrent writer reads again, and that read
must not wait for a racer that has finished.
"""

from __future__ import annotations

import dataclasses
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.domain.errors import OrdexError
from ordex.domain.financing_items import Identification, ItemOperation
from ordex.services.accounts import authenticate
from ordex.services.financing import mark_items
from ordex.storage.unit_of_work import SqlUnitOfWork

WAIT = 30.0


@dataclass(frozen=True)
class MarkRace:
    """What one racer does: mark the item ``code`` with ``operation`` in each application."""

    name: str
    url: str
    key: str
    operation: ItemOperation
    code: str
    applications: list[str]


def _pausing(engine: Engine, barrier: Any, once: threading.Event) -> Callable[[], SqlUnitOfWork]:
    class Pausing(SqlUnitOfWork):
        def __enter__(self) -> Pausing:
            super().__enter__()
            original = self.applications.get

            def read_then_wait(application_id: str) -> Any:
                found = original(application_id)
                if not once.is_set():
                    once.set()
                    barrier.wait(WAIT)
                return found

            self.applications.get = read_then_wait  # type: ignore[method-assign]
            return self

    return lambda: Pausing(engine)


def race(job: MarkRace, barrier: Any, results: Any) -> None:
    """Run ``job`` in this process; puts (name, [outcome per application]) on ``results``."""
    try:
        rt = bootstrap(Settings(database_url=job.url), migrate=False)
        overlap = rt.engine.dialect.name == "postgresql"
        account = authenticate(rt.ctx, job.key)
        outcomes: list[str] = []
        for application_id in job.applications:
            ctx = rt.ctx
            if overlap:
                ctx = dataclasses.replace(ctx, uow=_pausing(rt.engine, barrier, threading.Event()))
            barrier.wait(WAIT)
            try:
                mark_items(
                    ctx, account, application_id, job.operation, [Identification(code=job.code)]
                )
                outcomes.append("ok")
            except OrdexError as error:
                outcomes.append(f"{type(error).__name__}: {error.message}")
        rt.engine.dispose()
        results.put((job.name, outcomes))
    except BaseException:
        results.put((job.name, ["crashed: " + traceback.format_exc()]))
        barrier.abort()
