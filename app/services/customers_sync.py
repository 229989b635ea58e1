"""Customer identity at import time and the figures derived from each customer's orders.

Identity (metrics.md): a platform buyer id or nickname, else a full mobile across platforms. A masked
phone or a receiver name never merges; the same name + masked-phone tail + city only suggests a merge.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Column, Connection, Integer, MetaData, Table, delete, func, insert, select, text

from app.models import Customer, CustomerIdentity, MergeSuggestion
from app.models.base import utcnow
from app.models.bulk import allocate_ids, insert_rows, sqlite_datetime
from app.services.values import phone_tail

CHUNK = 500


def identity_keys(record: dict) -> list[tuple[str, str, str]]:
    """The keys naming this order's buyer, strongest first."""
    return buyer_keys(
        record["platform"], record["buyer_id"], record["buyer_nick"], record["_member_phone"], record["phone"]
    )


def buyer_keys(platform: str, buyer_id: str, nick: str, member_phone: str, phone: str) -> list[tuple]:
    """identity_keys from the order's values: a platform buyer id (else nickname), then full mobiles."""
    return buyer_key_columns(platform, [buyer_id], [nick], [member_phone], [phone])[0]


def buyer_key_columns(
    platform: str, buyer_id: list[str], nick: list[str], member_phone: list[str], phone: list[str]
) -> list[list[tuple]]:
    """buyer_keys of each order, from the orders' columns: a platform buyer id (else nickname), then
    the full mobiles among the member's and the receiver's phones."""
    out = []
    for b, n, m, p in zip(buyer_id, nick, member_phone, phone, strict=True):
        name = b or n
        keys = [("buyer", platform, name)] if name else []
        if m and len(m) == 11 and m.isdigit():
            keys.append(("phone", "", m))
        if p and p != m and len(p) == 11 and p.isdigit():
            keys.append(("phone", "", p))
        out.append(keys)
    return out


def match_key_of(receiver_name: str, phone: str, city: str) -> str:
    tail = phone_tail(phone)
    if not (receiver_name and tail and city):
        return ""
    return f"{receiver_name}|{tail}|{city}"


def find_customers(conn: Connection, keys: set[tuple[str, str, str]]) -> dict[tuple[str, str, str], int]:
    """The customers these identity keys already name, looked up through the (kind, platform, value) index."""
    by_scope: dict[tuple[str, str], list[str]] = {}
    for kind, platform, value in keys:
        by_scope.setdefault((kind, platform), []).append(value)
    found: dict[tuple[str, str, str], int] = {}
    ident = CustomerIdentity.__table__.c
    for (kind, platform), values in by_scope.items():
        values.sort()
        for i in range(0, len(values), CHUNK):
            rows = conn.execute(
                select(ident.value, ident.customer_id).where(
                    ident.kind == kind, ident.platform == platform, ident.value.in_(values[i : i + CHUNK])
                )
            )
            found.update(((kind, platform, value), cid) for value, cid in rows)
    return found


def assign_customers(
    conn: Connection,
    records: list[dict],
    batch_id: int | None,
    known: IdentityMap | None = None,
    ids: Callable[[int], list[int]] | None = None,
) -> int:
    """Set record['customer_id'] for new orders, creating customers and identities. Returns customers made.

    `known` carries the identities seen so far through the chunks of one import, so that each key is
    looked up in the store once; `ids` as for assign_keys.
    """
    now = sqlite_datetime(utcnow())
    customer_ids, made = assign_keys(
        conn, [identity_keys(r) for r in records], lambda i: _new_customer(records[i], batch_id, now),
        batch_id, known, ids,
    )  # fmt: skip
    for r, cid in zip(records, customer_ids, strict=True):
        r["customer_id"] = cid
    return made


