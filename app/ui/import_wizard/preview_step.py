"""Wizard step 2: per file, the first rows, the detected platform and the column mapping."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.import_preview import ImportPreview
from app.services.platforms import PLATFORM_NAMES
from app.ui.import_wizard.mapping_editor import MappingEditor
from app.ui.labels import field_name, message, platform_name
from app.ui.widgets.common import heading, muted


class PreviewStep(QWidget):
    back_requested = Signal()
    import_requested = Signal()
    platform_chosen = Signal(int, str)  # file index, platform key ("" = detect)
    mapping_edited = Signal(int, dict)  # file index, mapping

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._previews: list[ImportPreview] = []
        self._current = 0
        self._build()

    def _build(self) -> None:
        self.file_combo = QComboBox()
        self.file_combo.currentIndexChanged.connect(self._show_file)
        self.platform_combo = QComboBox()
        self.platform_combo.addItem(self.tr("Detect automatically"), "")
        for key in PLATFORM_NAMES:
            self.platform_combo.addItem(platform_name(key), key)
        self.platform_combo.activated.connect(self._platform_activated)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.rows_table = QTableWidget()
        self.rows_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rows_table.verticalHeader().setVisible(False)
        self.mapping = MappingEditor()
        self.mapping.mapping_changed.connect(lambda m: self.mapping_edited.emit(self._current, m))
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(self.back_requested)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("primary")
        self.import_button.clicked.connect(self.import_requested)
        self._layout()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("File:")))
        top.addWidget(self.file_combo, 2)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Platform:")))
        top.addWidget(self.platform_combo, 1)
        rows_box = QWidget()
        rl = QVBoxLayout(rows_box)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(heading(self.tr("First rows"), 2))
        rl.addWidget(self.rows_table)
        map_box = QWidget()
        ml = QVBoxLayout(map_box)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addWidget(heading(self.tr("Columns"), 2))
        ml.addWidget(
            muted(
                self.tr(
                    "Fields marked * are needed. Correct a column and the app remembers it "
                    "for files with the same headers."
                )
            )
        )
        ml.addWidget(self.mapping)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(rows_box)
        split.addWidget(map_box)
        split.setSizes([220, 380])
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Check what will be imported")))
        lay.addLayout(top)
        lay.addWidget(self.status)
        lay.addWidget(split, 1)
        lay.addLayout(buttons)

    def set_previews(self, previews: list[ImportPreview], keep_current: bool = False) -> None:
        current = self._current if keep_current else 0
        self._previews = previews
        self.file_combo.blockSignals(True)
        self.file_combo.clear()
        for p in previews:
            self.file_combo.addItem(p.file)
        self.file_combo.setCurrentIndex(min(current, len(previews) - 1))
        self.file_combo.blockSignals(False)
        self._show_file(self.file_combo.currentIndex())

    def update_ready(self, ready: int, total: int) -> None:
        self.import_button.setEnabled(ready > 0)
        if ready < total and ready > 0:
            self.import_button.setText(
                self.tr("Import %1 of %2 files").replace("%1", str(ready)).replace("%2", str(total))
            )
        else:
            self.import_button.setText(self.tr("Import"))

    def _show_file(self, index: int) -> None:
        if not (0 <= index < len(self._previews)):
            return
        self._current = index
        p = self._previews[index]
        self.platform_combo.setCurrentIndex(max(0, self.platform_combo.findData(p.platform or "")))
        self._fill_rows(p)
        self._show_status(p)
        if p.layout:
            self.mapping.show_preview(p)
        self.mapping.setEnabled(bool(p.layout))

    def refresh_status(self, preview: ImportPreview) -> None:
        self._previews[self._current] = preview
        self._show_status(preview)

    def _show_status(self, p: ImportPreview) -> None:
        if p.error_code:
            self._status(message(p.error_code, p.error_params), "error")
        elif p.layout is None:
            self._status(self.tr("The platform could not be recognised. Choose it above."), "warning")
        elif p.missing_required:
            names = ", ".join(field_name(f) for f in p.missing_required)
            self._status(self.tr("Choose the columns for: %1").replace("%1", names), "warning")
        elif p.remembered:
            self._status(self.tr("Using the columns you chose last time for files like this."), "ok")
        elif not p.confident:
            self._status(
                self.tr("Detected %1, but not for sure: check the columns.").replace(
                    "%1", platform_name(p.platform)
                ),
                "warning",
            )
        else:
            self._status(
                self.tr("Detected %1 (header in row %2).")
                .replace("%1", platform_name(p.platform))
                .replace("%2", str(p.header_row)),
                "ok",
            )

    def _status(self, text: str, kind: str) -> None:
        self.status.setText(text)
        self.status.setObjectName(kind)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def _fill_rows(self, p: ImportPreview) -> None:
        t = self.rows_table
        t.clear()
        t.setColumnCount(len(p.headers))
        t.setRowCount(len(p.rows))
        t.setHorizontalHeaderLabels(list(p.headers))
        for r, row in enumerate(p.rows):
            for c, value in enumerate(row[: len(p.headers)]):
                t.setItem(r, c, QTableWidgetItem(value))
        t.resizeColumnsToContents()
        for c in range(t.columnCount()):
            t.setColumnWidth(c, min(t.columnWidth(c), 220))

    def _platform_activated(self, _index: int) -> None:
        self.platform_chosen.emit(self._current, self.platform_combo.currentData())

    def current_index(self) -> int:
        return self._current
