"""Reading an xlsx sheet straight from its XML in the zip, row by row: the first rows (for finding the
header without reading the whole sheet), and whole sheets too large for calamine's in-memory range.

Rows come as calamine gives them: lists of Python values from column A, empty rows keeping their
place, text from shared or inline strings, numbers as int or float, booleans.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from app.services.errors import ImportFailed


def sheet_xml_parts(zf: zipfile.ZipFile) -> dict[int, str]:
    """Sheet index -> the XML part that holds it, from workbook.xml and its relationships."""
    return {i: part for i, (_name, part) in sheet_entries(zf).items()}


def sheet_entries(zf: zipfile.ZipFile) -> dict[int, tuple[str, str]]:
    """Sheet index -> (its name in workbook.xml, the XML part that holds it)."""
    wb = zf.read("xl/workbook.xml").decode("utf-8", "replace")
    try:
        rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        rels = ""
    targets = {}
    for rel in re.finditer(r"<Relationship\b[^>]*>", rels):
        tag = rel.group(0)
        rid = re.search(r'\bId="([^"]+)"', tag)
        target = re.search(r'\bTarget="([^"]+)"', tag)
        if rid and target:
            t = target.group(1).lstrip("/")
            targets[rid.group(1)] = t if t.startswith("xl/") else "xl/" + t
    entries = {}
    for i, sheet in enumerate(re.finditer(r"<sheet\b[^>]*>", wb)):
        tag = sheet.group(0)
        rid = re.search(r'\br:id="([^"]+)"', tag) or re.search(r'\bid="([^"]+)"', tag)
        if rid and rid.group(1) in targets:
            name = re.search(r'\bname="([^"]*)"', tag)
            entries[i] = (html.unescape(name.group(1)) if name else "", targets[rid.group(1)])
    return entries


_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})(\d+)"([^>]*?)(?:/>|>(?:<f>[^<]*</f>|<f[^>]*/>)?'
    rb"(?:<v>([^<]*)</v>|<is><t(?: [^>]*)?>([^<]*)</t></is>|(.*?))</c>)",
    re.S,
)
_T_RUN = re.compile(rb"<t\b[^>]*>(.*?)</t>", re.S)
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.S)
_SI = re.compile(rb"<si>(.*?)</si>", re.S)


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _xml_text(raw: bytes) -> str:
    text = raw.decode("utf-8")
    if "&" in text:
        text = html.unescape(text)
    return text


def _rich_text(raw: bytes) -> str:
    if b"<rPh" in raw:
        raw = _PHONETIC.sub(b"", raw)
    return "".join(_xml_text(t) for t in _T_RUN.findall(raw))


def _shared_strings(zf: zipfile.ZipFile) -> list[str]:
    try:
        data = zf.read("xl/sharedStrings.xml")
    except KeyError:
        return []
    return [_rich_text(m) for m in _SI.findall(data)]


class _SharedStringsOnDemand:
    """The shared strings parsed only as far as the rows read so far need (for a sheet's first rows)."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        try:
            data = zf.read("xl/sharedStrings.xml")
        except KeyError:
            data = b""
        self._found = _SI.finditer(data)
        self._strings: list[str] = []

    def __getitem__(self, i: int) -> str:
        while len(self._strings) <= i:
            m = next(self._found, None)
            if m is None:
                raise IndexError(i)
            self._strings.append(_rich_text(m.group(1)))
        return self._strings[i]


def stream_xlsx_rows(path: Path, index: int, *, head: bool = False) -> Iterator[list]:
    """The rows of a sheet too large to read whole (or its first rows, `head`); a damaged part is
    reported as a corrupt file."""
    try:
        yield from _stream_xlsx_part(path, index, head)
    except ImportFailed:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, IndexError, UnicodeDecodeError) as exc:
        raise ImportFailed("corrupt_file", file=path.name, detail=str(exc)[:200]) from exc


def _stream_xlsx_part(path: Path, index: int, head: bool) -> Iterator[list]:
    with zipfile.ZipFile(path) as zf:
        part = sheet_xml_parts(zf).get(index, "xl/worksheets/sheet1.xml")
        shared = _SharedStringsOnDemand(zf) if head else _shared_strings(zf)
        with zf.open(part) as fh:
            yield from _parse_sheet_stream(fh, shared, 1 << 16 if head else 1 << 21)


def _cell_value(kind: bytes, v: bytes, inline: bytes, other: bytes, shared):
    if kind == b"s":
        return shared[int(v)]
    if kind == b"inlineStr":
        return _xml_text(inline) if inline or not other else _rich_text(other)
    if not v:
        return None
    if kind == b"n":
        return int(v) if v.isdigit() and len(v) < 16 else float(v)
    if kind == b"b":
        return v == b"1"
    return _xml_text(v)


def _parse_sheet_stream(fh: io.BufferedIOBase, shared, chunk_size: int = 1 << 21) -> Iterator[list]:
    buf = b""
    current = None
    row_no = 0
    row: list = []
    cols: dict[bytes, int] = {}
    while True:
        chunk = fh.read(chunk_size)
        buf += chunk
        end = buf.rfind(b"</row>")
        if end < 0 and chunk:
            continue
        end = len(buf) if end < 0 else end + 6
        part, buf = buf[:end], buf[end:]
        for col, rn, attrs, v, inline, other in _CELL.findall(part):
            if rn != current:
                if current is not None:
                    yield row
                number = int(rn)
                while row_no + 1 < number:  # empty rows keep their place
                    row_no += 1
                    yield []
                row_no = number
                current, row = rn, []
            c = cols.get(col)
            if c is None:
                c = cols[col] = _col_index(col)
            pos = attrs.find(b't="')
            kind = attrs[pos + 3 : attrs.index(b'"', pos + 3)] if pos >= 0 else b"n"
            value = _cell_value(kind, v, inline, other, shared)
            if value is None or value == "":
                continue
            if len(row) < c:
                row.extend([None] * (c - len(row)))
            row.append(value)
        if not chunk:
            break
    if current is not None:
        yield row
