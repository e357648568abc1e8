"""Barcode labels for copies: A4 sheets of 3 x 8 labels, printed, previewed or saved as PDF."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from stationapp.models.library import Copy
from stationapp.services.private_files import private_output
from stationapp.ui.forms import layout_with_bar
from stationapp.ui.library import code128
from stationapp.ui.printing import (
    PrintPreview,
    document_font,
    finish_printer_output,
    fix_pdf_text,
    private_printer_output,
)

translate = QCoreApplication.translate


LABEL_COLUMNS = 3
LABEL_ROWS = 8
LABELS_PER_SHEET = LABEL_COLUMNS * LABEL_ROWS
LABEL_WIDTH_MM = 70.0
LABEL_HEIGHT_MM = 37.0
SHEET_TOP_MM = (297.0 - LABEL_ROWS * LABEL_HEIGHT_MM) / 2
LABEL_PADDING_MM = 4.0
LABEL_RESOLUTION = 600


@dataclass(frozen=True)
class Label:
    barcode: str
    title: str
    classification: str = ""


def labels_for(copies: Sequence[Copy]) -> list[Label]:
    return [Label(c.barcode, c.title.title, c.title.classification) for c in copies]


def label_sheets(count: int, *, start: int = 1) -> int:
    """Sheets needed for ``count`` labels when the first sheet is used from label ``start``."""
    return math.ceil((start - 1 + count) / LABELS_PER_SHEET) if count else 0


def _full_page_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )


def paint_labels(
    painter: QPainter, device: QPagedPaintDevice, labels: Sequence[Label], *, start: int = 1
) -> None:
    """Labels of 70 x 37 mm, 3 across and 8 down an A4 sheet, from position ``start`` (1-24) of
    the first sheet, so a sheet partly used before can be fed again. Origin: the paper's corner."""
    dpi = device.logicalDpiX()

    def mm(value: float) -> float:
        return value * dpi / 25.4

    slot = max(0, min(start - 1, LABELS_PER_SHEET - 1))
    for label in labels:
        if slot == LABELS_PER_SHEET:
            device.newPage()
            slot = 0
        column, row = slot % LABEL_COLUMNS, slot // LABEL_COLUMNS
        rect = QRectF(
            mm(column * LABEL_WIDTH_MM),
            mm(SHEET_TOP_MM + row * LABEL_HEIGHT_MM),
            mm(LABEL_WIDTH_MM),
            mm(LABEL_HEIGHT_MM),
        )
        _paint_label(painter, device, rect, label, mm(LABEL_PADDING_MM))
        slot += 1


def _paint_label(
    painter: QPainter, device: QPagedPaintDevice, rect: QRectF, label: Label, padding: float
) -> None:
    inner = rect.adjusted(padding, padding * 0.75, -padding, -padding * 0.75)
    title_font = QFont(document_font())
    title_font.setPointSizeF(8.5)
    digits_font = QFont(document_font())
    digits_font.setPointSizeF(9.5)
    digits_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 115)
    title_metrics = QFontMetricsF(title_font, device)
    digits_metrics = QFontMetricsF(digits_font, device)
    painter.save()
    painter.setPen(Qt.GlobalColor.black)
    painter.setFont(title_font)
    title_width = inner.width()
    if label.classification:
        class_width = title_metrics.horizontalAdvance(label.classification)
        painter.drawText(
            QRectF(inner.left(), inner.top(), inner.width(), title_metrics.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
            label.classification,
        )
        title_width -= class_width + title_metrics.averageCharWidth() * 2
    painter.drawText(
        QRectF(inner.left(), inner.top(), max(title_width, 0), title_metrics.height()),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
        title_metrics.elidedText(label.title, Qt.TextElideMode.ElideRight, max(title_width, 0)),
    )
    bars_top = inner.top() + title_metrics.height() * 1.3
    digits_top = inner.bottom() - digits_metrics.height()
    if code128.is_encodable(label.barcode):
        bars = QRectF(inner.left(), bars_top, inner.width(), digits_top - bars_top)
        code128.paint(painter, bars, label.barcode)
    painter.setFont(digits_font)
    painter.drawText(
        QRectF(inner.left(), digits_top, inner.width(), digits_metrics.height()),
        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
        label.barcode,
    )
    painter.restore()


def write_labels_pdf(
    copies: Sequence[Copy] | Sequence[Label], path: Path, *, start: int = 1
) -> Path:
    """A PDF of label sheets for ``copies`` (Copy rows with their titles, or Labels)."""
    labels = [c if isinstance(c, Label) else labels_for([c])[0] for c in copies]
    path = Path(path)
    with private_output(path) as partial:
        writer = QPdfWriter(str(partial))
        writer.setResolution(LABEL_RESOLUTION)
        writer.setPageLayout(_full_page_layout())
        writer.setTitle(translate("CatalogueWidget", "Barcode labels"))
        writer.setCreator("stationapp")
        painter = QPainter(writer)
        try:
            paint_labels(painter, writer, labels, start=start)
        finally:
            painter.end()
        del writer  # the file is complete once the writer is gone
        fix_pdf_text(partial)
    return path


class LabelsDialog(QDialog):
    """Print or save barcode labels for some copies, from any position of the first sheet."""

    def __init__(self, labels: Sequence[Label], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = list(labels)
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Barcode labels"))
        outer, self.bar = layout_with_bar(self)
        form = QFormLayout()
        outer.addLayout(form)
        self.start = QSpinBox()
        self.start.setRange(1, LABELS_PER_SHEET)
        self.start.setToolTip(
            self.tr("Labels are numbered across, then down: 1-3 is the top row of the sheet.")
        )
        form.addRow(self.tr("Start at &label"), self.start)
        self.summary = QLabel()
        form.addRow(self.summary)
        self.start.valueChanged.connect(self._update_summary)
        self._update_summary()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        preview = buttons.addButton(
            self.tr("&Preview and print…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        preview.clicked.connect(self.preview)
        save = buttons.addButton(self.tr("&Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        save.clicked.connect(lambda: self.save_pdf())
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def _update_summary(self) -> None:
        sheets = label_sheets(len(self.labels), start=self.start.value())
        self.summary.setText(
            self.tr(
                "%n label(s) on {sheets} A4 sheet(s) of 3 x 8 labels (70 x 37 mm)",
                "",
                len(self.labels),
            ).format(sheets=sheets)
        )

    def print_to(self, printer: QPrinter) -> None:
        printer.setFullPage(True)
        output = private_printer_output(printer)
        painter = QPainter(printer)
        try:
            paint_labels(painter, printer, self.labels, start=self.start.value())
        finally:
            painter.end()
        if output is not None:
            finish_printer_output(printer, output)

    def preview(self) -> None:
        dialog = PrintPreview(self, title=self.tr("Barcode labels"))
        dialog.printer().setPageLayout(_full_page_layout())
        dialog.paintRequested.connect(self.print_to)
        dialog.exec()
        dialog.deleteLater()

    def save_pdf(self, path: Path | None = None) -> Path | None:
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("Save labels as PDF"),
                str(Path(QDir.homePath()) / self.tr("labels.pdf")),
                self.tr("PDF document (*.pdf)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
            if path.suffix.lower() != ".pdf":
                path = path.with_name(path.name + ".pdf")
        try:
            self.written = write_labels_pdf(self.labels, path, start=self.start.value())
        except OSError as exc:
            self.bar.show_message(
                self.tr("The file could not be written: {reason}").format(
                    reason=exc.strerror or str(exc)
                )
            )
            return None
        self.bar.show_message(self.tr("Saved to {path}").format(path=str(path)), "info")
        return self.written
