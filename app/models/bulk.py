"""Fast bulk inserts for imports: ids allocated up front, driver-level executemany on SQLite.

SQLAlchemy's ordered RETURNING falls back to one statement per row on SQLite, which made a
100k-row import spend most of its time in `execute`. The store has one writer at a time (the
import holds SQLite's write lock), so ids can be allocated before inserting.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, Table, func, select, text
from sqlalchemy.types import DateTime

_CHUNK = 5000


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


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    """Insert tuples (in `columns` order) into `table`."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(table.insert(), [dict(zip(columns, r, strict=True)) for r in rows])
        return
    date_cols = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, DateTime)]
    if date_cols:
        rows = [_sqlite_dates(r, date_cols) for r in rows]
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
    for i in range(0, len(rows), _CHUNK):
        conn.exec_driver_sql(sql, [tuple(r) for r in rows[i : i + _CHUNK]])


def _sqlite_dates(row: Sequence, date_cols: list[int]) -> list:
    """Datetimes as SQLAlchemy's SQLite DateTime stores them, so reads and comparisons agree."""
    out = list(row)  # converted back to a tuple by the caller
    for i in date_cols:
        v = out[i]
        if isinstance(v, datetime):
            out[i] = v.isoformat(" ", "microseconds")
    return out
