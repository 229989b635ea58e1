"""The zh_CN catalog covers every string in the code, keeps its placeholders, and its .qm is current."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import update_translations as ut  # noqa: E402

PLACEHOLDER = re.compile(r"\{\w+\}|%\d|%n|&\w|<[^>]+>")


def all_messages(ts_file: Path) -> list[tuple[str, str, str]]:
    root = ET.parse(ts_file).getroot()
    return [(ctx, m.findtext("source"), ut.translation_text(m)) for ctx, m in ut.messages(root)]


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory) -> Path:
    """The committed catalog, updated by lupdate with every source string now in app/."""
    ts = tmp_path_factory.mktemp("i18n") / "siyu_zh_CN.ts"
    shutil.copy(ut.TS_FILE, ts)
    ut.run_lupdate(ts)
    return ts


def test_every_source_string_is_translated(fresh_ts):
    missing = ut.unfinished(fresh_ts)
    assert not missing, "untranslated (run scripts/update_translations.py):\n" + "\n".join(
        f"[{ctx}] {src!r}" for ctx, src in missing
    )
    contexts = {ctx for ctx, _src, _tr in all_messages(fresh_ts)}
    assert {"Messages", "Platforms", "Statuses", "MainWindow"} <= contexts


def marks(text: str) -> list[str]:
    """Placeholders, tags and an accelerator (any letter: 文件(&F) for &File) in a text."""
    return sorted("&" if m.startswith("&") else m for m in PLACEHOLDER.findall(text))


def looks_wrong(source: str, translation: str) -> bool:
    """Placeholders, accelerators or tags lost or added, or English words left untranslated."""
    if marks(source) != marks(translation):
        return True
    words = re.search(r"[A-Za-z]{3,}", PLACEHOLDER.sub("", source))
    return bool(words) and not re.search(r"[\u4e00-\u9fff]", translation)


def test_translations_keep_placeholders_and_are_chinese(fresh_ts):
    bad = [(c, s, t) for c, s, t in all_messages(fresh_ts) if t and looks_wrong(s, t)]
    assert not bad, "\n".join(f"[{c}] {s!r} -> {t!r}" for c, s, t in bad)


def test_compiled_catalog_matches_the_ts(qapp):
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(ut.QM_FILE))
    root = ET.parse(ut.TS_FILE).getroot()

    def compiled(ctx: str, m: ET.Element) -> str:
        return translator.translate(ctx, m.findtext("source"), m.findtext("comment"))

    stale = [(ctx, ut.key(m)) for ctx, m in ut.messages(root) if compiled(ctx, m) != ut.translation_text(m)]
    assert not stale, (
        f"{ut.QM_FILE.name} is older than the .ts: run scripts/update_translations.py ({stale[:3]})"
    )


def test_the_window_texts_switch_to_chinese(qapp):
    from PySide6.QtCore import QCoreApplication

    from app.ui.i18n import install_translators
    from app.ui.labels import platform_name, status_name

    try:
        assert install_translators("zh_CN") == "zh_CN"
        assert QCoreApplication.translate("MainWindow", "Customers") == "客户"
        assert platform_name("pdd") == "拼多多"
        assert status_name("refunded") == "已退款"
    finally:
        install_translators("en")
    assert platform_name("pdd") == "Pinduoduo"


def run_cli(args: list[str], lang: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SIYU_LANG": lang, "SIYU_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def test_the_command_line_speaks_chinese_with_siyu_lang(tmp_path):
    missing = tmp_path / "没有这个文件.xlsx"
    args = ["import", str(missing), "--db", str(tmp_path / "shop.sqlite")]
    zh = run_cli(args, "zh_CN", tmp_path)
    en = run_cli(args, "en", tmp_path)
    assert zh.returncode == en.returncode == 1
    assert f"文件 {missing.name} 不存在。" in zh.stderr
    assert f"The file {missing.name} does not exist." in en.stderr


def test_no_tr_call_hides_inside_an_f_string():
    """lupdate does not look inside f-string expressions: a tr() there never reaches the catalog and
    stays English for ever (it happened with the member card's tier history)."""
    import ast
    from pathlib import Path

    hidden = []
    for path in Path(ut.SOURCES).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                func = getattr(inner, "func", None)
                if isinstance(inner, ast.Call) and getattr(func, "attr", getattr(func, "id", "")) in (
                    "tr",
                    "translate",
                ):
                    hidden.append(f"{path}:{inner.lineno}")
    assert not hidden, hidden
