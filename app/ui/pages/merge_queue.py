"""The merge-suggestion queue: pairs that may be one person, each explained, to accept or reject."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services import customer_admin
from app.services.customer_admin import CustomerDetail, Suggestion
from app.ui.labels import day, error_text, platforms_text, yuan
from app.ui.tasks import run_task
from app.ui.widgets.common import heading, muted


class SuggestionCard(QFrame):
    decided = Signal(int, bool)  # suggestion id, accepted

    def __init__(self, s: Suggestion, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.suggestion = s
        why = QLabel(self.explain(s))
        why.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(self._customer_box(s.a), 0, 0)
        grid.addWidget(self._customer_box(s.b), 0, 1)
        self.accept_button = QPushButton(self.tr("Merge them"))
        self.accept_button.setObjectName("primary")
        self.accept_button.clicked.connect(lambda: self.decided.emit(s.id, True))
        self.reject_button = QPushButton(self.tr("Different people"))
        self.reject_button.clicked.connect(lambda: self.decided.emit(s.id, False))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.accept_button)
        lay = QVBoxLayout(self)
        lay.addWidget(why)
        lay.addLayout(grid)
        lay.addLayout(buttons)

    def explain(self, s: Suggestion) -> str:
        if s.reason_code == "same_name_tail_city":
            return (
                self.tr(
                    "Same receiver name “%1”, same phone ending %2 and same city %3 — but no shared "
                    "account or full phone number, so the app did not merge them on its own."
                )
                .replace("%1", s.receiver_name)
                .replace("%2", s.phone_tail)
                .replace("%3", s.city)
            )
        return self.tr("These customers look alike.")

    def _customer_box(self, c: CustomerDetail) -> QWidget:
        box = QLabel(
            self.tr("<b>%1</b> (No. %2)<br>%3<br>%n order(s), %4 · last order %5", "", c.order_count)
            .replace("%1", c.display_name or "–")
            .replace("%2", str(c.id))
            .replace("%3", platforms_text(c.platforms))
            .replace("%4", yuan(c.net_spend_fen))
            .replace("%5", day(c.last_order_at) or "–")
        )
        box.setWordWrap(True)
        return box


class MergeQueue(QWidget):
    changed = Signal()
    count_changed = Signal(int)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cards: list[SuggestionCard] = []
        self.empty = muted(
            self.tr(
                "No merge suggestions. When two customers share a receiver name, phone "
                "ending and city, they appear here for you to decide."
            )
        )
        self.inner = QWidget()
        self.inner_layout = QVBoxLayout(self.inner)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.inner)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Maybe the same person"), 2))
        lay.addWidget(self.empty)
        lay.addWidget(scroll, 1)

    def refresh(self) -> None:
        store, show = self.ctx.store, self.ctx.show_phone
        run_task(lambda: customer_admin.pending_suggestions(store, show), on_result=self._show)

    def _show(self, suggestions) -> None:
        for card in self.cards:
            card.hide()  # hidden now: deleteLater alone left old cards painted under the new ones
            card.deleteLater()
        self.cards = []
        while self.inner_layout.count():
            self.inner_layout.takeAt(0)
        for s in suggestions:
            card = SuggestionCard(s)
            card.decided.connect(self.decide)
            self.inner_layout.addWidget(card)
            self.cards.append(card)
        self.inner_layout.addStretch(1)
        self.empty.setVisible(not suggestions)
        self.count_changed.emit(len(suggestions))

    def decide(self, suggestion_id: int, accept: bool) -> None:
        store = self.ctx.store
        fn = customer_admin.accept_suggestion if accept else customer_admin.reject_suggestion
        for card in self.cards:
            if card.suggestion.id == suggestion_id:
                card.setEnabled(False)
        run_task(
            lambda: fn(store, suggestion_id),
            on_result=lambda _r: self._decided(),
            on_error=lambda exc: self._failed(exc),
            write=True,
        )

    def _decided(self) -> None:
        self.refresh()
        self.changed.emit()

    def _failed(self, exc: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, self.tr("Merge"), error_text(exc))
        self.refresh()
