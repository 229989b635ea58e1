"""Stored value (购物金): top-ups with a bonus rule, spending, refunds of spending; balance = ledger sum.

The bonus rule (a business setting) is a list of steps "pay X get Y extra"; the largest step a
top-up reaches applies once (pay ¥1,000 get ¥1,100 is the step [100000, 10000]).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, insert, select, update

from app.models import Customer, StoredValueEntry
from app.models.base import utcnow
from app.models.db import Store
from app.services.membership.messages import MembershipError
from app.services.membership.rules import MembershipRules, rules_on


@dataclass(frozen=True)
class TopUp:
    paid_fen: int
    bonus_fen: int
    balance_fen: int


def bonus_for(rules: MembershipRules, paid_fen: int) -> int:
    reached = [bonus for pay, bonus in rules.bonus_steps() if paid_fen >= pay]
    return reached[-1] if reached else 0


def _balance(conn: Connection, customer_id: int) -> int:
    return conn.execute(
        select(func.coalesce(func.sum(StoredValueEntry.amount_fen), 0)).where(
            StoredValueEntry.customer_id == customer_id
        )
    ).scalar_one()


def _write(conn: Connection, customer_id: int, kind: str, amount: int, at: datetime, **fields) -> int:
    entry = conn.execute(
        insert(StoredValueEntry).returning(StoredValueEntry.id),
        {
            "customer_id": customer_id,
            "kind": kind,
            "amount_fen": amount,
            "created_at": at,
            "reference": "",
            "note": "",
            **fields,
        },
    ).scalar_one()
    conn.execute(
        update(Customer)
        .where(Customer.id == customer_id)
        .values(stored_value_fen=_balance(conn, customer_id))
    )
    return entry


def _check(conn: Connection, customer_id: int, amount: int) -> None:
    if conn.execute(select(Customer.id).where(Customer.id == customer_id)).scalar_one_or_none() is None:
        raise MembershipError("no_such_customer", customer=customer_id)
    if amount <= 0:
        raise MembershipError("amount_not_positive")


def top_up(
    store: Store, customer_id: int, paid_fen: int, reference: str = "", at: datetime | None = None
) -> TopUp:
    """The customer paid `paid_fen`; the bonus step they reached is added as its own entry."""
    at = at or utcnow()
    with store.engine.begin() as conn:
        _check(conn, customer_id, paid_fen)
        _write(conn, customer_id, "topup", paid_fen, at, reference=reference)
        bonus = bonus_for(rules_on(conn), paid_fen)
        if bonus:
            _write(conn, customer_id, "bonus", bonus, at, reference=reference)
        return TopUp(paid_fen, bonus, _balance(conn, customer_id))


def spend(
    store: Store, customer_id: int, amount_fen: int, reference: str = "", at: datetime | None = None
) -> int:
    """Pay with stored value; returns the spending entry's id (a refund names it)."""
    with store.engine.begin() as conn:
        _check(conn, customer_id, amount_fen)
        have = _balance(conn, customer_id)
        if amount_fen > have:
            raise MembershipError("stored_value_insufficient", balance=have, amount=amount_fen)
        return _write(conn, customer_id, "spend", -amount_fen, at or utcnow(), reference=reference)


def refund_spend(
    store: Store, spend_id: int, amount_fen: int | None = None, at: datetime | None = None
) -> int:
    """Give back all or part of a spending; never more than what is left of it. Returns the new balance."""
    with store.engine.begin() as conn:
        row = conn.execute(
            select(StoredValueEntry.customer_id, StoredValueEntry.amount_fen).where(
                StoredValueEntry.id == spend_id, StoredValueEntry.kind == "spend"
            )
        ).one_or_none()
        if row is None:
            raise MembershipError("no_such_entry", entry=spend_id)
        ref = f"spend:{spend_id}"
        refunded = conn.execute(
            select(func.coalesce(func.sum(StoredValueEntry.amount_fen), 0)).where(
                StoredValueEntry.kind == "refund", StoredValueEntry.reference == ref
            )
        ).scalar_one()
        left = -row.amount_fen - refunded
        amount = left if amount_fen is None else amount_fen
        _check(conn, row.customer_id, amount)
        if amount > left:
            raise MembershipError("refund_exceeds_spend", left=left)
        _write(conn, row.customer_id, "refund", amount, at or utcnow(), reference=ref)
        return _balance(conn, row.customer_id)


@dataclass(frozen=True)
class Spending:
    id: int
    at: datetime
    amount_fen: int  # what was spent, positive
    refundable_fen: int  # what is left of it to refund
    reference: str


def spendings(store: Store, customer_id: int) -> list[Spending]:
    """The customer's spendings, newest first, each with what can still be refunded (refund_spend)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                StoredValueEntry.id,
                StoredValueEntry.created_at,
                StoredValueEntry.amount_fen,
                StoredValueEntry.reference,
            )
            .where(StoredValueEntry.customer_id == customer_id, StoredValueEntry.kind == "spend")
            .order_by(StoredValueEntry.created_at.desc(), StoredValueEntry.id.desc())
        ).all()
        refunded = dict(
            conn.execute(
                select(StoredValueEntry.reference, func.sum(StoredValueEntry.amount_fen))
                .where(StoredValueEntry.customer_id == customer_id, StoredValueEntry.kind == "refund")
                .group_by(StoredValueEntry.reference)
            ).all()
        )
    return [
        Spending(sid, at, -amount, -amount - refunded.get(f"spend:{sid}", 0), ref)
        for sid, at, amount, ref in rows
    ]
