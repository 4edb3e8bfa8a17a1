"""Numerals to values: digits with thousands separators, decimals with scale words, number words.

``scan_numbers`` finds every numeral in a text in one compiled pass and gives its value;
it knows nothing of what is counted (that is for the later stages).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from impact.keywords import KeywordScanner, Word
from impact.lexicon import Lexicon, phrase_pattern
from impact.text import KEEP_GIL

_WORDS_WINDOW = 200  # a number in words is never longer than this
_MAX_VALUE = 1e13  # no count of people or homes is larger: longer digit strings are not counts
# thin, narrow and no-break spaces separate thousands too; zero-width characters (left in
# text copied from web pages) are invisible, so "1\u200b200" reads as the 1,200 a reader sees
_SEP_SPACE = "[ \u00a0\u202f\u2009\u200b\u200c\u200d\u2060\ufeff]"


class Numeral(NamedTuple):
    """A numeral as written: its span, its value and how it was written."""

    start: int
    end: int
    value: float
    has_digits: bool
    scale: int  # the multiplier of a scale word written with the numeral, else 1


@dataclass(frozen=True, eq=False)
class NumberPatterns:
    digits: regex.Pattern[str]
    more_words: regex.Pattern[str]  # the rest of a number in words, matched where one was found
    article: regex.Pattern[str]  # "a" / "half a" before a scale word, searched backwards
    and_a_half: regex.Pattern[str]


def _digits_pattern() -> str:
    return (
        r"(?P<digits>"
        r"\d{1,2}(?:,\d{2})+,\d{3}(?![\d,]\d)"  # Indian grouping: 1,86,000 and 12,34,567
        # a decimal comma: "2,4 million", "12,5 %"
        r"|\d{1,3},\d{1,2}(?=[ \u00a0]*(?:(?:million|billion|milliards?|mln|bn|percent|per\s+cent)\b|%))"
        r"|\d{1,3}(?:[,\u066c]\d{3})+(?:[.\u066b]\d+)?(?![\d,\u066c]\d)"  # 1,234,567(.89); Arabic ٬ ٫
        r"|\d{1,3}(?:\.\d{3})+(?![\d.]\d)"  # 397.000 (dot as thousands separator)
        rf"|\d{{1,3}}(?:{_SEP_SPACE}\d{{3}})+(?!\d)"  # 9 380
        r"|\d+(?:\.\d+)?"
        r")"
    )


@lru_cache(maxsize=8)
def number_patterns(lexicon: Lexicon) -> NumberPatterns:
    scales = phrase_pattern(list(lexicon.scales))
    abbreviations = "|".join(sorted(map(regex.escape, lexicon.abbreviations), key=len, reverse=True))
    # Words are found in two steps: one keyword scan for any number word (fast: most text has
    # none), then the rest of the number is matched from there. A named list (\L<...>) matches
    # as a set, faster than one alternation branch per word.
    number_words = list(lexicon.number_words)
    digits = (
        rf"(?:(?<![\w.,])(?<![A-Za-z]-)|(?<=[a-z]{{2}})(?=\d{{1,3}},\d{{3}})){_digits_pattern()}"
        rf"(?:(?P<abbr>{abbreviations})(?![\w])|(?P<scale>{_SEP_SPACE}*{scales})"
        # a key figure's "9.4 M" (a capital letter after a space, at the end of its line or before a word)
        r"|[ \u00a0](?-i:(?P<spaced>[MK]))(?=[ \t]*(?:\n|$)|[ \t]+\p{Ll}))?"
    )
    # two patterns, not one alternation: each is several times faster on its own
    return NumberPatterns(
        digits=regex.compile(digits, regex.IGNORECASE | regex.VERSION1),
        more_words=regex.compile(
            r"(?:(?:[ \t\u00a0]+and[ \t\u00a0]+|[ \t\u00a0-]+)\L<words>\b)*", regex.IGNORECASE, words=number_words
        ),
        article=regex.compile(r"\b(?:half[\s-]+an?|an?)[\s-]+$", regex.IGNORECASE | regex.REVERSE),
        # "two and a half million", "two-and-a-half million": a half before a scale word
        and_a_half=regex.compile(
            rf"[ \t\u00a0-]+and[ \t\u00a0-]+a[ \t\u00a0-]+half[ \t\u00a0-]+{scales}", regex.IGNORECASE
        ),
    )


_DROP_SEPARATORS = str.maketrans(
    {
        " ": None,
        ",": None,
        "\u00a0": None,
        "\u202f": None,
        "\u2009": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u066c": None,
        "\u066b": ".",
    }
)
_DOT_THOUSANDS = regex.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL_COMMA = regex.compile(r"\d{1,3},\d{1,2}")
_WORD_SPLIT = regex.compile(r"[\s-]+")


@lru_cache(maxsize=1 << 14)
def parse_digits(text: str) -> float:
    """'1,234' -> 1234, '397.000' -> 397000, '9 380' -> 9380, '2.14' -> 2.14, '2,4' -> 2.4
    (only ever read before a scale word: "2,4 million")."""
    if _DECIMAL_COMMA.fullmatch(text, None, None, KEEP_GIL):
        return float(text.replace(",", "."))
    compact = text.translate(_DROP_SEPARATORS)
    if _DOT_THOUSANDS.fullmatch(compact, None, None, KEEP_GIL):
        return float(compact.replace(".", ""))
    return float(compact)


def parse_words(text: str, lexicon: Lexicon) -> float | None:
    """'Nine hundred and twenty-one' -> 921, 'half a million' -> 500000, 'a dozen' -> 12."""
    tokens = [t for t in _WORD_SPLIT.split(text.lower()) if t and t != "and"]
    if not tokens:
        return None
    factor = 1.0
    if tokens[0] == "half":
        factor, tokens = 0.5, tokens[1:]
    if tokens and tokens[0] in ("a", "an"):
        tokens = tokens[1:]
    total = current = 0.0
    seen = False
    for index, token in enumerate(tokens):
        if token == "a" and tokens[index + 1 : index + 2] == ["half"]:
            continue
        if token == "half" and index and tokens[index - 1] == "a":
            current += 0.5  # "two and a half million"
            continue
        if token in lexicon.units or token in lexicon.tens:
            current += lexicon.units.get(token, lexicon.tens.get(token, 0))
        elif token in lexicon.number_nouns:
            current = (current or 1) * lexicon.number_nouns[token]
        elif token in lexicon.scales:
            scale = lexicon.scales[token]
            if scale < 1000:
                current = (current or 1) * scale
            elif current == 0 and total > 0:
                total *= scale  # "one million million", "a thousand million": scale words multiply
            else:
                total += (current or 1) * scale
                current = 0
        else:
            return None
        seen = True
    return (total + current) * factor if seen else None


def scale_value(word: str, lexicon: Lexicon) -> int:
    key = word.lower().strip()
    return lexicon.scales.get(key) or lexicon.abbreviations.get(key, 1)


@lru_cache(maxsize=8)
def number_word_scanner(lexicon: Lexicon) -> KeywordScanner:
    return KeywordScanner({"number": lexicon.number_words})


def _word_numbers(
    text: str, words: list[Word], patterns: NumberPatterns, lexicon: Lexicon
) -> list[tuple[int, int, str]]:
    """(start, end, words) of each number written in words: "Nine hundred and twenty-one",
    "a dozen", "half a million"."""
    found: list[tuple[int, int, str]] = []
    end = 0
    for word in words:
        if word.start < end:
            continue  # part of the number just read
        start = word.start
        if word.word in lexicon.scales or word.word in lexicon.number_nouns:
            article = patterns.article.match(text, max(0, start - 8), start, KEEP_GIL)
            if article:
                start = article.start()  # "a dozen", "half a million"
        more = patterns.more_words.match(text, word.end, word.end + _WORDS_WINDOW, KEEP_GIL)
        end = more.end() if more else word.end
        half = patterns.and_a_half.match(text, end, end + 40, KEEP_GIL) if word.word in lexicon.units else None
        if half:
            end = half.end()
        found.append((start, end, text[start:end]))
    return found


def scan_numbers(text: str, lexicon: Lexicon, number_words: list[Word] | None = None) -> list[Numeral]:
    """Every numeral in ``text``, left to right, with its value (scale words applied).

    ``number_words`` are the number words already found in ``text`` (by a shared keyword scan).
    """
    patterns = number_patterns(lexicon)
    if number_words is None:
        number_words = number_word_scanner(lexicon).scan(text)["number"]
    found: list[Numeral] = []
    for match in patterns.digits.finditer(text, None, None, False, KEEP_GIL):
        digits = match.group("digits")
        scale_word = match.group("abbr") or match.group("scale") or match.group("spaced")
        try:
            # "1.100 million" is a decimal, not 1100 million
            value = (
                float(digits)
                if scale_word and _DOT_THOUSANDS.fullmatch(digits, None, None, KEEP_GIL)
                else parse_digits(digits)
            )
        except ValueError:
            continue  # a digit Python's Unicode tables do not know yet
        scale = scale_value(scale_word, lexicon) if scale_word else 1
        if value * scale > _MAX_VALUE:
            continue  # "999...9": no count, and too large to round
        found.append(Numeral(match.start(), match.end(), value * scale, True, scale))
    starts = [n.start for n in found]
    for start, end, words in _word_numbers(text, number_words, patterns, lexicon):
        parsed = parse_words(words, lexicon)
        if parsed is None or parsed > _MAX_VALUE or words.lower() in lexicon.scales:
            continue  # a bare "million" or "hundred" is no numeral
        nearest = bisect.bisect_right(starts, start) - 1
        if nearest >= 0 and found[nearest].end > start:
            continue  # inside digits ("2 million" is read once)
        after = nearest + 1
        if after < len(starts) and starts[after] < end:
            continue
        scales = [lexicon.scales[w] for w in _WORD_SPLIT.split(words.lower()) if w in lexicon.scales]
        found.append(Numeral(start, end, parsed, False, scales[-1] if scales else 1))
    found.sort(key=lambda n: n.start)
    return found
