"""Starting the window in small named steps: logging, Qt, fonts, translators, excepthook, store, window."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from app import APP_DISPLAY_NAME, APP_NAME, ORG_NAME, __version__
from app.paths import default_db_path, log_dir, resource_path

log = logging.getLogger(__name__)
LOG_FILE = "siyu.log"
LOG_BYTES, LOG_KEEP = 2 * 1024 * 1024, 5


def init_logging() -> Path:
    """Rotating log files in the data folder's logs/ (2 MB x 5)."""
    path = log_dir() / LOG_FILE
    handler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_KEEP, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == handler.baseFilename for h in root.handlers):
        root.addHandler(handler)
    else:
        handler.close()
    root.setLevel(logging.INFO)
    return path


def init_qt(argv: list[str]):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    return app


def init_look(app) -> None:
    from app.ui.fonts import install_fonts
    from app.ui.main_window import app_icon

    install_fonts(app)
    qss = resource_path("styles", "app.qss")
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    app.setWindowIcon(app_icon())


def init_i18n() -> str:
    from app.ui import i18n

    return i18n.install_translators(i18n.effective_language())


def chosen_store_path() -> Path:
    from PySide6.QtCore import QSettings

    value = QSettings().value("store/path")
    return Path(value) if value else default_db_path()


def refuse_second_instance(path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.ui.labels import message

    QMessageBox.warning(None, APP_DISPLAY_NAME, message("store_locked", {"path": str(path)}))


def open_main_window(store_path: Path):
    """The window's frame, which opens the store at `store_path` once painted; None when another
    instance holds that store."""
    from app.ui.main_window import MainWindow
    from app.ui.store_lock import acquire_store_lock

    lock = acquire_store_lock(store_path)
    if lock is None:
        refuse_second_instance(store_path)
        return None
    window = MainWindow(None, lock)
    window.open_store_later(store_path)
    return window


def run_window(argv: list[str]) -> int:
    log_file = init_logging()
    log.info("starting %s %s", APP_NAME, __version__)
    app = init_qt(argv)
    init_look(app)
    init_i18n()
    from app.ui.crash import install_excepthook

    install_excepthook(log_file)
    window = open_main_window(chosen_store_path())
    if window is None:
        return 1
    window.show()
    code = app.exec()
    from app.ui.tasks import wait_all

    wait_all()
    if window.ctx is not None:
        window.ctx.store.dispose()
    return code
