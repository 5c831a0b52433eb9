"""What the delivery queue holds right now, for ``/metrics`` (one read, no lock taken)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, func, select

from ordex.storage import tables as t


@dataclass(frozen=True)
class QueueStats:
    outbox_pending: int
    oldest_pending: datetime | None
    deliveries: dict[str, int] = field(default_factory=dict)  # by status
    hooks: dict[str, int] = field(default_factory=dict)  # "active" / "disabled"


def queue_stats(engine: Engine) -> QueueStats:
    with engine.connect() as conn:
        pending, oldest = conn.execute(
            select(func.count(), func.min(t.outbox.c.created_at)).where(
                t.outbox.c.dispatched_at.is_(None)
            )
        ).one()
        deliveries: dict[str, int] = {
            status: count
            for status, count in conn.execute(
                select(t.deliveries.c.status, func.count()).group_by(t.deliveries.c.status)
            )
        }
        hooks = {
            ("active" if active else "disabled"): count
            for active, count in conn.execute(
                select(t.hooks.c.is_active, func.count()).group_by(t.hooks.c.is_active)
            )
        }
    return QueueStats(pending, oldest, deliveries, hooks)
