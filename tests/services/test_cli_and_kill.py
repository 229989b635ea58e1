"""The command line's contract (JSON keys, exit codes) and a killed import leaving the store as it was."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.helpers import taobao_row, write_taobao_xlsx

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args, env_extra=None):
    env = {**os.environ, "SIYU_LANG": "en", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


def _dump(db: Path):
    import sqlite3

    con = sqlite3.connect(db)
    try:
        tables = [
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        con.close()


def test_import_json_stats_and_undo(tmp_path):
    db = tmp_path / "shop.sqlite"
    path = write_taobao_xlsx(
        tmp_path / "orders.xlsx",
        [
            taobao_row("5121910154426014049", nick="a", paid="10.00", phone="13800000001"),
            taobao_row(
                "5121910154426014050",
                nick="b",
                paid="20.00",
                status="交易关闭",
                refund="20.00",
                phone="13800000002",
            ),
            taobao_row("5121910154426014051", nick="c", paid="x", phone="13800000003"),
        ],
    )
    done = run_cli("import", path, "--json", "--db", db)
    assert done.returncode == 0, done.stderr
    files = json.loads(done.stdout)["files"]
    keys = {
        "file",
        "platform",
        "batch_id",
        "rows",
        "orders_new",
        "orders_updated",
        "orders_unchanged",
        "customers_new",
        "rejected",
    }
    assert keys <= set(files[0])
    f = files[0]
    assert (f["platform"], f["rows"], f["orders_new"], f["customers_new"]) == ("taobao", 3, 2, 2)
    assert [(r["row"], r["column"]) for r in f["rejected"]] == [(4, "买家实付金额")]
    assert "not an amount" in f["rejected"][0]["reason"]
    stats = json.loads(run_cli("stats", "--json", "--db", db).stdout)
    assert stats == {
        "orders": 2,
        "valid_orders": 1,
        "customers": 2,
        "gmv_fen": 1000,
        "refund_fen": 0,
        "net_sales_fen": 1000,
    }
    undo = run_cli("undo-import", f["batch_id"], "--db", db)
    assert undo.returncode == 0, undo.stderr
    assert json.loads(run_cli("stats", "--json", "--db", db).stdout)["orders"] == 0


def test_a_file_that_cannot_be_imported_exits_non_zero_with_one_line(tmp_path):
    bad = tmp_path / "orders.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    done = run_cli("import", bad, "--db", tmp_path / "s.sqlite")
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "orders.xlsx" in lines[0] and "Traceback" not in done.stderr
    zh = run_cli("import", bad, "--db", tmp_path / "s.sqlite", env_extra={"SIYU_LANG": "zh_CN"})
    assert zh.returncode != 0 and "orders.xlsx" in zh.stderr


def test_sigkill_during_import_leaves_the_store_exactly_as_before(tmp_path):
    db = tmp_path / "shop.sqlite"
    small = write_taobao_xlsx(tmp_path / "small.xlsx", [taobao_row("5121910154426014049")])
    assert run_cli("import", small, "--db", db).returncode == 0
    before = _dump(db)
    rows = [taobao_row(str(4000000000000000000 + i), nick=f"n{i % 5000}") for i in range(30000)]
    big = write_taobao_xlsx(tmp_path / "big.xlsx", rows)
    env = {**os.environ, "SIYU_LANG": "en"}
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "import", str(big), "--db", str(db), "--progress"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        for line in proc.stderr:
            if " write " in line:  # the first 5,000 orders are in the open transaction
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert _dump(db) == before


def test_an_import_scores_its_customers_without_loading_pandas(tmp_path, fixtures_dir):
    """The command line's import runs the after-import analytics in SQL: pandas (half a second to load)
    stays out of the process."""
    db = tmp_path / "shop.sqlite"
    code = (
        "import sys; from app.models.db import open_store; from app.services.importer import import_file;"
        "s = open_store(sys.argv[1]); import_file(s, sys.argv[2], backup=False); s.dispose();"
        "print('pandas' in sys.modules)"
    )
    fixture = fixtures_dir / "platforms" / "taobao_order.xlsx"
    res = subprocess.run([sys.executable, "-c", code, str(db), str(fixture)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True)  # fmt: skip
    assert res.stdout.strip() == "False"
    con = sqlite3.connect(db)
    try:
        scored = con.execute("SELECT COUNT(*) FROM customer_scores").fetchone()[0]
        layers = con.execute("SELECT COUNT(*) FROM segment_snapshots WHERE kind = 'layer'").fetchone()[0]
        customers = con.execute("SELECT COUNT(*) FROM customers").fetchone()[0]
    finally:
        con.close()
    assert scored == customers > 0
    assert layers > 0


def test_the_command_line_speaks_the_owners_language(tmp_path, fixtures_dir):
    db = tmp_path / "shop.sqlite"
    rows = [taobao_row("4061238000000000001"), taobao_row("5.12191E+18")]  # the second id destroyed by Excel
    bad = write_taobao_xlsx(tmp_path / "订单.xlsx", rows)
    zh = {"SIYU_LANG": "zh_CN"}
    res = run_cli("import", bad, fixtures_dir / "platforms" / "taobao_order.xlsx", "--db", db, env_extra=zh)
    assert res.returncode == 0, res.stderr
    first, row, second = res.stdout.splitlines()
    assert first == "订单.xlsx：淘宝/天猫，批次 1：共 2 行，新增 1，更新 0，无变化 0，新客户 1，未导入 1"
    assert row.startswith("  第 3 行，订单编号：") and "5.12191E+18" in row
    assert second.startswith("taobao_order.xlsx：淘宝/天猫，批次 2：共 9 行，新增 9，")
    stats = run_cli("stats", "--db", db, env_extra=zh).stdout.splitlines()
    assert stats[0] == "订单 10 个（有效 7 个），客户 9 位"
    assert stats[1].startswith("成交额（GMV）¥") and "净销售额 ¥" in stats[1]
    undo = run_cli("undo-import", "2", "--db", db, env_extra=zh)
    assert undo.stdout.strip() == "批次 2 已撤销：删除订单 9 个，恢复 0 个，删除客户 8 位"
    english = run_cli("stats", "--db", db).stdout.splitlines()
    assert english[0] == "1 orders (1 valid), 1 customers"
