"""The one module that talks to tantivy: schema, analyzers, building, query translation, fetch.

Nothing tantivy-specific (Query, DocAddress, Searcher, list-valued fields) leaves this module;
callers get `IndexHit`s and plain strings.
"""

# No postponed annotations here: a search process defines this module's named tuples (CONTRIBUTING.md, Start-up).

import errno
import json
import math
import os
import re
import struct
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise, product
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import tantivy

from gulagreader.core.errors import StoreError
from gulagreader.core.text import words_as_written

STEMMED = "gr_stem"
FOLDED = "gr_fold"
PAIRED = "gr_pairs"
LONGEST_TOKEN = 80  # bytes; longer tokens are left out of the index (and would overflow a prefix regex)

# "Common grams": a phrase of these words ("of the") would have tantivy check the word positions in
# nearly every passage, so each two of them side by side are also indexed as one token ("of_the").
COMMON_WORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
        "he", "her", "his", "i", "in", "into", "is", "it", "its", "not", "of", "on", "or", "she",
        "that", "the", "their", "there", "they", "this", "to", "was", "we", "were", "which", "with", "you",
    }
)  # fmt: skip
_COMMON_AS_WRITTEN = frozenset(  # every capitalisation ("the", "The", "THE"): words need no lowering
    "".join(letters) for word in COMMON_WORDS for letters in product(*((c, c.upper()) for c in word))
)
# Notes and bibliography entries are short, so BM25's length normalisation ranks them above the body
# text that tells the story; by relevance they weigh this much of their score (see `_body_first`).
APPARATUS_KINDS = ("note", "bibliography")
APPARATUS_WEIGHT = 0.4
_SURELY_ABOVE_WEIGHT = APPARATUS_WEIGHT * 1.01  # above a weighed score's rounding in 32-bit floats
_APPARATUS, _COLLAPSIBLE = 1, 2  # a passage's marks (`PassageIndex._marks`)
_NO_PAIR = "-"  # stands for every other word, so the pairs field is as long as the `exact` field


def _analyzer(stem: bool, drop_long: bool = True) -> tantivy.TextAnalyzer:
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    if drop_long:
        builder = builder.filter(tantivy.Filter.remove_long(LONGEST_TOKEN))
    builder = builder.filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold())
    if stem:
        builder = builder.filter(tantivy.Filter.stemmer("english"))
    return builder.build()


_STEM_ANALYZER = _analyzer(stem=True)
_FOLD_ANALYZER = _analyzer(stem=False)
_EVERY_FOLDED_WORD = _analyzer(stem=False, drop_long=False)  # one token per position, long ones too


def stems(text: str) -> list[str]:
    """The stemmed, folded tokens of `text`, exactly as the index sees them."""
    return list(_STEM_ANALYZER.analyze(text))


def common_pairs(text: str, written: Sequence[str] | None = None) -> str:
    """The `pairs` field of a passage: each two adjacent common words as one token ("of_the").

    Like a phrase, a pair spans whatever lies between two words (punctuation, a line break) but not
    a word left out of the index for its length. The field has one token per token of the `exact`
    field ("-" for the others), so it has the same length for BM25 and a pair's count in a passage
    is its phrase's: the pair is scored as the phrase is. `written` is `words_as_written(text)`,
    if already at hand.
    """
    if text.isascii():  # split as tantivy splits ASCII text
        words = written if written is not None else words_as_written(text)
        length = len(words) if max(map(len, words), default=0) < LONGEST_TOKEN else len(_FOLD_ANALYZER.analyze(text))
    else:  # folded by tantivy itself ('Thé' is 'the' to the index)
        words = _EVERY_FOLDED_WORD.analyze(text)
        length = len(_FOLD_ANALYZER.analyze(text))
    common = bytes(map(_COMMON_AS_WRITTEN.__contains__, words))  # 1 for a common word: b"\1\1" is a pair
    pairs = []
    at = common.find(b"\1\1")
    while at >= 0:
        pairs.append(f"{words[at]}_{words[at + 1]}".lower())
        at = common.find(b"\1\1", at + 1)
    return " ".join(pairs) + f" {_NO_PAIR}" * (length - len(pairs))


