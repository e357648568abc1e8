"""Small charts painted with QPainter: bars (one series or grouped) and lines, the same code on a
widget, a QImage and a PDF page.

Why not QtCharts: it ships in PySide6-Addons, about 100 MB more of dependency (and a second wheel
to keep in step) for the four charts of the station's report; the report needs axes, bars, a
line, a legend and labels that read in Chinese, which is a page of painting. DESIGN.md asks for
PySide6-Addons only when a module from it is really used.

Sizes are in points, so a chart comes out the same on a 96 dpi screen and a 300 dpi page: give
the QImage its resolution (``chart_image`` does).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = "bar"
LINE = "line"
# Colour-blind-safe (Okabe-Ito), printable in grey.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9")
INK = QColor("#222222")
GRID = QColor("#d8d8d8")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    color: str = ""


@dataclass(frozen=True)
class Chart:
    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    kind: str = BAR  # BAR (grouped when several series) or LINE
    caption: str = ""  # under the plot: what the numbers count
    labels: bool = True  # the value over each bar or point, when there is room
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def maximum(self) -> float:
        return max((max(s.values, default=0) for s in self.series), default=0)


def nice_ticks(maximum: float, count: int = 5) -> list[float]:
    """0 and round steps (1, 2 or 5 times a power of ten) up to at least ``maximum``."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1.0) if maximum >= 1 else step
    top = math.ceil(maximum / step) * step
    return [i * step for i in range(round(top / step) + 1)]


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value - round(value)) < 1e-9 else f"{value:,.1f}"


