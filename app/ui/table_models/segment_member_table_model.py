"""A segment's members, paged from app.services.analytics.segments (biggest spenders first)."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.services.analytics.segments import count_matching, segment_members
from app.services.values import mask_phone
from app.ui.analytics_labels import layer_name, segment_name
from app.ui.labels import day, yuan
from app.ui.table_models.paged_table_model import Column, PagedTableModel


def _int(value) -> int | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else int(value)


def _num(value) -> str:
    n = _int(value)
    return "–" if n is None else str(n)


def _scores(r: dict) -> str:
    return "-".join(_num(r[k]) for k in ("r_score", "f_score", "m_score"))


def _col(title: str, text, value=None, right: bool = False) -> Column:
    return Column("", title, text, value or text, right)


class SegmentMemberTableModel(PagedTableModel):
    CONTEXT = "SegmentMemberTableModel"
    COLUMNS = (
        _col(QT_TRANSLATE_NOOP("SegmentMemberTableModel", "Name"), lambda r: r["display_name"] or ""),
        _col(QT_TRANSLATE_NOOP("SegmentMemberTableModel", "Phone"), lambda r: r["shown_phone"]),
        _col(QT_TRANSLATE_NOOP("SegmentMemberTableModel", "Layer"), lambda r: layer_name(r["layer"])),
        _col(
            QT_TRANSLATE_NOOP("SegmentMemberTableModel", "RFM segment"),
            lambda r: segment_name(r["rfm_segment"]),
        ),
        _col(
            QT_TRANSLATE_NOOP("SegmentMemberTableModel", "R (days)"), lambda r: _num(r["r_days"]), None, True
        ),
        _col(
            QT_TRANSLATE_NOOP("SegmentMemberTableModel", "F (orders)"),
            lambda r: _num(r["f_orders"]),
            None,
            True,
        ),
        _col(QT_TRANSLATE_NOOP("SegmentMemberTableModel", "M"), lambda r: yuan(_int(r["m_fen"])), None, True),
        _col(QT_TRANSLATE_NOOP("SegmentMemberTableModel", "R-F-M scores"), _scores),
        _col(
            QT_TRANSLATE_NOOP("SegmentMemberTableModel", "Net spend"),
            lambda r: yuan(r["net_spend_fen"]),
            None,
            True,
        ),
        _col(QT_TRANSLATE_NOOP("SegmentMemberTableModel", "Last order"), lambda r: day(r["last_order_at"])),
    )

    def __init__(self, store, show_phone: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.store, self.show_phone = store, show_phone
        self.tree: dict | None = None

    def set_tree(self, tree: dict | None) -> None:
        self.tree = tree
        self.reload()

    def _load(self, offset: int, limit: int) -> list[dict]:
        if self.tree is None:
            return []
        page = segment_members(self.store, self.tree, offset, limit)
        rows = page.astype(object).where(page.notna(), None).to_dict("records")
        for r in rows:
            phone = r["phone"] or ""
            r["shown_phone"] = phone if self.show_phone else mask_phone(phone)
        return rows

    def _count(self) -> int:
        return 0 if self.tree is None else count_matching(self.store, self.tree)
