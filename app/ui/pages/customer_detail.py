"""The panel beside the customer list: figures, identities, order timeline and notes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import customer_admin
from app.services.customer_admin import CustomerDetail
from app.ui.labels import (
    day,
    error_text,
    identity_kind,
    platform_name,
    platforms_text,
    status_name,
    when,
    yuan,
)
from app.ui.tasks import run_task
from app.ui.widgets.common import heading, muted


class CustomerDetailPanel(QWidget):
    changed = Signal()  # a split or note changed the store

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: CustomerDetail | None = None
        self._build()
        self.show_detail(None)

    def _build(self) -> None:
        self.name = heading("")
        self.place = muted()
        self.figures = QFormLayout()
        self.figure_labels = {}
        for key, title in (("orders", self.tr("Valid orders")), ("net", self.tr("Net spend")),
                           ("aov", self.tr("Average order")), ("refund", self.tr("Refunded")),
                           ("first", self.tr("First order")), ("last", self.tr("Last order"))):  # fmt: skip
            self.figure_labels[key] = QLabel()
            self.figures.addRow(title, self.figure_labels[key])
        self.identities = QListWidget()
        self.identities.setMaximumHeight(96)
        self.split_button = QPushButton(self.tr("Split off…"))
        self.split_button.setToolTip(self.tr("Move the selected identity and its orders to a new customer"))
        self.split_button.clicked.connect(self.split_selected)
        self.timeline = QTreeWidget()
        self.timeline.setRootIsDecorated(False)
        self.timeline.setHeaderLabels([self.tr("Date"), self.tr("Platform"), self.tr("Status"), self.tr("Paid"),
                                       self.tr("Items")])  # fmt: skip
        self.timeline.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.notes.setMaximumHeight(110)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Add a note about this customer"))
        self.note_edit.returnPressed.connect(self.add_note)
        self.note_button = QPushButton(self.tr("Add"))
        self.note_button.clicked.connect(self.add_note)
        self._layout()

    def _layout(self) -> None:
        ident_row = QHBoxLayout()
        ident_row.addWidget(heading(self.tr("Identities"), 2))
        ident_row.addStretch(1)
        ident_row.addWidget(self.split_button)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.note_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 0, 0, 0)
        lay.addWidget(self.name)
        lay.addWidget(self.place)
        lay.addLayout(self.figures)
        lay.addLayout(ident_row)
        lay.addWidget(self.identities)
        lay.addWidget(heading(self.tr("Orders"), 2))
        lay.addWidget(self.timeline, 1)
        lay.addWidget(heading(self.tr("Notes"), 2))
        lay.addWidget(self.notes)
        lay.addLayout(note_row)

    def load(self, customer_id: int | None) -> None:
        if customer_id is None:
            self.show_detail(None)
            return
        store, show = self.ctx.store, self.ctx.show_phone
        run_task(lambda: customer_admin.customer_detail(store, customer_id, show), on_result=self.show_detail,
                 on_error=lambda _exc: self.show_detail(None))  # fmt: skip

    def show_detail(self, d: CustomerDetail | None) -> None:
        self.detail = d
        for w in (self.split_button, self.note_edit, self.note_button):
            w.setEnabled(d is not None)
        if d is None:
            self.name.setText(self.tr("No customer selected"))
            self.place.setText(self.tr("Choose a customer in the list to see their orders and notes."))
            for label in self.figure_labels.values():
                label.setText("")
            self.identities.clear()
            self.timeline.clear()
            self.notes.clear()
            return
        self.name.setText(d.display_name or self.tr("(no name)"))
        parts = [p for p in (d.phone, d.province, d.city, platforms_text(d.platforms)) if p]
        self.place.setText("  ·  ".join(parts))
        self._fill_figures(d)
        self._fill_lists(d)

    def _fill_figures(self, d: CustomerDetail) -> None:
        f = self.figure_labels
        f["orders"].setText(self.tr("%1 (of %2 in all)").replace("%1", str(d.order_count))
                            .replace("%2", str(d.all_order_count)))  # fmt: skip
        f["net"].setText(yuan(d.net_spend_fen))
        f["aov"].setText(yuan(d.aov_fen))
        f["refund"].setText(yuan(d.refund_fen))
        f["first"].setText(day(d.first_order_at))
        f["last"].setText(day(d.last_order_at))

    def _fill_lists(self, d: CustomerDetail) -> None:
        self.identities.clear()
        for ident in d.identities:
            where = f" · {platform_name(ident.platform)}" if ident.platform else ""
            item = QListWidgetItem(f"{identity_kind(ident.kind)}{where}: {ident.value}")
            item.setData(Qt.ItemDataRole.UserRole, ident.id)
            self.identities.addItem(item)
        self.timeline.clear()
        for o in d.orders:
            QTreeWidgetItem(self.timeline, [when(o.order_time), platform_name(o.platform), status_name(o.status),
                                            yuan(o.paid_fen), o.items_summary])  # fmt: skip
        self.notes.clear()
        for n in d.notes:
            self.notes.addItem(f"{when(n.created_at)}  {n.text}")

    def add_note(self) -> None:
        text = self.note_edit.text().strip()
        if not text or self.detail is None:
            return
        cid, store = self.detail.id, self.ctx.store
        self.note_edit.clear()
        run_task(lambda: customer_admin.add_note(store, cid, text), on_result=lambda _r: self.load(cid), write=True)

    def split_selected(self) -> None:
        item = self.identities.currentItem()
        if item is None or self.detail is None:
            QMessageBox.information(self, self.tr("Split off"), self.tr("Select an identity first."))
            return
        answer = QMessageBox.question(self, self.tr("Split off"), self.tr(
            "Move “%1” and the orders it names to a new customer?").replace("%1", item.text()))
        if answer != QMessageBox.StandardButton.Yes:
            return
        ident_id, store = item.data(Qt.ItemDataRole.UserRole), self.ctx.store
        run_task(lambda: customer_admin.split_identity(store, ident_id), on_result=self._after_split,
                 on_error=lambda exc: QMessageBox.warning(self, self.tr("Split off"), error_text(exc)),
                 write=True)  # fmt: skip

    def _after_split(self, _new_id: int) -> None:
        self.load(self.detail.id if self.detail else None)
        self.changed.emit()
