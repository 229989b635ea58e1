"""The owner's words for the analytics' keys: lifecycle layers, RFM segments, rule fields."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Analytics"
LAYER_NAMES = {
    "potential": QT_TRANSLATE_NOOP("Analytics", "Potential"),
    "new": QT_TRANSLATE_NOOP("Analytics", "New"),
    "active": QT_TRANSLATE_NOOP("Analytics", "Active"),
    "loyal": QT_TRANSLATE_NOOP("Analytics", "Loyal"),
    "dormant": QT_TRANSLATE_NOOP("Analytics", "Dormant"),
    "lost": QT_TRANSLATE_NOOP("Analytics", "Lost"),
}
SEGMENT_NAMES = {
    "champions": QT_TRANSLATE_NOOP("Analytics", "Champions"),
    "loyal": QT_TRANSLATE_NOOP("Analytics", "Loyal customers"),
    "potential_loyalist": QT_TRANSLATE_NOOP("Analytics", "Potential loyalists"),
    "new_customers": QT_TRANSLATE_NOOP("Analytics", "New customers"),
    "promising": QT_TRANSLATE_NOOP("Analytics", "Promising"),
    "need_attention": QT_TRANSLATE_NOOP("Analytics", "Need attention"),
    "about_to_sleep": QT_TRANSLATE_NOOP("Analytics", "About to sleep"),
    "at_risk": QT_TRANSLATE_NOOP("Analytics", "At risk"),
    "cannot_lose": QT_TRANSLATE_NOOP("Analytics", "Cannot lose them"),
    "hibernating": QT_TRANSLATE_NOOP("Analytics", "Hibernating"),
    "lost": QT_TRANSLATE_NOOP("Analytics", "Lost customers"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def layer_name(key: str | None) -> str:
    return _tr(LAYER_NAMES[key]) if key in LAYER_NAMES else (key or "–")


def segment_name(key: str | None) -> str:
    return _tr(SEGMENT_NAMES[key]) if key in SEGMENT_NAMES else (key or "–")


def rate_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


EXPLAIN = {
    "unscored": QT_TRANSLATE_NOOP("Analytics", "Scores are computed after the next import."),
    "auto": QT_TRANSLATE_NOOP("Analytics", "automatic: fifths of the shop's distinct values"),
    "manual": QT_TRANSLATE_NOOP("Analytics", "set by you"),
    "settings": QT_TRANSLATE_NOOP("Analytics", "set in the metric settings"),
    "r": QT_TRANSLATE_NOOP(
        "Analytics", "R: %1 days since the last order → score %2 (scores: %3, otherwise 1; %4)"
    ),
    "f": QT_TRANSLATE_NOOP(
        "Analytics", "F: %1 orders in the last %5 days → score %2 (scores: %3, otherwise 1; %4)"
    ),
    "m": QT_TRANSLATE_NOOP(
        "Analytics", "M: %1 spent in the last %5 days → score %2 (scores: %3, otherwise 1; %4)"
    ),
}


def _thresholds(cuts, unit) -> str:
    """'5: ≤65 · 4: ≤151 · …' from the thresholds for scores 2..5."""
    return " · ".join(f"{score}: {unit(c)}" for score, c in zip((5, 4, 3, 2), reversed(cuts), strict=True))


def explain_scores(values: tuple, scores: tuple, cuts, window_days: int, yuan) -> list[str]:
    """One line per letter: the customer's value, score, and the cut points that gave it."""
    if cuts is None:
        return [_tr(EXPLAIN["unscored"])]
    r, f, m = values
    how = {True: _tr(EXPLAIN["auto"]), False: _tr(EXPLAIN["manual"])}
    lines = (
        ("r", r, _thresholds(cuts.r, lambda c: f"≤{c}"), how[cuts.auto_r]),
        ("f", f, _thresholds(cuts.f, lambda c: f"≥{c}"), _tr(EXPLAIN["settings"])),
        ("m", None if m is None else yuan(m), _thresholds(cuts.m, lambda c: f"≥{yuan(c)}"), how[cuts.auto_m]),
    )
    out = []
    for (key, value, table, source), score in zip(lines, scores, strict=True):
        out.append(
            _tr(EXPLAIN[key])
            .replace("%1", "–" if value is None else str(value))
            .replace("%2", "–" if score is None else str(score))
            .replace("%3", table)
            .replace("%4", source)
            .replace("%5", str(window_days))
        )
    return out
