"""The window never freezes: a timer keeps firing while a big import runs in the background."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from app.ui.import_wizard.import_wizard import RESULT
from tests.helpers import taobao_row, write_taobao_xlsx
from tests.ui.conftest import scalar

ROWS = 30_000


def test_the_event_loop_keeps_answering_during_a_big_import(window, store, tmp_path, qtbot, inline_tasks):
    big = write_taobao_xlsx(
        tmp_path / "big.xlsx",
        [taobao_row(f"48{i:017d}", nick=f"buyer{i % 5000}", phone=f"137{i:08d}") for i in range(ROWS)],
    )
    wizard = window.import_page.wizard
    inline_tasks.set_inline(False)  # the real thread pools from here on
    window.import_files([str(big)])
    qtbot.waitUntil(
        lambda: bool(wizard.previews) and wizard.preview.import_button.isEnabled(), timeout=60_000
    )

    ticks_while_busy = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks_while_busy.append(1) if wizard.busy else None)
    timer.start()
    progress_seen = []
    show = wizard.run.show_progress
    wizard.run.show_progress = lambda d, t, s: (progress_seen.append(s), show(d, t, s))
    wizard.preview.import_button.click()
    assert wizard.busy  # click returned at once: the import runs on the write pool
    qtbot.waitUntil(lambda: not wizard.busy, timeout=300_000)
    timer.stop()

    assert wizard.stack.currentIndex() == RESULT
    assert scalar(store, "SELECT count(*) FROM orders") == ROWS
    assert len(ticks_while_busy) >= 10  # the timer kept firing all along the import
    assert "write" in progress_seen  # the progress reached the window while it was saving


def test_a_result_for_a_closed_widget_is_dropped_not_raised(qtbot, inline_tasks):
    """A page rebuilt while its query ran (another store opened, the demo shop swapped in): the late
    answer must not reach the deleted widgets."""
    import threading

    from PySide6.QtWidgets import QLabel, QWidget

    inline_tasks.set_inline(False)
    release = threading.Event()
    shown, errors = [], []

    class Page(QWidget):
        def __init__(self):
            super().__init__()
            self.label = QLabel(self)

        def show_count(self, n):
            self.label.setText(str(n))
            shown.append(n)

    page, other = Page(), Page()
    slow = inline_tasks.run_task(lambda: release.wait(10) and 7, on_result=page.show_count)
    via_lambda = inline_tasks.run_task(
        lambda: release.wait(10) and 8, on_result=lambda n: page.label.setText(str(n))
    )
    alive = inline_tasks.run_task(
        lambda: release.wait(10) and 9, on_result=other.show_count, on_error=errors.append
    )
    page.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(page))
    release.set()
    for task in (slow, via_lambda, alive):
        qtbot.waitUntil(lambda t=task: t.done)
    assert shown == [9] and other.label.text() == "9" and errors == []
    other.deleteLater()
