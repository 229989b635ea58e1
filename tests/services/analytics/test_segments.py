"""The segment builder: every field and comparison, AND/OR nesting, relative dates; counts against pandas."""

from datetime import date, timedelta

import pandas as pd
import pytest
from sqlalchemy import text

from app.models.db import open_store
from app.services.analytics.kpis import Period
from app.services.analytics.recompute import recompute_scores
from app.services.analytics.segments import (
    RuleError,
    canonical_date,
    count_matching,
    delete_segment,
    resolve_date,
    save_segment,
    saved_segments,
    segment_members,
)
from tests.services.analytics.shop import build_shop
from tests.services.analytics.test_kpis import check_kpis_against_pandas

AS_OF = date(2026, 10, 23)


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    """The generated shop plus what the owner adds: tags, members, do-not-contact, tiers, a few cities."""
    tmp = tmp_path_factory.mktemp("seg")
    store = open_store(tmp / "shop.sqlite")
    build_shop(store, tmp, seed=5, customers=150)
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO tags (id, name, color) VALUES (1, 'VIP', ''), (2, '老客', '')"))
        conn.execute(text("INSERT INTO customer_tags SELECT id, 1 FROM customers WHERE id % 4 = 0"))
        conn.execute(text("INSERT INTO customer_tags SELECT id, 2 FROM customers WHERE id % 6 = 0"))
        conn.execute(
            text(
                "INSERT INTO tiers (id, rank, name, basis, threshold, discount_pct, points_multiplier_pct, "
                "benefits) VALUES (1, 1, '银卡', 'spend', 0, 100, 100, ''), "
                "(2, 2, '金卡', 'spend', 0, 95, 100, '')"
            )
        )
        conn.execute(
            text(
                "UPDATE customers SET is_member = (id % 3 = 0), do_not_contact = (id % 5 = 0), "
                "tier_id = CASE WHEN id % 7 = 0 THEN 2 WHEN id % 7 = 1 THEN 1 END, "
                "city = CASE WHEN id % 2 = 0 THEN '上海市' ELSE city END, "
                "platforms = CASE WHEN id % 9 = 0 THEN 'douyin,taobao' ELSE platforms END"
            )
        )
    recompute_scores(store)
    yield store, _reference(store)
    store.dispose()


def _reference(store) -> pd.DataFrame:
    with store.engine.connect() as conn:
        df = pd.read_sql(
            "SELECT c.*, s.* FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id", conn
        )
        tags = pd.read_sql(
            "SELECT ct.customer_id, t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id", conn
        )
        bought = pd.read_sql(
            "SELECT o.customer_id, l.title FROM order_lines l JOIN orders o ON o.id = l.order_id "
            "WHERE o.status IN ('paid', 'completed') AND o.paid_fen - o.refund_fen > 0",
            conn,
        )
    df = df.loc[:, ~df.columns.duplicated()].set_index("id")
    df["tags"] = tags.groupby("customer_id")["name"].agg(set).reindex(df.index)
    df["tags"] = df["tags"].apply(lambda s: s if isinstance(s, set) else set())
    df["items"] = bought.groupby("customer_id")["title"].agg(set).reindex(df.index)
    df["items"] = df["items"].apply(lambda s: s if isinstance(s, set) else set())
    df["r_days"] = (pd.Timestamp(AS_OF) - pd.to_datetime(df["last_day"])).dt.days
    df["last"] = pd.to_datetime(df["last_order_at"])
    df["first"] = pd.to_datetime(df["first_order_at"])
    return df


def _day(d: date) -> pd.Timestamp:
    return pd.Timestamp(d)


