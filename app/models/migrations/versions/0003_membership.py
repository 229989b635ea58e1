"""membership: points-ledger order keys, tier-change kinds, coupon redemption batches

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 11:45:00

A points entry names its order by "platform|order_no" (order ids do not survive an undo and a
re-import), keeps the net amount a grant was computed on and any reversal it could not cover.
A tier change says what kind of move it was and, for evaluations, the as-of date. A matched
coupon redemption remembers the batch that matched it so undoing that batch unmatches it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("points_ledger", schema=None) as batch_op:
        batch_op.add_column(sa.Column("order_key", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("basis_fen", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("shortfall", sa.BigInteger(), nullable=False, server_default="0"))
        batch_op.create_index(batch_op.f("ix_points_ledger_order_key"), ["order_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_points_ledger_grant_id"), ["grant_id"], unique=False)
    with op.batch_alter_table("tier_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=12), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("as_of", sa.DateTime(), nullable=True))
    with op.batch_alter_table("coupons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("redeemed_batch_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coupons", schema=None) as batch_op:
        batch_op.drop_column("redeemed_batch_id")
    with op.batch_alter_table("tier_changes", schema=None) as batch_op:
        batch_op.drop_column("as_of")
        batch_op.drop_column("kind")
    with op.batch_alter_table("points_ledger", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_points_ledger_grant_id"))
        batch_op.drop_index(batch_op.f("ix_points_ledger_order_key"))
        batch_op.drop_column("shortfall")
        batch_op.drop_column("basis_fen")
        batch_op.drop_column("order_key")
