"""The demo shop: seeded, several platforms, repeat buyers, refunds, a later export that moves orders on."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from app.models.customers import Customer
from app.models.db import open_store
from app.models.orders import Order, OrderChange
from app.services.demo import build_demo_shop
from app.services.stats import store_stats

TODAY = date(2026, 11, 1)


def _figures(store):
    """The shop's figures, without when it was imported."""
    return replace(store_stats(store), last_import=None)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("demo") / "shop.sqlite")
    results = build_demo_shop(store, seed=7, customers=300, today=TODAY)
    yield store, results
    store.dispose()


def test_every_demo_file_imports_cleanly(demo):
    _, results = demo
    assert {r.platform for r in results} >= {"taobao", "douyin", "pdd", "youzan", "jd"}
    assert all(not r.rejected and not r.unknown_statuses for r in results)
    assert all(r.batch_id is not None for r in results)


def test_demo_has_repeat_buyers_refunds_and_cross_platform_customers(demo):
    store, _ = demo
    with store.session_factory() as s:
        customers = s.scalar(select(func.count(Customer.id)))
        repeat = s.scalar(select(func.count(Customer.id)).where(Customer.order_count >= 2))
        cross = s.scalar(select(func.count(Customer.id)).where(Customer.platforms.contains(",")))
        refunded = s.scalar(select(func.count(Order.id)).where(Order.status == "refunded"))
        partial = s.scalar(
            select(func.count(Order.id)).where(Order.refund_fen > 0, Order.status != "refunded")
        )
    assert customers > 150
    assert repeat / customers > 0.15
    assert cross > 0
    assert refunded > 0 and partial > 0
    stats = store_stats(store)
    assert stats.refund_fen > 0 and stats.net_sales_fen == stats.gmv_fen - stats.refund_fen


def test_the_later_taobao_export_updates_orders_and_records_what_changed(demo):
    store, results = demo
    taobao = [r for r in results if r.platform == "taobao"]
    assert len(taobao) == 2
    assert taobao[1].orders_updated > 0 and taobao[1].orders_unchanged > 0
    with store.session_factory() as s:
        later = taobao[1].batch_id
        changes = s.scalar(select(func.count(OrderChange.id)).where(OrderChange.batch_id == later))
    assert changes == taobao[1].orders_updated


def test_same_seed_and_date_give_the_same_shop(demo, tmp_path):
    store, _ = demo
    other = open_store(tmp_path / "again.sqlite")
    try:
        build_demo_shop(other, seed=7, customers=300, today=TODAY)
        assert _figures(other) == _figures(store)
    finally:
        other.dispose()
    third = open_store(tmp_path / "seed8.sqlite")
    try:
        build_demo_shop(third, seed=8, customers=300, today=TODAY)
        assert _figures(third) != _figures(store)
    finally:
        third.dispose()
