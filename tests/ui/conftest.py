"""pytest-qt fixtures: the real window on a real store, tasks inline, QSettings in the test's folder."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

DEMO_CUSTOMERS = 300


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path, qapp):
    from PySide6.QtCore import QSettings

    qapp.setOrganizationName("SiyuTest")
    qapp.setApplicationName("siyu-test")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield


@pytest.fixture(autouse=True)
def inline_tasks():
    """Background tasks run at once on the calling thread (style.md §10); a test may switch it off."""
    from app.ui import tasks

    tasks.set_inline(True)
    yield tasks
    tasks.set_inline(False)
    tasks.wait_all()


def make_window(qtbot, store):
    from app.ui.main_window import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


@pytest.fixture
def window(qtbot, store):
    return make_window(qtbot, store)


@pytest.fixture(scope="session")
def demo_store_file(tmp_path_factory) -> Path:
    """A demo shop built once through the real importer; tests get their own copy."""
    from app.models.db import open_store
    from app.services.demo import build_demo_shop

    path = tmp_path_factory.mktemp("demo") / "shop.sqlite"
    store = open_store(path)
    build_demo_shop(store, seed=7, customers=DEMO_CUSTOMERS)
    store.dispose()
    return path


@pytest.fixture
def demo_store(demo_store_file, tmp_path):
    from app.models.db import open_store

    dest = tmp_path / "demo" / "shop.sqlite"
    dest.parent.mkdir()
    src = sqlite3.connect(str(demo_store_file))
    dst = sqlite3.connect(str(dest))
    src.backup(dst)
    src.close()
    dst.close()
    s = open_store(dest)
    yield s
    s.dispose()


def table_snapshot(store, *tables: str) -> dict[str, list]:
    """Every row of `tables`, in id order: for 'the store is exactly as before'."""
    con = sqlite3.connect(str(store.path))
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}  # noqa: S608
    finally:
        con.close()


def scalar(store, sql: str, *params):
    con = sqlite3.connect(str(store.path))
    try:
        return con.execute(sql, params).fetchone()[0]
    finally:
        con.close()


def copy_fixture(fixtures_dir: Path, name: str, dest_dir: Path) -> Path:
    dest = dest_dir / name
    shutil.copy(fixtures_dir / "platforms" / name, dest)
    return dest
