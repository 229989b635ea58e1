"""Coupon plans (the coupon itself lives on the platform), issuing to an audience, redemption matching.

metrics.md: a plan has a type (满减 threshold, 无门槛 fixed, 折扣 percent, gift), threshold, value,
validity (fixed dates or N days after issue), per-person limit, total and audience (saved segment,
tier, new customers only, members only). Redemptions are matched from later imported orders or
marked by hand; 核销率 = redeemed ÷ issued.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, func, insert, select, text, update

from app.models import Coupon, CouponPlan, Customer, Order, Segment, Tier
from app.models.base import utcnow
from app.models.db import Store
from app.services.membership.ledger import as_datetime
from app.services.membership.messages import MembershipError

KINDS = ("threshold", "fixed", "percent", "gift")
AUDIENCES = ("segment", "tier", "new", "member")
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: codes are read aloud and typed


@dataclass(frozen=True)
class PlanSpec:
    name: str
    kind: str
    value_fen: int = 0
    threshold_fen: int = 0
    percent: int | None = None  # 折扣: 88 = 8.8折
    gift: str = ""
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    valid_days: int | None = None  # N days after issue, when there are no fixed dates
    per_person_limit: int = 1
    total_limit: int | None = None
    audience_kind: str = "member"
    audience_ref: int | None = None  # segment id or tier id
    platform_code: str = ""  # the coupon's name or code as the platform's order export shows it


@dataclass(frozen=True)
class IssueResult:
    plan_id: int
    issued: int
    skipped_do_not_contact: int
    skipped_limit: int
    skipped_total: int
    codes: tuple[str, ...]


@dataclass(frozen=True)
class PlanStats:
    plan_id: int
    name: str
    kind: str
    issued: int
    redeemed: int
    rate: float | None  # 核销率
    revenue_fen: int  # net amount of the redeeming orders


def _problem(p: PlanSpec) -> str:
    checks = (
        (not p.name.strip(), "name"),
        (p.kind not in KINDS, "kind"),
        (p.kind in ("threshold", "fixed") and p.value_fen <= 0, "value"),
        (p.kind == "threshold" and p.threshold_fen <= p.value_fen, "threshold"),
        (p.kind == "percent" and not (p.percent and 1 <= p.percent <= 99), "percent"),
        (p.kind == "gift" and not p.gift.strip(), "gift"),
        (p.valid_days is None and p.valid_to is None, "validity"),
        (p.valid_days is not None and p.valid_days <= 0, "validity"),
        (p.per_person_limit < 1 or (p.total_limit is not None and p.total_limit < 1), "limit"),
        (p.audience_kind not in AUDIENCES, "audience"),
        (p.audience_kind == "tier" and p.audience_ref is None, "audience"),
    )
    return next((code for bad, code in checks if bad), "")


def create_plan(store: Store, spec: PlanSpec) -> int:
    problem = _problem(spec)
    if problem:
        raise MembershipError("bad_coupon_plan", detail=problem)
    with store.engine.begin() as conn:
        return conn.execute(
            insert(CouponPlan).returning(CouponPlan.id), {**asdict(spec), "created_at": utcnow()}
        ).scalar_one()


# ---- issuing ----------------------------------------------------------------------------------


def _segment_ids(store: Store, conn: Connection, segment_id: int | None) -> set[int] | None:
    """The saved segment's customers through the analytics rule compiler, when it is there."""
    raw = conn.execute(select(Segment.rules_json).where(Segment.id == segment_id)).scalar_one_or_none()
    if raw is None:
        return None
    try:
        import json

        from app.models.analytics import CustomerScore
        from app.services.analytics.segments import compile_rules, scored_as_of
    except ImportError:  # TODO(lead): drop once analytics' segment compiler has shipped for good
        return None
    query = (
        select(Customer.id)
        .select_from(Customer)
        .outerjoin(CustomerScore, CustomerScore.customer_id == Customer.id)
        .where(compile_rules(json.loads(raw), scored_as_of(store)))
    )
    return set(conn.execute(query).scalars())


