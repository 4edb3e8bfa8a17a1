"""Which place a figure refers to, as written, geocoded offline.

Place mentions are capitalised phrases that the gazetteer knows, phrases ending in an area
word ("Rubanda District"), neighbourhoods of a known place ("Mosul's Old City"), and
capitalised names after "in"/"at"/"near". The figure's place is the nearest mention in its
sentence, then its section header, then the earlier sentences of its paragraph, then the
article's main place.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from impact.context.gazetteer import Gazetteer, GazetteerEntry
from impact.lexicon import load_lexicon, trie_alternation
from impact.model import Place

_CAP = r"(?:\p{Lu}[\p{L}\p{M}'’\-]*\p{L}|\p{Lu}\.?(?:\p{Lu}\.)+)"
_LINK = r"(?:de|del|da|do|du|des|la|le|el|al|ar|as|ash|an|and|of|bin|ibn|wa)"
_SEQUENCE = regex.compile(
    rf"(?<![\p{{L}}\-])(?:{_CAP}|(?:al|ar|as|el|ash|an)-{_CAP})"
    rf"(?:[ \u00a0](?:{_LINK}[ \u00a0])?(?:{_CAP}|(?:al|ar|as|el)-{_CAP}))*"
)
_DIRECTION = (
    r"(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|northeastern|northwestern|southeastern|southwestern|upper|lower)"
)
# "in eastern Ghouta", "southern Slavonia": the written place keeps its direction word
# (both end where the name starts: compiled to run backwards, and matched, not searched)
_DIRECTION_BEFORE = regex.compile(rf"\b{_DIRECTION}[ \u00a0]+$", regex.REVERSE)
_AFTER_PREPOSITION = regex.compile(
    r"(?:\b(?:[Ii]n|[Aa]t|[Nn]ear|[Aa]cross|[Oo]utside|[Ii]nside|[Aa]round)[ \u00a0]+(?:the[ \u00a0]+)?"
    rf"(?:(?:neighbou?ring|nearby)[ \u00a0]+)?(?:{_DIRECTION}[ \u00a0]+)?"
    r"|\b(?:camps?|city|town|village|district|province|region|island|state|governorate|municipality|"
    r"quarter|outskirts|suburbs?|centre|center|neighbou?rhood|area)\s+of\s+"
    # "fled to Iga Barrière", "arrived to Debaga camps": where people went
    r"|\b(?:fled|flee|flees|fleeing|arrived|arriving|returned|returning|relocated|moved|crossed|went)\s+"
    r"(?:back\s+)?(?:to|into)[ \u00a0]+(?:the[ \u00a0]+)?)$",
    regex.REVERSE,
)
# "in 22 districts", "across 24 provinces of Afghanistan", "in the five districts"
_NOT_PREPOSITION = r"(?!(?:on|in|of|at|for|near|by|from|to|with|into|after|during)\s)"
_AREA_COUNT = regex.compile(
    r"\b(?:in|across|at|from)\s+(?P<area>(?:the\s+|over\s+|some\s+|more\s+than\s+)?(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|hundreds|dozens|thousands|(?-i:\p{Lu}[\w-]*))\s+"
    rf"(?:{_NOT_PREPOSITION}[\w-]+\s+){{0,2}}?(?:districts|provinces|villages|camps|municipalities|counties|regions|areas|states|towns|communities)"
    r"(?:\s+of\s+(?:the\s+)?\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)*)?)",
    regex.IGNORECASE,
)
_NEIGHBOURHOOD = regex.compile(rf"^['’]s\s+((?:{_CAP}\s?){{1,3}})")
_AREA_AFTER = regex.compile(
    r"^\s+(district|province|county|counties|region|state|governorate|township|village|municipality|city|camp|island|islands|valley|area)s?\b"
)
_MAX_WORDS = 5
_LABEL_NAME = r"(?P<name>\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){0,3})"
_LABEL_END = r"[ \t]*(?::|[–—|][ \t])"
_SENTENCE_START_POPULATION = 100_000  # a smaller town's name first in a sentence may be any word
_AREA_PLURALS = (
    "districts",
    "provinces",
    "villages",
    "camps",
    "municipalities",
    "counties",
    "regions",
    "areas",
    "states",
    "towns",
    "communities",
)
_AREA_PLURAL = re.compile("|".join(_AREA_PLURALS))  # plain letters: the standard engine
_DIRECTIONS = frozenset(
    {"North", "South", "East", "West", "Central", "Northern", "Southern", "Eastern", "Western", "Upper", "Lower"}
)
_TOKEN = regex.compile(r"\S+")
_BROAD = {"country": ("country", "continent"), "admin1": ("country", "continent", "admin1")}  # and what is no smaller


@dataclass(frozen=True, eq=False)
class PlaceWords:
    area_words: frozenset[str]
    not_places: frozenset[str]
    claimant_after: regex.Pattern[str]
    speaker_after: regex.Pattern[str]
    spoke_in: regex.Pattern[str]
    claim_bracket: regex.Pattern[str]
    site_after: regex.Pattern[str]
    demonyms: frozenset[str]
    line_label: regex.Pattern[str]


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    with resources.files("impact.lexicon").joinpath("places.toml").open("rb") as handle:
        data = tomllib.load(handle)
    claims = data["not_event_places"]
    return PlaceWords(
        area_words=frozenset(w.lower() for w in data["area_words"]["words"]),
        not_places=frozenset(data["not_places"]["words"]),
        claimant_after=regex.compile(rf"(?:\s+|-)(?:{_alternation(claims['followed_by'])})(?!\p{{L}})"),
        speaker_after=regex.compile(rf",?\s+(?:{_alternation(claims['speaker_verbs'])})\b"),
        spoke_in=regex.compile(
            rf"\b(?:{_alternation(claims['spoke_in'])})\s+(?:\w+\s+){{0,2}}?in\s+(?:the\s+)?$",
            regex.REVERSE | regex.IGNORECASE,
        ),
        claim_bracket=regex.compile(rf"\b(?:{_alternation(claims['bracket_words'])})\b"),
        site_after=regex.compile(
            rf"[ \u00a0]+(?:(?:{_alternation(data['site_words']['kinds'])})[ \u00a0]+)?"
            rf"(?:{_alternation(data['site_words']['words'])})(?![\p{{L}}-])"
        ),
        demonyms=frozenset(data["demonyms"]["words"]),
        # "North Darfur: 450,000 IDPs", "• Hsipaw township: up to 700 displaced"
        line_label=regex.compile(
            rf"[ \t]*(?:[-•*·][ \t]*)?{_LABEL_NAME}(?P<site>[ \t]+(?:{_alternation(data['site_words']['words'])}))?"
            + _LABEL_END
        ),
    )


# an organisation's acronym right before a place name: "OCHA Afghanistan", "UNICEF Lebanon"
_ORGANISATION_BEFORE = regex.compile(r"(?<![\p{L}.])(?!USA|UAE|DRC|CAR)\p{Lu}{3,6}[ \u00a0]+$", regex.REVERSE)
_ACRONYM = regex.compile(r"\p{Lu}{2,}(?:['’]s)?$")
_LONG_WORD = regex.compile(r"\b\p{L}{4,}")
_TITLE_CASE_CHARS = 80  # the words either side of a name that tell a title-case line


def _title_cased_line(text: str, position: int) -> bool:
    """Whether the line around ``position`` is a headline or header in title case."""
    start = text.rfind("\n", max(0, position - _TITLE_CASE_CHARS), position) + 1 or max(0, position - _TITLE_CASE_CHARS)
    end = text.find("\n", position, position + _TITLE_CASE_CHARS)
    if end < 0:
        end = min(len(text), position + _TITLE_CASE_CHARS)
    long_words = _LONG_WORD.findall(text, start, end)
    capitals = sum(1 for w in long_words if w[0].isupper())
    return len(long_words) >= 2 and capitals >= (0.75 * len(long_words) if len(long_words) > 2 else 2)


def _alternation(words: list[str]) -> str:
    return trie_alternation((w.lstrip("-") for w in words), space=r"\ ")


def _acronym_before(text: str, start: int) -> bool:
    """Whether spaces and then a capital letter come right before ``start`` (a cheap test
    before ``_ORGANISATION_BEFORE``, which needs them)."""
    low = max(0, start - 10)
    index = start - 1
    while index >= low and text[index] in " \u00a0":
        index -= 1
    return low <= index < start - 1 and text[index].isupper()


def _claimant(text: str, place: Place, words: PlaceWords) -> bool:
    """A place that names a claimant, a nationality, an organisation or where a speaker spoke:
    "(per Baghdad)", "U.S. troops", "The New York Times", "Lorca told reporters in Maputo"."""
    start, end = place.start or 0, place.end or 0
    after = text[end : end + 1]  # the words after start with a space or a hyphen
    if (after == "-" or after.isspace()) and words.claimant_after.match(text, end, end + 30):
        return True
    if place.kind == "city" and " " not in place.name and words.speaker_after.match(text, end, end + 20):
        return True
    if words.spoke_in.match(text, max(0, start - 50), start):
        return True
    if _acronym_before(text, start) and _ORGANISATION_BEFORE.match(text, max(0, start - 10), start):
        return True  # "OCHA Afghanistan has reported": an office of an organisation
    opened = text.rfind("(", max(0, start - 40), start)
    if opened >= 0 and ")" not in text[opened:start]:
        closed = text.find(")", end, end + 40)
        if closed >= 0 and words.claim_bracket.search(text, opened, closed):
            return True
    return False


def place_named(name: str, start: int, entry: GazetteerEntry | None, kind: str | None = None) -> Place:
    if entry is None:
        return Place(name=name, start=start, end=start + len(name), kind=kind or "area")
    return Place(
        name=name,
        start=start,
        end=start + len(name),
        matched=entry.name,
        country_code=entry.country_code,
        latitude=entry.latitude,
        longitude=entry.longitude,
        geonameid=entry.geonameid,
        kind=kind or entry.kind,
    )


# the gazetteer's answers for the capitalised words of a text, kept across texts: the same
# names recur (Gaza, Sudan, the Ministry of Health) and the gazetteer never changes once built
@lru_cache(maxsize=1 << 16)
def _may_start(gazetteer: Gazetteer, word: str) -> bool:
    return gazetteer.may_start(word)


@lru_cache(maxsize=1 << 16)
def _lookup(gazetteer: Gazetteer, name: str) -> GazetteerEntry | None:
    return gazetteer.lookup(name)


def _has_label_end(text: str, start: int, end: int) -> bool:
    find = text.find
    return (
        find(":", start, end) >= 0
        or find("|", start, end) >= 0
        or find("–", start, end) >= 0
        or (find("—", start, end) >= 0)
    )


def find_places(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[Place]:
    """Place mentions in ``text[start:end]``, left to right."""
    words = place_words()
    found: list[Place] = []
    # a label ends at the first ":", "|" or dash of its line: most sentences have none
    label = words.line_label.match(text, start, end) if _has_label_end(text, start, end) else None
    if label and _names_a_place(label.group("name"), words, gazetteer, label.group("site") is not None):
        # "North Darfur: 450,000 IDPs", "Gedaref – 120,000 displaced": a list line names its place
        name = label.group("name")
        found.append(
            place_named(
                text[label.start("name") : label.end("site") if label.group("site") else label.end("name")],
                label.start("name"),
                gazetteer.lookup(name),
                "area",
            )
        )
        start = label.end()
    for match in _SEQUENCE.finditer(text, start, end):
        sequence = match.group(0)
        if sequence in words.not_places:
            continue  # a lone "The", "In", "Officials": the most common capitalised words
        if " " in sequence or "\u00a0" in sequence:  # the only spaces a sequence holds
            tokens = [(m.group(0), m.start()) for m in _TOKEN.finditer(text, match.start(), match.end())]
        else:
            tokens = [(sequence, match.start())]  # one word: most sequences
        index = 0
        while index < len(tokens):
            hit = None
            longest = min(_MAX_WORDS, len(tokens) - index)
            if not _may_start(gazetteer, tokens[index][0]) and not any(
                t.lower() in words.area_words for t, _ in tokens[index + 1 : index + longest]
            ):
                longest = 0  # no known name starts with this word: skip the lookups
            for size in range(longest, 0, -1):
                first, first_start = tokens[index]
                last, _ = tokens[index + size - 1]
                if size == 1 and first in words.not_places:
                    continue
                if first in {"of", "and", "de", "la", "le", "el", "al", "ar"}:  # a link word ("El Fasher" is a name)
                    continue
                # "Mosul's Old City": the place is Mosul, the area its Old City
                name_end = tokens[index + size - 1][1] + len(_unpossessed(last))
                name = text[first_start:name_end]
                if (
                    last.lower() in words.area_words
                    and 1 < size <= 4
                    and (
                        tokens[index + size - 2][0] not in words.not_places
                        or (size == 2 and first in _DIRECTIONS)  # "Northern State", "Eastern Province"
                    )
                ):
                    core = text[first_start : tokens[index + size - 2][1] + len(tokens[index + size - 2][0])]
                    hit = place_named(name, first_start, gazetteer.lookup(core), "area")
                    break
                if all(t in words.not_places for t, _ in tokens[index : index + size]):
                    continue  # "Old City", "New Town": generic words, whatever district bears the name
                entry = _lookup(gazetteer, name)
                if (
                    entry is not None
                    and size == 1
                    and entry.kind not in ("country", "continent")
                    and (
                        is_common_word(name)
                        or _after_name(tokens, index, words)
                        or _before_name(tokens, index + size, words)
                    )
                ):
                    entry = None  # "Somali refugees", "Colonel John Smith": not the towns
                if (
                    entry is not None
                    and size == 1
                    and entry.kind == "city"
                    and entry.population < _SENTENCE_START_POPULATION
                    and first_start == start
                ):
                    entry = None  # "See page 42", "Most of them": a capital only because it starts the sentence
                if entry is not None:
                    hit = _extend(text, name, first_start, name_end, entry, gazetteer)
                    break
            if hit is None:
                first, first_start = tokens[index]
                preceding = text[max(0, first_start - 24) : first_start]
                size = 1
                while index + size < len(tokens) and (
                    first in _DIRECTIONS or tokens[index + size][0] not in words.not_places
                ):
                    size += 1  # "North Darfur", "Kalonda Kibuyu"
                last, last_start = tokens[index + size - 1]
                site = _site(text, tokens, index, size, start, words, gazetteer)
                if site is not None:
                    hit = site  # "on Roe hill", "the Roe IDP site": a name the word after makes a place
                elif (
                    (_unpossessed(first) not in words.not_places or (first in _DIRECTIONS and size > 1))
                    and (len(last) > 2 or size > 1)  # "in Roe", "in Gao"
                    and not last.isupper()
                    and _AFTER_PREPOSITION.match(preceding)
                    and not _ACRONYM.match(first)  # "in IOM’s Area of Responsibility": an organisation's
                    and not is_common_word(last)
                    and not (
                        # "Situation in Numbers", "in at Least 1,355", "in Official GoP Displacement Sites":
                        # in a title-case line a capital says nothing of a name (tested last: the dearest)
                        _title_cased_line(text, first_start)
                        and not (first in _DIRECTIONS and size > 1)
                        and last.lower() not in words.area_words
                    )
                ):
                    name_end = last_start + len(_unpossessed(last))  # "in Bosso's market": Bosso
                    name = text[first_start:name_end]  # a town of any size in this cue position
                    hit = _extend(text, name, first_start, name_end, gazetteer.lookup_small(name))
                else:
                    index += 1
                    continue
            found.append(hit)
            consumed = hit.end if hit.end is not None else 0
            while index < len(tokens) and tokens[index][1] < consumed:
                index += 1
    lowered = text[start:end].lower()
    has_area = _AREA_PLURAL.search(lowered) is not None  # any of the words, as substrings
    for match in _AREA_COUNT.finditer(text, start, end) if has_area else ():
        area_start = match.start("area")
        if not any((p.start or 0) <= area_start < (p.end or 0) for p in found):
            inner = [p for p in found if area_start <= (p.start or 0) < match.end("area")]
            known = next((p for p in inner if p.matched), None)
            found = [p for p in found if p not in inner]
            found.append(place_named(match.group("area"), area_start, _entry_of(known, gazetteer), "area"))
    found.sort(key=lambda p: p.start or 0)
    return [p for p in found if not _claimant(text, p, words)]


_LINE_OPENING = regex.compile(r"(?:^|\n)[ \t]*(?:[-•*·▪◦][ \t]*)?$", regex.REVERSE)


def _unpossessed(word: str) -> str:
    """'Saturday’s' -> 'Saturday': a possessive names what it is of ("in Saturday’s attack")."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _site(
    text: str, tokens: list[tuple[str, int]], index: int, size: int, start: int, words: PlaceWords, gazetteer: Gazetteer
) -> Place | None:
    """An unknown capitalised name followed by a lower-case site or landform word: "on Roe hill",
    "the Roe IDP site", "the Fataki and Drodro health zones". Not at the start of a sentence or
    line, where any word has a capital ("Temporary camps", "Informal settlements")."""
    first, first_start = tokens[index]
    if (
        first_start == start
        or first in words.not_places
        or first in words.demonyms  # "a Greek island", "a Kurdish village"
        or _ACRONYM.match(first)
        or is_common_word(first)
        or _LINE_OPENING.match(text, max(0, first_start - 8), first_start)
    ):
        return None
    for word, word_start in tokens[index : index + size]:
        word_end = word_start + len(word)
        site = words.site_after.match(text, word_end, word_end + 40)
        if site is not None:
            if word.isupper() or is_common_word(word) or word.endswith(("'s", "’s")):
                return None
            core = text[first_start:word_end]
            return place_named(text[first_start : site.end()], first_start, gazetteer.lookup_small(core), "area")
    return None


