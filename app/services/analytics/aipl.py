"""AIPL stages (metrics.md "AIPL") and customer lists (followers, members, favourites, add-to-cart).

P and L come from orders. A (认知) comes from follower lists, I (兴趣) from member, favourite and cart
lists; with no list of that kind imported the stage is "no data" (None), never a guess. A list file has
one row per person: a buyer id or nickname and/or a mobile, optionally the date they joined the list.
The generic template is resources/templates/generic_customer_list.xlsx; platform exports with other
header spellings are matched through HEADER_ALIASES.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, insert, text

from app.models import CustomerList, CustomerListEntry
from app.models.db import Store
from app.services.analytics import messages as _messages  # noqa: F401  (registers the codes)
from app.services.customers_sync import assign_customers
from app.services.errors import MESSAGES, QT_TRANSLATE_NOOP, ImportFailed
from app.services.platforms import normalize_header
from app.services.readers import open_sheets
from app.services.values import BadValue, clean_phone, clean_text, parse_date

LIST_KINDS = {"follower": "A", "member": "I", "favourite": "I", "cart": "I"}
STAGES = ("A", "I", "P", "L")
HEADER_ALIASES = {
    "buyer_id": ("买家ID", "用户ID", "会员ID", "粉丝ID", "buyer_id"),
    "buyer_nick": ("买家昵称", "用户昵称", "粉丝昵称", "会员昵称", "买家会员名", "昵称", "buyer_nick"),
    "phone": ("手机号", "手机", "会员手机号", "手机号码", "phone"),
    "name": ("姓名", "会员姓名", "name"),
    "since": ("时间", "关注时间", "入会时间", "收藏时间", "加购时间", "成为会员时间", "since"),
}
HEADER_SCAN_ROWS = 10
REJECT_MESSAGES = {  # why a list row names nobody (ListImportResult.rejected)
    "list_no_identity": QT_TRANSLATE_NOOP("Messages", "no buyer id, nickname or mobile"),
    "list_masked_phone": QT_TRANSLATE_NOOP(
        "Messages", "only a masked or incomplete mobile (like 138****1234), which cannot tell who it is"
    ),
}
for _code, _text in REJECT_MESSAGES.items():
    MESSAGES.setdefault(_code, _text)


@dataclass(frozen=True)
class ListImportResult:
    list_id: int
    kind: str
    rows: int
    matched: int  # people already known to the shop
    created: int  # people new to the shop (they start as potential customers)
    skipped: int  # rows with neither an id, a nickname nor a full mobile
    rejected: dict[str, int] = field(default_factory=dict)  # the skipped rows by reason (REJECT_MESSAGES)
    repeated: int = 0  # rows naming a person already named by an earlier row of the list


def list_stage_sql() -> str:
    """A subquery (cid, stage): each listed customer's furthest list stage, I before A."""
    rank = " ".join(f"WHEN '{kind}' THEN {2 if stage == 'I' else 1}" for kind, stage in LIST_KINDS.items())
    return (
        "SELECT e.customer_id AS cid, "
        f"CASE MAX(CASE l.kind {rank} ELSE 0 END) WHEN 2 THEN 'I' WHEN 1 THEN 'A' ELSE '' END AS stage "
        "FROM customer_list_entries e JOIN customer_lists l ON l.id = e.list_id GROUP BY e.customer_id"
    )


def aipl_sql(l_orders: int) -> str:
    """The AIPL stage of a tmp_figures row joined to list_stage_sql() as `ls`: the furthest reached."""
    return (
        f"CASE WHEN n_aipl >= {int(l_orders)} THEN 'L' WHEN n_valid > 0 THEN 'P' "
        "WHEN ls.stage = 'I' THEN 'I' WHEN ls.stage = 'A' THEN 'A' ELSE '' END"
    )


def stages_with_lists(conn: Connection) -> set[str]:
    kinds = conn.execute(text("SELECT DISTINCT kind FROM customer_lists")).scalars().all()
    return {LIST_KINDS[k] for k in kinds if k in LIST_KINDS}


def aipl_counts(counts: dict[str, int], with_lists: set[str]) -> dict[str, int | None]:
    """Customers per stage; A and I are None ("no data") when no list of their kind was imported."""
    return {s: (counts.get(s, 0) if s in ("P", "L") or s in with_lists else None) for s in STAGES}


