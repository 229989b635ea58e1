"""orders: no content hash; a re-import compares an order's values with the stored ones

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 19:00:00

The importer compares a re-imported order field by field with the stored order and its lines, so the
SHA-1 fingerprint each order carried goes. ALTER TABLE ... DROP COLUMN (SQLite 3.35+) rewrites the rows
in place; the table is not copied, so nothing cascades from the foreign keys that point at it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_column("orders", "content_hash")


def downgrade() -> None:
    op.add_column("orders", sa.Column("content_hash", sa.String(length=40), nullable=False, server_default=""))
