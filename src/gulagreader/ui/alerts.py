"""The reader's message boxes, built when first needed (QMessageBox is not part of the first window)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def warn(parent: QWidget, text: str) -> None:
    """Tell the reader something went wrong that they can act on."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, "GulagReader", text)


def fail(parent: QWidget, text: str) -> None:
    """Tell the reader why the application cannot go on."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, "GulagReader", text)
