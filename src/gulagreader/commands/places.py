"""`gulagreader places`: every place and camp with its coordinates, accuracy, reference, passages and events."""

from __future__ import annotations

import argparse
from typing import Any

NAME = "places"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="list the places and camps: where they are (our coordinates), passages and events naming them",
        description=(
            "Every place and camp of the gazetteer, the most named first. Coordinates, accuracy and "
            "reference are the editors' (corpus/places.toml); 'unlocatable' says why no point is given."
        ),
    )
    parser.add_argument("--json", action="store_true", help="print one JSON array")


def run(args: argparse.Namespace) -> int:
    from gulagreader.commands.corpus import open_corpus
    from gulagreader.commands.output import print_json
    from gulagreader.core.places.service import PlaceAtlas

    places = PlaceAtlas(open_corpus(args.corpus)).places()
    if args.json:
        print_json([_json(p) for p in places])
        return 0
    if not places:
        print("This corpus has no places file (places.toml): no place is located.")
        return 0
    for p in places:
        loc = p.location
        if loc.located:
            where = f"{loc.lat:.4f}, {loc.lon:.4f} ({loc.accuracy}; {loc.ref})"
            if not p.on_map:
                where += " [beyond the map of Eurasia]"
        else:
            where = f"unlocatable: {loc.unlocatable}"
        print(f"{p.id:24} {p.name} — {where}; {len(p.passages)} passage(s), {len(p.events)} event(s)")
    return 0


def _json(p: Any) -> dict[str, Any]:
    loc = p.location
    return {
        "id": p.id,
        "name": p.name,
        "kind": p.kind,
        "lat": loc.lat,
        "lon": loc.lon,
        "accuracy": loc.accuracy or None,
        "reference": loc.ref or None,
        "country": loc.country or None,
        "note": loc.note or None,
        "unlocatable": loc.unlocatable or None,
        "on_map": p.on_map,
        "coordinates_by": "editors" if loc.located else None,
        "passages": list(p.passages),
        "events": list(p.events),
    }
