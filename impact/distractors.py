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

_WINDOW = 60
_WORD_RULES = frozenset({"percent", "compound", "age", "date", "fraction", "ordinal"})  # apply to "two" too


@dataclass(frozen=True)
class DistractorRules:
    before: tuple[tuple[str, regex.Pattern[str]], ...]
    after: tuple[tuple[str, regex.Pattern[str]], ...]


@lru_cache(maxsize=1)
def distractor_rules() -> DistractorRules:
    with resources.files("impact.lexicon").joinpath("distractors.toml").open("rb") as handle:
        data = tomllib.load(handle)

    def compile_all(section: dict[str, str]) -> tuple[tuple[str, regex.Pattern[str]], ...]:
        return tuple((name, regex.compile(rule, regex.IGNORECASE)) for name, rule in section.items())

    return DistractorRules(before=compile_all(data["before"]), after=compile_all(data["after"]))


def _is_year(expression: Expression, text: str) -> bool:
    written = text[expression.number_start : expression.number_end]
    return (
        expression.has_digits
        and not expression.is_range
        and expression.qualifier is None
        and regex.fullmatch(r"1[89]\d\d|20\d\d", written) is not None
    )


def rejection(text: str, expression: Expression) -> str | None:
    """Why this expression is not a figure, or ``None`` when it may be one."""
    if expression.is_decimal:
        return "decimal"
    rules = distractor_rules()
    before = text[max(0, expression.number_start - _WINDOW) : expression.number_start]
    after = text[expression.number_end : expression.number_end + _WINDOW]
    year = _is_year(expression, text)
    for name, pattern in rules.before:
        if name == "year_context" and not year:
            continue
        if name in ("threshold", "capacity", "definition"):
            context = text[max(0, expression.start - _WINDOW) : expression.start]
            if pattern.search(context):
                return name
            continue
        if (expression.has_digits or name in ("date", "age")) and pattern.search(before):
            return name
    for name, pattern in rules.after:
        if not expression.has_digits and name not in _WORD_RULES:
            continue
        if pattern.search(after):
            return name
    return None
