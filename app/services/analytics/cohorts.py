"""Cohort retention, repurchase intervals and the spend-concentration (top-20 %) curve."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Connection

from app.services.analytics.frame import Scope, fetch_frame

# Every valid order's customer and day, read once by a sequential scan (like frame.py: at 500k orders
# walking the order_time index with a row look-up per order for is_valid took several times longer).
_DAYS = """
SELECT customer_id AS cid, substr(order_time, 1, 10) AS d
FROM orders NOT INDEXED WHERE is_valid AND customer_id IS NOT NULL AND order_time < :end
"""
INTERVAL_EDGES = (0, 7, 14, 30, 60, 90, 180, 365)  # bucket i holds (edge[i-1], edge[i]] days; 0 is same day


def _month_number(ym: pd.Series) -> pd.Series:
    return ym.str.slice(0, 4).astype(int) * 12 + ym.str.slice(5, 7).astype(int) - 1


def valid_order_days(conn: Connection, scope: Scope) -> pd.DataFrame:
    """cid, d ('YYYY-MM-DD') of every valid order before the scope's end: what cohorts and intervals read."""
    return fetch_frame(conn, _DAYS, {"end": scope.end})


def cohort_retention(conn: Connection, scope: Scope, days: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows: month of first valid order ('YYYY-MM'); column `size`, then months since 0, 1, ...: the share
    of the cohort with a valid order in that month. `days`: valid_order_days(), when already read."""
    days = valid_order_days(conn, scope) if days is None else days
    if days.empty:
        return pd.DataFrame(columns=["size"])
    df = pd.DataFrame({"cid": days["cid"], "month": days["d"].str.slice(0, 7)}).drop_duplicates()
    df["n"] = _month_number(df["month"])
    first = df.groupby("cid")["n"].transform("min")
    df["cohort"] = df.groupby("cid")["month"].transform("min")
    df["since"] = df["n"] - first
    active = df.pivot_table(index="cohort", columns="since", values="cid", aggfunc="count", fill_value=0)
    size = active[0]
    out = active.div(size, axis=0)
    last = _month_number(pd.Series([scope.as_of.strftime("%Y-%m")])).iloc[0]
    age = last - _month_number(pd.Series(out.index, index=out.index))
    out = out.where(np.asarray(out.columns)[None, :] <= age.to_numpy()[:, None])  # months not yet lived: NaN
    out.insert(0, "size", size)
    return out


@dataclass(frozen=True)
class Intervals:
    """Days between a customer's consecutive valid orders."""

    buckets: dict[str, int]  # "0", "1-7", ..., ">365"
    count: int
    median_days: float | None


def repurchase_intervals(conn: Connection, scope: Scope, days: pd.DataFrame | None = None) -> Intervals:
    df = valid_order_days(conn, scope) if days is None else days
    df = df.assign(d=pd.to_datetime(df["d"], format="%Y-%m-%d")).sort_values(["cid", "d"])
    gaps = df.groupby("cid")["d"].diff().dropna().dt.days.to_numpy()
    labels = ["0"] + [f"{lo + 1}-{hi}" for lo, hi in zip(INTERVAL_EDGES, INTERVAL_EDGES[1:], strict=False)]
    labels.append(f">{INTERVAL_EDGES[-1]}")
    idx = np.searchsorted(np.asarray(INTERVAL_EDGES), gaps, side="left")
    counts = np.bincount(idx, minlength=len(labels))
    median = float(np.median(gaps)) if gaps.size else None
    return Intervals(dict(zip(labels, map(int, counts), strict=True)), int(gaps.size), median)


def concentration_curve(spend: pd.Series, points: int = 101) -> pd.DataFrame:
    """Share of net spend held by the top x share of buyers (x from 0 to 1), buyers = spend > 0."""
    s = np.sort(spend[spend > 0].to_numpy(dtype=float))[::-1]
    if s.size == 0:
        return pd.DataFrame({"buyers_share": [], "spend_share": []})
    cum = np.concatenate([[0.0], np.cumsum(s) / s.sum()])
    x = np.linspace(0, 1, points)
    return pd.DataFrame({"buyers_share": x, "spend_share": np.interp(x * s.size, np.arange(s.size + 1), cum)})
