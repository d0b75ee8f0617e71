"""The small dialog that adds or edits a bookmark's note and tags."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.bookmarks.model import clean_tags
from gulagreader.ui.bookmarks.markup import short_quote

NOTE_HINT = "A note (optional). Light Markdown: *italic*, **bold**, `code`, lines starting with - for a list."


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last semicolon, from the tags already in use.

    Tags are separated by semicolons: a comma belongs to the tag ("Vorkuta, 1936" is one tag)."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(";", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        field = self.widget()
        typed = field.text().rsplit(";", 1) if isinstance(field, QLineEdit) else [""]
        head = typed[0] + "; " if len(typed) > 1 else ""
        return head + super().pathFromIndex(index)


class BookmarkDialog(QDialog):
    """Note and tags for a new bookmark or one being edited; the quote and its place shown above them."""

    def __init__(
        self,
        parent: QWidget | None,
        quote: str,
        where: str,
        note: str = "",
        tags: Sequence[str] = (),
        known_tags: Sequence[str] = (),
        editing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit bookmark" if editing else "Bookmark")
        self.quote_label = QLabel(
            f"“{short_quote(quote, 400)}”", self, wordWrap=True, textFormat=Qt.TextFormat.PlainText
        )
        self.quote_label.setAccessibleDescription("Bookmarked text")
        self.quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where_label = QLabel(where, self, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.where_label.setAccessibleDescription("Where it is")
        self.where_label.setStyleSheet("color: palette(placeholder-text);")
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText(NOTE_HINT)
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setToolTip(NOTE_HINT)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlainText(note)
        self.tags_edit = QLineEdit("; ".join(tags), self)
        self.tags_edit.setPlaceholderText("Tags, separated by semicolons (a comma stays in its tag)")
        self.tags_edit.setAccessibleName("Tags")
        completer = TagCompleter(QStringListModel(list(known_tags), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags_edit.setCompleter(completer)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        note_label = QLabel("&Note", self)
        note_label.setBuddy(self.note_edit)
        tags_label = QLabel("&Tags", self)
        tags_label.setBuddy(self.tags_edit)
        form.addRow(note_label, self.note_edit)
        form.addRow(tags_label, self.tags_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quote_label)
        layout.addWidget(self.where_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, 340)
        self.note_edit.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter saves, even from the note (where Enter starts a new line)."""
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def tags(self) -> tuple[str, ...]:
        return clean_tags([self.tags_edit.text()])
