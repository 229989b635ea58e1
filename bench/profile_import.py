"""cProfile of one first import (import_file, backup=True) into a fresh store.

Prints the top functions by cumulative and by own time, and saves the raw profile next to the
generated file (bench/out/import_<rows>.prof, for snakeviz / pstats).

Usage: .venv/bin/python bench/profile_import.py [--rows 100000] [--seed 1] [--top 40]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gen_taobao import OUT_DIR, ensure_file  # noqa: E402  (bench/ is sys.path[0])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--shared-strings", action="store_true")
    args = ap.parse_args(argv)

    from app.models.db import open_store
    from app.services.importer import import_file

    file = ensure_file(args.rows, args.seed, shared_strings=args.shared_strings)
    with tempfile.TemporaryDirectory(dir=OUT_DIR, prefix="profile-") as tmp:
        store = open_store(Path(tmp) / "store.sqlite")
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.enable()
        result = import_file(store, file)
        prof.disable()
        wall = time.perf_counter() - t0
        store.dispose()
    out = OUT_DIR / f"import_{args.rows}.prof"
    prof.dump_stats(out)
    print(f"# profiled import_file of {file.name}: {result.rows} rows, {result.orders_new} new orders, "
          f"{wall:.1f}s under the profiler; raw profile: {out}")  # fmt: skip
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