def _entry_of(place: Place | None, gazetteer: Gazetteer) -> GazetteerEntry | None:
    return gazetteer.lookup(place.matched) if place is not None and place.matched else None


_NAME_LINKS = frozenset({"In", "At", "Near", "Of", "To", "From", "And", "For", "On", "The", "Across", "Outside"})


def _after_name(tokens: list[tuple[str, int]], index: int, words: PlaceWords) -> bool:
    """A capitalised word right before ("John Smith", "Colonel Dhaka"): likely a person's name."""
    if index == 0:
        return False
    previous = tokens[index - 1][0]
    return previous not in _NAME_LINKS and previous not in _DIRECTIONS and not previous.endswith(",")


def _names_a_place(name: str, words: PlaceWords, gazetteer: Gazetteer, site: bool = False) -> bool:
    """Whether a list line's label is a place ("North Darfur", "Gedaref", "Busia County", with
    a site word "Hsipaw township"), not a heading ("Deaths"), a source ("UNHCR") or a person."""
    tokens = name.split()
    if all(t in words.not_places for t in tokens) or any(is_common_word(t) for t in tokens):
        return False
    if site and tokens[0] not in words.demonyms and not _ACRONYM.match(tokens[-1]):
        return True
    known = gazetteer.lookup(name) is not None
    return known or (tokens[0] in _DIRECTIONS and len(tokens) > 1) or tokens[-1].lower() in words.area_words


