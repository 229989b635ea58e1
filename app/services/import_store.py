"""Writing parsed orders into the store inside the batch's transaction, and undoing a batch."""

from __future__ import annotations

import json
from datetime import datetime
from operator import attrgetter, itemgetter

from sqlalchemy import Connection, DateTime, String, bindparam, delete, insert, select, type_coerce, update

from app.models import Customer, ImportBatch, Order, OrderChange, OrderLine
from app.models.base import utcnow
from app.models.bulk import allocate_ids, insert_rows, sqlite_datetime
from app.services.customers_sync import (
    IdentityMap,
    assign_customers,
    assign_keys,
    buyer_key_columns,
    new_customer_values,
    recompute_customers,
    remove_orphans,
)
from app.services.errors import ImportFailed
from app.services.import_finish_columns import LINE, STORED_DATE_FIELDS, STORED_DATES, OrderColumns
from app.services.import_parse import COMPARED_FIELDS, LINE_COMPARED_FIELDS

CHUNK = 500
ORDER_COLUMNS = [c.key for c in Order.__table__.columns if c.key != "id"]
INSERT_COLUMNS = ["id", *ORDER_COLUMNS]
LINE_COLUMNS = [c.key for c in OrderLine.__table__.columns if c.key not in ("id", "order_id")]
LINE_INSERT_COLUMNS = ["order_id", *LINE_COLUMNS]
ORDER_DATES = tuple(c.key for c in Order.__table__.columns if isinstance(c.type, DateTime))
ORDER_DATES_BUT_TIME = tuple(k for k in ORDER_DATES if k != "order_time")
_order_tuple = itemgetter(*INSERT_COLUMNS)
_contact_columns = itemgetter("buyer_id", "buyer_nick", "receiver_name", "phone", "province", "city")
SUMMARY_FIELDS = ("status", "status_raw", "paid_fen", "refund_fen", "net_fen", "finished_at")
_compared = itemgetter(*COMPARED_FIELDS)
_line_compared = attrgetter(*LINE_COMPARED_FIELDS)
_COMPARED_DATES = tuple(map(COMPARED_FIELDS.index, STORED_DATE_FIELDS))  # positions of the compared dates


