"""Import batches: one file, one transaction, one undoable unit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class ImportBatch(Base):
    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(Text)
    file_sha1: Mapped[str] = mapped_column(String(40), default="")
    platform: Mapped[str] = mapped_column(String(20))
    layout: Mapped[str] = mapped_column(String(40), default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    orders_new: Mapped[int] = mapped_column(Integer, default=0)
    orders_updated: Mapped[int] = mapped_column(Integer, default=0)
    orders_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    customers_new: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(10), default="done")  # done | undone
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    mapping_json: Mapped[str] = mapped_column(Text, default="")


class ImportRejection(Base):
    """A row the importer could not take, with the row and column the owner should look at."""

    __tablename__ = "import_rejections"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), index=True)
    row: Mapped[int] = mapped_column(Integer)
    column: Mapped[str] = mapped_column(String(100), default="")
    code: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(Text, default="")


class ColumnMapping(Base):
    """A mapping the owner corrected, remembered for files with the same headers."""

    __tablename__ = "column_mappings"

    id: Mapped[int] = mapped_column(primary_key=True)
    header_signature: Mapped[str] = mapped_column(String(40), unique=True)
    platform: Mapped[str] = mapped_column(String(20))
    mapping_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Setting(Base):
    """Business settings (thresholds, windows, shop name): travel with the data and its backups."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
