"""Re-importing, later exports updating orders, and undoing batches, on a real SQLite store."""

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import Customer, CustomerIdentity, ImportBatch, Order, OrderChange, OrderLine
from app.models.customers import CustomerNote
from app.models.db import open_store
from app.models.membership import PointsEntry
from app.services.errors import ImportFailed
from app.services.import_store import SUMMARY_FIELDS
from app.services.importer import import_file, undo_import
from app.services.stats import store_stats
from tests.helpers import taobao_row, write_taobao_xlsx

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STORES = FIXTURES / "stores"
FIXTURES = FIXTURES / "platforms"
ID1, ID2, ID3 = "5121910154426014049", "5121910154426014050", "4000000000000000001"


def _first_export(tmp_path):
    return write_taobao_xlsx(
        tmp_path / "first.xlsx",
        [
            taobao_row(ID1, nick="alice", paid="120.00", status="买家已付款，等待卖家发货"),
            taobao_row(ID2, nick="alice", paid="80.50", status="买家已付款,等待卖家发货"),
            taobao_row(ID3, nick="bob", paid="30.00", status="交易成功", phone="13900002222"),
        ],
    )


def _table_dump(store):
    with store.engine.connect() as c:
        tables = ["orders", "order_lines", "customers", "customer_identities", "merge_suggestions"]
        return {t: c.exec_driver_sql(f"SELECT * FROM {t} ORDER BY 1").all() for t in tables}


def test_same_file_twice_changes_nothing(store, tmp_path):
    path = _first_export(tmp_path)
    first = import_file(store, path)
    assert (first.orders_new, first.customers_new) == (3, 2)
    before = _table_dump(store)
    again = import_file(store, path)
    counts = (again.orders_new, again.orders_updated, again.orders_unchanged, again.customers_new)
    assert counts == (0, 0, 3, 0)
    after = _table_dump(store)
    assert before == after


def test_later_export_updates_status_and_refund_and_records_it(store, tmp_path):
    import_file(store, _first_export(tmp_path))
    later = write_taobao_xlsx(
        tmp_path / "later.xlsx",
        [
            taobao_row(ID1, nick="alice", paid="120.00", status="交易成功"),
            taobao_row(ID2, nick="alice", paid="80.50", status="交易关闭", refund="80.50"),
            taobao_row(ID3, nick="bob", paid="30.00", status="交易成功", phone="13900002222"),
        ],
    )
    res = import_file(store, later)
    assert (res.orders_new, res.orders_updated, res.orders_unchanged) == (0, 2, 1)
    with store.session_factory() as s:
        o1 = s.execute(select(Order).where(Order.order_no == ID1)).scalar_one()
        o2 = s.execute(select(Order).where(Order.order_no == ID2)).scalar_one()
        assert (o1.status, o1.status_raw, o1.net_fen) == ("completed", "交易成功", 12000)
        assert (o2.status, o2.refund_fen, o2.net_fen, o2.is_valid) == ("refunded", 8050, 0, False)
        summary = dict(
            (f, (old, new))
            for f, old, new in json.loads(
                s.execute(select(OrderChange.summary).where(OrderChange.order_id == o2.id)).scalar_one()
            )
        )
        assert summary["status"] == ("paid", "refunded")
        assert summary["refund_fen"] == (0, 8050)
        alice = s.execute(select(Customer).where(Customer.display_name == "alice")).scalar_one()
        assert (alice.order_count, alice.net_spend_fen, alice.refund_fen) == (1, 12000, 8050)
    stats = store_stats(store)
    assert (stats.orders, stats.valid_orders, stats.net_sales_fen) == (3, 2, 15000)


def test_undo_latest_restores_then_undo_first_removes_everything(store, tmp_path):
    empty = _table_dump(store)
    first = import_file(store, _first_export(tmp_path))
    after_first = _table_dump(store)
    closed = taobao_row(ID1, nick="alice", paid="120.00", status="交易关闭", refund="120.00")
    later = write_taobao_xlsx(tmp_path / "later.xlsx", [closed])
    second = import_file(store, later)
    assert second.orders_updated == 1
    with pytest.raises(ImportFailed) as err:
        undo_import(store, first.batch_id)
    assert err.value.code == "batch_superseded"
    res = undo_import(store, second.batch_id)
    assert (res.orders_removed, res.orders_restored) == (0, 1)
    assert _table_dump(store) == after_first
    res = undo_import(store, first.batch_id)
    assert (res.orders_removed, res.customers_removed) == (3, 2)
    assert _table_dump(store) == empty
    with pytest.raises(ImportFailed) as err:
        undo_import(store, first.batch_id)
    assert err.value.code == "batch_already_undone"
    # the file can be imported again after an undo
    again = import_file(store, _first_export(tmp_path))
    assert again.orders_new == 3
    with store.session_factory() as s:
        assert s.execute(select(func.count()).select_from(ImportBatch)).scalar_one() == 3


def test_each_import_makes_a_backup_and_keeps_ten(store, tmp_path):
    path = _first_export(tmp_path)
    for _ in range(12):
        import_file(store, path)
    backups = sorted((store.path.parent / "backups").glob("*.sqlite"))
    assert len(backups) == 10


def _keep_with_note(session, customer_id):
    session.add(CustomerNote(customer_id=customer_id, text="VIP, call before shipping"))


def _keep_with_points(session, customer_id):
    session.add(PointsEntry(customer_id=customer_id, kind="adjust", points=50, reason="goodwill"))


@pytest.mark.parametrize("keep", [_keep_with_note, _keep_with_points], ids=["note", "points"])
def test_undo_keeps_identities_of_a_kept_customer_so_reimport_finds_them(store, tmp_path, keep):
    path = _first_export(tmp_path)
    first = import_file(store, path)
    with store.session_factory() as s:
        bob = s.execute(select(Customer).where(Customer.display_name == "bob")).scalar_one()
        bob_id = bob.id
        bob_keys = set(s.execute(select(CustomerIdentity.kind, CustomerIdentity.value)
                                 .where(CustomerIdentity.customer_id == bob_id)).all())  # fmt: skip
        keep(s, bob_id)
        s.commit()
    assert bob_keys == {("buyer", "bob"), ("phone", "13900002222")}
    res = undo_import(store, first.batch_id)
    assert (res.orders_removed, res.customers_removed) == (3, 1)  # alice goes; the owner's data keeps bob
    with store.session_factory() as s:
        kept = set(s.execute(select(CustomerIdentity.kind, CustomerIdentity.value)
                             .where(CustomerIdentity.customer_id == bob_id)).all())  # fmt: skip
        assert kept == bob_keys
        assert s.execute(select(func.count()).select_from(CustomerIdentity)).scalar_one() == len(bob_keys)
    again = import_file(store, path)
    assert (again.orders_new, again.customers_new) == (3, 1)
    with store.session_factory() as s:
        bobs = select(Customer.id, Customer.order_count).where(Customer.display_name == "bob")
        assert s.execute(bobs).all() == [(bob_id, 1)]
        assert s.execute(select(func.count()).select_from(Customer)).scalar_one() == 2
        bob_orders = s.execute(select(Order.customer_id).where(Order.order_no == ID3)).scalars().all()
        assert bob_orders == [bob_id]


def _other(field, value):
    """A stored value for `field`, of its kind, different from `value`."""
    if field.endswith("_at"):  # a date, as the store keeps it
        return "2001-02-03 04:05:06.000000" if value is None else None
    if value is None:
        return 1
    if isinstance(value, int):
        return value + 1
    return value + "x"


