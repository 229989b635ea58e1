"""Orders, paged from app.services.browse with sorting and filtering in SQL."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.services import browse
from app.ui.labels import platform_name, status_name, when, yuan
from app.ui.table_models.paged_table_model import Column, PagedTableModel


class OrderTableModel(PagedTableModel):
    CONTEXT = "OrderTableModel"  # a literal in every QT_TRANSLATE_NOOP below: lupdate reads no variables
    DEFAULT_SORT = ("order_time", True)
    COLUMNS = (
        Column(
            "order_time",
            QT_TRANSLATE_NOOP("OrderTableModel", "Ordered"),
            lambda r: when(r.order_time),
            lambda r: r.order_time,
        ),
        Column(
            "platform",
            QT_TRANSLATE_NOOP("OrderTableModel", "Platform"),
            lambda r: platform_name(r.platform),
            lambda r: r.platform,
        ),
        Column(
            "order_no",
            QT_TRANSLATE_NOOP("OrderTableModel", "Order number"),
            lambda r: r.order_no,
            lambda r: r.order_no,
        ),
        Column(
            "status",
            QT_TRANSLATE_NOOP("OrderTableModel", "Status"),
            lambda r: status_name(r.status),
            lambda r: r.status,
        ),
        Column(
            "paid_fen",
            QT_TRANSLATE_NOOP("OrderTableModel", "Paid"),
            lambda r: yuan(r.paid_fen),
            lambda r: r.paid_fen,
            True,
        ),
        Column(
            "refund_fen",
            QT_TRANSLATE_NOOP("OrderTableModel", "Refund"),
            lambda r: yuan(r.refund_fen) if r.refund_fen else "",
            lambda r: r.refund_fen,
            True,
        ),
        Column(
            "buyer_nick",
            QT_TRANSLATE_NOOP("OrderTableModel", "Nickname"),
            lambda r: r.buyer_nick,
            lambda r: r.buyer_nick,
        ),
        Column(
            "receiver_name",
            QT_TRANSLATE_NOOP("OrderTableModel", "Receiver"),
            lambda r: r.receiver_name,
            lambda r: r.receiver_name,
        ),
        Column("", QT_TRANSLATE_NOOP("OrderTableModel", "Phone"), lambda r: r.phone, lambda r: r.phone),
        Column("city", QT_TRANSLATE_NOOP("OrderTableModel", "City"), lambda r: r.city, lambda r: r.city),
        Column(
            "",
            QT_TRANSLATE_NOOP("OrderTableModel", "Items"),
            lambda r: r.items_summary,
            lambda r: r.items_summary,
        ),
    )

    def __init__(self, store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = browse.OrderFilter()
        self.show_phone = False

    def set_filter(self, filt: browse.OrderFilter) -> None:
        self.filter = filt
        self.reload()

    def _load(self, offset: int, limit: int):
        sort = browse.Sort(self.sort_key, self.descending)
        return browse.list_orders(self.store, self.filter, sort, offset, limit, self.show_phone)

    def _count(self) -> int:
        return browse.count_orders(self.store, self.filter)
