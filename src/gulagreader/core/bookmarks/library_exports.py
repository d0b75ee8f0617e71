"""Exports shaped like a reference manager's library: one item per source, each bookmark one note.

What Zotero's own import translators make of each (checked by running them over our files):
- RIS: one record per source; each bookmark is exactly one `N1` (HTML on one line, so Zotero keeps
  its paragraphs and the note's line breaks), the tags are `KW` lines, `SN` the ISSN and `DA` the
  date as `YYYY/MM/DD/` (with the season after the last slash).
- BibTeX: one entry per source, with `key` for a work without an author (BibTeX styles sort and
  label by it; an anonymous article is a @misc, which every style formats without an author), and
  all its bookmarks in one `note` field: Zotero turns `note` and `annote` into a note each and
  collapses their line breaks, so the file keeps them but Zotero shows one paragraph. Zotero also
  splits `keywords` at commas, so a tag with a comma arrives as two there (RIS and RDF keep it).
- CSL-JSON: one item per source (valid against the CSL-JSON schema); the bookmarks go in `note`
  (Zotero puts it in the item's Extra field) and, for our own round trips, in
  `custom.gulagreader` — Zotero drops `custom` and `keyword`.
- Zotero RDF: Zotero's native format, with one child note per bookmark and the tags as tags.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from gulagreader import __version__
from gulagreader.core.bookmarks.model import now
from gulagreader.core.citations.reference import SEASONS, csl_item, csl_type, date_of_issue, family_given, page_range
from gulagreader.core.model import Source

if TYPE_CHECKING:
    from gulagreader.core.bookmarks.exports import ExportItem

NOTE_MARK = "GulagReader bookmark"  # the last line of every note: how `imports` knows our notes


def by_source(items: list[ExportItem]) -> Iterator[tuple[Source, list[ExportItem]]]:
    """The items grouped by source, sources in the order they first appear."""
    groups: dict[str, list[ExportItem]] = {}
    for it in items:
        groups.setdefault(it.source.id, []).append(it)
    for group in groups.values():
        yield group[0].source, group


def item_tags(group: list[ExportItem]) -> list[str]:
    """The tags of a source's bookmarks, each once, in order."""
    seen: dict[str, str] = {}
    for it in group:
        for tag in it.bookmark.tags:
            seen.setdefault(tag.casefold(), tag)
    return list(seen.values())


def note_lines(it: ExportItem) -> list[tuple[str, str]]:
    """A bookmark as a note: (kind, text) rows — the quote, the note (its lines kept), the tags,
    events and content note, the locator, and our mark with the passage and bookmark ids."""
    b = it.bookmark
    rows = [("quote", b.quote.exact)]
    if b.note:
        rows.append(("note", b.note))
    if b.tags:
        rows.append(("fact", "Tags: " + "; ".join(b.tags)))
    if it.events:
        rows.append(("fact", "Events: " + "; ".join(it.events)))
    if it.content_note:
        rows.append(("fact", f"Content note (our edition): {it.content_note}"))
    rows.append(("fact", f"Cite: {it.citation.text}"))
    rows.append(("mark", f"{NOTE_MARK} {b.id} · passage {b.passage_id} · {it.locator} · {b.created} · {b.updated}"))
    return rows


def note_html(it: ExportItem) -> str:
    """The note as HTML: the quote a block quote, the note's line breaks kept as <br/>."""
    out = []
    for kind, text in note_lines(it):
        body = html.escape(text, quote=False)
        if kind == "quote":
            out.append("<blockquote><p>" + body.replace("\n", "<br/>") + "</p></blockquote>")
        else:
            out.append("<p>" + body.replace("\n\n", "</p><p>").replace("\n", "<br/>") + "</p>")
    return "".join(out)


def note_text(it: ExportItem) -> str:
    """The note as plain text: the quote as a Markdown block quote, the note's lines as written."""
    out = []
    for kind, text in note_lines(it):
        out.append("\n".join(f"> {line}" if line else ">" for line in text.splitlines()) if kind == "quote" else text)
    return "\n\n".join(out)


