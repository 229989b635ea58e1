"""Translators for the window: the app's catalog plus Qt's own, following the system or the owner's choice."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from app.texts import qm_path, system_language

LANGUAGES = ("system", "en", "zh_CN")
SETTING = "ui/language"
_installed: list[QTranslator] = []


def chosen_language() -> str:
    value = QSettings().value(SETTING, "system")
    return value if value in LANGUAGES else "system"


def effective_language(choice: str | None = None) -> str:
    choice = choice or chosen_language()
    return system_language() if choice == "system" else choice


def install_translators(language: str) -> str:
    """Replace the installed translators; returns the language in effect ('en' or 'zh_CN')."""
    app = QCoreApplication.instance()
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return "en"
    ours = QTranslator(app)
    if ours.load(str(qm_path(language))):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase", "qt"):
        qt_tr = QTranslator(app)
        if qt_tr.load(f"{name}_{language}", qt_dir):
            app.installTranslator(qt_tr)
            _installed.append(qt_tr)
            break
    QLocale.setDefault(QLocale(language))
    return language


def set_language(choice: str) -> str:
    """Remember the owner's choice and switch now; widgets rebuild on LanguageChange."""
    QSettings().setValue(SETTING, choice)
    return install_translators(effective_language(choice))
