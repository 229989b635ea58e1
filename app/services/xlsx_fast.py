"""A small, fast xlsx writer for generated sheets (demo shop, fixtures, benchmarks).

openpyxl needs ~45 s for 100k rows; this writes the same sheet in a few seconds. It writes what the
platforms' exports hold: text and numbers, inline or shared strings, and an optional wrong
`<dimension>` to reproduce quirk Q15. Reports and owner-facing workbooks use openpyxl instead.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "{shared}</Types>"
)
_SHARED_CT = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>{shared}</Relationships>'
)
_SHARED_REL = (
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/>'
)


def _col_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def write_xlsx(
    path: str | Path,
    rows: Iterable[Sequence[object]],
    *,
    sheet_name: str = "Sheet1",
    shared_strings: bool = False,
    dimension: str | None = None,
) -> Path:
    """Write rows (the first is usually the header) to a one-sheet xlsx.

    Values: None (empty), int/float (number), anything else as text. `dimension` writes a
    `<dimension ref=...>` that may be wrong on purpose.
    """
    path = Path(path)
    strings: dict[str, int] = {}
    cols = [_col_name(i) for i in range(200)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            if dimension:
                fh.write(f'<dimension ref="{dimension}"/>'.encode())
            fh.write(b"<sheetData>")
            buf: list[str] = []
            for r, row in enumerate(rows, start=1):
                buf.append(f'<row r="{r}">')
                for c, value in enumerate(row):
                    if value is None or value == "":
                        continue
                    ref = f"{cols[c]}{r}"
                    if isinstance(value, bool):
                        buf.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
                    elif isinstance(value, int | float):
                        buf.append(f'<c r="{ref}"><v>{value!r}</v></c>')
                    elif shared_strings:
                        idx = strings.setdefault(str(value), len(strings))
                        buf.append(f'<c r="{ref}" t="s"><v>{idx}</v></c>')
                    else:
                        text = escape(str(value))
                        buf.append(
                            f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
                        )
                buf.append("</row>")
                if len(buf) > 20000:
                    fh.write("".join(buf).encode())
                    buf.clear()
            fh.write("".join(buf).encode())
            fh.write(b"</sheetData></worksheet>")
        if shared_strings:
            with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
                fh.write(
                    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                )
                for text in strings:
                    fh.write(f'<si><t xml:space="preserve">{escape(text)}</t></si>'.encode())
                fh.write(b"</sst>")
        shared_ct = _SHARED_CT if shared_strings else ""
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES.format(shared=shared_ct))
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK.format(name=escape(sheet_name)))
        zf.writestr(
            "xl/_rels/workbook.xml.rels", _WB_RELS.format(shared=_SHARED_REL if shared_strings else "")
        )
    return path
