"""Numbers with no counted noun that are still figures: 'killing 12', '73 died', 'displaced 30,000'."""

from __future__ import annotations

from functools import lru_cache

import regex

from impact.expressions import Expression
from impact.lexicon import Lexicon, phrase_pattern
from impact.text import Span

_AUX = (
    r"(?:(?:have|has|had|were|was|are|is|been|being|reportedly|also|now|still|already|so\s+far|"
    r"more|other|others|people|persons|confirmed|feared|believed|thought|reported|presumed|left|"
    r"to\s+have|to\s+be|remain|remained|remaining|and|or)\s+)*"
)
_LEAD_IN = r"(?:\s+(?:to|at|of|by|reached|rose\s+to|stood\s+at|climbed\s+to|hit|now|further|another|an\s+additional|some|about|more\s+than|at\s+least|nearly|over)){0,3}\s*$"


@lru_cache(maxsize=8)
def _patterns(lexicon: Lexicon) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    triggers = phrase_pattern(list(lexicon.categories))
    after = regex.compile(rf"^[\s,]*{_AUX}(?:{triggers})", regex.IGNORECASE)
    before = regex.compile(rf"(?:{triggers}){_LEAD_IN}", regex.IGNORECASE)
    return after, before


def bare_figure(text: str, expression: Expression, sentence: Span, lexicon: Lexicon) -> bool:
    """Whether a category word sits right after or right before the number, in its sentence."""
    after, before = _patterns(lexicon)
    tail = text[expression.end : min(sentence.end, expression.end + 60)]
    if after.search(tail):
        return True
    head = text[max(sentence.start, expression.start - 40) : expression.start]
    return bool(before.search(head))
