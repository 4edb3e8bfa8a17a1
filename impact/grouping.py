"""Which stored estimates count the same quantity, and what they say together.

Two figures are compared only when they estimate the same quantity:

- the same place identity: the gazetteer entity (GeoNames id) or, without one, the place
  name; a part of a place written as such ("Mosul's Old City", "eastern Aleppo", a camp) is
  its own place under its parent, never the parent;
- the same category and unit (people, households, structures);
- the same group counted: the head noun's class and the words that qualify it ("IS
  fighters", "Iraqi troops" and "Kurdish forces" are three groups; "children" is not
  "people"; internally displaced people are not all displaced people), and a part
  ("including 300 children", "of whom 40 ...") is not its total, nor is an addition
  ("498 children, and likely hundreds more"); a figure whose counted phrase names no group
  ("lost 2,906 troops, with 6 missing") counts the group of the figure just before it;
- the same kind of count (``stock``, ``flow``, ``rate``, ``projection``): the figures'
  ``kind`` column when they have one (a missing kind is a stock), otherwise read from the
  figure's clause (projection words such as "may", "could", "expected to"; rates such as
  "a day"; increments such as "in the past 24 hours"); a one-day flow that gives the very
  figure (to its rounding) of a stock in its own article is that stock told again (the day
  was the event's, or the start of a running total);
- a compatible time: stocks, rates and projections as of dates no more than
  ``tolerance_days`` apart (default 7; windows are anchored at the earliest date, so a
  group never spans more than the tolerance); flows over the same window (both ends
  within ``flow_tolerance_days``, default 1). The date is the figure's ``as_of`` (or
  ``period_end``) when known, else its article's date. A flow whose own words give no
  window, or one longer than the tolerance ("since June 14"), is a running total: a stock
  as of its end. Without a date, or with one known only as a span longer than the
  tolerance ("September 2022"), an estimate meets another article's only when their
  ranges meet (a difference may be a change over time), and joins its own article's
  dated estimates of the quantity when it does not differ from them, and another
  article's dated estimate when it gives the very same figure (quoted again);
- one article's two estimates whose ranges do not meet are two quantities (two sides of
  a war listed one under the other, a total and an earlier count), even when credited to
  two sources; within an article an open bound reaches twice its value ("at least 10,000"
  meets "15,000") and every figure is taken to ±10 % (rounding). Two sources whose single
  counts of a quantity the article keeps apart are two sides: their other counts stay
  apart too, even when close ("Per Azerbaijan: 11,110 wounded", "Per Armenia: ~11,000").

Within a group, a hedged estimate gets its hedge as tolerance (approximate: ±``hedge``,
default 10 %; a vague word already is a band), a syndicated copy counts once
(``duplicate_of``), and an estimate whose range meets no other article's is flagged
``disagrees``. The same quantity at other times forms a ``series``: a timeline whose
``latest`` group is the current estimate, not a disagreement.
"""

from __future__ import annotations

import math
import re
import statistics
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from itertools import combinations, pairwise
from typing import Any

import pandas as pd

from impact.corrections import apply_effective

DEFAULT_TOLERANCE_DAYS = 7
DEFAULT_FLOW_TOLERANCE_DAYS = 1
DEFAULT_HEDGE = 0.10
KINDS: tuple[str, ...] = ("stock", "flow", "rate", "projection")

# What ``groups()`` adds to the figure's own columns.
GROUP_COLUMNS: tuple[str, ...] = (
    "group",
    "group_label",
    "series",
    "latest",
    "place_key",
    "place",
    "parent",
    "counted_group",
    "part",
    "kind",
    "time",
    "tolerance_low",
    "tolerance_high",
    "disagrees",
    "duplicate_of",
)
# The figure's columns kept beside them, when the frame has them.
IDENTITY_COLUMNS: tuple[str, ...] = (
    "id",
    "doc",
    "start",
    "end",
    "surface",
    "low",
    "high",
    "best",
    "approximate",
    "vague",
    "counted",
    "unit",
    "category",
    "location",
    "place_matched",
    "place_kind",
    "geonameid",
    "country_code",
    "attributed_to",
    "publisher",
    "date",
    "period",
    "period_start",
    "period_end",
    "as_of",
    "illustrative",
    "sentence",
)
SUMMARY_COLUMNS: tuple[str, ...] = (
    "group",
    "group_label",
    "series",
    "latest",
    "place",
    "category",
    "unit",
    "counted_group",
    "kind",
    "time",
    "estimates",
    "copies",
    "agreeing",
    "disagreeing",
    "band_low",
    "band_high",
    "conservative",
    "central",
    "method",
    "docs",
)

_ARTICLES = re.compile(r"^(?:the|al|el|ar|as|ad|an|at|az|ash)[\s\-‐]+")
_UNDATED = "undated"
# "eastern Aleppo" is a part of Aleppo; "Eastern Province" and "North Darfur" are names.
_DIRECTION = re.compile(r"(?<![\w-])(?:eastern|western|northern|southern|central|east|west|north|south)\s+[A-Z]")


# -- the word lists ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Words:
    classes: dict[str, str]  # phrase -> class
    class_pattern: re.Pattern[str]
    synonyms: dict[str, str]
    ignore: frozenset[str]
    part: re.Pattern[str]
    projection: re.Pattern[str]
    rate: re.Pattern[str]
    flow: re.Pattern[str]
    subplace: re.Pattern[str]
    connector: re.Pattern[str]
    max_gap: int
    addition: re.Pattern[str]
    place_type: re.Pattern[str]
    place_type_of: re.Pattern[str]


def _alternation(phrases: Iterable[str]) -> str:
    unique = sorted({" ".join(p.lower().split()) for p in phrases}, key=len, reverse=True)
    return r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in unique) + r")(?![\w-])"


