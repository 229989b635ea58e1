"""Small writers for test files in the platforms' real layouts."""

from __future__ import annotations

import csv
from pathlib import Path

from app.services.xlsx_fast import write_xlsx

# Taobao new order-level export (formats.md §1.2 D), plus the columns seen in new files.
TAOBAO_ORDER_HEADER = [
    "订单编号",
    "支付单号",
    "买家应付货款",
    "买家应付邮费",
    "总金额",
    "买家实付金额",
    "订单状态",
    "收货地址",
    "运送方式",
    "订单创建时间",
    "商品标题",
    "宝贝种类",
    "物流单号",
    "物流公司",
    "备注标签",
    "商家备注",
    "宝贝总数量",
    "开票信息",
    "手机订单",
    "商品属性SKU",
    "发货时间",
    "买家会员名",
    "订单付款时间",
    "确认收货时间",
    "退款金额",
    "收货人姓名",
    "联系手机",
]


def taobao_row(
    order_no: str,
    *,
    nick: str = "tb_buyer",
    paid: str = "99.00",
    status: str = "交易成功",
    created: str = "2026-03-01 10:00:00",
    paid_at: str = "2026-03-01 10:01:00",
    refund: str = "无退款申请",
    total: str | None = None,
    phone: str = "13800001111",
    name: str = "张三",
    address: str = "浙江省 杭州市 西湖区 文三路1号",
    title: str = "明前龙井 250g",
) -> list:
    values = {
        "订单编号": order_no,
        "支付单号": "2026" + str(order_no)[-8:],
        "买家应付货款": total or paid,
        "买家应付邮费": "0.00",
        "总金额": total or paid,
        "买家实付金额": paid,
        "订单状态": status,
        "收货地址": address,
        "运送方式": "快递",
        "订单创建时间": created,
        "商品标题": title,
        "宝贝种类": "1",
        "物流单号": "YT1",
        "物流公司": "圆通速递",
        "备注标签": "",
        "商家备注": "",
        "宝贝总数量": "1",
        "开票信息": "",
        "手机订单": "手机订单",
        "商品属性SKU": "规格:250g",
        "发货时间": "",
        "买家会员名": nick,
        "订单付款时间": paid_at,
        "确认收货时间": "",
        "退款金额": refund,
        "收货人姓名": name,
        "联系手机": phone,
    }
    return [values[h] for h in TAOBAO_ORDER_HEADER]


def write_taobao_xlsx(path: Path, rows: list[list], **kw) -> Path:
    return write_xlsx(path, [TAOBAO_ORDER_HEADER, *rows], sheet_name="export", **kw)


def write_csv(path: Path, header: list[str], rows: list[list], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path