def _font(base: QFont, points: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _pt(painter: QPainter, points: float) -> float:
    """Points in the device's pixels."""
    return points * painter.device().logicalDpiY() / 72.0


def paint_chart(painter: QPainter, rect: QRectF, chart: Chart, font: QFont | None = None) -> None:
    """Paint ``chart`` into ``rect``: title, legend, axes with a grid, bars or lines, labels."""
    base = font or painter.font()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.fillRect(rect, QColor("white"))
    pad = _pt(painter, 6)
    area = rect.adjusted(pad, pad, -pad, -pad)

    title_font = _font(base, 11, bold=True)
    painter.setFont(title_font)
    painter.setPen(INK)
    title_height = QFontMetricsF(title_font, painter.device()).height()
    painter.drawText(
        QRectF(area.left(), area.top(), area.width(), title_height),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        chart.title,
    )
    top = area.top() + title_height + _pt(painter, 4)

    small = _font(base, 7.5)
    metrics = QFontMetricsF(small, painter.device())
    painter.setFont(small)
    colors = [QColor(s.color or PALETTE[i % len(PALETTE)]) for i, s in enumerate(chart.series)]
    if len(chart.series) > 1:
        x = area.left()
        box = metrics.height() * 0.7
        for series, color in zip(chart.series, colors, strict=True):
            painter.fillRect(QRectF(x, top + (metrics.height() - box) / 2, box, box), color)
            x += box + _pt(painter, 3)
            painter.setPen(INK)
            painter.drawText(QPointF(x, top + metrics.ascent()), series.name)
            x += metrics.horizontalAdvance(series.name) + _pt(painter, 12)
        top += metrics.height() + _pt(painter, 4)

    bottom = area.bottom() - metrics.height() - _pt(painter, 3)
    if chart.caption:
        painter.setPen(QColor("#555555"))
        painter.drawText(
            QRectF(area.left(), area.bottom() - metrics.height(), area.width(), metrics.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            chart.caption,
        )
        bottom -= metrics.height()

    ticks = nice_ticks(chart.maximum)
    axis_width = max(metrics.horizontalAdvance(_number(t)) for t in ticks) + _pt(painter, 4)
    plot = QRectF(area.left() + axis_width, top + metrics.height(), 0, 0)
    plot.setRight(area.right())
    plot.setBottom(bottom)
    if plot.height() <= 0 or plot.width() <= 0:
        painter.restore()
        return

    def y_of(value: float) -> float:
        return plot.bottom() - plot.height() * value / ticks[-1]

    for tick in ticks:
        y = y_of(tick)
        painter.setPen(QPen(GRID if tick else INK, _pt(painter, 0.5)))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(INK)
        painter.drawText(
            QRectF(
                area.left(),
                y - metrics.height() / 2,
                axis_width - _pt(painter, 3),
                metrics.height(),
            ),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            _number(tick),
        )

    slots = max(len(chart.categories), 1)
    slot = plot.width() / slots
    widest = max((metrics.horizontalAdvance(c) for c in chart.categories), default=0)
    every = max(1, math.ceil((widest + _pt(painter, 4)) / slot))
    painter.setPen(INK)
    for i, category in enumerate(chart.categories):
        if i % every:
            continue
        painter.drawText(
            QRectF(
                plot.left() + i * slot - slot,
                plot.bottom() + _pt(painter, 2),
                3 * slot,
                metrics.height(),
            ),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            category,
        )

    if chart.kind == LINE:
        _paint_lines(painter, chart, colors, plot, slot, y_of, metrics)
    else:
        _paint_bars(painter, chart, colors, plot, slot, y_of, metrics)
    painter.restore()


def _paint_bars(painter, chart, colors, plot, slot, y_of, metrics) -> None:
    groups = max(len(chart.series), 1)
    width = slot * 0.75 / groups
    for s, (series, color) in enumerate(zip(chart.series, colors, strict=True)):
        for i, value in enumerate(series.values):
            x = plot.left() + i * slot + slot * 0.125 + s * width
            y = y_of(value)
            painter.fillRect(QRectF(x, y, width * 0.92, plot.bottom() - y), color)
            label = _number(value)
            if chart.labels and value and metrics.horizontalAdvance(label) <= width * 1.1:
                painter.setPen(INK)
                painter.drawText(
                    QRectF(x - width, y - metrics.height(), width * 2.92, metrics.height()),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    label,
                )


def _paint_lines(painter, chart, colors, plot, slot, y_of, metrics) -> None:
    radius = _pt(painter, 1.8)
    for series, color in zip(chart.series, colors, strict=True):
        points = [
            QPointF(plot.left() + (i + 0.5) * slot, y_of(v)) for i, v in enumerate(series.values)
        ]
        if not points:
            continue
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.setPen(QPen(color, _pt(painter, 1.5)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setBrush(color)
        for point, value in zip(points, series.values, strict=True):
            painter.drawEllipse(point, radius, radius)
            label = _number(value)
            if chart.labels and metrics.horizontalAdvance(label) <= slot:
                painter.setPen(INK)
                painter.drawText(
                    QRectF(
                        point.x() - slot / 2,
                        point.y() - radius - metrics.height(),
                        slot,
                        metrics.height(),
                    ),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    label,
                )
                painter.setPen(QPen(color, _pt(painter, 1.5)))


def chart_image(
    chart: Chart, size: QSize, *, dpi: float = 96.0, font: QFont | None = None
) -> QImage:
    """``chart`` painted on a white image of ``size`` pixels at ``dpi`` dots per inch."""
    image = QImage(size, QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_chart(painter, QRectF(0, 0, size.width(), size.height()), chart, font)
    finally:
        painter.end()
    return image


class ChartWidget(QWidget):
    """A chart on screen; ``set_chart`` replaces it."""

    def __init__(self, chart: Chart | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chart = chart
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def chart(self) -> Chart | None:
        return self._chart

    def set_chart(self, chart: Chart | None) -> None:
        self._chart = chart
        self.setAccessibleName(chart.title if chart else "")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(560, 280)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        try:
            if self._chart is not None:
                paint_chart(painter, QRectF(self.rect()), self._chart, self.font())
            else:
                painter.fillRect(self.rect(), QColor("white"))
        finally:
            painter.end()
