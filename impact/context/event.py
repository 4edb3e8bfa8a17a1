"""The place of the event a document is about, when its title or infobox names it.

Encyclopedia pages and reports about one event say where it happened in their title ("Battle
of Sirte (2016)", "Siege of El Fasher", "Kobanî massacre", "Second Nagorno-Karabakh War") or in
an infobox line ("- Place: El Fasher, North Darfur, Sudan", a capture glued as "LocationSirte,
Libya"). That place is the document's main place: a country named more often (the belligerents,
the claimants) does not beat it, and the infobox's values (strength, casualties, displaced)
are figures of the event, whatever country or claimant their line names.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from impact.context.gazetteer import Gazetteer
from impact.context.places import place_named
from impact.model import Place

_TITLE_LINES = 3  # the title is one of the first short lines
_TITLE_CHARS = 150
_INFOBOX_CHARS = 6000  # the infobox sits at the top of the page
_WORD = r"\p{Lu}[\p{L}\p{M}'’.-]*"
_NAME = rf"{_WORD}(?:[ \t\u00a0\-–](?:(?:al|el|ar|de|del|du|la|le|of|ez|az|as)[ \t\-])?{_WORD}){{0,4}}"
# an infobox line naming the place: "- Place: El Fasher, …", "Location: Sirte, Libya", "LocationSirte, Libya"
_PLACE_LINE = regex.compile(
    r"(?m)^[ \t]*(?:[-•*][ \t]*)?(?:Place|Location)(?:[ \t]*:[ \t]*|[ \t]+|(?=\p{Lu}))(?P<value>\p{Lu}[^\n]*)$"
)
_CONFLICT_LINE = regex.compile(r"(?m)^[ \t]*(?:[-•*][ \t]*)?(?:Conflict|Event|Title)[ \t]*:[ \t]*(?P<value>[^\n]+)$")
_IN_PLACE = regex.compile(rf"\s+(?:in|at|near)\s+(?:the\s+)?(?P<name>{_NAME})")
_COUNTRY_HEAD = regex.compile(r"(?P<name>\p{Lu}[\p{L} '’.-]{2,40}?)\s*(?::|\s[-–—|]\s)")
_AREA_WORD = regex.compile(r"\s+(?:territory|province|district|region|state|governorate|county|department)\b")
_PRODUCED_BY = regex.compile(
    r"\b(?:produced|prepared|issued|published)\s+by\s+(?:the\s+)?\p{Lu}{2,8}\s+"
    r"(?P<name>\p{Lu}[\p{L}'’-]+(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?\p{Lu}[\p{L}'’-]+){0,4})"
)
_LEAD = regex.compile(r"\s*([^\n.,;:]{10,150})")
_CITATION = regex.compile(r"\[[^\]]{0,12}\]")
# a prose line: long, with sentence punctuation inside or at its end (the body after an infobox)
_PROSE = regex.compile(r"\p{Ll}[.!?](?:\s|$)")
_FIELD = regex.compile(r"[ \t]*-[ \t]*\p{L}[\p{L}\d ]{0,30}:")
_PROSE_CHARS = 150
# the fields of a conflict infobox, as a line of their own or as "- Field:"
_INFOBOX_FIELD = regex.compile(
    r"(?m)^[ \t]*(?:-[ \t]*)?(?:Strength|Casualties|Belligerents|Commanders|Combatant|Units|Result|Partof|"
    r"Part of|Date|Location|Place|Territorial)"
)


@dataclass(frozen=True, slots=True)
class _TitleWords:
    before: regex.Pattern[str]
    after: regex.Pattern[str]
    ordinal: regex.Pattern[str]


@lru_cache(maxsize=1)
def _title_words() -> _TitleWords:
    with resources.files("impact.lexicon").joinpath("places.toml").open("rb") as handle:
        data = tomllib.load(handle)["event_titles"]
    before = "|".join(regex.escape(w) for w in data["before"])
    after = "|".join(regex.escape(w) for w in data["after"])
    ordinals = "|".join(regex.escape(w) for w in data["ordinals"])
    return _TitleWords(
        before=regex.compile(rf"\b(?i:{before})\s+(?i:of|on|at|in|for)\s+(?:the\s+)?(?P<name>{_NAME})"),
        after=regex.compile(rf"(?P<name>{_NAME})\s+(?:\(\d{{4}}\)\s+)?(?i:{after})\b"),
        ordinal=regex.compile(rf"^(?:(?:{ordinals})\s+|\d{{4}}(?:[–-]\d{{2,4}})?\s+)+"),
    )


@dataclass(frozen=True, slots=True)
class Event:
    """Where the document's event took place, and where its body starts after the infobox."""

    place: Place
    body_start: int


def event_of(text: str, gazetteer: Gazetteer) -> Event | None:
    """The event a document is about, if its title or infobox names its place."""
    place = _infobox_place(text, gazetteer) or _title_place(text, gazetteer) or _report_country(text, gazetteer)
    if place is None:
        return None
    return Event(place, _body_start(text))


