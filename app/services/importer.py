"""Importing order exports: one file is one batch and one transaction; it lands whole or not at all.

Long work takes `progress(done, total, message)` and `cancelled()` callables (style.md §4).

Two ways through a sheet, with the same result: a sheet read whole (xlsx, xls, ods up to
readers.STREAM_XLSX_ABOVE), or a large xlsx sheet read in parts while the parts before are written
(sheet_parts.py), is converted column by column (import_columns.py); csv files and the sheets too large
to hold that cannot be read in parts are streamed row by row (`_parse`, import_parse.py).
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import json
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select, update

from app.models import Customer, CustomerIdentity, ImportBatch, ImportRejection, Order
from app.models.bulk import (
    bulk_write_pragmas,
    checkpoint_after,
    checkpoint_in_background,
    deferred_indexes,
    foreign_keys_unchecked,
)
from app.models.db import Store, backup_sqlite
from app.services.customers_sync import suggest_merges
from app.services.dto import FilePreview, ImportResult, Rejection, UndoResult
from app.services.errors import ImportCancelled, ImportFailed
from app.services.import_columns import parse_sheet_columns
from app.services.import_finish_columns import OrderColumns
from app.services.import_parse import OrderAcc, RowParser, finish_order
from app.services.import_store import BatchWriter, undo_batch
from app.services.membership import hooks as membership_hooks
from app.services.platforms import (
    LAYOUTS_BY_KEY,
    PLATFORM_NAMES,
    Detection,
    Layout,
    detect_layout,
    header_row_score,
    map_columns,
    normalize_header,
)
from app.services.readers import Sheet, open_sheets
from app.services.sheet_parts import ReadWhole, SheetParts, parts_of

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
HEADER_SCAN_ROWS = 20
FLUSH_ORDERS = 5000
# Tables whose plain indexes are built after the write when an import starts with them empty.
INDEXED_LATER = (Order.__table__, Customer.__table__, CustomerIdentity.__table__)
STREAM_WINDOW = 2000  # orders kept open while reading; older ones are finished and written
ANALYTICS_MODULE = "app.services.analytics.snapshots"  # run after every import
COLUMN_WRITES = True  # orders finished as columns are inserted from them (tests compare it with records)
COLUMN_WISE = True  # sheets read whole go through import_columns (tests compare it with the row path)
IN_PARTS = True  # large xlsx sheets read in parts (sheet_parts.py) while the parts before are written


def _no_progress(done: int, total: int, message: str) -> None:
    return None


def _never() -> bool:
    return False


@dataclass
class _Plan:
    sheet: Sheet
    header_index: int  # 0-based row index of the header
    headers: list[str]
    detection: Detection
    platform: str


def header_signature(headers: Iterable[str]) -> str:
    """Files with the same headers share a remembered column mapping."""
    return hashlib.sha1("\x1f".join(headers).encode("utf-8")).hexdigest()


def _find_header(rows: list[list]) -> int | None:
    best, best_score = None, 2
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = header_row_score(row)
        if score > best_score:
            best, best_score = i, score
    return best


def _plan(path: Path, platform: str | None, mapping: dict[str, int] | None, layout_key: str | None) -> _Plan:
    if platform and platform not in PLATFORM_NAMES:
        raise ImportFailed("unknown_platform", platform=platform)
    sheets = open_sheets(path)
    best: _Plan | None = None
    any_rows = False
    for sheet in sheets:
        head = sheet.scan_head(HEADER_SCAN_ROWS, _find_header)
        any_rows = any_rows or any(any(v not in (None, "") for v in r) for r in head)
        idx = _find_header(head)
        if idx is None:
            continue
        headers = [normalize_header(v) for v in head[idx]]
        if layout_key:
            layout = LAYOUTS_BY_KEY[layout_key]
            det = Detection(layout, map_columns(layout, headers), 1.0, ())
        else:
            det = detect_layout(headers, platform)
        if det is None:
            continue
        plan = _Plan(sheet, idx, headers, det, platform or det.layout.platform)
        if best is None or det.score > best.detection.score:
            best = plan
    if best is None:
        raise ImportFailed("no_header" if any_rows else "empty_sheet", file=path.name)
    if mapping:
        det = best.detection
        merged = {**det.mapping, **{k: v for k, v in mapping.items() if v is not None and v >= 0}}
        for k, v in mapping.items():
            if v is None or v < 0:
                merged.pop(k, None)
        missing = tuple(f for f in det.layout.required if f not in merged)
        best.detection = Detection(det.layout, merged, det.score, missing)
    # A header scanned from the zip stops at its last named column; a column mapped by hand may be later.
    last = max(best.detection.mapping.values(), default=-1)
    best.headers.extend([""] * (last + 1 - len(best.headers)))
    if best.detection.missing_required:
        fld = best.detection.missing_required[0]
        raise ImportFailed(
            "missing_column",
            file=path.name,
            platform=PLATFORM_NAMES[best.detection.layout.platform],
            column=best.detection.layout.header_for(fld),
        )
    return best


def preview_file(path: str | Path, platform: str | None = None, rows: int = 10) -> FilePreview:
    """What the import wizard shows before importing: detected platform, mapping, first rows."""
    path = Path(path)
    plan = _plan(path, platform, None, None)
    top = plan.sheet.head(plan.header_index + 1 + rows)
    head = top[plan.header_index + 1 :]
    width = max(map(len, top))
    det = plan.detection
    return FilePreview(
        file=path.name,
        sheet=plan.sheet.name,
        header_row=plan.header_index + 1,
        headers=(*plan.headers, *[""] * (width - len(plan.headers))),
        rows=tuple(tuple("" if v is None else str(v) for v in r) for r in head),
        platform=plan.platform,
        layout=det.layout.key,
        mapping=dict(det.mapping),
        missing_required=det.missing_required,
        confident=det.score >= 1.0,
    )


class _Regroup(Exception):
    """An order's rows are scattered over the sheet: the file has to be grouped whole before writing."""


