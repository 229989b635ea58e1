"""Store-wide figures for `stats` and the status bar (definitions: metrics.md KPIs)."""

from __future__ import annotations

from sqlalchemy import case, func, select

from app.models import Customer, ImportBatch, Order
from app.models.db import Store
from app.services.dto import StoreStats


def store_stats(store: Store) -> StoreStats:
    sold = Order.status.in_(("paid", "completed"))
    with store.session_factory() as s:
        orders, valid, gmv, refund = s.execute(
            select(
                func.count(Order.id),
                func.coalesce(func.sum(case((Order.is_valid, 1), else_=0)), 0),
                func.coalesce(func.sum(case((sold, Order.paid_fen), else_=0)), 0),
                func.coalesce(func.sum(case((sold, Order.refund_fen), else_=0)), 0),
            )
        ).one()
        customers = s.execute(select(func.count(Customer.id))).scalar_one()
        last = s.execute(
            select(ImportBatch.imported_at)
            .where(ImportBatch.status == "done")
            .order_by(ImportBatch.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        batches = s.execute(select(func.count(ImportBatch.id))).scalar_one()
    return StoreStats(
        orders=orders,
        valid_orders=int(valid),
        customers=customers,
        gmv_fen=int(gmv),
        refund_fen=int(refund),
        net_sales_fen=int(gmv) - int(refund),
        last_import=last.isoformat(sep=" ") if last else None,
        batches=batches,
    )
