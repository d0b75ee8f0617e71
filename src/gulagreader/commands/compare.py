"""`gulagreader compare EVENT_ID`: the accounts of one event side by side, episode by episode."""

from __future__ import annotations

import argparse
import shutil
import textwrap
from typing import Any

from gulagreader.commands.output import print_json
from gulagreader.core.compare import Column, Comparison, Reading
from gulagreader.core.figure_table import FigureRow
from gulagreader.core.model import Discrepancy
from gulagreader.core.names.table import NameUse

NAME = "compare"
LETTERS = "ABCD"
SHORT_LINES = 3  # lines of passage text shown without --full
SHOWN_CHANGES = 3  # collation changes listed per passage without --full


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="show the accounts of one event side by side, aligned by episode",
        description="Print an event's accounts episode by episode, with their figures and the names they use.",
        epilog="Event ids: 'gulagreader events'. A reprint is folded into its original's column and collated.",
    )
    parser.add_argument("event_id", metavar="EVENT_ID", help="an event id, e.g. vorkuta-1953")
    parser.add_argument(
        "--source",
        dest="compare_sources",
        action="append",
        metavar="ID",
        help="only this source's account (repeat for up to four; default: all)",
    )
    parser.add_argument("--full", action="store_true", help="print whole passages and every collation change")
    parser.add_argument("--json", action="store_true", help="print one JSON object (shape in README.md)")


def run(args: argparse.Namespace) -> int:
    from gulagreader.commands.corpus import open_corpus
    from gulagreader.core.compare import CompareService

    store = open_corpus(args.corpus)
    comparison = CompareService(store).compare(args.event_id, args.compare_sources)
    if args.json:
        print_json(comparison_json(comparison))
    else:
        width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
        print("\n".join(comparison_text(comparison, width, full=args.full)))
    return 0


# --- JSON ---


def comparison_json(c: Comparison) -> dict[str, Any]:
    """The stable JSON shape documented in README.md."""
    e = c.event
    return {
        "event": {
            "id": e.id,
            "title": e.title,
            "start": e.start,
            "end": e.end,
            "date_text": e.date_text,
            "places": list(e.places),
            "summary": e.summary,
            "kind": e.kind,
            "note": e.note,
        },
        "columns": [_column_json(col) for col in c.columns],
        "hidden": list(c.hidden),
        "rows": [
            {
                "episode_id": row.episode.id if row.episode else None,
                "title": row.title,
                "cells": [[_reading_json(r) for r in cell.readings] for cell in row.cells],
            }
            for row in c.rows
        ],
        "figures": [
            {
                "subject": f.subject,
                "what": f.what,
                "disagrees": f.disagrees,
                "discrepancy": f.discrepancy.note if f.discrepancy else None,
                "cells": [
                    [
                        {
                            "value": x.value,
                            "given_by": x.given_by,
                            "passage_id": x.passage_id,
                            "source_id": x.source_id,
                            "note": x.note,
                        }
                        for x in cell
                    ]
                    for cell in f.cells
                ],
            }
            for f in c.figures
        ],
        "discrepancies": [_discrepancy_json(d) for d in c.discrepancies],
        "names": [
            {
                "id": n.name.id,
                "canonical": n.name.canonical,
                "kind": n.name.kind,
                "disputed": n.name.disputed,
                "supplied": n.name.supplied,
                "cells": [dict(cell) for cell in n.cells],
            }
            for n in c.names
        ],
    }


def _discrepancy_json(d: Discrepancy) -> dict[str, Any]:
    return {
        "subject": d.subject,
        "what": d.what,
        "note": d.note,
        "sides": [{"says": s.says, "given_by": s.given_by, "passage_ids": list(s.passage_ids)} for s in d.sides],
    }


def _column_json(col: Column) -> dict[str, Any]:
    s = col.source
    return {
        "source_id": s.id,
        "title": s.title,
        "authors": list(s.authors),
        "date": s.date,
        "genre": s.genre,
        "publication_chain": list(s.publication_chain),
        "provenance_warning": s.provenance_warning,
        "reprints": [
            {"source_id": r.id, "title": r.title, "provenance_warning": r.provenance_warning} for r in col.reprints
        ],
        "passage_ids": list(col.passage_ids),
    }


def _reading_json(r: Reading) -> dict[str, Any]:
    p = r.passage
    out: dict[str, Any] = {"passage_id": p.id, "source_id": p.source_id, "kind": p.kind, "text": p.text}
    out["reprint"] = None
    if r.reprint is not None and r.collation is not None:
        out["reprint"] = {
            "passage_id": r.reprint.id,
            "source_id": r.reprint.source_id,
            "identical": r.collation.identical,
            "changes": [
                {
                    "kind": d.kind,
                    "original": d.original,
                    "reprint": d.reprint,
                    "original_at": list(d.original_at),
                    "reprint_at": list(d.reprint_at),
                }
                for d in r.collation.differences
            ],
        }
    return out


# --- text ---


