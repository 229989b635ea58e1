"""Import a customer list (followers, members, favourites, add-to-cart) for AIPL's A and I stages.

The file is read and matched in the background (aipl.import_customer_list, on the write pool); the result
says how many rows were read, matched to known customers, new to the shop and rejected, with the reasons.
"Save template…" copies the generic template (resources/templates/generic_customer_list.xlsx).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.analytics.aipl import copy_list_template, import_customer_list
from app.services.platforms import PLATFORM_NAMES
from app.ui.labels import error_text, message, platform_name
from app.ui.tasks import run_task
from app.ui.widgets.common import muted

CTX = "CustomerListDialog"
KIND_NAMES = {  # aipl.LIST_KINDS keys
    "follower": QT_TRANSLATE_NOOP("CustomerListDialog", "Followers (A: aware)"),
    "member": QT_TRANSLATE_NOOP("CustomerListDialog", "Members (I: interested)"),
    "favourite": QT_TRANSLATE_NOOP("CustomerListDialog", "Favourites (I: interested)"),
    "cart": QT_TRANSLATE_NOOP("CustomerListDialog", "Add-to-cart (I: interested)"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def save_template(parent, path: str | None = None) -> str:
    """Copy the generic template where the owner chooses (asked when `path` is None); what happened."""
    if path is None:
        path, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("CustomerListDialog", "Save the template"),
            "customer_list.xlsx",
            QCoreApplication.translate("CustomerListDialog", "Excel workbook (*.xlsx)"),
        )
    if not path:
        return ""
    try:
        saved = copy_list_template(path)
    except OSError as exc:
        return error_text(exc)
    return QCoreApplication.translate("CustomerListDialog", "Template saved: %1").replace("%1", str(saved))


class CustomerListDialog(QDialog):
    imported = Signal(object)  # aipl.ListImportResult

    def __init__(self, ctx, parent=None, kind: str = "follower") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_value = None
        self.setWindowTitle(self.tr("Import a customer list"))
        self.setMinimumWidth(560)
        self.kind = QComboBox()
        for key, text in KIND_NAMES.items():
            self.kind.addItem(_tr(text), key)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.platform = QComboBox()
        for key in ("generic", *[k for k in PLATFORM_NAMES if k != "generic"]):
            self.platform.addItem(platform_name(key), key)
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("An xlsx, xls or csv file"))
        self.path.textChanged.connect(self._path_changed)
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.clicked.connect(self.choose_file)
        self.template_button = QPushButton(self.tr("Save template…"))
        self.template_button.clicked.connect(lambda: self.save_template())
        self.progress = QProgressBar()
        self.progress.setRange(0, 2)
        self.progress.hide()
        self.outcome = QLabel("")
        self.outcome.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        self._layout()

    def _layout(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("List of"), self.kind)
        form.addRow(self.tr("Platform"), self.platform)
        form.addRow(self.tr("File"), file_row)
        template_row = QHBoxLayout()
        template_row.addWidget(
            muted(
                self.tr(
                    "One row per person: a buyer id, a nickname or a full mobile. People the shop does "
                    "not know yet become potential customers."
                )
            ),
            1,
        )
        template_row.addWidget(self.template_button)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addLayout(template_row)
        lay.addWidget(self.progress)
        lay.addWidget(self.outcome)
        lay.addStretch(1)
        lay.addWidget(self.buttons)

    def _path_changed(self, text: str) -> None:
        self.import_button.setEnabled(bool(text.strip()))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a customer list"), "", self.tr("Spreadsheets (*.xlsx *.xls *.csv)")
        )
        if path:
            self.path.setText(path)

    def save_template(self, path: str | None = None) -> None:
        self.outcome.setText(save_template(self, path))

    # ---- importing ------------------------------------------------------------------------------------
    def start_import(self) -> None:
        store, path = self.ctx.store, self.path.text().strip()
        kind, platform = self.kind.currentData(), self.platform.currentData()

        def job(progress, cancelled):
            result = import_customer_list(store, path, kind, platform, progress=progress)
            if kind == "member":  # a member list makes them members too, as on the Members page
                from app.services.membership.members import enrol_list

                enrol_list(store, result.list_id)
            return result

        self._busy(True)
        self.outcome.setText(self.tr("Reading the list…"))
        run_task(job, on_result=self._done, on_error=self._failed, on_progress=self._progress, write=True)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        for widget in (self.import_button, self.browse, self.kind, self.platform, self.path):
            widget.setEnabled(not busy)

    def _progress(self, done: int, total: int, stage: str) -> None:
        self.progress.setValue(done)
        if stage == "match":
            self.outcome.setText(self.tr("Matching the people to your customers…"))

    def _done(self, result) -> None:
        self.result_value = result
        self._busy(False)
        self.outcome.setText(self.result_text(result))
        self.adjustSize()
        self.imported.emit(result)
        self.ctx.data_changed.emit()

    def _failed(self, exc: Exception) -> None:
        self._busy(False)
        self.outcome.setText(self.tr("Nothing was imported: %1").replace("%1", error_text(exc)))

    def result_text(self, r) -> str:
        lines = [
            self.tr("Rows read: %1").replace("%1", f"{r.rows:,}"),
            self.tr("Matched to customers you have: %1").replace("%1", f"{r.matched:,}"),
            self.tr("New to the shop (now potential customers): %1").replace("%1", f"{r.created:,}"),
            self.tr("Rejected: %1").replace("%1", f"{r.skipped:,}"),
        ]
        for code, n in sorted(r.rejected.items()):
            lines.append(self.tr("  – %1: %2").replace("%1", message(code)).replace("%2", f"{n:,}"))
        if r.repeated:
            lines.append(self.tr("Rows naming someone listed already: %1").replace("%1", f"{r.repeated:,}"))
        return "\n".join(lines)


class CustomerListActions(QWidget):
    """Under the Analytics page's AIPL chart: why A or I has no data, and the customer-list buttons."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.hint = muted()
        self.list_button = QPushButton(self.tr("Import customer list…"))
        self.list_button.clicked.connect(self.open_dialog)
        self.template_button = QPushButton(self.tr("Save template…"))
        self.template_button.clicked.connect(lambda: self.save_template())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.hint, 1)
        row.addWidget(self.list_button)
        row.addWidget(self.template_button)

    def open_dialog(self) -> CustomerListDialog:
        dialog = CustomerListDialog(self.ctx, self.window())
        dialog.open()
        return dialog

    def save_template(self, path: str | None = None) -> None:
        done = save_template(self, path)
        if done:
            self.hint.setText(done)

    def show_missing(self, no_a: bool, no_i: bool) -> None:
        if no_a and no_i:
            text = self.tr(
                "A and I need customer lists: import a follower list (A) or a member, favourite or "
                "add-to-cart list (I)."
            )
        elif no_a:
            text = self.tr("A needs a follower list: import one to see it.")
        elif no_i:
            text = self.tr("I needs a member, favourite or add-to-cart list: import one to see it.")
        else:
            text = self.tr("A from follower lists; I from member, favourite and add-to-cart lists.")
        self.hint.setText(text)
