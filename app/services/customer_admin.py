"""What the owner does to customers: notes, the merge-suggestion queue, manual merge and split.

A merge moves everything that points at the absorbed customer (orders, identities, notes, tags,
ledgers, list entries...) to the kept one; a split moves one identity and its orders to a new customer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, insert, or_, select, update

from app.models import Base, Customer, CustomerIdentity, CustomerNote, MergeSuggestion, Order
from app.models.base import utcnow
from app.models.db import Store
from app.services.browse import display_phone
from app.services.customers_sync import recompute_customers
from app.services.errors import ShopError


@dataclass(frozen=True)
class Identity:
    id: int
    kind: str  # buyer | phone | receiver
    platform: str
    value: str


@dataclass(frozen=True)
class TimelineOrder:
    id: int
    platform: str
    order_no: str
    order_time: datetime | None
    status: str
    paid_fen: int
    items_summary: str


@dataclass(frozen=True)
class Note:
    id: int
    text: str
    created_at: datetime


@dataclass(frozen=True)
class CustomerDetail:
    id: int
    display_name: str
    phone: str
    province: str
    city: str
    platforms: str
    order_count: int
    all_order_count: int
    net_spend_fen: int
    refund_fen: int
    aov_fen: int
    first_order_at: datetime | None
    last_order_at: datetime | None
    identities: tuple[Identity, ...]
    orders: tuple[TimelineOrder, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class Suggestion:
    id: int
    reason_code: str  # e.g. same_name_tail_city
    receiver_name: str
    phone_tail: str
    city: str
    a: CustomerDetail
    b: CustomerDetail


_FIGURES = (
    "display_name",
    "phone",
    "province",
    "city",
    "platforms",
    "order_count",
    "all_order_count",
    "net_spend_fen",
    "refund_fen",
    "aov_fen",
    "first_order_at",
    "last_order_at",
)
TIMELINE_LIMIT = 500


def _detail(s, customer_id: int, show_phone: bool, with_orders: bool = True) -> CustomerDetail:
    c = s.get(Customer, customer_id)
    if c is None:
        raise ShopError("no_such_customer", customer=customer_id)
    idents = s.execute(
        select(CustomerIdentity.id, CustomerIdentity.kind, CustomerIdentity.platform, CustomerIdentity.value)
        .where(CustomerIdentity.customer_id == customer_id)
        .order_by(CustomerIdentity.id)
    ).all()
    orders = []
    if with_orders:
        orders = s.execute(
            select(
                Order.id,
                Order.platform,
                Order.order_no,
                Order.order_time,
                Order.status,
                Order.paid_fen,
                Order.items_summary,
            )
            .where(Order.customer_id == customer_id)
            .order_by(Order.order_time.desc(), Order.id.desc())
            .limit(TIMELINE_LIMIT)
        ).all()
    notes = s.execute(
        select(CustomerNote.id, CustomerNote.text, CustomerNote.created_at)
        .where(CustomerNote.customer_id == customer_id)
        .order_by(CustomerNote.created_at.desc(), CustomerNote.id.desc())
    ).all()
    figures = {k: getattr(c, k) for k in _FIGURES}
    figures["phone"] = display_phone(c.phone, show_phone)
    return CustomerDetail(
        id=c.id,
        **figures,
        identities=tuple(
            Identity(
                i.id, i.kind, i.platform, display_phone(i.value, show_phone) if i.kind == "phone" else i.value
            )
            for i in idents
        ),
        orders=tuple(TimelineOrder(*o) for o in orders),
        notes=tuple(Note(*n) for n in notes),
    )


def customer_detail(store: Store, customer_id: int, show_phone: bool = False) -> CustomerDetail:
    with store.session_factory() as s:
        return _detail(s, customer_id, show_phone)


def add_note(store: Store, customer_id: int, text: str) -> None:
    text = text.strip()
    if not text:
        return
    with store.session_factory.begin() as s:
        s.add(CustomerNote(customer_id=customer_id, text=text, created_at=utcnow()))


def delete_note(store: Store, note_id: int) -> None:
    with store.session_factory.begin() as s:
        s.execute(delete(CustomerNote).where(CustomerNote.id == note_id))


def pending_suggestions(store: Store, show_phone: bool = False, limit: int = 200) -> tuple[Suggestion, ...]:
    with store.session_factory() as s:
        rows = s.execute(
            select(
                MergeSuggestion.id,
                MergeSuggestion.customer_a_id,
                MergeSuggestion.customer_b_id,
                MergeSuggestion.reason,
            )
            .where(MergeSuggestion.status == "pending")
            .order_by(MergeSuggestion.id)
            .limit(limit)
        ).all()
        out = []
        for sid, a, b, reason in rows:
            code, _, key = reason.partition(":")
            name, tail, city = ([*key.split("|"), "", "", ""])[:3]
            out.append(
                Suggestion(
                    sid,
                    code,
                    name,
                    tail,
                    city,
                    _detail(s, a, show_phone, False),
                    _detail(s, b, show_phone, False),
                )
            )
    return tuple(out)


def pending_suggestion_count(store: Store) -> int:
    from sqlalchemy import func

    with store.session_factory() as s:
        return s.execute(
            select(func.count(MergeSuggestion.id)).where(MergeSuggestion.status == "pending")
        ).scalar_one()


def reject_suggestion(store: Store, suggestion_id: int) -> None:
    with store.session_factory.begin() as s:
        s.execute(
            update(MergeSuggestion)
            .where(MergeSuggestion.id == suggestion_id)
            .values(status="rejected", decided_at=utcnow())
        )


def accept_suggestion(store: Store, suggestion_id: int) -> int:
    """Merge the suggested pair (the older customer is kept). Returns the kept customer's id."""
    with store.engine.begin() as conn:
        a, b = conn.execute(
            select(MergeSuggestion.customer_a_id, MergeSuggestion.customer_b_id).where(
                MergeSuggestion.id == suggestion_id
            )
        ).one()
        conn.execute(
            update(MergeSuggestion)
            .where(MergeSuggestion.id == suggestion_id)
            .values(status="accepted", decided_at=utcnow())
        )
        _merge(conn, min(a, b), max(a, b))
    return min(a, b)


