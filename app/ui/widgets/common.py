"""Small widgets the pages share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHeaderView, QLabel, QTableView, QTableWidget, QVBoxLayout, QWidget


def heading(text: str, level: int = 1) -> QLabel:
    label = QLabel(text)
    label.setObjectName("heading" if level == 1 else "subheading")
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label


class FigureCard(QFrame):
    """A big number with a caption (overview, customer detail)."""

    def __init__(self, caption: str, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.value = QLabel("–")
        self.value.setObjectName("smallFigure" if compact else "figure")
        self.caption = QLabel(caption)
        self.caption.setObjectName("muted")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(*((10, 6, 10, 6) if compact else (16, 12, 16, 12)))
        lay.addWidget(self.caption)
        lay.addWidget(self.value)

    def set_value(self, text: str) -> None:
        self.value.setText(text)


def data_table(model, parent: QWidget | None = None) -> QTableView:
    """A read-only, sortable, row-selecting table for a PagedTableModel."""
    view = QTableView(parent)
    view.setModel(model)
    column = model.column_of(model.sort_key)
    order = Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder
    view.horizontalHeader().setSortIndicator(max(column, 0), order)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(28)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


def readonly_table(headers: list[str], parent: QWidget | None = None) -> QTableWidget:
    """A small read-only QTableWidget (a few dozen rows: results, history): columns fit their
    contents, the last one takes the rest, no row numbers."""
    table = QTableWidget(0, len(headers), parent)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setHorizontalHeaderLabels(headers)
    return table
