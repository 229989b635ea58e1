"""Prove that Chinese renders with the bundled font alone, in Qt widgets and in a matplotlib chart.

The system's CJK fonts are hidden first (a fontconfig file that only knows DejaVu, and matplotlib's
list of system fonts without any CJK face), so what renders is resources/fonts' subset, as on a
machine with no Chinese font at all. Writes screenshots/font_qt_zh.png and font_matplotlib_zh.png.

    .venv/bin/python scripts/font_proof.py [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = "私域掌柜：订单、客户、导入、实付金额、退款、净销售额"
LATIN_DIRS = ("/usr/share/fonts/truetype/dejavu",)
CJK_HINTS = ("cjk", "wqy", "droid", "noto sans sc", "source han", "simsun", "simhei", "msyh")
FONTCONFIG = """<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>{dirs}<cachedir>{cache}</cachedir></fontconfig>
"""


def latin_only_fontconfig(folder: Path) -> Path:
    """A fontconfig file whose only fonts are DejaVu: no system font has a Chinese glyph."""
    dirs = "".join(f"<dir>{d}</dir>" for d in LATIN_DIRS if Path(d).exists())
    path = folder / "fonts.conf"
    path.write_text(FONTCONFIG.format(dirs=dirs, cache=folder / "fc-cache"), encoding="utf-8")
    return path


def qt_proof(out: Path) -> list[str]:
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    chinese = QFontDatabase.WritingSystem.SimplifiedChinese
    before = QFontDatabase.families(chinese)
    before_label = qt_panel("Without the bundled font: " + SAMPLE)
    before_label.adjustSize()
    tofu = before_label.grab()  # painted now, while no font has Chinese glyphs
    from app.ui.fonts import install_fonts

    family = install_fonts(app)
    after = QFontDatabase.families(chinese)
    window = qt_window(tofu)
    path = out / "font_qt_zh.png"
    window.grab().save(str(path))
    return [
        f"qt: Chinese families before the bundled font: {before or 'none'}",
        f"qt: after: {after} (app font {family})",
        f"qt: wrote {path}",
    ]


def qt_panel(text: str):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel

    label = QLabel(text)
    label.setFont(QFont("DejaVu Sans", 14))
    return label


def qt_window(tofu):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

    window = QWidget()
    window.resize(980, 330)
    lay = QVBoxLayout(window)
    before = QLabel()
    before.setPixmap(tofu)
    lay.addWidget(before)
    title = QLabel("内置字体 Noto Sans SC（GB2312 子集）注册后：" + SAMPLE)
    title.setFont(QFont(title.font().family(), 14))
    lay.addWidget(title)
    table = QTableWidget(3, 4)
    table.setHorizontalHeaderLabels(["客户", "平台", "实付金额", "最近下单"])
    rows = [("张三", "淘宝/天猫", "¥1,280.00", "2026-11-01"), ("李四", "拼多多", "¥99.00", "2026-10-28"),
            ("王五 — 老客户", "抖音·微信小店", "¥-20.00 退款", "2026-09-30")]  # fmt: skip
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()
    lay.addWidget(table)
    window.show()
    return window


def hide_system_cjk_from_matplotlib() -> int:
    from matplotlib import font_manager

    entries = font_manager.fontManager.ttflist
    keep = [e for e in entries if not any(h in f"{e.name} {e.fname}".lower() for h in CJK_HINTS)]
    hidden = len(entries) - len(keep)
    entries[:] = keep
    font_manager.fontManager._findfont_cached.cache_clear()
    return hidden


def matplotlib_proof(out: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    hidden = hide_system_cjk_from_matplotlib()
    from app.ui.fonts import register_matplotlib

    name = register_matplotlib()
    used = font_manager.findfont(
        font_manager.FontProperties(family=["sans-serif"]), fallback_to_default=False
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = Figure(figsize=(7, 3.6), dpi=100)
        ax = fig.add_subplot()
        months = ["七月", "八月", "九月", "十月", "十一月"]
        ax.bar(months, [12.5, 18.2, 9.7, 21.3, -3.4], color="#c0392b")
        ax.set_title("月度净销售额（万元）— 含退款")
        ax.set_ylabel("净销售额")
        ax.axhline(0, color="black", linewidth=0.8)
        path = out / "font_matplotlib_zh.png"
        fig.savefig(path)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    if missing or "NotoSansSC" not in Path(used).name:
        raise SystemExit(f"matplotlib did not use the bundled font: {used}; {missing[:3]}")
    return [f"matplotlib: hid {hidden} system CJK fonts; sans-serif -> {name} ({Path(used).name})",
            f"matplotlib: no missing-glyph warnings; wrote {path}"]  # fmt: skip


def child(out: Path) -> int:
    fc = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout.strip()
    print(f"fc-list :lang=zh under the proof's fontconfig: {len(fc.splitlines())} fonts")
    if fc:
        print("system CJK fonts are still visible; the proof is not valid", file=sys.stderr)
        return 1
    for line in qt_proof(out) + matplotlib_proof(out):
        print(line)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        return child(args.out)
    system = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    print(f"fc-list :lang=zh on this machine: {len(system.splitlines())} fonts (hidden for the proof)")
    with tempfile.TemporaryDirectory(prefix="siyu-fonts-") as tmp:
        env = {**os.environ, "FONTCONFIG_FILE": str(latin_only_fontconfig(Path(tmp))),
               "MPLCONFIGDIR": str(Path(tmp) / "mpl"), "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
        cmd = [sys.executable, __file__, "--child", "--out", str(args.out)]
        return subprocess.run(cmd, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
