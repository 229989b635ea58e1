"""Order-level details of the platform fixtures: amounts per order, raw statuses, ids, receivers, lines,
dates.

Expected values are read off the fixture rows (tests/fixtures/fixtures_*.py) and the rules of
/work/shared/metrics.md and formats.md, by hand; see test_platform_fixtures.py for the totals.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import Order
from app.models.orders import OrderLine
from app.services.importer import import_file

PLATFORMS = Path(__file__).resolve().parents[1] / "fixtures" / "platforms"
LEGACY = "taobao_legacy_order.csv"


def _load(store, *files: str):
    result = None
    for name in files:
        result = import_file(store, PLATFORMS / name, backup=False)
    return result


def _order(store, order_no: str) -> dict:
    with store.session_factory() as s:
        row = s.execute(select(Order.__table__).where(Order.order_no == order_no)).mappings().one()
        return dict(row)


def _lines(store, order_no: str) -> list[dict]:
    with store.session_factory() as s:
        oid = s.execute(select(Order.id).where(Order.order_no == order_no)).scalar_one()
        rows = s.execute(
            select(OrderLine.__table__).where(OrderLine.order_id == oid).order_by(OrderLine.line_no)
        )
        return [dict(r) for r in rows.mappings()]


# (file, order id, paid, refund, net, valid): amounts in fen, worked out from the fixture rows
ORDER_MONEY = [
    # 退款金额 20.00 = 总金额 256.00 − 实付 236.00: a repeated discount, not a refund
    (LEGACY, "5122010566012398447", 23600, 0, 23600, True),
    (LEGACY, "5122108839904417350", 20000, 5000, 15000, True),  # genuine partial refund
    (LEGACY, "5122150078865432109", 15900, 15900, 0, False),  # closed after payment, refunded in full
    ("taobao_order.xlsx", "4061262233445566778", 48000, 0, 48000, True),  # 40.00 = 520.00 − 480.00
    ("taobao_order.xlsx", "4061270011223344556", 19900, 6000, 13900, True),
    ("taobao_item.csv", "4102345678901234501", 9800, 3900, 5900, True),  # 59.00 + 39.00; 39.00 back
    # 退款状态 没有申请退款, 退款金额 20.00 = 应付 258.00 − 实付 238.00: no money went back
    ("taobao_item.csv", "4102345678901234601", 23800, 0, 23800, True),
    ("taobao_item.csv", "4102345678901234801", 16800, 5000, 11800, True),  # partial refund keeps 交易成功
    ("douyin.csv", "6917926768823643751", 135890, 0, 135890, True),  # 1,299.00 + 59.90 per line
    ("douyin.csv", "6918001122334455660", 14880, 3990, 10890, True),  # 89.00 + 39.90 + 19.90; 39.90 refunded
    ("jd.xlsx", "301234567890", 29700, 0, 29700, True),  # 应付金额 297.00 on both SKU rows: once
    ("pdd.xlsx", "250521-778899001122334", 26400, 0, 26400, True),
    ("youzan_order.xlsx", "E20250601103015012345678", 358000, 120000, 238000, True),  # 3,580.00 − 1,200.00
    ("youzan_item.xlsx", "E20250610100000011111111", 120000, 0, 120000, True),  # 1,080.00 + 120.00
    ("youzan_item.xlsx", "E20250611100000022222222", 25800, 5900, 19900, True),  # 199.00 + 59.00; 59.00 back
    ("wechat.xlsx", "3705512345678901234", 23800, 9000, 14800, True),  # 238.00 once; 0.00 + 90.00 refunded
    ("wechat.xlsx", "3705512345678901241", 15600, 0, 15600, True),  # 156.00 on both rows: once
    ("generic.xlsx", "774695274341076", 12000, 0, 12000, True),  # 88.00 + 32.00 per line
    ("generic.xlsx", "774695274341078", 12000, 2000, 10000, True),
]  # fmt: skip


@pytest.mark.parametrize(("file", "order_no", "paid", "refund", "net", "valid"), ORDER_MONEY)
def test_order_amounts(store, file, order_no, paid, refund, net, valid) -> None:
    _load(store, file)
    o = _order(store, order_no)
    assert (o["paid_fen"], o["refund_fen"], o["net_fen"], o["is_valid"]) == (paid, refund, net, valid)


# (file, order id, normalised status, raw status text exactly as exported)
RAW_STATUSES = [
    (LEGACY, "5121938870012345678", "paid", "买家已付款，等待卖家发货"),  # full-width comma kept
    (LEGACY, "5122004417735521096", "paid", "买家已付款,等待卖家发货"),  # ASCII comma kept
    (LEGACY, "5122133001287765432", "cancelled", "交易关闭"),
    ("taobao_item.csv", "4102345678901234501", "completed", "交易成功 / 交易关闭"),
    ("douyin.csv", "6918200011122233344", "refunded", "已关闭"),
    ("pdd.xlsx", "250519-445566778899001", "refunded", "已发货，退款成功"),
    ("pdd.xlsx", "250519-334455667788990", "paid", "已发货，待签收"),
    ("jd.xlsx", "301234567892", "refunded", "(删除)等待出库"),
    ("kuaishou.xlsx", "2412098765432104", "refunded", "交易成功"),
    ("youzan_order.xlsx", "E20250605160000056789012", "unpaid", "待付款"),
    ("wechat.xlsx", "3705512345678901243", "cancelled", "已取消"),
]


@pytest.mark.parametrize(("file", "order_no", "status", "raw"), RAW_STATUSES)
def test_status_normalised_and_raw_kept(store, file, order_no, status, raw) -> None:
    _load(store, file)
    o = _order(store, order_no)
    assert o["status"] == status
    for part in raw.split(" / "):  # a multi-line order keeps every line's raw text
        assert part in o["status_raw"]


def test_taobao_legacy_cleaning(store) -> None:
    _load(store, LEGACY)
    o = _order(store, "5121910154426014049")  # ="5121910154426014049" in the file
    # the ' in front of the mobile is dropped
    assert (o["buyer_nick"], o["receiver_name"], o["phone"]) == ("晴天小猪", "张晓晴", "13858123456")
    assert (o["province"], o["city"]) == ("浙江省", "杭州市")  # tokens 0 and 1 of 收货地址
    assert o["merchant_net_fen"] == 12800  # "128.00元"
    assert o["order_time"] == datetime(2024, 3, 5, 14, 7, 33)  # payment time


def test_taobao_legacy_item_report_adds_lines(store) -> None:
    result = _load(store, LEGACY, "taobao_legacy_item.csv")
    # lines for 5 orders of the order report; the 8th row's order 5122300011122233344 is unknown
    assert (result.orders_new, result.orders_updated) == (0, 5)
    assert [(r.row, r.column, r.code, r.value) for r in result.rejected] == [
        (9, "订单编号", "order_not_found", "5122300011122233344")
    ]
    lines = _lines(store, "5122010566012398447")
    assert [(ln["title"], ln["quantity"], ln["amount_fen"]) for ln in lines] == [
        ("黑胡桃木茶几 小户型", 1, 16800),  # 168.00 × 1
        ("棉麻抱枕套 45x45", 2, 8800),  # 44.00 × 2
    ]
    assert _order(store, "5122010566012398447")["paid_fen"] == 23600  # order figures untouched


def test_taobao_new_order_composite_address(store) -> None:
    _load(store, "taobao_order.xlsx")
    first = _order(store, "4061238123456789012")  # 李娜，86-13912345678，江苏省 南京市 建邺区 …
    assert (first["receiver_name"], first["phone"], first["province"], first["city"]) == (
        "李娜", "13912345678", "江苏省", "南京市",
    )  # fmt: skip
    assert first["merchant_net_fen"] == 29900  # "299.00元"
    assert _order(store, "4061311122233344455")["merchant_net_fen"] == 125903  # "1259.03元"
    # the same full mobile in 收货地址 names the same customer
    assert _order(store, "4061270011223344556")["customer_id"] == first["customer_id"]
    masked = _order(store, "4061245500987654321")  # 浙江省 宁波市 鄞州区 首南街道****
    assert (masked["province"], masked["city"], masked["phone"]) == ("浙江省", "宁波市", "")


def test_taobao_item_sub_orders(store) -> None:
    _load(store, "taobao_item.csv")
    lines = _lines(store, "4102345678901234501")
    assert [(ln["sub_order_no"], ln["status"], ln["status_raw"]) for ln in lines] == [
        ("4102345678901234502", "completed", "交易成功"),
        ("4102345678901234503", "refunded", "交易关闭"),  # closed after payment, 退款成功
    ]


def test_excel_resaved_taobao(store) -> None:
    result = _load(store, "taobao_excel_resaved.csv")
    assert [(r.row, r.column, r.code, r.value) for r in result.rejected] == [
        (3, "订单编号", "id_scientific", "5.12241E+18"),
        (5, "订单编号", "id_scientific", "5.12241E+18"),
    ]
    o = _order(store, "5122401122334455667")
    assert (o["created_at"], o["paid_at"]) == (datetime(2024, 3, 5, 14, 2), datetime(2024, 3, 5, 14, 7))
    assert o["finished_at"] == datetime(2024, 3, 12, 9, 15)  # "2024/3/12 9:15"


def test_douyin_ids_and_lines(store) -> None:
    _load(store, "douyin.csv")
    lines = _lines(store, "6918001122334455660")  # "\t6918001122334455660" in the file
    assert [(ln["sub_order_no"], ln["amount_fen"], ln["status"]) for ln in lines] == [
        ("6918001122334455661", 8900, "completed"),
        ("6918001122334455662", 3990, "refunded"),  # 售后状态 退款成功
        ("6918001122334455663", 1990, "completed"),  # 售后状态 售后关闭: nothing went back
    ]
    assert lines[1]["after_sale_raw"] == "退款成功"
    assert lines[0]["title"] == "快充数据线 1m"  # leading tab gone
    o = _order(store, "6917926768823643751")
    assert (o["finished_at"], o["shipped_at"]) == (datetime(2025, 5, 20, 10, 0), datetime(2025, 5, 12, 17, 0))
    assert _order(store, "6918123456789012345")["finished_at"] is None  # "-"


def test_pdd_quirks(store) -> None:
    _load(store, "pdd.xlsx")
    blank = _order(store, "250521-778899001122334")  # 订单成交时间 "\t", province "****"
    # formats.md §3.1: the date prefix of the order number stands in for the missing date
    assert blank["created_at"] == datetime(2025, 5, 21)
    assert "*" not in blank["province"]
    shipped = _order(store, "250517-607198974342268")
    assert shipped["created_at"] == datetime(2025, 5, 17, 10, 2, 11)
    assert shipped["finished_at"] == datetime(2025, 5, 28, 10, 0)
    assert _order(store, "250518-223344556677889")["shipped_at"] is None  # "\t"


def test_pdd_excel_serial_dates(store) -> None:
    _load(store, "pdd_serial_dates.xlsx")
    # serial 45717 = 2025-03-01 (45292 = 2024-01-01, + 366 + 31 + 28); fraction × 24 h
    assert _order(store, "250301-100000000000001")["created_at"] == datetime(2025, 3, 1, 10, 30)  # .4375
    assert _order(store, "250301-100000000000001")["finished_at"] == datetime(2025, 3, 6, 12, 0)  # 45722.5
    assert _order(store, "250302-100000000000002")["created_at"] == datetime(2025, 3, 2, 18, 0)  # 45718.75
    assert _order(store, "250303-100000000000003")["created_at"] == datetime(2025, 3, 3)  # 45719.0


def test_jd_rows_and_masks(store) -> None:
    _load(store, "jd.xlsx")
    o = _order(store, "301234567890")  # a number cell in the sheet
    assert o["merchant_net_fen"] == 28750  # "287.50（系统计算中，该值仅供参考）", once
    assert o["phone"] == "1******6198"  # masked: kept as shown, never a mobile
    assert (o["buyer_id"], o["province"], o["city"]) == ("jd_7a8b9c0d", "广东省", "深圳市")
    assert [(ln["title"], ln["quantity"]) for ln in _lines(store, "301234567890")] == [
        ("破壁料理机 1.75L", 1), ("料理机替换刀组", 2),
    ]  # fmt: skip
    assert _order(store, "301234567895")["customer_id"] == o["customer_id"]  # same 下单帐号


def test_kuaishou_title_row_and_ids(store) -> None:
    result = _load(store, "kuaishou.xlsx")
    assert result.rows == 6
    o = _order(store, "2412098765432101")  # 16 digits, text
    assert (o["created_at"], o["paid_at"]) == (datetime(2025, 6, 10, 10, 0), datetime(2025, 6, 10, 10, 0, 5))
    assert (o["province"], o["city"]) == ("河南省", "郑州市")


def test_youzan_duplicate_header_and_members(store) -> None:
    _load(store, "youzan_order.xlsx")
    o = _order(store, "E20250601103015012345678")
    assert (o["buyer_nick"], o["phone"]) == ("小米粥", "13800138001")
    assert _order(store, "E20250604150000045678901")["customer_id"] == o["customer_id"]  # 小米粥 again
