"""KPIs, cohorts, repurchase intervals and product return rates recomputed with plain pandas."""

import math
from datetime import date, timedelta

import pandas as pd
import pytest

from app.services.analytics.cohorts import cohort_retention, concentration_curve, repurchase_intervals
from app.services.analytics.frame import scope_of
from app.services.analytics.kpis import Period, kpi_report
from app.services.analytics.products import product_table
from tests.services.analytics.shop import read_tables

PERIODS = [Period(date(2026, 7, 1), date(2026, 9, 30)), Period(date(2025, 11, 1), date(2025, 11, 30))]


def _in(df: pd.DataFrame, period: Period) -> pd.DataFrame:
    start = pd.Timestamp(period.start)
    return df[(df["t"] >= start) & (df["t"] < pd.Timestamp(period.end) + pd.Timedelta(days=1))]


def _ref_kpis(orders: pd.DataFrame, members: set, period: Period) -> dict:
    cur = _in(orders, period)
    sold = cur[cur["status"].isin(["paid", "completed"])]
    valid = cur[cur["valid"]]
    net = int(sold["paid_fen"].sum() - sold["refund_fen"].sum())
    per = valid.groupby("customer_id")["net"].agg(["size", "sum"])
    prev = _in(orders, period.previous())
    prev_buyers = set(prev.loc[prev["valid"], "customer_id"])
    first = orders[orders["valid"]].groupby("customer_id")["t"].min()
    new = [c for c in per.index if first[c] >= pd.Timestamp(period.start)]
    top = per["sum"].sort_values(ascending=False).iloc[: math.ceil(len(per) * 0.2)].sum()
    mem = valid["customer_id"].isin(members)
    return {
        "gmv_fen": int(sold["paid_fen"].sum()),
        "net_sales_fen": net,
        "orders": len(valid),
        "buyers": len(per),
        "aov_fen": round(net / len(valid)) if len(valid) else None,
        "repurchase_rate": (per["size"] >= 2).sum() / len(per) if len(per) else None,
        "returning_rate": len(prev_buyers & set(per.index)) / len(prev_buyers) if prev_buyers else None,
        "new_buyers": len(new),
        "new_repurchase_rate": (per.loc[new, "size"] >= 2).sum() / len(new) if new else None,
        "top20_share": top / net if net else None,
        "member_share": valid.loc[mem, "net"].sum() / net if net else None,
        "member_aov_ratio": (valid.loc[mem, "net"].mean() / valid.loc[~mem, "net"].mean())
        if mem.any()
        else None,
    }


def check_kpis_against_pandas(store, period: Period) -> None:
    orders, customers = read_tables(store)
    members = set(customers.loc[customers["is_member"].astype(bool), "id"])
    with store.engine.connect() as conn:
        report = kpi_report(conn, period)
    for got, ref_period in ((report.current, period), (report.previous, period.previous())):
        ref = _ref_kpis(orders, members, ref_period)
        assert ref["orders"] > 0
        for key, value in ref.items():
            mine = getattr(got, key)
            if isinstance(value, float):
                assert mine == pytest.approx(value, rel=1e-12), key
            else:
                assert mine == value, key
    assert report.period.previous() == Period(
        period.start - timedelta(days=period.days), period.start - timedelta(1)
    )


@pytest.mark.parametrize("period", PERIODS)
def test_kpis_and_previous_period_match_pandas(shop, period):
    check_kpis_against_pandas(shop[0], period)


def test_a_period_with_no_orders_gives_zeros_and_no_rates(shop):
    store, _ = shop
    with store.engine.connect() as conn:
        report = kpi_report(conn, Period(date(2030, 1, 1), date(2030, 1, 31)))
    k = report.current
    assert (k.gmv_fen, k.orders, k.buyers, k.aov_fen, k.repurchase_rate, k.top20_share) == (
        0,
        0,
        0,
        None,
        None,
        None,
    )


def _valid_orders(store, as_of: date) -> pd.DataFrame:
    orders, _ = read_tables(store)
    v = orders[orders["valid"] & (orders["t"] < pd.Timestamp(as_of) + pd.Timedelta(days=1))]
    return v.dropna(subset=["customer_id"])


def test_cohort_retention_matches_pandas(shop):
    store, _ = shop
    as_of = date(2026, 10, 23)
    with store.engine.connect() as conn:
        got = cohort_retention(conn, scope_of(as_of))
    v = _valid_orders(store, as_of)
    v = v.assign(month=v["t"].dt.year * 12 + v["t"].dt.month - 1)
    first = v.groupby("customer_id")["month"].min()
    for cohort_month, members in first.groupby(first):
        label = f"{cohort_month // 12:04d}-{cohort_month % 12 + 1:02d}"
        assert got.loc[label, "size"] == len(members)
        for since in range(0, 4):
            if cohort_month + since > as_of.year * 12 + as_of.month - 1:
                assert pd.isna(got.loc[label].get(since, float("nan")))
                continue
            active = v[(v["customer_id"].isin(members.index)) & (v["month"] == cohort_month + since)]
            share = active["customer_id"].nunique() / len(members)
            assert got.loc[label].get(since, 0.0) == pytest.approx(share)


def test_repurchase_intervals_match_pandas(shop):
    store, _ = shop
    as_of = date(2026, 10, 23)
    with store.engine.connect() as conn:
        got = repurchase_intervals(conn, scope_of(as_of))
    v = _valid_orders(store, as_of)
    gaps = []
    for _, mine in v.groupby("customer_id"):
        days = sorted(mine["t"].dt.normalize())
        gaps += [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    assert got.count == len(gaps) and sum(got.buckets.values()) == len(gaps)
    assert got.buckets["0"] == sum(g == 0 for g in gaps)
    assert got.buckets["31-60"] == sum(30 < g <= 60 for g in gaps)
    assert got.buckets[">365"] == sum(g > 365 for g in gaps)
    assert got.median_days == pd.Series(gaps).median()


def test_concentration_curve_reaches_the_top20_share():
    spend = pd.Series([100, 100, 50, 30, 20, 0])
    curve = concentration_curve(spend)
    assert curve["spend_share"].iloc[0] == 0 and curve["spend_share"].iloc[-1] == pytest.approx(1.0)
    assert curve.loc[curve["buyers_share"] == 0.2, "spend_share"].iloc[0] == pytest.approx(100 / 300)


def test_product_return_rates_match_pandas(shop):
    store, _ = shop
    as_of = date(2026, 10, 23)
    with store.engine.connect() as conn:
        got = product_table(conn, scope_of(as_of), top=50).set_index("item")
        lines = pd.read_sql("SELECT order_id, title FROM order_lines", conn)
    v = _valid_orders(store, as_of).merge(lines, left_on="id", right_on="order_id")
    counts = v.groupby("customer_id")["id"].nunique()
    firsts = v.sort_values(["t", "id"]).groupby("customer_id").head(1)
    for title, first_buyers in firsts.groupby("title")["customer_id"]:
        row = got.loc[title]
        back = int((counts[first_buyers] >= 2).sum())
        assert (row["first_buyers"], row["came_back"]) == (len(first_buyers), back), title
        assert row["return_rate"] == pytest.approx(back / len(first_buyers))
    assert got["orders"].sum() == v["id"].count()
