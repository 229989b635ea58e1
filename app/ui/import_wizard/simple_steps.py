"""Wizard steps 1 and 3: choosing files, and the running import with its Cancel button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.widgets.common import heading, muted

SHEET_FILTER = "*.xlsx *.xlsm *.xls *.csv *.ods"


class PickStep(QWidget):
    files_chosen = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.drop_zone = QLabel(
            self.tr(
                "Drop order exports here\n(xlsx, xls or csv from Taobao, Douyin, "
                "Pinduoduo, JD, Kuaishou, Youzan or WeChat shops)"
            )
        )
        self.drop_zone.setObjectName("dropZone")
        self.drop_zone.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_zone.setMinimumHeight(220)
        self.choose_button = QPushButton(self.tr("Choose files…"))
        self.choose_button.setObjectName("primary")
        self.choose_button.setProperty("class", "big")
        self.choose_button.setMinimumSize(220, 52)
        self.choose_button.clicked.connect(self.choose_files)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Import orders")))
        lay.addWidget(
            muted(
                self.tr(
                    "Export the orders from your shop's back office and bring the files here. "
                    "Importing the same file again only updates what changed."
                )
            )
        )
        lay.addSpacing(12)
        lay.addWidget(self.drop_zone)
        lay.addSpacing(12)
        lay.addLayout(row)
        lay.addStretch(1)

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose order exports"),
            "",
            self.tr("Spreadsheets (%1)").replace("%1", SHEET_FILTER),
        )
        if files:
            self.files_chosen.emit(files)

    def set_drop_active(self, active: bool) -> None:
        self.drop_zone.setProperty("active", "true" if active else "false")
        self.drop_zone.style().unpolish(self.drop_zone)
        self.drop_zone.style().polish(self.drop_zone)


class RunStep(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = heading(self.tr("Importing…"))
        self.file_label = QLabel()
        self.stage_label = muted()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self._cancel)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addSpacing(16)
        lay.addWidget(self.file_label)
        lay.addWidget(self.bar)
        lay.addWidget(self.stage_label)
        lay.addLayout(row)
        lay.addWidget(
            muted(
                self.tr(
                    "You can keep working in the other pages. Cancelling leaves the store "
                    "exactly as it was before this file."
                )
            )
        )
        lay.addStretch(1)

    def start(self) -> None:
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Cancel"))
        self.bar.setRange(0, 0)
        self.stage_label.setText("")

    def show_file(self, number: int, total: int, name: str) -> None:
        self.file_label.setText(
            self.tr("File %1 of %2: %3")
            .replace("%1", str(number))
            .replace("%2", str(total))
            .replace("%3", name)
        )

    def show_progress(self, done: int, total: int, stage: str) -> None:
        """Stages: read, write (total 0 when the importer streams and cannot know it yet), write_about
        (total estimated from how much of a large sheet is read), done."""
        self.bar.setRange(0, total)  # 0..0 is Qt's busy bar
        self.bar.setValue(done)
        if stage == "write" and total:
            text = self.tr("Saving orders: %1 of %2").replace("%2", f"{total:,}")
        elif stage == "write_about" and total:
            text = self.tr("Saving orders: %1 (about %2% done)").replace(
                "%2", str(min(99, done * 100 // total))
            )
        elif stage in ("write", "write_about"):
            text = self.tr("Saving orders: %1")
        elif stage == "done":
            text = self.tr("Finishing: %1 rows read")
        else:
            text = self.tr("Reading rows: %1")
        self.stage_label.setText(text.replace("%1", f"{done:,}"))

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancelling…"))
        self.cancel_requested.emit()
