"""The Orders page: every order, searched and filtered in SQL, loaded page by page."""

from __future__ import annotations

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.browse import OrderFilter
from app.services.platforms import PLATFORM_NAMES
from app.ui.labels import STATUSES, platform_name, status_name
from app.ui.table_models.order_table_model import OrderTableModel
from app.ui.widgets.common import data_table, heading, muted

SEARCH_DELAY_MS = 300
SEARCH_MIN_WIDTH = 300  # room for the hint in Chinese and English


def platform_combo(all_text: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(all_text, "")
    for key in PLATFORM_NAMES:
        combo.addItem(platform_name(key), key)
    return combo


def date_edit(days_back: int) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate().addDays(-days_back))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setEnabled(False)
    return edit


class OrdersPage(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = OrderTableModel(ctx.store, self)
        self.model.show_phone = ctx.show_phone
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self._build()
        self.model.total_changed.connect(self._show_total)
        ctx.data_changed.connect(self.model.reload)
        ctx.settings_changed.connect(self._settings_changed)

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Order number, nickname, receiver or last 4 phone digits"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.platform = platform_combo(self.tr("All platforms"))
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), "")
        for code in STATUSES:
            self.status.addItem(status_name(code), code)
        self.use_dates = QCheckBox(self.tr("Ordered between"))
        self.date_from, self.date_to = date_edit(90), date_edit(0)
        self.use_dates.toggled.connect(self._dates_toggled)
        for combo in (self.platform, self.status):
            combo.currentIndexChanged.connect(self.apply_filter)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.apply_filter)
        self.count = muted()
        self.table = data_table(self.model)
        self._layout()

    def _layout(self) -> None:
        self.search.setMinimumWidth(SEARCH_MIN_WIDTH)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.platform, 1)
        filters.addWidget(self.status, 1)
        filters.addSpacing(8)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.date_to)
        title = QHBoxLayout()
        title.addWidget(heading(self.tr("Orders")))
        title.addStretch(1)
        title.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.addLayout(title)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        widths = (130, 110, 190, 70, 90, 80, 120, 80, 110, 70)
        for col, width in enumerate(widths):
            self.table.setColumnWidth(col, width)

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filter()

    def current_filter(self) -> OrderFilter:
        dates = self.use_dates.isChecked()
        return OrderFilter(
            search=self.search.text().strip(),
            platform=self.platform.currentData() or "",
            status=self.status.currentData() or "",
            date_from=self.date_from.date().toPython() if dates else None,
            date_to=self.date_to.date().toPython() if dates else None,
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def refresh(self) -> None:
        if self.model.needs_load:
            self.model.reload()

    def _settings_changed(self) -> None:
        self.model.show_phone = self.ctx.show_phone
        self.model.reload()

    def _show_total(self, total: int) -> None:
        self.count.setText(self.tr("%1 orders").replace("%1", f"{total:,}"))
