"""Seeded generator of Taobao 「已卖出的宝贝」 order-level exports (formats.md §1.2 D), for benchmarks.

One row per order, sheet `export`, the 21 columns of the 2026 fixture followed by six order-level
columns seen in other new exports (买家会员名, 订单付款时间, 确认收货时间, 退款金额, 收货人姓名,
联系手机). Every value is text, as the platform writes it: 19-digit order ids, money as yuan with
two decimals, dates `yyyy-MM-dd HH:mm:ss`. About N/3 distinct buyers, so most buyers come back.

Files are cached under bench/out/ keyed by (rows, seed, string storage); the same key gives the same
bytes' content. Usage: `python bench/gen_taobao.py --rows 100000 --seed 1`.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "bench" / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.services.xlsx_fast import write_xlsx  # noqa: E402

GEN_VERSION = 1  # bump when the generated content changes, so cached files are not reused

HEADER_D = (  # formats.md §1.2 D, order-level, in the fixture's order  # noqa: SIM905
    "订单编号,支付单号,买家应付货款,买家应付邮费,总金额,买家实付金额,订单状态,收货地址,运送方式,订单创建时间,"
    "商品标题,宝贝种类,物流单号,物流公司,备注标签,商家备注,宝贝总数量,开票信息,手机订单,商品属性SKU,发货时间"
).split(",")
HEADER_EXTRA = ["买家会员名", "订单付款时间", "确认收货时间", "退款金额", "收货人姓名", "联系手机"]
HEADER = HEADER_D + HEADER_EXTRA

PAID_OPEN = "买家已付款，等待卖家发货"
SUCCESS = "交易成功"
CLOSED = "交易关闭"
SHIPPED = "卖家已发货，等待买家确认"  # only when the buyer has not confirmed by the export date
# Finished orders: mostly 交易成功. Paid-but-unshipped orders are recent (see _open_share).
CLOSED_SHARE = 0.13

END = datetime(2026, 5, 31, 23, 59, 59)
SPAN_SECONDS = int(timedelta(days=548).total_seconds())  # 18 months

_PROVINCES = (
    ("浙江省", "杭州市", ("西湖区", "余杭区", "滨江区", "拱墅区")),
    ("浙江省", "宁波市", ("鄞州区", "海曙区")),
    ("江苏省", "南京市", ("建邺区", "鼓楼区", "玄武区")),
    ("江苏省", "苏州市", ("姑苏区", "吴中区", "工业园区")),
    ("广东省", "广州市", ("天河区", "越秀区", "番禺区")),
    ("广东省", "深圳市", ("南山区", "福田区", "宝安区")),
    ("上海", "上海市", ("浦东新区", "徐汇区", "闵行区")),
    ("北京", "北京市", ("朝阳区", "海淀区", "丰台区")),
    ("四川省", "成都市", ("武侯区", "锦江区", "高新区")),
    ("湖北省", "武汉市", ("洪山区", "江汉区")),
    ("山东省", "济南市", ("历下区", "市中区")),
    ("福建省", "厦门市", ("思明区", "湖里区")),
    ("河南省", "郑州市", ("金水区", "二七区")),
    ("陕西省", "西安市", ("雁塔区", "碑林区")),
)
_STREETS = "文三路 中山路 人民路 解放路 建设路 沙洲街道 长江路 学院路 新华路 和平路".split()  # noqa: SIM905
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玲俊鹏飞婷雪慧"
_NICK_PARTS = ("tb", "小", "爱吃", "快乐", "momo", "阿", "jiajia", "星星", "糖果", "lucky", "木子", "一只")
_PRODUCTS = (
    ("手工红糖姜茶 大姨妈暖宫 独立小包装", 29.9, ("规格:10袋装", "规格:20袋装", "规格:30袋装")),
    ("云南古树普洱熟茶 357g 茶饼 2019年", 168.0, ("年份:2019", "年份:2020")),
    (
        "纯棉短袖T恤女 2026新款宽松百搭上衣",
        59.0,
        ("颜色分类:白色;尺码:M", "颜色分类:黑色;尺码:L", "颜色分类:杏色;尺码:XL"),
    ),
    ("宝宝辅食米粉 高铁营养米糊 6个月+", 45.8, ("口味:原味", "口味:南瓜味")),
    ("家用不粘锅炒锅 麦饭石 28cm 燃气电磁炉通用", 139.0, ("尺寸:28cm带盖", "尺寸:30cm带盖")),
    ("东北五常大米 稻花香 5kg 新米", 79.9, ("重量:5kg", "重量:10kg")),
    ("全年49期中国经营报订阅刊社直发财经资讯报刊", 240.0, ("分册名:全年-邮局-周投", "分册名:全年-快递-月寄")),
    (
        "手机壳 适用iPhone15 透明防摔 硅胶软壳",
        19.9,
        ("颜色分类:透明;适用机型:iPhone15", "颜色分类:磨砂黑;适用机型:iPhone15 Pro"),
    ),
    ("儿童绘本 0-3岁 早教启蒙 全套10册", 88.0, ("套餐:全10册",)),
    ("无线蓝牙耳机 降噪 长续航 半入耳式", 199.0, ("颜色分类:白色", "颜色分类:黑色")),
    ("低糖全麦吐司面包 代餐 整箱 1000g", 36.9, ("口味:原味1000g", "口味:黑麦1000g")),
    ("羊毛混纺围巾女 秋冬 格子 加厚保暖", 128.0, ("颜色分类:驼色格", "颜色分类:红色格")),
)
_CARRIERS = (
    ("中通快递", "736"),
    ("圆通速递", "YT"),
    ("韵达快递", "4313"),
    ("顺丰速运", "SF"),
    ("申通快递", "773"),
)
_TAGS = ("", "", "", "", "", "", "", "红旗", "黄旗", "蓝旗")
_NOTES = ("", "", "", "", "", "", "", "", "加急", "已联系买家", "送小样", "缺货待补")


def cache_path(rows: int, seed: int, shared_strings: bool = False) -> Path:
    kind = "sst" if shared_strings else "inline"
    return OUT_DIR / f"taobao_order_{rows}r_s{seed}_{kind}_v{GEN_VERSION}.xlsx"


def _fmt(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S")


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


class _Buyers:
    """A pool of buyers; each keeps a nick, a receiver name, a phone and one or two addresses."""

    def __init__(self, rng: random.Random, size: int) -> None:
        self.rng = rng
        self.size = size
        self.profiles: dict[int, tuple] = {}

    def pick(self) -> tuple:
        # A skewed pick: a few loyal buyers order often, the tail orders once or twice.
        rng = self.rng
        idx = int(self.size * rng.random() ** 1.6)
        prof = self.profiles.get(idx)
        if prof is None:
            nick = f"{rng.choice(_NICK_PARTS)}{rng.choice(_SURNAMES)}{idx:x}{rng.randrange(10, 99)}"
            name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
            phone = f"1{rng.choice('356789')}{rng.randrange(10**9):09d}"
            addrs = []
            for _ in range(rng.choice((1, 1, 1, 2))):
                prov, city, districts = rng.choice(_PROVINCES)
                street = f"{rng.choice(_STREETS)}{rng.randrange(1, 999)}号"
                addrs.append(f"{prov} {city} {rng.choice(districts)} {street}****")
            prof = self.profiles[idx] = (nick, name, phone, tuple(addrs))
        return prof


def _pool_size(rows: int) -> int:
    """Pool size that gives about rows/3 distinct buyers with the skewed pick (checked empirically)."""
    return max(1, round(rows / 3 / 0.9))


def generate_rows(rows: int, seed: int):
    """Yield the header, then `rows` order rows, newest first (as the seller centre lists them)."""
    rng = random.Random(seed)
    yield HEADER
    buyers = _Buyers(rng, _pool_size(rows))
    ages = sorted(rng.randrange(SPAN_SECONDS) for _ in range(rows))  # seconds before END; newest first
    used_ids: set[int] = set()
    for age in ages:
        while True:  # 19-digit ids, unique within the file
            oid = rng.randrange(10**18 * 2, 10**18 * 5)
            if oid not in used_ids:
                used_ids.add(oid)
                break
        nick, name, phone, addrs = buyers.pick()
        created_at = END - timedelta(seconds=age)
        age_days = age / 86400
        # Open orders are recent (a few stuck or pre-sale ones are old); the rest finished or closed.
        open_share = 0.6 if age_days < 7 else 0.2 if age_days < 45 else 0.01
        u = rng.random()
        status = PAID_OPEN if u < open_share else CLOSED if u < open_share + CLOSED_SHARE else SUCCESS
        kinds = rng.choices((1, 2, 3), (0.8, 0.15, 0.05))[0]
        items = [rng.choice(_PRODUCTS) for _ in range(kinds)]
        qty = sum(rng.choices((1, 2, 3), (0.75, 0.2, 0.05))[0] for _ in items)
        goods = sum(round(p * 100) for _, p, _ in items) * max(1, qty // kinds)
        shipping = 0 if goods >= 4900 or rng.random() < 0.6 else rng.choice((500, 800, 1000))
        total = goods + shipping
        discount = (
            0 if rng.random() < 0.55 else min(total - 1, rng.choice((300, 500, 1000, round(total * 0.1))))
        )
        paid = total - discount
        pay_at = min(END, created_at + timedelta(seconds=rng.randrange(5, 1800)))
        unpaid_close = status == CLOSED and rng.random() < 0.5  # closed before payment
        refund = 0
        ship_at = finish_at = None
        if status == CLOSED:
            if unpaid_close:
                paid = 0
            else:
                refund = paid
        elif status == SUCCESS:
            ship_at = pay_at + timedelta(seconds=rng.randrange(3600, 3 * 86400))
            finish_at = ship_at + timedelta(seconds=rng.randrange(2 * 86400, 10 * 86400))
            if rng.random() < 0.04:  # partial refund after the sale
                refund = round(paid * rng.choice((0.1, 0.2, 0.5)))
            if ship_at > END:  # nothing after the export moment
                status, ship_at, finish_at, refund = PAID_OPEN, None, None, 0
            elif finish_at > END:
                status, finish_at = SHIPPED, None
        carrier, prefix = rng.choice(_CARRIERS)
        tracking = f"{prefix}{rng.randrange(10**10, 10**11)}" if ship_at else ""
        title = ",".join(t for t, _, _ in items)
        sku = ";".join(rng.choice(skus) for _, _, skus in items) if kinds == 1 else ""
        pay_no = "" if unpaid_close else f"{pay_at:%Y%m%d}2200{rng.randrange(10**15, 10**16)}"
        yield [
            str(oid),
            pay_no,
            _yuan(goods),
            _yuan(shipping),
            _yuan(total),
            _yuan(paid),
            status,
            rng.choice(addrs),
            "快递",
            _fmt(created_at),
            title,
            str(kinds),
            tracking,
            carrier if ship_at else "",
            rng.choice(_TAGS),
            rng.choice(_NOTES),
            str(qty),
            "",
            "手机订单" if rng.random() < 0.9 else "",
            sku,
            _fmt(ship_at) if ship_at else "",
            nick,
            "" if unpaid_close else _fmt(pay_at),
            _fmt(finish_at) if finish_at else "",
            _yuan(refund),
            name,
            phone,
        ]


def ensure_file(rows: int, seed: int, *, shared_strings: bool = False, quiet: bool = False) -> Path:
    """The cached file for (rows, seed), generated first if missing."""
    path = cache_path(rows, seed, shared_strings)
    if path.exists():
        return path
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}.xlsx")
    t0 = time.perf_counter()
    try:
        write_xlsx(tmp, generate_rows(rows, seed), sheet_name="export", shared_strings=shared_strings)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    if not quiet:
        mib = path.stat().st_size / 2**20
        print(
            f"generated {path.name}: {rows} rows, {mib:.1f} MiB in {time.perf_counter() - t0:.1f}s",
            file=sys.stderr,
        )
    return path


def _stats(rows: int, seed: int) -> dict:
    it = generate_rows(rows, seed)
    next(it)
    nicks, statuses, dates = set(), {}, []
    for r in it:
        nicks.add(r[21])
        statuses[r[6]] = statuses.get(r[6], 0) + 1
        dates.append(r[9])
    return {
        "rows": rows,
        "distinct_buyers": len(nicks),
        "buyers_per_row": round(len(nicks) / rows, 3),
        "statuses": statuses,
        "first": min(dates),
        "last": max(dates),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--shared-strings", action="store_true", help="write a sharedStrings part instead of inline"
    )
    ap.add_argument("--stats", action="store_true", help="print the value mix instead of writing a file")
    args = ap.parse_args(argv)
    if args.stats:
        import json

        print(json.dumps(_stats(args.rows, args.seed), ensure_ascii=False))
        return 0
    print(ensure_file(args.rows, args.seed, shared_strings=args.shared_strings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