class BatchWriter:
    """Accumulates what one file does to the store; everything happens in `conn`'s transaction."""

    def __init__(self, conn: Connection, batch_id: int) -> None:
        self.conn = conn
        self.batch_id = batch_id
        self.new = self.updated = self.unchanged = self.customers_new = 0
        self.touched_customers: set[int] = set()
        self.identities = IdentityMap(conn)
        self._next_id: dict[str, int] = {}
        # Orders of this file are grouped before writing, so an empty table has nothing to compare with.
        self.orders_empty = conn.execute(select(Order.id).limit(1)).first() is None

    def write(self, records: list[dict]) -> None:
        for i in range(0, len(records), CHUNK):
            self._write_chunk(records[i : i + CHUNK])

    def write_columns(self, orders: OrderColumns) -> None:
        """What `write(orders.records())` does, with the new orders inserted straight from the columns."""
        for i in range(0, len(orders), CHUNK):
            self._write_columns_chunk(orders.slice(i, i + CHUNK))

    def _write_columns_chunk(self, orders: OrderColumns) -> None:
        cols = orders.columns
        if self.orders_empty:
            self._insert_columns(orders)
            return
        existing = self._existing(cols["platform"][0], cols["order_no"])
        fresh, changed = [], []
        keys = _column_keys(orders) if existing else ()
        for k, no in enumerate(cols["order_no"]):
            old = existing.get(no)
            if old is None:
                fresh.append(k)
            elif old[2] == keys[k]:
                self.unchanged += 1
            else:
                changed.append(k)
        if fresh:
            self._insert_columns(orders if len(fresh) == len(orders) else orders.take(fresh))
        for r in orders.take(changed).records() if changed else ():
            old = existing[r["order_no"]]
            r["id"], r["customer_id"] = old[0], old[1]
            self._update(r)

    def _insert_columns(self, orders: OrderColumns) -> None:
        """`_insert` over columns: no record per order."""
        cols = orders.columns
        n = len(orders)
        batch = self.batch_id
        platform = cols["platform"][0]
        now = sqlite_datetime(utcnow())
        buyer_id, nick, receiver, phone, province, city = _contact_columns(cols)
        keys_of = buyer_key_columns(platform, buyer_id, nick, cols["_member_phone"], phone)
        customer_ids, made = assign_keys(
            self.conn, keys_of,
            lambda i: new_customer_values(
                platform, buyer_id[i], nick[i], receiver[i], phone[i], province[i], city[i], batch, now
            ),
            batch, self.identities, self._customer_ids,
        )  # fmt: skip
        self.customers_new += made
        ids = self._order_ids(n)
        if orders.stored_dates is not None:
            created, paid, shipped, finished = orders.stored_dates
        else:
            created, paid, shipped, finished = (
                [None if v is None else sqlite_datetime(v) for v in cols[k]] for k in ORDER_DATES_BUT_TIME
            )
        order_time = [c if p is None else p for p, c in zip(paid, created, strict=True)]
        values = {
            **cols, "id": ids, "customer_id": customer_ids, "first_batch_id": [batch] * n,
            "last_batch_id": [batch] * n, "created_at": created, "paid_at": paid, "shipped_at": shipped,
            "finished_at": finished, "order_time": order_time,
        }  # fmt: skip
        rows = list(zip(*[values[k] for k in INSERT_COLUMNS], strict=True))
        lines = [(oid, 1, *line) for oid, line in zip(ids, cols[LINE], strict=True)]
        insert_rows(self.conn, Order.__table__, INSERT_COLUMNS, rows, dates_done=True)
        insert_rows(self.conn, OrderLine.__table__, LINE_INSERT_COLUMNS, lines)
        self.touched_customers.update(customer_ids)
        self.new += n

    def _order_ids(self, n: int) -> list[int]:
        return self._allocate(Order.__table__, n)

    def _customer_ids(self, n: int) -> list[int]:
        return self._allocate(Customer.__table__, n)

    def _allocate(self, table, n: int) -> list[int]:
        """`allocate_ids`, with the table's largest id read once per import on SQLite (this transaction
        is the only writer, and only this writer adds orders and customers while it writes)."""
        if self.conn.dialect.name != "sqlite":
            return allocate_ids(self.conn, table, n)
        start = self._next_id.get(table.name)
        if start is None:
            start = allocate_ids(self.conn, table, 1)[0]
        self._next_id[table.name] = start + n
        return list(range(start, start + n))

    def _existing(self, platform: str, order_nos: list[str]) -> dict[str, tuple[int, int | None, tuple]]:
        """The stored orders among `order_nos`: order_no -> (id, customer_id, compared values), the last
        as `_record_key` gives them for a record. One query: each order's rows are its lines."""
        rows = self.conn.execute(_EXISTING, {"platform": platform, "nos": order_nos}).all()
        found: dict[str, tuple[int, int | None, tuple]] = {}
        lines_of: dict[str, list[tuple]] = {}
        text_dates = self.conn.dialect.name == "sqlite"  # dates come back as the text SQLite keeps
        for row in rows:
            no = row[0]
            lines = lines_of.get(no)
            if lines is None:
                lines = lines_of[no] = []
                head = row[_HEAD]
                if not text_dates:  # datetimes from other databases: as the text SQLite keeps
                    head = list(head)
                    for i in _COMPARED_DATES:
                        if head[i] is not None:
                            head[i] = sqlite_datetime(head[i])
                    head = tuple(head)
                found[no] = (row[1], row[2], head)
            if row[_LINE_ID] is not None:
                lines.append(row[_LINE])
        return {no: (oid, cid, (head, tuple(lines_of[no]))) for no, (oid, cid, head) in found.items()}

    def _write_chunk(self, records: list[dict]) -> None:
        by_platform: dict[str, list[dict]] = {}
        for r in records:
            by_platform.setdefault(r["platform"], []).append(r)
        for platform, recs in by_platform.items():
            existing = {} if self.orders_empty else self._existing(platform, [r["order_no"] for r in recs])
            fresh, changed = [], []
            for r in recs:
                old = existing.get(r["order_no"])
                if old is None:
                    fresh.append(r)
                elif old[2] == _record_key(r):
                    self.unchanged += 1
                else:
                    r["id"], r["customer_id"] = old[0], old[1]
                    changed.append(r)
            if fresh:
                self._insert(fresh)
            for r in changed:
                self._update(r)

    def _insert(self, records: list[dict]) -> None:
        self.customers_new += assign_customers(
            self.conn, records, self.batch_id, self.identities, self._customer_ids
        )
        ids = self._order_ids(len(records))
        rows, lines = [], []
        batch = self.batch_id
        touched = self.touched_customers
        for oid, r in zip(ids, records, strict=True):
            r["id"] = oid
            r["first_batch_id"] = r["last_batch_id"] = batch
            stored = r.get(STORED_DATES)  # the column-wise path's dates as text already
            if stored is not None:
                created, paid, r["shipped_at"], r["finished_at"] = stored
                r["created_at"], r["paid_at"] = created, paid
                r["order_time"] = paid if paid is not None else created
            else:
                _format_dates(r)
            rows.append(_order_tuple(r))
            lines.extend(_line_tuples(oid, r["_lines"]))
            touched.add(r["customer_id"])
        insert_rows(self.conn, Order.__table__, INSERT_COLUMNS, rows, dates_done=True)
        insert_rows(self.conn, OrderLine.__table__, LINE_INSERT_COLUMNS, lines)
        self.new += len(records)  # undo finds new orders by first_batch_id; order_changes holds updates

    def _update(self, r: dict) -> None:
        before = snapshot_order(self.conn, r["id"])
        values = {k: r.get(k) for k in ORDER_COLUMNS if k not in ("customer_id", "first_batch_id")}
        values["last_batch_id"] = self.batch_id
        self.conn.execute(update(Order).where(Order.id == r["id"]).values(**values))
        self.conn.execute(delete(OrderLine).where(OrderLine.order_id == r["id"]))
        lines = _line_rows(r["id"], r["_lines"])
        if lines:
            self.conn.execute(insert(OrderLine), lines)
        changes = [
            [f, _jsonable(before["order"][f]), _jsonable(r.get(f))]
            for f in SUMMARY_FIELDS
            if _jsonable(before["order"][f]) != _jsonable(r.get(f))
        ]
        self.conn.execute(
            insert(OrderChange).values(
                batch_id=self.batch_id,
                order_id=r["id"],
                kind="update",
                before_json=json.dumps(before, ensure_ascii=False),
                summary=json.dumps(changes, ensure_ascii=False),
            )
        )
        if r["customer_id"] is not None:
            self.touched_customers.add(r["customer_id"])
        self.updated += 1

    def replace_lines(self, order_id: int, lines: list) -> bool:
        """For item reports: give a stored order these lines. False when they are the same already."""
        stored = self.conn.execute(
            select(*[OrderLine.__table__.c[k] for k in LINE_COLUMNS])
            .where(OrderLine.order_id == order_id)
            .order_by(OrderLine.line_no)
        ).all()
        new_rows = _line_rows(order_id, lines)
        if [tuple(s) for s in stored] == [tuple(n[k] for k in LINE_COLUMNS) for n in new_rows]:
            self.unchanged += 1
            return False
        before = snapshot_order(self.conn, order_id)
        self.conn.execute(delete(OrderLine).where(OrderLine.order_id == order_id))
        self.conn.execute(insert(OrderLine), new_rows)
        self.conn.execute(update(Order).where(Order.id == order_id).values(last_batch_id=self.batch_id))
        self.conn.execute(
            insert(OrderChange).values(
                batch_id=self.batch_id, order_id=order_id, kind="update",
                before_json=json.dumps(before, ensure_ascii=False), summary=json.dumps([["lines", "", ""]]),
            )
        )  # fmt: skip
        self.updated += 1
        return True

    def finish(self) -> None:
        """The figures of the customers this file touched. Into a store without orders: of every customer
        in one pass (the same, as every order is this file's), never one look-up per customer, as the
        import builds the orders' indexes after this."""
        recompute_customers(self.conn, None if self.orders_empty else self.touched_customers - {None})


