"""Message keys the membership services raise; registered into app.services.errors.MESSAGES."""

from __future__ import annotations

from app.services.errors import MESSAGES, QT_TRANSLATE_NOOP, ShopError

MEMBERSHIP_MESSAGES = {
    "no_such_customer": QT_TRANSLATE_NOOP("Messages", "There is no customer {customer}."),
    "points_insufficient": QT_TRANSLATE_NOOP(
        "Messages", "The customer has {balance} points; {points} cannot be taken."
    ),
    "points_not_positive": QT_TRANSLATE_NOOP("Messages", "The number of points must be more than zero."),
    "reason_required": QT_TRANSLATE_NOOP("Messages", "A manual adjustment needs a reason."),
    "amount_not_positive": QT_TRANSLATE_NOOP("Messages", "The amount must be more than zero."),
    "stored_value_insufficient": QT_TRANSLATE_NOOP(
        "Messages", "The stored-value balance is {balance} fen; {amount} fen cannot be spent."
    ),
    "refund_exceeds_spend": QT_TRANSLATE_NOOP(
        "Messages", "At most {left} fen of this spending can still be refunded."
    ),
    "no_such_entry": QT_TRANSLATE_NOOP("Messages", "There is no stored-value spending {entry}."),
    "bad_tier": QT_TRANSLATE_NOOP("Messages", 'The tier "{name}" is not valid: {detail}.'),
    "bad_coupon_plan": QT_TRANSLATE_NOOP("Messages", "The coupon plan is not valid: {detail}."),
    "no_such_plan": QT_TRANSLATE_NOOP("Messages", "There is no coupon plan {plan}."),
    "no_such_coupon": QT_TRANSLATE_NOOP("Messages", 'There is no coupon "{coupon}".'),
    "coupon_already_redeemed": QT_TRANSLATE_NOOP("Messages", 'The coupon "{coupon}" was already redeemed.'),
    "segment_audience_needs_ids": QT_TRANSLATE_NOOP(
        "Messages", "Issuing to a saved segment needs the segment's customers."
    ),
    "no_member_header": QT_TRANSLATE_NOOP(
        "Messages", "No mobile, buyer id or nickname column was found in the member list {file}."
    ),
}
for _code, _text in MEMBERSHIP_MESSAGES.items():
    MESSAGES.setdefault(_code, _text)


class MembershipError(ShopError):
    """A membership action the owner asked for cannot be done; nothing was changed."""
