"""The one-pass SQL paths taken for whole stores give what the per-customer paths give."""

from sqlalchemy import text

from app.services.customers_sync import recompute_customers
from app.services.importer import import_file

FILES = ("taobao_order.xlsx", "jd.xlsx", "douyin.csv", "pdd.xlsx", "youzan_order.xlsx", "wechat.xlsx")


def _customers(conn) -> list[tuple]:
    return conn.execute(text("SELECT * FROM customers ORDER BY id")).all()


def _scramble(conn) -> None:
    """Wrong figures for every customer with orders (one left without orders keeps its last city)."""
    conn.execute(
        text(
            "UPDATE customers SET platforms = 'x', order_count = -1, all_order_count = -1, "
            "net_spend_fen = -1, refund_fen = -1, aov_fen = -1, first_order_at = NULL, last_order_at = NULL, "
            "city = '?' WHERE id IN (SELECT customer_id FROM orders)"
        )
    )


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