def comparison_text(c: Comparison, width: int, full: bool = False) -> list[str]:
    """The comparison as plain text: the accounts, then each episode with every account's passages."""
    e = c.event
    out = [f"{e.title} ({e.id}) — {e.date_text or e.start or 'undated'} — {e.kind_label}"]
    out += _wrapped(e.summary, width, "", "")
    out += _wrapped(f"Our note: {e.note}" if e.note else "", width, "", "  ")
    out += ["", "Accounts:"]
    for letter, col in zip(LETTERS, c.columns, strict=False):
        out += _column_text(letter, col, width)
    if c.hidden:
        out.append(f"  Not shown (at most four columns): {', '.join(c.hidden)}; choose with --source.")
    for number, row in enumerate(c.rows, 1):
        heading = f"{number}. {row.title}" if row.episode else row.title
        out += ["", heading, "-" * min(len(heading), width)]
        for letter, col, cell in zip(LETTERS, c.columns, row.cells, strict=False):
            if cell.gap:
                out.append(f"[{letter}] — (silent on this episode)")
            for i, reading in enumerate(cell.readings):
                out += _reading_text(f"[{letter}]" if i == 0 else "   ", reading, col, width, full)
    out += ["", "Figures (! = a discrepancy the editors state):"] if c.figures else []
    for figure in c.figures:
        out += _figure_text(figure, width)
    out += ["", "Discrepancies (stated by the editors):"] if c.discrepancies else []
    for d in c.discrepancies:
        out += _discrepancy_text(d, width)
    out += ["", "Names across accounts:"] if c.names else []
    for use in c.names:
        out += _wrapped(_name_line(use), width, "  ", "      ")
    return out


def _column_text(letter: str, col: Column, width: int) -> list[str]:
    s = col.source
    authors = s.byline_authors
    out = _wrapped(
        f"[{letter}] {s.title} ({s.id}) — {authors}; {s.date or 'undated'}; {s.genre}", width, "  ", "      "
    )
    if s.publication_chain:
        out += _wrapped("Publication chain: " + " → ".join(s.publication_chain), width, "      ", "        ")
    if s.provenance_warning:
        out += _wrapped(f"Warning: {s.provenance_warning}", width, "      ", "        ")
    for reprint in col.reprints:
        out += _wrapped(
            f"Reprinted in {reprint.title} ({reprint.id}): shown in this column, collated.", width, "      ", "        "
        )
        if reprint.provenance_warning:
            out += _wrapped(f"Warning ({reprint.id}): {reprint.provenance_warning}", width, "      ", "        ")
    return out


def _reading_text(label: str, r: Reading, col: Column, width: int, full: bool) -> list[str]:
    p = r.passage
    head = f"{label} {p.id}"
    if p.source_id != col.source.id:
        head += f" (from {p.source_id})"
    elif col.reprints and r.reprint is None:
        head += " (outside the reprint)"
    lines = _wrapped(p.text, width, "      ", "      ")
    if not full and len(lines) > SHORT_LINES:
        lines = [*lines[: SHORT_LINES - 1], lines[SHORT_LINES - 1].rstrip() + " …"]
    out = [head, *lines]
    if r.reprint is not None and r.collation is not None:
        out += _wrapped(_collation_line(r, full), width, "      ", "        ")
    return out


def _collation_line(r: Reading, full: bool) -> str:
    assert r.reprint is not None and r.collation is not None
    if r.collation.identical:
        return f"= reprint {r.reprint.id}: identical"
    shown = r.collation.differences if full else r.collation.differences[:SHOWN_CHANGES]
    marks = {"inserted": "+{b}", "deleted": "-{a}", "changed": "{a} → {b}"}
    changes = "; ".join(marks[d.kind].format(a=d.original, b=d.reprint) for d in shown)
    more = len(r.collation.differences) - len(shown)
    return f"≠ reprint {r.reprint.id}: {len(r.collation.differences)} change(s): {changes}" + (" …" if more else "")


def _figure_text(f: FigureRow, width: int) -> list[str]:
    out = [f"{'!' if f.disagrees else ' '} {f.subject} — {f.what}"]
    for letter, cell in zip(LETTERS, f.cells, strict=False):
        for i, x in enumerate(cell):
            label = f"[{letter}]" if i == 0 else "   "
            out += _wrapped(f"{label} {x.value} — {x.given_by} [{x.passage_id}]", width, "    ", "          ")
            out += _wrapped(f"Our note: {x.note}" if x.note else "", width, "          ", "          ")
    if f.discrepancy:
        out += _wrapped(f"Our note: {f.discrepancy.note}", width, "    ", "      ")
    return out


def _discrepancy_text(d: Discrepancy, width: int) -> list[str]:
    out = _wrapped(f"! {d.subject}" + (f" — {d.what}" if d.what else ""), width, "", "    ")
    for side in d.sides:
        teller = f" — {side.given_by}" if side.given_by else ""
        out += _wrapped(f"• {side.says}{teller} [{', '.join(side.passage_ids)}]", width, "    ", "      ")
    out += _wrapped(f"Our note: {d.note}", width, "    ", "      ")
    return out


def _name_line(use: NameUse) -> str:
    cells = [
        f"[{letter}] " + (", ".join(f"{s} ×{n}" for s, n in cell) if cell else "—")
        for letter, cell in zip(LETTERS, use.cells, strict=False)
    ]
    return f"{use.name.canonical} ({use.name.kind}): " + "; ".join(cells)


def _wrapped(text: str, width: int, first: str, rest: str) -> list[str]:
    if not text:
        return []
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False) or [first]
