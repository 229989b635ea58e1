"""Every *setting* of metrics.md, stored in the store's `settings` table under `metrics.<name>`.

Defaults are declared here; a row exists only once the owner changes a value. Cut-point lists are
"" (automatic) or four comma-separated thresholds, one per score 2, 3, 4 and 5 (see rfm.py).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from sqlalchemy import delete, select

from app.models import Setting
from app.models.db import Store

PREFIX = "metrics."


@dataclass(frozen=True)
class MetricSettings:
    as_of: str = ""  # YYYY-MM-DD; "" = the date of the latest order in the store
    rfm_window_days: int = 365
    r_cuts: str = ""  # days: R <= t gets at least score 2, 3, 4, 5; "" = quintiles of distinct values
    f_cuts: str = "2,3,4,6"  # orders: F >= t gets at least score 2, 3, 4, 5
    m_cuts: str = ""  # fen: M >= t gets at least score 2, 3, 4, 5; "" = quintiles of distinct values
    lost_days: int = 180  # lost: last valid order more than this many days before as-of
    dormant_days: int = 90  # dormant: more than this and at most lost_days
    loyal_orders: int = 4
    loyal_window_days: int = 365
    active_orders: int = 2
    aipl_l_orders: int = 2
    aipl_l_window_days: int = 365
    clv_min_repeat_customers: int = 200
    clv_min_history_days: int = 180
    kpi_period_days: int = 30
    # Membership, points and campaigns (metrics.md); used by those services, declared here with the rest.
    tier_window_days: int = 365
    tier_downgrade_date: str = "01-01"  # MM-DD
    points_per_yuan: int = 1
    points_expiry: str = "end_of_next_year"
    campaign_holdout_pct: int = 10
    contact_cap_campaigns: int = 2
    contact_cap_days: int = 30


DEFAULTS = MetricSettings()
_TYPES = {f.name: type(getattr(DEFAULTS, f.name)) for f in fields(MetricSettings)}


def _decode(name: str, raw: str):
    return int(raw) if _TYPES[name] is int else raw


def load_metric_settings(store: Store) -> MetricSettings:
    keys = [PREFIX + k for k in _TYPES]
    with store.session_factory() as s:
        rows = s.execute(select(Setting.key, Setting.value).where(Setting.key.in_(keys))).all()
    return replace(DEFAULTS, **{k[len(PREFIX) :]: _decode(k[len(PREFIX) :], v) for k, v in rows})


def save_metric_setting(store: Store, name: str, value) -> MetricSettings:
    """Store one setting (validated); the default value removes the row."""
    if name not in _TYPES:
        raise KeyError(name)
    value = _TYPES[name](value)
    if name.endswith("_cuts"):
        parse_cuts(value)
    with store.session_factory.begin() as s:
        if value == getattr(DEFAULTS, name):
            s.execute(delete(Setting).where(Setting.key == PREFIX + name))
        else:
            s.merge(Setting(key=PREFIX + name, value=str(value)))
    return load_metric_settings(store)


def parse_cuts(text: str) -> tuple[int, ...] | None:
    """ "" -> None (automatic); else exactly four integers."""
    if not text.strip():
        return None
    cuts = tuple(int(x) for x in text.split(","))
    if len(cuts) != 4:
        raise ValueError("four cut points expected")
    return cuts


def read_meta(store: Store, key: str) -> str | None:
    with store.session_factory() as s:
        return s.execute(select(Setting.value).where(Setting.key == "analytics." + key)).scalar_one_or_none()


def write_meta(conn, key: str, value: str) -> None:
    """Bookkeeping the analytics keep for themselves (not owner settings), inside the caller's transaction."""
    conn.execute(delete(Setting).where(Setting.key == "analytics." + key))
    conn.execute(Setting.__table__.insert(), {"key": "analytics." + key, "value": value})