def _audience(store: Store, conn: Connection, plan: CouponPlan, customer_ids) -> list[tuple[int, bool]]:
    """(customer id, do-not-contact) of the plan's audience, narrowed to `customer_ids` when given."""
    q = select(Customer.id, Customer.do_not_contact)
    if plan.audience_kind == "member":
        q = q.where(Customer.is_member.is_(True))
    elif plan.audience_kind == "new":
        q = q.where(Customer.order_count == 0)
    elif plan.audience_kind == "tier":  # this tier and the ones above it
        rank = select(Tier.rank).where(Tier.id == plan.audience_ref).scalar_subquery()
        q = q.join(Tier, Tier.id == Customer.tier_id).where(Tier.rank >= rank)
    wanted = set(customer_ids) if customer_ids is not None else None
    if plan.audience_kind == "segment":
        seg = _segment_ids(store, conn, plan.audience_ref)
        if seg is None and wanted is None:
            raise MembershipError("segment_audience_needs_ids")
        wanted = seg if wanted is None else (wanted if seg is None else wanted & seg)
    rows = conn.execute(q.order_by(Customer.id)).all()
    return [(cid, bool(dnc)) for cid, dnc in rows if wanted is None or cid in wanted]


def _new_code(taken: set[str], plan_id: int) -> str:
    while True:
        code = f"P{plan_id}-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
        if code not in taken:
            taken.add(code)
            return code


def issue_plan(store: Store, plan_id: int, customer_ids=None, at: datetime | None = None) -> IssueResult:
    """One coupon per audience customer, with a unique code, within the per-person limit and the total.

    Customers marked do-not-contact get none. `customer_ids` narrows the audience (for a saved
    segment it is the audience when the segment compiler is not available).
    """
    at = at or utcnow()
    with store.engine.begin() as conn:
        plan = conn.execute(select(CouponPlan.__table__).where(CouponPlan.id == plan_id)).one_or_none()
        if plan is None:
            raise MembershipError("no_such_plan", plan=plan_id)
        held = dict(
            conn.execute(
                select(Coupon.customer_id, func.count())
                .where(Coupon.plan_id == plan_id)
                .group_by(Coupon.customer_id)
            ).all()
        )
        total = sum(held.values())
        taken = set(conn.execute(select(Coupon.code).where(Coupon.plan_id == plan_id)).scalars())
        expires = plan.valid_to if plan.valid_days is None else at + timedelta(days=plan.valid_days)
        counts = {"dnc": 0, "limit": 0, "total": 0}
        rows = []
        for cid, dnc in _audience(store, conn, plan, customer_ids):
            why = (
                "dnc"
                if dnc
                else "limit"
                if held.get(cid, 0) >= plan.per_person_limit
                else "total"
                if plan.total_limit is not None and total >= plan.total_limit
                else ""
            )
            if why:
                counts[why] += 1
                continue
            rows.append(
                {
                    "plan_id": plan_id,
                    "customer_id": cid,
                    "code": _new_code(taken, plan_id),
                    "issued_at": at,
                    "expires_at": expires,
                    "redeemed_by_hand": False,
                }
            )
            total += 1
        if rows:
            conn.execute(insert(Coupon), rows)
    return IssueResult(
        plan_id, len(rows), counts["dnc"], counts["limit"], counts["total"], tuple(r["code"] for r in rows)
    )


# ---- redemption -------------------------------------------------------------------------------


def signals_redemption(
    plan: CouponPlan, coupon_text: str, goods_fen: int, paid_fen: int, discount_fen: int
) -> bool:
    """Does an order show this plan's coupon? By the platform's coupon column, else by its discount."""
    names = [n for n in (plan.platform_code, plan.name) if n]
    if coupon_text:
        return any(n in coupon_text for n in names)
    gross = goods_fen or paid_fen + discount_fen
    if plan.kind == "threshold":
        return discount_fen >= plan.value_fen and gross >= plan.threshold_fen
    if plan.kind == "fixed":
        return discount_fen >= plan.value_fen
    if plan.kind == "percent":
        return (
            gross >= plan.threshold_fen and discount_fen * 100 >= gross * (100 - (plan.percent or 100)) - 100
        )
    return False  # a gift leaves no trace in the amounts: the owner marks it


