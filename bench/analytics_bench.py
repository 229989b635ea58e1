"""Analytics benchmark: the full recompute against a bare pandas groupby computing R, F, M, in the same run.

The store (default 500k orders / 150k customers, bench/out/analytics_<orders>_<customers>.sqlite, git-ignored)
is generated once by direct bulk inserts (customers' derived figures by the real recompute_customers), then:

  1. baseline: sqlite3 read of the valid orders up to the as-of date + pandas groupby -> R, F, M per customer
  2. full recompute: RFM + layers + AIPL into customer_scores, KPIs for the 30 days ending on the as-of
     date with the previous 30, and the sizes of three saved segments            -> ratio 2/1, target <= 1.5
     Measured twice: "first" on an empty customer_scores (every row written, as after the first import)
     and "repeat" on a store already scored (only changed rows are written, as after a typical import).
  3. CLV: per-customer summary, BG/NBD and Gamma-Gamma fits and predictions for every customer

Steps 1 and 2 run --repeat times, interleaved so that both see the same machine load; the best time of
each counts. Usage:
  .venv/bin/python bench/analytics_bench.py [--orders 500000] [--customers 150000] [--repeat 3] [--regen]
  .venv/bin/python bench/analytics_bench.py --dashboard-paint  # Analytics page paint (dashboard_paint.py)
The last line of stdout is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.models import Customer, Order  # noqa: E402
from app.models.bulk import insert_rows  # noqa: E402
from app.models.db import open_store  # noqa: E402
from app.services.analytics.clv import clv  # noqa: E402
from app.services.analytics.frame import scope_of  # noqa: E402
from app.services.analytics.kpis import Period, kpi_report  # noqa: E402
from app.services.analytics.recompute import recompute_in  # noqa: E402
from app.services.analytics.segments import save_segment, saved_segments_in  # noqa: E402
from app.services.analytics.settings import load_metric_settings  # noqa: E402
from app.services.customers_sync import recompute_customers  # noqa: E402

TARGET_RATIO = 1.5
END = datetime(2026, 10, 31, 22, 0)
SPAN_DAYS = 730
STATUSES = np.array(["completed", "paid", "refunded", "cancelled", "unpaid"])
SEGMENTS = {
    "高价值": {"field": "m_score", "cmp": ">=", "value": 4},
    "沉睡复购": {
        "op": "and",
        "rules": [
            {"field": "layer", "cmp": "in", "value": ["dormant", "lost"]},
            {"field": "order_count", "cmp": ">=", "value": 2},
        ],
    },
    "近90天": {"field": "last_order", "cmp": "on_or_after", "value": "90 days ago"},
}


def _defaults(table, given: tuple[str, ...]) -> tuple[list[str], list]:
    """The NOT NULL columns not in `given`, with their Python-side defaults."""
    cols, vals = [], []
    for c in table.columns:
        if c.name in given or c.nullable or c.primary_key:
            continue
        arg = c.default.arg if c.default is not None else ""
        cols.append(c.name)
        vals.append(datetime(2026, 11, 1) if callable(arg) else arg)
    return cols, vals


def _customers(conn, n: int, rng: np.random.Generator) -> None:
    given = ("id", "display_name", "is_member", "city")
    extra_cols, extra_vals = _defaults(Customer.__table__, given)
    cities = np.array(["杭州市", "上海市", "北京市", "广州市", "成都市"])
    member = rng.random(n) < 0.15
    city = cities[rng.integers(0, len(cities), n)]
    rows = [(i + 1, f"买家{i + 1}", bool(member[i]), str(city[i]), *extra_vals) for i in range(n)]
    insert_rows(conn, Customer.__table__, (*given, *extra_cols), rows)


def _orders(conn, n: int, customers: int, rng: np.random.Generator) -> None:
    # Most customers buy once, a few many times (a Zipf-like draw over customer ids).
    cid = np.minimum(rng.zipf(1.15, n), customers) - 1
    cid = (cid + rng.integers(0, customers, n) * (rng.random(n) < 0.55)) % customers + 1
    ages = rng.integers(0, SPAN_DAYS * 24 * 60, n)
    times = [(END - timedelta(minutes=int(a))).isoformat(" ", "microseconds") for a in ages]
    status = STATUSES[np.searchsorted(np.cumsum([0.86, 0.05, 0.03, 0.03, 0.03]), rng.random(n), side="right")]
    paid = rng.choice([3990, 5900, 9900, 12800, 19900, 26800, 52000], n) * rng.choice([1, 1, 2, 3], n)
    paid = np.where(np.isin(status, ["cancelled", "unpaid"]), 0, paid)
    refund = np.where(status == "refunded", paid, np.where(rng.random(n) < 0.03, paid // 3, 0))
    net = paid - refund
    valid = np.isin(status, ["paid", "completed"]) & (net > 0)
    given = (
        "id",
        "platform",
        "order_no",
        "customer_id",
        "status",
        "paid_fen",
        "refund_fen",
        "net_fen",
        "is_valid",
        "order_time",
        "paid_at",
    )
    extra_cols, extra_vals = _defaults(Order.__table__, given)
    rows = [
        (
            i + 1,
            "taobao",
            str(6000000000000000000 + i),
            int(cid[i]),
            str(status[i]),
            int(paid[i]),
            int(refund[i]),
            int(net[i]),
            bool(valid[i]),
            times[i],
            times[i],
            *extra_vals,
        )
        for i in range(n)
    ]
    insert_rows(conn, Order.__table__, (*given, *extra_cols), rows)


def generate(path: Path, orders: int, customers: int, seed: int = 1):
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = open_store(path)
    rng = np.random.default_rng(seed)
    with store.engine.begin() as conn:
        _customers(conn, customers, rng)
        _orders(conn, orders, customers, rng)
        recompute_customers(conn)
    for name, tree in SEGMENTS.items():
        save_segment(store, name, tree)
    return store


def baseline(path: Path, as_of: date, window: int) -> pd.DataFrame:
    """The bare minimum: read valid orders, group by customer, R / F / M."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute(
            "SELECT customer_id, order_time, net_fen FROM orders WHERE is_valid AND order_time < ?",
            ((as_of + timedelta(days=1)).isoformat(),),
        ).fetchall()
    finally:
        con.close()
    df = pd.DataFrame(rows, columns=["cid", "t", "net"])
    df["t"] = pd.to_datetime(df["t"].str.slice(0, 10), format="%Y-%m-%d")
    start = pd.Timestamp(as_of) - pd.Timedelta(days=window - 1)
    df["in_window"] = df["t"] >= start
    df["net_w"] = df["net"].where(df["in_window"], 0)
    g = df.groupby("cid")
    return pd.DataFrame(
        {"R": (pd.Timestamp(as_of) - g["t"].max()).dt.days, "F": g["in_window"].sum(), "M": g["net_w"].sum()}
    )


