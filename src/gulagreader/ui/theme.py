"""The reader's colours, derived from the system palette so dark desktops get a dark reader."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QPalette

from gulagreader.ui.style import Theme

# Hues we like on each kind of page; the palette's own text and base colours decide the rest.
_LIGHT_HUES = {"accent": "#7a3b1d", "match": "#f6e3a1", "current_match": "#f0b44c", "note": "#5a7aa6"}
_DARK_HUES = {"accent": "#e8a87c", "match": "#6b5416", "current_match": "#e3a23c", "note": "#7f9cc4"}
MIN_CONTRAST = 4.5  # WCAG AA for body text


def theme_for(palette: QPalette) -> Theme:
    """Colours for `palette`: ink and page from the palette, tints mixed into its base colour."""
    base = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)
    ink = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
    dark = base.lightnessF() < 0.5
    hues = _DARK_HUES if dark else _LIGHT_HUES
    current = QColor(hues["current_match"])
    current_ink = ink if contrast(ink, current) >= contrast(base, current) else base
    tints = {
        "banner": mix(base, QColor(hues["accent"]), 0.12),
        "note_banner": mix(base, QColor(hues["note"]), 0.14),
        "focus": mix(base, QColor(hues["accent"]), 0.05),
        "selected": mix(base, QColor(hues["accent"]), 0.18),
        "hover": mix(base, QColor(hues["accent"]), 0.07),
    }
    behind_text = [base, *tints.values()]  # muted and accent text must read on all of them
    return Theme(
        base=base.name(),
        ink=ink.name(),
        muted=readable(mix(ink, base, 0.35), behind_text, ink).name(),
        accent=readable(QColor(hues["accent"]), behind_text, ink).name(),
        match=behind(QColor(hues["match"]), ink, base).name(),
        current_match=behind(current, current_ink, base).name(),
        current_ink=current_ink.name(),
        rule=mix(base, ink, 0.15).name(),
        **{name: colour.name() for name, colour in tints.items()},
        dark=dark,
    )


def mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    """`a` moved `share_of_b` of the way towards `b`."""
    t = max(0.0, min(1.0, share_of_b))
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def luminance(c: QColor) -> float:
    """Relative luminance as WCAG defines it."""

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def readable(colour: QColor, backgrounds: Sequence[QColor], ink: QColor) -> QColor:
    """`colour`, moved towards `ink` until it reads on every one of `backgrounds`."""
    for step in range(11):
        candidate = mix(colour, ink, step / 10)
        if all(contrast(candidate, b) >= MIN_CONTRAST for b in backgrounds):
            return candidate
    return ink


def behind(colour: QColor, ink: QColor, base: QColor) -> QColor:
    """A background tint, moved towards `base` until `ink` reads on it."""
    for step in range(11):
        candidate = mix(colour, base, step / 10)
        if contrast(ink, candidate) >= MIN_CONTRAST:
            return candidate
    return base
