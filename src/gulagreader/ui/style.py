"""Fonts and colours shared by the reader's widgets, in one place.

Colours come from a `Theme`, derived from the system palette (see `theme.py`), so light and
dark desktops both read well; nothing here assumes a white page.
"""

# No postponed annotations here: `Theme` is defined before the first paint (CONTRIBUTING.md, Start-up).
from typing import NamedTuple

READING_FAMILIES = ["Charter", "Iowan Old Style", "Palatino Linotype", "Palatino", "P052", "Georgia", "DejaVu Serif"]
DEFAULT_POINT_SIZE = 13
MIN_POINT_SIZE = 8
MAX_POINT_SIZE = 32
MEASURE_EM = 40  # widest line of reading text, in ems


class Theme(NamedTuple):  # (not a dataclass, which costs more to define)
    """The reader's colours as `#rrggbb` strings, chosen to read well on `base`."""

    base: str = "#ffffff"
    ink: str = "#222222"
    muted: str = "#6b6258"
    accent: str = "#7a3b1d"
    match: str = "#f6e3a1"
    current_match: str = "#f0b44c"
    current_ink: str = "#222222"  # the text of the current match, on `current_match`
    banner: str = "#f7eedc"
    note_banner: str = "#eef1f5"
    focus: str = "#fbf7ee"
    selected: str = "#ece3d3"
    hover: str = "#f6f1e8"
    rule: str = "#e2dacd"
    dark: bool = False


LIGHT = Theme()
