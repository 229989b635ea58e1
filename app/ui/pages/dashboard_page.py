"""The Analytics page: KPI cards for a chosen period with the change against the period before, and the
charts (sales, new and returning buyers, layers, RFM segments, cohorts, top-20 % curve, item return rates).

Everything is computed by app.services.analytics.dashboard in the background; the charts are drawn when the
data arrives. The page reloads only when it is shown after the data, the scores or the period changed.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.analytics.dashboard import PERIOD_PRESETS, period_view, shop_view
from app.services.analytics.kpis import Period
from app.ui.analytics_labels import layer_name, rate_text, segment_name
from app.ui.dialogs.customer_list_dialog import CustomerListActions
from app.ui.labels import error_text, yuan
from app.ui.score_refresh import score_refresher
from app.ui.tasks import run_task
from app.ui.widgets import charts
from app.ui.widgets.charts import ChartWidget
from app.ui.widgets.common import FigureCard, heading, muted

CUSTOM = "custom"
MONEY, COUNT, RATE = "money", "count", "rate"
KPI_FIELDS = (  # (Kpis attribute, kind)
    ("net_sales_fen", MONEY),
    ("orders", COUNT),
    ("buyers", COUNT),
    ("aov_fen", MONEY),
    ("new_buyers", COUNT),
    ("repurchase_rate", RATE),
    ("returning_rate", RATE),
    ("top20_share", RATE),
)


def kpi_text(value, kind: str) -> str:
    if value is None:
        return "–"
    if kind == MONEY:
        return yuan(value)
    return rate_text(value) if kind == RATE else f"{value:,}"


class KpiCard(FigureCard):
    """A KPI with its change against the previous period underneath."""

    def __init__(self, caption: str, kind: str) -> None:
        super().__init__(caption)
        self.kind = kind
        self.change = QLabel("")
        self.change.setObjectName("muted")
        self.layout().addWidget(self.change)

    def show_values(self, current, previous) -> None:
        self.set_value(kpi_text(current, self.kind))
        self.change.setText(self._change(current, previous))

    def _change(self, current, previous) -> str:
        if current is None or previous is None:
            return self.tr("no comparison")
        if self.kind == RATE:
            diff = (current - previous) * 100
            text = self.tr("%1 pts").replace("%1", f"{diff:+.1f}")
        elif previous == 0:
            return self.tr("previous period: 0")
        else:
            text = f"{(current - previous) / abs(previous):+.1%}"
        return self.tr("%1 vs previous period").replace("%1", text)


class DashboardPage(QWidget):
    painted = Signal(float)  # seconds from asking for the data to the last chart drawn

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data = None  # PeriodView: the cards and the charts over time
        self.shop = None  # ShopView: layers, segments, cohorts, items (kept while only the period changes)
        self._stale = self._shop_stale = True
        self._asked_at = 0.0
        self.last_paint_seconds: float | None = None  # asking for the data -> the last chart drawn
        self.kpis_shown_seconds: float | None = None  # asking for the data -> the KPI cards filled
        self._jobs: list = []
        self._waiting: set[str] = set()
        self._request = 0  # a slower answer for an older period must not overwrite a newer one
        self._use_default = True  # ask for the default period setting until the owner picks one
        self._build()
        ctx.data_changed.connect(self.mark_stale)
        refresher = score_refresher(ctx)
        refresher.refreshed.connect(self.mark_stale)
        refresher.settings_applied.connect(self._settings_applied)

    # ---- layout ---------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.period_box = QComboBox()
        for key, title in self._presets():
            self.period_box.addItem(title, key)
        self.period_box.setCurrentIndex(1)
        self.period_box.currentIndexChanged.connect(self._period_changed)
        self.start_edit, self.end_edit = QDateEdit(), QDateEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._custom_changed)
            edit.hide()
        self.as_of_label = muted()
        titles = zip(KPI_FIELDS, self._kpi_titles(), strict=True)
        self.kpi_cards = {key: KpiCard(title, kind) for (key, kind), title in titles}
        self.charts = {key: ChartWidget(title) for key, title in self._chart_titles()}
        self.aipl_actions = CustomerListActions(self.ctx)
        self.charts["aipl"].body.addWidget(self.aipl_actions)
        lay = QVBoxLayout(self)
        lay.addLayout(self._top_row())
        lay.addWidget(self._scroll_body(), 1)

    def _presets(self) -> list[tuple[str, str]]:
        titles = (
            self.tr("Last 7 days"),
            self.tr("Last 30 days"),
            self.tr("Last 90 days"),
            self.tr("Last 365 days"),
            self.tr("This month"),
        )
        return [*zip(PERIOD_PRESETS, titles, strict=True), (CUSTOM, self.tr("Custom…"))]

    def _kpi_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Net sales"),
            self.tr("Valid orders"),
            self.tr("Buyers"),
            self.tr("Average order"),
            self.tr("New buyers"),
            self.tr("Repurchase rate"),
            self.tr("Returning buyers"),
            self.tr("Top 20% share"),
        )

    def _chart_titles(self) -> tuple[tuple[str, str], ...]:
        return (
            ("sales", self.tr("Net sales")),
            ("buyers", self.tr("New and returning buyers")),
            ("layers", self.tr("Customers per lifecycle layer")),
            ("segments", self.tr("Customers per RFM segment")),
            ("aipl", self.tr("Customer journey (AIPL)")),
            ("intervals", self.tr("Days between a customer's orders")),
            ("cohorts", self.tr("Cohort retention")),
            ("curve", self.tr("Spend concentration")),
            ("products", self.tr("Item return rates")),
        )

    def _top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(heading(self.tr("Analytics")))
        row.addSpacing(16)
        row.addWidget(self.as_of_label, 1)
        row.addWidget(QLabel(self.tr("Period")))
        row.addWidget(self.period_box)
        row.addWidget(self.start_edit)
        row.addWidget(self.end_edit)
        self.settings_button = QPushButton(self.tr("Metric settings…"))
        self.settings_button.clicked.connect(self.open_metric_settings)
        row.addWidget(self.settings_button)
        return row

    def _scroll_body(self) -> QScrollArea:
        body = QWidget()
        lay = QVBoxLayout(body)
        cards = QGridLayout()
        cards.setSpacing(10)
        for i, card in enumerate(self.kpi_cards.values()):
            cards.addWidget(card, i // 4, i % 4)
        lay.addLayout(cards)
        grid = QGridLayout()
        grid.setSpacing(10)
        grid.setColumnStretch(0, 1)  # two equal columns whatever the charts hold: no re-layout (and redraw)
        grid.setColumnStretch(1, 1)  # of every chart each time another one arrives
        charts_list = list(self.charts.values())
        for i, chart in enumerate(charts_list):
            last_alone = i == len(charts_list) - 1 and i % 2 == 0
            grid.addWidget(chart, i // 2, i % 2, 1, 2 if last_alone else 1)
        lay.addLayout(grid)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        return scroll

    # ---- loading -----------------------------------------------------------------------------------
    def mark_stale(self) -> None:
        self._stale = self._shop_stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Ask for what is out of date: the period's figures and (after a data change) the shop's."""
        if not (self._stale or self._shop_stale):
            return
        self._asked_at = time.perf_counter()
        self.last_paint_seconds = None
        store = self.ctx.store
        if self._shop_stale:
            self._shop_stale = False
            self._waiting.add("shop")
            run_task(lambda: shop_view(store), on_result=self.show_shop, on_error=self._failed)
        if self._stale:
            self._stale = False
            self._request += 1
            self._waiting.add("period")
            preset = None if self._use_default else self.period_box.currentData()
            request, custom = self._request, self.custom_period()
            run_task(
                lambda: period_view(store, preset, custom),
                on_result=lambda data: self.show_data(data) if request == self._request else None,
                on_error=self._failed,
            )

    def custom_period(self) -> Period | None:
        if self.period_box.currentData() != CUSTOM:
            return None
        start, end = self.start_edit.date().toPython(), self.end_edit.date().toPython()
        return Period(min(start, end), max(start, end))

    def set_period(self, key: str) -> None:
        self.period_box.setCurrentIndex(self.period_box.findData(key))

    def _period_changed(self) -> None:
        self._use_default = False
        custom = self.period_box.currentData() == CUSTOM
        for edit in (self.start_edit, self.end_edit):
            edit.setVisible(custom)
        if custom and self.data is not None and self.data.report is not None:
            p = self.data.report.period
            for edit, d in ((self.start_edit, p.start), (self.end_edit, p.end)):
                edit.blockSignals(True)
                edit.setDate(QDate(d.year, d.month, d.day))
                edit.blockSignals(False)
        self._stale = True
        self.refresh()

    def _custom_changed(self) -> None:
        if self.period_box.currentData() == CUSTOM:
            self._stale = True
            self.refresh()

    def _failed(self, exc: Exception) -> None:
        self._waiting.clear()
        self.as_of_label.setText(error_text(exc))

    # ---- showing ----------------------------------------------------------------------------------------
    def _settings_applied(self, _settings) -> None:
        self._use_default = True  # the default period may have changed: show it

    def _show_preset(self, preset: str) -> None:
        """Select the period the data is for (the default period, possibly a day count not offered yet)."""
        if self.period_box.findData(preset) < 0:
            self.period_box.insertItem(
                len(PERIOD_PRESETS), self.tr("Last %1 days").replace("%1", preset), preset
            )
        self.period_box.blockSignals(True)
        self.period_box.setCurrentIndex(self.period_box.findData(preset))
        self.period_box.blockSignals(False)
        self._use_default = False

    def show_data(self, data) -> None:
        self.data = data
        self._waiting.discard("period")
        if self._use_default:
            self._show_preset(data.preset)
        if data.report is None:
            self.as_of_label.setText(self.tr("No orders yet: import orders or open the demo shop first."))
            self._queue([(key, self.tr("No data")) for key in ("sales", "buyers", "curve")])
            return
        p, q = data.report.period, data.report.period.previous()
        self.as_of_label.setText(
            self.tr("%1 to %2, compared with %3 to %4")
            .replace("%1", p.start.isoformat())
            .replace("%2", p.end.isoformat())
            .replace("%3", q.start.isoformat())
            .replace("%4", q.end.isoformat())
        )
        for key, card in self.kpi_cards.items():
            card.show_values(getattr(data.report.current, key), getattr(data.report.previous, key))
        self.kpis_shown_seconds = time.perf_counter() - self._asked_at
        self._queue(self._period_jobs(data))

    def show_shop(self, shop) -> None:
        self.shop = shop
        self._waiting.discard("shop")
        self._queue(self._shop_jobs(shop))

    def _queue(self, jobs: list) -> None:
        keys = {key for key, _paint in jobs}
        self._jobs = [job for job in self._jobs if job[0] not in keys] + jobs
        self._draw_next()

    def _draw_next(self) -> None:
        """One chart per turn of the event loop: the cards are on screen at once and the page stays live."""
        if self._jobs:
            key, paint = self._jobs.pop(0)
            if isinstance(paint, str):
                self.charts[key].show_message(paint)
            else:
                self.charts[key].draw(paint)
        if self._jobs:
            QTimer.singleShot(0, self._draw_next)
        elif not self._waiting and self.last_paint_seconds is None:
            self.last_paint_seconds = time.perf_counter() - self._asked_at
            self.painted.emit(self.last_paint_seconds)

    def _period_jobs(self, d) -> list[tuple[str, object]]:
        """(chart, function drawing it on a Figure, or the text to show instead)."""
        fmt = {"day": "%m-%d", "week": "%m-%d", "month": "%Y-%m"}[d.bucket]
        new, returning = self.tr("New buyers"), self.tr("Returning buyers")
        top_x, top_y = self.tr("Top buyers (%)"), self.tr("Share of net sales (%)")
        note, sales = self.tr("top 20% of buyers: %1 of sales"), self.tr("Net sales (yuan)")
        return [
            ("sales", lambda f: charts.sales_trend(f, d.trend, sales, fmt)),
            ("buyers", lambda f: charts.buyers_trend(f, d.trend, new, returning, fmt)),
            ("curve", lambda f: charts.concentration(f, d.curve, top_x, top_y, note)),
        ]

    def _shop_jobs(self, shop) -> list[tuple[str, object]]:
        layer_names, layer_sizes = [layer_name(k) for k in shop.layers], list(shop.layers.values())
        seg_names, seg_sizes = [segment_name(k) for k in shop.segments], list(shop.segments.values())
        return [
            ("layers", lambda f: charts.horizontal_bars(f, layer_names, layer_sizes)),
            ("segments", lambda f: charts.horizontal_bars(f, seg_names, seg_sizes)),
            ("aipl", self._aipl_job(shop)),
            ("intervals", self._intervals_job(shop)),
            ("cohorts", self._cohort_job(shop)),
            ("products", self._products_job(shop)),
        ]

    def _cohort_job(self, d):
        if d.cohorts.empty:
            return self.tr("No data")
        x, y = self.tr("Months since first order"), self.tr("First order month")
        return lambda f: charts.cohort_heatmap(f, d.cohorts, x, y)

    def _products_job(self, d):
        items = d.products.dropna(subset=["return_rate"]) if not d.products.empty else d.products
        if items.empty:
            return self.tr("No data")
        names = [f"{str(t)[:14]} · {code}" for t, code in zip(items["title"], items["item"], strict=True)]
        rates, label = list(items["return_rate"]), self.tr("First-time buyers who came back (%)")
        return lambda f: charts.rate_bars(f, names, rates, label)

    def _aipl_job(self, d):
        names = (self.tr("A aware"), self.tr("I interested"), self.tr("P purchased"), self.tr("L loyal"))
        values = [d.aipl[k] for k in ("A", "I", "P", "L")]
        self.aipl_actions.show_missing(d.aipl["A"] is None, d.aipl["I"] is None)
        no_data = self.tr("no data")
        return lambda f: charts.stage_bars(f, list(names), values, no_data)

    def _intervals_job(self, d):
        if d.intervals is None or d.intervals.count == 0:
            return self.tr("No repeat orders yet")
        median = f"{d.intervals.median_days:g}"
        note = self.tr("%1 repeat orders; median %2 days").replace("%1", f"{d.intervals.count:,}")
        label = self.tr("Days since the customer's previous order")
        return lambda f: charts.interval_bars(f, d.intervals.buckets, label, note.replace("%2", median))

    # ---- dialogs ----------------------------------------------------------------------------------------
    def open_metric_settings(self):
        from app.ui.dialogs.metric_settings_dialog import MetricSettingsDialog

        dialog = MetricSettingsDialog(self.ctx, self)
        dialog.open()
        return dialog

    def open_customer_list(self):
        return self.aipl_actions.open_dialog()

    def save_list_template(self, path: str | None = None) -> None:
        self.aipl_actions.save_template(path)