@lru_cache(maxsize=1)
def _words() -> _Words:
    with resources.files("impact.lexicon").joinpath("grouping.toml").open("rb") as handle:
        data = tomllib.load(handle)
    classes = {" ".join(p.lower().split()): name for name, words in data["classes"].items() for p in words}
    kind = data["kind"]
    return _Words(
        classes=classes,
        class_pattern=re.compile(_alternation(classes), re.IGNORECASE),
        synonyms={key.lower(): value for key, value in data["synonyms"].items()},
        ignore=frozenset(w.lower() for w in data["ignore"]["words"]),
        part=re.compile(_alternation(data["part"]["before"]) + r"\W*(?:\w+\W+){0,3}$", re.IGNORECASE),
        # lower case only: "May" is a month, "Example Daily" a newspaper
        projection=re.compile(_alternation(kind["projection"])),
        rate=re.compile(_alternation(kind["rate"])),
        flow=re.compile(_alternation(kind["flow"]), re.IGNORECASE),
        subplace=re.compile(_alternation(data["subplace"]["words"]), re.IGNORECASE),
        connector=re.compile(r",|" + _alternation(data["ellipsis"]["connectors"]), re.IGNORECASE),
        max_gap=int(data["ellipsis"]["max_gap"]),
        place_type=re.compile(_alternation(data["place"]["types"])),
        place_type_of=re.compile(r"^" + _alternation(data["place"]["types"]) + r"\s+of\s+"),
        addition=re.compile(r"^\W*" + _alternation(data["addition"]["after"]) + r"(?!\s+than\b)", re.IGNORECASE),
    )


# -- place identity ----------------------------------------------------------------------


def same_place(query: str, name: object) -> bool:
    """Loose, case-insensitive place match: "Raqqa" ~ "Ar Raqqah", not "Mosul" ~ "Old City"."""
    if not isinstance(name, str) or not name:
        return False
    a, b = normal_place(query), normal_place(name)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(long) - len(short) <= 2 and len(short) >= 4


