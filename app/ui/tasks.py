"""The one way the window runs slow work: `run_task` on a QThreadPool, results on the main thread.

Writes to the store go through a pool of one thread (SQLite has one writer); reads use the global
pool. Progress is throttled in the worker to about ten updates a second. Tests may switch to inline
mode, where the function and its callbacks run at once on the calling thread.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.1  # seconds between progress updates
_inline = False
_running: set[Task] = set()
_write_pool: QThreadPool | None = None


def set_inline(inline: bool) -> None:
    """Run tasks synchronously (tests, selfcheck)."""
    global _inline
    _inline = inline


def write_pool() -> QThreadPool:
    global _write_pool
    if _write_pool is None:
        _write_pool = QThreadPool()
        _write_pool.setMaxThreadCount(1)
    return _write_pool


class _Signals(QObject):
    result = Signal(object)
    error = Signal(object)
    progress = Signal(int, int, str)
    finished = Signal()


class Task(QObject):
    """A handle on one background job: cancel it, or wait for `finished`."""

    finished = Signal()

    def __init__(self, on_result, on_error, on_progress) -> None:
        super().__init__()
        self._on_result, self._on_error, self._on_progress = on_result, on_error, on_progress
        self._cancel = threading.Event()
        self._last_progress = 0.0
        self._last_stage: str | None = None
        self.done = False
        self.signals = _Signals()
        self.signals.result.connect(self._deliver_result)
        self.signals.error.connect(self._deliver_error)
        self.signals.progress.connect(self._deliver_progress)
        self.signals.finished.connect(self._finish)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int, stage: str = "") -> None:
        """From the worker: drops updates closer than PROGRESS_INTERVAL, never a new stage or the last one."""
        now = time.monotonic()
        same_stage = stage == self._last_stage
        if same_stage and now - self._last_progress < PROGRESS_INTERVAL and not (total and done >= total):
            return
        self._last_progress, self._last_stage = now, stage
        self.signals.progress.emit(int(done), int(total), str(stage))

    @Slot(object)
    def _deliver_result(self, value) -> None:
        if self._on_result is not None:
            _deliver(self._on_result, value)

    @Slot(object)
    def _deliver_error(self, exc) -> None:
        if self._on_error is not None:
            _deliver(self._on_error, exc)
        else:
            log.error("background task failed", exc_info=exc)

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, stage: str) -> None:
        if self._on_progress is not None:
            _deliver(self._on_progress, done, total, stage)

    @Slot()
    def _finish(self) -> None:
        self.done = True
        _running.discard(self)
        self.finished.emit()


def _deliver(callback: Callable, *args) -> None:
    """Call back on the main thread, unless the widget that asked has been closed meanwhile (a page
    rebuilt for another store, a dialog shut): its answer has nobody left to show it to."""
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, QObject) and not isValid(owner):
        log.debug("dropped a result for a deleted %s", type(owner).__name__)
        return
    try:
        callback(*args)
    except RuntimeError as exc:  # a lambda reaching a deleted widget: the same case
        if not any(words in str(exc) for words in ("already deleted", "has been deleted")):
            raise
        log.debug("dropped a result for a deleted widget: %s", exc)


class _Runnable(QRunnable):
    def __init__(self, task: Task, call: Callable[[], object]) -> None:
        super().__init__()
        self.task, self.call = task, call

    def run(self) -> None:
        try:
            value = self.call()
        except Exception as exc:  # delivered to on_error on the main thread
            self.task.signals.error.emit(exc)
        else:
            self.task.signals.result.emit(value)
        finally:
            self.task.signals.finished.emit()


def _wants_progress(fn: Callable) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in params and "cancelled" in params


def run_task(
    fn: Callable,
    on_result: Callable[[object], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    *,
    write: bool = False,
) -> Task:
    """Run `fn` off the main thread. If `fn` takes `progress` and `cancelled` they are passed in."""
    task = Task(on_result, on_error, on_progress)
    call = (lambda: fn(progress=task.report, cancelled=task.is_cancelled)) if _wants_progress(fn) else fn
    runnable = _Runnable(task, call)
    _running.add(task)
    if _inline:
        runnable.run()
    else:
        (write_pool() if write else QThreadPool.globalInstance()).start(runnable)
    return task


def wait_all(timeout_ms: int = 30000) -> bool:
    """Block until every pool is idle (shutdown, tests). Pending main-thread deliveries still need events."""
    ok = QThreadPool.globalInstance().waitForDone(timeout_ms)
    return write_pool().waitForDone(timeout_ms) and ok
