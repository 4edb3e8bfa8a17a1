"""What is not a figure: dates, times, money, percentages, measures, codes (SPEC distractors).

These checks look only at the characters around a number expression; what the number
counts (villages, tonnes, days ...) is judged later from its head noun.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from impact.expressions import Expression
from impact.lexicon import trie_alternation
from impact.text import KEEP_GIL

_WINDOW = 60
YEAR = regex.compile(r"1[89]\d\d|20\d\d")


@dataclass(frozen=True)
class DistractorRules:
    before_words: regex.Pattern[str]  # for every expression ("June hundreds", "aged five")
    before_digits: regex.Pattern[str]  # those and more for digits ("US$ 773", "No. 50")
    year_context: regex.Pattern[str]  # for a bare year-like number ("in 2014")
    context: regex.Pattern[str]  # before the qualifier too ("groups of more than 50")
    after_words: regex.Pattern[str]
    after_digits: regex.Pattern[str]


_BEFORE_ANY = ("date", "age", "ratio", "source")
_CONTEXT = ("threshold", "capacity", "definition")
_AFTER_ANY = ("percent", "compound", "age", "date", "fraction", "ordinal", "ratio", "rate")


@lru_cache(maxsize=1)
def distractor_rules() -> DistractorRules:
    with resources.files("impact.lexicon").joinpath("distractors.toml").open("rb") as handle:
        data = tomllib.load(handle)
    before, after = data["before"], data["after"]

    def group(section: dict[str, str], names: list[str], flags: int) -> regex.Pattern[str]:
        reverse = bool(flags & regex.REVERSE)
        body = "|".join(f"(?P<{name}>{_as_tries(section[name], reverse)})" for name in names) or "(?!)"
        return regex.compile(body, regex.IGNORECASE | flags)

    # rules on the text before a number end at it ("$"): searching backwards finds them at once
    reverse = regex.REVERSE
    return DistractorRules(
        before_words=group(before, [n for n in before if n in _BEFORE_ANY], reverse),
        before_digits=group(before, [n for n in before if n not in (*_CONTEXT, "year_context")], reverse),
        year_context=group(before, ["year_context"], reverse),
        context=group(before, [n for n in before if n in _CONTEXT], reverse),
        after_words=group(after, [n for n in after if n in _AFTER_ANY], 0),
        after_digits=group(after, list(after), 0),
    )


# an innermost group "(?:No|Nos|number|...)" and one of its words ("US\\$", "p\\.o\\.")
_WORD_GROUP = regex.compile(r"\(\?:(?P<body>[^()]*)\)")
_LITERAL = regex.compile(r"(?:[A-Za-z0-9#]|\\[.$#+])+")


def _as_tries(rule: str, reverse: bool) -> str:
    """The rule with each group of plain words (three or more) as a trie (see ``trie_alternation``):
    the regex module then tries one branch per character instead of each of ninety words. The
    words of a group may be tried in any order: only which rule matches is read, not how."""
    if "(?-i" in rule:
        return rule  # case-sensitive in part: the words are kept as written

    def rewrite(match: regex.Match[str]) -> str:
        words = match.group("body").split("|")
        plain = [word for word in words if _LITERAL.fullmatch(word, None, None, KEEP_GIL)]
        if len(plain) < 3:
            return match.group(0)
        trie = trie_alternation({regex.sub(r"\\(.)", r"\1", word).lower() for word in plain}, reverse=reverse)
        return "(?:" + "|".join([trie, *(word for word in words if word not in plain)]) + ")"

    rule = _WORD_GROUP.sub(rewrite, rule)
    # read backwards, a free word before the end ("groups of (?:\\w+\\s+){0,2}$") is a whole word
    # between spaces: possessive runs skip giving back its letters one at a time for nothing
    return rule.replace(r"(?:\w+\s+){", r"(?:\w++\s++){") if reverse else rule


def _is_year(expression: Expression, text: str) -> bool:
    written = text[expression.number_start : expression.number_end]
    return (
        expression.has_digits
        and not expression.is_range
        and expression.qualifier is None
        and YEAR.fullmatch(written, None, None, KEEP_GIL) is not None
    )


_LINE_START = regex.compile(r"\n[ \t]*(?:[-•*·▪◦][ \t]*)?$", regex.REVERSE)


def _on_its_line(before: str) -> str:
    """'...since 20 February\n582,000 IDPs': a number that starts a line (a list item) is not
    read with the line above it."""
    return "" if "\n" in before and _LINE_START.match(before, None, None, KEEP_GIL) else before


_SCALED = regex.compile(r"\d[\s\u00a0]*(?:million|billion|lakh|crore)", regex.IGNORECASE)
_NAME_BEFORE = regex.compile(r"\p{Lu}[\p{L}'’.-]+,[ \t]*$", regex.REVERSE)
_COMMA_AFTER = regex.compile(r",\s")
_MAX_AGE = 120


def _age_after_name(text: str, expression: Expression) -> bool:
    """'said Iryna Melnyk, 58, who lives next door': a person's age between commas."""
    return (
        expression.has_digits
        and not expression.is_range
        and expression.qualifier is None
        and (expression.high or 0) <= _MAX_AGE
        and _COMMA_AFTER.match(text, expression.end, expression.end + 2, KEEP_GIL) is not None
        and _NAME_BEFORE.match(text, max(0, expression.start - 40), expression.start, KEEP_GIL) is not None
    )


def rejection(text: str, expression: Expression) -> str | None:
    """Why this expression is not a figure, or ``None`` when it may be one."""
    if expression.is_decimal:
        return "decimal"
    if _age_after_name(text, expression):
        return "age"
    rules = distractor_rules()
    before = _on_its_line(text[max(0, expression.number_start - _WINDOW) : expression.number_start])
    after = text[expression.number_end : expression.number_end + _WINDOW]
    if expression.has_digits:
        checks = [(rules.after_digits, after), (rules.before_digits, before)]
        if _is_year(expression, text):
            checks.append((rules.year_context, before))
    else:
        checks = [(rules.after_words, after), (rules.before_words, before)]
    checks.append((rules.context, _on_its_line(text[max(0, expression.start - _WINDOW) : expression.start])))
    for pattern, window in checks:
        # every rule is anchored (before: ends at the number, "$", searched backwards; after:
        # starts right after it, "^"), so match() finds what search() would, ten times faster
        match = pattern.match(window, None, None, KEEP_GIL)
        if match is None:
            continue
        if match.lastgroup == "document" and _SCALED.search(
            text, expression.number_start, expression.number_end, KEEP_GIL
        ):
            continue  # "agencies report 1.9 million people displaced": no document is numbered so
        if match.lastgroup == "phone" and expression.qualifier == "+":
            continue  # "+26,000 violent deaths"
        if match.lastgroup == "ratio" and window is after and _not_a_ratio(after, expression):
            continue  # "wounded 31 in three towns"
        return match.lastgroup
    return None


_RATIO_SECOND = regex.compile(
    r"\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<n>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|a\s+hundred)\b",
    regex.IGNORECASE,
)
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _not_a_ratio(after: str, expression: Expression) -> bool:
    """'wounded 31 in three towns': a ratio's first number is smaller than its second
    ("one in five children", "3 out of 10 families")."""
    match = _RATIO_SECOND.match(after, None, None, KEEP_GIL)
    if match is None or expression.low is None:
        return False
    written = " ".join(match.group("n").lower().split())
    second = 100 if written == "a hundred" else _SMALL.get(written) or int(written.replace(",", "") or 0)
    return expression.low >= second