def _parse(
    plan: _Plan,
    parser: RowParser,
    emit: Callable[[OrderAcc], None],
    progress: Progress,
    cancelled: Cancelled,
    window: int | None,
) -> tuple[list[Rejection], int]:
    """Group the rows into orders, handing each finished order to `emit` in order of first appearance.

    With a `window`, an order counts as finished once `window` newer orders have begun, so memory
    stays flat however long the file; a row of an order already handed on raises _Regroup.
    """
    open_orders: dict[str, OrderAcc] = {}
    queue: deque[str] = deque()
    closed: set[str] = set()
    rejected: list[Rejection] = []
    rows = 0
    start = plan.header_index + 1
    for i, row in enumerate(plan.sheet.rows()):
        if i < start:
            continue
        values, rejection = parser.parse(row, i + 1)
        if rejection is not None:
            rejected.append(rejection)
        elif values is None:
            continue
        else:
            no = values["order_no"]
            acc = open_orders.get(no)
            if acc is None:
                if no in closed:
                    raise _Regroup()
                acc = open_orders[no] = OrderAcc(plan.platform, no, i + 1)
                queue.append(no)
                if window is not None and len(queue) > window:
                    oldest = queue.popleft()
                    closed.add(oldest)
                    emit(open_orders.pop(oldest))
            parser.add(acc, values)
        rows += 1
        if rows % 2000 == 0:
            if cancelled():
                raise ImportCancelled()
            progress(rows, 0, "read")
    for no in queue:
        emit(open_orders[no])
    return rejected, rows