D90 = AS_OF - timedelta(days=90)
CASES = [
    ({"field": "spend", "cmp": ">=", "value": 50000}, lambda d: d["net_spend_fen"] >= 50000),
    (
        {"field": "spend", "cmp": "between", "value": [10000, 30000]},
        lambda d: d["net_spend_fen"].between(10000, 30000),
    ),
    ({"field": "order_count", "cmp": "=", "value": 1}, lambda d: d["order_count"] == 1),
    ({"field": "order_count", "cmp": "!=", "value": 1}, lambda d: d["order_count"] != 1),
    ({"field": "order_count", "cmp": ">", "value": 2}, lambda d: d["order_count"] > 2),
    ({"field": "order_count", "cmp": "<", "value": 2}, lambda d: d["order_count"] < 2),
    ({"field": "order_count", "cmp": "<=", "value": 2}, lambda d: d["order_count"] <= 2),
    ({"field": "r_score", "cmp": ">=", "value": 4}, lambda d: d["r_score"] >= 4),
    ({"field": "f_score", "cmp": "=", "value": 1}, lambda d: d["f_score"] == 1),
    ({"field": "m_score", "cmp": "<=", "value": 2}, lambda d: d["m_score"] <= 2),
    ({"field": "recency_days", "cmp": "<", "value": 60}, lambda d: d["r_days"] < 60),
    ({"field": "frequency", "cmp": ">=", "value": 2}, lambda d: d["f_orders"] >= 2),
    ({"field": "monetary", "cmp": ">", "value": 20000}, lambda d: d["m_fen"] > 20000),
    (
        {"field": "layer", "cmp": "in", "value": ["loyal", "active"]},
        lambda d: d["layer"].isin(["loyal", "active"]),
    ),
    ({"field": "layer", "cmp": "not_in", "value": ["lost"]}, lambda d: ~d["layer"].isin(["lost"])),
    (
        {"field": "rfm_segment", "cmp": "in", "value": ["champions", "lost"]},
        lambda d: d["rfm_segment"].isin(["champions", "lost"]),
    ),
    ({"field": "city", "cmp": "in", "value": ["上海市"]}, lambda d: d["city"] == "上海市"),
    ({"field": "city", "cmp": "contains", "value": "杭州"}, lambda d: d["city"].str.contains("杭州")),
    ({"field": "tier", "cmp": "in", "value": [2]}, lambda d: d["tier_id"] == 2),
    ({"field": "tier", "cmp": "not_in", "value": [2]}, lambda d: d["tier_id"] != 2),
    ({"field": "tier", "cmp": "is_empty"}, lambda d: d["tier_id"].isna()),
    ({"field": "platform", "cmp": "is", "value": "douyin"}, lambda d: d["platforms"].str.contains("douyin")),
    (
        {"field": "platform", "cmp": "is_not", "value": "douyin"},
        lambda d: ~d["platforms"].str.contains("douyin"),
    ),
    (
        {"field": "tags", "cmp": "has_any", "value": ["VIP", "老客"]},
        lambda d: d["tags"].apply(lambda s: bool(s)),
    ),
    (
        {"field": "tags", "cmp": "has_all", "value": ["VIP", "老客"]},
        lambda d: d["tags"].apply(lambda s: len(s) == 2),
    ),
    (
        {"field": "tags", "cmp": "has_none", "value": ["VIP"]},
        lambda d: d["tags"].apply(lambda s: "VIP" not in s),
    ),
    ({"field": "member", "cmp": "is", "value": True}, lambda d: d["is_member"] == 1),
    ({"field": "do_not_contact", "cmp": "is", "value": False}, lambda d: d["do_not_contact"] == 0),
    (
        {"field": "items_bought", "cmp": "any", "value": ["商品3"]},
        lambda d: d["items"].apply(lambda s: "商品3" in s),
    ),
    (
        {"field": "items_not_bought", "cmp": "any", "value": ["商品3", "商品4"]},
        lambda d: d["items"].apply(lambda s: not s & {"商品3", "商品4"}),
    ),
    ({"field": "last_order", "cmp": "on_or_after", "value": "90 days ago"}, lambda d: d["last"] >= _day(D90)),
    ({"field": "last_order", "cmp": "before", "value": "90 days ago"}, lambda d: d["last"] < _day(D90)),
    (
        {"field": "last_order", "cmp": "after", "value": "2026-05-01"},
        lambda d: d["last"] >= _day(date(2026, 5, 2)),
    ),
    (
        {"field": "first_order", "cmp": "on_or_before", "value": "2025-06-30"},
        lambda d: d["first"] < _day(date(2025, 7, 1)),
    ),
    (
        {"field": "first_order", "cmp": "between", "value": ["2025-03-01", "6 months ago"]},
        lambda d: (d["first"] >= _day(date(2025, 3, 1))) & (d["first"] < _day(date(2026, 4, 24))),
    ),
]


