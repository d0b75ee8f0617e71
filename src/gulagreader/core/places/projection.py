"""The map's projection: Lambert conformal conic for Eurasia, and the bundled base map's countries.

One projection serves the map view, its tests and the CLI's "on the map" flag: a point's scene
position is `project(lat, lon)`, in units of about a kilometre, y growing southwards (as on screen).
Longitudes west of 30° W are taken east of 180° (Chukotka's tip, Alaska), where they lie on this map.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Standard parallels 45° and 70° N around the 80th meridian: Europe to the Kolyma with little distortion.
_PHI1, _PHI2, _PHI0, _LAMBDA0 = (math.radians(d) for d in (45.0, 70.0, 55.0, 80.0))
_R = 6371.0  # km
_N = math.log(math.cos(_PHI1) / math.cos(_PHI2)) / math.log(
    math.tan(math.pi / 4 + _PHI2 / 2) / math.tan(math.pi / 4 + _PHI1 / 2)
)
_F = math.cos(_PHI1) * math.tan(math.pi / 4 + _PHI1 / 2) ** _N / _N
_RHO0 = _R * _F / math.tan(math.pi / 4 + _PHI0 / 2) ** _N

# What the map shows: Eurasia from the Atlantic to the Bering Strait (degrees).
WEST, EAST, SOUTH, NORTH = -25.0, 195.0, 20.0, 84.0


def normal_lon(lon: float) -> float:
    """`lon` in [-30, 330): the map runs eastwards past 180°."""
    return lon + 360.0 if lon < -30.0 else lon


def on_map(lat: float, lon: float) -> bool:
    """Whether the point lies within the map of Eurasia."""
    return SOUTH <= lat <= NORTH and WEST <= normal_lon(lon) <= EAST


def project(lat: float, lon: float) -> tuple[float, float]:
    """Scene coordinates (km from the map's centre, y down) of a point."""
    phi = math.radians(max(min(lat, 89.5), -89.5))
    rho = _R * _F / math.tan(math.pi / 4 + phi / 2) ** _N
    theta = _N * (math.radians(normal_lon(lon)) - _LAMBDA0)
    return rho * math.sin(theta), -(_RHO0 - rho * math.cos(theta))


def scale_at(x: float, y: float) -> float:
    """The map's scale factor at scene point (x, y): scene km per true km there (1 on the standard
    parallels, a little less between them, more outside), from the inverse of `project`."""
    rho = math.copysign(math.hypot(x, _RHO0 + y), _N)
    phi = 2 * math.atan((_R * _F / rho) ** (1 / _N)) - math.pi / 2
    return _N * rho / (_R * math.cos(phi))


@dataclass(frozen=True)
class Country:
    """One country of the base map: its ISO 3166 numeric id, name and rings of (lon, lat)."""

    id: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]


def read_countries(path: Path) -> list[Country]:
    """The base map's countries (see scripts/build_basemap.py for the format)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    scale = float(data["scale"])
    countries = []
    for c in data["countries"]:
        rings = []
        for flat in c["rings"]:
            x = y = 0
            points = []
            for i in range(0, len(flat), 2):
                x += flat[i]
                y += flat[i + 1]
                points.append((x / scale, y / scale))
            rings.append(tuple(points))
        countries.append(Country(id=str(c["id"]), name=str(c["name"]), rings=tuple(rings)))
    return countries


def country_contains(country: Country, lat: float, lon: float) -> bool:
    """Whether (lat, lon) is inside one of the country's rings (even-odd rule, in degrees)."""
    return sum(ring_contains(ring, lon, lat) for ring in country.rings) % 2 == 1


def ring_contains(ring: Sequence[tuple[float, float]], lon: float, lat: float) -> bool:
    """Whether (lon, lat) is inside the ring of (lon, lat) points (even-odd rule, in degrees)."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        (xi, yi), (xj, yj) = ring[i], ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside
