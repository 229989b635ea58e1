"""The readers: calamine and the streaming path agree; a wrong <dimension> loses nothing (Q15)."""

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from app.models.db import open_store
from app.services import readers
from app.services.importer import import_file
from app.services.readers import open_sheets
from app.services.stats import store_stats
from app.services.xlsx_fast import write_xlsx
from tests.helpers import TAOBAO_ORDER_HEADER, taobao_row, write_csv, write_taobao_xlsx


def test_wrong_dimension_still_reads_every_row(store, tmp_path):
    rows = [taobao_row(str(5121910154426014049 + i)) for i in range(30)]
    path = write_taobao_xlsx(tmp_path / "dim.xlsx", rows, dimension="A1")
    import openpyxl  # the quirk is real: openpyxl's read-only mode trusts the dimension

    assert len(list(openpyxl.load_workbook(path, read_only=True).active.values)) == 1
    assert import_file(store, path).orders_new == 30


def test_streaming_reader_matches_calamine(tmp_path, monkeypatch):
    rows = [
        ["订单号", "金额", "日期", "备注"],
        ["1", 12.5, 45321.5, "a&b <c>"],
        [],
        ["3", 7, None, "=SUM(A1)"],
    ]
    for shared in (False, True):
        path = write_xlsx(tmp_path / f"s{shared}.xlsx", rows, shared_strings=shared)
        calamine = [list(r) for r in open_sheets(path)[0].rows()]
        monkeypatch.setattr(readers, "STREAM_XLSX_ABOVE", 0)
        streamed = [list(r) for r in open_sheets(path)[0].rows()]
        monkeypatch.setattr(readers, "STREAM_XLSX_ABOVE", 200 * 1024 * 1024)
        norm = lambda rs: [[v for v in r if v not in (None, "")] for r in rs]  # noqa: E731
        assert norm(streamed) == norm(calamine)
        assert norm(streamed)[1] == ["1", 12.5, 45321.5, "a&b <c>"]


def test_streaming_path_imports_the_same_numbers(tmp_path, monkeypatch):
    from app.models.db import open_store

    data = [taobao_row(str(4000000000000000000 + i), paid=f"{i}.{i % 100:02d}") for i in range(1, 200)]
    path = write_taobao_xlsx(tmp_path / "t.xlsx", data, shared_strings=True)
    a = open_store(tmp_path / "a.sqlite")
    import_file(a, path)
    monkeypatch.setattr(readers, "STREAM_XLSX_ABOVE", 0)
    b = open_store(tmp_path / "b.sqlite")
    import_file(b, path)
    assert (
        store_stats(a).net_sales_fen
        == store_stats(b).net_sales_fen
        == sum(i * 100 + i % 100 for i in range(1, 200))
    )


def test_excel_serial_dates_and_datetime_cells(store, tmp_path):
    row = taobao_row("5121910154426014049", created=46082.5, paid_at=datetime(2026, 3, 1, 12, 30))
    path = write_xlsx(tmp_path / "d.xlsx", [TAOBAO_ORDER_HEADER, row])
    import_file(store, path)
    from sqlalchemy import select

    from app.models import Order

    with store.session_factory() as s:
        o = s.execute(select(Order)).scalar_one()
    assert o.created_at == datetime(2026, 3, 1, 12, 0)
    assert o.paid_at == datetime(2026, 3, 1, 12, 30)


def _damage_sheet_part(src, dst):
    """A copy of an xlsx whose sheet XML has 40 flipped bytes in its compressed middle."""
    import zipfile

    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    data = bytearray(src.read_bytes())
    for i in range(start, start + 40):
        data[i] ^= 0x5A
    dst.write_bytes(bytes(data))
    return dst


@pytest.mark.parametrize("streamed", [False, True])
def test_a_damaged_sheet_part_is_a_corrupt_file_store_untouched(store, tmp_path, monkeypatch, streamed):
    from app.services.errors import ImportFailed

    if streamed:
        monkeypatch.setattr(readers, "STREAM_XLSX_ABOVE", 0)
    rows = [taobao_row(f"40612381234567{n:05d}") for n in range(3000)]
    good = write_taobao_xlsx(tmp_path / "good.xlsx", rows)
    bad = _damage_sheet_part(good, tmp_path / "bad.xlsx")
    with pytest.raises(ImportFailed) as err:
        import_file(store, bad, backup=False)
    assert err.value.code == "corrupt_file"
    assert store_stats(store).orders == 0


# ---- the shortcuts for xlsx sheets read whole: the header streamed, the columns read by fastexcel ----