# The compared columns as stored: dates as the text SQLite keeps (no datetime parsed per date).
_STORED_COMPARED = [
    type_coerce(Order.__table__.c[f], String) if f in STORED_DATE_FIELDS else Order.__table__.c[f]
    for f in COMPARED_FIELDS
]
_STORED_LINES = [OrderLine.__table__.c[f] for f in LINE_COMPARED_FIELDS]
# Stored orders by number, each with its lines (a row per line, none for an order without lines).
_EXISTING = (
    select(Order.order_no, Order.id, Order.customer_id, *_STORED_COMPARED, OrderLine.id, *_STORED_LINES)
    .select_from(Order.__table__.outerjoin(OrderLine.__table__, OrderLine.order_id == Order.id))
    .where(Order.platform == bindparam("platform"), Order.order_no.in_(bindparam("nos", expanding=True)))
    .order_by(OrderLine.order_id, OrderLine.line_no)
)
_HEAD = slice(3, 3 + len(COMPARED_FIELDS))
_LINE_ID = 3 + len(COMPARED_FIELDS)
_LINE = slice(_LINE_ID + 1, None)


def _record_key(r: dict) -> tuple:
    """What a re-import compares for a record: (its compared values, dates as stored text; its lines')."""
    values = list(_compared(r))
    stored = r.get(STORED_DATES)  # the column-wise path's dates as text already
    if stored is None:
        stored = [None if r[f] is None else sqlite_datetime(r[f]) for f in STORED_DATE_FIELDS]
    for i, text in zip(_COMPARED_DATES, stored, strict=True):
        values[i] = text
    return tuple(values), tuple(map(_line_compared, r["_lines"]))


