"""Low-level points-ledger moves shared by earning, reversal, redemption, adjustment and expiry.

A grant is an entry with positive points and no grant_id (earn, positive adjust). Every later
movement against it names it in grant_id, so a grant's remaining points are its own plus its
children's; they never go below zero, hence neither does a balance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, text

from app.models import PointsEntry
from app.models.base import utcnow

_REMAINING = """
SELECT g.id,
       g.points + COALESCE((SELECT SUM(c.points) FROM points_ledger c WHERE c.grant_id = g.id), 0) AS rem,
       g.expires_at
FROM points_ledger g
WHERE g.customer_id = :c AND g.grant_id IS NULL AND g.points > 0
"""


def as_datetime(value) -> datetime | None:
    """SQLite hands textual queries' datetimes back as text."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


@dataclass(frozen=True)
class Grant:
    id: int
    remaining: int
    expires_at: datetime | None


def open_grants(conn: Connection, customer_id: int, *, usable_at: datetime | None = None) -> list[Grant]:
    """Grants with points left, oldest-expiring first (never-expiring last); optionally only unexpired."""
    rows = conn.execute(text(_REMAINING), {"c": customer_id}).all()
    grants = [Grant(i, rem, as_datetime(exp)) for i, rem, exp in rows if rem > 0]
    if usable_at is not None:
        grants = [g for g in grants if g.expires_at is None or g.expires_at > usable_at]
    return sorted(grants, key=lambda g: (g.expires_at is None, g.expires_at or datetime.max, g.id))


def balance(conn: Connection, customer_id: int) -> int:
    return conn.execute(
        text("SELECT COALESCE(SUM(points), 0) FROM points_ledger WHERE customer_id = :c"), {"c": customer_id}
    ).scalar_one()


def write(conn: Connection, customer_id: int, kind: str, points: int, **fields) -> int:
    values = {
        "customer_id": customer_id,
        "kind": kind,
        "points": points,
        "reason": "",
        "created_at": utcnow(),
        "shortfall": 0,
        **fields,
    }
    return conn.execute(insert(PointsEntry).returning(PointsEntry.id), values).scalar_one()


def take(
    conn: Connection,
    customer_id: int,
    points: int,
    kind: str,
    *,
    first_grant: int | None = None,
    usable_at: datetime | None = None,
    **fields,
) -> int:
    """Take up to `points` from the customer's grants (`first_grant` first, then FIFO by expiry).

    What cannot be covered is written as the last entry's shortfall. Returns the points taken.
    """
    grants = open_grants(conn, customer_id, usable_at=usable_at)
    grants.sort(key=lambda g: g.id != first_grant)  # stable: keeps the FIFO order after the first grant
    parts: list[tuple[int | None, int]] = []
    left = points
    for g in grants:
        if left <= 0:
            break
        part = min(left, g.remaining)
        parts.append((g.id, part))
        left -= part
    if not parts:
        parts.append((None, 0))
    for n, (grant_id, part) in enumerate(parts, start=1):
        write(
            conn,
            customer_id,
            kind,
            -part,
            grant_id=grant_id,
            shortfall=left if n == len(parts) else 0,
            **fields,
        )
    return points - left


class Pending:
    """Entries written in one executemany; any move that must see earlier entries flushes first."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rows: list[dict] = []

    def add(self, customer_id: int, kind: str, points: int, **fields) -> None:
        self.rows.append(
            {
                "customer_id": customer_id,
                "kind": kind,
                "points": points,
                "reason": "",
                "created_at": utcnow(),
                "shortfall": 0,
                "grant_id": None,
                "expires_at": None,
                "basis_fen": None,
                "order_id": None,
                "order_key": None,
                "batch_id": None,
                **fields,
            }
        )

    def flush(self) -> None:
        if self.rows:
            self.conn.execute(insert(PointsEntry), self.rows)
            self.rows = []

    def take_from_grant(self, customer_id: int, grant_id: int, points: int, kind: str, **fields) -> None:
        """Take from one grant when it has enough (the usual case), else from every grant like `take`."""
        left = self.conn.execute(
            text(
                "SELECT g.points + COALESCE((SELECT SUM(c.points) FROM points_ledger c "
                "WHERE c.grant_id = g.id), 0) FROM points_ledger g WHERE g.id = :g"
            ),
            {"g": grant_id},
        ).scalar_one()
        if left >= points:
            self.add(customer_id, kind, -points, grant_id=grant_id, **fields)
            return
        self.flush()
        take(self.conn, customer_id, points, kind, first_grant=grant_id, **fields)


def sync_balances(conn: Connection, customer_ids: Iterable[int]) -> None:
    """Customer.points_balance is a cache of the ledger's sum; refresh it for these customers."""
    ids = sorted(set(customer_ids) - {None})
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        marks = ",".join(str(int(x)) for x in part)
        conn.execute(
            text(
                "UPDATE customers SET points_balance = "
                "(SELECT COALESCE(SUM(p.points), 0) FROM points_ledger p "
                f"WHERE p.customer_id = customers.id) WHERE id IN ({marks})"
            )
        )
