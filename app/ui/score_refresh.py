"""After every data change (an import, an undo, a merge…): recompute the stored scores with the predicted
value model in the background, on the write pool, one run at a time. Changed metric settings are saved and
scored here too (apply_settings), and then announced as a data change without scoring a second time."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from app.ui.tasks import run_task

log = logging.getLogger(__name__)


def _recompute(store):
    from app.services.analytics.recompute import recompute_scores  # pandas/scipy: on first use only

    return recompute_scores(store)


def _apply(store, changes: dict, progress):
    from app.services.analytics.settings import apply_metric_settings

    return apply_metric_settings(store, changes, progress)


class ScoreRefresher(QObject):
    """One per AppContext (see score_refresher); `refreshed` fires when new scores are stored."""

    refreshed = Signal()
    settings_applied = Signal(object)  # MetricSettings, after they were saved and the scores recomputed

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.setObjectName("scoreRefresher")
        self.ctx = ctx
        self.running = False
        self.pending = False
        self._announcing = False
        ctx.data_changed.connect(self.request)

    def request(self) -> None:
        if self._announcing:  # our own announcement of scores just computed
            return
        if self.running:
            self.pending = True  # the data changed again while recomputing: once more afterwards
            return
        self.running = True
        run_task(lambda: _recompute(self.ctx.store), on_result=self._done, on_error=self._failed, write=True)

    def _done(self, _analysis) -> None:
        self.running = False
        self.refreshed.emit()
        if self.pending:
            self.pending = False
            self.request()

    def apply_settings(self, changes: dict, on_done, on_error, on_progress):
        """Save changed metric settings and recompute under them on the write pool (after any recompute
        already running); then settings_applied and ctx.data_changed, and on_done(AppliedSettings)."""
        store = self.ctx.store

        def job(progress, cancelled):
            return _apply(store, changes, progress)

        def done(applied) -> None:
            self.settings_applied.emit(applied.settings)
            self._announcing = True
            try:
                self.ctx.data_changed.emit()
            finally:
                self._announcing = False
            on_done(applied)

        return run_task(job, on_result=done, on_error=on_error, on_progress=on_progress, write=True)

    def _failed(self, exc: Exception) -> None:
        log.error("recomputing the scores failed", exc_info=exc)
        self.running = False
        self.pending = False


def score_refresher(ctx) -> ScoreRefresher:
    """The context's refresher, made on first use by whichever analytics page is built first."""
    found = ctx.findChild(ScoreRefresher, "scoreRefresher")
    return found if found is not None else ScoreRefresher(ctx)
