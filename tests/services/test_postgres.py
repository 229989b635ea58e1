"""The same store on PostgreSQL (a shop sharing one store between PCs): import, re-import, undo, CLI."""

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import Order
from app.models.db import open_store
from app.services.importer import import_file, undo_import
from app.services.stats import store_stats
from tests import pg
from tests.helpers import taobao_row, write_taobao_xlsx

PLATFORMS = Path(__file__).resolve().parents[1] / "fixtures" / "platforms"
ROOT = Path(__file__).resolve().parents[2]
FILES = [
    "taobao_order.xlsx",
    "taobao_item.csv",
    "douyin.csv",
    "pdd.xlsx",
    "jd.xlsx",
    "kuaishou.xlsx",
    "youzan_order.xlsx",
    "wechat.xlsx",
    "generic.xlsx",
]


@pytest.fixture(scope="module")
def server():
    if pg.server_bin() is None:
        pytest.skip("PostgreSQL server binaries are not installed here (.ci/run installs them)")
    with pg.temporary_server() as url:
        yield url


@pytest.fixture
def pg_store(server):
    s = open_store(pg.create_database(server))
    yield s
    s.dispose()


def _orders(store):
    with store.session_factory() as s:
        return s.execute(
            select(
                Order.platform, Order.order_no, Order.status, Order.paid_fen, Order.refund_fen, Order.net_fen
            ).order_by(Order.platform, Order.order_no)
        ).all()


def test_every_platform_fixture_gives_the_same_store_as_on_sqlite(pg_store, store):
    for name in FILES:
        a, b = import_file(pg_store, PLATFORMS / name), import_file(store, PLATFORMS / name)
        assert (a.orders_new, a.customers_new, a.rejected) == (b.orders_new, b.customers_new, b.rejected)
    assert replace(store_stats(pg_store), last_import=None) == replace(store_stats(store), last_import=None)
    assert _orders(pg_store) == _orders(store)
    assert ("taobao", "4061238123456789012") in {(p, no) for p, no, *_ in _orders(pg_store)}
    for name in FILES:  # the stored values (datetimes, booleans from PostgreSQL) compare equal to the file's
        again = import_file(pg_store, PLATFORMS / name, backup=False)
        assert (again.orders_new, again.orders_updated) == (0, 0), name


def test_reimport_refund_update_and_undo_on_postgres(pg_store, tmp_path):
    oid = "5121910154426014049"
    first = write_taobao_xlsx(
        tmp_path / "a.xlsx", [taobao_row(oid, nick="alice", paid="80.50", status="买家已付款，等待卖家发货")]
    )
    later = write_taobao_xlsx(
        tmp_path / "b.xlsx", [taobao_row(oid, nick="alice", paid="80.50", status="交易关闭", refund="80.50")]
    )
    import_file(pg_store, first)
    again = import_file(pg_store, first)
    assert (again.orders_new, again.orders_unchanged) == (0, 1)
    res = import_file(pg_store, later)
    assert res.orders_updated == 1
    assert _orders(pg_store) == [("taobao", oid, "refunded", 8050, 8050, 0)]
    undo_import(pg_store, res.batch_id)
    assert _orders(pg_store) == [("taobao", oid, "paid", 8050, 0, 8050)]


def test_command_line_takes_a_database_url(server):
    url = pg.create_database(server)
    run = subprocess.run(
        [sys.executable, "main.py", "import", str(PLATFORMS / "jd.xlsx"), "--db", url, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["files"][0]["orders_new"] == 6
    stats = subprocess.run(
        [sys.executable, "main.py", "stats", "--db", url, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert json.loads(stats.stdout)["orders"] == 6
