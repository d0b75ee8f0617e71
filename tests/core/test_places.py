"""The places and camps of the real gazetteer: each located (within its country) or said to be unlocatable."""

from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path

import pytest

from gulagreader.core import paths
from gulagreader.core.errors import Finding
from gulagreader.core.places.file import read_places
from gulagreader.core.places.projection import Country, country_contains, on_map, project, read_countries
from gulagreader.core.places.service import PlaceAtlas
from gulagreader.core.store import Store
from gulagreader.core.text import fold

CORPUS = paths.bundled_corpus()

# ISO 3166-1 alpha-2 (places.toml) -> numeric (Natural Earth / world-atlas ids), written out here
# independently of the data.
ISO_NUMERIC = {
    "AM": "051", "AR": "032", "AU": "036", "BY": "112", "CA": "124", "CH": "756", "CN": "156", "DE": "276",
    "EE": "233", "FR": "250", "GB": "826", "GE": "268", "HU": "348", "IN": "356", "IR": "364", "IT": "380",
    "JP": "392", "KZ": "398", "LT": "440", "LV": "428", "PL": "616", "RU": "643", "SE": "752", "TR": "792",
    "UA": "804", "US": "840", "UZ": "860",
}  # fmt: skip
NEAR_KM = 15.0  # a coastal town may lie just outside a 1:50m coastline


@pytest.fixture(scope="module")
def countries() -> dict[str, Country]:
    return {c.id: c for c in read_countries(paths.basemap_file())}


def _gazetteer_places() -> dict[str, str]:
    data = tomllib.loads((CORPUS / "names.toml").read_text(encoding="utf-8"))
    return {n["id"]: n["kind"] for n in data["name"] if n["kind"] in ("place", "camp")}


def test_every_place_and_camp_is_located_or_unlocatable() -> None:
    findings: list[Finding] = []
    from gulagreader.core.catalog_files import read_names

    names, _ = read_names(CORPUS / "names.toml", findings)
    locations = {loc.id: loc for loc in read_places(CORPUS / "places.toml", names, findings)}
    assert [f for f in findings if "places.toml" in f.path] == []
    assert set(locations) == set(_gazetteer_places())
    for loc in locations.values():
        assert loc.located != bool(loc.unlocatable), loc.id
        if loc.located:
            assert loc.ref and loc.country, loc.id
            if loc.accuracy != "exact":
                assert loc.note, f"{loc.id}: an {loc.accuracy} location says what its point stands for"


def _distance_to_country_km(country: Country, lat: float, lon: float) -> float:
    """Rough distance from a point to the nearest vertex of the country's rings."""
    best = math.inf
    for ring in country.rings:
        for x, y in ring:
            dx = (x - lon) * math.cos(math.radians(lat)) * 111.2
            dy = (y - lat) * 111.2
            best = min(best, math.hypot(dx, dy))
    return best


def test_coordinates_lie_within_their_country(countries: dict[str, Country]) -> None:
    data = tomllib.loads((CORPUS / "places.toml").read_text(encoding="utf-8"))
    wrong = []
    for entry in data["place"]:
        if "lat" not in entry:
            continue
        country = countries[ISO_NUMERIC[entry["country"]]]
        lat, lon = entry["lat"], entry["lon"]
        if not country_contains(country, lat, lon) and _distance_to_country_km(country, lat, lon) > NEAR_KM:
            wrong.append(f"{entry['id']} ({lat}, {lon}) is not in {country.name}")
    assert wrong == []


def test_a_point_in_another_country_is_caught(countries: dict[str, Country]) -> None:
    """The check above can fail: Vorkuta's coordinates are not in Kazakhstan, Riga's not in Russia."""
    assert not country_contains(countries["398"], 67.50867, 64.0667)
    assert not country_contains(countries["643"], 56.946, 24.10589)
    assert country_contains(countries["643"], 67.50867, 64.0667)


