"""The panel beside the customer list: figures, identities, order timeline and notes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import customer_admin
from app.services.analytics.dashboard import CustomerScores, customer_scores
from app.services.customer_admin import CustomerDetail
from app.ui.analytics_labels import explain_scores, layer_name, segment_name
from app.ui.labels import (
    day,
    error_text,
    identity_kind,
    message,
    platform_name,
    platforms_text,
    status_name,
    when,
    yuan,
)
from app.ui.tasks import run_task
from app.ui.widgets.common import FigureCard, heading, muted
from app.ui.widgets.member_card import MemberCardView


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
        self.name.setWordWrap(True)
        self.place = muted()
        self.figure_labels = {}
        self.figures = QGridLayout()
        self.figures.setHorizontalSpacing(8)
        self.figures.setVerticalSpacing(8)
        for i, (key, title) in enumerate(self._figure_titles()):
            card = FigureCard(title, compact=True)
            self.figure_labels[key] = card.value
            self.figures.addWidget(card, i // 3, i % 3)
        self.identities = QListWidget()
        self.split_button = QPushButton(self.tr("Split off…"))
        self.split_button.setToolTip(self.tr("Move the selected identity and its orders to a new customer"))
        self.split_button.clicked.connect(self.split_selected)
        self.timeline = QTreeWidget()
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setHeaderLabels(
            [self.tr("Date"), self.tr("Platform"), self.tr("Status"), self.tr("Paid"), self.tr("Items")]
        )
        self.timeline.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.header().setStretchLastSection(True)
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Add a note about this customer"))
        self.note_edit.returnPressed.connect(self.add_note)
        self.note_button = QPushButton(self.tr("Add"))
        self.note_button.clicked.connect(self.add_note)
        self.scores_text = muted()
        self.scores_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scores_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scores: CustomerScores | None = None
        self._layout()

    def _figure_titles(self) -> tuple:
        return (
            ("orders", self.tr("Valid orders")),
            ("net", self.tr("Net spend")),
            ("aov", self.tr("Average order")),
            ("refund", self.tr("Refunded")),
            ("first", self.tr("First order")),
            ("last", self.tr("Last order")),
            ("layer", self.tr("Lifecycle layer")),
            ("rfm", self.tr("RFM segment (R-F-M)")),
            ("value", self.tr("Predicted 365-day value")),
        )

    def _tab(self, widget: QWidget, row: QHBoxLayout | None = None) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addWidget(widget, 1)
        if row is not None:
            lay.addLayout(row)
        return page

    def _layout(self) -> None:
        ident_row = QHBoxLayout()
        ident_row.addWidget(muted(self.tr("Accounts and phone numbers that name this customer.")), 1)
        ident_row.addWidget(self.split_button)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.note_button)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")  # five tabs in a narrow panel: tighter padding (app.qss)
        self.tabs.addTab(self._tab(self.timeline), self.tr("Orders"))
        self.tabs.addTab(self._tab(self.identities, ident_row), self.tr("Identities"))
        self.tabs.addTab(self._tab(self.notes, note_row), self.tr("Notes"))
        self.tabs.addTab(self._tab(self.scores_text), self.tr("RFM and value"))
        self.member_card = MemberCardView(self.ctx)
        self.tabs.addTab(self.member_card, self.tr("Membership"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 0, 0, 0)
        lay.addWidget(self.name)
        lay.addWidget(self.place)
        lay.addSpacing(4)
        lay.addLayout(self.figures)
        lay.addSpacing(4)
        lay.addWidget(self.tabs, 1)

    def load(self, customer_id: int | None) -> None:
        self.member_card.load(customer_id)
        if customer_id is None:
            self.show_detail(None)
            return
        store, show = self.ctx.store, self.ctx.show_phone
        run_task(
            lambda: customer_admin.customer_detail(store, customer_id, show),
            on_result=self.show_detail,
            on_error=lambda _exc: self.show_detail(None),
        )
        run_task(lambda: customer_scores(store, customer_id), on_result=self.show_scores)

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
            self.scores_text.setText("")
            self._count_tabs(None)
            return
        self.name.setText(d.display_name or self.tr("(no name)"))
        parts = [p for p in (d.phone, d.province, d.city, platforms_text(d.platforms)) if p]
        self.place.setText("  ·  ".join(parts))
        self._fill_figures(d)
        self._fill_lists(d)
        self._count_tabs(d)

    def _fill_figures(self, d: CustomerDetail) -> None:
        f = self.figure_labels
        f["orders"].setText(
            self.tr("%1 (of %2 in all)")
            .replace("%1", str(d.order_count))
            .replace("%2", str(d.all_order_count))
        )
        f["net"].setText(yuan(d.net_spend_fen))
        f["aov"].setText(yuan(d.aov_fen))
        f["refund"].setText(yuan(d.refund_fen))
        f["first"].setText(day(d.first_order_at))
        f["last"].setText(day(d.last_order_at))

    def show_scores(self, sc: CustomerScores) -> None:
        """Layer, RFM with the cut points explained, and predicted value or why there is none."""
        self.scores = sc
        f = self.figure_labels
        f["layer"].setText(layer_name(sc.layer) if sc.layer else "–")
        scores = "-".join("–" if x is None else str(x) for x in sc.scores)
        f["rfm"].setText(f"{segment_name(sc.segment)} ({scores})" if sc.segment else scores)
        f["value"].setText("–" if sc.value_365_fen is None else yuan(sc.value_365_fen))
        lines = explain_scores(
            (sc.r_days, sc.f_orders, sc.m_fen), sc.scores, sc.cuts, sc.rfm_window_days, yuan
        )
        if sc.value_365_fen is not None:
            lines.append(
                self.tr("Chance still a customer: %1 · expected orders in 365 days: %2")
                .replace("%1", f"{sc.p_alive or 0:.0%}")
                .replace("%2", f"{sc.expected_365 or 0:.2f}")
            )
        else:
            lines.append(message(sc.reason or "clv_not_computed", sc.reason_params))
        as_of = self.tr("As of %1.").replace("%1", sc.as_of.isoformat()) if sc.as_of else ""
        self.scores_text.setText("\n\n".join([*lines, as_of]).strip())
        f["value"].setToolTip(lines[-1])

    def _fill_lists(self, d: CustomerDetail) -> None:
        self.identities.clear()
        for ident in d.identities:
            where = f" · {platform_name(ident.platform)}" if ident.platform else ""
            item = QListWidgetItem(f"{identity_kind(ident.kind)}{where}: {ident.value}")
            item.setData(Qt.ItemDataRole.UserRole, ident.id)
            self.identities.addItem(item)
        self.timeline.clear()
        for o in d.orders:
            QTreeWidgetItem(
                self.timeline,
                [
                    when(o.order_time),
                    platform_name(o.platform),
                    status_name(o.status),
                    yuan(o.paid_fen),
                    o.items_summary,
                ],
            )
        self.notes.clear()
        for n in d.notes:
            self.notes.addItem(f"{when(n.created_at)}  {n.text}")

    def _count_tabs(self, d: CustomerDetail | None) -> None:
        counts = (len(d.orders), len(d.identities), len(d.notes)) if d else (0, 0, 0)
        titles = (self.tr("Orders (%1)"), self.tr("Identities (%1)"), self.tr("Notes (%1)"))
        for i, (title, n) in enumerate(zip(titles, counts, strict=True)):
            self.tabs.setTabText(i, title.replace("%1", str(n)))

    def add_note(self) -> None:
        text = self.note_edit.text().strip()
        if not text or self.detail is None:
            return
        cid, store = self.detail.id, self.ctx.store
        self.note_edit.clear()
        run_task(
            lambda: customer_admin.add_note(store, cid, text), on_result=lambda _r: self.load(cid), write=True
        )

    def split_selected(self) -> None:
        item = self.identities.currentItem()
        if item is None or self.detail is None:
            QMessageBox.information(self, self.tr("Split off"), self.tr("Select an identity first."))
            return
        answer = QMessageBox.question(
            self,
            self.tr("Split off"),
            self.tr("Move “%1” and the orders it names to a new customer?").replace("%1", item.text()),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ident_id, store = item.data(Qt.ItemDataRole.UserRole), self.ctx.store
        run_task(
            lambda: customer_admin.split_identity(store, ident_id),
            on_result=self._after_split,
            on_error=lambda exc: QMessageBox.warning(self, self.tr("Split off"), error_text(exc)),
            write=True,
        )

    def _after_split(self, _new_id: int) -> None:
        self.changed.emit()  # the page reloads its list and this panel

    def reload(self) -> None:
        self.load(self.detail.id if self.detail else None)
