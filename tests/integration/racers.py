"""Processes that race each other through the real use cases (see test_concurrency.py).

Each racer is a process of its own with its own engine and connections. Before each round
the two racers meet at a barrier. On PostgreSQL they meet a second time inside the
transaction, right after the read that the use case decides on: both have then read the
same row before either writes, so only the database (a version check, a unique
constraint) can stop the second writer. SQLite cannot overlap two writers (BEGIN IMMEDIATE
takes the write lock first), so there the racers only start together.
"""

from __future__ import annotations

import dataclasses
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.domain.content import ResponseCode
from ordex.domain.errors import OrdexError
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import authenticate
from ordex.services.responding import RespondToOrder, respond_to_order
from ordex.services.sending import CancelOrder, SendDocument, cancel_order, send_document
from ordex.storage.unit_of_work import SqlUnitOfWork

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "order.xml"
BUYER = "0088:7300010000001"
SELLER = "0088:7302347231110"
WAIT = 30.0


def order_xml(number: str) -> bytes:
    """The example order with the cbc:ID ``number``."""
    xml = EXAMPLE.read_bytes()
    return xml.replace(b"<cbc:ID>PO-2026-0001</cbc:ID>", f"<cbc:ID>{number}</cbc:ID>".encode(), 1)


@dataclass(frozen=True)
class Race:
    """What one racer does: ``action`` (cancel, accept or send) on each of ``targets``."""

    name: str
    url: str
    action: str
    key: str
    targets: list[str]


def _pausing_uow(
    engine: Engine, barrier: Any, repository: str, method: str
) -> Callable[[], SqlUnitOfWork]:
    """Units of work that wait at ``barrier`` right after their first ``repository.method``."""

    class Pausing(SqlUnitOfWork):
        def __enter__(self) -> Pausing:
            super().__enter__()
            target = getattr(self, repository)
            original = getattr(target, method)
            paused = threading.Event()

            def read_then_wait(*args: Any, **kwargs: Any) -> Any:
                result = original(*args, **kwargs)
                if not paused.is_set():
                    paused.set()
                    barrier.wait(WAIT)
                return result

            setattr(target, method, read_then_wait)
            return self

    return lambda: Pausing(engine)


READS = {  # the read each use case decides on
    "cancel": ("orders", "get"),
    "accept": ("orders", "get"),
    "send": ("accounts", "owner_of"),  # its last read before it writes
}


def race(job: Race, barrier: Any, results: Any) -> None:
    """Run ``job`` in this process; puts (name, [outcome per target]) on ``results``."""
    try:
        rt = bootstrap(Settings(database_url=job.url), migrate=False)
        ctx = rt.ctx
        overlap = rt.engine.dialect.name == "postgresql"
        if overlap:
            ctx = dataclasses.replace(ctx, uow=_pausing_uow(rt.engine, barrier, *READS[job.action]))
        account = authenticate(rt.ctx, job.key)
        outcomes: list[str] = []
        for target in job.targets:
            barrier.wait(WAIT)
            try:
                if job.action == "cancel":
                    cancel_order(
                        ctx, CancelOrder(account, parse_party_id(BUYER), target, "Not needed")
                    )
                elif job.action == "accept":
                    respond_to_order(
                        ctx,
                        RespondToOrder(account, parse_party_id(SELLER), target, ResponseCode.AP),
                    )
                else:
                    send_document(
                        ctx, SendDocument(account, parse_party_id(BUYER), order_xml(target))
                    )
                outcomes.append("ok")
            except OrdexError as error:
                outcomes.append(type(error).__name__)
        rt.engine.dispose()
        results.put((job.name, outcomes))
    except BaseException:
        results.put((job.name, ["crashed: " + traceback.format_exc()]))
        barrier.abort()
