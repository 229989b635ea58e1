"""A matplotlib chart inside a card, with "Save as PNG…", and the dashboard's drawing functions.

matplotlib and its Qt canvas are imported when the first chart is drawn, never at module import: the
window's cold start must not pay for them. Every label is passed in already translated.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.ui.fonts import register_matplotlib

ACCENT, SECOND, GRID = "#2f6fde", "#f29d38", "#e3e6ec"
DPI = 100


def _figure():
    from matplotlib.figure import Figure

    register_matplotlib()
    fig = Figure(figsize=(5, 3), dpi=DPI, layout="constrained")
    fig.patch.set_facecolor("white")
    return fig


def _canvas(fig) -> QWidget:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    return FigureCanvasQTAgg(fig)


class ChartWidget(QFrame):
    """A titled card holding one chart; `draw(fn)` calls fn(figure) and shows the result."""

    def __init__(self, title: str, parent: QWidget | None = None, *, height: int = 260) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.figure = None
        self.title = QLabel(title)
        self.title.setObjectName("subheading")
        self.save_button = QPushButton(self.tr("Save as PNG…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.ask_save)
        self.placeholder = QLabel(self.tr("Loading…"))
        self.placeholder.setObjectName("muted")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setFixedHeight(height)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.save_button)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 8, 12, 8)
        self.body.addLayout(top)
        self.body.addWidget(self.placeholder, 1)
        self.canvas = None
        self._height = height

    def draw(self, paint: Callable[[object], None]) -> None:
        """Draw afresh: `paint(figure)` fills the (cleared) matplotlib Figure."""
        if self.canvas is None:
            self.figure = _figure()
            self.canvas = _canvas(self.figure)
            # a fixed height and a width from the layout alone (not the figure's 500 px size hint): the
            # card keeps its size when the chart replaces the placeholder, so nothing around it moves
            self.canvas.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            self.canvas.setFixedHeight(self._height)
            self.body.addWidget(self.canvas, 1)
        self.figure.clear()
        paint(self.figure)
        self.canvas.draw_idle()  # once, after the layout has given the new canvas its size
        self.placeholder.hide()
        self.canvas.show()
        self.save_button.setEnabled(True)

    def show_message(self, text: str) -> None:
        if self.canvas is not None:
            self.canvas.hide()
        self.save_button.setEnabled(False)
        self.placeholder.setText(text)
        self.placeholder.show()

    def save_png(self, path: str) -> None:
        self.figure.savefig(path, dpi=150, format="png", facecolor="white")

    def ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), f"{self.title.text()}.png", self.tr("PNG image (*.png)")
        )
        if path:
            self.save_png(path if path.lower().endswith(".png") else path + ".png")


# ---- the dashboard's charts: each takes a Figure and already translated labels ------------------------


def _axes(fig):
    ax = fig.add_subplot(111)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=8)
    return ax


def _date_ticks(ax, index, fmt: str) -> None:
    step = max(1, len(index) // 8)
    ax.set_xticks(range(0, len(index), step))
    ax.set_xticklabels([d.strftime(fmt) for d in index[::step]], rotation=0)


def sales_trend(fig, trend, label: str, fmt: str) -> None:
    ax = _axes(fig)
    ax.bar(range(len(trend)), trend["net_fen"] / 100, color=ACCENT, label=label)
    ax.set_title(label, fontsize=8, loc="left", color="#666666")
    _date_ticks(ax, trend.index, fmt)


def buyers_trend(fig, trend, new_label: str, returning_label: str, fmt: str) -> None:
    ax = _axes(fig)
    x = range(len(trend))
    ax.bar(x, trend["new_buyers"], color=SECOND, label=new_label)
    ax.bar(x, trend["returning_buyers"], bottom=trend["new_buyers"], color=ACCENT, label=returning_label)
    ax.legend(fontsize=8, frameon=False)
    ax.yaxis.get_major_locator().set_params(integer=True)
    _date_ticks(ax, trend.index, fmt)


def _hbars(fig, names: list[str], values: list[float], texts: list[str], color: str):
    ax = _axes(fig)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    y = list(range(len(names)))[::-1]
    bars = ax.barh(y, values, color=color)
    ax.set_yticks(y)
    ax.set_yticklabels(names, fontsize=8)
    ax.bar_label(bars, labels=texts, fontsize=7, padding=2)
    ax.margins(x=0.18)
    return ax


def horizontal_bars(fig, names: list[str], values: list[int]) -> None:
    _hbars(fig, names, values, [f"{v:,}" for v in values], ACCENT)


def rate_bars(fig, names: list[str], rates: list[float], xlabel: str) -> None:
    ax = _hbars(fig, names, [r * 100 for r in rates], [f"{r:.0%}" for r in rates], SECOND)
    ax.set_xlabel(xlabel, fontsize=8)


def cohort_heatmap(fig, cohorts, xlabel: str, ylabel: str) -> None:
    ax = fig.add_subplot(111)
    data = cohorts.drop(columns=["size"]).iloc[:, :13].astype(float)
    top = float(data.iloc[:, 1:].max().max()) if data.shape[1] > 1 else 1.0
    ax.imshow(data.to_numpy(), aspect="auto", cmap="Blues", vmin=0, vmax=max(0.3, top if top == top else 1.0))
    for (i, j), v in _cells(data):
        ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=6, color="black" if v < 0.5 else "white")
    ax.set_xticks(range(data.shape[1]))
    ax.set_xticklabels([str(c) for c in data.columns], fontsize=7)
    ax.set_yticks(range(len(data)))
    ax.set_yticklabels(list(data.index), fontsize=7)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_ylabel(ylabel, fontsize=8)


def _cells(data):
    values = data.to_numpy()
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j] == values[i, j]:  # not NaN
                yield (i, j), values[i, j]


def concentration(fig, curve, xlabel: str, ylabel: str, note: str) -> None:
    ax = _axes(fig)
    ax.plot(curve["buyers_share"] * 100, curve["spend_share"] * 100, color=ACCENT)
    ax.plot([0, 100], [0, 100], color=GRID, linestyle="--")
    at20 = float(curve.loc[(curve["buyers_share"] - 0.2).abs().idxmin(), "spend_share"]) if len(curve) else 0
    ax.axvline(20, color=SECOND, linewidth=1)
    ax.annotate(note.replace("%1", f"{at20:.0%}"), (20, at20 * 100), xytext=(28, at20 * 100 - 12), fontsize=8)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_ylabel(ylabel, fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)


def stage_bars(fig, names: list[str], values: list[int | None], no_data: str) -> None:
    """AIPL: one bar per stage; a stage without data gets no bar but the words `no_data`."""
    ax = _axes(fig)
    x = range(len(names))
    bars = ax.bar(x, [v or 0 for v in values], color=[GRID if v is None else ACCENT for v in values])
    ax.bar_label(bars, labels=[no_data if v is None else f"{v:,}" for v in values], fontsize=8, padding=2)
    ax.set_xticks(list(x))
    ax.set_xticklabels(names, fontsize=8)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.margins(y=0.15)


def interval_bars(fig, buckets: dict[str, int], xlabel: str, note: str) -> None:
    """Repurchase intervals: repeat orders per bucket of days since the customer's previous order."""
    ax = _axes(fig)
    x = range(len(buckets))
    bars = ax.bar(x, list(buckets.values()), color=SECOND)
    ax.bar_label(bars, labels=[f"{v:,}" for v in buckets.values()], fontsize=7, padding=2)
    ax.set_xticks(list(x))
    ax.set_xticklabels(list(buckets), fontsize=7, rotation=30)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_title(note, fontsize=8, loc="left", color="#666666")
    ax.yaxis.get_major_locator().set_params(integer=True)
