"""Window benchmarks: cold start to the main window shown, and opening Customers with 200k customers.

    .venv/bin/python bench/ui_bench.py                    # both, 5 runs each
    .venv/bin/python bench/ui_bench.py --repeat 3 --skip-customers
    .venv/bin/python bench/ui_bench.py --customers 50000  # a smaller generated store

1. Cold start: a fresh `python main.py` (the real start-up path: logging, Qt, fonts, translators, the
   window's frame painted, then the store opened and the pages built) against a bare `QApplication` +
   empty `QMainWindow`, both in fresh subprocesses in this run, alternating. Each child paints its
   window (`repaint()` after the event loop starts) and says so on stdout; the time is from spawning
   the child to that line. Target: ratio <= 2. The app also reports 'ready' (store open, every page
   built, the Overview painted), printed as its own figure.
2. Customers page: in one child, the window on a store of generated customers (bench/out/, built once
   with direct bulk inserts), rebuilt before each run; the time from choosing Customers in the
   navigation to its first rows painted. The first run warms the store (OS and SQLite caches) and is
   reported apart. Baseline: the same first-page query and count in plain sqlite3. Target: < 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
STORE_VERSION = 1
BARE_QUERY = (
    "SELECT id, display_name, phone, city, platforms, order_count, net_spend_fen, aov_fen, first_order_at, "
    "last_order_at FROM customers ORDER BY net_spend_fen DESC NULLS LAST, id DESC LIMIT 200"
)


# ---- children ---------------------------------------------------------------------------------------
def _report_when_painted(window, app) -> None:
    """Once the event loop runs: paint the window, print 'shown', quit."""
    from PySide6.QtCore import QTimer

    def done() -> None:
        window.repaint()
        print("shown", flush=True)
        app.quit()

    QTimer.singleShot(0, done)


def child_bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    _report_when_painted(window, app)
    return app.exec()


def child_orm() -> int:
    """The bare window after importing the data layer and opening the store: what SQLAlchemy alone costs."""
    from app.models.db import open_store
    from app.paths import default_db_path
    from app.services import browse  # noqa: F401 - the import is what is measured

    open_store(default_db_path())
    return child_bare()


def child_app() -> int:
    """`python main.py` with one hook: say when the window is painted ('shown': its frame, before the
    store is opened) and when the store is open and the first page is painted ('ready'), then quit."""
    sys.argv = [str(ROOT / "main.py")]
    import app.bootstrap as bootstrap

    opened = bootstrap.open_main_window

    def open_and_report(path):
        window = opened(path)
        if window is not None:
            from PySide6.QtWidgets import QApplication

            app = QApplication.instance()

            def ready() -> None:
                window.repaint()
                print("ready", flush=True)
                app.quit()

            window.frame_painted.connect(lambda: print("shown", flush=True))
            window.ready.connect(ready)
        return window

    bootstrap.open_main_window = open_and_report
    import main

    return main.run()


def child_customers(store_path: str, repeat: int) -> int:
    from app.bootstrap import init_look, init_qt
    from app.models.db import open_store
    from app.ui.main_window import MainWindow
    from app.ui.tasks import wait_all

    app = init_qt([])
    init_look(app)
    window = MainWindow(open_store(store_path))
    window.show()
    customers_row = 3
    times = []
    for _ in range(repeat + 1):
        window.nav.setCurrentRow(0)
        window.rebuild()  # a fresh Customers page whose model has not loaded yet
        for _ in range(5):  # the overview's and status bar's queries finish before the clock starts
            wait_all()
            app.processEvents()
            time.sleep(0.02)
        times.append(_open_customers(window, app, customers_row))
    rows = window.customers.model.rowCount()
    total = window.customers.model.total
    painted, arrived = zip(*times, strict=True)
    print(json.dumps({"first_ms": painted[0], "warm_ms": painted[1:], "rows_ms": arrived[1:], "rows": rows,
                      "total": total}), flush=True)  # fmt: skip
    window.ctx.store.dispose()
    return 0


def _open_customers(window, app, row: int) -> float:
    t0 = time.perf_counter()
    window.nav.setCurrentRow(row)
    model = window.customers.model
    while model.rowCount() == 0:
        app.processEvents()
        time.sleep(0.0005)
    rows_at = time.perf_counter()
    window.customers.table.viewport().repaint()
    return (time.perf_counter() - t0) * 1000, (rows_at - t0) * 1000


# ---- the parent -------------------------------------------------------------------------------------
def child_env(data_dir: Path, config: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIYU_")}
    env.update(QT_QPA_PLATFORM="offscreen", SIYU_DATA_DIR=str(data_dir), SIYU_LANG="zh_CN",
               XDG_CONFIG_HOME=str(config))  # fmt: skip
    return env


def time_child(mode: str, env: dict, timeout: float = 120) -> tuple[float, float]:
    """Seconds from spawning `mode` to its 'shown' line and to its 'ready' line (= 'shown' for the
    bare window)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", mode], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    seen: dict[str, float] = {}
    for line in proc.stdout:
        seen.setdefault(line.strip(), time.perf_counter() - t0)
        if "ready" in seen or (mode != "app" and "shown" in seen):
            break
    _, err = proc.communicate(timeout=timeout)
    if "shown" not in seen or proc.returncode != 0:
        raise SystemExit(f"{mode} child failed (rc {proc.returncode}):\n{err[-3000:]}")
    return seen["shown"], seen.get("ready", seen["shown"])


