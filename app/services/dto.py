"""Frozen results handed from services to the command line and the window."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rejection:
    row: int  # 1-based row number as the spreadsheet shows it
    column: str
    code: str
    value: str = ""

    def as_json(self, reason: str) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "reason": reason,
            "code": self.code,
            "value": self.value,
        }


@dataclass(frozen=True)
class ImportResult:
    file: str
    platform: str
    layout: str
    batch_id: int | None
    rows: int
    orders_new: int
    orders_updated: int
    orders_unchanged: int
    customers_new: int
    rejected: tuple[Rejection, ...] = field(default=())
    unknown_statuses: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    orders_removed: int
    orders_restored: int
    customers_removed: int


@dataclass(frozen=True)
class StoreStats:
    orders: int
    valid_orders: int
    customers: int
    gmv_fen: int
    refund_fen: int
    net_sales_fen: int
    last_import: str | None = None
    batches: int = 0


@dataclass(frozen=True)
class FilePreview:
    file: str
    sheet: str
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    platform: str | None
    layout: str | None
    mapping: dict[str, int]
    missing_required: tuple[str, ...]
    confident: bool
