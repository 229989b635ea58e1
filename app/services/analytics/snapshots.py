"""After every import (and undo): recompute the scores, then record each layer's, RFM segment's and saved
segment's size and how many customers moved between layers (from -> to), for trend charts.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, select

from app.models import LayerMovement, SegmentSnapshot
from app.models.db import Store
from app.services.analytics.recompute import Analysis, recompute_in
from app.services.analytics.segments import saved_segments_in
from app.services.analytics.settings import load_metric_settings

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)


def _snapshot_rows(conn: Connection, analysis: Analysis, batch_id: int | None, now: datetime) -> list[dict]:
    sizes = [("layer", k, v) for k, v in analysis.layers.items()]
    sizes += [("rfm", k, v) for k, v in analysis.segments.items()]
    sizes += [("aipl", k, v) for k, v in analysis.aipl.items() if v is not None]
    if analysis.as_of is not None:
        sizes += [("segment", str(seg.id), seg.size) for seg in saved_segments_in(conn, analysis.as_of)]
    return [{"batch_id": batch_id, "taken_at": now, "kind": k, "key": key, "size": n} for k, key, n in sizes]


def record_snapshots_in(
    conn: Connection, store: Store, batch_id: int | None, *, with_clv: bool = False
) -> Analysis:
    done = recompute_in(conn, load_metric_settings(store), with_clv=with_clv)
    analysis, moves = done.analysis, done.moves
    # microseconds kept: an undo right after its import must not share the import's timestamp
    rows = _snapshot_rows(conn, analysis, batch_id, datetime.now())
    if rows:
        conn.execute(insert(SegmentSnapshot), rows)
    if moves:
        conn.execute(
            insert(LayerMovement),
            [
                {"batch_id": batch_id, "from_layer": f, "to_layer": t, "count": n}
                for (f, t), n in moves.items()
            ],
        )
    return analysis


def record_snapshots(store: Store, batch_id: int | None, *, with_clv: bool = False) -> Analysis:
    with store.engine.begin() as conn:
        return record_snapshots_in(conn, store, batch_id, with_clv=with_clv)


def after_import(store: Store, batch_id: int | None) -> None:
    """The importer's hook: scores and snapshots, without the predicted-value fit (seconds at 150k customers;
    the window refreshes predictions in the background with recompute_scores). The import has landed
    already: a failure here is logged, never raised."""
    if store.engine.dialect.name != "sqlite":  # the analytics SQL is written for SQLite only, for now
        log.info("analytics skipped after batch %s: %s store", batch_id, store.engine.dialect.name)
        return
    try:
        record_snapshots(store, batch_id)
    except Exception:  # noqa: BLE001 - the owner's import must not fail because of a trend chart
        log.exception("recording snapshots after batch %s failed", batch_id)


def snapshot_history(store: Store, kind: str) -> pd.DataFrame:
    """Sizes over time for one kind (layer, rfm, aipl, segment): rows taken_at, columns keys."""
    with store.session_factory() as s:
        rows = s.execute(
            select(
                SegmentSnapshot.taken_at, SegmentSnapshot.batch_id, SegmentSnapshot.key, SegmentSnapshot.size
            )
            .where(SegmentSnapshot.kind == kind)
            .order_by(SegmentSnapshot.id)
        ).all()
    import pandas as pd

    df = pd.DataFrame(rows, columns=["taken_at", "batch_id", "key", "size"])
    return df.pivot_table(index=["taken_at", "batch_id"], columns="key", values="size", aggfunc="last")


def movements(store: Store, batch_id: int) -> dict[tuple[str, str], int]:
    with store.session_factory() as s:
        rows = s.execute(
            select(LayerMovement.from_layer, LayerMovement.to_layer, LayerMovement.count).where(
                LayerMovement.batch_id == batch_id
            )
        ).all()
    out: dict[tuple[str, str], int] = {}
    for f, t, n in rows:
        out[(f, t)] = out.get((f, t), 0) + n
    return out