@pytest.mark.parametrize("name", ["taobao_order.xlsx", "douyin.csv", "jd.xlsx"])
def test_a_reimport_sees_a_difference_in_any_compared_value(store, name):
    """Whatever compared value of an order or of one of its lines differs from the file, that order,
    and only it, is updated back to the file's value; every other order is unchanged."""
    path = FIXTURES / name
    first = import_file(store, path, backup=False)
    total = first.orders_new
    with store.engine.connect() as c:
        oid, order_no = c.exec_driver_sql("SELECT id, order_no FROM orders ORDER BY id DESC LIMIT 1").one()
    # Every column an import fills from the file, but the keys and what follows from the others.
    derived = {"id", "platform", "order_no", "customer_id", "first_batch_id", "last_batch_id", "is_valid",
               "order_time", "items_summary"}  # fmt: skip
    targets = [("orders", c.key, "id") for c in Order.__table__.columns if c.key not in derived]
    targets += [("order_lines", c.key, "order_id") for c in OrderLine.__table__.columns
                if c.key not in ("id", "order_id", "line_no")]  # fmt: skip
    for table, field, key in targets:
        with store.engine.begin() as c:
            where = f"WHERE {key} = ? AND id = (SELECT MIN(id) FROM {table} WHERE {key} = ?)"
            before = c.exec_driver_sql(f"SELECT {field} FROM {table} {where}", (oid, oid)).scalar_one()
            c.exec_driver_sql(f"UPDATE {table} SET {field} = ? {where}", (_other(field, before), oid, oid))
        res = import_file(store, path, backup=False)
        counts = (res.orders_new, res.orders_updated, res.orders_unchanged)
        assert counts == (0, 1, total - 1), (table, field)
        with store.engine.connect() as c:
            now = c.exec_driver_sql(
                f"SELECT {field} FROM {table} WHERE {key} = ? ORDER BY id", (oid,)
            ).first()[0]
            summary = c.exec_driver_sql(
                "SELECT summary FROM order_changes WHERE batch_id = ?", (res.batch_id,)
            ).scalar_one()
        assert now == before, (table, field, order_no)
        if field in SUMMARY_FIELDS and table == "orders":
            assert [f for f, _, _ in json.loads(summary)] == [field]
    again = import_file(store, path, backup=False)
    assert (again.orders_new, again.orders_updated, again.orders_unchanged) == (0, 0, total)


def test_a_store_of_revision_0001_reimports_its_files_unchanged(tmp_path):
    """Orders stored by the first schema (which kept a hash of each order) compare equal to the same
    rows parsed today: re-importing their files changes nothing."""
    path = tmp_path / "old.sqlite"
    shutil.copy(STORES / "v0001.sqlite", path)
    store = open_store(path)
    try:
        before = _table_dump(store)
        for name, count in (("taobao_order.xlsx", 9), ("jd.xlsx", 6)):
            res = import_file(store, FIXTURES / name, backup=False)
            assert (res.orders_new, res.orders_updated, res.orders_unchanged) == (0, 0, count), name
        assert _table_dump(store) == before
    finally:
        store.dispose()


def test_undo_restores_an_order_from_a_snapshot_naming_a_dropped_column(store, tmp_path):
    """An update recorded by an older version names columns the table has no more (content_hash)."""
    first = import_file(store, _first_export(tmp_path))
    after_first = _table_dump(store)
    closed = taobao_row(ID1, nick="alice", paid="120.00", status="交易关闭", refund="120.00")
    second = import_file(store, write_taobao_xlsx(tmp_path / "later.xlsx", [closed]))
    with store.engine.begin() as c:
        before_json = c.exec_driver_sql(
            "SELECT before_json FROM order_changes WHERE batch_id = ?", (second.batch_id,)
        ).scalar_one()
        old = json.loads(before_json)
        old["order"]["content_hash"] = "38e7ed544a525c69459f93bb3862aaaaed2d3e98"
        c.exec_driver_sql(
            "UPDATE order_changes SET before_json = ? WHERE batch_id = ?",
            (json.dumps(old, ensure_ascii=False), second.batch_id),
        )
    res = undo_import(store, second.batch_id)
    assert res.orders_restored == 1
    assert _table_dump(store) == after_first
    assert first.orders_new == 3
