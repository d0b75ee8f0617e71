"""A simple on-screen keyboard for kiosks with only a touch screen (Qt's own is not in PySide6-Essentials).

Its keys never take the focus: they type into the line edit that has it (the search field, or
the administrator's passphrase field), so the text cursor and selection behave as with a real
keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

LETTERS = ("1234567890", "qwertyuiop", "asdfghjkl'", 'zxcvbnm"-*')
SYMBOLS = ("!@#$%^&*()", "~:;/?_+=.,", "<>[]{}|\\`'", '€£¥§°¿¡…–"')
_SIDE = 10  # the column of the wide keys on the right


class OnScreenKeyboard(QWidget):
    """Letter, digit and symbol keys, Shift, Backspace, Space, Clear and 'Hide'.

    Signals:
        hide_requested(): the visitor pressed 'Hide keyboard'.
    """

    hide_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onScreenKeyboard")
        self.setAccessibleName("On-screen keyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._shift = False
        self._symbols = False
        self._target: QLineEdit | None = None
        self.keys: list[QPushButton] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 10, 16, 12)
        grid.setSpacing(8)
        for row in range(len(LETTERS)):
            for col in range(len(LETTERS[row])):
                key = self._key("", self._type_key)
                grid.addWidget(key, row, col)
                self.keys.append(key)
        self.backspace = self._key("⌫", self._backspace, "Backspace")
        self.backspace.setAutoRepeat(True)
        self.clear_key = self._key("Clear", self._clear, "Clear the field")
        self.shift_key = self._key("⇧ Shift", self._toggle_shift, "Shift")
        self.shift_key.setCheckable(True)
        self.symbols_key = self._key("#+=", self._toggle_symbols, "Symbols")
        self.symbols_key.setCheckable(True)
        self.hide_key = self._key("Hide ⌄", self.hide_requested.emit, "Hide the keyboard")
        for row, key in enumerate((self.backspace, self.clear_key, self.shift_key, self.symbols_key, self.hide_key)):
            grid.addWidget(key, row, _SIDE, 1, 2)
        self.space = self._key("space", lambda: self._type(" "), "Space")
        grid.addWidget(self.space, len(LETTERS), 0, 1, _SIDE)
        self._label_keys()
        QApplication.instance().focusChanged.connect(self._on_focus)  # type: ignore[union-attr]

    def _key(self, text: str, slot: object, name: str = "") -> QPushButton:
        key = QPushButton(text, self)
        key.setObjectName("key")
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        key.setAccessibleName(name or text)
        key.clicked.connect(slot)
        return key

    def _label_keys(self) -> None:
        rows = SYMBOLS if self._symbols else LETTERS
        chars = [c for row in rows for c in row]
        for key, char in zip(self.keys, chars, strict=True):
            shown = char.upper() if self._shift and not self._symbols else char
            key.setText(shown.replace("&", "&&"))  # '&' would be a mnemonic
            key.setProperty("char", shown)
            key.setAccessibleName(shown)
            key.setEnabled(bool(char.strip()))
        self.shift_key.setEnabled(not self._symbols)

    # --- where the keys type ---

    @property
    def target(self) -> QLineEdit | None:
        """The line edit the keys type into: the focused one, or the last one that had the focus."""
        return self._target

    def set_target(self, field: QLineEdit | None) -> None:
        self._target = field

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QLineEdit) and new.window() is self.window():
            self._target = new

    # --- typing ---

    def _type_key(self) -> None:
        key = self.sender()
        if isinstance(key, QPushButton):
            self._type(str(key.property("char") or ""))
            if self._shift:
                self._toggle_shift()  # one capital, as phones do

    def _type(self, text: str) -> None:
        if self._target is not None and text:
            self._target.insert(text)

    def _backspace(self) -> None:
        if self._target is not None:
            self._target.backspace()

    def _clear(self) -> None:
        if self._target is not None:
            self._target.clear()

    def _toggle_shift(self) -> None:
        self._shift = not self._shift
        self.shift_key.setChecked(self._shift)
        self._label_keys()

    def _toggle_symbols(self) -> None:
        self._symbols = not self._symbols
        self.symbols_key.setChecked(self._symbols)
        self.symbols_key.setText("abc" if self._symbols else "#+=")
        self._label_keys()
