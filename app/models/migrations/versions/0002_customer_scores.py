"""customer scores: RFM, layer, AIPL stage and predicted value per customer

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_scores",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.Column("f_orders", sa.Integer(), nullable=False),
        sa.Column("m_fen", sa.BigInteger(), nullable=False),
        sa.Column("r_score", sa.Integer(), nullable=True),
        sa.Column("f_score", sa.Integer(), nullable=True),
        sa.Column("m_score", sa.Integer(), nullable=True),
        sa.Column("rfm_segment", sa.String(length=20), nullable=False),
        sa.Column("layer", sa.String(length=12), nullable=False),
        sa.Column("aipl", sa.String(length=1), nullable=False),
        sa.Column("p_alive", sa.Float(), nullable=True),
        sa.Column("expected_90", sa.Float(), nullable=True),
        sa.Column("expected_365", sa.Float(), nullable=True),
        sa.Column("value_365_fen", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_scores_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_scores")),
    )
    with op.batch_alter_table("customer_scores", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_scores_layer"), ["layer"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_scores_rfm_segment"), ["rfm_segment"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("customer_scores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_scores_rfm_segment"))
        batch_op.drop_index(batch_op.f("ix_customer_scores_layer"))
    op.drop_table("customer_scores")
