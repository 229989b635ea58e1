"""Pure tier arithmetic (no database): what a customer's orders qualify for, at a time or at best.

A level is reached by net spend or valid-order count, in a rolling window or over the lifetime.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class TierSpec:
    id: int | None
    rank: int
    name: str
    basis: str = "spend"  # spend | orders
    threshold: int = 0  # fen for spend, a count for orders
    keep_threshold: int | None = None  # 保级: None = the threshold itself
    window_days: int | None = 365  # None = lifetime
    discount_pct: int = 100  # 95 = 95折
    points_multiplier_pct: int = 100
    benefits: str = ""

    @property
    def keep(self) -> int:
        return self.threshold if self.keep_threshold is None else self.keep_threshold


@dataclass(frozen=True)
class Purchases:
    """One customer's valid orders, sorted by time, with running totals."""

    times: tuple[datetime, ...]
    cumulative_fen: tuple[int, ...]  # cumulative_fen[i] = net of the first i orders

    @classmethod
    def of(cls, orders: list[tuple[datetime, int]]) -> Purchases:
        orders = sorted(orders)
        cum = [0]
        for _, net in orders:
            cum.append(cum[-1] + net)
        return cls(tuple(t for t, _ in orders), tuple(cum))

    def measure(self, tier: TierSpec, at: datetime) -> int:
        """The tier's figure (fen or count) over its window ending at `at` (inclusive)."""
        end = bisect_right(self.times, at)
        start = (
            0 if tier.window_days is None else bisect_right(self.times, at - timedelta(days=tier.window_days))
        )
        if tier.basis == "orders":
            return end - start
        return self.cumulative_fen[end] - self.cumulative_fen[start]


def qualified(tiers: list[TierSpec], buys: Purchases, at: datetime) -> TierSpec | None:
    """The highest level whose threshold the orders up to `at` reach."""
    best = None
    for tier in sorted(tiers, key=lambda t: t.rank):
        if buys.measure(tier, at) >= tier.threshold:
            best = tier
    return best


def best_since(tiers: list[TierSpec], buys: Purchases, since: datetime | None) -> TierSpec | None:
    """The highest level reached at any order time after `since` (upgrades happen when orders land).

    A level with no threshold is reached by enrolment alone.
    """
    best = None
    for tier in tiers:
        if tier.threshold <= 0:
            best = higher(best, tier)
    first = 0 if since is None else bisect_right(buys.times, since)
    for at in sorted(set(buys.times[first:])):
        best = higher(best, qualified(tiers, buys, at))
    return best


def higher(a: TierSpec | None, b: TierSpec | None) -> TierSpec | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if a.rank >= b.rank else b


def rank_of(tier: TierSpec | None) -> int:
    return -1 if tier is None else tier.rank


@dataclass(frozen=True)
class Move:
    """What an evaluation would do to one member, and why."""

    customer_id: int
    display_name: str
    current: TierSpec | None
    new: TierSpec | None
    move: str  # up | same | keep | down
    basis: str
    value: int  # the figure compared, in the basis' unit
    needed: int  # the threshold (up/same/down) or the keep threshold (keep)


def evaluate_one(
    tiers: list[TierSpec],
    buys: Purchases,
    current: TierSpec | None,
    at: datetime,
    customer_id: int = 0,
    name: str = "",
) -> Move:
    """At the evaluation date: move up to what the orders reach, keep (保级), or move down."""
    reached = qualified(tiers, buys, at)
    if rank_of(reached) > rank_of(current) or current is None:
        shown = reached or current
        value = buys.measure(shown, at) if shown else 0
        return Move(
            customer_id,
            name,
            current,
            reached,
            "up" if reached else "same",
            shown.basis if shown else "",
            value,
            shown.threshold if shown else 0,
        )
    value = buys.measure(current, at)
    if reached is not None and reached.id == current.id:
        return Move(customer_id, name, current, current, "same", current.basis, value, current.threshold)
    if value >= current.keep:
        return Move(customer_id, name, current, current, "keep", current.basis, value, current.keep)
    return Move(customer_id, name, current, reached, "down", current.basis, value, current.keep)
