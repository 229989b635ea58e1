"""cProfile of one first import (import_file, backup=True) into a fresh store, or its phase times.

By default prints the top functions by cumulative and by own time, and saves the raw profile next
to the generated file (bench/out/import_<rows>.prof, for snakeviz / pstats). With --phases it runs
without the profiler and prints the wall and CPU seconds spent in each phase of the import instead
(nested phases are included in their parents' figures).

Usage: .venv/bin/python bench/profile_import.py [--rows 100000] [--seed 1] [--top 40] [--phases]
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import io
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gen_taobao import OUT_DIR, ensure_file  # noqa: E402  (bench/ is sys.path[0])

# (module, attribute) pairs timed by --phases; a class attribute is written "Class.method".
PHASES = (
    ("app.services.importer", "_plan"),
    ("app.services.importer", "_parse"),
    ("app.services.importer", "parse_sheet_columns"),  # the column-wise path (sheets read whole)
    ("app.services.import_columns", "ColumnSet.__init__"),
    ("app.services.import_finish_columns", "SingleRowFinisher.finish"),
    ("app.services.importer", "backup_sqlite"),
    ("app.services.importer", "_import_batch"),
    ("app.services.importer", "_OrderSink.flush"),
    ("app.services.importer", "suggest_merges"),
    ("app.services.import_store", "BatchWriter.write"),
    ("app.services.import_store", "BatchWriter.write_columns"),
    ("app.services.importer", "_OrderSink.add_columns"),
    ("app.services.import_store", "BatchWriter.finish"),
    ("app.services.import_store", "assign_customers"),
    ("app.services.import_store", "assign_keys"),
    ("app.services.import_store", "insert_rows"),
    ("app.services.importer", "_sha1"),
    ("app.services.membership.hooks", "after_import"),  # other features' hooks on the import path
    ("app.services.analytics.snapshots", "after_import"),
    ("sqlalchemy.engine.base", "Connection._commit_impl"),
)


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _timed(fn, totals: dict, name: str):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0, c0 = time.perf_counter(), _cpu()
        try:
            return fn(*args, **kwargs)
        finally:
            entry = totals.setdefault(name, [0.0, 0.0, 0])
            entry[0] += time.perf_counter() - t0
            entry[1] += _cpu() - c0
            entry[2] += 1

    return wrapper


def install_phase_timers() -> dict:
    totals: dict = {}
    for mod_name, attr in PHASES:
        try:
            owner = importlib.import_module(mod_name)
        except ImportError:
            continue
        *path, name = attr.split(".")
        for part in path:
            owner = getattr(owner, part)
        if hasattr(owner, name):
            setattr(owner, name, _timed(getattr(owner, name), totals, f"{mod_name.rsplit('.', 1)[1]}.{attr}"))
    return totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--shared-strings", action="store_true")
    ap.add_argument("--phases", action="store_true", help="phase times instead of a profile")
    args = ap.parse_args(argv)

    from app.models.db import open_store
    from app.services.importer import import_file

    file = ensure_file(args.rows, args.seed, shared_strings=args.shared_strings)
    totals = install_phase_timers() if args.phases else None
    with tempfile.TemporaryDirectory(dir=OUT_DIR, prefix="profile-") as tmp:
        store = open_store(Path(tmp) / "store.sqlite")
        prof = None if args.phases else cProfile.Profile()
        t0, c0 = time.perf_counter(), _cpu()
        if prof:
            prof.enable()
        result = import_file(store, file)
        if prof:
            prof.disable()
        wall, cpu = time.perf_counter() - t0, _cpu() - c0
        store.dispose()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"# import_file of {file.name}: {result.rows} rows, {result.orders_new} new orders, "
          f"{wall:.1f}s wall, {cpu:.1f}s CPU, peak RSS {rss:.0f} MiB")  # fmt: skip
    if totals is not None:
        print(f"\n{'phase':<40} {'calls':>7} {'wall s':>8} {'cpu s':>8}")
        for name, (w, c, n) in sorted(totals.items(), key=lambda kv: -kv[1][0]):
            print(f"{name:<40} {n:>7} {w:>8.2f} {c:>8.2f}")
        return 0
    out = OUT_DIR / f"import_{args.rows}.prof"
    prof.dump_stats(out)
    print(f"# raw profile: {out}")
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf)
        stats.strip_dirs().sort_stats(key).print_stats(args.top)
        text = buf.getvalue()
        body = text[text.index("   ncalls") :] if "   ncalls" in text else text
        print(f"\n## top {args.top} by {key}\n")
        print(body.rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
