"""Colours and fonts shared by the reader's widgets, in one place."""

from __future__ import annotations

READING_FAMILIES = ["Charter", "Iowan Old Style", "Palatino Linotype", "Palatino", "P052", "Georgia", "DejaVu Serif"]
DEFAULT_POINT_SIZE = 13
MIN_POINT_SIZE = 8
MAX_POINT_SIZE = 32
MEASURE_EM = 40  # widest line of reading text, in ems

INK = "#222"
MUTED = "#6b6258"
ACCENT = "#7a3b1d"
MATCH = "#f6e3a1"
CURRENT_MATCH = "#f0b44c"
BANNER = "#f7eedc"
NOTE_BANNER = "#eef1f5"