def _before_name(tokens: list[tuple[str, int]], index: int, words: PlaceWords) -> bool:
    """A capitalised word right after ("Tal Hamra", "Abu Ghraib"): part of a longer name."""
    if index >= len(tokens):
        return False
    following = tokens[index][0]
    return following not in words.not_places and following.lower() not in words.area_words


@lru_cache(maxsize=1 << 16)
def is_common_word(word: str) -> bool:
    """Capitalised words the lexicon knows as something else ("IDPs", "Somali")."""
    lexicon = load_lexicon()
    key = word.lower()
    return key in lexicon.nouns or key.rstrip("s") in lexicon.nouns or key in lexicon.categories


_QUARTERS = frozenset({"Old", "City", "New", "Town", "Quarter", "Centre", "Center"})


def _institution(words: str) -> bool:
    """ "Sudan's Ministry of Health", "Kenya's Red Cross": a body of the place, not a part of it
    (whereas "Mosul's Old City" is a quarter)."""
    tokens = words.split()
    not_places = place_words().not_places
    return bool(tokens) and tokens[0] in not_places and tokens[0] not in _QUARTERS


def _extend(
    text: str, name: str, start: int, end: int, entry: GazetteerEntry | None, gazetteer: Gazetteer | None = None
) -> Place:
    """'Mosul' + "'s Old City", 'Busia' + ' district': keep the written name, the coordinates of the known place."""
    direction = _DIRECTION_BEFORE.match(text, max(0, start - 20), start)
    if direction and (entry is None or entry.kind in ("country", "admin1", "admin2")):
        start = direction.start()  # "eastern Zimbabwe"
        name = text[start:end]
    neighbourhood = _NEIGHBOURHOOD.match(text[end : end + 40])
    if neighbourhood and entry is not None and entry.kind in _BROAD and gazetteer is not None:
        inner = gazetteer.lookup(neighbourhood.group(1).strip())
        if inner is not None and inner.kind not in _BROAD[entry.kind]:
            # "Syria's Idlib province", "Congo's Ituri": the place is the one inside the country
            inner_start = end + neighbourhood.start(1)
            inner_end = inner_start + len(neighbourhood.group(1).rstrip())
            return _extend(text, text[inner_start:inner_end], inner_start, inner_end, inner)
    if neighbourhood and entry is not None and not _institution(neighbourhood.group(1)):
        full = text[start : end + neighbourhood.end(1)].rstrip()
        return place_named(full, start, entry, "area")
    area = _AREA_AFTER.match(text[end : end + 20])
    if area:
        return place_named(text[start : end + area.end()], start, entry, "area")
    return place_named(name, start, entry)
