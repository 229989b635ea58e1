"""The bundled CJK font, so Chinese renders on machines without Chinese fonts (platform.md §3)."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.paths import resource_path

log = logging.getLogger(__name__)
FONT_FILE = "NotoSansSC-GB2312-subset.otf"
POINT_SIZE = 10


def install_fonts(app: QApplication) -> str | None:
    """Register the bundled font with Qt and matplotlib; returns its family name."""
    path = resource_path("fonts", FONT_FILE)
    if not path.exists():
        log.warning("bundled font missing: %s", path)
        return None
    fid = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
    if not families:
        log.warning("Qt could not load %s", path)
        return None
    family = families[0]
    font = QFont(app.font())
    font.setFamilies([family, *app.font().families()])
    font.setPointSize(POINT_SIZE)
    app.setFont(font)
    _register_matplotlib(str(path))
    return family


def _register_matplotlib(path: str) -> None:
    try:
        from matplotlib import font_manager, rcParams
    except ImportError:
        return
    font_manager.fontManager.addfont(path)
    name = font_manager.FontProperties(fname=path).get_name()
    rcParams["font.sans-serif"] = [name, *rcParams["font.sans-serif"]]
    rcParams["axes.unicode_minus"] = False
