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
