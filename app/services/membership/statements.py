"""Per-customer statements of points and stored value: data rows with a running balance, ready to print."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from app.models import Order, PointsEntry, StoredValueEntry
from app.models.db import Store


@dataclass(frozen=True)
class PointsLine:
    at: datetime
    kind: str  # earn | reverse | restore | void | adjust | redeem | expire
    points: int
    balance: int
    order: str  # "platform|order_no" for order-driven lines
    expires_at: datetime | None
    reason: str
    uncovered: int  # points a reversal could not take back (the balance would have gone below zero)
    order_at: datetime | None = None  # when that order was placed (the line itself is dated when booked)


@dataclass(frozen=True)
class ValueLine:
    at: datetime
    kind: str  # topup | bonus | spend | refund | adjust
    amount_fen: int
    balance_fen: int
    reference: str
    note: str


def points_statement(store: Store, customer_id: int) -> list[PointsLine]:
    """One line per movement; a movement drawn from several grants (oldest-expiring first) is one line."""
    with store.session_factory() as s:
        rows = s.execute(
            select(PointsEntry, Order.order_time)
            .outerjoin(Order, Order.id == PointsEntry.order_id)
            .where(PointsEntry.customer_id == customer_id)
            .order_by(PointsEntry.id)
        ).all()
        out: list[PointsLine] = []
        running, last_key = 0, None
        for e, order_at in rows:
            running += e.points
            key = (e.kind, e.created_at, e.reason, e.order_key, e.batch_id, e.grant_id is None)
            if out and key == last_key and e.grant_id is not None:
                prev = out[-1]
                out[-1] = replace(
                    prev,
                    points=prev.points + e.points,
                    balance=running,
                    uncovered=prev.uncovered + e.shortfall,
                )
                continue
            last_key = key
            out.append(
                PointsLine(
                    e.created_at,
                    e.kind,
                    e.points,
                    running,
                    e.order_key or "",
                    e.expires_at,
                    e.reason,
                    e.shortfall,
                    order_at,
                )
            )
    return [line for line in out if line.points or line.uncovered]


def stored_value_statement(store: Store, customer_id: int) -> list[ValueLine]:
    with store.session_factory() as s:
        rows = s.execute(
            select(StoredValueEntry)
            .where(StoredValueEntry.customer_id == customer_id)
            .order_by(StoredValueEntry.created_at, StoredValueEntry.id)
        ).scalars()
        out, running = [], 0
        for e in rows:
            running += e.amount_fen
            out.append(ValueLine(e.created_at, e.kind, e.amount_fen, running, e.reference, e.note))
    return out
