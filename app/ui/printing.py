"""Print or save as PDF an HTML document (statements now, reports later) in the bundled CJK font.

`print_html` opens Qt's print preview with a "Save as PDF…" button added to its toolbar;
`save_pdf` writes the same document straight to a file. Both lay the HTML out on A4 in points,
so the preview and the PDF paginate alike.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF, Qt
from PySide6.QtGui import QAction, QFont, QFontDatabase, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolBar, QWidget

from app.paths import resource_path
from app.ui.fonts import FONT_FILE

log = logging.getLogger(__name__)
POINT_SIZE = 10
MARGINS_MM = 15

STYLE = """
body { font-size: 10pt; }
h1 { font-size: 16pt; margin-bottom: 4pt; }
p.meta { color: #555555; margin: 0; }
table.lines { margin-top: 10pt; border-collapse: collapse; }
th { background-color: #eeeeee; text-align: left; border-bottom: 1px solid #999999; }
td { border-bottom: 1px solid #dddddd; }
.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1px solid #999999; }
"""


@cache
def document_family() -> str | None:
    """The bundled font's family, registered with Qt once (the window does it too; tests do not)."""
    path = resource_path("fonts", FONT_FILE)
    fid = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
    families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
    if not families:
        log.warning("no CJK font for printing: %s", path)
        return None
    return families[0]


def make_document(html: str) -> QTextDocument:
    """The HTML as a document in the CJK font, with the shared table style."""
    doc = QTextDocument()
    font = QFont()
    family = document_family()
    if family:
        font.setFamilies([family, *font.families()])
    font.setPointSize(POINT_SIZE)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(STYLE)
    doc.setHtml(html)
    return doc


def _setup(printer: QPrinter) -> None:
    margins = QMarginsF(MARGINS_MM, MARGINS_MM, MARGINS_MM, MARGINS_MM)
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    printer.setPageLayout(
        QPageLayout(a4, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)
    )


def _render(doc: QTextDocument, printer: QPrinter) -> None:
    rect = printer.pageLayout().paintRect(QPageLayout.Unit.Point)
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    doc.print_(printer)


def save_pdf(html: str, path: str | Path) -> Path:
    """Write the document as a PDF file (A4) and return its path."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    _setup(printer)
    _render(make_document(html), printer)
    return Path(path)


def ask_pdf_path(parent: QWidget | None, title: str) -> str:
    """A save dialog for a PDF file; '' when the owner cancels. Adds .pdf when it is missing."""
    caption = QCoreApplication.translate("Printing", "Save as PDF")
    path = QFileDialog.getSaveFileName(parent, caption, title.replace("/", "-") + ".pdf", "PDF (*.pdf)")[0]
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


class PrintPreview(QPrintPreviewDialog):
    """Qt's print preview of one HTML document, plus "Save as PDF…" on its toolbar."""

    def __init__(self, parent: QWidget | None, title: str, html: str) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        _setup(self.printer)
        super().__init__(self.printer, parent)
        self.title, self.html = title, html
        self.document = make_document(html)
        self.setWindowTitle(title)
        self.paintRequested.connect(lambda printer: _render(self.document, printer))
        self.pdf_action = QAction(self.tr("Save as PDF…"), self)
        self.pdf_action.triggered.connect(self.save_as_pdf)
        toolbar = self.findChild(QToolBar)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.pdf_action)
        self.saved: Path | None = None

    def save_as_pdf(self) -> None:
        path = ask_pdf_path(self, self.title)
        if not path:
            return
        try:
            self.saved = save_pdf(self.html, path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save as PDF"), str(exc))


def print_html(parent: QWidget | None, title: str, html: str) -> PrintPreview:
    """Open the print preview (window-modal, returns at once); the dialog deletes itself on close."""
    dialog = PrintPreview(parent, title, html)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.resize(900, 700)
    dialog.open()
    return dialog
