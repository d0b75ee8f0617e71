"""The in-app guide and the About page, as HTML (Qt-free, so they are easy to test).

The guide renders the query language from its one description, `gulagreader.core.query_language`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from gulagreader.core import query_language
from gulagreader.core.glossary import Term
from gulagreader.core.model import Source
from gulagreader.ui.style import LIGHT, Theme

KEYS = (
    ("Ctrl+F, Ctrl+L", "go to the search field"),
    ("Esc", "clear the search (again: clear the filters)"),
    ("Down", "from the search field to the results"),
    ("Enter", "open the chosen result; in the search field: next match"),
    ("F3, Shift+F3", "next and previous match in the open source"),
    ("Ctrl+Shift+C", "copy the selection (or the passage) with its citation"),
    ("Ctrl+D", "bookmark the passage (or the selection) with a note and tags"),
    ("Ctrl+B, Ctrl+Shift+B", "your bookmarks; your saved and recent searches"),
    ("Ctrl+K", "show the concordance of the query (at the chosen result's line)"),
    ("Alt+Left, Alt+Right", "back and forward across the passages opened"),
    ("Tab", "into the page, at the reading position; Tab again leaves it"),
    ("N, Shift+N", "on the page: next and previous footnote, its note shown"),
    ("Ctrl+Shift+O", "the outline of the open source: go to a heading"),
    ("Ctrl+I", "show or hide what we know of the open source"),
    ("Ctrl+=, Ctrl+-, Ctrl+0", "larger, smaller, usual type size (the whole window)"),
    ("F1", "this guide"),
)

# The software a packaged reader ships, and its licence (checked against each package's metadata).
LICENCES = (
    ("Python", "Python Software Foundation License 2.0"),
    ("Qt 6 and Qt for Python (PySide6, Shiboken6)", "GNU LGPL version 3"),
    ("tantivy and tantivy-py", "MIT"),
    ("SQLite", "public domain"),
    ("platformdirs", "MIT"),
    ("sqlite-utils", "Apache 2.0"),
    ("click, python-dateutil (used by sqlite-utils)", "BSD 3-Clause"),
    ("sqlite-fts4 (used by sqlite-utils)", "Apache 2.0"),
    ("tabulate, pluggy, pip (used by sqlite-utils)", "MIT"),
    ("click-default-group (used by sqlite-utils)", "public domain"),
    ("citeproc-py (citations)", "BSD 2-Clause Views"),
    ("lxml (used by citeproc-py)", "BSD 3-Clause"),
    ("CSL styles: Chicago, APA, MLA (Citation Style Language project)", "CC BY-SA 3.0"),
)

_COPYRIGHT = re.compile(r"(?:Copyright|©)[^'\"”’;]*", re.IGNORECASE)
_CODE = re.compile(r"`([^`]+)`")


def query_table() -> str:
    """The query language as a two-column table, an example and what it finds, that wraps to the
    window (a `<pre>` runs off its right edge); the notes in a paragraph under it."""
    rows = "".join(
        f'<tr><td style="padding-right:12px"><code>{escape(op.example)}</code></td><td>{_coded(op.meaning)}</td></tr>'
        for op in query_language.OPERATORS
    )
    return f'<table cellpadding="2">{rows}</table><p>{_coded(query_language.NOTES)}</p>'


def _coded(text: str) -> str:
    """Plain `text` as HTML, what is typed (in `backticks`) as code."""
    return _CODE.sub(r"<code>\1</code>", escape(text))


def guide_html(theme: Theme = LIGHT) -> str:
    """How to search: what to type, the query language, the keys."""
    rows = "".join(
        f'<tr><td style="padding-right:12px"><b>{escape(k)}</b></td><td>{escape(what)}</td></tr>' for k, what in KEYS
    )
    return (
        "<h2>Searching the accounts</h2>"
        "<p>Type in the search field: the passages that match appear as you type, best first. Choose one to "
        "read the whole source at that place, with every match marked. Names match in any spelling "
        "(<i>Derevyanko</i> finds <i>Derevianko</i>); case and accents never matter.</p>"
        "<p>The filters under the search field narrow the results to one source, event, genre or span of "
        "years, and can list the passages in the order of the sources. The <b>Concordance</b> tab shows every "
        "occurrence of the query on one line each, lined up on the match.</p>"
        "<h3>What you can type</h3>"
        f"{query_table()}"
        "<h3>Keys</h3>"
        f'<table cellpadding="2">{rows}</table>'
        f'<p style="color:{theme.muted}">The same query language works on the command line: '
        "<code>gulagreader search QUERY</code>.</p>"
        f'<p style="color:{theme.muted}">What in this edition is the sources\' text and what is ours (notes, '
        "attributions in brackets, corrections, discrepancies): <b>Help → Editorial principles</b>.</p>"
    )


def rights_note(source: Source) -> str:
    """What our edition knows of a source's rights: its rights statement, a copyright line the text carries,
    or that nothing is known."""
    if source.rights:
        return source.rights
    found = _COPYRIGHT.search(source.provenance)
    if found:
        notice = found.group().strip().rstrip(".,")
        return f"The text carries the notice '{notice}'; permission for this edition is not established."
    return "Rights not established."


def about_html(sources: Sequence[Source], version: str, theme: Theme = LIGHT) -> str:
    """The program, the sources with their rights notes, and the licences of the software shipped."""
    parts = [
        f"<h2>GulagReader {escape(version)}</h2>",
        "<p>An offline reader of accounts of resistance in the Soviet camps. It never uses the network. "
        "GulagReader itself is free software under the MIT licence.</p>",
        "<h3>The sources of this edition</h3>",
        f'<p style="color:{theme.muted}">The texts are kept as their originals print them. Where a source '
        "comes from and what it says of itself is in its provenance note (Ctrl+I while reading).</p>",
    ]
    for s in sources:
        authors = s.byline_authors
        where = " · ".join(_unrepeated((authors, s.publication, s.date or "undated")))
        parts.append(
            f"<p><b>{escape(s.title)}</b><br/>{escape(where)}<br/>"
            f'<span style="color:{theme.muted}">{escape(rights_note(s))}</span></p>'
        )
    rows = "".join(
        f'<tr><td style="padding-right:12px">{escape(name)}</td><td>{escape(licence)}</td></tr>'
        for name, licence in LICENCES
    )
    parts += ["<h3>Software we ship</h3>", f'<table cellpadding="2">{rows}</table>']
    return "\n".join(parts)


def glossary_html(terms: Sequence[Term], theme: Theme = LIGHT, shown: int = 12) -> str:
    """The Glossary page: each term, the forms the texts print, our definition, and links to the
    first `shown` passages that use it."""
    parts = [
        "<h2>Glossary</h2>",
        f'<p style="color:{theme.muted}">Words of the camps and of the period. The definitions are ours; the '
        "forms are as the texts print them. In the reader these words are underlined: point at one, or click "
        "it, for its definition.</p>",
    ]
    for t in terms:
        links = ", ".join(
            f'<a href="passage:{escape(p)}" style="color:{theme.accent}; text-decoration:none">{escape(p)}</a>'
            for p in t.passages[:shown]
        )
        more = f" and {len(t.passages) - shown} more" if len(t.passages) > shown else ""
        parts.append(
            f'<h3 id="{escape(t.id)}">{escape(t.term)}</h3>'
            f'<p><span style="color:{theme.muted}">As printed: {escape(", ".join(t.forms))}</span><br/>'
            f"<i>Our definition:</i> {escape(t.definition)}<br/>"
            f'<span style="font-size:small">Used in {len(t.passages)} passage{"s" * (len(t.passages) != 1)}: '
            f"{links}{more}</span></p>"
        )
    return "\n".join(parts)


def _unrepeated(parts: Sequence[str]) -> list[str]:
    """The non-empty parts, less any that another part already says ('Summer 1963' after '…, Summer 1963')."""
    kept = [p for p in parts if p]
    folded = [" ".join(p.casefold().split()) for p in kept]
    said = [
        any(folded[i] in f and (f != folded[i] or j < i) for j, f in enumerate(folded) if j != i)
        for i in range(len(kept))
    ]
    return [p for p, repeated in zip(kept, said, strict=True) if not repeated]
