"""Wizard step 4: what each file did, and its rejected rows saved as a spreadsheet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.import_jobs import FileOutcome
from app.services.rejections_export import RejectedFile, save_rejections_xlsx
from app.ui.labels import error_text, message, platform_name
from app.ui.tasks import run_task
from app.ui.widgets.common import heading, muted, readonly_table

ERROR_COLOR = QColor("#b91c1c")


class ResultStep(QWidget):
    again_requested = Signal()
    orders_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.outcomes: list[FileOutcome] = []
        self.summary = muted()
        self.table = readonly_table(
            [
                self.tr("File"),
                self.tr("Platform"),
                self.tr("New"),
                self.tr("Updated"),
                self.tr("Unchanged"),
                self.tr("Rejected"),
                self.tr("Result"),
            ]
        )
        self.save_button = QPushButton(self.tr("Save rejected rows…"))
        self.save_button.clicked.connect(self.save_rejections)
        self.again_button = QPushButton(self.tr("Import more files"))
        self.again_button.clicked.connect(self.again_requested)
        self.orders_button = QPushButton(self.tr("Show orders"))
        self.orders_button.setObjectName("primary")
        self.orders_button.clicked.connect(self.orders_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.orders_button)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Import finished")))
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)

    def show_outcomes(self, outcomes: list[FileOutcome]) -> None:
        self.outcomes = outcomes
        self.table.setRowCount(len(outcomes))
        for row, o in enumerate(outcomes):
            self._fill_row(row, o)
        rejected = sum(len(o.result.rejected) for o in outcomes if o.result)
        done = sum(1 for o in outcomes if o.result)
        self.save_button.setEnabled(rejected > 0)
        self.summary.setText(
            self.tr("%1 of %2 files imported; %3 rows rejected. Every import can be undone in the history.")
            .replace("%1", str(done))
            .replace("%2", str(len(outcomes)))
            .replace("%3", str(rejected))
        )

    def _fill_row(self, row: int, o: FileOutcome) -> None:
        r = o.result
        cells = [o.preview.file, platform_name(o.preview.platform)]
        if r is not None:
            cells += [
                str(r.orders_new),
                str(r.orders_updated),
                str(r.orders_unchanged),
                str(len(r.rejected)),
                self.tr("Imported", "state of an import"),
            ]
        else:
            cells += ["", "", "", "", self._failure(o)]
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if 2 <= col <= 5:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if r is None and col == 6:
                item.setForeground(QBrush(ERROR_COLOR))
            self.table.setItem(row, col, item)

    def _failure(self, o: FileOutcome) -> str:
        if o.error_code == "skipped":
            return self.tr("Skipped: its columns were not complete")
        return message(o.error_code, {"file": o.preview.file, **o.error_params})

    def save_rejections(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save rejected rows"),
            self.tr("rejected rows.xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.write_rejections(path)

    def write_rejections(self, path: str) -> None:
        items = [
            RejectedFile(o.preview.path, o.preview.sheet, o.preview.header_row, o.result.rejected)
            for o in self.outcomes
            if o.result and o.result.rejected
        ]
        reasons = {r: message(r.code, {"value": r.value}) for item in items for r in item.rejections}
        labels = [self.tr("File"), self.tr("Row"), self.tr("Column"), self.tr("Reason"), self.tr("Value")]
        run_task(
            lambda: save_rejections_xlsx(path, items, reasons.__getitem__, labels),
            on_error=lambda exc: QMessageBox.warning(self, self.tr("Could not save"), error_text(exc)),
        )
