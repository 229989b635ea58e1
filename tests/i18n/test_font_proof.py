"""Chinese renders with the bundled font alone (system CJK fonts hidden), in Qt and in matplotlib."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def test_bundled_font_renders_chinese_in_qt_and_matplotlib(tmp_path):
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "font_proof.py"), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr
    assert "fc-list :lang=zh under the proof's fontconfig: 0 fonts" in res.stdout
    assert "qt: Chinese families before the bundled font: none" in res.stdout
    assert "(NotoSansSC-GB2312-subset.otf)" in res.stdout
    for name in ("font_qt_zh.png", "font_matplotlib_zh.png"):
        image = QImage(str(tmp_path / name))
        assert not image.isNull() and image.width() > 400, name
