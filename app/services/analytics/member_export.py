"""A segment's members saved as an xlsx workbook, with the columns the owner picked (a long job: progress,
cancel). Phones are masked unless the owner chose to show them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from app.models.db import Store
from app.services.analytics.segments import count_matching, scored_as_of, segment_members
from app.services.values import mask_phone

EXPORT_COLUMNS = (
    "display_name",
    "phone",
    "city",
    "platforms",
    "order_count",
    "net_spend_fen",
    "last_order_at",
    "layer",
    "rfm_segment",
    "r_days",
    "f_orders",
    "m_fen",
    "r_score",
    "f_score",
    "m_score",
    "value_365_fen",
)
MONEY = {"net_spend_fen", "m_fen", "value_365_fen"}  # written in yuan
CHUNK = 5000


@dataclass(frozen=True)
class ExportRequest:
    tree: dict
    path: Path
    columns: Sequence[tuple[str, str]]  # (key from EXPORT_COLUMNS, header text)
    show_phone: bool = False
    value_names: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> stored value -> text


def _cell(key: str, value, req: ExportRequest):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if key == "phone":
        return value if req.show_phone else mask_phone(str(value))
    if key in MONEY:
        return round(int(value) / 100, 2)
    if key in req.value_names:
        return req.value_names[key].get(value, value)
    if key == "last_order_at":
        return str(value)[:19]
    return value.item() if hasattr(value, "item") else value


def export_members(
    store: Store,
    req: ExportRequest,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the members of `req.tree` to `req.path`; returns how many rows were written (0 if cancelled,
    and then no file is left behind)."""
    from openpyxl import Workbook

    as_of = scored_as_of(store)
    total = count_matching(store, req.tree, as_of)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append([header for _key, header in req.columns])
    done = 0
    while done < total:
        if cancelled and cancelled():
            ws.close()  # finish the sheet's temporary file, so nothing is left half-written
            return 0
        page = segment_members(store, req.tree, done, CHUNK, as_of)
        if page.empty:
            break
        for row in page.itertuples(index=False):
            values = row._asdict()
            ws.append([_cell(key, values.get(key), req) for key, _h in req.columns])
        done += len(page)
        if progress:
            progress(done, total, "export")
    req.path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(req.path))
    return done
