"""How the kiosk looks: a calm paper palette, large type, and touch targets a finger can hit.

Type sizes are in pixels, from the screen's height (a kiosk is read standing, at arm's length,
whatever the screen's DPI), and set by style sheets: once a style sheet is on a window, Qt no
longer passes a parent's `setFont` on to its children.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from gulagreader.ui.style import Theme

LINES_PER_SCREEN = 40  # the controls' type: 20 px on a screen 800 pixels on its short side, 27 px at 1080
READING_SHARE = 1.25  # the text being read, as a multiple of the controls' type
SIZE_STEPS = (-2, 5)  # how far A− and A+ go, in steps of 2 px (controls) and 3 px (reading)
TOUCH = 56  # pixels: the height of buttons and fields
ARROW = ":/qt-project.org/styles/commonstyle/images/arrow-down-128.png"  # Qt's own (QtWidgets' resources)
LEAST_TOUCH = 52  # pixels: nothing a finger touches (keys, popup rows, arrows) is smaller than this

_COLOURS = {
    QPalette.ColorRole.Window: "#f3eee4",
    QPalette.ColorRole.WindowText: "#26211b",
    QPalette.ColorRole.Base: "#fffdf8",
    QPalette.ColorRole.AlternateBase: "#f7f2e8",
    QPalette.ColorRole.Text: "#26211b",
    QPalette.ColorRole.Button: "#ece5d8",
    QPalette.ColorRole.ButtonText: "#26211b",
    QPalette.ColorRole.Highlight: "#8a4a28",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#7d7366",
    QPalette.ColorRole.ToolTipBase: "#fffdf8",
    QPalette.ColorRole.ToolTipText: "#26211b",
    QPalette.ColorRole.Link: "#7a3b1d",
}


def kiosk_palette() -> QPalette:
    """Warm paper and dark ink, the same on every machine (a kiosk does not follow a desktop theme)."""
    palette = QPalette()
    for role, colour in _COLOURS.items():
        palette.setColor(role, QColor(colour))
    return palette


def type_size(short_side: int, font_scale: float = 1.0) -> int:
    """The controls' type size in pixels for a screen whose shorter side is `short_side` pixels.

    The short side, not the height: a portrait 1080x1920 screen is read like a landscape
    1920x1080 one (same width of text per line of type), so both get 27 px.
    """
    return max(14, round(min(44, max(16, short_side / LINES_PER_SCREEN)) * font_scale))


def visit_stylesheet(ui_px: int, step: int = 0) -> str:
    """Type sizes for a visit: `ui_px` for controls and lists, larger for reading; `step` is A− / A+."""
    ui, reading = ui_px + 2 * step, round(ui_px * READING_SHARE) + 3 * step
    return f"""
