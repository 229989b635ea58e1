"""Saved segments, their history, coupon plans, coupons and campaigns."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class Segment(Base):
    __tablename__ = "segments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    rules_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SegmentSnapshot(Base):
    """Size of a layer, RFM segment or saved segment after an import, for trends."""

    __tablename__ = "segment_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    taken_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(10))  # layer | rfm | segment
    key: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)


class LayerMovement(Base):
    __tablename__ = "layer_movements"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    from_layer: Mapped[str] = mapped_column(String(20))
    to_layer: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer)


class CouponPlan(Base):
    __tablename__ = "coupon_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))  # threshold | fixed | percent | gift
    threshold_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    value_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    percent: Mapped[int | None] = mapped_column(Integer)
    gift: Mapped[str] = mapped_column(Text, default="")
    valid_from: Mapped[datetime | None] = mapped_column(DateTime)
    valid_to: Mapped[datetime | None] = mapped_column(DateTime)
    valid_days: Mapped[int | None] = mapped_column(Integer)
    per_person_limit: Mapped[int] = mapped_column(Integer, default=1)
    total_limit: Mapped[int | None] = mapped_column(Integer)
    audience_kind: Mapped[str] = mapped_column(String(10), default="segment")  # segment | tier | new | member
    audience_ref: Mapped[int | None] = mapped_column(Integer)
    platform_code: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Coupon(Base):
    __tablename__ = "coupons"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("coupon_plans.id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    redeemed_order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id", ondelete="SET NULL"))
    redeemed_at: Mapped[datetime | None] = mapped_column(DateTime)
    redeemed_by_hand: Mapped[bool] = mapped_column(Boolean, default=False)
    redeemed_batch_id: Mapped[int | None] = mapped_column(Integer)  # the import that matched it


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    segment_id: Mapped[int | None] = mapped_column(ForeignKey("segments.id", ondelete="SET NULL"))
    coupon_plan_id: Mapped[int | None] = mapped_column(ForeignKey("coupon_plans.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(20), default="")
    send_date: Mapped[datetime | None] = mapped_column(DateTime)
    window_days: Mapped[int] = mapped_column(Integer, default=30)
    holdout_pct: Mapped[int] = mapped_column(Integer, default=10)
    seed: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CampaignMember(Base):
    __tablename__ = "campaign_members"
    __table_args__ = (UniqueConstraint("campaign_id", "customer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    group: Mapped[str] = mapped_column(String(10))  # target | holdout | excluded
    exclusion_reason: Mapped[str] = mapped_column(String(40), default="")
    contacted_at: Mapped[datetime | None] = mapped_column(DateTime)
