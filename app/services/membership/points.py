"""The points ledger (metrics.md "Membership"): earn, reversal, restore, redemption, adjustment, expiry.

Orders are settled by key ("platform|order_no"): each order has at most one earn entry for as long
as it belongs to the same customer. Settling compares what the order is entitled to now with what
its entries since that grant add up to (taken points plus any shortfall), and writes only the
difference: importing an export twice writes nothing, a refund writes one reversal, undoing the
refund's batch writes the restore, importing it again the reversal again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, DateTime, bindparam, select, text

from app.models import Customer
from app.models.base import utcnow
from app.models.db import Store
from app.services.membership import ledger
from app.services.membership.messages import MembershipError
from app.services.membership.rules import MembershipRules, rules_on

ORDER_KINDS = ("earn", "reverse", "restore", "void")
_ORDER_STATE = """
SELECT o.id, o.platform || '|' || o.order_no AS k, o.customer_id, o.status, o.is_valid, o.net_fen,
       COALESCE(o.finished_at, o.order_time, o.created_at) AS t, c.is_member,
       COALESCE(tr.points_multiplier_pct, 100) AS mult
FROM orders o LEFT JOIN customers c ON c.id = o.customer_id LEFT JOIN tiers tr ON tr.id = c.tier_id
WHERE {where}
"""


@dataclass(frozen=True)
class OrderState:
    order_id: int
    key: str
    customer_id: int | None
    eligible: bool
    net_fen: int
    time: datetime | None
    multiplier_pct: int


@dataclass
class _KeyLedger:
    grant_id: int | None = None
    grant_customer: int | None = None
    grant_points: int = 0
    basis_fen: int = 0
    accounted: int = 0  # points since the grant, counting shortfalls as taken


def order_key(platform: str, order_no: str) -> str:
    return f"{platform}|{order_no}"


def _states(conn: Connection, where: str, params: dict, rules: MembershipRules) -> list[OrderState]:
    rows = conn.execute(text(_ORDER_STATE.format(where=where)), params).all()
    out = []
    for oid, key, cid, status, valid, net, t, member, mult in rows:
        eligible = (
            cid is not None
            and status == "completed"
            and bool(valid)
            and net > 0
            and (bool(member) or not rules.points_members_only)
        )
        out.append(OrderState(oid, key, cid, eligible, net, ledger.as_datetime(t), mult))
    return out


def _ledgers(conn: Connection, keys: list[str]) -> dict[str, _KeyLedger]:
    found: dict[str, _KeyLedger] = defaultdict(_KeyLedger)
    for i in range(0, len(keys), 500):
        part = keys[i : i + 500]
        rows = conn.execute(
            text(
                "SELECT order_key, id, kind, customer_id, points, shortfall, basis_fen FROM points_ledger "
                f"WHERE order_key IN ({','.join(f':k{n}' for n in range(len(part)))}) ORDER BY id"
            ),
            {f"k{n}": k for n, k in enumerate(part)},
        ).all()
        for key, eid, kind, cid, pts, short, basis in rows:
            led = found[key]
            if kind == "earn":
                found[key] = led = _KeyLedger(eid, cid, pts, basis or 0, 0)
            led.accounted += pts - short
    return found


def entitled(state: OrderState | None, led: _KeyLedger) -> int:
    """Points the order may hold under its grant: all of them, in proportion after a partial refund."""
    if state is None or not state.eligible or state.customer_id != led.grant_customer or led.basis_fen <= 0:
        return 0
    return led.grant_points * min(state.net_fen, led.basis_fen) // led.basis_fen


def settle(
    conn: Connection, states: list[OrderState], gone_keys: Iterable[str], *, batch_id: int | None
) -> set[int]:
    """Bring each order's points in line with its current state. Returns the customers touched."""
    rules = rules_on(conn)
    by_key: dict[str, OrderState | None] = {s.key: s for s in states}
    by_key.update({k: None for k in gone_keys if k not in by_key})
    ledgers = _ledgers(conn, sorted(by_key))
    touched: set[int] = set()
    pending = ledger.Pending(conn)
    for key, state in by_key.items():
        led = ledgers.get(key, _KeyLedger())
        touched |= _settle_one(pending, key, state, led, rules, batch_id)
    pending.flush()
    ledger.sync_balances(conn, touched)
    return touched


def _settle_one(
    pending: ledger.Pending,
    key: str,
    state: OrderState | None,
    led: _KeyLedger,
    rules: MembershipRules,
    batch_id: int | None,
) -> set[int]:
    fields = {"order_key": key, "batch_id": batch_id, "order_id": state.order_id if state else None}
    touched: set[int] = set()
    delta = entitled(state, led) - led.accounted
    if led.grant_id is not None and delta < 0:
        gone = state is None or state.customer_id != led.grant_customer
        kind = "void" if gone else "reverse"
        pending.take_from_grant(led.grant_customer, led.grant_id, -delta, kind, **fields)
        touched.add(led.grant_customer)
    elif led.grant_id is not None and delta > 0:
        _give_back(pending, led, key, delta, fields)
        touched.add(led.grant_customer)
    new_grant = led.grant_id is None or state is not None and state.customer_id != led.grant_customer
    if new_grant and state is not None and state.eligible:
        points = rules.points_for(state.net_fen, state.multiplier_pct)
        if points > 0:
            expires = rules.expiry_for(state.time or utcnow())
            pending.add(
                state.customer_id, "earn", points, basis_fen=state.net_fen, expires_at=expires, **fields
            )
            touched.add(state.customer_id)
    return touched


