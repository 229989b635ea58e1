"""The segment builder: a JSON rule tree compiled to SQL, and saved segments that stay current.

A tree is a group `{"op": "and" | "or", "rules": [...]}` whose rules are groups or conditions
`{"field": ..., "cmp": ..., "value": ...}`; an empty "and" matches everyone, an empty "or" no one.
Dates are "YYYY-MM-DD", "today" or relative to the scored as-of date ("90 days ago", "2 weeks ago",
"3 months ago"). RFM, layer and predicted-value fields read customer_scores (see recompute.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    not_,
    or_,
    select,
    true,
)

from app.models import Customer, CustomerScore, CustomerTag, Order, OrderLine, Segment, Tag
from app.models.db import Store
from app.services.analytics import messages as _messages  # noqa: F401  (registers the codes)
from app.services.analytics.settings import read_meta
from app.services.errors import ShopError

if TYPE_CHECKING:
    import pandas as pd

NUMERIC = {
    "r_score": CustomerScore.r_score,
    "f_score": CustomerScore.f_score,
    "m_score": CustomerScore.m_score,
    "frequency": CustomerScore.f_orders,
    "monetary": CustomerScore.m_fen,
    "spend": Customer.net_spend_fen,
    "order_count": Customer.order_count,
    "value_365": CustomerScore.value_365_fen,
}
CHOICE = {
    "layer": CustomerScore.layer,
    "rfm_segment": CustomerScore.rfm_segment,
    "aipl": CustomerScore.aipl,
    "city": Customer.city,
    "province": Customer.province,
    "tier": Customer.tier_id,
}
DATES = {"last_order": Customer.last_order_at, "first_order": Customer.first_order_at}
FLAGS = {"member": Customer.is_member, "do_not_contact": Customer.do_not_contact}
NUMERIC_CMPS = ("=", "!=", "<", "<=", ">", ">=", "between")
DATE_CMPS = ("before", "on_or_before", "after", "on_or_after", "between")
RELATIVE_DATE = re.compile(r"^\s*(\d+)\s*(day|week|month)s?\s+ago\s*$", re.IGNORECASE)
# The same typed in Chinese: 90天前, 2周前, 3个月前, 今天
_RELATIVE_ZH = re.compile(r"^\s*(\d+)\s*(天|日|周|星期|个月|月)\s*(?:前|以前|之前)\s*$")
_ZH_UNITS = {"天": "day", "日": "day", "周": "week", "星期": "week", "个月": "month", "月": "month"}


def canonical_date(value: str) -> str:
    """What the owner typed as a rule date, stored one way: '90天前' → '90 days ago', '今天' → 'today'."""
    text = str(value).strip()
    if text in ("今天", "今日"):
        return "today"
    m = _RELATIVE_ZH.match(text)
    if m:
        return f"{int(m.group(1))} {_ZH_UNITS[m.group(2)]}s ago"
    return text


class RuleError(ShopError):
    def __init__(self, detail: str) -> None:
        super().__init__("bad_rule", detail=detail)


def resolve_date(value: str, as_of: date) -> date:
    """'YYYY-MM-DD', 'today', or 'N days|weeks|months ago' counted back from the as-of date."""
    text = canonical_date(value).lower()
    if text == "today":
        return as_of
    m = RELATIVE_DATE.match(text)
    if m:
        n, unit = int(m.group(1)), m.group(2).lower()
        if unit == "month":
            months = as_of.year * 12 + as_of.month - 1 - n
            y, mo = divmod(months, 12)
            return _clamped(y, mo + 1, as_of.day)
        return as_of - timedelta(days=n * (7 if unit == "week" else 1))
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise RuleError(f"not a date: {value}") from exc


def _clamped(y: int, m: int, d: int) -> date:
    while True:
        try:
            return date(y, m, d)
        except ValueError:
            d -= 1


def _numeric(col, cmp: str, value) -> ColumnElement[bool]:
    if cmp == "between":
        lo, hi = value
        return col.between(lo, hi)
    ops: dict[str, Callable] = {
        "=": col.__eq__,
        "!=": col.__ne__,
        "<": col.__lt__,
        "<=": col.__le__,
        ">": col.__gt__,
        ">=": col.__ge__,
    }
    if cmp not in ops:
        raise RuleError(f"comparison {cmp}")
    return ops[cmp](value)


def _choice(col, cmp: str, value) -> ColumnElement[bool]:
    if cmp in ("is_empty", "is_not_empty"):
        empty = or_(col.is_(None), col == "") if col is not Customer.tier_id else col.is_(None)
        return empty if cmp == "is_empty" else not_(empty)
    values = list(value) if isinstance(value, list | tuple) else [value]
    if cmp == "contains":
        return or_(*[col.contains(str(v)) for v in values])
    if cmp in ("in", "not_in"):
        hit = func.coalesce(col, "").in_(values) if col is not Customer.tier_id else col.in_(values)
        return hit if cmp == "in" else or_(not_(hit), col.is_(None))
    raise RuleError(f"comparison {cmp}")


def _date(col, cmp: str, value, as_of: date) -> ColumnElement[bool]:
    def lo(v) -> str:  # the first moment of that day, as stored times compare
        return resolve_date(v, as_of).isoformat()

    def hi(v) -> str:  # the first moment of the next day
        return (resolve_date(v, as_of) + timedelta(days=1)).isoformat()

    table = {
        "before": lambda: col < lo(value),
        "on_or_before": lambda: col < hi(value),
        "after": lambda: col >= hi(value),
        "on_or_after": lambda: col >= lo(value),
        "between": lambda: and_(col >= lo(value[0]), col < hi(value[1])),
    }
    if cmp not in table:
        raise RuleError(f"comparison {cmp}")
    return table[cmp]()


def _platform(cmp: str, value) -> ColumnElement[bool]:
    values = list(value) if isinstance(value, list | tuple) else [value]
    padded = "," + Customer.platforms + ","
    hit = or_(*[padded.contains(f",{v},") for v in values])
    return hit if cmp in ("is", "in") else not_(hit)


def _tags(cmp: str, value) -> ColumnElement[bool]:
    names = list(value) if isinstance(value, list | tuple) else [value]

    def has(name: str) -> ColumnElement[bool]:
        return exists().where(
            CustomerTag.customer_id == Customer.id, CustomerTag.tag_id == Tag.id, Tag.name == name
        )

    parts = [has(n) for n in names]
    table = {
        "has_any": lambda: or_(*parts),
        "has_all": lambda: and_(*parts),
        "has_none": lambda: not_(or_(*parts)),
    }
    if cmp not in table:
        raise RuleError(f"comparison {cmp}")
    return table[cmp]()


def _items(field: str, value) -> ColumnElement[bool]:
    keys = [str(v) for v in (value if isinstance(value, list | tuple) else [value])]
    bought = exists().where(
        Order.customer_id == Customer.id,
        Order.is_valid,
        OrderLine.order_id == Order.id,
        or_(
            OrderLine.item_code.in_(keys),
            OrderLine.item_id.in_(keys),
            *[OrderLine.title.contains(k) for k in keys],
        ),
    )
    return bought if field == "items_bought" else not_(bought)


def recency_days(as_of: date):
    """R in days as of a date, from the stored day of the last valid order."""
    return cast(func.julianday(as_of.isoformat()) - func.julianday(CustomerScore.last_day), Integer)


def _condition(rule: dict, as_of: date) -> ColumnElement[bool]:
    field, cmp, value = rule.get("field"), rule.get("cmp"), rule.get("value")
    if field == "recency_days":
        return _numeric(recency_days(as_of), cmp, value)
    if field in NUMERIC:
        return _numeric(NUMERIC[field], cmp, value)
    if field in CHOICE:
        return _choice(CHOICE[field], cmp, value)
    if field in DATES:
        return _date(DATES[field], cmp, value, as_of)
    if field in FLAGS:
        return FLAGS[field].is_(bool(value)) if cmp in ("is", "=") else FLAGS[field].is_not(bool(value))
    if field == "platform":
        return _platform(cmp, value)
    if field == "tags":
        return _tags(cmp, value)
    if field in ("items_bought", "items_not_bought"):
        return _items(field, value)
    raise RuleError(f"field {field}")


def compile_rules(tree: dict, as_of: date) -> ColumnElement[bool]:
    """The WHERE clause of a rule tree (over Customer outer-joined to CustomerScore)."""
    if not isinstance(tree, dict):
        raise RuleError("a rule must be an object")
    if "rules" not in tree:
        return _condition(tree, as_of)
    op = str(tree.get("op", "and")).lower()
    if op not in ("and", "or"):
        raise RuleError(f"group operator {op}")
    parts = [compile_rules(r, as_of) for r in tree["rules"]]
    if not parts:
        return true() if op == "and" else false()
    return and_(*parts) if op == "and" else or_(*parts)


def scored_as_of(store: Store) -> date:
    value = read_meta(store, "scored_as_of")
    return date.fromisoformat(value) if value else date.today()


def _matching(tree: dict, as_of: date, *cols):
    return (
        select(*cols)
        .select_from(Customer)
        .outerjoin(CustomerScore, CustomerScore.customer_id == Customer.id)
        .where(compile_rules(tree, as_of))
    )


def count_in(conn: Connection, tree: dict, as_of: date) -> int:
    return conn.execute(
        select(func.count()).select_from(_matching(tree, as_of, Customer.id).subquery())
    ).scalar_one()


def counts_in(conn: Connection, trees: list[dict], as_of: date) -> list[int]:
    """How many customers each rule tree selects, all counted in one pass over the customers."""
    if not trees:
        return []
    sums = [func.coalesce(func.sum(case((compile_rules(tree, as_of), 1), else_=0)), 0) for tree in trees]
    query = select(*sums).select_from(Customer)
    query = query.outerjoin(CustomerScore, CustomerScore.customer_id == Customer.id)
    return [int(n) for n in conn.execute(query).one()]


def count_matching(store: Store, tree: dict, as_of: date | None = None) -> int:
    """How many customers the rules select now (the live count while editing)."""
    as_of = as_of or scored_as_of(store)
    with store.engine.connect() as conn:
        return count_in(conn, tree, as_of)


MEMBER_COLUMNS = (
    Customer.id,
    Customer.display_name,
    Customer.phone,
    Customer.city,
    Customer.platforms,
    Customer.order_count,
    Customer.net_spend_fen,
    Customer.last_order_at,
    CustomerScore.last_day,
    CustomerScore.f_orders,
    CustomerScore.m_fen,
    CustomerScore.r_score,
    CustomerScore.f_score,
    CustomerScore.m_score,
    CustomerScore.rfm_segment,
    CustomerScore.layer,
    CustomerScore.value_365_fen,
)


def segment_members(
    store: Store, tree: dict, offset: int = 0, limit: int = 200, as_of: date | None = None
) -> pd.DataFrame:
    """One page of the matching customers, biggest spenders first (phones as stored: mask them to show)."""
    as_of = as_of or scored_as_of(store)
    cols = (*MEMBER_COLUMNS, recency_days(as_of).label("r_days"))
    query = _matching(tree, as_of, *cols).order_by(Customer.net_spend_fen.desc(), Customer.id)
    with store.session_factory() as s:
        rows = s.execute(query.offset(offset).limit(limit)).all()
    import pandas as pd

    return pd.DataFrame(rows, columns=[*(c.key for c in MEMBER_COLUMNS), "r_days"])


@dataclass(frozen=True)
class SavedSegment:
    id: int
    name: str
    rules: dict
    size: int


def save_segment(store: Store, name: str, tree: dict, segment_id: int | None = None) -> int:
    compile_rules(tree, date.today())  # refuse a tree that cannot be compiled
    with store.session_factory.begin() as s:
        seg = s.get(Segment, segment_id) if segment_id else Segment()
        seg.name, seg.rules_json = name, json.dumps(tree, ensure_ascii=False)
        s.add(seg)
        s.flush()
        return seg.id


def delete_segment(store: Store, segment_id: int) -> None:
    with store.session_factory.begin() as s:
        seg = s.get(Segment, segment_id)
        if seg is not None:
            s.delete(seg)


def saved_segments(store: Store, as_of: date | None = None) -> list[SavedSegment]:
    """Every saved segment with its current size."""
    as_of = as_of or scored_as_of(store)
    with store.engine.connect() as conn:
        return saved_segments_in(conn, as_of)


def saved_segments_in(conn: Connection, as_of: date) -> list[SavedSegment]:
    rows = conn.execute(select(Segment.id, Segment.name, Segment.rules_json).order_by(Segment.name)).all()
    trees = [json.loads(raw) for _, _, raw in rows]
    sizes = counts_in(conn, trees, as_of)
    return [
        SavedSegment(sid, name, tree, size)
        for (sid, name, _), tree, size in zip(rows, trees, sizes, strict=True)
    ]
