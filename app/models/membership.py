"""Tiers, the points ledger and the stored-value (购物金) ledger. Ledgers are append-only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class Tier(Base):
    __tablename__ = "tiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(40))
    basis: Mapped[str] = mapped_column(String(10), default="spend")  # spend | orders
    threshold: Mapped[int] = mapped_column(BigInteger, default=0)  # fen for spend, count for orders
    keep_threshold: Mapped[int | None] = mapped_column(BigInteger)
    window_days: Mapped[int | None] = mapped_column(Integer)  # None = lifetime
    discount_pct: Mapped[int] = mapped_column(Integer, default=100)  # 95 = 95折
    points_multiplier_pct: Mapped[int] = mapped_column(Integer, default=100)
    benefits: Mapped[str] = mapped_column(Text, default="")


class TierChange(Base):
    __tablename__ = "tier_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    from_tier_id: Mapped[int | None] = mapped_column(ForeignKey("tiers.id", ondelete="SET NULL"))
    to_tier_id: Mapped[int | None] = mapped_column(ForeignKey("tiers.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text, default="")
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(12), default="")  # upgrade | withdraw | evaluation | manual
    as_of: Mapped[datetime | None] = mapped_column(DateTime)  # evaluations: the date evaluated


class PointsEntry(Base):
    """One movement of points. Earn and reverse entries name their order so each happens once."""

    __tablename__ = "points_ledger"
    __table_args__ = (Index("ix_points_ledger_order_kind", "order_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    # earn | reverse | restore | void (order gone) | adjust | redeem | expire
    kind: Mapped[str] = mapped_column(String(10))
    points: Mapped[int] = mapped_column(BigInteger)  # signed
    order_id: Mapped[int | None] = mapped_column(Integer)
    grant_id: Mapped[int | None] = mapped_column(ForeignKey("points_ledger.id"), index=True)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    batch_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # "platform|order_no": order ids do not survive an undo and a re-import, the platform's number does.
    order_key: Mapped[str | None] = mapped_column(String(100), index=True)
    basis_fen: Mapped[int | None] = mapped_column(BigInteger)  # earn: the net amount it was computed on
    shortfall: Mapped[int] = mapped_column(BigInteger, default=0)  # points a reversal could not take back


class StoredValueEntry(Base):
    __tablename__ = "stored_value_ledger"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # topup | bonus | spend | refund | adjust
    amount_fen: Mapped[int] = mapped_column(BigInteger)  # signed
    reference: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
