"""The search service: our query language over the store, with highlights and collapsed reprints."""

# No postponed annotations here: a search process defines this module's named tuples (CONTRIBUTING.md, Start-up).

from _thread import allocate_lock as new_lock  # threading.Lock itself; `threading` costs a search ~1 ms
from typing import NamedTuple

from gulagreader.core import index as ix
from gulagreader.core.corpusdb import SourceLabel
from gulagreader.core.highlight import Matcher, highlights, snippet
from gulagreader.core.lexicon import Lexicon
from gulagreader.core.names.transliteration import has_cyrillic, key
from gulagreader.core.query import (
    MAX_FUZZY,
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
from gulagreader.core.search_filters import NO_FILTERS, InYears, Narrowing, OfGenre, SearchFilters
from gulagreader.core.store import Store
from gulagreader.core.text import fold, folded_words

_SOFT_MARKS = frozenset("'’ʼ‘`ʹʺ″′\"\u0361\u035c")  # and the tie bars of ALA-LC ('Derevi͡anko')

DEFAULT_LIMIT = 20


class AlsoIn(NamedTuple):
    """A reprint of a hit, collapsed into it."""

    passage_id: str
    source_id: str
    source_title: str


class Hit(NamedTuple):
    """One passage that matched, ready to show (a named tuple: made for each hit shown, at less than
    half the cost of a frozen dataclass)."""

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


class SearchResult(NamedTuple):
    """Hits for a query, how many passages matched, and what to tell the user."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    message: str = ""
    suggestion: str | None = None
    all_words: bool = True
    filters: tuple[str, ...] = ()


class _Plan(NamedTuple):
    """A query and its filters as the engine is asked them, and what the answer needs beside."""

    text: str  # as searched (`sound`)
    parsed: ParsedQuery
    done: SearchResult | None = None  # the answer, when the engine need not be asked
    strict: ix.Prepared | None = None  # every word (None: the engine need not be asked)
    loose: ix.Prepared | None = None  # some of the words, for a query of several
    near: tuple[str, ...] = ()  # the words with no exact match that find their near spellings
    whole: tuple[str, ...] = ()  # the names the whole query is a form of
    by_order: bool = False
    matcher: Matcher = Matcher()
    filters: tuple[str, ...] = ()  # the query's own filters, described


class _Spellings(NamedTuple):
    """A name's spellings as folded words (to highlight them), and what tells its first names."""

    person: bool
    spellings: tuple[tuple[str, ...], ...]
    first_names: frozenset[str]  # a person's first name alone ('Kuzma' of 'Kozma N. Derevianko') is not them

    @classmethod
    def of(cls, kind: str, spellings: tuple[str, ...], variants: tuple[str, ...]) -> "_Spellings":
        forms = [tuple(folded_words(s)) for s in (*spellings, *variants)]
        first = {f[0] for f in forms if len(f) > 1} - {f[-1] for f in forms if len(f) > 1}
        return cls(kind == "person", tuple(tuple(folded_words(s)) for s in spellings), frozenset(first))


class SearchService:
    """Search the open store. Cheap to call on every keystroke.

    Safe to call from several threads at once (the reader's worker and its GUI thread): what it
    reads from the store once (the word lists, the genres) and what it
    remembers of earlier searches (names, sources) is kept in caches guarded by one lock (the
    lexicon has its own), never held while the engine or the database works; a cache two threads
    fill at once is filled alike by both.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._hidden = sorted(store.hidden_sources)  # sources the site hides are never found
        self._lock = new_lock()  # guards every cache below
        self._sources: dict[str, SourceLabel] = {}  # those of hits so far: a large corpus has thousands
        self._lexicon: Lexicon | None = None
        self._spellings: dict[str, _Spellings] = {}  # of the names found so far, by id
        self._name_keys: dict[tuple[str, bool], tuple[tuple[str, ...], bool]] = {}
        self._genres: dict[str, list[str]] | None = None  # genre (casefolded) -> its sources' ids, at first use
        self._plans: dict[tuple[str, SearchFilters], _Plan] = {}  # of the latest queries, by text and filters
        self._suggestions: dict[str, str | None] = {}  # 'did you mean', by query text

    def _sources_of_genre(self, genre: str) -> list[str]:
        """The ids of the sources of `genre` (casefolded); read once, not on every keystroke."""
        with self._lock:
            known = self._genres
        if known is None:
            known = {}
            for source_id, _, source_genre in self._store.db.source_titles():
                known.setdefault(source_genre.casefold(), []).append(source_id)
            with self._lock:
                self._genres = known
        return known.get(genre, [])

    @property
    def lexicon(self) -> Lexicon:
        """The word lists' look-ups, made once (at the first search, or by the reader's warm-up)."""
        with self._lock:
            lexicon = self._lexicon
        if lexicon is None:
            db = self._store.db
            aliases = db.name_aliases()  # computed by the build: None only in a database without them
            made = Lexicon(db.names() if aliases is None else (), db, aliases)
            with self._lock:
                lexicon = self._lexicon = self._lexicon or made  # made twice at worst: the first is kept
        return lexicon

    def search(self, text: str, limit: int = DEFAULT_LIMIT, filters: SearchFilters = NO_FILTERS) -> SearchResult:
        """Run `text` (our query language); never raises on a malformed query.

        `filters` narrow it further (source, event, genre of the source, years as `year:`) and order it.
        Unless they ask for exact spelling, a word with no exact match (of 5 letters or more) finds its
        near spellings.
        """
        plan = self._plan(text, filters)
        strict = plan.strict
        if strict is None:  # answered without the engine
            return plan.done or SearchResult(plan.text, 0, ())
        limit = max(1, min(limit, 1000))
        loose = plan.loose  # for a query of several words: a looser search may follow
        fetch = limit + 5  # reprints collapse, so fetch a little more than shown
        # ...but only those that can be shown (all of them when fewer match, as a looser search may follow)
        hits, total = self._store.index.search(strict, fetch, plan.by_order, body_first=True, shown=limit)
        all_words = True
        messages = list(plan.parsed.messages)  # a copy: the plan is kept
        if loose is not None and total < fetch:  # fewer passages have all the words than are fetched
            more, total = self._store.index.search(loose, fetch, plan.by_order, body_first=True)
            seen = {h.id for h in hits}
            extra = [h for h in more if h.id not in seen]
            all_words = not extra
            if not hits and extra:
                messages.append("No passage has all the words; showing passages with some of them.")
            hits = _body_first(hits, plan.by_order) + _body_first(extra, plan.by_order)
        else:
            hits = _body_first(hits, plan.by_order)
        result_hits = self._collapse(hits, plan.matcher, limit)
        if plan.near:
            words = ", ".join(f"'{w}'" for w in plan.near)
            messages.append(
                f"No exact match for {words}; showing near spellings (turn on exact spelling to stop this)."
            )
        suggestion = None if result_hits and not plan.near else self._suggestion(plan.text, plan.parsed)
        return SearchResult(
            plan.text, total, tuple(result_hits), " ".join(messages), suggestion, all_words, plan.filters
        )

    def forget_queries(self) -> None:
        """Forget the plans and suggestions kept for the latest queries (the words' look-ups stay):
        the next search of any text is worked out afresh, as for a query typed for the first time
        (the benchmarks ask each query so, or they would time the kept plan)."""
        with self._lock:
            self._plans.clear()
            self._suggestions.clear()

    def _plan(self, text: str, filters: SearchFilters) -> _Plan:
        """What `text` and `filters` come to before the engine is asked: kept for the next time the
        same query is asked (the store does not change while it is open)."""
        key = (text, filters)
        with self._lock:
            plan = self._plans.get(key)
        if plan is None:
            plan = self._make_plan(text, filters)
            with self._lock:
                if len(self._plans) > 256:
                    self._plans.clear()
                self._plans[key] = plan
        return plan

    def _make_plan(self, text: str, filters: SearchFilters) -> _Plan:
        text = sound(text)
        parsed = parse(text)
        plan = _Plan(text, parsed)
        narrow: list[ix.Q] = [self._filter(f) for f in parsed.filters]
        for narrowing in filters.narrowings():
            found = self._narrowing(narrowing)
            if isinstance(found, str):  # it can find nothing: a genre no source has
                return plan._replace(done=SearchResult(query=text, total=0, hits=(), message=found))
            narrow.append(found)
        if parsed.is_empty and not narrow:
            return plan._replace(done=SearchResult(query=text, total=0, hits=(), message=" ".join(parsed.messages)))
        if self._hidden:
            narrow.append(ix.AllOf((ix.Everything(),), tuple(ix.FieldQ("source", h) for h in self._hidden)))
        whole = self._whole_name(text, parsed)
        near = () if filters.exact or whole else self._near_words(parsed.root)
        strict = self._node(parsed.root, strict=True, near=near)
        if whole:  # the whole query is a form of a name: 'Special Camp No. 6', 'Sikorski-Maisky'
            strict = ix.AnyOf((strict, ix.Terms(names=whole)))
        loose = None
        if len(parsed.root.items) > 1 and not whole:
            loose = self._store.index.prepare(ix.AllOf((self._node(parsed.root, strict=False, near=near), *narrow)))
        return plan._replace(
            strict=self._store.index.prepare(ix.AllOf((strict, *narrow))),
            loose=loose,
            near=near,
            whole=whole,
            by_order=filters.order == "source" or not parsed.root.items,
            matcher=self._matcher(parsed.root, whole, near),
            filters=tuple(_describe(f) for f in parsed.filters),
        )

    def _suggestion(self, text: str, parsed: ParsedQuery) -> str | None:
        """`_suggest`, worked out once for each query text."""
        with self._lock:
            if text in self._suggestions:
                return self._suggestions[text]
        suggestion = self._suggest(text, parsed)
        with self._lock:
            if len(self._suggestions) > 256:
                self._suggestions.clear()
            self._suggestions[text] = suggestion
        return suggestion

    # --- building the engine query ---

    def _filter(self, f: FieldFilter | YearRange) -> ix.Q:
        if isinstance(f, YearRange):
            return ix.YearQ(f.first, f.last)
        return ix.FieldQ(f.field, f.value)

    def _narrowing(self, narrowing: Narrowing) -> ix.Q | str:
        """A filter's narrowing as an engine query, or why it can find nothing."""
        if isinstance(narrowing, InYears):
            return ix.YearQ(narrowing.first, narrowing.last)
        if isinstance(narrowing, OfGenre):
            genre = sound(narrowing.genre)
            ids = self._sources_of_genre(genre.strip().casefold())
            if not ids:
                return f"No source has the genre {genre!r}."
            return ix.AnyOf(tuple(ix.FieldQ("source", i) for i in ids))
        return ix.FieldQ(narrowing.field, sound(narrowing.value))

    def _node(self, node: Node, strict: bool, near: tuple[str, ...] = ()) -> ix.Q:
        match node:
            case Word(text=word, typed=typed):
                return self._word(word, typed, near)
            case Phrase(words=words, typed=typed):
                joined = self._joined(typed)
                names, _ = self._names_for(typed) if typed else ((), False)
                if joined:  # "Noril'sk", "Noril’sk": one word with a soft sign, as well as its parts
                    return ix.AnyOf((ix.PhraseQ(words), self._word(joined, typed)))
                if names:
                    return ix.AnyOf((ix.PhraseQ(words), ix.Terms(names=names)))
                return ix.PhraseQ(words)
            case Prefix(prefix=prefix):
                return ix.PrefixQ(prefix)
            case Fuzzy(word=word):
                return ix.FuzzyQ(word, 2 if len(word) >= 6 else 1)
            case Either(options=options):
                return ix.AnyOf(tuple(self._node(o, strict, near) for o in options))
            case Group(items=items, excluded=excluded):
                must_not = tuple(self._node(x, strict) for x in excluded)
                parts = tuple(self._node(i, strict, near) for i in items)
                if not parts:
                    return ix.AllOf((ix.Everything(),), must_not)
                if strict or len(parts) == 1:
                    return ix.AllOf(parts, must_not)
                # some of the words: an initial ('V. A. Kozlov') is not a word to find a passage by
                parts = tuple(p for i, p in zip(items, parts, strict=True) if not _initial(i)) or parts
                return ix.AnyOf(parts, must_not)
        return ix.Everything()

    # --- names: any script, any romanisation (keys derived at build time, see core.name_forms) ---

    def _word(self, word: str, typed: str, near: tuple[str, ...] = ()) -> ix.Q:
        names, clash = self._names_for(typed or word)
        if clash:  # 'Usa' (the river) typed as a name, where 'USA' is another name's acronym
            return ix.Terms(names=names)
        expanded = self.lexicon.expand(word)
        terms = ix.Terms(exact=expanded, stemmed=tuple(ix.stems(word)), names=names)
        if word in near:  # tantivy's fuzzy term query scores a constant 1: below a name's BM25
            return ix.AnyOf((terms, ix.FuzzyQ(word, _typos(word))))
        return terms

    def _near_words(self, root: Group) -> tuple[str, ...]:
        """The words with no exact match (5 letters or more) that find their near spellings: none in
        a query that asks for fuzzy or prefix matching itself, and no more than its fuzzy words may be."""
        found: list[str] = []
        stack: list[Node] = [root]
        while stack and len(found) < MAX_FUZZY:
            node = stack.pop()
            if isinstance(node, Fuzzy | Prefix):
                return ()
            if isinstance(node, Group | Either):
                stack.extend(reversed(node.items if isinstance(node, Group) else node.options))
            elif isinstance(node, Word) and self._no_match(node) and node.text not in found:
                found.append(node.text)
        return tuple(found)

    def _names_for(self, typed: str) -> tuple[tuple[str, ...], bool]:
        """The ids of the names `typed` is a form of (by transliteration key), and whether it is
        also another name's acronym typed otherwise ('Usa' and 'USA'), so it means only the names."""
        capitals = typed.isupper()
        cache_key = (typed.casefold(), capitals)
        with self._lock:
            known = self._name_keys.get(cache_key)
        if known is not None:
            return known
        found = self._store.db.names_with_key(key(typed))
        if not capitals and found and self.lexicon.frequency(fold(typed)) and not self._proper(typed):
            found = []  # an ordinary word of the texts ('opposition') is not a name query
        plain = tuple(sorted({n for n, acronym in found if not acronym}))
        if capitals:
            acronyms = tuple(sorted({n for n, acronym in found if acronym}))
            known = (acronyms or plain, False)
        else:
            known = (plain, bool(plain) and any(acronym for _, acronym in found))
        with self._lock:
            if len(self._name_keys) > 10_000:
                self._name_keys.clear()
            self._name_keys[cache_key] = known
        return known

    def _proper(self, typed: str) -> bool:
        return all(self.lexicon.is_proper(w) for w in folded_words(typed))

    @staticmethod
    def _joined(typed: str) -> str:
        """A token split only by apostrophes or soft-sign marks, as one folded word ('norilsk')."""
        if not typed or not any(c in _SOFT_MARKS for c in typed):
            return ""
        joined = folded_words("".join(c for c in typed if c not in _SOFT_MARKS))
        return joined[0] if len(joined) == 1 else ""

    def _whole_name(self, text: str, parsed: ParsedQuery) -> tuple[str, ...]:
        """The names whose form the whole query is, when it is several words ('Special Camp № 6')."""
        root = parsed.root
        if parsed.filters or root.excluded or '"' in text or not all(isinstance(i, Word | Phrase) for i in root.items):
            return ()  # a quoted phrase is exact
        if len(root.items) < 2:
            return ()
        found = self._names_for(text.strip())[0]
        words = text.split()
        if not found and len(words) == 3:  # with a patronymic: 'Iosif Vissarionovich Stalin'
            found = self._names_for(f"{words[0]} {words[2]}")[0]
        return found

    def _name_spellings(self, ids: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The folded words of each spelling the texts print for these names (to highlight them);
        not a person's first name alone ('Kuzma' of 'Kozma N. Derevianko')."""
        with self._lock:
            missing = [i for i in ids if i not in self._spellings]
        if missing:  # each name's folded spellings, worked out once
            read = {
                name_id: _Spellings.of(kind, spellings, variants)
                for name_id, (kind, spellings, variants) in self._store.db.name_spellings(missing).items()
            }
            with self._lock:
                self._spellings.update(read)
        with self._lock:
            names = [self._spellings[i] for i in ids if i in self._spellings]
        found: list[tuple[str, ...]] = []
        for name in names:
            found += name.spellings
            if name.person:
                found = [f for f in found if not (len(f) == 1 and f[0] in name.first_names)]
        return found

    def _no_match(self, word: Word) -> bool:
        """A word of 5 letters or more that neither the texts nor a name has, in any spelling."""
        if len(word.text) < 5 or has_cyrillic(word.text) or self._names_for(word.typed or word.text)[0]:
            return False
        return not self.lexicon.knows(word.text)

    def matcher_for(self, text: str, exact: bool = False) -> Matcher:
        """What `text` matches, for highlighting every match in a whole source."""
        parsed = parse(text)
        whole = self._whole_name(text, parsed)
        return self._matcher(parsed.root, whole, () if exact or whole else self._near_words(parsed.root))

    def _matcher(self, root: Group, whole: tuple[str, ...] = (), near: tuple[str, ...] = ()) -> Matcher:
        exact: set[str] = set()
        stemmed: set[str] = set()
        prefixes: list[str] = []
        fuzzy: list[tuple[str, int]] = []
        phrases: list[tuple[str, ...]] = []
        names: list[str] = list(whole)
        stack: list[Node] = [root]
        while stack:
            node = stack.pop()
            match node:
                case Word(text=word, typed=typed):
                    found, clash = self._names_for(typed or word)
                    names.extend(found)
                    if not clash:
                        exact.update(self.lexicon.expand(word))
                        stemmed.update(ix.stems(word))
                    if word in near:
                        fuzzy.append((word, _typos(word)))
                case Phrase(words=words, typed=typed):
                    if len(words) == 1:
                        exact.add(words[0])
                    else:
                        phrases.append(words)
                    if typed:
                        names.extend(self._names_for(typed)[0])
                        joined = self._joined(typed)
                        if joined:
                            exact.update(self.lexicon.expand(joined))
                case Prefix(prefix=prefix):
                    prefixes.append(prefix)
                case Fuzzy(word=word):
                    fuzzy.append((word, 2 if len(word) >= 6 else 1))
                case Either(options=options):
                    stack.extend(options)
                case Group(items=items):
                    stack.extend(items)
        for spelling in self._name_spellings(tuple(dict.fromkeys(names))):
            if len(spelling) == 1:
                exact.add(spelling[0])
            elif spelling and not exact.intersection(spelling):  # 'Oussa River' for 'Usa', not 'Juozas Pűkys'
                phrases.append(spelling)
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
        wanted = {m.source for members in shown_groups for m in members}
        with self._lock:
            missing = wanted - self._sources.keys()
            sources = {s: self._sources.get(s) for s in wanted}
        if missing:  # one query for the sources of all shown hits, never one per hit
            read = self._store.db.source_labels(sorted(missing))
            with self._lock:
                self._sources.update(read)
                sources = {s: self._sources.get(s) for s in wanted}
        shown: list[Hit] = []
        for first, *others in shown_groups:
            also = tuple(AlsoIn(m.id, m.source, _title(m.source, sources[m.source])) for m in others)
            shown.append(_hit(first, matcher, also, sources[first.source]))
        return shown

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
            key = "".join(folded_words(token))  # folded as the query was ('politinių' is 'politiniu')
            if key in replacements:
                better = replacements[key]
                if self.lexicon.is_proper(better) or token[:1].isupper():
                    better = better[:1].upper() + better[1:]
                token = _around(token, better)
            out.append(token)
        suggested = " ".join(out)
        return None if suggested.casefold() == " ".join(text.split()).casefold() else suggested


def _hit(hit: ix.IndexHit, matcher: Matcher, also: tuple[AlsoIn, ...], source: SourceLabel | None) -> Hit:
    spans = highlights(hit.text, matcher)
    text, start = snippet(hit.text, spans)
    return Hit(  # by position: a third cheaper than by name, for each hit shown
        hit.id,  # passage_id
        hit.source,  # source_id
        source.title if source else hit.source,  # source_title
        hit.kind,
        round(hit.score, 4),  # score
        hit.text,
        text,  # snippet
        start,  # snippet_start
        tuple(spans),  # highlights
        hit.events,
        hit.content_note,
        source.provenance_warning if source else "",
        also,  # also_in
        source.date if source else "",  # source_date
    )


def _title(source_id: str, source: SourceLabel | None) -> str:
    return source.title if source else source_id


def _around(token: str, word: str) -> str:
    """`word` in place of `token`'s letters, keeping its leading and trailing marks ('"Vorkta,' -> '"Vorkuta,')."""
    letters = [i for i, c in enumerate(token) if c.isalnum()]
    if not letters:
        return token
    return token[: letters[0]] + word + token[letters[-1] + 1 :]


def _initial(node: Node) -> bool:
    return isinstance(node, Word) and len(node.text) == 1


def _body_first(hits: list[ix.IndexHit], by_order: bool) -> list[ix.IndexHit]:
    """By relevance, body text before notes and bibliography entries, each in its order.

    The index already weighs the apparatus down (`ix.APPARATUS_WEIGHT`); this keeps a short note
    from standing above a long passage that tells the story, whatever their scores.
    """
    if by_order:
        return hits
    body = [h for h in hits if h.kind not in ix.APPARATUS_KINDS]
    return body + [h for h in hits if h.kind in ix.APPARATUS_KINDS]


def _typos(word: str) -> int:
    """The typos a word with no exact match tolerates: one from 5 letters, two from 9."""
    return 2 if len(word) >= 9 else 1


def _describe(f: FieldFilter | YearRange) -> str:
    if isinstance(f, YearRange):
        return f"year:{f.first}" if f.first == f.last else f"year:{f.first}..{f.last}"
    return f"{f.field}:{f.value}"
