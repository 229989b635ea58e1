"""Reading order sheets: xlsx/xlsm/xls/ods through calamine, very large xlsx streamed (xlsx_stream.py),
csv streamed.

Every reader yields rows as lists of Python values (str, int, float, bool, datetime or None) from
the top of the sheet; finding the header row is the importer's job.

Two shortcuts for xlsx sheets read whole, each taken only when it gives exactly what calamine gives:
the header is looked for in the first rows streamed from the zip (`scan_head`), without reading the
whole sheet first; and when each mapped column holds one kind of cell (all text, as the platforms
export them, or all numbers), the rows under the header are read column by column by fastexcel
(`columns_below`), which reads a sheet in about half calamine's time. Any other sheet is read by
calamine as before. (Large xlsx sheets are read in parts instead, while the import writes: sheet_parts.py.)
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import itertools
import logging
import zipfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.services.errors import ImportFailed
from app.services.xlsx_stream import sheet_entries, stream_xlsx_rows

CSV_ENCODINGS = ("utf-8-sig", "utf-8", "gbk", "gb18030")
# Above this many bytes of uncompressed sheet XML, calamine's in-memory range would pass ~500 MB:
# stream instead (about 2x slower, memory flat).
STREAM_XLSX_ABOVE = 200 * 1024 * 1024
# Rows streamed by scan_head, where a mapped column mixing text and numbers spares fastexcel's read.
KIND_SCAN_ROWS = 1000

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
    _scanned: list | None = None  # the first rows as streamed from the zip by scan_head
    part_checked: bool = False  # xlsx: the sheet's XML part is known for sure (scan_head may stream it)

    @property
    def streamed(self) -> bool:
        """Too large for calamine's in-memory range: read by the streaming xlsx reader."""
        return self.kind == "xlsx" and self.size_hint > STREAM_XLSX_ABOVE

    def rows(self) -> Iterator[list]:
        """Every row from the top; empty cells are None or ''."""
        if self.kind == "csv":
            return _csv_rows(self.path, self.encoding)
        if self.streamed:
            return stream_xlsx_rows(self.path, self.index)
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

    def scan_head(self, n: int, find_header: Callable[[list[list]], int | None]) -> list[list]:
        """The first `n` rows for finding the header, without reading a whole xlsx sheet first.

        The rows are streamed from the zip when that gives the same header as `head`: the header found
        is all text and column A is used (calamine's rows start at the sheet's first used column).
        Otherwise, and for every other kind of sheet, this is `head(n)`.
        """
        if self.kind == "xlsx" and self.part_checked and self._loaded is None:
            try:
                with contextlib.closing(stream_xlsx_rows(self.path, self.index, head=True)) as streamed:
                    scanned = list(itertools.islice(streamed, max(n, KIND_SCAN_ROWS)))
                rows = scanned[:n]
            except ImportFailed:
                rows = []  # calamine says what is wrong with the file
            idx = find_header(rows)
            if (
                idx is not None
                and all(type(v) is str or v is None for v in rows[idx])
                and any(r and r[0] not in (None, "") for r in rows)
            ):
                self._scanned = scanned  # also tells columns_below of a column mixing kinds early
                return rows
        return self.head(n)

    def parts_allowed(self, header_index: int) -> bool:
        """Whether sheet_parts may read this sheet in parts: an xlsx sheet whose header was streamed from
        the zip (all text) with a cell in column A of the header row itself (each part's copy of it then
        starts that part's columns at A, as the whole sheet's start)."""
        if self.kind != "xlsx" or self._loaded is not None or self._scanned is None:
            return False
        header = self._scanned[header_index] if header_index < len(self._scanned) else []
        return bool(header) and header[0] not in (None, "")

    def kinds_mixed(self, header_index: int, mapped: Collection[int]) -> bool:
        """Some mapped column mixes kinds of cells in the first rows streamed (fastexcel would refuse it)."""
        return self._scanned is not None and _mixed(self._scanned[header_index + 1 :], frozenset(mapped))

    def columns_below(self, header_index: int, mapped: Collection[int]) -> SheetColumns | None:
        """The rows under the header column by column, read by fastexcel, when that is exactly calamine.

        That is when each `mapped` column holds only text or only numbers (the same strings and the
        same floats in both, from the same cells); None when a mapped column mixes them or holds
        dates or booleans, for a csv or streamed sheet, or when fastexcel is not installed: the caller
        reads the rows through calamine instead.
        """
        if self.kind != "xlsx" or self.streamed or self._loaded is not None:
            return None
        mapped = frozenset(mapped)
        if self.kinds_mixed(header_index, mapped):
            return None  # fastexcel would read the whole sheet only to refuse it
        return fastexcel_columns(str(self.path), self.index, header_index, mapped)


def _mixed(rows: list[list], columns: frozenset[int]) -> bool:
    """Some column of `columns` holds something besides text, or besides numbers, in these rows."""
    for c in columns:
        kinds = {type(r[c]) for r in rows if len(r) > c and r[c] not in (None, "")}
        if len(kinds - {int, float}) + bool(kinds & {int, float}) > 1 or kinds - {str, int, float}:
            return True
    return False