def schema() -> tantivy.Schema:
    """The index schema: stemmed prose, folded exact words, common pairs, and filter fields."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("source", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("kind", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("event", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("reprint_of", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("content_note", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("names", stored=False, tokenizer_name="raw", index_option="freq")  # gazetteer ids
    builder.add_text_field("text", stored=True, tokenizer_name=STEMMED, index_option="position")
    builder.add_text_field("exact", stored=False, tokenizer_name=FOLDED, index_option="position")
    builder.add_text_field("author", stored=False, tokenizer_name=FOLDED, index_option="position")
    builder.add_text_field("pairs", stored=False, tokenizer_name=PAIRED, index_option="freq")
    builder.add_integer_field("year", stored=False, indexed=True, fast=True)
    builder.add_integer_field("seq", stored=True, indexed=False, fast=True)
    return builder.build()


def _register(index: tantivy.Index) -> None:
    index.register_tokenizer(STEMMED, _STEM_ANALYZER)
    index.register_tokenizer(FOLDED, _FOLD_ANALYZER)
    index.register_tokenizer(PAIRED, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())


class IndexDoc(NamedTuple):
    """What the index holds of one passage."""

    id: str
    source: str
    kind: str
    text: str
    events: Sequence[str]
    reprint_of: str
    authors: str
    years: Sequence[int]
    seq: int
    content_note: str = ""
    pairs: str | None = None  # common_pairs(text), if already made
    names: Sequence[str] = ()  # the gazetteer ids of the names its text prints, once per occurrence


def write_index(folder: Path, docs: Iterable[IndexDoc], threads: int = 1) -> int:
    """Create an index in `folder` (which must be empty) from `docs`; return the count.

    tantivy indexes in a thread of its own (up to 10,000 documents queue up), so whatever `docs`
    does after yielding its last document runs alongside the indexing, before the commit waits.
    A failed write (a full disk) is an OSError, as tantivy's own 'IO error' ValueError means one.
    """
    try:
        return _write_index(folder, docs, threads)
    except ValueError as exc:
        if "IO error" not in str(exc) and "os error" not in str(exc):
            raise
        match = re.search(r"\(os error (\d+)\)", str(exc))
        code = int(match.group(1)) if match else errno.EIO
        raise OSError(code, os.strerror(code)) from exc


def _write_index(folder: Path, docs: Iterable[IndexDoc], threads: int) -> int:
    index = tantivy.Index(schema(), path=str(folder))
    _register(index)
    writer = index.writer(heap_size=64_000_000, num_threads=threads)
    count = 0
    for doc in docs:
        fields: dict[str, object] = {
            "id": doc.id,
            "source": doc.source,
            "kind": doc.kind,
            "text": doc.text,
            "exact": doc.text,
            "pairs": common_pairs(doc.text) if doc.pairs is None else doc.pairs,
            "seq": doc.seq,
        }
        if doc.events:
            fields["event"] = list(doc.events)
        if doc.reprint_of:
            fields["reprint_of"] = doc.reprint_of
        if doc.content_note:
            fields["content_note"] = doc.content_note
        if doc.authors:
            fields["author"] = doc.authors
        if doc.years:
            fields["year"] = list(doc.years)
        if doc.names:
            fields["names"] = list(doc.names)
        writer.add_document(tantivy.Document(**fields))
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    return count


# --- queries: a tiny, engine-neutral description that only this module turns into tantivy ---


# Named tuples, not dataclasses: a search process defines them all at start (~0.07 ms each against
# ~0.3 ms for a frozen dataclass). Nothing compares or hashes them; `_build` tells them apart by type.


class Terms(NamedTuple):
    """Any of `exact` folded words, any of `stemmed` stems (in the prose field), or a passage that
    prints any of the gazetteer names `names` (by id) in a spelling of theirs."""

    exact: tuple[str, ...] = ()
    stemmed: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


class PhraseQ(NamedTuple):
    words: tuple[str, ...]


class PrefixQ(NamedTuple):
    prefix: str


class FuzzyQ(NamedTuple):
    word: str
    distance: int


class FieldQ(NamedTuple):
    field: str  # source | event | author
    value: str


class YearQ(NamedTuple):
    first: int
    last: int


class AllOf(NamedTuple):
    must: tuple["Q", ...]
    must_not: tuple["Q", ...] = ()


class AnyOf(NamedTuple):
    should: tuple["Q", ...]
    must_not: tuple["Q", ...] = ()


class Everything(NamedTuple):
    pass


Q = Terms | PhraseQ | PrefixQ | FuzzyQ | FieldQ | YearQ | AllOf | AnyOf | Everything


class Prepared(NamedTuple):
    """A query built for the engine (`PassageIndex.prepare`), to be searched as often as asked.
    What it holds is the engine's: only this module looks inside."""

    built: tantivy.Query
    known: int | None  # how many passages match, when the index's statistics tell


