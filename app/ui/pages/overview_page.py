"""The Overview page: the shop's figures, or, with an empty store, the two ways to start."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services import customer_admin
from app.services.history import store_summary
from app.services.stats import store_stats
from app.ui.labels import error_text, when, yuan
from app.ui.tasks import run_task
from app.ui.widgets.common import FigureCard, heading, muted

DEMO_SEED, DEMO_CUSTOMERS = 7, 800
INTRO_WIDTH = 620


def _overview(store):
    return store_summary(store), store_stats(store), customer_admin.pending_suggestion_count(store)


def build_demo(store, progress=None, cancelled=None):
    from app.services.demo import build_demo_shop  # written alongside; imported only when asked for

    return build_demo_shop(
        store, seed=DEMO_SEED, customers=DEMO_CUSTOMERS, progress=progress, cancelled=cancelled
    )


class OverviewPage(QWidget):
    import_requested = Signal()
    suggestions_requested = Signal()

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stack = QStackedWidget()
        self.stack.addWidget(self._welcome())
        self.stack.addWidget(self._figures())
        lay = QVBoxLayout(self)
        lay.addWidget(self.stack)
        ctx.data_changed.connect(self.refresh)

    def _welcome(self) -> QWidget:
        w = QWidget()
        self.import_button = QPushButton(self.tr("Import my orders"))
        self.import_button.setObjectName("primary")
        self.demo_button = QPushButton(self.tr("Open the demo shop"))
        for b in (self.import_button, self.demo_button):
            b.setProperty("class", "big")
            b.setMinimumSize(220, 56)
        self.import_button.clicked.connect(self.import_requested)
        self.demo_button.clicked.connect(self.open_demo)
        self.demo_status = muted()
        self.demo_bar = QProgressBar()
        self.demo_bar.setRange(0, 0)
        self.demo_bar.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(w)
        lay.addStretch(1)
        title = heading(self.tr("Welcome to 私域掌柜"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = muted(
            self.tr(
                "Bring in the order exports of your shops and see every customer in one place: "
                "who buys again, who has gone quiet, and who is the same person on two "
                "platforms. Everything stays on this computer."
            )
        )
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setFixedWidth(INTRO_WIDTH)  # a wrapped label in an aligned layout item needs its height set
        intro.setMinimumHeight(intro.heightForWidth(INTRO_WIDTH))
        lay.addWidget(title)
        lay.addWidget(intro, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addSpacing(24)
        lay.addLayout(buttons)
        lay.addSpacing(12)
        lay.addWidget(self.demo_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.demo_status, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(2)
        return w

    def _figures(self) -> QWidget:
        w = QWidget()
        self.cards = {
            "orders": FigureCard(self.tr("Orders")),
            "valid": FigureCard(self.tr("Paid or completed")),
            "customers": FigureCard(self.tr("Customers")),
            "net": FigureCard(self.tr("Net sales")),
            "refund": FigureCard(self.tr("Refunds")),
            "last": FigureCard(self.tr("Last import")),
        }
        grid = QGridLayout()
        grid.setSpacing(12)
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, i // 3, i % 3)
        self.suggestions_button = QPushButton()
        self.suggestions_button.clicked.connect(self.suggestions_requested)
        self.suggestions_button.hide()
        self.store_label = muted()
        lay = QVBoxLayout(w)
        lay.addWidget(heading(self.tr("Overview")))
        lay.addSpacing(8)
        lay.addLayout(grid)
        lay.addSpacing(12)
        lay.addWidget(self.suggestions_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)
        lay.addWidget(self.store_label)
        return w

    def refresh(self) -> None:
        store = self.ctx.store
        run_task(lambda: _overview(store), on_result=self._show)

    def _show(self, data) -> None:
        summary, stats, pending = data
        self.stack.setCurrentIndex(0 if summary.is_empty else 1)
        c = self.cards
        c["orders"].set_value(f"{stats.orders:,}")
        c["valid"].set_value(f"{stats.valid_orders:,}")
        c["customers"].set_value(f"{stats.customers:,}")
        c["net"].set_value(yuan(stats.net_sales_fen))
        c["refund"].set_value(yuan(stats.refund_fen))
        c["last"].set_value(when(summary.last_import) or "–")
        self.suggestions_button.setVisible(pending > 0)
        self.suggestions_button.setText(
            self.tr("%1 pairs of customers may be the same person — review").replace("%1", str(pending))
        )
        self.store_label.setText(self.tr("Store: %1").replace("%1", summary.path))

    @property
    def is_welcome(self) -> bool:
        return self.stack.currentIndex() == 0

    def open_demo(self) -> None:
        self.demo_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.demo_bar.show()
        self.demo_status.setText(
            self.tr("Building the demo shop: about %1 customers and their orders…").replace(
                "%1", str(DEMO_CUSTOMERS)
            )
        )
        run_task(
            partial(build_demo, self.ctx.store),
            on_result=lambda _r: self._demo_done(),
            on_error=self._demo_failed,
            on_progress=self._demo_progress,
            write=True,
        )

    def _demo_progress(self, done: int, total: int, _stage: str) -> None:
        if total:
            self.demo_bar.setRange(0, total)
            self.demo_bar.setValue(done)

    def _demo_done(self) -> None:
        self.demo_bar.hide()
        self.demo_status.setText("")
        self.demo_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self.ctx.data_changed.emit()

    def _demo_failed(self, exc: Exception) -> None:
        self.demo_bar.hide()
        self.demo_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self.demo_status.setText(
            self.tr("The demo shop could not be built: %1").replace("%1", error_text(exc))
        )
