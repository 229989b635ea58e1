"""Lifecycle layers (metrics.md "Lifecycle layers"): the first matching rule wins, in this order."""

from __future__ import annotations

from app.services.analytics.settings import MetricSettings

LAYERS = ("potential", "lost", "dormant", "loyal", "active", "new")


def layer_sql(settings: MetricSettings) -> str:
    """The layer of a tmp_figures row (see frame.py); the day and order counts are validated integers."""
    return (
        "CASE WHEN n_valid = 0 THEN 'potential' "
        f"WHEN r > {int(settings.lost_days)} THEN 'lost' "
        f"WHEN r > {int(settings.dormant_days)} THEN 'dormant' "
        f"WHEN n_loyal >= {int(settings.loyal_orders)} THEN 'loyal' "
        f"WHEN n_valid >= {int(settings.active_orders)} THEN 'active' "
        "ELSE 'new' END"
    )
