"""The member card's dialogs (points, stored value) and its printable statements.

Each dialog checks what it can before it closes (a problem is shown in the dialog, nothing is
written); the card then runs the service call as a write task. The services check again.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.membership.rules import MembershipRules
from app.services.membership.statements import PointsLine, ValueLine
from app.services.membership.stored_value import Spending, bonus_for
from app.ui.labels import day, when, yuan

CTX = "MemberStatements"
POINTS_KINDS = {
    "earn": QT_TRANSLATE_NOOP("MemberStatements", "Earned"),
    "reverse": QT_TRANSLATE_NOOP("MemberStatements", "Reversed (refund)"),
    "restore": QT_TRANSLATE_NOOP("MemberStatements", "Restored"),
    "void": QT_TRANSLATE_NOOP("MemberStatements", "Order removed"),
    "adjust": QT_TRANSLATE_NOOP("MemberStatements", "Adjustment"),
    "redeem": QT_TRANSLATE_NOOP("MemberStatements", "Redeemed"),
    "expire": QT_TRANSLATE_NOOP("MemberStatements", "Expired"),
}
VALUE_KINDS = {
    "topup": QT_TRANSLATE_NOOP("MemberStatements", "Top-up"),
    "bonus": QT_TRANSLATE_NOOP("MemberStatements", "Top-up bonus"),
    "spend": QT_TRANSLATE_NOOP("MemberStatements", "Spent"),
    "refund": QT_TRANSLATE_NOOP("MemberStatements", "Refund of spending"),
    "adjust": QT_TRANSLATE_NOOP("MemberStatements", "Adjustment"),
}
STATEMENT_TEXT = {
    "amount": QT_TRANSLATE_NOOP("MemberStatements", "Amount"),
    "balance": QT_TRANSLATE_NOOP("MemberStatements", "Balance"),
    "closing_balance": QT_TRANSLATE_NOOP("MemberStatements", "Closing balance"),
    "customer": QT_TRANSLATE_NOOP("MemberStatements", "Customer: %1"),
    "date": QT_TRANSLATE_NOOP("MemberStatements", "Date"),
    "entry": QT_TRANSLATE_NOOP("MemberStatements", "Entry"),
    "expires": QT_TRANSLATE_NOOP("MemberStatements", "Expires"),
    "order_or_reason": QT_TRANSLATE_NOOP("MemberStatements", "Order or reason"),
    "points": QT_TRANSLATE_NOOP("MemberStatements", "Points"),
    "points_statement": QT_TRANSLATE_NOOP("MemberStatements", "Points statement"),
    "order_placed": QT_TRANSLATE_NOOP("MemberStatements", "%1 (ordered %2)"),
    "printed_on": QT_TRANSLATE_NOOP("MemberStatements", "Printed on %1"),
    "reference": QT_TRANSLATE_NOOP("MemberStatements", "Reference"),
    "stored_value_statement": QT_TRANSLATE_NOOP("MemberStatements", "Stored-value statement"),
    "refund_reference": QT_TRANSLATE_NOOP("MemberStatements", "refund of an earlier spending"),
}


def _t(key: str) -> str:
    """A statement text by its key (STATEMENT_TEXT), or a ledger kind's name."""
    return QCoreApplication.translate(CTX, STATEMENT_TEXT.get(key, key))


def yuan_spin(maximum: float = 1_000_000) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0, maximum)
    spin.setDecimals(2)
    spin.setPrefix("¥")
    return spin


def fen(spin: QDoubleSpinBox) -> int:
    return round(spin.value() * 100)


# ---- dialogs -------------------------------------------------------------------------------------


