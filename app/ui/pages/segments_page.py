"""The Segments page: saved segments, the rule builder with a live count, the members of the segment with
their R/F/M explained, and saving the members as an xlsx workbook in the background."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.analytics import segments as seg_service
from app.services.analytics.dashboard import current_cut_points
from app.services.analytics.member_export import ExportRequest, export_members
from app.services.analytics.settings import load_metric_settings
from app.ui.analytics_labels import explain_scores
from app.ui.dialogs.member_export_dialog import MemberExportDialog, value_names
from app.ui.labels import error_text, yuan
from app.ui.score_refresh import score_refresher
from app.ui.table_models.paged_table_model import ROW_ROLE
from app.ui.table_models.segment_member_table_model import SegmentMemberTableModel
from app.ui.tasks import run_task
from app.ui.widgets.common import data_table, heading, muted
from app.ui.widgets.rule_builder import RuleGroup

COUNT_DELAY_MS = 350  # the live count waits for a pause in the typing


def _starter_tree() -> dict:
    return {"op": "and", "rules": [{"field": "layer", "cmp": "in", "value": ["dormant"]}]}


class SegmentsPage(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_id: int | None = None
        self.count: int | None = None
        self.cuts = None
        self.window_days = 365
        self._generation = 0
        self.export_task = None
        self.count_timer = QTimer(self)
        self.count_timer.setSingleShot(True)
        self.count_timer.setInterval(COUNT_DELAY_MS)
        self.count_timer.timeout.connect(self.update_count)
        self._build()
        self.builder.set_tree(_starter_tree())
        ctx.data_changed.connect(self.refresh)
        score_refresher(ctx).refreshed.connect(self.refresh)

    # ---- layout ---------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.saved = QListWidget()
        self.saved.currentItemChanged.connect(self._saved_selected)
        self.builder = RuleGroup()
        self.builder.changed.connect(self.count_timer.start)
        self.count_label = QLabel()
        self.count_label.setObjectName("subheading")
        self.model = SegmentMemberTableModel(self.ctx.store, self.ctx.show_phone, self)
        self.table = data_table(self.model)
        self.table.horizontalHeader().setDefaultSectionSize(92)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._explain(cur.row()))
        self.explain = muted()
        self.explain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(self.tr("Save members as xlsx…"))
        self.export_button.clicked.connect(self.ask_export)
        self.export_bar = QProgressBar()
        self.export_bar.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(lambda: self.export_task.cancel() if self.export_task else None)
        self.cancel_button.hide()
        self.export_status = muted()
        splitter = QSplitter()
        splitter.addWidget(self._left())
        splitter.addWidget(self._right())
        splitter.setSizes([240, 1000])
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Segments")))
        lay.addWidget(splitter, 1)

    def _buttons(self, *pairs) -> QHBoxLayout:
        row = QHBoxLayout()
        for title, slot in pairs:
            button = QPushButton(title)
            button.clicked.connect(slot)
            row.addWidget(button)
        return row

    def _left(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 8, 0)
        lay.addWidget(QLabel(self.tr("Saved segments")))
        lay.addWidget(self.saved, 1)
        lay.addLayout(self._buttons((self.tr("New"), self.new_segment), (self.tr("Save"), self.ask_save)))
        lay.addLayout(
            self._buttons((self.tr("Rename"), self.ask_rename), (self.tr("Delete"), self.ask_delete))
        )
        return w

    def _right(self) -> QWidget:
        rules = QScrollArea()
        rules.setWidgetResizable(True)
        rules.setWidget(self.builder)
        rules.setMinimumHeight(120)
        export_row = QHBoxLayout()
        export_row.addWidget(self.count_label, 1)
        export_row.addWidget(self.export_status)
        export_row.addWidget(self.export_bar)
        export_row.addWidget(self.cancel_button)
        export_row.addWidget(self.export_button)
        members = QWidget()
        lay = QVBoxLayout(members)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addLayout(export_row)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.explain)
        split = QSplitter(Qt.Orientation.Vertical)  # the owner drags the border when the rules grow
        split.setContentsMargins(8, 0, 0, 0)
        split.setChildrenCollapsible(False)
        split.addWidget(rules)
        split.addWidget(members)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 440])
        return split

    # ---- loading -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        store = self.ctx.store
        run_task(lambda: _page_data(store), on_result=self._show_saved)
        self.update_count()

    def _show_saved(self, data) -> None:
        saved, self.cuts, self.window_days, tiers = data
        self.builder.set_tier_choices(tiers)
        self.saved.blockSignals(True)
        self.saved.clear()
        for s in saved:
            item = QListWidgetItem(self.tr("%1 (%2)").replace("%1", s.name).replace("%2", f"{s.size:,}"))
            item.setData(Qt.ItemDataRole.UserRole, s)
            self.saved.addItem(item)
            if s.id == self.current_id:
                self.saved.setCurrentItem(item)
        self.saved.blockSignals(False)

    def saved_names(self) -> list[str]:
        return [self.saved.item(i).data(Qt.ItemDataRole.UserRole).name for i in range(self.saved.count())]

    def update_count(self) -> None:
        """Count the matching customers in the background; the member list follows the same rules."""
        self.count_timer.stop()
        self._generation += 1
        generation = self._generation
        try:
            tree = self.builder.tree()
        except (ValueError, IndexError):
            self._count_failed(generation, None)
            return
        store = self.ctx.store
        run_task(
            lambda: seg_service.count_matching(store, tree),
            on_result=lambda n: self._show_count(generation, tree, n),
            on_error=lambda exc: self._count_failed(generation, exc),
        )

    def _show_count(self, generation: int, tree: dict, n: int) -> None:
        if generation != self._generation:
            return  # an older count arriving after a newer edit
        self.count = n
        self.count_label.setText(self.tr("%1 customers match").replace("%1", f"{n:,}"))
        self.export_button.setEnabled(n > 0)
        self.explain.setText("")
        self.model.show_phone = self.ctx.show_phone
        self.model.set_tree(tree)

    def _count_failed(self, generation: int, exc: Exception | None) -> None:
        if generation != self._generation:
            return
        self.count = None
        self.export_button.setEnabled(False)
        detail = error_text(exc) if exc is not None else self.tr("a number is missing or not a number")
        self.count_label.setText(self.tr("The rules are not complete: %1").replace("%1", detail))

    def _explain(self, row: int) -> None:
        r = self.model.row_at(row)
        if r is None:
            self.explain.setText("")
            return
        values = (r["r_days"], r["f_orders"], r["m_fen"])
        scores = (r["r_score"], r["f_score"], r["m_score"])
        lines = explain_scores(values, scores, self.cuts, self.window_days, yuan)
        self.explain.setText(f"{r['display_name'] or ''}\n" + "\n".join(lines))

    def selected_row(self) -> dict | None:
        return self.table.currentIndex().data(ROW_ROLE)

    # ---- saved segments ---------------------------------------------------------------------------------
    def _saved_selected(self, item, _previous=None) -> None:
        if item is None:
            return
        s = item.data(Qt.ItemDataRole.UserRole)
        self.current_id = s.id
        self.builder.set_tree(s.rules)
        self.update_count()

    def new_segment(self) -> None:
        self.current_id = None
        self.saved.clearSelection()
        self.saved.setCurrentItem(None)
        self.builder.set_tree(_starter_tree())

    def ask_save(self) -> None:
        if self.current_id is not None:
            self.save_as(self._current_name(), self.current_id)
            return
        name, ok = QInputDialog.getText(self, self.tr("Save segment"), self.tr("Name of the segment:"))
        if ok and name.strip():
            self.save_as(name.strip())

    def _current_name(self) -> str:
        item = self.saved.currentItem()
        return item.data(Qt.ItemDataRole.UserRole).name if item else ""

    def save_as(self, name: str, segment_id: int | None = None, tree: dict | None = None) -> None:
        store, tree = self.ctx.store, tree if tree is not None else self.builder.tree()
        run_task(
            lambda: seg_service.save_segment(store, name, tree, segment_id),
            on_result=self._saved,
            on_error=lambda exc: QMessageBox.warning(self, self.tr("Save segment"), error_text(exc)),
            write=True,
        )

    def _saved(self, segment_id: int) -> None:
        self.current_id = segment_id
        self.refresh()

    def ask_rename(self) -> None:
        item = self.saved.currentItem()
        if item is None:
            return
        s = item.data(Qt.ItemDataRole.UserRole)
        name, ok = QInputDialog.getText(self, self.tr("Rename segment"), self.tr("New name:"), text=s.name)
        if ok and name.strip():
            self.save_as(name.strip(), s.id, s.rules)

    def ask_delete(self) -> None:
        item = self.saved.currentItem()
        if item is None:
            return
        s = item.data(Qt.ItemDataRole.UserRole)
        question = self.tr("Delete the segment “%1”? Its customers are not changed.").replace("%1", s.name)
        if QMessageBox.question(self, self.tr("Delete segment"), question) == QMessageBox.StandardButton.Yes:
            self.delete_segment(s.id)

    def delete_segment(self, segment_id: int) -> None:
        store = self.ctx.store
        self.current_id = None
        run_task(
            lambda: seg_service.delete_segment(store, segment_id),
            on_result=lambda _r: self.refresh(),
            write=True,
        )

    # ---- export ---------------------------------------------------------------------------------------
    def ask_export(self) -> None:
        dialog = MemberExportDialog(self.ctx.show_phone, self)
        if dialog.exec():
            path = dialog.ask_path()
            if path:
                self.export_members(path, dialog.columns(), dialog.show_phone())

    def export_members(self, path: str, columns: list[tuple[str, str]], show_phone: bool):
        from pathlib import Path

        req = ExportRequest(self.builder.tree(), Path(path), columns, show_phone, value_names())
        store = self.ctx.store
        self.export_button.setEnabled(False)
        self.export_bar.setRange(0, 0)
        self._exporting(True)
        self.export_task = None
        self.export_status.setText(self.tr("Saving…"))
        self.export_task = run_task(
            lambda progress, cancelled: export_members(store, req, progress, cancelled),
            on_result=lambda n: self._exported(path, n),
            on_error=self._export_failed,
            on_progress=self._export_progress,
        )
        return self.export_task

    def _export_progress(self, done: int, total: int, _stage: str) -> None:
        self.export_bar.setRange(0, max(total, 1))
        self.export_bar.setValue(done)

    def _exporting(self, busy: bool) -> None:
        self.export_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.export_button.setEnabled(not busy)

    def _exported(self, path: str, n: int) -> None:
        self._exporting(False)
        if self.export_task is not None and self.export_task.is_cancelled():
            self.export_status.setText(self.tr("Saving cancelled"))
            return
        self.export_status.setText(
            self.tr("%1 customers saved to %2").replace("%1", f"{n:,}").replace("%2", path)
        )

    def _export_failed(self, exc: Exception) -> None:
        self._exporting(False)
        self.export_status.setText(self.tr("Could not save: %1").replace("%1", error_text(exc)))


def _page_data(store):
    """Saved segments with their sizes, the current cut points, the RFM window, the tiers to choose from."""
    from app.services.membership.tiers import list_tiers

    return (
        seg_service.saved_segments(store),
        current_cut_points(store),
        load_metric_settings(store).rfm_window_days,
        [(t.id, t.name) for t in list_tiers(store)],
    )
