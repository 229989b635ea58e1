"""The customer panel's membership tab: member or not, tier, points, stored value and coupons held."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QListWidget, QVBoxLayout, QWidget

from app.ui.labels import day, yuan
from app.ui.tasks import run_task
from app.ui.widgets.common import FigureCard, muted


class MemberCardView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self.status = muted()
        self.tier = FigureCard(self.tr("Tier"), compact=True)
        self.points = FigureCard(self.tr("Points"), compact=True)
        self.balance = FigureCard(self.tr("Stored value"), compact=True)
        self.coupons = QListWidget()
        grid = QGridLayout()
        for i, card in enumerate((self.tier, self.points, self.balance)):
            grid.addWidget(card, 0, i)
        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addLayout(grid)
        lay.addWidget(muted(self.tr("Coupons held")))
        lay.addWidget(self.coupons, 1)

    def load(self, customer_id: int | None) -> None:
        self.customer_id = customer_id
        if customer_id is None:
            self.show_card(None)
            return
        from app.services.membership.members import member_card

        store = self.ctx.store
        run_task(lambda: member_card(store, customer_id), on_result=self.show_card)

    def show_card(self, card) -> None:
        self.coupons.clear()
        if card is None or card.customer_id != self.customer_id:
            for figure in (self.tier, self.points, self.balance):
                figure.set_value("–")
            self.status.setText("")
            return
        if card.is_member:
            self.status.setText(self.tr("Member since %1").replace("%1", day(card.member_since) or "–"))
        else:
            self.status.setText(self.tr("Not a member"))
        tier = card.tier or self.tr("No tier")
        if card.tier and card.discount_pct < 100:
            tier += " · " + self.tr("%1% of price").replace("%1", str(card.discount_pct))
        self.tier.set_value(tier)
        self.points.set_value(f"{card.points:,}")
        self.balance.set_value(yuan(card.stored_value_fen))
        for c in card.coupons:
            if c.redeemed_at is not None:
                state = self.tr("used %1").replace("%1", day(c.redeemed_at))
            elif c.expires_at is not None:
                state = self.tr("valid until %1").replace("%1", day(c.expires_at))
            else:
                state = self.tr("valid")
            self.coupons.addItem(f"{c.plan}  ·  {c.code}  ·  {state}")
        if not card.coupons:
            self.coupons.addItem(self.tr("No coupons"))
