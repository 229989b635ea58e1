"""A generated shop imported through the real importer (Taobao order-level xlsx), and the plain-pandas
reference figures the analytics tests compare against. The reference code here is written
independently of app/services/analytics: loops and sorts, not the services' SQL or numpy tricks."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

from app.services.importer import import_file
from tests.helpers import taobao_row, write_taobao_xlsx

START = datetime(2025, 1, 1, 8, 0)
DAYS = 660  # orders until 2026-10-23
STATUSES = [
    ("交易成功", 78),
    ("卖家已发货，等待买家确认", 8),
    ("等待买家付款", 5),
    ("交易关闭", 4),
    ("退款成功", 5),
]


def _order(rng: random.Random, no: int, nick: str, phone: str, at: datetime) -> list:
    status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
    paid = rng.choice([39.9, 59, 99, 128, 199, 268, 520]) * rng.choice([1, 1, 1, 2, 3])
    refund = "无退款申请"
    if status == "交易成功" and rng.random() < 0.08:
        refund = f"{paid if rng.random() < 0.3 else round(paid / 3, 2):.2f}"  # partial, sometimes all of it
    if status == "退款成功":
        refund = f"{paid:.2f}"
    created = at.strftime("%Y-%m-%d %H:%M:%S")
    paid_at = (
        ""
        if status in ("等待买家付款", "交易关闭")
        else (at + timedelta(minutes=2)).strftime("%Y-%m-%d %H:%M:%S")
    )
    return taobao_row(
        str(5100000000000000000 + no),
        nick=nick,
        paid=f"{paid:.2f}",
        status=status,
        created=created,
        paid_at=paid_at,
        refund=refund,
        phone=phone,
        title=f"商品{rng.randint(1, 6)}",
    )


def shop_rows(seed: int, customers: int) -> list[list]:
    rng = random.Random(seed)
    rows, no = [], 0
    for i in range(customers):
        n = min(int(rng.expovariate(0.55)) + 1, 12)
        first = START + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(600))
        for _ in range(n):
            at = first + timedelta(days=rng.randrange(0, 400), minutes=rng.randrange(600))
            if at >= START + timedelta(days=DAYS):
                continue
            no += 1
            rows.append(_order(rng, no, f"tb_{i}", f"139{i:08d}", at))
    return rows


def build_shop(store, tmp: Path, seed: int = 11, customers: int = 160) -> list:
    """Two imports (older orders, then the rest) so that snapshots and layer movements exist."""
    rows = sorted(shop_rows(seed, customers), key=lambda r: r[9])
    half = len(rows) * 2 // 3
    results = []
    for k, part in enumerate((rows[:half], rows[half:])):
        path = write_taobao_xlsx(tmp / f"shop{k}.xlsx", part)
        results.append(import_file(store, path, platform="taobao", backup=False))
    return results


# ---- reference figures ------------------------------------------------------------------------


def read_tables(store) -> tuple[pd.DataFrame, pd.DataFrame]:
    with store.engine.connect() as conn:
        orders = pd.read_sql(
            "SELECT id, customer_id, status, paid_fen, refund_fen, order_time FROM orders", conn
        )
        customers = pd.read_sql("SELECT id, is_member FROM customers", conn)
    orders["t"] = pd.to_datetime(orders["order_time"])
    orders["net"] = orders["paid_fen"] - orders["refund_fen"]
    orders["valid"] = orders["status"].isin(["paid", "completed"]) & (orders["net"] > 0)
    return orders, customers


def ref_customers(
    orders: pd.DataFrame, customers: pd.DataFrame, as_of: date, window: int = 365
) -> pd.DataFrame:
    """Per known customer: n_valid, r, f, m, n365 (valid orders in the last 365 days)."""
    end = pd.Timestamp(as_of) + pd.Timedelta(days=1)
    start = end - pd.Timedelta(days=window)
    seen = orders[orders["t"] < end]
    with_orders = set(orders["customer_id"].dropna())
    rows = []
    for cid in customers["id"]:
        mine = seen[seen["customer_id"] == cid]
        if mine.empty and cid in with_orders:
            continue  # every order after the as-of date: not known yet
        valid = mine[mine["valid"]]
        recent = valid[valid["t"] >= start]
        last = valid["t"].max()
        r = None if valid.empty else (pd.Timestamp(as_of) - last.normalize()).days
        rows.append(
            {
                "cid": cid,
                "n_valid": len(valid),
                "r": r,
                "f": len(recent),
                "m": int(recent["net"].sum()),
                "n365": len(recent),
            }
        )
    return pd.DataFrame(rows).set_index("cid")


def ref_layer(row) -> str:
    if row.n_valid == 0:
        return "potential"
    if row.r > 180:
        return "lost"
    if row.r > 90:
        return "dormant"
    if row.n365 >= 4:
        return "loyal"
    return "active" if row.n_valid >= 2 else "new"


def ref_quintile_scores(values: list[int], higher_is_better: bool) -> dict[int, int]:
    """Score of each distinct value: rank the distinct values best first, split them into fifths."""
    distinct = sorted(set(values), reverse=higher_is_better)
    n = len(distinct)
    return {v: 5 - (5 * i) // n for i, v in enumerate(distinct)}


def ref_score(value: int, table: dict[int, int], higher_is_better: bool) -> int:
    """A value outside the scored set gets the score of the nearest worse-or-equal scored value, else 1."""
    if value in table:
        return table[value]
    worse = [v for v in table if (v <= value if higher_is_better else v >= value)]
    if not worse:
        return 1
    return table[max(worse) if higher_is_better else min(worse)]


def ref_f_score(f: int) -> int:
    return 1 if f <= 1 else 2 if f == 2 else 3 if f == 3 else 4 if f <= 5 else 5
