"""Repository of order versions (``ordex.domain.versions``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update

from ordex.domain.content import OrderContent
from ordex.domain.versions import OrderVersion, VersionSource, VersionStatus
from ordex.storage import tables as t
from ordex.storage.snapshots import from_json


def _version(row: Any) -> OrderVersion:
    return OrderVersion(
        order_id=row.order_id,
        number=row.number,
        document_id=row.document_id,
        source=VersionSource(row.source),
        status=VersionStatus(row.status),
        content=from_json(OrderContent, row.content),
        created_at=row.created_at,
        answered_by=row.answered_by,
    )


_INSERT_VERSION = t.order_versions.insert()  # built once: see repositories._HOLDER_OF_KEY


class SqlVersions:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, version: OrderVersion) -> None:
        self.conn.execute(
            _INSERT_VERSION,
            dict(
                order_id=version.order_id,
                number=version.number,
                document_id=version.document_id,
                source=version.source.value,
                status=version.status.value,
                content=version.content,
                created_at=version.created_at,
                answered_by=version.answered_by,
            ),
        )

    def answer(self, version: OrderVersion) -> None:
        """Save the seller's answer to a version (its status and the response)."""
        v = t.order_versions
        self.conn.execute(
            update(v)
            .where(v.c.order_id == version.order_id, v.c.number == version.number)
            .values(status=version.status.value, answered_by=version.answered_by)
        )

    def for_order(self, order_id: str) -> list[OrderVersion]:
        v = t.order_versions
        rows = self.conn.execute(select(v).where(v.c.order_id == order_id).order_by(v.c.number))
        return [_version(row) for row in rows]
