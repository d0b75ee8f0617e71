"""The Map view over the real store: markers where their coordinates project, labels that never overlap,
pan and zoom, the keyboard's walk, the list beside it, and its links to passages, events and searches."""

from __future__ import annotations

from itertools import combinations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from gulagreader.core.places.projection import project
from gulagreader.core.places.service import PlaceAtlas
from gulagreader.core.store import Store
from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.map.items import LAND, SEA
from gulagreader.ui.map.view import PLACE_ROLE, PlacesMapView
from tests.ui.conftest import type_query


@pytest.fixture
def view(qtbot: QtBot, store: Store) -> PlacesMapView:
    v = PlacesMapView(store)
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: bool(v.canvas.visible_labels()))
    return v


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 30


def test_every_place_on_the_map_has_a_marker_where_it_projects(view: PlacesMapView, store: Store) -> None:
    places = PlaceAtlas(store).places()
    on_map = [p for p in places if p.on_map]
    assert len(on_map) > 100 and set(view.canvas.markers) == {p.id for p in on_map}
    for place in on_map:
        marker = view.canvas.markers[place.id]
        x, y = project(place.location.lat or 0, place.location.lon or 0)
        assert marker.pos() == QPointF(x, y)
    # ... and the list beside the map has every place, those beyond the map and the unlocatable too
    rows = [view.model.index(r, 0) for r in range(view.model.rowCount())]
    assert [i.data(PLACE_ROLE) for i in rows] == [p.id for p in places]
    texts = {i.data(PLACE_ROLE): i.data() for i in rows}
    assert "beyond this map" in texts["new-york"] and "not located" in texts["arctic"]


def test_the_map_is_painted_land_sea_and_markers(view: PlacesMapView) -> None:
    canvas = view.canvas
    image = canvas.viewport().grab().toImage()
    colours = {image.pixelColor(x, y).rgb() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20
    # Vorkuta's marker is drawn where it projects: its pixel is neither land nor sea
    marker = canvas.markers["vorkuta"]
    at = canvas.mapFromScene(marker.pos()) + marker.offset.toPoint()
    assert canvas.viewport().rect().contains(at)
    colour = image.pixelColor(at)
    assert not _near(colour, LAND) and not _near(colour, SEA)
    # the middle of Kazakhstan's steppe is land, the middle of the Caspian Sea is sea
    steppe = canvas.mapFromScene(QPointF(*project(48.0, 68.0)))
    caspian = canvas.mapFromScene(QPointF(*project(42.0, 50.8)))
    assert _near(_pixel_off_markers(canvas, image, steppe), LAND)
    assert _near(_pixel_off_markers(canvas, image, caspian), SEA)


def _pixel_off_markers(canvas, image: QImage, point: QPoint) -> QColor:  # type: ignore[no-untyped-def]
    """The colour at `point`, or a few pixels aside if a marker or label covers it."""
    for dx, dy in ((0, 0), (12, 12), (-12, 12), (12, -12), (-12, -12), (25, 0), (0, 25)):
        p = point + QPoint(dx, dy)
        covered = any(canvas.marker_rect(m).contains(QPointF(p)) for m in canvas.markers.values())
        covered |= any(r.adjusted(-2, -2, 2, 2).contains(p) for _, r in canvas.visible_labels())
        if not covered:
            return image.pixelColor(p)
    return image.pixelColor(point)


@pytest.mark.parametrize("zoom", [0.1, 0.2, 0.45, 1.0, 2.5])
def test_labels_never_overlap_at_any_zoom(qtbot: QtBot, view: PlacesMapView, zoom: float) -> None:
    canvas = view.canvas
    canvas.set_zoom(zoom, canvas.markers["vorkuta"].pos())
    labels = canvas.visible_labels()
    assert labels, "some labels are shown"
    for (a, ra), (b, rb) in combinations(labels, 2):
        assert not ra.intersects(rb), f"{a} and {b} overlap at zoom {zoom}"
    discs = {pid: canvas.marker_rect(m).toAlignedRect().adjusted(1, 1, -1, -1) for pid, m in canvas.markers.items()}
    for pid, rect in labels:
        assert canvas.viewport().rect().contains(rect)
        assert not any(rect.intersects(d) for other, d in discs.items() if other != pid)
    if zoom >= 1.0:  # close in, the camps around Vorkuta have their names
        shown = {pid for pid, _ in labels}
        assert {"vorkuta", "vorkuta-camp-29", "rechlag"} <= shown


def test_mouse_wheel_keys_and_pinch_zoom_and_pan(qtbot: QtBot, view: PlacesMapView) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QWheelEvent

    canvas = view.canvas
    canvas.setFocus()
    before = canvas.zoom
    centre = QPointF(canvas.viewport().rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(canvas.viewport().mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    scene_before = canvas.mapToScene(centre.toPoint())
    qtbot.wait(1)
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(canvas.viewport(), wheel)
    assert canvas.zoom == pytest.approx(before * 1.25**2, rel=1e-3)
    assert (canvas.mapToScene(centre.toPoint()) - scene_before).manhattanLength() < 3 / canvas.zoom
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.zoom == pytest.approx(before * 1.25, rel=1e-3)
    x = canvas.horizontalScrollBar().value()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.horizontalScrollBar().value() > x
    # a drag pans
    y = canvas.verticalScrollBar().value()
    start = canvas.viewport().rect().center()
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas.viewport(), start + QPoint(0, 60))
    qtbot.mouseMove(canvas.viewport(), start + QPoint(0, 120))
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(0, 120))
    assert canvas.verticalScrollBar().value() < y
    assert QEvent.Type.Gesture  # pinch: the viewport takes pinch gestures (a real touch screen sends them)
    assert canvas.viewport().testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)


