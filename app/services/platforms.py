"""What each platform's order export looks like: how to recognise it and where each field is.

Headers are matched after normalisation (strip, NFKC: full-width brackets become ASCII, a BOM and
tabs go). Every field lists the spellings seen in formats.md §10; the first present wins.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from app.services.errors import QT_TRANSLATE_NOOP

PLATFORM_NAMES = {
    "taobao": QT_TRANSLATE_NOOP("Platforms", "Taobao/Tmall"),
    "douyin": QT_TRANSLATE_NOOP("Platforms", "Douyin"),
    "pdd": QT_TRANSLATE_NOOP("Platforms", "Pinduoduo"),
    "jd": QT_TRANSLATE_NOOP("Platforms", "JD"),
    "kuaishou": QT_TRANSLATE_NOOP("Platforms", "Kuaishou"),
    "youzan": QT_TRANSLATE_NOOP("Platforms", "Youzan"),
    "wechat": QT_TRANSLATE_NOOP("Platforms", "WeChat shop"),
    "generic": QT_TRANSLATE_NOOP("Platforms", "Other (template)"),
}

# Fields whose values are text ids: never read as numbers.
ID_FIELDS = ("order_no", "sub_order_no")
MONEY_FIELDS = ("paid", "goods", "shipping", "discount", "refund", "merchant_net", "total", "unit_price", "line_amount")
DATE_FIELDS = ("created_at", "paid_at", "shipped_at", "finished_at")


def normalize_header(value: object) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).replace("\ufeff", "")
    return "".join(text.split())


@dataclass(frozen=True)
class Layout:
    """One export layout of one platform."""

    key: str
    platform: str
    label: str
    signature: tuple[str, ...]  # headers that together identify the layout (all must be present)
    fields: dict[str, tuple[str, ...]]
    required: tuple[str, ...] = ("order_no", "paid", "status")
    line_money: frozenset[str] = frozenset()  # money fields that are per row and add up over an order
    lines_only: bool = False  # rows add item lines to orders already in the store
    hints: tuple[str, ...] = field(default=())  # extra headers that raise confidence

    def header_for(self, fld: str) -> str:
        return self.fields[fld][0]


_RECEIVER_TB = {
    "receiver_name": ("收货人姓名",),
    "phone": ("联系手机", "联系电话"),
    "address": ("收货地址",),
}

LAYOUTS: tuple[Layout, ...] = (
    Layout(
        key="taobao_legacy_order",
        platform="taobao",
        label="淘宝/天猫 订单报表 (ExportOrderList)",
        signature=("订单编号", "买家会员名", "买家实际支付金额", "订单状态"),
        fields={
            "order_no": ("订单编号",),
            "buyer_nick": ("买家会员名",),
            **_RECEIVER_TB,
            "paid": ("买家实际支付金额",),
            "goods": ("买家应付货款",),
            "shipping": ("买家应付邮费",),
            "total": ("总金额",),
            "refund": ("退款金额",),
            "merchant_net": ("打款商家金额",),
            "status": ("订单状态",),
            "close_reason": ("订单关闭原因",),
            "created_at": ("订单创建时间",),
            "paid_at": ("订单付款时间",),
            "finished_at": ("确认收货时间",),
            "title": ("宝贝标题",),
            "quantity": ("宝贝总数量",),
            "buyer_note": ("买家留言",),
            "seller_note": ("订单备注",),
        },
        hints=("买家支付宝账号", "宝贝种类", "店铺名称"),
    ),
    Layout(
        key="taobao_item",
        platform="taobao",
        label="淘宝/天猫 宝贝明细 (子订单)",
        signature=("子订单编号", "主订单编号", "订单状态"),
        fields={
            "order_no": ("主订单编号",),
            "sub_order_no": ("子订单编号",),
            "buyer_nick": ("买家会员名",),
            **_RECEIVER_TB,
            "title": ("商品标题", "标题"),
            "unit_price": ("商品价格", "价格"),
            "quantity": ("购买数量",),
            "sku": ("商品属性", "商品属性SKU"),
            "item_code": ("商家编码", "外部系统编号"),
            "item_id": ("商品ID",),
            "status": ("订单状态",),
            "goods": ("买家应付货款",),
            "paid": ("买家实付金额", "买家实际支付金额"),
            "merchant_net": ("打款商家金额",),
            "refund_status": ("退款状态",),
            "refund": ("退款金额",),
            "created_at": ("订单创建时间",),
            "paid_at": ("订单付款时间", "买家付款时间"),
            "shipped_at": ("发货时间",),
            "finished_at": ("确认收货时间",),
            "buyer_note": ("主订单买家留言", "买家留言"),
            "seller_note": ("备注标签", "商家备注"),
        },
        line_money=frozenset({"paid", "goods", "merchant_net", "refund"}),
    ),
    Layout(
        key="taobao_order",
        platform="taobao",
        label="淘宝/天猫 已卖出的宝贝 (订单)",
        signature=("订单编号", "买家实付金额", "订单状态"),
        fields={
            "order_no": ("订单编号",),
            "buyer_nick": ("买家会员名",),
            **_RECEIVER_TB,
            "paid": ("买家实付金额",),
            "goods": ("买家应付货款",),
            "shipping": ("买家应付邮费",),
            "total": ("总金额",),
            "refund": ("退款金额",),
            "merchant_net": ("打款商家金额",),
            "status": ("订单状态",),
            "created_at": ("订单创建时间",),
            "paid_at": ("订单付款时间",),
            "shipped_at": ("发货时间",),
            "finished_at": ("确认收货时间",),
            "title": ("商品标题", "宝贝标题"),
            "sku": ("商品属性SKU",),
            "quantity": ("宝贝总数量",),
            "buyer_note": ("买家留言",),
            "seller_note": ("商家备注", "备注标签"),
        },
        hints=("支付单号", "宝贝种类", "物流单号"),
    ),
    Layout(
        key="taobao_legacy_item",
        platform="taobao",
        label="淘宝/天猫 宝贝报表 (ExportOrderDetailList)",
        signature=("订单编号", "标题", "价格", "购买数量", "订单状态"),
        fields={
            "order_no": ("订单编号",),
            "title": ("标题",),
            "unit_price": ("价格",),
            "quantity": ("购买数量",),
            "sku": ("商品属性", "套餐信息"),
            "item_code": ("商家编码", "外部系统编号"),
            "status": ("订单状态",),
        },
        required=("order_no", "title"),
        lines_only=True,
        hints=("外部系统编号", "套餐信息"),
    ),
    Layout(
        key="douyin",
        platform="douyin",
        label="抖店 订单",
        signature=("主订单编号", "子订单编号", "订单应付金额"),
        fields={
            "order_no": ("主订单编号",),
            "sub_order_no": ("子订单编号",),
            "title": ("选购商品", "商品名称"),
            "sku": ("商品规格",),
            "quantity": ("商品数量",),
            "item_id": ("商品ID",),
            "item_code": ("商家编码", "货号"),
            "unit_price": ("商品单价",),
            "paid": ("订单应付金额",),
            "shipping": ("运费",),
            "discount": ("优惠总金额",),
            "receiver_name": ("收件人",),
            "phone": ("收件人手机号",),
            "province": ("省",),
            "city": ("市",),
            "district": ("区",),
            "street": ("街道",),
            "address": ("详细地址",),
            "buyer_note": ("买家留言",),
            "seller_note": ("商家备注",),
            "created_at": ("订单提交时间",),
            "paid_at": ("支付完成时间",),
            "finished_at": ("订单完成时间",),
            "shipped_at": ("发货时间",),
            "status": ("订单状态",),
            "after_sale": ("售后状态",),
            "close_reason": ("取消原因",),
        },
        line_money=frozenset({"paid", "shipping", "discount"}),
        hints=("选购商品", "订单提交时间", "达人ID"),
    ),
    Layout(
        key="pdd",
        platform="pdd",
        label="拼多多 订单",
        signature=("订单号", "用户实付金额(元)", "商品数量(件)"),
        fields={
            "order_no": ("订单号",),
            "title": ("商品",),
            "status": ("订单状态",),
            "goods": ("商品总价(元)",),
            "shipping": ("邮费(元)",),
            "discount": ("店铺优惠折扣(元)",),
            "paid": ("用户实付金额(元)",),
            "merchant_net": ("商家实收金额(元)",),
            "refund": ("退款金额(元)",),
            "quantity": ("商品数量(件)",),
            "receiver_name": ("收货人",),
            "phone": ("手机", "收货人手机", "用户购买手机号"),
            "province": ("省",),
            "city": ("市",),
            "district": ("区",),
            "street": ("街道",),
            "created_at": ("订单成交时间",),
            "paid_at": ("支付时间",),
            "shipped_at": ("发货时间",),
            "finished_at": ("确认收货时间",),
            "item_id": ("商品id",),
            "sku": ("商品规格",),
            "item_code": ("商家编码-规格维度", "商家编码-SKU维度", "商家编码-商品维度"),
            "seller_note": ("商家备注",),
            "buyer_note": ("买家留言",),
            "after_sale": ("售后状态",),
        },
        required=("order_no", "paid", "status"),
        hints=("样式ID", "多多支付立减金额(元)"),
    ),
    Layout(
        key="jd",
        platform="jd",
        label="京东 订单",
        signature=("订单号", "应付金额", "京东价"),
        fields={
            "order_no": ("订单号",),
            "item_id": ("商品ID",),
            "title": ("商品名称",),
            "quantity": ("订购数量",),
            "created_at": ("下单时间",),
            "unit_price": ("京东价",),
            "total": ("订单金额",),
            "merchant_net": ("商家应收", "结算金额"),
            "paid": ("应付金额",),
            "status": ("订单状态",),
            "buyer_id": ("下单帐号", "下单账号"),
            "receiver_name": ("客户姓名",),
            "address": ("客户地址",),
            "phone": ("联系电话",),
            "buyer_note": ("订单备注",),
            "seller_note": ("商家备注",),
            "shipping": ("运费金额",),
            "paid_at": ("付款确认时间",),
            "item_code": ("货号", "商家SKUID"),
            "finished_at": ("订单完成时间",),
            "shipped_at": ("订单出库时间",),
        },
        hints=("下单帐号", "客户姓名", "订购数量"),
    ),
    Layout(
        key="kuaishou",
        platform="kuaishou",
        label="快手小店 订单",
        signature=("订单号", "实付款", "成交数量"),
        fields={
            "order_no": ("订单号",),
            "created_at": ("订单创建时间",),
            "paid_at": ("订单支付时间",),
            "status": ("订单状态",),
            "paid": ("实付款",),
            "shipping": ("快递费",),
            "discount": ("店铺优惠",),
            "quantity": ("成交数量",),
            "buyer_note": ("买家留言",),
            "seller_note": ("订单备注",),
            "after_sale": ("售后状态",),
            "title": ("商品名称",),
            "item_id": ("商品ID",),
            "sku": ("商品规格",),
            "item_code": ("SKU编码",),
            "unit_price": ("商品单价",),
            "receiver_name": ("收货人姓名",),
            "phone": ("收货人电话",),
            "province": ("收货地址-省",),
            "city": ("收货地址-市",),
            "district": ("收货地址-区",),
            "street": ("收货地址-街道",),
            "address": ("收货地址",),
            "shipped_at": ("发货时间",),
        },
        hints=("赠品订单号", "CPS达人ID", "快递费"),
    ),
    Layout(
        key="youzan_item",
        platform="youzan",
        label="有赞 商品维度",
        signature=("订单号", "商品实际成交金额", "订单商品状态"),
        fields={
            "order_no": ("订单号",),
            "status": ("订单商品状态",),
            "finished_at": ("交易成功时间",),
            "created_at": ("订单创建时间",),
            "paid_at": ("买家付款时间",),
            "title": ("商品名称",),
            "sku": ("商品规格",),
            "item_code": ("规格编码", "商品编码"),
            "item_id": ("商品ID",),
            "unit_price": ("商品单价",),
            "quantity": ("商品数量",),
            "goods": ("商品金额小计",),
            "paid": ("商品实际成交金额",),
            "receiver_name": ("收货人/提货人",),
            "phone": ("收货人手机号/提货人手机号",),
            "member_phone": ("买家手机号",),
            "province": ("收货人省份",),
            "city": ("收货人城市",),
            "district": ("收货人地区",),
            "address": ("详细收货地址/提货地址",),
            "buyer_note": ("买家备注",),
            "seller_note": ("商家订单备注",),
            "shipped_at": ("商品发货时间",),
            "refund_status": ("商品退款状态",),
            "refund": ("商品已退款金额",),
        },
        line_money=frozenset({"paid", "goods", "refund"}),
    ),
    Layout(
        key="youzan_order",
        platform="youzan",
        label="有赞 订单维度",
        signature=("订单号", "订单实付金额", "全部商品名称"),
        fields={
            "order_no": ("订单号",),
            "status": ("订单状态",),
            "created_at": ("订单创建时间",),
            "paid_at": ("买家付款时间",),
            "finished_at": ("交易成功时间",),
            "goods": ("商品金额合计",),
            "shipping": ("运费",),
            "discount": ("店铺优惠合计",),
            "paid": ("订单实付金额",),
            "merchant_net": ("订单实收金额",),
            "title": ("全部商品名称",),
            "receiver_name": ("收货人/提货人",),
            "phone": ("收货人手机号/提货人手机号",),
            "province": ("收货人省份",),
            "city": ("收货人城市",),
            "district": ("收货人地区",),
            "address": ("详细收货地址/提货地址",),
            "buyer_note": ("买家备注",),
            "buyer_nick": ("买家昵称",),
            "is_member": ("买家是否会员",),
            "member_phone": ("买家手机号",),
            "refund_status": ("订单退款状态",),
            "refund": ("订单已退款金额",),
            "seller_note": ("商家订单备注",),
            "coupon": ("优惠券码名称",),
        },
        hints=("归属店铺", "买家昵称", "商品种类数"),
    ),
    Layout(
        key="wechat",
        platform="wechat",
        label="微信小店/视频号小店 订单",
        signature=("订单号", "订单实际支付金额", "订单下单时间"),
        fields={
            "order_no": ("订单号",),
            "created_at": ("订单下单时间",),
            "shipped_at": ("订单发货时间",),
            "finished_at": ("订单确认收货时间", "订单完成结算时间"),
            "status": ("订单状态",),
            "receiver_name": ("收件人姓名",),
            "address": ("收件人地址",),
            "province": ("省",),
            "city": ("市",),
            "district": ("区",),
            "phone": ("收件人手机",),
            "buyer_note": ("买家备注",),
            "seller_note": ("商家备注",),
            "goods": ("商品总价",),
            "paid": ("订单实际支付金额",),
            "merchant_net": ("订单实际收款金额",),
            "shipping": ("订单运费",),
            "discount": ("商品优惠",),
            "paid_at": ("支付时间",),
            "title": ("商品名称",),
            "item_code": ("SKU编码(自定义)", "商品编码(自定义)"),
            "item_id": ("商品编码(平台)",),
            "sku": ("商品属性",),
            "line_amount": ("商品实际价格(总共)",),
            "quantity": ("商品数量",),
            "after_sale": ("商品售后",),
            "refund": ("商品已退款金额",),
        },
        line_money=frozenset({"refund"}),
        hints=("带货方式", "商品平均运费"),
    ),
    Layout(
        key="generic",
        platform="generic",
        label="通用模板 / generic template",
        signature=("订单号", "实付金额", "订单状态"),
        fields={
            "order_no": ("订单号", "order_no", "order_id"),
            "sub_order_no": ("子订单号", "sub_order_no"),
            "platform_name": ("平台", "platform"),
            "buyer_id": ("买家ID", "buyer_id"),
            "buyer_nick": ("买家昵称", "buyer_nick"),
            "receiver_name": ("收货人", "receiver_name"),
            "phone": ("手机号", "phone"),
            "province": ("省", "province"),
            "city": ("市", "city"),
            "district": ("区", "district"),
            "address": ("地址", "address"),
            "title": ("商品名称", "item_title"),
            "sku": ("规格", "sku"),
            "item_code": ("商品编码", "item_code"),
            "quantity": ("数量", "quantity"),
            "paid": ("实付金额", "paid_amount"),
            "goods": ("商品金额", "item_amount"),
            "shipping": ("运费", "shipping"),
            "discount": ("优惠金额", "discount"),
            "refund": ("退款金额", "refund_amount"),
            "status": ("订单状态", "status"),
            "created_at": ("下单时间", "created_at"),
            "paid_at": ("付款时间", "paid_at"),
            "finished_at": ("完成时间", "finished_at"),
            "buyer_note": ("买家留言", "buyer_note"),
            "seller_note": ("商家备注", "seller_note"),
            "coupon": ("优惠券", "coupon"),
        },
        line_money=frozenset({"paid", "goods", "shipping", "discount", "refund"}),
    ),
)

LAYOUTS_BY_KEY = {layout.key: layout for layout in LAYOUTS}
KNOWN_HEADERS = frozenset(normalize_header(h) for lay in LAYOUTS for spell in lay.fields.values() for h in spell)


def layouts_for(platform: str | None) -> tuple[Layout, ...]:
    if not platform:
        return LAYOUTS
    return tuple(lay for lay in LAYOUTS if lay.platform == platform)


@dataclass(frozen=True)
class Detection:
    layout: Layout
    mapping: dict[str, int]  # field -> column index
    score: float
    missing_required: tuple[str, ...]


def map_columns(layout: Layout, headers: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, h in enumerate(headers):
        index.setdefault(h, i)  # a duplicate header (Youzan 分销员) keeps its first column
    mapping = {}
    for fld, spellings in layout.fields.items():
        for spelling in spellings:
            col = index.get(normalize_header(spelling))
            if col is not None:
                mapping[fld] = col
                break
    return mapping


def detect_layout(headers: list[str], platform: str | None = None) -> Detection | None:
    """The layout these (normalised) headers fit best, or None if none fits at all."""
    present = set(headers)
    best: Detection | None = None
    for layout in layouts_for(platform):
        sig = [normalize_header(h) for h in layout.signature]
        if not all(h in present for h in sig[:1]):
            continue
        hits = sum(h in present for h in sig)
        # One signature header short still counts (a merchant may have deselected a column), so the
        # owner hears which column is missing instead of "no header".
        if hits < len(sig) - 1 or hits < 2:
            if not (platform and hits >= 1):
                continue
        mapping = map_columns(layout, headers)
        hint_hits = sum(normalize_header(h) in present for h in layout.hints)
        score = hits / len(sig) + len(mapping) / (len(layout.fields) * 10) + hint_hits / 100
        missing = tuple(f for f in layout.required if f not in mapping)
        candidate = Detection(layout, mapping, score, missing)
        if best is None or candidate.score > best.score:
            best = candidate
    return best


def header_row_score(row: list) -> int:
    return sum(1 for v in row if normalize_header(v) in KNOWN_HEADERS)
