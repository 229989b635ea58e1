"""Customers, paged from app.services.browse with sorting and filtering in SQL."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.services import browse
from app.ui.labels import day, platforms_text, yuan
from app.ui.table_models.paged_table_model import Column, PagedTableModel


class CustomerTableModel(PagedTableModel):
    CONTEXT = "CustomerTableModel"  # a literal in every QT_TRANSLATE_NOOP below: lupdate reads no variables
    DEFAULT_SORT = ("net_spend_fen", True)
    COLUMNS = (
        Column(
            "id", QT_TRANSLATE_NOOP("CustomerTableModel", "No."), lambda r: str(r.id), lambda r: r.id, True
        ),
        Column(
            "display_name",
            QT_TRANSLATE_NOOP("CustomerTableModel", "Name"),
            lambda r: r.display_name,
            lambda r: r.display_name,
        ),
        Column("", QT_TRANSLATE_NOOP("CustomerTableModel", "Phone"), lambda r: r.phone, lambda r: r.phone),
        Column("city", QT_TRANSLATE_NOOP("CustomerTableModel", "City"), lambda r: r.city, lambda r: r.city),
        Column(
            "platforms",
            QT_TRANSLATE_NOOP("CustomerTableModel", "Platforms"),
            lambda r: platforms_text(r.platforms),
            lambda r: r.platforms,
        ),
        Column(
            "order_count",
            QT_TRANSLATE_NOOP("CustomerTableModel", "Orders"),
            lambda r: str(r.order_count),
            lambda r: r.order_count,
            True,
        ),
        Column(
            "net_spend_fen",
            QT_TRANSLATE_NOOP("CustomerTableModel", "Net spend"),
            lambda r: yuan(r.net_spend_fen),
            lambda r: r.net_spend_fen,
            True,
        ),
        Column(
            "aov_fen",
            QT_TRANSLATE_NOOP("CustomerTableModel", "Avg. order"),
            lambda r: yuan(r.aov_fen),
            lambda r: r.aov_fen,
            True,
        ),
        Column(
            "first_order_at",
            QT_TRANSLATE_NOOP("CustomerTableModel", "First order"),
            lambda r: day(r.first_order_at),
            lambda r: r.first_order_at,
        ),
        Column(
            "last_order_at",
            QT_TRANSLATE_NOOP("CustomerTableModel", "Last order"),
            lambda r: day(r.last_order_at),
            lambda r: r.last_order_at,
        ),
    )

    def __init__(self, store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = browse.CustomerFilter()
        self.show_phone = False

    def set_filter(self, filt: browse.CustomerFilter) -> None:
        self.filter = filt
        self.reload()

    def _load(self, offset: int, limit: int):
        sort = browse.Sort(self.sort_key, self.descending)
        return browse.list_customers(self.store, self.filter, sort, offset, limit, self.show_phone)

    def _count(self) -> int:
        return browse.count_customers(self.store, self.filter)
