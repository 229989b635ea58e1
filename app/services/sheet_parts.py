"""A large xlsx sheet read in parts, each part parsed while the import writes the parts before it.

fastexcel reads a sheet without the GIL, but only whole: for a 100k-row export that is two to three
seconds before the import can convert its first cell, with the second core idle. Here a background
thread inflates the sheet's XML from the zip and cuts it, at row boundaries, into parts of about
PART_BYTES; each part becomes a small workbook of its own (the original's workbook, styles and shared
strings, and that part's rows under a copy of the header row, renumbered to sit just above them),
which fastexcel reads into Arrow columns while the import thread converts and writes the previous
part. A part is never cut between two rows of one order (the rows' order-id cells are compared).

Each part is read exactly as the whole sheet would be (same header, same column positions; by
fastexcel when each mapped column of the part holds one kind of cell, else by calamine, as
readers.Sheet decides for a whole sheet), so the import gives the same orders either way
(tests/services/test_sheet_parts.py, and every sheet of test_import_columns.py cut into parts of one
order each). Anything this reader is not sure of raises ReadWhole, and the importer rolls the batch
back and reads the sheet whole, as before: XML it does not recognise, a damaged zip entry, or, found
by the importer, one order id in two parts (its rows far apart, or its id written two ways).

On a machine with one core this costs a little (the XML is inflated once more, each part's workbook
written); with two or more, the sheet's reading is hidden behind the import's own work.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import queue
import re
import struct
import threading
import zipfile
import zlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.services.readers import Sheet, SheetColumns, fastexcel_columns
from app.services.xlsx_stream import sheet_xml_parts

PART_BYTES = 12 << 20  # uncompressed XML per part (about 6,000 rows of an order export)
FIRST_PART_BYTES = 3 << 20  # the first part smaller: the import starts sooner
SPLIT_ABOVE = 24 << 20  # smaller sheets are read whole (nothing to overlap worth a second workbook)
SHARED_STRINGS_MAX = 1 << 20  # every part's workbook parses the shared strings again
PARTS_AHEAD = 2  # parts read and waiting (memory: each is its Arrow columns)
_CHUNK = 1 << 20  # compressed bytes inflated at a time (about 8 MB of XML)
_KEEP_MAX = 1 << 20  # other zip entries copied into each part's workbook only when smaller than this

_ROW_TAG = re.compile(rb'<row\b[^>]*?\br="(\d+)"[^>]*?(/?)>')
_ROW_START = re.compile(rb"<row[\s>/]")
_DIMENSION = re.compile(rb"<dimension\b[^>]*/>")
_STUB_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
)
_END_SHEET = b"</sheetData></worksheet>"


class ReadWhole(Exception):
    """These parts cannot stand for the sheet: read it whole instead (nothing of it is kept)."""


@dataclass
class Part:
    columns: SheetColumns | list[list]  # the part's data rows, as the whole sheet's columns_below or rows
    first_row_no: int  # the sheet row number of its first data row
    share: float  # how far through the sheet's XML it ends (0..1), for progress


def parts_of(
    sheet: Sheet,
    header_index: int,
    mapped: Collection[int],
    key_column: int,
    *,
    split_above: int | None = None,
    part_bytes: int | None = None,
    by_calamine: bool | None = None,
) -> SheetParts | None:
    """The sheet's rows under the header in parts, being read; None when it is better read whole (small,
    not an xlsx sheet whose header was streamed from the zip, large shared strings, no fastexcel).
    (`split_above` and `part_bytes` default to SPLIT_ABOVE and PART_BYTES, `by_calamine` to whether the
    first rows mix kinds in a column; tests cut small sheets and try fastexcel on every part.)"""
    split_above = SPLIT_ABOVE if split_above is None else split_above
    if sheet.kind != "xlsx" or sheet.size_hint <= split_above or not sheet.parts_allowed(header_index):
        return None
    try:
        import fastexcel  # noqa: F401
        import nanoarrow  # noqa: F401
    except ImportError:
        return None
    with zipfile.ZipFile(sheet.path) as zf:
        part = sheet_xml_parts(zf).get(sheet.index)
        names = set(zf.namelist())
        shared = zf.getinfo("xl/sharedStrings.xml").file_size if "xl/sharedStrings.xml" in names else 0
    if part is None or part not in names or shared > SHARED_STRINGS_MAX:
        return None
    if by_calamine is None:
        by_calamine = sheet.kinds_mixed(header_index, mapped)  # fastexcel would refuse every part
    return SheetParts(
        sheet.path,
        part,
        sheet.index,
        header_index,
        mapped,
        key_column,
        part_bytes=part_bytes,
        first_part_bytes=part_bytes,
        by_calamine=by_calamine,
    )


def column_letters(c: int) -> bytes:
    out = b""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        out = bytes([65 + rem]) + out
    return out


class SheetParts:
    """The parts of one sheet, in sheet order, read ahead by a background thread. Iterate once; close()
    stops the thread (the importer closes it however the import ends)."""

    def __init__(
        self,
        path: Path,
        part_name: str,
        index: int,
        header_index: int,
        mapped: Collection[int],
        key_column: int,
        *,
        part_bytes: int | None = None,
        first_part_bytes: int | None = None,
        by_calamine: bool = False,
    ) -> None:
        self.path = path
        self.part_name = part_name
        self.index = index  # the sheet's place in the workbook (each part's workbook keeps it)
        self.header_row = header_index + 1  # the header's row number (rows are numbered from the top)
        self.mapped = sorted(set(mapped))
        self.key_letters = column_letters(key_column)
        self.by_calamine = by_calamine  # columns mixing kinds: every part read by calamine
        self.part_bytes = max(1, part_bytes or PART_BYTES)
        self.first_part_bytes = max(1, first_part_bytes or FIRST_PART_BYTES)
        self.share_done = 0.0  # of the sheet's XML, in the parts written so far (for progress)
        self._queue: queue.Queue = queue.Queue(maxsize=PARTS_AHEAD)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, name="sheet-parts", daemon=True)
        self._thread.start()

    def __iter__(self) -> Iterator[Part]:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
            self.share_done = item.share  # asked for the next part: this one is written

    def close(self) -> None:
        self._stop.set()
        while self._thread.is_alive():  # a producer blocked on a full queue looks at _stop every 0.1 s
            with contextlib.suppress(queue.Empty):
                self._queue.get(timeout=0.05)
        self._thread.join()

    # ---- the background thread ----------------------------------------------------------------

    def _put(self, item) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _produce(self) -> None:
        try:
            with zipfile.ZipFile(self.path) as zf:
                template = _template_entries(zf, self.part_name)
                size = max(1, zf.getinfo(self.part_name).file_size)
                for data, header_row, first_row_no, end in self._cut(zf, template):
                    if self._stop.is_set():
                        return
                    columns = _read_part(data, self.index, header_row, self.mapped, self.by_calamine)
                    del data
                    if not self._put(Part(columns, first_row_no, min(1.0, end / size))):
                        return
            self._put(None)
        except ReadWhole as exc:
            self._put(exc)
        except BaseException as exc:  # noqa: BLE001 - anything at all: the whole-sheet read says what is wrong
            logging.getLogger(__name__).debug("sheet parts given up: %r", exc)
            self._put(ReadWhole(repr(exc)[:200]))

    def _cut(self, zf: zipfile.ZipFile, template: list) -> Iterator[tuple[bytes, int, int, int]]:
        """Each part as a workbook of its own: (the workbook, fastexcel's header_row for it, the sheet
        row number of its first data row, where it ends in the sheet's XML)."""
        buf = bytearray()
        pieces = _inflated(self.path, zf.getinfo(self.part_name))

        def more() -> bool:
            piece = next(pieces, None)
            if piece is not None:
                buf.extend(piece)
            return piece is not None

        while (start := buf.find(b"<sheetData>")) < 0:
            if len(buf) > 32 * _CHUNK or not more():
                raise ReadWhole("no <sheetData> element")
        start += len(b"<sheetData>")
        prologue = _DIMENSION.sub(b"", bytes(buf[:start]))  # a part's own extent is found from its cells
        del buf[:start]
        offset = start  # where buf begins in the sheet's XML
        header_tag = re.compile(rb'<row\b[^>]*?\br="%d"' % self.header_row)
        while (found := header_tag.search(buf)) is None or (header_end := _row_end(buf, found.start())) < 0:
            if not more():
                raise ReadWhole("no header row")
        header = bytes(buf[found.start() : header_end])
        if b'<c r="A%d"' % self.header_row not in header:
            raise ReadWhole("the header row has no cell in column A")
        target = max(self.first_part_bytes, header_end + 1)  # the first part has rows under its header
        for n in itertools.count():
            while len(buf) < target and more():
                pass
            cut = self._cut_point(buf, target, more)
            if cut is None:
                cut = self._rows_end(buf, more)
                for _ in pieces:  # the rest of the part (its CRC checked) before the last rows go on
                    pass
            if n == 0:  # the top of the sheet, header included
                yield (
                    _workbook(template, self.part_name, prologue, buf, cut),
                    self.header_row - 1,
                    self.header_row + 1,
                    offset + cut,
                )
            elif cut:
                row_no = int(_ROW_TAG.match(buf).group(1))
                top = prologue + _renumbered(header, self.header_row, row_no - 1)
                yield _workbook(template, self.part_name, top, buf, cut), row_no - 2, row_no, offset + cut
            if buf.startswith(b"</sheetData>", cut):
                return
            del buf[:cut]
            offset += cut
            target = self.part_bytes

    def _cut_point(self, buf: bytearray, target: int, more) -> int | None:
        """Where the next part begins: the first row at or after `target` whose order id differs from
        the row before it. None when the sheet's rows end first."""
        pos = target
        while True:
            found = _ROW_START.search(buf, pos)
            if buf.find(b"</sheetData>", pos, found.start() if found else len(buf)) >= 0:
                return None
            if found is None or (end := _row_end(buf, found.start())) < 0:
                if not more():
                    return None  # a truncated sheet: the last part ends where it does (and fastexcel says so)
                continue
            row = found.start()
            previous = buf.rfind(b"<row", 0, row)
            this_tag, previous_tag = _ROW_TAG.match(buf, row), _ROW_TAG.match(buf, previous)
            if this_tag is None or previous_tag is None:
                raise ReadWhole("a row without its number")
            if int(this_tag.group(1)) <= int(previous_tag.group(1)):
                raise ReadWhole("rows out of order")
            key = self._key(buf, this_tag, end)
            if key is None or key != self._key(buf, previous_tag, row):
                return row
            pos = end  # the same order goes on: cut after it

    def _rows_end(self, buf: bytearray, more) -> int:
        while (end := buf.find(b"</sheetData>")) < 0:
            if not more():
                raise ReadWhole("no </sheetData>")
        return end

    def _key(self, buf: bytearray, tag: re.Match, end: int) -> bytes | None:
        """The order-id cell of the row starting with `tag` (its kind and content), None without one."""
        cell = buf.find(b'<c r="' + self.key_letters + tag.group(1) + b'"', tag.end(), end)
        if cell < 0:
            return None
        close = buf.find(b">", cell, end)
        if close < 0:
            return None
        if buf[close - 1] == 0x2F:  # <c .../>: an empty cell
            return b"empty"
        shared = buf.find(b't="s"', cell, close) >= 0  # an index into the shared strings, not a number
        return (b"s:" if shared else b"v:") + bytes(buf[close + 1 : buf.find(b"</c>", close, end)])


def _inflated(path: Path, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A zip entry's bytes, inflated a piece at a time by zlib without the GIL (zipfile's own reader
    copies what it has not inflated yet on every read, holding the GIL); its CRC is checked at the end."""
    if info.flag_bits & 1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ReadWhole("encrypted or compressed in another way")
    with open(path, "rb") as fh:
        fh.seek(info.header_offset)
        head = fh.read(30)
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise ReadWhole("no local header")
        name_len, extra_len = struct.unpack("<HH", head[26:30])
        fh.seek(info.header_offset + 30 + name_len + extra_len)
        inflate = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        left, crc = info.compress_size, 0
        while left > 0:
            raw = fh.read(min(left, _CHUNK))
            if not raw:
                raise ReadWhole("truncated")
            left -= len(raw)
            piece = inflate.decompress(raw) if inflate is not None else raw
            crc = zlib.crc32(piece, crc)
            yield piece
        if inflate is not None:
            tail = inflate.flush()
            crc = zlib.crc32(tail, crc)
            yield tail
    if crc != info.CRC:
        raise ReadWhole("bad CRC")


def _row_end(buf, start: int) -> int:
    """Just past the row element beginning at `start`; -1 when it is not all in `buf` yet."""
    tag = _ROW_TAG.match(buf, start)
    if tag is None:
        close = buf.find(b">", start)
        if close < 0:
            return -1
        raise ReadWhole("a row without its number")
    if tag.group(2):  # <row .../>
        return tag.end()
    end = buf.find(b"</row>", tag.end())
    return -1 if end < 0 else end + 6


def _renumbered(row: bytes, old: int, new: int) -> bytes:
    """The header row's XML moved to row `new`: its own number and each cell's reference."""
    row = re.sub(rb'(<row\b[^>]*?\br=")%d"' % old, rb'\g<1>%d"' % new, row, count=1)
    return re.sub(rb'(<c r="[A-Z]{1,3})%d"' % old, rb'\g<1>%d"' % new, row)


def _template_entries(zf: zipfile.ZipFile, part_name: str) -> list[tuple[str, bytes]]:
    """The original's zip entries each part's workbook carries: the shared strings (parts_of has checked
    their size), every other small one (workbook, its relationships, styles), and an empty sheet for
    every other worksheet."""
    entries = []
    for info in zf.infolist():
        name = info.filename
        if name == part_name or info.is_dir():
            continue
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            entries.append((name, _STUB_SHEET))
        elif info.file_size <= _KEEP_MAX or name == "xl/sharedStrings.xml":
            entries.append((name, zf.read(name)))
    return entries


def _workbook(template: list, part_name: str, top: bytes, buf: bytearray, end: int) -> bytes:
    """A stored (uncompressed) workbook in memory: the template's entries, and the sheet `top` + buf[:end]
    (a temporary file costs more: writing it out takes longer than fastexcel takes to read it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for name, data in template:
            zf.writestr(name, data)
        with zf.open(part_name, "w") as sheet, memoryview(buf) as view:
            sheet.write(top)
            sheet.write(view[:end])
            sheet.write(_END_SHEET)
    return out.getvalue()


def _read_part(data: bytes, index: int, header_row: int, mapped: list[int], by_calamine: bool):
    """A part's data rows: fastexcel's columns when each mapped column holds one kind of cell (text or
    numbers), else calamine's rows, as the whole sheet is read (readers.Sheet.columns_below, rows_below)."""
    if not by_calamine:
        columns = fastexcel_columns(data, index, header_row, mapped)
        if columns is not None:
            return columns
    from python_calamine import CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(index)
        top, left = sheet.start or (header_row, 0)
        rows = sheet.to_python(skip_empty_area=True)
    except Exception as exc:  # noqa: BLE001 - calamine's own error types
        raise ReadWhole(f"calamine: {exc}"[:200]) from exc
    if left != 0 or top > header_row:
        raise ReadWhole("the part's cells do not start at its header's column A")
    return rows[header_row - top + 1 :]
