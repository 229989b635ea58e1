"""Typed errors with codes. The UI and the command line turn a code into text in the user's language.

Texts are English source strings marked for Qt Linguist with a local QT_TRANSLATE_NOOP (this layer
never imports Qt); `pyside6-lupdate` extracts them into resources/i18n/*.ts.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


MESSAGE_CONTEXT = "Messages"

MESSAGES: dict[str, str] = {
    # whole-file failures
    "file_missing": QT_TRANSLATE_NOOP("Messages", "The file {file} does not exist."),
    "not_spreadsheet": QT_TRANSLATE_NOOP(
        "Messages", "{file} is not a spreadsheet (xlsx, xls or csv) the app can read."
    ),
    "corrupt_file": QT_TRANSLATE_NOOP(
        "Messages", "{file} is damaged or incomplete and cannot be opened ({detail})."
    ),
    "empty_sheet": QT_TRANSLATE_NOOP("Messages", "{file} has no rows to import."),
    "no_header": QT_TRANSLATE_NOOP(
        "Messages",
        "No order header was found in the first 20 rows of {file}. Is it an order export?",
    ),
    "missing_column": QT_TRANSLATE_NOOP(
        "Messages", '{file} looks like a {platform} export but the column "{column}" is missing.'
    ),
    "unknown_platform": QT_TRANSLATE_NOOP("Messages", 'Unknown platform "{platform}".'),
    "cancelled": QT_TRANSLATE_NOOP("Messages", "The import was cancelled; nothing was changed."),
    "no_such_batch": QT_TRANSLATE_NOOP("Messages", "There is no import batch {batch}."),
    "batch_already_undone": QT_TRANSLATE_NOOP("Messages", "Import batch {batch} was already undone."),
    "batch_superseded": QT_TRANSLATE_NOOP(
        "Messages",
        "Import batch {batch} cannot be undone before the later batch {later} that changed the same orders.",
    ),
    "store_too_new": QT_TRANSLATE_NOOP(
        "Messages",
        "The store {path} was saved by a newer version of the app (schema {revision}); "
        "install that version to open it. Nothing was changed.",
    ),
    "store_locked": QT_TRANSLATE_NOOP("Messages", "The store {path} is being used by another window."),
    # per-row rejections
    "id_missing": QT_TRANSLATE_NOOP("Messages", "The order number is empty."),
    "id_scientific": QT_TRANSLATE_NOOP(
        "Messages",
        'The order number "{value}" was turned into scientific notation by Excel; its digits are lost. '
        "Export the file again and import it without opening it in Excel.",
    ),
    "id_invalid": QT_TRANSLATE_NOOP("Messages", 'The order number "{value}" is not valid.'),
    "bad_amount": QT_TRANSLATE_NOOP("Messages", '"{value}" is not an amount of money.'),
    "bad_date": QT_TRANSLATE_NOOP("Messages", '"{value}" is not a date.'),
    "bad_quantity": QT_TRANSLATE_NOOP("Messages", '"{value}" is not a quantity.'),
    "order_not_found": QT_TRANSLATE_NOOP(
        "Messages", "Order {value} is not in the store yet: import the order report before the item report."
    ),
    "unknown_status": QT_TRANSLATE_NOOP(
        "Messages",
        'The status "{value}" is unknown; the order is kept but not counted until it is confirmed.',
    ),
}


class ShopError(Exception):
    """An error the owner should read: a code from MESSAGES and its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def english(self) -> str:
        return render_message(self.code, self.params)

    def __str__(self) -> str:
        return self.english()


class ImportFailed(ShopError):
    """A whole file could not be imported; the store is unchanged."""


class ImportCancelled(ImportFailed):
    def __init__(self) -> None:
        super().__init__("cancelled")


def render_message(code: str, params: dict[str, object], template: str | None = None) -> str:
    """Fill a message template; a translated template may be passed in."""
    text = template if template is not None else MESSAGES.get(code, code)
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text
