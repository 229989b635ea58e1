"""The one read every figure starts from: each known customer's valid-order aggregates as of a date,
built in SQL as the temporary table `tmp_figures` (cid, member, n_valid, net, f, m, n_loyal, n_aipl, last_day,
r, age)
so that 150k customers never travel to Python and back just to be scored.

Conventions (the help text says the same): the as-of date is a calendar day; an order counts when its
time falls on or before that day; R is counted in whole days between dates; an N-day window is the
as-of day and the N-1 days before it. Orders after the as-of date are ignored, and a customer whose
every order is later is not known yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from app.services.analytics.settings import MetricSettings

if TYPE_CHECKING:
    import pandas as pd

# Only valid orders are aggregated, read by a sequential scan (NOT INDEXED) and grouped by a sort: measured
# at 500k orders this takes half the time of walking ix_orders_customer_time, whose row look-ups for is_valid
# and net_fen jump all over the table. A customer whose orders up to the as-of date are all invalid is still
# known (n_valid 0): the EXISTS finds them through that index.
_FIGURES = """
CREATE TEMP TABLE tmp_figures AS
SELECT c.id AS cid, c.is_member AS member,
       COALESCE(a.n_valid, 0) AS n_valid, COALESCE(a.net, 0) AS net, COALESCE(a.f, 0) AS f,
       COALESCE(a.m, 0) AS m, COALESCE(a.n_loyal, 0) AS n_loyal, COALESCE(a.n_aipl, 0) AS n_aipl,
       substr(a.last_at, 1, 10) AS last_day,
       CAST(julianday(:as_of) - julianday(substr(a.last_at, 1, 10)) AS INTEGER) AS r,
       CAST(julianday(:as_of) - julianday(substr(a.first_at, 1, 10)) AS INTEGER) AS age
FROM customers c LEFT JOIN (
  SELECT customer_id AS cid, COUNT(*) AS n_valid, SUM(net_fen) AS net,
         MIN(order_time) AS first_at, MAX(order_time) AS last_at,
         SUM(order_time >= :rfm_start) AS f,
         SUM(CASE WHEN order_time >= :rfm_start THEN net_fen ELSE 0 END) AS m,
         SUM(order_time >= :loyal_start) AS n_loyal,
         SUM(order_time >= :aipl_start) AS n_aipl
  FROM orders NOT INDEXED
  WHERE is_valid AND customer_id IS NOT NULL AND order_time < :end GROUP BY customer_id
) a ON a.cid = c.id
WHERE a.cid IS NOT NULL OR c.all_order_count = 0
   OR EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.order_time < :end)
"""


def day(d: date) -> str:
    """A date as the lower bound of stored order times ('YYYY-MM-DD' sorts before any time that day)."""
    return d.isoformat()


def window_start(as_of: date, days: int) -> str:
    return day(as_of - timedelta(days=days - 1))


@dataclass(frozen=True)
class Scope:
    as_of: date
    end: str  # exclusive bound: the day after as-of


def latest_order_date(conn: Connection) -> date | None:
    value = conn.execute(text("SELECT MAX(order_time) FROM orders")).scalar()
    return None if value is None else date.fromisoformat(str(value)[:10])


def resolve_as_of(conn: Connection, settings: MetricSettings, override: date | None = None) -> date | None:
    """The explicit date, else the setting, else the latest order's date (None for an empty store)."""
    if override is not None:
        return override
    if settings.as_of:
        return date.fromisoformat(settings.as_of)
    return latest_order_date(conn)


def scope_of(as_of: date) -> Scope:
    return Scope(as_of, day(as_of + timedelta(days=1)))


def fetch_frame(conn: Connection, sql: str, params: dict | None = None) -> pd.DataFrame:
    """A query's rows as a DataFrame, straight from the driver's cursor (SQLAlchemy Row objects cost more
    than the query itself at 100k rows)."""
    import pandas as pd

    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.execute(sql, params or {})
        columns = [d[0] for d in cursor.description]
        return pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
    finally:
        cursor.close()


def drop_temp(conn: Connection, *names: str) -> None:
    for name in names:
        conn.execute(text(f"DROP TABLE IF EXISTS temp.{name}"))


def build_figures(conn: Connection, scope: Scope, settings: MetricSettings) -> None:
    """(Re)create tmp_figures for this as-of date."""
    drop_temp(conn, "tmp_figures")
    conn.execute(
        text(_FIGURES),
        {
            "as_of": scope.as_of.isoformat(),
            "end": scope.end,
            "rfm_start": window_start(scope.as_of, settings.rfm_window_days),
            "loyal_start": window_start(scope.as_of, settings.loyal_window_days),
            "aipl_start": window_start(scope.as_of, settings.aipl_l_window_days),
        },
    )