def _give_back(pending: ledger.Pending, led: _KeyLedger, key: str, delta: int, fields: dict) -> None:
    """Undo part of a reversal: first forgive any shortfall it recorded, then return points to the grant."""
    pending.flush()
    short = pending.conn.execute(
        text("SELECT COALESCE(SUM(shortfall), 0) FROM points_ledger WHERE order_key = :k AND id >= :g"),
        {"k": key, "g": led.grant_id},
    ).scalar_one()
    forgive = min(delta, short)
    pending.add(
        led.grant_customer,
        "restore",
        delta - forgive,
        grant_id=led.grant_id,
        shortfall=-forgive,
        **fields,
    )


def settle_batch(conn: Connection, batch_id: int) -> set[int]:
    """After an import: the batch's new and changed orders earn, reverse or restore."""
    states = _states(conn, "o.last_batch_id = :b", {"b": batch_id}, rules_on(conn))
    return settle(conn, states, (), batch_id=batch_id)


def settle_after_undo(conn: Connection, batch_id: int) -> set[int]:
    """After an undo: orders it restored are settled again; orders it removed give their points back."""
    rules = rules_on(conn)
    states = _states(
        conn, "o.id IN (SELECT order_id FROM order_changes WHERE batch_id = :b)", {"b": batch_id}, rules
    )
    return settle(conn, states, _orphan_keys(conn), batch_id=batch_id)


def _orphan_keys(conn: Connection) -> list[str]:
    """Keys still holding points whose order no longer exists."""
    return list(
        conn.execute(
            text(
                "SELECT p.order_key FROM points_ledger p WHERE p.order_key IS NOT NULL GROUP BY p.order_key "
                "HAVING SUM(p.points) - SUM(p.shortfall) <> 0 AND NOT EXISTS (SELECT 1 FROM orders o "
                "WHERE o.platform = substr(p.order_key, 1, instr(p.order_key, '|') - 1) "
                "AND o.order_no = substr(p.order_key, instr(p.order_key, '|') + 1))"
            )
        ).scalars()
    )


def settle_customers(conn: Connection, customer_ids: Iterable[int]) -> set[int]:
    """After enrolment or a tier change of the rules: settle every order of these customers."""
    ids = sorted(set(customer_ids))
    rules = rules_on(conn)
    states: list[OrderState] = []
    for i in range(0, len(ids), 500):
        marks = ",".join(str(int(x)) for x in ids[i : i + 500])
        states += _states(conn, f"o.customer_id IN ({marks})", {}, rules)
    return settle(conn, states, (), batch_id=None)


# ---- the owner's actions ----------------------------------------------------------------------


def _require_customer(conn: Connection, customer_id: int) -> None:
    if conn.execute(select(Customer.id).where(Customer.id == customer_id)).scalar_one_or_none() is None:
        raise MembershipError("no_such_customer", customer=customer_id)


def _expire_customer(conn: Connection, customer_id: int, as_of: datetime) -> int:
    expired = 0
    for g in ledger.open_grants(conn, customer_id):
        if g.expires_at is not None and g.expires_at <= as_of:
            ledger.write(conn, customer_id, "expire", -g.remaining, grant_id=g.id, reason="expired")
            expired += g.remaining
    return expired


def _take_by_hand(
    conn: Connection, customer_id: int, points: int, kind: str, reason: str, at: datetime
) -> None:
    _require_customer(conn, customer_id)
    if points <= 0:
        raise MembershipError("points_not_positive")
    _expire_customer(conn, customer_id, at)
    have = ledger.balance(conn, customer_id)
    if points > have:
        raise MembershipError("points_insufficient", balance=have, points=points)
    ledger.take(conn, customer_id, points, kind, reason=reason, created_at=at)
    ledger.sync_balances(conn, [customer_id])


def redeem(store: Store, customer_id: int, points: int, reason: str = "", at: datetime | None = None) -> int:
    """Spend points, oldest-expiring first. Returns the new balance."""
    with store.engine.begin() as conn:
        _take_by_hand(conn, customer_id, points, "redeem", reason, at or utcnow())
        return ledger.balance(conn, customer_id)


def adjust(store: Store, customer_id: int, points: int, reason: str, at: datetime | None = None) -> int:
    """A manual adjustment with its reason: a new grant (with the usual expiry) or a deduction."""
    if not reason.strip():
        raise MembershipError("reason_required")
    at = at or utcnow()
    with store.engine.begin() as conn:
        if points < 0:
            _take_by_hand(conn, customer_id, -points, "adjust", reason, at)
        else:
            _require_customer(conn, customer_id)
            if points == 0:
                raise MembershipError("points_not_positive")
            expires = rules_on(conn).expiry_for(at)
            ledger.write(
                conn, customer_id, "adjust", points, reason=reason, expires_at=expires, created_at=at
            )
            ledger.sync_balances(conn, [customer_id])
        return ledger.balance(conn, customer_id)


def expire_points(store: Store, as_of: datetime | None = None) -> tuple[int, int]:
    """Expire what is left of every grant whose date has passed: (customers, points expired)."""
    as_of = as_of or utcnow()
    with store.engine.begin() as conn:
        ids = (
            conn.execute(
                text(
                    "SELECT DISTINCT customer_id FROM points_ledger WHERE grant_id IS NULL AND points > 0 "
                    "AND expires_at IS NOT NULL AND expires_at <= :t"
                ).bindparams(bindparam("t", type_=DateTime)),
                {"t": as_of},
            )
            .scalars()
            .all()
        )
        total, hit = 0, set()
        for cid in ids:
            n = _expire_customer(conn, cid, as_of)
            if n:
                hit.add(cid)
                total += n
        ledger.sync_balances(conn, hit)
    return len(hit), total