def _in_window(plan: CouponPlan, issued: datetime, expires: datetime | None, at: datetime | None) -> bool:
    if at is None or at < issued or (expires is not None and at > expires):
        return False
    return (plan.valid_from is None or at >= plan.valid_from) and (
        plan.valid_to is None or at <= plan.valid_to
    )


_BATCH_ORDERS = """
SELECT o.id, o.customer_id, o.order_time, o.coupon_text, o.goods_fen, o.paid_fen, o.discount_fen FROM orders o
WHERE o.last_batch_id = :b AND o.is_valid AND o.customer_id IN (SELECT customer_id FROM coupons
  WHERE redeemed_order_id IS NULL AND NOT redeemed_by_hand)
AND NOT EXISTS (SELECT 1 FROM coupons c WHERE c.redeemed_order_id = o.id)
ORDER BY o.order_time, o.id
"""


def match_batch(conn: Connection, batch_id: int) -> int:
    """Match the batch's valid orders to coupons their customers hold. Each order redeems at most one."""
    orders = conn.execute(text(_BATCH_ORDERS), {"b": batch_id}).all()
    if not orders:
        return 0
    plans = {p.id: p for p in conn.execute(select(CouponPlan.__table__)).all()}
    open_coupons = conn.execute(
        select(Coupon.id, Coupon.customer_id, Coupon.plan_id, Coupon.issued_at, Coupon.expires_at)
        .where(Coupon.redeemed_order_id.is_(None), Coupon.redeemed_by_hand.is_(False))
        .where(Coupon.customer_id.in_({o[1] for o in orders}))
        .order_by(Coupon.expires_at, Coupon.id)
    ).all()
    used: set[int] = set()
    matched = 0
    for oid, cid, t, coupon_text, goods, paid, discount in orders:
        at = as_datetime(t)
        for coupon_id, holder, plan_id, issued, expires in open_coupons:
            plan = plans[plan_id]
            if (
                holder != cid
                or coupon_id in used
                or not _in_window(plan, issued, expires, at)
                or not signals_redemption(plan, coupon_text or "", goods, paid, discount)
            ):
                continue
            conn.execute(
                update(Coupon)
                .where(Coupon.id == coupon_id)
                .values(redeemed_order_id=oid, redeemed_at=at, redeemed_batch_id=batch_id)
            )
            used.add(coupon_id)
            matched += 1
            break
    return matched


def unmatch_batch(conn: Connection, batch_id: int) -> None:
    conn.execute(
        update(Coupon)
        .where(Coupon.redeemed_batch_id == batch_id, Coupon.redeemed_by_hand.is_(False))
        .values(redeemed_order_id=None, redeemed_at=None, redeemed_batch_id=None)
    )


def mark_redeemed(store: Store, code: str, order_id: int | None = None, at: datetime | None = None) -> None:
    """The owner marks a coupon used (a gift handed over, an order the export does not show)."""
    with store.engine.begin() as conn:
        row = conn.execute(select(Coupon.id, Coupon.redeemed_at).where(Coupon.code == code)).one_or_none()
        if row is None:
            raise MembershipError("no_such_coupon", coupon=code)
        if row.redeemed_at is not None:
            raise MembershipError("coupon_already_redeemed", coupon=code)
        conn.execute(
            update(Coupon)
            .where(Coupon.id == row.id)
            .values(redeemed_order_id=order_id, redeemed_at=at or utcnow(), redeemed_by_hand=True)
        )


def plan_stats(store: Store) -> list[PlanStats]:
    """Per plan: issued, redeemed, 核销率 and the net amount of the redeeming orders."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                CouponPlan.id,
                CouponPlan.name,
                CouponPlan.kind,
                func.count(Coupon.id),
                func.count(Coupon.redeemed_at),
                func.coalesce(func.sum(Order.net_fen), 0),
            )
            .select_from(CouponPlan)
            .outerjoin(Coupon, Coupon.plan_id == CouponPlan.id)
            .outerjoin(Order, Order.id == Coupon.redeemed_order_id)
            .group_by(CouponPlan.id)
            .order_by(CouponPlan.id)
        ).all()
    return [
        PlanStats(pid, name, kind, issued, redeemed, redeemed / issued if issued else None, revenue)
        for pid, name, kind, issued, redeemed, revenue in rows
    ]