# --- CSL-JSON ---


def to_csl_json(items: list[ExportItem]) -> str:
    out = []
    for source, group in by_source(items):
        item = csl_item(source)
        if "season" in item.get("issued", {}):  # by name: Zotero prints a season number as a month
            season = item["issued"]["season"]
            item["issued"]["season"] = next(k for k, v in SEASONS.items() if v == season).capitalize()
        tags = item_tags(group)
        if tags:
            item["keyword"] = ", ".join(tags)
        item["note"] = "\n\n----\n\n".join(note_text(it) for it in group)
        item["custom"] = {"gulagreader": {"bookmarks": [bookmark_record(it) for it in group]}}
        out.append(item)
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"


def bookmark_record(it: ExportItem) -> dict[str, Any]:
    """The bookmark's record, with its content note and locator: what our own import reads back."""
    return {**it.bookmark.record(), "content_note": it.content_note, "locator": str(it.locator)}


# --- RIS ---

_RIS_TYPES = {"post-weblog": "BLOG", "webpage": "ELEC", "article-journal": "JOUR", "document": "GEN"}


def ris_date(source: Source) -> str:
    """RIS `DA`: YYYY/MM/DD/ with empty parts kept, and a season after the last slash."""
    parts, season = date_of_issue(source)
    if season:
        return f"{parts[0]}///{season.capitalize()}"
    return "/".join((*parts, "", "")[:3]) + "/" if parts else ""


def _ris_name(name: dict[str, str]) -> str:
    family, given = family_given(name)
    return f"{family}, {given}" if given else family


def to_ris(items: list[ExportItem]) -> str:
    out: list[str] = []
    for source, group in by_source(items):
        item = csl_item(source)
        lines = [("TY", _RIS_TYPES[csl_type(source)]), ("ID", source.id)]
        lines += [("AU", _ris_name(a)) for a in item.get("author", [])]
        lines.append(("TI", source.title))
        for tag, key in (("T2", "container-title"), ("VL", "volume"), ("IS", "issue"), ("SN", "ISSN"), ("UR", "URL")):
            if key in item:
                lines.append((tag, str(item[key])))
        if "issued" in item:
            lines.append(("PY", str(item["issued"]["date-parts"][0][0])))
            lines.append(("DA", ris_date(source)))
        if source.pages:
            first, last = page_range(source)
            lines += [("SP", first)] + ([("EP", last)] if last else [])
        if source.language:
            lines.append(("LA", source.language))
        lines += [("KW", tag) for tag in item_tags(group)]
        lines += [("N1", note_html(it)) for it in group]  # one line each: HTML, so Zotero keeps it whole
        out += [f"{tag}  - {' '.join(value.split())}" for tag, value in lines]
        out += ["ER  - ", ""]
    return "\r\n".join(out)


# --- BibTeX ---

_BIB_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip


def bib_escape(text: str) -> str:
    return "".join(_BIB_ESCAPES.get(c, c) for c in text)


def _bib_name(name: dict[str, str]) -> str:
    family, given = family_given(name)
    if not given:
        return "{" + bib_escape(family) + "}"  # braces: a name BibTeX must not take apart
    return bib_escape(f"{family}, {given}")


def bib_key(source: Source) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", source.id) or "source"