def assign_keys(
    conn: Connection,
    keys_of: list[list[tuple[str, str, str]]],
    new_customer: Callable[[int], tuple],
    batch_id: int | None,
    known: IdentityMap | None = None,
    ids: Callable[[int], list[int]] | None = None,
) -> tuple[list[int], int]:
    """The customer of each order whose identity keys are `keys_of`, creating customers (their values
    from `new_customer(i)` of the group's first order, created_at as sqlite_datetime text) and
    identities. Returns (ids, customers made).

    Orders sharing a key are one customer; an order without keys is a customer of its own.
    `ids(n)` allocates customer ids (default: allocate_ids on the customers table).
    """
    known = IdentityMap(conn) if known is None else known
    if not known.store_empty:
        known.load({k for keys in keys_of for k in keys})
    customer_ids: list = [None] * len(keys_of)
    pending: dict[tuple, list[int]] = {}
    new_identities: list[tuple] = []
    anonymous: list[int] = []
    known_get, pending_get = known.get, pending.get
    for i, keys in enumerate(keys_of):
        cid = None
        for k in keys:
            cid = known_get(k)
            if cid is not None:
                break
        if cid is not None:
            customer_ids[i] = cid
            for k in keys:
                if k not in known:
                    known[k] = cid
                    new_identities.append((cid, *k, batch_id))  # IDENTITY_COLUMNS
            continue
        if not keys:
            anonymous.append(i)
            continue
        group = None
        for k in keys:
            group = pending_get(k)
            if group is not None:
                break
        if group is None:
            group = []
        group.append(i)
        for k in keys:
            pending[k] = group
    groups = list({id(g): g for g in pending.values()}.values()) + [[i] for i in anonymous]
    if not groups:
        _insert_identities(conn, new_identities)
        return customer_ids, 0
    new = ids(len(groups)) if ids is not None else allocate_ids(conn, Customer.__table__, len(groups))
    insert_rows(
        conn, Customer.__table__, NEW_CUSTOMER_COLUMNS,
        [(cid, *new_customer(g[0])) for cid, g in zip(new, groups, strict=True)], dates_done=True,
    )  # fmt: skip
    for cid, group in zip(new, groups, strict=True):
        for i in group:
            customer_ids[i] = cid
            for k in keys_of[i]:
                if k not in known:
                    known[k] = cid
                    new_identities.append((cid, *k, batch_id))  # IDENTITY_COLUMNS
    _insert_identities(conn, new_identities)
    return customer_ids, len(groups)


class IdentityMap(dict):
    """Identity key -> customer id, filled from the store on demand and by the customers an import makes."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self.conn = conn
        self.store_empty = conn.execute(select(CustomerIdentity.id).limit(1)).first() is None

    def load(self, keys: set[tuple[str, str, str]]) -> None:
        """Look up the keys not known yet (none when the store had no identities when the import began)."""
        if self.store_empty:
            return
        missing = {k for k in keys if k not in self}
        if missing:
            self.update(find_customers(self.conn, missing))


IDENTITY_COLUMNS = ("customer_id", "kind", "platform", "value", "batch_id")
NEW_CUSTOMER_COLUMNS = (
    "id", "display_name", "phone", "province", "city", "platforms", "match_key", "created_at",
    "created_batch_id", "order_count", "all_order_count", "net_spend_fen", "refund_fen", "aov_fen",
    "is_member", "points_balance", "stored_value_fen", "do_not_contact",
)  # fmt: skip


def _insert_identities(conn: Connection, rows: list[tuple]) -> None:
    insert_rows(conn, CustomerIdentity.__table__, IDENTITY_COLUMNS, rows)


def _new_customer(r: dict, batch_id: int | None, now) -> tuple:
    return new_customer_values(
        r["platform"], r["buyer_id"], r["buyer_nick"], r["receiver_name"], r["phone"], r["province"],
        r["city"], batch_id, now,
    )  # fmt: skip


def new_customer_values(
    platform: str, buyer_id: str, nick: str, receiver_name: str, phone: str, province: str, city: str,
    batch_id: int | None, now,
) -> tuple:  # fmt: skip
    """A new customer's NEW_CUSTOMER_COLUMNS after the id, from the first order naming them."""
    name = nick or receiver_name or buyer_id
    return (name, phone, province, city, platform, match_key_of(receiver_name, phone, city), now, batch_id,
            0, 0, 0, 0, 0, False, 0, 0, False)  # fmt: skip


# ---- derived figures ---------------------------------------------------------------------------

_AGG = """
SELECT o.customer_id AS cid,
       COUNT(*) AS all_cnt,
       SUM(CASE WHEN o.is_valid THEN 1 ELSE 0 END) AS cnt,
       COALESCE(SUM(CASE WHEN o.is_valid THEN o.net_fen ELSE 0 END), 0) AS net,
       COALESCE(SUM(o.refund_fen), 0) AS refund,
       MIN(CASE WHEN o.is_valid THEN o.order_time END) AS first_at,
       MAX(CASE WHEN o.is_valid THEN o.order_time END) AS last_at,
       {platforms} AS platforms{latest_id}
FROM orders o {hint} WHERE o.customer_id IS NOT NULL {where} GROUP BY o.customer_id
"""

