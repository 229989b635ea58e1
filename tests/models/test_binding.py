"""None and bools bound through sqlite3's adapter registry (app.models.db) store what they always did."""

import sqlite3

from sqlalchemy import select

from app.models import Customer
from app.services.importer import import_file


def test_none_and_bools_are_stored_as_null_and_integers(store):
    con = sqlite3.connect(store.path)  # any sqlite3 connection of the process, once a store is open
    try:
        con.execute("CREATE TEMP TABLE t (a, b, c, d)")
        con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", [(None, True, False, 7)])
        row = con.execute("SELECT typeof(a), typeof(b), b, typeof(c), c, d FROM t").fetchone()
    finally:
        con.close()
    assert row == ("null", "integer", 1, "integer", 0, 7)


def test_an_imported_store_reads_back_its_flags_and_nulls(store, fixtures_dir):
    import_file(store, fixtures_dir / "platforms" / "taobao_order.xlsx", backup=False)
    con = sqlite3.connect(store.path)
    try:
        kinds = con.execute("SELECT DISTINCT typeof(is_valid), typeof(is_member) FROM orders").fetchall()
        flags = con.execute(
            "SELECT DISTINCT typeof(is_member), typeof(do_not_contact) FROM customers"
        ).fetchall()
    finally:
        con.close()
    assert kinds == [("integer", "null")]  # the legacy order export has no membership column
    assert flags == [("integer", "integer")]
    with store.session_factory() as s:
        assert s.execute(select(Customer.do_not_contact).limit(1)).scalar_one() is False
