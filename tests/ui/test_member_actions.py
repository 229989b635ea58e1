"""The member card's actions (points, stored value, coupons, statements, enrolment) and the Members page's
rules editor, member-list import and expiry, on a real store with orders imported through the importer.

Dialogs run for real: a zero-delay timer answers the modal dialog the action opened, as the owner would.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from python_calamine import CalamineWorkbook

from app.services.membership import coupons, stored_value
from app.services.membership.coupons import PlanSpec
from app.services.membership.members import MEMBER_TEMPLATE_HEADER, enrol
from app.services.membership.points import adjust
from app.services.membership.rules import DEFAULT_RULES, load_rules, save_rules
from app.services.membership.statements import points_statement, stored_value_statement
from app.services.xlsx_fast import write_xlsx
from app.ui.context import AppContext
from app.ui.pages.coupons_page import CouponsPage
from app.ui.pages.members_page import MembersPage
from app.ui.printing import PrintPreview, make_document
from app.ui.widgets.member_card import MemberCardView
from tests.services.membership.shop import TbOrder, customer, customer_id, import_tb
from tests.ui.conftest import table_snapshot

LEDGERS = ("points_ledger", "stored_value_ledger", "customers")


@pytest.fixture
def shop(store, tmp_path):
    """amy (member, ¥800 spent: 800 points), ben (member), dan (bought, not a member)."""
    import_tb(
        store,
        tmp_path / "orders.xlsx",
        [
            TbOrder("9100000000000001", "amy", 80000, day="2026-01-10"),
            TbOrder("9100000000000002", "ben", 30000, day="2026-02-01"),
            TbOrder("9100000000000003", "dan", 12000, day="2026-02-03"),
        ],
    )
    ids = {n: customer_id(store, n) for n in ("amy", "ben", "dan")}
    enrol(store, [ids["amy"], ids["ben"]])
    return store, ids


@pytest.fixture
def ctx(qtbot, shop):
    return AppContext(shop[0])


@pytest.fixture
def card(qtbot, ctx, shop):
    view = MemberCardView(ctx)
    qtbot.addWidget(view)
    view.load(shop[1]["amy"])
    return view


class Answer:
    """Answers the next modal dialog: `fill(dialog)`, then OK. Records what the dialog said."""

    def __init__(self, fill, *, ok: bool = True) -> None:
        self.fill, self.ok = fill, ok
        self.error = self.note = None
        self.stayed_open = False
        QTimer.singleShot(0, self._answer)

    def _answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        try:
            self.fill(dialog)
            self.note = dialog.note.text()
            if self.ok:
                dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
            self.error = dialog.error.text()
            self.stayed_open = dialog.isVisible()
        finally:
            if dialog.isVisible():
                dialog.reject()


def _balance_text(card) -> tuple[str, str]:
    return card.points.value.text(), card.balance.value.text()


def test_an_adjustment_with_its_reason_changes_the_balance_and_the_ledger(card, shop):
    store, ids = shop
    assert card.points.value.text() == "800"
    refused = Answer(lambda d: d.points.setValue(50))  # no reason given
    card.adjust_action.trigger()
    assert refused.stayed_open and "reason" in refused.error
    assert customer(store, ids["amy"]).points_balance == 800
    Answer(lambda d: (d.points.setValue(-120), d.reason.setText("退货补偿扣回")))
    card.adjust_action.trigger()
    assert card.points.value.text() == "680"
    last = points_statement(store, ids["amy"])[-1]
    assert (last.kind, last.points, last.balance, last.reason) == ("adjust", -120, 680, "退货补偿扣回")


def test_redeeming_more_than_the_balance_is_refused_and_nothing_is_written(card, shop):
    store, ids = shop
    before = table_snapshot(store, *LEDGERS)
    refused = Answer(lambda d: d.points.setValue(801))
    card.redeem_action.trigger()
    assert refused.stayed_open
    assert refused.error == "The customer has only 800 points; 801 cannot be redeemed."
    assert table_snapshot(store, *LEDGERS) == before
    Answer(lambda d: (d.points.setValue(300), d.reason.setText("换购")))
    card.redeem_action.trigger()
    assert card.points.value.text() == "500"
    assert points_statement(store, ids["amy"])[-1].kind == "redeem"


def test_a_top_up_shows_the_bonus_before_it_is_confirmed(card, shop):
    store, ids = shop
    save_rules(store, stored_value_bonus="[[50000, 3000], [100000, 10000]]")
    shown = Answer(lambda d: (d.paid.setValue(1000), d.reference.setText("wx-88")))
    card.topup_action.trigger()
    assert shown.note == "Bonus: ¥100.00. Balance after the top-up: ¥1,100.00."
    assert card.balance.value.text() == "¥1,100.00"
    lines = stored_value_statement(store, ids["amy"])
    assert [(ln.kind, ln.amount_fen, ln.reference) for ln in lines] == [
        ("topup", 100000, "wx-88"),
        ("bonus", 10000, "wx-88"),
    ]
    cancelled = Answer(lambda d: d.paid.setValue(600), ok=False)
    card.topup_action.trigger()
    assert cancelled.note.startswith("Bonus: ¥30.00.")
    assert customer(store, ids["amy"]).stored_value_fen == 110000  # cancelled: nothing written


def test_spending_and_refunding_a_spending(card, shop):
    store, ids = shop
    stored_value.top_up(store, ids["amy"], 50000)
    card.load(ids["amy"])
    too_much = Answer(lambda d: d.amount.setValue(500.01))
    card.spend_action.trigger()
    assert too_much.stayed_open and too_much.error == "The balance is only ¥500.00."
    Answer(lambda d: (d.amount.setValue(320), d.reference.setText("order 77")))
    card.spend_action.trigger()
    assert card.balance.value.text() == "¥180.00"

    def part_refund(d):
        assert d.spending.count() == 1 and d.amount.value() == 320  # the whole spending by default
        d.amount.setValue(100)

    Answer(part_refund)
    card.refund_action.trigger()
    assert card.balance.value.text() == "¥280.00"
    over = Answer(lambda d: d.amount.setValue(220.01))
    card.refund_action.trigger()
    assert over.error == "At most ¥220.00 of this spending can be refunded."
    assert [s.refundable_fen for s in stored_value.spendings(store, ids["amy"])] == [22000]


def test_statements_close_on_the_balance_the_card_shows_and_save_as_pdf(card, shop, tmp_path, monkeypatch):
    store, ids = shop
    adjust(store, ids["amy"], 35, "生日礼")
    stored_value.top_up(store, ids["amy"], 100000)
    stored_value.spend(store, ids["amy"], 12345)
    card.ctx.set_setting("shop_name", "小满的店")
    card.load(ids["amy"])
    points_shown, value_shown = _balance_text(card)
    assert (points_shown, value_shown) == ("835", "¥976.55")
    for action, shown in (
        (card.points_statement_action, points_shown),
        (card.value_statement_action, value_shown),
    ):
        action.trigger()
        preview = card.preview
        assert isinstance(preview, PrintPreview)
        text = make_document(preview.html).toPlainText()
        assert text.rstrip().endswith(f"Closing balance\n{shown}")
        assert "小满的店" in text and "Customer: amy" in text
        preview.close()
    pdf = tmp_path / "积分对账单.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(pdf), "")))
    card.points_pdf_action.trigger()
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1024
    card.value_statement_action.trigger()
    other = tmp_path / "from-preview"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(other), "")))
    card.preview.pdf_action.trigger()
    assert card.preview.saved == tmp_path / "from-preview.pdf"
    assert card.preview.saved.read_bytes().startswith(b"%PDF")


def test_marking_a_held_coupon_used_counts_in_the_plan_stats(qtbot, card, shop, monkeypatch):
    store, ids = shop
    plan = coupons.create_plan(
        store, PlanSpec("满300减30", "threshold", value_fen=3000, threshold_fen=30000, valid_days=30)
    )
    assert coupons.issue_plan(store, plan, [ids["amy"]]).issued == 1
    page = CouponsPage(card.ctx)
    qtbot.addWidget(page)
    card.load(ids["amy"])
    assert not card.use_coupon_button.isEnabled()
    card.coupons.setCurrentRow(0)
    assert card.use_coupon_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes))
    card.use_coupon_button.click()
    assert [(s.issued, s.redeemed, s.rate) for s in coupons.plan_stats(store)] == [(1, 1, 1.0)]
    assert page.plans.item(0, 3).text() == "1"  # the Coupons page followed ctx.data_changed
    assert "used " in card.coupons.item(0).text()
    card.coupons.setCurrentRow(0)
    assert not card.use_coupon_button.isEnabled()  # a used coupon cannot be used again


def test_a_non_member_is_enrolled_from_the_card_and_the_tier_history_is_listed(qtbot, ctx, shop):
    from app.services.membership.tier_rules import TierSpec
    from app.services.membership.tiers import save_tiers

    store, ids = shop
    save_tiers(store, [TierSpec(None, 1, "普通", threshold=0), TierSpec(None, 2, "银卡", threshold=10000)])
    view = MemberCardView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.load(ids["dan"])
    assert view.status.text() == "Not a member" and view.enrol_button.isVisible()
    with qtbot.waitSignal(ctx.data_changed):
        view.enrol_button.click()
    assert customer(store, ids["dan"]).is_member
    assert view.status.text().startswith("Member since ") and not view.enrol_button.isVisible()
    assert view.points.value.text() == "120"  # his order earns once he is a member
    assert view.tier.value.text() == "银卡"
    assert [view.history.item(i).text().split("  ", 1)[1] for i in range(view.history.count())] == [
        "no tier → 银卡  (upgrade at import)"
    ]


def test_the_rules_editor_round_trips_and_refuses_a_bad_bonus_table(qtbot, ctx, shop):
    store, _ids = shop
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    rules = page.rules
    assert rules.values()["stored_value_bonus"] == DEFAULT_RULES.stored_value_bonus
    rules.per_yuan.setValue(2)
    rules.members_only.setChecked(False)
    rules.expiry.setCurrentIndex(rules.expiry.findData("days"))
    rules.expiry_days.setValue(90)
    rules.eval_month.setValue(7)
    rules.eval_day.setValue(1)
    rules.bonus.setRowCount(0)
    for pay, bonus in (("1000", "110"), ("500", "30")):
        rules.add_step_button.click()
        row = rules.bonus.rowCount() - 1
        rules.bonus.item(row, 0).setText(pay)
        rules.bonus.item(row, 1).setText(bonus)
    with qtbot.waitSignal(rules.rules_saved):
        rules.save_button.click()
    saved = load_rules(store)
    assert (saved.points_per_yuan, saved.points_members_only, saved.points_expiry) == (2, False, "days:90")
    assert saved.tier_evaluation_day == "07-01"
    assert saved.bonus_steps() == [(50000, 3000), (100000, 11000)]
    again = MembersPage(ctx)
    qtbot.addWidget(again)
    assert again.rules.values() == rules.values()
    assert again.rules.bonus.item(1, 0).text() == "1000"
    rules.bonus.item(0, 1).setText("lots")
    rules.save_button.click()
    assert rules.problem.text() == "Row 1: both amounts must be numbers."
    rules.bonus.item(0, 1).setText("30")
    rules.bonus.item(1, 0).setText("500")
    rules.save_button.click()
    assert rules.problem.text() == "Two steps start at ¥500.00."
    assert load_rules(store) == saved


def test_a_member_list_filled_in_on_the_saved_template_enrols_everyone(
    qtbot, ctx, shop, tmp_path, monkeypatch
):
    store, ids = shop
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    template = tmp_path / "会员模板"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(template), "")))
    page.lists.template_button.click()
    saved = template.with_suffix(".xlsx")
    header = CalamineWorkbook.from_path(str(saved)).get_sheet_by_index(0).to_python()[0]
    assert tuple(header) == MEMBER_TEMPLATE_HEADER
    filled = write_xlsx(
        tmp_path / "members.xlsx",
        [
            header,
            ("", "dan", "", "", "2026-02-10"),
            ("", "amy", "", "", ""),
            ("", "newbie", "13900000078", "", ""),
        ],
        sheet_name="members",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(filled), "")))
    page.lists.platform.setCurrentIndex(page.lists.platform.findData("taobao"))  # nicknames are Taobao's
    with qtbot.waitSignal(page.lists.imported) as sig:
        page.lists.import_button.click()
    res = sig.args[0]
    assert (res.rows, res.enrolled, res.already_members, res.created) == (3, 2, 1, 1)
    assert page.lists.result_label.text().startswith("3 rows: 2 newly enrolled, 1 already members")
    dan = customer(store, ids["dan"])
    assert dan.is_member and dan.member_since.date().isoformat() == "2026-02-10"
    assert "4 members of 4 customers" in page.summary.text()


def test_expire_points_now_takes_what_has_expired_and_says_how_much(qtbot, ctx, shop, monkeypatch):
    store, ids = shop
    adjust(store, ids["ben"], 40, "老积分", at=datetime(2020, 5, 1))  # expired at the end of 2021
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(page.rules.expired) as sig:
        page.rules.expire_button.click()
    assert sig.args == [1, 40]
    assert page.rules.expire_result.text() == "40 points expired for 1 customers."
    assert customer(store, ids["ben"]).points_balance == 300  # his order's points are still valid
