"""The flat tool button the side panels use, with its accessible name."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QToolButton, QWidget


def tool_button(parent: QWidget, text: str, tip: str, slot: Callable[[], object] | None = None) -> QToolButton:
    """A flat button named for screen readers by its text (without a trailing '…')."""
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(text.rstrip("…"))
    button.setAutoRaise(True)
    if slot is not None:
        button.clicked.connect(slot)
    return button