def test_tab_walks_the_markers_and_says_each_name_and_count(qtbot: QtBot, view: PlacesMapView) -> None:
    canvas = view.canvas
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    seen = []
    for _ in range(len(canvas.order)):
        qtbot.keyClick(canvas, Qt.Key.Key_Tab)
        seen.append(canvas.current)
        marker = canvas.markers[canvas.current]
        n = len(marker.place.passages)
        assert canvas.accessibleName() == f"Map of places: {marker.description}"
        assert marker.place.name in canvas.accessibleName() and f"{n} passage" in canvas.accessibleName()
        assert canvas.viewport().rect().contains(canvas.mapFromScene(marker.pos()))
    assert seen == canvas.order and len(set(seen)) == len(canvas.markers)
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)  # past the last marker, Tab leaves the map
    assert not canvas.hasFocus() and canvas.current == ""
    # Enter on a marker chooses it: its entry, passages and events are listed
    canvas.setFocus()
    canvas.set_current("kengir")
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert view.chosen == "kengir"
    assert "Kengir camp" in view.details.toPlainText() and "Passages naming it" in view.details.toPlainText()


def test_choosing_a_place_lists_its_passages_and_events(qtbot: QtBot, view: PlacesMapView, store: Store) -> None:
    place = PlaceAtlas(store).place("norilsk")
    assert place is not None
    row = view.model.ids.index("norilsk")
    view.list.setFocus()
    view.list.setCurrentIndex(view.model.index(row, 0))
    assert view.chosen == "norilsk" and view.canvas.current == "norilsk"
    html = view.details.toHtml()
    for passage_id in place.passages:
        assert f"passage:{passage_id}" in html
    for event_id in place.events:
        assert f"event:{event_id}" in html
    assert "Location (ours)" in view.details.toPlainText() and "geonames:1497337" in view.details.toPlainText()
    with qtbot.waitSignal(view.open_passage) as opened:
        view.details.anchorClicked.emit(_url(f"passage:{place.passages[0]}"))
    assert opened.args == [place.passages[0]]
    # clicking a marker chooses it too
    marker = view.canvas.markers["taishet"]
    view.canvas.centre_on("taishet")
    point = view.canvas.marker_rect(marker).center().toPoint()
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.chosen == "taishet"


def _url(text: str):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QUrl

    return QUrl(text)


def test_an_event_shows_its_places(view: PlacesMapView, store: Store) -> None:
    event = next(e for e in store.db.events() if "norilsk" in e.places)
    ids = view.show_event(event.id)
    assert set(ids) == {p for p in event.places if p in PlaceAtlas(store).places_by_id()}
    on_map = [i for i in ids if i in view.canvas.markers]
    for place_id, marker in view.canvas.markers.items():
        assert marker.highlighted == (place_id in ids)
        if place_id in on_map:
            assert view.canvas.viewport().rect().contains(view.canvas.mapFromScene(marker.pos()))
    assert event.title in view.heading.text()


def test_the_search_on_screen_is_shown_on_the_map(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    type_query(qtbot, window, "Kengir")
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.map_actions.map_view
    assert view is not None and view.isVisible()
    highlighted = {pid for pid, m in view.canvas.markers.items() if m.highlighted}
    assert "kengir" in highlighted
    hits = window.map_actions._search.search("Kengir", limit=1000).hits  # type: ignore[union-attr]
    named = PlaceAtlas(store).in_passages(h.passage_id for h in hits)
    assert highlighted == {p for p in named if p in view.canvas.markers}
    assert "Search “Kengir”" in view.heading.text()


def test_the_timeline_selection_lights_up_its_places(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    view = window.map_actions.map_view
    assert view is not None
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    timeline = window.event_actions.events_view
    assert timeline is not None
    model = timeline.list.model()
    row = next(
        r for r in range(model.rowCount()) if "kengir" in model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1).id
    )
    timeline.list.setCurrentIndex(model.index(row, 0))
    assert view.canvas.markers["kengir"].highlighted
    assert not view.canvas.markers["riga"].highlighted


def test_the_scale_bar_says_how_far_apart_places_are(view: PlacesMapView) -> None:
    """Moscow to Vorkuta is about 1,900 km on the ground: the bar's km per pixel must agree."""
    import math

    canvas = view.canvas
    canvas.show_places(["moscow", "vorkuta"])
    km, pixels = canvas.scale_bar()
    a = canvas.mapFromScene(canvas.markers["moscow"].pos())
    b = canvas.mapFromScene(canvas.markers["vorkuta"].pos())
    on_screen_km = math.hypot(b.x() - a.x(), b.y() - a.y()) * km / pixels
    assert 1750 < on_screen_km < 2050
    assert 70 <= pixels < 200
