"""The Members page: programme totals, the tier editor, the evaluation preview (who moves and why),
the programme's rules and member-list import.

Tabs: Tiers (editor and preview), Rules (member_rules.RulesPanel), Member lists (MemberListsPanel).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.membership import members, tiers
from app.services.membership.tier_rules import Move, TierSpec
from app.ui.labels import error_text
from app.ui.pages.member_rules import MemberListsPanel, RulesPanel
from app.ui.tasks import run_task
from app.ui.widgets.common import heading, muted

TIER_COLUMNS = tiers.EDITABLE_FIELDS  # one TierSpec field per column; money columns are edited in yuan
_YUAN_FIELDS = ("threshold", "keep_threshold")


def _yuan(fen: int) -> str:
    return f"¥{fen // 100:,}.{fen % 100:02d}"


class MembersPage(QWidget):
    tiers_saved = Signal()

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ids: list[int | None] = []
        self._build()
        ctx.data_changed.connect(self.refresh)
        self.refresh()

    # ---- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Members")))
        self.summary = muted()
        lay.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._tiers_tab(), self.tr("Tiers"))
        self.rules = RulesPanel(self.ctx)
        self.tabs.addTab(self.rules, self.tr("Rules"))
        self.lists = MemberListsPanel(self.ctx)
        self.tabs.addTab(self.lists, self.tr("Member lists"))
        lay.addWidget(self.tabs, 1)

    def _tiers_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        lay.addWidget(
            muted(
                self.tr("Basis: spend (thresholds in yuan) or orders (a count). No window: lifetime.")
                + " "
                + self.tr("Upgrades happen at import; downgrades only when you run the evaluation.")
            )
        )
        self.tier_table = QTableWidget(0, len(TIER_COLUMNS))
        self.tier_table.setHorizontalHeaderLabels(self._tier_headers())
        self.tier_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tier_table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.tier_table, 2)
        lay.addLayout(self._tier_buttons())
        lay.addWidget(heading(self.tr("Evaluation preview"), 2))
        lay.addLayout(self._preview_bar())
        self.preview_table = QTableWidget(0, 5)
        self.preview_table.setHorizontalHeaderLabels(
            [self.tr("Customer"), self.tr("Now"), self.tr("After"), self.tr("Move"), self.tr("Why")]
        )
        self.preview_table.horizontalHeader().setStretchLastSection(True)
        self.preview_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        lay.addWidget(self.preview_table, 3)
        return tab

    def _tier_headers(self) -> list[str]:
        return [
            self.tr("Rank"),
            self.tr("Name"),
            self.tr("Basis"),
            self.tr("Threshold"),
            self.tr("Keep threshold"),
            self.tr("Window (days)"),
            self.tr("Discount %"),
            self.tr("Points ×%"),
            self.tr("Benefits"),
        ]

    def _tier_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add tier"))
        self.add_button.clicked.connect(lambda: self._append_tier(None))
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.clicked.connect(self._remove_selected)
        self.save_button = QPushButton(self.tr("Save tiers"))
        self.save_button.clicked.connect(self.save_tiers)
        for b in (self.add_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.save_button)
        return row

    def _preview_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Evaluate as of")))
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setCalendarPopup(True)
        row.addWidget(self.as_of)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.preview)
        self.evaluate_button = QPushButton(self.tr("Run evaluation…"))
        self.evaluate_button.clicked.connect(self.run_evaluation)
        row.addWidget(self.preview_button)
        row.addWidget(self.evaluate_button)
        self.preview_counts = muted()
        row.addWidget(self.preview_counts, 1)
        return row

    # ---- tiers ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        run_task(
            lambda: (members.members_summary(self.ctx.store), tiers.list_tiers(self.ctx.store)),
            self._show,
            self._fail,
        )

    def _show(self, result) -> None:
        summary, specs = result
        none = self.tr("no tier")
        per_tier = ", ".join(f"{t.name or none}: {t.members}" for t in summary.per_tier)
        self.summary.setText(
            self.tr(
                "{members} members of {customers} customers. Points outstanding: {points}. "
                "Stored value outstanding: {value}."
            ).format(
                members=summary.members,
                customers=summary.customers,
                points=summary.points_outstanding,
                value=_yuan(summary.stored_value_outstanding_fen),
            )
            + (f"  {per_tier}" if per_tier else "")
        )
        self.tier_table.setRowCount(0)
        self._ids = []
        for spec in specs:
            self._append_tier(spec)

    def _append_tier(self, spec: TierSpec | None) -> None:
        if spec is None:
            spec = TierSpec(None, self.tier_table.rowCount() + 1, self.tr("New tier"))
        row = self.tier_table.rowCount()
        self.tier_table.insertRow(row)
        self._ids.append(spec.id)
        for col, field in enumerate(TIER_COLUMNS):
            value = getattr(spec, field)
            if field == "basis":
                self.tier_table.setCellWidget(row, col, self._basis_box(value))
                continue
            if field in _YUAN_FIELDS and value is not None and spec.basis == "spend":
                value = f"{value / 100:g}"
            self.tier_table.setItem(row, col, QTableWidgetItem("" if value is None else str(value)))

    def _basis_box(self, basis: str) -> QComboBox:
        box = QComboBox()
        box.addItem(self.tr("Spend (yuan)"), "spend")
        box.addItem(self.tr("Orders"), "orders")
        box.setCurrentIndex(max(box.findData(basis), 0))
        return box

    def _remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.tier_table.selectedIndexes()}, reverse=True):
            self.tier_table.removeRow(row)
            del self._ids[row]

    def tier_specs(self) -> list[TierSpec]:
        """The editor's rows as TierSpecs (ValueError when a number cannot be read)."""
        specs = []
        for row, tier_id in enumerate(self._ids):
            items = {f: self.tier_table.item(row, c) for c, f in enumerate(TIER_COLUMNS)}
            cells = {f: item.text().strip() if item else "" for f, item in items.items()}
            box = self.tier_table.cellWidget(row, TIER_COLUMNS.index("basis"))
            basis = box.currentData() if isinstance(box, QComboBox) else cells["basis"] or "spend"

            def number(field: str, money: bool = False, *, _cells=cells, _basis=basis) -> int | None:
                text = _cells[field]
                if not text:
                    return None
                return round(float(text) * 100) if money and _basis == "spend" else int(text)

            specs.append(
                TierSpec(
                    tier_id,
                    int(cells["rank"]),
                    cells["name"],
                    basis,
                    number("threshold", True) or 0,
                    number("keep_threshold", True),
                    number("window_days"),
                    number("discount_pct") or 100,
                    number("points_multiplier_pct") or 100,
                    cells["benefits"],
                )
            )
        return specs

    def save_tiers(self) -> None:
        try:
            specs = self.tier_specs()
        except ValueError:
            QMessageBox.warning(
                self, self.tr("Tiers"), self.tr("Every number in the tier table must be a number.")
            )
            return
        run_task(lambda: tiers.save_tiers(self.ctx.store, specs), self._saved, self._fail, write=True)

    def _saved(self, _specs) -> None:
        self.tiers_saved.emit()
        self.ctx.data_changed.emit()

    # ---- evaluation -----------------------------------------------------------------------------

    def _as_of(self) -> datetime:
        d = self.as_of.date()
        return datetime(d.year(), d.month(), d.day(), 23, 59, 59)

    def preview(self) -> None:
        at = self._as_of()
        run_task(lambda: tiers.preview_evaluation(self.ctx.store, at), self._show_moves, self._fail)

    def run_evaluation(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Run evaluation"),
            self.tr(
                "Move every member to the tier the evaluation gives? An import never undoes a downgrade."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        at = self._as_of()
        run_task(lambda: tiers.evaluate(self.ctx.store, at), self._evaluated, self._fail, write=True)

    def _evaluated(self, moves: list[Move]) -> None:
        self._show_moves(moves)
        self.ctx.data_changed.emit()

    def move_text(self, m: Move) -> str:
        return {
            "up": self.tr("Up"),
            "same": self.tr("Stays"),
            "keep": self.tr("Keeps (保级)"),
            "down": self.tr("Down"),
        }[m.move]

    def why_text(self, m: Move) -> str:
        fmt = _yuan if m.basis == "spend" else str
        if m.move == "keep":
            return self.tr("{value} reaches the keep threshold {needed}").format(
                value=fmt(m.value), needed=fmt(m.needed)
            )
        if m.move == "down":
            return self.tr("{value} is below the keep threshold {needed}").format(
                value=fmt(m.value), needed=fmt(m.needed)
            )
        return self.tr("{value} reaches {needed}").format(value=fmt(m.value), needed=fmt(m.needed))

    def _show_moves(self, moves: list[Move]) -> None:
        self.preview_table.setRowCount(len(moves))
        for row, m in enumerate(moves):
            values = (
                m.display_name,
                m.current.name if m.current else "",
                m.new.name if m.new else "",
                self.move_text(m),
                self.why_text(m),
            )
            for col, value in enumerate(values):
                self.preview_table.setItem(row, col, QTableWidgetItem(value))
        counts = {k: sum(1 for m in moves if m.move == k) for k in ("up", "keep", "down")}
        self.preview_counts.setText(self.tr("{up} up, {keep} keep their tier, {down} down").format(**counts))

    def _fail(self, exc: Exception) -> None:
        QMessageBox.warning(self, self.tr("Members"), error_text(exc))
