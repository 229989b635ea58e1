"""The points ledger: earning, reversal exactly once, redemption FIFO, adjustment, expiry, rule changes."""

from datetime import datetime

import pytest
from sqlalchemy import select

from app.models import PointsEntry
from app.services.importer import undo_import
from app.services.membership import points
from app.services.membership.members import enrol
from app.services.membership.messages import MembershipError
from app.services.membership.rules import save_rules
from app.services.membership.statements import points_statement
from app.services.membership.tier_rules import TierSpec
from app.services.membership.tiers import save_tiers
from tests.services.membership.shop import CLOSED, COMPLETED, PAID, TbOrder, customer, customer_id, import_tb

A1, A2, A3 = "3000000000000001", "3000000000000002", "3000000000000003"


def _entries(store, cid=None):
    with store.session_factory() as s:
        q = select(PointsEntry.kind, PointsEntry.points, PointsEntry.order_key).order_by(PointsEntry.id)
        if cid is not None:
            q = q.where(PointsEntry.customer_id == cid)
        return [tuple(r) for r in s.execute(q)]


def _member_alice(store, tmp_path, orders):
    import_tb(store, tmp_path / "first.xlsx", orders)
    cid = customer_id(store, "alice")
    enrol(store, [cid])
    return cid


def test_a_member_earns_one_point_per_yuan_on_completed_orders_only(store, tmp_path):
    cid = _member_alice(store, tmp_path, [TbOrder(A1, "alice", 12345), TbOrder(A2, "alice", 5000, PAID)])
    assert _entries(store) == [("earn", 123, f"taobao|{A1}")]
    assert customer(store, cid).points_balance == 123
    import_tb(store, tmp_path / "later.xlsx", [TbOrder(A2, "alice", 5000, COMPLETED)])
    assert _entries(store)[-1] == ("earn", 50, f"taobao|{A2}")
    assert customer(store, cid).points_balance == 173


def test_non_members_earn_nothing_unless_the_rule_says_everyone(store, tmp_path):
    import_tb(store, tmp_path / "a.xlsx", [TbOrder(A1, "bob", 10000)])
    assert _entries(store) == []
    save_rules(store, points_members_only=False)
    import_tb(store, tmp_path / "b.xlsx", [TbOrder(A2, "bob", 20000)])
    assert _entries(store) == [("earn", 200, f"taobao|{A2}")]


def test_refund_reverses_exactly_once_even_when_the_export_is_imported_twice(store, tmp_path):
    cid = _member_alice(store, tmp_path, [TbOrder(A1, "alice", 30000)])
    refunded = [TbOrder(A1, "alice", 30000, CLOSED, refund_fen=30000)]
    import_tb(store, tmp_path / "refund.xlsx", refunded)
    import_tb(store, tmp_path / "refund.xlsx", refunded)
    assert _entries(store) == [("earn", 300, f"taobao|{A1}"), ("reverse", -300, f"taobao|{A1}")]
    assert customer(store, cid).points_balance == 0


def test_undoing_the_refund_restores_and_importing_it_again_reverses_again(store, tmp_path):
    cid = _member_alice(store, tmp_path, [TbOrder(A1, "alice", 30000)])
    refunded = [TbOrder(A1, "alice", 30000, CLOSED, refund_fen=30000)]
    refund = import_tb(store, tmp_path / "refund.xlsx", refunded)
    undo_import(store, refund.batch_id, backup=False)
    assert customer(store, cid).points_balance == 300
    import_tb(store, tmp_path / "refund.xlsx", [TbOrder(A1, "alice", 30000, CLOSED, refund_fen=30000)])
    kinds = [k for k, _, _ in _entries(store)]
    assert kinds == ["earn", "reverse", "restore", "reverse"]
    assert customer(store, cid).points_balance == 0


def test_undoing_the_batch_that_brought_the_order_voids_its_points(store, tmp_path):
    save_rules(store, points_members_only=False)
    first = import_tb(store, tmp_path / "a.xlsx", [TbOrder(A1, "carol", 10000)])
    cid = customer_id(store, "carol")
    undo_import(store, first.batch_id, backup=False)
    assert _entries(store, cid) == [("earn", 100, f"taobao|{A1}"), ("void", -100, f"taobao|{A1}")]
    assert customer(store, cid).points_balance == 0


def test_a_partial_refund_takes_back_its_share_of_the_grant(store, tmp_path):
    cid = _member_alice(store, tmp_path, [TbOrder(A1, "alice", 40000)])
    import_tb(store, tmp_path / "part.xlsx", [TbOrder(A1, "alice", 40000, COMPLETED, refund_fen=10000)])
    assert _entries(store)[-1] == ("reverse", -100, f"taobao|{A1}")
    assert customer(store, cid).points_balance == 300


