"""The programme's rules, kept as business settings (the `settings` table) with declared defaults.

A rule change applies to new grants only: a grant stores its points and the net amount they were
computed on, so nothing already granted is recomputed.
"""

from __future__ import annotations

import json
from calendar import monthrange
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, delete, insert, select

from app.models import Setting
from app.models.db import Store

PREFIX = "membership."


@dataclass(frozen=True)
class MembershipRules:
    points_per_yuan: int = 1  # metrics.md: 1 point per yuan of net amount, times the tier multiplier
    points_members_only: bool = True  # earn only while the customer is an enrolled member
    points_expiry: str = "next_year_end"  # next_year_end | days:N | never
    tier_evaluation_day: str = "01-01"  # MM-DD: downgrades happen only when the owner evaluates
    tier_members_only: bool = True
    # 购物金 bonus: [[pay_fen, bonus_fen], ...]; the largest step the top-up reaches applies once
    stored_value_bonus: str = "[[100000, 10000]]"

    def bonus_steps(self) -> list[tuple[int, int]]:
        return sorted((int(a), int(b)) for a, b in json.loads(self.stored_value_bonus))

    def expiry_for(self, granted: datetime) -> datetime | None:
        if self.points_expiry == "never":
            return None
        if self.points_expiry.startswith("days:"):
            return granted + timedelta(days=int(self.points_expiry[5:]))
        return datetime(granted.year + 1, 12, 31, 23, 59, 59)

    def next_evaluation(self, after: date) -> date:
        """The first evaluation day (MM-DD, the 29th of February falls back to the 28th) after `after`."""
        month, day = (int(x) for x in self.tier_evaluation_day.split("-"))
        for year in (after.year, after.year + 1):
            candidate = date(year, month, min(day, monthrange(year, month)[1]))
            if candidate > after:
                return candidate
        raise ValueError(self.tier_evaluation_day)

    def points_for(self, net_fen: int, multiplier_pct: int) -> int:
        return max(0, net_fen) * self.points_per_yuan * multiplier_pct // 10000


DEFAULT_RULES = MembershipRules()
_TYPES = {f.name: type(getattr(DEFAULT_RULES, f.name)) for f in fields(MembershipRules)}


def _decode(name: str, raw: str):
    kind = _TYPES[name]
    if kind is bool:
        return raw == "1"
    return kind(raw)


def rules_on(conn: Connection) -> MembershipRules:
    rows = conn.execute(select(Setting.key, Setting.value).where(Setting.key.startswith(PREFIX))).all()
    values = {k[len(PREFIX) :]: v for k, v in rows if k[len(PREFIX) :] in _TYPES}
    return MembershipRules(**{k: _decode(k, v) for k, v in values.items()})


def load_rules(store: Store) -> MembershipRules:
    with store.engine.connect() as conn:
        return rules_on(conn)


def save_rules(store: Store, **changes) -> MembershipRules:
    """Change some rules; unknown names raise KeyError. Existing grants keep what they were given."""
    unknown = set(changes) - set(_TYPES)
    if unknown:
        raise KeyError(sorted(unknown)[0])
    merged = {**asdict(load_rules(store)), **changes}
    rules = MembershipRules(**merged)
    rules.bonus_steps()  # malformed bonus tables and evaluation days are refused before they are saved
    rules.next_evaluation(date.today())
    with store.engine.begin() as conn:
        for name in changes:
            value = merged[name]
            raw = ("1" if value else "0") if isinstance(value, bool) else str(value)
            conn.execute(delete(Setting).where(Setting.key == PREFIX + name))
            conn.execute(insert(Setting).values(key=PREFIX + name, value=raw))
    return rules
