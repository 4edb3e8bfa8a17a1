"""Numerals and vague words to number expressions with bounds (SPEC "Values").

Ranges ("200 to 300", "between N and M", "N–M"), qualifiers ("at least", "nearly",
"an estimated", "N+"), scale words across a range, and vague magnitudes ("tens of thousands").
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from impact.keywords import KeywordScanner, Word
from impact.lexicon import Lexicon, phrase_pattern
from impact.numbers import Numeral, scan_numbers
from impact.text import KEEP_GIL


class Expression(NamedTuple):
    """A number expression with its bounds, before anything is known of what it counts."""

    start: int  # includes the qualifier
    end: int
    number_start: int  # the numerals alone, without the qualifier
    number_end: int
    low: int | None
    high: int | None
    approximate: bool
    vague: bool
    qualifier: str | None
    qualifier_kind: str | None
    is_range: bool
    has_digits: bool
    is_decimal: bool  # a decimal with no scale word ("7.6")

    @property
    def best(self) -> int | None:
        """One number for charts: the value, a range's midpoint, a vague range's geometric mean."""
        if self.low is None or self.high is None:
            return self.low if self.high is None else self.high
        if self.vague and self.low > 0:
            return round(math.sqrt(self.low * self.high))
        return round((self.low + self.high) / 2)


@dataclass(frozen=True, eq=False)
class ExpressionPatterns:
    keywords: KeywordScanner  # number words and the words of vague phrases, in one pass
    vague: regex.Pattern[str]  # the whole phrase, matched where a word of it was found
    joiner: regex.Pattern[str]
    trailing: regex.Pattern[str]


# Anchored matches look this far ahead: regex's match(text, pos) without an end position
# costs time in proportion to the rest of the text, which makes long articles quadratic.
_WINDOW = 120
_TRAILING = {"+": "lower", "or more": "lower", "and more": "lower", "plus": "lower", "or so": "approx"}


@lru_cache(maxsize=8)
def expression_patterns(lexicon: Lexicon) -> ExpressionPatterns:
    keys = {w for phrase in lexicon.vague for w in phrase.split(" ") if w not in ("a", "of")}
    return ExpressionPatterns(
        keywords=KeywordScanner({"number": lexicon.number_words, "vague": keys}),
        vague=regex.compile(rf"(?P<v>{phrase_pattern(list(lexicon.vague))})(?P<of>['’\"”]?\s+of\b)?", regex.IGNORECASE),
        joiner=regex.compile(r"\s*(?P<j>-|–|—|‒|to|and|or)\s*", regex.IGNORECASE),
        trailing=regex.compile(r"(?:\+|\s+(?:or\s+more|and\s+more|plus|or\s+so)\b)", regex.IGNORECASE),
    )


def _qualifier(text: str, start: int, lexicon: Lexicon) -> tuple[int, str, str] | None:
    """The qualifier phrase ending right before ``start`` ("at least", "an estimated", "~")."""
    window_start = max(0, start - 40)
    window = text[window_start:start].rstrip()
    if not window or not (window[-1].isalpha() or window[-1] in "~."):
        return None  # most numbers: nothing but punctuation or a digit before them
    longest, last_words = _qualifier_shape(lexicon)
    last = _LAST_QUALIFIER_TOKEN.match(window, None, None, KEEP_GIL)
    if last is None or last.group(0).lower() not in last_words:
        return None  # the word before is no qualifier's last word: most numbers
    tokens = [(m.start(), m.group(0)) for m in _QUALIFIER_TOKEN.finditer(text, window_start, start, False, KEEP_GIL)]
    if not tokens or text[tokens[-1][0] + len(tokens[-1][1]) : start].strip():
        return None
    lowered = [w.lower() for _, w in tokens[-longest:]]
    for size in range(min(longest, len(lowered)), 0, -1):
        words = tokens[-size:]
        phrase = " ".join(lowered[-size:])
        kind = lexicon.qualifiers.get(phrase)
        if kind is not None:
            if words[0][0] > 0 and (text[words[0][0] - 1].isalnum() or text[words[0][0] - 1] == "-"):
                continue  # inside a word
            phrase_start = words[0][0]
            return phrase_start, text[phrase_start : words[-1][0] + len(words[-1][1])], kind
    return None


_QUALIFIER_TOKEN = regex.compile(r"[\w.'’-]+|~")
_LAST_QUALIFIER_TOKEN = regex.compile(r"(?:[\w.'’-]+|~)$", regex.REVERSE)


@lru_cache(maxsize=8)
def _qualifier_shape(lexicon: Lexicon) -> tuple[int, frozenset[str]]:
    """The most words in a qualifier, and the words qualifiers end with."""
    return max(len(p.split()) for p in lexicon.qualifiers), frozenset(p.split()[-1] for p in lexicon.qualifiers)


_GROUPED = regex.compile(r"\d{1,3}(?:,\d{3})+")


def _leading_plus(text: str, first: Numeral) -> tuple[int, str, str] | None:
    """'+26,000 violent deaths' (an infobox's open count), not '+254 722 ...' (a phone number);
    '>8,000' and '<500' in key figures."""
    start = first.start - 1
    if start < 0 or text[start] not in "+><" or (start and text[start - 1].isalnum()):
        return None
    sign = text[start]
    if sign == "+" and not _GROUPED.fullmatch(text, first.start, first.end, KEEP_GIL):
        return None
    return start, sign, "upper" if sign == "<" else "lower"  # ">8,000 missing" in a key-figure row


def _bounds(value_low: float, value_high: float, kind: str | None) -> tuple[int | None, int | None]:
    low, high = round(value_low), round(value_high)
    if kind == "lower":
        return low, None
    if kind == "upper":
        return None, high
    if kind == "nearly":
        return round(0.9 * low), high
    return low, high


_CITATION = regex.compile(r"\[\w{1,4}\]")


def _is_citation(text: str, numeral: Numeral) -> bool:
    """'[12]': a citation marker, common in reports, never a figure."""
    return bool(numeral.start) and text[numeral.start - 1] == "[" and text.startswith("]", numeral.end)


def _range_partner(
    text: str, first: Numeral, second: Numeral | None, opener: str | None, lexicon: Lexicon
) -> tuple[Numeral, float] | None:
    """The second numeral of a range starting at ``first``, with the first's scaled value."""
    if second is None:
        return None
    between = text[first.end : second.start]
    if "[" in between:  # most gaps hold no citation marker: no substitution to run
        between = _CITATION.sub("", between, 0, None, None, KEEP_GIL)
    match = expression_patterns(lexicon).joiner.fullmatch(between, None, None, KEEP_GIL)
    if match is None:
        return None
    joiner = match.group("j").lower()
    if joiner == "and" and opener not in ("between", "anywhere between", "somewhere between"):
        return None
    if opener and opener.startswith(("between", "anywhere between", "somewhere between")) and joiner != "and":
        return None
    first_value = first.value
    if first.scale == 1 and second.scale > 1 and first.value * second.scale <= second.value:
        first_value = first.value * second.scale  # "10 to 20 billion": the scale spans the range
    if first_value >= second.value:
        return None
    if joiner in "-–—‒" and not (first.has_digits and second.has_digits):
        return None
    return second, first_value


def _vague_phrases(text: str, words: list[Word], patterns: ExpressionPatterns) -> list[regex.Match[str]]:
    """Vague phrases ("tens of thousands", "a few"), found from any one of their words."""
    found: list[regex.Match[str]] = []
    end = 0
    for word in words:
        if word.start < end:
            continue
        starts = [word.start]
        if text[max(0, word.start - 2) : word.start].lower() == "a ":
            starts.insert(0, word.start - 2)  # "a few"
        for start in starts:
            match = patterns.vague.match(text, start, start + _WINDOW, KEEP_GIL)
            if match:
                found.append(match)
                end = match.end("v")
                break
    return found


_PREVIOUS_WORD = regex.compile(r"(?<![\w-])[\w-]+\s+$", regex.REVERSE)


def _after_category_word(text: str, match: regex.Match[str], lexicon: Lexicon) -> bool:
    """'Gunmen kill 23, abduct scores': the word before is a category word (a verb of harm)."""
    previous = _PREVIOUS_WORD.match(text, max(0, match.start() - 30), match.start(), KEEP_GIL)
    return previous is not None and previous.group(0).rstrip().lower() in lexicon.categories


def _may_trail(text: str, end: int) -> bool:
    """Whether a trailing qualifier may follow ("+", " or more", " plus", " or so"): a cheap
    test before the pattern, false after most numbers."""
    if text.startswith("+", end):
        return True
    return text[end : end + 1].isspace() and text[end : end + _WINDOW].lstrip()[:1] in ("o", "O", "a", "A", "p", "P")


def scan_expressions(text: str, lexicon: Lexicon) -> list[Expression]:
    """Every number expression in ``text``, left to right, not overlapping."""
    patterns = expression_patterns(lexicon)
    keywords = patterns.keywords.scan(text)
    numerals = scan_numbers(text, lexicon, keywords["number"])
    found: list[Expression] = []
    index = 0
    while index < len(numerals):
        first = numerals[index]
        if _is_citation(text, first):
            index += 1  # a citation marker ("[12]"): common in reports, never a figure
            continue
        following = index + 1
        if following + 1 < len(numerals) and _is_citation(text, numerals[following]):
            following += 1  # "230 [19] –1,000+": a citation marker inside an infobox range
        second = numerals[following] if following < len(numerals) else None
        qualifier = _qualifier(text, first.start, lexicon) or _leading_plus(text, first)
        opener = qualifier[1].lower() if qualifier and qualifier[2] == "range_open" else None
        partner = _range_partner(text, first, second, opener, lexicon)
        last = partner[0] if partner else first
        end = last.end
        kind = qualifier[2] if qualifier else None
        trailing = patterns.trailing.match(text, end, end + _WINDOW, KEEP_GIL) if _may_trail(text, end) else None
        trailing_kind = None
        if trailing and not partner:
            trailing_kind = _TRAILING[" ".join(trailing.group(0).lower().split())]
            end = trailing.end()
        elif trailing and _TRAILING[" ".join(trailing.group(0).lower().split())] == "lower":
            end = trailing.end()  # "20,000–30,000+": open at the top
        else:
            trailing = None
        if kind in (None, "exact", "range_open") and trailing_kind:
            kind = trailing_kind
        if kind == "range_open" and not partner:
            qualifier, kind = None, None
        low_value = partner[1] if partner else first.value
        low, high = _bounds(low_value, last.value, kind if not partner else None)
        if partner and kind in ("lower",):
            high = round(last.value)
        if partner and trailing is not None:
            high = None
        found.append(
            Expression(
                start=qualifier[0] if qualifier else first.start,
                end=end,
                number_start=first.start,
                number_end=last.end,
                low=low,
                high=high,
                approximate=kind in ("approx", "nearly"),
                vague=False,
                qualifier=qualifier[1] if qualifier else (trailing.group(0).strip() if trailing else None),
                qualifier_kind=kind,
                is_range=partner is not None,
                has_digits=first.has_digits,
                # "7.6" with no scale word, not "4.1 million" nor "1.2 to 1.5 million"
                is_decimal=first.scale == 1 and low_value == first.value and not float(first.value).is_integer(),
            )
        )
        index = following + 1 if partner else index + 1

    numeric = list(found)
    taken_starts = [e.number_start for e in numeric]
    for match in _vague_phrases(text, keywords["vague"], patterns):
        phrase = " ".join(match.group("v").lower().split())
        alone = phrase in lexicon.vague_needs_of and not match.group("of")
        if alone and not _after_category_word(text, match, lexicon):
            continue  # "tens", "scores" alone are other things, but not in "kills scores"
        nearest = bisect.bisect_right(taken_starts, match.start("v")) - 1
        if nearest >= 0 and numeric[nearest].number_end > match.start("v"):
            continue  # "2 million": the word belongs to a numeral
        if nearest + 1 < len(taken_starts) and taken_starts[nearest + 1] < match.end("v"):
            continue
        vague_low, vague_high = lexicon.vague[phrase]
        qualifier = _qualifier(text, match.start("v"), lexicon)
        kind = qualifier[2] if qualifier else None
        bounds: tuple[int | None, int | None] = (vague_low, vague_high)
        if kind == "lower":
            bounds = (vague_low, None)
        elif kind == "upper":
            bounds = (None, vague_high)
        found.append(
            Expression(
                start=qualifier[0] if qualifier and kind != "range_open" else match.start("v"),
                end=match.end("v"),
                number_start=match.start("v"),
                number_end=match.end("v"),
                low=bounds[0],
                high=bounds[1],
                approximate=kind in ("approx", "nearly"),
                vague=True,
                qualifier=qualifier[1] if qualifier and kind != "range_open" else None,
                qualifier_kind=kind if kind != "range_open" else None,
                is_range=False,
                has_digits=False,
                is_decimal=False,
            )
        )
    found.sort(key=lambda e: e.start)
    return found
