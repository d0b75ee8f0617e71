"""The figures of an event side by side: each account's numbers for the same thing, and where they conflict.

Whether figures conflict is the editors' judgement, not a comparison of strings: "October 27,
1936" and "the end of October 1936" agree, "132 days" and "more than four months" agree, and a
running count ("one", "two others", "still another") is not three answers. A row is flagged only
when the event's catalogue entry states a discrepancy for it (`[[event.discrepancy]]` with `what`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gulagreader.core.model import Discrepancy, Figure

_SHORT_YEAR_RANGE = re.compile(r"\b(1[89]|20)(\d\d)-(\d\d)\b")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


@dataclass(frozen=True)
class FigureRow:
    """One thing counted or dated (`subject`, `what`), with the figures each column gives for it.

    `discrepancy` is the editors' statement that the figures conflict, with our note; `disagrees`
    is true when there is one.
    """

    subject: str
    what: str
    cells: tuple[tuple[Figure, ...], ...]
    discrepancy: Discrepancy | None = None

    @property
    def disagrees(self) -> bool:
        return self.discrepancy is not None

    @property
    def values(self) -> tuple[str, ...]:
        """The distinct values given, in order of appearance."""
        return tuple(dict.fromkeys(f.value for cell in self.cells for f in cell))


def figure_rows(
    figures: Sequence[Figure],
    column_of: Mapping[str, int],
    columns: int,
    discrepancies: Sequence[Discrepancy] = (),
) -> tuple[FigureRow, ...]:
    """Group `figures` by subject and kind, in catalogue order; `column_of` maps a source id to its column.

    Figures from sources not shown are left out. A row is flagged by the discrepancy of `discrepancies`
    stated for its subject and kind, when two of the values it sets against each other are shown.
    """
    stated = {(d.subject, d.what): d for d in discrepancies if d.what}
    grouped: dict[tuple[str, str], list[list[Figure]]] = {}
    for figure in figures:
        column = column_of.get(figure.source_id)
        if column is None:
            continue
        key = (figure.subject or figure.what, figure.what)
        grouped.setdefault(key, [[] for _ in range(columns)])[column].append(figure)
    rows = []
    for (subject, what), cells in grouped.items():
        discrepancy = stated.get((subject, what))
        if discrepancy and len([s for s in discrepancy.sides if set(s.source_ids) & column_of.keys()]) < 2:
            discrepancy = None  # only one side of it is shown
        rows.append(FigureRow(subject, what, tuple(tuple(c) for c in cells), discrepancy))
    return tuple(rows)


def same_value(value: str) -> str:
    """A figure as compared: '1932-33' = '1932–1933', '1,000' = '1000', case and spacing ignored."""
    text = " ".join(value.casefold().replace("–", "-").replace("—", "-").split())
    text = _THOUSANDS.sub("", text)
    text = _SHORT_YEAR_RANGE.sub(lambda m: f"{m[1]}{m[2]}-{m[1]}{m[3]}", text)
    return text.strip(" .")
