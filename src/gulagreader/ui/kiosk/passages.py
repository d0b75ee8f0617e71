"""'My passages': what a kiosk visitor kept during the visit, and a QR code of their citations.

Nothing here is stored anywhere: the list lives in the visit and goes with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.kiosk.my_passages import KeptPassage, QrCode, qr_code

QUIET_ZONE = 4  # modules of light margin a QR reader needs around the code


class QrCodeView(QWidget):
    """Paints a QR code as large as fits, black on white, with its quiet zone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code: QrCode | None = None
        self.setAccessibleName("QR code with the citations of your passages")
        self.setMinimumSize(220, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_code(self, code: QrCode | None) -> None:
        self.code = code
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(340, 340)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.code is None:
            return
        modules = self.code.size + 2 * QUIET_ZONE
        side = min(self.width(), self.height())
        unit = max(1, side // modules)  # whole pixels per module: crisp edges read best
        full = unit * modules
        left, top = (self.width() - full) // 2, (self.height() - full) // 2
        painter = QPainter(self)
        painter.fillRect(left, top, full, full, QColor("white"))
        black = QColor("black")
        for y, row in enumerate(self.code.rows):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        QRectF(left + (x + QUIET_ZONE) * unit, top + (y + QUIET_ZONE) * unit, unit, unit), black
                    )
        painter.end()


class KeptCard(QFrame):
    """One kept passage: how it begins, its citation, and Read / Remove.

    Signals:
        read(str): open this passage.
        removed(str): take it off the list.
    """

    read = Signal(str)
    removed = Signal(str)

    def __init__(self, kept: KeptPassage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keptCard")
        self.passage_id = kept.passage_id
        quote = QLabel(f"“{kept.quote}”", self, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        # the screen shows the reference without its locator (an id means nothing to a visitor); the QR code has it all
        citation = QLabel(
            kept.citation.removesuffix(f" Passage {kept.passage_id}."),
            self,
            wordWrap=True,
            textFormat=Qt.TextFormat.PlainText,
        )
        citation.setObjectName("keptCitation")
        read = QPushButton("Read", self)
        read.setAccessibleName(f"Read the passage from {kept.source_title}")
        read.clicked.connect(lambda: self.read.emit(self.passage_id))
        remove = QPushButton("Remove", self)
        remove.setAccessibleName(f"Remove the passage from {kept.source_title}")
        remove.clicked.connect(lambda: self.removed.emit(self.passage_id))
        text = QVBoxLayout()
        text.setSpacing(8)
        text.addWidget(quote)
        text.addWidget(citation)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 14, 16, 14)
        row.setSpacing(12)
        row.addLayout(text, 1)
        row.addWidget(read, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(remove, 0, Qt.AlignmentFlag.AlignVCenter)


class MyPassagesPage(QWidget):
    """The visitor's kept passages, newest last, with a QR code of their citations.

    Signals:
        open_passage(str): read this passage.
        removed(str): the visitor took this passage off the list.
        cleared(): the visitor emptied the list.
    """

    open_passage = Signal(str)
    removed = Signal(str)
    cleared = Signal()

    def __init__(self, with_qr: bool = True, public_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPage")
        self._with_qr, self._public_url = with_qr, public_url
        heading = QLabel("My passages", self)
        heading.setObjectName("pageHeading")
        note = QLabel(
            "Kept for this visit only: they are cleared when the reader goes back to its start.", self, wordWrap=True
        )
        note.setObjectName("pageNote")
        self.empty = QLabel(
            "You have not kept any passages yet. While reading, touch “Keep this passage”.", self, wordWrap=True
        )
        self.cards = QWidget(self)
        self.cards.setObjectName("kioskPage")
        self.card_layout = QVBoxLayout(self.cards)
        self.card_layout.setContentsMargins(0, 0, 8, 0)
        self.card_layout.setSpacing(12)
        self.card_layout.addStretch(1)
        scroll = QScrollArea(self, widgetResizable=True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.cards)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.clear_button = QPushButton("Forget all my passages", self)
        self.clear_button.clicked.connect(self.cleared)
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(heading)
        left.addWidget(note)
        left.addWidget(self.empty)
        left.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.clear_button)
        bottom.addStretch(1)
        left.addLayout(bottom)
        self.qr_box = QWidget(self)
        qr_heading = QLabel("Take them home", self.qr_box)
        qr_heading.setObjectName("pageHeading")
        qr_note = QLabel(
            "Point your phone's camera at the code: it holds the first words and the full reference of each "
            "passage"
            + (", and where to read it online." if public_url else ", so you can find them again.")
            + " Nothing about you or your visit is in it.",
            self.qr_box,
            wordWrap=True,
        )
        qr_note.setObjectName("pageNote")
        self.qr = QrCodeView(self.qr_box)
        self.qr_count = QLabel(self.qr_box, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.qr_count.setObjectName("pageNote")
        right = QVBoxLayout(self.qr_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(qr_heading)
        right.addWidget(qr_note)
        right.addWidget(self.qr, 1)
        right.addWidget(self.qr_count)
        self.layout_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)  # top to bottom on a portrait screen
        self.layout_row.setContentsMargins(28, 20, 28, 16)
        self.layout_row.setSpacing(36)
        self.layout_row.addLayout(left, 3)
        self.layout_row.addWidget(self.qr_box, 2)
        self.show_passages([])

    def arrange(self, portrait: bool) -> None:
        """The QR code beside the list on a landscape screen, under it on a portrait one."""
        self.layout_row.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)

    def show_passages(self, kept: Sequence[KeptPassage]) -> None:
        """Show `kept` (and their QR code, when the site wants one)."""
        while self.card_layout.count() > 1:
            item = self.card_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for i, passage in enumerate(kept):
            card = KeptCard(passage, self.cards)
            card.read.connect(self.open_passage)
            card.removed.connect(self.removed)
            self.card_layout.insertWidget(i, card)
        self.empty.setVisible(not kept)
        self.clear_button.setVisible(bool(kept))
        code = qr_code(kept, self._public_url) if self._with_qr and kept else None
        self.qr.set_code(code)
        self.qr_box.setVisible(code is not None)
        if code is not None and code.passages < len(kept):
            self.qr_count.setText(f"The code holds your first {code.passages} passages; more would not fit.")
        else:
            self.qr_count.clear()

    @property
    def shown(self) -> list[str]:
        """The passage ids on the page, in order."""
        items = (self.card_layout.itemAt(i) for i in range(self.card_layout.count()))
        return [w.passage_id for item in items if item is not None and isinstance(w := item.widget(), KeptCard)]
