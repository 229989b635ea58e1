"""Membership hooks benchmark: what points, tiers and coupon matching add to an import and an undo.

Same generated Taobao export (bench/gen_taobao.py), two fresh stores in this run:
  bare  - no members, no ledgers, no coupons: the hooks return at once (the baseline)
  full  - every customer takes part (points for everyone, two tiers)
Prints the seconds and the ratios full/bare for the import and for undoing it; the last line is JSON.

Usage: .venv/bin/python bench/membership_bench.py [--rows 20000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.gen_taobao import ensure_file  # noqa: E402


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _run(path: Path, folder: Path, full: bool) -> tuple[float, float]:
    from app.models.db import open_store
    from app.services.importer import import_file, undo_import

    store = open_store(folder / ("full.sqlite" if full else "bare.sqlite"))
    if full:
        _prepare(store)
    t_import, res = _timed(lambda: import_file(store, path, backup=False))
    t_undo, _ = _timed(lambda: undo_import(store, res.batch_id, backup=False))
    store.dispose()
    return t_import, t_undo


def _prepare(store) -> None:
    from app.services.membership.rules import save_rules
    from app.services.membership.tier_rules import TierSpec
    from app.services.membership.tiers import save_tiers

    save_rules(store, points_members_only=False, tier_members_only=False)
    save_tiers(store, [TierSpec(None, 1, "普通", threshold=0), TierSpec(None, 2, "银卡", threshold=50000)])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=20000)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    path = ensure_file(args.rows, args.seed, quiet=True)
    with tempfile.TemporaryDirectory() as tmp:
        bare = _run(path, Path(tmp), full=False)
        full = _run(path, Path(tmp), full=True)
    out = {"rows": args.rows, "bare_import_s": round(bare[0], 3), "full_import_s": round(full[0], 3),
           "import_ratio": round(full[0] / bare[0], 2), "bare_undo_s": round(bare[1], 3),
           "full_undo_s": round(full[1], 3), "undo_ratio": round(full[1] / bare[1], 2)}  # fmt: skip
    print(f"import: bare {out['bare_import_s']} s, with membership {out['full_import_s']} s "
          f"(x{out['import_ratio']})")  # fmt: skip
    print(f"undo:   bare {out['bare_undo_s']} s, with membership {out['full_undo_s']} s "
          f"(x{out['undo_ratio']})")  # fmt: skip
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
