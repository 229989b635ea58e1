"""Members vs non-members: enrolment, member-list import, and the programme's totals.

A member list (the generic template resources/templates/members_template.xlsx, or a platform's
member export with the usual header spellings) is read by the customer-list importer of
app.services.analytics; every person on it is then enrolled with the list's join date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, case, func, select, update

from app.models import Customer, CustomerListEntry, Tier
from app.models.base import utcnow
from app.models.db import Store
from app.services.membership.points import settle_customers
from app.services.membership.tiers import apply_tiers


@dataclass(frozen=True)
class TierCount:
    tier_id: int | None
    name: str
    members: int


@dataclass(frozen=True)
class MembersSummary:
    customers: int
    members: int
    per_tier: tuple[TierCount, ...]
    points_outstanding: int
    stored_value_outstanding_fen: int


@dataclass(frozen=True)
class MemberListResult:
    rows: int
    enrolled: int  # newly enrolled by this list
    already_members: int
    created: int  # people new to the shop
    skipped: int


def enrol_on(conn: Connection, since_by_customer: dict[int, datetime | None]) -> int:
    """Enrol customers (keeping the date of those already enrolled); tiers and points follow."""
    ids = sorted(since_by_customer)
    already = set()
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        already |= set(
            conn.execute(select(Customer.id).where(Customer.id.in_(part), Customer.is_member)).scalars()
        )
    fresh = [c for c in ids if c not in already]
    now = utcnow()
    for cid in fresh:
        conn.execute(
            update(Customer)
            .where(Customer.id == cid)
            .values(is_member=True, member_since=since_by_customer[cid] or now)
        )
    if fresh:
        apply_tiers(conn, fresh, batch_id=None)
        settle_customers(conn, fresh)
    return len(fresh)


def enrol(store: Store, customer_ids: Iterable[int], since: datetime | None = None) -> int:
    """Make these customers members from `since` (default now). Returns how many were not members yet."""
    with store.engine.begin() as conn:
        return enrol_on(conn, dict.fromkeys(customer_ids, since))


def import_member_list(store: Store, path: str | Path, platform: str = "") -> MemberListResult:
    """Import a member list and enrol everyone on it."""
    from app.services.analytics.aipl import import_customer_list  # pandas: loaded only when used

    res = import_customer_list(store, path, "member", platform)
    enrolled, listed = enrol_list(store, res.list_id)
    return MemberListResult(res.rows, enrolled, listed - enrolled, res.created, res.skipped)


def enrol_list(store: Store, list_id: int) -> tuple[int, int]:
    """Enrol everyone on an imported member list (from the date the list gives, when it does).
    Returns (newly enrolled, people on the list)."""
    with store.engine.begin() as conn:
        rows = conn.execute(
            select(CustomerListEntry.customer_id, CustomerListEntry.since).where(
                CustomerListEntry.list_id == list_id
            )
        ).all()
        return enrol_on(conn, dict(rows)), len(rows)


def members_summary(store: Store) -> MembersSummary:
    """Members per tier, points outstanding and stored value outstanding."""
    with store.engine.connect() as conn:
        customers, members, pts, value = conn.execute(
            select(
                func.count(),
                func.coalesce(func.sum(case((Customer.is_member, 1), else_=0)), 0),
                func.coalesce(func.sum(Customer.points_balance), 0),
                func.coalesce(func.sum(Customer.stored_value_fen), 0),
            )
        ).one()
        per_tier = conn.execute(
            select(Tier.id, Tier.name, func.count(Customer.id))
            .select_from(Customer)
            .outerjoin(Tier, Tier.id == Customer.tier_id)
            .where(Customer.is_member)
            .group_by(Tier.id, Tier.name, Tier.rank)
            .order_by(Tier.rank.desc().nulls_last())
        ).all()
    tiers = tuple(TierCount(tid, name or "", n) for tid, name, n in per_tier)
    return MembersSummary(customers, members, tiers, pts, value)


MEMBER_TEMPLATE_HEADER = ("买家ID", "买家昵称", "手机号", "姓名", "入会时间")
MEMBER_TEMPLATE_EXAMPLE = ("tb_example_01", "示例买家", "13800000000", "张三", "2026-01-15")


def write_members_template(path: str | Path) -> Path:
    """resources/templates/members_template.xlsx: the header row and one example row to delete."""
    from app.services.xlsx_fast import write_xlsx

    return write_xlsx(path, [MEMBER_TEMPLATE_HEADER, MEMBER_TEMPLATE_EXAMPLE], sheet_name="members")


@dataclass(frozen=True)
class HeldCoupon:
    code: str
    plan: str
    expires_at: datetime | None
    redeemed_at: datetime | None


@dataclass(frozen=True)
class MemberCard:
    """What the customer panel shows: tier, points, stored value and coupons held."""

    customer_id: int
    is_member: bool
    member_since: datetime | None
    tier: str
    discount_pct: int
    points: int
    stored_value_fen: int
    coupons: tuple[HeldCoupon, ...]


def member_card(store: Store, customer_id: int) -> MemberCard | None:
    from app.models import Coupon, CouponPlan

    with store.engine.connect() as conn:
        row = conn.execute(
            select(
                Customer.is_member,
                Customer.member_since,
                Tier.name,
                Tier.discount_pct,
                Customer.points_balance,
                Customer.stored_value_fen,
            )
            .outerjoin(Tier, Tier.id == Customer.tier_id)
            .where(Customer.id == customer_id)
        ).one_or_none()
        if row is None:
            return None
        held = conn.execute(
            select(Coupon.code, CouponPlan.name, Coupon.expires_at, Coupon.redeemed_at)
            .join(CouponPlan, CouponPlan.id == Coupon.plan_id)
            .where(Coupon.customer_id == customer_id)
            .order_by(Coupon.issued_at.desc(), Coupon.id.desc())
        ).all()
    member, since, tier, discount, pts, value = row
    return MemberCard(
        customer_id,
        bool(member),
        since,
        tier or "",
        discount or 100,
        pts,
        value,
        tuple(HeldCoupon(*h) for h in held),
    )
