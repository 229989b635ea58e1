"""Orders and Customers pages against 50,000 generated customers: paging, sorting and filtering in SQL.

Every expected figure comes from an independent sqlite3 query on the same file, never from the app.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from app.ui.pages.customers_page import CustomersPage
from app.ui.pages.orders_page import OrdersPage
from app.ui.table_models.paged_table_model import ROW_ROLE, SORT_ROLE
from tests.ui.big_store import fill_big_store
from tests.ui.conftest import scalar

CUSTOMERS = 50_000


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    from app.models.db import open_store

    store = open_store(tmp_path_factory.mktemp("big") / "shop.sqlite")
    fill_big_store(store, CUSTOMERS)
    yield store
    store.dispose()


@pytest.fixture
def ctx(big_store, qapp):
    from app.ui.context import AppContext

    return AppContext(big_store)


@pytest.fixture
def orders_page(ctx, qtbot):
    page = OrdersPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    return page


@pytest.fixture
def customers_page(ctx, qtbot):
    page = CustomersPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    return page


def column_values(model, key: str) -> list:
    col = model.column_of(key)
    return [model.index(r, col).data(SORT_ROLE) for r in range(model.rowCount())]


def rows(model) -> list:
    return [model.index(r, 0).data(ROW_ROLE) for r in range(model.rowCount())]


def search(page, qtbot, text: str) -> None:
    page.search.setText(text)  # the page waits for typing to pause, then filters
    qtbot.waitUntil(lambda: page.model.filter.search == text)


def test_orders_page_loads_page_by_page(orders_page, big_store):
    m = orders_page.model
    total = scalar(big_store, "SELECT count(*) FROM orders")
    assert total > CUSTOMERS
    assert (m.rowCount(), m.total) == (m.PAGE_SIZE, total)
    assert orders_page.count.text() == f"{total:,} orders"
    assert m.canFetchMore()
    m.fetchMore()
    assert m.rowCount() == 2 * m.PAGE_SIZE
    times = column_values(m, "order_time")
    assert times == sorted(times, reverse=True)  # newest first by default
    newest = scalar(big_store, "SELECT max(order_time) FROM orders")
    assert times[0].isoformat(" ", "microseconds") == newest


def test_orders_sort_by_a_header_click_is_done_in_sql(orders_page, big_store):
    m, view = orders_page.model, orders_page.table
    view.sortByColumn(m.column_of("paid_fen"), Qt.SortOrder.AscendingOrder)
    expected = [r[0] for r in _all(big_store, "SELECT paid_fen FROM orders ORDER BY paid_fen, id LIMIT 200")]
    assert column_values(m, "paid_fen") == expected
    view.sortByColumn(m.column_of("paid_fen"), Qt.SortOrder.DescendingOrder)
    assert column_values(m, "paid_fen")[0] == scalar(big_store, "SELECT max(paid_fen) FROM orders")


def _all(store, sql: str, *params) -> list:
    import sqlite3

    con = sqlite3.connect(str(store.path))
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def test_orders_search_by_order_id_nickname_receiver_and_phone_tail(orders_page, big_store, qtbot):
    m = orders_page.model
    search(orders_page, qtbot, "9000123450")
    assert [r.order_no for r in rows(m)] == ["9000123450"] and m.total == 1
    search(orders_page, qtbot, "nick012345")
    assert (
        m.total == scalar(big_store, "SELECT count(*) FROM orders WHERE buyer_nick LIKE '%nick012345%'") >= 1
    )
    assert {r.buyer_nick for r in rows(m)} == {"nick012345"}
    search(orders_page, qtbot, "王客4020")
    expected = scalar(big_store, "SELECT count(*) FROM orders WHERE receiver_name LIKE '%王客4020%'")
    assert m.total == expected > 1 and all("王客4020" in r.receiver_name for r in rows(m))
    search(orders_page, qtbot, "4567")  # four digits: a phone tail, or part of a nickname or name
    tails = scalar(big_store, "SELECT count(*) FROM orders WHERE phone LIKE '%4567'")
    assert (
        m.total
        == scalar(
            big_store,
            "SELECT count(*) FROM orders WHERE phone LIKE '%4567' OR order_no = '4567' "
            "OR buyer_nick LIKE '%4567%' OR receiver_name LIKE '%4567%'",
        )
        > tails
        > 0
    )
    by_phone = [r for r in rows(m) if r.phone.endswith("4567")]
    assert len(by_phone) == tails and all("****" in r.phone for r in by_phone)  # masked on screen


def test_orders_filters_by_platform_status_and_dates(orders_page, big_store, qtbot):
    p = orders_page
    p.platform.setCurrentIndex(p.platform.findData("douyin"))
    assert p.model.total == scalar(big_store, "SELECT count(*) FROM orders WHERE platform='douyin'")
    p.status.setCurrentIndex(p.status.findData("refunded"))
    both = "SELECT count(*) FROM orders WHERE platform='douyin' AND status='refunded'"
    assert p.model.total == scalar(big_store, both) > 0
    assert {(r.platform, r.status) for r in rows(p.model)} == {("douyin", "refunded")}
    p.date_from.setDate(QDate(2024, 3, 1))
    p.date_to.setDate(QDate(2024, 3, 31))
    p.use_dates.setChecked(True)
    expected = scalar(big_store, both + " AND order_time >= '2024-03-01' AND order_time < '2024-04-01'")
    assert p.model.total == expected > 0
    assert all(date(2024, 3, 1) <= r.order_time.date() <= date(2024, 3, 31) for r in rows(p.model))


def test_customers_page_pages_and_sorts(customers_page, big_store):
    m = customers_page.model
    assert (m.rowCount(), m.total) == (m.PAGE_SIZE, CUSTOMERS)
    spend = column_values(m, "net_spend_fen")
    top = [
        r[0]
        for r in _all(
            big_store, "SELECT net_spend_fen FROM customers ORDER BY net_spend_fen DESC, id DESC LIMIT 200"
        )
    ]
    assert spend == top
    m.fetchMore()
    assert m.rowCount() == 2 * m.PAGE_SIZE
    customers_page.table.sortByColumn(m.column_of("last_order_at"), Qt.SortOrder.AscendingOrder)
    first = scalar(big_store, "SELECT id FROM customers ORDER BY last_order_at, id LIMIT 1")
    assert rows(m)[0].id == first


def test_customers_search_and_filters(customers_page, big_store, qtbot):
    p, m = customers_page, customers_page.model
    search(p, qtbot, "buyer004242")  # a platform buyer id, through the customer's identities
    assert [r.id for r in rows(m)] == [4242]
    search(p, qtbot, "客1234")
    assert (
        m.total == scalar(big_store, "SELECT count(*) FROM customers WHERE display_name LIKE '%客1234%'") > 1
    )
    search(p, qtbot, "0042")
    assert (
        m.total
        == scalar(
            big_store, "SELECT count(*) FROM customers WHERE phone LIKE '%0042' OR display_name LIKE '%0042%'"
        )
        > 0
    )
    search(p, qtbot, "")
    p.platform.setCurrentIndex(p.platform.findData("jd"))
    assert m.total == scalar(big_store, "SELECT count(*) FROM customers WHERE platforms LIKE '%jd%'")
    p.date_from.setDate(QDate(2024, 2, 1))
    p.date_to.setDate(QDate(2024, 2, 29))
    p.use_dates.setChecked(True)
    expected = scalar(
        big_store,
        "SELECT count(*) FROM customers WHERE platforms LIKE '%jd%' "
        "AND last_order_at >= '2024-02-01' AND last_order_at < '2024-03-01'",
    )
    assert m.total == expected > 0


def test_phones_are_masked_until_the_owner_chooses_to_see_them(customers_page, ctx, big_store):
    phone = scalar(big_store, "SELECT phone FROM customers WHERE id = ?", rows(customers_page.model)[0].id)
    assert rows(customers_page.model)[0].phone == phone[:3] + "****" + phone[-4:]
    ctx.settings = ctx.settings.__class__(show_full_phone=True)  # this store is shared: not written
    ctx.settings_changed.emit()
    assert rows(customers_page.model)[0].phone == phone
