"""Build the bundled base map (resources/basemap/countries.json) from Natural Earth.

The source is the npm package world-atlas 2.0.2 (Natural Earth 4.1.0 Admin 0 countries, 1:50m, as
TopoJSON); Natural Earth is in the public domain, world-atlas is ISC-licensed (see
resources/basemap/README.md). Get it with the ordinary npm client and point this script at it:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_basemap.py package/countries-50m.json

Each country becomes its rings of (longitude, latitude), simplified (Douglas-Peucker, tolerance
below) and written as integers of 1/100 degree, each point as the difference from the one before:
a file any program (and the tests) can read with `json` alone. From it, the countries near Eurasia
are projected (gulagreader.core.places.projection) into one Qt painter path, stored in Qt's own
binary form (single precision, zlib) (eurasia.qpath): the map view loads it in a millisecond instead of building
35,000 points in Python (with PySide6, so run this with the project's environment).
"""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path
from typing import Any

TOLERANCE = 0.04  # degrees: about 4 km, finer than a pixel at the map's closest zoom of Eurasia
COARSE = 0.15  # degrees: the overview of the whole continent, where a pixel is 10 km or more
SCALE = 100  # points are stored in 1/100 degree
OUT = Path(__file__).resolve().parents[1] / "resources" / "basemap" / "countries.json"
QPATH = OUT.with_name("eurasia.qpath")

Point = tuple[float, float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """The TopoJSON arcs in degrees (they are quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[Point]], indexes: list[int]) -> list[Point]:
    """One ring from its arcs (a negative index ~i is arc i reversed); shared end points once."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[~index][::-1] if index < 0 else arcs[index]
        points.extend(arc[1:] if points else arc)
    return points


def unwrapped(points: list[Point]) -> list[Point]:
    """The ring without jumps across the antimeridian (Russia's ring runs on past 180° to Chukotka's tip),
    so that it encloses the same area on a flat longitude-latitude plane."""
    out: list[Point] = []
    shift = 0.0
    for i, (lon, lat) in enumerate(points):
        if i and abs(lon + shift - out[-1][0]) > 180:
            shift += 360.0 if out[-1][0] > lon + shift else -360.0
        out.append((lon + shift, lat))
    return out


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (rings have thousands of points)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = (dx * dx + dy * dy) ** 0.5
        worst, worst_at = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / length
            if d > worst:
                worst, worst_at = d, i
        if worst > tolerance and worst_at > 0:
            keep[worst_at] = True
            stack += [(first, worst_at), (worst_at, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def encoded(points: list[Point]) -> list[int]:
    """Flat [lon0, lat0, dlon1, dlat1, ...] in 1/SCALE degree."""
    out: list[int] = []
    px = py = 0
    for lon, lat in points:
        x, y = round(lon * SCALE), round(lat * SCALE)
        out += [x - px, y - py]
        px, py = x, y
    return out


# Natural Earth draws de-facto control; the map follows the borders the UN recognises. Each entry moves
# the rings of one country that contain a point to another: (from id, to id, (lon, lat)).
RECOGNISED = (("643", "804", (34.4, 45.3)),)  # Crimea (and Sevastopol): Russia -> Ukraine


def _recognised(rings: dict[str, list[list[Point]]]) -> None:
    from gulagreader.core.places.projection import ring_contains

    for from_id, to_id, (lon, lat) in RECOGNISED:
        moving = [r for r in rings[from_id] if ring_contains(r, lon, lat)]
        if len(moving) != 1:
            raise SystemExit(f"expected one ring of {from_id} around {lon}, {lat}; found {len(moving)}")
        rings[from_id].remove(moving[0])
        rings[to_id].append(moving[0])


def build(source: Path) -> dict[str, Any]:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    names: dict[str, str] = {}
    rings: dict[str, list[list[Point]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        country_id = str(geometry.get("id", "") or geometry["properties"]["name"])
        names.setdefault(country_id, geometry["properties"]["name"])  # Australia's id comes twice (Ashmore Is.)
        rings.setdefault(country_id, []).extend(unwrapped(ring(arcs, i)) for polygon in polygons for i in polygon)
    _recognised(rings)
    countries = []
    for country_id, name in names.items():
        simplified = [simplify(r, TOLERANCE) for r in rings[country_id]]
        kept = [encoded(r) for r in simplified if len(r) >= 4]
        if kept:
            countries.append({"id": country_id, "name": name, "rings": kept})
    return {
        "source": "Natural Earth 4.1.0, Admin 0 countries 1:50m (public domain), via world-atlas 2.0.2 (ISC)",
        "scale": SCALE,
        "tolerance_degrees": TOLERANCE,
        "countries": countries,
    }


def eurasia_path_bytes(countries_json: Path) -> bytes:
    """Two projected painter paths of the countries near the map's extent: one simplified further for
    the overview (COARSE degrees), then the full one; single precision, zlib-compressed."""
    from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QPointF
    from PySide6.QtGui import QPainterPath, QPolygonF

    from gulagreader.core.places.projection import EAST, NORTH, SOUTH, WEST, normal_lon, project, read_countries

    coarse, fine = QPainterPath(), QPainterPath()
    for country in read_countries(countries_json):
        for points in country.rings:
            lons = [normal_lon(lon) for lon, _ in points]
            lats = [lat for _, lat in points]
            if max(lons) < WEST - 10 or min(lons) > EAST + 10 or max(lats) < SOUTH - 10 or min(lats) > NORTH + 5:
                continue  # nowhere near the map (the Americas, Australia, Antarctica)
            if max(lons) - min(lons) > 300:
                continue
            ring = list(zip(lons, lats, strict=True))
            for path, kept in ((fine, ring), (coarse, simplify(ring, COARSE))):
                if len(kept) >= 4:
                    path.addPolygon(QPolygonF([QPointF(*project(lat, lon)) for lon, lat in kept]))
                    path.closeSubpath()
    data = QByteArray()
    stream = QDataStream(data, QIODevice.OpenModeFlag.WriteOnly)
    stream.setVersion(QDataStream.Version.Qt_6_0)
    stream.setFloatingPointPrecision(QDataStream.FloatingPointPrecision.SinglePrecision)  # metres are plenty
    stream << coarse
    stream << fine
    return zlib.compress(bytes(data), 9)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python scripts/build_basemap.py PATH/TO/world-atlas/countries-50m.json", file=sys.stderr)
        return 2
    data = build(Path(argv[0]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    points = sum(len(r) // 2 for c in data["countries"] for r in c["rings"])
    print(f"{OUT.name}: {len(data['countries'])} countries, {points} points, {OUT.stat().st_size // 1024} KiB")
    sys.path.insert(0, str(OUT.parents[2] / "src"))
    QPATH.write_bytes(eurasia_path_bytes(OUT))
    print(f"{QPATH.name}: {QPATH.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
