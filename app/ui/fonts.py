"""The bundled CJK font, so Chinese renders on machines without Chinese fonts (platform.md §3)."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.paths import resource_path

log = logging.getLogger(__name__)
FONT_FILE = "NotoSansSC-GB2312-subset.otf"
POINT_SIZE = 10


def install_fonts(app: QApplication) -> str | None:
    """Register the bundled font with Qt (charts: `register_matplotlib`); returns its family name."""
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
    return family


@cache
def register_matplotlib() -> str | None:
    """Make the bundled font matplotlib's first sans-serif; call before drawing a chart.

    Not done at start-up: importing matplotlib there would double the window's cold start.
    Returns the font's name for matplotlib, or None when the font or matplotlib is missing.
    """
    path = resource_path("fonts", FONT_FILE)
    try:
        from matplotlib import font_manager, rcParams
    except ImportError:
        return None
    if not path.exists():
        return None
    font_manager.fontManager.addfont(str(path))
    entries = font_manager.fontManager.ttflist
    ours = [e for e in entries if Path(e.fname) == path]
    # A system font with the same family name would otherwise win the tie in findfont.
    entries[:] = ours + [e for e in entries if e not in ours]
    font_manager.fontManager._findfont_cached.cache_clear()
    name = ours[0].name if ours else font_manager.FontProperties(fname=str(path)).get_name()
    rcParams["font.sans-serif"] = [name, *[f for f in rcParams["font.sans-serif"] if f != name]]
    rcParams["axes.unicode_minus"] = False
    return name
