"""Read places.toml: where each place and camp of the gazetteer is (our coordinates), or why it can't be placed.

The file is optional (a corpus without it has no map); where it exists, every place and camp of
the gazetteer should have an entry, located or explicitly unlocatable.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gulagreader.core.catalog_files import _entries, _load, _text
from gulagreader.core.errors import Finding
from gulagreader.core.model import Location, Name, Passage
from gulagreader.core.names.table import NameFinder

ACCURACIES = ("exact", "approximate", "region")
MAPPED_KINDS = frozenset({"place", "camp"})


def read_places(path: Path, names: Iterable[Name], out: list[Finding]) -> list[Location]:
    """The entries of `path` (none if it is missing), with a finding for each bad or missing one."""
    if not path.exists():
        return []
    data, lines = _load(path, out)
    wanted = {n.id: n for n in names if n.kind in MAPPED_KINDS}
    known_ids = {n.id for n in names}
    found: list[Location] = []
    seen: set[str] = set()
    for line, entry in _entries(data, "place", lines):
        location = _location(entry, path.name, line, out)
        if location is None:
            continue
        if location.id in seen:
            out.append(Finding(path.name, line, f"duplicate place {location.id!r}"))
            continue
        if location.id not in known_ids:
            out.append(Finding(path.name, line, f"place {location.id!r} not in names.toml"))
            continue
        if location.id not in wanted:
            out.append(Finding(path.name, line, f"{location.id!r} is not a place or camp in names.toml"))
            continue
        seen.add(location.id)
        found.append(location)
    for name_id in wanted.keys() - seen:
        out.append(Finding(path.name, 0, f"place {name_id!r} is neither located nor marked unlocatable", "warning"))
    return found


def _location(entry: dict[str, Any], file: str, line: int, out: list[Finding]) -> Location | None:
    place_id = _text(entry.get("id"))
    if not place_id:
        out.append(Finding(file, line, "place entry without an id"))
        return None
    unlocatable = _text(entry.get("unlocatable"))
    lat, lon = entry.get("lat"), entry.get("lon")
    if unlocatable:
        if lat is not None or lon is not None:
            out.append(Finding(file, line, f"place {place_id!r} has coordinates and is marked unlocatable"))
            return None
        return Location(id=place_id, unlocatable=unlocatable)
    if not (isinstance(lat, int | float) and isinstance(lon, int | float)) or not (_number(lat) and _number(lon)):
        out.append(Finding(file, line, f"place {place_id!r}: lat and lon must be degrees (or say 'unlocatable')"))
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        out.append(Finding(file, line, f"place {place_id!r}: lat and lon must be degrees (or say 'unlocatable')"))
        return None
    accuracy = _text(entry.get("accuracy")) or "exact"
    if accuracy not in ACCURACIES:
        out.append(Finding(file, line, f"place {place_id!r}: accuracy must be one of {', '.join(ACCURACIES)}"))
        return None
    note = _text(entry.get("note"))
    if accuracy != "exact" and not note:
        out.append(Finding(file, line, f"place {place_id!r}: an {accuracy} location needs a note", "warning"))
    return Location(
        id=place_id,
        lat=float(lat),
        lon=float(lon),
        accuracy=accuracy,
        ref=_text(entry.get("ref")),
        country=_text(entry.get("country")),
        note=note,
    )


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


class MentionFinder:
    """Finds the places and camps each passage names."""

    def __init__(self, names: Iterable[Name]) -> None:
        self._finder = NameFinder(n for n in names if n.kind in MAPPED_KINDS)

    def mentions(self, passages: Iterable[Passage]) -> list[tuple[str, str]]:
        """(place or camp id, passage id) for each passage that names a place or camp, in passage order."""
        found: list[tuple[str, str]] = []
        for passage in passages:
            ids = dict.fromkeys(name_id for name_id, _ in self._finder.occurrences(passage.text))
            found.extend((name_id, passage.id) for name_id in ids)
        return found
