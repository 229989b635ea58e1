"""Alembic environment: the app hands in its own connection (see app.models.db)."""

from alembic import context

from app.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` command line: build an engine from the configured URL
    from app.models.db import make_engine

    engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    connection = engine.connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
