"""The word lists load, are consistent with SPEC, and can be extended by the caller."""

from __future__ import annotations

import tomllib
from collections import Counter
from importlib import resources

import pytest

from impact import CATEGORIES, UNITS, extract, load_lexicon
from impact.lexicon import QUALIFIER_KINDS, PhraseMatcher


def _toml(name: str) -> dict:
    with resources.files("impact.lexicon").joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


def test_lexicon_loads_once() -> None:
    assert load_lexicon() is load_lexicon()


def test_categories_are_spec_categories_and_each_phrase_has_one() -> None:
    data = _toml("categories.toml")
    assert set(data) <= set(CATEGORIES)
    phrases = Counter(" ".join(p.lower().split()) for values in data.values() for p in values)
    assert [p for p, n in phrases.items() if n > 1] == []


def test_nouns_have_known_units_and_categories() -> None:
    for name, group in _toml("nouns.toml").items():
        assert group["unit"] in (*UNITS, "reject"), name
        assert group.get("category") in (None, "needs_trigger", *CATEGORIES), name
    words = Counter(w.lower() for group in _toml("nouns.toml").values() for w in group["words"])
    assert [w for w, n in words.items() if n > 1] == []


def test_qualifier_kinds_and_no_phrase_twice() -> None:
    data = _toml("qualifiers.toml")
    assert set(data) == set(QUALIFIER_KINDS)
    phrases = Counter(p.lower() for values in data.values() for p in values)
    assert [p for p, n in phrases.items() if n > 1] == []


@pytest.mark.parametrize(
    ("word", "low", "high"),
    [("tens", 20, 99), ("dozens", 24, 99), ("scores", 40, 99), ("hundreds", 200, 999),
     ("several hundred", 300, 900), ("thousands", 2_000, 9_999), ("several thousand", 3_000, 9_000),
     ("tens of thousands", 20_000, 99_999), ("hundreds of thousands", 200_000, 999_999),
     ("millions", 2_000_000, 9_999_999), ("a few", 3, 5)],
)  # fmt: skip
def test_vague_bounds_are_spec_bounds(word: str, low: int, high: int) -> None:
    assert load_lexicon().vague[word] == (low, high)


def test_vague_bounds_are_ordered() -> None:
    assert all(low < high for low, high in load_lexicon().vague.values())


def test_distractor_rules_compile_and_are_anchored() -> None:
    data = _toml("distractors.toml")
    assert all(rule.rstrip().endswith("$") for rule in data["before"].values())
    assert all(rule.startswith("^") for rule in data["after"].values())


def test_caller_terms_extend_the_lexicon_without_changing_the_packaged_one() -> None:
    text = "A handful of herders were killed."
    assert extract(text, geocode=False) == []
    mine = load_lexicon().with_terms(vague={"a handful": (3, 6)}, nouns={"herders": ("people", None)})
    (figure,) = extract(text, lexicon=mine, geocode=False)
    assert (figure.surface, figure.low, figure.high, figure.vague) == ("A handful", 3, 6, True)
    assert figure.counted == "herders" and figure.category == "killed"
    assert extract(text, geocode=False) == []


def test_unknown_qualifier_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown qualifier kind"):
        load_lexicon().with_terms(qualifiers={"give or take": "sideways"})


def test_phrase_matcher_is_leftmost_longest_whole_words() -> None:
    matcher = PhraseMatcher(["dead", "dead or missing", "missing"])
    text = "12 dead or missing, 3 missing; deadline"
    assert [text[s:e] for s, e, _ in matcher.finditer(text)] == ["dead or missing", "missing"]
