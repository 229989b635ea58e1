"""Predicted value: BG/NBD (Fader, Hardie & Lee 2005) and Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and
CLV") fitted by maximum likelihood with numpy/scipy, time in days, money in fen.

Per customer: frequency x = distinct purchase days - 1, recency t_x = days from the first to the last
purchase day, T = days from the first purchase day to the as-of date, monetary = mean net value of the
repeat purchase days. Parameters are optimised on the log scale with L-BFGS-B; identical (x, t_x, T)
rows are fitted once with a weight, which keeps 150k customers fast.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1
from sqlalchemy import Connection

from app.services.analytics import messages as _messages  # noqa: F401  (registers the reason codes)
from app.services.analytics.frame import Scope, fetch_frame
from app.services.analytics.settings import MetricSettings

_DAYS = """
SELECT customer_id AS cid, substr(order_time, 1, 10) AS d, SUM(net_fen) AS net
FROM orders WHERE is_valid AND customer_id IS NOT NULL AND order_time < :end
GROUP BY customer_id, substr(order_time, 1, 10)
"""
LOG_BOUNDS = (-12.0, 12.0)


@dataclass(frozen=True)
class BgNbd:
    r: float
    alpha: float
    a: float
    b: float

    def as_json(self) -> dict:
        return {"r": self.r, "alpha": self.alpha, "a": self.a, "b": self.b}


@dataclass(frozen=True)
class GammaGamma:
    p: float
    q: float
    gamma: float

    def as_json(self) -> dict:
        return {"p": self.p, "q": self.q, "gamma": self.gamma}


@dataclass(frozen=True)
class ClvResult:
    """Either the fitted models and per-customer predictions, or why they are not shown."""

    bgnbd: BgNbd | None
    gammagamma: GammaGamma | None
    predictions: pd.DataFrame | None  # index cid: p_alive, expected_90, expected_365, value_365_fen
    reason: str | None = None
    reason_params: dict | None = None


# ---- the per-customer summary ------------------------------------------------------------------


def purchase_summary(conn: Connection, scope: Scope) -> pd.DataFrame:
    """frequency, recency, T, monetary (fen, NaN without repeat days) per customer with a valid order."""
    days = fetch_frame(conn, _DAYS, {"end": scope.end})
    if days.empty:
        return pd.DataFrame(columns=["frequency", "recency", "T", "monetary"])
    days["d"] = (pd.Timestamp(scope.as_of) - pd.to_datetime(days["d"], format="%Y-%m-%d")).dt.days
    days = days.sort_values(["cid", "d"], ascending=[True, False])  # oldest day first within a customer
    g = days.groupby("cid")
    first_age, last_age, n = g["d"].max(), g["d"].min(), g["d"].size()
    first_net = g["net"].first()
    repeat_net = g["net"].sum() - first_net
    freq = n - 1
    return pd.DataFrame(
        {
            "frequency": freq,
            "recency": first_age - last_age,
            "T": first_age,
            "monetary": (repeat_net / freq.where(freq > 0)).astype(float),
        }
    )


def gate_reason(
    summary: pd.DataFrame, history_days: int, settings: MetricSettings
) -> tuple[str, dict] | None:
    """Why predicted value is not shown (metrics.md data gate), or None when it may be."""
    if summary.empty:
        return "clv_empty_store", {}
    repeaters = int((summary["frequency"] > 0).sum())
    if repeaters < settings.clv_min_repeat_customers:
        return "clv_too_few_repeat", {"need": settings.clv_min_repeat_customers, "have": repeaters}
    if history_days < settings.clv_min_history_days:
        return "clv_short_history", {"need": settings.clv_min_history_days, "have": history_days}
    return None


# ---- BG/NBD ------------------------------------------------------------------------------------


def bgnbd_loglik(params: BgNbd, x: np.ndarray, t_x: np.ndarray, T: np.ndarray, by_x=None) -> np.ndarray:
    """Each customer's log-likelihood (Fader, Hardie & Lee 2005, eq. 6). The special functions depend on x
    alone, so they are evaluated once per distinct x (`by_x` = np.unique(x, return_inverse=True))."""
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    ux, inv = by_x if by_x is not None else np.unique(x, return_inverse=True)
    a12 = (gammaln(r + ux) - gammaln(r) + betaln(a, b + ux) - betaln(a, b))[inv] + r * np.log(alpha)
    with np.errstate(divide="ignore", invalid="ignore"):
        head4 = np.where(ux > 0, np.log(a) - np.log(np.maximum(b + ux - 1, 1e-300)), -np.inf)[inv]
    a3 = -(r + x) * np.log(alpha + T)
    a4 = head4 - (r + x) * np.log(alpha + t_x)
    return a12 + np.logaddexp(a3, a4)


def _compress(*cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    rows, counts = np.unique(np.column_stack(cols), axis=0, return_counts=True)
    return rows, counts.astype(float)


def _fit(neg_ll, start: np.ndarray) -> np.ndarray:
    res = minimize(neg_ll, start, method="L-BFGS-B", bounds=[LOG_BOUNDS] * len(start))
    if not np.all(np.isfinite(res.x)) or not np.isfinite(res.fun):
        raise FloatingPointError(res.message)
    return np.exp(res.x)


def fit_bgnbd(x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> BgNbd:
    rows, w = _compress(x, t_x, T)
    xs, txs, Ts = rows[:, 0], rows[:, 1], rows[:, 2]
    total, by_x = w.sum(), np.unique(xs, return_inverse=True)

    def neg_ll(log_p: np.ndarray) -> float:
        return -float(np.dot(w, bgnbd_loglik(BgNbd(*np.exp(log_p)), xs, txs, Ts, by_x))) / total

    start = np.log([1.0, max(float(np.average(Ts, weights=w)), 1.0), 1.0, 1.0])
    return BgNbd(*map(float, _fit(neg_ll, start)))


def p_alive(m: BgNbd, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        log_odds = (
            np.log(m.a)
            - np.log(np.maximum(m.b + x - 1, 1e-300))
            + (m.r + x) * (np.log(m.alpha + T) - np.log(m.alpha + t_x))
        )
    return np.where(x > 0, 1.0 / (1.0 + np.exp(log_odds)), 1.0)


def expected_purchases(m: BgNbd, t: float, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    """E[purchases in the next t days | x, t_x, T] (Fader, Hardie & Lee 2005, eq. 10)."""
    r, alpha, a, b = m.r, m.alpha, m.a, m.b
    z = t / (alpha + T + t)
    head = (a + b + x - 1) / (a - 1)
    tail = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z)
    return head * tail * p_alive(m, x, t_x, T)


# ---- Gamma-Gamma -------------------------------------------------------------------------------


def gamma_gamma_loglik(params: GammaGamma, x: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Each repeat customer's log-likelihood of their mean spend m over x transactions."""
    p, q, g = params.p, params.q, params.gamma
    px = p * x
    return (
        gammaln(px + q)
        - gammaln(px)
        - gammaln(q)
        + q * np.log(g)
        + (px - 1) * np.log(m)
        + px * np.log(x)
        - (px + q) * np.log(g + m * x)
    )