class _OrderSink:
    """Finishes orders and writes them in flushes of FLUSH_ORDERS, inside the batch's transaction."""

    def __init__(
        self, writer: BatchWriter, progress: Progress, cancelled: Cancelled, parts: SheetParts | None = None
    ) -> None:
        self.writer = writer
        self.progress = progress
        self.cancelled = cancelled
        self.parts = parts  # a sheet read in parts knows how far through its XML the import is
        self._share, self._orders_in_share = 0.0, 0  # (of the parts written before the current one)
        self.pending: list[dict] = []
        self.done = 0

    def add(self, acc: OrderAcc) -> None:
        self.pending.append(finish_order(acc))
        if len(self.pending) >= FLUSH_ORDERS:
            self.flush()

    def add_records(self, records: list[dict]) -> None:
        """Orders finished already (the column-wise path)."""
        self.pending.extend(records)
        if len(self.pending) >= FLUSH_ORDERS:
            self.flush()

    def add_columns(self, orders: OrderColumns) -> None:
        """Orders finished already, as columns (the column-wise path, orders of one row each)."""
        if self.pending:
            self.flush()
        if COLUMN_WRITES:
            self.writer.write_columns(orders)
        else:
            self.writer.write(orders.records())
        self._written(len(orders))

    def flush(self) -> None:
        self.writer.write(self.pending)
        self._written(len(self.pending))
        self.pending = []

    def _written(self, count: int) -> None:
        self.done += count
        if self.cancelled():
            raise ImportCancelled()
        share = self.parts.share_done if self.parts is not None else 0.0
        if share != self._share:  # the first write of a new part: the orders before it filled `share`
            self._share, self._orders_in_share = share, self.done - count
        if share > 0:  # the orders in all, estimated from the sheet's XML written so far: "about n %"
            self.progress(self.done, max(self.done, round(self._orders_in_share / share)), "write_about")
        else:
            self.progress(self.done, 0, "write")


def import_file(
    store: Store,
    path: str | Path,
    *,
    platform: str | None = None,
    mapping: dict[str, int] | None = None,
    layout: str | None = None,
    progress: Progress = _no_progress,
    cancelled: Cancelled = _never,
    backup: bool = True,
) -> ImportResult:
    """Import one file as one batch. Raises ImportFailed (store untouched) if it cannot be imported."""
    path = Path(path)
    if ANALYTICS_MODULE not in sys.modules:  # first import of the session: load it meanwhile
        threading.Thread(target=_load_analytics, name="import-preload", daemon=True).start()
    with _rare_gc():
        plan = _plan(path, platform, mapping, layout)
        parts = _parts(plan)  # a large sheet is being read from here on, while the store is backed up
        try:
            if backup:
                backup_sqlite(store, reason="before-import")
            try:
                result = _import_batch(store, path, plan, progress, cancelled, STREAM_WINDOW, parts)
            except _Regroup:  # rolled back: this sheet's orders are not contiguous
                result = _import_batch(store, path, plan, progress, cancelled, None, None)
            except ReadWhole:  # rolled back: the sheet's parts could not stand for it; read whole
                result = _import_batch(store, path, plan, progress, cancelled, STREAM_WINDOW, None)
        finally:
            if parts is not None:
                parts.close()
    plan.sheet.release()
    from app.services.analytics.snapshots import after_import  # loaded on the first import only

    checkpoint = checkpoint_in_background(store.engine)  # the batch's log into the file, meanwhile
    try:
        after_import(store, result.batch_id)
    finally:
        if checkpoint is not None:
            checkpoint.join()  # the batch's pages are in the database file when the import returns
    progress(result.rows, result.rows, "done")
    return result


def _load_analytics() -> None:
    """Import the after-import analytics modules while calamine reads the sheet without the GIL."""
    importlib.import_module(ANALYTICS_MODULE)


