"""What the import wizard shows before importing, and the mappings the owner corrected.

Unlike importer.preview_file this never refuses a file whose required columns are missing: the
wizard shows it so the owner can choose the platform or map the columns by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.models import ColumnMapping
from app.models.base import utcnow
from app.models.db import Store
from app.services.errors import ImportFailed
from app.services.importer import HEADER_SCAN_ROWS, header_signature
from app.services.platforms import (
    LAYOUTS_BY_KEY,
    PLATFORM_NAMES,
    detect_layout,
    header_row_score,
    layouts_for,
    map_columns,
    normalize_header,
)
from app.services.readers import open_sheets


@dataclass(frozen=True)
class ImportPreview:
    path: str
    file: str
    sheet: str
    header_row: int  # 1-based
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    platform: str | None
    layout: str | None
    mapping: dict[str, int]
    fields: tuple[str, ...]  # the layout's fields, in its order
    required: tuple[str, ...]
    confident: bool
    remembered: bool = False  # the mapping is one the owner corrected before
    error_code: str = ""  # set when nothing could be read or no header was found
    error_params: dict = field(default_factory=dict)

    @property
    def signature(self) -> str:
        return header_signature(self.headers)

    @property
    def missing_required(self) -> tuple[str, ...]:
        return tuple(f for f in self.required if f not in self.mapping)

    @property
    def ready(self) -> bool:
        return not self.error_code and self.layout is not None and not self.missing_required


def _find_header(rows: list[list]) -> int | None:
    best, best_score = None, 2  # the importer's own rule: more than two known headers
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = header_row_score(row)
        if score > best_score:
            best, best_score = i, score
    return best


def _best_sheet(path: Path):
    best = None
    for sheet in open_sheets(path):
        head = sheet.head(HEADER_SCAN_ROWS + 10)
        idx = _find_header(head)
        if idx is None:
            continue
        score = header_row_score(head[idx])
        if best is None or score > best[0]:
            best = (score, sheet, idx, head)
    return best


def _failed(path: Path, code: str, **params) -> ImportPreview:
    return ImportPreview(
        str(path),
        path.name,
        "",
        0,
        (),
        (),
        None,
        None,
        {},
        (),
        (),
        False,
        error_code=code,
        error_params={"file": path.name, **params},
    )


def preview_import(
    store: Store, path: str | Path, platform: str | None = None, layout: str | None = None, rows: int = 8
) -> ImportPreview:
    """Detect platform, layout and mapping; apply a remembered mapping for the same headers."""
    path = Path(path)
    try:
        found = _best_sheet(path)
    except ImportFailed as exc:
        return _failed(path, exc.code, **exc.params)
    if found is None:
        return _failed(path, "no_header")
    _, sheet, idx, head = found
    headers = [normalize_header(v) for v in head[idx]]
    body = tuple(tuple("" if v is None else str(v) for v in r) for r in head[idx + 1 : idx + 1 + rows])
    remembered = None if (platform or layout) else _remembered(store, header_signature(headers))
    if remembered is not None:
        platform, layout = remembered["platform"], remembered["layout"]
    chosen, mapping, confident = _choose_layout(headers, platform, layout)
    if remembered is not None and chosen is not None:
        mapping = {k: v for k, v in remembered["mapping"].items() if 0 <= v < len(headers)}
        confident = True
    return ImportPreview(
        str(path),
        path.name,
        sheet.name,
        idx + 1,
        tuple(headers),
        body,
        platform or (chosen.platform if chosen else None),
        chosen.key if chosen else None,
        mapping,
        tuple(chosen.fields) if chosen else (),
        chosen.required if chosen else (),
        confident,
        remembered=remembered is not None,
    )


def _choose_layout(headers: list[str], platform: str | None, layout: str | None):
    if layout in LAYOUTS_BY_KEY:
        chosen = LAYOUTS_BY_KEY[layout]
        return chosen, map_columns(chosen, headers), True
    det = detect_layout(headers, platform)
    if det is not None:
        return det.layout, dict(det.mapping), det.score >= 1.0 and not det.missing_required
    if platform in PLATFORM_NAMES:  # the owner chose a platform the headers do not fit: map by hand
        candidates = layouts_for(platform)
        chosen = max(candidates, key=lambda lay: len(map_columns(lay, headers)))
        return chosen, map_columns(chosen, headers), False
    return None, {}, False


def _remembered(store: Store, signature: str) -> dict | None:
    with store.session_factory() as s:
        row = s.execute(
            select(ColumnMapping.platform, ColumnMapping.mapping_json).where(
                ColumnMapping.header_signature == signature
            )
        ).first()
    if row is None:
        return None
    data = json.loads(row.mapping_json)
    if data.get("layout") not in LAYOUTS_BY_KEY:
        return None
    return {"platform": row.platform, "layout": data["layout"], "mapping": data.get("mapping", {})}


def remember_mapping(
    store: Store, headers: tuple[str, ...], platform: str, layout: str, mapping: dict
) -> None:
    """Keep a corrected mapping for files with the same headers (ColumnMapping, keyed by header signature)."""
    signature = header_signature(headers)
    payload = json.dumps({"layout": layout, "mapping": mapping}, ensure_ascii=False, sort_keys=True)
    with store.session_factory.begin() as s:
        row = s.execute(
            select(ColumnMapping).where(ColumnMapping.header_signature == signature)
        ).scalar_one_or_none()
        if row is None:
            s.add(
                ColumnMapping(
                    header_signature=signature, platform=platform, mapping_json=payload, updated_at=utcnow()
                )
            )
        else:
            row.platform, row.mapping_json, row.updated_at = platform, payload, utcnow()


def import_mapping(preview: ImportPreview) -> dict[str, int]:
    """The mapping to pass to import_file: every field of the layout, -1 for 'not in this file'."""
    return {f: preview.mapping.get(f, -1) for f in preview.fields}
