"""Builders for membership tests: exports in real platform layouts, imported through the real importer."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.models import Customer
from app.services.importer import import_file
from app.services.xlsx_fast import write_xlsx
from tests.helpers import taobao_row, write_taobao_xlsx

COMPLETED, PAID, CLOSED = "交易成功", "买家已付款，等待卖家发货", "交易关闭"


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


@dataclass(frozen=True)
class TbOrder:
    """One Taobao order as a later export shows it."""

    no: str
    nick: str
    paid_fen: int
    status: str = COMPLETED
    refund_fen: int = 0
    day: str = "2026-03-01"
    total_fen: int | None = None  # 总金额 before discounts (default: the paid amount)

    def row(self) -> list:
        refund = yuan(self.refund_fen) if self.refund_fen else "无退款申请"
        # one phone per nickname, so customers are told apart by their buyer name and their phone alike
        phone = "139" + str(zlib.crc32(self.nick.encode()) % 10**8).zfill(8)
        total = yuan(self.total_fen) if self.total_fen is not None else None
        return taobao_row(
            self.no,
            nick=self.nick,
            paid=yuan(self.paid_fen),
            status=self.status,
            refund=refund,
            created=f"{self.day} 10:00:00",
            paid_at=f"{self.day} 10:01:00",
            phone=phone,
            total=total,
        )


def import_tb(store, path: Path, orders: list[TbOrder]):
    return import_file(store, write_taobao_xlsx(path, [o.row() for o in orders]), backup=False)


GENERIC_HEADER = (
    "订单号",
    "买家ID",
    "实付金额",
    "商品金额",
    "优惠金额",
    "订单状态",
    "下单时间",
    "付款时间",
    "优惠券",
)


def import_generic(store, path: Path, rows: list[tuple]):
    """rows: (order_no, buyer_id, paid_fen, goods_fen, discount_fen, status, time, coupon)."""
    table = [GENERIC_HEADER] + [
        (no, buyer, yuan(paid), yuan(goods), yuan(disc), status, at, at, coupon)
        for no, buyer, paid, goods, disc, status, at, coupon in rows
    ]
    return import_file(store, write_xlsx(path, table, sheet_name="orders"), platform="generic", backup=False)


def customer_id(store, name: str) -> int:
    with store.session_factory() as s:
        return s.execute(select(Customer.id).where(Customer.display_name == name)).scalar_one()


def customer(store, cid: int) -> Customer:
    with store.session_factory() as s:
        return s.get(Customer, cid)