def bench_start(repeat: int) -> dict:
    runs: dict[str, list[float]] = {"app": [], "bare": [], "orm": [], "ready": []}
    with tempfile.TemporaryDirectory(prefix="siyu-uibench-") as tmp:
        env = child_env(Path(tmp) / "data", Path(tmp) / "config")
        time_child("app", env)  # creates the store and warms the file cache; not counted
        time_child("bare", env)
        for _ in range(repeat):
            for mode in ("bare", "orm", "app"):
                shown, ready = time_child(mode, env)
                runs[mode].append(shown)
                if mode == "app":
                    runs["ready"].append(ready)
    med = {mode: statistics.median(times) for mode, times in runs.items()}
    return {"start_app_s": runs["app"], "start_bare_s": runs["bare"], "start_orm_s": runs["orm"],
            "start_ready_s": runs["ready"], "start_ready_median_s": round(med["ready"], 3),
            "start_app_median_s": round(med["app"], 3), "start_bare_median_s": round(med["bare"], 3),
            "start_orm_median_s": round(med["orm"], 3), "start_ratio": round(med["app"] / med["bare"], 2),
            "start_ready_ratio": round(med["ready"] / med["bare"], 2),
            "start_orm_ratio": round(med["orm"] / med["bare"], 2)}  # fmt: skip


def big_store(customers: int) -> Path:
    """bench/out/ui_customers_<n>_v<version>.sqlite, generated once (direct bulk inserts)."""
    path = OUT / f"ui_customers_{customers}_v{STORE_VERSION}.sqlite"
    if path.exists():
        return path
    sys.path.insert(0, str(ROOT))
    from app.models.db import open_store
    from tests.ui.big_store import fill_big_store

    OUT.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.sqlite")
    tmp.unlink(missing_ok=True)
    t0 = time.perf_counter()
    store = open_store(tmp)
    fill_big_store(store, customers)
    store.dispose()
    tmp.rename(path)
    print(f"generated {path.name} in {time.perf_counter() - t0:.1f} s", flush=True)
    return path


def bare_query_ms(path: Path, repeat: int) -> list[float]:
    import sqlite3

    out = []
    for _ in range(repeat + 1):
        t0 = time.perf_counter()
        con = sqlite3.connect(str(path))
        rows = con.execute(BARE_QUERY).fetchall()
        con.execute("SELECT count(*) FROM customers").fetchone()
        con.close()
        assert len(rows) == 200
        out.append((time.perf_counter() - t0) * 1000)
    return out[1:]


