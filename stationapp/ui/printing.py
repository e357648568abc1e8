"""Printing shared by every printed document: A4 pages, a CJK font, PDFs whose text reads back,
and Qt's print preview.

Documents are QTextDocuments laid out in the device's own units (see print_document), so a PDF
written at 300 dpi and a sheet from the printer come out the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QWidget

from stationapp.services.private_files import make_private, prepare_output_file, private_output

FONT_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimSun",
    "sans-serif",
)
FONT_POINT_SIZE = 10.5
PDF_RESOLUTION = 300
PAGE_MARGIN_MM = 15.0
# A print preview takes this share of the screen's available width and height (UX.md: previews
# open large, fitted to the page width).
PREVIEW_SCREEN_SHARE = 0.9
# <a name="keep-together"></a> starts a part (up to the next page break or the end) that is moved
# to a new page rather than split, when it fits on one: signatures stay with their last lines.
# Headings (<h1>...<h6>) likewise never end a page alone.
KEEP_TOGETHER = "keep-together"
_ADDED_BREAK = QTextFormat.Property.UserProperty + 1
# The footer of numbered pages (print_numbered): printed text, Chinese like the documents.
PAGE_FOOTER = "第{page}页 / 共{pages}页"
FOOTER_POINT_SIZE = 9.0


def document_font() -> QFont:
    font = QFont()
    font.setFamilies(list(FONT_FAMILIES))
    font.setPointSizeF(FONT_POINT_SIZE)
    # Noto Sans CJK's 'locl' swaps digits after Latin text for glyphs its cmap does not reach,
    # and Qt's PDF writer can only name the characters of glyphs the cmap reaches: such digits
    # would print but vanish from the PDF's text (search, copy, screen readers).
    font.setFeature(QFont.Tag("locl"), 0)
    return font


def html_document(html: str) -> QTextDocument:
    """A document of ``html`` in the printing font."""
    document = QTextDocument()
    document.setDefaultFont(document_font())
    document.setHtml(html)
    return document


def a4_layout() -> QPageLayout:
    margins = QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        margins,
        QPageLayout.Unit.Millimeter,
    )


def print_document(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """Lay ``document`` out in the device's own units on its printable area, then print it.

    Without a page size QTextDocument.print_ adds its own 2 cm margins and page numbers on top of
    the device's; with one given in screen pixels the output would be scaled from screen DPI.
    """
    layout = device.pageLayout()
    document.documentLayout().setPaintDevice(device)
    document.setPageSize(QSizeF(layout.paintRectPixels(device.logicalDpiX()).size()))
    keep_parts_together(document)
    document.print_(device)


def footer_font() -> QFont:
    font = document_font()
    font.setPointSizeF(FOOTER_POINT_SIZE)
    return font


def footer_height(device: QPagedPaintDevice) -> float:
    """The band under the text that a page number takes: its line and a blank line above."""
    return 2 * QFontMetricsF(footer_font(), device).height()


def lay_out_pages(document: QTextDocument, device: QPagedPaintDevice) -> int:
    """Lay ``document`` out on the device's printable area less the footer band, its parts
    kept together (as print_document does); the number of pages it takes."""
    area = device.pageLayout().paintRectPixels(device.logicalDpiX())
    document.documentLayout().setPaintDevice(device)
    document.setPageSize(QSizeF(area.width(), area.height() - footer_height(device)))
    keep_parts_together(document)
    return document.pageCount()


def print_numbered(
    documents: Sequence[QTextDocument],
    device: QPagedPaintDevice,
    *,
    footer: str = PAGE_FOOTER,
    counts: Sequence[int] | None = None,
) -> None:
    """Print ``documents`` one after the other, each from a new page, with the page number and
    the page count (``footer``) under every page, numbered across all of them.

    ``counts``: the documents are already laid out on ``device`` (lay_out_pages) and take these
    numbers of pages; a caller that lists the pages (an index) lays them out first to count.
    """
    if counts is None:
        counts = [lay_out_pages(document, device) for document in documents]
    pages = sum(counts)
    area = device.pageLayout().paintRectPixels(device.logicalDpiX())
    width, height = float(area.width()), float(area.height())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or the PDF file cannot be written")
    try:
        number = 0
        for document, count in zip(documents, counts, strict=True):
            body = document.pageSize().height()
            for page in range(count):
                if number:
                    device.newPage()
                number += 1
                painter.save()
                painter.translate(0, -page * body)
                document.drawContents(painter, QRectF(0, page * body, width, body))
                painter.restore()
                painter.setFont(footer_font())
                painter.drawText(
                    QRectF(0, body, width, height - body),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                    footer.format(page=number, pages=pages),
                )
    finally:
        painter.end()


def _set_break(block: QTextBlock, on: bool) -> None:
    fmt = QTextBlockFormat()
    fmt.setPageBreakPolicy(
        QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
        if on
        else QTextFormat.PageBreakFlag.PageBreak_Auto
    )
    fmt.setProperty(_ADDED_BREAK, on)
    QTextCursor(block).mergeBlockFormat(fmt)


def _breaks_before(block: QTextBlock) -> bool:
    policy = block.blockFormat().pageBreakPolicy()
    return bool(policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def _starts_part(block: QTextBlock) -> bool:
    iterator = block.begin()
    while not iterator.atEnd():
        if KEEP_TOGETHER in iterator.fragment().charFormat().anchorNames():
            return True
        iterator += 1
    return False


def _lay_out_anew(document: QTextDocument) -> None:
    # Qt's incremental relayout after a page-break change can paint stale positions: redo it all.
    document.markContentsDirty(0, document.characterCount())
    document.pageCount()


def keep_parts_together(document: QTextDocument) -> None:
    """Start a part on a new page rather than split it: each keep-together part that would
    straddle two pages but fits on one, and each heading that would end a page alone.

    Runs again at every print (the preview repaints after each page-setup change): the breaks
    added last time are taken out first.
    """
    height = document.pageSize().height()
    if height <= 0:
        return
    layout = document.documentLayout()
    blocks: list[QTextBlock] = []
    block = document.begin()
    removed = False
    while block.isValid():
        if block.blockFormat().boolProperty(_ADDED_BREAK):
            _set_break(block, False)
            removed = True
        blocks.append(block)
        block = block.next()
    if removed:
        _lay_out_anew(document)

    def page(y: float) -> int:
        return int(y // height)

    def straddles(index: int) -> tuple[bool, bool]:
        """Whether the part starting at blocks[index] straddles pages, and fits on one."""
        first = layout.blockBoundingRect(blocks[index])
        top, bottom = first.top(), first.bottom()
        for later in blocks[index + 1 :]:
            if _breaks_before(later):
                break
            bottom = max(bottom, layout.blockBoundingRect(later).bottom())
        return page(top) != page(bottom - 1), bottom - top <= height

    def orphaned(index: int) -> bool:
        """Whether the heading blocks[index] ends a page without the first line after it."""
        if index + 1 >= len(blocks) or _breaks_before(blocks[index + 1]):
            return False
        following = blocks[index + 1]
        rect = layout.blockBoundingRect(following)
        lines = following.layout()
        first_line = lines.lineAt(0).height() if lines.lineCount() else rect.height()
        top = layout.blockBoundingRect(blocks[index]).top()
        return page(top) != page(rect.top() + first_line - 1)

    for index, block in enumerate(blocks):
        if _breaks_before(block):
            continue
        if _starts_part(block):
            split, fits = straddles(index)
            if split and fits:
                _set_break(block, True)
                _lay_out_anew(document)
                if not straddles(index)[0]:
                    continue
                _set_break(block, False)  # taller than it measured: splitting cannot be helped
                _lay_out_anew(document)
        if block.blockFormat().headingLevel() and orphaned(index):
            _set_break(block, True)
            _lay_out_anew(document)


@cache
def _preferred_characters() -> dict[int, int]:
    """Radical code point -> the ideograph the font draws with the same glyph.

    CJK fonts share one glyph between an ideograph (工 U+5DE5) and its radical (⼯ U+2F2F). Qt
    names each glyph of a PDF after the lowest code point that reaches it, which is the radical,
    so the PDF's text would read 建国⻔街道⼯会 and a search for 工会 would find nothing.
    """
    raw = QRawFont.fromFont(document_font())
    ideographs = "".join(chr(c) for c in (*range(0x4E00, 0xA000), *range(0x3400, 0x4DC0)))
    radicals = "".join(chr(c) for c in range(0x2E80, 0x2FE0))
    by_glyph: dict[int, int] = {}
    radical_glyphs = [0] * len(radicals)
    if raw.isValid():
        for char, glyph in zip(ideographs, raw.glyphIndexesForString(ideographs), strict=False):
            if glyph:
                by_glyph.setdefault(glyph, ord(char))
        radical_glyphs = raw.glyphIndexesForString(radicals)
    preferred = {0x09: 0x20}  # the space glyph is reached from the tab first
    for char, glyph in zip(radicals, radical_glyphs, strict=False):
        if glyph in by_glyph:
            preferred[ord(char)] = by_glyph[glyph]
        elif unicodedata.normalize("NFKC", char) != char:
            preferred[ord(char)] = ord(unicodedata.normalize("NFKC", char))
    return preferred


_CMAP = re.compile(rb"begincmap.*?endcmap", re.DOTALL)
_BF_LINE = re.compile(rb"^(<[0-9A-Fa-f]+>)(\s+<[0-9A-Fa-f]+>)?(\s+)(.*)$")
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


def _fix_cmap(match: re.Match[bytes]) -> bytes:
    preferred = _preferred_characters()

    def swap(token: re.Match[bytes]) -> bytes:
        code = int(token.group(1), 16)
        return b"<%04X>" % preferred.get(code, code)

    lines = []
    for line in match.group(0).split(b"\n"):
        parts = _BF_LINE.match(line)
        if parts:
            first, second, space, targets = parts.groups()
            # <a> <b> <u> with a < b means u, u+1, ...: changing u would shift the rest.
            if not (second and targets.startswith(b"<") and first != second.strip()):
                line = first + (second or b"") + space + _HEX4.sub(swap, targets)
        lines.append(line)
    return b"\n".join(lines)


def fix_pdf_text(path: Path) -> None:
    """Make the PDF's text layer name ideographs, not look-alike radicals (see above).

    Qt writes its ToUnicode maps uncompressed and each edit keeps the length, so the file's
    cross-reference offsets stay valid.
    """
    data = path.read_bytes()
    fixed = _CMAP.sub(_fix_cmap, data)
    if fixed != data and len(fixed) == len(data):
        path.write_bytes(fixed)


def write_pdf_document(
    document: QTextDocument, path: Path, *, title: str = "", creator: str = ""
) -> Path:
    """``document`` as an A4 PDF at 300 dpi, its text layer repaired; written privately and
    whole (services.private_files)."""
    return write_pdf(lambda writer: print_document(document, writer), path, title, creator)


def write_pdf(
    paint: Callable[[QPagedPaintDevice], None], path: Path, title: str = "", creator: str = ""
) -> Path:
    """What ``paint`` prints, as an A4 PDF at 300 dpi with its text layer repaired; written
    privately and whole (services.private_files)."""
    path = Path(path)
    with private_output(path) as partial:
        writer = QPdfWriter(str(partial))
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(a4_layout())
        if title:
            writer.setTitle(title)
        if creator:
            writer.setCreator(creator)
        paint(writer)
        del writer  # the file is complete once the writer is gone
        fix_pdf_text(partial)
    return path


class PrintPreview(QPrintPreviewDialog):
    """Qt's print preview, opened large and fitted to the page width (every preview uses it).

    ``run()`` shows it and says whether the document was printed (or saved as a PDF from the
    print dialog): Qt accepts the preview only then, closing it rejects.
    """

    def __init__(self, parent: QWidget | None = None, *, title: str = "") -> None:
        super().__init__(parent)
        if title:
            self.setWindowTitle(title)
        # The printer lives as long as the dialog; keep one wrapper for it.
        self._printer = self.printer()
        self._printer.setPageLayout(a4_layout())
        self._fit_width()
        self._open_large()

    def preview_widget(self) -> QPrintPreviewWidget:
        return self.findChild(QPrintPreviewWidget)

    def _fit_width(self) -> None:
        # The toolbar's own action, so its button shows the mode; the widget's call otherwise.
        action = self.findChild(QAction, "fitWidthAction")
        if action is not None:
            action.trigger()
        widget = self.preview_widget()
        if widget is not None and widget.zoomMode() != QPrintPreviewWidget.ZoomMode.FitToWidth:
            widget.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)

    def _open_large(self) -> None:
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else None
        screen = screen or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        width = int(area.width() * PREVIEW_SCREEN_SHARE)
        height = int(area.height() * PREVIEW_SCREEN_SHARE)
        self.resize(width, height)
        self.move(
            area.left() + (area.width() - width) // 2, area.top() + (area.height() - height) // 2
        )

    def run(self) -> bool:
        """Show the preview; True when the document was printed or saved as a PDF."""
        printed = self.exec() == QDialog.DialogCode.Accepted
        # The keys go back to the window the preview came from (its shortcuts need it active),
        # also where no window manager hands the activation back.
        parent = self.parentWidget()
        if parent is not None:
            parent.window().activateWindow()
        return printed


class DocumentPreview(PrintPreview):
    """The print preview of a document; its toolbar prints or, with a PDF printer, saves.

    Subclasses that build their document from data override ``make_document``; it is called
    once, and the document lives as long as the dialog: the preview lays it out again on every
    repaint (page setup, orientation), and a document dropped after printing would take the
    Python wrapper of the preview's printer with it (PySide ties the two through
    ``setPaintDevice``).
    """

    def __init__(
        self,
        document: QTextDocument | None = None,
        parent: QWidget | None = None,
        *,
        title: str = "",
    ) -> None:
        super().__init__(parent, title=title)
        self._document = document
        self.paintRequested.connect(self.print_to)

    def make_document(self) -> QTextDocument:
        if self._document is None:
            raise TypeError("DocumentPreview needs a document, or make_document overridden")
        return self._document

    def document(self) -> QTextDocument:
        """The document shown, built on first use and kept."""
        if self._document is None:
            self._document = self.make_document()
        return self._document

    def print_to(self, printer: QPrinter) -> None:
        # The preview repaints after every page-setup change; print_document lays out anew.
        document = self.document()
        output = private_printer_output(printer)
        print_document(document, printer)
        if output is not None:
            finish_printer_output(printer, output)


def private_printer_output(printer: QPrinter) -> Path | None:
    """Before painting on ``printer``: when it prints to a file (the print dialog's "print to
    file"), that file is made to exist 0600 first, so Qt writes into a private file whatever
    the umask (services.private_files). The file, else None."""
    output = printer.outputFileName()
    if not output:
        return None
    prepare_output_file(Path(output))
    return Path(output)


def finish_printer_output(printer: QPrinter, output: Path) -> None:
    """After painting: a PDF's text layer repaired, and the file still 0600."""
    if output.is_file():
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            fix_pdf_text(output)
        make_private(output)


def preview_document(
    document: QTextDocument, parent: QWidget | None = None, *, title: str = ""
) -> bool:
    """Show ``document`` in a print preview; True when it was printed or saved as a PDF."""
    dialog = DocumentPreview(document, parent, title=title)
    try:
        return dialog.run()
    finally:
        dialog.deleteLater()


def show_preview(dialog: PrintPreview) -> bool:
    """Show a print preview once, then let it go; True when it was printed or saved as a PDF."""
    try:
        return dialog.run()
    finally:
        dialog.deleteLater()
