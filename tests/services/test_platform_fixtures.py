"""Every platform fixture imports with the right layout, orders, statuses and money (built by
tests/fixtures/build_fixtures.py).

Expected figures are worked out BY HAND from /work/shared/metrics.md and formats.md, never by the app:
  * valid order = status paid or completed with net > 0; net = paid − genuine refund;
  * GMV = Σ paid of paid/completed orders; refunds = Σ refund of those; net sales = GMV − refunds;
  * closed after payment = refunded, closed without payment = cancelled; a fully refunded order = refunded;
    a partial refund keeps the order's status;
  * per-line paid amounts add up (Taobao item, Douyin, Youzan item, generic); order-level amounts repeated on
    each row count once (WeChat, JD, PDD, Kuaishou); WeChat 商品已退款金额 is per row and adds up;
  * Taobao 退款金额 == 总金额 − 实付 (or 应付 − 实付 with 退款状态 没有申请退款) is a repeated discount,
    not a refund;
  * Douyin/PDD/JD/Kuaishou have no refund amount: a refunded line refunds its own amount.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import Order
from app.services.importer import import_file
from app.services.stats import store_stats

PLATFORMS = Path(__file__).resolve().parents[1] / "fixtures" / "platforms"
C, P, U, X, R = "completed", "paid", "unpaid", "cancelled", "refunded"


@dataclass(frozen=True)
class Case:
    file: str
    platform: str
    layout: str
    rows: int  # data rows read (rejected ones included)
    statuses: dict[str, str]  # every order id in the file → normalised status
    valid: int
    gmv: int  # fen
    refund: int
    net: int
    customers: int | None = None  # only where every order names its buyer (id, nickname or full mobile)
    rejected: tuple[tuple[int, str, str], ...] = ()  # (row, column, code)
    before: tuple[str, ...] = field(default=())  # files imported first


TAOBAO_LEGACY = {
    "5121910154426014049": C,  # 128.00
    "5121938870012345678": P,  # 99.00  买家已付款，等待卖家发货 (full-width comma)
    "5122004417735521096": P,  # 45.50  买家已付款,等待卖家发货 (ASCII comma)
    "5122010566012398447": C,  # 236.00, 退款金额 20.00 = 256.00 − 236.00 → discount, refund 0
    "5122108839904417350": C,  # 200.00, genuine partial refund 50.00 → net 150.00
    "5122133001287765432": X,  # 交易关闭, 买家未付款, 实付 0
    "5122150078865432109": R,  # 交易关闭 after paying 159.00, refunded 159.00
    "5122167755432109876": U,  # 等待买家付款
    "5122189900112233445": C,  # 400.00
    "5122201234987650001": P,  # 66.00
}
# GMV 128.00+99.00+45.50+236.00+200.00+400.00+66.00 = 1174.50; refunds 50.00; net 1124.50
# customers: 8 distinct 买家会员名 (晴天小猪 and 江南小雨 buy twice)
LEGACY_MONEY = {"valid": 7, "gmv": 117450, "refund": 5000, "net": 112450, "customers": 8}

CASES = [
    Case("taobao_legacy_order.csv", "taobao", "taobao_legacy_order", 10, TAOBAO_LEGACY, **LEGACY_MONEY),
    # 宝贝报表 only adds item lines to stored orders: figures unchanged; row 9's order is not in the store
    Case("taobao_legacy_item.csv", "taobao", "taobao_legacy_item", 8, TAOBAO_LEGACY, **LEGACY_MONEY,
         rejected=((9, "订单编号", "order_not_found"),), before=("taobao_legacy_order.csv",)),
    # GMV 299+146+79+480+199+1299 = 2502.00; refunds 60.00 (…4556); net 2442.00
    Case("taobao_order.xlsx", "taobao", "taobao_order", 9, {
        "4061238123456789012": C, "4061245500987654321": P, "4061250099887766554": P,
        "4061262233445566778": C,  # 退款金额 40.00 = 总金额 520.00 − 实付 480.00 → not a refund
        "4061270011223344556": C,  # partial refund 60.00 of 199.00 keeps 交易成功
        "4061288877665544332": R, "4061299900011122233": U, "4061300012345678901": X,
        "4061311122233344455": C,
    }, valid=6, gmv=250200, refund=6000, net=244200),
    # lines add up: …4501 = 59.00 + 39.00 (closed line refunded 39.00); …4601 = 238.00 (20.00 is a discount);
    # …4701 = 45.00 + 50.00; …4801 = 168.00 with 50.00 refunded (partial); …5201 = 279.00
    # GMV 98+238+95+168+279 = 878.00; refunds 39.00+50.00 = 89.00; net 789.00
    Case("taobao_item.csv", "taobao", "taobao_item", 11, {
        "4102345678901234501": C, "4102345678901234601": C, "4102345678901234701": P,
        "4102345678901234801": C, "4102345678901234901": X, "4102345678901235001": R,
        "4102345678901235101": U, "4102345678901235201": P,
    }, valid=5, gmv=87800, refund=8900, net=78900),
    # rows 3 and 5 (sheet rows; header = row 1) lost their ids to 5.12241E+18 → rejected
    # GMV 88 + 45.5 + 236 (退款 20 = 256 − 236, discount) = 369.50; customers 豆豆妈, 老街坊, 阿宝
    Case("taobao_excel_resaved.csv", "taobao", "taobao_legacy_order", 6, {
        "5122401122334455667": C, "5122403344556677889": P, "5122405566778899001": X,
        "5122406677889900112": C,
    }, valid=3, gmv=36950, refund=0, net=36950, customers=3,
        rejected=((3, "订单编号", "id_scientific"), (5, "订单编号", "id_scientific"))),
    # per-line 订单应付金额: …3751 = 1,299.00 + 59.90; …5660 = 89.00 + 39.90 (退款成功) + 19.90 (售后关闭);
    # …2345 = 2,188.00; …2312 = 79.00 + 79.00. GMV 1358.90+148.80+2188.00+158.00 = 3853.70;
    # refunds 39.90 (the refunded line's own amount); net 3813.80
    Case("douyin.csv", "douyin", "douyin", 11, {
        "6917926768823643751": C, "6918001122334455660": C, "6918123456789012345": P,
        "6918200011122233344": R,  # 已关闭 + 退款成功 after paying
        "6918300099988877766": U,
        "6918400055566677788": X,  # 已关闭, 支付完成时间 "-", 取消原因 超时未支付: never paid
        "6918500012312312312": P,
    }, valid=4, gmv=385370, refund=3990, net=381380),
    # GMV 54.90+119.00+39.90+85.00+264.00+45.00 = 607.80; no refunds among sold orders
    Case("pdd.xlsx", "pdd", "pdd", 9, {
        "250517-607198974342268": C, "250518-112233445566778": C, "250518-223344556677889": P,
        "250519-334455667788990": P, "250519-445566778899001": R, "250520-556677889900112": R,
        "250520-667788990011223": X, "250521-778899001122334": C, "250521-889900112233445": C,
    }, valid=6, gmv=60780, refund=0, net=60780),
    # GMV 59.00 + 19.90 + 128.00 = 206.90
    Case("pdd_serial_dates.xlsx", "pdd", "pdd", 3, {
        "250301-100000000000001": C, "250302-100000000000002": P, "250303-100000000000003": C,
    }, valid=3, gmv=20690, refund=0, net=20690),
    # 301234567890 has 2 SKU rows repeating 应付金额 297.00: counted once.
    # GMV 297.00 + 89.00 + 2399.00 + 56.80 = 2841.80; customers = 4 distinct 下单帐号
    Case("jd.xlsx", "jd", "jd", 7, {
        "301234567890": C, "301234567891": P,
        "301234567892": R,  # (删除)等待出库 after payment
        "301234567893": X,  # 已取消, no 付款确认时间
        "301234567894": P, "301234567895": C,
    }, valid=4, gmv=284180, refund=0, net=284180, customers=4),
    # the same export re-saved as a legacy Excel 97-2003 .xls (BIFF): the same orders and money
    Case("jd_resaved.xls", "jd", "jd", 7, {
        "301234567890": C, "301234567891": P, "301234567892": R, "301234567893": X,
        "301234567894": P, "301234567895": C,
    }, valid=4, gmv=284180, refund=0, net=284180, customers=4),
    # title row above the header, wrong <dimension>: all 6 data rows must be read.
    # GMV 99.00 + 128.80 + 39.90 + 199.00 = 466.70
    Case("kuaishou.xlsx", "kuaishou", "kuaishou", 6, {
        "2412098765432101": C, "2412098765432102": P, "2412098765432103": P,
        "2412098765432104": R,  # 交易成功 + 售后状态 退款成功: its whole 59.00
        "2412098765432105": C, "2412098765432106": X,
    }, valid=4, gmv=46670, refund=0, net=46670),
    # GMV 3,580.00 + 168.00 + 89.90 + 1,099.00 = 4936.90; refunds 1,200.00 (partial, keeps 交易完成);
    # net 3736.90; customers 5 distinct 买家昵称
    Case("youzan_order.xlsx", "youzan", "youzan_order", 7, {
        "E20250601103015012345678": C, "E20250602094500023456789": P, "E20250603120000034567890": P,
        "E20250604150000045678901": R, "E20250605160000056789012": U, "E20250606170000067890123": X,
        "E20250607180000078901234": C,
    }, valid=4, gmv=493690, refund=120000, net=373690, customers=5),
    # per-line: (1,080.00 + 120.00) + (199.00 + 59.00) + 88.00 + 35.50 = 1581.50;
    # refunds 59.00 (a line of …2222);
    # net 1522.50; customers 4 distinct 买家手机号
    Case("youzan_item.xlsx", "youzan", "youzan_item", 7, {
        "E20250610100000011111111": C, "E20250611100000022222222": C, "E20250612100000033333333": P,
        "E20250613100000044444444": R, "E20250614100000055555555": P,
    }, valid=4, gmv=158150, refund=5900, net=152250, customers=4),
    # 订单实际支付金额 once per order: 238.00 + 99.00 + 156.00 + 45.00 = 538.00;
    # refunds: 商品已退款金额 per row, …1234 = 0.00 + 90.00; net 448.00; customers 5 distinct full mobiles
    Case("wechat.xlsx", "wechat", "wechat", 8, {
        "3705512345678901234": C, "3705512345678901240": P, "3705512345678901241": C,
        "3705512345678901242": R, "3705512345678901243": X, "3705512345678901244": P,
    }, valid=4, gmv=53800, refund=9000, net=44800, customers=5),
    # per-line 实付金额: (88.00 + 32.00) + 59.00 + 120.00 = 299.00; refunds 20.00; net 279.00; 4 买家ID
    Case("generic.xlsx", "generic", "generic", 6, {
        "774695274341076": C, "774695274341077": P, "774695274341078": C, "774695274341079": X,
        "774695274341080": R,
    }, valid=3, gmv=29900, refund=2000, net=27900, customers=4),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_fixture_imports_exactly(store, case: Case) -> None:
    for earlier in case.before:
        import_file(store, PLATFORMS / earlier, backup=False)
    result = import_file(store, PLATFORMS / case.file, backup=False)
    with store.session_factory() as s:
        stored = {no: st for no, st in s.execute(select(Order.order_no, Order.status))}
    stats = store_stats(store)

    # one comparison, so a failure shows every figure that differs at once
    actual = {
        "layout": (result.platform, result.layout), "rows": result.rows,
        "rejected": [(r.row, r.column, r.code) for r in result.rejected], "unknown": result.unknown_statuses,
        "ids": sorted(stored), "statuses": stored, "orders": stats.orders, "valid": stats.valid_orders,
        "gmv": stats.gmv_fen, "refund": stats.refund_fen, "net": stats.net_sales_fen,
        "customers": stats.customers if case.customers is not None else None,
    }  # fmt: skip
    expected = {
        "layout": (case.platform, case.layout), "rows": case.rows, "rejected": list(case.rejected),
        "unknown": (), "ids": sorted(case.statuses), "statuses": case.statuses, "orders": len(case.statuses),
        "valid": case.valid,
        "gmv": case.gmv, "refund": case.refund, "net": case.net, "customers": case.customers,
    }  # fmt: skip
    assert actual == expected


def test_every_layout_has_a_fixture() -> None:
    from app.services.platforms import LAYOUTS

    assert {lay.key for lay in LAYOUTS} <= {c.layout for c in CASES}


def test_generic_template_imports(store) -> None:
    template = Path(__file__).resolve().parents[2] / "resources" / "templates" / "generic_orders.xlsx"
    result = import_file(store, template, backup=False)
    assert (result.platform, result.layout, result.rows, result.rejected) == ("generic", "generic", 1, ())
    stats = store_stats(store)
    # the example row: 实付金额 59.80, 已完成, no refund
    assert (stats.orders, stats.valid_orders, stats.gmv_fen, stats.net_sales_fen) == (1, 1, 5980, 5980)
