"""The map itself: a QGraphicsView over the base map and the place markers, with pan and zoom by mouse,
keyboard and touch, labels laid out afresh at every zoom so that none overlaps another, and the
keyboard's walk from marker to marker (each one's name and count given to screen readers).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QBrush,
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGestureEvent, QGraphicsScene, QGraphicsView, QPinchGesture, QWidget

from gulagreader.core.places.service import Place
from gulagreader.ui.map.items import SEA, BaseMap, PlaceMarker

MIN_ZOOM, MAX_ZOOM = 0.08, 12.0  # pixels per km of the projection
STEP = 1.25  # one press of + or one notch of the wheel


class MapCanvas(QGraphicsView):
    """The places on the base map.

    Signals:
        current_changed(str): the keyboard's (or a click's) current place changed (its id).
        place_chosen(str): a place was chosen (clicked, or Enter on the current one).
    """

    current_changed = Signal(str)
    place_chosen = Signal(str)

    def __init__(self, places: Iterable[Place], parent: QWidget | None = None, size: float = 1.0) -> None:
        """`size` scales markers and labels (the kiosk's are larger, for touch and reading at a distance)."""
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.base = BaseMap()
        self.scene().addItem(self.base)
        self.markers: dict[str, PlaceMarker] = {}
        from gulagreader.core.places.projection import project

        for place in places:
            if place.on_map and place.location.lat is not None and place.location.lon is not None:
                marker = PlaceMarker(place, QPointF(*project(place.location.lat, place.location.lon)), size)
                self.scene().addItem(marker)
                self.markers[place.id] = marker
        # the keyboard's order: west to east, then north to south
        self.order = sorted(self.markers, key=lambda i: (self.markers[i].pos().x(), self.markers[i].pos().y()))
        self.current: str = ""
        bounds = self.base.boundingRect().adjusted(-2000, -2000, 2000, 2000)
        self.setSceneRect(bounds)
        self.setBackgroundBrush(QBrush(SEA))
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Map of places")
        self.setAccessibleDescription(
            "Tab and Shift+Tab go from place to place, Enter opens one; arrows pan, plus and minus zoom."
        )
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.horizontalScrollBar().valueChanged.connect(self._schedule_layout)
        self.verticalScrollBar().valueChanged.connect(self._schedule_layout)
        self._layout_timer = QTimer(self, singleShot=True, interval=0)
        self._layout_timer.timeout.connect(self.layout_labels)
        self._press: QPoint | None = None
        self._fitted = False

    # --- zoom and pan ---

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom to `zoom` pixels per km, keeping `anchor` (scene) where it is on screen."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        factor = zoom / self.zoom
        if anchor is None:
            self.scale(factor, factor)
        else:
            before = self.mapFromScene(anchor)
            self.scale(factor, factor)
            after = self.mapFromScene(anchor)
            self._pan(after.x() - before.x(), after.y() - before.y())
        self.layout_labels()

    def fit_all(self) -> None:
        """Show every marker (the opening view)."""
        rect = QRectF()
        for marker in self.markers.values():
            rect = rect.united(QRectF(marker.pos(), marker.pos()).adjusted(-1, -1, 1, 1))
        if rect.isNull():
            rect = self.base.boundingRect()
        self.fitInView(rect.adjusted(-400, -300, 400, 300), Qt.AspectRatioMode.KeepAspectRatio)
        self.layout_labels()

    def show_places(self, ids: Iterable[str]) -> None:
        """Zoom and pan so that these places are all in view (not closer than a country)."""
        points = [self.markers[i].pos() for i in ids if i in self.markers]
        if not points:
            return
        xs, ys = [p.x() for p in points], [p.y() for p in points]
        rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)).adjusted(-500, -350, 500, 350)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > 1.0:
            self.set_zoom(1.0, rect.center())
        self.layout_labels()

    def centre_on(self, place_id: str) -> None:
        marker = self.markers.get(place_id)
        if marker is not None:
            self.centerOn(marker.pos())
            self.layout_labels()

    def _pan(self, dx: float, dy: float) -> None:
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + round(dx))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + round(dy))

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120
        if notches:
            self.set_zoom(self.zoom * STEP**notches, self.mapToScene(event.position().toPoint()))
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                centre = self.mapToScene(self.viewport().mapFromGlobal(pinch.centerPoint().toPoint()))
                self.set_zoom(self.zoom * pinch.scaleFactor(), centre)
                event.accept()
                return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step = 80
        pans = {Qt.Key.Key_Left: (-step, 0), Qt.Key.Key_Right: (step, 0), Qt.Key.Key_Up: (0, -step)}
        pans[Qt.Key.Key_Down] = (0, step)
        if key in pans:
            self._pan(*pans[Qt.Key(key)])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._zoom_on_current(STEP)
        elif key == Qt.Key.Key_Minus:
            self._zoom_on_current(1 / STEP)
        elif key == Qt.Key.Key_0:
            self.fit_all()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.current:
            self.place_chosen.emit(self.current)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _zoom_on_current(self, factor: float) -> None:
        marker = self.markers.get(self.current)
        anchor = marker.pos() if marker is not None else self.mapToScene(self.viewport().rect().center())
        self.set_zoom(self.zoom * factor, anchor)

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab walks the markers (west to east); past the last one it leaves the map."""
        if not self.hasFocus() or not self.order:
            return super().focusNextPrevChild(forward)
        index = self.order.index(self.current) if self.current in self.order else (-1 if forward else len(self.order))
        index += 1 if forward else -1
        if not 0 <= index < len(self.order):
            self.set_current("")
            return super().focusNextPrevChild(forward)
        self.set_current(self.order[index], reveal=True)
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        start, self._press = self._press, None
        if start is not None and (event.position().toPoint() - start).manhattanLength() < 5:
            marker = self.marker_at(event.position().toPoint())
            if marker is not None:
                self.set_current(marker.place.id)
                self.place_chosen.emit(marker.place.id)

    def marker_at(self, point: QPoint) -> PlaceMarker | None:
        """The marker drawn under a viewport point (the smallest, if several)."""
        hits = [m for m in self.markers.values() if m.isVisible() and self.marker_rect(m).contains(QPointF(point))]
        return min(hits, key=lambda m: m.radius) if hits else None

    # --- the current place, for the keyboard and screen readers ---

    def set_current(self, place_id: str, reveal: bool = False) -> None:
        if place_id == self.current:
            return
        old = self.markers.get(self.current)
        if old is not None:
            old.current = False
            old.update()
        self.current = place_id if place_id in self.markers else ""
        marker = self.markers.get(self.current)
        if marker is not None:
            marker.current = True
            marker.update()
            if reveal and not self.viewport().rect().contains(self.mapFromScene(marker.pos())):
                self.centerOn(marker.pos())
            self.setAccessibleName(f"Map of places: {marker.description}")
        else:
            self.setAccessibleName("Map of places")
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.NameChanged))
        self.layout_labels()
        self.current_changed.emit(self.current)

    def set_highlighted(self, ids: Iterable[str]) -> None:
        """Mark these places (an event's, a search's); the others are dimmed. None: all plain."""
        wanted = set(ids)
        for place_id, marker in self.markers.items():
            marker.highlighted = place_id in wanted
            marker.dimmed = bool(wanted) and place_id not in wanted
            marker.update()
        self.layout_labels()

    # --- the scale bar ---

    def scale_bar(self) -> tuple[int, float]:
        """(km, pixels): a round distance and its length on screen at the middle of the view."""
        from gulagreader.core.places.projection import scale_at

        centre = self.mapToScene(self.viewport().rect().center())
        px_per_km = self.zoom * scale_at(centre.x(), centre.y())
        for km in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000):
            if km * px_per_km >= 70:
                return km, km * px_per_km
        return 2000, 2000 * px_per_km

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """The scale bar, bottom left: how far apart the places are."""
        km, length = self.scale_bar()
        painter.save()
        painter.resetTransform()
        x, y = 14.0, self.viewport().height() - 16.0
        painter.setPen(QPen(QColor("#2b2118"), 2))
        painter.drawLine(QPointF(x, y), QPointF(x + length, y))
        painter.drawLine(QPointF(x, y - 5), QPointF(x, y))
        painter.drawLine(QPointF(x + length, y - 5), QPointF(x + length, y))
        painter.drawText(QPointF(x + length + 6, y + 4), f"{km:,} km")
        painter.restore()

    # --- labels ---

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._fitted and self.viewport().width() > 50:
            self._fitted = True
            self.fit_all()
        self._schedule_layout()

    def _schedule_layout(self) -> None:
        self._layout_timer.start()

    def marker_rect(self, marker: PlaceMarker) -> QRectF:
        """Where the marker's disc is drawn, in viewport pixels."""
        centre = QPointF(self.mapFromScene(marker.pos())) + marker.offset
        r = marker.radius
        return QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)

    def label_rect(self, marker: PlaceMarker) -> QRectF:
        """Where the marker's label is drawn, in viewport pixels (empty when it is hidden)."""
        if not marker.label.isVisible() or not marker.isVisible():
            return QRectF()
        origin = QPointF(self.mapFromScene(marker.pos())) + marker.label.pos()
        return QRectF(origin, marker.label.boundingRect().size())

    def layout_labels(self) -> None:
        """Spread markers that share a point, then place labels greedily, biggest places first.

        A label goes right, left, above or below its marker, wherever it overlaps no label placed
        before it and no other marker; where none of these is free it is hidden (it shows on hover,
        in the list and at a closer zoom).
        """
        self._spread_shared_points()
        view = QRectF(self.viewport().rect())
        placed = _Grid()
        discs = {pid: self.marker_rect(m) for pid, m in self.markers.items()}
        disc_grid = _Grid()
        for pid, disc in discs.items():
            if view.intersects(disc):
                disc_grid.add(disc, pid)
        ranked = sorted(
            self.markers.values(),
            key=lambda m: (not m.current, not m.highlighted, m.dimmed, -len(m.place.passages), m.place.name),
        )
        clusters: dict[tuple[int, int], QRectF] = {}  # the discs drawn around each shared point
        for m in self.markers.values():
            key = self._point_key(m)
            clusters[key] = clusters.get(key, QRectF()).united(discs[m.place.id])
        for marker in ranked:
            disc = discs[marker.place.id]
            marker.label.setVisible(False)
            if not view.intersects(disc):
                continue
            size = marker.label.boundingRect().size()
            w, h, gap = size.width(), size.height(), 3.0
            candidates = []
            for box in (disc, clusters[self._point_key(marker)]):  # beside the disc, else beside its cluster
                candidates += [
                    QPointF(box.right() + gap, disc.center().y() - h / 2),
                    QPointF(box.left() - gap - w, disc.center().y() - h / 2),
                    QPointF(disc.center().x() - w / 2, box.top() - gap - h),
                    QPointF(disc.center().x() - w / 2, box.bottom() + gap),
                ]
            if not marker.offset.isNull():  # on a ring around a shared point: the label looks outward
                out = marker.offset
                candidates.sort(
                    key=lambda c: (
                        -((c.x() + w / 2 - disc.center().x()) * out.x() + (c.y() + h / 2 - disc.center().y()) * out.y())
                    )
                )
            marker.set_leader(QLineF())
            for corner in candidates:
                rect = QRectF(corner, size)
                if not view.contains(rect) or placed.hits(rect) or disc_grid.hits(rect, but=marker.place.id):
                    continue
                placed.add(rect, marker.place.id)
                anchor = QPointF(self.mapFromScene(marker.pos()))
                marker.label.setPos(corner - anchor)
                marker.label.setVisible(True)
                if rect.adjusted(-gap - 1, -gap - 1, gap + 1, gap + 1).intersects(disc):
                    break
                # set apart from its disc (beyond the ring of a shared point): a dotted line leads to it
                near = QPointF(
                    min(max(disc.center().x(), rect.left()), rect.right()),
                    min(max(disc.center().y(), rect.top()), rect.bottom()),
                )
                marker.set_leader(QLineF(disc.center() - anchor, near - anchor))
                break
        self.viewport().update()

    def _point_key(self, marker: PlaceMarker) -> tuple[int, int]:
        p = self.mapFromScene(marker.pos())
        return p.x() // 2, p.y() // 2

    def _spread_shared_points(self) -> None:
        """Places at one point (the camps of Vorkuta) are drawn on a small ring around it."""
        groups: dict[tuple[int, int], list[PlaceMarker]] = {}
        for marker in self.markers.values():
            groups.setdefault(self._point_key(marker), []).append(marker)
        for group in groups.values():
            if len(group) == 1:
                group[0].prepareGeometryChange()
                group[0].offset = QPointF(0, 0)
                continue
            group.sort(key=lambda m: (-len(m.place.passages), m.place.name))
            biggest = group[0].radius
            ring = biggest + max(m.radius for m in group[1:]) + 2
            group[0].prepareGeometryChange()
            group[0].offset = QPointF(0, 0)
            around = group[1:]
            for i, marker in enumerate(around):
                angle = 2 * math.pi * i / len(around) - math.pi / 2
                marker.prepareGeometryChange()
                marker.offset = QPointF(ring * math.cos(angle), ring * math.sin(angle))

    def visible_labels(self) -> list[tuple[str, QRect]]:
        """(place id, label rectangle in viewport pixels) of every label shown (for tests and the benchmark)."""
        return [
            (pid, self.label_rect(m).toAlignedRect())
            for pid, m in self.markers.items()
            if m.label.isVisible() and self.viewport().rect().intersects(self.label_rect(m).toAlignedRect())
        ]


class _Grid:
    """Rectangles bucketed by 64-pixel cells, so a label is checked against its neighbours only."""

    CELL = 64

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[tuple[QRectF, str]]] = {}

    def _keys(self, rect: QRectF) -> list[tuple[int, int]]:
        c = self.CELL
        xs = range(int(rect.left() // c), int(rect.right() // c) + 1)
        ys = range(int(rect.top() // c), int(rect.bottom() // c) + 1)
        return [(x, y) for x in xs for y in ys]

    def add(self, rect: QRectF, owner: str) -> None:
        for key in self._keys(rect):
            self._cells.setdefault(key, []).append((rect, owner))

    def hits(self, rect: QRectF, but: str = "") -> bool:
        """Whether `rect` overlaps a rectangle of the grid (other than those of `but`)."""
        return any(
            owner != but and rect.intersects(other)
            for key in self._keys(rect)
            for other, owner in self._cells.get(key, ())
        )
