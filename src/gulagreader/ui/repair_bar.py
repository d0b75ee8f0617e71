"""The notice about a repaired bookmarks file, across the top of the window until the reader dismisses it."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QToolBar, QWidget


class RepairBar(QToolBar):
    """Says where the damaged original of the bookmarks file is kept; Dismiss forgets the notice.

    Built only when there is something to say (the first window does not import this module).
    """

    def __init__(self, notices: list[str], db_path: Path, parent: QWidget) -> None:
        super().__init__("Bookmarks file notice", parent)
        self.setObjectName("repairBar")
        self.setMovable(False)
        self.setFloatable(False)
        self._db_path = db_path
        self.label = QLabel(" ".join(notices), self)
        self.label.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # paths are the user's, never markup
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setAccessibleName("Notice about your bookmarks file")
        self.addWidget(self.label)
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.setAccessibleName("Dismiss the notice about your bookmarks file")
        self.dismiss_button.clicked.connect(self.dismiss)
        self.addWidget(self.dismiss_button)

    def dismiss(self) -> None:
        from gulagreader.core.bookmarks import repair as bookmarks_repair

        try:
            bookmarks_repair.dismiss(self._db_path)
        except OSError as exc:
            self.label.setText(f"The notice could not be dismissed ({exc.strerror}).")
            return
        self.hide()
        self.deleteLater()
