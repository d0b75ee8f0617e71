"""The figures of an event side by side: each account's numbers for the same thing, and where they differ."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gulagreader.core.model import Figure

_SHORT_YEAR_RANGE = re.compile(r"\b(1[89]|20)(\d\d)-(\d\d)\b")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


@dataclass(frozen=True)
class FigureRow:
    """One thing counted or dated (`subject`, `what`), with the figures each column gives for it.

    `disagrees` is true when the figures shown (from any account or teller) differ in value.
    """

    subject: str
    what: str
    cells: tuple[tuple[Figure, ...], ...]
    disagrees: bool

    @property
    def values(self) -> tuple[str, ...]:
        """The distinct values given, in order of appearance."""
        return tuple(dict.fromkeys(f.value for cell in self.cells for f in cell))


def figure_rows(figures: Sequence[Figure], column_of: Mapping[str, int], columns: int) -> tuple[FigureRow, ...]:
    """Group `figures` by subject and kind, in catalogue order; `column_of` maps a source id to its column.

    Figures from sources not shown are left out.
    """
    grouped: dict[tuple[str, str], list[list[Figure]]] = {}
    for figure in figures:
        column = column_of.get(figure.source_id)
        if column is None:
            continue
        key = (figure.subject or figure.what, figure.what)
        grouped.setdefault(key, [[] for _ in range(columns)])[column].append(figure)
    rows = []
    for (subject, what), cells in grouped.items():
        values = {same_value(f.value) for cell in cells for f in cell}
        rows.append(FigureRow(subject, what, tuple(tuple(c) for c in cells), disagrees=len(values) > 1))
    return tuple(rows)


def same_value(value: str) -> str:
    """A figure as compared: '1932-33' = '1932–1933', '1,000' = '1000', case and spacing ignored."""
    text = " ".join(value.casefold().replace("–", "-").replace("—", "-").split())
    text = _THOUSANDS.sub("", text)
    text = _SHORT_YEAR_RANGE.sub(lambda m: f"{m[1]}{m[2]}-{m[1]}{m[3]}", text)
    return text.strip(" .")