def normal_place(name: str) -> str:
    """A place name without case, accents, articles, possessives, type words and the
    parents written after it: "Derna", "Derna city", "the city of Derna" and "Derna, Libya"
    are one name ("Derna, Albayda and Benghazi" is a list, kept whole)."""
    head, _, tail = name.partition(",")
    if head.strip() and tail.strip() and not re.search(r"\band\b|&", tail):
        name = head
    words = _words()
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['’‘`ʿʾ]s\b", "", text)
    text = re.sub(r"['’‘`ʿʾ]", "", text)
    text = _ARTICLES.sub("", text.strip())
    text = _ARTICLES.sub("", words.place_type_of.sub("", text))
    text = words.place_type.sub(" ", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def is_subplace(location: object, matched: object = None, kind: object = None) -> bool:
    """True for a part of a place written as such: "Mosul's Old City", "eastern Aleppo", a camp.

    A neighbourhood the gazetteer geocodes to its city (``place_kind`` "area", matched to
    another name) is one too.
    """
    name = _text(location)
    if not name:
        return False
    if isinstance(matched, str) and matched:
        if same_place(matched, name):
            return False
        if _text(kind) == "area":
            return True
    return _words().subplace.search(name) is not None or _DIRECTION.search(name) is not None


def place_identity(row: dict[str, Any]) -> tuple[str, str, str | None]:
    """``(key, name, parent)`` of a figure's place: one key per gazetteer entity, or per
    normalised name without one; a sub-place keys on its parent and its own name."""
    location = _text(row.get("location"))
    matched = _text(row.get("place_matched")) or None
    geonameid = _plain_int(row.get("geonameid"))
    parent_key = f"geonames:{geonameid}" if geonameid is not None else None
    if is_subplace(location, matched, row.get("place_kind")):
        parent = matched or (None if parent_key is None else "")
        base = parent_key or (f"name:{normal_place(matched)}" if matched else "")
        return f"{base}>{normal_place(location)}", location, parent or None
    if parent_key is not None:
        return parent_key, matched or location, None
    if location:
        return f"name:{normal_place(location)}", location, None
    return "", "", None


# -- the group counted and the kind ------------------------------------------------------


def counted_group(counted: object, clause: str = "") -> tuple[str, frozenset[str]]:
    """The class of the counted phrase's head and the words that qualify it.

    ``("fighters", {"is"})`` for "IS fighters", ``("people", set())`` for "people" or none,
    ``("people", {"internal"})`` for IDPs or people "displaced internally" (``clause``).
    """
    words = _words()
    text = " ".join(_text(counted).lower().replace("’", "'").split())
    found = words.class_pattern.search(text)
    group = words.classes[" ".join(found.group(0).lower().split())] if found else "people"
    rest = words.class_pattern.sub(" ", text)
    qualifiers: set[str] = set()
    for phrase, value in words.synonyms.items():
        if " " in phrase and re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", rest):
            rest = rest.replace(phrase, " ")
            if value:
                qualifiers.add(value)
    for token in re.findall(r"[a-z][\w'-]*", rest):
        token = token.removesuffix("'s")
        if token in words.ignore:
            continue
        value = words.synonyms.get(token, token)
        if value:
            qualifiers.add(value)
    if group == "idps":
        group = "people"
        qualifiers.add("internal")
    if re.search(r"\binternally\b", clause, re.IGNORECASE) and group == "people":
        qualifiers.add("internal")
    return group, frozenset(qualifiers)


def names_a_group(counted: object) -> bool:
    """Whether a counted phrase names its group ("troops", "Armenian civilians"), not only the
    category ("missing", "remained missing", "injured") or nothing."""
    _, qualifiers = counted_group(counted)
    text = " ".join(_text(counted).lower().split())
    return bool(qualifiers) or _words().class_pattern.search(text) is not None


def _previous_in_sentence(records: list[dict[str, Any]]) -> list[int | None]:
    """Per row the figure just before it in its article, when that one is in its sentence."""
    order = sorted(
        range(len(records)), key=lambda i: (_text(records[i].get("doc")), _plain_int(records[i].get("start")) or 0)
    )
    previous: list[int | None] = [None] * len(records)
    for before, index in pairwise(order):
        same_doc = _text(records[before].get("doc")) == _text(records[index].get("doc"))
        if same_doc and _between(records[before], records[index]) is not None:
            previous[index] = before
    return previous


def _elided(
    records: list[dict[str, Any]],
    counted: list[tuple[str, frozenset[str]]],
    clauses: list[_Clause],
    previous: list[int | None],
) -> None:
    """Gives a figure whose counted phrase is elided the group of the figure just before it
    ("lost 2,906 troops, with 6 missing"; "85 Armenian civilians killed, 21 missing"),
    updating ``counted`` in place. The two are joined by a comma or a connector ("and",
    "with", "while") within a few words, with no sentence stop or bracket between them
    ("204 residents killed (4 children), 505 injured" does not count children), and count in
    one unit; a figure with its own "of" phrase ("9 of the rescue team") is not elided."""
    words = _words()
    for index, before in enumerate(previous):
        row = records[index]
        if before is None or names_a_group(row.get("counted")) or counted[index] != ("people", frozenset()):
            continue
        if _text(records[before].get("unit")) != _text(row.get("unit")):
            continue
        if re.match(r"\s*of\b", clauses[index].after, re.IGNORECASE):
            continue
        between = _between(records[before], row) or ""
        if len(between) > words.max_gap or re.search(r"[;:!?\n…()]|\.(?!\d)", between):
            continue
        if words.connector.search(between) is None:
            continue
        counted[index] = counted[before]


def _between(first: dict[str, Any], second: dict[str, Any]) -> str | None:
    """The text between two figures of one sentence (the second's), or None when the first
    is not in it."""
    sentence = _text(second.get("sentence"))
    offset = _plain_int(second.get("sentence_start"))
    end, start = _plain_int(first.get("end")), _plain_int(second.get("start"))
    first_start = _plain_int(first.get("start"))
    if offset is None or end is None or start is None or first_start is None:
        return None
    if first_start < offset or end > start or start - offset > len(sentence):
        return None
    surface = _text(second.get("surface"))
    if sentence[start - offset : start - offset + len(surface)] != surface:
        return None
    return sentence[end - offset : start - offset]


def describe_group(group: str, qualifiers: Iterable[str]) -> str:
    words = [("IS" if q == "is" else q) for q in sorted(qualifiers)]
    return " ".join([*words, group.replace("_", " ")])


@dataclass(frozen=True, slots=True)
class _Clause:
    before: str  # the clause before the figure (and a lead-in it follows, "In the past 24 hours,")
    after: str  # the clause after it


def _clause(row: dict[str, Any]) -> _Clause:
    sentence = _text(row.get("sentence"))
    surface = _text(row.get("surface"))
    start, sentence_start = _plain_int(row.get("start")), _plain_int(row.get("sentence_start"))
    position = -1
    if start is not None and sentence_start is not None:
        position = start - sentence_start
        if sentence[position : position + len(surface)] != surface:
            position = -1
    if position < 0:
        position = sentence.find(surface) if surface else -1
    if position < 0:
        return _Clause("", "")
    before = sentence[:position]
    after = sentence[position + len(surface) :]
    segments = re.split(r"[;:.!?]|,(?!\d{3})", before)
    clause_before = segments[-1]
    if len(segments) > 1 and not re.search(r"[^\W\d_]", clause_before):
        clause_before = segments[-2] + ", " + clause_before  # a lead-in: "In the past 24 hours, 40 ..."
    clause_before = clause_before[-100:]
    clause_after = re.split(r"[;:.!?]|,(?!\d{3})", after)[0][:100]
    return _Clause(clause_before, clause_after)


def _kind_from_text(clause: _Clause) -> str:
    words = _words()
    text = f"{clause.before} {clause.after}"
    if words.projection.search(text):
        return "projection"
    if words.rate.search(clause.after) or words.rate.search(clause.before[-20:]):
        return "rate"
    if words.flow.search(text) and not re.search(r"\btotal\b|\bcumulative\b|\bto date\b|\bso far\b", text, re.I):
        return "flow"
    return "stock"


def _is_part(clause: _Clause) -> bool:
    return _words().part.search(clause.before) is not None


def _is_addition(clause: _Clause) -> bool:
    """True for a figure that counts beyond an earlier one ("498 children, and likely hundreds more")."""
    return _words().addition.search(clause.after) is not None


# -- time --------------------------------------------------------------------------------


def _day(value: object) -> date | None:
    """An ISO date (or date-time, or year-month) as a day; ``None`` when unknown."""
    text = _text(value).strip()
    if not text:
        return None
    match = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
    except ValueError:
        return None


def _when(row: dict[str, Any], kind: str) -> tuple[date | None, date | None]:
    """``(start, end)`` of a flow's window, or ``(None, as-of day)`` of anything else (a
    running total: as of the end of its window)."""
    published = _day(row.get("date"))
    if kind == "flow":
        start = _day(row.get("period_start"))
        end = _day(row.get("period_end")) or published
        return start or end, end
    return None, _day(row.get("as_of")) or _day(row.get("period_end")) or published


def _imprecise(row: dict[str, Any], kind: str, tolerance_days: int) -> tuple[date, date] | None:
    """The span of a count known only as "September 2022" (both ends given, longer than the
    tolerance), or None: a stock "as of September" or a running total "in September".

    Such a count is compared with another article's only when their ranges meet, like an
    undated one: two reports "as of September" may be three weeks apart."""
    if kind in ("rate", "projection"):
        return None
    start, end = _day(row.get("period_start")), _day(row.get("period_end"))
    as_of = _day(row.get("as_of"))
    if start is None or end is None or (end - start).days <= tolerance_days:
        return None
    return (start, end) if as_of is None or as_of == end else None


def _running_total(row: dict[str, Any], tolerance_days: int) -> bool:
    """A flow whose own words give no window, no start, or a window longer than the
    tolerance is a running total ("at least 1,355 deaths since June 14"): it is compared
    with stocks as of its end, not with increments such as "in the past 24 hours"."""
    if not _text(row.get("period")).strip():
        return True
    start, end = _day(row.get("period_start")), _day(row.get("period_end"))
    if start is None:
        return True
    return end is None or (end - start).days > tolerance_days


def _windows(
    items: list[tuple[int, date | None, date | None]], kind: str, tolerance: int, flow_tolerance: int
) -> dict[int, tuple[date | None, date | None]]:
    """For each item index, the window (first and last day) of the time bucket it falls in."""
    dated = sorted((item for item in items if item[2] is not None), key=lambda item: (item[2], item[1] or item[2]))
    result: dict[int, tuple[date | None, date | None]] = {i: (None, None) for i, _, end in items if end is None}
    bucket: list[tuple[int, date | None, date | None]] = []

    def close() -> None:
        if kind == "flow":
            first: date | None = min(e if s is None else s for _, s, e in bucket if e is not None)
        else:
            first = min(e for _, _, e in bucket if e is not None)
        last = max(e for _, _, e in bucket if e is not None)
        for index, _, _ in bucket:
            result[index] = (first, last)

    for item in dated:
        if bucket:
            _, start0, end0 = bucket[0]
            assert end0 is not None and item[2] is not None
            if kind == "flow":
                fits = abs((item[2] - end0).days) <= flow_tolerance and (
                    abs(((item[1] or item[2]) - (start0 or end0)).days) <= flow_tolerance
                )
            else:
                fits = (item[2] - end0).days <= tolerance
            if not fits:
                close()
                bucket = []
        bucket.append(item)
    if bucket:
        close()
    return result


def _split(
    members: list[int], records: list[dict[str, Any]], facts: list[dict[str, Any]], undated: bool = False
) -> list[list[int]]:
    """``members`` in groups such that no article has two of its estimates that do not
    overlap in one group: an article that gives 2,906 and 3,825 servicemen killed counts
    two quantities (two sides, a total and a part, a count and an earlier one), even when it
    credits them to two sources ("Per Azerbaijan: ...", "Per Armenia: ..."). Each estimate
    of another article joins the first of them its range meets. ``undated``: estimates of
    different articles with no date at all are kept apart too unless their ranges meet."""
    if len(members) < 2:
        return [members]
    subgroups: list[list[int]] = []
    for index in sorted(members, key=lambda i: (facts[i]["_doc"], _plain_int(records[i].get("start")) or 0)):
        free = [g for g in subgroups if not any(_apart(index, other, records, facts, undated) for other in g)]
        if not free:
            subgroups.append([index])
            continue
        interval = facts[index]["_interval"]
        meeting = [g for g in free if any(_overlaps(interval, facts[o]["_interval"]) for o in g)]
        (meeting or free)[0].append(index)
    return subgroups


def _join_own_article(
    part_of: dict[int, tuple[Any, ...]],
    records: list[dict[str, Any]],
    facts: list[dict[str, Any]],
    windows: dict[int, tuple[date | None, date | None]],
) -> None:
    """An undated (or only vaguely dated) estimate joins a dated group of the same quantity
    that holds an estimate of its own article, when it is apart from none of the group's:
    "at least 1,355 deaths since June 14" belongs with the same report's "1,355 deaths as
    of September 7". It takes that group's time."""
    members: dict[tuple[Any, ...], list[int]] = {}
    for index, group in part_of.items():
        members.setdefault(group, []).append(index)
    targets: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}  # quantity -> dated groups, then spans
    for group in sorted(members, key=lambda g: g[-2][0] == "within"):
        if group[-2][0] == "within" or group[-2][1] is not None:
            targets.setdefault(group[:-2], []).append(group)
    docs = {group: Counter(facts[i]["_doc"] for i in indices) for group, indices in members.items()}
    for group in [g for g in members if g[-2][0] == "within" or g[-2][1] is None]:
        for index in list(members[group]):
            doc = facts[index]["_doc"]
            for target in targets.get(group[:-2], []):
                others = members[target]
                if target == group or not others or not docs[target][doc]:
                    continue
                if any(_apart(index, other, records, facts, True) for other in others):
                    continue
                part_of[index] = target
                windows[index] = windows[others[0]]
                facts[index]["_span"] = facts[others[0]]["_span"]
                members[group].remove(index)
                docs[group][doc] -= 1
                others.append(index)
                docs[target][doc] += 1
                break


def _join_quoted(
    part_of: dict[int, tuple[Any, ...]],
    records: list[dict[str, Any]],
    facts: list[dict[str, Any]],
    windows: dict[int, tuple[date | None, date | None]],
) -> None:
    """An estimate with no date at all that gives the very figure of another article's dated
    estimate of the same quantity is that figure quoted again ("lost 2,906 troops" in an
    undated account, "2,906 servicemen killed" in a dated one): it joins that group and takes
    its time. Any other figure stays apart, a rounder one too (1,400 beside 1,355): without a
    date the difference may be a change over time."""
    members: dict[tuple[Any, ...], list[int]] = {}
    for index, group in part_of.items():
        members.setdefault(group, []).append(index)
    # (quantity, figure) -> the dated groups giving it, latest first, with the docs that give it
    quoted: dict[tuple[Any, ...], dict[tuple[Any, ...], set[str]]] = {}
    for group in members:
        if group[-2][0] == "within" or group[-2][1] is None:
            continue
        for other in members[group]:
            best = _plain_int(records[other].get("best"))
            if best is not None:
                quoted.setdefault((group[:-2], best), {}).setdefault(group, set()).add(facts[other]["_doc"])
    own: dict[tuple[tuple[Any, ...], str], list[int]] = {}  # (group, doc) -> its members of that doc
    for group, indices in members.items():
        for other in indices:
            own.setdefault((group, facts[other]["_doc"]), []).append(other)
    for group in [g for g in members if g[-2][0] != "within" and g[-2][1] is None]:
        for index in list(members[group]):
            doc, best = facts[index]["_doc"], _plain_int(records[index].get("best"))
            found = quoted.get((group[:-2], best), {})
            for target in sorted(found, key=lambda g: g[-2][1], reverse=True):
                others = members[target]
                # only its own article's members can be apart from it (``_apart`` across articles
                # is for undated pairs)
                same_doc = own.get((target, doc), [])
                if found[target] <= {doc} or any(_apart(index, other, records, facts, False) for other in same_doc):
                    continue
                own.setdefault((target, doc), []).append(index)
                part_of[index] = target
                windows[index] = windows[others[0]]
                members[group].remove(index)
                others.append(index)
                break


def same_figure(a: int | None, b: int | None) -> bool:
    """The same figure, to the rounding of the rounder one: 2,906 and 2,906; 138,000 and
    138,373 (138,000 has three significant digits); not 10 and 12, not 8,000 and 10,000."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    rounder, other = sorted((a, b), key=lambda n: len(str(abs(n))) - len(str(abs(n)).rstrip("0")), reverse=True)
    digits = str(abs(rounder))
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0 or len(digits) - zeros < 2:
        return False
    step = 10**zeros
    return math.floor(other / step + 0.5) * step == rounder


def _repeats_as_stock(keys: list[tuple[Any, ...]], facts: list[dict[str, Any]], records: list[dict[str, Any]]) -> None:
    """A flow over a short window that gives the very figure (to its rounding) of a stock of
    the same quantity in its own article is that stock told again: the window was the
    event's date ("causing at least 138,373 deaths" after "made landfall on 2 May") or the
    start of a running total ("displaced ... due to the conflict that erupted on 15 April").
    It takes the stock's kind and time."""
    stocks: dict[tuple[Any, ...], list[int]] = {}
    for index, key in enumerate(keys):
        if key[-1] == "stock" and facts[index]["_span"] is None:
            stocks.setdefault((facts[index]["_doc"], *key[:-1]), []).append(index)
    for index, key in enumerate(keys):
        if key[-1] != "flow":
            continue
        best = _plain_int(records[index].get("best"))
        for stock in stocks.get((facts[index]["_doc"], *key[:-1]), []):
            if same_figure(best, _plain_int(records[stock].get("best"))):
                keys[index] = keys[stock]
                facts[index]["kind"] = "stock"
                facts[index]["_start"], facts[index]["_end"] = facts[stock]["_start"], facts[stock]["_end"]
                break


def _uncategorised_repeats(
    keys: list[tuple[Any, ...]], facts: list[dict[str, Any]], records: list[dict[str, Any]]
) -> None:
    """An estimate the extractor files under ``other`` that gives the very bounds of an
    estimate of the same place, unit, group, kind and time in its own article is that
    estimate told again in other words ("casualties have risen to more than 10,000" after
    "at least 10,000 people are dead"): it takes the nearest such estimate's category."""
    known: dict[tuple[Any, ...], list[int]] = {}
    for index, key in enumerate(keys):
        if key[1] != "other":
            known.setdefault((facts[index]["_doc"], key[0], *key[2:]), []).append(index)
    for index, key in enumerate(keys):
        if key[1] != "other":
            continue
        bounds = (_plain_int(records[index].get("low")), _plain_int(records[index].get("high")))
        start = _plain_int(records[index].get("start")) or 0
        same = [
            other
            for other in known.get((facts[index]["_doc"], key[0], *key[2:]), [])
            if (_plain_int(records[other].get("low")), _plain_int(records[other].get("high"))) == bounds
            and (facts[other]["_start"], facts[other]["_end"], facts[other]["_span"])
            == (facts[index]["_start"], facts[index]["_end"], facts[index]["_span"])
        ]
        if same:
            nearest = min(same, key=lambda other: abs((_plain_int(records[other].get("start")) or 0) - start))
            keys[index] = keys[nearest]
            facts[index]["category"] = keys[nearest][1]


def _sides(keys: list[tuple[Any, ...]], facts: list[dict[str, Any]], records: list[dict[str, Any]]) -> None:
    """Sets each estimate's ``_source`` and ``_against``: the sources its article presents as
    the other side. Two sources that each give one estimate of a quantity, and whose
    estimates the article keeps apart (2,906 and 3,825 servicemen killed, "Per Azerbaijan"
    and "Per Armenia"), count two sides, not one quantity: their other counts are kept
    apart too, even when they come close (11,110 and about 11,000 wounded)."""
    by_source: dict[tuple[Any, ...], dict[str, list[int]]] = {}
    for index, key in enumerate(keys):
        source = " ".join(_text(records[index].get("attributed_to")).casefold().split())
        facts[index]["_source"] = source
        facts[index]["_against"] = frozenset()
        if source:
            by_source.setdefault((facts[index]["_doc"], *key), {}).setdefault(source, []).append(index)
    against: dict[tuple[str, str], set[str]] = {}
    for (doc, *_), sources in by_source.items():
        single = {source: indices[0] for source, indices in sources.items() if len(indices) == 1}
        for (one, a), (two, b) in combinations(single.items(), 2):
            if not _overlaps(facts[a]["_closed"], facts[b]["_closed"]):
                against.setdefault((doc, one), set()).add(two)
                against.setdefault((doc, two), set()).add(one)
    for fact in facts:
        fact["_against"] = frozenset(against.get((fact["_doc"], fact["_source"]), ()))


def _apart(a: int, b: int, records: list[dict[str, Any]], facts: list[dict[str, Any]], undated: bool) -> bool:
    """Two estimates of one article whose ranges (open ends closed at twice or half, widened
    by the hedge) do not meet, or that two sides give (see ``_sides``); with ``undated``, two
    of different articles whose ranges do not meet (without dates a disagreement cannot be
    told from a change over time)."""
    fa, fb = facts[a], facts[b]
    if fa["_doc"] != fb["_doc"]:
        return undated and not _overlaps(fa["_interval"], fb["_interval"])
    return not _overlaps(fa["_closed"], fb["_closed"]) or fb.get("_source") in fa.get("_against", ())


def _closed(fact: dict[str, Any]) -> tuple[float, float]:
    """The interval with an open bound closed at a factor of two and widened by the hedge:
    within one article "30+" killed and "61,000 killed overall" are two counts, not one range."""
    low, high = _plain_int(fact["tolerance_low"]), _plain_int(fact["tolerance_high"])
    if low is None and high is not None:
        low = high // 2
    if high is None and low is not None:
        high = low * 2
    # and rounded figures are close enough: "at least 138,373" and "after 138,000"
    return _lower(None if low is None else low * (1 - DEFAULT_HEDGE)), _upper(
        None if high is None else high * (1 + DEFAULT_HEDGE)
    )


def _interval(fact: dict[str, Any]) -> tuple[float, float]:
    return _lower(fact["tolerance_low"]), _upper(fact["tolerance_high"])


def _describe_time(kind: str, window: tuple[date | None, date | None]) -> str:
    first, last = window
    if last is None:
        return _UNDATED
    if kind == "flow":
        return f"on {last}" if first in (None, last) else f"over {first} – {last}"
    return f"as of {last}" if first in (None, last) else f"as of {first} – {last}"


# -- the frame-level API -----------------------------------------------------------------


def effective(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with reviewed values in place of the extractor's (``effective_*`` columns)."""
    frame = apply_effective(frame)
    for column in ("date", "doc", "start"):
        if column not in frame.columns:
            frame[column] = None
    return frame


def groups(
    frame: pd.DataFrame,
    *,
    tolerance_days: int = DEFAULT_TOLERANCE_DAYS,
    flow_tolerance_days: int = DEFAULT_FLOW_TOLERANCE_DAYS,
    hedge: float = DEFAULT_HEDGE,
    pool_undated: bool = False,
) -> pd.DataFrame:
    """One row per estimate of ``frame`` with the group of estimates it is compared with.

    ``frame`` has the columns of ``Store.figures()`` or ``impact.frame.to_frame()`` (plus
    ``date``/``publisher`` when known; ``kind``, ``as_of``, ``period_start``/``period_end``
    when the extractor gives them). Rows keep the frame's order. ``group`` is an id shared
    by the estimates compared together and ``group_label`` says why ("Mosul · fighters ·
    IS fighters · stock · as of 2017-06-12"); ``series`` is shared by the same quantity at
    other times, ``latest`` marks the series' latest group; ``disagrees`` and
    ``duplicate_of`` as in ``compare``; ``tolerance_low``/``tolerance_high`` are the bounds
    widened by the hedge. The rows keep the frame's index. An estimate with no date at all
    (no ``as_of``, no article date) is compared with another article's only when their
    ranges meet: nothing says when it held, so a difference may be a change over time
    rather than a disagreement (``pool_undated`` compares all undated estimates of a
    quantity, disagreeing or not).
    """
    original_index = frame.index
    frame = effective(frame).reset_index(drop=True)
    records: list[dict[str, Any]] = [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]
    has_kind = "kind" in frame.columns
    keys: list[tuple[Any, ...]] = []
    facts: list[dict[str, Any]] = []
    clauses = [_clause(row) for row in records]
    counted = [
        counted_group(row.get("counted"), c.before + " " + c.after) for row, c in zip(records, clauses, strict=True)
    ]
    previous = _previous_in_sentence(records)
    _elided(records, counted, clauses, previous)
    for row, clause, (group, qualifiers), before in zip(records, clauses, counted, previous, strict=True):
        place_key, place, parent = place_identity(row)
        # "498 children, and likely hundreds more"; not "killed 66 people and injured 111 more"
        if _is_addition(clause) and (before is None or records[before].get("category") == row.get("category")):
            qualifiers = qualifiers | {"additional"}
        kind = _text(row.get("kind")) if has_kind else _kind_from_text(clause)
        kind = kind if kind in KINDS else "stock"
        span = _imprecise(row, kind, tolerance_days)  # a stock "as of September"
        if kind == "flow" and has_kind and _running_total(row, tolerance_days):
            kind = "stock"
        part = _is_part(clause)
        low, high = _tolerance(row, hedge)
        start, end = _when(row, kind)
        if span is not None:
            start = end = None
        # a part matters when its group does not already tell it apart ("including 300 children")
        part = part and group == "people" and not qualifiers
        keys.append((place_key, _text(row.get("category")), _text(row.get("unit")), group, qualifiers, part, kind))
        facts.append(
            {
                "category": _text(row.get("category")),
                "place_key": place_key,
                "place": place,
                "parent": parent,
                "counted_group": describe_group(group, qualifiers),
                "part": part,
                "kind": kind,
                "tolerance_low": low,
                "tolerance_high": high,
                "_start": start,
                "_end": end,
                "_span": span,
                "_doc": _text(row.get("doc")),
            }
        )
    for fact in facts:
        fact["_interval"], fact["_closed"] = _interval(fact), _closed(fact)
    _repeats_as_stock(keys, facts, records)
    _uncategorised_repeats(keys, facts, records)
    _sides(keys, facts, records)
    # time buckets within each quantity
    by_key: dict[tuple[Any, ...], list[int]] = {}
    for index, key in enumerate(keys):
        by_key.setdefault(key, []).append(index)
    windows: dict[int, tuple[date | None, date | None]] = {}
    for key, members in by_key.items():
        items = [(i, facts[i]["_start"], facts[i]["_end"]) for i in members]
        windows.update(_windows(items, key[-1], tolerance_days, flow_tolerance_days))
    # candidate groups: the quantity and its time
    candidates: dict[tuple[Any, ...], list[int]] = {}
    for index, key in enumerate(keys):
        span = facts[index]["_span"]
        candidates.setdefault((*key, windows[index] if span is None else ("within", *span)), []).append(index)
    # ids in the frame's order, after splitting what one article keeps apart
    part_of: dict[int, tuple[Any, ...]] = {}
    for candidate, members in candidates.items():
        vague = candidate[-1][0] == "within" or candidate[-1][1] is None
        for number, subgroup in enumerate(_split(members, records, facts, vague and not pool_undated)):
            for index in subgroup:
                part_of[index] = (*candidate, number)
    _join_own_article(part_of, records, facts, windows)
    _join_quoted(part_of, records, facts, windows)
    group_ids: dict[tuple[Any, ...], int] = {}
    series_ids: dict[tuple[Any, ...], int] = {}
    group_of: list[int] = []
    series_of: list[int] = []
    for index, key in enumerate(keys):
        group_of.append(group_ids.setdefault(part_of[index], len(group_ids) + 1))
        series_of.append(series_ids.setdefault(key, len(series_ids) + 1))
    result = frame[[c for c in IDENTITY_COLUMNS if c in frame.columns]].copy()
    for name in ("place_key", "place", "parent", "counted_group", "part", "kind", "tolerance_low", "tolerance_high"):
        result[name] = [fact[name] for fact in facts]
    result["time"] = [
        _describe_time(facts[i]["kind"], windows[i])
        if facts[i]["_span"] is None
        else "within {} – {}".format(*facts[i]["_span"])
        for i in range(len(records))
    ]
    result["group"] = group_of
    result["series"] = series_of
    result["group_label"] = _labels(result, records, [fact["category"] for fact in facts])
    result["latest"] = _latest(group_of, series_of, windows)
    duplicate_of: list[str | None] = [None] * len(records)
    disagrees: list[bool] = [False] * len(records)
    by_group: dict[int, list[int]] = {}
    for index, number in enumerate(group_of):
        by_group.setdefault(number, []).append(index)
    for indices in by_group.values():
        ordered = sorted(indices, key=lambda i: _date_order(records[i]))
        copies = _duplicates([records[i] for i in ordered])
        distinct = [i for i, copy in zip(ordered, copies, strict=True) if copy is None]
        for i, copy in zip(ordered, copies, strict=True):
            duplicate_of[i] = copy
        intervals = [facts[i]["_interval"] for i in distinct]
        docs = [_text(records[i].get("doc")) for i in distinct]
        for i, flag in zip(distinct, _disagreeing(intervals, docs), strict=True):
            disagrees[i] = flag
    result["duplicate_of"] = pd.Series(duplicate_of, index=result.index, dtype=object)
    result["disagrees"] = disagrees
    result["disagrees"] = result["disagrees"].astype(bool)
    result["latest"] = result["latest"].astype(bool)
    result["part"] = result["part"].astype(bool)
    for name in ("tolerance_low", "tolerance_high"):
        result[name] = pd.to_numeric(result[name], errors="coerce").astype("Int64")
    columns = [c for c in IDENTITY_COLUMNS if c in result.columns and c not in GROUP_COLUMNS]
    result = result[[*columns, *GROUP_COLUMNS]]
    result.index = original_index
    return result


# The columns of ``groups()``'s output that ``summarise`` reads: a caller may hand it only
# these (the dashboard's grid does, for speed); a test holds the two results equal.
SUMMARY_INPUTS: tuple[str, ...] = (
    "group", "group_label", "series", "latest", "place", "category", "unit", "counted_group", "kind", "time",
    "duplicate_of", "disagrees", "doc", "tolerance_low", "tolerance_high", "low", "high", "best",
)  # fmt: skip


def summarise(grouped: pd.DataFrame) -> pd.DataFrame:
    """One row per group of a ``groups()`` frame: its agreement band, a conservative and a
    central estimate with the method stated, and how many estimates agree or disagree."""
    rows: list[dict[str, Any]] = []
    for group, members in grouped.groupby("group", sort=True):
        first = members.iloc[0]
        distinct = members[members["duplicate_of"].isna()]
        _, found = agreement(distinct, bounds=("tolerance_low", "tolerance_high"))
        rows.append(
            {
                "group": group,
                "group_label": first["group_label"],
                "series": first["series"],
                "latest": bool(first["latest"]),
                "place": first["place"],
                # an uncategorised repeat ("other") takes its group's category
                "category": next((c for c in members.get("category", []) if c != "other"), first.get("category")),
                "unit": first.get("unit"),
                "counted_group": first["counted_group"],
                "kind": first["kind"],
                "time": first["time"],
                "estimates": found.estimates,
                "copies": len(members) - len(distinct),
                "agreeing": found.agreeing,
                "disagreeing": int(distinct["disagrees"].sum()),
                "band_low": found.low,
                "band_high": found.high,
                "conservative": found.conservative,
                "central": found.central,
                "method": found.method,
                "docs": ", ".join(dict.fromkeys(str(d) for d in members["doc"])),
            }
        )
    return pd.DataFrame.from_records(rows, columns=list(SUMMARY_COLUMNS))


def timeline(grouped: pd.DataFrame) -> pd.DataFrame:
    """``summarise()`` ordered by series and time: each quantity's estimates as they changed,
    its ``latest`` group last."""
    summary = summarise(grouped)
    order = summary["time"].map(lambda t: "" if t == _UNDATED else str(t).split(" – ")[-1])
    return summary.assign(_order=order).sort_values(["series", "_order", "group"]).drop(columns="_order")


# -- agreement within a group ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Consensus:
    """Where a group's estimates agree: ``low``/``high`` of the overlap (``None`` = open or none).

    ``conservative`` is the lowest best estimate of the agreeing estimates (the most
    conservative, as ACLED takes it), ``central`` their median best; ``method`` says so.
    """

    estimates: int  # distinct estimates (duplicates counted once)
    agreeing: int  # how many of them share the overlap
    low: int | None
    high: int | None
    median_best: float | None
    overlap: bool  # False when no two estimates overlap
    conservative: int | None = None
    central: float | None = None
    method: str = ""

    def describe(self) -> str:
        if self.estimates == 0:
            return "no estimates"
        median = "n/a" if self.median_best is None else f"{self.median_best:,.0f}"
        if not self.overlap:
            return f"no overlap among {self.estimates} estimates; median best {median}"
        span = _bound(self.low) if self.low == self.high else f"{_bound(self.low)} to {_bound(self.high)}"
        if self.estimates == 1:
            return f"{span} (a single estimate)"
        return f"{span} ({self.agreeing} of {self.estimates} estimates overlap); median best {median}"


def agreement(rows: pd.DataFrame, bounds: tuple[str, str] = ("low", "high")) -> tuple[list[bool], Consensus]:
    """Per row whether it overlaps no other article's range, and the largest common overlap."""
    low_column, high_column = bounds if bounds[0] in rows.columns else ("low", "high")
    intervals = [(_lower(lo), _upper(hi)) for lo, hi in zip(rows[low_column], rows[high_column], strict=True)]
    bests = [_plain_int(best) for best in rows["best"]] if "best" in rows.columns else [None] * len(rows)
    known = [best for best in bests if best is not None]
    median = float(statistics.median(known)) if known else None
    count = len(intervals)
    disagrees = _disagreeing(intervals, [str(doc) for doc in rows["doc"]])
    # The deepest point is at some interval's lower end (or -inf): try each.
    members: list[int] = []
    for candidate in sorted({lo for lo, _ in intervals}):
        inside = [i for i, (lo, hi) in enumerate(intervals) if lo <= candidate <= hi]
        if len(inside) > len(members):
            members = inside
    if count == 1:
        members = [0]
    if len(members) >= 2 or count == 1:
        low = max(intervals[i][0] for i in members)
        high = min(intervals[i][1] for i in members)
        agreeing = [best for best in (bests[i] for i in members) if best is not None]
        return disagrees, Consensus(
            estimates=count,
            agreeing=len(members),
            low=None if math.isinf(low) else int(low),
            high=None if math.isinf(high) else int(high),
            median_best=median,
            overlap=True,
            conservative=min(agreeing) if agreeing else None,
            central=float(statistics.median(agreeing)) if agreeing else None,
            method=(
                "a single estimate"
                if count == 1
                else f"conservative: lowest best of the {len(members)} overlapping estimates;"
                f" central: their median best"
            ),
        )
    return disagrees, Consensus(
        count,
        min(count, 1),
        None,
        None,
        median,
        overlap=False,
        conservative=min(known) if known else None,
        central=median,
        method=(
            "no estimates"
            if count == 0
            else f"no two of the {count} estimates overlap: conservative is the lowest best, central the median best"
        ),
    )


def _disagreeing(intervals: list[tuple[float, float]], docs: list[str]) -> list[bool]:
    """Per estimate whether its range meets no other article's (its own article's other
    figures do not count)."""
    if len(set(docs)) < 2:
        return [False] * len(intervals)
    return [
        not any(_overlaps(interval, other) for j, other in enumerate(intervals) if docs[j] != docs[i])
        for i, interval in enumerate(intervals)
    ]


def _duplicates(rows: list[dict[str, Any]]) -> list[str | None]:
    """For each row, the doc of an earlier row saying the very same thing, if any.

    That is a syndicated copy (same values, surface and sentence in another article)
    or an article repeating its own estimate (same bounds, e.g. headline and body).
    """
    seen: dict[tuple[Any, ...], str] = {}
    result: list[str | None] = []
    for row in rows:
        low, high = _plain_int(row.get("low")), _plain_int(row.get("high"))
        doc = _text(row.get("doc"))
        copy = (low, high, _text(row.get("surface")).casefold(), _normal_sentence(row.get("sentence")))
        repeat = ("repeat", doc, low, high)
        owner = seen.get(copy) or seen.get(repeat)
        result.append(owner)
        if owner is None:
            seen[copy] = seen[repeat] = doc
    return result


def _date_order(row: dict[str, Any]) -> tuple[bool, str, str, int]:
    """Date order, undated last, then doc and offset (as ``sort_values`` with ``na_position="last"``)."""
    published = _text(row.get("date"))
    return (not published, published, _text(row.get("doc")), _plain_int(row.get("start")) or 0)


_DATELINE = re.compile(
    r"^\([^()]{1,60}\)\s*[-–—:]?\s*"  # (Example Daily) ...
    r"|^[A-Z][\w .,'’-]{0,60}?\s*\([^()]{1,60}\)\s*[-–—]\s*"  # MOSUL, Iraq (Example Wire) - ...
    r"|^[A-Z][A-Z .,'’-]{2,40}[-–—:]\s+"  # BAGHDAD - ...
)


def _normal_sentence(sentence: Any) -> str:
    """A sentence as a copy would repeat it: its last paragraph, without a dateline
    ("MOSUL, Iraq (Example Wire) - ") or spacing, quotes and case."""
    if not isinstance(sentence, str):
        return ""
    sentence = re.split(r"\n\s*\n", sentence.strip())[-1]
    sentence = _DATELINE.sub("", sentence.strip(), count=1)
    text = unicodedata.normalize("NFKC", sentence).casefold()
    text = re.sub(r"[“”„\"]", '"', text).replace("’", "'")
    return " ".join(re.sub(r"[^\w\s,.'\"-]", " ", text).split())


# -- helpers -----------------------------------------------------------------------------


def _labels(result: pd.DataFrame, records: list[dict[str, Any]], categories: list[str]) -> list[str]:
    """One label per row ("Mosul · fighters · IS fighters · stock · as of 2017-06-12"), the
    place named as most of the group's members name it."""
    numbers = [int(g) for g in result["group"]]
    columns = {name: list(result[name]) for name in ("place", "parent", "counted_group", "part", "kind", "time")}
    columns["category"] = categories
    names: dict[int, Counter[str]] = {}
    for group, place in zip(numbers, columns["place"], strict=True):
        names.setdefault(group, Counter())[str(place or "")] += 1
    labels: list[str] = []
    for index, row in enumerate(records):
        place = names[numbers[index]].most_common(1)[0][0] or "(no place)"
        parent = columns["parent"][index]
        if isinstance(parent, str) and parent and normal_place(parent) not in normal_place(place):
            place = f"{place} (in {parent})"
        parts = [place, str(columns["category"][index] or "?")]
        unit = _text(row.get("unit"))
        if unit and unit != "people":
            parts.append(unit)
        counted = str(columns["counted_group"][index])
        if columns["part"][index]:
            counted += " (part of a total)"
        parts += [counted, str(columns["kind"][index]), str(columns["time"][index])]
        labels.append(" · ".join(parts))
    # one label per group: the counts an article keeps apart (two sides, an earlier count) say so
    label_of: dict[int, str] = {}
    for group, label in zip(numbers, labels, strict=True):
        label_of.setdefault(group, label)
    seen: Counter[str] = Counter()
    unique: dict[int, str] = {}
    for group in sorted(label_of):
        label = label_of[group]
        seen[label] += 1
        unique[group] = (
            label
            if seen[label] == 1
            else f"{label} · another count" + (f" ({seen[label] - 1})" if seen[label] > 2 else "")
        )
    return [unique[group] for group in numbers]


def _latest(
    group_of: list[int], series_of: list[int], windows: dict[int, tuple[date | None, date | None]]
) -> list[bool]:
    """True for the members of each series' latest dated group (or its only group)."""
    newest: dict[int, tuple[date, int]] = {}
    for index, (group, series) in enumerate(zip(group_of, series_of, strict=True)):
        last = windows[index][1]
        if last is not None and (series not in newest or last > newest[series][0]):
            newest[series] = (last, group)
    return [
        (newest[series][1] == group) if series in newest else True
        for group, series in zip(group_of, series_of, strict=True)
    ]


def _tolerance(row: dict[str, Any], hedge: float) -> tuple[int | None, int | None]:
    low, high = _plain_int(row.get("low")), _plain_int(row.get("high"))
    if bool(row.get("approximate")) and not bool(row.get("vague")):
        low = None if low is None else round(low * (1 - hedge))
        high = None if high is None else round(high * (1 + hedge))
    return low, high


def _text(value: object) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value)


def _plain_int(value: Any) -> int | None:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _lower(value: Any) -> float:
    number = _plain_int(value)
    return -math.inf if number is None else float(number)


def _upper(value: Any) -> float:
    number = _plain_int(value)
    return math.inf if number is None else float(number)


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _bound(value: int | None) -> str:
    return "open" if value is None else f"{value:,}"


__all__ = [
    "DEFAULT_FLOW_TOLERANCE_DAYS",
    "DEFAULT_HEDGE",
    "DEFAULT_TOLERANCE_DAYS",
    "GROUP_COLUMNS",
    "SUMMARY_COLUMNS",
    "SUMMARY_INPUTS",
    "Consensus",
    "agreement",
    "counted_group",
    "effective",
    "groups",
    "is_subplace",
    "names_a_group",
    "normal_place",
    "place_identity",
    "same_figure",
    "same_place",
    "summarise",
    "timeline",
]
