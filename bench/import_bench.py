"""Import benchmark: the real `import_file` path against a bare fastexcel + sqlite3 baseline.

Every measurement runs in a fresh subprocess, so its peak RSS (ru_maxrss of that child, from
os.wait4) is its own. Measurements, on generated Taobao order-level exports (bench/gen_taobao.py):

  1. first import of --rows into a fresh store (import_file with backup=True)   -> s, rows/s, RSS
  2. baseline on the same file: fastexcel read (all text) + Python rows + sqlite3 executemany of
     every column as text into one table, one transaction, fresh file           -> ratio 1/2 <= 2.0
  3. re-import of the same file into the store filled by 1                       -> ratio 3/1 <= 1.0
  4. first import of --big-rows into a fresh store                               -> s, RSS < 1 GiB

Usage: .venv/bin/python bench/import_bench.py [--rows 100000] [--big-rows 500000] [--seed 1]
       [--skip-big] [--skip-reimport] [--repeat N] [--shared-strings] [--keep]
The last line of stdout is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_RATIO = 2.0
TARGET_REIMPORT = 1.0
TARGET_BIG_RSS = 1 << 30
RESULT_TAG = "@@RESULT "


class ChildFailed(RuntimeError):
    def __init__(self, message: str, info: dict) -> None:
        super().__init__(message)
        self.info = info


# ---- children ------------------------------------------------------------------------------------


def _self_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def _cpu_self() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _time_snapshot_hook() -> dict:
    """Time the analytics snapshot that import_file runs after its commit (another feature's work)."""
    spent = {"seconds": 0.0, "cpu_s": 0.0}
    try:
        from app.services.analytics import snapshots
    except ImportError:
        return spent
    inner = snapshots.after_import

    def timed(*args, **kwargs):
        t0, c0 = time.perf_counter(), _cpu_self()
        try:
            return inner(*args, **kwargs)
        finally:
            spent["seconds"] += time.perf_counter() - t0
            spent["cpu_s"] += _cpu_self() - c0

    snapshots.after_import = timed
    return spent


def child_import(file: Path, store_path: Path) -> dict:
    from app.models.db import open_store
    from app.services.importer import import_file

    hook = _time_snapshot_hook()
    rss_ready = _self_rss()
    t0 = time.perf_counter()
    store = open_store(store_path)
    t1, c1 = time.perf_counter(), _cpu_self()
    result = import_file(store, file)  # backup=True: part of the real path
    t2, c2 = time.perf_counter(), _cpu_self()
    store.dispose()
    return {
        "open_store_s": t1 - t0,
        "seconds": t2 - t1,
        "cpu_s": c2 - c1,  # of the timed call only, as `seconds` (the process's own start-up is left out)
        "rows": result.rows,
        "orders_new": result.orders_new,
        "orders_updated": result.orders_updated,
        "orders_unchanged": result.orders_unchanged,
        "customers_new": result.customers_new,
        "rejected": len(result.rejected),
        "unknown_statuses": list(result.unknown_statuses),
        "store_bytes": store_path.stat().st_size,
        "rss_before_work": rss_ready,
        "rss_self": _self_rss(),
        "snapshot_hook_s": hook["seconds"],
        "snapshot_hook_cpu_s": hook["cpu_s"],
    }


def child_baseline(file: Path, db_path: Path) -> dict:
    import sqlite3

    import fastexcel
    import pyarrow  # noqa: F401  (to_arrow imports it lazily; keep module loading out of the timing)

    rss_ready = _self_rss()
    t0, c0 = time.perf_counter(), _cpu_self()
    sheet = fastexcel.read_excel(file).load_sheet(0, dtypes="string")
    table = sheet.to_arrow()
    t1 = time.perf_counter()
    rows = list(zip(*(col.to_pylist() for col in table.columns), strict=True))
    t2 = time.perf_counter()
    ncols = table.num_columns
    con = sqlite3.connect(db_path)
    try:
        con.execute(f"CREATE TABLE rows ({', '.join(f'c{i} TEXT' for i in range(ncols))})")
        with con:  # one transaction
            con.executemany(f"INSERT INTO rows VALUES ({', '.join('?' * ncols)})", rows)
    finally:
        con.close()
    t3, c3 = time.perf_counter(), _cpu_self()
    return {
        "seconds": t3 - t0,
        "cpu_s": c3 - c0,
        "read_s": t1 - t0,
        "to_python_s": t2 - t1,
        "sqlite_s": t3 - t2,
        "rows": len(rows),
        "columns": ncols,
        "rss_before_work": rss_ready,
        "rss_self": _self_rss(),
    }


def child_main(kind: str, file: str, target: str) -> int:
    fn = {"import": child_import, "baseline": child_baseline}[kind]
    out = fn(Path(file), Path(target))
    sys.stdout.write(RESULT_TAG + json.dumps(out, ensure_ascii=False) + "\n")
    return 0


# ---- parent --------------------------------------------------------------------------------------


def run_child(kind: str, file: Path, target: Path, timeout: float) -> dict:
    """Run one measurement in a fresh interpreter; add its wall time, whole-process CPU time and peak RSS."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        kind,
        "--file",
        str(file),
        "--target",
        str(target),
    ]
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, cwd=ROOT, text=True)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage, not a running max
    finally:
        timer.cancel()
        proc.stdout.close()
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        why = f"timed out after {timeout:.0f}s" if wall >= timeout else f"exit code {proc.returncode}"
        info = {"error": why, "process_wall_s": round(wall, 1), "peak_rss": usage.ru_maxrss * 1024}
        raise ChildFailed(f"{kind} on {file.name} failed: {why}", info)
    line = next(ln for ln in reversed(out.splitlines()) if ln.startswith(RESULT_TAG))
    res = json.loads(line[len(RESULT_TAG) :])
    res["peak_rss"] = usage.ru_maxrss * 1024  # Linux: KiB
    res["process_cpu_s"] = usage.ru_utime + usage.ru_stime  # with the interpreter's start-up and imports
    res["process_wall_s"] = wall
    res["loadavg_1m_before"] = round(load, 2)
    return res


def code_fingerprint() -> dict:
    """Which code was measured: HEAD plus a hash of app/ as it is on disk (it may be uncommitted)."""
    h = hashlib.sha1()
    for p in sorted((ROOT / "app").rglob("*.py")):
        h.update(str(p.relative_to(ROOT)).encode())
        h.update(p.read_bytes())
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "app"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        head, dirty = "", ""
    return {"git_head": head.strip(), "app_dirty": bool(dirty), "app_sha1": h.hexdigest()[:12]}


def _mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _pick(runs: list[dict]) -> dict:
    """The run with the median time (the lower middle for an even count)."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    return ordered[(len(ordered) - 1) // 2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Import benchmark (see bench/README.md)")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--big-rows", type=int, default=500_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-big", action="store_true")
    ap.add_argument("--skip-reimport", action="store_true")
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument(
        "--repeat", type=int, default=5, help="interleaved runs of 1-3 (default 5); medians are reported"
    )
    ap.add_argument("--shared-strings", action="store_true", help="files with a sharedStrings part")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per child")
    ap.add_argument("--big-timeout", type=float, default=3600, help="seconds for the big import")
    ap.add_argument("--keep", action="store_true", help="keep the stores under bench/out/runs/")
    ap.add_argument("--child", choices=("import", "baseline"), help=argparse.SUPPRESS)
    ap.add_argument("--file", help=argparse.SUPPRESS)
    ap.add_argument("--target", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child_main(args.child, args.file, args.target)

    from gen_taobao import ensure_file  # bench/ is sys.path[0] when run as a script

    started = datetime.now()
    run_dir = BENCH / "out" / "runs" / started.strftime("%Y%m%d-%H%M%S")
    run_dir.mkdir(parents=True, exist_ok=True)
    fp = code_fingerprint()
    print(
        f"# import benchmark {started:%Y-%m-%d %H:%M:%S}  head={fp['git_head']} app_sha1={fp['app_sha1']}"
        f"{' (uncommitted changes in app/)' if fp['app_dirty'] else ''}  python {platform.python_version()}"
        f"  cpus={os.cpu_count()}",
        flush=True,
    )
    file = ensure_file(args.rows, args.seed, shared_strings=args.shared_strings)
    big_file = (
        None if args.skip_big else ensure_file(args.big_rows, args.seed, shared_strings=args.shared_strings)
    )

    firsts, baselines, reimports = [], [], []
    try:
        for i in range(args.repeat):
            store = run_dir / f"first-{i}" / "store.sqlite"
            print(f"  [{i + 1}/{args.repeat}] first import of {args.rows} rows ...", flush=True)
            firsts.append(run_child("import", file, store, args.timeout))
            if not args.skip_baseline:
                print(f"  [{i + 1}/{args.repeat}] baseline ...", flush=True)
                baselines.append(run_child("baseline", file, run_dir / f"baseline-{i}.sqlite", args.timeout))
            if not args.skip_reimport:
                print(f"  [{i + 1}/{args.repeat}] re-import ...", flush=True)
                reimports.append(run_child("import", file, store, args.timeout))
        big = big_error = None
        if big_file is not None:
            print(f"  first import of {args.big_rows} rows ...", flush=True)
            try:
                big = run_child("import", big_file, run_dir / "big" / "store.sqlite", args.big_timeout)
            except ChildFailed as exc:  # the small figures are still worth printing
                print(f"  {exc}", flush=True)
                big_error = exc.info
    finally:
        if not args.keep:
            shutil.rmtree(run_dir, ignore_errors=True)

    first_s = _median(firsts, "seconds")
    first = _pick(firsts)
    figures: dict = {
        "when": started.isoformat(timespec="seconds"),
        **fp,
        "seed": args.seed,
        "strings": "shared" if args.shared_strings else "inline",
        "repeat": args.repeat,
        "file": file.name,
        "file_bytes": file.stat().st_size,
        "first": {
            "rows": args.rows,
            "seconds": round(first_s, 3),
            "rows_per_s": round(args.rows / first_s),
            "peak_rss": first["peak_rss"],
            "open_store_s": round(first["open_store_s"], 3),
            "orders_new": first["orders_new"],
            "customers_new": first["customers_new"],
            "rejected": first["rejected"],
            "cpu_s": round(first["cpu_s"], 2),
            "loadavg": first["loadavg_1m_before"],
            "all_seconds": [round(r["seconds"], 3) for r in firsts],
            "all_cpu_s": [round(r["cpu_s"], 2) for r in firsts],
            "snapshot_hook_s": round(first["snapshot_hook_s"], 3),
            "snapshot_hook_cpu_s": round(first["snapshot_hook_cpu_s"], 2),
        },
    }
    table = [("first import", args.rows, first_s, first["cpu_s"], first["peak_rss"], "")]
    if baselines:
        base_s = _median(baselines, "seconds")
        b = _pick(baselines)
        ratio = first_s / base_s
        figures["baseline"] = {
            "seconds": round(base_s, 3),
            "read_s": round(b["read_s"], 3),
            "to_python_s": round(b["to_python_s"], 3),
            "sqlite_s": round(b["sqlite_s"], 3),
            "peak_rss": b["peak_rss"],
            "rows": b["rows"],
            "cpu_s": round(b["cpu_s"], 2),
            "all_seconds": [round(r["seconds"], 3) for r in baselines],
            "all_cpu_s": [round(r["cpu_s"], 2) for r in baselines],
        }
        cpu_ratio = _median(firsts, "cpu_s") / _median(baselines, "cpu_s")  # steadier under shared cores
        own_s = first_s - _median(firsts, "snapshot_hook_s")
        own_cpu = _median(firsts, "cpu_s") - _median(firsts, "snapshot_hook_cpu_s")
        figures["without_snapshot_hook"] = {
            "seconds": round(own_s, 3),
            "cpu_s": round(own_cpu, 2),
            "ratio": round(own_s / base_s, 2),
            "cpu_ratio": round(own_cpu / _median(baselines, "cpu_s"), 2),
        }
        figures["ratio_import_to_baseline"] = round(ratio, 2)
        figures["ratio_ok"] = ratio <= TARGET_RATIO
        figures["cpu_ratio_import_to_baseline"] = round(cpu_ratio, 2)
        table.append(("baseline (fastexcel+sqlite3)", b["rows"], base_s, b["cpu_s"], b["peak_rss"], ""))
        table[0] = (
            *table[0][:5],
            f"ratio {ratio:.2f} (target <= {TARGET_RATIO}) {'OK' if ratio <= TARGET_RATIO else 'MISS'}; "
            f"CPU ratio {cpu_ratio:.2f} (no target: two threads)",
        )
    if reimports:
        re_s = _median(reimports, "seconds")
        r = _pick(reimports)
        rr = re_s / first_s
        cpu_rr = _median(reimports, "cpu_s") / _median(firsts, "cpu_s")
        figures["cpu_ratio_reimport_to_first"] = round(cpu_rr, 2)
        figures["reimport"] = {
            "seconds": round(re_s, 3),
            "peak_rss": r["peak_rss"],
            "orders_new": r["orders_new"],
            "orders_updated": r["orders_updated"],
            "orders_unchanged": r["orders_unchanged"],
            "cpu_s": round(r["cpu_s"], 2),
            "all_seconds": [round(x["seconds"], 3) for x in reimports],
        }
        figures["ratio_reimport_to_first"] = round(rr, 2)
        figures["reimport_ok"] = rr <= TARGET_REIMPORT
        ok = "OK" if rr <= TARGET_REIMPORT else "MISS"
        table.append(
            (
                "re-import (same file)",
                args.rows,
                re_s,
                r["cpu_s"],
                r["peak_rss"],
                f"ratio {rr:.2f} (target <= 1.0) {ok}; CPU ratio {cpu_rr:.2f}",
            )  # fmt: skip
        )
    if big is not None:
        figures["big"] = {
            "rows": args.big_rows,
            "seconds": round(big["seconds"], 3),
            "rows_per_s": round(args.big_rows / big["seconds"]),
            "peak_rss": big["peak_rss"],
            "orders_new": big["orders_new"],
            "rss_ok": big["peak_rss"] < TARGET_BIG_RSS,
            "file_bytes": big_file.stat().st_size,
            "cpu_s": round(big["cpu_s"], 2),
            "loadavg": big["loadavg_1m_before"],
        }
        ok = "OK" if big["peak_rss"] < TARGET_BIG_RSS else "MISS"
        table.append(
            (
                "first import, big",
                args.big_rows,
                big["seconds"],
                big["cpu_s"],
                big["peak_rss"],
                f"RSS < 1 GiB {ok}",
            )  # fmt: skip
        )

    if big_error is not None:
        figures["big"] = {
            "rows": args.big_rows,
            **big_error,
            "rss_ok": None,
        }

    print()
    print(f"{'measurement':<30} {'rows':>8} {'seconds':>9} {'rows/s':>9} {'CPU s':>8} {'peak RSS':>10}  note")
    print("-" * 110)
    for name, rows, secs, cpu, rss, note in table:
        print(f"{name:<30} {rows:>8} {secs:>9.2f} {rows / secs:>9,.0f} {cpu:>8.2f} {_mib(rss):>10}  {note}")
    if baselines:
        b = figures["baseline"]
        print(
            f"  baseline split: read {b['read_s']:.2f}s, to Python rows {b['to_python_s']:.2f}s, "
            f"sqlite3 {b['sqlite_s']:.2f}s"
        )
    if reimports:
        r = figures["reimport"]
        print(
            f"  re-import result: new {r['orders_new']}, updated {r['orders_updated']}, "
            f"unchanged {r['orders_unchanged']}"
        )
    if "without_snapshot_hook" in figures:
        w, f = figures["without_snapshot_hook"], figures["first"]
        print(
            f"  first import without the analytics snapshot run after it "
            f"({f['snapshot_hook_s']:.2f}s, {f['snapshot_hook_cpu_s']:.2f}s CPU): {w['seconds']:.2f}s, "
            f"ratio {w['ratio']:.2f}; {w['cpu_s']:.2f}s CPU, CPU ratio {w['cpu_ratio']:.2f}"
        )
    print(
        f"  first import: open_store {figures['first']['open_store_s']:.2f}s (not counted), "
        f"{figures['first']['orders_new']} orders, {figures['first']['customers_new']} customers, "
        f"{figures['first']['rejected']} rejected; load avg before {figures['first']['loadavg']}"
    )
    if big_error is not None:
        print(f"  big import of {args.big_rows} rows: {big_error['error']} "
              f"(peak RSS so far {_mib(big_error['peak_rss'])})")  # fmt: skip
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
