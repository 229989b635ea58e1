"""The customer panel's membership tab: tier, points, stored value, coupons held and tier history,
with the owner's actions (enrol, points, stored value, coupons used) and printable statements.

Every action is one service call run as a write task; afterwards the card reloads and
ctx.data_changed tells the pages.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.membership import coupons, members, points, rules, statements, stored_value, tiers
from app.ui import printing
from app.ui.dialogs import member_dialogs as dlg
from app.ui.labels import day, error_text, yuan
from app.ui.tasks import run_task
from app.ui.widgets.common import FigureCard, muted


def _load(store, customer_id: int):
    return members.member_card(store, customer_id), tiers.tier_history(store, customer_id)


class MemberCardView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self.card = None
        self.preview: printing.PrintPreview | None = None
        self.status = muted()
        self.enrol_button = QPushButton(self.tr("Enrol as member"))
        self.enrol_button.clicked.connect(self.enrol)
        self.tier = FigureCard(self.tr("Tier"), compact=True)
        self.points = FigureCard(self.tr("Points"), compact=True)
        self.balance = FigureCard(self.tr("Stored value"), compact=True)
        self.coupons = QListWidget()
        self.coupons.currentItemChanged.connect(self._coupon_chosen)
        self.use_coupon_button = QPushButton(self.tr("Mark coupon used"))
        self.use_coupon_button.clicked.connect(self.mark_coupon_used)
        self.history = QListWidget()
        self._build()
        self._set_enabled(False)

    # ---- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.enrol_button)
        grid = QGridLayout()
        for i, card in enumerate((self.tier, self.points, self.balance)):
            grid.addWidget(card, 0, i)
        coupon_row = QHBoxLayout()
        coupon_row.addWidget(muted(self.tr("Coupons held")), 1)
        coupon_row.addWidget(self.use_coupon_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(grid)
        lay.addLayout(self._action_row())
        lay.addLayout(coupon_row)
        lay.addWidget(self.coupons, 3)
        lay.addWidget(muted(self.tr("Tier history")))
        lay.addWidget(self.history, 2)

    def _action_row(self) -> QHBoxLayout:
        self.points_button = QPushButton(self.tr("Points"))
        menu = QMenu(self.points_button)
        self.adjust_action = menu.addAction(self.tr("Adjust points…"), self.adjust_points)
        self.redeem_action = menu.addAction(self.tr("Redeem points…"), self.redeem_points)
        menu.addSeparator()
        self.points_statement_action = menu.addAction(
            self.tr("Points statement…"), lambda: self.show_statement("points")
        )
        self.points_pdf_action = menu.addAction(
            self.tr("Save points statement as PDF…"), lambda: self.save_statement("points")
        )
        self.points_button.setMenu(menu)
        self.value_button = QPushButton(self.tr("Stored value"))
        menu = QMenu(self.value_button)
        self.topup_action = menu.addAction(self.tr("Top up…"), self.top_up)
        self.spend_action = menu.addAction(self.tr("Spend…"), self.spend)
        self.refund_action = menu.addAction(self.tr("Refund spend…"), self.refund_spend)
        menu.addSeparator()
        self.value_statement_action = menu.addAction(
            self.tr("Stored-value statement…"), lambda: self.show_statement("value")
        )
        self.value_pdf_action = menu.addAction(
            self.tr("Save stored-value statement as PDF…"), lambda: self.save_statement("value")
        )
        self.value_button.setMenu(menu)
        row = QHBoxLayout()
        row.addWidget(self.points_button)
        row.addWidget(self.value_button)
        row.addStretch(1)
        return row

    def _set_enabled(self, on: bool) -> None:
        for w in (self.points_button, self.value_button):
            w.setEnabled(on)
        self.enrol_button.setVisible(on and self.card is not None and not self.card.is_member)
        self._coupon_chosen(self.coupons.currentItem())

    # ---- showing --------------------------------------------------------------------------------

    def load(self, customer_id: int | None) -> None:
        self.customer_id = customer_id
        if customer_id is None:
            self.show_card(None)
            return
        store = self.ctx.store
        run_task(lambda: _load(store, customer_id), on_result=self._loaded)

    def _loaded(self, result) -> None:
        card, history = result
        self.show_card(card)
        if card is not None and card.customer_id == self.customer_id:
            self.show_history(history)

    def show_card(self, card) -> None:
        self.coupons.clear()
        self.history.clear()
        if card is None or card.customer_id != self.customer_id:
            self.card = None
            for figure in (self.tier, self.points, self.balance):
                figure.set_value("–")
            self.status.setText("")
            self._set_enabled(False)
            return
        self.card = card
        if card.is_member:
            self.status.setText(self.tr("Member since %1").replace("%1", day(card.member_since) or "–"))
        else:
            self.status.setText(self.tr("Not a member"))
        tier = card.tier or self.tr("No tier")
        if card.tier and card.discount_pct < 100:
            tier += " · " + self.tr("%1% of price").replace("%1", str(card.discount_pct))
        self.tier.set_value(tier)
        self.points.set_value(f"{card.points:,}")
        self.balance.set_value(yuan(card.stored_value_fen))
        self._show_coupons(card.coupons)
        self._set_enabled(True)

    def _show_coupons(self, held) -> None:
        for c in held:
            if c.redeemed_at is not None:
                state = self.tr("used %1").replace("%1", day(c.redeemed_at))
            elif c.expires_at is not None:
                state = self.tr("valid until %1").replace("%1", day(c.expires_at))
            else:
                state = self.tr("valid")
            item = QListWidgetItem(f"{c.plan}  ·  {c.code}  ·  {state}")
            item.setData(Qt.ItemDataRole.UserRole, c.code if c.redeemed_at is None else None)
            self.coupons.addItem(item)
        if not held:
            self.coupons.addItem(self.tr("No coupons"))

    def show_history(self, rows) -> None:
        for r in reversed(rows):  # newest first
            kind = {
                "upgrade": self.tr("upgrade at import"),
                "withdraw": self.tr("import undone"),
                "evaluation": self.tr("evaluation"),
            }.get(r.kind, r.kind)
            if r.reason.startswith("manual:"):
                kind = self.tr("set by hand: %1").replace("%1", r.reason[len("manual:") :])
            none = self.tr("no tier")
            move = f"{r.from_tier or none} → {r.to_tier or none}"
            self.history.addItem(f"{day(r.changed_at)}  {move}  ({kind})")
        if not rows:
            self.history.addItem(self.tr("No tier changes yet"))

    def _coupon_chosen(self, item) -> None:
        code = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.use_coupon_button.setEnabled(self.card is not None and bool(code))

    # ---- writing --------------------------------------------------------------------------------

    def _write(self, fn: Callable[[], object]) -> None:
        run_task(fn, on_result=self._written, on_error=self._fail, write=True)

    def _written(self, _result) -> None:
        self.load(self.customer_id)
        self.ctx.data_changed.emit()

    def _fail(self, exc: Exception) -> None:
        QMessageBox.warning(self, self.tr("Membership"), error_text(exc))

    def _ask(self, dialog: QDialog) -> bool:
        return self.card is not None and dialog.exec() == QDialog.DialogCode.Accepted

    def enrol(self) -> None:
        store, cid = self.ctx.store, self.customer_id
        self._write(lambda: members.enrol(store, [cid]))

    def adjust_points(self) -> None:
        d = dlg.AdjustPointsDialog(self.card.points if self.card else 0, self)
        if self._ask(d):
            store, cid, n, why = self.ctx.store, self.customer_id, d.points.value(), d.reason.text().strip()
            self._write(lambda: points.adjust(store, cid, n, why))

    def redeem_points(self) -> None:
        d = dlg.RedeemPointsDialog(self.card.points if self.card else 0, self)
        if self._ask(d):
            store, cid, n, why = self.ctx.store, self.customer_id, d.points.value(), d.reason.text().strip()
            self._write(lambda: points.redeem(store, cid, n, why))

    def top_up(self) -> None:
        if self.card is not None:
            run_task(lambda: rules.load_rules(self.ctx.store), self._ask_top_up, self._fail)

    def _ask_top_up(self, current_rules) -> None:
        d = dlg.TopUpDialog(self.card.stored_value_fen if self.card else 0, current_rules, self)
        if self._ask(d):
            store, cid, paid, ref = self.ctx.store, self.customer_id, dlg.fen(d.paid), d.reference.text()
            self._write(lambda: stored_value.top_up(store, cid, paid, ref.strip()))

    def spend(self) -> None:
        d = dlg.SpendDialog(self.card.stored_value_fen if self.card else 0, self)
        if self._ask(d):
            store, cid, amount, ref = self.ctx.store, self.customer_id, dlg.fen(d.amount), d.reference.text()
            self._write(lambda: stored_value.spend(store, cid, amount, ref.strip()))

    def refund_spend(self) -> None:
        if self.card is not None:
            store, cid = self.ctx.store, self.customer_id
            run_task(lambda: stored_value.spendings(store, cid), self._ask_refund, self._fail)

    def _ask_refund(self, spent) -> None:
        d = dlg.RefundSpendDialog(spent, self)
        if self._ask(d):
            store, sid, amount = self.ctx.store, d.chosen().id, dlg.fen(d.amount)
            self._write(lambda: stored_value.refund_spend(store, sid, amount))

    def mark_coupon_used(self) -> None:
        item = self.coupons.currentItem()
        code = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not code:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Mark coupon used"),
            self.tr("Mark the coupon %1 as used today? Its plan counts it as redeemed.").replace("%1", code),
        )
        if answer == QMessageBox.StandardButton.Yes:
            store = self.ctx.store
            self._write(lambda: coupons.mark_redeemed(store, code))

    # ---- statements -----------------------------------------------------------------------------

    def statement_html(self, kind: str) -> tuple[str, str]:
        """(title, html) of the points ('points') or stored-value ('value') statement, read now."""
        from app.services.customer_admin import customer_detail

        store, cid = self.ctx.store, self.customer_id
        name = customer_detail(store, cid, self.ctx.show_phone).display_name
        shop = self.ctx.settings.shop_name
        if kind == "points":
            body = dlg.points_statement_html(shop, name, statements.points_statement(store, cid))
            return self.tr("Points statement %1").replace("%1", name), body
        body = dlg.value_statement_html(shop, name, statements.stored_value_statement(store, cid))
        return self.tr("Stored-value statement %1").replace("%1", name), body

    def show_statement(self, kind: str) -> None:
        if self.card is not None:
            run_task(lambda: self.statement_html(kind), self._preview, self._fail)

    def _preview(self, result: tuple[str, str]) -> None:
        self.preview = printing.print_html(self, *result)

    def save_statement(self, kind: str) -> None:
        if self.card is not None:
            run_task(lambda: self.statement_html(kind), self._save_pdf, self._fail)

    def _save_pdf(self, result: tuple[str, str]) -> None:
        title, body = result
        path = printing.ask_pdf_path(self, title)
        if not path:
            return
        try:
            printing.save_pdf(body, path)  # painting stays on the main thread
        except OSError as exc:
            self._fail(exc)
