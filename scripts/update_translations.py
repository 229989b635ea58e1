"""Refresh the zh_CN catalog: lupdate over app/, fill what can be filled, lrelease to the .qm.

The .ts file (resources/i18n/siyu_zh_CN.ts) is the source of truth for the Chinese texts: lupdate
keeps every existing translation and adds new source strings as unfinished. This script then
  1. copies a translation already made for the same English text in another context,
  2. applies translations from `--apply FILE.json` ({"Context": {"English": "中文"}}), if given,
  3. compiles the .qm with lrelease, and lists whatever is still unfinished (exit 1 if any).

    .venv/bin/python scripts/update_translations.py                 # refresh + compile + report
    .venv/bin/python scripts/update_translations.py --list-json new.json  # unfinished strings to fill
    .venv/bin/python scripts/update_translations.py --apply new.json      # after translating them
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "app"
TS_FILE = ROOT / "resources" / "i18n" / "siyu_zh_CN.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
LANGUAGE = "zh_CN"
COMMENT_MARK = " ## "  # "Imported ## state of an import": a text with a disambiguating comment


def qt_tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to this Python (the venv), else on PATH."""
    local = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(local) if local.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install pyside6-essentials")
    return found


def run_lupdate(ts_file: Path, sources: Path = SOURCES) -> None:
    """Extract every tr()/translate()/QT_TRANSLATE_NOOP string under `sources` into `ts_file`."""
    if not ts_file.exists():
        ts_file.parent.mkdir(parents=True, exist_ok=True)
        header = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        ts_file.write_text(f'{header}<TS version="2.1" language="{LANGUAGE}">\n</TS>\n', encoding="utf-8")
    cmd = [qt_tool("lupdate"), "-silent", "-extensions", "py", "-locations", "none", "-no-obsolete",
           str(sources), "-ts", str(ts_file)]  # fmt: skip
    subprocess.run(cmd, check=True)


def run_lrelease(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> None:
    subprocess.run([qt_tool("lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)


def messages(root: ET.Element):
    """(context name, message element) for every message in a parsed .ts."""
    for ctx in root.iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            yield name, msg


def _texts(msg: ET.Element) -> list[str]:
    """The translation's text, or each plural form's for a numerus message (one form in Chinese)."""
    tr = msg.find("translation")
    if tr is None:
        return []
    forms = tr.findall("numerusform")
    return [f.text or "" for f in forms] if msg.get("numerus") == "yes" else [tr.text or ""]


def is_finished(msg: ET.Element) -> bool:
    tr = msg.find("translation")
    texts = _texts(msg)
    return tr is not None and tr.get("type") is None and bool(texts) and all(t.strip() for t in texts)


def translation_text(msg: ET.Element) -> str:
    return (_texts(msg) or [""])[0]


def key(msg: ET.Element) -> str:
    """How a message is named in the JSON files: its English text, plus ' ## comment' when it has one."""
    comment = msg.findtext("comment")
    return msg.findtext("source") + (f"{COMMENT_MARK}{comment}" if comment else "")


def unfinished(ts_file: Path) -> list[tuple[str, str]]:
    """(context, key) of every message without a finished translation."""
    root = ET.parse(ts_file).getroot()
    return [(ctx, key(msg)) for ctx, msg in messages(root) if not is_finished(msg)]


def _set(msg: ET.Element, text: str) -> None:
    tr = msg.find("translation")
    if tr is None:
        tr = ET.SubElement(msg, "translation")
    if msg.get("numerus") == "yes":
        forms = tr.findall("numerusform") or [ET.SubElement(tr, "numerusform")]
        for form in forms:
            form.text = text
    else:
        tr.text = text
    tr.attrib.pop("type", None)


def fill(ts_file: Path, extra: dict[str, dict[str, str]] | None = None) -> int:
    """Fill unfinished messages from `extra`, then from the same English text elsewhere; returns how many."""
    tree = ET.parse(ts_file)
    root = tree.getroot()
    by_text: dict[str, str] = {}
    for _ctx, msg in messages(root):
        if is_finished(msg):
            by_text.setdefault(key(msg), translation_text(msg))
    filled = 0
    for ctx, msg in messages(root):
        name = key(msg)
        text = (extra or {}).get(ctx, {}).get(name) or (None if is_finished(msg) else by_text.get(name))
        if text:
            _set(msg, text)
            filled += 1
    if filled:
        tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apply", type=Path, help='JSON {"Context": {"English": "中文"}} to fill in')
    parser.add_argument("--list-json", type=Path, help="write the unfinished strings as such a JSON")
    args = parser.parse_args(argv)
    run_lupdate(TS_FILE)
    extra = json.loads(args.apply.read_text(encoding="utf-8")) if args.apply else None
    if fill(TS_FILE, extra):
        run_lupdate(TS_FILE)  # back to lupdate's own layout, so diffs stay small
    run_lrelease()
    missing = unfinished(TS_FILE)
    if args.list_json:
        todo: dict[str, dict[str, str]] = {}
        for ctx, source in missing:
            todo.setdefault(ctx, {})[source] = ""
        args.list_json.write_text(json.dumps(todo, ensure_ascii=False, indent=1), encoding="utf-8")
    total = len(list(messages(ET.parse(TS_FILE).getroot())))
    print(f"{TS_FILE.relative_to(ROOT)}: {total} strings, {len(missing)} unfinished; wrote {QM_FILE.name}")
    for ctx, source in missing:
        print(f"  unfinished [{ctx}] {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
