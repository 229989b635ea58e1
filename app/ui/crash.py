"""Uncaught exceptions: logged, then shown to the owner with the log file's path; never a silent exit."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("app.crash")
_showing = False


def install_excepthook(log_file: Path) -> None:
    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        show_crash_dialog(exc_type, exc, tb, log_file)

    sys.excepthook = hook


def show_crash_dialog(exc_type, exc, tb, log_file: Path) -> None:
    global _showing
    if _showing or QApplication.instance() is None:  # one dialog at a time, and none without a GUI
        return
    _showing = True
    try:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("Crash", "Something went wrong"),
            QCoreApplication.translate(
                "Crash",
                "The app hit an unexpected error. Your data is safe: every import is one "
                "transaction. Please send this log file to support:\n%1",
            ).replace("%1", str(log_file)),
        )
        box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
        box.exec()
    finally:
        _showing = False
