"""Turning one cell of an export into a clean value: ids as exact text, money as integer fen, dates.

Each parser returns the value or raises BadValue(code); placeholders (-, ——, tab, empty) are None.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PLACEHOLDERS = frozenset({"", "-", "--", "—", "——", "/", "null", "NULL", "None", "nan", "NaN", "#N/A", "无"})
ZERO_WORDS = frozenset({"无退款申请", "没有申请退款", "无退款", "0"})
_EXCEL_EPOCH = datetime(1899, 12, 30)
_SCIENTIFIC = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")
_ID_OK = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_\-/.]*$")
_MONEY_LEAD = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)")
_DATE_RX = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})(?:\.\d+)?秒?)?)?$"
)
MAX_SAFE_FLOAT_INT = 2**53


class BadValue(ValueError):
    def __init__(self, code: str, value: object) -> None:
        super().__init__(code)
        self.code = code
        self.value = value


def clean_text(value: object) -> str:
    """Text as shown, without the tabs and quote tricks exports use to keep Excel away."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\t", "").strip()
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1]
    return "" if text in PLACEHOLDERS else text


def parse_id(value: object) -> str | None:
    """An order id, digit for digit. Raises BadValue for ids Excel destroyed."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadValue("id_invalid", value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not value.is_integer() or abs(value) >= MAX_SAFE_FLOAT_INT:
            raise BadValue("id_scientific", _float_text(value))
        return str(int(value))
    text = str(value).replace("\t", "").strip()
    if text.startswith("="):
        text = text[1:]
    text = text.strip('"').strip("'").strip()
    if text in PLACEHOLDERS:
        return None
    if _SCIENTIFIC.match(text):
        raise BadValue("id_scientific", text)
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    if not _ID_OK.match(text):
        raise BadValue("id_invalid", text)
    return text


def _float_text(value: float) -> str:
    return f"{value:.6g}".upper().replace("E+", "E+")


_PLAIN_MONEY = re.compile(r"^(-?)(\d{1,15})(?:\.(\d{0,2}))?$")


def parse_money(value: object, *, zero_words: bool = True) -> int | None:
    """An amount in fen from a number or text like '¥1,234.50', '123.00元', '499.00（系统计算中…）'."""
    if value is None:
        return None
    if isinstance(value, str):
        m = _PLAIN_MONEY.match(value)  # the common case, without Decimal
        if m:
            sign, whole, frac = m.groups()
            fen = int(whole) * 100 + (int(frac.ljust(2, "0")) if frac else 0)
            return -fen if sign else fen
    elif isinstance(value, bool):
        raise BadValue("bad_amount", value)
    elif isinstance(value, int):
        return value * 100
    elif isinstance(value, float):
        if value != value:  # NaN
            return None
        text = repr(value)
        m = _PLAIN_MONEY.match(text)
        if m:
            return parse_money(text)
        return int(Decimal(text).scaleb(2).quantize(Decimal(1), ROUND_HALF_UP))
    text = str(value).replace("\t", "").strip()
    if text in PLACEHOLDERS:
        return None
    if zero_words and text in ZERO_WORDS:
        return 0
    cleaned = text.replace(",", "").replace("，", "").replace("¥", "").replace("￥", "").replace(" ", "")
    cleaned = cleaned.removeprefix("RMB").removeprefix("CNY")
    m = _MONEY_LEAD.match(cleaned)
    if not m:
        raise BadValue("bad_amount", text)
    rest = cleaned[m.end() :]
    if rest and not (rest.startswith(("元", "(", "（")) or rest in ("元",)):
        raise BadValue("bad_amount", text)
    try:
        return int(Decimal(m.group(0)).scaleb(2).quantize(Decimal(1), ROUND_HALF_UP))
    except InvalidOperation as exc:
        raise BadValue("bad_amount", text) from exc


def parse_int(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = clean_text(value).replace(",", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise BadValue("bad_quantity", text) from exc
    if number != number.to_integral_value():
        raise BadValue("bad_quantity", text)
    return int(number)


def parse_date(value: object) -> datetime | None:
    """yyyy-MM-dd HH:mm:ss, yyyy/M/d H:mm, yyyy年M月d日, an Excel serial number, or a datetime."""
    if value is None:
        return None
    # The platforms' usual yyyy-MM-dd HH:mm:ss, straight to the C parser (checked inline: hot path).
    if (
        type(value) is str and len(value) == 19 and value[10] == " " and value[13] == value[16] == ":"
        and not value.startswith(("0000-00-00", "1970-01-01 08:00:00"))
    ):  # fmt: skip
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    if hasattr(value, "year") and hasattr(value, "month"):  # a date
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(float(value), value)
    text = str(value).replace("\t", "").strip()
    if text in PLACEHOLDERS or text.startswith("0000-00-00") or text.startswith("1970-01-01 08:00:00"):
        return None
    try:
        return datetime.fromisoformat(text).replace(microsecond=0, tzinfo=None)
    except ValueError:
        pass
    m = _DATE_RX.match(text)
    if m:
        y, mo, d, h, mi, s = (int(g) if g else 0 for g in m.groups())
        try:
            return datetime(y, mo, d, h, mi, s)
        except ValueError as exc:
            raise BadValue("bad_date", text) from exc
    try:
        return _from_serial(float(text), text)
    except ValueError as exc:
        raise BadValue("bad_date", text) from exc


def _from_serial(number: float, original: object) -> datetime:
    if not 1 <= number < 2958466:  # Excel's calendar ends in 9999
        raise BadValue("bad_date", original)
    return (_EXCEL_EPOCH + timedelta(days=number)).replace(microsecond=0)


_PHONE_PREFIX = re.compile(r"^(\+?86[- ]?)")


def clean_phone(value: object) -> tuple[str, str]:
    """(full 11-digit mobile or '', display text) from '\\'13812345678', '86-138…', '138****1234'."""
    text = clean_text(value).lstrip("'").replace(" ", "").replace("-", "-")
    if not text or text.startswith(("##", "$$")):  # Douyin ciphertext
        return "", ""
    text = _PHONE_PREFIX.sub("", text)
    digits = text.replace("-", "")
    if len(digits) == 11 and digits.isdigit() and digits[0] == "1":
        return digits, digits
    return "", text


