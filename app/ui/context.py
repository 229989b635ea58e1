"""What every page shares: the open store, the business settings and 'the data changed' signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.services.settings import BusinessSettings, load_settings, save_setting


class AppContext(QObject):
    data_changed = Signal()  # an import, undo, merge or restore changed orders or customers
    settings_changed = Signal()

    def __init__(self, store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings: BusinessSettings = load_settings(store)

    def set_setting(self, key: str, value) -> None:
        self.settings = save_setting(self.store, key, value)
        self.settings_changed.emit()

    @property
    def show_phone(self) -> bool:
        return self.settings.show_full_phone
