"""Names a screen reader speaks for the parts Qt makes itself: a field's clear button, a box's popup list.

Set once the window has painted (the first frame names no more widgets than it shows).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QToolButton


def name_popup(box: QComboBox) -> None:
    """Give `box`'s popup list a name: '<the box's name>: choices'."""
    box.view().setAccessibleName(f"{box.accessibleName() or 'Choices'}: choices")


def name_clear_button(field: QLineEdit, name: str) -> None:
    """Give the clear button Qt puts in `field` (clearButtonEnabled) a name and a tooltip."""
    for button in field.findChildren(QToolButton):
        button.setAccessibleName(name)
        button.setToolTip(name)
