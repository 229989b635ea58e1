"""What each platform's order export looks like: how to recognise it and where each field is.

Headers are matched after normalisation (strip, NFKC: full-width brackets become ASCII, a BOM and
tabs go). Every field lists the spellings seen in formats.md §10; the first present wins.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from app.services.errors import QT_TRANSLATE_NOOP
from app.services.platform_layouts import LAYOUTS, Layout

__all__ = [
    "DATE_FIELDS", "ID_FIELDS", "KNOWN_HEADERS", "LAYOUTS", "LAYOUTS_BY_KEY", "MONEY_FIELDS",
    "PLATFORM_NAMES", "Detection", "Layout", "detect_layout", "header_row_score", "layouts_for",
    "map_columns", "normalize_header",
]  # fmt: skip

PLATFORM_NAMES = {
    "taobao": QT_TRANSLATE_NOOP("Platforms", "Taobao/Tmall"),
    "douyin": QT_TRANSLATE_NOOP("Platforms", "Douyin"),
    "pdd": QT_TRANSLATE_NOOP("Platforms", "Pinduoduo"),
    "jd": QT_TRANSLATE_NOOP("Platforms", "JD"),
    "kuaishou": QT_TRANSLATE_NOOP("Platforms", "Kuaishou"),
    "youzan": QT_TRANSLATE_NOOP("Platforms", "Youzan"),
    "wechat": QT_TRANSLATE_NOOP("Platforms", "WeChat shop"),
    "generic": QT_TRANSLATE_NOOP("Platforms", "Other (template)"),
}

# Fields whose values are text ids: never read as numbers.
ID_FIELDS = ("order_no", "sub_order_no")
MONEY_FIELDS = (
    "paid", "goods", "shipping", "discount", "refund", "merchant_net", "total", "unit_price", "line_amount",
)  # fmt: skip
DATE_FIELDS = ("created_at", "paid_at", "shipped_at", "finished_at")


def normalize_header(value: object) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).replace("\ufeff", "")
    return "".join(text.split())


LAYOUTS_BY_KEY = {layout.key: layout for layout in LAYOUTS}
KNOWN_HEADERS = frozenset(
    normalize_header(h) for lay in LAYOUTS for spellings in lay.fields.values() for h in spellings
)


def layouts_for(platform: str | None) -> tuple[Layout, ...]:
    if not platform:
        return LAYOUTS
    return tuple(lay for lay in LAYOUTS if lay.platform == platform)


@dataclass(frozen=True)
class Detection:
    layout: Layout
    mapping: dict[str, int]  # field -> column index
    score: float
    missing_required: tuple[str, ...]


def map_columns(layout: Layout, headers: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, h in enumerate(headers):
        index.setdefault(h, i)  # a duplicate header (Youzan 分销员) keeps its first column
    mapping = {}
    for fld, spellings in layout.fields.items():
        for spelling in spellings:
            col = index.get(normalize_header(spelling))
            if col is not None:
                mapping[fld] = col
                break
    return mapping


def detect_layout(headers: list[str], platform: str | None = None) -> Detection | None:
    """The layout these (normalised) headers fit best, or None if none fits at all."""
    present = set(headers)
    best: Detection | None = None
    for layout in layouts_for(platform):
        sig = [normalize_header(h) for h in layout.signature]
        if not all(h in present for h in sig[:1]):
            continue
        hits = sum(h in present for h in sig)
        # One signature header short still counts (a merchant may have deselected a column), so the
        # owner hears which column is missing instead of "no header".
        if (hits < len(sig) - 1 or hits < 2) and not (platform and hits >= 1):
            continue
        mapping = map_columns(layout, headers)
        hint_hits = sum(normalize_header(h) in present for h in layout.hints)
        score = hits / len(sig) + len(mapping) / (len(layout.fields) * 10) + hint_hits / 100
        missing = tuple(f for f in layout.required if f not in mapping)
        candidate = Detection(layout, mapping, score, missing)
        if best is None or candidate.score > best.score:
            best = candidate
    return best


def header_row_score(row: list) -> int:
    return sum(1 for v in row if normalize_header(v) in KNOWN_HEADERS)
