"""The column mapping of one file: for each field of the layout, which column of the sheet holds it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem

from app.services.import_preview import ImportPreview
from app.ui.labels import field_name

NOT_IN_FILE = -1
MISSING_COLOR = QColor("#b91c1c")


class MappingEditor(QTableWidget):
    """Rows are fields; the combo picks the sheet column. Emits the whole mapping on every change."""

    mapping_changed = Signal(dict)

    def __init__(self, parent=None) -> None:
        super().__init__(0, 3, parent)
        self._preview: ImportPreview | None = None
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.setColumnWidth(1, 220)
        self._retitle()

    def _retitle(self) -> None:
        self.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Column in your file"), self.tr("First value")]
        )

    def show_preview(self, preview: ImportPreview) -> None:
        self._preview = preview
        self.setRowCount(0)
        fields = list(preview.required) + [f for f in preview.fields if f not in preview.required]
        self.setRowCount(len(fields))
        for row, fld in enumerate(fields):
            self._fill_row(row, fld, preview)
        self._mark_missing()

    def _fill_row(self, row: int, fld: str, preview: ImportPreview) -> None:
        label = field_name(fld) + (" *" if fld in preview.required else "")
        item = QTableWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, fld)
        self.setItem(row, 0, item)
        combo = QComboBox()
        combo.addItem(self.tr("(not in this file)"), NOT_IN_FILE)
        for i, header in enumerate(preview.headers):
            combo.addItem(header or self.tr("(column %1)").replace("%1", str(i + 1)), i)
        combo.setCurrentIndex(combo.findData(preview.mapping.get(fld, NOT_IN_FILE)))
        combo.currentIndexChanged.connect(lambda _i, r=row: self._changed(r))
        self.setCellWidget(row, 1, combo)
        self.setItem(row, 2, QTableWidgetItem(self._sample(preview.mapping.get(fld, NOT_IN_FILE))))

    def _sample(self, col: int) -> str:
        if self._preview is None or col < 0 or not self._preview.rows:
            return ""
        first = self._preview.rows[0]
        return first[col] if col < len(first) else ""

    def _changed(self, row: int) -> None:
        col = self.cellWidget(row, 1).currentData()
        self.item(row, 2).setText(self._sample(col))
        self._mark_missing()
        self.mapping_changed.emit(self.mapping())

    def mapping(self) -> dict[str, int]:
        out = {}
        for row in range(self.rowCount()):
            col = self.cellWidget(row, 1).currentData()
            if col is not None and col >= 0:
                out[self.item(row, 0).data(Qt.ItemDataRole.UserRole)] = col
        return out

    def set_column(self, fld: str, col: int) -> None:
        """Pick a column for a field, as the owner would (tests, shortcuts)."""
        for row in range(self.rowCount()):
            if self.item(row, 0).data(Qt.ItemDataRole.UserRole) == fld:
                combo = self.cellWidget(row, 1)
                combo.setCurrentIndex(combo.findData(col))
                return
        raise KeyError(fld)

    def _mark_missing(self) -> None:
        if self._preview is None:
            return
        mapped = self.mapping()
        for row in range(self.rowCount()):
            item = self.item(row, 0)
            missing = item.data(Qt.ItemDataRole.UserRole) in self._preview.required and (
                item.data(Qt.ItemDataRole.UserRole) not in mapped
            )
            item.setForeground(QBrush(MISSING_COLOR) if missing else QBrush())
