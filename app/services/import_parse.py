"""From spreadsheet rows to orders: clean each cell, group rows by order, aggregate lines.

Order-level amounts that repeat on every row of a multi-row order are taken once; money fields a
layout marks as per-line are added up (metrics.md "Multi-row orders").
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter

from app.services import statuses as st
from app.services.dto import Rejection
from app.services.platforms import DATE_FIELDS, MONEY_FIELDS, Layout
from app.services.values import (
    BadValue,
    clean_phone,
    clean_text,
    parse_date,
    parse_id,
    parse_int,
    parse_money,
    split_joined_address,
    split_taobao_address,
)

TEXT_FIELDS = (
    "buyer_id", "buyer_nick", "receiver_name", "province", "city", "district", "street", "address",
    "title", "sku", "item_code", "item_id", "buyer_note", "seller_note", "coupon", "status", "after_sale",
    "close_reason", "refund_status", "platform_name", "is_member",
)  # fmt: skip


@dataclass(slots=True)
class LineRec:
    sub_order_no: str
    title: str
    sku: str
    item_code: str
    item_id: str
    quantity: int
    amount_fen: int | None
    refund_fen: int
    status: str
    status_raw: str
    after_sale_raw: str

    def key(self) -> tuple:
        return (
            self.sub_order_no, self.title, self.sku, self.item_code, self.item_id, self.quantity,
            self.amount_fen, self.refund_fen, self.status, self.status_raw, self.after_sale_raw,
        )  # fmt: skip


@dataclass(slots=True)
class OrderAcc:
    """One order being assembled from one or more rows."""

    platform: str
    order_no: str
    first_row: int
    values: dict = field(default_factory=dict)  # order-level: first non-empty wins
    sums: dict = field(default_factory=dict)  # per-line money, added up
    lines: list[LineRec] = field(default_factory=list)

    def record(self) -> dict:
        return finish_order(self)


CACHE_LIMIT = 4096  # distinct cells remembered per column: statuses, amounts, titles repeat; ids do not
_MISS = object()


def _text(value: object) -> str:
    text = clean_text(value)
    return sys.intern(text) if len(text) < 40 else text


def _optional_id(value: object) -> str:
    return parse_id(value) or ""


class RowParser:
    """Parses the rows of one sheet whose columns have been mapped to fields.

    Each mapped column has one converter, built once, and a memory of the text cells it has seen
    (bad values raise every time, never remembered; a non-text cell is always converted, as 1, 1.0
    and True are equal keys but clean differently). A converter raising BadValue rejects the row
    with that column. Converters run in a fixed order (ids, money, dates, quantity) so the first bad
    cell of a row is the one reported.
    """

    def __init__(self, layout: Layout, mapping: dict[str, int], headers: list[str], platform: str) -> None:
        self.layout = layout
        self.platform = platform
        self.mapping = mapping
        self.headers = headers
        m = mapping
        self._width = max(m.values()) + 1
        self._read = sorted(set(m.values()))  # the columns mapped to a field
        self._texts = [(f, m[f], {}) for f in TEXT_FIELDS if f in m]
        checked = [("sub_order_no", _optional_id)] if "sub_order_no" in m else []
        checked += [(f, parse_money) for f in MONEY_FIELDS if f in m]
        checked += [(f, parse_date) for f in DATE_FIELDS if f in m]
        checked += [("quantity", parse_int)] if "quantity" in m else []
        self._checked = [(f, m[f], conv, {}) for f, conv in checked]
        phones = [f for f in ("phone", "member_phone") if f in m]
        self._phones = [(f, m[f], f + "_full") for f in phones]
        self._statuses: dict[tuple, str] = {}
        self.unknown_statuses: set[str] = set()

    def parse(self, row: list, row_no: int) -> tuple[dict | None, Rejection | None]:
        """(cleaned values, None) or (None, rejection) for one row; (None, None) for a blank row (no
        order id, and nothing in any mapped column: a row with text only in columns the import does not
        read is no order and says nothing wrong about one)."""
        col = self.mapping["order_no"]
        if len(row) < self._width:  # trailing empty cells left out: every mapped column reads None
            row = [*row, *([None] * (self._width - len(row)))]
        try:
            order_no = parse_id(row[col])
        except BadValue as exc:
            return None, Rejection(row_no, self.headers[col], exc.code, str(exc.value))
        if order_no is None:
            if not any(row[c] not in (None, "") for c in self._read):  # nothing the import reads
                return None, None
            return None, Rejection(row_no, self.headers[col], "id_missing", "")
        out: dict = {"order_no": order_no}
        for fld, c, conv, memo in self._checked:
            value = row[c]
            if value is None:
                if fld == "sub_order_no":
                    out[fld] = ""
                continue
            result = memo.get(value, _MISS)  # only text keys are ever stored: 1 or 1.0 always misses
            if result is _MISS:
                try:
                    result = conv(value)
                except BadValue as exc:
                    return None, Rejection(row_no, self.headers[c], exc.code, str(exc.value))
                if type(value) is str and len(memo) < CACHE_LIMIT:
                    memo[value] = result
            if result is not None:
                out[fld] = result
        for fld, c, memo in self._texts:
            value = row[c]
            if value is None:
                continue
            result = memo.get(value, _MISS)
            if result is _MISS:
                result = _text(value)
                if type(value) is str and len(memo) < CACHE_LIMIT:
                    memo[value] = result
            if result:
                out[fld] = result
        for fld, c, full_key in self._phones:  # one or two buyers per phone: nothing to remember
            full, shown = clean_phone(row[c])
            if full:
                out[full_key] = full
            if shown:
                out[fld] = shown
        return out, None

    def add(self, acc: OrderAcc, values: dict) -> None:
        """Fold one parsed row into its order."""
        line = self._line(values)
        line_money = self.layout.line_money
        sums = acc.sums
        if not acc.lines:  # the order's first row (the only one, mostly): its dict becomes the order's
            for key in line_money.intersection(values):
                sums[key] = values.pop(key)
            acc.values = values
        else:
            order_values = acc.values
            for key, value in values.items():
                if key in line_money:
                    sums[key] = sums.get(key, 0) + value
                elif key not in order_values:
                    order_values[key] = value
        acc.lines.append(line)

    def _line(self, v: dict) -> LineRec:
        if "paid_at" in self.mapping:  # 应付金额 columns show an amount on unpaid orders too
            paid_known = "paid_at" in v
        else:
            paid_known = v.get("paid", 0) > 0 or v.get("line_amount", 0) > 0
        raw = v.get("status", "")
        after = v.get("after_sale") or v.get("refund_status") or ""
        qty = v.get("quantity", 0)
        amount = v.get("line_amount")
        if amount is None and "paid" in self.layout.line_money:
            amount = v.get("paid")
        if amount is None and "unit_price" in v:
            amount = v["unit_price"] * (qty or 1)
        refund = v.get("refund", 0) if "refund" in self.layout.line_money else 0
        if refund and st.refund_denied(v.get("refund_status")):
            refund = 0
        # Where the export says how much went back, 退款成功 refunds the line only if all of it did;
        # a partial refund keeps the status (metrics.md). An order-level amount is judged per order.
        status_after = after or None
        whole_line = "refund" in self.layout.line_money and refund >= (amount or 0)
        if "refund" in self.mapping and status_after and st.refund_done(status_after) and not whole_line:
            status_after = None
        status = self._status(raw, paid_known, status_after)
        return LineRec(
            v.get("sub_order_no", ""), v.get("title", ""), v.get("sku", ""), v.get("item_code", ""),
            v.get("item_id", ""), qty, amount, refund, status, raw, after,
        )  # fmt: skip

    def _status(self, raw: str, paid: bool, after_sale: str | None) -> str:
        key = (raw, paid, after_sale)
        status = self._statuses.get(key)
        if status is None:
            status = self._statuses[key] = st.line_status(raw, paid=paid, after_sale=after_sale)
            if status == st.UNKNOWN and raw:
                self.unknown_statuses.add(raw)
        return status


def finish_order(acc: OrderAcc) -> dict:
    """The order's normalised record: statuses aggregated, refunds made genuine, net and validity."""
    v = acc.values
    s = acc.sums
    lines = acc.lines
    status = st.order_status(list(map(_line_status, lines)))
    paid = s.get("paid", v.get("paid", 0))
    refund = _genuine_refund(acc, status, paid)
    if refund >= paid > 0 and status in (st.PAID, st.COMPLETED):
        status = st.REFUNDED
    if status == st.REFUNDED and refund == 0:
        refund = paid  # status-only platforms (Douyin, PDD, JD, Kuaishou): the refund is the whole payment
    refund = min(refund, paid)
    net = paid - refund if status in (st.PAID, st.COMPLETED, st.REFUNDED) else 0
    created = v.get("created_at")
    paid_at = v.get("paid_at")
    if created is None and acc.platform == "pdd":
        created = _pdd_date(acc.order_no)
    name, phone_shown, phone_full, province, city = _receiver(acc)
    return {
        "platform": acc.platform,
        "order_no": acc.order_no,
        "status": status,
        "status_raw": _distinct_joined(lines, _status_raw, " / ", 200),
        "paid_fen": paid,
        "goods_fen": s.get("goods", v.get("goods", 0)),
        "shipping_fen": s.get("shipping", v.get("shipping", 0)),
        "discount_fen": s.get("discount", v.get("discount", _derived_discount(v, paid))),
        "refund_fen": refund,
        "net_fen": net,
        "merchant_net_fen": s.get("merchant_net", v.get("merchant_net")),
        "is_valid": status in (st.PAID, st.COMPLETED) and net > 0,
        "created_at": created,
        "paid_at": paid_at,
        "shipped_at": v.get("shipped_at"),
        "finished_at": v.get("finished_at"),
        "order_time": paid_at or created,
        "buyer_id": v.get("buyer_id", ""),
        "buyer_nick": v.get("buyer_nick", ""),
        "receiver_name": name,
        "phone": phone_full or phone_shown,
        "province": province,
        "city": city,
        "district": v.get("district", ""),
        "address": _address(v),
        "buyer_note": v.get("buyer_note", ""),
        "seller_note": v.get("seller_note", ""),
        "coupon_text": v.get("coupon", ""),
        "is_member": _yes_no(v.get("is_member")),
        "item_count": sum(map(_quantity, lines)) or v.get("quantity", 0),
        "items_summary": _distinct_joined(lines, _title, "；", 500),
        "_member_phone": v.get("member_phone_full", ""),
        "_lines": lines,
    }


