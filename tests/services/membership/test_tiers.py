"""Tiers: upgrades at import, no downgrade until the evaluation, 保级, the preview and history."""

from datetime import datetime

import pytest

from app.services.importer import undo_import
from app.services.membership.members import enrol
from app.services.membership.messages import MembershipError
from app.services.membership.tier_rules import TierSpec
from app.services.membership.tiers import (
    evaluate,
    list_tiers,
    preview_evaluation,
    save_tiers,
    set_tier_by_hand,
    tier_history,
)
from tests.services.membership.shop import CLOSED, PAID, TbOrder, customer, customer_id, import_tb

SILVER_GOLD = [
    TierSpec(None, 1, "普通会员", threshold=0),
    TierSpec(None, 2, "银卡", threshold=50000, keep_threshold=30000, discount_pct=95, benefits="95折"),
    TierSpec(None, 3, "金卡", threshold=200000, discount_pct=90, benefits="9折 包邮"),
]


def _tier_names(store):
    return {t.id: t.name for t in list_tiers(store)}


def _tier_of(store, cid):
    return _tier_names(store).get(customer(store, cid).tier_id)


def _member(store, tmp_path, orders, name="alice"):
    import_tb(store, tmp_path / "first.xlsx", orders)
    cid = customer_id(store, name)
    enrol(store, [cid])
    return cid


def test_the_editor_saves_ordered_levels_and_refuses_bad_ones(store):
    saved = save_tiers(store, SILVER_GOLD)
    assert [(t.rank, t.name, t.threshold, t.keep) for t in saved] == [
        (1, "普通会员", 0, 0),
        (2, "银卡", 50000, 30000),
        (3, "金卡", 200000, 200000),
    ]
    # re-ranking swaps ranks in place; a removed level disappears
    silver, gold = saved[1], saved[2]
    again = save_tiers(
        store, [TierSpec(gold.id, 2, "金卡", threshold=200000), TierSpec(silver.id, 1, "银卡")]
    )
    assert [(t.id, t.rank) for t in again] == [(silver.id, 1), (gold.id, 2)]
    for bad, detail in [
        (TierSpec(None, 1, " "), "name_empty"),
        (TierSpec(None, 1, "x", basis="visits"), "basis"),
        (TierSpec(None, 1, "x", discount_pct=0), "discount"),
    ]:
        with pytest.raises(MembershipError) as err:
            save_tiers(store, [bad])
        assert err.value.params["detail"] == detail
    with pytest.raises(MembershipError):
        save_tiers(store, [TierSpec(None, 1, "a"), TierSpec(None, 1, "b")])


def test_enrolment_gives_the_level_the_orders_reach_and_an_import_upgrades(store, tmp_path):
    save_tiers(store, SILVER_GOLD)
    cid = _member(store, tmp_path, [TbOrder("5000000000000001", "alice", 60000)])
    assert _tier_of(store, cid) == "银卡"
    import_tb(
        store, tmp_path / "b.xlsx", [TbOrder("5000000000000002", "alice", 150000, PAID, day="2026-04-01")]
    )
    assert _tier_of(store, cid) == "金卡"
    kinds = [(h.kind, h.from_tier, h.to_tier) for h in tier_history(store, cid)]
    assert kinds == [("upgrade", "", "银卡"), ("upgrade", "银卡", "金卡")]
    assert tier_history(store, cid)[-1].batch_id is not None


def test_orders_count_basis_and_rolling_window_never_downgrade_at_import(store, tmp_path):
    save_tiers(store, [TierSpec(None, 1, "常客", basis="orders", threshold=2, window_days=30)])
    cid = _member(
        store,
        tmp_path,
        [
            TbOrder("5100000000000001", "alice", 1000, day="2026-01-01"),
            TbOrder("5100000000000002", "alice", 1000, day="2026-01-20"),
        ],
    )
    assert _tier_of(store, cid) == "常客"
    # months later one more order: the 30-day window now holds one order, but only an evaluation downgrades
    import_tb(store, tmp_path / "b.xlsx", [TbOrder("5100000000000003", "alice", 1000, day="2026-06-01")])
    assert _tier_of(store, cid) == "常客"
    moves = preview_evaluation(store, datetime(2026, 6, 2))
    assert [(m.move, m.basis, m.value, m.needed) for m in moves] == [("down", "orders", 1, 2)]
    assert _tier_of(store, cid) == "常客"  # a preview changes nothing
    evaluate(store, datetime(2026, 6, 2))
    assert _tier_of(store, cid) is None


