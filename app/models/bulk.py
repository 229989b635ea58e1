"""Fast bulk inserts for imports: ids allocated up front, driver-level executemany on SQLite.

SQLAlchemy's ordered RETURNING falls back to one statement per row on SQLite, which made a
100k-row import spend most of its time in `execute`. The store has one writer at a time (the
import holds SQLite's write lock), so ids can be allocated before inserting.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Connection, Engine, Table, func, select, text
from sqlalchemy.types import DateTime

_CHUNK = 5000
log = logging.getLogger(__name__)


def allocate_ids(conn: Connection, table: Table, count: int) -> list[int]:
    """`count` fresh primary keys for `table`, in ascending order."""
    if count <= 0:
        return []
    if conn.dialect.name == "postgresql":
        seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar_one()
        rows = conn.execute(text("SELECT nextval(:s) FROM generate_series(1, :n)"), {"s": seq, "n": count})
        return sorted(r[0] for r in rows)
    start = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one() + 1
    return list(range(start, start + count))


def insert_rows(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: list[tuple],
    *,
    dates_done: bool = False,
) -> None:
    """Insert tuples (in `columns` order) into `table` (SQLAlchemy takes a list of tuples as many rows).

    `dates_done`: the rows' datetimes are already text from `sqlite_datetime` (SQLite only).
    """
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        if dates_done:
            rows = [_parse_dates(r, table, columns) for r in rows]
        conn.execute(table.insert(), [dict(zip(columns, r, strict=True)) for r in rows])
        return
    date_cols = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, DateTime)]
    if date_cols and not dates_done:
        rows = [_sqlite_dates(r, date_cols) for r in rows]
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
    for i in range(0, len(rows), _CHUNK):
        conn.exec_driver_sql(sql, rows[i : i + _CHUNK])  # tuples or lists: sqlite3 binds either


def sqlite_datetime(value: datetime) -> str:
    """A datetime as SQLAlchemy's SQLite DateTime stores it, so reads and comparisons agree."""
    return value.isoformat(" ", "microseconds")


def _parse_dates(row: Sequence, table: Table, columns: Sequence[str]) -> list:
    out = list(row)
    for i, c in enumerate(columns):
        if isinstance(out[i], str) and isinstance(table.c[c].type, DateTime):
            out[i] = datetime.fromisoformat(out[i])
    return out


def _sqlite_dates(row: Sequence, date_cols: list[int]) -> tuple:
    """Datetimes as SQLAlchemy's SQLite DateTime stores them, so reads and comparisons agree."""
    out = list(row)
    for i in date_cols:
        v = out[i]
        if isinstance(v, datetime):
            out[i] = v.isoformat(" ", "microseconds")
    return tuple(out)


@contextmanager
def bulk_write_pragmas(conn: Connection, cache_mib: int = 128) -> Iterator[None]:
    """A bigger page cache for one bulk write on SQLite, reset afterwards.

    The default 2 MiB cache makes inserts into the indexes of a large table spill and re-read pages.
    The pragma affects neither durability nor the transaction. (In-memory temp tables were measured
    too, for the sorts of the index builds and the customers' figures: no difference at 100k orders.)
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    old_cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{cache_mib * 1024}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={old_cache}")


@contextmanager
def deferred_indexes(conn: Connection, tables: Sequence[Table]) -> Iterator[None]:
    """Build the plain (non-unique) indexes of tables that start empty once, after a bulk write.

    Dropped and re-created inside the caller's transaction, so a failure or a kill rolls the drop
    back with everything else. Unique indexes stay: imports look rows up through them.
    """
    dropped = []
    if conn.dialect.name == "sqlite":
        for table in tables:
            if conn.execute(select(table.c.id).limit(1)).first() is not None:
                continue
            for index in sorted(table.indexes, key=lambda ix: ix.name):
                if not index.unique and _index_exists(conn, index.name):
                    conn.exec_driver_sql(f'DROP INDEX "{index.name}"')
                    dropped.append(index)
    yield
    for index in dropped:
        index.create(conn)


def _index_exists(conn: Connection, name: str) -> bool:
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?"
    row = conn.exec_driver_sql(sql, (name,)).first()
    return row is not None


@contextmanager
def checkpoint_after(conn: Connection) -> Iterator[None]:
    """No automatic WAL checkpoint at this connection's commits (SQLite), for `checkpoint_in_background`.

    A commit past SQLite's 1000-page mark otherwise copies the whole log into the file itself before
    it returns (0.4 s of a 100k-order import). Wrap it around the connection, outside its transaction.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    old = conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
    conn.commit()  # ends the transaction the pragmas began in SQLAlchemy, before the caller's begin()
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={int(old)}")
        conn.commit()


@contextmanager
def foreign_keys_unchecked(conn: Connection) -> Iterator[None]:
    """No foreign-key checks on this SQLite connection while it bulk-writes rows whose references it
    made itself (a parent's row always first): a look-up per reference per row, 0.3 s of a 100k-order
    import. Wrap it around the connection, outside its transaction (SQLite ignores the pragma inside
    one). tests/services/test_import_writes.py runs foreign_key_check after every kind of import."""
    if conn.dialect.name != "sqlite":
        yield
        return
    conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
    conn.commit()
    try:
        yield
    finally:
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        conn.commit()


def checkpoint_in_background(engine: Engine) -> threading.Thread | None:
    """Copy the write-ahead log into the database file on a thread of its own (SQLite; None elsewhere).

    SQLite's checkpoint runs without Python's GIL, so the caller goes on meanwhile; it is PASSIVE, so
    it waits for no reader and no writer waits for it. Join the thread before the work counts as done.
    """
    if engine.dialect.name != "sqlite":
        return None

    def run() -> None:
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
                conn.commit()
        except Exception:  # a later commit or closing the store checkpoints instead
            log.warning("background WAL checkpoint failed", exc_info=True)

    thread = threading.Thread(target=run, name="wal-checkpoint", daemon=True)
    thread.start()
    return thread
