"""What the dashboard, the segments page and the customer panel show, gathered in one call each.

Reads the stored scores (customer_scores, see recompute.py) where it can, so a page opens in the time of a
few GROUP BYs; the period figures come from kpis.py and the charts' series from the orders in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import Connection, text

from app.models.db import Store
from app.services.analytics.aipl import aipl_counts, stages_with_lists
from app.services.analytics.clv import gate_reason, purchase_summary
from app.services.analytics.cohorts import (
    Intervals,
    cohort_retention,
    concentration_curve,
    repurchase_intervals,
    valid_order_days,
)
from app.services.analytics.frame import fetch_frame, latest_order_date, resolve_as_of, scope_of
from app.services.analytics.kpis import KpiReport, Period, kpi_report
from app.services.analytics.layers import LAYERS
from app.services.analytics.products import product_table
from app.services.analytics.rfm import SEGMENTS, CutPoints, quintile_cuts
from app.services.analytics.settings import MetricSettings, load_metric_settings, parse_cuts, read_meta
from app.services.errors import MESSAGES, QT_TRANSLATE_NOOP

PANEL_MESSAGES = {
    "clv_not_scored": QT_TRANSLATE_NOOP("Messages", "Scores are computed after the next import."),
    "clv_not_computed": QT_TRANSLATE_NOOP("Messages", "Predicted value is being computed…"),
    "clv_no_order": QT_TRANSLATE_NOOP("Messages", "No predicted value: this customer has no valid order."),
}
for _code, _text in PANEL_MESSAGES.items():
    MESSAGES.setdefault(_code, _text)

PERIOD_PRESETS = ("7", "30", "90", "365", "month")
COHORT_MONTHS = 12
_BUYER_DAYS = """
SELECT substr(o.order_time, 1, 10) AS d, o.customer_id AS cid, substr(c.first_order_at, 1, 10) AS first,
       SUM(o.net_fen) AS net
FROM orders o JOIN customers c ON c.id = o.customer_id
WHERE o.is_valid AND o.order_time >= :start AND o.order_time < :end GROUP BY 1, 2
"""
_SCORE_COUNTS = "SELECT layer, rfm_segment, aipl, COUNT(*) FROM customer_scores GROUP BY 1, 2, 3"
_DISTINCT = "SELECT DISTINCT {expr} FROM customer_scores WHERE f_orders > 0"


def period_for(preset: str, as_of: date) -> Period:
    """A preset of the period selector ("7", "30", "90", "365" days or "month") ending on the as-of date."""
    if preset == "month":
        return Period(as_of.replace(day=1), as_of)
    return Period.ending(as_of, int(preset))


@dataclass(frozen=True)
class PeriodView:
    """What depends on the chosen period: the KPI cards and the charts over time."""

    as_of: date | None
    report: KpiReport | None
    preset: str  # the preset shown; the default period setting's day count when none was asked for
    trend: pd.DataFrame  # index bucket start; net_fen, new_buyers, returning_buyers
    bucket: str  # "day" | "week" | "month"
    curve: pd.DataFrame  # buyers_share, spend_share over the period's buyers


@dataclass(frozen=True)
class ShopView:
    """What depends only on the data as of the as-of date (slower at 500k orders: cohorts, items)."""

    layers: dict[str, int]
    segments: dict[str, int]
    cohorts: pd.DataFrame  # see cohorts.cohort_retention (the last COHORT_MONTHS cohorts)
    products: pd.DataFrame  # see products.product_table
    aipl: dict[str, int | None]  # stored AIPL stages; A and I None ("no data") without a list of their kind
    intervals: Intervals | None  # days between consecutive valid orders, all history up to as-of


def latest_as_of(store: Store) -> date | None:
    settings = load_metric_settings(store)
    with store.engine.connect() as conn:
        return resolve_as_of(conn, settings)


def _bucket_of(days: int) -> str:
    return "day" if days <= 92 else "week" if days <= 400 else "month"


def _bucket_start(days: pd.Series, bucket: str) -> pd.Series:
    if bucket == "day":
        return days
    if bucket == "week":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    return days.dt.to_period("M").dt.to_timestamp()


def trend_series(conn: Connection, period: Period) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """Per bucket: net sales, new buyers (first valid order in that bucket) and returning buyers; and the
    period's net spend per buyer."""
    rows = fetch_frame(conn, _BUYER_DAYS, period.bounds())
    bucket = _bucket_of(period.days)
    edges = pd.date_range(period.start, period.end, freq="D")
    index = pd.Index(_bucket_start(pd.Series(edges), bucket).unique(), name="bucket")
    if rows.empty:
        empty = pd.DataFrame(0, index=index, columns=["net_fen", "new_buyers", "returning_buyers"])
        return empty, pd.Series(dtype="int64"), bucket
    rows["b"] = _bucket_start(pd.to_datetime(rows["d"], format="%Y-%m-%d"), bucket)
    first = pd.to_datetime(rows["first"], format="%Y-%m-%d", errors="coerce")
    rows["new"] = _bucket_start(first, bucket) == rows["b"]
    buyers = rows.drop_duplicates(["b", "cid"])
    out = pd.DataFrame(
        {
            "net_fen": rows.groupby("b")["net"].sum(),
            "new_buyers": buyers[buyers["new"]].groupby("b").size(),
            "returning_buyers": buyers[~buyers["new"]].groupby("b").size(),
        }
    )
    out = out.reindex(index).fillna(0).astype("int64")
    return out, rows.groupby("cid")["net"].sum(), bucket


