"""The results list: a Qt list model over the search service's `Hit`s, and how a hit looks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex

from gulagreader.core.spans import mark_spans
from gulagreader.ui.roles import DISPLAY_ROLE, HIT_ROLE, HTML_ROLE
from gulagreader.ui.style import LIGHT, Theme

if TYPE_CHECKING:
    from gulagreader.core.search import Hit


_Index = QModelIndex | QPersistentModelIndex


def hit_html(hit: Hit, event_titles: Mapping[str, str], theme: Theme = LIGHT, visitors: bool = False) -> str:
    """A hit as rich text: source and date, snippet with matches marked, event tags, reprints, content note.

    `visitors`: in a museum's words (the kiosk): no passage kinds, 'Also printed in' for reprints.
    """
    muted = theme.muted
    parts = [
        f'<div style="color:{theme.accent}; font-size:small"><b>{escape(hit.source_title)}</b>'
        f'<span style="color:{muted}"> · {escape(hit.source_date or "undated")}</span>'
        f"{'' if visitors else _kind(hit.kind, muted)}</div>",
        f"<div>{_snippet(hit, theme.match)}</div>",
    ]
    if hit.events:
        tags = " · ".join(escape(event_titles.get(e, e)) for e in hit.events)
        parts.append(f'<div style="color:{muted}; font-size:small">Event: {tags}</div>')
    if hit.also_in:
        also = "; ".join(escape(a.source_title) for a in hit.also_in)
        label = "Also printed in" if visitors else "Also in"
        parts.append(f'<div style="color:{muted}; font-size:small">{label}: {also}</div>')
    if hit.content_note:
        note = escape(hit.content_note)
        parts.append(f'<div style="color:{muted}; font-size:small"><i>Content note:</i> {note}</div>')
    return "".join(parts)


def _kind(kind: str, muted: str) -> str:
    if kind == "paragraph":
        return ""
    return f' <span style="color:{muted}">· {escape(kind.replace("_", " "))}</span>'


def _snippet(hit: Hit, match: str) -> str:
    text, start = hit.snippet, hit.snippet_start
    spans = [(a - start, b - start) for a, b in hit.highlights]
    body = mark_spans(text, spans, f'<span style="background-color:{match}">', "</span>", escape)
    lead = "… " if start > 0 else ""
    tail = " …" if start + len(text) < len(hit.text) else ""
    return lead + body + tail


class ResultsModel(QAbstractListModel):
    """One row per hit; `HIT_ROLE` gives the `Hit`, `HTML_ROLE` its rich text."""

    def __init__(self, event_titles: Mapping[str, str] | None = None, theme: Theme = LIGHT) -> None:
        super().__init__()
        self._hits: list[Hit] = []
        self._html: list[str] = []
        self._event_titles = dict(event_titles or {})
        self._theme = theme
        self._visitors = False

    def set_theme(self, theme: Theme) -> None:
        """Colour the rows for a new palette."""
        self._theme = theme
        self.set_hits(self._hits)

    def set_visitor_words(self, visitors: bool) -> None:
        """Rows in a museum visitor's words (the kiosk) rather than a researcher's."""
        self._visitors = visitors
        self.set_hits(self._hits)

    def set_event_titles(self, titles: Mapping[str, str]) -> None:
        self._event_titles = dict(titles)

    def set_hits(self, hits: Sequence[Hit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._html = [hit_html(h, self._event_titles, self._theme, self._visitors) for h in self._hits]
        self.endResetModel()

    def hit(self, row: int) -> Hit:
        return self._hits[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        roles = QtCore.Qt.ItemDataRole
        if role in (roles.DisplayRole, roles.AccessibleTextRole):
            return f"{hit.source_title} ({hit.source_date or 'undated'}): {hit.snippet}"
        if role == roles.ToolTipRole:
            return hit.passage_id
        if role == HIT_ROLE:
            return hit
        if role == HTML_ROLE:
            return self._html[index.row()]
        return None
