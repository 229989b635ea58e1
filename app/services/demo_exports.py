"""The demo shop's orders written as each platform's own export (headers verbatim from formats.md).

Every writer takes the demo's orders and the moment the export was made, and writes what the
platform would show then: statuses, payment and shipping times, refunds. Used by app/services/demo.py.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app.services import demo_data as D
from app.services.xlsx_fast import write_xlsx

if TYPE_CHECKING:
    from app.services.demo import Order

OVERLAP = timedelta(days=25)  # the later Taobao export reaches this far before the first one


def _cols(text: str) -> list[str]:
    return [h for h in re.split(r"[,\s]+", text) if h]


STATUS = {
    "taobao": {"unpaid": "等待买家付款", "cancelled": "交易关闭", "paid": "买家已付款，等待卖家发货",
               "shipped": "卖家已发货，等待买家确认", "done": "交易成功", "refunded": "交易关闭"},
    "douyin": {"unpaid": "待支付", "paid": "待发货", "shipped": "已发货", "done": "已完成",
               "refunded": "已关闭"},
    "pdd": {"paid": "待发货", "shipped": "已发货，待签收", "done": "已签收", "refunded": "退款成功"},
    "jd": {"unpaid": "等待付款", "paid": "等待出库", "shipped": "等待确认收货", "done": "完成",
           "refunded": "已取消"},
    "youzan": {"unpaid": "待付款", "cancelled": "交易关闭", "paid": "待发货", "shipped": "已发货",
               "done": "交易成功", "refunded": "交易关闭"},
}  # fmt: skip

# Taobao 「已卖出的宝贝」 order-level export (new, sheet `export`).
TB_HEADERS = _cols("""
    订单编号,买家会员名,支付单号,买家应付货款,买家应付邮费,总金额,买家实付金额,订单状态,买家留言,
    收货人姓名,收货地址,运送方式,联系手机,订单创建时间,订单付款时间,商品标题,宝贝种类,物流单号,
    物流公司,备注标签,商家备注,宝贝总数量,店铺名称,开票信息,手机订单,商品属性SKU,发货时间,退款金额,
    确认收货时间,打款商家金额""")
# 抖店 order export, variant A (73 columns, one row per 子订单).
DY_HEADERS = _cols("""
    主订单编号,子订单编号,选购商品,商品规格,商品数量,商品ID,商家编码,商品单价,订单应付金额,运费,
    优惠总金额,平台优惠,商家优惠,达人优惠,商家改价,支付优惠,红包抵扣,支付方式,手续费,收件人,
    收件人手机号,省,市,区,街道,详细地址,是否修改过地址,地址修改时段,买家留言,订单提交时间,旗帜颜色,
    商家备注,订单完成时间,支付完成时间,APP渠道,流量来源,订单状态,承诺发货时间,订单类型,鲁班落地页ID,
    达人ID,达人昵称,所属门店ID,售后状态,取消原因,预约发货时间,仓库ID,仓库名称,序列号,是否安心购,
    广告渠道,流量类型,流量体裁,流量渠道,发货主体,发货主体明细,发货时间,降价类优惠,平台实际承担优惠金额,
    商家实际承担优惠金额,达人实际承担优惠金额,预计送达时间,是否平台仓自流转,车型,商品69码,发货SN码,
    发货IMEI码1,发货IMEI码2,预约送达时间,建议发货时间（起）,建议发货时间（止）,物流SN码,物流IMEI码1,
    物流IMEI码2""")
# 拼多多 order export, current layout plus the receiver and payment columns.
PDD_HEADERS = _cols("""
    商品,订单号,订单状态,商品总价(元),邮费(元),店铺优惠折扣(元),平台优惠折扣(元),多多支付立减金额(元),
    用户实付金额(元),商家实收金额(元),商品数量(件),身份证姓名,收货人,手机,是否异常,省,市,区,街道,
    支付时间,拼单成功时间,承诺发货时间,发货时间,确认收货时间,商品id,商品规格,用户购买手机号,样式ID,
    商家编码-规格维度,商家编码-商品维度,快递单号,快递公司,商家备注,售后状态,买家留言,订单成交时间,
    退款金额(元)""")
# 京东 POP order export (current layout, abridged; one row per SKU).
JD_HEADERS = _cols("""
    订单号,商品ID,商品名称,订购数量,支付方式,下单时间,京东价,订单金额,商家应收,余额支付,应付金额,
    订单状态,订单类型,订单标签,下单帐号,客户姓名,客户地址,联系电话,虚拟号过期时间,订单备注,发票类型,
    发票抬头,发票内容,纳税人识别号,商家备注,商家备注等级（等级1-5为由高到低）,运费金额,付款确认时间,
    货号,订单完成时间,订单来源,订单渠道,服务费,仓库id,仓库名称,商家SKUID,邮政编码,是否为品牌商订单,
    业务类型,订单出库时间,客户类型,承诺发货时间""")
# 有赞 order dimension, variant B plus 优惠券码名称 (分销员 twice, as in the real file).
YZ_HEADERS = _cols("""
    订单号,销售渠道,归属店铺,订单类型,订单状态,推广方式,订单来源,订单创建时间,买家付款时间,
    交易成功时间,付款方式,支付流水号,商品金额合计,运费,店铺优惠合计,应收订单金额,订单实付金额,
    支付优惠合计,订单实收金额,订单抵用积分数,店铺优惠方式,支付优惠方式,全部商品名称,商品种类数,
    订单配送方式,同城送达时间/提货时间,收货人省份,收货人城市,收货人地区,详细收货地址/提货地址,
    收货人/提货人,收货人手机号/提货人手机号,买家备注,订单星级,买家昵称,买家是否会员,买家手机号,下单网点,
    收银员,分销员,销售导购,专属导购,订单退款状态,订单已退款金额,商家订单备注,优惠券码名称,桌号,挂账主体,
    挂账手机号,团长订单,订单风险标签,分销员,分销员手机号,分销员所属店铺""")


def yuan(fen: int, sep: str = "") -> str:
    """Fen as the platforms write yuan: '1288.00' (or '1,288.00' with sep=',')."""
    return f"{fen // 100:{sep}}.{fen % 100:02d}"


def ts(when: datetime | None, empty: str = "") -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S") if when else empty


def _table(headers: list[str], records: list[dict]) -> list[list]:
    return [headers] + [[rec.get(h, "") for h in headers] for rec in records]


def taobao_rows(orders: list[Order], at: datetime) -> list[list]:
    out = []
    for o in orders:
        s = o.state(at)
        if s is None:
            continue
        p, paid = o.person, s not in ("unpaid", "cancelled")
        refund, shipped, done = o.refund_shown(at), o.shipped_shown(at), s == "done"
        out.append({
            "订单编号": o.no, "买家会员名": p.nick["taobao"], "支付单号": o.pay_no if paid else "",
            "买家应付货款": yuan(o.goods), "买家应付邮费": yuan(o.shipping),
            "总金额": yuan(o.goods + o.shipping), "买家实付金额": yuan(o.pay if paid else 0),
            "订单状态": STATUS["taobao"][s], "买家留言": o.buyer_note, "收货人姓名": p.name,
            "收货地址": f"{p.province} {p.city} {p.district} {p.township} {p.detail}", "运送方式": "快递",
            "联系手机": p.phone, "订单创建时间": ts(o.created), "订单付款时间": ts(o.paid) if paid else "",
            "商品标题": "，".join(ln.title for ln in o.lines), "宝贝种类": len(o.lines),
            "物流单号": o.express[1] if shipped else "", "物流公司": o.express[0] if shipped else "",
            "商家备注": o.seller_note, "宝贝总数量": sum(ln.qty for ln in o.lines), "店铺名称": D.SHOP_NAME,
            "手机订单": "手机订单" if int(o.no[-1]) % 5 else "",
            "商品属性SKU": "；".join(ln.sku for ln in o.lines), "发货时间": ts(shipped),
            "退款金额": yuan(refund), "确认收货时间": ts(o.finished) if done else "",
            "打款商家金额": yuan(o.pay - refund if done else 0) + "元",
        })  # fmt: skip
    return _table(TB_HEADERS, out)


def douyin_rows(orders: list[Order], at: datetime) -> list[list]:
    out = []
    for o in orders:
        s = o.state(at)
        if s is None:
            continue
        p, live = o.person, int(o.no[-2]) % 3 == 0  # some orders come from the owner's live stream
        phone = p.phone if p.shows_phone else p.masked()
        for ln, (_, disc, ship, pay) in zip(o.lines, o.split(), strict=True):
            refunded = s == "refunded" or (ln.refunded and o.refund_shown(at) > 0)
            out.append({
                "主订单编号": "\t" + o.no, "子订单编号": "\t" + ln.sub_no, "选购商品": "\t" + ln.title,
                "商品规格": "\t" + ln.sku, "商品数量": ln.qty, "商品ID": "\t" + ln.item_id,
                "商家编码": "\t" + ln.code, "商品单价": yuan(ln.price, ","), "订单应付金额": yuan(pay, ","),
                "运费": yuan(ship), "优惠总金额": yuan(disc), "平台优惠": "0.00", "商家优惠": yuan(disc),
                "达人优惠": "0.00", "支付方式": "抖音支付" if o.paid else "-",
                "收件人": p.name, "收件人手机号": phone, "省": p.province_full, "市": p.city,
                "区": p.district, "街道": p.township, "详细地址": p.detail, "是否修改过地址": "否",
                "买家留言": o.buyer_note or "-",
                "订单提交时间": ts(o.created), "商家备注": o.seller_note or "-",
                "订单完成时间": ts(o.finished, "-") if s == "done" else "-",
                "支付完成时间": ts(o.paid, "-") if s != "unpaid" else "-", "APP渠道": "抖音",
                "流量来源": "直播" if live else "商品卡", "订单状态": STATUS["douyin"][s],
                "订单类型": "普通订单", "达人ID": "\t3817265540" if live else "-",
                "达人昵称": D.SHOP_NAME if live else "-", "售后状态": "退款成功" if refunded else "-",
                "取消原因": "-", "是否安心购": "否", "发货时间": ts(o.shipped_shown(at), "-"),
            })  # fmt: skip
    return _table(DY_HEADERS, out)


def pdd_rows(orders: list[Order], at: datetime) -> list[list]:
    out, tab = [], "\t"  # PDD writes an empty cell as a lone tab
    for o in orders:
        s = o.state(at)
        if s is None or s in ("unpaid", "cancelled"):  # the order list holds paid orders only
            continue
        p, ln, shipped = o.person, o.lines[0], o.shipped_shown(at)
        status = STATUS["pdd"][s]
        if s == "refunded":
            status = ("已发货，" if shipped else "未发货，") + status
        out.append({
            "商品": ln.title, "订单号": o.no, "订单状态": status, "商品总价(元)": yuan(o.goods),
            "邮费(元)": yuan(o.shipping), "店铺优惠折扣(元)": yuan(o.discount),
            "平台优惠折扣(元)": yuan(o.platform_discount), "多多支付立减金额(元)": "0.00",
            "用户实付金额(元)": yuan(o.pay), "商家实收金额(元)": yuan(o.pay + o.platform_discount),
            "商品数量(件)": ln.qty, "身份证姓名": tab, "收货人": p.name,
            "手机": p.phone if p.shows_phone else p.masked(), "是否异常": "否", "省": p.province_full,
            "市": p.city, "区": p.district, "街道": f"{p.township}{p.detail}", "支付时间": ts(o.paid),
            "拼单成功时间": ts(o.paid + timedelta(seconds=3)),
            "承诺发货时间": ts(o.paid + timedelta(hours=48)), "发货时间": ts(shipped, tab),
            "确认收货时间": ts(o.finished, tab) if s == "done" else tab, "商品id": ln.item_id,
            "商品规格": ln.sku, "用户购买手机号": tab, "样式ID": ln.item_id[-6:] + ln.code[-1],
            "商家编码-规格维度": ln.code, "商家编码-商品维度": ln.code.split("-")[0],
            "快递单号": o.express[1] if shipped else tab, "快递公司": o.express[0] if shipped else tab,
            "商家备注": o.seller_note or tab, "买家留言": o.buyer_note or tab,
            "售后状态": "退款成功" if s == "refunded" else "无售后或售后取消",
            "订单成交时间": ts(o.created), "退款金额(元)": yuan(o.refund_shown(at)),
        })  # fmt: skip
    return _table(PDD_HEADERS, out)


def jd_rows(orders: list[Order], at: datetime) -> list[list]:
    out = []
    for o in orders:
        s = o.state(at)
        if s is None:
            continue
        p, paid = o.person, s != "unpaid"
        due = yuan(o.pay) + ("（系统计算中，该值仅供参考）" if s in ("paid", "shipped") else "")
        for ln in o.lines:  # order-level amounts repeat on every SKU row
            out.append({
                "订单号": o.no, "商品ID": ln.item_id, "商品名称": ln.title + " " + ln.sku.split(":")[-1],
                "订购数量": ln.qty, "支付方式": "在线支付", "下单时间": ts(o.created),
                "京东价": yuan(ln.price), "订单金额": yuan(o.goods + o.shipping),
                "商家应收": due if paid else "0.00", "余额支付": "0.00", "应付金额": yuan(o.pay),
                "订单状态": STATUS["jd"][s], "订单类型": "SOP", "下单帐号": p.nick["jd"], "客户姓名": p.name,
                "客户地址": p.joined_address, "联系电话": p.masked("jd"), "订单备注": o.buyer_note,
                "发票类型": "电子发票", "发票抬头": "个人", "发票内容": "商品明细", "商家备注": o.seller_note,
                "运费金额": yuan(o.shipping), "付款确认时间": ts(o.paid) if paid else "", "货号": ln.code,
                "订单完成时间": ts(o.finished) if s == "done" else "",
                "订单来源": "京东APP" if int(o.no[-1]) % 4 else "微信京东购物", "订单渠道": "普通订单",
                "服务费": "0.00", "商家SKUID": ln.code, "是否为品牌商订单": "否", "业务类型": "普通",
                "订单出库时间": ts(o.shipped_shown(at)), "客户类型": "个人用户",
            })  # fmt: skip
    return _table(JD_HEADERS, out)


def youzan_rows(orders: list[Order], at: datetime) -> list[list]:
    out = []
    for o in orders:
        s = o.state(at)
        if s is None:
            continue
        p, paid, refund = o.person, s not in ("unpaid", "cancelled"), o.refund_shown(at)
        out.append({
            "订单号": o.no, "销售渠道": "微商城", "归属店铺": D.SHOP_NAME, "订单类型": "普通订单",
            "订单状态": STATUS["youzan"][s], "订单来源": "微信", "订单创建时间": ts(o.created),
            "买家付款时间": ts(o.paid) if paid else "",
            "交易成功时间": ts(o.finished) if s == "done" else "", "付款方式": "微信支付" if paid else "",
            "支付流水号": o.pay_no if paid else "", "商品金额合计": yuan(o.goods), "运费": yuan(o.shipping),
            "店铺优惠合计": yuan(o.discount), "应收订单金额": yuan(o.pay),
            "订单实付金额": yuan(o.pay if paid else 0), "支付优惠合计": "0.00",
            "订单实收金额": yuan(o.pay if paid else 0), "订单抵用积分数": 0,
            "店铺优惠方式": "优惠券" if o.coupon else "",
            "全部商品名称": "；".join(ln.title for ln in o.lines),
            "商品种类数": len(o.lines), "订单配送方式": "快递发货", "收货人省份": p.province_full,
            "收货人城市": p.city, "收货人地区": p.district, "详细收货地址/提货地址": p.township + p.detail,
            "收货人/提货人": p.name, "收货人手机号/提货人手机号": p.phone, "买家备注": o.buyer_note,
            "买家昵称": p.nick["youzan"], "买家是否会员": "是" if p.member else "否",
            "买家手机号": p.phone if p.member else "",
            "订单退款状态": "全额退款" if s == "refunded" else "部分退款" if refund else "",
            "订单已退款金额": yuan(refund), "商家订单备注": o.seller_note, "优惠券码名称": o.coupon,
            "团长订单": "否",
        })  # fmt: skip
    return _table(YZ_HEADERS, out)


def write_csv(path: Path, rows: list[list]) -> Path:
    """Douyin style: UTF-8 with BOM, every field quoted."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL).writerows(rows)
    return path


