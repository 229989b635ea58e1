"""The Import page: the wizard and the import history."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.ui.import_wizard.history_panel import HistoryPanel
from app.ui.import_wizard.import_wizard import ImportWizard


class ImportPage(QWidget):
    orders_requested = Signal()

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.wizard = ImportWizard(ctx)
        self.history = HistoryPanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.wizard, self.tr("Import"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.currentChanged.connect(lambda i: self.history.refresh() if i == 1 else None)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        self.wizard.imported.connect(ctx.data_changed)
        self.wizard.orders_requested.connect(self.orders_requested)
        self.history.undone.connect(ctx.data_changed)

    def add_files(self, paths: list) -> None:
        self.tabs.setCurrentIndex(0)
        self.wizard.add_files(paths)

    def refresh(self) -> None:
        if self.tabs.currentIndex() == 1:
            self.history.refresh()