def test_tier_multiplier_applies_and_a_rule_change_touches_new_grants_only(store, tmp_path):
    save_tiers(store, [TierSpec(None, 1, "gold", threshold=0, points_multiplier_pct=150)])
    cid = _member_alice(store, tmp_path, [TbOrder(A1, "alice", 10000)])
    save_rules(store, points_per_yuan=2)
    import_tb(store, tmp_path / "b.xlsx", [TbOrder(A2, "alice", 10000)])
    assert [p for _, p, _ in _entries(store)] == [150, 300]
    import_tb(store, tmp_path / "c.xlsx", [TbOrder(A1, "alice", 10000, CLOSED, refund_fen=10000)])
    assert _entries(store)[-1] == ("reverse", -150, f"taobao|{A1}")  # what was granted, not today's rate
    assert customer(store, cid).points_balance == 300


def test_grants_expire_at_the_end_of_next_year_and_redemption_takes_the_oldest_first(store, tmp_path):
    cid = _member_alice(
        store,
        tmp_path,
        [TbOrder(A1, "alice", 10000, day="2025-05-01"), TbOrder(A2, "alice", 20000, day="2026-02-01")],
    )
    with store.session_factory() as s:
        expiries = s.execute(select(PointsEntry.expires_at).order_by(PointsEntry.id)).scalars().all()
    assert expiries == [datetime(2026, 12, 31, 23, 59, 59), datetime(2027, 12, 31, 23, 59, 59)]
    assert points.redeem(store, cid, 150, "gift", at=datetime(2026, 6, 1)) == 150
    with store.session_factory() as s:
        taken = s.execute(
            select(PointsEntry.grant_id, PointsEntry.points)
            .where(PointsEntry.kind == "redeem")
            .order_by(PointsEntry.id)
        ).all()
        grants = s.execute(select(PointsEntry.id).where(PointsEntry.kind == "earn").order_by(PointsEntry.id))
        g1, g2 = grants.scalars().all()
    assert [tuple(t) for t in taken] == [(g1, -100), (g2, -50)]
    assert points.expire_points(store, datetime(2028, 1, 1)) == (1, 150)
    assert customer(store, cid).points_balance == 0


def test_expired_points_cannot_be_redeemed(store, tmp_path):
    cid = _member_alice(store, tmp_path, [TbOrder(A1, "alice", 10000, day="2025-05-01")])
    with pytest.raises(MembershipError) as err:
        points.redeem(store, cid, 10, at=datetime(2027, 1, 2))
    assert err.value.code == "points_insufficient"
    assert customer(store, cid).points_balance == 100  # refused: nothing changed
    assert points.expire_points(store, datetime(2027, 1, 2)) == (1, 100)
    assert customer(store, cid).points_balance == 0


def test_manual_adjustment_needs_a_reason_and_cannot_overdraw(store, tmp_path):
    cid = _member_alice(store, tmp_path, [TbOrder(A1, "alice", 10000)])
    with pytest.raises(MembershipError) as err:
        points.adjust(store, cid, 50, " ")
    assert err.value.code == "reason_required"
    assert points.adjust(store, cid, 50, "birthday") == 150
    assert points.adjust(store, cid, -120, "typo fixed") == 30
    with pytest.raises(MembershipError) as err:
        points.adjust(store, cid, -31, "too much")
    assert err.value.code == "points_insufficient"
    reasons = [line.reason for line in points_statement(store, cid) if line.kind == "adjust"]
    assert reasons == ["birthday", "typo fixed"]


def test_a_refund_after_the_points_were_spent_never_drives_the_balance_negative(store, tmp_path):
    cid = _member_alice(store, tmp_path, [TbOrder(A1, "alice", 10000), TbOrder(A2, "alice", 3000)])
    points.redeem(store, cid, 110, "voucher")
    import_tb(store, tmp_path / "r.xlsx", [TbOrder(A1, "alice", 10000, CLOSED, refund_fen=10000)])
    lines = points_statement(store, cid)
    assert customer(store, cid).points_balance == 0
    assert (lines[-1].kind, lines[-1].uncovered) == ("reverse", 80)
    assert all(line.balance >= 0 for line in lines)
    import_tb(store, tmp_path / "back.xlsx", [TbOrder(A1, "alice", 10000, COMPLETED)])
    assert customer(store, cid).points_balance == 20  # the uncovered 80 is forgiven first, then 20 return


def test_statement_rows_carry_a_running_balance(store, tmp_path):
    cid = _member_alice(store, tmp_path, [TbOrder(A1, "alice", 10000), TbOrder(A3, "alice", 2000)])
    points.redeem(store, cid, 30)
    assert [(ln.kind, ln.points, ln.balance) for ln in points_statement(store, cid)] == [
        ("earn", 100, 100),
        ("earn", 20, 120),
        ("redeem", -30, 90),
    ]


def test_statement_lines_name_when_their_order_was_placed(store, tmp_path):
    cid = _member_alice(store, tmp_path, [TbOrder(A1, "alice", 10000, day="2026-01-05")])
    points.adjust(store, cid, 5, "welcome")
    earn, adjust = points_statement(store, cid)
    with store.engine.connect() as conn:
        placed = conn.exec_driver_sql("SELECT order_time FROM orders WHERE order_no = ?", (A1,)).scalar_one()
    assert earn.order_at is not None and str(earn.order_at)[:10] == str(placed)[:10] == "2026-01-05"
    assert adjust.order_at is None