def full_recompute(store) -> dict:
    settings = load_metric_settings(store)
    with store.engine.begin() as conn:
        analysis = recompute_in(conn, settings, with_clv=False).analysis
        kpis = kpi_report(conn, Period.ending(analysis.as_of, settings.kpi_period_days))
        segments = saved_segments_in(conn, analysis.as_of)
    return {
        "as_of": analysis.as_of,
        "layers": analysis.layers,
        "segments": {s.name: s.size for s in segments},
        "orders_30d": kpis.current.orders,
    }


def fit_clv(store, as_of: date):
    settings = load_metric_settings(store)
    with store.engine.connect() as conn:
        return clv(conn, scope_of(as_of), settings)


def best_of(repeat: int, fn, *args):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - t0)
    return min(times), result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=500_000)
    ap.add_argument("--customers", type=int, default=150_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--regen", action="store_true", help="generate the store again")
    ap.add_argument("--dashboard-paint", action="store_true", help="only the Analytics page's first paint")
    args = ap.parse_args(argv)
    path = ROOT / "bench" / "out" / f"analytics_{args.orders}_{args.customers}.sqlite"
    if args.dashboard_paint:
        from bench.dashboard_paint import run

        print(json.dumps(run(path, args.repeat)))
        return 0
    t0 = time.perf_counter()
    store = (
        generate(path, args.orders, args.customers) if args.regen or not path.exists() else open_store(path)
    )
    gen_s = time.perf_counter() - t0
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM customer_scores")
    t_first, full = best_of(1, full_recompute, store)
    as_of, window = full["as_of"], load_metric_settings(store).rfm_window_days
    t_full = t_base = float("inf")
    for _ in range(args.repeat):
        t, base = best_of(1, baseline, path, as_of, window)
        t_base = min(t_base, t)
        t, full = best_of(1, full_recompute, store)
        t_full = min(t_full, t)
    t_clv, model = best_of(1, fit_clv, store, as_of)
    figures = {
        "orders": args.orders,
        "customers": args.customers,
        "store_ready_s": round(gen_s, 2),
        "baseline_rfm_s": round(t_base, 3),
        "full_recompute_s": round(t_full, 3),
        "ratio": round(t_full / t_base, 2),
        "target_ratio": TARGET_RATIO,
        "clv_s": round(t_clv, 3),
        "first_recompute_s": round(t_first, 3),
        "first_ratio": round(t_first / t_base, 2),
        "clv_shown": model.bgnbd is not None,
        "clv_reason": model.reason,
        "bgnbd": model.bgnbd.as_json() if model.bgnbd else None,
        "gammagamma": model.gammagamma.as_json() if model.gammagamma else None,
        "baseline_customers": len(base),
        "layers": full["layers"],
        "segments": full["segments"],
    }
    print(f"store ready in {gen_s:.1f} s; as of {as_of}")
    print(f"baseline pandas R/F/M   {t_base:7.3f} s  ({len(base)} customers)")
    print(f"full recompute, first   {t_first:7.3f} s  ratio {t_first / t_base:.2f} (every row written)")
    print(f"full recompute, repeat  {t_full:7.3f} s  ratio {t_full / t_base:.2f} (target <= {TARGET_RATIO})")
    print(f"CLV summary + fits      {t_clv:7.3f} s  shown={figures['clv_shown']}")
    print(json.dumps(figures, ensure_ascii=False, default=str))
    store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