def phone_tail(phone_text: str) -> str:
    """The last four characters when all are digits (as \\d matches them), else ''."""
    tail = phone_text[-4:]
    return tail if len(tail) == 4 and tail.isdecimal() else ""


def mask_phone(phone: str) -> str:
    if len(phone) == 11 and phone.isdigit():
        return f"{phone[:3]}****{phone[-4:]}"
    return phone


_COMPOSITE_ADDRESS = re.compile(r"^(?P<name>[^，,]{1,30})[，,](?:86-)?(?P<phone>[\d*]{7,})[，,](?P<addr>.+)$")


def split_taobao_address(text: str) -> tuple[str, str, str, str, str]:
    """(name, phone, province, city, rest) from '张三，86-138…，浙江省 杭州市 …' or '浙江省 杭州市 …'."""
    name = phone = ""
    m = _COMPOSITE_ADDRESS.match(text)
    if m:
        name, phone, text = m.group("name"), m.group("phone"), m.group("addr")
    parts = text.split()
    province = parts[0] if parts else ""
    city = parts[1] if len(parts) > 1 else ""
    return name, phone, province, city, text


_PROVINCE_RX = re.compile(r"^(.{2,8}?(?:省|自治区|市)|北京|上海|天津|重庆)")
_CITY_RX = re.compile(r"^(.{2,9}?(?:市|自治州|地区|盟))")


def split_joined_address(text: str) -> tuple[str, str]:
    """(province, city) from an address written without separators ('广东省深圳市南山区…', JD)."""
    text = text.strip()
    if " " in text:
        parts = text.split()
        return parts[0], parts[1] if len(parts) > 1 else ""
    m = _PROVINCE_RX.match(text)
    if not m:
        return "", ""
    province = m.group(1)
    rest = text[len(province) :]
    if province.endswith("市"):  # municipality: the city is the province
        return province, province
    c = _CITY_RX.match(rest)
    return province, c.group(1) if c else ""
