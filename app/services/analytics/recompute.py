"""The full recompute: RFM, layers and AIPL for every customer as of a date, stored in customer_scores.

Everything happens in SQL over temporary tables (frame.py builds tmp_figures, `score_customers` builds
tmp_scores); only the distinct R and M values (for the cut points) and the counts come back to Python.
`analyse` computes without writing; `recompute_in` also replaces customer_scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, Float, Integer, MetaData, Table, text

from app.models.bulk import insert_rows
from app.services.analytics.aipl import aipl_counts, aipl_sql, list_stage_sql, stages_with_lists
from app.services.analytics.frame import build_figures, drop_temp, fetch_frame, resolve_as_of, scope_of
from app.services.analytics.layers import LAYERS, layer_sql
from app.services.analytics.rfm import SEGMENTS, CutPoints, cut_points, score_columns_sql, segment_cells_sql
from app.services.analytics.settings import MetricSettings, load_metric_settings, write_meta

if TYPE_CHECKING:
    import pandas as pd

    from app.services.analytics.clv import ClvResult

PREDICTION_COLUMNS = ("p_alive", "expected_90", "expected_365", "value_365_fen")


@dataclass(frozen=True)
class Analysis:
    """The counts built from every known customer's figures; `customers` (index cid) when asked for."""

    as_of: date | None
    cuts: CutPoints | None
    layers: dict[str, int]
    segments: dict[str, int]
    aipl: dict[str, int | None]
    customers: pd.DataFrame | None = None

    @property
    def empty(self) -> bool:
        return self.as_of is None


def score_customers(conn: Connection, settings: MetricSettings, as_of: date) -> CutPoints:
    """(Re)create tmp_scores: tmp_figures plus r/f/m scores, segment, layer and AIPL stage."""
    build_figures(conn, scope_of(as_of), settings)
    cuts = cut_points(conn, settings)
    drop_temp(conn, "tmp_scores")
    conn.execute(
        text(
            f"CREATE TEMP TABLE tmp_scores AS WITH {segment_cells_sql()}, "
            f"scored AS (SELECT t.*, {score_columns_sql(cuts)} FROM tmp_figures t) "
            f"SELECT s.*, COALESCE(cells.segment, '') AS segment, {layer_sql(settings)} AS layer, "
            f"{aipl_sql(settings.aipl_l_orders)} AS aipl "
            "FROM scored s LEFT JOIN cells ON cells.cell = s.r_score * 100 + s.f_score * 10 + s.m_score "
            f"LEFT JOIN ({list_stage_sql()}) ls ON ls.cid = s.cid"
        )
    )
    return cuts


def _counts(conn: Connection) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Customers per layer, per RFM segment and per AIPL stage, in one pass over tmp_scores."""
    out: tuple[dict[str, int], ...] = ({}, {}, {})
    for *keys, n in conn.execute(
        text("SELECT layer, segment, aipl, COUNT(*) FROM tmp_scores GROUP BY 1, 2, 3")
    ):
        for counts, key in zip(out, keys, strict=True):
            counts[key] = counts.get(key, 0) + n
    return out


def analyse(
    conn: Connection, settings: MetricSettings, as_of: date | None = None, *, frame: bool = True
) -> Analysis:
    """Counts per layer, RFM segment and AIPL stage, the cut points, and (frame=True) every customer's row."""
    as_of = resolve_as_of(conn, settings, as_of)
    if as_of is None:
        return Analysis(None, None, {}, {}, {})
    cuts = score_customers(conn, settings, as_of)
    layers, segments, stages = _counts(conn)
    customers = fetch_frame(conn, "SELECT * FROM tmp_scores").set_index("cid") if frame else None
    if customers is not None:
        customers["member"] = customers["member"].astype(bool)
        customers["segment"] = customers["segment"].replace("", None)
    return Analysis(
        as_of,
        cuts,
        {k: layers.get(k, 0) for k in LAYERS},
        {s: segments.get(s, 0) for s in SEGMENTS},
        aipl_counts(stages, stages_with_lists(conn)),
        customers,
    )


def _predictions_table(conn: Connection, predictions: pd.DataFrame | None) -> str:
    """Predicted values into tmp_predictions; returns the join clause for them."""
    drop_temp(conn, "tmp_predictions")
    if predictions is None:
        return ""
    table = Table(
        "tmp_predictions",
        MetaData(),
        Column("cid", Integer, primary_key=True),
        *[Column(c, Float) for c in PREDICTION_COLUMNS],
        prefixes=["TEMPORARY"],
    )
    table.create(conn)
    values = predictions[list(PREDICTION_COLUMNS)].astype(object)
    values = values.where(values.notna(), None)
    insert_rows(
        conn,
        table,
        ("cid", *PREDICTION_COLUMNS),
        [(int(i), *row) for i, row in zip(values.index, values.itertuples(index=False), strict=True)],
    )
    return "LEFT JOIN tmp_predictions p ON p.cid = s.cid"


