"""Import history (batches and their rejected rows) and what the status bar says about the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.models import Customer, ImportBatch, ImportRejection, Order
from app.models.db import Store
from app.services.dto import Rejection


@dataclass(frozen=True)
class BatchRow:
    id: int
    file_name: str
    platform: str
    imported_at: datetime
    rows: int
    orders_new: int
    orders_updated: int
    orders_unchanged: int
    rejected: int
    status: str  # done | undone


@dataclass(frozen=True)
class StoreSummary:
    path: str
    size_bytes: int
    orders: int
    customers: int
    last_import: datetime | None

    @property
    def is_empty(self) -> bool:
        return self.orders == 0 and self.customers == 0


def list_batches(store: Store, limit: int = 500) -> tuple[BatchRow, ...]:
    with store.session_factory() as s:
        rows = s.execute(
            select(
                ImportBatch.id,
                ImportBatch.file_name,
                ImportBatch.platform,
                ImportBatch.imported_at,
                ImportBatch.rows,
                ImportBatch.orders_new,
                ImportBatch.orders_updated,
                ImportBatch.orders_unchanged,
                ImportBatch.rejected,
                ImportBatch.status,
            )
            .order_by(ImportBatch.id.desc())
            .limit(limit)
        ).all()
    return tuple(BatchRow(*r) for r in rows)


def batch_rejections(store: Store, batch_id: int) -> tuple[Rejection, ...]:
    with store.session_factory() as s:
        rows = s.execute(
            select(ImportRejection.row, ImportRejection.column, ImportRejection.code, ImportRejection.value)
            .where(ImportRejection.batch_id == batch_id)
            .order_by(ImportRejection.row)
        ).all()
    return tuple(Rejection(*r) for r in rows)


def store_size(store: Store) -> int:
    if store.path is None:
        return 0
    parts = [store.path, store.path.with_name(store.path.name + "-wal")]
    return sum(p.stat().st_size for p in parts if p.exists())


def store_summary(store: Store) -> StoreSummary:
    with store.session_factory() as s:
        orders = s.execute(select(func.count(Order.id))).scalar_one()
        customers = s.execute(select(func.count(Customer.id))).scalar_one()
        last = s.execute(
            select(ImportBatch.imported_at)
            .where(ImportBatch.status == "done")
            .order_by(ImportBatch.id.desc())
            .limit(1)
        ).scalar_one_or_none()
    return StoreSummary(str(store.path or store.url), store_size(store), orders, customers, last)
