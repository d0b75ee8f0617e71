"""The kiosk's map: where the camps and places of the accounts are, in visitors' words.

The same map as the desktop's (`MapCanvas`), large and touchable, with what the accounts say of the
place a visitor touches beside it; a passage opens in the kiosk's reader.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScroller, QTextBrowser, QVBoxLayout, QWidget

from gulagreader.core.places.service import Place, PlaceAtlas
from gulagreader.core.store import Store
from gulagreader.ui.map.canvas import MapCanvas

INTRO = (
    "Where it happened. Each circle is a town or site the accounts name, each square a camp; the bigger, "
    "the more often the accounts mention it. Touch one to read what they say. Pinch or use two fingers to zoom."
)
HINT = "Touch a place on the map."
KIOSK_SIZE = 1.6  # markers and labels, against the desktop's: for fingers, and reading from a step away


class KioskMapPage(QWidget):
    """The map page of a kiosk visit.

    Signals:
        open_passage(str): the visitor chose a passage to read.
    """

    open_passage = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPage")
        self.atlas = PlaceAtlas(store)
        self._db = store.db
        self._titles = {s[0]: s[1] for s in store.db.source_titles()}
        self.intro = QLabel(INTRO, self, wordWrap=True)
        self.intro.setObjectName("statusLine")
        self.canvas = MapCanvas(self.atlas.places(), self, size=KIOSK_SIZE)
        self.canvas.setAccessibleName("Map of the places in the accounts")
        self.canvas.place_chosen.connect(self.choose)
        self.about = QTextBrowser(self, openLinks=False)
        self.about.setAccessibleName("About the place you chose")
        self.about.anchorClicked.connect(self._follow)
        self.about.setHtml(f"<p>{HINT}</p>")
        QScroller.grabGesture(self.about.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.canvas, 3)
        row.addWidget(self.about, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 8)
        layout.addWidget(self.intro)
        layout.addLayout(row, 1)
        self.chosen = ""

    def choose(self, place_id: str) -> None:
        place = self.atlas.place(place_id)
        if place is None:
            return
        self.chosen = place_id
        self.canvas.set_current(place_id)
        self.about.setHtml(self.place_html(place))

    def _follow(self, url: QUrl) -> None:
        kind, _, target = url.toString().partition(":")
        if kind == "passage":
            self.open_passage.emit(target)

    def place_html(self, place: Place) -> str:
        """What a visitor reads of a place: what it was, where, and the passages naming it."""
        e = html.escape
        n = len(place.passages)
        parts = [f"<h2>{e(place.name)}</h2>"]
        if place.gazetteer_note:
            parts.append(f"<p>{e(place.gazetteer_note)}</p>")
        if place.location.accuracy == "approximate" and place.location.note:
            parts.append(f"<p><i>On the map: {e(place.location.note)}</i></p>")
        elif place.location.accuracy == "region":
            parts.append("<p><i>A whole region: the mark only shows roughly where it lies.</i></p>")
        parts.append(f"<p><b>The accounts name it {n} time{'' if n == 1 else 's'}.</b> Touch one to read it:</p>")
        passages = self._db.passages(place.passages)
        for passage_id in place.passages[:40]:
            passage = passages.get(passage_id)
            if passage is None:
                continue
            text = passage.text if len(passage.text) <= 120 else passage.text[:117].rsplit(" ", 1)[0] + " …"
            source = self._titles.get(passage.source_id, "")
            parts.append(
                f'<p><a href="passage:{e(passage_id)}">{e(text)}</a><br>'
                f'<span style="color:#6b5e52">{e(source)}</span></p>'
            )
        if n > 40:
            parts.append(f"<p>… and {n - 40} more: search for “{e(place.name)}”.</p>")
        return "".join(parts)
