"""Member tiers: the editor's data, upgrades when orders land, evaluation with 保级, preview, history.

A member's tier is always max(the tier set at their last evaluation, the best level their current
valid orders reached at any order time since then). So upgrades happen at import; an upgrade whose
qualifying orders are later refunded or undone is withdrawn (never below the evaluated tier); a
plain downgrade happens only at evaluation. `target_tiers` is that rule computed from scratch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, insert, select, text, update

from app.models import Customer, Tier, TierChange
from app.models.base import utcnow
from app.models.db import Store
from app.services.membership.ledger import as_datetime
from app.services.membership.messages import MembershipError
from app.services.membership.rules import rules_on
from app.services.membership.tier_rules import Move, Purchases, TierSpec, best_since, evaluate_one, higher

EDITABLE_FIELDS = (
    "rank",
    "name",
    "basis",
    "threshold",
    "keep_threshold",
    "window_days",
    "discount_pct",
    "points_multiplier_pct",
    "benefits",
)


@dataclass(frozen=True)
class TierHistoryRow:
    changed_at: datetime
    kind: str  # upgrade | withdraw | evaluation | manual
    from_tier: str
    to_tier: str
    reason: str
    batch_id: int | None
    as_of: datetime | None


def tiers_on(conn: Connection) -> list[TierSpec]:
    rows = conn.execute(select(Tier.__table__).order_by(Tier.rank)).mappings().all()
    return [TierSpec(t["id"], *(t[f] for f in EDITABLE_FIELDS)) for t in rows]


def list_tiers(store: Store) -> list[TierSpec]:
    with store.session_factory() as s:
        return tiers_on(s.connection())


def _validate(specs: list[TierSpec]) -> None:
    ranks = [t.rank for t in specs]
    for t in specs:
        problem = (
            "name_empty"
            if not t.name.strip()
            else "basis"
            if t.basis not in ("spend", "orders")
            else "threshold"
            if t.threshold < 0 or (t.keep_threshold is not None and t.keep_threshold < 0)
            else "window"
            if t.window_days is not None and t.window_days <= 0
            else "discount"
            if not 1 <= t.discount_pct <= 100
            else "multiplier"
            if t.points_multiplier_pct < 0
            else "rank_twice"
            if ranks.count(t.rank) > 1
            else ""
        )
        if problem:
            raise MembershipError("bad_tier", name=t.name, detail=problem)


def save_tiers(store: Store, specs: list[TierSpec]) -> list[TierSpec]:
    """Replace the tier list with the editor's: rows with an id are updated, others added, the rest removed.

    Members then get the upgrades the new thresholds give them (downgrades wait for the evaluation).
    """
    _validate(specs)
    with store.engine.begin() as conn:
        keep = {t.id for t in specs if t.id is not None}
        conn.execute(delete(Tier).where(Tier.id.not_in(keep)) if keep else delete(Tier))
        conn.execute(update(Tier).values(rank=-Tier.id))  # frees the unique ranks for the swap below
        for t in specs:
            values = {f: getattr(t, f) for f in EDITABLE_FIELDS}
            if t.id is None:
                conn.execute(insert(Tier).values(**values))
            else:
                conn.execute(update(Tier).where(Tier.id == t.id).values(**values))
        apply_tiers(conn, None, batch_id=None)
        return tiers_on(conn)


# ---- from-scratch targets ----------------------------------------------------------------------


def _members(conn: Connection, customer_ids: Iterable[int] | None) -> dict[int, tuple[str, int | None]]:
    q = select(Customer.id, Customer.display_name, Customer.tier_id)
    if rules_on(conn).tier_members_only:
        q = q.where(Customer.is_member.is_(True))
    rows = conn.execute(q).all()
    wanted = None if customer_ids is None else set(customer_ids)
    return {cid: (name, tid) for cid, name, tid in rows if wanted is None or cid in wanted}


def _purchases(conn: Connection, ids: list[int]) -> dict[int, Purchases]:
    found: dict[int, list] = defaultdict(list)
    for i in range(0, len(ids), 500):
        marks = ",".join(str(int(x)) for x in ids[i : i + 500])
        rows = conn.execute(
            text(
                "SELECT customer_id, order_time, net_fen FROM orders "
                "WHERE is_valid AND order_time IS NOT NULL "
                f"AND customer_id IN ({marks})"
            )
        ).all()
        for cid, t, net in rows:
            found[cid].append((as_datetime(t), net))
    return {cid: Purchases.of(found.get(cid, [])) for cid in ids}


def _floors(conn: Connection, ids: list[int]) -> dict[int, tuple[int | None, datetime]]:
    """Each customer's last evaluation: (tier set, as-of date)."""
    rows = conn.execute(
        text("SELECT customer_id, to_tier_id, as_of FROM tier_changes WHERE kind = 'evaluation' ORDER BY id")
    ).all()
    wanted = set(ids)
    return {cid: (tid, as_datetime(at)) for cid, tid, at in rows if cid in wanted}


