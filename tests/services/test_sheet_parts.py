"""A large sheet read in parts (sheet_parts.py) lands exactly as the sheet read whole.

The parts are made small here (a few rows each) so that sheets of a few hundred rows are cut into
dozens of parts, orders of several rows among them. Each import is compared, table by table, with
the same file imported into another store with the parts turned off.
"""

from __future__ import annotations

import itertools
import struct
import threading
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from app.models.db import open_store
from app.services import import_columns, importer, readers, sheet_parts
from app.services.errors import ImportCancelled, ImportFailed
from app.services.importer import import_file
from app.services.xlsx_fast import write_xlsx
from tests.helpers import TAOBAO_ORDER_HEADER, taobao_row
from tests.services.test_import_columns import _table

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "platforms"
TABLES = {
    "orders": "SELECT * FROM orders ORDER BY id",
    "order_lines": "SELECT * FROM order_lines ORDER BY id",
    # created_at is the clock at the import: the rest of each customer must be the same
    "customers": "SELECT * FROM customers ORDER BY id",
    "customer_identities": "SELECT * FROM customer_identities ORDER BY id",
    "import_rejections": 'SELECT "row", "column", code, value FROM import_rejections ORDER BY "row"',
    "merge_suggestions": "SELECT * FROM merge_suggestions ORDER BY id",
}


@pytest.fixture
def small_parts(monkeypatch):
    """Every xlsx sheet read in parts of about 2 KB of XML (a few rows)."""
    monkeypatch.setattr(sheet_parts, "SPLIT_ABOVE", 0)
    monkeypatch.setattr(sheet_parts, "PART_BYTES", 2000)
    monkeypatch.setattr(sheet_parts, "FIRST_PART_BYTES", 700)
    calls = []
    original = import_columns._parse_part

    def counted(*args, **kwargs):
        calls.append(args[2])  # the part's first row number
        return original(*args, **kwargs)

    monkeypatch.setattr(import_columns, "_parse_part", counted)
    return calls


def _state(store) -> dict[str, list]:
    out = {}
    with store.engine.connect() as conn:
        for name, query in TABLES.items():
            result = conn.execute(text(query))
            keys = list(result.keys())
            out[name] = [
                tuple(v for k, v in zip(keys, row, strict=True) if k not in ("created_at", "updated_at"))
                for row in result
            ]
    return out


def _import_both(tmp_path: Path, monkeypatch, path: Path):
    """(result, tables) imported in parts, then the same with the parts turned off."""
    out = []
    for in_parts in (True, False):
        monkeypatch.setattr(importer, "IN_PARTS", in_parts)
        store = open_store(tmp_path / f"parts-{in_parts}.sqlite")
        try:
            result = import_file(store, path, backup=False)
            out.append((result, _state(store)))
        finally:
            store.dispose()
    monkeypatch.setattr(importer, "IN_PARTS", True)
    (with_parts, tables), (whole, whole_tables) = out
    assert with_parts.rows == whole.rows > 0
    assert (with_parts.orders_new, with_parts.customers_new, with_parts.rejected) == (
        whole.orders_new,
        whole.customers_new,
        whole.rejected,
    )
    for name in TABLES:
        assert tables[name] == whole_tables[name], name
    return with_parts, tables


def _youzan_items(copies: int, *, text_only: bool) -> list[list]:
    """The Youzan item-level fixture (orders of several rows) copied with new order ids, under a title
    row, with a blank row and a row whose amount is not a number in the middle."""
    header, _mapped, rows = _table(FIXTURES / "youzan_item.xlsx")
    head, data = rows[: header + 1], rows[header + 1 :]
    width = len(head[header])
    out = [["有赞 订单商品明细 导出"] + [""] * (width - 1), *head]
    for k in range(copies):
        for row in data:
            row = list(row)
            row[0] = f"{row[0][:-5]}{k:05d}"
            out.append([str(v) if text_only and v not in (None, "") else v for v in row])
        if k == copies // 2:
            out.append([""] * width)
            bad = list(out[-2])
            bad[0] = f"E2025BAD{k:05d}"
            amount = next(i for i, h in enumerate(head[header]) if "金额" in str(h) or "价" in str(h))
            bad[amount] = "十二元"
            out.append(bad)
    return out


