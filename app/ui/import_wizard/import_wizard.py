"""The import wizard: choose files → check preview and columns → import in the background → results."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.services.import_jobs import import_prepared
from app.services.import_preview import ImportPreview, preview_import
from app.ui.import_wizard.preview_step import PreviewStep
from app.ui.import_wizard.result_step import ResultStep
from app.ui.import_wizard.simple_steps import PickStep, RunStep
from app.ui.labels import error_text
from app.ui.tasks import Task, run_task

PICK, LOADING, PREVIEW, RUN, RESULT = range(5)


class ImportWizard(QWidget):
    imported = Signal()  # the store changed
    orders_requested = Signal()
    busy_changed = Signal(bool)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.previews: list[ImportPreview] = []
        self.corrected: set[int] = set()
        self.task: Task | None = None
        self._stop = threading.Event()  # Cancel works even before run_task returns the task (inline runs)
        self.pick = PickStep()
        self.loading = QLabel(self.tr("Reading the files…"))
        self.preview = PreviewStep()
        self.run = RunStep()
        self.result = ResultStep()
        self.stack = QStackedWidget()
        for w in (self.pick, self.loading, self.preview, self.run, self.result):
            self.stack.addWidget(w)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)
        self._connect()

    def _connect(self) -> None:
        self.pick.files_chosen.connect(self.add_files)
        self.preview.back_requested.connect(lambda: self.stack.setCurrentIndex(PICK))
        self.preview.import_requested.connect(self.start_import)
        self.preview.platform_chosen.connect(self._choose_platform)
        self.preview.mapping_edited.connect(self._edit_mapping)
        self.run.cancel_requested.connect(self.cancel)
        self.result.again_requested.connect(lambda: self.stack.setCurrentIndex(PICK))
        self.result.orders_requested.connect(self.orders_requested)

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.done

    def add_files(self, paths: list) -> None:
        """Preview these files (from the file dialog or a drop onto the window)."""
        if self.busy:
            return
        paths = [str(p) for p in paths]
        self.stack.setCurrentIndex(LOADING)
        store = self.ctx.store
        run_task(
            lambda: [preview_import(store, p) for p in paths],
            on_result=self._show_previews,
            on_error=self._preview_failed,
        )

    def _show_previews(self, previews: list[ImportPreview]) -> None:
        self.previews, self.corrected = list(previews), set()
        self.preview.set_previews(self.previews)
        self._update_ready()
        self.stack.setCurrentIndex(PREVIEW)

    def _preview_failed(self, exc: Exception) -> None:
        self.stack.setCurrentIndex(PICK)
        self.pick.drop_zone.setText(error_text(exc))

    def _choose_platform(self, index: int, platform: str) -> None:
        path, store = self.previews[index].path, self.ctx.store
        run_task(
            lambda: preview_import(store, path, platform or None),
            on_result=lambda p: self._replace_preview(index, p),
        )

    def _replace_preview(self, index: int, preview: ImportPreview) -> None:
        self.previews[index] = preview
        self.corrected.add(index)
        self.preview.set_previews(self.previews, keep_current=True)
        self._update_ready()

    def _edit_mapping(self, index: int, mapping: dict) -> None:
        self.previews[index] = dataclasses.replace(self.previews[index], mapping=mapping, confident=True)
        self.corrected.add(index)
        self.preview.refresh_status(self.previews[index])
        self._update_ready()

    def _update_ready(self) -> None:
        self.preview.update_ready(sum(p.ready for p in self.previews), len(self.previews))

    def start_import(self) -> None:
        if self.busy:
            return
        previews, corrected, store = list(self.previews), set(self.corrected), self.ctx.store
        self.run.start()
        self.run.show_file(1, len(previews), previews[0].file)
        self.stack.setCurrentIndex(RUN)

        stop = self._stop = threading.Event()

        def job(progress, cancelled):
            return import_prepared(store, previews, corrected, progress, lambda: cancelled() or stop.is_set())

        self.busy_changed.emit(True)
        self.task = run_task(
            job, on_result=self._finished, on_error=self._failed, on_progress=self._progress, write=True
        )

    def _progress(self, done: int, total: int, stage: str) -> None:
        index, _, step = stage.partition("|")
        if step == "start" and index.isdigit():
            i = int(index)
            self.run.show_file(i + 1, len(self.previews), Path(self.previews[i].path).name)
        self.run.show_progress(done, total, step)

    def cancel(self) -> None:
        self._stop.set()
        if self.task is not None:
            self.task.cancel()

    def _finished(self, outcomes) -> None:
        self.result.show_outcomes(outcomes)
        self.stack.setCurrentIndex(RESULT)
        self.busy_changed.emit(False)
        if any(o.result for o in outcomes):
            self.imported.emit()

    def _failed(self, exc: Exception) -> None:
        self.busy_changed.emit(False)
        self.stack.setCurrentIndex(PREVIEW)
        self.preview.status.setText(error_text(exc))
