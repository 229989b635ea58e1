"""A seeded demo shop (竹溪茶舍, tea) built as real platform exports and imported through the importer.

About 18 months of orders ending today: Taobao (order-level xlsx, sheet `export`, imported twice: an
export made 12 days ago and a later one whose overlapping orders moved on), Douyin (UTF-8 BOM CSV,
tab-prefixed ids, one row per sub-order), Pinduoduo, Youzan (order dimension) and JD (one row per SKU)
workbooks. Same seed and same date give the same files and the same store.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from pathlib import Path

from app.models.db import Store
from app.services import demo_data as D
from app.services.demo_exports import taobao_rows, write_files
from app.services.dto import ImportResult
from app.services.errors import ImportCancelled
from app.services.importer import import_file
from app.services.xlsx_fast import write_xlsx

DAYS = 540
FIRST_EXPORT_AGE = timedelta(days=12, hours=-9, minutes=-17)  # the first Taobao export: 12 days ago, 09:17
UNPAID_TIMEOUT = timedelta(hours=24)
PRIMARY = {"taobao": 42, "douyin": 22, "pdd": 14, "youzan": 12, "jd": 10}
# A second platform: mostly Taobao buyers who joined the shop's WeChat mall (Youzan) via the parcel card.
SECOND = {"taobao": ("youzan", "youzan", "douyin", "jd"), "douyin": ("taobao", "youzan"), "pdd": ("taobao",),
          "youzan": ("taobao", "douyin"), "jd": ("taobao",)}  # fmt: skip
MASKED = ("douyin", "pdd")  # no buyer id and (mostly) masked phones: every order looks like a new buyer
PRODUCTS = {p[0]: p for p in D.PRODUCTS}


@dataclass
class Person:
    name: str
    phone: str
    province: str
    city: str
    district: str
    township: str
    detail: str
    platforms: list[str]
    nick: dict[str, str]
    member: bool  # Youzan member (gives the shop a phone number)
    shows_phone: bool  # Douyin / PDD export shows the full number (most are masked)

    @property
    def province_full(self) -> str:  # 上海 → 上海市 where the columns want the full name
        return self.city if self.province + "市" == self.city else self.province

    @property
    def joined_address(self) -> str:  # JD: 浙江省杭州市西湖区… without separators
        head = self.city if self.province + "市" == self.city else self.province + self.city
        return f"{head}{self.district}{self.township}{self.detail}"

    def masked(self, style: str = "mid") -> str:
        return f"{self.phone[:3]}****{self.phone[-4:]}" if style == "mid" else f"1******{self.phone[-4:]}"


@dataclass
class Line:
    code: str
    title: str
    sku: str
    price: int  # fen
    qty: int
    item_id: str
    sub_no: str = ""
    refunded: bool = False  # Douyin: this sub-order alone was refunded (a partial refund of the order)


@dataclass
class Order:
    platform: str
    no: str
    person: Person
    lines: list[Line]
    created: datetime
    shipping: int = 0
    discount: int = 0  # shop discount
    platform_discount: int = 0  # PDD platform subsidy
    fate: str = "ok"  # ok | unpaid | refund (full) | partial
    paid: datetime | None = None
    shipped: datetime | None = None
    finished: datetime | None = None
    refund_at: datetime | None = None
    refund: int = 0
    buyer_note: str = ""
    seller_note: str = ""
    coupon: str = ""
    express: tuple[str, str] = ("", "")
    pay_no: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def goods(self) -> int:
        return sum(ln.price * ln.qty for ln in self.lines)

    @property
    def pay(self) -> int:
        return self.goods + self.shipping - self.discount - self.platform_discount

    def state(self, at: datetime) -> str | None:
        """unpaid, cancelled, paid, shipped, done or refunded as an export made at `at` shows it."""
        if at < self.created:
            return None
        if self.paid is None or at < self.paid:
            return "unpaid" if at - self.created < UNPAID_TIMEOUT else "cancelled"
        if self.fate == "refund" and at >= self.refund_at:
            return "refunded"
        if self.shipped is None or at < self.shipped:
            return "paid"
        return "shipped" if self.finished is None or at < self.finished else "done"

    def refund_shown(self, at: datetime) -> int:
        return self.refund if self.refund_at is not None and at >= self.refund_at else 0

    def shipped_shown(self, at: datetime) -> datetime | None:
        return self.shipped if self.shipped is not None and self.shipped <= at else None

    def split(self) -> list[tuple[int, int, int, int]]:
        """Per line: (goods, discount share, shipping share, payable) — Douyin's sub-order amounts."""
        out, left = [], self.discount
        for i, ln in enumerate(self.lines):
            g = ln.price * ln.qty
            d = left if i == len(self.lines) - 1 else self.discount * g // self.goods
            left -= d
            s = self.shipping if i == 0 else 0
            out.append((g, d, s, g - d + s))
        return out


