"""Every *setting* of metrics.md, stored in the store's `settings` table under `metrics.<name>`.

Defaults are declared here; a row exists only once the owner changes a value. Cut-point lists are
"" (automatic) or four comma-separated thresholds, one per score 2, 3, 4 and 5 (see rfm.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy import delete, select

from app.models import Setting
from app.models.db import Store
from app.services.errors import MESSAGES, QT_TRANSLATE_NOOP, ShopError
from app.services.values import BadValue, parse_money

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


def _write(session, name: str, value) -> None:
    if value == getattr(DEFAULTS, name):
        session.execute(delete(Setting).where(Setting.key == PREFIX + name))
    else:
        session.merge(Setting(key=PREFIX + name, value=str(value)))


def save_metric_setting(store: Store, name: str, value) -> MetricSettings:
    """Store one setting (validated); the default value removes the row."""
    if name not in _TYPES:
        raise KeyError(name)
    value = _TYPES[name](value)
    if name.endswith("_cuts"):
        parse_cuts(value)
    with store.session_factory.begin() as s:
        _write(s, name, value)
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


# ---- the analytics settings as the owner edits them (the metric settings dialog, all at once) --------

ANALYTICS_FIELDS = (
    "as_of", "rfm_window_days", "r_cuts", "f_cuts", "m_cuts", "lost_days", "dormant_days", "loyal_orders",
    "loyal_window_days", "active_orders", "aipl_l_orders", "aipl_l_window_days", "clv_min_repeat_customers",
    "clv_min_history_days", "kpi_period_days",
)  # fmt: skip
RANGES = {  # the whole numbers each integer field accepts, both ends included
    "rfm_window_days": (1, 3650),
    "lost_days": (1, 3650),
    "dormant_days": (1, 3650),
    "loyal_orders": (1, 1000),
    "loyal_window_days": (1, 3650),
    "active_orders": (1, 1000),
    "aipl_l_orders": (1, 1000),
    "aipl_l_window_days": (1, 3650),
    "clv_min_repeat_customers": (1, 10_000_000),
    "clv_min_history_days": (1, 3650),
    "kpi_period_days": (1, 3650),
}
DESCENDING_CUTS = ("r_cuts",)  # R: fewer days is better, so the thresholds for scores 2..5 shrink
SETTING_MESSAGES = {
    "setting_range": QT_TRANSLATE_NOOP("Messages", "Enter a whole number from {low} to {high}."),
    "setting_bad_date": QT_TRANSLATE_NOOP("Messages", '"{value}" is not a date (YYYY-MM-DD).'),
    "setting_cuts_count": QT_TRANSLATE_NOOP(
        "Messages", "Enter four numbers separated by commas (for scores 2, 3, 4 and 5), or leave it blank."
    ),
    "setting_cuts_number": QT_TRANSLATE_NOOP("Messages", '"{value}" is not a number of zero or more.'),
    "setting_cuts_descending": QT_TRANSLATE_NOOP(
        "Messages", "The four numbers must get smaller from score 2 to score 5, e.g. 365, 180, 90, 30."
    ),
    "setting_cuts_ascending": QT_TRANSLATE_NOOP(
        "Messages", "The four numbers must get larger from score 2 to score 5, e.g. 2, 3, 4, 6."
    ),
    "setting_dormant_lost": QT_TRANSLATE_NOOP(
        "Messages", "Must be fewer days than the days after which a customer is lost ({lost})."
    ),
}
for _code, _text in SETTING_MESSAGES.items():
    MESSAGES.setdefault(_code, _text)


class SettingInvalid(ShopError):
    """One field the owner entered is not acceptable; `field` names it (a MetricSettings attribute)."""

    def __init__(self, field: str, code: str, **params: object) -> None:
        super().__init__(code, **params)
        self.field = field


def _check_int(name: str, value) -> int:
    low, high = RANGES[name]
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or not low <= int(text) <= high:
        raise SettingInvalid(name, "setting_range", low=low, high=high)
    return int(text)


def _cut_numbers(name: str, parts: list[str], to_number: Callable[[str], int | None]) -> tuple[int, ...]:
    if len(parts) != 4:
        raise SettingInvalid(name, "setting_cuts_count")
    numbers = []
    for part in parts:
        try:
            n = to_number(part)
        except (ValueError, BadValue):
            n = None
        if n is None or n < 0:
            raise SettingInvalid(name, "setting_cuts_number", value=part)
        numbers.append(n)
    pairs = list(zip(numbers, numbers[1:], strict=False))
    if name in DESCENDING_CUTS and not all(a > b for a, b in pairs):
        raise SettingInvalid(name, "setting_cuts_descending")
    if name not in DESCENDING_CUTS and not all(a < b for a, b in pairs):
        raise SettingInvalid(name, "setting_cuts_ascending")
    return tuple(numbers)


def _split(text: str) -> list[str]:
    return [p.strip() for p in str(text).replace("，", ",").split(",")]


def _check_cuts(name: str, text: str) -> str:
    """Blank stays automatic (F has no automatic cut points: blank restores its default)."""
    if not str(text).strip():
        return DEFAULTS.f_cuts if name == "f_cuts" else ""
    return ",".join(map(str, _cut_numbers(name, _split(text), lambda p: int(p) if p.isdigit() else None)))


def cuts_from_yuan(text: str) -> str:
    """M cut points typed in yuan ("100, 299.5, ...") as the stored fen text; "" stays automatic."""
    if not text.strip():
        return ""
    return ",".join(map(str, _cut_numbers("m_cuts", _split(text), parse_money)))


def cuts_in_yuan(fen_text: str) -> str:
    """Stored fen cut points as the yuan the owner reads ("100, 299.50")."""
    cuts = parse_cuts(fen_text)
    return "" if cuts is None else ", ".join(yuan_text(c) for c in cuts)


def yuan_text(fen: int) -> str:
    return f"{fen // 100}" if fen % 100 == 0 else f"{fen // 100}.{fen % 100:02d}"


def _check_date(text: str) -> str:
    text = str(text).strip()
    try:
        return date.fromisoformat(text).isoformat() if text else ""
    except ValueError:
        raise SettingInvalid("as_of", "setting_bad_date", value=text) from None


def check_metric_settings(current: MetricSettings, changes: dict) -> MetricSettings:
    """The settings with `changes` applied, every field checked; raises SettingInvalid naming the first
    field that is not acceptable. Only the analytics fields may be changed here."""
    clean = {}
    for name, value in changes.items():
        if name not in ANALYTICS_FIELDS:
            raise KeyError(name)
        if name == "as_of":
            clean[name] = _check_date(value)
        elif name.endswith("_cuts"):
            clean[name] = _check_cuts(name, value)
        else:
            clean[name] = _check_int(name, value)
    result = replace(current, **clean)
    if result.dormant_days >= result.lost_days:
        raise SettingInvalid("dormant_days", "setting_dormant_lost", lost=result.lost_days)
    return result


def save_metric_settings(store: Store, changes: dict) -> MetricSettings:
    """Check every change, then store them all in one transaction (nothing is stored when one is bad)."""
    settings = check_metric_settings(load_metric_settings(store), changes)
    with store.session_factory.begin() as s:
        for name in changes:
            _write(s, name, getattr(settings, name))
    return load_metric_settings(store)


@dataclass(frozen=True)
class AppliedSettings:
    settings: MetricSettings
    analysis: object  # recompute.Analysis: the counts under the new settings


def apply_metric_settings(store: Store, changes: dict, progress: Callable | None = None) -> AppliedSettings:
    """Save the owner's changes, then recompute every customer's scores under them (progress stages
    "save" and "recompute")."""
    from app.services.analytics.recompute import recompute_scores  # recompute imports this module

    report = progress or (lambda done, total, stage="": None)
    report(0, 2, "save")
    settings = save_metric_settings(store, changes)
    report(1, 2, "recompute")
    analysis = recompute_scores(store)
    report(2, 2, "recompute")
    return AppliedSettings(settings, analysis)