def score_counts(conn: Connection) -> tuple[dict[str, int], dict[str, int], dict[str, int | None]]:
    """Customers per lifecycle layer, RFM segment and AIPL stage, as stored by the last recompute."""
    layers, segments, stages = dict.fromkeys(LAYERS, 0), dict.fromkeys(SEGMENTS, 0), {}
    for layer, segment, stage, n in conn.execute(text(_SCORE_COUNTS)):
        if layer in layers:
            layers[layer] += n
        if segment in segments:
            segments[segment] += n
        stages[stage] = stages.get(stage, 0) + n
    return layers, segments, aipl_counts(stages, stages_with_lists(conn))


def period_view(store: Store, preset: str | None = "30", custom: Period | None = None) -> PeriodView:
    """KPIs and trends for a preset period (or a custom one) ending on the as-of date; preset None is the
    owner's default period (the kpi_period_days setting)."""
    settings = load_metric_settings(store)
    preset = preset or str(settings.kpi_period_days)
    with store.engine.connect() as conn:
        as_of = resolve_as_of(conn, settings)
        if as_of is None:
            return PeriodView(None, None, preset, pd.DataFrame(), "day", pd.DataFrame())
        period = custom or period_for(preset, as_of)
        trend, spend, bucket = trend_series(conn, period)
        return PeriodView(as_of, kpi_report(conn, period), preset, trend, bucket, concentration_curve(spend))


def shop_view(store: Store) -> ShopView:
    """Layer and segment sizes (stored scores), recent cohorts and the top items, as of the as-of date."""
    with store.engine.connect() as conn:
        as_of = resolve_as_of(conn, load_metric_settings(store))
        layers, segments, aipl = score_counts(conn)
        if as_of is None:
            return ShopView(layers, segments, pd.DataFrame(columns=["size"]), pd.DataFrame(), aipl, None)
        scope = scope_of(as_of)
        days = valid_order_days(conn, scope)
        cohorts = cohort_retention(conn, scope, days).tail(COHORT_MONTHS)
        products = product_table(conn, scope, top=10)
        return ShopView(layers, segments, cohorts, products, aipl, repurchase_intervals(conn, scope, days))


# ---- the stored scores of one customer, explained ----------------------------------------------------


def scored_date(store: Store) -> date | None:
    value = read_meta(store, "scored_as_of")
    return date.fromisoformat(value) if value else None


def _distinct(conn: Connection, expr: str, params: dict) -> np.ndarray:
    return np.asarray(conn.execute(text(_DISTINCT.format(expr=expr)), params).scalars().all(), dtype="int64")


