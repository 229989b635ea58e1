"""Saving rejected rows as an xlsx the owner can fix and import again.

Every value is written as text, never as a formula: a cell starting with = + - @ would otherwise
run in Excel (CSV/formula injection), so such values get the string type explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.services.dto import Rejection
from app.services.readers import open_sheets


@dataclass(frozen=True)
class RejectedFile:
    source: str  # path of the imported file
    sheet: str
    header_row: int  # 1-based; 0 when unknown
    rejections: tuple[Rejection, ...]


def _source_rows(item: RejectedFile) -> tuple[list, dict[int, list]]:
    wanted = {r.row for r in item.rejections}
    header: list = []
    found: dict[int, list] = {}
    try:
        sheets = [s for s in open_sheets(item.source) if s.name == item.sheet] or open_sheets(item.source)[:1]
    except Exception:  # the file moved or changed since the import: reasons are still worth saving
        return header, found
    for i, row in enumerate(sheets[0].rows(), start=1):
        if i == item.header_row:
            header = row
        elif i in wanted:
            found[i] = row
        if i >= max(wanted, default=0) and (header or not item.header_row):
            break
    return header, found


def save_rejections_xlsx(
    dest: str | Path, items: Sequence[RejectedFile], reason: Callable[[Rejection], str], labels: Sequence[str]
) -> Path:
    """One row per rejection: file, row, column, reason, value, then the original row's cells.

    `labels` are the five translated column titles; `reason` turns a rejection into owner text.
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "rejected"
    header_done = False
    for item in items:
        header, source = _source_rows(item)
        if not header_done:
            _append_text(ws, [*labels, *header])
            header_done = True
        for rej in item.rejections:
            original = source.get(rej.row, [])
            _append_text(ws, [Path(item.source).name, rej.row, rej.column, reason(rej), rej.value, *original])
    if not header_done:
        _append_text(ws, list(labels))
    dest = Path(dest)
    wb.save(dest)
    return dest


def _append_text(ws, values: list) -> None:
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col)
        if isinstance(value, int) and not isinstance(value, bool):
            cell.value = value
            continue
        cell.value = "" if value is None else str(value)
        cell.data_type = "s"  # text even when it starts with '=': Excel shows it, never evaluates it
