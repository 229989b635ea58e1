"""Customers: one person across platforms, the keys that identify them, and what the owner adds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    province: Mapped[str] = mapped_column(String(40), default="")
    city: Mapped[str] = mapped_column(String(40), default="")
    platforms: Mapped[str] = mapped_column(String(200), default="")
    # receiver name | masked-phone tail | city: equal keys make a merge suggestion, never a merge
    match_key: Mapped[str] = mapped_column(String(160), default="", index=True)
    # Derived from valid orders (metrics.md "Customers"); recomputed after every import and undo.
    first_order_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_order_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    order_count: Mapped[int] = mapped_column(Integer, default=0)
    net_spend_fen: Mapped[int] = mapped_column(BigInteger, default=0, index=True)
    refund_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    aov_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    all_order_count: Mapped[int] = mapped_column(Integer, default=0)
    # Owned by the owner, never by an import.
    is_member: Mapped[bool] = mapped_column(Boolean, default=False)
    member_since: Mapped[datetime | None] = mapped_column(DateTime)
    tier_id: Mapped[int | None] = mapped_column(ForeignKey("tiers.id", ondelete="SET NULL"))
    points_balance: Mapped[int] = mapped_column(BigInteger, default=0)
    stored_value_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    do_not_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), index=True)


class CustomerIdentity(Base):
    """A key that names a customer: a platform buyer id or nickname, or a full mobile number."""

    __tablename__ = "customer_identities"
    __table_args__ = (UniqueConstraint("kind", "platform", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # buyer | phone | receiver
    platform: Mapped[str] = mapped_column(String(20), default="")  # "" for cross-platform keys (phone)
    value: Mapped[str] = mapped_column(String(200))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), index=True)


class MergeSuggestion(Base):
    """Two customers that may be one person (same name, masked-phone tail and city)."""

    __tablename__ = "merge_suggestions"
    __table_args__ = (UniqueConstraint("customer_a_id", "customer_b_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_a_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    customer_b_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending | accepted | rejected
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    color: Mapped[str] = mapped_column(String(9), default="")


class CustomerTag(Base):
    __tablename__ = "customer_tags"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class CustomerNote(Base):
    __tablename__ = "customer_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CustomerList(Base):
    """An imported list of followers, members or favourites (AIPL's A and I)."""

    __tablename__ = "customer_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # follower | member | favourite | cart
    platform: Mapped[str] = mapped_column(String(20), default="")
    file_name: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CustomerListEntry(Base):
    __tablename__ = "customer_list_entries"
    __table_args__ = (UniqueConstraint("list_id", "customer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("customer_lists.id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    since: Mapped[datetime | None] = mapped_column(DateTime)
