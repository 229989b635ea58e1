"""The Analytics page's first paint: from asking for the data to the last chart drawn, on the demo shop and
on the 500k-order store, against two bare baselines measured in the same run.

    .venv/bin/python bench/analytics_bench.py --dashboard-paint [--repeat 3]

Each store gets a fresh page per run (the real page with tasks on the real thread pool); the first run
also pays for importing matplotlib and is reported apart. Baselines: the KPI cards' data alone (the
service call, no Qt) and one bare matplotlib canvas with a bar chart painted in a plain QWidget.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

CHARTS = 0  # how many charts the Analytics page draws (set by page_paint)


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.ui.fonts import install_fonts

    app = QApplication.instance() or QApplication([])
    install_fonts(app)
    return app


def _wait(app, done, timeout: float = 300.0) -> None:
    end = time.perf_counter() + timeout
    while not done() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def page_paint(app, store) -> tuple[float, float]:
    """Seconds from showing a new Analytics page to its KPI cards filled, and to its last chart drawn."""
    from app.ui.context import AppContext
    from app.ui.pages.dashboard_page import DashboardPage

    ctx = AppContext(store)
    seconds: list[float] = []
    t0 = time.perf_counter()
    page = DashboardPage(ctx)
    page.painted.connect(lambda _s: seconds.append(time.perf_counter() - t0))
    page.painted.connect(lambda _s: seconds.append(page.kpis_shown_seconds))
    page.resize(1090, 760)
    page.show()
    page.refresh()
    _wait(app, lambda: bool(seconds))
    page.hide()
    page.deleteLater()
    ctx.deleteLater()
    app.processEvents()
    global CHARTS
    CHARTS = len(page.charts)
    return (seconds[1], seconds[0]) if seconds else (float("nan"), float("nan"))


def bare_data(store) -> float:
    """The period's figures alone (what the KPI cards wait for), no Qt."""
    from app.services.analytics.dashboard import period_view

    t0 = time.perf_counter()
    period_view(store, "30")
    return time.perf_counter() - t0


def bare_canvas(app) -> float:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    t0 = time.perf_counter()
    fig = Figure(figsize=(5, 3))
    fig.add_subplot(111).bar(range(30), range(30))
    canvas = FigureCanvasQTAgg(fig)
    canvas.show()
    canvas.draw()
    app.processEvents()
    seconds = time.perf_counter() - t0
    canvas.close()
    return seconds


def demo_store(folder: Path):
    from app.models.db import open_store
    from app.services.analytics.recompute import recompute_scores
    from app.services.demo import build_demo_shop

    store = open_store(folder / "demo.sqlite")
    build_demo_shop(store, seed=7, customers=800)
    recompute_scores(store)
    return store


def measure(name: str, app, store, repeat: int) -> dict:
    first_kpis, first = page_paint(app, store)
    warm_kpis, warm = (min(x) for x in zip(*[page_paint(app, store) for _ in range(repeat)], strict=True))
    data = min(bare_data(store) for _ in range(repeat))
    canvas = min(bare_canvas(app) for _ in range(repeat))
    print(
        f"{name:<12} first run: cards {first_kpis:6.3f} s, charts {first:6.3f} s | "
        f"warm: cards {warm_kpis:6.3f} s (ratio to data alone {warm_kpis / data:.2f}), "
        f"charts {warm:6.3f} s | "
        f"data alone {data:6.3f} s | "
        f"bare canvas {canvas:6.3f} s "
        f"({CHARTS} charts / {CHARTS} bare canvases {warm / (CHARTS * canvas):.2f})"
    )
    return {
        "first_cards_s": round(first_kpis, 3),
        "first_paint_s": round(first, 3),
        "warm_cards_s": round(warm_kpis, 3),
        "warm_paint_s": round(warm, 3),
        "data_alone_s": round(data, 3),
        "paint_vs_data": round(warm / data, 2),
        "bare_canvas_s": round(canvas, 4),
    }


def run(big_store_path: Path, repeat: int) -> dict:
    from app.models.db import open_store

    app = _app()
    figures = {}
    with tempfile.TemporaryDirectory(prefix="siyu-paint-") as tmp:
        store = demo_store(Path(tmp))
        figures["demo_800"] = measure("demo shop", app, store, repeat)
        store.dispose()
    if big_store_path.exists():
        store = open_store(big_store_path)
        figures[big_store_path.stem] = measure("500k orders", app, store, repeat)
        store.dispose()
    else:
        print(f"{big_store_path} missing: run bench/analytics_bench.py once to generate it")
    return figures
