"""The column-wise import path gives exactly the row path's orders, hashes and rejections.

Both parse the same sheet (no store involved): every platform fixture, then the fixtures with their
cells mutated into every quirk formats.md lists (hypothesis), written as real xlsx files.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from app.models.bulk import sqlite_datetime
from app.services import importer
from app.services.import_columns import parse_sheet_columns
from app.services.import_finish_columns import STORED_DATE_FIELDS, STORED_DATES
from app.services.import_parse import RowParser, finish_order
from app.services.importer import import_file
from app.services.readers import open_sheets
from app.services.sheet_parts import ReadWhole, parts_of
from app.services.values import BadValue, parse_id
from app.services.xlsx_fast import write_xlsx

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "platforms"
FILES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".xlsx", ".xls", ".csv"))
# Fixtures with numbers and text in one mapped column (amounts, "\t" placeholders): calamine reads them.
MIXED_KIND_COLUMNS = {"pdd.xlsx", "pdd_serial_dates.xlsx", "taobao_order.xlsx"}
SINGLE_KIND_COLUMNS = {n for n in FILES if n.endswith(".xlsx")} - MIXED_KIND_COLUMNS


def _parser(plan) -> RowParser:
    det = plan.detection
    return RowParser(det.layout, det.mapping, plan.headers, plan.platform)


def _key(r):
    return (r.row, r.column, r.code, r.value)


def _column_side(plan, sheet) -> tuple:
    parser = _parser(plan)
    records: list[dict] = []
    rejected, rows = parse_sheet_columns(parser, sheet, plan.header_index + 2, records.extend, lambda: False)
    return records, sorted(rejected, key=_key), rows, parser.unknown_statuses


def all_paths(path: Path) -> tuple[tuple, tuple, tuple | None]:
    """(records, rejections, rows, unknown statuses) from the row path, from the column path on
    calamine's rows, and from the column path on fastexcel's columns (None when the sheet is not
    all text in its mapped columns, so fastexcel is not used for it)."""
    plan = importer._plan(path, None, None, None)
    row_parser = _parser(plan)
    by_rows: list[dict] = []
    rejected, rows = importer._parse(
        plan, row_parser, lambda acc: by_rows.append(finish_order(acc)), lambda *a: None, lambda: False, None
    )
    plan.sheet.release()
    columns = plan.sheet.columns_below(plan.header_index, plan.detection.mapping.values())
    by_fastexcel = None if columns is None else _column_side(plan, columns)
    sheet_rows = list(itertools.islice(plan.sheet.rows(), plan.header_index + 1, None))
    by_calamine = _column_side(plan, sheet_rows)
    return (by_rows, sorted(rejected, key=_key), rows, row_parser.unknown_statuses), by_calamine, by_fastexcel


def _assert_equal(side: tuple, row_side: tuple) -> None:
    by_rows, by_cols = row_side[0], side[0]
    assert [r["order_no"] for r in by_cols] == [r["order_no"] for r in by_rows]
    for a, b in zip(by_rows, by_cols, strict=True):
        stored = b.pop(STORED_DATES, None)  # the dates' text for the store, when the cells were clean
        if stored is not None:
            assert stored == tuple(a[f] and sqlite_datetime(a[f]) for f in STORED_DATE_FIELDS)
        assert b == a, a["order_no"]
    assert side[1:] == row_side[1:]


def parts_sides(path: Path) -> list[tuple | None]:
    """The column path on the sheet read in parts (sheet_parts.py) as small as they come (each order a
    part of its own): each part read as the sheet's first rows decide, then each tried with fastexcel
    first (calamine reading the parts it refuses). None for a side whose parts gave up (ReadWhole: an
    order's rows apart from each other, so in two parts), which the importer then reads whole."""
    sides: list[tuple | None] = []
    for by_calamine in (None, False):
        plan = importer._plan(path, None, None, None)
        det = plan.detection
        mapped, key = det.mapping.values(), det.mapping["order_no"]
        parts = parts_of(
            plan.sheet, plan.header_index, mapped, key, split_above=0, part_bytes=1, by_calamine=by_calamine
        )
        assert parts is not None, "an xlsx sheet whose header has a cell in column A can be read in parts"
        try:
            sides.append(_column_side(plan, parts))
        except ReadWhole:
            sides.append(None)
        finally:
            parts.close()
    return sides


def _orders_apart(path: Path) -> bool:
    """Some order id is in two rows that the parts may put apart: with another row between them, or
    written two ways (`\t123` and `123.0`: each part is cut where the cells differ)."""
    plan = importer._plan(path, None, None, None)
    column = plan.detection.mapping["order_no"]
    cells = [row[column] if len(row) > column else None for row in plan.sheet.rows()][plan.header_index + 1 :]

    def order_id(cell):
        try:
            return parse_id(cell)
        except BadValue:
            return None

    runs = [(order_id(cell), cell) for cell, _ in itertools.groupby(cells)]
    ids = [i for i, _cell in runs if i is not None]
    return len(ids) != len(set(ids))


def assert_same(path: Path) -> tuple[list[dict], bool]:
    """The orders of `path`, the same all ways; and whether fastexcel's columns were among them."""
    row_side, calamine_side, fastexcel_side = all_paths(path)
    _assert_equal(calamine_side, row_side)
    if fastexcel_side is not None:
        _assert_equal(fastexcel_side, row_side)
    if path.suffix == ".xlsx":
        for side in parts_sides(path):
            if side is None:
                assert _orders_apart(path), "the parts gave up on a sheet whose orders' rows are together"
            else:
                _assert_equal(side, row_side)
    return row_side[0], fastexcel_side is not None


def test_the_stored_dates_are_the_orders_date_columns_in_order():
    from app.services.import_store import ORDER_DATES_BUT_TIME

    assert STORED_DATE_FIELDS == ORDER_DATES_BUT_TIME  # BatchWriter unpacks them in this order


def test_a_line_tuple_is_the_line_columns_in_order():
    """The column-wise path keeps each one-line order's line as one tuple: the writer inserts it after
    (order_id, line_no) and a re-import compares it with the stored line as it is."""
    from dataclasses import fields

    from app.services.import_parse import LINE_COMPARED_FIELDS, LineRec
    from app.services.import_store import LINE_COLUMNS

    assert tuple(f.name for f in fields(LineRec)) == LINE_COMPARED_FIELDS == tuple(LINE_COLUMNS[1:])


@pytest.mark.parametrize("name", FILES)
def test_each_platform_fixture_gives_the_same_orders_both_ways(name):
    records, by_fastexcel = assert_same(FIXTURES / name)
    assert records, "the fixture has orders"
    # fastexcel reads an xlsx sheet whose mapped columns each hold one kind of cell (text or numbers).
    assert by_fastexcel == (name in SINGLE_KIND_COLUMNS)


def test_the_import_of_a_whole_sheet_goes_column_wise_and_keeps_its_figures(tmp_path, monkeypatch):
    """The same xlsx imported through each path: same orders, money, customers and rejections."""
    from sqlalchemy import select

    from app.models import Order
    from app.models.db import open_store

    results = {}
    for wise in (True, False):
        monkeypatch.setattr(importer, "COLUMN_WISE", wise)
        store = open_store(tmp_path / f"s{wise}.sqlite")
        res = import_file(store, FIXTURES / "taobao_order.xlsx", backup=False)
        with store.engine.connect() as conn:
            query = select(Order.order_no, Order.net_fen, Order.status, Order.paid_at, Order.address)
            orders = conn.execute(query.order_by(Order.id)).all()
        store.dispose()
        results[wise] = (res.orders_new, res.customers_new, len(res.rejected), orders)
    assert results[True] == results[False]
    assert results[True][0] > 0


# ---- the fixtures with quirky cells --------------------------------------------------------------

QUIRKS = [
    lambda v: "",
    lambda v: "-",
    lambda v: "——",
    lambda v: "null",
    lambda v: "\t" + str(v),
    lambda v: f" {v} ",
    lambda v: f'="{v}"',
    lambda v: f"{v}.0",
    lambda v: f"{v}\t",
    lambda v: "'" + str(v),
    lambda v: "¥" + str(v),
    lambda v: f"{v}元",
    lambda v: "1,234.50",
    lambda v: "99999.00",
    lambda v: "0.00",
    lambda v: "0",
    lambda v: "abc",
    lambda v: "2026/3/1 9:05",
    lambda v: "2026-13-01 10:00:00",
    lambda v: "0000-00-00 00:00:00",
    lambda v: "45292.5",
    lambda v: 45292.5,
    lambda v: 12.5,
    lambda v: 3.0,
    lambda v: 13812345678.0,
    lambda v: 5.12191e18,
    lambda v: True,
    lambda v: "138****5678",
    lambda v: "86-13812345678",
    lambda v: "退款成功",
    lambda v: "已关闭",
    lambda v: "无退款申请",
    lambda v: "(删除)交易关闭",
    lambda v: "张三，86-13812345678，浙江省 杭州市 西湖区 文三路",
    lambda v: "广东省深圳市南山区科技园",
]
XLSX_SOURCES = [name for name in FILES if name != "jd_resaved.xls"]


def _table(path: Path) -> tuple[int, list[int], list[list]]:
    """Header index, the mapped columns (where quirks matter) and every row of a fixture."""
    plan = importer._plan(path, None, None, None)
    rows = [["" if v is None else v for v in r] for r in plan.sheet.rows()]
    return plan.header_index, sorted(set(plan.detection.mapping.values())), rows


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    source=hs.sampled_from(XLSX_SOURCES),
    edits=hs.lists(
        hs.tuples(hs.integers(0, 10**6), hs.integers(0, 10**6), hs.integers(0, len(QUIRKS) - 1)),
        max_size=30,
    ),
    copies=hs.lists(hs.integers(0, 10**6), max_size=4),
    blanks=hs.lists(hs.integers(0, 10**6), max_size=2),
)
def test_quirky_cells_give_the_same_orders_both_ways(tmp_path_factory, source, edits, copies, blanks):
    header, mapped, rows = _table(FIXTURES / source)
    head, data = rows[: header + 1], rows[header + 1 :]
    width = len(rows[header])
    for r, c, q in edits:
        row = data[r % len(data)]
        c = mapped[c % len(mapped)]
        row[c] = QUIRKS[q](row[c])
    for r in copies:  # a second row of an order: multi-row orders and line money added up
        data.insert(r % (len(data) + 1), list(data[r % len(data)]))
    for r in blanks:
        data.insert(r % (len(data) + 1), [""] * width)
    path = tmp_path_factory.mktemp("quirks") / "sheet.xlsx"
    write_xlsx(path, head + data)
    assert_same(path)
    # The header found in the first rows streamed from the zip is the one calamine's rows give.
    sheet = open_sheets(path)[0]
    scanned = sheet.scan_head(importer.HEADER_SCAN_ROWS, importer._find_header)
    assert importer._find_header(scanned) == header
    assert [str(v or "") for v in scanned[header]] == [str(v) for v in head[header]][: len(scanned[header])]


