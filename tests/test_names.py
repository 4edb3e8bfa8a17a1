"""One display name for each source and publisher, from a small alias table (data)."""

from __future__ import annotations

import pytest

from impact.names import fold, publisher_name, shorten, source_name


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        pytest.param("the World Health Organization", "WHO", id="full-name-with-article"),
        pytest.param("World Health Organisation", "WHO", id="british-spelling"),
        pytest.param("WHO", "WHO", id="acronym"),
        pytest.param("the UN refugee agency", "UNHCR", id="description"),
        pytest.param("Médecins Sans Frontières", "MSF", id="accents"),
        pytest.param("Medecins Sans Frontieres", "MSF", id="no-accents"),
        pytest.param("The monitor", "Monitor", id="unknown-capital-article"),
        pytest.param("the monitor", "Monitor", id="unknown-lower-article"),
        pytest.param("officials", "Officials", id="unknown-plain"),
        pytest.param("  Rami   Abdel Rahman ", "Rami Abdel Rahman", id="spaces"),
    ],
)
def test_sources_have_one_display_name(written: str, shown: str) -> None:
    assert source_name(written) == shown


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        pytest.param("VOA", "Voice of America", id="acronym"),
        pytest.param("VOA News", "Voice of America", id="with-news"),
        pytest.param("voice of america", "Voice of America", id="lower-case"),
        pytest.param("www.voanews.com", "Voice of America", id="domain"),
        pytest.param("The Associated Press", "Associated Press", id="article"),
        pytest.param("Agence France-Presse", "AFP", id="french-name"),
        pytest.param("Tikrit Daily", "Tikrit Daily", id="unknown"),
    ],
)
def test_publishers_have_one_display_name(written: str, shown: str) -> None:
    assert publisher_name(written) == shown


def test_no_name_is_none() -> None:
    assert source_name(None) is None and source_name("  ") is None and publisher_name("") is None


def test_folding_ignores_case_articles_and_punctuation() -> None:
    assert fold("The  Syrian Observatory, for Human Rights.") == fold("syrian observatory for human rights")


def test_long_names_are_shortened_for_display_only() -> None:
    name = "x" * 20_000
    short = shorten(name)
    assert len(short) == 60 and short.endswith("…") and len(name) == 20_000
    assert shorten("OCHA") == "OCHA"


def test_the_alias_table_gives_each_spelling_one_name() -> None:
    import tomllib
    from importlib import resources

    with resources.files("impact.lexicon").joinpath("names.toml").open("rb") as handle:
        data = tomllib.load(handle)
    for section in ("sources", "publishers"):
        owners: dict[str, str] = {}
        for display, spellings in data[section].items():
            for spelling in (display, *spellings):
                key = fold(spelling)
                assert owners.setdefault(key, display) == display, (section, spelling, owners[key], display)