_Ranked = tuple[float, tantivy.DocAddress, int]  # a hit's score (or order), address and marks


class IndexHit(NamedTuple):
    """A matching passage as stored in the index (a named tuple: made for every hit fetched, and
    half the cost of a frozen dataclass to make)."""

    id: str
    source: str
    kind: str
    text: str
    events: tuple[str, ...]
    reprint_of: str
    seq: int
    score: float
    content_note: str = ""


class PassageIndex:
    """An open, verified index. Thread-safe for searching."""

    def __init__(self, folder: Path, on_damage: Callable[[], None] | None = None) -> None:
        """`on_damage` is called when damage shows only in use (so the store is rebuilt next time)."""
        self._on_damage = on_damage
        try:
            if not tantivy.Index.exists(str(folder)):
                raise StoreError(f"no search index in {folder}")
            self._index = tantivy.Index.open(str(folder))
        except (ValueError, OSError) as exc:
            raise StoreError(f"the search index cannot be opened ({_short(exc)})") from exc
        _register(self._index)
        self._schema = self._index.schema
        self._apparatus = _terms(self._schema, "kind", APPARATUS_KINDS)  # built once, not per keystroke
        self._searcher = self._index.searcher()
        self._whole = _nothing_deleted(folder)  # then a word's document frequency counts its passages
        self._marks_read: list[bytearray] | None = None  # see `_marks`

    def verify(self) -> None:
        """Fetch and search once, so damage shows now rather than mid-session.

        The first passage is fetched by its address and then looked up by its id: a search for
        everything would visit every passage to find the best one (~8 ms at a million).
        """
        try:
            if self._searcher.num_docs == 0:
                raise StoreError("the search index is empty")
            first = self._searcher.doc(tantivy.DocAddress(0, 0))
            found = self._searcher.search(tantivy.Query.term_query(self._schema, "id", first.get_first("id") or ""), 1)
            if not found.hits:
                raise StoreError("the search index does not find its own passages")
        except (ValueError, OSError) as exc:
            raise StoreError(f"the search index is damaged ({_short(exc)})") from exc

    @property
    def size(self) -> int:
        return int(self._searcher.num_docs)

    def prepare(self, query: Q) -> Prepared:
        """`query` built for the engine once (the index does not change while it is open)."""
        return Prepared(self._build(query), self._count_of_word(query))

    def search(
        self, query: Q | Prepared, limit: int, by_order: bool = False, body_first: bool = False, shown: int = 0
    ) -> tuple[list[IndexHit], int]:
        """The best `limit` hits and the total count of matching passages.

        `body_first`: by relevance, notes and bibliography entries weigh `APPARATUS_WEIGHT` of their
        score and come after the body text (each part in its order).
        `shown`: the caller shows the first `shown` hits once reprints are collapsed into their
        originals (by `reprint_of`), so when `limit` passages or more match, one that can neither be
        one of those nor collapse into one is not fetched (each passage fetched costs more than the
        search); when fewer match, all are fetched.
        """
        built, known = query if isinstance(query, Prepared) else self.prepare(query)
        try:
            if by_order:
                result = self._searcher.search(
                    built, limit, count=known is None, order_by_field="seq", order=tantivy.Order.Asc
                )
                ranked = self._marked(result.hits) if shown else [(*h, 0) for h in result.hits]
            elif body_first:
                ranked, result = self._body_first_ranked(built, limit, known is None)
            else:
                result = self._searcher.search(built, limit, count=known is None)
                ranked = self._marked(result.hits) if shown else [(*h, 0) for h in result.hits]
            hits = self._fetch(ranked, shown if len(ranked) == limit else 0)
        except (ValueError, OSError) as exc:
            if self._on_damage is None:
                raise StoreError(f"the search index is damaged ({_short(exc)})") from exc
            self._on_damage()
            raise StoreError(
                f"the search index is damaged ({_short(exc)}); it will be rebuilt at the next start"
            ) from exc
        total = known if known is not None else int(result.count)  # type: ignore[attr-defined]  # the stubs lack `count`
        return hits, total

    def _body_first_ranked(
        self, built: tantivy.Query, limit: int, count: bool
    ) -> tuple[list[_Ranked], tantivy.SearchResult]:
        """The best `limit` hits of `built` with the apparatus weighed down (see `_body_first`), body
        text first.

        The engine ranks `built` as it is, for four times `limit` hits. When no note or bibliography
        entry is among the first `limit`, or none could weigh as much as the last body text wanted,
        the body text found is the weighted query's top, in its order. Else the apparatus is ranked
        on its own, weighed (a pass over the apparatus only), and merged in as tantivy orders hits
        (the higher score, then the lower address), unless a passage after the wider hits could
        still rank among them: then the weighted query is asked.
        """
        wider = limit * 4
        result = self._searcher.search(built, wider, count=count)
        found = result.hits
        top = self._marked(found[:limit])
        if not any(m & _APPARATUS for _, _, m in top):
            return top, result  # body text only: the weighted query ranks it the same
        marked = top + self._marked(found[limit:])
        body = [h for h in marked if not h[2] & _APPARATUS][:limit]  # the best `limit` of body text found
        if len(body) == limit:
            # A note weighs its score times the weight (to a float's rounding): when the best note
            # found, and any passage after those found, would weigh less than the last body text
            # shown, no note is shown and the body text's order is the weighted query's.
            best = max(h[0] for h in marked if h[2] & _APPARATUS)
            if len(found) == wider:
                best = max(best, found[-1][0])
            if best * _SURELY_ABOVE_WEIGHT < body[-1][0]:
                return body, result
        notes = self._marked(self._searcher.search(self._weighed_apparatus(built), limit, count=False).hits)
        top = sorted(body + notes, key=itemgetter(0), reverse=True)  # stable: each part keeps its order
        if {h[0] for h in body} & {h[0] for h in notes}:  # a tie across the parts: the lower address first
            top.sort(key=lambda h: (-h[0], h[1]))  # an address orders as (segment, document)
        del top[limit:]
        if not (len(body) == limit or len(found) < wider or top[-1][0] > found[-1][0]):
            # a passage after the wider hits could rank among them
            top = self._marked(self._searcher.search(self._body_first(built), limit, count=False).hits)
        return [h for h in top if not h[2] & _APPARATUS] + [h for h in top if h[2] & _APPARATUS], result

    def _marked(self, hits: list[tuple[float, tantivy.DocAddress]]) -> list[_Ranked]:
        """Each hit with its marks (see `_marks`)."""
        marks = self._marks()
        if len(marks) == 1:  # one segment, as the store's index is written
            only, size = marks[0], len(marks[0])
            return [(score, a, only[d] if (d := a.doc) < size else 0) for score, a in hits]
        return [(score, a, m[d] if (d := a.doc) < len(m := marks[a.segment_ord]) else 0) for score, a in hits]

    def _fetch(self, ranked: list[_Ranked], shown: int) -> list[IndexHit]:
        """The stored passages of `ranked` (see `search` for `shown`)."""
        if not shown:
            return [self._hit(address, float(score)) for score, address, _ in ranked]
        hits: list[IndexHit] = []
        groups: set[str] = set()  # the originals of the hits to show so far
        for score, address, mark in ranked:
            if len(groups) >= shown and not mark & _COLLAPSIBLE:
                continue  # a text of its own, after those shown
            hit = self._hit(address, float(score))
            group = hit.reprint_of or hit.id
            if group in groups or len(groups) < shown:
                groups.add(group)
                hits.append(hit)
        return hits

    def _marks(self) -> list[bytearray]:
        """For each segment, a byte per passage: whether it is apparatus and whether it is a reprint or
        reprinted (read from the index once, at the first search that asks)."""
        marks = self._marks_read
        if marks is not None:
            return marks
        s, searcher = self._schema, self._searcher
        reprinted = searcher.terms_with_prefix("reprint_of", "")
        originals = tuple(term for term, _ in reprinted)
        marks = [bytearray() for _ in range(searcher.num_segments)]
        for flag, query, most in (
            (_APPARATUS, self._apparatus, sum(searcher.doc_freq("kind", k) for k in APPARATUS_KINDS)),
            (_COLLAPSIBLE, _terms(s, "reprint_of", originals) if originals else None, sum(n for _, n in reprinted)),
            (_COLLAPSIBLE, _terms(s, "id", originals) if originals else None, len(originals)),
        ):
            if query is None or not most:
                continue
            for _, address in searcher.search(query, most, count=False).hits:
                segment = marks[address.segment_ord]
                if address.doc >= len(segment):
                    segment.extend(bytes(address.doc + 1 - len(segment)))
                segment[address.doc] |= flag
        self._marks_read = marks  # read twice at worst, alike
        return marks

    def reprinted(self) -> frozenset[str]:
        """The ids of the passages that others reprint (from the index's word list of `reprint_of`)."""
        try:
            return frozenset(term for term, _ in self._searcher.terms_with_prefix("reprint_of", ""))
        except (ValueError, OSError) as exc:
            raise StoreError(f"the search index is damaged ({_short(exc)})") from exc

    def _body_first(self, built: tantivy.Query) -> tantivy.Query:
        """`built`, with notes and bibliography entries weighing `APPARATUS_WEIGHT` of their score.

        Two disjoint clauses (body text, apparatus), so each passage keeps exactly one score and the
        matches and their count are those of `built`.
        """
        Query, Occur = tantivy.Query, tantivy.Occur
        body = Query.boolean_query([(Occur.Must, built), (Occur.MustNot, self._apparatus)])
        return Query.boolean_query([(Occur.Should, body), (Occur.Should, self._weighed_apparatus(built))])

    def _weighed_apparatus(self, built: tantivy.Query) -> tantivy.Query:
        """The notes and bibliography entries `built` matches, weighing `APPARATUS_WEIGHT` of their
        score (tantivy weighs each word's BM25 weight, not the sum: only tantivy gives the same floats)."""
        Query, Occur = tantivy.Query, tantivy.Occur
        notes = Query.boolean_query([(Occur.Must, built), (Occur.Must, Query.const_score_query(self._apparatus, 0.0))])
        return Query.boost_query(notes, APPARATUS_WEIGHT)

    def _count_of_word(self, query: Q) -> int | None:
        """How many passages a query of one plain word matches, from the index's statistics.

        Its stem's document frequency: every passage with the word's exact form has its stem too,
        and the index is written once, so none is deleted. tantivy would otherwise count each of
        the 100,000 passages of a common word as it ranks them (a tenth of the search).
        """
        while isinstance(query, AllOf | AnyOf) and not query.must_not:
            clauses = query.must if isinstance(query, AllOf) else query.should
            if len(clauses) != 1:
                return None
            query = clauses[0]
        if not self._whole or not isinstance(query, Terms) or len(query.stemmed) != 1 or not self._plain_word(query):
            return None
        return int(self._searcher.doc_freq("text", query.stemmed[0]))

    def _hit(self, address: tantivy.DocAddress, score: float) -> IndexHit:
        doc = self._searcher.doc(address)
        field = doc.get_first
        return IndexHit(
            field("id") or "",
            field("source") or "",
            field("kind") or "",
            field("text") or "",
            tuple(doc.get_all("event")),
            field("reprint_of") or "",
            int(field("seq") or 0),
            score,
            field("content_note") or "",
        )

    def _build(self, q: Q) -> tantivy.Query:
        s = self._schema
        Query, Occur = tantivy.Query, tantivy.Occur
        match q:
            case Terms(exact=exact, stemmed=stemmed, names=names):
                parts = []
                if stemmed:
                    parts.append(_terms(s, "text", stemmed))
                if exact:
                    parts.append(_terms(s, "exact", exact))
                if names:  # beside the words, it adds passages but not score: the words rank as before
                    found = _terms(s, "names", names)
                    parts.append(Query.const_score_query(found, 0.0) if parts else found)
                if not parts:
                    return Query.empty_query()
                return parts[0] if len(parts) == 1 else Query.boolean_query([(Occur.Should, p) for p in parts])
            case PhraseQ(words=words):
                if len(words) == 1:
                    return Query.term_query(s, "exact", words[0])
                if all(w in COMMON_WORDS for w in words):
                    return self._common_phrase(words)
                return Query.phrase_query(s, "exact", list(words))
            case PrefixQ(prefix=prefix):
                if len(prefix.encode()) >= LONGEST_TOKEN:  # no indexed word is that long
                    return Query.empty_query()
                # `(?s:.)` is `.` with newlines too (no word holds one): its automaton compiles in half
                # the time of `.`, which excludes them (~0.35 ms against ~0.7 ms per query)
                return Query.regex_query(s, "exact", re.escape(prefix) + "(?s:.)*")
            case FuzzyQ(word=word, distance=distance):
                if len(word) >= LONGEST_TOKEN + distance:
                    return Query.empty_query()
                return Query.fuzzy_term_query(s, "exact", word, distance=distance, transposition_cost_one=True)
            case FieldQ(field="author", value=value):
                authors = value.split()
                if len(authors) == 1:
                    return Query.term_query(s, "author", authors[0])
                return Query.phrase_query(s, "author", list(authors))
            case FieldQ(field=field, value=value):
                return Query.term_query(s, field, value)
            case YearQ(first=first, last=last):
                # by the year's terms, not its fast column (which tantivy reads passage by passage): the
                # same passages, scored 1 either way, several times faster on a large index
                return Query.range_query(s, "year", tantivy.FieldType.Integer, first, last, use_inverted_index=True)
            case AllOf(must=(only,), must_not=()) | AnyOf(should=(only,), must_not=()):
                return self._build(only)  # the same matches and scores, without a boolean query's cost
            case AllOf(must=must, must_not=must_not):
                clauses = []
                for m in must:
                    plain = self._plain_word(m)
                    if plain is None:
                        clauses.append((Occur.Must, self._build(m)))
                    else:  # its exact form only adds to the score: it cannot match where the stem does not
                        clauses.append(
                            (Occur.Must, Query.boolean_query([(Occur.Must, plain[0]), (Occur.Should, plain[1])]))
                        )
                clauses = clauses or [(Occur.Must, Query.all_query())]
                clauses += [(Occur.MustNot, self._build(m)) for m in must_not]
                return Query.boolean_query(clauses)
            case AnyOf(should=should, must_not=must_not):
                clauses = [(Occur.Should, self._build(m)) for m in should] or [(Occur.Must, Query.all_query())]
                clauses += [(Occur.MustNot, self._build(m)) for m in must_not]
                return Query.boolean_query(clauses)
            case Everything():
                return Query.all_query()
        raise TypeError(f"unknown query node {q!r}")

    def _common_phrase(self, words: tuple[str, ...]) -> tantivy.Query:
        """A phrase of common words, by its pairs: the same matches and scores as the phrase.

        Two words are one pair: its postings instead of checking the positions of every passage
        with both words. Longer phrases check positions only where all their pairs are.
        """
        s, Query, Occur = self._schema, tantivy.Query, tantivy.Occur
        pairs = dict.fromkeys(f"{a}_{b}" for a, b in pairwise(words))
        if len(words) == 2:
            return self._scored_as_phrase(next(iter(pairs)), words)
        unscored = [(Occur.Must, Query.const_score_query(Query.term_query(s, "pairs", p), 0.0)) for p in pairs]
        return Query.boolean_query([(Occur.Must, Query.phrase_query(s, "exact", list(words))), *unscored])

    def _scored_as_phrase(self, pair: str, words: tuple[str, ...]) -> tantivy.Query:
        """The pair's term query, boosted to the phrase's BM25 weight.

        Where a pair occurs, its count and its field's length are the phrase's (see `common_pairs`);
        only the weight differs: a phrase weighs the sum of its words' idf, the pair its own idf.
        """
        searcher, Query = self._searcher, tantivy.Query
        found = searcher.doc_freq("pairs", pair)
        if not found:
            return Query.empty_query()
        documents = searcher.num_docs
        phrase_idf = 0.0
        for word in words:
            phrase_idf = _f32(phrase_idf + _idf(searcher.doc_freq("exact", word), documents))
        return Query.boost_query(Query.term_query(self._schema, "pairs", pair), phrase_idf / _idf(found, documents))

    def _plain_word(self, q: Q) -> tuple[tantivy.Query, tantivy.Query] | None:
        """For a word with no other spellings, its stemmed and its exact clause; else None.

        Every passage with the exact form has its stem too, so in an AND each word's stem can be
        required and its exact form optional beside it: the same matches and scores (to a float's
        rounding) as either-or, but tantivy then walks the rarest word's postings instead of the
        union of both fields for every word, and looks up an exact form only where its stem is.
        """
        if (
            not isinstance(q, Terms)
            or len(q.exact) != 1
            or not q.stemmed
            or q.names
            or tuple(stems(q.exact[0])) != q.stemmed
        ):
            return None
        return _terms(self._schema, "text", q.stemmed), _terms(self._schema, "exact", q.exact)


