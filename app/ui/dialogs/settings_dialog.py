"""Settings: where the store lives (move it, open another), the language and phone masking."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.ui import i18n
from app.ui.widgets.common import heading, muted


class SettingsDialog(QDialog):
    move_requested = Signal(str)  # destination folder
    open_requested = Signal(str)  # another store file

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        self.location = QLabel(str(ctx.store.path or ctx.store.url))
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.move_button = QPushButton(self.tr("Move to another folder…"))
        self.move_button.clicked.connect(self._move)
        self.open_button = QPushButton(self.tr("Open another store…"))
        self.open_button.clicked.connect(self._open)
        self.language = QComboBox()
        for code, text in (
            ("system", self.tr("Follow the system")),
            ("en", "English"),
            ("zh_CN", "简体中文"),
        ):
            self.language.addItem(text, code)
        self.language.setCurrentIndex(self.language.findData(i18n.chosen_language()))
        self.show_phone = QCheckBox(self.tr("Show full phone numbers (otherwise 138****1234)"))
        self.show_phone.setChecked(ctx.settings.show_full_phone)
        self.shop_name = QLineEdit(ctx.settings.shop_name)
        self.metrics_button = QPushButton(self.tr("Metric settings…"))
        self.metrics_button.clicked.connect(self.open_metric_settings)
        self._layout()

    def _layout(self) -> None:
        store_buttons = QHBoxLayout()
        store_buttons.addWidget(self.move_button)
        store_buttons.addWidget(self.open_button)
        store_buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Shop name"), self.shop_name)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.show_phone)
        form.addRow(self.tr("Analytics"), self.metrics_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Store"), 2))
        lay.addWidget(
            muted(
                self.tr(
                    "All your orders, customers and notes are in this file. Backups are kept "
                    "in the backups folder next to it."
                )
            )
        )
        lay.addWidget(self.location)
        lay.addLayout(store_buttons)
        lay.addSpacing(12)
        lay.addWidget(heading(self.tr("General"), 2))
        lay.addLayout(form)
        lay.addStretch(1)
        lay.addWidget(buttons)

    def open_metric_settings(self):
        from app.ui.dialogs.metric_settings_dialog import MetricSettingsDialog

        dialog = MetricSettingsDialog(self.ctx, self)
        dialog.open()
        return dialog

    def _move(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Move the store to"))
        if folder:
            self.move_requested.emit(folder)
            self.accept()

    def _open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a store"), "", self.tr("Stores (*.sqlite)"))
        if path:
            self.open_requested.emit(path)
            self.accept()

    def apply(self) -> None:
        """Save what changed (called after Ok)."""
        s = self.ctx.settings
        if self.show_phone.isChecked() != s.show_full_phone:
            self.ctx.set_setting("show_full_phone", self.show_phone.isChecked())
        if self.shop_name.text().strip() != s.shop_name:
            self.ctx.set_setting("shop_name", self.shop_name.text().strip())
        choice = self.language.currentData()
        if choice != i18n.chosen_language():
            i18n.set_language(choice)