_LATEST = """
SELECT cid, receiver_name, buyer_nick, phone, province, city FROM (
  SELECT o.customer_id AS cid, o.receiver_name, o.buyer_nick, o.phone, o.province, o.city,
         ROW_NUMBER() OVER (PARTITION BY o.customer_id ORDER BY o.order_time DESC, o.id DESC) AS rn
  FROM orders o {hint} WHERE o.customer_id IS NOT NULL {where}
) t WHERE rn = 1
"""

# SQLite: the id of each customer's latest order, in the same pass as the figures (no window, no second
# sort); stored datetimes have one fixed-width text form, so time then id orders like _LATEST's window.
_LATEST_ID_SQLITE = """,
       CAST(substr(MAX(COALESCE(o.order_time, '') || printf('%020d', o.id)), -20) AS INTEGER) AS latest_id"""

_PLATFORMS = {
    "sqlite": "(SELECT GROUP_CONCAT(p, ',') FROM (SELECT DISTINCT o2.platform AS p FROM orders o2 "
    "WHERE o2.customer_id = o.customer_id ORDER BY o2.platform))",
    "postgresql": "STRING_AGG(DISTINCT o.platform, ',' ORDER BY o.platform)",
}
# Every customer's distinct platforms, sorted and comma-joined, in one pass (SQLite, all customers): the
# subquery above, run once per customer, took half the time at 500k orders. The window's ORDER BY fixes the
# order in which GROUP_CONCAT sees them (SQLite before 3.44 has no ORDER BY inside an aggregate call).
_ALL_PLATFORMS_SQLITE = """
SELECT DISTINCT cid, GROUP_CONCAT(platform, ',') OVER (
         PARTITION BY cid ORDER BY platform ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
       ) AS platforms
FROM (SELECT DISTINCT customer_id AS cid, platform FROM orders NOT INDEXED WHERE customer_id IS NOT NULL)
"""


def recompute_customers(conn: Connection, customer_ids: set[int] | None = None) -> None:
    """Recompute every derived figure of these customers (all when None) from their orders."""
    if customer_ids is not None and not customer_ids:
        return
    conn.execute(text("DROP TABLE IF EXISTS tmp_customer_scope"))
    conn.execute(text("CREATE TEMPORARY TABLE tmp_customer_scope (id INTEGER PRIMARY KEY)"))
    if customer_ids is None or len(customer_ids) * 2 > customer_count(conn):
        conn.execute(text("INSERT INTO tmp_customer_scope (id) SELECT id FROM customers"))
        where = ""
    else:
        scope = Table("tmp_customer_scope", MetaData(), Column("id", Integer, primary_key=True))
        insert_rows(conn, scope, ("id",), [(x,) for x in sorted(customer_ids)])
        where = "AND o.customer_id IN (SELECT id FROM tmp_customer_scope)"
    sqlite = conn.dialect.name == "sqlite"
    platforms = _PLATFORMS.get(conn.dialect.name, _PLATFORMS["postgresql"])
    hint = join = ""
    params = {}
    if sqlite and not where:
        # Every customer: a sequential scan of the orders beats walking ix_orders_customer_time, whose row
        # look-ups jump all over the table (measured at 500k orders: about a third of the time).
        hint = "NOT INDEXED"
        only = _only_platform(conn)
        if only is not None:  # a shop on one platform: every customer's platforms are that one
            platforms, params = ":only_platform", {"only_platform": only}
        else:
            platforms = "NULL"
            join = f"JOIN ({_ALL_PLATFORMS_SQLITE}) p ON p.cid = a.cid "
    if sqlite:
        agg = _AGG.format(where=where, platforms=platforms, hint=hint, latest_id=_LATEST_ID_SQLITE)
        latest = "JOIN orders l ON l.id = a.latest_id "
    else:
        agg = _AGG.format(where=where, platforms=platforms, hint=hint, latest_id="")
        latest = f"JOIN ({_LATEST.format(where=where, hint=hint)}) l ON l.cid = a.cid "
    # One write per customer: figures, the latest order's contact details and the platforms together.
    conn.execute(
        text(
            "UPDATE customers SET all_order_count = a.all_cnt, order_count = a.cnt, net_spend_fen = a.net, "
            "refund_fen = a.refund, first_order_at = a.first_at, last_order_at = a.last_at, "
            "aov_fen = CASE WHEN a.cnt > 0 THEN (a.net + a.cnt / 2) / a.cnt ELSE 0 END, "
            f"platforms = {'p' if join else 'a'}.platforms, "
            "display_name = CASE WHEN customers.display_name = '' "
            "THEN COALESCE(NULLIF(l.buyer_nick, ''), l.receiver_name) ELSE customers.display_name END, "
            "phone = CASE WHEN LENGTH(customers.phone) = 11 AND customers.phone NOT LIKE '%*%' "
            "THEN customers.phone ELSE l.phone END, "
            "province = l.province, city = l.city "
            f"FROM ({agg}) a {latest}{join}"
            "WHERE customers.id = a.cid"
        ),
        params,
    )
    # The customers in scope left without orders. Not a NOT EXISTS per customer: an import into an empty
    # store runs this before the orders' indexes are built, and each would scan every order.
    conn.execute(
        text(
            "UPDATE customers SET order_count = 0, all_order_count = 0, net_spend_fen = 0, refund_fen = 0, "
            "aov_fen = 0, first_order_at = NULL, last_order_at = NULL "
            "WHERE id IN (SELECT id FROM tmp_customer_scope EXCEPT SELECT customer_id FROM orders "
            "WHERE customer_id IN (SELECT id FROM tmp_customer_scope))"
        )
    )
    conn.execute(text("DROP TABLE IF EXISTS tmp_customer_scope"))


