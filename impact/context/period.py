"""When a figure holds: its time words, resolved to dates, and what kind of count it is.

The time phrases of a whole text are found in one regular-expression pass (the words are
data, in ``lexicon/time.toml``); only the phrases found are parsed into dates. A figure takes
the time words of its own sentence that apply to it, else those of the section heading or
list lead-in above it; when it has none, its dates (not its ``period`` words) come from the
document's own date (title, "As of" line, infobox ``Date``) or the article's date.

Relative phrases ("last week", "on Monday", "in the past 24 hours") are resolved only
against the article's date (``published``): without it they stay unresolved, never guessed.
"""

from __future__ import annotations

import bisect
import calendar
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from operator import attrgetter
from typing import Any

import regex

from impact.keywords import KeywordScanner
from impact.lexicon import trie_alternation
from impact.model import Figure
from impact.text import KEEP_GIL, Span, is_header, list_lead_in

_TOP_CHARS = 400  # the document's own date is read from its first lines ...
_TOP_LINE = 150  # ... up to the first line this long (the body)
_TOP_LINES = 3
_POST_REACH = 160  # time words after a figure apply to it this far away, at most
_ADJACENT = 40  # ... and when a sentence opens with time words, those after a figure win only this near
_OWNED_GAP = 25  # time words this near after another figure, in its clause, are that figure's
_PRE_REACH = 320  # time words before a figure (a sentence's opening "As of 13 October, ...")


@dataclass(frozen=True, slots=True)
class Period:
    """The time frame of one figure. ``start``/``end``/``as_of`` are ISO dates or None."""

    period: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    start: str | None = None
    end: str | None = None
    as_of: str | None = None
    time_source: str | None = None
    kind: str = "stock"


@dataclass(frozen=True, slots=True)
class TimePhrase:
    start: int
    end: int
    shape: str  # as_of / since / between / on / relative / window / rate


# ---------------------------------------------------------------- the word lists and patterns


@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    month_parts: dict[str, tuple[int, int]]
    anchors: dict[str, str]
    relative: dict[str, tuple[str, int, str]]
    window_units: dict[str, str]
    window_counts: dict[str, int]
    rates_not_after: frozenset[str]
    rates_not_before: frozenset[str]
    reporting: frozenset[str]
    projection: regex.Pattern[str]
    flow: regex.Pattern[str]
    flow_categories: frozenset[str]
    phrase: regex.Pattern[str]
    date: regex.Pattern[str]


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _words_pattern(words: list[str] | set[str]) -> str:
    """The words, longest first, as a trie (see ``trie_alternation``); a space is any whitespace."""
    return trie_alternation({_norm(w) for w in words})


