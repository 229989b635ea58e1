"""The Members and Coupons pages and the customer panel's membership tab: tier editor, evaluation
preview, issuing a coupon plan to a saved segment. Real store, orders imported through the real importer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox, QTableWidgetItem
from sqlalchemy import text

from app.services.analytics.segments import save_segment
from app.services.membership.coupons import plan_stats
from app.services.membership.members import enrol
from app.services.membership.tier_rules import TierSpec
from app.services.membership.tiers import list_tiers, save_tiers
from app.ui.context import AppContext
from app.ui.pages.coupons_page import CouponsPage
from app.ui.pages.members_page import TIER_COLUMNS, MembersPage
from tests.services.membership.shop import TbOrder, customer, customer_id, import_tb
from tests.ui.conftest import make_window


@pytest.fixture
def shop(store, tmp_path):
    import_tb(
        store,
        tmp_path / "orders.xlsx",
        [
            TbOrder("9000000000000001", "amy", 80000, day="2025-01-10"),
            TbOrder("9000000000000002", "ben", 30000, day="2026-02-01"),
            TbOrder("9000000000000003", "cai", 1000, day="2026-02-01"),
        ],
    )
    ids = {n: customer_id(store, n) for n in ("amy", "ben", "cai")}
    enrol(store, ids.values())
    return store, ids


@pytest.fixture
def ctx(qtbot, shop):
    return AppContext(shop[0])


def _fill_row(page, row, **values):
    for field, value in values.items():
        page.tier_table.setItem(row, TIER_COLUMNS.index(field), QTableWidgetItem(str(value)))


def test_the_tier_editor_saves_levels_and_members_move_up(qtbot, ctx, shop):
    store, ids = shop
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    assert page.tier_table.rowCount() == 0
    page.add_button.click()
    _fill_row(page, 0, rank=1, name="普通", threshold=0)
    page.add_button.click()
    _fill_row(
        page, 1, rank=2, name="银卡", threshold=500, keep_threshold=200, discount_pct=95, benefits="95折"
    )
    with qtbot.waitSignal(page.tiers_saved):
        page.save_button.click()
    saved = list_tiers(store)
    assert [(t.name, t.threshold, t.keep, t.discount_pct) for t in saved] == [
        ("普通", 0, 0, 100),
        ("银卡", 50000, 20000, 95),
    ]
    assert customer(store, ids["amy"]).tier_id == saved[1].id
    assert customer(store, ids["cai"]).tier_id == saved[0].id
    assert page.tier_table.rowCount() == 2  # reloaded from the store, yuan shown again
    assert page.tier_table.item(1, TIER_COLUMNS.index("threshold")).text() == "500"
    assert "3 members of 3 customers" in page.summary.text()


def test_a_bad_number_is_refused_before_anything_is_saved(qtbot, ctx, shop, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text: warned.append(text)))
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    page.add_button.click()
    _fill_row(page, 0, threshold="lots")
    page.save_button.click()
    assert warned and list_tiers(shop[0]) == []


def test_the_preview_lists_who_moves_and_why_without_changing_anyone(qtbot, ctx, shop):
    store, ids = shop
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    for row, values in enumerate(
        [dict(rank=1, name="普通", threshold=0), dict(rank=2, name="银卡", threshold=500, keep_threshold=250)]
    ):
        page.add_button.click()
        _fill_row(page, row, **values)
    page.save_button.click()
    page.as_of.setDate(QDate(2026, 3, 1))
    page.preview_button.click()
    rows = {
        page.preview_table.item(r, 0).text(): [page.preview_table.item(r, c).text() for c in range(1, 5)]
        for r in range(page.preview_table.rowCount())
    }
    assert rows["amy"] == ["银卡", "普通", "Down", "¥0.00 is below the keep threshold ¥250.00"]
    assert rows["ben"][2] == "Stays"
    assert page.preview_counts.text() == "0 up, 0 keep their tier, 1 down"
    assert customer(store, ids["amy"]).tier_id == list_tiers(store)[1].id  # a preview changes nothing


def test_issuing_a_plan_to_a_saved_segment_skips_do_not_contact(qtbot, ctx, shop):
    store, ids = shop
    with store.engine.begin() as c:
        c.execute(text("UPDATE customers SET do_not_contact = 1 WHERE id = :i"), {"i": ids["ben"]})
    segment = save_segment(store, "spent 100+", {"field": "spend", "cmp": ">=", "value": 10000})
    page = CouponsPage(ctx)
    qtbot.addWidget(page)
    page.name.setText("满300减30")
    page.kind.setCurrentIndex(page.kind.findData("threshold"))
    page.value.setValue(30)
    page.threshold.setValue(300)
    page.audience.setCurrentIndex(page.audience.findData("segment"))
    assert page.target.itemData(page.target.findData(segment)) == segment
    page.target.setCurrentIndex(page.target.findData(segment))
    with qtbot.waitSignal(page.issued) as sig:
        page.issue_button.click()
    res = sig.args[0]
    assert (res.issued, res.skipped_do_not_contact) == (1, 1)  # amy in; ben opted out; cai spent too little
    assert "Issued 1" in page.result_label.text()
    stats = plan_stats(store)
    assert [(s.name, s.issued, s.redeemed) for s in stats] == [("满300减30", 1, 0)]
    assert page.plans.rowCount() == 1 and page.plans.item(0, 2).text() == "1"


def test_the_window_lists_members_and_coupons_and_the_customer_panel_shows_the_card(qtbot, shop):
    from app.ui.main_window import COUPONS, MEMBERS

    store, ids = shop
    save_tiers(
        store,
        [TierSpec(None, 1, "普通", threshold=0), TierSpec(None, 2, "银卡", threshold=50000, discount_pct=95)],
    )
    window = make_window(qtbot, store)
    assert [window.nav.item(i).text() for i in (MEMBERS, COUPONS)] == ["Members", "Coupons"]
    window.nav.setCurrentRow(MEMBERS)
    assert isinstance(window.pages.currentWidget(), MembersPage)
    window.nav.setCurrentRow(COUPONS)
    assert isinstance(window.pages.currentWidget(), CouponsPage)
    panel = window.customers.detail
    tab = panel.tabs.indexOf(panel.member_card)
    assert panel.tabs.tabText(tab) == "Membership"
    panel.load(ids["amy"])
    card = panel.member_card
    assert card.tier.value.text() == "银卡 · 95% of price"
    assert card.status.text().startswith("Member since ")
    assert card.coupons.item(0).text() == "No coupons"
    panel.load(None)
    assert card.tier.value.text() == "–"


def test_a_segment_rule_on_the_member_tier_counts_that_tiers_members(qtbot, shop):
    from app.ui.main_window import SEGMENTS

    store, ids = shop
    save_tiers(store, [TierSpec(None, 1, "普通", threshold=0), TierSpec(None, 2, "银卡", threshold=20000)])
    silver = list_tiers(store)[1].id
    window = make_window(qtbot, store)
    window.nav.setCurrentRow(SEGMENTS)
    page = window.segments
    page.builder.set_tree({"op": "and", "rules": []})
    row = page.builder.add_condition()
    row.field_box.setCurrentIndex(row.field_box.findData("tier"))
    assert [row.choice_box.itemText(i) for i in range(row.choice_box.count())] == ["普通", "银卡"]
    row.choice_box.setCurrentIndex(row.choice_box.findData(silver))
    assert page.builder.tree()["rules"] == [{"field": "tier", "cmp": "in", "value": [silver]}]
    qtbot.waitUntil(lambda: page.count == 2)  # amy (¥800) and ben (¥300); cai spent ¥10
    assert {customer(store, ids[n]).tier_id for n in ("amy", "ben")} == {silver}