def _only_platform(conn: Connection) -> str | None:
    """The platform of every stored order when there is one only (two look-ups in the (platform,
    order_no) index); None when there are several, or no order."""
    low = conn.execute(text("SELECT MIN(platform) FROM orders")).scalar()
    high = conn.execute(text("SELECT MAX(platform) FROM orders")).scalar()
    return low if low is not None and low == high else None


def suggest_merges(conn: Connection, batch_id: int) -> int:
    """Pairs of customers with the same name, masked-phone tail and city, one of them new in this batch."""
    rows = conn.execute(
        text(
            "SELECT a.id, b.id, a.match_key FROM customers a JOIN customers b "
            "ON a.match_key = b.match_key AND a.id < b.id "
            "WHERE a.match_key <> '' AND (a.created_batch_id = :b OR b.created_batch_id = :b) "
            "AND NOT EXISTS (SELECT 1 FROM merge_suggestions m "
            "WHERE m.customer_a_id = a.id AND m.customer_b_id = b.id)"
        ),
        {"b": batch_id},
    ).all()
    if rows:
        now = utcnow()
        conn.execute(
            insert(MergeSuggestion),
            [
                {
                    "customer_a_id": a,
                    "customer_b_id": b,
                    "reason": f"same_name_tail_city:{key}",
                    "batch_id": batch_id,
                    "status": "pending",
                    "created_at": now,
                }
                for a, b, key in rows
            ],
        )
    return len(rows)


def remove_orphans(conn: Connection, batch_id: int) -> int:
    """Customers this batch created that no longer have orders nor anything the owner added."""
    orphan_ids = (
        conn.execute(
            text(
                "SELECT c.id FROM customers c WHERE c.created_batch_id = :b "
                "AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) "
                "AND NOT EXISTS (SELECT 1 FROM customer_notes n WHERE n.customer_id = c.id) "
                "AND NOT EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id) "
                "AND NOT EXISTS (SELECT 1 FROM points_ledger p WHERE p.customer_id = c.id) "
                "AND NOT EXISTS (SELECT 1 FROM stored_value_ledger s WHERE s.customer_id = c.id)"
            ),
            {"b": batch_id},
        )
        .scalars()
        .all()
    )
    # Only the removed customers' identities go: a kept customer keeps every key naming them, so a
    # re-import of the same file finds them again instead of making a second customer.
    for i in range(0, len(orphan_ids), CHUNK):
        part = orphan_ids[i : i + CHUNK]
        conn.execute(delete(CustomerIdentity).where(CustomerIdentity.customer_id.in_(part)))
        conn.execute(delete(Customer).where(Customer.id.in_(part)))
    conn.execute(delete(MergeSuggestion).where(MergeSuggestion.batch_id == batch_id))
    return len(orphan_ids)


def customer_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(Customer)).scalar_one()
