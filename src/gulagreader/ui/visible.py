"""What a view shows, as a person would see it: rows laid out inside the viewport and painted.

A model can hold fifty hits while the list draws none of them (a layout that stopped after its
first batch did exactly that). These checks look at the view instead: where each row is placed,
and the pixels of the viewport. The tests and `--self-test` use them.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractItemView, QWidget


def rows_in_view(view: QAbstractItemView) -> list[int]:
    """The rows (of column 0) whose laid-out rectangle lies at least partly inside the viewport."""
    model, area = view.model(), view.viewport().rect()
    rows = []
    for row in range(model.rowCount()):
        rect = view.visualRect(model.index(row, 0))
        if rect.isValid() and rect.intersects(area):
            rows.append(row)
    return rows


def layout_problem(view: QAbstractItemView) -> str:
    """What is wrong with how `view`'s rows are laid out ('' when every row the viewport can hold is).

    Every row must have a place; the rows in view must follow one another without a gap and fill
    the viewport unless the last row is in view; content taller than the viewport must scroll.
    """
    model = view.model()
    count = model.rowCount()
    if count == 0:
        return ""
    area = view.viewport().rect()
    rects = [view.visualRect(model.index(row, 0)) for row in range(count)]
    unplaced = [row for row, rect in enumerate(rects) if not rect.isValid() or rect.height() <= 0]
    if unplaced:
        return f"{len(unplaced)} of {count} rows have no place in the list (the first is row {unplaced[0]})"
    shown = [row for row, rect in enumerate(rects) if rect.intersects(area)]
    if not shown:
        return f"none of the {count} rows is inside the list"
    for before, after in pairwise(shown):
        if after != before + 1 or rects[after].top() > rects[before].bottom() + 1:
            return f"a gap between rows {before} and {after}"
    last = shown[-1]
    if last != count - 1 and rects[last].bottom() < area.bottom():
        return f"rows stop at row {last} of {count}, {area.bottom() - rects[last].bottom()} px above the list's end"
    height = sum(rect.height() for rect in rects)
    if height > area.height() and view.verticalScrollBar().maximum() <= 0:
        return "the rows are taller than the list, but it does not scroll"
    return ""


def blank(image: QImage, region: QRect | None = None) -> bool:
    """Whether `image` (or its `region`) is one flat colour: nothing drawn on it."""
    area = (region or image.rect()).intersected(image.rect())
    if area.isEmpty():
        return True
    first = image.pixel(area.left(), area.top())
    step = 2
    for y in range(area.top(), area.bottom() + 1, step):
        for x in range(area.left(), area.right() + 1, step):
            if image.pixel(x, y) != first:
                return False
    return True


def drawn_problem(view: QAbstractItemView) -> str:
    """What is wrong with what `view` draws ('' when each row in view is laid out and painted)."""
    problem = layout_problem(view)
    if problem:
        return problem
    rows = rows_in_view(view)
    if not rows:
        return ""
    image = grab(view.viewport())
    if blank(image):
        return "the list is drawn blank"
    model, area = view.model(), view.viewport().rect()
    for row in rows:
        rect = view.visualRect(model.index(row, 0))
        if area.contains(rect) and blank(image, rect.adjusted(0, 0, 0, -2)):  # (a rule may end a row)
            return f"row {row} is drawn blank"
    return ""


def grab(widget: QWidget) -> QImage:
    """`widget` as painted now, in device-independent pixels."""
    image = widget.grab().toImage()
    ratio = image.devicePixelRatio()
    if ratio != 1:
        image = image.scaled(round(image.width() / ratio), round(image.height() / ratio))
    return image
