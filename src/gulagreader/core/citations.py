"""Citing a passage: Chicago notes-bibliography style, and plain text.

Our sources give their publication as one free-text line ("International Socialist Review,
Vol.24 No.3, Summer 1963"): the part before the first comma is the periodical (set in italics),
the rest is kept as given. The locator is the passage id, after the page range where the source
gives one. A source without a named author begins with its title, as Chicago prescribes (the
style keeps "Anonymous" for works that are signed so).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from gulagreader.core.model import Source

_ISSN = re.compile(r"\s*\(ISSN[^)]*\)")

Parts = list[tuple[str, bool]]  # (text, italic)


@dataclass(frozen=True)
class Citation:
    """One passage cited three ways; `note` and `bibliography` mark italics *like this* (Markdown)."""

    note: str
    bibliography: str
    plain: str
    note_html: str
    locator: str
    pages: str = ""


def cite(source: Source, passage_id: str) -> Citation:
    """The citation of passage `passage_id` of `source`."""
    note = _note(source, passage_id)
    return Citation(
        note=_markdown(note),
        bibliography=_markdown(_bibliography(source)),
        plain=_plain(source, passage_id),
        note_html=_html(note),
        locator=passage_id,
        pages=source.pages,
    )


def _container(source: Source) -> tuple[str, str]:
    """(periodical or site, further details such as volume and issue)."""
    publication = _ISSN.sub("", source.publication).strip()
    if not publication:
        return "", ""
    head, _, rest = publication.partition(", ")
    return head.strip(), rest.strip()


def _date(source: Source) -> str:
    """The date as the source gives it, unless the publication line already says it."""
    date = source.date or (str(source.year) if source.year else "")
    if not date:
        return "" if source.publication else "n.d."
    return "" if date in source.publication else date


def _names(authors: tuple[str, ...]) -> str:
    if len(authors) > 3:
        return f"{authors[0]} et al."
    if len(authors) == 3:
        return f"{authors[0]}, {authors[1]}, and {authors[2]}"
    return " and ".join(authors)


def _inverted(name: str) -> str:
    first, _, last = name.rpartition(" ")
    return f"{last}, {first}" if first else name


def _after_title(title: str, mark: str) -> str:
    """Chicago puts the comma or period inside the closing quote, unless the title ends in ? or !."""
    return f"“{title}”" if title[-1:] in "?!" else f"“{title}{mark}”"


def _note(source: Source, passage_id: str) -> Parts:
    parts: Parts = []
    if source.authors:
        parts.append((_names(source.authors) + ", ", False))
    if not source.authors and source.attributed_to:  # our attribution, in brackets
        parts.append((f"[{_names(source.attributed_to)}], ", False))
    container, details = _container(source)
    pieces = [p for p in (details, _date(source), source.pages) if p]
    parts.append((_after_title(source.title, ","), False))
    if container:
        parts += [(" ", False), (container, True)]
        parts.append(("".join(f", {p}" for p in pieces) + f", passage {passage_id}.", False))
    else:
        parts.append((" " + "".join(f"{p}, " for p in pieces) + f"passage {passage_id}.", False))
    return parts


def _bibliography(source: Source) -> Parts:
    parts: Parts = []
    if source.authors:
        rest = [*source.authors[1:]]
        names = _inverted(source.authors[0])
        if rest:
            names += ", " + (", ".join(rest[:-1]) + ", and " if len(rest) > 1 else "and ") + rest[-1]
        parts.append((names.rstrip(".") + ". ", False))
    if not source.authors and source.attributed_to:  # our attribution, in brackets
        parts.append((f"[{_inverted(source.attributed_to[0])}]. ", False))
    parts.append((_after_title(source.title, "."), False))
    container, details = _container(source)
    tail = [p for p in (details, _date(source), source.pages) if p]
    if container:
        parts += [(" ", False), (container, True), (_end("".join(f", {p}" for p in tail)), False)]
    elif tail:
        parts.append((" " + _end(", ".join(tail)), False))
    return parts


def _plain(source: Source, passage_id: str) -> str:
    head = f"{_names(source.authors)}. " if source.authors else ""
    if not source.authors and source.attributed_to:  # our attribution, in brackets
        head = f"[{_names(source.attributed_to)}]. "
    title = source.title if source.title[-1:] in ".?!" else f"{source.title}."
    pages = f"pp. {source.pages}" if source.pages else ""
    details = ", ".join(p for p in (_ISSN.sub("", source.publication).strip(), _date(source), pages) if p)
    return f"{head}{title} {_end(details) + ' ' if details else ''}Passage {passage_id}."


def _end(text: str) -> str:
    """`text` closed with a period (not doubled after 'n.d.' or 'et al.')."""
    return text if text.endswith(".") else f"{text}."


def _markdown(parts: Parts) -> str:
    return "".join(f"*{text}*" if italic else text for text, italic in parts)


def _html(parts: Parts) -> str:
    return "".join(f"<i>{html.escape(text)}</i>" if italic else html.escape(text) for text, italic in parts)