def stored_cut_points(conn: Connection, settings: MetricSettings, as_of: date) -> CutPoints:
    """The cut points of the last recompute, rebuilt from the stored R and M values (the same distinct
    values rfm.cut_points reads from tmp_figures, so the thresholds are the same)."""
    r_manual, m_manual = parse_cuts(settings.r_cuts), parse_cuts(settings.m_cuts)
    r_expr = "CAST(julianday(:as_of) - julianday(last_day) AS INTEGER)"
    r = r_manual or quintile_cuts(_distinct(conn, r_expr, {"as_of": as_of.isoformat()}), False)
    m = m_manual or quintile_cuts(_distinct(conn, "m_fen", {}), True)
    return CutPoints(r, parse_cuts(settings.f_cuts), m, r_manual is None, m_manual is None)


def current_cut_points(store: Store) -> CutPoints | None:
    as_of = scored_date(store)
    if as_of is None:
        return None
    with store.engine.connect() as conn:
        return stored_cut_points(conn, load_metric_settings(store), as_of)


@dataclass(frozen=True)
class SettingsView:
    """What the metric settings dialog shows: the settings, the latest order's date (the automatic as-of
    date) and the automatic R and M cut points of the last recompute."""

    settings: MetricSettings
    latest_order: date | None
    auto_cuts: CutPoints | None


def settings_view(store: Store) -> SettingsView:
    with store.engine.connect() as conn:
        latest = latest_order_date(conn)
    return SettingsView(load_metric_settings(store), latest, automatic_cut_points(store))


def automatic_cut_points(store: Store) -> CutPoints | None:
    """What "automatic" R and M cut points are for the last recompute's values, even where the owner set
    their own (the metric settings dialog shows them beside the fields); None before the first recompute."""
    as_of = scored_date(store)
    if as_of is None:
        return None
    auto = replace(load_metric_settings(store), r_cuts="", m_cuts="")
    with store.engine.connect() as conn:
        return stored_cut_points(conn, auto, as_of)


@dataclass(frozen=True)
class CustomerScores:
    as_of: date | None
    layer: str  # "" when the customer was not scored yet
    segment: str
    r_days: int | None
    f_orders: int
    m_fen: int
    scores: tuple[int | None, int | None, int | None]
    cuts: CutPoints | None
    rfm_window_days: int
    p_alive: float | None
    expected_365: float | None
    value_365_fen: int | None
    reason: str | None  # why there is no predicted value (a message code), None when there is one
    reason_params: dict


_ONE = """
SELECT layer, rfm_segment, CAST(julianday(:as_of) - julianday(last_day) AS INTEGER), f_orders, m_fen,
       r_score, f_score, m_score, p_alive, expected_365, value_365_fen
FROM customer_scores WHERE customer_id = :cid
"""
_gate_cache: dict[tuple, tuple[str | None, dict]] = {}


def _gate(conn: Connection, store: Store, settings: MetricSettings, as_of: date) -> tuple[str, dict]:
    """Why a customer has no predicted value (the shop-wide gate is cached: it reads every order)."""
    if read_meta(store, "predicted_as_of"):
        return "clv_no_order", {}
    key = (str(store.path), as_of, settings)
    if key not in _gate_cache:
        summary = purchase_summary(conn, scope_of(as_of))
        history = int(summary["T"].max()) if not summary.empty else 0
        reason = gate_reason(summary, history, settings)
        _gate_cache[key] = reason or ("clv_not_computed", {})
    return _gate_cache[key]


def customer_scores(store: Store, customer_id: int) -> CustomerScores:
    """One customer's layer, RFM values and scores with the cut points, and predicted value or why not."""
    settings = load_metric_settings(store)
    as_of = scored_date(store)
    with store.engine.connect() as conn:
        row = None
        if as_of is not None:
            row = conn.execute(text(_ONE), {"as_of": as_of.isoformat(), "cid": customer_id}).first()
        if row is None:
            return CustomerScores(
                as_of, "", "", None, 0, 0, (None, None, None), None, settings.rfm_window_days,
                None, None, None, "clv_not_scored", {},
            )  # fmt: skip
        cuts = stored_cut_points(conn, settings, as_of)
        reason, params = (None, {}) if row[10] is not None else _gate(conn, store, settings, as_of)
    return CustomerScores(
        as_of, row[0], row[1], row[2], int(row[3] or 0), int(row[4] or 0), (row[5], row[6], row[7]), cuts,
        settings.rfm_window_days, row[8], row[9], None if row[10] is None else int(row[10]), reason, params,
    )  # fmt: skip
