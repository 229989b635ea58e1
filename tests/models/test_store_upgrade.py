"""Opening a store made by an older version upgrades it after a backup; a newer store is refused."""

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.models.db import StoreTooNew, list_backups, open_store, schema_revisions
from app.services.stats import store_stats

STORES = Path(__file__).resolve().parents[1] / "fixtures" / "stores"
ROOT = Path(__file__).resolve().parents[2]

# v0001.sqlite: the Taobao order-level and JD fixtures imported by the schema of revision 0001.
V0001_ORDERS = 15


def _rows(path: Path, table: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    finally:
        con.close()


def test_a_store_of_revision_0001_opens_at_the_newest_schema_with_its_data(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(STORES / "v0001.sqlite", path)
    orders_before = _rows(path, "orders")
    store = open_store(path)
    try:
        current, head = schema_revisions(store)
        assert current == head
        assert store_stats(store).orders == V0001_ORDERS
        backups = list_backups(store)
    finally:
        store.dispose()
    assert [r[:3] for r in _rows(path, "orders")] == [r[:3] for r in orders_before]
    if head != "0001":  # an upgrade ran: the untouched old store was kept first
        assert len(backups) == 1 and "before-upgrade-0001" in backups[0].name
        assert _rows(backups[0], "orders") == orders_before
    else:
        assert backups == []


def test_a_store_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.sqlite"
    shutil.copy(STORES / "v0001.sqlite", path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = {t: _rows(path, t) for t in ("orders", "customers", "import_batches")}
    with pytest.raises(StoreTooNew):
        open_store(path)
    assert {t: _rows(path, t) for t in before} == before
    assert not (tmp_path / "backups").exists()

    run = subprocess.run([sys.executable, "main.py", "stats", "--db", str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert run.returncode != 0
    assert "newer version" in run.stderr and "Traceback" not in run.stderr