class SheetColumns:
    """The data rows under a header, as columns of text; an empty cell is '' as calamine gives it.

    Only the columns an import reads are loaded: `positions` says where each sheet column is among them.
    """

    def __init__(self, array, height: int, positions: dict[int, int]) -> None:
        self._array = array  # a nanoarrow struct array: one child per loaded column
        self.height = height
        self.positions = positions  # sheet column index -> child index

    def __len__(self) -> int:
        return self.height

    def cells(self, c: int) -> list:
        """Column `c`'s cells (None for a column not in the sheet, as a short row gives them)."""
        if c not in self.positions:
            return [None] * self.height
        from nanoarrow import Type

        column = self._array.child(self.positions[c])
        kind = column.schema.type
        if kind == Type.DOUBLE:
            return _arrow_floats(column, self.height)
        if kind in (Type.STRING, Type.LARGE_STRING):
            return _arrow_texts(column, self.height)
        return [""] * self.height  # the null type: a column with no cell at all

    def blank(self, i: int, columns: Collection[int]) -> bool:
        """Row `i` has nothing in any of `columns` (the columns an import reads)."""
        loaded = [self.positions[c] for c in columns if c in self.positions]
        return all(self._array.child(k)[i].as_py() in (None, "") for k in loaded)

    def release(self) -> None:
        self._array = None


def _arrow_floats(column, height: int) -> list:
    """An Arrow float64 column's values as calamine gives numbers: floats, and '' for an empty cell."""
    validity, data = column.buffers
    start = column.offset
    values = memoryview(data).cast("B").cast("d").tolist()[start : start + height]
    bits = memoryview(validity).tobytes()  # empty when no value is null
    for byte_no, byte in enumerate(bits):
        if byte != 0xFF:
            for k in range(byte_no * 8, byte_no * 8 + 8):
                if not byte >> (k & 7) & 1 and start <= k < start + height:
                    values[k - start] = ""
    return values


def _arrow_texts(column, height: int) -> list[str]:
    """An Arrow string column's values, '' for null, straight from its offsets and UTF-8 bytes.

    (nanoarrow's own iterator is pure Python and takes four times as long.) A NUL byte goes between
    each two cells (numpy, in one pass), so the column is decoded and split by two calls, not one
    slice and one decode per cell. A null's offsets enclose nothing, so it comes out as ''.
    """
    if height == 0:
        return []
    import numpy as np  # loaded already by the time a sheet is read (pandas, for the analytics)

    _validity, offsets, data = column.buffers
    start = column.offset
    bounds = np.asarray(memoryview(offsets))[start : start + height + 1]
    first, last = int(bounds[0]), int(bounds[-1])
    raw = memoryview(data).cast("B")[first:last].tobytes()
    if b"\x00" in raw:  # a cell holds a NUL itself (no export does): one slice per cell
        return [raw[a - first : b - first].decode("utf-8") for a, b in itertools.pairwise(bounds.tolist())]
    joined = np.insert(np.frombuffer(raw, dtype=np.uint8), bounds[1:-1] - first, 0)
    return joined.tobytes().decode("utf-8").split("\x00")


def fastexcel_columns(source: str | bytes, index: int, header_index: int, mapped: Collection[int]):
    """A sheet's mapped columns under its header, read by fastexcel from a file or from a workbook's
    bytes; None when a column is not one kind of cell (or fastexcel is missing): calamine reads it."""
    try:
        import fastexcel
        import nanoarrow
    except ImportError:
        return None
    # "could not determine dtype" for an empty column: it is read as text, which is right here.
    logging.getLogger("fastexcel").setLevel(logging.ERROR)
    try:
        sheet = fastexcel.read_excel(source).load_sheet(
            index,
            header_row=header_index,
            schema_sample_rows=None,  # every cell decides its column's type...
            dtype_coercion="strict",  # ...and a column of text and numbers is refused, not coerced
            use_columns=sorted(mapped),  # the others are not turned into Arrow columns at all
        )
    except Exception:  # mixed cells, or a file fastexcel cannot read: calamine reads it (and says why)
        return None
    except BaseException as exc:  # a panic in the Rust reader (pyo3's PanicException is no Exception)
        if type(exc).__name__ != "PanicException":
            raise
        return None
    columns = sheet.selected_columns
    if any(col.dtype not in ("string", "float", "null") for col in columns):
        return None  # dates, booleans: calamine turns them into Python values of its own kinds
    positions = {col.index: k for k, col in enumerate(columns)}
    return SheetColumns(nanoarrow.Array(sheet), sheet.height, positions)


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
            entries = sheet_entries(zf)
            sizes = {p: zf.getinfo(p).file_size for _, p in entries.values() if p in names}
    except zipfile.BadZipFile as exc:
        raise ImportFailed("corrupt_file", file=path.name, detail=str(exc)) from exc
    sheets = _calamine_sheets(path, "xlsx")
    for sheet in sheets:
        name, part = entries.get(sheet.index, (None, None))
        sheet.size_hint = sizes.get(part, 0)
        # The part streamed for this index is calamine's sheet of that index (not a chart sheet's place).
        sheet.part_checked = part in sizes and name == sheet.name
    return sheets


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
