"""What the map draws: the base map of countries, and one marker (with its label) per place.

Markers and labels ignore the view's zoom (a marker keeps its size in pixels); the base map is one
path in scene units (km of the projection), drawn with a pen of constant width.
"""

from __future__ import annotations

import math
import zlib
from functools import cache

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem, QStyleOptionGraphicsItem, QWidget

from gulagreader.core import paths
from gulagreader.core.places.service import Place

LAND = QColor("#ece6d8")
BORDER = QColor("#a89f8c")
SEA = QColor("#dfe9ef")
PLACE = QColor("#7a3b1d")
CAMP = QColor("#4a2a6a")
HIGHLIGHT = QColor("#d9480f")


COARSE_BELOW = 0.3  # pixels per km: below it the simplified outline is drawn (a pixel is 3 km or more)


@cache
def base_map_paths() -> tuple[QPainterPath, QPainterPath]:
    """The countries of Eurasia as painter paths in scene units, coarse and fine (see scripts/build_basemap.py).

    Read once per process: the map window can be closed and opened again at no cost.
    """
    coarse, fine = QPainterPath(), QPainterPath()
    try:
        data = QByteArray(zlib.decompress(paths.basemap_file().with_name("eurasia.qpath").read_bytes()))
    except (OSError, zlib.error):
        return coarse, fine  # markers on a plain sea rather than no map (a broken install)
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    stream.setVersion(QDataStream.Version.Qt_6_0)
    stream.setFloatingPointPrecision(QDataStream.FloatingPointPrecision.SinglePrecision)
    stream >> coarse
    stream >> fine
    return coarse, fine


class BaseMap(QGraphicsItem):
    """The land, with the borders between countries, at any zoom (the overview simplified)."""

    def __init__(self) -> None:
        super().__init__()
        self._coarse, self._fine = base_map_paths()
        self._bounds = self._fine.boundingRect()
        self.setZValue(-10)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pen = QPen(BORDER, 0.8)
        pen.setCosmetic(True)  # a hairline at every zoom
        painter.setPen(pen)
        painter.setBrush(QBrush(LAND))
        zoom = painter.worldTransform().m11()
        painter.drawPath(self._coarse if zoom < COARSE_BELOW else self._fine)


INK = QBrush(QColor("#2b2118"))


@cache
def _label_font(italic: bool, points: float) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setItalic(italic)
    return font


def marker_radius(passages: int) -> float:
    """Pixels: a place named once is a dot; Vorkuta (70 passages) about four times as wide."""
    return 3.5 + 2.2 * math.sqrt(passages)


class PlaceMarker(QGraphicsItem):
    """One place: a disc (a town or site), a square (a camp) or a dashed ring (a region).

    `pos()` is where the place's coordinates project; `offset` (pixels) moves the drawn marker aside
    when several places share one point (a thin line leads back to it).
    """

    def __init__(self, place: Place, scene_pos: QPointF, size: float = 1.0) -> None:
        super().__init__()
        self.place = place
        self.radius = marker_radius(len(place.passages)) * size
        self.offset = QPointF(0, 0)
        self.leader = QLineF()  # from the disc to a label set apart from it (beside a ring), else null
        self.highlighted = False
        self.current = False
        self.dimmed = False
        self.setPos(scene_pos)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptHoverEvents(True)
        self.setToolTip(self.description)
        self.setZValue(10 - self.radius / 100)  # the small ones on top of the large
        self.label = QGraphicsSimpleTextItem(place.name, self)
        self.label.setFont(_label_font(place.location.accuracy == "region", 9.0 * size))
        self.label.setBrush(INK)

    @property
    def description(self) -> str:
        """What a screen reader says of it: name, kind and how many passages and events name it."""
        p = self.place
        n = len(p.passages)
        text = f"{p.name}: {n} passage{'' if n == 1 else 's'}"
        if p.events:
            text += f", {len(p.events)} event{'' if len(p.events) == 1 else 's'}"
        if p.location.accuracy and p.location.accuracy != "exact":
            text += f" ({p.location.accuracy} location)"
        return text

    def disc_rect(self) -> QRectF:
        r = self.radius
        return QRectF(self.offset.x() - r, self.offset.y() - r, 2 * r, 2 * r)

    def boundingRect(self) -> QRectF:
        rect = self.disc_rect().adjusted(-3, -3, 3, 3).united(QRectF(-1, -1, 2, 2))
        if not self.leader.isNull():
            rect = rect.united(QRectF(self.leader.p1(), self.leader.p2()).normalized().adjusted(-1, -1, 1, 1))
        return rect

    def set_leader(self, line: QLineF) -> None:
        if line != self.leader:
            self.prepareGeometryChange()
            self.leader = line

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        colour = HIGHLIGHT if self.highlighted else (CAMP if self.place.kind == "camp" else PLACE)
        if self.dimmed:
            colour = QColor(colour)
            colour.setAlphaF(0.35)
        if not self.offset.isNull():
            painter.setPen(QPen(colour, 1))
            painter.drawLine(QPointF(0, 0), self.offset)
        if not self.leader.isNull() and self.label.isVisible():
            painter.setPen(QPen(QColor("#6b5e52"), 1, Qt.PenStyle.DotLine))
            painter.drawLine(self.leader)
        fill = QColor(colour)
        fill.setAlphaF(0.55 if not self.dimmed else 0.2)
        outline = QPen(colour.darker(130), 2.5 if self.current else 1.2)
        rect = self.disc_rect()
        if self.place.location.accuracy == "region":
            outline.setStyle(Qt.PenStyle.DashLine)
            fill.setAlphaF(0.15)
        painter.setPen(outline)
        painter.setBrush(QBrush(fill))
        if self.place.kind == "camp":
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        else:
            painter.drawEllipse(rect)
        if self.current:  # the keyboard's place: a focus ring
            ring = QPen(QColor("#1c5fb8"), 2, Qt.PenStyle.SolidLine)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(rect.adjusted(-3, -3, 3, 3))
