"""Message keys the analytics return (why a figure is not shown, list-import failures).

Registered into app.services.errors.MESSAGES so the UI and the command line render them like every
other message; QT_TRANSLATE_NOOP marks them for lupdate.
"""

from __future__ import annotations

from app.services.errors import MESSAGES, QT_TRANSLATE_NOOP

ANALYTICS_MESSAGES = {
    "clv_empty_store": QT_TRANSLATE_NOOP("Messages", "There are no orders yet."),
    "clv_too_few_repeat": QT_TRANSLATE_NOOP(
        "Messages",
        "Predicted value needs at least {need} customers who bought again; the shop has {have} so far.",
    ),
    "clv_short_history": QT_TRANSLATE_NOOP(
        "Messages", "Predicted value needs at least {need} days of orders; the shop has {have} so far."
    ),
    "clv_fit_failed": QT_TRANSLATE_NOOP(
        "Messages", "The purchase model could not be fitted to this shop's orders ({detail})."
    ),
    "no_list_header": QT_TRANSLATE_NOOP(
        "Messages", "No buyer id, nickname or mobile column was found in the first rows of the list."
    ),
    "unknown_list_kind": QT_TRANSLATE_NOOP("Messages", 'Unknown customer list kind "{kind}".'),
    "bad_rule": QT_TRANSLATE_NOOP("Messages", "The segment rule is not valid: {detail}."),
}
for _code, _text in ANALYTICS_MESSAGES.items():
    MESSAGES.setdefault(_code, _text)
