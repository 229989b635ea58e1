"""Everything `python main.py analyze` prints, as plain JSON-ready data."""

from __future__ import annotations

from datetime import date

from app.models.db import Store
from app.services.analytics.clv import ClvResult, clv
from app.services.analytics.frame import scope_of
from app.services.analytics.kpis import Period, kpi_report
from app.services.analytics.recompute import analyse
from app.services.analytics.settings import load_metric_settings


def clv_json(result: ClvResult) -> dict:
    if result.bgnbd is None:
        return {"shown": False, "reason": result.reason, "reason_params": result.reason_params or {}}
    preds = result.predictions
    return {
        "shown": True,
        "bgnbd": result.bgnbd.as_json(),
        "gammagamma": result.gammagamma.as_json(),
        "time_unit": "day",
        "money_unit": "fen",
        "customers": len(preds),
        "expected_purchases_365": float(preds["expected_365"].sum()),
        "predicted_value_365_fen": int(preds["value_365_fen"].fillna(0).sum()),
    }


def analyze(store: Store, as_of: date | None = None, period_days: int | None = None) -> dict:
    """KPIs (the period ending on the as-of date and the one before), layers, RFM segments, cut points,
    AIPL and the predicted-value models (or why they are not shown)."""
    settings = load_metric_settings(store)
    with store.engine.connect() as conn:
        analysis = analyse(conn, settings, as_of, frame=False)
        if analysis.empty:
            return {
                "as_of": None,
                "customers": 0,
                "clv": {"shown": False, "reason": "clv_empty_store", "reason_params": {}},
            }
        period = Period.ending(analysis.as_of, period_days or settings.kpi_period_days)
        kpis = kpi_report(conn, period)
        model = clv(conn, scope_of(analysis.as_of), settings)
    return {
        "as_of": analysis.as_of.isoformat(),
        "customers": sum(analysis.layers.values()),  # every known customer is in exactly one layer
        "kpis": kpis.as_json(),
        "layers": analysis.layers,
        "rfm_segments": analysis.segments,
        "aipl": analysis.aipl,
        "cut_points": analysis.cuts.as_json(),
        "rfm_window_days": settings.rfm_window_days,
        "clv": clv_json(model),
    }


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _kpi_lines(kpis: dict, yuan) -> list[str]:
    cur, prev = kpis["current"], kpis["previous"]
    money = ("gmv_fen", "net_sales_fen", "aov_fen", "spend_per_buyer_fen")
    rates = (
        "repurchase_rate",
        "returning_rate",
        "new_repurchase_rate",
        "member_share",
        "top20_share",
        "coupon_redemption_rate",
    )
    lines = [
        f"KPIs {kpis['period'][0]}..{kpis['period'][1]} (previous {kpis['previous_period'][0]}.."
        f"{kpis['previous_period'][1]})"
    ]
    for key in money:
        lines.append(f"  {key[:-4]:<22}{_opt(cur[key], yuan):>16}{_opt(prev[key], yuan):>16}")
    for key in ("orders", "buyers", "new_buyers"):
        lines.append(f"  {key:<22}{cur[key]:>16}{prev[key]:>16}")
    for key in rates:
        lines.append(f"  {key:<22}{_rate(cur[key]):>16}{_rate(prev[key]):>16}")
    return lines


def _opt(fen: int | None, yuan) -> str:
    return "-" if fen is None else yuan(fen)


def print_report(data: dict, yuan) -> None:
    """The plain-text form of `analyze` for the command line (the JSON form carries the same data)."""
    if data["as_of"] is None:
        print(data["clv"].get("message", "no orders"))
        return
    print(f"as of {data['as_of']}, {data['customers']} customers")
    print("\n".join(_kpi_lines(data["kpis"], yuan)))
    print("layers: " + ", ".join(f"{k} {v}" for k, v in data["layers"].items()))
    print("RFM segments: " + ", ".join(f"{k} {v}" for k, v in data["rfm_segments"].items()))
    print("AIPL: " + ", ".join(f"{k} {'no data' if v is None else v}" for k, v in data["aipl"].items()))
    cuts = data["cut_points"]
    print(
        f"cut points (scores 2..5): R <= {cuts['r_max_days']} days, F >= {cuts['f_min_orders']} orders, "
        f"M >= {[yuan(x) for x in cuts['m_min_fen']]}"
    )
    clv = data["clv"]
    if clv["shown"]:
        print("BG/NBD (days): " + ", ".join(f"{k}={v:.4g}" for k, v in clv["bgnbd"].items()))
        print("Gamma-Gamma (fen): " + ", ".join(f"{k}={v:.4g}" for k, v in clv["gammagamma"].items()))
        print(f"predicted 365-day value {yuan(clv['predicted_value_365_fen'])}")
    else:
        print("predicted value not shown: " + clv["message"])