def test_read_places_reports_bad_entries(tmp_path: Path) -> None:
    from gulagreader.core.model import Name

    names = [Name("a", "A", "place", ("A",)), Name("b", "B", "camp", ("B",)), Name("p", "P", "person", ("P",))]
    (tmp_path / "places.toml").write_text(
        '[[place]]\nid = "a"\nlat = 95\nlon = 10\n\n[[place]]\nid = "p"\nunlocatable = "x"\n\n'
        '[[place]]\nid = "zz"\nlat = 1\nlon = 1\n',
        encoding="utf-8",
    )
    findings: list[Finding] = []
    assert read_places(tmp_path / "places.toml", names, findings) == []
    messages = [f.message for f in findings]
    assert any("'a'" in m and "degrees" in m for m in messages)
    assert any("'p'" in m and "not a place or camp" in m for m in messages)
    assert any("'zz'" in m and "not in names.toml" in m for m in messages)
    assert any("'b'" in m and "neither located" in m for m in messages)


def test_atlas_counts_the_passages_naming_each_place(store: Store) -> None:
    atlas = PlaceAtlas(store)
    places = {p.id: p for p in atlas.places()}
    assert set(places) == set(_gazetteer_places())
    names = {n.id: n for n in store.db.names()}
    for place_id in ("vorkuta", "norilsk", "kengir"):
        spellings = [fold(s) for s in names[place_id].spellings]
        passages = store.db.passages(places[place_id].passages)
        assert passages and all(any(s in fold(p.text) for s in spellings) for p in passages.values())
        others = [p for p in store.db.passages_of("isr-1963") if p.id not in passages]
        assert all(not any(s in fold(p.text) for s in spellings) for p in others)
    counts = [len(p.passages) for p in atlas.places()]
    assert counts == sorted(counts, reverse=True)
    # the events of the 1953 Vorkuta strike name Vorkuta among their places
    vorkuta_events = [e for e in store.db.events() if "vorkuta" in e.places]
    assert vorkuta_events and all(e.id in places["vorkuta"].events for e in vorkuta_events)
    assert all(atlas.of_event(e.id) for e in vorkuta_events)
    assert atlas.in_passages(places["norilsk"].passages)["norilsk"] == len(places["norilsk"].passages)


def test_projection_keeps_eurasia_in_order() -> None:
    x_riga, y_riga = project(56.946, 24.106)
    x_vork, y_vork = project(67.509, 64.067)
    x_kara, y_kara = project(49.802, 73.102)
    assert x_riga < x_vork < x_kara and y_vork < y_kara  # west to east; north is up (y down)
    assert y_riga < 0 < y_kara  # Riga lies north of the centre parallel (55° N), Karaganda south
    assert on_map(67.5, 64.1) and on_map(66.0, -170.0) and not on_map(40.7, -74.0)
    # distances come out about right (km): Moscow-Vorkuta is about 1,900 km
    mx, my = project(55.752, 37.618)
    assert 1700 < math.hypot(x_vork - mx, y_vork - my) < 2100


def test_places_command_json_is_complete(capsys: pytest.CaptureFixture[str]) -> None:
    from gulagreader.cli import main

    assert main(["places", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} == set(_gazetteer_places())
    for r in rows:
        assert (r["lat"] is None) == bool(r["unlocatable"])
        assert isinstance(r["passages"], list) and isinstance(r["events"], list)
    vorkuta = next(r for r in rows if r["id"] == "vorkuta")
    assert vorkuta["reference"].startswith("geonames:") and vorkuta["on_map"] and vorkuta["passages"]
    assert main(["places"]) == 0
    out, err = capsys.readouterr()
    assert "Vorkuta" in out and "unlocatable:" in out and err == ""


def test_scale_factor_is_one_on_the_standard_parallels() -> None:
    from gulagreader.core.places.projection import scale_at

    for lat in (45.0, 70.0):
        assert scale_at(*project(lat, 80.0)) == pytest.approx(1.0, abs=1e-9)
        assert scale_at(*project(lat, 20.0)) == pytest.approx(1.0, abs=1e-9)  # the same along a parallel
    assert scale_at(*project(57.0, 60.0)) < 1.0 < scale_at(*project(30.0, 60.0))
