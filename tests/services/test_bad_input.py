"""Bad input gets a clear message and leaves the store untouched; bad rows are rejected with row and
column."""

import pytest
from sqlalchemy import select

from app.models import ImportRejection, Order
from app.services.errors import ImportFailed
from app.services.importer import import_file
from app.services.stats import store_stats
from app.services.xlsx_fast import write_xlsx
from app.texts import message
from tests.helpers import TAOBAO_ORDER_HEADER, taobao_row, write_csv, write_taobao_xlsx


def _fails(store, path, code):
    before = store_stats(store)
    with pytest.raises(ImportFailed) as err:
        import_file(store, path)
    assert err.value.code == code
    after = store_stats(store)
    assert (after.orders, after.customers, after.batches) == (before.orders, before.customers, before.batches)
    return err.value


def test_not_a_spreadsheet(store, tmp_path):
    png = tmp_path / "photo.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    err = _fails(store, png, "not_spreadsheet")
    assert "photo.xlsx" in message(err.code, err.params, "en")


def test_truncated_xlsx_is_reported_as_damaged(store, tmp_path):
    good = write_taobao_xlsx(tmp_path / "good.xlsx", [taobao_row("5121910154426014049")])
    data = good.read_bytes()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(data[: len(data) // 2])
    _fails(store, broken, "corrupt_file")


def test_empty_files_and_sheets(store, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    _fails(store, empty, "empty_sheet")
    blank = write_xlsx(tmp_path / "blank.xlsx", [])
    _fails(store, blank, "empty_sheet")


def test_no_recognisable_header(store, tmp_path):
    path = write_csv(tmp_path / "notes.csv", ["日期", "备注", "金额"], [["2026-01-01", "进货", "100"]])
    err = _fails(store, path, "no_header")
    zh = message(err.code, err.params, "zh_CN")
    assert "notes.csv" in zh


def test_required_column_missing_names_the_column(store, tmp_path):
    header = [h for h in TAOBAO_ORDER_HEADER if h != "订单状态"]
    row = taobao_row("5121910154426014049")
    row = [v for h, v in zip(TAOBAO_ORDER_HEADER, row, strict=True) if h != "订单状态"]
    path = write_xlsx(tmp_path / "nostatus.xlsx", [header, row])
    for platform in (None, "taobao"):
        err = _fails(store, path, "missing_column") if platform is None else None
        if platform:
            with pytest.raises(ImportFailed) as caught:
                import_file(store, path, platform=platform)
            err = caught.value
        assert err.params["column"] == "订单状态"
        assert "订单状态" in message(err.code, err.params, "zh_CN") or "订单状态" in message(
            err.code, err.params
        )


def test_bad_dates_and_amounts_reject_their_rows_with_row_and_column(store, tmp_path):
    rows = [
        taobao_row("5121910154426014049"),
        taobao_row("5121910154426014050", paid="十二块"),
        taobao_row("5121910154426014051", created="2026-02-30 10:00:00"),
        taobao_row("5121910154426014052"),
    ]
    res = import_file(store, write_taobao_xlsx(tmp_path / "mixed.xlsx", rows))
    assert res.orders_new == 2
    got = {(r.row, r.column, r.code) for r in res.rejected}
    assert got == {(3, "买家实付金额", "bad_amount"), (4, "订单创建时间", "bad_date")}
    with store.session_factory() as s:
        stored = s.execute(select(ImportRejection.row, ImportRejection.column)).all()
    assert sorted(stored) == [(3, "买家实付金额"), (4, "订单创建时间")]


def test_excel_destroyed_ids_are_rejected_not_guessed(store, tmp_path):
    header = TAOBAO_ORDER_HEADER
    rows = [taobao_row("5.12191E+18"), taobao_row("5121910154426014049")]
    res = import_file(store, write_csv(tmp_path / "resaved.csv", header, rows, encoding="gbk"))
    assert res.orders_new == 1
    assert [(r.row, r.column, r.code, r.value) for r in res.rejected] == [
        (2, "订单编号", "id_scientific", "5.12191E+18")
    ]
    # a numeric cell that lost its digits in xlsx is caught as well
    res = import_file(store, write_taobao_xlsx(tmp_path / "num.xlsx", [taobao_row(5.121910154426014e18)]))
    assert res.rejected[0].code == "id_scientific"


def test_formula_like_values_are_kept_as_plain_text(store, tmp_path):
    row = taobao_row("5121910154426014049", name='=HYPERLINK("http://x")', title="+1 赠品", nick="@buyer")
    import_file(store, write_taobao_xlsx(tmp_path / "f.xlsx", [row]))
    with store.session_factory() as s:
        o = s.execute(select(Order)).scalar_one()
    assert (o.receiver_name, o.items_summary, o.buyer_nick) == ('=HYPERLINK("http://x")', "+1 赠品", "@buyer")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk", "gb18030"])
def test_csv_encodings(store, tmp_path, encoding):
    name = "䶮先生" if encoding == "gb18030" else "张三"  # 䶮 is outside GBK
    rows = [taobao_row("5121910154426014049", name=name, nick="茶友")]
    import_file(store, write_csv(tmp_path / "orders.csv", TAOBAO_ORDER_HEADER, rows, encoding=encoding))
    with store.session_factory() as s:
        o = s.execute(select(Order)).scalar_one()
    assert (o.receiver_name, o.buyer_nick) == (name, "茶友")
