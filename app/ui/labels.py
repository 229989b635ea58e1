"""Owner-facing names for the codes services use: messages, platforms, statuses and sheet fields.

Marked with QT_TRANSLATE_NOOP so lupdate extracts them; translated at display time.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.services.errors import MESSAGE_CONTEXT, MESSAGES, ShopError, render_message
from app.services.platforms import PLATFORM_NAMES

# Codes raised by services that errors.py does not list yet (see the hand-over notes).
UI_MESSAGES = {
    "no_such_customer": QT_TRANSLATE_NOOP("UiMessages", "Customer {customer} no longer exists."),
    "merge_same_customer": QT_TRANSLATE_NOOP("UiMessages", "A customer cannot be merged with itself."),
    "split_last_identity": QT_TRANSLATE_NOOP(
        "UiMessages", "This is the customer's only identity; there is nothing to split off."
    ),
}

STATUSES = {
    "unpaid": QT_TRANSLATE_NOOP("Statuses", "Unpaid"),
    "paid": QT_TRANSLATE_NOOP("Statuses", "Paid"),
    "completed": QT_TRANSLATE_NOOP("Statuses", "Completed"),
    "cancelled": QT_TRANSLATE_NOOP("Statuses", "Cancelled"),
    "refunded": QT_TRANSLATE_NOOP("Statuses", "Refunded"),
    "unknown": QT_TRANSLATE_NOOP("Statuses", "Unknown"),
}

IDENTITY_KINDS = {
    "buyer": QT_TRANSLATE_NOOP("Identities", "Buyer account"),
    "phone": QT_TRANSLATE_NOOP("Identities", "Mobile"),
    "receiver": QT_TRANSLATE_NOOP("Identities", "Receiver"),
}

FIELDS = {
    "order_no": QT_TRANSLATE_NOOP("Fields", "Order number"),
    "sub_order_no": QT_TRANSLATE_NOOP("Fields", "Sub-order number"),
    "platform_name": QT_TRANSLATE_NOOP("Fields", "Platform"),
    "buyer_id": QT_TRANSLATE_NOOP("Fields", "Buyer ID"),
    "buyer_nick": QT_TRANSLATE_NOOP("Fields", "Buyer nickname"),
    "receiver_name": QT_TRANSLATE_NOOP("Fields", "Receiver name"),
    "phone": QT_TRANSLATE_NOOP("Fields", "Receiver phone"),
    "member_phone": QT_TRANSLATE_NOOP("Fields", "Member phone"),
    "province": QT_TRANSLATE_NOOP("Fields", "Province"),
    "city": QT_TRANSLATE_NOOP("Fields", "City"),
    "district": QT_TRANSLATE_NOOP("Fields", "District"),
    "street": QT_TRANSLATE_NOOP("Fields", "Street"),
    "address": QT_TRANSLATE_NOOP("Fields", "Address"),
    "paid": QT_TRANSLATE_NOOP("Fields", "Amount paid"),
    "goods": QT_TRANSLATE_NOOP("Fields", "Goods amount"),
    "shipping": QT_TRANSLATE_NOOP("Fields", "Shipping"),
    "discount": QT_TRANSLATE_NOOP("Fields", "Discount"),
    "total": QT_TRANSLATE_NOOP("Fields", "Total amount"),
    "refund": QT_TRANSLATE_NOOP("Fields", "Refund amount"),
    "merchant_net": QT_TRANSLATE_NOOP("Fields", "Amount to merchant"),
    "unit_price": QT_TRANSLATE_NOOP("Fields", "Unit price"),
    "line_amount": QT_TRANSLATE_NOOP("Fields", "Line amount"),
    "status": QT_TRANSLATE_NOOP("Fields", "Order status"),
    "refund_status": QT_TRANSLATE_NOOP("Fields", "Refund status"),
    "after_sale": QT_TRANSLATE_NOOP("Fields", "After-sale status"),
    "close_reason": QT_TRANSLATE_NOOP("Fields", "Close reason"),
    "created_at": QT_TRANSLATE_NOOP("Fields", "Created at"),
    "paid_at": QT_TRANSLATE_NOOP("Fields", "Paid at"),
    "shipped_at": QT_TRANSLATE_NOOP("Fields", "Shipped at"),
    "finished_at": QT_TRANSLATE_NOOP("Fields", "Finished at"),
    "title": QT_TRANSLATE_NOOP("Fields", "Item title"),
    "sku": QT_TRANSLATE_NOOP("Fields", "SKU / options"),
    "item_code": QT_TRANSLATE_NOOP("Fields", "Item code"),
    "item_id": QT_TRANSLATE_NOOP("Fields", "Item ID"),
    "quantity": QT_TRANSLATE_NOOP("Fields", "Quantity"),
    "buyer_note": QT_TRANSLATE_NOOP("Fields", "Buyer note"),
    "seller_note": QT_TRANSLATE_NOOP("Fields", "Seller note"),
    "is_member": QT_TRANSLATE_NOOP("Fields", "Member?"),
    "coupon": QT_TRANSLATE_NOOP("Fields", "Coupon"),
}


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def message(code: str, params: dict | None = None) -> str:
    if code in MESSAGES:
        template = _tr(MESSAGE_CONTEXT, MESSAGES[code])
    elif code in UI_MESSAGES:
        template = _tr("UiMessages", UI_MESSAGES[code])
    else:
        template = code
    return render_message(code, params or {}, template)


def error_text(exc: BaseException) -> str:
    """What the owner reads for an error from a service."""
    if isinstance(exc, ShopError):
        return message(exc.code, exc.params)
    return f"{type(exc).__name__}: {exc}"


def platform_name(key: str | None) -> str:
    if not key:
        return ""
    return _tr("Platforms", PLATFORM_NAMES[key]) if key in PLATFORM_NAMES else key


def platforms_text(keys: str) -> str:
    return ", ".join(platform_name(k) for k in keys.split(",") if k) if keys else ""


def status_name(code: str) -> str:
    return _tr("Statuses", STATUSES[code]) if code in STATUSES else code


def field_name(key: str) -> str:
    return _tr("Fields", FIELDS[key]) if key in FIELDS else key


def identity_kind(kind: str) -> str:
    return _tr("Identities", IDENTITY_KINDS[kind]) if kind in IDENTITY_KINDS else kind


def yuan(fen: int | None) -> str:
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    return f"{sign}¥{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


def when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def day(value) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


def file_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)