def target_tiers(conn: Connection, customer_ids: Iterable[int] | None = None) -> dict[int, int | None]:
    """The tier each member should hold now, computed from scratch from orders and evaluations."""
    tiers = tiers_on(conn)
    by_id = {t.id: t for t in tiers}
    members = _members(conn, customer_ids)
    ids = sorted(members)
    buys, floors = _purchases(conn, ids), _floors(conn, ids)
    out = {}
    for cid in ids:
        floor_id, since = floors.get(cid, (None, None))
        best = higher(by_id.get(floor_id), best_since(tiers, buys[cid], since))
        out[cid] = None if best is None else best.id
    return out


def apply_tiers(conn: Connection, customer_ids: Iterable[int] | None, *, batch_id: int | None) -> int:
    """Set each member's tier to its target, recording upgrades and withdrawn upgrades. Returns changes."""
    by_id = {t.id: t for t in tiers_on(conn)}
    if not by_id:
        return 0
    members = _members(conn, customer_ids)
    changes = []
    for cid, tid in target_tiers(conn, members).items():
        current = members[cid][1]
        if current == tid:
            continue
        old, new = by_id.get(current), by_id.get(tid)
        kind = "upgrade" if (new.rank if new else -1) > (old.rank if old else -1) else "withdraw"
        changes.append(_change(cid, current, tid, kind, batch_id=batch_id))
    _record(conn, changes)
    return len(changes)


def _change(cid: int, old: int | None, new: int | None, kind: str, **fields) -> dict:
    return {
        "customer_id": cid,
        "from_tier_id": old,
        "to_tier_id": new,
        "kind": kind,
        "changed_at": utcnow(),
        "reason": "",
        "batch_id": None,
        "as_of": None,
        **fields,
    }


def _record(conn: Connection, changes: list[dict]) -> None:
    """Move the customers and write their history rows, each in one statement."""
    if not changes:
        return
    conn.execute(
        update(Customer.__table__)
        .where(Customer.__table__.c.id == bindparam("cid"))
        .values(tier_id=bindparam("tid")),
        [{"cid": c["customer_id"], "tid": c["to_tier_id"]} for c in changes],
    )
    conn.execute(insert(TierChange), changes)


# ---- evaluation --------------------------------------------------------------------------------


def _moves(conn: Connection, as_of: datetime) -> list[Move]:
    tiers = tiers_on(conn)
    by_id = {t.id: t for t in tiers}
    members = _members(conn, None)
    buys = _purchases(conn, sorted(members))
    return [
        evaluate_one(tiers, buys[cid], by_id.get(tid), as_of, cid, name)
        for cid, (name, tid) in sorted(members.items())
    ]


def preview_evaluation(store: Store, as_of: datetime) -> list[Move]:
    """Who would move up, stay, keep their level (保级) or move down at an evaluation on `as_of`, and why."""
    with store.engine.connect() as conn:
        return _moves(conn, as_of)


def evaluate(store: Store, as_of: datetime) -> list[Move]:
    """Run the evaluation: every member gets an evaluation record (their new floor) and their new tier."""
    with store.engine.begin() as conn:
        moves = _moves(conn, as_of)
        _record(
            conn,
            [
                _change(
                    m.customer_id,
                    m.current.id if m.current else None,
                    m.new.id if m.new else None,
                    "evaluation",
                    as_of=as_of,
                    reason=f"{m.move}:{m.basis}:{m.value}:{m.needed}",
                )
                for m in moves
            ],
        )
        apply_tiers(conn, None, batch_id=None)  # orders after as_of may lift members again
        return moves


def set_tier_by_hand(store: Store, customer_id: int, tier_id: int | None, reason: str) -> None:
    """The owner's own decision; it stands as the member's floor like an evaluation on today's date."""
    with store.engine.begin() as conn:
        old = conn.execute(select(Customer.tier_id).where(Customer.id == customer_id)).scalar_one_or_none()
        _record(
            conn,
            [_change(customer_id, old, tier_id, "evaluation", as_of=utcnow(), reason=f"manual:{reason}")],
        )


def tier_history(store: Store, customer_id: int) -> list[TierHistoryRow]:
    with store.engine.connect() as conn:
        names = {t.id: t.name for t in tiers_on(conn)}
        rows = conn.execute(
            select(TierChange.__table__).where(TierChange.customer_id == customer_id).order_by(TierChange.id)
        ).all()
    return [
        TierHistoryRow(
            r.changed_at,
            r.kind,
            names.get(r.from_tier_id, ""),
            names.get(r.to_tier_id, ""),
            r.reason,
            r.batch_id,
            r.as_of,
        )
        for r in rows
    ]


def with_id(spec: TierSpec, tier_id: int | None) -> TierSpec:
    return replace(spec, id=tier_id)
