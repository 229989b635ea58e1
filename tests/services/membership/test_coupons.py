"""Coupon plans: validation, issuing (limits, do-not-contact, unique codes), redemption matching, stats."""

from datetime import datetime

import pytest
from sqlalchemy import select, update

from app.models import Coupon, Customer
from app.services.importer import undo_import
from app.services.membership import coupons
from app.services.membership.coupons import PlanSpec
from app.services.membership.members import enrol
from app.services.membership.messages import MembershipError
from app.services.membership.tier_rules import TierSpec
from app.services.membership.tiers import list_tiers, save_tiers
from tests.services.membership.shop import customer_id, import_generic

ISSUED = datetime(2026, 5, 1)
FULL_100_MINUS_20 = PlanSpec("满100减20", "threshold", value_fen=2000, threshold_fen=10000, valid_days=30)


def _shop(store, tmp_path, buyers=("ann", "ben", "cat", "dan")):
    rows = [
        (f"G-{i}", b, 5000 * (i + 1), 5000 * (i + 1), 0, "已完成", "2026-04-01 10:00:00", "")
        for i, b in enumerate(buyers)
    ]
    import_generic(store, tmp_path / "first.xlsx", rows)
    ids = {b: customer_id(store, b) for b in buyers}
    enrol(store, ids.values())
    return ids


def _coupons(store):
    with store.session_factory() as s:
        return s.execute(select(Coupon).order_by(Coupon.id)).scalars().all()


@pytest.mark.parametrize(
    ("spec", "detail"),
    [
        (PlanSpec("x", "threshold", value_fen=2000, threshold_fen=1000, valid_days=7), "threshold"),
        (PlanSpec("x", "percent", percent=100, valid_days=7), "percent"),
        (PlanSpec("x", "gift", valid_days=7), "gift"),
        (PlanSpec("x", "fixed", value_fen=500), "validity"),
        (PlanSpec("x", "fixed", value_fen=500, valid_days=7, per_person_limit=0), "limit"),
        (PlanSpec("x", "fixed", value_fen=500, valid_days=7, audience_kind="tier"), "audience"),
    ],
)
def test_a_plan_that_makes_no_sense_is_refused(store, spec, detail):
    with pytest.raises(MembershipError) as err:
        coupons.create_plan(store, spec)
    assert err.value.params["detail"] == detail


def test_issuing_gives_one_unique_code_per_member_and_skips_do_not_contact(store, tmp_path):
    ids = _shop(store, tmp_path)
    with store.session_factory.begin() as s:
        s.execute(update(Customer).where(Customer.id == ids["ben"]).values(do_not_contact=True))
    plan = coupons.create_plan(store, FULL_100_MINUS_20)
    res = coupons.issue_plan(store, plan, at=ISSUED)
    assert (res.issued, res.skipped_do_not_contact, res.skipped_limit) == (3, 1, 0)
    assert len(set(res.codes)) == 3
    held = _coupons(store)
    assert sorted(c.customer_id for c in held) == sorted([ids["ann"], ids["cat"], ids["dan"]])
    assert {c.expires_at for c in held} == {datetime(2026, 5, 31)}
    again = coupons.issue_plan(store, plan, at=ISSUED)  # per-person limit 1: nobody gets a second
    assert (again.issued, again.skipped_limit) == (0, 3)


def test_total_and_per_person_limits(store, tmp_path):
    _shop(store, tmp_path)
    plan = coupons.create_plan(
        store, PlanSpec("无门槛5元", "fixed", value_fen=500, valid_days=7, per_person_limit=2, total_limit=5)
    )
    first = coupons.issue_plan(store, plan, at=ISSUED)
    second = coupons.issue_plan(store, plan, at=ISSUED)
    assert (first.issued, second.issued, second.skipped_total) == (4, 1, 3)
    assert len({c.code for c in _coupons(store)}) == 5


def test_audiences_tier_and_above_new_customers_and_a_segment_list(store, tmp_path):
    save_tiers(store, [TierSpec(None, 1, "普通", threshold=0), TierSpec(None, 2, "银卡", threshold=15000)])
    ids = _shop(store, tmp_path)  # spend 50, 100, 150, 200 yuan: cat and dan are 银卡
    import_generic(
        store, tmp_path / "unpaid.xlsx", [("G-9", "eve", 900, 900, 0, "待付款", "2026-04-02 10:00:00", "")]
    )
    silver = max(t.id for t in list_tiers(store))
    tier_plan = coupons.create_plan(
        store,
        PlanSpec("银卡券", "fixed", value_fen=500, valid_days=7, audience_kind="tier", audience_ref=silver),
    )
    assert coupons.issue_plan(store, tier_plan, at=ISSUED).issued == 2
    new_plan = coupons.create_plan(
        store, PlanSpec("新人券", "fixed", value_fen=500, valid_days=7, audience_kind="new")
    )
    res = coupons.issue_plan(store, new_plan, at=ISSUED)
    assert [c.customer_id for c in _coupons(store) if c.plan_id == new_plan] == [customer_id(store, "eve")]
    assert res.issued == 1
    seg_plan = coupons.create_plan(
        store, PlanSpec("人群券", "fixed", value_fen=500, valid_days=7, audience_kind="segment")
    )
    with pytest.raises(MembershipError):
        coupons.issue_plan(store, seg_plan, at=ISSUED)
    assert coupons.issue_plan(store, seg_plan, [ids["ann"], ids["ben"]], at=ISSUED).issued == 2


def test_redemption_is_matched_by_coupon_column_or_discount_within_the_window(store, tmp_path):
    ids = _shop(store, tmp_path)
    plan = coupons.create_plan(store, FULL_100_MINUS_20)
    coupons.issue_plan(store, plan, at=ISSUED)
    later = import_generic(
        store,
        tmp_path / "later.xlsx",
        [
            ("G-10", "ann", 10000, 12000, 2000, "已付款", "2026-05-03 10:00:00", ""),  # discount matches
            ("G-11", "ben", 9000, 11000, 2000, "已付款", "2026-05-03 10:00:00", "店铺券 满100减20"),  # named
            ("G-12", "cat", 9000, 9000, 0, "已付款", "2026-05-03 10:00:00", ""),  # no discount
            ("G-13", "dan", 10000, 12000, 2000, "已付款", "2026-07-01 10:00:00", ""),  # after expiry
        ],
    )
    redeemed = {c.customer_id: c for c in _coupons(store) if c.redeemed_at}
    assert set(redeemed) == {ids["ann"], ids["ben"]}
    assert redeemed[ids["ann"]].redeemed_batch_id == later.batch_id
    stats = coupons.plan_stats(store)[0]
    assert (stats.issued, stats.redeemed, stats.rate, stats.revenue_fen) == (4, 2, 0.5, 19000)
    undo_import(store, later.batch_id, backup=False)
    assert [c for c in _coupons(store) if c.redeemed_at] == []
    coupons.mark_redeemed(store, _coupons(store)[2].code, at=datetime(2026, 5, 9))
    with pytest.raises(MembershipError) as err:
        coupons.mark_redeemed(store, _coupons(store)[2].code)
    assert err.value.code == "coupon_already_redeemed"
    assert coupons.plan_stats(store)[0].redeemed == 1