def _find_columns(head: list[list]) -> tuple[int, dict[str, int]]:
    for i, row in enumerate(head[:HEADER_SCAN_ROWS]):
        names = [normalize_header(v) for v in row]
        found = {
            field: names.index(alias)
            for field, aliases in HEADER_ALIASES.items()
            for alias in aliases
            if alias in names
        }
        if {"buyer_id", "buyer_nick", "phone"} & found.keys():
            return i, found
    raise ImportFailed("no_list_header")


def _record(row: list, cols: dict[str, int], platform: str) -> dict | str:
    """The row's person, or why it names nobody (a REJECT_MESSAGES code)."""

    def cell(field: str):
        i = cols.get(field)
        return row[i] if i is not None and i < len(row) else None

    phone, shown = clean_phone(cell("phone"))
    record = {
        "platform": platform,
        "buyer_id": clean_text(cell("buyer_id")),
        "buyer_nick": clean_text(cell("buyer_nick")),
        "_member_phone": phone,
        "phone": phone or shown,
        "receiver_name": clean_text(cell("name")),
        "province": "",
        "city": "",
    }
    try:
        record["since"] = parse_date(cell("since"))
    except BadValue:
        record["since"] = None
    if not (record["buyer_id"] or record["buyer_nick"] or phone):
        return "list_masked_phone" if shown else "list_no_identity"
    return record


def read_list(path: Path, platform: str) -> tuple[list[dict], Counter]:
    """The list's people and, by reason, the rows that name nobody."""
    sheet = open_sheets(path)[0]
    header, cols = _find_columns(sheet.head(HEADER_SCAN_ROWS))
    records, rejected = [], Counter()
    for i, row in enumerate(sheet.rows()):
        if i <= header or not any(v not in (None, "") for v in row):
            continue
        rec = _record(row, cols, platform)
        if isinstance(rec, str):
            rejected[rec] += 1
        else:
            records.append(rec)
    sheet.release()
    return records, rejected


def import_customer_list(
    store: Store, path: str | Path, kind: str, platform: str = "", progress: Callable | None = None
) -> ListImportResult:
    """Import a follower / member / favourite / cart list; unknown people become potential customers.
    `progress(done, total, stage)` hears the stages "read" and "match"."""
    if kind not in LIST_KINDS:
        raise ImportFailed("unknown_list_kind", kind=kind)
    report = progress or (lambda done, total, stage="": None)
    path = Path(path)
    report(0, 2, "read")
    records, rejected = read_list(path, platform or "generic")
    skipped = sum(rejected.values())
    report(1, 2, "match")
    with store.engine.begin() as conn:
        before = conn.execute(text("SELECT COUNT(*) FROM customers")).scalar_one()
        created = assign_customers(conn, records, None)
        list_id = conn.execute(
            insert(CustomerList).returning(CustomerList.id),
            {"kind": kind, "platform": platform, "file_name": path.name},
        ).scalar_one()
        entries = {r["customer_id"]: r["since"] for r in records}
        if entries:
            conn.execute(
                insert(CustomerListEntry),
                [{"list_id": list_id, "customer_id": c, "since": s} for c, s in entries.items()],
            )
        after = conn.execute(text("SELECT COUNT(*) FROM customers")).scalar_one()
    report(2, 2, "match")
    return ListImportResult(
        list_id, kind, len(records) + skipped, len(entries) - (after - before), created, skipped,
        dict(rejected), len(records) - len(entries),
    )  # fmt: skip


TEMPLATE_HEADER = ("买家ID", "买家昵称", "手机号", "姓名", "时间")
TEMPLATE_EXAMPLE = ("", "tb_example", "13800000000", "张三", "2026-01-31")


def write_list_template(path: str | Path) -> Path:
    """The generic customer-list template: a header row and one example row to delete."""
    from app.services.xlsx_fast import write_xlsx

    return write_xlsx(path, [TEMPLATE_HEADER, TEMPLATE_EXAMPLE], sheet_name="list")


def copy_list_template(dest: str | Path) -> Path:
    """The shipped generic customer-list template (with its example row), copied to `dest`."""
    import shutil

    from app.paths import resource_path

    return Path(shutil.copyfile(resource_path("templates", "generic_customer_list.xlsx"), dest))