@pytest.mark.parametrize("rule,expected", CASES, ids=[f"{c[0]['field']}{c[0]['cmp']}" for c in CASES])
def test_each_field_and_comparison_counts_like_pandas(tagged, rule, expected):
    store, ref = tagged
    want = int(expected(ref).fillna(False).astype(bool).sum())
    assert 0 < want < len(ref), "the case should split the customers"
    assert count_matching(store, rule, AS_OF) == want


def test_and_or_nesting(tagged):
    store, ref = tagged
    tree = {
        "op": "or",
        "rules": [
            {
                "op": "and",
                "rules": [
                    {"field": "member", "cmp": "is", "value": True},
                    {"field": "spend", "cmp": ">=", "value": 30000},
                ],
            },
            {
                "op": "and",
                "rules": [
                    {"field": "tags", "cmp": "has_any", "value": ["VIP"]},
                    {
                        "op": "or",
                        "rules": [
                            {"field": "layer", "cmp": "in", "value": ["lost"]},
                            {"field": "order_count", "cmp": ">=", "value": 3},
                        ],
                    },
                ],
            },
        ],
    }
    vip = ref["tags"].apply(lambda s: "VIP" in s)
    want = ((ref["is_member"] == 1) & (ref["net_spend_fen"] >= 30000)) | (
        vip & ((ref["layer"] == "lost") | (ref["order_count"] >= 3))
    )
    assert count_matching(store, tree, AS_OF) == int(want.sum()) > 0
    assert count_matching(store, {"op": "and", "rules": []}, AS_OF) == len(ref)
    assert count_matching(store, {"op": "or", "rules": []}, AS_OF) == 0


def test_saved_segments_stay_current_and_page_their_members(tagged):
    store, ref = tagged
    tree = {"op": "and", "rules": [{"field": "order_count", "cmp": ">=", "value": 2}]}
    sid = save_segment(store, "复购客户", tree)
    [seg] = [s for s in saved_segments(store, AS_OF) if s.id == sid]
    assert seg.size == int((ref["order_count"] >= 2).sum()) and seg.rules == tree
    page = segment_members(store, tree, offset=0, limit=10, as_of=AS_OF)
    top = ref[ref["order_count"] >= 2].sort_values("net_spend_fen", ascending=False)["net_spend_fen"].head(10)
    assert list(page["net_spend_fen"]) == list(top)
    assert {"r_days", "r_score", "layer", "rfm_segment"} <= set(page.columns)
    delete_segment(store, sid)
    assert all(s.id != sid for s in saved_segments(store, AS_OF))


def test_relative_dates():
    d = date(2026, 3, 31)
    assert resolve_date("90 days ago", d) == date(2025, 12, 31)
    assert resolve_date("2 weeks ago", d) == date(2026, 3, 17)
    assert resolve_date("1 month ago", d) == date(2026, 2, 28)
    assert resolve_date("today", d) == d and resolve_date("2025-01-02", d) == date(2025, 1, 2)


def test_relative_dates_typed_in_chinese_mean_the_same():
    d = date(2026, 3, 31)
    assert resolve_date("90天前", d) == resolve_date("90 days ago", d)
    assert resolve_date("2周前", d) == resolve_date(" 2 星期以前", d) == date(2026, 3, 17)
    assert resolve_date("1个月前", d) == date(2026, 2, 28)
    assert resolve_date("今天", d) == d
    assert canonical_date(" 90 天前 ") == "90 days ago" and canonical_date("2026-01-31") == "2026-01-31"
    with pytest.raises(RuleError):
        resolve_date("90天后", d)


@pytest.mark.parametrize(
    "tree",
    [
        {"field": "nope", "cmp": "=", "value": 1},
        {"field": "spend", "cmp": "~", "value": 1},
        {"op": "xor", "rules": []},
        {"field": "last_order", "cmp": "before", "value": "soon"},
    ],
)
def test_bad_rules_raise_a_coded_error(tagged, tree):
    store, _ = tagged
    with pytest.raises(RuleError) as err:
        count_matching(store, tree, AS_OF)
    assert err.value.code == "bad_rule"


def test_member_kpis_match_pandas(tagged):
    """The generated shop with every third customer a member: member share and member AOV ratio."""
    store, _ = tagged
    check_kpis_against_pandas(store, Period(date(2026, 7, 1), date(2026, 9, 30)))
