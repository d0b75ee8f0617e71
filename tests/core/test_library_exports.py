"""Reference-manager exports read by independent parsers: one item per source, one note per bookmark.

jsonschema with the CSL-JSON schema, citeproc-py in the three bundled styles, bibtexparser and
pybtex's plain style, rispy, pyld expansion with the W3C context served offline, and ElementTree
over Zotero RDF.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import bibtexparser
import jsonschema
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string
from pybtex.plugin import find_plugin
from pyld import jsonld

from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.bookmarks.exports import export
from gulagreader.core.bookmarks.imports import import_file, read_bookmarks
from gulagreader.core.bookmarks.service import BookmarkService
from gulagreader.core.citations import shims as csl_shims
from gulagreader.core.errors import UserError
from gulagreader.core.library import Library
from gulagreader.core.store import Store

DATA = Path(__file__).parent.parent / "data"
CSL = Path(__file__).parent.parent.parent / "src" / "gulagreader" / "core" / "citations" / "csl"
NOTE = "First line of my note\nsecond line, kept\n\nand a paragraph {braces} 100% & $5"
SOURCES = 4  # the fixture's five bookmarks are in four sources: two in Lituanus


@pytest.fixture
def service(store: Store, tmp_path: Path) -> BookmarkService:
    service = BookmarkService(store, BookmarksDB(tmp_path / "mine.db"))
    text = Library(store).passage("isr-1963.p012").text
    start = text.index("Ciliga")
    service.add("isr-1963.p012", start, start + 16, note=NOTE, tags=["Vorkuta, 1936", "sources"])
    service.add("lituanus-2005.p021", note="Norilsk note", tags=["Norilsk"])
    service.add("lituanus-2005.p035", tags=["Norilsk", "strike"])
    service.add("goble-2018.p003", note="blog")
    service.add("russia-pictures.p042", tags=["pictures"])
    return service


def test_csl_json_is_valid_one_item_per_source_and_renders_in_three_styles(service: BookmarkService) -> None:
    data = json.loads(export(service, service.find(), "csl-json"))
    schema = json.loads((DATA / "csl-data.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert len(data) == SOURCES and len({item["id"] for item in data}) == SOURCES
    lituanus = next(item for item in data if item["id"] == "lituanus-2005")
    assert lituanus["ISSN"] == "0024-5089" and (lituanus["volume"], lituanus["issue"]) == ("51", "4")
    assert lituanus["issued"] == {"date-parts": [[2005]], "season": "Winter"}
    assert len(lituanus["custom"]["gulagreader"]["bookmarks"]) == 2
    goble = next(item for item in data if item["id"] == "goble-2018")
    assert goble["issued"] == {"date-parts": [[2018, 2, 26]]}
    isr = next(item for item in data if item["id"] == "isr-1963")
    assert "second line, kept" in isr["note"].splitlines()
    csl_shims.apply()
    for style_file in ("chicago-notes-bibliography", "apa", "modern-language-association"):
        style = CitationStylesStyle(str(CSL / f"{style_file}.csl"), validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(_without_custom(data)), formatter.plain)
        for item in data:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
        assert len(rendered) == SOURCES, style_file
        assert any("Lituanus" in r and "51" in r for r in rendered), style_file
        assert any("Goble" in r for r in rendered), style_file


def _without_custom(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in item.items() if k != "custom"} for item in data]  # citeproc-py predates `custom`


def test_ris_one_record_per_source_one_n1_per_bookmark(service: BookmarkService) -> None:
    text = export(service, service.find(), "ris")
    records = rispy.load(io.StringIO(text))
    assert len(records) == SOURCES
    by_id = {r["id"]: r for r in records}
    lituanus = by_id["lituanus-2005"]
    assert len(lituanus["notes"]) == 2  # exactly one N1 per bookmark
    assert lituanus["issn"] == "0024-5089" and lituanus["keywords"] == ["Norilsk", "strike"]
    assert lituanus["date"] == "2005///Winter"
    assert by_id["goble-2018"]["date"] == "2018/02/26/"
    isr_note = by_id["isr-1963"]["notes"][0]
    assert "<blockquote><p>Ciliga’s reports</p></blockquote>" in isr_note
    assert "First line of my note<br/>second line, kept</p><p>and a paragraph" in isr_note
    assert by_id["isr-1963"]["keywords"] == ["Vorkuta, 1936", "sources"]
    assert Counter(line[:2] for line in text.splitlines() if line.startswith("N1"))["N1"] == 5


def test_bibtex_one_entry_per_source_formats_with_pybtex_plain(service: BookmarkService) -> None:
    text = export(service, service.find(), "bibtex")
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and len(library.entries) == SOURCES
    entries = {e.key: e for e in library.entries}
    isr = entries["isr1963"]
    # signed 'M.B.': our attribution in brackets is its author (an anonymous work would get a `key`)
    assert isr.entry_type == "article" and "M.B." in isr["author"]
    anonymous = [e for e in library.entries if "author" not in e.fields_dict]
    assert all(e["key"] for e in anonymous)
    assert "second line, kept" in isr["note"].splitlines()  # the note keeps its lines in the file
    assert r"\{braces\} 100\% \& \$5" in isr["note"]
    assert entries["lituanus2005"]["issn"] == "0024-5089"
    assert entries["lituanus2005"]["note"].count("GulagReader bookmark") == 2
    assert all("annote" not in e.fields_dict for e in library.entries)
    data = parse_string(text, "bibtex")
    style = find_plugin("pybtex.style.formatting", "plain")()
    formatted = list(style.format_entries(data.entries.values()))  # raises on an entry it cannot format
    assert len(formatted) == SOURCES
    rendered = [entry.text.render_as("text") for entry in formatted]
    assert any("Lituanus" in r for r in rendered)


def test_zotero_rdf_items_notes_and_tags(service: BookmarkService) -> None:
    root = ET.fromstring(export(service, service.find(), "zotero-rdf"))
    ns = {
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "z": "http://www.zotero.org/namespaces/export#",
        "dc": "http://purl.org/dc/elements/1.1/",
        "dcterms": "http://purl.org/dc/terms/",
        "bib": "http://purl.org/net/biblio#",
    }
    items = [e for e in root if e.find("z:itemType", ns) is not None]
    assert len(items) == SOURCES
    memos = {m.get(f"{{{ns['rdf']}}}about"): m for m in root.findall("bib:Memo", ns)}
    assert len(memos) == 5
    lituanus = next(e for e in items if e.findtext("dc:title", namespaces=ns).startswith("Baltic"))
    refs = [r.get(f"{{{ns['rdf']}}}resource") for r in lituanus.findall("dcterms:isReferencedBy", ns)]
    assert len(refs) == 2 and all(r in memos for r in refs)
    assert [s.text for s in lituanus.findall("dc:subject", ns)] == ["Norilsk", "strike"]
    journal = root.find("bib:Journal", ns)
    assert journal is not None and journal.findtext("dc:identifier", namespaces=ns) == "ISSN 0024-5089"


def _offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    assert url.rstrip("/") == "http://www.w3.org/ns/anno.jsonld", url  # nothing else may be fetched
    document = json.loads((DATA / "anno.jsonld").read_text(encoding="utf-8"))
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": document}


def test_web_annotations_have_ids_and_expand(service: BookmarkService) -> None:
    data = json.loads(export(service, service.find(), "jsonld"))
    assert data["id"].startswith("urn:uuid:") and data["first"]["id"] and data["first"]["partOf"] == data["id"]
    assert all(a["id"].startswith("urn:uuid:") for a in data["first"]["items"])
    expanded = jsonld.expand(data, {"documentLoader": _offline_loader})
    [collection] = expanded
    assert collection["@type"] == ["http://www.w3.org/ns/activitystreams#OrderedCollection"]
    page = collection["http://www.w3.org/ns/activitystreams#first"][0]
    annotations = page["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    assert len(annotations) == 5
    assert all(a["@type"] == ["http://www.w3.org/ns/oa#Annotation"] for a in annotations)
    selectors = [s for a in annotations for t in a["http://www.w3.org/ns/oa#hasTarget"] for s in t.get(
        "http://www.w3.org/ns/oa#hasSelector", [])]  # fmt: skip
    assert any(s.get("http://www.w3.org/ns/oa#exact") == [{"@value": "Ciliga’s reports"}] for s in selectors)


def test_an_empty_web_annotation_export_has_no_page(service: BookmarkService) -> None:
    data = json.loads(export(service, [], "jsonld"))
    assert data["total"] == 0 and "first" not in data and data["id"]
    jsonld.expand(data, {"documentLoader": _offline_loader})


@pytest.mark.parametrize("fmt", ["csv", "csl-json", "jsonld"])
def test_round_trip_keeps_every_bookmark(service: BookmarkService, store: Store, tmp_path: Path, fmt: str) -> None:
    mine = sorted(service.find(), key=lambda b: b.id)
    theirs = BookmarkService(store, BookmarksDB(tmp_path / "theirs.db"))
    bookmarks, skipped = read_bookmarks(export(service, mine, fmt))
    assert skipped == 0
    theirs.import_bookmarks(bookmarks)
    assert sorted(theirs.find(), key=lambda b: b.id) == mine


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "zotero-rdf-notes"])
def test_reference_formats_round_trip_through_their_notes(
    service: BookmarkService, store: Store, tmp_path: Path, fmt: str
) -> None:
    mine = sorted(service.find(), key=lambda b: b.id)
    if fmt == "zotero-rdf-notes":  # what Zotero's RIS export writes of our notes: HTML, one N1 each
        root = ET.fromstring(export(service, mine, "zotero-rdf"))
        memos = [m.findtext("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}value") or "" for m in root]
        text = "TY  - JOUR\r\n" + "".join(f"N1  - {m}\r\n" for m in memos if m) + "ER  - \r\n"
        suffix = ".ris"
    else:
        text, suffix = export(service, mine, fmt), {"ris": ".ris", "bibtex": ".bib"}[fmt]
    path = tmp_path / f"back{suffix}"
    path.write_text(text, encoding="utf-8")
    theirs = BookmarkService(store, BookmarksDB(tmp_path / "theirs.db"))
    report, said = import_file(theirs, path)
    assert report.added == 5 and "5 matched, 0 moved" in said, said
    back = sorted(theirs.find(), key=lambda b: b.id)
    assert [(b.id, b.passage_id, b.quote, b.note, b.tags, b.created) for b in back] == [
        (b.id, b.passage_id, b.quote, b.note, b.tags, b.created) for b in mine
    ]
    again, _ = import_file(theirs, path)
    assert (again.added, again.unchanged) == (0, 5)


def test_hypothesis_annotations_match_by_quote_and_report(store: Store, tmp_path: Path) -> None:
    library = Library(store)
    text = library.passage("lituanus-2005.p035").text
    exact = text[20:80]
    rows = [
        {  # Hypothesis' own JSON: note in `text`, tags in `tags`, the quote in a TextQuoteSelector
            "id": "hyp-1",
            "uri": "https://example.org/lituanus",
            "text": "A Hypothesis note\nwith two lines",
            "tags": ["Norilsk, 1953"],
            "target": [{"source": "https://example.org/lituanus", "selector": [
                {"type": "TextQuoteSelector", "exact": exact, "prefix": text[:20], "suffix": text[80:100]}]}],
        },
        {"id": "hyp-2", "text": "no such words", "target": [{"selector": [
            {"type": "TextQuoteSelector", "exact": "words that are in no source at all"}]}]},
        {"id": "hyp-3", "text": "a page note without a quote", "target": [{"source": "https://example.org"}]},
    ]  # fmt: skip
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    service = BookmarkService(store, BookmarksDB(tmp_path / "mine.db"))
    _, said = import_file(service, path)
    assert "1 matched, 0 moved to another passage, 1 unmatched (kept as orphaned)" in said
    assert "1 without a quote skipped" in said
    found = {b.note: b for b in service.find()}
    assert found["A Hypothesis note\nwith two lines"].passage_id == "lituanus-2005.p035"
    assert found["A Hypothesis note\nwith two lines"].tags == ("Norilsk, 1953",)
    assert found["no such words"].status == "orphaned"  # kept, never dropped


def test_a_file_of_no_known_format_is_refused_in_one_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some words\n", encoding="utf-8")
    with pytest.raises(UserError, match="none of the formats"):
        import_file(BookmarkService(store, BookmarksDB(tmp_path / "m.db")), path)
