"""What the importer calls inside a batch's own transaction, so the batch stays all-or-nothing.

After an import: upgrades for the batch's customers first (so a new tier's multiplier applies to the
orders that earned it), then points for newly completed orders and reversals for refunded or
cancelled ones, then coupon redemptions matched from the batch's orders. After an undo: the same,
from the orders as the undo left them.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from app.services.membership import coupons, points
from app.services.membership.tiers import apply_tiers


def _anything_to_do(conn: Connection) -> bool:
    """A shop without members, ledgers or coupons pays nothing for this hook."""
    return bool(
        conn.execute(
            text(
                "SELECT EXISTS (SELECT 1 FROM customers WHERE is_member) "
                "OR EXISTS (SELECT 1 FROM points_ledger) "
                "OR EXISTS (SELECT 1 FROM coupons) OR EXISTS (SELECT 1 FROM settings WHERE key IN "
                "('membership.points_members_only', 'membership.tier_members_only') AND value = '0')"
            )
        ).scalar()
    )


def _batch_customers(conn: Connection, batch_id: int) -> set[int]:
    return set(
        conn.execute(
            text(
                "SELECT DISTINCT customer_id FROM orders WHERE customer_id IS NOT NULL "
                "AND (last_batch_id = :b "
                "OR id IN (SELECT order_id FROM order_changes WHERE batch_id = :b))"
            ),
            {"b": batch_id},
        ).scalars()
    )


def after_import(conn: Connection, batch_id: int) -> None:
    if not _anything_to_do(conn):
        return
    apply_tiers(conn, _batch_customers(conn, batch_id), batch_id=batch_id)
    points.settle_batch(conn, batch_id)
    coupons.match_batch(conn, batch_id)


def after_undo(conn: Connection, batch_id: int) -> None:
    if not _anything_to_do(conn):
        return
    coupons.unmatch_batch(conn, batch_id)
    # Removed orders no longer say whose they were, and a later batch's upgrade may have counted them:
    # every member is checked (an undo is rare; an import checks only its own customers).
    apply_tiers(conn, None, batch_id=batch_id)
    points.settle_after_undo(conn, batch_id)
