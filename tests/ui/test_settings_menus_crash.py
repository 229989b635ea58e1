"""Settings (store location, move, open another, phone masking), the menus, crash dialog and logs."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.paths import data_dir, log_dir
from app.ui.dialogs.settings_dialog import SettingsDialog
from app.ui.main_window import ORDERS
from tests.ui.conftest import copy_fixture, scalar


@pytest.fixture
def imported(window, fixtures_dir, tmp_path):
    window.import_files([str(copy_fixture(fixtures_dir, "taobao_order.xlsx", tmp_path))])
    window.import_page.wizard.preview.import_button.click()
    return window


def action(window, menu: str, text: str):
    for a in window.menuBar().actions():
        if a.text() == menu:
            return next(b for b in a.menu().actions() if b.text() == text)
    raise KeyError(menu)


def test_menus_hold_import_backups_folders_about_and_logs(window):
    menus = {a.text(): [b.text() for b in a.menu().actions() if b.text()] for a in window.menuBar().actions()}
    assert menus["&File"][:4] == [
        "&Import orders…",
        "&Back up now",
        "&Restore a backup…",
        "Open &data folder",
    ]
    assert menus["&Help"] == ["&About 私域掌柜", "Open &log folder"]


def test_folders_open_in_the_file_manager(window, store, monkeypatch):
    opened = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()))
    )
    action(window, "&File", "Open &data folder").trigger()
    action(window, "&Help", "Open &log folder").trigger()
    assert opened == [str(store.path.parent), str(log_dir())]
    assert log_dir().parent == data_dir()


def test_back_up_now_and_restore_a_backup(imported, store, fixtures_dir, tmp_path, monkeypatch):
    window = imported
    orders = scalar(store, "SELECT count(*) FROM orders")
    action(window, "&File", "&Back up now").trigger()
    manual = sorted(store.backup_dir.glob("*-manual.sqlite"))
    assert len(manual) == 1 and "Backup saved" in window.statusBar().currentMessage()

    window.import_files([str(copy_fixture(fixtures_dir, "douyin.csv", tmp_path))])
    window.import_page.wizard.preview.import_button.click()
    assert scalar(store, "SELECT count(*) FROM orders") > orders
    chosen = []

    def pick(_parent, _title, _label, items, *a, **kw):
        chosen.append(next(i for i in items if "manual" in i))
        return chosen[0], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(pick))
    action(window, "&File", "&Restore a backup…").trigger()
    assert chosen and scalar(store, "SELECT count(*) FROM orders") == orders


def test_settings_show_the_store_and_unmask_phones(imported, store):
    window = imported
    dialog = SettingsDialog(window.ctx, window)
    assert dialog.location.text() == str(store.path)
    window.nav.setCurrentRow(ORDERS)
    model = window.orders.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).phone)
    phone = model.row_at(row).phone
    assert "****" in phone  # masked by default
    dialog.show_phone.setChecked(True)
    dialog.apply()
    assert window.ctx.settings.show_full_phone
    full = model.row_at(row).phone
    assert "****" not in full and full[:3] == phone[:3] and full[-4:] == phone[-4:]
    assert (
        scalar(store, "SELECT value FROM settings WHERE key='show_full_phone'") == "1"
    )  # travels with backups


def test_move_the_store_to_another_folder(imported, store, tmp_path):
    window = imported
    orders = scalar(store, "SELECT count(*) FROM orders")
    old = store.path
    dest = tmp_path / "moved"
    dialog = SettingsDialog(window.ctx, window)
    dialog.move_requested.connect(window.move_store)
    dialog.move_requested.emit(str(dest))
    new = window.ctx.store.path
    assert new == dest / old.name and new.exists() and not old.exists()
    assert scalar(window.ctx.store, "SELECT count(*) FROM orders") == orders
    assert QSettings().value("store/path") == str(new)
    assert SettingsDialog(window.ctx, window).location.text() == str(new)
    window.ctx.store.dispose()


def test_open_another_store(window, tmp_path):
    from app.models.db import open_store

    other = tmp_path / "other" / "shop.sqlite"
    open_store(other).dispose()
    window.switch_store(str(other))
    assert window.ctx.store.path == other
    assert window.overview.is_welcome  # the other store is empty
    assert QSettings().value("store/path") == str(other)
    window.ctx.store.dispose()


@pytest.fixture
def restore_excepthook():
    hook = sys.excepthook
    yield
    sys.excepthook = hook


def test_an_uncaught_error_shows_a_dialog_naming_the_log_file(
    restore_excepthook, no_file_log, monkeypatch, qapp
):
    from app.bootstrap import init_logging
    from app.ui.crash import install_excepthook

    log_file = init_logging()
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())))
    install_excepthook(log_file)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert len(shown) == 1 and str(log_file) in shown[0][0] and "boom in a slot" in shown[0][1]
    _flush_logs()
    assert "boom in a slot" in log_file.read_text(encoding="utf-8")


def _flush_logs() -> None:
    for h in logging.getLogger().handlers:
        h.flush()


@pytest.fixture
def no_file_log():
    yield
    root = logging.getLogger()
    for h in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(h)
        h.close()


def test_logs_rotate_in_the_data_folder(no_file_log):
    from app.bootstrap import LOG_BYTES, init_logging

    path = init_logging()
    assert path.parent == data_dir() / "logs"
    line = "x" * 1000
    for _ in range(LOG_BYTES // 1000 + 50):
        logging.getLogger("app.test").info(line)
    _flush_logs()
    assert path.with_name(path.name + ".1").exists()
    assert path.stat().st_size < LOG_BYTES
