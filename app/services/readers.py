"""Reading order sheets: xlsx/xlsm/xls/ods through calamine, very large xlsx streamed, csv streamed.

Every reader yields rows as lists of Python values (str, int, float, bool, datetime or None) from
the top of the sheet; finding the header row is the importer's job.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.services.errors import ImportFailed

CSV_ENCODINGS = ("utf-8-sig", "utf-8", "gbk", "gb18030")
# Above this many bytes of uncompressed sheet XML, calamine's in-memory range would pass ~500 MB:
# stream instead (about 2x slower, memory flat).
STREAM_XLSX_ABOVE = 200 * 1024 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOT_SHEET_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")


@dataclass
class Sheet:
    """One readable sheet of a file."""

    path: Path
    kind: str  # xlsx | xls | ods | csv
    name: str
    index: int
    encoding: str = ""
    size_hint: int = 0  # bytes of sheet data, for progress
    _loaded: object = None  # the calamine sheet, read once and kept for the header scan and the rows

    @property
    def streamed(self) -> bool:
        """Too large for calamine's in-memory range: read by the streaming xlsx reader."""
        return self.kind == "xlsx" and self.size_hint > STREAM_XLSX_ABOVE

    def rows(self) -> Iterator[list]:
        """Every row from the top; empty cells are None or ''."""
        if self.kind == "csv":
            return _csv_rows(self.path, self.encoding)
        if self.streamed:
            return _stream_xlsx_rows(self.path, self.index)
        if self._loaded is None:
            self._loaded = _calamine_sheet(self.path, self.index)
        return iter(self._loaded.iter_rows())

    def rows_below(self, header_index: int) -> list[list] | None:
        """Every row under the header, when the sheet is read whole (None when it is streamed)."""
        if self.kind == "csv" or self.streamed:
            return None
        rows = list(itertools.islice(self.rows(), header_index + 1, None))
        self.release()  # calamine's copy of the sheet is no longer needed
        return rows

    def release(self) -> None:
        self._loaded = None

    def head(self, n: int = 20) -> list[list]:
        out = []
        for row in self.rows():
            out.append(row)
            if len(out) >= n:
                break
        return out


def open_sheets(path: str | Path) -> list[Sheet]:
    """The sheets of a file, in workbook order; raises ImportFailed for what is not a spreadsheet."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ImportFailed("file_missing", file=name)
    with path.open("rb") as fh:
        head = fh.read(65536)
    if not head:
        raise ImportFailed("empty_sheet", file=name)
    if head.startswith(_ZIP_MAGIC):
        return _zip_sheets(path)
    if head.startswith(_OLE_MAGIC):
        return _calamine_sheets(path, "xls")
    if head.startswith(_NOT_SHEET_MAGIC) or b"\x00" in head:
        raise ImportFailed("not_spreadsheet", file=name)
    encoding = detect_encoding(path)
    return [Sheet(path, "csv", path.stem, 0, encoding, path.stat().st_size)]


def detect_encoding(path: Path) -> str:
    """The first of utf-8-sig, utf-8, gbk, gb18030 that decodes the whole file (streamed)."""
    with path.open("rb") as fh:
        bom = fh.read(3)
    candidates = CSV_ENCODINGS if bom == codecs.BOM_UTF8 else CSV_ENCODINGS[1:]
    for enc in candidates:
        decoder = codecs.getincrementaldecoder(enc)()
        try:
            with path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return enc
    raise ImportFailed("not_spreadsheet", file=path.name)


def _zip_sheets(path: Path) -> list[Sheet]:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" not in names:
                if "content.xml" in names:
                    return _calamine_sheets(path, "ods")
                raise ImportFailed("not_spreadsheet", file=path.name)
            parts = _sheet_parts(zf)
            sizes = {p: zf.getinfo(p).file_size for p in parts.values() if p in names}
    except zipfile.BadZipFile as exc:
        raise ImportFailed("corrupt_file", file=path.name, detail=str(exc)) from exc
    sheets = _calamine_sheets(path, "xlsx")
    for sheet in sheets:
        part = parts.get(sheet.index)
        sheet.size_hint = sizes.get(part, 0)
    return sheets


def _sheet_parts(zf: zipfile.ZipFile) -> dict[int, str]:
    """Sheet index -> the XML part that holds it, from workbook.xml and its relationships."""
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
    parts = {}
    for i, sheet in enumerate(re.finditer(r"<sheet\b[^>]*>", wb)):
        rid = re.search(r'\br:id="([^"]+)"', sheet.group(0)) or re.search(r'\bid="([^"]+)"', sheet.group(0))
        if rid and rid.group(1) in targets:
            parts[i] = targets[rid.group(1)]
    return parts


def _calamine_sheets(path: Path, kind: str) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        names = list(wb.sheet_names)
        wb.close()
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise ImportFailed("corrupt_file", file=path.name, detail=str(exc)[:200]) from exc
    if not names:
        raise ImportFailed("empty_sheet", file=path.name)
    return [Sheet(path, kind, n, i, size_hint=path.stat().st_size) for i, n in enumerate(names)]


def _calamine_sheet(path: Path, index: int):
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        return wb.get_sheet_by_index(index)
    except Exception as exc:
        raise ImportFailed("corrupt_file", file=path.name, detail=str(exc)[:200]) from exc


def _csv_rows(path: Path, encoding: str) -> Iterator[list]:
    with path.open("r", encoding=encoding, newline="") as fh:
        sample = fh.read(8192)
        fh.seek(0)
        first_line = sample.split("\n", 1)[0]
        delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
        yield from csv.reader(fh, delimiter=delimiter)


# ---- streaming xlsx, for sheets too large for calamine's in-memory range -------------------------

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
        import html

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


def _stream_xlsx_rows(path: Path, index: int) -> Iterator[list]:
    """The rows of a sheet too large to read whole; a damaged part is reported as a corrupt file."""
    try:
        yield from _stream_xlsx_part(path, index)
    except ImportFailed:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, IndexError, UnicodeDecodeError) as exc:
        raise ImportFailed("corrupt_file", file=path.name, detail=str(exc)[:200]) from exc


def _stream_xlsx_part(path: Path, index: int) -> Iterator[list]:
    with zipfile.ZipFile(path) as zf:
        part = _sheet_parts(zf).get(index, "xl/worksheets/sheet1.xml")
        shared = _shared_strings(zf)
        with zf.open(part) as fh:
            yield from _parse_sheet_stream(fh, shared)


def _cell_value(kind: bytes, v: bytes, inline: bytes, other: bytes, shared: list[str]):
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


def _parse_sheet_stream(fh: io.BufferedIOBase, shared: list[str]) -> Iterator[list]:
    buf = b""
    current = None
    row_no = 0
    row: list = []
    cols: dict[bytes, int] = {}
    while True:
        chunk = fh.read(1 << 21)
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
