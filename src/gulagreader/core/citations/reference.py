"""A source as a reference manager sees it: one CSL-JSON item, and the locator of a passage in it.

Every citation and every reference export starts from `csl_item`, which reads only the structured
fields of our edition (`Source.container_title`, `volume`, `issue`, `issn`, `url`, `issued`,
`pages`, `authors`), never the free-text publication line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gulagreader.core.model import Passage, Source

SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_UNNUMBERED = frozenset({"heading"})  # what a reader does not count as a paragraph


@dataclass(frozen=True)
class Locator:
    """Where a passage is in its source: the paragraph (¶) number, the page where the edition knows
    it, and the passage id (for round trips; never printed as the locator)."""

    paragraph: int
    passage_id: str
    page: str = ""

    @property
    def label(self) -> str:
        """The CSL locator label: the page where known, else the paragraph."""
        return "page" if self.page else "paragraph"

    @property
    def value(self) -> str:
        return self.page or str(self.paragraph)

    def __str__(self) -> str:
        return f"p. {self.page}" if self.page else f"¶ {self.paragraph}"


def locate(source: Source, passages: Sequence[Passage], passage_id: str) -> Locator:
    """The locator of `passage_id` among `passages` (all of `source`'s, in reading order).

    Paragraphs are numbered 1, 2, ... over every passage but headings, in reading order, so the
    number is the one a reader counts on the page. The page is known only when the source is a
    single page (`pages` without a range); our edition records no page breaks inside a source.
    """
    number = 0
    for passage in passages:
        if passage.kind not in _UNNUMBERED:
            number += 1
        if passage.id == passage_id:
            page = source.pages if source.pages and not re.search(r"[-–—,]", source.pages) else ""
            return Locator(max(number, 1), passage_id, page)
    return Locator(0, passage_id)


def person(name: str) -> dict[str, str]:
    """A CSL name: "Paul Goble" -> family/given; an attribution in brackets ("[L. Latkovskis]"),
    or initials alone ("M.B.") kept whole as a literal."""
    name = " ".join(name.split())
    given, _, family = name.rpartition(" ")
    if not given or name.startswith("["):
        return {"literal": name}
    return {"family": family, "given": given}


def family_given(name: dict[str, str]) -> tuple[str, str]:
    """A CSL name as (family name, given names); a literal is all family, with no given names."""
    return (name["literal"], "") if "literal" in name else (name["family"], name["given"])


def date_of_issue(source: Source) -> tuple[tuple[str, ...], str]:
    """The date of issue as the edition gives it: its parts as written ("2018", "02", "26"; as many as
    given, else the year) and the season word, if any ("1963-summer" -> ("1963",), "summer")."""
    text = source.issued or (str(source.year) if source.year else "")
    if not text:
        return (), ""
    year, _, rest = text.partition("-")
    if rest in SEASONS:
        return (year,), rest
    return tuple(text.split("-")), ""


def page_range(source: Source) -> tuple[str, str]:
    """The first and last page ("94–97" -> "94", "97"); the last is empty for a single page."""
    first, _, last = source.pages.replace("–", "-").partition("-")
    return first, last


def issued(source: Source) -> dict[str, Any] | None:
    """The CSL date of issue: date-parts as precise as the edition gives them, with the season."""
    parts, season = date_of_issue(source)
    if not parts:
        return None
    if season:
        return {"date-parts": [[int(parts[0])]], "season": SEASONS[season]}
    return {"date-parts": [[int(part) for part in parts]]}


def csl_type(source: Source) -> str:
    if source.genre == "blog/journalism":
        return "post-weblog"
    if source.genre == "web compilation":
        return "webpage"
    return "article-journal" if source.container_title else "document"


def csl_item(source: Source) -> dict[str, Any]:
    """The CSL-JSON item of `source` (its id is the source id)."""
    item: dict[str, Any] = {"id": source.id, "type": csl_type(source), "title": source.title}
    if source.authors:
        item["author"] = [person(a) for a in source.authors]
    elif source.attributed_to:  # our attribution, in brackets (the text names no author)
        item["author"] = [person(f"[{a}]") for a in source.attributed_to]
    for key, value in (
        ("container-title", source.container_title),
        ("volume", source.volume),
        ("issue", source.issue),
        ("page", source.pages),
        ("ISSN", source.issn),
        ("URL", source.url),
        ("language", source.language),
    ):
        if value:
            item[key] = value
    date = issued(source)
    if date:
        item["issued"] = date
    return item