def test_an_upgrade_whose_order_is_refunded_is_withdrawn_and_its_undo_restores_it(store, tmp_path):
    save_tiers(store, SILVER_GOLD)
    cid = _member(store, tmp_path, [TbOrder("5200000000000001", "alice", 10000)])
    up = import_tb(store, tmp_path / "b.xlsx", [TbOrder("5200000000000002", "alice", 60000)])
    assert _tier_of(store, cid) == "银卡"
    refund = import_tb(
        store, tmp_path / "c.xlsx", [TbOrder("5200000000000002", "alice", 60000, CLOSED, 60000)]
    )
    assert _tier_of(store, cid) == "普通会员"
    undo_import(store, refund.batch_id, backup=False)
    assert _tier_of(store, cid) == "银卡"
    undo_import(store, up.batch_id, backup=False)
    assert _tier_of(store, cid) == "普通会员"
    assert [h.kind for h in tier_history(store, cid)] == [
        "upgrade",
        "upgrade",
        "withdraw",
        "upgrade",
        "withdraw",
    ]


def test_evaluation_keeps_a_member_above_the_keep_threshold_and_is_the_new_floor(store, tmp_path):
    save_tiers(store, SILVER_GOLD)
    cid = _member(
        store,
        tmp_path,
        [
            TbOrder("5300000000000001", "alice", 60000, day="2025-01-15"),
            TbOrder("5300000000000002", "alice", 35000, day="2026-02-01"),
        ],
    )
    bob = _member(store, tmp_path, [TbOrder("5300000000000003", "bob", 55000, day="2025-02-01")], "bob")
    moves = {m.customer_id: m for m in preview_evaluation(store, datetime(2026, 3, 1))}
    assert (moves[cid].move, moves[cid].value, moves[cid].needed) == ("keep", 35000, 30000)
    assert (moves[bob].move, moves[bob].new.name) == ("down", "普通会员")
    evaluate(store, datetime(2026, 3, 1))
    assert (_tier_of(store, cid), _tier_of(store, bob)) == ("银卡", "普通会员")
    history = tier_history(store, bob)[-1]
    assert (history.kind, history.as_of, history.reason) == (
        "evaluation",
        datetime(2026, 3, 1),
        "down:spend:0:30000",
    )
    # after the evaluation, bob's old spend no longer lifts him; a new order does
    import_tb(store, tmp_path / "d.xlsx", [TbOrder("5300000000000004", "bob", 50000, day="2026-03-05")])
    assert _tier_of(store, bob) == "银卡"


def test_a_tier_set_by_hand_stands_as_the_floor(store, tmp_path):
    save_tiers(store, SILVER_GOLD)
    cid = _member(store, tmp_path, [TbOrder("5400000000000001", "alice", 100)])
    gold = next(t for t in list_tiers(store) if t.name == "金卡")
    set_tier_by_hand(store, cid, gold.id, "VIP friend")
    import_tb(store, tmp_path / "b.xlsx", [TbOrder("5400000000000002", "alice", 100)])
    assert _tier_of(store, cid) == "金卡"
    assert tier_history(store, cid)[-1].reason == "manual:VIP friend"


def test_the_evaluation_day_is_a_setting_and_the_next_one_is_known(store):
    from datetime import date

    from app.services.membership.rules import load_rules, save_rules

    assert load_rules(store).next_evaluation(date(2026, 5, 1)) == date(2027, 1, 1)
    rules = save_rules(store, tier_evaluation_day="07-01")
    assert rules.next_evaluation(date(2026, 5, 1)) == date(2026, 7, 1)
    assert rules.next_evaluation(date(2026, 7, 1)) == date(2027, 7, 1)
    assert save_rules(store, tier_evaluation_day="02-29").next_evaluation(date(2026, 3, 1)) == date(
        2027, 2, 28
    )
    with pytest.raises(KeyError):
        save_rules(store, no_such_rule=1)
