"""`main.py selfcheck`: prove this build works end to end, from source or from the PyInstaller bundle.

Starts Qt offscreen (unless QT_QPA_PLATFORM is set), creates a store in a temporary folder, imports
the bundled sample sheet, checks the bundled CJK font and the zh_CN catalog, renders a Chinese chart,
builds the main window and renders each page once. One line per step; exit 0, or 1 with the reason.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

SAMPLE = ("samples", "taobao_orders_sample.xlsx")
CHINESE = "私域掌柜订单客户"


class CheckFailed(Exception):
    """A step found something wrong; the message says what."""


def _require(ok: bool, reason: str) -> None:
    if not ok:
        raise CheckFailed(reason)


def check_store(work: Path):
    from app.models.db import open_store, schema_revisions

    store = open_store(work / "selfcheck.sqlite")
    current, head = schema_revisions(store)
    _require(current == head and head is not None, f"schema at {current}, newest migration is {head}")
    return store, f"created {store.path.name}, schema {head}"


def check_import(store) -> str:
    from app.paths import resource_path
    from app.services.importer import import_file
    from app.services.stats import store_stats

    sample = resource_path(*SAMPLE)
    _require(sample.exists(), f"sample sheet missing: {sample}")
    from app.services.readers import open_sheets

    sheet = open_sheets(sample)[0]  # read column by column by fastexcel, as the platforms' sheets are
    _require(sheet.columns_below(0, [0]) is not None, "fastexcel cannot read the sample sheet")
    res = import_file(store, sample)
    st = store_stats(store)
    _require(
        res.orders_new > 0 and st.orders == res.orders_new,
        f"imported {res.orders_new} orders, the store has {st.orders}",
    )
    return f"{sample.name}: {res.platform}, {res.orders_new} orders, {st.customers} customers"


def start_qt(work: Path):
    from PySide6.QtCore import QSettings

    from app.bootstrap import init_look, init_qt

    app = init_qt([])
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        # never the owner's settings
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(work / "settings"))
    init_look(app)
    return app, f"platform {app.platformName()}"


def glyph_image(text: str, font):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    img = QImage(48 * len(text), 64, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setFont(font)
    p.setPen(QColor("black"))
    p.drawText(img.rect(), Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return img


def ink(img) -> int:
    """How many pixels are not white."""
    white = 0xFFFFFFFF
    return sum(1 for y in range(img.height()) for x in range(img.width()) if img.pixel(x, y) != white)


def check_font() -> str:
    from PySide6.QtGui import QFont, QRawFont
    from PySide6.QtWidgets import QApplication

    from app.paths import resource_path
    from app.ui.fonts import FONT_FILE

    path = resource_path("fonts", FONT_FILE)
    raw = QRawFont(str(path), 24)
    _require(raw.isValid(), f"the bundled font {path} cannot be loaded")
    family = raw.familyName()
    _require(family in QApplication.font().families(), f"the app font does not use {family}")
    missing = [c for c in CHINESE if not raw.supportsCharacter(ord(c))]
    _require(not missing, f"{FONT_FILE} has no glyph for {''.join(missing)}")
    font = QFont(family, 24)
    images = [glyph_image(c, font) for c in CHINESE[:4]]
    inks = [ink(img) for img in images]
    _require(min(inks) > 40, f"Chinese glyphs render blank (ink {inks})")
    distinct = len({img.bits().tobytes() for img in images})
    _require(distinct == len(images), "Chinese glyphs all look the same (tofu)")
    return f"{FONT_FILE} ({family}): {CHINESE} renders, {sum(inks)} dark pixels, glyphs distinct"


def check_catalog() -> str:
    from PySide6.QtCore import QCoreApplication

    from app.ui.i18n import install_translators

    _require(install_translators("zh_CN") == "zh_CN", "zh_CN could not be installed")
    text = QCoreApplication.translate("MainWindow", "Customers")
    _require(text == "客户", f"zh_CN catalog not loaded ('Customers' -> {text!r})")
    return f"zh_CN: Customers -> {text}"


def check_chart() -> str:
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    from app.ui.fonts import register_matplotlib

    _require(register_matplotlib() is not None, "the bundled font could not be registered with matplotlib")
    fig = Figure(figsize=(3, 2), dpi=80)
    ax = fig.add_subplot()
    ax.bar(["订单", "客户"], [3, 5])
    ax.set_title("净销售额")
    fig.canvas.draw()  # a Figure without pyplot draws with Agg
    used = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    _require("NotoSansSC" in Path(used).name, f"matplotlib uses {used}, not the bundled font")
    return f"matplotlib {Path(used).name}"


def check_window(store) -> str:
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow
    from app.ui.tasks import wait_all

    window = MainWindow(store)
    window.show()
    sizes = []
    try:
        for row in range(window.nav.count()):
            window.page(row)  # the page itself, not the placeholder it replaces (raises if it cannot load)
            window.nav.setCurrentRow(row)
            _settle(QApplication.instance(), wait_all)
            _require(window.pages.currentWidget() is window.page(row), f"page {row} is not shown")
            pix = window.grab()
            _require(not pix.isNull() and pix.width() > 200, f"page {row} did not render")
            sizes.append(window.nav.item(row).text())
    finally:
        window.hide()
        window.deleteLater()
        _settle(QApplication.instance(), wait_all)
    return f"{len(sizes)} pages rendered: {', '.join(sizes)}"


def _settle(app, wait_all, rounds: int = 5) -> None:
    """Let background tasks finish and their results reach the widgets."""
    for _ in range(rounds):
        wait_all(10000)
        app.processEvents()


def run_steps(steps: list[tuple[str, Callable[[], str]]]) -> int:
    for name, step in steps:
        t0 = time.perf_counter()
        try:
            detail = step()
        except CheckFailed as exc:
            print(f"FAIL {name}: {exc}", flush=True)
            return 1
        except Exception as exc:  # any crash is a failed check, with its reason
            traceback.print_exc()
            print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
            return 1
        print(f"ok   {name} ({time.perf_counter() - t0:.2f} s): {detail}", flush=True)
    return 0


def run_selfcheck() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="siyu-selfcheck-") as tmp:
        work = Path(tmp)
        os.environ["SIYU_DATA_DIR"] = str(work / "data")
        state: dict = {}

        def store_step() -> str:
            state["store"], detail = check_store(work)
            return detail

        def qt_step() -> str:
            state["app"], detail = start_qt(work)
            return detail

        steps = [("store", store_step), ("import", lambda: check_import(state["store"])), ("qt", qt_step),
                 ("font", check_font), ("translations", check_catalog), ("chart", check_chart),
                 ("window", lambda: check_window(state["store"]))]  # fmt: skip
        code = run_steps(steps)
        if "store" in state:
            state["store"].dispose()
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    verdict = "passed" if code == 0 else "FAILED"
    print(f"selfcheck {verdict} ({frozen}, {time.perf_counter() - t0:.1f} s)", flush=True)
    return code
