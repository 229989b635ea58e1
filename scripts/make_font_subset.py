"""Build resources/fonts/NotoSansSC-GB2312-subset.otf from Debian's Noto Sans CJK (SIL OFL 1.1).

Needs `apt-get install fonts-noto-cjk`. Keeps GB2312 (all simplified characters in common use),
Latin-1, general punctuation, arrows, circled numbers, CJK punctuation and the full-width forms,
so — · ¥ and ①…⑳ render on a machine without any Chinese font (platform.md §3).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SC_FACE = 2  # JP, KR, SC, TC, HK in Debian's collection
OUT = ROOT / "resources" / "fonts" / "NotoSansSC-GB2312-subset.otf"
EXTRA_RANGES = "U+0020-007E,U+00A0-00FF,U+2000-206F,U+2190-21FF,U+2460-24FF,U+3000-303F,U+FF00-FFEF"


def gb2312_text() -> str:
    chars = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def main() -> int:
    from fontTools.ttLib import TTCollection

    with tempfile.TemporaryDirectory() as tmp:
        face = Path(tmp) / "NotoSansCJKsc-Regular.otf"
        TTCollection(str(SOURCE)).fonts[SC_FACE].save(str(face))
        text_file = Path(tmp) / "gb2312.txt"
        text_file.write_text(gb2312_text(), encoding="utf-8")
        subprocess.run(
            [str(Path(sys.executable).parent / "pyftsubset"), str(face), f"--text-file={text_file}",
             f"--unicodes={EXTRA_RANGES}", "--layout-features=*", f"--output-file={OUT}"],
            check=True,
        )  # fmt: skip
    print(f"{OUT} {OUT.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