def fit_gamma_gamma(x: np.ndarray, m: np.ndarray) -> GammaGamma:
    keep = (x > 0) & (m > 0)
    x, m = x[keep].astype(float), m[keep].astype(float)

    def neg_ll(log_p: np.ndarray) -> float:
        return -float(gamma_gamma_loglik(GammaGamma(*np.exp(log_p)), x, m).mean())

    return GammaGamma(*map(float, _fit(neg_ll, np.log([1.0, 1.0, float(np.mean(m))]))))


def expected_spend(g: GammaGamma, x: np.ndarray, m: np.ndarray) -> np.ndarray:
    """E[mean spend per purchase | x, m]; customers without repeat purchases get the population mean."""
    population = g.p * g.gamma / (g.q - 1) if g.q > 1 else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        cond = (g.gamma + m * x) * g.p / (g.p * x + g.q - 1)
    return np.where((x > 0) & np.isfinite(m), cond, population)


# ---- the whole thing ---------------------------------------------------------------------------


def predict(summary: pd.DataFrame, bg: BgNbd, gg: GammaGamma) -> pd.DataFrame:
    x, t_x, T = (summary[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    e365 = expected_purchases(bg, 365.0, x, t_x, T)
    spend = expected_spend(gg, x, summary["monetary"].to_numpy(dtype=float))
    value = np.rint(e365 * spend)
    return pd.DataFrame(
        {
            "p_alive": p_alive(bg, x, t_x, T),
            "expected_90": expected_purchases(bg, 90.0, x, t_x, T),
            "expected_365": e365,
            "value_365_fen": pd.array(np.where(np.isfinite(value), value, np.nan), dtype="Int64"),
        },
        index=summary.index,
    )


def clv(conn: Connection, scope: Scope, settings: MetricSettings) -> ClvResult:
    summary = purchase_summary(conn, scope)
    history = int(summary["T"].max()) if not summary.empty else 0
    reason = gate_reason(summary, history, settings)
    if reason is not None:
        return ClvResult(None, None, None, *reason)
    try:
        bg = fit_bgnbd(*(summary[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T")))
        rep = summary[summary["frequency"] > 0]
        gg = fit_gamma_gamma(rep["frequency"].to_numpy(dtype=float), rep["monetary"].to_numpy(dtype=float))
    except (FloatingPointError, ValueError) as exc:
        return ClvResult(None, None, None, "clv_fit_failed", {"detail": str(exc)})
    return ClvResult(bg, gg, predict(summary, bg, gg))