_status_raw, _title, _quantity, _line_status = map(attrgetter, ("status_raw", "title", "quantity", "status"))


def _distinct_joined(lines: list[LineRec], value, sep: str, limit: int) -> str:
    """The lines' non-empty values, each once in order of first appearance, joined and cut to `limit`."""
    if len(lines) == 1:  # most orders: no set, no join
        return value(lines[0])[:limit]
    return sep.join(dict.fromkeys(filter(None, map(value, lines))))[:limit]


def _genuine_refund(acc: OrderAcc, status: str, paid: int) -> int:
    if "refund" in acc.sums:  # per-line refunds, already zeroed where the refund status denies them
        return sum(ln.refund_fen for ln in acc.lines)
    v = acc.values
    if "refund" in v:
        refund = v["refund"]
        if st.refund_denied(v.get("refund_status")):
            return 0
        if refund and acc.platform == "taobao" and status in (st.PAID, st.COMPLETED):
            # Taobao's 退款金额 can merely repeat the discount (应付 − 实付): not money that went back.
            due = v.get("total", v.get("goods", 0) + v.get("shipping", 0))
            if due and abs(due - paid - refund) <= 1:
                return 0
        return refund
    # No refund amount in the export: a refunded line gave back what it cost.
    return sum(ln.amount_fen or 0 for ln in acc.lines if ln.status == st.REFUNDED)