@contextmanager
def _rare_gc() -> Iterator[None]:
    """No cyclic-GC passes while an import allocates millions of acyclic objects (cells, records).

    Each pass walks every live container, and a whole sheet in memory is millions of them: with the
    collector on, the column-wise path spent a third of its time in it. Reference counting still frees
    everything the import drops; the collector resumes (as it was) when the import ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _parts(plan: _Plan) -> SheetParts | None:
    """The sheet read in parts in the background (sheet_parts.py), when it is large enough to gain."""
    det = plan.detection
    if not (IN_PARTS and COLUMN_WISE) or det.layout.lines_only:
        return None
    return parts_of(plan.sheet, plan.header_index, det.mapping.values(), det.mapping["order_no"])


def _import_batch(
    store: Store,
    path: Path,
    plan: _Plan,
    progress: Progress,
    cancelled: Cancelled,
    window: int | None,
    parts: SheetParts | None,
) -> ImportResult:
    """Parse and write the file in one transaction: it lands whole or not at all."""
    det = plan.detection
    whole = parts  # the rows under the header, converted column by column: in parts, or read whole now
    if whole is None and COLUMN_WISE and not det.layout.lines_only:
        whole = plan.sheet.columns_below(plan.header_index, det.mapping.values())
        if whole is None:
            whole = plan.sheet.rows_below(plan.header_index)
    parser = RowParser(det.layout, det.mapping, plan.headers, plan.platform)
    with (
        store.engine.connect() as conn,
        checkpoint_after(conn),
        foreign_keys_unchecked(conn),
        conn.begin(),
        bulk_write_pragmas(conn),
    ):
        batch_id = conn.execute(
            insert(ImportBatch).returning(ImportBatch.id),
            {
                "file_name": path.name,
                "file_sha1": _sha1(path),
                "platform": plan.platform,
                "layout": det.layout.key,
                "mapping_json": json.dumps(det.mapping, ensure_ascii=False),
            },
        ).scalar_one()
        writer = BatchWriter(conn, batch_id)
        if det.layout.lines_only:
            grouped: list[OrderAcc] = []
            rejected, rows = _parse(plan, parser, grouped.append, progress, cancelled, None)
            rejected.extend(_write_lines_only(conn, writer, plan.platform, grouped))
            writer.finish()
        else:
            with deferred_indexes(conn, INDEXED_LATER):
                sink = _OrderSink(writer, progress, cancelled, parts)
                if whole is not None:
                    first = plan.header_index + 2
                    rejected, rows = parse_sheet_columns(
                        parser, whole, first, sink.add_records, cancelled, sink.add_columns
                    )
                else:
                    rejected, rows = _parse(plan, parser, sink.add, progress, cancelled, window)
                sink.flush()
                writer.finish()  # the customers' figures before their indexes are built: no index updates
        suggest_merges(conn, batch_id)
        _record_batch(conn, batch_id, writer, rejected, rows)
        membership_hooks.after_import(conn, batch_id)
        if cancelled():
            raise ImportCancelled()
    return ImportResult(
        file=path.name,
        platform=plan.platform,
        layout=det.layout.key,
        batch_id=batch_id,
        rows=rows,
        orders_new=writer.new,
        orders_updated=writer.updated,
        orders_unchanged=writer.unchanged,
        customers_new=writer.customers_new,
        rejected=tuple(sorted(rejected, key=lambda r: r.row)),
        unknown_statuses=tuple(sorted(parser.unknown_statuses)),
    )


def _record_batch(conn, batch_id: int, writer: BatchWriter, rejected: list[Rejection], rows: int) -> None:
    if rejected:
        conn.execute(
            insert(ImportRejection),
            [{"batch_id": batch_id, "row": r.row, "column": r.column, "code": r.code, "value": r.value[:500]}
             for r in rejected],
        )  # fmt: skip
    conn.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch_id)
        .values(
            rows=rows,
            orders_new=writer.new,
            orders_updated=writer.updated,
            orders_unchanged=writer.unchanged,
            customers_new=writer.customers_new,
            rejected=len(rejected),
        )
    )


def _write_lines_only(conn, writer: BatchWriter, platform: str, orders: list[OrderAcc]) -> list[Rejection]:
    rejected = []
    nos = [acc.order_no for acc in orders]
    found: dict[str, int] = {}
    for i in range(0, len(nos), 500):
        part = nos[i : i + 500]
        query = select(Order.order_no, Order.id).where(Order.platform == platform, Order.order_no.in_(part))
        rows = conn.execute(query)
        found.update(dict(rows.all()))
    for acc in orders:
        no = acc.order_no
        oid = found.get(no)
        if oid is None:
            rejected.append(Rejection(acc.first_row, "订单编号", "order_not_found", no))
            continue
        writer.replace_lines(oid, acc.lines)
    return rejected


def _sha1(path: Path) -> str:
    h = hashlib.sha1()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def undo_import(store: Store, batch_id: int, *, backup: bool = True) -> UndoResult:
    """Undo a batch: its new orders removed, its updates reverted, customers' figures recomputed."""
    if backup:
        backup_sqlite(store, reason=f"before-undo-{batch_id}")
    with store.engine.begin() as conn:
        removed, restored, customers_removed = undo_batch(conn, batch_id)
        membership_hooks.after_undo(conn, batch_id)
    from app.services.analytics.snapshots import after_import

    after_import(store, batch_id)
    return UndoResult(batch_id, removed, restored, customers_removed)


def layout_of(key: str) -> Layout:
    return LAYOUTS_BY_KEY[key]