def bench_customers(customers: int, repeat: int) -> dict:
    path = big_store(customers)
    with tempfile.TemporaryDirectory(prefix="siyu-uibench-") as tmp:
        env = child_env(Path(tmp) / "data", Path(tmp) / "config")
        env["SIYU_LANG"] = "en"
        cmd = [sys.executable, __file__, "--child", "customers", "--store", str(path)]
        cmd += ["--repeat", str(repeat)]
        res = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if res.returncode != 0:
        raise SystemExit(f"customers child failed:\n{res.stderr[-3000:]}")
    data = json.loads(res.stdout.strip().splitlines()[-1])
    bare = bare_query_ms(path, repeat)
    warm, bare_med = statistics.median(data["warm_ms"]), statistics.median(bare)
    return {"customers": data["total"], "customers_first_rows": data["rows"],
            "customers_open_first_ms": round(data["first_ms"], 1),
            "customers_open_warm_ms": [round(t, 1) for t in data["warm_ms"]],
            "customers_open_warm_median_ms": round(warm, 1),
            "customers_rows_arrived_median_ms": round(statistics.median(data["rows_ms"]), 1),
            "customers_bare_query_median_ms": round(bare_med, 1),
            "customers_ratio": round(warm / bare_med, 2)}  # fmt: skip


def print_table(fig: dict) -> None:
    if "start_ratio" in fig:
        print(f"cold start, main window painted   median {fig['start_app_median_s']:.3f} s  "
              f"(runs {', '.join(f'{t:.2f}' for t in fig['start_app_s'])})")  # fmt: skip
        print(f"bare QApplication + QMainWindow   median {fig['start_bare_median_s']:.3f} s  "
              f"(runs {', '.join(f'{t:.2f}' for t in fig['start_bare_s'])})")  # fmt: skip
        print(f"bare window after SQLAlchemy + models + open_store: median {fig['start_orm_median_s']:.3f} s "
              f"({fig['start_orm_ratio']:.2f}x bare)")  # fmt: skip
        print(f"start ratio (window painted)      {fig['start_ratio']:.2f}x   (target <= 2)")
        print(
            f"store open, pages built, painted  median {fig['start_ready_median_s']:.3f} s  "
            f"({fig['start_ready_ratio']:.2f}x bare)"
        )
    if "customers_ratio" in fig:
        runs = ", ".join(f"{t:.0f}" for t in fig["customers_open_warm_ms"])
        print(f"Customers page, {fig['customers']} customers: first open in the process "
              f"{fig['customers_open_first_ms']:.1f} ms; warm median "
              f"{fig['customers_open_warm_median_ms']:.1f} ms (runs {runs}) (target < 100 ms); rows in the "
              f"model after {fig['customers_rows_arrived_median_ms']:.1f} ms, then painting")  # fmt: skip
        print(f"bare sqlite3 first page + count   median {fig['customers_bare_query_median_ms']:.1f} ms; "
              f"ratio {fig['customers_ratio']:.2f}x")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--skip-start", action="store_true")
    parser.add_argument("--skip-customers", action="store_true")
    parser.add_argument("--child", choices=("app", "bare", "orm", "customers"), help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        sys.path.insert(0, str(ROOT))
        children = {"app": child_app, "bare": child_bare, "orm": child_orm,
                    "customers": lambda: child_customers(args.store, args.repeat)}  # fmt: skip
        return children[args.child]()
    figures: dict = {"load_1min": round(os.getloadavg()[0], 2)}
    if not args.skip_start:
        figures.update(bench_start(args.repeat))
    if not args.skip_customers:
        figures.update(bench_customers(args.customers, args.repeat))
    print_table(figures)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
