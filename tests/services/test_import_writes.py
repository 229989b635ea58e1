"""Orders written straight from columns leave the store exactly as writing their records does.

Each sheet is imported into real SQLite stores twice, once per way of writing (importer.COLUMN_WRITES),
and every table the import writes is compared row by row: ids, customers, identities, the batch's
changes and its undo.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import text

from app.models.db import open_store
from app.services import importer
from app.services.import_store import CHUNK
from app.services.importer import import_file, undo_import
from tests.helpers import TAOBAO_ORDER_HEADER, taobao_row, write_taobao_xlsx

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "platforms"
STATUS = TAOBAO_ORDER_HEADER.index("订单状态")
FILES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".xlsx", ".xls", ".csv"))
# Item reports only add lines to orders imported before: they write no order of their own.
ORDER_FILES = [
    n for n in FILES if not importer._plan(FIXTURES / n, None, None, None).detection.layout.lines_only
]
TABLES = {  # the columns set to the clock are left out
    "orders": "*",
    "order_lines": "*",
    "customers": "id, display_name, phone, province, city, platforms, match_key, created_batch_id, "
    "order_count, all_order_count, net_spend_fen, refund_fen, aov_fen, first_order_at, last_order_at",
    "customer_identities": "*",
    "order_changes": "*",
    "merge_suggestions": "id, customer_a_id, customer_b_id, reason, batch_id",
    "import_batches": "id, platform, rows, orders_new, orders_updated, orders_unchanged, customers_new, "
    "rejected, status",
    "import_rejections": "*",
}


def _dump(store) -> dict[str, list]:
    with store.engine.connect() as conn:
        return {
            t: conn.execute(text(f"SELECT {cols} FROM {t} ORDER BY 1")).all() for t, cols in TABLES.items()
        }


def _dangling(store) -> list:
    """Every reference that names no row (the import writes without SQLite checking them)."""
    with store.engine.connect() as conn:
        return conn.exec_driver_sql("PRAGMA foreign_key_check").all()


def _imports(tmp_path: Path, monkeypatch, files: list[Path], *, undo_last: bool = False) -> dict[bool, list]:
    """The store after importing `files` in turn (and after undoing the last), written each way."""
    seen = {}
    for columns in (True, False):
        monkeypatch.setattr(importer, "COLUMN_WRITES", columns)
        store = open_store(tmp_path / f"columns-{columns}.sqlite")
        states = []
        for path in files:
            result = import_file(store, path, backup=False)
            assert _dangling(store) == []
            states.append((result.orders_new, result.orders_updated, result.orders_unchanged, _dump(store)))
        if undo_last:
            undo_import(store, result.batch_id, backup=False)
            states.append(_dump(store))
        store.dispose()
        seen[columns] = states
    return seen


@pytest.mark.parametrize("name", ORDER_FILES)
def test_each_fixture_is_stored_the_same_either_way(tmp_path, monkeypatch, name):
    seen = _imports(tmp_path, monkeypatch, [FIXTURES / name, FIXTURES / name])
    assert seen[True] == seen[False]
    first, again = seen[True]
    assert first[0] > 0 and first[3]["orders"]
    assert again[:3] == (0, 0, first[0])  # the same file again: every order unchanged


def _rows(rng: random.Random, count: int, *, start: int = 0) -> list[list]:
    """Taobao rows of `count` orders: buyers by nickname or by phone only, some with neither, a few
    with orders of two rows."""
    rows = []
    for k in range(start, start + count):
        order_no = str(5121910154426000000 + k)
        buyer = rng.randrange(count // 3 + 1)
        kind = rng.random()
        nick = f"tb_{buyer}" if kind < 0.7 else ""
        phone = f"139{buyer:08d}" if 0.5 < kind < 0.9 else "138****0000"
        status = rng.choice(["交易成功", "买家已付款，等待卖家发货", "交易关闭", "卖家已发货，等待买家确认"])
        paid = f"{rng.randrange(100, 99999) / 100:.2f}"
        day = 1 + k % 28
        rows.append(
            taobao_row(
                order_no, nick=nick, paid=paid, status=status, phone=phone, name=f"客{buyer}",
                created=f"2026-03-{day:02d} 10:00:00", paid_at=f"2026-03-{day:02d} 10:{k % 60:02d}:00",
            )
        )  # fmt: skip
    return rows


def test_a_sheet_of_many_chunks_then_a_later_overlapping_export(tmp_path, monkeypatch):
    """Several writer chunks, customers without any identity, then a later export that changes some
    orders, repeats others and adds new ones; then the later batch undone."""
    rng = random.Random("column-writes")
    first = _rows(rng, 3 * CHUNK + 37)
    later = [list(r) for r in first[CHUNK:]]
    for row in rng.sample(later, 200):
        row[STATUS] = "交易成功"  # a shipped or paid order completed since
    later += _rows(rng, CHUNK + 11, start=len(first))
    rng.shuffle(later)
    files = [
        write_taobao_xlsx(tmp_path / "first.xlsx", first),
        write_taobao_xlsx(tmp_path / "later.xlsx", later),
    ]
    seen = _imports(tmp_path, monkeypatch, files, undo_last=True)
    assert seen[True] == seen[False]
    (new1, _, _, store1), (new2, updated2, unchanged2, _), undone = seen[True]
    assert new1 == len(first) and new2 == CHUNK + 11
    assert updated2 > 0 and unchanged2 > 0 and updated2 + unchanged2 == len(first) - CHUNK
    for table in ("orders", "order_lines"):  # (identities the later batch taught stay with their customers)
        assert undone[table] == store1[table]
    named = {row.customer_id for row in store1["customer_identities"]}
    assert any(c.id not in named for c in store1["customers"]), "a customer of an order naming no buyer"


def test_the_batch_is_in_the_database_file_when_the_import_returns(store, tmp_path):
    """The write-ahead log is copied into the file on a thread of its own, finished before import_file
    returns; the import's connection checkpoints as usual again afterwards."""
    import shutil
    import sqlite3

    result = import_file(store, FIXTURES / "jd.xlsx", backup=False)
    assert result.orders_new > 0
    alone = tmp_path / "file-alone.sqlite"
    shutil.copyfile(store.path, alone)  # the database file without its -wal
    with sqlite3.connect(alone) as conn:
        assert conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == result.orders_new
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -2000


def test_no_import_or_undo_leaves_a_reference_naming_no_row(store):
    """Every fixture into one store (order exports, then the item reports that add lines to them),
    then every batch undone, newest first: SQLite's foreign_key_check finds nothing at any step."""
    batches = []
    for name in ORDER_FILES + [n for n in FILES if n not in ORDER_FILES]:
        batches.append(import_file(store, FIXTURES / name, backup=False).batch_id)
        assert _dangling(store) == [], name
    for batch_id in reversed(batches):
        undo_import(store, batch_id, backup=False)
        assert _dangling(store) == [], batch_id