def _capitalised(words: list[str] | set[str]) -> str:
    """Title-case and upper-case forms only: "May", "MAY", never the modal "may"."""
    forms = {form for w in words for form in (w.title(), w.upper())}
    return "|".join(sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _read() -> dict[str, Any]:
    with resources.files("impact.lexicon").joinpath("time.toml").open("rb") as handle:
        return tomllib.load(handle)


def projection_phrases() -> tuple[str, ...]:
    """The projection phrases of ``lexicon/time.toml`` as written ("in the coming", "expected")."""
    return tuple(_read()["kinds"]["projection"])


def projection_pattern() -> regex.Pattern[str]:
    """The pattern a figure's kind is read with to find a projection phrase (whole words)."""
    return _words().projection


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = _read()
    months = {k.lower(): int(v) for k, v in data["months"].items()}
    weekdays = {k.lower(): int(v) for k, v in data["weekdays"].items()}
    parts = {_norm(k): (int(v[0]), int(v[1])) for k, v in data["month_parts"].items()}
    anchors = {_norm(w): shape for shape, words in data["anchors"].items() if shape != "range_joiners" for w in words}
    relative = {_norm(k): (str(v[0]), int(v[1]), str(v[2])) for k, v in data["relative"].items()}
    window = data["window"]
    rates = data["rates"]

    full = [m for m in months if not any(o != m and o.startswith(m) for o in months)]  # not "Jan", "Sept"
    month = rf"(?:{_capitalised(full)}|(?:{_capitalised([m for m in months if m not in full])})\.?)(?![\w'’])"
    # after a day number a month may be written in lower case ("By 27 march"), never "may"
    day_month = rf"(?:{month}|(?:{'|'.join(m for m in full if m != 'may')})(?![\w'’]))"
    weekday = rf"(?:{_capitalised(list(weekdays))})(?:['’]s)?(?![\w'’])"
    day = r"(?<![\d,.])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d,.]\d)"
    year = r"(?<![\d,.])(?:19|20)\d\d(?:/(?:19|20)?\d\d)?(?![\d,.]\d)"
    part = rf"(?i:{_words_pattern(list(parts))})[\s-]+"
    dash = r"\s*[-–—]\s*"
    joiners = _words_pattern(data["anchors"]["range_joiners"])
    # one date, with named parts for the parser (the regex module allows a name in several branches)
    date_body = (
        rf"(?P<d1>{day})(?:(?:{dash}|\s+(?i:and|to)\s+)(?P<d2>{day}))?\s+(?P<m>{day_month})(?:,?\s+(?P<y>{year}))?"
        rf"|(?P<m>{month})\s+(?P<d1>{day})(?:{dash}(?P<d2>{day}))?(?:,?\s+(?P<y>{year}))?"
        rf"|(?P<part>{part})?(?P<m>{month})(?:,?\s+(?P<y>{year}))?"
        r"|(?<![\d/.-])(?P<nd>[0-3]?\d)[-/.](?P<nm>[01]?\d)[-/.](?P<ny>(?:19|20)\d\d)(?![\d/.-])"
        r"|(?<![\d/.-])(?P<ny>(?:19|20)\d\d)-(?P<nm>[01]\d)-(?P<nd>[0-3]\d)(?![\d/.-])"
        rf"|(?P<part>{part})?(?P<y>{year})"
        rf"|(?:(?P<last>(?i:last|past|this))\s+)?(?P<wd>{weekday})"
    )
    plain_date = regex.sub(r"\(\?P<\w+>", "(?:", date_body)
    anchor = _words_pattern(list(anchors))
    window_count = _words_pattern(list(window["counts"])) + r"|\d{1,3}"
    window_unit = _words_pattern(list(window["units"]))
    phrase = (
        rf"(?P<rel>(?i:{_words_pattern(list(relative))}))(?![\w-])"
        rf"|(?P<win>(?i:(?:{_words_pattern(window['openers'])})\s+(?:(?:{window_count})[\s-]+)?(?:{window_unit})))(?![\w-])"
        rf"|(?:(?P<anchor>(?i:{anchor}))\s+)?(?P<date>{plain_date})"
        rf"(?:(?:{dash}|\s+(?i:{joiners})\s+)(?P<date2>{plain_date}))?"
        rf"|(?P<rate>(?i:{_words_pattern(rates['phrases'])}))(?![\w-])"
    )
    return _Words(
        months=months,
        weekdays=weekdays,
        month_parts=parts,
        anchors=anchors,
        relative=relative,
        window_units={_norm(k): str(v) for k, v in window["units"].items()},
        window_counts={_norm(k): int(v) for k, v in window["counts"].items()},
        rates_not_after=frozenset(rates["not_after"]),
        rates_not_before=frozenset(rates["not_before"]),
        reporting=frozenset(data["reporting"]["verbs"]),
        # lower case only: "may flee", never the month in "(May 2024)"
        projection=regex.compile(rf"(?<![\w-])(?:{_words_pattern(data['kinds']['projection'])})(?![\w-])"),
        flow=regex.compile(rf"(?<![\w-])(?:{_words_pattern(data['kinds']['flow'])})(?![\w-])"),
        flow_categories=frozenset(data["kinds"]["flow_categories"]),
        phrase=regex.compile(rf"(?:(?<![\w-])|(?<=\p{{L}})(?=\d))(?:{phrase})"),
        date=regex.compile(rf"(?:{date_body})"),
    )


# ---------------------------------------------------------------- finding the phrases

_WORD_BEFORE = regex.compile(r"(\p{L}+)[\s,]*$")
_RATE_LINKS = frozenset({"in", "at", "on", "to", "from", "and", "or", "since", "across", "for", "by", "as", "into"})
_WORD_AFTER = regex.compile(r"\s*(\p{L}+)")


_WORD_START = regex.compile(r"(?<![\w'’-])\w+")
_TRAILING_DIGITS = regex.compile(r"\d+$")
_LOOK_BACK = 48  # a phrase starts at most this far before its core word ("between 8 and 9 February")
_LOOK_AHEAD = 64  # ... and ends at most this far after it ("October 2021 and February 2022")


def find_phrases(text: str, start: int = 0, end: int | None = None) -> list[TimePhrase]:
    """Every time phrase of ``text[start:end]`` in reading order, with its shape.

    One Aho–Corasick pass finds the core words (month and weekday names, years, "week",
    "today", "hours" ...); the phrase pattern is tried only at the word starts just before
    each, so the cost follows the number of time words, not the length of the text."""
    words = _words()
    end = len(text) if end is None else end
    found: list[TimePhrase] = []
    last_end = start
    for core in _scanner().scan(text[start:end])["core"]:
        seed = core._replace(start=core.start + start, end=core.end + start)
        if seed.start < last_end:
            continue
        stop = min(end, seed.end + _LOOK_AHEAD)
        for start_at in _starts(text, max(last_end, seed.start - _LOOK_BACK), seed.start):
            match = words.phrase.match(text, start_at, stop, KEEP_GIL)
            if match is None or match.end() < seed.end:
                continue
            phrase = _phrase(text, match, words)
            last_end = match.end()
            if phrase is not None:
                found.append(phrase)
            break
    return found


def _starts(text: str, first: int, seed: int) -> list[int]:
    """The starts of the words before ``seed`` that can open a time phrase, and ``seed``."""
    starters, inside = _starters(), _inside_words()
    starts = [first] if first < seed and text[first].isdigit() else []  # "Date27 September": a label run in
    for match in _WORD_START.finditer(text, first, seed, False, KEEP_GIL):
        word = match.group(0)
        lowered = word.lower()
        if not (word[0].isdigit() or lowered in inside):
            starts.clear()  # a word no time phrase holds: no phrase starts before it
        if word[0].isdigit() or lowered in starters:
            starts.append(match.start())
        elif word[-1].isdigit():  # "Date12 May – 6 December 2016": an infobox label run into its value
            digits = _TRAILING_DIGITS.search(word, None, None, KEEP_GIL)
            if digits is not None:
                starts.append(match.start() + digits.start())
    starts.append(seed)
    return starts


@lru_cache(maxsize=1)
def _inside_words() -> frozenset[str]:
    """Every word a time phrase can hold before its core word."""
    words, data = _words(), _read()
    phrases = list(words.anchors) + list(words.relative) + list(words.month_parts) + list(words.window_counts)
    phrases += list(data["window"]["openers"]) + list(data["rates"]["phrases"]) + list(data["anchors"]["range_joiners"])
    phrases += list(words.months) + list(words.weekdays) + list(words.window_units) + list(data["scan"]["core"])
    phrases += ["last", "past", "this", "next", "s"]
    return frozenset(part for p in phrases for part in _norm(p).replace("-", " ").split(" "))


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    words = _words()
    phrases = list(words.anchors) + list(words.relative) + list(words.month_parts) + ["last", "past", "this"]
    phrases += [p for p in _read()["window"]["openers"]] + list(_read()["rates"]["phrases"])
    return frozenset(_norm(p).replace("-", " ").split(" ")[0] for p in phrases)


@lru_cache(maxsize=1)
def _scanner() -> KeywordScanner:
    words = _words()
    core = set(words.months) | set(words.weekdays) | {str(year) for year in range(1900, 2100)}
    core |= {phrase.split(" ")[-1] for phrase in words.relative}
    core |= set(words.window_units) | set(_read()["scan"]["core"])
    return KeywordScanner({"core": core})


def _phrase(text: str, match: regex.Match[str], words: _Words) -> TimePhrase | None:
    start, end = match.span()
    if match.group("rel") is not None:
        shape = "relative"
    elif match.group("win") is not None:
        shape = "window"
    elif match.group("rate") is not None:
        if not _is_rate(text, start, end, words):
            return None
        shape = "rate"
    else:
        anchor = match.group("anchor")
        shape = words.anchors[_norm(anchor)] if anchor else "on"
        if match.group("date2") is not None:
            shape = "between" if shape in ("on", "between", "since") else shape
        if (
            anchor is None
            and not _dated_enough(match.group("date"))
            and not (match.group("date2") is not None and _dated_enough(match.group("date2")))
        ):
            return None  # a bare month ("February") or year ("2014") with no word saying it is a time
    if _after_reporting_verb(text, start, words) or _in_dateline(text, start):
        return None  # "the ministry said Thursday", "KATHMANDU, Aug 16 -": when it was said
    return TimePhrase(start, end, shape)


@lru_cache(maxsize=4096)
def _dated_enough(date_text: str) -> bool:
    """A date standing alone must carry a day, a year with its month, or be a weekday."""
    match = _words().date.fullmatch(date_text, None, None, KEEP_GIL)
    if match is None:
        return False
    if match.group("wd") is not None or match.group("nd") is not None:
        return True
    if match.group("d1") is not None:
        return True
    return match.group("m") is not None and match.group("y") is not None


def _bare_year(date_text: str) -> bool:
    match = _words().date.fullmatch(date_text, None, None, KEEP_GIL)
    return match is not None and match.group("y") is not None and match.group("m") is None


def _is_rate(text: str, start: int, end: int, words: _Words) -> bool:
    if text[start : start + 1].isupper() and text[:start].rstrip()[-1:] not in ("", ".", "!", "?", "\n", '"', "“"):
        return False  # "(Example Daily)", "the Daily Star": a name, not a rate
    after = _WORD_AFTER.match(text, end, end + 20, KEEP_GIL)
    if after and after.group(1).lower() in words.rates_not_after:
        return False
    adjective = after is not None and after.group(1).islower() and after.start(1) - end <= 1
    if adjective and " " not in text[start:end] and after and after.group(1) not in _RATE_LINKS:
        return False  # "daily life", "weekly market": an adjective, not a rate
    before = _WORD_BEFORE.search(text, max(0, start - 20), start, KEEP_GIL)
    return not (before and before.group(1).lower() in words.rates_not_before)


def _after_reporting_verb(text: str, start: int, words: _Words) -> bool:
    """'said Thursday', 'told reporters on Monday', 'said in a statement on Tuesday'."""
    window = text[max(0, start - 60) : start]
    if not any(verb in window for verb in words.reporting):
        return False  # most phrases: no verb of saying before them, and no costly search
    before = _REPORTED.search(text, max(0, start - 60), start, KEEP_GIL)
    return before is not None and before.group("verb").lower() in words.reporting


def _in_dateline(text: str, start: int) -> bool:
    """'KATHMANDU, Aug 16 (Reuters) -': the article's date, not a figure's."""
    line_start = text.rfind("\n", 0, start) + 1
    return start - line_start <= 45 and _DATELINE_HEAD.fullmatch(text, line_start, start, KEEP_GIL) is not None


_REPORTED = regex.compile(
    r"(?P<verb>\p{L}+)(?:\s+(?:reporters|journalists|the\s+press|\p{Lu}\p{L}*)|\s+(?:in|at|during)\s+(?:a|an|the|its|their)"
    r"(?:\s+[\p{L}-]+){1,2})?(?:\s+(?:late|early|earlier|on))?\s*$"
)
_DATELINE = regex.compile(r"(?m)^[ \t]*\p{Lu}[\p{Lu}\p{M} .'’/-]{1,40},[ \t]*(?=\p{L}+\.?[ \t]+\d|\d)")
_DATELINE_HEAD = regex.compile(r"[ \t]*\p{Lu}[\p{Lu}\p{M} .'’/-]{1,40},[ \t]*")


# ---------------------------------------------------------------- resolving to dates


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day(value: str | None) -> int | None:
    if value is None:
        return None
    digits = "".join(c for c in value if c.isdigit())
    return int(digits) if digits else None


def _date_range(match: regex.Match[str], reference: date | None, published: date | None) -> tuple[date, date] | None:
    """The first and last day a date token names, or None when it cannot be known."""
    words = _words()
    if match.group("nd") is not None:
        day_, month_, year_ = int(match.group("nd")), int(match.group("nm")), int(match.group("ny"))
        one = _safe(year_, month_, day_)
        return (one, one) if one else None
    if match.group("wd") is not None:
        if published is None:
            return None
        name = match.group("wd").lower().split("'")[0].split("’")[0]
        back = (published.weekday() - words.weekdays[name]) % 7
        if match.group("last") and match.group("last").lower() in ("last", "past") and back == 0:
            back = 7
        one = published - timedelta(days=back)
        return one, one
    year_text = match.group("y")
    part = _norm(match.group("part")).rstrip(" -") if match.group("part") else None
    if match.group("m") is None:  # a year alone: "in 2010", "mid-2024", "2016/17"
        assert year_text is not None
        first_year = int(year_text[:4])
        last_year = first_year
        if "/" in year_text:
            tail = year_text.split("/")[1]
            last_year = int(tail) if len(tail) == 4 else first_year // 100 * 100 + int(tail)
        if part is not None:
            low, high = words.month_parts[part]
            first_month, last_month = (1, 4) if high <= 10 else (5, 8) if high <= 20 else (9, 12)
            return date(first_year, first_month, 1), date(first_year, last_month, _month_end(first_year, last_month))
        return date(first_year, 1, 1), date(last_year, 12, 31)
    month = words.months[match.group("m").rstrip(".").lower()]
    if year_text is not None:
        year = int(year_text[:4])
    elif reference is not None:
        year = reference.year
        if date(year, month, 1) > reference + timedelta(days=31):
            year -= 1  # "December" in a January report: last year's
    else:
        return None
    first_day, last_day = 1, _month_end(year, month)
    d1, d2 = _day(match.group("d1")), _day(match.group("d2"))
    if d1 is not None:
        first_day = last_day = d1
        if d2 is not None:
            last_day = d2
    elif part is not None:
        low, high = words.month_parts[part]
        first_day, last_day = low, min(high, last_day)
    first, last = _safe(year, month, first_day), _safe(year, month, last_day)
    if first is None or last is None or last < first:
        return None
    return first, last


def _relative_range(unit: str, offset: int, published: date) -> tuple[date, date]:
    if unit == "day":
        one = published + timedelta(days=offset)
        return one, one
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    if unit == "weekend":
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return saturday, saturday + timedelta(days=1)
    if unit == "month":
        year, month = published.year, published.month + offset
        while month < 1:
            year, month = year - 1, month + 12
        return date(year, month, 1), date(year, month, _month_end(year, month))
    year = published.year + offset
    return date(year, 1, 1), date(year, 12, 31)


def _back(published: date, count: int, unit: str) -> date:
    if unit == "hour":
        return published - timedelta(days=max(1, -(-count // 24)))
    if unit == "day":
        return published - timedelta(days=count)
    if unit == "week":
        return published - timedelta(weeks=count)
    if unit == "month":
        year, month = published.year, published.month - count
        while month < 1:
            year, month = year - 1, month + 12
        return date(year, month, min(published.day, _month_end(year, month)))
    return _safe(published.year - count, published.month, published.day) or date(published.year - count, 2, 28)


Dates = tuple[date | None, date | None, date | None]  # start, end, as_of


def resolve(phrase: str, shape: str, *, published: date | None = None, reference: date | None = None) -> Dates:
    """``(start, end, as_of)`` of a time phrase; ``reference`` gives the year of "21 March"
    when there is no article date (the document's own date). A pure function of its
    arguments, cached: the same phrases and dates recur within a text and across texts."""
    return _resolve_cached(phrase, shape, published, reference)


@lru_cache(maxsize=4096)
def _resolve_cached(phrase: str, shape: str, published: date | None, reference: date | None) -> Dates:
    try:
        return _resolve(phrase, shape, published, reference)
    except (ValueError, OverflowError):
        return None, None, None  # "in the past 3 years" read on 1 January of year 1


def _resolve(phrase: str, shape: str, published: date | None, reference: date | None) -> Dates:
    words = _words()
    reference = published or reference
    if shape == "rate":
        return None, None, None
    if shape == "relative":
        unit, offset, what = words.relative[_norm(phrase)]
        if published is None:
            return None, None, None
        if what == "as_of":
            return None, None, published
        first, last = _relative_range(unit, offset, published)
        if what == "to_date":
            return first, published, published
        return first, last, last
    if shape == "window":
        if published is None:
            return None, None, None
        tokens = _norm(phrase).replace("-", " ").split(" ")
        unit = words.window_units[tokens[-1]]
        count_word = tokens[-2] if len(tokens) >= 2 else ""
        count = int(count_word) if count_word.isdigit() else words.window_counts.get(count_word, -1)
        if count == -1:
            count = 1  # "in the past week"
        if count == 0:
            return None, published, published  # "in recent weeks", "over the past few days"
        return _back(published, count, unit), published, published
    ranges = []
    for match in words.date.finditer(phrase, None, None, False, KEEP_GIL):
        if match.group(0).strip():
            ranges.append(match)
    if not ranges:
        return None, None, None
    first_range = _date_range(ranges[-1], reference, published) if len(ranges) > 1 else None
    resolved = []
    for match in ranges[:2]:
        # "between 8 February and 9 March 2024": the first date takes the second's year
        ref = first_range[1] if first_range is not None and match is ranges[0] else reference
        resolved.append(_date_range(match, ref, published))
    if any(r is None for r in resolved):
        return None, None, None
    first, last = resolved[0][0], resolved[-1][1]  # type: ignore[index]
    if last < first:
        return None, None, None
    if shape == "as_of":
        if _norm(phrase).startswith("before"):
            last = first - timedelta(days=1)
        return None, last, last
    if shape == "since":
        if len(resolved) > 1 or ranges[0].group("d2") is not None:  # "from 1 to 16 May"
            return first, last, last
        return first, None, published if published is not None and published >= first else None
    return first, last, last


# ---------------------------------------------------------------- which words apply to a figure

_COORDINATED = regex.compile(r"[^\d.;:!?()\[\]]{0,45}?(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+|\s*\(\s*|/\s*)$")
_PIPE = regex.compile(r"\|")
_NEW_LINE = regex.compile(r"\n(?![ \t]*\()")  # a line break, unless a bracket opens the next line
CLAUSE_END = regex.compile(r"[,;:.…]")
_BUT = regex.compile(r"\b(?:however|but|while|whereas|although|though)\b", regex.I)
_CONTRAST = regex.compile(
    r"[;:…]|\.\s|,\s*(?:who|which|whom)\b"
    r"|\b(?:however|but|while|whereas|although|though|compared|up\s+from|down\s+from)\b",
    regex.I,
)
_TITLE_LINE = regex.compile(r"[^\n]*\n?")


class TimeContext:
    """The time phrases of one text, found once, and the answers for its figures."""

    def __init__(self, text: str, sentences: list[Span], published: date | None = None) -> None:
        self.text = text
        self.sentences = sentences
        self.published = published
        self._by_sentence: dict[int, list[TimePhrase]] = {}
        self._headings: dict[int, TimePhrase | None] = {}
        self._table_tops: dict[int, int] = {}
        self._row_pipes: dict[int, list[int]] = {}
        self._sentence_starts = [s.start for s in sentences]
        self._headers: list[int] | None = None
        self._nearest = -1
        self._top = 0
        self._document: tuple[TimePhrase | None, Dates] | None = None

    # -- the phrases of a sentence and of the lines that head it

    def _in(self, start: int, end: int) -> list[TimePhrase]:
        return find_phrases(self.text, start, end)

    def _in_sentence(self, index: int) -> list[TimePhrase]:
        """The phrases of sentence ``index`` (and of a bracket that ends it on the next line),
        found once: only the sentences that hold figures or head them are ever read."""
        if index not in self._by_sentence:
            span = self.sentences[index]
            self._by_sentence[index] = self._in(span.start, self._tail_end(span))
        return self._by_sentence[index]

    def sentence_index(self, position: int) -> int:
        return max(0, bisect.bisect_right(self._sentence_starts, position) - 1)

    def _top_end(self) -> int:
        """Where the document's top lines (title, report date) end: at most three short
        lines, stopping at the first long one (the body)."""
        end = 0
        lines = 0
        for match in _TITLE_LINE.finditer(self.text, 0, min(len(self.text), _TOP_CHARS), False, KEEP_GIL):
            line = match.group(0).strip()
            if not line:
                end = match.end()
                continue
            if len(line) > _TOP_LINE or lines == _TOP_LINES or line.endswith((".", "!", "?")) or line[0] == "|":
                break  # the body: a long line, a sentence, a table
            end = match.end()
            lines += 1
        return end

    def _header_above(self, index: int) -> int | None:
        """The nearest section header above sentence ``index`` (the top lines are the
        document's, not a section's). Built as far as asked: the text after the last figure
        is never looked at."""
        if self._headers is None:
            self._headers = []
            self._nearest = -1
            self._top = self._top_end()
        for number in range(len(self._headers), index + 1):
            self._headers.append(self._nearest)  # the header before sentence ``number``
            span = self.sentences[number]
            if span.start >= self._top and is_header(self.text, span):
                self._nearest = number
        header = self._headers[index]
        return header if header >= 0 else None

    def document_date(self) -> tuple[TimePhrase | None, Dates]:
        """The document's own date: the first dated phrase of its top lines or its infobox
        ``Date`` line, resolved (its end is the date the report's counts hold at)."""
        if self._document is None:
            self._document = (None, (None, None, None))
            for phrase in self._date_line() + self._in(0, self._top_end()) + self._dateline():
                if phrase.shape in ("relative", "window", "rate"):
                    continue
                dates = resolve(self.text[phrase.start : phrase.end], phrase.shape, published=self.published)
                if dates[1] is not None:
                    self._document = (phrase, dates)
                    break
        return self._document

    def _dateline(self) -> list[TimePhrase]:
        """The date of a news dateline near the top ('KATHMANDU, Aug 16 (Reuters) -'), which
        the phrase finder leaves out of the sentence's words."""
        match = _DATELINE.search(self.text, 0, min(len(self.text), 1000), KEEP_GIL)
        if match is None:
            return []
        words = _words()
        found = words.phrase.match(self.text, match.end(), min(len(self.text), match.end() + 40), KEEP_GIL)
        return [TimePhrase(found.start(), found.end(), "on")] if found is not None else []

    def _date_line(self) -> list[TimePhrase]:
        match = _DATE_LINE.search(self.text, 0, min(len(self.text), 5000), KEEP_GIL)
        if match is None:
            return []
        return self._in(match.end(), match.end() + 120)

    # -- the answer for one figure

    def period_for(self, start: int, end: int, figures: list[tuple[int, int]], category: str | None = None) -> Period:
        """The time frame of the figure at ``[start, end)``; ``figures`` are the spans of
        the figures of its sentence (its own included), sorted."""
        index = self.sentence_index(start)
        span = self.sentences[index]
        phrase = self._sentence_phrase(start, end, index, figures)
        source = "sentence" if phrase is not None else None
        if phrase is None and self.text.startswith("|", span.start):
            phrase = self._table_header_phrase(index, start)  # "| Province | IDPs as of 1 May |"
            source = "heading" if phrase is not None else None
        if phrase is None:
            phrase = self._heading_phrase(index)
            source = "heading" if phrase is not None else None
        reference = self.document_date()[1][1]
        if phrase is not None:
            words = self.text[phrase.start : phrase.end]
            first, last, as_of = resolve(words, phrase.shape, published=self.published, reference=reference)
            kind = self._kind(start, end, span, phrase, category)
            return Period(words, phrase.start, phrase.end, _iso(first), _iso(last), _iso(as_of), source, kind)
        kind = self._kind(start, end, span, None, category)
        document, dates = self.document_date()
        if document is not None:
            return Period(None, None, None, _iso(dates[0]), _iso(dates[1]), _iso(dates[2]), "document", kind)
        if self.published is not None:
            iso = self.published.isoformat()
            return Period(None, None, None, None, iso, iso, "article_date", kind)
        return Period(kind=kind)

    def _sentence_phrase(self, start: int, end: int, index: int, figures: list[tuple[int, int]]) -> TimePhrase | None:
        text = self.text
        span = self.sentences[index]
        phrases = [p for p in self._in_sentence(index) if not _overlaps(p, figures)]
        if not phrases:
            return None
        position = bisect.bisect_left(figures, (start, end))
        # after the figure: the nearest phrase, if only figures listed with this one lie between
        after = next((p for p in phrases if p.start >= end), None)
        if (
            after is not None
            and after.start - end <= _POST_REACH
            and not _NEW_LINE.search(text, end, after.start, KEEP_GIL)
        ):
            last_end = end
            for following in range(position + 1, len(figures)):  # no slice: a table row has thousands
                other = figures[following]
                if other[0] >= after.start:
                    break
                if not _COORDINATED.match(text, last_end, other[0], KEEP_GIL):
                    after = None
                    break
                last_end = other[1]
            if after is not None and _CONTRAST.search(text, last_end, after.start, KEEP_GIL):
                after = None
        else:
            after = None
        before = next((p for p in reversed(phrases) if p.end <= start), None)
        if (
            before is None
            or start - before.end > _PRE_REACH
            or "\n" in text[before.end : start]  # an infobox's lines are one "sentence"
            or self._owned(before, figures, position)
        ):
            return after
        if _BUT.search(text, before.end, start, KEEP_GIL) and not self._opens_sentence(before, span):
            return after
        if after is not None and (after.start - end <= _ADJACENT or not self._opens_sentence(before, span)):
            return after
        return before

    def _tail_end(self, span: Span) -> int:
        """The sentence's end, or the end of a bracket on the next line ("35,000 people
        displaced" then "(as of July 2016)") that belongs to it."""
        after = span.end
        rest = self.text[after : after + 3].lstrip(" \t\n")
        if rest.startswith("("):
            close = self.text.find(")", after, after + 80)
            if close > 0:
                return close + 1
        return after

    def _owned(self, phrase: TimePhrase, figures: list[tuple[int, int]], position: int) -> bool:
        """'14,000+ killed (October 2025) 60,000+ executed': words right after another figure
        of the sentence, in its clause, are that figure's."""
        if position == 0:
            return False
        previous = figures[position - 1]
        return (
            previous[1] <= phrase.start
            and phrase.start - previous[1] <= _OWNED_GAP
            and not (CLAUSE_END.search(self.text, previous[1], phrase.start, KEEP_GIL))
        )

    def _opens_sentence(self, phrase: TimePhrase, span: Span) -> bool:
        return phrase.start - span.start <= 4

    def _table_header_phrase(self, index: int, start: int) -> TimePhrase | None:
        """The time words in the header cell of the figure's column of a pipe table."""
        top = self._table_top(index)
        if top == index:
            return None  # the header row itself
        column = bisect.bisect_right(self._pipes(index), start)
        header = self._pipes(top)
        if not 0 < column < len(header):
            return None
        first, last = header[column - 1], header[column]
        return next((p for p in self._in_sentence(top) if first < p.start and p.end <= last), None)

    def _table_top(self, index: int) -> int:
        """The first row of the pipe table whose row is sentence ``index`` (rows one per line)."""
        visited = []
        number = index
        while number not in self._table_tops:
            visited.append(number)
            above = number - 1
            if above < 0 or not self._row_above(above, number):
                self._table_tops[number] = number
                break
            number = above
        top = self._table_tops[number]
        for row in visited:
            self._table_tops[row] = top
        return top

    def _row_above(self, above: int, below: int) -> bool:
        upper, lower = self.sentences[above], self.sentences[below]
        return self.text.startswith("|", upper.start) and self.text[upper.end : lower.start].strip(" \t") == "\n"

    def _pipes(self, index: int) -> list[int]:
        if index not in self._row_pipes:
            span = self.sentences[index]
            self._row_pipes[index] = [
                m.start() for m in _PIPE.finditer(self.text, span.start, span.end, False, KEEP_GIL)
            ]
        return self._row_pipes[index]

    def _heading_phrase(self, index: int) -> TimePhrase | None:
        if index not in self._headings:
            self._headings[index] = self._find_heading_phrase(index)
        return self._headings[index]

    def _find_heading_phrase(self, index: int) -> TimePhrase | None:
        lead = list_lead_in(self.text, self.sentences, index)
        if lead is not None:
            span = self.sentences[lead]
            found = [p for p in self._in_sentence(lead) if p.shape != "rate" and p.end <= span.end]
            if found:
                return found[0]
        header = self._header_above(index)
        if header is None:
            return None
        span = self.sentences[header]
        found = [p for p in self._in_sentence(header) if p.shape != "rate" and p.end <= span.end]
        if not found:
            return None
        rest = self.text[span.start : found[0].start] + self.text[found[0].end : span.end]
        return None if any(c.isdigit() for c in rest) else found[0]  # "Aftershocks 30,000 (by May 2023)"

    def _kind(self, start: int, end: int, span: Span, phrase: TimePhrase | None, category: str | None) -> str:
        words = _words()
        if phrase is not None and phrase.shape == "rate":
            return "rate"
        if _RUNNING_TOTAL.search(self.text, max(span.start, start - 80), start, KEEP_GIL):
            return "stock"  # "…, bringing the total number of civilians killed to 900": a running total
        left, right = max(span.start, start - 40), min(span.end, end + 50)
        near = self.text[left:right]
        if words.projection.search(near, None, None, KEEP_GIL):
            return "projection"
        if words.flow.search(near, None, None, KEEP_GIL) and "total" not in near.lower():
            return "flow"
        if phrase is None or category not in words.flow_categories:
            return "stock"
        if phrase.shape in ("between", "window"):
            return "flow"  # "killed between 8 and 9 February", "fled in the past 24 hours"
        if phrase.shape == "on" and not self.text[max(0, phrase.start - 2) : phrase.start].strip().endswith("("):
            return "flow"  # "killed on Monday", "displaced in June"; not an infobox total "(May 2024)"
        if phrase.shape == "relative" and words.relative[_norm(self.text[phrase.start : phrase.end])][2] == "point":
            return "flow"  # "fled last week"; not "so far", "this year"
        return "stock"


_RUNNING_TOTAL = regex.compile(
    r"\b(?:total|toll|tally|cumulative|overall|so\s+far|to\s+date|bringing|brings)\b", regex.IGNORECASE
)
_DATE_LINE = regex.compile(r"(?m)^[ \t]*(?:[-•*][ \t]*)?Date(?:[ \t]+of[ \t]+(?:event|report|issue))?[ \t]*:?[ \t\n]*")


def _overlaps(phrase: TimePhrase, figures: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_right(figures, (phrase.start, 1 << 62)) - 1
    if index >= 0 and figures[index][1] > phrase.start:
        return True
    return index + 1 < len(figures) and figures[index + 1][0] < phrase.end


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def parse_published(value: date | str | None) -> date | None:
    """An article date as given to ``extract``: a date, an ISO string, or None."""
    if isinstance(value, datetime):
        return value.date()
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None  # an article date that cannot be read resolves nothing (readers warn about it)


_NO_TIME = Period()


def attach_periods(
    text: str, sentences: list[Span], figures: list[Figure], published: date | str | None = None
) -> list[Figure]:
    """The figures with their time frames (``period`` ... ``kind``) filled in."""
    if not figures:
        return figures
    context = TimeContext(text, sentences, parse_published(published))
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    indices = [context.sentence_index(f.start) for f in figures]
    for figure, index in zip(figures, indices, strict=True):
        by_sentence.setdefault(index, []).append((figure.start, figure.end))
    for spans in by_sentence.values():
        spans.sort()
    out = []
    for figure, index in zip(figures, indices, strict=True):
        found = context.period_for(figure.start, figure.end, by_sentence[index], figure.category)
        if found == _NO_TIME:
            out.append(figure)  # the defaults already: no copy
            continue
        # dataclasses.replace(figure, period=..., kind=...), done faster by position
        timed = (
            found.period,
            found.span_start,
            found.span_end,
            found.start,
            found.end,
            found.as_of,
            found.time_source,
            found.kind,
        )
        out.append(Figure(*(_fields_before(figure) + timed + _fields_after(figure))))
    return out


def _getter(names: tuple[str, ...]) -> Callable[[Figure], tuple[Any, ...]]:
    if len(names) == 1:
        return lambda figure: (getattr(figure, names[0]),)
    return attrgetter(*names) if names else lambda figure: ()


_FIGURE_FIELDS = tuple(field.name for field in fields(Figure))
_TIMED = (
    "period",
    "period_span_start",
    "period_span_end",
    "period_start",
    "period_end",
    "as_of",
    "time_source",
    "kind",
)
_AT = _FIGURE_FIELDS.index(_TIMED[0])
assert _FIGURE_FIELDS[_AT : _AT + len(_TIMED)] == _TIMED, "Figure's time fields moved: update attach_periods"
_fields_before, _fields_after = _getter(_FIGURE_FIELDS[:_AT]), _getter(_FIGURE_FIELDS[_AT + len(_TIMED) :])
