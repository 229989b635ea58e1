"""KPIs for any period, with the previous period of equal length beside them (metrics.md "KPIs").

A period is a range of calendar days, both ends included. Money is integer fen; a rate is None when its
denominator is zero.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Connection, text

from app.services.analytics.frame import fetch_frame

# One row per customer and period (0 = this one, 1 = the previous, 2 = the one before), aggregated in SQL.
_AGGREGATES = """
SELECT a.*, c.is_member AS member, c.first_order_at AS first_at FROM (
  SELECT customer_id AS cid,
         CASE WHEN order_time >= :p0 THEN 0 WHEN order_time >= :p1 THEN 1 ELSE 2 END AS period,
         SUM(CASE WHEN status IN ('paid', 'completed') THEN paid_fen ELSE 0 END) AS gmv,
         SUM(CASE WHEN status IN ('paid', 'completed') THEN refund_fen ELSE 0 END) AS refund,
         SUM(CASE WHEN is_valid THEN 1 ELSE 0 END) AS n,
         SUM(CASE WHEN is_valid THEN net_fen ELSE 0 END) AS net
  FROM orders WHERE order_time >= :start AND order_time < :end GROUP BY customer_id, period
) a LEFT JOIN customers c ON c.id = a.cid
"""
_COUPONS = """
SELECT COUNT(*), SUM(CASE WHEN redeemed_at IS NOT NULL OR redeemed_order_id IS NOT NULL THEN 1 ELSE 0 END)
FROM coupons WHERE issued_at >= :start AND issued_at < :end
"""


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # included

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def bounds(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": (self.end + timedelta(days=1)).isoformat()}

    @classmethod
    def ending(cls, last_day: date, days: int) -> Period:
        return cls(last_day - timedelta(days=days - 1), last_day)


@dataclass(frozen=True)
class Kpis:
    gmv_fen: int
    refund_fen: int
    net_sales_fen: int
    orders: int
    buyers: int
    aov_fen: int | None
    spend_per_buyer_fen: int | None
    repurchase_rate: float | None
    returning_rate: float | None
    new_buyers: int
    new_repurchase_rate: float | None
    member_share: float | None
    member_aov_ratio: float | None
    top20_share: float | None
    coupons_issued: int
    coupon_redemption_rate: float | None

    def as_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class KpiReport:
    period: Period
    current: Kpis
    previous: Kpis

    def as_json(self) -> dict:
        p, q = self.period, self.period.previous()
        return {
            "period": [p.start.isoformat(), p.end.isoformat()],
            "previous_period": [q.start.isoformat(), q.end.isoformat()],
            "current": self.current.as_json(),
            "previous": self.previous.as_json(),
        }


def _ratio(num: float, den: float) -> float | None:
    return None if den == 0 else num / den


def _fen_ratio(num: int, den: int) -> int | None:
    return None if den == 0 else int(math.floor(num / den + 0.5))


def _period_params(period: Period) -> dict[str, str]:
    prev, before = period.previous(), period.previous().previous()
    return {
        "p0": period.bounds()["start"],
        "p1": prev.bounds()["start"],
        "start": before.bounds()["start"],
        "end": period.bounds()["end"],
    }


def period_aggregates(conn: Connection, period: Period) -> pd.DataFrame:
    """Per customer (cid None for orders without one) and period 0/1/2: gmv, refund, n (valid orders), net
    (their net), member, first_at (first valid order ever)."""
    df = fetch_frame(conn, _AGGREGATES, _period_params(period))
    df["member"] = df["member"].fillna(False).astype(bool)
    return df


def top_share(spend: pd.Series, total: int, share: float = 0.2) -> float | None:
    """Net sales of the top ceil(share × buyers) buyers by spend ÷ net sales (ties cannot change it)."""
    if spend.empty or total == 0:
        return None
    k = math.ceil(len(spend) * share)
    return float(spend.sort_values(ascending=False).iloc[:k].sum() / total)


def _member_ratio(agg: pd.DataFrame, net: int) -> tuple[float | None, float | None]:
    mem, non = agg[agg["member"]], agg[~agg["member"]]
    mem_aov = _ratio(mem["net"].sum(), mem["n"].sum())
    non_aov = _ratio(non["net"].sum(), non["n"].sum())
    ratio = None if mem_aov is None or not non_aov else mem_aov / non_aov
    return _ratio(mem["net"].sum(), net), ratio


def compute_kpis(agg: pd.DataFrame, period: Period, prev_buyers: set, coupons: tuple[int, int]) -> Kpis:
    """The KPIs of one period from its per-customer aggregates (see period_aggregates)."""
    gmv, refund = int(agg["gmv"].sum()), int(agg["refund"].sum())
    net, orders = gmv - refund, int(agg["n"].sum())
    per_buyer = agg[(agg["n"] > 0) & agg["cid"].notna()].set_index("cid")
    buyers = len(per_buyer)
    first = per_buyer["first_at"].astype("string").str.slice(0, 10)
    new = per_buyer[first >= period.start.isoformat()]
    member_share, member_ratio = _member_ratio(agg, net)
    issued, redeemed = coupons
    return Kpis(
        gmv_fen=gmv,
        refund_fen=refund,
        net_sales_fen=net,
        orders=orders,
        buyers=buyers,
        aov_fen=_fen_ratio(net, orders),
        spend_per_buyer_fen=_fen_ratio(net, buyers),
        repurchase_rate=_ratio(int((per_buyer["n"] >= 2).sum()), buyers),
        returning_rate=_ratio(len(prev_buyers & set(per_buyer.index)), len(prev_buyers)),
        new_buyers=len(new),
        new_repurchase_rate=_ratio(int((new["n"] >= 2).sum()), len(new)),
        member_share=member_share,
        member_aov_ratio=member_ratio,
        top20_share=top_share(per_buyer["net"], net),
        coupons_issued=issued,
        coupon_redemption_rate=_ratio(redeemed, issued),
    )


def _buyers(agg: pd.DataFrame) -> set:
    return set(agg.loc[(agg["n"] > 0) & agg["cid"].notna(), "cid"])


def _coupons(conn: Connection, period: Period) -> tuple[int, int]:
    issued, redeemed = conn.execute(text(_COUPONS), period.bounds()).one()
    return int(issued or 0), int(redeemed or 0)


def kpi_report(conn: Connection, period: Period) -> KpiReport:
    """This period's KPIs and the previous period's (whose returning rate looks one more period back)."""
    return _report(conn, period, period_aggregates(conn, period))


def _report(conn: Connection, period: Period, agg: pd.DataFrame) -> KpiReport:
    cur, prev, before = (agg[agg["period"] == k] for k in (0, 1, 2))
    return KpiReport(
        period,
        compute_kpis(cur, period, _buyers(prev), _coupons(conn, period)),
        compute_kpis(prev, period.previous(), _buyers(before), _coupons(conn, period.previous())),
    )