def write_files(folder: Path, orders: list[Order], first_export: datetime, end: datetime) -> list[Path]:
    """The demo's exports, in the order they are imported (the later Taobao export last)."""
    by = {k: [o for o in orders if o.platform == k] for k in STATUS}
    day = f"{end:%Y%m%d}"
    later = [o for o in by["taobao"] if o.created >= first_export - OVERLAP]
    return [
        write_xlsx(folder / f"ExportOrderList{first_export:%Y%m%d%H%M}.xlsx",
                   taobao_rows(by["taobao"], first_export), sheet_name="export"),
        write_csv(folder / f"抖店_订单导出_{day}.csv", douyin_rows(by["douyin"], end)),
        write_xlsx(folder / f"拼多多_订单_{day}.xlsx", pdd_rows(by["pdd"], end), sheet_name="订单列表"),
        write_xlsx(folder / f"有赞_订单维度_{day}.xlsx", youzan_rows(by["youzan"], end)),
        write_xlsx(folder / f"京东_订单导出_{day}.xlsx", jd_rows(by["jd"], end), shared_strings=True),
        write_xlsx(folder / f"ExportOrderList{end:%Y%m%d%H%M}.xlsx", taobao_rows(later, end),
                   sheet_name="export"),
    ]  # fmt: skip
