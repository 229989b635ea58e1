"""Re-importing, later exports updating orders, and undoing batches, on a real SQLite store."""

import json

import pytest
from sqlalchemy import func, select

from app.models import Customer, CustomerIdentity, ImportBatch, Order, OrderChange
from app.models.customers import CustomerNote
from app.models.membership import PointsEntry
from app.services.errors import ImportFailed
from app.services.importer import import_file, undo_import
from app.services.stats import store_stats
from tests.helpers import taobao_row, write_taobao_xlsx

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


def test_content_hash_keeps_the_form_stored_orders_have(store, tmp_path):
    # Stores imported earlier hold this value for this row: a new form would report their orders as updated.
    import_file(store, _first_export(tmp_path))
    with store.session_factory() as s:
        stored = s.execute(select(Order.content_hash).where(Order.order_no == ID3)).scalar_one()
    assert stored == "38e7ed544a525c69459f93bb3862aaaaed2d3e98"
