"""Product analysis: top items, and per item the share of the customers who first bought it (in their
first valid order with the shop) and came back for another valid order."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, text

from app.services.analytics.frame import Scope, fetch_frame

_LINES = """
SELECT o.id AS oid, o.customer_id AS cid, o.order_time AS at,
       COALESCE(NULLIF(l.item_code, ''), NULLIF(l.item_id, ''), l.title) AS item, l.title,
       l.quantity, COALESCE(l.amount_fen, 0) AS amount
FROM order_lines l JOIN orders o ON o.id = l.order_id
WHERE o.is_valid AND o.customer_id IS NOT NULL AND o.order_time < :end
"""
_FIRST = """
SELECT customer_id AS cid, COUNT(*) AS n FROM orders
WHERE is_valid AND customer_id IS NOT NULL AND order_time < :end GROUP BY customer_id
"""


def product_table(conn: Connection, scope: Scope, top: int = 20) -> pd.DataFrame:
    """Top items by revenue: item, title, quantity, orders, buyers, revenue_fen, first_buyers, came_back,
    return_rate (came_back / first_buyers)."""
    lines = fetch_frame(conn, _LINES, {"end": scope.end})
    if lines.empty:
        return pd.DataFrame(
            columns=[
                "item",
                "title",
                "quantity",
                "orders",
                "buyers",
                "revenue_fen",
                "first_buyers",
                "came_back",
                "return_rate",
            ]
        )
    orders = dict(conn.execute(text(_FIRST), {"end": scope.end}).all())
    first_oid = lines.sort_values(["at", "oid"]).drop_duplicates("cid").set_index("cid")["oid"]
    first = lines[lines["oid"].isin(first_oid.to_numpy())].drop_duplicates(["cid", "item"])
    first = first.assign(back=first["cid"].map(orders) >= 2)
    g = lines.groupby("item")
    table = pd.DataFrame(
        {
            "title": g["title"].first(),
            "quantity": g["quantity"].sum(),
            "orders": g["oid"].nunique(),
            "buyers": g["cid"].nunique(),
            "revenue_fen": g["amount"].sum(),
            "first_buyers": first.groupby("item")["cid"].size(),
            "came_back": first.groupby("item")["back"].sum(),
        }
    ).fillna({"first_buyers": 0, "came_back": 0})
    table[["first_buyers", "came_back"]] = table[["first_buyers", "came_back"]].astype(int)
    table["return_rate"] = (table["came_back"] / table["first_buyers"]).where(table["first_buyers"] > 0)
    table = table.sort_values(["revenue_fen", "orders"], ascending=False).head(top)
    return table.reset_index(names="item")
