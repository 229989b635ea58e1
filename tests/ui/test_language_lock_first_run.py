"""Language switch, second-instance refusal and the first run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from app.paths import resource_path
from app.ui import i18n
from app.ui.main_window import IMPORT, ORDERS
from tests.ui.conftest import scalar

TINY_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context><name>MainWindow</name>
<message><source>Orders</source><translation>订单</translation></message>
<message><source>Customers</source><translation>客户</translation></message>
</context>
</TS>
"""


def zh_qm(tmp_path: Path) -> Path:
    """The shipped catalog when it exists, else a tiny one built here with pyside6-lrelease."""
    shipped = resource_path("i18n", "siyu_zh_CN.qm")
    if shipped.exists():
        return shipped
    ts = tmp_path / "siyu_zh_CN.ts"
    ts.write_text(TINY_TS, encoding="utf-8")
    qm = tmp_path / "siyu_zh_CN.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm


HOLD_LOCK = (
    "import sys; from pathlib import Path; from app.ui.store_lock import acquire_store_lock;"
    "lock = acquire_store_lock(Path(sys.argv[1])); print('held' if lock else 'no', flush=True);"
    "sys.stdin.read()"
)


@pytest.fixture
def english_after():
    yield
    i18n.install_translators("en")


def test_switching_language_rebuilds_the_window_in_chinese(
    window, tmp_path, monkeypatch, qtbot, english_after
):
    qm = zh_qm(tmp_path)
    monkeypatch.setattr(i18n, "qm_path", lambda _lang: qm)
    assert window.nav.item(ORDERS).text() == "Orders"
    old_orders_page = window.orders

    assert i18n.set_language("zh_CN") == "zh_CN"
    qtbot.waitUntil(lambda: window.nav.item(ORDERS).text() != "Orders")  # LanguageChange → rebuild
    assert window.nav.item(ORDERS).text() == QCoreApplication.translate("MainWindow", "Orders") == "订单"
    assert window.orders is not old_orders_page
    assert i18n.chosen_language() == "zh_CN"  # remembered for the next start

    i18n.set_language("en")
    qtbot.waitUntil(lambda: window.nav.item(ORDERS).text() == "Orders")


def test_a_second_instance_on_the_same_store_is_refused(store, monkeypatch, qapp, qtbot):
    from app.bootstrap import open_main_window

    holder = subprocess.Popen(  # another running copy of the app holding the store
        [
            sys.executable,
            "-c",
            HOLD_LOCK,
            str(store.path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        shown = []
        monkeypatch.setattr(
            QMessageBox, "warning", staticmethod(lambda _p, title, text, *a: shown.append(text))
        )
        assert open_main_window(store.path) is None
        assert shown == [f"The store {store.path} is being used by another window."]
    finally:
        holder.stdin.close()
        holder.wait(30)
    window = open_main_window(store.path)  # once the other copy has quit, the store opens
    assert window is not None
    assert (
        window.ctx is None and not window.nav.isEnabled()
    )  # the frame first: painted before the store opens
    with qtbot.waitSignal(window.ready, timeout=30000):
        pass  # open_store_later runs once the event loop turns
    assert window.ctx.store.path == store.path and window.nav.isEnabled()
    assert window.customers.model is not None
    window.lock.unlock()
    window.ctx.store.dispose()
    window.deleteLater()


def test_first_run_offers_import_or_the_demo_shop_built_in_the_background(window, store, qtbot, inline_tasks):
    overview = window.overview
    assert overview.is_welcome
    assert overview.import_button.text() == "Import my orders"
    assert overview.demo_button.text() == "Open the demo shop"
    overview.import_button.click()
    assert window.nav.currentRow() == IMPORT
    window.nav.setCurrentRow(0)

    inline_tasks.set_inline(False)
    overview.demo_button.click()
    assert not overview.demo_button.isEnabled() and overview.demo_bar.isVisibleTo(overview)
    qtbot.waitUntil(lambda: overview.demo_button.isEnabled(), timeout=120_000)  # finished, or failed
    assert overview.demo_status.text() == ""
    qtbot.waitUntil(lambda: not overview.is_welcome)
    assert scalar(store, "SELECT count(*) FROM orders") > 0
    assert overview.cards["orders"].value.text() == f"{scalar(store, 'SELECT count(*) FROM orders'):,}"
