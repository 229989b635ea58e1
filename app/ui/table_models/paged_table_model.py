"""A read-only table model that loads its rows page by page from a service (Qt's Fetch More pattern).

Sorting and filtering are done by the service in SQL: `sort()` and `set_filter()` reset the model
and ask for the first page again. Pages load through the task helper, so the view never waits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal

from app.ui.tasks import run_task

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # native value, for tests and tools
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the frozen row object


@dataclass(frozen=True)
class Column:
    key: str  # sort key understood by the service, "" when the column cannot be sorted
    title: str  # English, marked with QT_TRANSLATE_NOOP in the subclass's context
    text: Callable[[object], str]
    value: Callable[[object], object]
    align_right: bool = False


class PagedTableModel(QAbstractTableModel):
    """Subclasses set COLUMNS and CONTEXT and implement `_load(offset, limit)` and `_count()`."""

    COLUMNS: Sequence[Column] = ()
    CONTEXT = "PagedTableModel"
    PAGE_SIZE = 200
    DEFAULT_SORT = ("", True)

    loading_changed = Signal(bool)
    total_changed = Signal(int)
    load_failed = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._more = True
        self._loading = False
        self._generation = 0
        self.sort_key, self.descending = self.DEFAULT_SORT
        self.total = -1

    # ---- what subclasses provide (called on a worker thread) --------------------------------------
    def _load(self, offset: int, limit: int) -> Sequence:
        raise NotImplementedError

    def _count(self) -> int:
        raise NotImplementedError

    # ---- Qt model API -------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section].title)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == SORT_ROLE:
            return col.value(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self.canFetchMore():
            return
        self._set_loading(True)
        generation, offset = self._generation, len(self._rows)
        if offset == 0 and self.total < 0:  # the first page also asks how many rows match, in SQL
            run_task(self._count, on_result=lambda n: self._set_total(generation, n))
        run_task(
            lambda: self._load(offset, self.PAGE_SIZE),
            on_result=lambda rows: self._append(generation, rows),
            on_error=lambda exc: self._failed(generation, exc),
        )

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key, descending = self.COLUMNS[column].key, order == Qt.SortOrder.DescendingOrder
        if not key or (key, descending) == (self.sort_key, self.descending):
            return  # also when a view turns sorting on: nothing loads until the page is shown
        self.sort_key, self.descending = key, descending
        self.reload()

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def needs_load(self) -> bool:
        """True until the first page and the count were asked for (pages load when first shown)."""
        return self.total < 0 and not self._loading

    # ---- loading -------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Forget every row and load the first page (after a filter, sort or data change)."""
        self._generation += 1
        self.beginResetModel()
        self._rows, self._more, self._loading, self.total = [], True, False, -1
        self.endResetModel()
        self.fetchMore()

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def column_of(self, key: str) -> int:
        return next((i for i, c in enumerate(self.COLUMNS) if c.key == key), -1)

    def _append(self, generation: int, rows: Sequence) -> None:
        if generation != self._generation:
            return
        self._more = len(rows) >= self.PAGE_SIZE
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._set_loading(False)

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self._more = False
            self._set_loading(False)
            self.load_failed.emit(exc)

    def _set_total(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self.total = total
            self.total_changed.emit(total)

    def _set_loading(self, loading: bool) -> None:
        self._loading = loading
        self.loading_changed.emit(loading)