QWidget {{ font-size: {ui}px; }}
QLabel#kioskTitle {{ font-size: {round(ui * 1.5)}px; }}
QLabel#kioskSubtitle {{ font-size: {max(12, ui - 5)}px; }}
QTextBrowser#kioskReading {{ font-size: {reading}px; }}
QLabel#compareCell, QLabel#compareGap {{ font-size: {ui + 1 + step}px; }}
CompareView > QLabel, CompareView QCheckBox, AccountColumns > QLabel {{ font-size: {ui - 3}px; }}
"""


def kiosk_stylesheet(t: Theme, ui_px: int) -> str:
    """The kiosk window's style sheet in the colours of `t`, type `ui_px` pixels high."""
    return f"""
QWidget {{ font-size: {ui_px}px; }}
QWidget#kioskWindow, QWidget#kioskPage {{ background: {_COLOURS[QPalette.ColorRole.Window]}; }}
QFrame#kioskBar {{ background: {t.banner}; border-bottom: 1px solid {t.rule}; }}
QLabel#kioskTitle {{ color: {t.accent}; }}
QLabel#kioskSubtitle, QLabel#pageNote, QLabel#statusLine {{ color: {t.muted}; }}
QLabel#pageHeading {{ color: {t.accent}; }}
QPushButton {{
    min-height: {TOUCH}px; padding: 4px 22px; border: 1px solid {t.rule}; border-radius: 12px;
    background: {t.base}; color: {t.ink};
}}
QPushButton:pressed, QPushButton:checked {{ background: {t.selected}; }}
QPushButton:disabled {{ color: {t.rule}; }}
QPushButton#suggestion {{ border-radius: 24px; background: {t.focus}; border-color: {t.accent}; color: {t.accent}; }}
QPushButton#primary {{ background: {t.accent}; color: {t.base}; border-color: {t.accent}; }}
QPushButton#primary:disabled {{ background: {t.rule}; border-color: {t.rule}; color: {t.base}; }}
QLineEdit {{
    min-height: {TOUCH}px; padding: 0 16px; border: 2px solid {t.rule}; border-radius: 14px;
    background: {t.base}; color: {t.ink}; selection-background-color: {t.selected}; selection-color: {t.ink};
}}
QLineEdit:focus {{ border-color: {t.accent}; }}
QComboBox, QSpinBox {{
    min-height: {LEAST_TOUCH}px; padding: 0 12px; border: 1px solid {t.rule}; border-radius: 10px;
    background: {t.base}; color: {t.ink};
}}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: {LEAST_TOUCH}px;
    border-left: 1px solid {t.rule};
}}
QComboBox::down-arrow {{ image: url({ARROW}); width: {ui_px}px; height: {ui_px}px; }}
QComboBox QAbstractItemView {{
    background: {t.base}; color: {t.ink}; border: 1px solid {t.rule};
    selection-background-color: {t.selected}; selection-color: {t.ink}; outline: 0;
}}
QComboBox QAbstractItemView::item {{ min-height: {LEAST_TOUCH}px; padding: 0 16px; }}
QCheckBox {{ spacing: 12px; min-height: {LEAST_TOUCH}px; }}
QCheckBox::indicator {{ width: 26px; height: 26px; }}
QToolButton {{ min-width: {TOUCH}px; min-height: {LEAST_TOUCH}px; }}
QScrollBar:vertical {{ width: 22px; background: transparent; margin: 0; }}
QScrollBar:horizontal {{ height: 22px; background: transparent; margin: 0; }}
QScrollBar::handle {{ background: {t.rule}; border-radius: 8px; margin: 3px; min-height: 64px; min-width: 64px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QFrame#overlayCard {{ background: {t.base}; border-radius: 20px; }}
QLabel#overlayHeading {{ color: {t.accent}; font-size: {2 * ui_px}px; }}
QLabel#overlayPrompt {{ font-size: {round(1.4 * ui_px)}px; }}
QLabel#overlaySeconds {{ color: {t.accent}; font-size: {round(2.6 * ui_px)}px; }}
QLabel#overlayNote {{ color: {t.muted}; }}
QLabel#overlayMessage {{ color: {t.accent}; }}
QWidget#onScreenKeyboard {{ background: {t.banner}; border-top: 1px solid {t.rule}; }}
QPushButton#key {{ min-height: {LEAST_TOUCH}px; min-width: 0; padding: 0 4px; border-radius: 10px; }}
QLabel#attractTitle {{ color: {t.accent}; font-size: {round(1.5 * ui_px)}px; }}
QLabel#attractQuote {{ font-family: serif; font-size: {round(1.6 * ui_px)}px; color: {t.ink}; }}
QLabel#attractSource {{ color: {t.muted}; }}
QLabel#attractTouch {{ color: {t.accent}; font-size: {2 * ui_px}px; }}
QFrame#keptCard {{ background: {t.base}; border: 1px solid {t.rule}; border-radius: 14px; }}
QLabel#keptCitation {{ color: {t.muted}; }}
"""
