"""The column-wise import path, for sheets read whole into memory (xlsx, xls, ods through calamine).

The row path (`RowParser.parse` → `OrderAcc` → `finish_order`) converts every cell and builds every
order with Python calls of its own. Here each mapped column is converted once for the whole sheet:
a column whose cells all have the usual clean form (digit ids, `yyyy-MM-dd HH:mm:ss` dates, text
without tabs, quotes or placeholders) is checked by one regular expression over the joined column
and taken as it is; any other column is converted through the same functions as the row path, once
per distinct cell. Orders made of one row (nearly all of them) are then finished field by field
over whole columns; orders of several rows go through the row path's own `OrderAcc` and
`finish_order`.

Both paths must give the same records, content hashes included, for any sheet:
tests/services/test_import_columns.py compares them on every platform's fixtures and on generated
cells with every quirk. A change to the row path's rules (import_parse.py) has its twin here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from hashlib import sha1
from operator import attrgetter, itemgetter, methodcaller

from app.services import statuses as st
from app.services.dto import Rejection
from app.services.errors import ImportCancelled
from app.services.import_parse import (
    HASHED_FIELDS,
    LINE_HASHED_FIELDS,
    TEXT_FIELDS,
    LineRec,
    OrderAcc,
    RowParser,
    _pdd_date,
    _yes_no,
    content_hash,
    finish_order,
)
from app.services.values import (
    PLACEHOLDERS,
    BadValue,
    clean_phone,
    clean_text,
    parse_date,
    parse_id,
    split_joined_address,
    split_taobao_address,
)

SEP = "\x00"  # joins a column's cells for the whole-column checks; never inside a cell of an export
# Cells the row path's converter returns unchanged (ids, text) or that the C parser reads (dates).
_ID = r"(?:[A-Za-z]{0,4}\d[\d-]{0,40})?"
_CLEAN_IDS = re.compile(f"{_ID}(?:\x00{_ID})*")
_CLEAN_DATES = re.compile(r"(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)?(?:\x00(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)?)*")
_DATE_NULLS = ("0000-00-00", "1970-01-01 08:00:00")
_TAB_OR_QUOTE = re.compile(r'\t|="')
_SHOWN_PLACEHOLDERS = PLACEHOLDERS - {""}  # '' is an empty cell, which the column keeps as ''

_CLEAN_PHONES = re.compile(r"(?:1\d{10})?(?:\x00(?:1\d{10})?)*")
_MASKED_PHONES = re.compile(r"(?:1\d\d\*{4}\d{4})?(?:\x00(?:1\d\d\*{4}\d{4})?)*")
ORDER_CHUNK = 5000  # orders finished and handed on at a time

Emit = Callable[[list[dict]], None]


class _Column:
    """One mapped column, converted for the whole sheet; `bad` holds the rows it rejects."""

    __slots__ = ("values", "bad")

    def __init__(self, values: list, bad: dict[int, BadValue] | None = None) -> None:
        self.values = values
        self.bad = bad or {}


def _all_text(cells: Sequence) -> bool:
    return set(map(type, cells)) == {str}


def _by_distinct(cells: Sequence, convert: Callable[[object], object]) -> _Column:
    """`convert` applied once per distinct cell; cells it rejects are left None and listed in `bad`."""
    if bool in set(map(type, cells)):  # True == 1 == 1.0: equal keys that convert differently
        pairs = [(v, v) for v in cells]
        distinct = None
    else:
        distinct = set(cells)
        pairs = None
    done: dict = {}
    failed: dict = {}
    if distinct is not None:
        for v in distinct:
            try:
                done[v] = convert(v)
            except BadValue as exc:
                failed[v] = exc
                done[v] = None
        values = list(map(done.__getitem__, cells))
        bad = {i: failed[v] for i, v in enumerate(cells) if v in failed} if failed else {}
        return _Column(values, bad)
    values, bad = [], {}
    for i, (v, _) in enumerate(pairs):
        try:
            values.append(convert(v))
        except BadValue as exc:
            values.append(None)
            bad[i] = exc
    return _Column(values, bad)


def _ids(cells: Sequence) -> _Column:
    if cells and _all_text(cells) and _CLEAN_IDS.fullmatch(SEP.join(cells)):
        return _Column([v or None for v in cells])
    return _by_distinct(cells, parse_id)


def _none_if_empty(v: str) -> datetime | None:
    return datetime.fromisoformat(v) if v else None


def _dates(cells: Sequence) -> _Column:
    if cells and _all_text(cells):
        joined = SEP.join(cells)
        if _CLEAN_DATES.fullmatch(joined) and not any(n in joined for n in _DATE_NULLS):
            try:
                return _Column(list(map(_none_if_empty, cells)))
            except ValueError:  # 2024-13-01: the row path's own parser says why, per cell
                pass
    return _by_distinct(cells, parse_date)


def _texts(cells: Sequence) -> list[str]:
    """clean_text of each cell: the cells themselves when none has a tab, a quote trick, spaces around
    it or a placeholder."""
    if (
        cells and _all_text(cells) and _SHOWN_PLACEHOLDERS.isdisjoint(cells)
        and list(map(str.strip, cells)) == cells and not _TAB_OR_QUOTE.search(SEP.join(cells))
    ):  # fmt: skip
        return list(cells)
    return _by_distinct(cells, clean_text).values


def _phones(cells: Sequence) -> tuple[list[str], list[str]]:
    """(full mobiles or '', phone as shown or '') per row, as `clean_phone` gives them."""
    if cells and _all_text(cells):
        joined = SEP.join(cells)
        if _CLEAN_PHONES.fullmatch(joined):
            return list(cells), list(cells)
        if _MASKED_PHONES.fullmatch(joined):
            return [""] * len(cells), list(cells)
    pairs = _by_distinct(cells, clean_phone).values
    return [p[0] for p in pairs], [p[1] for p in pairs]


def parse_sheet_columns(
    parser: RowParser,
    rows: list[list],
    first_row_no: int,
    emit: Emit,
    cancelled: Callable[[], bool],
) -> tuple[list[Rejection], int]:
    """Convert, group and finish every order of `rows` (the data rows under the header).

    Finished order records go to `emit` in lists, in order of each order's first row, as the row
    path hands them on. Returns the rejections and the count of non-blank rows. Consumes `rows`
    (emptied once the columns are taken, so the sheet's other cells are freed early).
    """
    cols = _ColumnSet(parser, rows)
    rows.clear()  # the cells the columns hold stay; the rest of the sheet goes now
    rejected: list[Rejection] = []
    order_rows: dict[str, list[int]] = {}
    order_nos = cols.order_no
    blank = cols.blank
    bad_of = cols.first_bad
    counted = 0
    id_header = parser.headers[parser.mapping["order_no"]]
    distinct = dict.fromkeys(order_nos)
    if len(distinct) == len(order_nos) and None not in distinct and not cols.any_bad:
        order_rows = {no: [i] for i, no in enumerate(order_nos)}  # one row per order, none rejected
        order_nos = ()
        counted = len(order_rows)
    for i, no in enumerate(order_nos):
        if no is None:  # the row path looks at the id before any other cell
            if i in blank:
                continue
            reason = bad_of(i, only_id=True) or (id_header, "id_missing", "")
        else:
            reason = bad_of(i)
        counted += 1
        if reason is not None:
            rejected.append(Rejection(first_row_no + i, *reason))
            continue
        rows_of = order_rows.get(no)
        if rows_of is None:
            order_rows[no] = [i]
        else:
            rows_of.append(i)
    finisher = _SingleRowFinisher(parser, cols)
    orders = list(order_rows.items())
    for start in range(0, len(orders), ORDER_CHUNK):
        if cancelled():
            raise ImportCancelled()
        part = orders[start : start + ORDER_CHUNK]
        singles = [idx[0] for _, idx in part if len(idx) == 1]
        done = iter(finisher.finish(singles))  # noqa: SIM115
        out = []
        for no, idx in part:
            if len(idx) == 1:
                out.append(next(done))
            else:
                acc = OrderAcc(parser.platform, no, first_row_no + idx[0])
                for i in idx:
                    parser.add(acc, cols.row_values(i))
                record = finish_order(acc)
                record["content_hash"] = content_hash(record)
                out.append(record)
        emit(out)
    return rejected, counted


class _ColumnSet:
    """The mapped columns of one sheet, converted; field -> list of values (None or '' when empty)."""

    def __init__(self, parser: RowParser, rows: list[list]) -> None:
        self.parser = parser
        m = parser.mapping
        width = parser._width
        n = len(rows)
        self.n = n

        shortest = min(map(len, rows), default=0)

        def cells(field: str) -> list:
            c = m[field]
            if c < shortest:
                return list(map(itemgetter(c), rows))
            return [r[c] if len(r) > c else None for r in rows]  # trailing empty cells left out

        self.width = width
        order = _ids(cells("order_no"))
        self.order_no = order.values
        # Rejections in the row path's order: the order id, then the checked fields in parser order.
        self._checks: list[tuple[str, dict[int, BadValue]]] = [(parser.headers[m["order_no"]], order.bad)]
        self.checked: dict[str, list] = {}
        for fld, c, conv, _memo in parser._checked:
            raw = cells(fld)
            if fld == "sub_order_no":
                col = _ids(raw)
            elif fld in ("created_at", "paid_at", "shipped_at", "finished_at"):
                col = _dates(raw)
            else:
                col = _by_distinct(raw, conv)
            self.checked[fld] = col.values
            self._checks.append((parser.headers[c], col.bad))
        self.texts: dict[str, list[str]] = {fld: _texts(cells(fld)) for fld, _c, _memo in parser._texts}
        self.phones: dict[str, tuple[list[str], list[str]]] = {
            fld: _phones(cells(fld)) for fld, _c, _full in parser._phones
        }
        self.any_bad = any(bad for _, bad in self._checks)
        # Rows with no order id whose cells are all empty: skipped, as the row path skips them.
        self.blank = {
            i for i, no in enumerate(self.order_no)
            if no is None and not any(v not in (None, "") for v in rows[i])
        }  # fmt: skip

    def first_bad(self, i: int, *, only_id: bool = False) -> tuple[str, str, str] | None:
        if not self.any_bad:
            return None
        for header, bad in self._checks[:1] if only_id else self._checks:
            exc = bad.get(i)
            if exc is not None:
                return header, exc.code, str(exc.value)
        return None

    def column(self, fld: str) -> list | None:
        """A field's whole column as converted (None or '' where empty); None for an unmapped field."""
        if fld == "order_no":
            return self.order_no
        if fld in self.checked:
            return self.checked[fld]
        if fld in self.texts:
            return self.texts[fld]
        if fld.endswith("_full") and fld[:-5] in self.phones:
            return self.phones[fld[:-5]][0]
        if fld in self.phones:
            return self.phones[fld][1]
        return None

    def row_values(self, i: int) -> dict:
        """One row's values as `RowParser.parse` returns them (a key only for a non-empty value)."""
        out: dict = {"order_no": self.order_no[i]}
        for fld, col in self.checked.items():
            v = col[i]
            if v is not None:
                out[fld] = v
        for fld, col in self.texts.items():
            v = col[i]
            if v:
                out[fld] = v
        for fld, (full, shown) in self.phones.items():
            if full[i]:
                out[fld + "_full"] = full[i]
            if shown[i]:
                out[fld] = shown[i]
        return out


_SOLD = (st.PAID, st.COMPLETED)
_COUNTED = (st.PAID, st.COMPLETED, st.REFUNDED)


class _SingleRowFinisher:
    """`RowParser._line` + `RowParser.add` + `finish_order` for orders of one row, over columns.

    Every step names the row-path rule it mirrors; the equivalence tests hold the two together.
    """

    def __init__(self, parser: RowParser, cols: _ColumnSet) -> None:
        self.parser = parser
        self.cols = cols
        self.line_money = parser.layout.line_money
        self._status_memo: dict[str, str] = {}
        self._after_memo: dict[str, tuple[bool, bool]] = {}

    def _col(self, fld: str, idx: list[int], default: object = None) -> list:
        """The rows `idx` of a field, as the row path's `values.get(fld, default)` reads each."""
        col = self.cols.column(fld)
        if col is None:
            return [default] * len(idx)
        values = list(map(col.__getitem__, idx))
        if default is not None and fld in self.cols.checked:  # texts and phones are '' already
            values = [default if v is None else v for v in values]
        return values

    def _refund_flags(self, text: str) -> tuple[bool, bool]:
        flags = self._after_memo.get(text)
        if flags is None:
            flags = self._after_memo[text] = (st.refund_denied(text or None), st.refund_done(text))
        return flags

    def finish(self, idx: list[int]) -> list[dict]:
        """The finished records of the one-row orders whose rows are `idx`, content hashes included."""
        if not idx:
            return []
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
        lines = [
            [LineRec(*cells)]
            for cells in zip(
                get("sub_order_no", idx, ""), texts["title"], texts["sku"], texts["item_code"],
                texts["item_id"], qty, amounts, line_refunds, line_status, status_raw, afters, strict=True,
            )
        ]  # fmt: skip
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
            "_lines": lines,
        }
        columns["content_hash"] = _hashes(columns)
        keys = tuple(columns)
        return [dict(zip(keys, values, strict=True)) for values in zip(*columns.values(), strict=True)]

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
        for k, address in enumerate(texts["address"]):
            if not address:
                continue
            if platform == "taobao":
                a_name, a_phone, a_prov, a_city, _ = split_taobao_address(address)
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


def _reprs(values: list) -> list[str]:
    first = values[0]
    if values.count(first) == len(values):  # an unmapped field: one value throughout
        return [repr(first)] * len(values)
    return list(map(repr, values))


_LINE_FIELDS = tuple(LINE_HASHED_FIELDS)
_hexdigest = methodcaller("hexdigest")
_utf8 = methodcaller("encode", "utf-8")


def _hashes(columns: dict[str, list]) -> list[str]:
    """`content_hash` of each record, from whole columns: the same text, so the same SHA-1.

    content_hash takes the repr() of [*the order's hashed values, ((the line's values),)]; for a
    one-line order that text is '[' + reprs joined by ', ' + ', ((' + line reprs joined + '),)]'.
    """
    head = [_reprs(columns[f]) for f in HASHED_FIELDS]
    lines = [ln[0] for ln in columns["_lines"]]
    line_parts = [_reprs(list(map(attrgetter(f), lines))) for f in _LINE_FIELDS]
    texts = map(
        "[{}, (({}),)]".format,
        map(", ".join, zip(*head, strict=True)),
        map(", ".join, zip(*line_parts, strict=True)),
    )
    return list(map(_hexdigest, map(sha1, map(_utf8, texts))))
