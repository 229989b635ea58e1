"""Importing the files the wizard prepared, one batch each, remembering corrected mappings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from app.models.db import Store
from app.services.dto import ImportResult
from app.services.errors import ImportCancelled, ShopError
from app.services.import_preview import ImportPreview, import_mapping, remember_mapping
from app.services.importer import import_file


@dataclass(frozen=True)
class FileOutcome:
    preview: ImportPreview
    result: ImportResult | None = None
    error_code: str = ""  # "cancelled", "skipped" or a ShopError code
    error_params: dict = field(default_factory=dict)


def import_prepared(
    store: Store,
    previews: Sequence[ImportPreview],
    corrected: set[int],
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
) -> list[FileOutcome]:
    """Import each ready preview; `progress` stages are "<file index>|read" or "<file index>|write"."""
    out: list[FileOutcome] = []
    for i, preview in enumerate(previews):
        if not preview.ready:
            out.append(FileOutcome(preview, error_code="skipped"))
            continue
        if cancelled():
            out.append(FileOutcome(preview, error_code="cancelled"))
            continue
        progress(0, 0, f"{i}|start")
        out.append(_import_one(store, i, preview, i in corrected, progress, cancelled))
    return out


def _import_one(store, i, preview, corrected, progress, cancelled) -> FileOutcome:
    try:
        result = import_file(
            store,
            preview.path,
            platform=preview.platform,
            layout=preview.layout,
            mapping=import_mapping(preview),
            progress=lambda d, t, s: progress(d, t, f"{i}|{s}"),
            cancelled=cancelled,
        )
    except ImportCancelled:
        return FileOutcome(preview, error_code="cancelled")
    except ShopError as exc:
        return FileOutcome(preview, error_code=exc.code, error_params=exc.params)
    if corrected:
        remember_mapping(store, preview.headers, preview.platform, preview.layout, preview.mapping)
    return FileOutcome(preview, result)