def _mutated(source: str, rng, edits: int, *, keep_kinds: bool = False) -> list[list]:
    """A fixture with `edits` quirky cells; `keep_kinds`: text quirks in columns of text, numbers in
    columns of numbers (so a sheet read by fastexcel still is)."""
    header, mapped, rows = _table(FIXTURES / source)
    head, data = rows[: header + 1], rows[header + 1 :]
    numeric = {c for c in mapped if any(isinstance(r[c], int | float) for r in data if len(r) > c)}
    for _ in range(edits):
        row = rng.choice(data)
        c = rng.choice(mapped)
        while True:
            value = rng.choice(QUIRKS)(row[c])
            if not keep_kinds or value == "" or type(value) is (float if c in numeric else str):
                break
        row[c] = value
    for _ in range(rng.randint(0, 3)):
        data.insert(rng.randint(0, len(data)), list(rng.choice(data)))
    width = len(rows[header])
    data.insert(rng.randint(0, len(data)), [""] * width)  # a blank row: skipped
    unmapped = [c for c in range(width) if c not in mapped]
    if unmapped:  # no order id, but not blank: rejected
        lone = [""] * width
        lone[rng.choice(unmapped)] = "备注"
        data.insert(rng.randint(0, len(data)), lone)
    return head + data


@pytest.mark.parametrize("source", XLSX_SOURCES)
def test_many_seeded_mutations_give_the_same_orders_both_ways(tmp_path, source):
    """Denser than the hypothesis test: 12 sheets per fixture, each with 40 quirky cells."""
    import random

    rng = random.Random(f"columns-{source}")
    by_fastexcel = 0
    for n in range(12):
        keep_kinds = n % 2 == 0  # half the sheets keep each mapped column to one kind of cell
        path = write_xlsx(tmp_path / f"{n}.xlsx", _mutated(source, rng, 40, keep_kinds=keep_kinds))
        read_by_fastexcel = assert_same(path)[1]
        by_fastexcel += read_by_fastexcel
        if keep_kinds and source not in MIXED_KIND_COLUMNS:
            assert read_by_fastexcel
    # A column of text with a number in it (or the other way round) is left to calamine.
    assert by_fastexcel < 12