def _orders(store) -> list[tuple]:
    from sqlalchemy import select

    from app.models import Order

    with store.engine.connect() as conn:
        q = select(Order.order_no, Order.paid_fen, Order.refund_fen, Order.status, Order.paid_at, Order.city)
        return conn.execute(q.order_by(Order.order_no)).all()


def _import_both_ways(tmp_path, path, monkeypatch) -> tuple[list, list]:
    """The orders `path` gives with the shortcuts and with calamine alone (fresh stores)."""
    from app.models.db import open_store

    out = []
    for shortcuts in (True, False):
        if not shortcuts:
            monkeypatch.setattr(readers.Sheet, "columns_below", lambda *a: None)
            monkeypatch.setattr(readers.Sheet, "scan_head", lambda self, n, find: self.head(n))
        store = open_store(tmp_path / f"s{shortcuts}.sqlite")
        import_file(store, path, backup=False)
        out.append(_orders(store))
        store.dispose()
    return out[0], out[1]


def test_a_text_sheet_is_read_by_fastexcel_and_imports_as_calamine_reads_it(tmp_path, monkeypatch):
    rows = [taobao_row(str(5121910154426014049 + i), paid=f"{10 + i}.50") for i in range(40)]
    rows.insert(7, [""] * len(TAOBAO_ORDER_HEADER))  # a blank row in the middle: skipped both ways
    path = write_taobao_xlsx(tmp_path / "text.xlsx", rows)
    sheet = open_sheets(path)[0]
    assert sheet.scan_head(20, lambda rows: 0)[0][:2] == ["订单编号", "支付单号"]
    columns = sheet.columns_below(0, [0, 5])
    assert columns is not None and len(columns) == 41
    assert columns.cells(0)[:2] == ["5121910154426014049", "5121910154426014050"]
    assert columns.cells(5)[7] == "" and columns.blank(7, [0, 5]) and not columns.blank(8, [0, 5])
    fast, calamine = _import_both_ways(tmp_path, path, monkeypatch)
    assert len(fast) == 40 and fast == calamine


def test_a_column_mixing_numbers_and_text_is_left_to_calamine(tmp_path, monkeypatch):
    rows = [taobao_row(str(5121910154426014049 + i)) for i in range(40)]
    rows[30][5] = 88.5  # a number among the text amounts, below the rows scanned for the header
    rows[35][0] = 5.12191e18  # an id Excel destroyed: rejected, whichever reader
    path = write_taobao_xlsx(tmp_path / "mixed.xlsx", rows)
    sheet = open_sheets(path)[0]
    sheet.scan_head(20, lambda rows: 0)
    read = readers.fastexcel_columns
    with monkeypatch.context() as m:  # seen in the rows streamed for the header scan: fastexcel not asked
        m.setattr(readers, "fastexcel_columns", lambda *a: pytest.fail("fastexcel read a mixed sheet"))
        assert sheet.columns_below(0, [0]) is None  # the ids: text and a number
        assert sheet.columns_below(0, [5]) is None  # the amounts: text and a number
    assert read(str(path), 0, 0, frozenset([5])) is None  # fastexcel refuses the mixed column itself, too
    assert sheet.columns_below(0, [1, 2]) is not None  # other columns: one kind each
    fast, calamine = _import_both_ways(tmp_path, path, monkeypatch)
    assert len(fast) == 39 and fast == calamine
    assert dict((no, paid) for no, paid, *_ in fast)[str(5121910154426014049 + 30)] == 8850


def test_a_sheet_starting_right_of_column_a_finds_its_header_through_calamine(tmp_path, monkeypatch):
    """calamine's rows start at the first used column; the streamed rows at A: no shortcut then."""
    body = [taobao_row(str(5121910154426014049 + i)) for i in range(5)]
    rows = [["", "店铺订单导出"], [], *[["", *r] for r in [TAOBAO_ORDER_HEADER, *body]]]
    path = write_xlsx(tmp_path / "offset.xlsx", rows)
    sheet = open_sheets(path)[0]
    head = sheet.scan_head(20, lambda rows: 2)
    assert head[2][0] == "订单编号"  # calamine's rows: column B first
    fast, calamine = _import_both_ways(tmp_path, path, monkeypatch)
    assert len(fast) == 5 and fast == calamine


