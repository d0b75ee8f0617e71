"""The kiosk's map: touched places tell visitors what the accounts say; a passage opens in the kiosk's reader."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from gulagreader.core.store import Store
from gulagreader.ui.kiosk.visit import READ_PAGE
from tests.ui.kiosk_support import kiosk_window, other_windows, visit_of


def test_the_map_button_shows_the_places_and_a_touched_place_opens_its_passages(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store) as kiosk:
        visit = visit_of(kiosk)
        qtbot.mouseClick(visit.map_button, Qt.MouseButton.LeftButton)
        page = visit.map_page
        assert page is not None and visit.stack.currentWidget() is page and page.isVisible()
        assert not other_windows(kiosk)  # inside the kiosk, no window of its own
        canvas = page.canvas
        qtbot.waitUntil(lambda: bool(canvas.visible_labels()))
        image = canvas.viewport().grab().toImage()
        assert len({image.pixelColor(x, y).rgb() for x in range(0, image.width(), 9) for y in range(0, 300, 9)}) > 10
        # touch Taishet (a place alone on the map)
        canvas.centre_on("taishet")
        point = canvas.marker_rect(canvas.markers["taishet"]).center().toPoint()
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert page.chosen == "taishet"
        text = page.about.toPlainText()
        assert "Taishet" in text and "The accounts name it" in text
        first = page.atlas.place("taishet").passages[0]  # type: ignore[union-attr]
        page.about.anchorClicked.emit(QUrl(f"passage:{first}"))
        assert visit.page == READ_PAGE and visit.reader.source is not None
        # a new visit starts without the map
        kiosk.end_visit()
        assert visit_of(kiosk).map_page is None
