"""Raw platform statuses to the normalised five (metrics.md), per line, then per order.

Raw texts are compared after NFKC (both comma forms become ','), without spaces.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

UNPAID, PAID, COMPLETED, CANCELLED, REFUNDED, UNKNOWN = (
    "unpaid",
    "paid",
    "completed",
    "cancelled",
    "refunded",
    "unknown",
)
CLOSED = "closed"  # closed: cancelled or refunded depending on whether it was paid

_VOCABULARY: dict[str, str] = {}


def _add(bucket: str, *texts: str) -> None:
    for text in texts:
        _VOCABULARY[norm_status(text)] = bucket


@lru_cache(maxsize=4096, typed=True)
def norm_status(text: object) -> str:
    if text is None:
        return ""
    value = unicodedata.normalize("NFKC", str(text))
    return "".join(value.replace("\t", "").split())


_add(
    UNPAID,
    "等待买家付款",
    "待支付",
    "待付款",
    "等待付款",
    "等待付款确认",
    "未付款",
    "(删除)未付款",
    "余额宝0元购合约中",
    "外卡支付付款确认中",
    "没有创建外部交易",
    "待买家付款",
)
_add(
    PAID,
    "买家已付款,等待卖家发货",
    "等待卖家发货",
    "买家已付款",
    "卖家部分发货",
    "卖家已发货,等待买家确认",
    "等待买家确认收货",
    "卖家已发货",
    "买家已签收",
    "备货中",
    "待发货",
    "已发货",
    "已发货,待签收",
    "已发货,待收货",
    "等待出库",
    "待出库",
    "等待确认收货",
    "等待境外出库",
    "等待境内发货",
    "部分发货",
    "待成团",
    "待接单",
    "待收货",
    "已付款",
    "待配送",
    "配送中",
    "待自提",
    "已支付",
)
_add(COMPLETED, "交易成功", "已完成", "已签收", "已收货", "完成", "交易完成", "已确认收货")
_add(
    CLOSED,
    "交易关闭",
    "交易已关闭",
    "交易被淘宝关闭",
    "已关闭",
    "已取消",
    "取消",
    "锁定",
    "锁定订单",
    "(锁定)等待出库",
    "订单关闭",
    "订单取消",
    "已失效",
)
_add(
    REFUNDED,
    "已发货,退款成功",
    "未发货,退款成功",
    "已签收,退款成功",
    "已取消,退款成功",
    "退款成功",
    "全额退款",
    "全部商品售后之后订单取消",
)

# After-sale / refund-status columns: only these mean the line's money went back.
_REFUND_DONE = frozenset(
    norm_status(t) for t in ("退款成功", "同意退款,退款成功", "已退款", "退款完成", "售后完成")
)


def line_status(raw: object, *, paid: bool, after_sale: object = None) -> str:
    """The normalised status of one row, given whether it shows a payment."""
    key = norm_status(raw)
    bucket = _VOCABULARY.get(key)
    if bucket is None:
        bucket = _guess(key)
    if bucket == CLOSED:
        bucket = REFUNDED if paid else CANCELLED
    if (
        after_sale is not None
        and norm_status(after_sale) in _REFUND_DONE
        and bucket in (PAID, COMPLETED, UNKNOWN)
    ):
        bucket = REFUNDED
    return bucket


def _guess(key: str) -> str:
    if not key:
        return UNKNOWN
    if key.startswith("(删除)"):
        return CLOSED
    if "退款成功" in key:
        return REFUNDED
    if "取消" in key or "关闭" in key:
        return CLOSED
    return UNKNOWN


_REFUND_DENIED = frozenset(
    norm_status(t)
    for t in (
        "没有申请退款",
        "无退款申请",
        "无退款",
        "退款关闭",
        "退款失败",
        "买家撤销",
        "售后关闭",
        "售后取消,退款失败",
    )
)


def refund_denied(refund_status: object) -> bool:
    """The refund column's status says no money went back."""
    return norm_status(refund_status) in _REFUND_DENIED


def refund_done(after_sale: object) -> bool:
    return norm_status(after_sale) in _REFUND_DONE


def order_status(line_statuses: list[str]) -> str:
    """An order's status from its lines: sold lines win, then refunds, then cancellations."""
    s = set(line_statuses)
    if s & {PAID, COMPLETED}:
        return PAID if PAID in s else COMPLETED
    if UNKNOWN in s:
        return UNKNOWN
    if REFUNDED in s:
        return REFUNDED
    if UNPAID in s:
        return UNPAID
    return CANCELLED if s else UNKNOWN
