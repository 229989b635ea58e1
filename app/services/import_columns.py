"""The column-wise import path, for sheets read whole into memory (xlsx, xls, ods through calamine).

The row path (`RowParser.parse` → `OrderAcc` → `finish_order`) converts every cell and builds every
order with Python calls of its own. Here each mapped column is converted once for the whole sheet:
a column whose cells all have the usual clean form (digit ids, `yyyy-MM-dd HH:mm:ss` dates, text
without tabs, quotes or placeholders) is checked by one regular expression over the joined column
and taken as it is; any other column is converted through the same functions as the row path, once
per distinct cell. Orders made of one row (nearly all of them) are then finished field by field
over whole columns (import_finish_columns.py); orders of several rows go through the row path's own
`OrderAcc` and `finish_order`.

Both paths must give the same records for any sheet:
tests/services/test_import_columns.py compares them on every platform's fixtures and on generated
cells with every quirk. A change to the row path's rules (import_parse.py) has its twin here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from operator import itemgetter
from typing import TYPE_CHECKING

from app.services.dto import Rejection
from app.services.errors import ImportCancelled
from app.services.import_finish_columns import OrderColumns, SingleRowFinisher
from app.services.import_parse import OrderAcc, RowParser, finish_order
from app.services.sheet_parts import ReadWhole, SheetParts
from app.services.values import (
    PLACEHOLDERS,
    BadValue,
    clean_phone,
    clean_text,
    parse_date,
    parse_id,
)

if TYPE_CHECKING:
    from app.services.readers import SheetColumns

SEP = "\x00"  # joins a column's cells for the whole-column checks; never inside a cell of an export
# Cells the row path's converter returns unchanged (ids, text) or that the C parser reads (dates).
_ID = r"(?:[A-Za-z]{0,4}\d[\d-]{0,40})?"
_CLEAN_IDS = re.compile(f"{_ID}(?:\x00{_ID})*")
_CLEAN_DATES = re.compile(r"(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)?(?:\x00(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)?)*")
_DATE_NULLS = ("0000-00-00", "1970-01-01 08:00:00")
_TAB_OR_QUOTE = re.compile(r'\t|="')
_SHOWN_PLACEHOLDERS = PLACEHOLDERS - {""}  # '' is an empty cell, which the column keeps as ''

_CLEAN_PHONES = re.compile(r"(?:1\d{10})?(?:\x00(?:1\d{10})?)*")
_MASKED_PHONES = re.compile(r"(?:1\d\d\*{4}\d{4})?(?:\x00(?:1\d\d\*{4}\d{4})?)*")
ORDER_CHUNK = 5000  # orders finished and handed on at a time

Emit = Callable[[list[dict]], None]


class _Column:
    """One mapped column, converted for the whole sheet; `bad` holds the rows it rejects; `stored` the
    text the store keeps for each date, when the cells give it without a datetime (None otherwise)."""

    __slots__ = ("values", "bad", "stored")

    def __init__(self, values: list, bad: dict[int, BadValue] | None = None, stored: list | None = None):
        self.values = values
        self.bad = bad or {}
        self.stored = stored


def _all_text(cells: Sequence) -> bool:
    return set(map(type, cells)) == {str}


def _by_distinct(cells: Sequence, convert: Callable[[object], object]) -> _Column:
    """`convert` applied once per distinct cell; cells it rejects are left None and listed in `bad`."""
    per_cell = bool in set(map(type, cells))  # True == 1 == 1.0: equal keys that convert differently
    distinct = cells if per_cell else list(set(cells))
    values, rejected = [], {}
    for k, value in enumerate(distinct):
        try:
            values.append(convert(value))
        except BadValue as exc:
            values.append(None)
            rejected[k] = exc
    if per_cell:
        return _Column(values, rejected)
    value_of = dict(zip(distinct, values, strict=True))
    bad = {}
    if rejected:
        exc_of = {distinct[k]: exc for k, exc in rejected.items()}
        bad = {i: exc_of[v] for i, v in enumerate(cells) if v in exc_of}
    return _Column(list(map(value_of.__getitem__, cells)), bad)


def _ids(cells: Sequence) -> _Column:
    if cells and _all_text(cells) and _CLEAN_IDS.fullmatch(SEP.join(cells)):
        return _Column([v or None for v in cells])
    return _by_distinct(cells, parse_id)


def _dates(cells: Sequence) -> _Column:
    if cells and _all_text(cells):
        joined = SEP.join(cells)
        if _CLEAN_DATES.fullmatch(joined) and not any(n in joined for n in _DATE_NULLS):
            try:
                parse = datetime.fromisoformat
                values = [parse(c) if c else None for c in cells]
            except ValueError:  # 2024-13-01: the row path's own parser says why, per cell
                pass
            else:  # sqlite_datetime(value) is the cell with its (zero) microseconds
                return _Column(values, stored=[f"{c}.000000" if c else None for c in cells])
    return _by_distinct(cells, parse_date)


def _texts(cells: Sequence) -> list[str]:
    """clean_text of each cell: the cells themselves when none has a tab, a quote trick, spaces around
    it or a placeholder (a strip per cell and one search of the joined column: a regular expression
    looking for spaces at each cell's edges takes four times as long)."""
    if (
        cells and _all_text(cells) and _SHOWN_PLACEHOLDERS.isdisjoint(cells)
        and list(map(str.strip, cells)) == cells and not _TAB_OR_QUOTE.search(SEP.join(cells))
    ):  # fmt: skip
        return list(cells)
    return _by_distinct(cells, clean_text).values


def _phones(cells: Sequence) -> tuple[list[str], list[str]]:
    """(full mobiles or '', phone as shown or '') per row, as `clean_phone` gives them."""
    if cells and _all_text(cells):
        joined = SEP.join(cells)
        if _CLEAN_PHONES.fullmatch(joined):
            return list(cells), list(cells)
        if _MASKED_PHONES.fullmatch(joined):
            return [""] * len(cells), list(cells)
    pairs = _by_distinct(cells, clean_phone).values
    return [p[0] for p in pairs], [p[1] for p in pairs]


class RowCells:
    """Rows read whole (calamine) seen column by column, as readers.SheetColumns gives a sheet."""

    def __init__(self, rows: list[list]) -> None:
        self.rows = rows
        self.shortest = min(map(len, rows), default=0)

    def __len__(self) -> int:
        return len(self.rows)

    def cells(self, c: int) -> list:
        if c < self.shortest:
            return list(map(itemgetter(c), self.rows))
        return [r[c] if len(r) > c else None for r in self.rows]  # trailing empty cells left out

    def blank(self, i: int, columns: Sequence[int]) -> bool:
        row = self.rows[i]
        return not any(row[c] not in (None, "") for c in columns if c < len(row))

    def release(self) -> None:
        self.rows.clear()


def parse_sheet_columns(
    parser: RowParser,
    sheet: list[list] | SheetColumns | SheetParts,
    first_row_no: int,
    emit: Emit,
    cancelled: Callable[[], bool],
    emit_columns: Callable[[OrderColumns], None] | None = None,
) -> tuple[list[Rejection], int]:
    """Convert, group and finish every order of `sheet` (the data rows under the header).

    Finished order records go to `emit` in lists, in order of each order's first row, as the row
    path hands them on; given `emit_columns`, a run of ORDER_CHUNK orders of one row each goes to it
    as columns instead. Returns the rejections and the count of non-blank rows. Consumes `sheet`
    (released once the columns are taken, so the sheet's other cells are freed early). A sheet read in
    parts (sheet_parts.py) is taken part by part, each as a sheet of its own.
    """
    rejected: list[Rejection] = []
    if isinstance(sheet, SheetParts):
        counted, seen = 0, set()
        for part in sheet:
            source = RowCells(part.columns) if isinstance(part.columns, list) else part.columns
            counted += _parse_part(
                parser, source, part.first_row_no, emit, cancelled, emit_columns, rejected, seen
            )
        return rejected, counted
    source = RowCells(sheet) if isinstance(sheet, list) else sheet
    return rejected, _parse_part(parser, source, first_row_no, emit, cancelled, emit_columns, rejected, None)


def _parse_part(
    parser: RowParser,
    source: RowCells | SheetColumns,
    first_row_no: int,
    emit: Emit,
    cancelled: Callable[[], bool],
    emit_columns: Callable[[OrderColumns], None] | None,
    rejected: list[Rejection],
    seen: set[str] | None,
) -> int:
    """parse_sheet_columns of one sheet or one part of it; `seen` holds the order ids of the parts before
    (an order whose rows are in two parts raises ReadWhole: the parts cannot stand for the sheet)."""
    cols = ColumnSet(parser, source)
    source.release()  # the cells the columns hold stay; the rest of the sheet goes now
    order_rows: dict[str, list[int]] = {}
    order_nos = cols.order_no
    blank = cols.blank
    bad_of = cols.first_bad
    counted = 0
    id_header = parser.headers[parser.mapping["order_no"]]
    distinct = dict.fromkeys(order_nos)
    if seen is not None:
        if not seen.isdisjoint(distinct):
            raise ReadWhole("an order's rows are in two parts")
        seen.update(distinct)
        seen.discard(None)  # rows without an id belong to no order
    finisher = SingleRowFinisher(parser, cols)
    if len(distinct) == len(order_nos) and None not in distinct and not cols.any_bad:
        counted = len(order_nos)  # one row per order, none rejected: runs of rows are runs of orders
        for start in range(0, counted, ORDER_CHUNK):
            if cancelled():
                raise ImportCancelled()
            finished = finisher.finish(range(start, min(start + ORDER_CHUNK, counted)))
            if emit_columns is not None:
                emit_columns(finished)
            else:
                emit(finished.records())
        return counted
    for i, no in enumerate(order_nos):
        if no is None:  # the row path looks at the id before any other cell
            if i in blank:
                continue
            reason = bad_of(i, only_id=True) or (id_header, "id_missing", "")
        else:
            reason = bad_of(i)
        counted += 1
        if reason is not None:
            rejected.append(Rejection(first_row_no + i, *reason))
            continue
        rows_of = order_rows.get(no)
        if rows_of is None:
            order_rows[no] = [i]
        else:
            rows_of.append(i)
    orders = list(order_rows.items())
    for start in range(0, len(orders), ORDER_CHUNK):
        if cancelled():
            raise ImportCancelled()
        part = orders[start : start + ORDER_CHUNK]
        singles = [idx[0] for _, idx in part if len(idx) == 1]
        finished = finisher.finish(singles)
        if emit_columns is not None and len(singles) == len(part):
            emit_columns(finished)  # every order of one row: the writer takes the columns as they are
            continue
        done = iter(finished.records())
        out = []
        for no, idx in part:
            if len(idx) == 1:
                out.append(next(done))
            else:
                acc = OrderAcc(parser.platform, no, first_row_no + idx[0])
                for i in idx:
                    parser.add(acc, cols.row_values(i))
                out.append(finish_order(acc))
        emit(out)
    return counted


class ColumnSet:
    """The mapped columns of one sheet, converted; field -> list of values (None or '' when empty)."""

    def __init__(self, parser: RowParser, source: RowCells | SheetColumns) -> None:
        self.parser = parser
        m = parser.mapping

        def cells(field: str) -> list:
            return source.cells(m[field])

        order = _ids(cells("order_no"))
        self.order_no = order.values
        # Rejections in the row path's order: the order id, then the checked fields in parser order.
        self._checks: list[tuple[str, dict[int, BadValue]]] = [(parser.headers[m["order_no"]], order.bad)]
        self.checked: dict[str, list] = {}
        self.stored_dates: dict[str, list] = {}  # date field -> sqlite_datetime text per row, when clean
        for fld, c, conv, _memo in parser._checked:
            raw = cells(fld)
            if fld == "sub_order_no":
                col = _ids(raw)
            elif fld in ("created_at", "paid_at", "shipped_at", "finished_at"):
                col = _dates(raw)
                if col.stored is not None:
                    self.stored_dates[fld] = col.stored
            else:
                col = _by_distinct(raw, conv)
            self.checked[fld] = col.values
            self._checks.append((parser.headers[c], col.bad))
        self.texts: dict[str, list[str]] = {fld: _texts(cells(fld)) for fld, _c, _memo in parser._texts}
        self.phones: dict[str, tuple[list[str], list[str]]] = {
            fld: _phones(cells(fld)) for fld, _c, _full in parser._phones
        }
        self.any_bad = any(bad for _, bad in self._checks)
        # Rows with no order id and nothing in a mapped column: skipped, as the row path skips them.
        read = sorted(set(m.values()))
        self.blank = {i for i, no in enumerate(self.order_no) if no is None and source.blank(i, read)}

    def first_bad(self, i: int, *, only_id: bool = False) -> tuple[str, str, str] | None:
        if not self.any_bad:
            return None
        for header, bad in self._checks[:1] if only_id else self._checks:
            exc = bad.get(i)
            if exc is not None:
                return header, exc.code, str(exc.value)
        return None

    def column(self, fld: str) -> list | None:
        """A field's whole column as converted (None or '' where empty); None for an unmapped field."""
        if fld == "order_no":
            return self.order_no
        if fld in self.checked:
            return self.checked[fld]
        if fld in self.texts:
            return self.texts[fld]
        if fld.endswith("_full") and fld[:-5] in self.phones:
            return self.phones[fld[:-5]][0]
        if fld in self.phones:
            return self.phones[fld][1]
        return None

    def row_values(self, i: int) -> dict:
        """One row's values as `RowParser.parse` returns them (a key only for a non-empty value)."""
        out: dict = {"order_no": self.order_no[i]}
        for fld, col in self.checked.items():
            v = col[i]
            if v is not None:
                out[fld] = v
        for fld, col in self.texts.items():
            v = col[i]
            if v:
                out[fld] = v
        for fld, (full, shown) in self.phones.items():
            if full[i]:
                out[fld + "_full"] = full[i]
            if shown[i]:
                out[fld] = shown[i]
        return out
