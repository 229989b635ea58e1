"""Finishing one-row orders over whole columns: `RowParser._line` + `RowParser.add` + `finish_order`.

The column-wise twin of import_parse.py's per-order rules; see
import_columns.py for how the columns are made and tests/services/test_import_columns.py for the
comparison that holds the two paths together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.models.bulk import sqlite_datetime
from app.services import statuses as st
from app.services.import_parse import (
    TEXT_FIELDS,
    LineRec,
    RowParser,
    _pdd_date,
    _yes_no,
)
from app.services.values import clean_phone, split_joined_address, split_taobao_address

if TYPE_CHECKING:
    from app.services.import_columns import ColumnSet

# Records of this path carry their dates' stored text under this key (BatchWriter takes it from there).
STORED_DATES = "_stored_dates"
# The column of each order's one line, as a tuple of LineRec's fields in order (LINE_COMPARED_FIELDS, the
# order_lines columns after line_no): a record's `_lines` is [LineRec(*that tuple)].
LINE = "_line"
STORED_DATE_FIELDS = ("created_at", "paid_at", "shipped_at", "finished_at")
ADDRESS_MEMO = 50_000  # split Taobao addresses kept for the sheet's later orders (then forgotten)
_SOLD = (st.PAID, st.COMPLETED)
_COUNTED = (st.PAID, st.COMPLETED, st.REFUNDED)


class OrderColumns:
    """Finished orders as whole columns (the keys of a record -> one value per order, in row order),
    but for `_lines`: each order's one line is a tuple in the LINE column.

    `stored_dates`: the STORED_DATE_FIELDS' stored text, one list per field, or None. `records()`
    gives the records the row path makes, the stored dates as a tuple under STORED_DATES.
    """

    __slots__ = ("columns", "stored_dates")

    def __init__(self, columns: dict[str, list], stored_dates: list[list] | None) -> None:
        self.columns = columns
        self.stored_dates = stored_dates

    def __len__(self) -> int:
        return len(self.columns["order_no"]) if self.columns else 0

    def records(self) -> list[dict]:
        if not self.columns:
            return []
        columns = {k: v for k, v in self.columns.items() if k != LINE}
        columns["_lines"] = [[LineRec(*cells)] for cells in self.columns[LINE]]
        if self.stored_dates is not None:
            columns[STORED_DATES] = list(zip(*self.stored_dates, strict=True))
        keys = tuple(columns)
        return [dict(zip(keys, values, strict=True)) for values in zip(*columns.values(), strict=True)]

    def slice(self, start: int, stop: int) -> OrderColumns:
        """The orders at positions start..stop-1."""
        stored = None if self.stored_dates is None else [v[start:stop] for v in self.stored_dates]
        return OrderColumns({k: v[start:stop] for k, v in self.columns.items()}, stored)

    def take(self, idx: list[int]) -> OrderColumns:
        """The orders at positions `idx` only."""
        if not idx:
            return OrderColumns({}, None)
        stored = None if self.stored_dates is None else [[v[i] for i in idx] for v in self.stored_dates]
        return OrderColumns({k: [v[i] for i in idx] for k, v in self.columns.items()}, stored)


class SingleRowFinisher:
    """`RowParser._line` + `RowParser.add` + `finish_order` for orders of one row, over columns.

    Every step names the row-path rule it mirrors; the equivalence tests hold the two together.
    """

    def __init__(self, parser: RowParser, cols: ColumnSet) -> None:
        self.parser = parser
        self.cols = cols
        self.line_money = parser.layout.line_money
        self._status_memo: dict[str, str] = {}
        self._after_memo: dict[str, tuple[bool, bool]] = {}
        self._split_memo: dict[str, tuple] = {}

    def _col(self, fld: str, idx: list[int] | range, default: object = None) -> list:
        """The rows `idx` of a field, as the row path's `values.get(fld, default)` reads each."""
        col = self.cols.column(fld)
        if col is None:
            return [default] * len(idx)
        values = _rows(col, idx)
        if default is not None and fld in self.cols.checked:  # texts and phones are '' already
            values = [default if v is None else v for v in values]
        return values

    def _refund_flags(self, text: str) -> tuple[bool, bool]:
        flags = self._after_memo.get(text)
        if flags is None:
            flags = self._after_memo[text] = (st.refund_denied(text or None), st.refund_done(text))
        return flags

    def finish(self, idx: list[int] | range) -> OrderColumns:
        """The one-row orders whose rows are `idx`, finished, as columns."""
        if not idx:
            return OrderColumns({}, None)
        p = self.parser
        lm = self.line_money
        mapping = p.mapping
        platform = p.platform
        get = self._col
        n = len(idx)
        order_no = get("order_no", idx)
        paid_v = get("paid", idx)  # None where the cell is empty, as values.get(...) in the row path
        line_amount_v = get("line_amount", idx)
        unit_price_v = get("unit_price", idx)
        refund_v = get("refund", idx)
        qty = get("quantity", idx, 0)
        total_v = get("total", idx)
        goods_v = get("goods", idx)
        shipping_v = get("shipping", idx)
        paid_at = get("paid_at", idx)
        created = get("created_at", idx)
        status_raw = get("status", idx, "")
        after_sale = get("after_sale", idx, "")
        refund_status = get("refund_status", idx, "")
        refund_per_line = "refund" in lm
        refund_mapped = "refund" in mapping
        paid_from_time = "paid_at" in mapping
        flags = self._refund_flags
        # RowParser._line, for each row
        line_status, amounts, line_refunds, afters = [], [], [], []
        for k in range(n):
            paid = paid_v[k]
            line_amount = line_amount_v[k]
            if paid_from_time:
                paid_known = paid_at[k] is not None
            else:
                paid_known = (paid or 0) > 0 or (line_amount or 0) > 0
            after = after_sale[k] or refund_status[k]
            amount = line_amount
            if amount is None and "paid" in lm:
                amount = paid
            if amount is None and unit_price_v[k] is not None:
                amount = unit_price_v[k] * (qty[k] or 1)
            refund = (refund_v[k] or 0) if refund_per_line else 0
            if refund and refund_status[k] and flags(refund_status[k])[0]:
                refund = 0
            status_after = after or None
            partial = not (refund_per_line and refund >= (amount or 0))  # a partial refund keeps the status
            if refund_mapped and status_after and flags(after)[1] and partial:
                status_after = None
            line_status.append(p._status(status_raw[k], paid_known, status_after))
            amounts.append(amount)
            line_refunds.append(refund)
            afters.append(after)
        # finish_order: one line, so the order's status is the line's
        statuses = list(map(self._order_status, line_status))
        paid_fen = [v or 0 for v in paid_v]
        refunds, nets = [], []
        taobao = platform == "taobao"
        for k in range(n):
            status = statuses[k]
            paid = paid_fen[k]
            if refund_v[k] is not None and refund_per_line:  # _genuine_refund
                refund = line_refunds[k]
            elif refund_v[k] is not None:
                refund = refund_v[k]
                if refund_status[k] and flags(refund_status[k])[0]:
                    refund = 0
                elif refund and taobao and status in _SOLD:
                    due = None if "total" in lm else total_v[k]
                    if due is None:
                        goods = 0 if "goods" in lm else (goods_v[k] or 0)
                        due = goods + (0 if "shipping" in lm else (shipping_v[k] or 0))
                    if due and abs(due - paid - refund) <= 1:
                        refund = 0
            else:
                refund = (amounts[k] or 0) if line_status[k] == st.REFUNDED else 0
            if refund >= paid > 0 and status in _SOLD:
                status = statuses[k] = st.REFUNDED
            if status == st.REFUNDED and refund == 0:
                refund = paid
            refund = min(refund, paid)
            refunds.append(refund)
            nets.append(paid - refund if status in _COUNTED else 0)
        if platform == "pdd":
            created = [c if c is not None else _pdd_date(no) for c, no in zip(created, order_no, strict=True)]
        discount = get("discount", idx)
        totals = [None] * n if "total" in lm else total_v
        discount = [
            d if d is not None else (max(t - paid, 0) if t else 0)
            for d, t, paid in zip(discount, totals, paid_fen, strict=True)
        ]
        texts = {fld: get(fld, idx, "") for fld in TEXT_FIELDS}
        receiver = self._receivers(texts, get("phone_full", idx, ""), get("phone", idx, ""))
        street, address = texts["street"], texts["address"]
        line = list(
            zip(
                get("sub_order_no", idx, ""), texts["title"], texts["sku"], texts["item_code"],
                texts["item_id"], qty, amounts, line_refunds, line_status, status_raw, afters, strict=True,
            )
        )  # fmt: skip
        columns = {
            "platform": [platform] * n,
            "order_no": order_no,
            "status": statuses,
            "status_raw": [r[:200] for r in status_raw],
            "paid_fen": paid_fen,
            "goods_fen": get("goods", idx, 0),
            "shipping_fen": get("shipping", idx, 0),
            "discount_fen": discount,
            "refund_fen": refunds,
            "net_fen": nets,
            "merchant_net_fen": get("merchant_net", idx),
            "is_valid": [s in _SOLD and v > 0 for s, v in zip(statuses, nets, strict=True)],
            "created_at": created,
            "paid_at": paid_at,
            "shipped_at": get("shipped_at", idx),
            "finished_at": get("finished_at", idx),
            "order_time": [a or c for a, c in zip(paid_at, created, strict=True)],
            "buyer_id": texts["buyer_id"],
            "buyer_nick": texts["buyer_nick"],
            "receiver_name": receiver[0],
            "phone": [f or s for f, s in zip(receiver[2], receiver[1], strict=True)],
            "province": receiver[3],
            "city": receiver[4],
            "district": texts["district"],
            "address": [f"{a} {b}" if a and b else (a or b) for a, b in zip(street, address, strict=True)],
            "buyer_note": texts["buyer_note"],
            "seller_note": texts["seller_note"],
            "coupon_text": texts["coupon"],
            "is_member": list(map(_yes_no, texts["is_member"])),
            "item_count": [q or 0 for q in qty],
            "items_summary": [t[:500] for t in texts["title"]],
            "_member_phone": get("member_phone_full", idx, ""),
            LINE: line,
        }
        return OrderColumns(columns, self._stored_dates(idx, columns))

    def _stored_dates(self, idx: list[int] | range, columns: dict[str, list]) -> list[list] | None:
        """For each of STORED_DATE_FIELDS, the text the store keeps per order (as sqlite_datetime writes
        it), from the cells of clean date columns: the writer need not format a datetime per date.
        None when a mapped date column was not clean."""
        texts = []
        for fld in STORED_DATE_FIELDS:
            values = columns[fld]
            cells = self.cols.stored_dates.get(fld)
            if cells is None:
                if any(v is not None for v in values):
                    return None
                texts.append(values)
                continue
            text = _rows(cells, idx)
            if text.count(None) != values.count(None):  # a PDD order's date taken from its id
                pairs = zip(text, values, strict=True)
                text = [t if v is None or t is not None else sqlite_datetime(v) for t, v in pairs]
            texts.append(text)
        return texts

    def _order_status(self, line_status: str) -> str:
        status = self._status_memo.get(line_status)
        if status is None:
            status = self._status_memo[line_status] = st.order_status([line_status])
        return status

    def _receivers(self, texts: dict, full: list[str], shown: list[str]) -> tuple[list, ...]:
        """import_parse._receiver over columns: (names, phones shown, full phones, provinces, cities)."""
        names, provinces, cities = list(texts["receiver_name"]), list(texts["province"]), list(texts["city"])
        full, shown = list(full), list(shown)
        platform = self.parser.platform
        split = self._split_memo
        if len(split) > ADDRESS_MEMO:
            split.clear()
        for k, address in enumerate(texts["address"]):
            if not address:
                continue
            if platform == "taobao":
                parts = split.get(address)
                if parts is None:  # a returning buyer's address is split once
                    parts = split[address] = split_taobao_address(address)
                a_name, a_phone, a_prov, a_city, _ = parts
                names[k] = names[k] or a_name
                if a_phone and not full[k]:
                    f, s = clean_phone(a_phone)
                    full[k], shown[k] = f, s or a_phone
                provinces[k] = provinces[k] or a_prov
                cities[k] = cities[k] or a_city
            elif not provinces[k]:
                provinces[k], cities[k] = split_joined_address(address)
        provinces = ["" if "****" in v else v for v in provinces]
        return names, shown, full, provinces, cities


def _rows(column: list, idx: list[int] | range) -> list:
    """The values of `column` at the positions `idx` (a run of consecutive rows: one slice)."""
    if type(idx) is range and idx.step == 1:
        return column[idx.start : idx.stop]
    return list(map(column.__getitem__, idx))
