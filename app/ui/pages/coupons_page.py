"""The Coupons page: record a coupon plan, issue it to its audience, follow issued / redeemed / 核销率.

Coupons marked used by hand (the member card) count here after ctx.data_changed.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.membership import coupons, tiers
from app.services.membership.coupons import IssueResult, PlanSpec
from app.ui.dialogs.member_dialogs import yuan_spin
from app.ui.labels import error_text
from app.ui.tasks import run_task
from app.ui.widgets.common import heading, muted

KIND_LABELS = {
    "threshold": QT_TRANSLATE_NOOP("CouponKinds", "Spend X save Y (满减)"),
    "fixed": QT_TRANSLATE_NOOP("CouponKinds", "Fixed amount, no threshold (无门槛)"),
    "percent": QT_TRANSLATE_NOOP("CouponKinds", "Percent off (折扣)"),
    "gift": QT_TRANSLATE_NOOP("CouponKinds", "Gift (赠品)"),
}
AUDIENCE_LABELS = {
    "segment": QT_TRANSLATE_NOOP("CouponAudiences", "A saved segment"),
    "tier": QT_TRANSLATE_NOOP("CouponAudiences", "A tier and above"),
    "new": QT_TRANSLATE_NOOP("CouponAudiences", "New customers only"),
    "member": QT_TRANSLATE_NOOP("CouponAudiences", "Members only"),
}


def _saved_segments(store) -> list[tuple[int, str, int]]:
    from app.services.analytics.segments import saved_segments

    return [(s.id, s.name, s.size) for s in saved_segments(store)]


def _money(spin_value: float) -> int:
    return round(spin_value * 100)


class CouponsPage(QWidget):
    issued = Signal(object)  # IssueResult

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._build()
        ctx.data_changed.connect(self.refresh)
        self.refresh()

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Coupons")))
        lay.addWidget(
            muted(
                self.tr(
                    "Create the coupon on the platform, record it here, then issue it: redemptions "
                    "are matched from the orders you import later."
                )
            )
        )
        lay.addLayout(self._form())
        row = QHBoxLayout()
        self.issue_button = QPushButton(self.tr("Save plan and issue"))
        self.issue_button.clicked.connect(self.create_and_issue)
        self.result_label = muted()
        row.addWidget(self.issue_button)
        row.addWidget(self.result_label, 1)
        lay.addLayout(row)
        lay.addWidget(heading(self.tr("Plans"), 2))
        self.plans = QTableWidget(0, 6)
        self.plans.setHorizontalHeaderLabels(
            [
                self.tr("Plan"),
                self.tr("Type"),
                self.tr("Issued"),
                self.tr("Redeemed"),
                self.tr("Redemption rate"),
                self.tr("Revenue"),
            ]
        )
        self.plans.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.plans.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.plans, 1)

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        self.name = QLineEdit()
        self.kind = QComboBox()
        for key, label in KIND_LABELS.items():
            self.kind.addItem(QCoreApplication.translate("CouponKinds", label), key)
        self.value, self.threshold = yuan_spin(), yuan_spin()
        self.percent = QSpinBox()
        self.percent.setRange(1, 99)
        self.percent.setValue(90)
        self.gift = QLineEdit()
        self.valid_days = QSpinBox()
        self.valid_days.setRange(1, 3650)
        self.valid_days.setValue(30)
        self.per_person = QSpinBox()
        self.per_person.setRange(1, 99)
        self.total = QSpinBox()
        self.total.setRange(0, 10_000_000)
        self.total.setSpecialValueText(self.tr("No limit"))
        self.audience = QComboBox()
        for key, label in AUDIENCE_LABELS.items():
            self.audience.addItem(QCoreApplication.translate("CouponAudiences", label), key)
        self.audience.currentIndexChanged.connect(self._fill_targets)
        self.target = QComboBox()
        self.platform_code = QLineEdit()
        self.platform_code.setPlaceholderText(self.tr("as the platform's order export names the coupon"))
        rows = (
            (self.tr("Name"), self.name),
            (self.tr("Type"), self.kind),
            (self.tr("Value"), self.value),
            (self.tr("Threshold"), self.threshold),
            (self.tr("Percent (88 = 8.8折)"), self.percent),
            (self.tr("Gift"), self.gift),
            (self.tr("Valid for (days after issue)"), self.valid_days),
            (self.tr("Per person"), self.per_person),
            (self.tr("Total"), self.total),
            (self.tr("Audience"), self.audience),
            (self.tr("Segment / tier"), self.target),
            (self.tr("Coupon name on the platform"), self.platform_code),
        )
        for label, widget in rows:
            form.addRow(label, widget)
        return form

    def _fill_targets(self) -> None:
        kind = self.audience.currentData()
        self.target.clear()
        if kind == "segment":
            for sid, name, size in _saved_segments(self.ctx.store):
                self.target.addItem(self.tr("{name} ({size})").format(name=name, size=size), sid)
        elif kind == "tier":
            for t in tiers.list_tiers(self.ctx.store):
                self.target.addItem(t.name, t.id)
        self.target.setEnabled(self.target.count() > 0)

    def plan_spec(self) -> PlanSpec:
        return PlanSpec(
            name=self.name.text().strip(),
            kind=self.kind.currentData(),
            value_fen=_money(self.value.value()),
            threshold_fen=_money(self.threshold.value()),
            percent=self.percent.value(),
            gift=self.gift.text(),
            valid_days=self.valid_days.value(),
            per_person_limit=self.per_person.value(),
            total_limit=self.total.value() or None,
            audience_kind=self.audience.currentData(),
            audience_ref=self.target.currentData(),
            platform_code=self.platform_code.text().strip(),
        )

    def create_and_issue(self) -> None:
        spec = self.plan_spec()
        store = self.ctx.store

        def work() -> IssueResult:
            return coupons.issue_plan(store, coupons.create_plan(store, spec))

        run_task(work, self._issued, self._fail, write=True)

    def _issued(self, res: IssueResult) -> None:
        self.result_label.setText(
            self.tr(
                "Issued {issued}; skipped: {dnc} do-not-contact, {limit} at their limit, {total} over total."
            ).format(
                issued=res.issued,
                dnc=res.skipped_do_not_contact,
                limit=res.skipped_limit,
                total=res.skipped_total,
            )
        )
        self.issued.emit(res)
        self.refresh()

    def refresh(self) -> None:
        self._fill_targets()
        run_task(lambda: coupons.plan_stats(self.ctx.store), self._show_plans, self._fail)

    def _show_plans(self, stats) -> None:
        self.plans.setRowCount(len(stats))
        for row, p in enumerate(stats):
            rate = "–" if p.rate is None else f"{p.rate:.1%}"
            values = (
                p.name,
                QCoreApplication.translate("CouponKinds", KIND_LABELS[p.kind]),
                str(p.issued),
                str(p.redeemed),
                rate,
                f"¥{p.revenue_fen // 100:,}.{p.revenue_fen % 100:02d}",
            )
            for col, value in enumerate(values):
                self.plans.setItem(row, col, QTableWidgetItem(value))

    def _fail(self, exc: Exception) -> None:
        QMessageBox.warning(self, self.tr("Coupons"), error_text(exc))
