"""`gulagreader search QUERY`: the passages that match, best first, as text or JSON."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from gulagreader.commands.output import print_json, print_notice
from gulagreader.core.errors import NotFound

NAME = "search"


def register(subparsers: Any) -> None:
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
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--exact", action="store_true", help="exact spelling: no near spellings for a word with no match"
    )
    parser.add_argument("query", nargs="+", help="the query (see below)")


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