def _infobox_place(text: str, gazetteer: Gazetteer) -> Place | None:
    match = _PLACE_LINE.search(text, 0, min(len(text), _INFOBOX_CHARS))
    if match is None:
        return None
    value = _CITATION.sub("", match.group("value"))
    first = value.split(",")[0].strip()
    if not first or any(c.isdigit() for c in first) or len(first) > 60:
        return None  # coordinates, or a sentence
    start = match.start("value") + match.group("value").find(first)
    entry = gazetteer.lookup(first)
    return place_named(first, start, entry, None if entry else "area")


def _title_place(text: str, gazetteer: Gazetteer) -> Place | None:
    words = _title_words()
    lines = [(start, line, False) for start, line in _title_lines(text)]
    if not lines:
        # no title: a page that opens on its lead ("The casualties of the Second Nagorno-Karabakh
        # War, fought between …") names its event in its first words; a known place only
        lead = _LEAD.match(text)
        lines = [(lead.start(1), lead.group(1), True)] if lead else []
    for line_start, line, strict in lines:
        for pattern in (words.before, words.after):
            for match in pattern.finditer(line):
                name = match.group("name")
                lead = words.ordinal.match(name)
                if lead is not None:
                    name = name[lead.end() :]
                if not name or not name[:1].isupper():
                    continue
                start = line_start + match.start("name") + (lead.end() if lead else 0)
                if pattern is words.after:
                    inner = _IN_PLACE.match(line, match.end())
                    if inner is not None and gazetteer.lookup(inner.group("name")) is not None:
                        # "Afghanistan Earthquake in Herat Province": the more specific place
                        name, start = inner.group("name"), line_start + inner.start("name")
                entry = gazetteer.lookup(name)
                if entry is None and strict:
                    continue
                if entry is None and pattern is words.after and not _named_again(text, name):
                    continue  # "Flash floods", "Jihadist attack": not a name the page uses
                return place_named(name, start, entry, None if entry else "area")
    return None


def _named_again(text: str, name: str) -> bool:
    """An unknown word before "war" or "massacre" is a place the page names again, always
    capitalised ("Nagorno-Karabakh"), not a word of the language ("Flash floods")."""
    return text.count(name) >= 3 and name.lower() not in text and " " not in name.strip()


def _report_country(text: str, gazetteer: Gazetteer) -> Place | None:
    """A situation report headed by its country ("LIBYA: Flood Response", "Pakistan - Floods
    Fact Sheet #3"), with no place inside the country in its title, covers the whole country."""
    lines = _title_lines(text)
    if not lines:
        return None
    line_start, line = lines[0]
    match = _COUNTRY_HEAD.match(line)
    if match is None:
        return None
    name = match.group("name")
    entry = gazetteer.lookup(name)
    if entry is None or entry.kind != "country":
        return None
    inner = _IN_PLACE.search(line, match.end())
    if inner is not None:
        # "Congo: Situation report on the crisis in Djugu territory": the title names where
        found = gazetteer.lookup(inner.group("name"))
        if found is None or found.country_code != entry.country_code:
            return None
        name, start = inner.group("name"), inner.start("name")
        written = _AREA_WORD.match(line, inner.end("name"))
        return place_named(line[start : written.end() if written else inner.end("name")], line_start + start, found)
    return place_named(name, line_start + match.start("name"), entry)


def producer_country(text: str, gazetteer: Gazetteer) -> Place | None:
    """The country whose office produced a report: "This report is produced by OCHA
    Mozambique", "prepared by UNICEF Lebanon"."""
    match = _PRODUCED_BY.search(text, 0, min(len(text), _INFOBOX_CHARS))
    if match is None:
        return None
    name = match.group("name")
    for size in range(len(name.split()), 0, -1):  # "Democratic Republic of the Congo in …" → the longest known
        words = " ".join(name.split()[:size])
        entry = gazetteer.lookup(words)
        if entry is not None and entry.kind == "country":
            return place_named(words, match.start("name"), entry)
    return None


def _title_lines(text: str) -> list[tuple[int, str]]:
    """The first short lines (a title, repeated or marked "= Title ="), and an infobox's
    "Conflict:" line."""
    lines: list[tuple[int, str]] = []
    position = 0
    for raw in text[: 4 * _TITLE_CHARS].split("\n"):
        start, stripped = position, raw.strip(" \t=|")
        position += len(raw) + 1
        if not stripped:
            continue
        if len(stripped) > _TITLE_CHARS or len(lines) == _TITLE_LINES:
            break
        lines.append((start + raw.find(stripped), stripped))
    conflict = _CONFLICT_LINE.search(text, 0, min(len(text), _INFOBOX_CHARS))
    if conflict is not None:
        lines.append((conflict.start("value"), conflict.group("value")))
    return lines


def _body_start(text: str) -> int:
    """Where the prose starts: the first long line with sentence punctuation that is not an
    infobox field ("- Casualties1: …"). Figures above it are the infobox's."""
    position = 0
    for line in text.split("\n"):
        if len(line) >= _PROSE_CHARS and _PROSE.search(line) and not _FIELD.match(line):
            break
        position += len(line) + 1
    position = min(position, len(text))
    return position if _INFOBOX_FIELD.search(text, 0, position) else 0  # no infobox: all is prose
