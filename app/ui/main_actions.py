"""The main window's menus and what they do: import, backups, folders, settings, another store, about."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app import __version__
from app.paths import data_dir, log_dir
from app.ui.labels import error_text, file_size
from app.ui.store_lock import acquire_store_lock
from app.ui.tasks import run_task

# The store's services (SQLAlchemy) are imported in the actions, not here: the window's frame is shown
# before they are loaded (a cold start paints first, then opens the store).


class MainActionsMixin:
    """Mixed into MainWindow; expects self.ctx, self.lock, self.rebuild() and self.import_page."""

    def build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&Import orders…"), self.start_import, QKeySequence.StandardKey.Open)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Back up now"), self.backup_now)
        self._action(file_menu, self.tr("&Restore a backup…"), self.restore_backup)
        self._action(file_menu, self.tr("Open &data folder"), lambda: self._open_folder(self._store_folder()))
        file_menu.addSeparator()
        self._action(
            file_menu, self.tr("&Settings…"), self.open_settings, QKeySequence.StandardKey.Preferences
        )
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About 私域掌柜"), self.show_about)
        self._action(help_menu, self.tr("Open &log folder"), lambda: self._open_folder(log_dir()))

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _store_folder(self) -> Path:
        return self.ctx.store.path.parent if self.ctx.store.path else data_dir()

    def _open_folder(self, folder: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def start_import(self) -> None:
        from app.ui.main_window import IMPORT

        self.nav.setCurrentRow(IMPORT)
        self.import_page.tabs.setCurrentIndex(0)
        self.import_page.wizard.pick.choose_files()

    # ---- backups -------------------------------------------------------------------------------------
    def backup_now(self) -> None:
        from app.services import store_files

        store = self.ctx.store
        run_task(
            lambda: store_files.backup_now(store),
            on_result=self._backed_up,
            on_error=lambda exc: QMessageBox.warning(self, self.tr("Backup"), error_text(exc)),
            write=True,
        )

    def _backed_up(self, path) -> None:
        self.statusBar().showMessage(self.tr("Backup saved: %1").replace("%1", str(path)), 8000)

    def restore_backup(self) -> None:
        from app.services import store_files

        found = store_files.backups(self.ctx.store)
        if not found:
            QMessageBox.information(self, self.tr("Restore a backup"), self.tr("There are no backups yet."))
            return
        labels = [f"{b.made_at:%Y-%m-%d %H:%M:%S}  ({file_size(b.size_bytes)}, {b.reason})" for b in found]
        choice, ok = QInputDialog.getItem(
            self,
            self.tr("Restore a backup"),
            self.tr("Replace everything in the store with this backup:"),
            labels,
            0,
            False,
        )
        if not ok:
            return
        backup, store = found[labels.index(choice)].path, self.ctx.store
        run_task(
            lambda: store_files.restore(store, backup),
            on_result=lambda _r: self.ctx.data_changed.emit(),
            on_error=lambda exc: QMessageBox.warning(self, self.tr("Restore a backup"), error_text(exc)),
            write=True,
        )

    # ---- settings and other stores -------------------------------------------------------------------
    def open_settings(self) -> None:
        from app.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.move_requested.connect(self.move_store)
        dialog.open_requested.connect(self.switch_store)
        if dialog.exec():
            dialog.apply()

    def move_store(self, folder: str) -> None:
        from app.services import store_files

        store = self.ctx.store
        run_task(
            lambda: store_files.move_store(store, folder),
            on_result=self.switch_store,
            on_error=lambda exc: QMessageBox.warning(self, self.tr("Move the store"), error_text(exc)),
            write=True,
        )

    def switch_store(self, path) -> None:
        """Use the store at `path` from now on (it is remembered for the next start)."""
        from PySide6.QtCore import QSettings

        from app.services import store_files
        from app.ui.context import AppContext

        path = Path(path)
        lock = acquire_store_lock(path)
        if lock is None:
            QMessageBox.warning(
                self,
                self.tr("Open a store"),
                self.tr("The store %1 is being used by another window.").replace("%1", str(path)),
            )
            return
        try:
            store = store_files.open_store_at(path)
        except Exception as exc:
            lock.unlock()
            QMessageBox.warning(self, self.tr("Open a store"), error_text(exc))
            return
        old_store, old_lock = self.ctx.store, self.lock
        self.ctx, self.lock = AppContext(store, self), lock
        QSettings().setValue("store/path", str(path))
        self.rebuild()
        old_store.dispose()
        if old_lock is not None and old_lock is not lock:
            old_lock.unlock()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About 私域掌柜"),
            self.tr(
                "<h3>私域掌柜 %1</h3><p>Customer operations for one-person online shops: orders from every "
                "platform, one list of customers, on your own computer.</p><p>Data folder: %2</p>"
                "<p>Chinese text uses Noto Sans CJK SC under the SIL Open Font License 1.1.</p>"
            )
            .replace("%1", __version__)
            .replace("%2", str(data_dir())),
        )