def merge_customers(store: Store, keep_id: int, other_id: int) -> int:
    """Manual merge: everything of `other_id` moves to `keep_id`, which is returned."""
    if keep_id == other_id:
        raise ShopError("merge_same_customer")
    with store.engine.begin() as conn:
        _merge(conn, keep_id, other_id)
    return keep_id


def _customer_fk_columns():
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "customers" and table.name != "merge_suggestions":
                yield table, fk.parent


def _merge(conn: Connection, keep: int, other: int) -> None:
    for table, col in _customer_fk_columns():
        conn.execute(
            update(table)
            .where(col == other)
            .values({col.name: keep})
            .prefix_with("OR IGNORE", dialect="sqlite")
        )
    conn.execute(
        delete(MergeSuggestion).where(
            or_(MergeSuggestion.customer_a_id == other, MergeSuggestion.customer_b_id == other),
            MergeSuggestion.status != "accepted",
        )
    )
    kept_flags = conn.execute(
        select(Customer.is_member, Customer.do_not_contact).where(Customer.id == other)
    ).one()
    conn.execute(
        update(Customer)
        .where(Customer.id == keep)
        .values(
            is_member=Customer.is_member | kept_flags.is_member,
            do_not_contact=Customer.do_not_contact | kept_flags.do_not_contact,
        )
    )
    conn.execute(delete(Customer).where(Customer.id == other))
    recompute_customers(conn, {keep})


def _orders_of_identity(ident) -> list:
    if ident.kind == "phone":
        return [Order.phone == ident.value]
    return [
        Order.platform == ident.platform,
        or_(Order.buyer_id == ident.value, Order.buyer_nick == ident.value),
    ]


def split_identity(store: Store, identity_id: int) -> int:
    """Move one identity, and the orders it names, to a new customer. Returns the new customer's id."""
    with store.engine.begin() as conn:
        ident = conn.execute(select(CustomerIdentity).where(CustomerIdentity.id == identity_id)).one()
        old = ident.customer_id
        left = conn.execute(
            select(CustomerIdentity.id).where(
                CustomerIdentity.customer_id == old, CustomerIdentity.id != identity_id
            )
        ).first()
        if left is None:
            raise ShopError("split_last_identity")
        new_id = conn.execute(
            insert(Customer).returning(Customer.id),
            {"display_name": "" if ident.kind == "phone" else ident.value, "created_at": utcnow()},
        ).scalar_one()
        conn.execute(
            update(CustomerIdentity).where(CustomerIdentity.id == identity_id).values(customer_id=new_id)
        )
        conn.execute(
            update(Order)
            .where(Order.customer_id == old, *_orders_of_identity(ident))
            .values(customer_id=new_id)
        )
        recompute_customers(conn, {old, new_id})
    return new_id