def test_a_pdd_order_without_its_creation_time_stores_the_date_from_its_id(tmp_path):
    """The stored text of a date taken from the order id (not from a cell) is formatted like the rest."""
    header, mapped, rows = _table(FIXTURES / "pdd.xlsx")
    plan = importer._plan(FIXTURES / "pdd.xlsx", None, None, None)
    m = plan.detection.mapping
    data = rows[header + 1 :]
    for row in data:  # clean dates, so the column path keeps the cells' text for the store
        for fld in ("created_at", "shipped_at", "finished_at"):
            if row[m[fld]] == "\t":
                row[m[fld]] = ""
    data[0][m["created_at"]] = ""  # 250517-607198974342268: created 2025-05-17 00:00:00
    path = write_xlsx(tmp_path / "pdd.xlsx", rows[: header + 1] + data)
    _, calamine_side, _ = all_paths(path)
    first = calamine_side[0][0]
    assert first["order_no"] == "250517-607198974342268"
    assert first[STORED_DATES][0] == "2025-05-17 00:00:00.000000"
    assert_same(path)


@settings(max_examples=300, deadline=None)
@given(
    hs.lists(
        hs.text(
            hs.sampled_from(" \t\n\u3000\xa0\x1c\u2028=\"'-a中") | hs.characters(exclude_characters="\x00"),
            max_size=6,
        ),
        min_size=1,
        max_size=8,
    )
)
def test_a_text_column_is_clean_text_of_each_cell(cells):
    """The whole-column check of text cells agrees with clean_text on any text (any whitespace)."""
    from app.services.import_columns import _texts
    from app.services.values import clean_text

    assert _texts(cells) == [clean_text(c) for c in cells]
