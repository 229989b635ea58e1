"""Each customer's RFM, lifecycle layer, AIPL stage and predicted value, as of the last recompute.

Stored, not computed per query: the segment builder filters 200k customers on these columns, and a
recompute (after every import) rewrites only the rows that changed. The as-of date used is kept in the
settings table (`analytics.scored_as_of`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class CustomerScore(Base):
    __tablename__ = "customer_scores"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True)
    # The day of the last valid order up to the as-of date: R is counted from it at query time, so that a
    # later as-of date does not rewrite every row.
    last_day: Mapped[date | None] = mapped_column(Date)
    f_orders: Mapped[int] = mapped_column(Integer, default=0)  # valid orders in the RFM window
    m_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # net spend in the RFM window
    r_score: Mapped[int | None] = mapped_column(Integer)
    f_score: Mapped[int | None] = mapped_column(Integer)
    m_score: Mapped[int | None] = mapped_column(Integer)
    rfm_segment: Mapped[str] = mapped_column(String(20), default="", index=True)
    layer: Mapped[str] = mapped_column(String(12), default="", index=True)
    aipl: Mapped[str] = mapped_column(String(1), default="")
    p_alive: Mapped[float | None] = mapped_column(Float)
    expected_90: Mapped[float | None] = mapped_column(Float)
    expected_365: Mapped[float | None] = mapped_column(Float)
    value_365_fen: Mapped[int | None] = mapped_column(BigInteger)
