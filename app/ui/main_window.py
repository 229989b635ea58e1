"""The main window: left navigation, the pages, menus, status bar and dropping files to import.

A cold start shows the window's frame first (navigation, menus, "opening the store…") and only then
imports the data layer, opens the store and builds the pages: SQLAlchemy and the services cost several
times a bare Qt window's start. The module therefore imports pages and services where they are used.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_DISPLAY_NAME
from app.paths import resource_path
from app.ui.labels import error_text, file_size, when
from app.ui.main_actions import MainActionsMixin
from app.ui.tasks import run_task

# The navigation, in order: (attribute on the window, title, "module:class" of the page, which takes the
# AppContext). A later area (analytics, campaigns...) is one more entry; every page has refresh().
PAGES = (
    ("overview", QT_TRANSLATE_NOOP("MainWindow", "Overview"), "app.ui.pages.overview_page:OverviewPage"),
    ("analytics", QT_TRANSLATE_NOOP("MainWindow", "Analytics"), "app.ui.pages.dashboard_page:DashboardPage"),
    ("import_page", QT_TRANSLATE_NOOP("MainWindow", "Import"), "app.ui.pages.import_page:ImportPage"),
    ("orders", QT_TRANSLATE_NOOP("MainWindow", "Orders"), "app.ui.pages.orders_page:OrdersPage"),
    ("customers", QT_TRANSLATE_NOOP("MainWindow", "Customers"), "app.ui.pages.customers_page:CustomersPage"),
    ("segments", QT_TRANSLATE_NOOP("MainWindow", "Segments"), "app.ui.pages.segments_page:SegmentsPage"),
    ("members", QT_TRANSLATE_NOOP("MainWindow", "Members"), "app.ui.pages.members_page:MembersPage"),
    ("coupons", QT_TRANSLATE_NOOP("MainWindow", "Coupons"), "app.ui.pages.coupons_page:CouponsPage"),
)
OVERVIEW, ANALYTICS, IMPORT, ORDERS, CUSTOMERS, SEGMENTS, MEMBERS, COUPONS = range(8)
NAV_WIDTH, NAV_ITEM_HEIGHT = 190, 42
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".ods")


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "app.svg")))


def _page_class(spec: str):
    module, name = spec.split(":")
    return getattr(import_module(module), name)


class MainWindow(MainActionsMixin, QMainWindow):
    """The window on an open store; or, with `store=None`, its frame until `open_store_at` is called."""

    frame_painted = Signal()  # a cold start: the frame is on screen, the store is about to open
    ready = Signal()  # the store is open and every page built

    def __init__(self, store=None, lock=None, parent=None) -> None:
        super().__init__(parent)
        self.lock = lock
        self.ctx = None
        self._rebuild_pending = False
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        if store is not None:
            self._attach(store)
        self.build_ui()
        self._restore_geometry()

    def open_store_later(self, path: Path) -> None:
        """Open the store at `path` once the event loop runs, after painting the frame (the cold start)."""
        QTimer.singleShot(0, lambda: self._paint_then_open(path))

    def _paint_then_open(self, path: Path) -> None:
        self.repaint()  # the frame is on screen before the data layer loads
        self.frame_painted.emit()
        self.open_store_at(path)

    def open_store_at(self, path: Path) -> bool:
        from app.services.store_files import open_store_at

        try:
            store = open_store_at(path)
        except Exception as exc:  # a store from a newer version, a damaged file ...
            self._show_loading(error_text(exc))
            return False
        self._attach(store)
        self.rebuild()
        return True

    def _attach(self, store) -> None:
        from app.ui.context import AppContext

        self.ctx = AppContext(store, self)

    # ---- building (again after a language or store change) --------------------------------------------
    def build_ui(self) -> None:
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setUniformItemSizes(True)
        for _attr, title, _page in PAGES:
            item = QListWidgetItem(QCoreApplication.translate("MainWindow", title))
            item.setSizeHint(QSize(NAV_WIDTH, NAV_ITEM_HEIGHT))  # style-sheet padding alone clipped items
            self.nav.addItem(item)
        self.setCentralWidget(self._central())
        self.build_menus()
        if self.ctx is None:
            self._show_loading(self.tr("Opening the store…"))
            self.nav.setEnabled(False)
            return
        for attr, _title, _page in PAGES:  # each page is built when first shown or used (page())
            self.__dict__.pop(attr, None)
            self.pages.addWidget(QWidget())
        self.nav.currentRowChanged.connect(self.show_page)
        self.ctx.data_changed.connect(self.refresh_status)
        self.nav.setCurrentRow(OVERVIEW)
        self.refresh_status()
        self.ready.emit()
        QTimer.singleShot(0, self._build_next_page)

    def _build_next_page(self) -> None:
        """Build the pages not shown yet, one per turn of the event loop, so a first click is instant."""
        if self.ctx is None:
            return
        for index, (attr, _title, _page) in enumerate(PAGES):
            if attr not in self.__dict__:
                self.page(index)
                QTimer.singleShot(0, self._build_next_page)
                return

    def _show_loading(self, text: str) -> None:
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        while self.pages.count():
            self.pages.removeWidget(self.pages.widget(0))
        self.pages.addWidget(label)

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

    def __getattr__(self, name: str):
        """`window.customers` and the other pages: built on first use."""
        for index, (attr, _title, _page) in enumerate(PAGES):
            if name == attr and self.__dict__.get("ctx") is not None:
                return self.page(index)
        raise AttributeError(name)

    def page(self, index: int) -> QWidget:
        attr, _title, spec = PAGES[index]
        if attr in self.__dict__:
            return self.__dict__[attr]
        widget = _page_class(spec)(self.ctx)
        self.__dict__[attr] = widget
        placeholder = self.pages.widget(index)
        current = self.pages.currentIndex()
        self.pages.insertWidget(index, widget)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages.setCurrentIndex(current)
        self._connect_page(attr, widget)
        return widget

    def _connect_page(self, attr: str, page) -> None:
        if attr == "overview":
            page.import_requested.connect(lambda: self.nav.setCurrentRow(IMPORT))
            page.suggestions_requested.connect(self.show_suggestions)
        elif attr == "import_page":
            page.orders_requested.connect(lambda: self.nav.setCurrentRow(ORDERS))
            page.wizard.busy_changed.connect(self._import_busy)

    def show_page(self, index: int) -> None:
        page = self.page(index)
        self.pages.setCurrentIndex(index)
        page.refresh()

    def show_suggestions(self) -> None:
        self.nav.setCurrentRow(CUSTOMERS)
        self.customers.tabs.setCurrentIndex(1)

    def rebuild(self) -> None:
        """Make every page again: texts in the new language, or another store."""
        importing = self.__dict__.get("import_page")
        if importing is not None and importing.wizard.busy:
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
        from app.services.history import store_summary

        store = self.ctx.store
        run_task(lambda: store_summary(store), on_result=self._show_status)

    def _show_status(self, s) -> None:
        last = when(s.last_import) or self.tr("never")
        self.status_label.setText(
            self.tr("Store %1 · last import %2").replace("%1", file_size(s.size_bytes)).replace("%2", last)
        )

    # ---- dropping files ------------------------------------------------------------------------------
    @staticmethod
    def _sheet_paths(event) -> list[str]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [u.toLocalFile() for u in urls if u.toLocalFile().lower().endswith(SHEET_SUFFIXES)]

    def dragEnterEvent(self, event) -> None:
        if self.ctx is not None and self._sheet_paths(event):
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
