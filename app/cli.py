"""The command line: the same services as the window, no display needed."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from app import __version__
from app.services.errors import MESSAGES, QT_TRANSLATE_NOOP, ShopError
from app.services.platforms import PLATFORM_NAMES
from app.texts import message, translate

log = logging.getLogger(__name__)
VERBS = ("import", "undo-import", "stats", "analyze", "demo", "selfcheck")

# What the store's own verbs print, in the owner's language (the JSON forms keep their English keys).
MESSAGES.update(
    {
        "cli_imported": QT_TRANSLATE_NOOP(
            "Messages",
            "{file}: {platform}, batch {batch_id}: {rows} rows, {orders_new} new, {orders_updated} updated, "
            "{orders_unchanged} unchanged, {customers_new} new customers, {rejected} not imported",
        ),
        "cli_rejected_row": QT_TRANSLATE_NOOP("Messages", "  row {row}, {column}: {reason}"),
        "cli_undone": QT_TRANSLATE_NOOP(
            "Messages",
            "Batch {batch} undone: {removed} orders removed, {restored} restored, "
            "{customers} customers removed",
        ),
        "cli_store_counts": QT_TRANSLATE_NOOP(
            "Messages", "{orders} orders ({valid_orders} valid), {customers} customers"
        ),
        "cli_store_money": QT_TRANSLATE_NOOP("Messages", "GMV {gmv}, refunds {refunds}, net sales {net}"),
        "cli_demo_file": QT_TRANSLATE_NOOP(
            "Messages", "{file}: {new} new, {updated} updated, {unchanged} unchanged"
        ),
    }
)


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", metavar="PATH|URL", help="store file or database URL (default: the user's data folder)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="私域掌柜 Siyu Zhanggui")
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="verb")
    p = sub.add_parser("import", help="import order exports")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--platform", help="taobao, douyin, pdd, jd, kuaishou, youzan, wechat or generic")
    p.add_argument("--json", action="store_true")
    p.add_argument("--progress", action="store_true", help="print progress to stderr")
    _db_arg(p)
    p = sub.add_parser("undo-import", help="undo one import batch")
    p.add_argument("batch_id", type=int)
    _db_arg(p)
    p = sub.add_parser("stats", help="orders, customers and sales in the store")
    p.add_argument("--json", action="store_true")
    _db_arg(p)
    p = sub.add_parser("analyze", help="KPIs, lifecycle layers, RFM segments and predicted value")
    p.add_argument("--as-of", type=_date_arg, metavar="YYYY-MM-DD", help="the day figures are counted to")
    p.add_argument("--days", type=int, metavar="N", help="KPI period length in days (default: setting, 30)")
    p.add_argument("--json", action="store_true")
    _db_arg(p)
    p = sub.add_parser("demo", help="fill a store with a demo shop")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--customers", type=int, default=800)
    _db_arg(p)
    p = sub.add_parser("selfcheck", help="check that this build works end to end")
    _membership_parsers(sub)
    return parser


def _date_arg(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def open_store_for(args):
    from app.paths import default_db_path
    from app.services.store_files import open_store_at

    return open_store_at(args.db or default_db_path())


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}¥{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


def cmd_import(args) -> int:
    from app.services.importer import import_file

    store = open_store_for(args)
    out, failed = [], False
    for path in args.files:

        def progress(done: int, total: int, stage: str, _name=path.name) -> None:
            if args.progress:
                print(f"progress {_name} {stage} {done}/{total}", file=sys.stderr, flush=True)

        try:
            res = import_file(store, path, platform=args.platform, progress=progress)
        except ShopError as exc:
            failed = True
            text = message(exc.code, exc.params)
            out.append({"file": path.name, "error": text, "code": exc.code})
            if not args.json:
                print(text, file=sys.stderr)
            continue
        entry = {
            "file": res.file,
            "platform": res.platform,
            "layout": res.layout,
            "batch_id": res.batch_id,
            "rows": res.rows,
            "orders_new": res.orders_new,
            "orders_updated": res.orders_updated,
            "orders_unchanged": res.orders_unchanged,
            "customers_new": res.customers_new,
            "rejected": [r.as_json(message(r.code, {"value": r.value})) for r in res.rejected],
            "unknown_statuses": list(res.unknown_statuses),
        }
        out.append(entry)
        if not args.json:  # the JSON entry's figures, the platform named and the rejections counted
            platform = translate("Platforms", PLATFORM_NAMES.get(res.platform, res.platform))
            print(message("cli_imported", {**entry, "platform": platform, "rejected": len(res.rejected)}))
            for rejection in entry["rejected"][:50]:
                print(message("cli_rejected_row", rejection))
    if args.json:
        print(json.dumps({"files": out}, ensure_ascii=False, indent=2))
    return 1 if failed else 0


def cmd_undo(args) -> int:
    from app.services.importer import undo_import

    store = open_store_for(args)
    res = undo_import(store, args.batch_id)
    print(
        message(
            "cli_undone",
            {
                "batch": res.batch_id,
                "removed": res.orders_removed,
                "restored": res.orders_restored,
                "customers": res.customers_removed,
            },
        )
    )
    return 0


def cmd_stats(args) -> int:
    from app.services.stats import store_stats

    st = store_stats(open_store_for(args))
    data = {
        "orders": st.orders,
        "valid_orders": st.valid_orders,
        "customers": st.customers,
        "gmv_fen": st.gmv_fen,
        "refund_fen": st.refund_fen,
        "net_sales_fen": st.net_sales_fen,
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(message("cli_store_counts", data))
        money = {"gmv": _yuan(st.gmv_fen), "refunds": _yuan(st.refund_fen), "net": _yuan(st.net_sales_fen)}
        print(message("cli_store_money", money))
    return 0


def cmd_analyze(args) -> int:
    from app.services.analytics.report import analyze, print_report

    data = analyze(open_store_for(args), as_of=args.as_of, period_days=args.days)
    clv = data["clv"]
    if not clv["shown"]:
        clv["message"] = message(clv["reason"], clv["reason_params"])
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print_report(data, _yuan)
    return 0


def cmd_demo(args) -> int:
    from app.services.demo import build_demo_shop

    store = open_store_for(args)
    results = build_demo_shop(store, seed=args.seed, customers=args.customers)
    for res in results:
        counts = {"new": res.orders_new, "updated": res.orders_updated, "unchanged": res.orders_unchanged}
        print(message("cli_demo_file", {"file": res.file, **counts}))
    return 0


def cmd_selfcheck(args) -> int:
    from app.selfcheck import run_selfcheck

    return run_selfcheck()


COMMANDS = {"import": cmd_import, "undo-import": cmd_undo, "stats": cmd_stats, "analyze": cmd_analyze,
            "demo": cmd_demo, "selfcheck": cmd_selfcheck}  # fmt: skip


# ---- membership verbs ---------------------------------------------------------------------------


def _membership_parsers(sub) -> None:
    p = sub.add_parser("members", help="members per tier, points and stored value outstanding")
    p.add_argument("--json", action="store_true")
    _db_arg(p)
    p = sub.add_parser("coupons", help="coupon plans: issued, redeemed, redemption rate")
    p.add_argument("--json", action="store_true")
    _db_arg(p)


def cmd_members(args) -> int:
    from app.services.membership.members import members_summary

    st = members_summary(open_store_for(args))
    data = {
        "customers": st.customers,
        "members": st.members,
        "tiers": [{"tier_id": t.tier_id, "name": t.name, "members": t.members} for t in st.per_tier],
        "points_outstanding": st.points_outstanding,
        "stored_value_outstanding_fen": st.stored_value_outstanding_fen,
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"members {st.members} of {st.customers} customers")
    for t in st.per_tier:
        print(f"  {t.name or '-'}: {t.members}")
    print(
        f"points outstanding {st.points_outstanding}, "
        f"stored value outstanding {_yuan(st.stored_value_outstanding_fen)}"
    )
    return 0


def cmd_coupons(args) -> int:
    from app.services.membership.coupons import plan_stats

    plans = plan_stats(open_store_for(args))
    data = [
        {
            "plan_id": p.plan_id,
            "name": p.name,
            "kind": p.kind,
            "issued": p.issued,
            "redeemed": p.redeemed,
            "rate": p.rate,
            "revenue_fen": p.revenue_fen,
        }
        for p in plans
    ]
    if args.json:
        print(json.dumps({"plans": data}, ensure_ascii=False, indent=2))
        return 0
    for p in plans:
        rate = "-" if p.rate is None else f"{p.rate:.1%}"
        print(
            f"{p.plan_id} {p.name}: issued {p.issued}, redeemed {p.redeemed} ({rate}), "
            f"revenue {_yuan(p.revenue_fen)}"
        )
    return 0


COMMANDS.update({"members": cmd_members, "coupons": cmd_coupons})


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return COMMANDS[args.verb](args)
    except ShopError as exc:
        print(message(exc.code, exc.params), file=sys.stderr)
        return 2
    except Exception as exc:  # the owner gets one line; the log keeps the rest
        log.debug("command failed", exc_info=True)
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 3
