"""A store of generated customers and orders written with direct bulk inserts (seconds, not minutes)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from app.models import Customer, CustomerIdentity, Order
from app.models.bulk import insert_rows

PLATFORMS = ("taobao", "douyin", "pdd", "jd", "kuaishou", "youzan", "wechat")
STATUSES = ("completed", "completed", "completed", "paid", "refunded", "cancelled", "unpaid")
CITIES = ("杭州市", "上海市", "北京市", "广州市", "成都市", "南京市", "武汉市", "西安市")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
START = datetime(2024, 1, 1)


def _defaults(table) -> dict:
    out = {}
    for col in table.columns:
        if col.primary_key:
            continue
        default = col.default.arg if col.default is not None and not callable(col.default.arg) else None
        out[col.name] = default
    return out


def _rows(table, records: list[dict]) -> tuple[list[str], list[tuple]]:
    base = _defaults(table)
    columns = list(base) + ["id"]
    return columns, [tuple({**base, **r}[c] for c in columns) for r in records]


def _write(conn, table, records: list[dict]) -> None:
    columns, rows = _rows(table, records)
    insert_rows(conn, table, columns, rows)


def _customer(i: int, rng: random.Random) -> tuple[dict, dict, list[dict]]:
    platform = PLATFORMS[i % len(PLATFORMS)]
    phone = f"1{rng.choice('3589')}{i:09d}"
    name = SURNAMES[i % len(SURNAMES)] + f"客{i}"
    city = CITIES[i % len(CITIES)]
    n_orders = 1 + (i % 3 == 0)
    first = START + timedelta(minutes=37 * i)
    customer = {
        "id": i,
        "display_name": name,
        "phone": phone,
        "city": city,
        "platforms": platform,
        "first_order_at": first,
        "last_order_at": first + timedelta(days=30 * (n_orders - 1)),
        "order_count": n_orders,
        "all_order_count": n_orders,
        "net_spend_fen": rng.randrange(1000, 900000),
        "aov_fen": rng.randrange(1000, 90000),
        "created_at": START,
    }
    identity = {"id": i, "customer_id": i, "kind": "buyer", "platform": platform, "value": f"buyer{i:06d}"}
    orders = [
        {
            "platform": platform,
            "order_no": f"{9000000000 + i * 10 + k}",
            "customer_id": i,
            "status": STATUSES[(i // 7 + k) % len(STATUSES)],
            "paid_fen": rng.randrange(100, 200000),
            "order_time": first + timedelta(days=30 * k),
            "buyer_nick": f"nick{i:06d}",
            "receiver_name": name,
            "phone": phone,
            "city": city,
            "items_summary": "明前龙井 250g × 1",
        }
        for k in range(n_orders)
    ]
    return customer, identity, orders


def fill_big_store(store, customers: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    cs, ids, orders = [], [], []
    for i in range(1, customers + 1):
        c, ident, os_ = _customer(i, rng)
        cs.append(c)
        ids.append(ident)
        orders.extend(os_)
    for n, o in enumerate(orders, start=1):
        o["id"] = n
    with store.engine.begin() as conn:
        _write(conn, Customer.__table__, cs)
        _write(conn, CustomerIdentity.__table__, ids)
        _write(conn, Order.__table__, orders)