def _terms(s: tantivy.Schema, field: str, values: tuple[str, ...]) -> tantivy.Query:
    if len(values) == 1:
        return tantivy.Query.term_query(s, field, values[0])
    if len(values) <= 16:  # scored like words; a term set would score every match the same
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(s, field, v)) for v in values]
        )
    return tantivy.Query.term_set_query(s, field, list(values))


def _nothing_deleted(folder: Path) -> bool:
    """Whether no segment of the index has deleted documents (tantivy's `meta.json` says)."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return not any(segment.get("deletes") for segment in meta["segments"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def _idf(doc_freq: int, documents: int) -> float:
    """tantivy's BM25 idf, in 32-bit floats as tantivy reckons it (the idf of 'the' is ~0.005)."""
    ratio = _f32(_f32(documents - doc_freq + 0.5) / _f32(doc_freq + 0.5))
    return _f32(math.log(_f32(1 + ratio)))


def _f32(value: float) -> float:
    return float(struct.unpack("f", struct.pack("f", value))[0])


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__


def engine_version() -> str:
    """The version of tantivy-py in use (for `gulagreader doctor`)."""
    from importlib import metadata

    try:
        return metadata.version("tantivy")
    except metadata.PackageNotFoundError:  # a frozen bundle keeps no package metadata: ask the module
        said = str(getattr(tantivy, "__version__", "unknown"))  # e.g. "tantivy v0.27.0, index_format v7"
        found = re.search(r"v(\d+\.\d+\.\d+)", said)
        return found.group(1) if found else said