def _column_keys(orders: OrderColumns) -> list[tuple]:
    """`_record_key` of each order of `orders`, from its columns."""
    cols = orders.columns
    if orders.stored_dates is not None:
        dates = dict(zip(STORED_DATE_FIELDS, orders.stored_dates, strict=True))
    else:
        dates = {f: [None if v is None else sqlite_datetime(v) for v in cols[f]] for f in STORED_DATE_FIELDS}
    heads = zip(*[dates[f] if f in dates else cols[f] for f in COMPARED_FIELDS], strict=True)
    return [(head, (line,)) for head, line in zip(heads, cols[LINE], strict=True)]


def _format_dates(r: dict) -> None:
    """The record's dates as sqlite_datetime() writes them, without a call per date."""
    when = r["order_time"]  # paid_at or created_at itself: formatted once below
    for key in ORDER_DATES_BUT_TIME:
        value = r[key]
        if value is not None:
            text = r[key] = value.isoformat(" ", "microseconds")
            if value is when:
                r["order_time"] = when = text
    if when is not None and type(when) is not str:
        r["order_time"] = when.isoformat(" ", "microseconds")


_line_values = attrgetter(*LINE_COLUMNS[1:])  # every column after line_no, in LINE_INSERT_COLUMNS order


def _line_tuples(order_id: int, lines: list) -> list[tuple]:
    return [(order_id, i, *_line_values(ln)) for i, ln in enumerate(lines, start=1)]


def _line_rows(order_id: int, lines: list) -> list[dict]:
    return [
        {
            "order_id": order_id,
            "line_no": i,
            "sub_order_no": ln.sub_order_no,
            "title": ln.title,
            "sku": ln.sku,
            "item_code": ln.item_code,
            "item_id": ln.item_id,
            "quantity": ln.quantity,
            "amount_fen": ln.amount_fen,
            "refund_fen": ln.refund_fen,
            "status": ln.status,
            "status_raw": ln.status_raw,
            "after_sale_raw": ln.after_sale_raw,
        }  # fmt: skip
        for i, ln in enumerate(lines, start=1)
    ]


