"""The one-pass SQL paths taken for whole stores give what the per-customer paths give."""

from sqlalchemy import text

from app.services.customers_sync import recompute_customers
from app.services.importer import import_file

FILES = ("taobao_order.xlsx", "jd.xlsx", "douyin.csv", "pdd.xlsx", "youzan_order.xlsx", "wechat.xlsx")


def _customers(conn) -> list[tuple]:
    return conn.execute(text("SELECT * FROM customers ORDER BY id")).all()


def _scramble(conn) -> None:
    """Wrong figures for every customer, those left without orders too (they keep their last platforms
    and city: only the figures go back to zero)."""
    conn.execute(
        text(
            "UPDATE customers SET order_count = -1, all_order_count = -1, net_spend_fen = -1, "
            "refund_fen = -1, aov_fen = -1, first_order_at = '2000-01-01 00:00:00.000000', "
            "last_order_at = NULL"
        )
    )
    scrambled = (
        "UPDATE customers SET platforms = 'x', city = '?' WHERE id IN (SELECT customer_id FROM orders)"
    )
    conn.execute(text(scrambled))


def test_whole_store_and_per_customer_recompute_agree(store, fixtures_dir):
    for name in FILES:
        import_file(store, fixtures_dir / "platforms" / name, backup=False)
    with store.engine.begin() as conn:
        # a customer buying on several platforms, whose orders are not stored in platform order
        conn.execute(
            text(
                "UPDATE orders SET customer_id = 1 "
                "WHERE id IN (SELECT id FROM orders ORDER BY id DESC LIMIT 3)"
            )
        )
        conn.execute(text("UPDATE orders SET customer_id = 1 WHERE id = (SELECT MIN(id) FROM orders)"))
        recompute_customers(conn)
        expected = _customers(conn)
        ids = [row.id for row in expected]
        assert len(ids) > 4
        assert any(row.all_order_count == 0 for row in expected)  # customers whose orders went to customer 1
        assert "," in expected[0].platforms
        assert expected[0].platforms == ",".join(sorted(set(expected[0].platforms.split(","))))
        _scramble(conn)
        for cid in ids:  # one at a time: the scoped path (fewer than half of the customers)
            recompute_customers(conn, {cid})
        assert _customers(conn) == expected
        _scramble(conn)
        recompute_customers(conn, set(ids))  # every customer: the one-pass path
        assert _customers(conn) == expected


def test_a_one_platform_store_gets_the_same_figures_either_way(store, fixtures_dir):
    """Every order on one platform: the whole-store path names it without grouping the platforms."""
    import_file(store, fixtures_dir / "platforms" / "taobao_order.xlsx", backup=False)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE orders SET customer_id = 1 WHERE id IN (SELECT id FROM orders LIMIT 3)"))
        recompute_customers(conn)
        expected = _customers(conn)
        assert {row.platforms for row in expected if row.all_order_count} == {"taobao"}
        _scramble(conn)
        for row in expected:
            recompute_customers(conn, {row.id})
        assert _customers(conn) == expected


def test_first_orders_into_a_store_that_has_customers_from_a_list(store, fixtures_dir, tmp_path):
    """A member list came first: the first order file's customers get the figures a recompute gives,
    one listed member matched by mobile, the others left without orders."""
    from app.services.analytics.aipl import import_customer_list
    from app.services.xlsx_fast import write_xlsx

    rows = [("手机号",), *[(f"1380000{i:04d}",) for i in range(40)], ("13912345678",)]
    import_customer_list(store, write_xlsx(tmp_path / "members.xlsx", rows), "member", "taobao")
    import_file(store, fixtures_dir / "platforms" / "taobao_order.xlsx", backup=False)
    with store.engine.begin() as conn:
        imported = _customers(conn)
        recompute_customers(conn)
        assert _customers(conn) == imported
    listed = {row.phone: row for row in imported if row.id <= 41}
    assert len(listed) == 41 and len(imported) > 41
    assert listed["13912345678"].order_count == 2 and listed["13912345678"].platforms == "taobao"
    assert sum(1 for row in listed.values() if row.all_order_count == 0) == 40
