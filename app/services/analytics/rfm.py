"""RFM scores 1-5 and the 11 named segments (metrics.md "RFM").

Cut points are four thresholds, one per score 2, 3, 4 and 5: a customer's score is 1 plus the number of
thresholds reached (R <= t for recency, F >= t and M >= t for the others). Automatic R and M thresholds
come from the distinct values of the customers with a valid order in the window: ordered best first,
the i-th of n distinct values gets score 5 - floor(5 i / n), so equal values always share a score and
each score holds a fifth of the distinct values; the thresholds are the loosest value of each score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, text

from app.services.analytics.settings import MetricSettings, parse_cuts

SEGMENT_CELLS: dict[str, str] = {
    "champions": "555 554 544 545 454 455 445",
    "loyal": "543 444 435 355 354 345 344 335",
    "potential_loyalist": "553 551 552 541 542 533 532 531 452 451 442 441 431 453 433 432 423 353 352 351 "
    "342 341 333 323",
    "new_customers": "512 511 422 421 412 411 311",
    "promising": "525 524 523 522 521 515 514 513 425 424 413 414 415 315 314 313",
    "need_attention": "535 534 443 434 343 334 325 324",
    "about_to_sleep": "331 321 312 221 213 231 241 251",
    "at_risk": "255 254 245 244 253 252 243 242 235 234 225 224 153 152 145 143 142 135 134 133 125 124",
    "cannot_lose": "155 154 144 214 215 115 114 113",
    "hibernating": "332 322 233 232 223 222 132 123 122 212 211",
    "lost": "111 112 121 131 141 151",
}
SEGMENTS = tuple(SEGMENT_CELLS)
SEGMENT_OF_CELL: dict[str, str] = {
    cell: seg for seg, cells in SEGMENT_CELLS.items() for cell in cells.split()
}


@dataclass(frozen=True)
class CutPoints:
    """Thresholds for scores 2..5; `auto` says which came from the data rather than the owner."""

    r: tuple[int, ...]
    f: tuple[int, ...]
    m: tuple[int, ...]
    auto_r: bool
    auto_m: bool

    def as_json(self) -> dict:
        return {
            "r_max_days": list(self.r),
            "f_min_orders": list(self.f),
            "m_min_fen": list(self.m),
            "r_auto": self.auto_r,
            "m_auto": self.auto_m,
        }


def quintile_cuts(values: np.ndarray, higher_is_better: bool) -> tuple[int, ...]:
    """The loosest value reaching each of the scores 2..5 among the distinct values."""
    distinct = np.unique(values)
    if distinct.size == 0:
        return (0, 0, 0, 0)
    best_first = distinct[::-1] if higher_is_better else distinct
    n = best_first.size
    scores = 5 - (5 * np.arange(n)) // n
    # best_first is ordered, so the loosest value with score >= s is the last one with that property
    return tuple(int(best_first[np.flatnonzero(scores >= s)[-1]]) for s in (2, 3, 4, 5))


def _distinct(conn: Connection, column: str) -> np.ndarray:
    rows = conn.execute(text(f"SELECT DISTINCT {column} FROM tmp_figures WHERE f > 0")).scalars().all()
    return np.asarray(rows, dtype="int64")


def cut_points(conn: Connection, settings: MetricSettings) -> CutPoints:
    """The owner's cut points, or quintiles of the distinct R and M values in tmp_figures (see frame.py)."""
    r_manual, m_manual = parse_cuts(settings.r_cuts), parse_cuts(settings.m_cuts)
    r = r_manual or quintile_cuts(_distinct(conn, "r"), higher_is_better=False)
    m = m_manual or quintile_cuts(_distinct(conn, "m"), higher_is_better=True)
    return CutPoints(r, parse_cuts(settings.f_cuts), m, r_manual is None, m_manual is None)


def _score_sql(column: str, cuts: tuple[int, ...], op: str) -> str:
    # cut points are validated integers, so they are written into the statement as literals
    reached = " + ".join(f"({column} {op} {int(c)})" for c in cuts)
    return f"CASE WHEN n_valid > 0 THEN 1 + {reached} END"


def score_columns_sql(cuts: CutPoints) -> str:
    """r_score, f_score and m_score over tmp_figures' columns (NULL for customers without a valid order)."""
    return (
        f"{_score_sql('r', cuts.r, '<=')} AS r_score, {_score_sql('f', cuts.f, '>=')} AS f_score, "
        f"{_score_sql('m', cuts.m, '>=')} AS m_score"
    )


def segment_cells_sql() -> str:
    """A CTE body `cells(cell, segment)` naming every R-F-M cell (cell as the integer RFM)."""
    rows = ", ".join(f"({cell}, '{seg}')" for cell, seg in SEGMENT_OF_CELL.items())
    return f"cells(cell, segment) AS (VALUES {rows})"