def _jsonable(value):
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return value


def snapshot_order(conn: Connection, order_id: int) -> dict:
    row = conn.execute(select(Order.__table__).where(Order.id == order_id)).mappings().one()
    lines = (
        conn.execute(
            select(OrderLine.__table__).where(OrderLine.order_id == order_id).order_by(OrderLine.line_no)
        )
        .mappings()
        .all()
    )
    return {
        "order": {k: _jsonable(v) for k, v in row.items()},
        "lines": [dict(ln) for ln in lines],  # with their ids, so an undo puts back exactly what was there
    }


def _restore(conn: Connection, before: dict) -> int:
    # Only the columns the table has now: a snapshot taken by an older version may name one since dropped.
    order = {k: v for k, v in before["order"].items() if k in Order.__table__.c}
    oid = order.pop("id")
    for key in ("created_at", "paid_at", "shipped_at", "finished_at", "order_time"):
        if order.get(key):
            order[key] = datetime.fromisoformat(order[key])
    conn.execute(update(Order).where(Order.id == oid).values(**order))
    conn.execute(delete(OrderLine).where(OrderLine.order_id == oid))
    if before["lines"]:
        conn.execute(insert(OrderLine), before["lines"])
    return order.get("customer_id")


def _later_batch(conn: Connection, batch_id: int, order_ids: set[int]) -> int | None:
    """The newest later batch (still in force) that changed one of these orders."""
    later = conn.execute(
        select(OrderChange.batch_id, OrderChange.order_id)
        .join(ImportBatch, ImportBatch.id == OrderChange.batch_id)
        .where(OrderChange.batch_id > batch_id, ImportBatch.status == "done")
        .order_by(OrderChange.batch_id.desc())
    ).all()
    return next((b for b, oid in later if oid in order_ids), None)


def undo_batch(conn: Connection, batch_id: int) -> tuple[int, int, int]:
    """Remove what the batch added and put back what it changed: (removed, restored, customers removed)."""
    status = conn.execute(select(ImportBatch.status).where(ImportBatch.id == batch_id)).scalar_one_or_none()
    if status is None:
        raise ImportFailed("no_such_batch", batch=batch_id)
    if status == "undone":
        raise ImportFailed("batch_already_undone", batch=batch_id)
    new_ids = conn.execute(select(Order.id).where(Order.first_batch_id == batch_id)).scalars().all()
    changes = conn.execute(
        select(OrderChange.order_id, OrderChange.kind, OrderChange.before_json).where(
            OrderChange.batch_id == batch_id
        )
    ).all()
    later = _later_batch(conn, batch_id, set(new_ids) | {oid for oid, _, _ in changes})
    if later is not None:
        raise ImportFailed("batch_superseded", batch=batch_id, later=later)
    touched: set[int] = set()
    for i in range(0, len(new_ids), CHUNK):
        part = new_ids[i : i + CHUNK]
        query = select(Order.customer_id).where(Order.id.in_(part), Order.customer_id.is_not(None))
        touched.update(conn.execute(query).scalars())
    new_orders = select(Order.id).where(Order.first_batch_id == batch_id)
    conn.execute(delete(OrderLine).where(OrderLine.order_id.in_(new_orders)))
    conn.execute(delete(Order).where(Order.first_batch_id == batch_id))
    restored = 0
    for _oid, kind, before_json in changes:
        if kind == "update" and before_json:
            cid = _restore(conn, json.loads(before_json))
            if cid is not None:
                touched.add(cid)
            restored += 1
    removed_customers = remove_orphans(conn, batch_id)
    recompute_customers(conn, touched)
    conn.execute(
        update(ImportBatch).where(ImportBatch.id == batch_id).values(status="undone", undone_at=utcnow())
    )
    return len(new_ids), restored, removed_customers