class _Shop:
    """Draws people and orders from one seeded random generator, in a fixed order."""

    def __init__(self, seed: int, end: datetime) -> None:
        self.rng = random.Random(seed)
        self.end = end
        self.used: set[str] = set()
        self.start = end.date() - timedelta(days=DAYS)
        days = [self.start + timedelta(days=i) for i in range(DAYS)]
        # the shop grows over the 18 months; spring tea, 618, 双11 and gift seasons; busier weekends
        weights = [(0.55 + 0.75 * i / DAYS) * D.MONTH_SEASON[d.month - 1] * _promo(d)
                   * (1.15 if d.weekday() >= 5 else 1.0) for i, d in enumerate(days)]  # fmt: skip
        self.days, self.day_cum = days, list(accumulate(weights))
        self.hour_cum = list(accumulate(D.HOUR_WEIGHTS))
        self.place_cum = list(accumulate(p[3] for p in D.PLACES))
        codes = [p[0] for p in D.PRODUCTS]
        self.codes = codes
        self.product_cum = [
            list(accumulate(D.PRODUCT_WEIGHTS[c] * D.CATEGORY_SEASON[PRODUCTS[c][1]][m] for c in codes))
            for m in range(12)
        ]
        rng = self.rng
        ranges = {"taobao": (6 * 10**11, 8 * 10**11), "douyin": (3 * 10**18, 4 * 10**18),
                  "pdd": (3 * 10**11, 7 * 10**11), "jd": (10**12, 2 * 10**12)}  # fmt: skip
        self.item_ids = {c: {k: str(rng.randrange(*r)) for k, r in ranges.items()} for c in codes}

    def unique(self, make: Callable[[], str]) -> str:
        while (value := make()) in self.used:
            pass
        self.used.add(value)
        return value

    def person(self) -> Person:
        rng = self.rng
        female = rng.random() < 0.58
        given = D.GIVEN_F if female else D.GIVEN_M
        name = rng.choice(D.SURNAMES[:40] if rng.random() < 0.7 else D.SURNAMES) + "".join(
            rng.choice(given + D.GIVEN_ANY) for _ in range(rng.choice((1, 2, 2)))
        )
        phone = self.unique(lambda: rng.choice(D.PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}")
        province, city, districts, _ = rng.choices(D.PLACES, cum_weights=self.place_cum)[0]
        street = rng.choice(D.STREETS)
        detail = (f"{street}{rng.randint(1, 999)}号{rng.choice(D.COMPOUNDS)}{rng.randint(1, 30)}幢"
                  f"{rng.randint(1, 4)}单元{rng.randint(1, 33)}{rng.randint(1, 4):02d}室")  # fmt: skip
        platforms = [rng.choices(list(PRIMARY), list(PRIMARY.values()))[0]]
        if rng.random() < 0.12:
            platforms.append(rng.choice(SECOND[platforms[0]]))
        nick = {k: self.unique(lambda k=k: self.nick(k, name)) for k in ("taobao", "youzan", "jd")}
        township = street[:2] + rng.choice(D.TOWNSHIPS)
        return Person(
            name,
            phone,
            province,
            city,
            rng.choice(districts),
            township,
            detail,
            platforms,
            nick,
            member=rng.random() < 0.7,
            shows_phone=rng.random() < 0.12,
        )

    def nick(self, platform: str, name: str) -> str:
        """A Taobao member name, a WeChat nickname (Youzan) or a JD account, unique per call of unique()."""
        rng = self.rng
        word, latin = rng.choice(D.NICK_WORDS), rng.choice(D.NICK_LATIN)
        if platform == "taobao":
            return rng.choice(
                (
                    f"{word}{rng.randint(10, 9999)}",
                    f"{latin}_{rng.randint(100, 99999)}",
                    f"tb{rng.randrange(10**8, 10**10)}",
                    f"{name[0]}{word}{rng.randint(1, 999)}",
                )
            )
        if platform == "youzan":
            text = rng.choice((word, f"{word}{name[0]}", latin.capitalize(), f"A{name}"))
            return text if rng.random() < 0.5 else f"{text}_{rng.randint(1, 999)}"
        return f"jd_{rng.getrandbits(40):010x}" if rng.random() < 0.6 else f"{latin}{rng.randint(100, 9999)}"

    def order_no(self, platform: str, created: datetime) -> str:
        rng = self.rng
        make = {
            "taobao": lambda: str(rng.randrange(2 * 10**18, 4 * 10**18)),
            "douyin": lambda: f"69{rng.randrange(10**16, 10**17)}",
            "pdd": lambda: f"{created:%y%m%d}-{rng.randrange(10**14, 10**15)}",
            "jd": lambda: str(rng.randrange(2 * 10**11, 3 * 10**11)),
            "youzan": lambda: f"E{created:%Y%m%d%H%M%S}{rng.randrange(10**7, 10**8)}",
        }[platform]
        return self.unique(make)

    def when(self) -> datetime:
        rng = self.rng
        day = rng.choices(self.days, cum_weights=self.day_cum)[0]
        hour = rng.choices(range(24), cum_weights=self.hour_cum)[0]
        return datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)))

    def order(self, person: Person, platform: str, created: datetime, fate: str | None = None) -> Order:
        rng = self.rng
        n_lines = 1 if platform == "pdd" else rng.choices((1, 2, 3), (72, 21, 7))[0]
        codes: list[str] = []
        while len(codes) < n_lines:
            code = rng.choices(self.codes, cum_weights=self.product_cum[created.month - 1])[0]
            if code not in codes:
                codes.append(code)
        lines = []
        for code in codes:
            _, category, title, skus = PRODUCTS[code]
            sku, price = rng.choice(skus)
            qty = 1 if category in ("gift", "ware") else rng.choices((1, 2, 3), (75, 18, 7))[0]
            sub = self.unique(lambda: f"69{rng.randrange(10**16, 10**17)}") if platform == "douyin" else ""
            lines.append(Line(f"{code}-{skus.index((sku, price)) + 1}", title, sku, price * 100, qty,
                              self.item_ids[code].get(platform, ""), sub))  # fmt: skip
        o = Order(platform, self.order_no(platform, created), person, lines, created)
        goods = o.goods
        if person.province in D.REMOTE_PROVINCES:
            o.shipping = 1500
        elif goods < 4900:
            o.shipping = 600
        if _promo(created.date()) > 1 and goods >= 19900:
            o.discount = 2000 * min(goods // 19900, 5)
        elif goods >= 9900 and rng.random() < 0.18:
            o.discount = rng.choice((500, 1000, 2000))
            o.coupon = rng.choice(D.COUPONS)
        if platform == "pdd" and rng.random() < 0.3:
            o.platform_discount = rng.choice((100, 200, 300, 500))
        o.buyer_note, o.seller_note = rng.choice(D.BUYER_NOTES), rng.choice(D.SELLER_NOTES)
        if fate is None:
            r = rng.random()
            fate = "refund" if r < 0.045 else "partial" if r < 0.075 else "unpaid" if r < 0.10 else "ok"
        if fate == "unpaid" and platform not in ("taobao", "youzan") and self.end - created > UNPAID_TIMEOUT:
            fate = "ok"  # Douyin/JD closed-unpaid rows show the amount due, which reads as paid: not made
        refund_amount = platform in ("taobao", "youzan") or (platform == "douyin" and n_lines > 1)
        if fate == "partial" and not refund_amount:
            fate = "ok"  # a partial refund needs an amount column, or a Douyin sub-order refunded on its own
        o.fate = fate
        if fate == "unpaid":
            return o
        o.paid = created + timedelta(seconds=rng.randint(20, 900))
        o.pay_no = f"{o.paid:%Y%m%d}2200{rng.randrange(10**15, 10**16)}"
        o.shipped = o.paid + timedelta(minutes=rng.randint(180, 2400))
        o.finished = o.shipped + timedelta(minutes=rng.randint(2 * 1440, 10 * 1440))
        company, prefix, digits = rng.choice(D.EXPRESS)
        o.express = (company, prefix + str(rng.randrange(10 ** (digits - 1), 10**digits)))
        if fate == "refund":
            self.refund_fully(o, o.paid + timedelta(minutes=rng.randint(60, 6 * 1440)))
        elif fate == "partial":
            o.refund_at = o.finished + timedelta(minutes=rng.randint(600, 5 * 1440))
            if platform == "douyin":
                o.lines[-1].refunded = True
                o.refund = o.split()[-1][3]
            else:
                o.refund = min(max(500, round(o.pay * rng.uniform(0.08, 0.3) / 100) * 100), o.pay - 100)
                if o.refund == o.discount:  # Taobao: a refund equal to the discount would read as none
                    o.refund += 100
        return o

    @staticmethod
    def refund_fully(o: Order, at: datetime) -> None:
        o.fate, o.refund_at, o.refund, o.finished = "refund", at, o.pay, None
        if o.shipped is not None and at < o.shipped:
            o.shipped = None

    def n_orders(self, platform: str) -> int:
        r = self.rng.random()
        if platform in MASKED:  # marketplace shoppers rarely come back to the same shop
            return 1 if r < 0.88 else 2 if r < 0.97 else 3
        if r < 0.57:
            return 1
        if r < 0.88:
            return self.rng.choices((2, 3, 4, 5), (15, 8, 5, 3))[0]
        return self.rng.randint(6, 7) if r < 0.955 else self.rng.randint(8, 16)


def _promo(d: date) -> float:
    if d.month == 6 and d.day <= 18:
        return 3.0 if d.day == 18 else 1.5  # 618
    if d.month == 11 and d.day <= 11:
        return 4.0 if d.day == 11 else 1.6  # 双11
    return 2.0 if (d.month, d.day) in ((12, 12), (3, 8)) else 1.0


def generate(seed: int = 7, customers: int = 800, end: datetime | None = None) -> tuple[list, datetime]:
    """All demo orders, newest first, and when the first Taobao export was made (the others: at `end`)."""
    end = end or datetime.combine(date.today(), time())
    shop = _Shop(seed, end)
    people = [shop.person() for _ in range(customers)]
    orders: list[Order] = []
    for p in people:
        times = sorted(shop.when() for _ in range(shop.n_orders(p.platforms[0])))
        moved = 0  # orders placed on the second platform; at most one on a masked one
        for i, created in enumerate(times):
            platform = p.platforms[0]
            second = len(p.platforms) > 1 and i > 0 and shop.rng.random() < 0.5
            if second and not (p.platforms[1] in MASKED and moved):
                platform, moved = p.platforms[1], moved + 1
            orders.append(shop.order(p, platform, created))
    for platform in ("taobao", "douyin", "jd", "youzan"):  # placed in the last hours, not paid yet
        buyers = [p for p in people if platform in p.platforms] or people
        created = end - timedelta(minutes=shop.rng.randint(30, 1200))
        orders.append(shop.order(shop.rng.choice(buyers), platform, created, fate="unpaid"))
    t1 = end - FIRST_EXPORT_AGE
    open_at_t1 = [
        o
        for o in orders
        if o.platform == "taobao"
        and o.fate == "ok"
        and o.state(t1) in ("paid", "shipped")
        and min(end, o.finished) - t1 > timedelta(hours=3)
    ]
    if open_at_t1:  # one order open at the first export is refunded before the second
        o = shop.rng.choice(open_at_t1)
        lo, hi = max(t1, o.paid) + timedelta(hours=1), min(end, o.finished)
        shop.refund_fully(o, lo + (hi - lo) * shop.rng.random())
    orders.sort(key=lambda o: o.created, reverse=True)  # exports list the newest first
    return orders, t1


def build_demo_shop(
    store: Store,
    *,
    seed: int = 7,
    customers: int = 800,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    today: date | None = None,
) -> list[ImportResult]:
    """Write the demo exports to a temporary folder and import them one by one, oldest export first.

    Each file is its own import batch (undoable); a cancel stops before the next file.
    """
    end = datetime.combine(today or date.today(), time())
    orders, t1 = generate(seed, customers, end)
    never = cancelled or (lambda: False)
    results: list[ImportResult] = []
    with tempfile.TemporaryDirectory(prefix="siyu-demo-") as tmp:
        files = write_files(Path(tmp), orders, t1, end)
        for i, path in enumerate(files):
            if never():
                raise ImportCancelled()
            if progress:
                progress(i, len(files), path.name)
            results.append(import_file(store, path, cancelled=never, backup=i == 0))
    if progress:
        progress(len(files), len(files), "done")
    return results


def write_sample_sheet(path: str | Path, *, seed: int = 7, rows: int = 30, today: date | None = None) -> Path:
    """A small Taobao order-level export (sheet `export`) from the demo generator: the selfcheck's sample."""
    end = datetime.combine(today or date.today(), time())
    orders, _ = generate(seed, 80, end)
    taobao = [o for o in orders if o.platform == "taobao"][:rows]
    return write_xlsx(Path(path), taobao_rows(taobao, end), sheet_name="export")
