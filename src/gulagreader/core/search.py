"""The search service: our query language over the store, with highlights and collapsed reprints."""

from __future__ import annotations

from dataclasses import dataclass, field

from gulagreader.core import index as ix
from gulagreader.core.highlight import Matcher, highlights, snippet
from gulagreader.core.lexicon import Lexicon
from gulagreader.core.model import Source
from gulagreader.core.query import (
    Either,
    FieldFilter,
    Fuzzy,
    Group,
    Node,
    ParsedQuery,
    Phrase,
    Prefix,
    Word,
    YearRange,
    parse,
    sound,
)
from gulagreader.core.store import Store

DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class AlsoIn:
    """A reprint of a hit, collapsed into it."""

    passage_id: str
    source_id: str
    source_title: str


@dataclass(frozen=True)
class Hit:
    """One passage that matched, ready to show."""

    passage_id: str
    source_id: str
    source_title: str
    kind: str
    score: float
    text: str
    snippet: str
    snippet_start: int
    highlights: tuple[tuple[int, int], ...]
    events: tuple[str, ...] = ()
    content_note: str = ""
    provenance_warning: str = ""
    also_in: tuple[AlsoIn, ...] = ()
    source_date: str = ""  # the source's date as our edition gives it ('Summer 1963'; '' when undated)


