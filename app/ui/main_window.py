"""The main window: left navigation, the four pages, menus, status bar and dropping files to import."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_DISPLAY_NAME
from app.paths import resource_path
from app.services.history import store_summary
from app.ui.context import AppContext
from app.ui.labels import file_size, when
from app.ui.main_actions import MainActionsMixin
from app.ui.pages.customers_page import CustomersPage
from app.ui.pages.import_page import ImportPage
from app.ui.pages.orders_page import OrdersPage
from app.ui.pages.overview_page import OverviewPage
from app.ui.tasks import run_task

OVERVIEW, IMPORT, ORDERS, CUSTOMERS = range(4)
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".ods")


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "app.svg")))


class MainWindow(MainActionsMixin, QMainWindow):
    def __init__(self, store, lock=None, parent=None) -> None:
        super().__init__(parent)
        self.lock = lock
        self.ctx = AppContext(store, self)
        self._rebuild_pending = False
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.build_ui()
        self._restore_geometry()

    # ---- building (again after a language or store change) --------------------------------------------
    def build_ui(self) -> None:
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.overview = OverviewPage(self.ctx)
        self.import_page = ImportPage(self.ctx)
        self.orders = OrdersPage(self.ctx)
        self.customers = CustomersPage(self.ctx)
        self.pages = QStackedWidget()
        for page in (self.overview, self.import_page, self.orders, self.customers):
            self.pages.addWidget(page)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(180)
        self.nav.addItems([self.tr("Overview"), self.tr("Import"), self.tr("Orders"), self.tr("Customers")])
        self.nav.currentRowChanged.connect(self.show_page)
        self.setCentralWidget(self._central())
        self.build_menus()
        self._connect_pages()
        self.nav.setCurrentRow(OVERVIEW)
        self.refresh_status()

    def _central(self) -> QWidget:
        brand = QLabel(APP_DISPLAY_NAME)
        brand.setObjectName("brand")
        side = QWidget()
        side.setObjectName("nav")
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.setSpacing(0)
        sl.addWidget(brand)
        sl.addWidget(self.nav, 1)
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(side)
        lay.addWidget(self.pages, 1)
        return central

    def _connect_pages(self) -> None:
        self.overview.import_requested.connect(lambda: self.nav.setCurrentRow(IMPORT))
        self.overview.suggestions_requested.connect(self.show_suggestions)
        self.import_page.orders_requested.connect(lambda: self.nav.setCurrentRow(ORDERS))
        self.import_page.wizard.busy_changed.connect(self._import_busy)
        self.ctx.data_changed.connect(self.refresh_status)

    def show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.pages.currentWidget().refresh()

    def show_suggestions(self) -> None:
        self.nav.setCurrentRow(CUSTOMERS)
        self.customers.tabs.setCurrentIndex(1)

    def rebuild(self) -> None:
        """Make every page again: texts in the new language, or another store."""
        if self.import_page.wizard.busy:
            self._rebuild_pending = True
            return
        current = max(self.nav.currentRow(), 0)
        old = self.centralWidget()
        self.build_ui()
        old.deleteLater()
        self.nav.setCurrentRow(current)

    def _import_busy(self, busy: bool) -> None:
        if not busy and self._rebuild_pending:
            self._rebuild_pending = False
            self.rebuild()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "nav"):
            self.rebuild()
        super().changeEvent(event)

    # ---- status bar ------------------------------------------------------------------------------------
    def refresh_status(self) -> None:
        store = self.ctx.store
        run_task(lambda: store_summary(store), on_result=self._show_status)

    def _show_status(self, s) -> None:
        last = when(s.last_import) or self.tr("never")
        self.status_label.setText(self.tr("Store %1 · last import %2").replace("%1", file_size(s.size_bytes))
                                  .replace("%2", last))  # fmt: skip

    # ---- dropping files ------------------------------------------------------------------------------
    @staticmethod
    def _sheet_paths(event) -> list[str]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [u.toLocalFile() for u in urls if u.toLocalFile().lower().endswith(SHEET_SUFFIXES)]

    def dragEnterEvent(self, event) -> None:
        if self._sheet_paths(event):
            event.acceptProposedAction()
            self.import_page.wizard.pick.set_drop_active(True)

    def dragLeaveEvent(self, event) -> None:
        self.import_page.wizard.pick.set_drop_active(False)

    def dropEvent(self, event) -> None:
        paths = self._sheet_paths(event)
        self.import_page.wizard.pick.set_drop_active(False)
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def import_files(self, paths: list[str]) -> None:
        self.nav.setCurrentRow(IMPORT)
        self.import_page.add_files(paths)

    # ---- window state -----------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("ui/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def closeEvent(self, event) -> None:
        QSettings().setValue("ui/geometry", self.saveGeometry())
        super().closeEvent(event)
