"""One window per store: a QLockFile beside the store file, so there are never two writers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

STALE_AFTER_MS = 0  # never stale by age: only a lock whose process is gone is taken over


def lock_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".lock")


def acquire_store_lock(store_path: Path) -> QLockFile | None:
    """The held lock, or None when another running instance holds it."""
    store_path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(lock_path(store_path)))
    lock.setStaleLockTime(STALE_AFTER_MS)
    return lock if lock.tryLock(100) else None  # a lock whose process died is taken over by tryLock
