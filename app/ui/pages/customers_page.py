"""The Customers page: the paged list with its detail panel, and the merge-suggestion queue."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services import customer_admin
from app.services.browse import CustomerFilter
from app.ui.labels import error_text
from app.ui.pages.customer_detail import CustomerDetailPanel
from app.ui.pages.merge_queue import MergeQueue
from app.ui.pages.orders_page import SEARCH_DELAY_MS, SEARCH_MIN_WIDTH, date_edit, platform_combo
from app.ui.table_models.customer_table_model import CustomerTableModel
from app.ui.tasks import run_task
from app.ui.widgets.common import data_table, heading, muted


class CustomersPage(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = CustomerTableModel(ctx.store, self)
        self.model.show_phone = ctx.show_phone
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.detail = CustomerDetailPanel(ctx)
        self.queue = MergeQueue(ctx)
        self._build()
        self.model.total_changed.connect(self._show_total)
        self.queue.count_changed.connect(self._queue_count)
        self.queue.changed.connect(ctx.data_changed)
        self.detail.changed.connect(ctx.data_changed)
        ctx.data_changed.connect(self._data_changed)
        ctx.settings_changed.connect(self._settings_changed)

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Name, nickname, buyer ID or last 4 phone digits"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.platform = platform_combo(self.tr("All platforms"))
        self.platform.currentIndexChanged.connect(self.apply_filter)
        self.use_dates = QCheckBox(self.tr("Last order between"))
        self.date_from, self.date_to = date_edit(180), date_edit(0)
        self.use_dates.toggled.connect(self._dates_toggled)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.apply_filter)
        self.merge_button = QPushButton(self.tr("Merge selected…"))
        self.merge_button.setToolTip(self.tr("Select two customers (Ctrl+click) to merge them into one"))
        self.merge_button.clicked.connect(self.merge_selected)
        self.count = muted()
        self.table = data_table(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._list_tab(), self.tr("All customers"))
        self.tabs.addTab(self.queue, self.tr("Merge suggestions"))
        self.tabs.currentChanged.connect(lambda i: self.queue.refresh() if i == 1 else None)
        title = QHBoxLayout()
        title.addWidget(heading(self.tr("Customers")))
        title.addStretch(1)
        title.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.addLayout(title)
        lay.addWidget(self.tabs, 1)

    def _list_tab(self) -> QWidget:
        self.search.setMinimumWidth(SEARCH_MIN_WIDTH)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.platform)
        date_row = QHBoxLayout()
        date_row.addWidget(self.use_dates)
        date_row.addWidget(self.date_from)
        date_row.addWidget(QLabel("–"))
        date_row.addWidget(self.date_to)
        date_row.addStretch(1)
        date_row.addWidget(self.merge_button)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(search_row)
        ll.addLayout(date_row)
        ll.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 400])
        for col, width in enumerate((56, 130, 100, 70, 110, 56, 100, 90, 90)):
            self.table.setColumnWidth(col, width)
        return split

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filter()

    def current_filter(self) -> CustomerFilter:
        dates = self.use_dates.isChecked()
        return CustomerFilter(
            search=self.search.text().strip(),
            platform=self.platform.currentData() or "",
            active_from=self.date_from.date().toPython() if dates else None,
            active_to=self.date_to.date().toPython() if dates else None,
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self.detail.load(None)

    def refresh(self) -> None:
        if self.model.needs_load:
            self.model.reload()
        self.queue.refresh()

    def selected_ids(self) -> list[int]:
        return [self.model.row_at(i.row()).id for i in self.table.selectionModel().selectedRows()]

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self.merge_button.setEnabled(len(ids) == 2)
        self.detail.load(ids[0] if len(ids) == 1 else None)

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            QMessageBox.information(self, self.tr("Merge"), self.tr("Select exactly two customers to merge."))
            return
        keep, other = sorted(ids)
        answer = QMessageBox.question(
            self,
            self.tr("Merge"),
            self.tr("Merge customer No. %1 into No. %2? Their orders, identities and notes are combined.")
            .replace("%1", str(other))
            .replace("%2", str(keep)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        store = self.ctx.store
        run_task(
            lambda: customer_admin.merge_customers(store, keep, other),
            on_result=lambda _r: self._merged(),
            on_error=lambda exc: QMessageBox.warning(self, self.tr("Merge"), error_text(exc)),
            write=True,
        )

    def _merged(self) -> None:
        self.ctx.data_changed.emit()

    def _data_changed(self) -> None:
        self.model.reload()
        self.queue.refresh()
        self.detail.reload()  # the same customer if it still exists (after a split or a note)

    def _settings_changed(self) -> None:
        self.model.show_phone = self.ctx.show_phone
        self.model.reload()

    def _show_total(self, n: int) -> None:
        self.count.setText(self.tr("%1 customers").replace("%1", f"{n:,}"))

    def _queue_count(self, n: int) -> None:
        text = self.tr("Merge suggestions (%1)").replace("%1", str(n)) if n else self.tr("Merge suggestions")
        self.tabs.setTabText(1, text)