_STORED = (
    ("last_day", "s.last_day"),
    ("f_orders", "s.f"),
    ("m_fen", "s.m"),
    ("r_score", "s.r_score"),
    ("f_score", "s.f_score"),
    ("m_score", "s.m_score"),
    ("rfm_segment", "s.segment"),
    ("layer", "s.layer"),
    ("aipl", "s.aipl"),
)


def write_scores(conn: Connection, as_of: date | None, predictions: pd.DataFrame | None) -> None:
    """Bring customer_scores in line with tmp_scores: only changed rows are written. Predicted values are
    replaced when `predictions` is given (an empty frame clears them) and left as they were when None."""
    if as_of is None:
        conn.execute(text("DELETE FROM customer_scores"))
        write_meta(conn, "scored_as_of", "")
        return
    join = _predictions_table(conn, predictions)
    pairs = [*_STORED, *[(c, f"p.{c}") for c in PREDICTION_COLUMNS if join]]
    changed = " OR ".join(f"o.{col} IS NOT {expr}" for col, expr in pairs)
    updates = ", ".join(f"{col} = excluded.{col}" for col, _ in pairs)
    conn.execute(text("DELETE FROM customer_scores WHERE customer_id NOT IN (SELECT cid FROM tmp_scores)"))
    conn.execute(
        text(
            f"INSERT INTO customer_scores (customer_id, {', '.join(c for c, _ in pairs)}) "
            f"SELECT s.cid, {', '.join(e for _, e in pairs)} FROM tmp_scores s {join} "
            f"LEFT JOIN customer_scores o ON o.customer_id = s.cid WHERE o.customer_id IS NULL OR {changed} "
            f"ON CONFLICT (customer_id) DO UPDATE SET {updates}"
        )
    )
    drop_temp(conn, "tmp_predictions")
    write_meta(conn, "scored_as_of", as_of.isoformat())


_MOVES = """
SELECT COALESCE(o.layer, 'none'), n.layer, COUNT(*) FROM tmp_scores n
LEFT JOIN customer_scores o ON o.customer_id = n.cid WHERE COALESCE(o.layer, 'none') <> n.layer GROUP BY 1, 2
UNION ALL
SELECT o.layer, 'none', COUNT(*) FROM customer_scores o
WHERE o.customer_id NOT IN (SELECT cid FROM tmp_scores) GROUP BY o.layer
"""
_ALL_LEFT = "SELECT layer, 'none', COUNT(*) FROM customer_scores GROUP BY layer"


@dataclass(frozen=True)
class Recomputed:
    analysis: Analysis
    clv: ClvResult | None
    moves: dict[tuple[str, str], int]  # (from layer, to layer) -> customers; "none" = not in the store


def recompute_in(conn: Connection, settings: MetricSettings, *, with_clv: bool = True) -> Recomputed:
    """Recompute and store every customer's scores; also says who moved between layers. Without CLV the
    stored predicted values stay as the last CLV recompute left them."""
    analysis = analyse(conn, settings, frame=False)
    moves = conn.execute(text(_ALL_LEFT if analysis.empty else _MOVES)).all()
    result = None
    if with_clv and not analysis.empty:
        from app.services.analytics.clv import clv  # scipy: loaded only when a fit is asked for

        result = clv(conn, scope_of(analysis.as_of), settings)
    predictions = None
    if result is not None:
        import pandas as pd

        predictions = (
            result.predictions
            if result.predictions is not None
            else pd.DataFrame(columns=list(PREDICTION_COLUMNS), dtype=float)
        )
    write_scores(conn, analysis.as_of, predictions)
    if result is not None:
        write_meta(conn, "predicted_as_of", analysis.as_of.isoformat() if result.bgnbd else "")
    return Recomputed(analysis, result, {(f, t): n for f, t, n in moves})


def recompute_scores(store, *, with_clv: bool = True) -> Analysis:
    """The full recompute with predicted values (the window runs it in the background after imports)."""
    settings = load_metric_settings(store)
    with store.engine.begin() as conn:
        return recompute_in(conn, settings, with_clv=with_clv).analysis