def test_fastexcel_text_cells_are_calamines_strings_in_every_script(tmp_path):
    texts = ["", "a", "张三，86-13812345678", "😀 x", "ü&<b>", "", "广东省深圳市 南山区****", "\t12"]
    rows = [["订单编号", "备注"], *[[str(1000 + i), t] for i, t in enumerate(texts)]]
    path = write_xlsx(tmp_path / "scripts.xlsx", rows)
    calamine = [r[1] for r in open_sheets(path)[0].rows()][1:]
    columns = open_sheets(path)[0].columns_below(0, [0, 1])
    assert columns.cells(1) == calamine
    assert calamine[2:5] == ["张三，86-13812345678", "😀 x", "ü&<b>"] and calamine[0] == ""
    assert columns.cells(0) == [str(1000 + i) for i in range(len(texts))]


def test_orders_on_the_second_sheet_with_shared_strings_import_as_calamine_reads_them(tmp_path, monkeypatch):
    """openpyxl writes a sharedStrings part; the orders sit on the second sheet, under a title row."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本文件由店铺后台导出"])
    ws = wb.create_sheet("订单")
    ws.append(["已卖出的宝贝 2026-03"])
    ws.append(TAOBAO_ORDER_HEADER)
    for i in range(25):
        ws.append(taobao_row(str(5121910154426014049 + i), nick=f"买家{i % 7}", paid=f"{20 + i}.00"))
    path = tmp_path / "two_sheets.xlsx"
    wb.save(path)
    sheet = open_sheets(path)[1]
    head = sheet.scan_head(20, lambda rows: 1)
    assert sheet._scanned is not None and head[1][0] == "订单编号"
    columns = sheet.columns_below(1, range(len(TAOBAO_ORDER_HEADER)))
    assert columns is not None and columns.cells(0)[0] == "5121910154426014049"
    fast, calamine = _import_both_ways(tmp_path, path, monkeypatch)
    assert len(fast) == 25 and fast == calamine


def test_a_chart_sheet_before_the_orders_does_not_shift_the_sheet_streamed(tmp_path, monkeypatch):
    import openpyxl
    from openpyxl.chart import BarChart

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    ws.append(TAOBAO_ORDER_HEADER)
    for i in range(12):
        ws.append(taobao_row(str(5121910154426014049 + i)))
    chart = wb.create_chartsheet("图表", 0)
    chart.add_chart(BarChart())
    path = tmp_path / "chart_first.xlsx"
    wb.save(path)
    sheets = open_sheets(path)
    data = next(s for s in sheets if s.name == "订单")
    assert data.part_checked
    fast, calamine = _import_both_ways(tmp_path, path, monkeypatch)
    assert len(fast) == 12 and fast == calamine


@settings(max_examples=200, deadline=None)
@given(
    cells=hs.lists(hs.one_of(hs.none(), hs.text(alphabet=hs.characters(codec="utf-8")))),
    large=hs.booleans(),
)
def test_an_arrow_text_column_comes_out_cell_by_cell(cells, large):
    """Any text (Chinese, empty, NUL, separators) and nulls ('' as calamine gives an empty cell)."""
    import nanoarrow as na

    from app.services.readers import _arrow_texts

    column = na.Array(cells, na.large_string() if large else na.string())
    assert _arrow_texts(column, len(cells)) == [c or "" for c in cells]


def test_a_row_with_text_only_in_columns_not_read_is_skipped_every_way(tmp_path, monkeypatch):
    """No order id and nothing in a mapped column (a note in 物流公司): skipped, not reported, through
    fastexcel's mapped columns, calamine's rows and a csv alike; a row with an amount but no id is
    reported, with its row and column."""
    rows = [taobao_row(str(5121910154426014049 + i), paid=f"{10 + i}.50") for i in range(40)]
    note = [""] * len(TAOBAO_ORDER_HEADER)
    note[13] = "以下为补发订单"  # 物流公司, not mapped
    no_id = [""] * len(TAOBAO_ORDER_HEADER)
    no_id[TAOBAO_ORDER_HEADER.index("买家实付金额")] = "12.00"
    rows[10:10] = [note, no_id]
    xlsx = write_taobao_xlsx(tmp_path / "notes.xlsx", rows)
    csv_path = write_csv(tmp_path / "notes.csv", TAOBAO_ORDER_HEADER, rows)
    assert open_sheets(xlsx)[0].columns_below(0, [0, 6]) is not None  # the fastexcel path is taken
    results = []
    for shortcuts in (True, False):
        if not shortcuts:
            monkeypatch.setattr(readers.Sheet, "columns_below", lambda self, h, m: None)
        for path in (xlsx, csv_path):
            store = open_store(tmp_path / f"s{shortcuts}{path.suffix}.sqlite")
            res = import_file(store, path, backup=False)
            results.append((res.orders_new, [(r.row, r.column, r.code) for r in res.rejected]))
            store.dispose()
    assert results == [(40, [(13, "订单编号", "id_missing")])] * 4
