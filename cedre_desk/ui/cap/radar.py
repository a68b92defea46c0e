"""Le Cap's picture on screen: a spider chart of the themes drawn with QPainter (Qt Charts is
not in PySide6-Essentials). The scale's rings are fixed, like the PDF's: one per level, the
outer one a full score, so two pictures compare at a glance. The target is dashed red, the
previous assessment brown, this one filled green."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

CURRENT = QColor("#2f5d50")
PREVIOUS = QColor("#8a6d3b")
TARGET = QColor("#b3261e")
RULE = QColor("#9aa5b1")


@dataclass(frozen=True)
class RadarData:
    axes: tuple[str, ...]  # the themes' names
    rings: tuple[tuple[float, str], ...]  # (score, level's name) of each level above 0
    current: tuple[float | None, ...]
    target: tuple[float | None, ...]
    previous: tuple[float | None, ...] | None = None
    legend: tuple[str, str, str] = ("", "", "")  # this one, previous, target


class RadarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: RadarData | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 300)

    def sizeHint(self) -> QSize:
        return QSize(560, 420)

    def set_data(self, data: RadarData | None) -> None:
        self.data = data
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        data = self.data
        if data is None or len(data.axes) < 3:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = painter.fontMetrics()
        legend = self._legend_entries(data)
        rows = self._legend_rows(legend, self.width() - 20)
        legend_height = rows * (metrics.height() + 6) + 10
        area = QRectF(self.rect()).adjusted(10, 10, -10, -10 - legend_height)
        # The top and bottom themes' names above and below the chart; the side ones above
        # their spoke's end, kept inside the widget.
        radius = max(20.0, min(area.width() / 2 - 12,
                               area.height() / 2 - 2 * metrics.height()) / 1.12)
        centre = area.center()
        count = len(data.axes)

        def point(index: int, score: float) -> QPointF:
            angle = -math.pi / 2 + 2 * math.pi * index / count  # the first theme at the top
            return QPointF(centre.x() + math.cos(angle) * radius * score,
                           centre.y() + math.sin(angle) * radius * score)

        def polygon(values: tuple[float | None, ...]) -> QPolygonF:
            return QPolygonF([point(i, v or 0.0) for i, v in enumerate(values)])

        painter.setPen(QPen(RULE, 1, Qt.PenStyle.DotLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        small = painter.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
        for score, _name in data.rings:
            painter.drawPolygon(polygon((score,) * count))
        painter.save()
        painter.setFont(small)
        painter.setPen(RULE)
        for score, name in data.rings:  # named between the first two spokes
            middle = (point(0, score) + point(1, score)) / 2
            painter.drawText(middle + QPointF(4, -2), name)
        painter.restore()
        painter.setPen(QPen(RULE, 1))
        for index in range(count):
            painter.drawLine(centre, point(index, 1.0))

        painter.setPen(QPen(TARGET, 1.6, Qt.PenStyle.DashLine))
        painter.drawPolygon(polygon(data.target))
        if data.previous is not None:
            painter.setPen(QPen(PREVIOUS, 1.8))
            painter.drawPolygon(polygon(data.previous))
        fill = QColor(CURRENT)
        fill.setAlpha(50)
        painter.setPen(QPen(CURRENT, 2.4))
        painter.setBrush(QBrush(fill))
        painter.drawPolygon(polygon(data.current))

        painter.setPen(self.palette().text().color())
        for index, name in enumerate(data.axes):
            tip = point(index, 1.06)
            width = metrics.horizontalAdvance(name)
            if abs(tip.x() - centre.x()) < 1:  # top or bottom
                x = tip.x() - width / 2
                y = tip.y() + (metrics.ascent() + 4 if tip.y() > centre.y() else -4)
            else:
                x = tip.x() - width * (0.2 if tip.x() > centre.x() else 0.8)
                x = min(max(x, area.left()), area.right() - width)
                y = tip.y() - 6
            painter.drawText(QPointF(x, y), name)
        self._legend(painter, legend, QPointF(10, area.bottom() + metrics.height() + 12))
        painter.end()

    def _legend_entries(self, data: RadarData) -> list[tuple[str, QPen]]:
        entries = [(data.legend[0], QPen(CURRENT, 2.4))]
        if data.previous is not None:
            entries.append((data.legend[1], QPen(PREVIOUS, 1.8)))
        entries.append((data.legend[2], QPen(TARGET, 1.6, Qt.PenStyle.DashLine)))
        return entries

    def _entry_width(self, text: str) -> int:
        return 34 + self.fontMetrics().horizontalAdvance(text) + 24

    def _legend_rows(self, entries: list[tuple[str, QPen]], width: int) -> int:
        rows, x = 1, 0
        for text, _pen in entries:
            if x and x + self._entry_width(text) > width:
                rows, x = rows + 1, 0
            x += self._entry_width(text)
        return rows

    def _legend(self, painter: QPainter, entries: list[tuple[str, QPen]], at: QPointF) -> None:
        x, y = at.x(), at.y()
        for text, pen in entries:
            if x > at.x() and x + self._entry_width(text) > self.width() - 10:
                x, y = at.x(), y + painter.fontMetrics().height() + 6
            painter.setPen(pen)
            painter.drawLine(QPointF(x, y - 4), QPointF(x + 28, y - 4))
            painter.setPen(self.palette().text().color())
            painter.drawText(QPointF(x + 34, y), text)
            x += self._entry_width(text)