def to_bibtex(items: list[ExportItem]) -> str:
    out = [f"% GulagReader {__version__} bookmarks, exported {now()[:10]}\n"]
    for source, group in by_source(items):
        item = csl_item(source)
        fields: list[tuple[str, str]] = []
        if "author" in item:
            fields.append(("author", " and ".join(_bib_name(a) for a in item["author"])))
        else:  # BibTeX styles sort and label an anonymous work by its key
            fields.append(("key", bib_escape(source.title)))
        fields.append(("title", "{" + bib_escape(source.title) + "}"))
        # An anonymous article is a @misc: the styles' @article requires an author (pybtex's plain
        # fails without one), and @misc prints where it appeared from `howpublished`.
        kind = "article" if source.container_title and "author" in item else "misc"
        if source.container_title:
            fields.append(("journal", bib_escape(source.container_title)))
            if kind == "misc":
                issue = ", ".join(
                    f"{label} {item[key]}" for label, key in (("vol.", "volume"), ("no.", "issue")) if key in item
                )
                fields.append(("howpublished", bib_escape(", ".join(p for p in (source.container_title, issue) if p))))
        for theirs, key in (("volume", "volume"), ("number", "issue"), ("issn", "ISSN"), ("url", "URL")):
            if key in item:
                fields.append((theirs, bib_escape(str(item[key]))))
        if "issued" in item:
            date = item["issued"]
            fields.append(("year", str(date["date-parts"][0][0])))
            if len(date["date-parts"][0]) > 1:
                fields.append(("month", str(date["date-parts"][0][1])))
        if source.pages:
            fields.append(("pages", "--".join(p for p in page_range(source) if p)))
        if source.language:
            fields.append(("language", source.language))
        tags = item_tags(group)
        if tags:
            fields.append(("keywords", bib_escape("; ".join(tags))))
        fields.append(("note", bib_escape("\n\n----\n\n".join(note_text(it) for it in group))))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        out.append(f"@{kind}{{{bib_key(source)},\n{body}\n}}\n")
    return "\n".join(out)


# --- Zotero RDF ---

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "z": "http://www.zotero.org/namespaces/export#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "bib": "http://purl.org/net/biblio#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prism": "http://prismstandard.org/namespaces/1.2/basic/",
}
_Z_TYPES = {
    "post-weblog": ("blogPost", "Document"),
    "webpage": ("webpage", "Document"),
    "article-journal": ("journalArticle", "Article"),
    "document": ("document", "Document"),
}


def _q(name: str) -> str:
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def _sub(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(name), {_q(k.replace("_", ":", 1)): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def to_zotero_rdf(items: list[ExportItem]) -> str:
    for prefix, uri in NS.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(_q("rdf:RDF"))
    for n, (source, group) in enumerate(by_source(items), 1):
        item = csl_item(source)
        ztype, rdf_class = _Z_TYPES[csl_type(source)]
        about = f"#item_{n}"
        record = _sub(root, f"bib:{rdf_class}", rdf_about=about)
        _sub(record, "z:itemType", ztype)
        if source.container_title:
            journal_id = f"urn:issn:{source.issn}" if source.issn else f"#journal_{n}"
            _sub(record, "dcterms:isPartOf", rdf_resource=journal_id)
        if "author" in item:
            seq = _sub(_sub(record, "bib:authors"), "rdf:Seq")
            for name in item["author"]:
                person = _sub(_sub(seq, "rdf:li"), "foaf:Person")
                family, given = family_given(name)
                _sub(person, "foaf:surname", family)
                if given:
                    _sub(person, "foaf:givenName", given)
        for i, _it in enumerate(group):
            _sub(record, "dcterms:isReferencedBy", rdf_resource=f"#item_{n}_note_{i}")
        for tag in item_tags(group):
            _sub(record, "dc:subject", tag)
        _sub(record, "dc:title", source.title)
        if "issued" in item:
            _sub(record, "dc:date", ris_date(source).rstrip("/").replace("///", " ").replace("/", "-"))
        if source.pages:
            _sub(record, "bib:pages", "-".join(p for p in page_range(source) if p))
        if source.language:
            _sub(record, "z:language", source.language)
        if source.url:
            identifier = _sub(_sub(record, "dc:identifier"), "dcterms:URI")
            _sub(identifier, "rdf:value", source.url)
        if source.container_title:
            journal = _sub(root, "bib:Journal", rdf_about=journal_id)
            for name, key in (("prism:volume", "volume"), ("prism:number", "issue")):
                if key in item:
                    _sub(journal, name, str(item[key]))
            _sub(journal, "dc:title", source.container_title)
            if source.issn:
                _sub(journal, "dc:identifier", f"ISSN {source.issn}")
        for i, it in enumerate(group):
            memo = _sub(root, "bib:Memo", rdf_about=f"#item_{n}_note_{i}")
            _sub(memo, "rdf:value", note_html(it))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