class _MemberDialog(QDialog):
    """A small form with OK/Cancel; `problem()` names what is wrong, and OK stays until it is fixed."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.note)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)

    def problem(self) -> str:
        return ""

    def accept(self) -> None:
        problem = self.problem()
        self.error.setText(problem)
        if not problem:
            super().accept()


class AdjustPointsDialog(_MemberDialog):
    def __init__(self, balance: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Adjust points"), parent)
        self.balance = balance
        self.points = QSpinBox()
        self.points.setRange(-10_000_000, 10_000_000)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. compensation for a late parcel"))
        self.form.addRow(self.tr("Points (+ to give, − to take)"), self.points)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.note.setText(self.tr("Balance now: %1 points").replace("%1", f"{balance:,}"))

    def problem(self) -> str:
        if self.points.value() == 0:
            return self.tr("Enter a number of points other than zero.")
        if not self.reason.text().strip():
            return self.tr("An adjustment needs a reason; it is kept in the ledger.")
        if -self.points.value() > self.balance:
            return self.tr("The customer has only %1 points.").replace("%1", f"{self.balance:,}")
        return ""


class RedeemPointsDialog(_MemberDialog):
    def __init__(self, balance: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Redeem points"), parent)
        self.balance = balance
        self.points = QSpinBox()
        self.points.setRange(0, 10_000_000)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. exchanged for a gift"))
        self.form.addRow(self.tr("Points to redeem"), self.points)
        self.form.addRow(self.tr("Note"), self.reason)
        self.note.setText(
            self.tr("Balance now: %1 points. The oldest-expiring points are used first.").replace(
                "%1", f"{balance:,}"
            )
        )

    def problem(self) -> str:
        if self.points.value() <= 0:
            return self.tr("Enter the number of points to redeem.")
        if self.points.value() > self.balance:
            return (
                self.tr("The customer has only %1 points; %2 cannot be redeemed.")
                .replace("%1", f"{self.balance:,}")
                .replace("%2", f"{self.points.value():,}")
            )
        return ""


class TopUpDialog(_MemberDialog):
    """The amount paid in yuan; the bonus the rule gives is shown before the owner confirms."""

    def __init__(self, balance_fen: int, rules: MembershipRules, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Top up stored value"), parent)
        self.balance_fen, self.rules = balance_fen, rules
        self.paid = yuan_spin()
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("e.g. WeChat transfer number"))
        self.form.addRow(self.tr("Amount paid"), self.paid)
        self.form.addRow(self.tr("Reference"), self.reference)
        self.paid.valueChanged.connect(self._show_bonus)
        self._show_bonus()

    def bonus_fen(self) -> int:
        return bonus_for(self.rules, fen(self.paid))

    def _show_bonus(self) -> None:
        bonus = self.bonus_fen()
        after = self.balance_fen + fen(self.paid) + bonus
        self.note.setText(
            self.tr("Bonus: %1. Balance after the top-up: %2.")
            .replace("%1", yuan(bonus))
            .replace("%2", yuan(after))
        )

    def problem(self) -> str:
        return "" if fen(self.paid) > 0 else self.tr("Enter the amount the customer paid.")


class SpendDialog(_MemberDialog):
    def __init__(self, balance_fen: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Spend stored value"), parent)
        self.balance_fen = balance_fen
        self.amount = yuan_spin()
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("e.g. order number"))
        self.form.addRow(self.tr("Amount"), self.amount)
        self.form.addRow(self.tr("Reference"), self.reference)
        self.note.setText(self.tr("Balance now: %1").replace("%1", yuan(balance_fen)))

    def problem(self) -> str:
        if fen(self.amount) <= 0:
            return self.tr("Enter the amount to spend.")
        if fen(self.amount) > self.balance_fen:
            return self.tr("The balance is only %1.").replace("%1", yuan(self.balance_fen))
        return ""


class RefundSpendDialog(_MemberDialog):
    """Give back all or part of one earlier spending."""

    def __init__(self, spendings: list[Spending], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Refund a spending"), parent)
        self.spendings = [s for s in spendings if s.refundable_fen > 0]
        self.spending = QComboBox()
        for s in self.spendings:
            label = f"{when(s.at)}  {yuan(s.amount_fen)}  {s.reference}".strip()
            self.spending.addItem(
                self.tr("%1 (refundable %2)").replace("%1", label).replace("%2", yuan(s.refundable_fen)), s.id
            )
        self.amount = yuan_spin()
        self.form.addRow(self.tr("Spending"), self.spending)
        self.form.addRow(self.tr("Amount to refund"), self.amount)
        self.spending.currentIndexChanged.connect(self._fill_amount)
        self._fill_amount()
        if not self.spendings:
            self.note.setText(self.tr("There is no spending left to refund."))

    def chosen(self) -> Spending | None:
        i = self.spending.currentIndex()
        return self.spendings[i] if 0 <= i < len(self.spendings) else None

    def _fill_amount(self) -> None:
        s = self.chosen()
        self.amount.setValue(s.refundable_fen / 100 if s else 0)

    def problem(self) -> str:
        s = self.chosen()
        if s is None:
            return self.tr("There is no spending left to refund.")
        if fen(self.amount) <= 0:
            return self.tr("Enter the amount to refund.")
        if fen(self.amount) > s.refundable_fen:
            return self.tr("At most %1 of this spending can be refunded.").replace(
                "%1", yuan(s.refundable_fen)
            )
        return ""


# ---- statements ----------------------------------------------------------------------------------


def _header(title: str, shop: str, customer: str) -> str:
    meta = [
        _t("customer").replace("%1", html.escape(customer)),
        _t("printed_on").replace("%1", date.today().isoformat()),
    ]
    shop_line = f"<p class='meta'>{html.escape(shop)}</p>" if shop else ""
    return f"<h1>{html.escape(title)}</h1>{shop_line}" + "".join(f"<p class='meta'>{m}</p>" for m in meta)


def _table(headers: list[tuple[str, bool]], rows: list[list[str]], closing: tuple[str, str]) -> str:
    """headers: (text, numeric); the last row carries the closing balance in the last column."""

    def cell(tag: str, text: str, num: bool) -> str:
        return f"<{tag}{' class=num' if num else ''}>{html.escape(text)}</{tag}>"

    head = "".join(cell("th", h, num) for h, num in headers)
    body = [
        "<tr>" + "".join(cell("td", v, num) for v, (_h, num) in zip(row, headers, strict=True)) + "</tr>"
        for row in rows
    ]
    label, value = closing
    span = len(headers) - 1
    body.append(
        f"<tr class='total'><td colspan={span}>{html.escape(label)}</td>"
        f"<td class=num>{html.escape(value)}</td></tr>"
    )
    return (
        "<table class='lines' width='100%' cellspacing='0' cellpadding='4'>"
        f"<thead><tr>{head}</tr></thead>{''.join(body)}</table>"
    )


def _signed(n: int) -> str:
    return f"{n:+,}"


def _order_cell(ln: PointsLine) -> str:
    number = ln.order.split("|", 1)[-1]
    if ln.order_at is None:
        return number
    return _t("order_placed").replace("%1", number).replace("%2", day(ln.order_at))


def points_statement_html(shop: str, customer: str, lines: list[PointsLine]) -> str:
    headers = [
        (_t("date"), False),
        (_t("entry"), False),
        (_t("order_or_reason"), False),
        (_t("expires"), False),
        (_t("points"), True),
        (_t("balance"), True),
    ]
    rows = [
        [
            when(ln.at),
            _t(POINTS_KINDS.get(ln.kind, ln.kind)),
            _order_cell(ln) if ln.order else ln.reason,
            day(ln.expires_at) if ln.points > 0 else "",
            _signed(ln.points),
            f"{ln.balance:,}",
        ]
        for ln in lines
    ]
    closing = lines[-1].balance if lines else 0
    title = _t("points_statement")
    table = _table(headers, rows, (_t("closing_balance"), f"{closing:,}"))
    return _header(title, shop, customer) + table


def value_statement_html(shop: str, customer: str, lines: list[ValueLine]) -> str:
    headers = [
        (_t("date"), False),
        (_t("entry"), False),
        (_t("reference"), False),
        (_t("amount"), True),
        (_t("balance"), True),
    ]
    rows = [
        [
            when(ln.at),
            _t(VALUE_KINDS.get(ln.kind, ln.kind)),
            ln.reference if not ln.reference.startswith("spend:") else _t("refund_reference"),
            ("+" if ln.amount_fen > 0 else "") + yuan(ln.amount_fen),
            yuan(ln.balance_fen),
        ]
        for ln in lines
    ]
    closing = lines[-1].balance_fen if lines else 0
    title = _t("stored_value_statement")
    return _header(title, shop, customer) + _table(headers, rows, (_t("closing_balance"), yuan(closing)))
