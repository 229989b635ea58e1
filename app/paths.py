"""Where things live: the user's data folder, the default store, backups and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app import APP_NAME, ORG_NAME


def resource_path(*parts: str) -> Path:
    """A file under resources/, also when running from a PyInstaller bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base.joinpath("resources", *parts)


def data_dir() -> Path:
    """The user's data folder (overridable with SIYU_DATA_DIR, used by tests and portable installs)."""
    override = os.environ.get("SIYU_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, ORG_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "shop.sqlite"


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
