"""`gulagreader search QUERY`: the passages that match, best first, as text or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gulagreader.commands.output import print_json, print_notice
from gulagreader.core.errors import NotFound

if TYPE_CHECKING:
    import argparse

NAME = "search"

# The switches of `search` (flag -> help); its options with a value are --limit, --sort and the
# facets' flags (see register).
SWITCHES = {
    "--json": "print one JSON object",
    "--exact": "exact spelling: no near spellings for a word with no match",
}


def register(subparsers: Any) -> None:
    import argparse

    from gulagreader.core import query_language

    parser = subparsers.add_parser(
        NAME,
        help="search the corpus",
        epilog=query_language.plain_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--limit", type=int, default=10, help="number of hits to show (default 10)")
    from gulagreader.core.search_filters import DEFAULT_ORDER, FACETS, ORDER_RECORD, RESULT_ORDERS

    for facet in FACETS:
        if facet.flag:
            parser.add_argument(facet.flag, help=facet.flag_help)
    parser.add_argument(f"--{ORDER_RECORD}", choices=list(RESULT_ORDERS), default=DEFAULT_ORDER)
    for flag, words in SWITCHES.items():
        parser.add_argument(flag, action="store_true", help=words)
    parser.add_argument("query", nargs="+", help="the query (see below)")


def plain_arguments(words: Sequence[str]) -> dict[str, Any] | None:
    """The arguments after `search` read as argparse reads them, when they are plain: options then
    the query's words, or the words then options. None for anything else (help, '--', an unknown or
    shortened option, a value argparse would refuse, a word starting with '-'), which argparse then
    reads, and refuses in its own words if need be. A search process need not load argparse
    (~5 ms with its parser); a test holds the two readings equal."""
    from gulagreader.core.search_filters import DEFAULT_ORDER, FACETS, ORDER_RECORD, RESULT_ORDERS

    valued = {f.flag: f.dest for f in FACETS if f.flag} | {"--limit": "limit", f"--{ORDER_RECORD}": ORDER_RECORD}
    found: dict[str, Any] = {dest: None for dest in valued.values()} | {"limit": 10, ORDER_RECORD: DEFAULT_ORDER}
    found |= {flag.lstrip("-"): False for flag in SWITCHES}
    query: list[str] = []
    options_after_words = False
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if not word.startswith("-"):
            if options_after_words:
                return None  # words, options, then words again
            query.append(word)
            continue
        options_after_words = bool(query)
        flag, equals, value = word.partition("=")
        if flag in SWITCHES and not equals:
            found[flag.lstrip("-")] = True
            continue
        if flag not in valued:
            return None
        if not equals:
            if i == len(words):
                return None
            value = words[i]
            i += 1
        if value.startswith("-"):
            return None
        if flag == "--limit":
            try:
                found["limit"] = int(value)
            except ValueError:
                return None
        elif flag == f"--{ORDER_RECORD}" and value not in RESULT_ORDERS:
            return None
        else:
            found[valued[flag]] = value
    return {**found, "query": query} if query else None


def run(args: argparse.Namespace) -> int:
    from gulagreader.commands.corpus import open_corpus
    from gulagreader.core.search import SearchService
    from gulagreader.core.search_filters import SearchFilters

    store = open_corpus(args.corpus, bookmark_repairs=True)
    if args.limit < 1:
        print_notice("--limit must be at least 1")
        return 2
    _known_filters(store, args.source, args.event)
    filters = SearchFilters.from_flags(vars(args))
    result = SearchService(store).search(" ".join(args.query), limit=args.limit, filters=filters)
    if args.json:
        print_json(
            {
                "query": result.query,
                "total": result.total,
                "message": result.message,
                "suggestion": result.suggestion,
                "filters": list(result.filters),
                "hits": [
                    {
                        **h._asdict(),
                        "highlights": [list(s) for s in h.highlights],
                        "also_in": [a._asdict() for a in h.also_in],
                    }
                    for h in result.hits
                ],
            }
        )
        return 0
    if result.message:
        print(f"({result.message})")
    print(f"{result.total} passage(s) match {result.query!r}.")
    if result.suggestion:
        print(f"Did you mean: {result.suggestion}")
    for hit in result.hits:
        print(f"\n[{hit.passage_id}] {hit.source_title} · {hit.source_date or 'undated'}")
        print("  " + _marked(hit.snippet, hit.snippet_start, hit.highlights))
        if hit.content_note:
            print(f"  Content note: {hit.content_note}")
        if hit.also_in:
            print("  Also in: " + ", ".join(f"{a.source_title} [{a.passage_id}]" for a in hit.also_in))
    return 0


def _known_filters(store: Any, source: str | None, event: str | None) -> None:
    """Refuse a --source or --event id that names nothing (it would only find nothing)."""
    if source is None and event is None:
        return  # nothing to check: a plain search does not read the library
    from gulagreader.core.library import Library

    library = Library(store)
    if source is not None and not library.has_source(source):
        raise NotFound("source", source, f"No source with id {source!r} (see 'gulagreader sources' for the ids).")
    if event is not None and event not in {e.id for e in library.events()}:
        raise NotFound("event", event, f"No event with id {event!r} (see 'gulagreader events' for the ids).")


def _marked(text: str, start: int, spans: Sequence[tuple[int, int]]) -> str:
    """The snippet with matches in **bold** markers (plain text output)."""
    from gulagreader.core.spans import mark_spans

    return mark_spans(text, [(a - start, b - start) for a, b in spans], "**", "**")
