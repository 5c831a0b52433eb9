"""Copy a hub's whole database to another one (SQLite to PostgreSQL, or any pair).

The target is migrated to the same head as the source first; then every table is copied
in dependency order (parents before children), in batches, inside one transaction on the
target, and the row count of each table is compared before that transaction commits: a
copy either arrives whole and counted, or not at all. Values travel through the tables'
SQLAlchemy types, so times stay aware UTC, JSON stays JSON and bytes stay bytes on either
database. On PostgreSQL the sequences behind integer keys are moved past the copied rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, Table, delete, func, select, text

from ordex.storage import tables as t
from ordex.storage.migrate import alembic_config, upgrade
from ordex.storage.unit_of_work import make_engine

# (table name, rows copied so far, rows in all) after each batch
Progress = Callable[[str, int, int], None]


class CopyRefused(Exception):
    """The copy did not start, or was rolled back: the message says why."""


@dataclass
class CopyReport:
    revision: str
    counts: dict[str, int] = field(default_factory=dict)  # rows per table, verified

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def copy_database(
    source_url: str,
    target_url: str,
    batch_size: int = 1000,
    replace: bool = False,
    progress: Progress | None = None,
) -> CopyReport:
    """Copy every table of ``source_url`` into ``target_url``.

    A target that already holds rows is refused unless ``replace``, which deletes them
    first (in the same transaction as the copy).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    source = make_engine(source_url)
    target = make_engine(target_url)
    try:
        if _same_database(source, target):
            raise CopyRefused("The source and the target are the same database.")
        revision = _source_revision(source)
        upgrade(target, revision)
        report = CopyReport(revision=revision)
        with source.connect() as reader, target.connect() as writer:
            tables = list(t.metadata.sorted_tables)
            totals = {table.name: _count(reader, table) for table in tables}
            reader.rollback()  # SQLite: end the BEGIN IMMEDIATE of the counts
            writer.begin()
            filled = [table.name for table in tables if _count(writer, table)]
            if filled and not replace:
                raise CopyRefused(
                    "The target database is not empty (rows in "
                    + ", ".join(filled)
                    + "); pass --replace to delete its rows first."
                )
            for table in reversed(tables):
                writer.execute(delete(table))
            with reader.begin():  # one snapshot of the source for the whole copy
                for table in tables:
                    report.counts[table.name] = _copy_table(
                        reader, writer, table, batch_size, totals[table.name], progress
                    )
            for table in tables:
                copied = _count(writer, table)
                if copied != report.counts[table.name]:
                    raise CopyRefused(
                        f"Table {table.name}: {report.counts[table.name]} rows read but "
                        f"{copied} in the target; nothing was copied."
                    )
            _advance_sequences(writer, tables)
            writer.commit()
        return report
    finally:
        source.dispose()
        target.dispose()


def _copy_table(
    reader: Connection,
    writer: Connection,
    table: Table,
    batch_size: int,
    total: int,
    progress: Progress | None,
) -> int:
    copied = 0
    if progress:
        progress(table.name, 0, total)
    stmt = select(table).order_by(*table.primary_key.columns)
    result = reader.execution_options(yield_per=batch_size).execute(stmt)
    for rows in result.partitions(batch_size):
        writer.execute(table.insert(), [dict(row._mapping) for row in rows])
        copied += len(rows)
        if progress:
            progress(table.name, copied, max(total, copied))
    return copied


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _source_revision(source: Engine) -> str:
    """The source's migration revision, which must be the head this ordex knows."""
    with source.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current is None:
        raise CopyRefused("The source has no ordex schema (no migration was ever applied).")
    head = ScriptDirectory.from_config(alembic_config(source)).get_current_head()
    if current != head:
        raise CopyRefused(
            f"The source is at migration {current}, this ordex at {head}: run "
            "`ordex db upgrade` on the source first."
        )
    return current


def _same_database(source: Engine, target: Engine) -> bool:
    a, b = source.url, target.url
    return (a.get_backend_name(), a.host, a.port, a.database) == (
        b.get_backend_name(),
        b.host,
        b.port,
        b.database,
    )


def _advance_sequences(writer: Connection, tables: list[Table]) -> None:
    """PostgreSQL: the next generated key follows the largest copied one."""
    if writer.dialect.name != "postgresql":
        return
    for table in tables:
        column = table.autoincrement_column
        if column is None:
            continue
        writer.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, :column), "
                f'COALESCE((SELECT MAX("{column.name}") FROM "{table.name}"), 0) + 1, false)'
            ),
            {"table": table.name, "column": column.name},
        )
