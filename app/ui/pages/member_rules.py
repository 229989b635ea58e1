"""The Members page's Rules tab (points, tier evaluation day, stored-value bonus steps, expiring points)
and its Member lists tab (import a member list, save the template)."""

from __future__ import annotations

import json

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.membership import members, points, rules
from app.services.membership.rules import MembershipRules
from app.services.platforms import PLATFORM_NAMES
from app.ui.labels import error_text, platform_name, yuan
from app.ui.tasks import run_task
from app.ui.widgets.common import muted

EXPIRY_KINDS = ("next_year_end", "days", "never")


def _spin(low: int, high: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    return spin


class RulesPanel(QWidget):
    """Edit MembershipRules; a change applies to new grants and top-ups only."""

    rules_saved = Signal(object)  # MembershipRules
    expired = Signal(int, int)  # customers, points

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.problem = QLabel()
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.expire_result = muted()
        lay = QVBoxLayout(self)
        lay.addWidget(muted(self.tr("A rule change applies to new points and top-ups only.")))
        row = QHBoxLayout()
        row.addWidget(self._points_box(), 1)
        row.addWidget(self._bonus_box(), 1)
        lay.addLayout(row)
        bar = QHBoxLayout()
        bar.addWidget(self.problem, 1)
        self.save_button = QPushButton(self.tr("Save rules"))
        self.save_button.clicked.connect(self.save)
        bar.addWidget(self.save_button)
        lay.addLayout(bar)
        lay.addStretch(1)
        self.refresh()

    def _points_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Points and tiers"))
        form = QFormLayout(box)
        self.per_yuan = _spin(0, 1000)
        self.members_only = QCheckBox(self.tr("Only members earn points"))
        self.expiry = QComboBox()
        self.expiry.addItem(self.tr("At the end of next year"), "next_year_end")
        self.expiry.addItem(self.tr("A number of days after they are earned"), "days")
        self.expiry.addItem(self.tr("Never"), "never")
        self.expiry_days = _spin(1, 3650)
        self.expiry.currentIndexChanged.connect(self._expiry_kind_changed)
        self.eval_month, self.eval_day = _spin(1, 12), _spin(1, 31)
        day_row = QHBoxLayout()
        for label, spin in ((self.tr("Month"), self.eval_month), (self.tr("Day"), self.eval_day)):
            day_row.addWidget(QLabel(label))
            day_row.addWidget(spin)
        day_row.addStretch(1)
        self.tier_members_only = QCheckBox(self.tr("Only members get a tier"))
        self.expire_button = QPushButton(self.tr("Expire points now"))
        self.expire_button.clicked.connect(self.expire_now)
        form.addRow(self.tr("Points per yuan"), self.per_yuan)
        form.addRow("", self.members_only)
        form.addRow(self.tr("Points expire"), self.expiry)
        form.addRow(self.tr("Days"), self.expiry_days)
        form.addRow(self.tr("Tier evaluation day"), day_row)
        form.addRow("", self.tier_members_only)
        form.addRow(self.expire_button, self.expire_result)
        return box

    def _bonus_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Stored value (购物金) bonus"))
        lay = QVBoxLayout(box)
        lay.addWidget(muted(self.tr("A top-up gets the bonus of the largest step it reaches, once.")))
        self.bonus = QTableWidget(0, 2)
        self.bonus.setHorizontalHeaderLabels([self.tr("Top-up of at least (yuan)"), self.tr("Bonus (yuan)")])
        self.bonus.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.bonus.verticalHeader().setVisible(False)
        lay.addWidget(self.bonus)
        row = QHBoxLayout()
        self.add_step_button = QPushButton(self.tr("Add step"))
        self.add_step_button.clicked.connect(lambda: self._add_step("", ""))
        self.remove_step_button = QPushButton(self.tr("Remove step"))
        self.remove_step_button.clicked.connect(self._remove_step)
        row.addWidget(self.add_step_button)
        row.addWidget(self.remove_step_button)
        row.addStretch(1)
        lay.addLayout(row)
        return box

    def _expiry_kind_changed(self) -> None:
        self.expiry_days.setEnabled(self.expiry.currentData() == "days")

    def _add_step(self, pay: str, bonus: str) -> None:
        row = self.bonus.rowCount()
        self.bonus.insertRow(row)
        self.bonus.setItem(row, 0, QTableWidgetItem(pay))
        self.bonus.setItem(row, 1, QTableWidgetItem(bonus))

    def _remove_step(self) -> None:
        for row in sorted({i.row() for i in self.bonus.selectedIndexes()}, reverse=True):
            self.bonus.removeRow(row)

    # ---- loading and saving ---------------------------------------------------------------------

    def refresh(self) -> None:
        run_task(lambda: rules.load_rules(self.ctx.store), self.show_rules, self._fail)

    def show_rules(self, r: MembershipRules) -> None:
        self.per_yuan.setValue(r.points_per_yuan)
        self.members_only.setChecked(r.points_members_only)
        kind = "days" if r.points_expiry.startswith("days:") else r.points_expiry
        self.expiry.setCurrentIndex(max(self.expiry.findData(kind), 0))
        self.expiry_days.setValue(int(r.points_expiry[5:]) if kind == "days" else 365)
        self._expiry_kind_changed()
        month, day = (int(x) for x in r.tier_evaluation_day.split("-"))
        self.eval_month.setValue(month)
        self.eval_day.setValue(day)
        self.tier_members_only.setChecked(r.tier_members_only)
        self.bonus.setRowCount(0)
        for pay, bonus in r.bonus_steps():
            self._add_step(f"{pay / 100:g}", f"{bonus / 100:g}")
        self.problem.setText("")

    def _cell(self, row: int, col: int) -> str:
        item = self.bonus.item(row, col)
        return item.text().strip() if item else ""

    def bonus_steps(self) -> list[list[int]]:
        """The bonus table in fen; ValueError with the owner's words when a step is not right."""
        steps: dict[int, int] = {}
        for row in range(self.bonus.rowCount()):
            texts = [self._cell(row, c) for c in (0, 1)]
            if not any(texts):
                continue
            try:
                pay, bonus = (round(float(t) * 100) for t in texts)
            except ValueError:
                msg = self.tr("Row %1: both amounts must be numbers.").replace("%1", str(row + 1))
                raise ValueError(msg) from None
            if pay <= 0 or bonus < 0:
                raise ValueError(
                    self.tr("Row %1: the top-up must be above zero and the bonus not negative.").replace(
                        "%1", str(row + 1)
                    )
                )
            if pay in steps:
                raise ValueError(self.tr("Two steps start at %1.").replace("%1", yuan(pay)))
            steps[pay] = bonus
        return [[pay, steps[pay]] for pay in sorted(steps)]

    def values(self) -> dict:
        """Every rule as the form shows it (ValueError when the bonus table is not right)."""
        kind = self.expiry.currentData()
        expiry = f"days:{self.expiry_days.value()}" if kind == "days" else kind
        return {
            "points_per_yuan": self.per_yuan.value(),
            "points_members_only": self.members_only.isChecked(),
            "points_expiry": expiry,
            "tier_evaluation_day": f"{self.eval_month.value():02d}-{self.eval_day.value():02d}",
            "tier_members_only": self.tier_members_only.isChecked(),
            "stored_value_bonus": json.dumps(self.bonus_steps()),
        }

    def save(self) -> None:
        try:
            changes = self.values()
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        self.problem.setText("")
        store = self.ctx.store
        run_task(lambda: rules.save_rules(store, **changes), self._saved, self._fail, write=True)

    def _saved(self, r: MembershipRules) -> None:
        self.show_rules(r)
        self.rules_saved.emit(r)

    def expire_now(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Expire points now"),
            self.tr("Take away every point whose expiry date has passed? This cannot be undone."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        store = self.ctx.store
        run_task(lambda: points.expire_points(store), self._expired, self._fail, write=True)

    def _expired(self, result: tuple[int, int]) -> None:
        customers, total = result
        self.expire_result.setText(
            self.tr("%1 points expired for %2 customers.")
            .replace("%1", f"{total:,}")
            .replace("%2", str(customers))
        )
        self.expired.emit(customers, total)
        self.ctx.data_changed.emit()

    def _fail(self, exc: Exception) -> None:
        QMessageBox.warning(self, self.tr("Membership rules"), error_text(exc))


class MemberListsPanel(QWidget):
    """Import a platform's member list (or the generic template) and enrol everyone on it."""

    imported = Signal(object)  # MemberListResult

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.import_button = QPushButton(self.tr("Import member list…"))
        self.import_button.clicked.connect(self.choose_and_import)
        self.template_button = QPushButton(self.tr("Save template…"))
        self.template_button.clicked.connect(self.save_template)
        self.result_label = muted()
        self.platform = QComboBox()
        for key in PLATFORM_NAMES:
            self.platform.addItem(platform_name(key), key)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("The list comes from")))
        row.addWidget(self.platform)
        row.addWidget(self.import_button)
        row.addWidget(self.template_button)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(
            muted(
                self.tr(
                    "A member list from a platform's member centre, or the template filled in by hand: "
                    "buyer ID, nickname or mobile, and the date they joined. Everyone on it is enrolled. "
                    "Buyer IDs and nicknames are matched on the platform you choose."
                )
            )
        )
        lay.addLayout(row)
        lay.addWidget(self.result_label)
        lay.addStretch(1)

    def choose_and_import(self) -> None:
        path = QFileDialog.getOpenFileName(
            self, self.tr("Import member list"), "", self.tr("Spreadsheets (*.xlsx *.xls *.csv)")
        )[0]
        if path:
            self.import_list(path)

    def import_list(self, path: str) -> None:
        store, platform = self.ctx.store, self.platform.currentData()
        self.result_label.setText(self.tr("Importing…"))
        run_task(
            lambda: members.import_member_list(store, path, platform), self._imported, self._fail, write=True
        )

    def _imported(self, res) -> None:
        self.result_label.setText(
            self.tr(
                "{rows} rows: {enrolled} newly enrolled, {already} already members, "
                "{created} new to the shop, {skipped} skipped."
            ).format(
                rows=res.rows,
                enrolled=res.enrolled,
                already=res.already_members,
                created=res.created,
                skipped=res.skipped,
            )
        )
        self.imported.emit(res)
        self.ctx.data_changed.emit()

    def save_template(self) -> None:
        path = QFileDialog.getSaveFileName(
            self, self.tr("Save template"), "members_template.xlsx", self.tr("Excel workbook (*.xlsx)")
        )[0]
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            members.write_members_template(path)
        except OSError as exc:
            self._fail(exc)
            return
        self.result_label.setText(self.tr("Template saved: %1").replace("%1", path))

    def _fail(self, exc: Exception) -> None:
        self.result_label.setText("")
        QMessageBox.warning(self, self.tr("Member lists"), error_text(exc))
