"""The store as files: open, move to another folder, back up and restore."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.models.db import (
    Store,
    StoreTooNew,
    backup_sqlite,
    copy_sqlite,
    list_backups,
    open_store,
    restore_backup,
)
from app.services.errors import ShopError

SIDE_FILES = ("-wal", "-shm")


def move_store(store: Store, dest_dir: str | Path) -> Path:
    """Copy the store into `dest_dir` with SQLite's online backup, then remove the old files.

    The caller reopens the store at the returned path; `store` must not be used afterwards.
    """
    if store.path is None:
        raise ValueError("only a store file can be moved")
    dest = Path(dest_dir) / store.path.name
    if dest.exists():
        raise FileExistsError(str(dest))
    dest.parent.mkdir(parents=True, exist_ok=True)
    copy_sqlite(store.path, dest)
    store.dispose()
    for suffix in ("", *SIDE_FILES):
        store.path.with_name(store.path.name + suffix).unlink(missing_ok=True)
    return dest


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    size_bytes: int
    reason: str


def open_store_at(path: str | Path) -> Store:
    """Open (creating or upgrading if needed) the store at a file path or database URL."""
    try:
        return open_store(path)
    except StoreTooNew as exc:
        raise ShopError("store_too_new", path=exc.path, revision=exc.revision) from exc


def backup_now(store: Store) -> Path | None:
    return backup_sqlite(store, reason="manual")


def backups(store: Store) -> list[BackupInfo]:
    out = []
    for path in list_backups(store):
        stat = path.stat()
        reason = path.stem.split("-", 4)[-1] if path.stem.count("-") >= 4 else ""
        out.append(BackupInfo(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size, reason))
    return out


def restore(store: Store, backup: Path) -> None:
    """Replace the store's content with a backup; the current content is backed up first."""
    restore_backup(store, backup)
