"""Orders as imported from the platforms' sheets: one row per (platform, order id), lines per item."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base

# Normalised statuses (metrics.md). "unknown" keeps a status the app could not place out of every figure
# until the owner confirms it.
ORDER_STATUSES = ("unpaid", "paid", "completed", "cancelled", "refunded", "unknown")
VALID_STATUSES = ("paid", "completed")


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("platform", "order_no"),
        Index("ix_orders_customer_time", "customer_id", "order_time"),
        Index("ix_orders_time", "order_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    order_no: Mapped[str] = mapped_column(String(64))
    # (customer_id, order_time) covers lookups by customer; low-selectivity columns stay unindexed so
    # that bulk imports stay fast.
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(12))
    status_raw: Mapped[str] = mapped_column(String(200), default="")
    paid_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    goods_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    shipping_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    discount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    refund_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    net_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    merchant_net_fen: Mapped[int | None] = mapped_column(BigInteger)
    is_valid: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime | None] = mapped_column(DateTime)
    paid_at: Mapped[datetime | None] = mapped_column(DateTime)
    shipped_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    order_time: Mapped[datetime | None] = mapped_column(DateTime)
    buyer_id: Mapped[str] = mapped_column(String(100), default="")
    buyer_nick: Mapped[str] = mapped_column(String(100), default="")
    receiver_name: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    province: Mapped[str] = mapped_column(String(40), default="")
    city: Mapped[str] = mapped_column(String(40), default="")
    district: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    buyer_note: Mapped[str] = mapped_column(Text, default="")
    seller_note: Mapped[str] = mapped_column(Text, default="")
    coupon_text: Mapped[str] = mapped_column(Text, default="")
    is_member: Mapped[bool | None] = mapped_column(Boolean)
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    items_summary: Mapped[str] = mapped_column(Text, default="")
    first_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    last_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", passive_deletes=True
    )


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (UniqueConstraint("order_id", "line_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("orders.id", ondelete="CASCADE")
    )  # uq (order_id, line_no)
    line_no: Mapped[int] = mapped_column(Integer)
    sub_order_no: Mapped[str] = mapped_column(String(64), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    sku: Mapped[str] = mapped_column(Text, default="")
    item_code: Mapped[str] = mapped_column(String(100), default="")
    item_id: Mapped[str] = mapped_column(String(64), default="")
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    amount_fen: Mapped[int | None] = mapped_column(BigInteger)
    refund_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(12))
    status_raw: Mapped[str] = mapped_column(String(200), default="")
    after_sale_raw: Mapped[str] = mapped_column(String(200), default="")

    order: Mapped[Order] = relationship(back_populates="lines")


class OrderChange(Base):
    """What one import batch did to one order: enough to undo it and to explain it."""

    __tablename__ = "order_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), index=True)
    order_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "new" | "update"
    before_json: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
