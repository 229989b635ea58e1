"""Owner-facing text outside the window (command line): the same Qt Linguist catalog as the UI.

Only QtCore's QTranslator is used, so no display is needed.
"""

from __future__ import annotations

import locale
import os
from functools import cache

from app.paths import resource_path
from app.services.errors import MESSAGE_CONTEXT, MESSAGES, render_message

CATALOG = "siyu"


def system_language() -> str:
    """'zh_CN' when the user's locale is Chinese, else 'en'. SIYU_LANG overrides."""
    for var in ("SIYU_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "zh_CN" if loc.lower().startswith("zh") else "en"


def qm_path(language: str):
    return resource_path("i18n", f"{CATALOG}_{language}.qm")


@cache
def _translator(language: str):
    if language == "en":
        return None
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    if not translator.load(str(qm_path(language))):
        return None
    return translator


def translate(context: str, text: str, language: str | None = None) -> str:
    translator = _translator(language or system_language())
    if translator is None:
        return text
    return translator.translate(context, text) or text


def message(code: str, params: dict | None = None, language: str | None = None) -> str:
    template = translate(MESSAGE_CONTEXT, MESSAGES.get(code, code), language)
    return render_message(code, params or {}, template)