@pytest.mark.parametrize("text_only", [True, False], ids=["all-text", "numbers-and-text"])
def test_a_sheet_in_parts_lands_as_the_sheet_read_whole(tmp_path, monkeypatch, small_parts, text_only):
    path = write_xlsx(tmp_path / "youzan.xlsx", _youzan_items(60, text_only=text_only))
    result, tables = _import_both(tmp_path, monkeypatch, path)
    assert len(small_parts) > 20, "the sheet was read in many parts"
    assert result.orders_new == len(tables["orders"]) > 60
    assert any(n > 1 for n in _lines_per_order(tables)), "orders of several rows"
    # the row numbers of the rejected rows are the sheet's, however the sheet was cut
    assert [r.row for r in result.rejected] == [row for row, *_ in tables["import_rejections"]]
    assert result.rejected and all(r.row > 100 for r in result.rejected)
    assert small_parts[0] == 3  # the first data row: under the title row and the header


def _lines_per_order(tables) -> list[int]:
    counts: dict[int, int] = {}
    for line in tables["order_lines"]:
        counts[line[1]] = counts.get(line[1], 0) + 1
    return list(counts.values())


def _taobao_rows(n: int) -> list[list]:
    return [
        taobao_row(
            f"40612381234{k:08d}",
            nick=f"买家{k % 37}",
            phone=f"139{k % 37:08d}",
            paid=f"{10 + k % 90}.50",
            created=f"2026-03-{1 + k % 28:02d} 10:{k % 60:02d}:00",
            paid_at=f"2026-03-{1 + k % 28:02d} 10:{k % 60:02d}:30",
        )
        for k in range(n)
    ]


def test_an_order_whose_rows_are_apart_is_read_with_the_sheet_whole(tmp_path, monkeypatch, small_parts):
    """Its rows land in two parts: the parts give up, the batch is rolled back and the sheet read whole."""
    rows = _taobao_rows(300)
    rows.insert(250, list(rows[3]))  # the same order again, many parts later
    path = write_xlsx(tmp_path / "apart.xlsx", [TAOBAO_ORDER_HEADER, *rows], sheet_name="export")
    tried = []
    original = importer._import_batch

    def spy(*args):
        tried.append(args[-1] is not None)
        return original(*args)

    monkeypatch.setattr(importer, "_import_batch", spy)
    result, tables = _import_both(tmp_path, monkeypatch, path)
    assert tried[:2] == [True, False]  # in parts first, then whole
    assert result.orders_new == 300 and len(tables["orders"]) == 300


def test_the_rows_of_one_order_are_never_cut_apart(tmp_path, monkeypatch, small_parts):
    """Orders of three rows each, in parts of about one row: each cut waits for the next order."""
    rows = []
    for k in range(80):
        row = taobao_row(f"4061200000{k:09d}", nick=f"n{k}")
        rows += [row, list(row), list(row)]
    path = write_xlsx(tmp_path / "threes.xlsx", [TAOBAO_ORDER_HEADER, *rows], sheet_name="export")
    monkeypatch.setattr(sheet_parts, "PART_BYTES", 1)
    monkeypatch.setattr(sheet_parts, "FIRST_PART_BYTES", 1)
    tried = []
    original = importer._import_batch
    monkeypatch.setattr(importer, "_import_batch", lambda *a: tried.append(a[-1] is not None) or original(*a))
    result, _tables = _import_both(tmp_path, monkeypatch, path)
    assert tried[0] is True and tried[1] is False  # in parts, with nothing to redo; then the whole store
    assert result.orders_new == 80
    assert small_parts[:80] == [2 + 3 * k for k in range(80)]  # one order a part, from its first row


def test_a_sheet_too_large_to_read_whole_is_read_in_parts(tmp_path, monkeypatch, small_parts):
    """Above readers.STREAM_XLSX_ABOVE a sheet used to be streamed row by row (slow); its parts are
    each small, so it is read in parts, with the same result."""
    path = write_xlsx(tmp_path / "big.xlsx", [TAOBAO_ORDER_HEADER, *_taobao_rows(200)], sheet_name="export")
    monkeypatch.setattr(readers, "STREAM_XLSX_ABOVE", 1000)
    assert readers.open_sheets(path)[0].streamed
    result, _tables = _import_both(tmp_path, monkeypatch, path)
    assert result.orders_new == 200
    assert len(small_parts) > 20