@dataclass(frozen=True)
class SearchResult:
    """Hits for a query, how many passages matched, and what to tell the user."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    message: str = ""
    suggestion: str | None = None
    all_words: bool = True
    filters: tuple[str, ...] = field(default=())


class SearchService:
    """Search the open store. Cheap to call on every keystroke; safe to call from a worker thread."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._hidden = sorted(store.hidden_sources)  # sources the site hides are never found
        self._sources: dict[str, Source] = {}  # those of hits so far: a large corpus has thousands
        self._lexicon: Lexicon | None = None
        self._genres: dict[str, list[str]] | None = None  # genre (casefolded) -> its sources' ids, at first use

    def _sources_of_genre(self, genre: str) -> list[str]:
        """The ids of the sources of `genre` (casefolded); read once, not on every keystroke."""
        if self._genres is None:
            genres: dict[str, list[str]] = {}
            for source_id, _, source_genre in self._store.db.source_titles():
                genres.setdefault(source_genre.casefold(), []).append(source_id)
            self._genres = genres
        return self._genres.get(genre, [])

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = Lexicon(self._store.db.names(), self._store.db)
        return self._lexicon

    def search(
        self,
        text: str,
        limit: int = DEFAULT_LIMIT,
        source: str | None = None,
        event: str | None = None,
        sort: str = "relevance",
        genre: str | None = None,
        years: tuple[int, int] | None = None,
    ) -> SearchResult:
        """Run `text` (our query language); never raises on a malformed query.

        `source`, `event`, `genre` (of the source) and `years` (first, last; as `year:`) narrow it further.
        """
        text = sound(text)
        source, event, genre = (sound(v) if v else v for v in (source, event, genre))
        parsed = parse(text)
        limit = max(1, min(limit, 1000))
        filters: list[ix.Q] = [self._filter(f) for f in parsed.filters]
        if source:
            filters.append(ix.FieldQ("source", source.strip().lower()))
        if event:
            filters.append(ix.FieldQ("event", event.strip().lower()))
        if genre:
            wanted = genre.strip().casefold()
            ids = self._sources_of_genre(wanted)
            if not ids:
                return SearchResult(query=text, total=0, hits=(), message=f"No source has the genre {genre!r}.")
            filters.append(ix.AnyOf(tuple(ix.FieldQ("source", i) for i in ids)))
        if years:
            filters.append(ix.YearQ(min(years), max(years)))
        messages = list(parsed.messages)
        if parsed.is_empty and not filters:
            return SearchResult(query=text, total=0, hits=(), message=" ".join(messages))
        if self._hidden:
            filters.append(ix.AllOf((ix.Everything(),), tuple(ix.FieldQ("source", h) for h in self._hidden)))
        strict = self._node(parsed.root, strict=True)
        by_order = sort == "source" or not parsed.root.items
        fetch = limit + 5  # reprints collapse, so fetch a little more than shown
        hits, total = self._store.index.search(ix.AllOf((strict, *filters)), fetch, by_order)
        all_words = True
        if len(parsed.root.items) > 1 and len(hits) < fetch:
            loose = self._node(parsed.root, strict=False)
            more, total = self._store.index.search(ix.AllOf((loose, *filters)), fetch, by_order)
            seen = {h.id for h in hits}
            extra = [h for h in more if h.id not in seen]
            all_words = not extra
            if not hits and extra:
                messages.append("No passage has all the words; showing passages with some of them.")
            hits += extra
        matcher = self._matcher(parsed.root)
        result_hits = self._collapse(hits, matcher, limit)
        suggestion = None if result_hits else self._suggest(text, parsed)
        return SearchResult(
            query=text,
            total=total,
            hits=tuple(result_hits),
            message=" ".join(messages),
            suggestion=suggestion,
            all_words=all_words,
            filters=tuple(_describe(f) for f in parsed.filters),
        )

    # --- building the engine query ---

    def _filter(self, f: FieldFilter | YearRange) -> ix.Q:
        if isinstance(f, YearRange):
            return ix.YearQ(f.first, f.last)
        return ix.FieldQ(f.field, f.value)

    def _node(self, node: Node, strict: bool) -> ix.Q:
        match node:
            case Word(text=word):
                return ix.Terms(exact=self.lexicon.expand(word), stemmed=tuple(ix.stems(word)))
            case Phrase(words=words):
                return ix.PhraseQ(words)
            case Prefix(prefix=prefix):
                return ix.PrefixQ(prefix)
            case Fuzzy(word=word):
                return ix.FuzzyQ(word, 2 if len(word) >= 6 else 1)
            case Either(options=options):
                return ix.AnyOf(tuple(self._node(o, strict) for o in options))
            case Group(items=items, excluded=excluded):
                must_not = tuple(self._node(x, strict) for x in excluded)
                parts = tuple(self._node(i, strict) for i in items)
                if not parts:
                    return ix.AllOf((ix.Everything(),), must_not)
                if strict or len(parts) == 1:
                    return ix.AllOf(parts, must_not)
                return ix.AnyOf(parts, must_not)
        return ix.Everything()

    def matcher_for(self, text: str) -> Matcher:
        """What `text` matches, for highlighting every match in a whole source."""
        return self._matcher(parse(text).root)

    def _matcher(self, root: Group) -> Matcher:
        exact: set[str] = set()
        stemmed: set[str] = set()
        prefixes: list[str] = []
        fuzzy: list[tuple[str, int]] = []
        phrases: list[tuple[str, ...]] = []
        stack: list[Node] = [root]
        while stack:
            node = stack.pop()
            match node:
                case Word(text=word):
                    exact.update(self.lexicon.expand(word))
                    stemmed.update(ix.stems(word))
                case Phrase(words=words):
                    if len(words) == 1:
                        exact.add(words[0])
                    else:
                        phrases.append(words)
                case Prefix(prefix=prefix):
                    prefixes.append(prefix)
                case Fuzzy(word=word):
                    fuzzy.append((word, 2 if len(word) >= 6 else 1))
                case Either(options=options):
                    stack.extend(options)
                case Group(items=items):
                    stack.extend(items)
        return Matcher(frozenset(exact), frozenset(stemmed), tuple(prefixes), tuple(fuzzy), tuple(phrases))

    # --- shaping results ---

    def _collapse(self, hits: list[ix.IndexHit], matcher: Matcher, limit: int) -> list[Hit]:
        """One hit per text: a reprint and its original become one hit with 'also in'.

        Only the `limit` hits shown are highlighted: that is most of the cost of a search.
        """
        groups: dict[str, list[ix.IndexHit]] = {}
        for hit in hits:
            groups.setdefault(hit.reprint_of or hit.id, []).append(hit)
        shown_groups = list(groups.values())[:limit]
        missing = {m.source for members in shown_groups for m in members} - self._sources.keys()
        if missing:  # one query for the sources of all shown hits, never one per hit
            self._sources.update(self._store.db.sources_with_ids(sorted(missing)))
        shown: list[Hit] = []
        for members in shown_groups:
            first = members[0]
            also = tuple(AlsoIn(m.id, m.source, self._title(m.source)) for m in members[1:])
            shown.append(self._hit(first, matcher, also))
        return shown

    def _hit(self, hit: ix.IndexHit, matcher: Matcher, also: tuple[AlsoIn, ...]) -> Hit:
        spans = highlights(hit.text, matcher)
        text, start = snippet(hit.text, spans)
        source = self._source(hit.source)
        return Hit(
            passage_id=hit.id,
            source_id=hit.source,
            source_title=self._title(hit.source),
            kind=hit.kind,
            score=round(hit.score, 4),
            text=hit.text,
            snippet=text,
            snippet_start=start,
            highlights=tuple(spans),
            events=hit.events,
            content_note=hit.content_note,
            provenance_warning=source.provenance_warning if source else "",
            also_in=also,
            source_date=source.date if source else "",
        )

    def _title(self, source_id: str) -> str:
        source = self._source(source_id)
        return source.title if source else source_id

    def _source(self, source_id: str) -> Source | None:
        if source_id not in self._sources:
            self._sources.update(self._store.db.sources_with_ids([source_id]))
        return self._sources.get(source_id)

    def _suggest(self, text: str, parsed: ParsedQuery) -> str | None:
        """'Did you mean': the query with unknown words replaced by the closest corpus words."""
        replacements: dict[str, str] = {}
        stack: list[Node] = [parsed.root]
        while stack:
            node = stack.pop()
            if isinstance(node, Word):
                better = self.lexicon.suggest(node.text)
                if better:
                    replacements[node.text] = better
            elif isinstance(node, (Group, Either)):
                stack.extend(node.items if isinstance(node, Group) else node.options)
        if not replacements:
            return None
        out = []
        for token in text.split():
            key = "".join(c for c in token.lower() if c.isalnum())
            if key in replacements:
                better = replacements[key]
                token = token.lower().replace(key, better)
                if self.lexicon.is_proper(better) or token[:1].isupper():
                    token = token[:1].upper() + token[1:]
            out.append(token)
        return " ".join(out)


def _describe(f: FieldFilter | YearRange) -> str:
    if isinstance(f, YearRange):
        return f"year:{f.first}" if f.first == f.last else f"year:{f.first}..{f.last}"
    return f"{f.field}:{f.value}"
