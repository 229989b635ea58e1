"""Metric settings: every analytics *setting* of metrics.md (as-of date, RFM window and cut points, layer
day counts, AIPL, the predicted-value gate, the default KPI period), editable by the owner.

Saving checks every field first (nothing is stored when one is not acceptable, and the message names it),
then saves and recomputes every customer's scores in the background with progress (ScoreRefresher), and
the pages reload through ctx.data_changed. Money is typed in yuan and stored in fen.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.analytics.dashboard import settings_view
from app.services.analytics.settings import (
    ANALYTICS_FIELDS,
    RANGES,
    SettingInvalid,
    check_metric_settings,
    cuts_from_yuan,
    cuts_in_yuan,
    yuan_text,
)
from app.ui.labels import error_text
from app.ui.score_refresh import score_refresher
from app.ui.tasks import run_task
from app.ui.widgets.common import muted

CUT_FIELDS = ("r_cuts", "f_cuts", "m_cuts")
GROUPS = (  # (group key, fields in it, grid row, grid column); the as-of box is at (0, 0)
    ("rfm", ("rfm_window_days", *CUT_FIELDS), 1, 0),
    ("aipl", ("aipl_l_orders", "aipl_l_window_days"), 2, 0),
    ("layers", ("dormant_days", "lost_days", "loyal_orders", "loyal_window_days", "active_orders"), 0, 1),
    ("clv", ("clv_min_repeat_customers", "clv_min_history_days"), 1, 1),
    ("page", ("kpi_period_days",), 2, 1),
)


class MetricSettingsDialog(QDialog):
    """Edit the analytics fields of MetricSettings; `applied` holds the AppliedSettings after a save."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = None  # dashboard.SettingsView, loaded in the background
        self.applied = None
        self.task = None
        self.setWindowTitle(self.tr("Metric settings"))
        self.setMinimumWidth(820)
        self.labels = self._field_labels()
        self.edits: dict[str, QWidget] = {}
        self.hints: dict[str, QLabel] = {}
        self._build()
        self.setEnabled(False)
        run_task(lambda: settings_view(ctx.store), on_result=self.show_settings, on_error=self._show_error)

    # ---- layout ---------------------------------------------------------------------------------------
    def _field_labels(self) -> dict[str, str]:
        return {
            "as_of": self.tr("As-of date"),
            "rfm_window_days": self.tr("RFM window (days)"),
            "r_cuts": self.tr("R cut points (days)"),
            "f_cuts": self.tr("F cut points (orders)"),
            "m_cuts": self.tr("M cut points (yuan)"),
            "dormant_days": self.tr("Dormant after (days)"),
            "lost_days": self.tr("Lost after (days)"),
            "loyal_orders": self.tr("Loyal: at least (orders)"),
            "loyal_window_days": self.tr("Loyal: within (days)"),
            "active_orders": self.tr("Active: at least (orders)"),
            "aipl_l_orders": self.tr("L (loyal): at least (orders)"),
            "aipl_l_window_days": self.tr("L (loyal): within (days)"),
            "clv_min_repeat_customers": self.tr("Customers who bought again, at least"),
            "clv_min_history_days": self.tr("Days of orders, at least"),
            "kpi_period_days": self.tr("Default KPI period (days)"),
        }

    def _group_titles(self) -> dict[str, str]:
        return {
            "rfm": self.tr("RFM scores"),
            "layers": self.tr("Lifecycle layers"),
            "aipl": self.tr("AIPL"),
            "clv": self.tr("Predicted value is shown when the shop has"),
            "page": self.tr("Analytics page"),
        }

    def _build(self) -> None:
        grid = QGridLayout()
        grid.addWidget(self._as_of_box(), 0, 0)
        titles = self._group_titles()
        for key, names, row, column in GROUPS:
            grid.addWidget(self._group(titles[key], names), row, column)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.stage = muted()
        self.progress = QProgressBar()
        self.progress.setRange(0, 2)
        self.progress.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(
            muted(
                self.tr(
                    "Changes apply to every figure: the scores of every customer are recomputed on saving."
                )
            )
        )
        lay.addLayout(grid)
        lay.addWidget(self.error)
        lay.addWidget(self.stage)
        lay.addWidget(self.progress)
        lay.addWidget(self.buttons)

    def _as_of_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("As-of date (the “today” of every recency figure)"))
        self.latest_radio = QRadioButton(self.tr("The latest order"))
        self.fixed_radio = QRadioButton(self.tr("A fixed date"))
        self.as_of_group = QButtonGroup(self)
        for radio in (self.latest_radio, self.fixed_radio):
            self.as_of_group.addButton(radio)
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.fixed_radio.toggled.connect(self.as_of_edit.setEnabled)
        self.edits["as_of"] = self.as_of_edit
        row = QHBoxLayout()
        row.addWidget(self.fixed_radio)
        row.addWidget(self.as_of_edit)
        row.addStretch(1)
        lay = QVBoxLayout(box)
        lay.addWidget(self.latest_radio)
        lay.addLayout(row)
        return box

    def _group(self, title: str, names: tuple[str, ...]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for name in names:
            form.addRow(self.labels[name], self._editor(name))
        return box

    def _editor(self, name: str) -> QWidget:
        if name in CUT_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("automatic") if name != "f_cuts" else self.tr("default"))
            hint = muted()
            hint.setWordWrap(False)  # a wrapped label in a form row is cut off at the group's height
            self.hints[name] = hint
            self.edits[name] = edit
            column = QVBoxLayout()
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(edit)
            column.addWidget(hint)
            holder = QWidget()
            holder.setLayout(column)
            return holder
        spin = QSpinBox()
        spin.setRange(*RANGES[name])
        spin.setGroupSeparatorShown(True)
        self.edits[name] = spin
        return spin

    # ---- showing ----------------------------------------------------------------------------------------
    def show_settings(self, view) -> None:
        self.view = view
        s = view.settings
        for name in ANALYTICS_FIELDS:
            if isinstance(self.edits[name], QSpinBox):
                self.edits[name].setValue(getattr(s, name))
        self.edits["r_cuts"].setText(s.r_cuts.replace(",", ", "))
        self.edits["f_cuts"].setText(s.f_cuts.replace(",", ", "))
        self.edits["m_cuts"].setText(cuts_in_yuan(s.m_cuts))
        latest = view.latest_order.isoformat() if view.latest_order else "–"
        self.latest_radio.setText(self.tr("The latest order (%1)").replace("%1", latest))
        fixed = QDate.fromString(s.as_of or latest, "yyyy-MM-dd")
        self.as_of_edit.setDate(fixed if fixed.isValid() else QDate.currentDate())
        (self.fixed_radio if s.as_of else self.latest_radio).setChecked(True)
        self.as_of_edit.setEnabled(bool(s.as_of))
        self._show_hints(view.auto_cuts)
        self.setEnabled(True)

    def _show_hints(self, auto) -> None:
        if auto is None:
            text = self.tr("automatic now: computed after the first import")
            self.hints["r_cuts"].setText(text)
            self.hints["m_cuts"].setText(text)
        else:
            r, m = ", ".join(map(str, auto.r)), ", ".join(yuan_text(c) for c in auto.m)
            self.hints["r_cuts"].setText(self.tr("automatic now: %1").replace("%1", r))
            self.hints["m_cuts"].setText(self.tr("automatic now: %1").replace("%1", m))
        explain = self.tr(
            "Four thresholds, for scores 2, 3, 4 and 5. Blank: automatic, the fifths of the shop's distinct "
            "values, as shown."
        )
        for name in ("r_cuts", "m_cuts"):
            self.edits[name].setToolTip(explain)
            self.hints[name].setToolTip(explain)
        self.hints["f_cuts"].setText(self.tr("blank = the default 2, 3, 4, 6"))

    # ---- saving ---------------------------------------------------------------------------------------
    def values(self) -> dict:
        """The form as settings values (M cut points converted to fen; raises SettingInvalid)."""
        out = {name: w.value() for name, w in self.edits.items() if isinstance(w, QSpinBox)}
        out["r_cuts"] = self.edits["r_cuts"].text()
        out["f_cuts"] = self.edits["f_cuts"].text()
        out["m_cuts"] = cuts_from_yuan(self.edits["m_cuts"].text())
        fixed = self.fixed_radio.isChecked()
        out["as_of"] = self.as_of_edit.date().toString("yyyy-MM-dd") if fixed else ""
        return out

    def changes(self) -> dict:
        """The fields whose checked value differs from the stored one (raises SettingInvalid)."""
        current = self.view.settings
        checked = check_metric_settings(current, self.values())
        return {
            n: getattr(checked, n) for n in ANALYTICS_FIELDS if getattr(checked, n) != getattr(current, n)
        }

    def save(self) -> None:
        if self.view is None:  # the settings could not be read: there is nothing to compare with
            return
        self.error.setText("")
        try:
            changes = self.changes()
        except SettingInvalid as exc:
            self._refuse(exc)
            return
        if not changes:
            self.accept()
            return
        self._busy(True)
        self.task = score_refresher(self.ctx).apply_settings(
            changes, on_done=self._saved, on_error=self._show_error, on_progress=self._progress
        )

    def _refuse(self, exc: SettingInvalid) -> None:
        self.error.setText(f"{self.labels[exc.field]}: {error_text(exc)}")
        self.edits[exc.field].setFocus()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        for widget in (*self.edits.values(), self.buttons, self.latest_radio, self.fixed_radio):
            widget.setEnabled(not busy)

    def _progress(self, done: int, total: int, stage: str) -> None:
        self.progress.setValue(done)
        if stage == "save":
            self.stage.setText(self.tr("Saving the settings…"))
        else:
            self.stage.setText(self.tr("Recomputing every customer's scores…"))

    def _saved(self, applied) -> None:
        self.applied = applied
        self._busy(False)
        self.accept()

    def _show_error(self, exc: Exception) -> None:
        self._busy(False)
        self.setEnabled(True)
        self.stage.setText("")
        self.error.setText(error_text(exc))