def test_cancelling_an_import_in_parts_stops_the_reader(tmp_path, monkeypatch, small_parts):
    path = write_xlsx(tmp_path / "c.xlsx", [TAOBAO_ORDER_HEADER, *_taobao_rows(400)], sheet_name="export")
    store = open_store(tmp_path / "c.sqlite")
    seen = []

    def cancelled() -> bool:
        seen.append(1)
        return len(seen) > 6

    try:
        with pytest.raises(ImportCancelled):
            import_file(store, path, backup=False, cancelled=cancelled)
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM orders")).scalar() == 0
            assert conn.execute(text("SELECT COUNT(*) FROM import_batches")).scalar() == 0
    finally:
        store.dispose()
    assert 1 < len(small_parts) < 100
    assert not [t for t in threading.enumerate() if t.name == "sheet-parts"]


def test_a_damaged_sheet_is_reported_and_the_reader_stopped(tmp_path, small_parts):
    path = write_xlsx(tmp_path / "d.xlsx", [TAOBAO_ORDER_HEADER, *_taobao_rows(400)], sheet_name="export")
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    middle = start + info.compress_size // 2
    data[middle : middle + 40] = bytes(40)  # the deflated rows in the middle, zeroed
    path.write_bytes(bytes(data))
    store = open_store(tmp_path / "d.sqlite")
    try:
        with pytest.raises(ImportFailed):
            import_file(store, path, backup=False)
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM orders")).scalar() == 0
    finally:
        store.dispose()
    assert not [t for t in threading.enumerate() if t.name == "sheet-parts"]


def test_which_sheets_are_read_in_parts(tmp_path):
    rows = [TAOBAO_ORDER_HEADER, *_taobao_rows(50)]

    def parts_for(path: Path, **kw):
        plan = importer._plan(path, None, None, None)
        det = plan.detection
        mapping = det.mapping
        found = sheet_parts.parts_of(
            plan.sheet, plan.header_index, mapping.values(), mapping["order_no"], **kw
        )
        if found is not None:
            found.close()
        return found

    plain = write_xlsx(tmp_path / "plain.xlsx", rows, sheet_name="export")
    assert parts_for(plain) is None  # small: read whole
    assert parts_for(plain, split_above=0) is not None
    shared = write_xlsx(tmp_path / "shared.xlsx", rows, sheet_name="export", shared_strings=True)
    assert parts_for(shared, split_above=0) is not None  # a small table of shared strings is copied
    # the header without a cell in column A: a part's cells could start elsewhere than the sheet's
    shifted = write_xlsx(
        tmp_path / "shifted.xlsx", [["说明"], *(["", *r] for r in rows)], sheet_name="export"
    )
    assert parts_for(shifted, split_above=0) is None
    csv_path = FIXTURES / "douyin.csv"
    assert parts_for(csv_path, split_above=0) is None
    assert sheet_parts.column_letters(0) == b"A" and sheet_parts.column_letters(27) == b"AB"


def test_an_import_in_parts_reports_how_far_through_the_sheet_it_is(tmp_path, small_parts):
    """Each write after the first part says "about n %": the orders to come estimated from the XML
    still to read. The share only grows and ends at the whole sheet."""
    path = write_xlsx(tmp_path / "p.xlsx", [TAOBAO_ORDER_HEADER, *_taobao_rows(300)], sheet_name="export")
    store = open_store(tmp_path / "p.sqlite")
    seen: list[tuple[int, int, str]] = []
    try:
        import_file(store, path, backup=False, progress=lambda d, t, s: seen.append((d, t, s)))
    finally:
        store.dispose()
    about = [(done, total) for done, total, stage in seen if stage == "write_about"]
    assert len(about) > 10
    assert all(0 < done <= total for done, total in about)
    shares = [done / total for done, total in about]
    assert all(b >= a - 0.01 for a, b in itertools.pairwise(shares))  # (the estimate is rounded)
    assert shares[0] < 0.1 < 0.9 < shares[-1]
    assert about[-1][0] == 300 and about[-1][1] - 300 <= 300 * 0.05  # the estimate ends near the count
    assert seen[0][2] == "write"  # before the first part is written nothing is known of the rest
