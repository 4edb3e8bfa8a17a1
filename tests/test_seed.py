"""The seed article: exactly its four gold figures, every field right, places geocoded."""

from __future__ import annotations

from impact import extract
from impact.frame import SPEC_FIELDS

FIELDS = tuple(name for name in SPEC_FIELDS if name not in ("doc", "period"))


def test_seed_gives_exactly_the_gold_figures(seed_text: str, seed_gold: list[dict]) -> None:
    figures = extract(seed_text)
    got = [{k: getattr(f, k) for k in FIELDS} for f in figures]
    want = [{k: g[k] for k in FIELDS} for g in seed_gold]
    assert got == want


def test_seed_places_have_coordinates(seed_text: str) -> None:
    places = [f.place for f in extract(seed_text)]
    assert all(p is not None and p.latitude is not None and p.longitude is not None for p in places)
    raqqa = places[-1]
    assert raqqa is not None and raqqa.country_code == "SY"
    assert 35 < (raqqa.latitude or 0) < 37 and 38 < (raqqa.longitude or 0) < 40
    old_city = places[0]
    assert old_city is not None and old_city.name == "Mosul's Old City" and old_city.country_code == "IQ"
