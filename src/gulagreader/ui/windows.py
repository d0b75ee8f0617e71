"""Secondary windows (events, compare, help): sized to fit the screen, closed with Esc and Ctrl+W."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

# Room a window manager's frame usually takes (title bar, borders) before the window is shown and the
# real frame is known; without a window manager the frame is empty and the estimate costs a few pixels.
FRAME_ALLOWANCE = (16, 40)


def available_area(window: QWidget) -> QRect:
    """The part of the window's screen (or the primary screen) that windows may use."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size `window` to `width` x `height`, or less to fit in the available area, and place it there.

    Its parent's window is centred on when it has one; the frame is kept inside the area.
    """
    area = available_area(window)
    w = max(min(width, area.width() - FRAME_ALLOWANCE[0]), 200)
    h = max(min(height, area.height() - FRAME_ALLOWANCE[1]), 200)
    window.resize(w, h)
    parent = window.parentWidget()
    centre = parent.window().frameGeometry().center() if parent is not None else area.center()
    x = min(max(centre.x() - w // 2, area.left()), area.right() + 1 - w - FRAME_ALLOWANCE[0])
    y = min(max(centre.y() - h // 2, area.top()), area.bottom() + 1 - h - FRAME_ALLOWANCE[1])
    window.move(max(x, area.left()), max(y, area.top()))


def close_with_keys(window: QWidget) -> None:
    """Esc and Ctrl+W close `window` (the keys of a secondary window in browsers and readers)."""
    for key in ("Esc", "Ctrl+W"):
        QShortcut(QKeySequence(key), window, window.close)
