"""The import history: every batch, with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.history import BatchRow, list_batches
from app.services.importer import undo_import
from app.ui.labels import error_text, platform_name, when
from app.ui.tasks import run_task
from app.ui.widgets.common import muted, readonly_table


class HistoryPanel(QWidget):
    undone = Signal()

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.batches: tuple[BatchRow, ...] = ()
        self.table = readonly_table(
            [
                self.tr("Imported at"),
                self.tr("File"),
                self.tr("Platform"),
                self.tr("Rows"),
                self.tr("New"),
                self.tr("Updated"),
                self.tr("Rejected"),
                self.tr("State"),
            ]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.undo_button = QPushButton(self.tr("Undo this import…"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_selected)
        row = QHBoxLayout()
        row.addWidget(
            muted(
                self.tr(
                    "Undo removes the orders an import added and puts back what it changed. "
                    "A backup is made first."
                )
            ),
            1,
        )
        row.addWidget(self.undo_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)

    def refresh(self) -> None:
        run_task(lambda: list_batches(self.ctx.store), on_result=self._show)

    def _show(self, batches) -> None:
        self.batches = batches
        self.table.setRowCount(len(batches))
        for r, b in enumerate(batches):
            state = self.tr("Undone") if b.status == "undone" else self.tr("Imported", "state of an import")
            cells = [
                when(b.imported_at),
                b.file_name,
                platform_name(b.platform),
                str(b.rows),
                str(b.orders_new),
                str(b.orders_updated),
                str(b.rejected),
                state,
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 3 <= c <= 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self._selection_changed()

    def _selected(self) -> BatchRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.batches[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        b = self._selected()
        self.undo_button.setEnabled(b is not None and b.status == "done")

    def undo_selected(self) -> None:
        b = self._selected()
        if b is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Undo import"),
            self.tr("Undo the import of %1? Its %2 new orders are removed.")
            .replace("%1", b.file_name)
            .replace("%2", str(b.orders_new)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        store = self.ctx.store
        run_task(
            lambda: undo_import(store, b.id),
            on_result=lambda _r: self._after_undo(),
            on_error=lambda exc: QMessageBox.warning(self, self.tr("Undo import"), error_text(exc)),
            write=True,
        )

    def _after_undo(self) -> None:
        self.refresh()
        self.undone.emit()