def _derived_discount(v: dict, paid: int) -> int:
    due = v.get("total")
    return max(due - paid, 0) if due else 0


def _receiver(acc: OrderAcc) -> tuple[str, str, str, str, str]:
    v = acc.values
    name = v.get("receiver_name", "")
    full = v.get("phone_full", "")
    shown = v.get("phone", "")
    province = v.get("province", "")
    city = v.get("city", "")
    address = v.get("address", "")
    if address and acc.platform == "taobao":
        a_name, a_phone, a_prov, a_city, _ = split_taobao_address(address)
        name = name or a_name
        if a_phone and not full:
            full, shown = clean_phone(a_phone)
            shown = shown or a_phone
        province = province or a_prov
        city = city or a_city
    elif address and not province:
        province, city = split_joined_address(address)
    if "****" in province:  # PDD masks the province
        province = ""
    return name, shown, full, province, city


def _address(v: dict) -> str:
    parts = [v.get(k, "") for k in ("street", "address")]
    return " ".join(p for p in parts if p)


def _yes_no(value: str | None) -> bool | None:
    if not value:
        return None
    return value.strip() in ("是", "会员", "yes", "Yes", "1", "true", "True")


def _pdd_date(order_no: str) -> datetime | None:
    """PDD order numbers start with the order date: 260517-607198974342268."""
    if len(order_no) > 7 and order_no[6] == "-" and order_no[:6].isdigit():
        try:
            return datetime.strptime(order_no[:6], "%y%m%d")
        except ValueError:
            return None
    return None


# What a re-import compares, field by field, with the stored order and its lines: an order whose values
# are all equal is unchanged; any difference makes it an update (recorded, so an undo can put it back).
COMPARED_FIELDS = (
    "status", "status_raw", "paid_fen", "goods_fen", "shipping_fen", "discount_fen", "refund_fen", "net_fen",
    "merchant_net_fen", "created_at", "paid_at", "shipped_at", "finished_at", "buyer_id", "buyer_nick",
    "receiver_name", "phone", "province", "city", "district", "address", "buyer_note", "seller_note",
    "coupon_text", "is_member", "item_count",
)  # fmt: skip
LINE_COMPARED_FIELDS = (
    "sub_order_no", "title", "sku", "item_code", "item_id", "quantity", "amount_fen", "refund_fen", "status",
    "status_raw", "after_sale_raw",
)  # fmt: skip
