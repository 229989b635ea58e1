"""Which columns to save for a segment's members, and whether phones are shown in full."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QVBoxLayout,
)

from app.services.analytics.layers import LAYERS
from app.services.analytics.member_export import EXPORT_COLUMNS
from app.services.analytics.rfm import SEGMENTS
from app.ui.analytics_labels import layer_name, segment_name

CTX = "MemberExportDialog"
COLUMN_TITLES = {
    "display_name": QT_TRANSLATE_NOOP("MemberExportDialog", "Name"),
    "phone": QT_TRANSLATE_NOOP("MemberExportDialog", "Phone"),
    "city": QT_TRANSLATE_NOOP("MemberExportDialog", "City"),
    "platforms": QT_TRANSLATE_NOOP("MemberExportDialog", "Platforms"),
    "order_count": QT_TRANSLATE_NOOP("MemberExportDialog", "Valid orders"),
    "net_spend_fen": QT_TRANSLATE_NOOP("MemberExportDialog", "Net spend (yuan)"),
    "last_order_at": QT_TRANSLATE_NOOP("MemberExportDialog", "Last order"),
    "layer": QT_TRANSLATE_NOOP("MemberExportDialog", "Lifecycle layer"),
    "rfm_segment": QT_TRANSLATE_NOOP("MemberExportDialog", "RFM segment"),
    "r_days": QT_TRANSLATE_NOOP("MemberExportDialog", "R (days since last order)"),
    "f_orders": QT_TRANSLATE_NOOP("MemberExportDialog", "F (orders in the RFM window)"),
    "m_fen": QT_TRANSLATE_NOOP("MemberExportDialog", "M (spend in the RFM window, yuan)"),
    "r_score": QT_TRANSLATE_NOOP("MemberExportDialog", "R score"),
    "f_score": QT_TRANSLATE_NOOP("MemberExportDialog", "F score"),
    "m_score": QT_TRANSLATE_NOOP("MemberExportDialog", "M score"),
    "value_365_fen": QT_TRANSLATE_NOOP("MemberExportDialog", "Predicted 365-day value (yuan)"),
}
DEFAULT_COLUMNS = ("display_name", "phone", "city", "layer", "rfm_segment", "net_spend_fen", "last_order_at")


def column_title(key: str) -> str:
    return QCoreApplication.translate(CTX, COLUMN_TITLES[key])


def export_columns(keys) -> list[tuple[str, str]]:
    """(key, translated header) for the chosen keys, in the workbook's order."""
    return [(k, column_title(k)) for k in EXPORT_COLUMNS if k in keys]


def value_names() -> dict[str, dict[str, str]]:
    """The owner's words for the stored layer and segment keys, for the workbook."""
    return {
        "layer": {k: layer_name(k) for k in LAYERS},
        "rfm_segment": {k: segment_name(k) for k in SEGMENTS},
    }


class MemberExportDialog(QDialog):
    def __init__(self, show_phone: bool, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save members as xlsx"))
        self.boxes = {}
        grid = QGridLayout()
        for i, key in enumerate(EXPORT_COLUMNS):
            box = QCheckBox(column_title(key))
            box.setChecked(key in DEFAULT_COLUMNS)
            self.boxes[key] = box
            grid.addWidget(box, i // 2, i % 2)
        self.phone_box = QCheckBox(self.tr("Show phone numbers in full (otherwise 138****1234)"))
        self.phone_box.setChecked(show_phone)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Columns to save:")))
        lay.addLayout(grid)
        lay.addWidget(self.phone_box)
        lay.addWidget(buttons)

    def columns(self) -> list[tuple[str, str]]:
        return export_columns([k for k, box in self.boxes.items() if box.isChecked()])

    def show_phone(self) -> bool:
        return self.phone_box.isChecked()

    def ask_path(self) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save members"), self.tr("segment members.xlsx"), self.tr("Excel workbook (*.xlsx)")
        )
        return path if not path or path.lower().endswith(".xlsx") else path + ".xlsx"
