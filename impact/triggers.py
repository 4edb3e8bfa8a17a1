"""Numbers with no counted noun that are still figures.

- a category word right after: '73 died', '125,382 of whom were displaced', 'one was killed'
- a category word shortly before: 'killing 12', 'the death toll had risen to 50'
- a share of a figure just given: '17 in Republika Srpska and 7 in the Federation',
  'Of these fatalities, 84 were in Myebon', '60,000 of them in Alipurduar'
- a population in brackets: 'the Chatham Islands (pop: 650)'
"""

from __future__ import annotations

from functools import lru_cache

import regex

from impact.expressions import Expression
from impact.lexicon import Lexicon, phrase_pattern
from impact.text import KEEP_GIL, Span

_AUX = (
    r"(?:(?:have|has|had|were|was|are|is|been|being|reportedly|also|now|still|already|so\s+far|"
    r"more|other|others|people|persons|confirmed|feared|believed|thought|reported|presumed|left|"
    r"to\s+have|to\s+be|remain|remained|remaining|of\s+whom|of\s+them|of\s+these|of\s+those|and|or|"
    r"sustained|suffered|were\s+reported|(?:expected|likely|projected|set)\s+to\s+(?:have|be))(?:,?\s+))*"
)
_FREE_WORDS = r"(?:[\p{L}'’-]+\s+){0,3}?"
_CONNECTOR = (
    r"(?:(?:risen|rose|climbed|increased|grown|grew|jumped|gone\s+up|went\s+up|reached|placed|put|"
    r"raised|revised|brought|stood|stands|was|is|were|are|totalled|totaled|numbered|estimated|set)\s+(?:to|at)"
    r"|reached|exceeded|surpassed|hit|totalled|totaled|numbered|stood\s+at|at|of|was|is|were|are|by|has|have|had"
    r"|climbs\s+to|rises\s+to|jumps\s+to|reaches|range|ranged|ranging|vary|varies|varied)"
)
_LEAD_IN = rf"(?:\s*[\"“‘]?|(?:[\s,]+[\p{{L}}'’-]+){{0,5}}?\s+{_CONNECTOR}\s*)$"  # 'killed "more than 50'
_TALLY = regex.compile(
    r"\b(?:number|total|toll|count|tally|figure|estimate)\s+(?:of\s+)?(?:[\p{L}'’-]+\s+){0,5}$"
    # "taking the death toll in this year's floods and landslides to 47": farther, before "to"/"at"
    r"|\b(?:number|total|toll|count|tally)\s+(?:[\p{L}'’-]+\s+){1,12}?(?:to|at)\s+$",
    regex.IGNORECASE | regex.REVERSE,
)
# "the number of soldiers working to recover trapped residents increased to 46,000"
_TALLY_OF = regex.compile(
    r"\b(?:number|total|count|tally)\s+of\s+(?P<noun>[^.;:\d]{1,80}?)\s+(?:\p{Ll}+\s+){0,6}?"
    r"(?:\p{Ll}+\s+)?(?:to|at|reached|exceeded|surpassed|hit|stood\s+at|is|was|were|are)?\s*$",
    regex.IGNORECASE,
)
_NAME_THEN_BRACKET = regex.compile(r"\p{Lu}[\p{L}'’-]+[ \t]*\([ \t]*$", regex.REVERSE)
_RESPECTIVELY = regex.compile(r"^[^.;:]{0,40}?\brespectively\b")
_SHARE_AFTER = regex.compile(
    r"^(?:\s+(?:were|was|are|is))?\s+(?:(?:in|on|at|from|to)\s+(?:the\s+)?(?:\p{Ll}+\s+){0,2}|of\s+(?:the\s+)?)\p{Lu}"
    r"|^\s+of\s+(?:whom|them|these|those)\b|^\s+each\b"
)
_COMPARED = regex.compile(
    r"\b(?:compared\s+(?:with|to)|against|up\s+from|down\s+from|versus|vs\.?)\s+$|\bfrom\s+[^.;()]{1,40}?\bto\s+$",
    regex.IGNORECASE | regex.REVERSE,
)
_INCLUDING = regex.compile(r"\b(?:including|of\s+whom|of\s+which|among\s+them)\s+$", regex.IGNORECASE | regex.REVERSE)
_SHARE_OPENING = regex.compile(
    r"^\s*(?:of\s+(?:these|those|them|whom)|among\s+(?:them|these|those)"
    r"|(?:of|among)\s+the\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+\s*,)",  # "Of the dead, 11 were in ..."
    regex.IGNORECASE,
)
# "(pop: 650)", "12 percent of the 2.3 million residents", "two-thirds of Gaza's 2.2 million people"
_POPULATION = regex.compile(
    r"(?:\(\s*(?:pop(?:ulation)?\.?|population\s+of)\s*:?"
    r"|\b(?:percent|per\s+cent|%|proportion|share|half|thirds?|quarters?|majority|most|fraction)\s+of\s+"
    r"(?:the\s+|its\s+|their\s+|\p{Lu}[\p{L}-]+['’]s\s+)?"
    # "a pre-war population of 27,000", "population was estimated at 90,000 to 100,000"
    r"|\bpopulations?\s+\(?(?:(?:was|is|of|stood|estimated|put)\s+)*(?:of|at)\s+"
    # "a hill district of about 190,000 people", "the town of 5,000 residents"
    r"|\b(?:an?|the)\s+(?:[\p{L}-]+\s+){0,2}?(?:town|city|district|village|province|region|county|country|"
    r"island|municipality|enclave)\s+of\s+)\s*$",
    regex.IGNORECASE | regex.REVERSE,
)


@lru_cache(maxsize=8)
def _patterns(lexicon: Lexicon) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    triggers = phrase_pattern(list(lexicon.categories))
    after = regex.compile(rf"^[\s,]*{_AUX}{_FREE_WORDS}(?:{triggers})", regex.IGNORECASE)
    before = regex.compile(
        rf"(?:{phrase_pattern(list(lexicon.categories), reverse=True)}){_LEAD_IN}", regex.IGNORECASE | regex.REVERSE
    )
    return after, before


_WINDOW_CUT = regex.compile(r"\d|[;:()]")
_ASIDE = regex.compile(r"\s*\((?:\d{4}|\p{Lu}{2,6}s?)\)")
_ASIDES_BEFORE = regex.compile(r"\s*\((?:\d{4}|\p{Lu}{2,6}s?)\)|\s*\($")
# "Homes destroyed (4,210)", "dead (12 from disease)", not "(02) 8911-5061"
_IN_BRACKETS = regex.compile(r"\([1-9][\d,.]*(?:\)|\s+\p{Ll}[^()\n]{0,30}\))")
_CITATIONS = regex.compile(r"\s*\[\w{1,4}\]")
_BRACKETS = regex.compile(r"\s*\([^()]{0,40}\)")


def _window_after(text: str, expression: Expression, sentence: Span) -> str:
    start = expression.end
    bracket = _BRACKETS.match(text, start, min(sentence.end, start + 60), KEEP_GIL)
    if bracket:
        start = bracket.end()  # "nearly 20 lakh (2 million) were affected"
    tail = _CITATIONS.sub(
        "", text[start : min(sentence.end, start + 70)], 0, None, None, KEEP_GIL
    )  # "1,000+ [51] killed"
    return _WINDOW_CUT.split(tail, maxsplit=1)[0]


def _window_before(text: str, expression: Expression, sentence: Span) -> str:
    head = text[max(sentence.start, expression.start - 80) : expression.start]
    # "IDP returns (2020) 120,300", "Homes destroyed (4,210)", "persons (IDPs) ... is put at":
    # a year, an acronym or the bracket the figure stands in does not cut the words before it
    head = (
        _ASIDES_BEFORE.sub(" ", head, 0, None, None, KEEP_GIL)
        if _IN_BRACKETS.match(text, expression.start - 1, None, KEEP_GIL)
        else _ASIDE.sub(" ", head, 0, None, None, KEEP_GIL)
    )
    return _WINDOW_CUT.split(head)[-1]


def trigger_after(text: str, expression: Expression, sentence: Span, lexicon: Lexicon) -> bool:
    return bool(_patterns(lexicon)[0].match(_window_after(text, expression, sentence), None, None, KEEP_GIL))


def trigger_before(text: str, expression: Expression, sentence: Span, lexicon: Lexicon) -> bool:
    window = _window_before(text, expression, sentence)
    # both patterns end at the number ("$") and run backwards: match() anchors them there
    return bool(_patterns(lexicon)[1].match(window, None, None, KEEP_GIL) or _TALLY.match(window, None, None, KEEP_GIL))


def tally_noun_start(text: str, expression: Expression, sentence: Span) -> int | None:
    """Where the counted noun of a tally sentence starts ("the number of <soldiers> ... rose to N")."""
    head = text[max(sentence.start, expression.start - 120) : expression.start]
    match = _TALLY_OF.search(head, None, None, KEEP_GIL)
    if match is None:
        return None
    return expression.start - len(head) + match.start("noun")


_TALLY_AFTER = regex.compile(
    r"\s+the\s+(?:(?:total|overall|official|new)\s+)?(?:number|count|tally)(?=\s+of\s)", regex.IGNORECASE
)


def tally_after(text: str, expression: Expression, sentence: Span) -> int | None:
    """'bring to nearly 600,000 the number of Sudanese refugees': where the " of <noun>" starts."""
    match = _TALLY_AFTER.match(text, expression.end, min(sentence.end, expression.end + 40), KEEP_GIL)
    return match.end() if match else None


_VERB_QUALIFIERS = frozenset(
    {"tops", "topped", "top", "exceed", "exceeded", "exceeds", "surpassed", "surpasses", "passed", "passes"}
)
# the noun, perhaps followed by where: "Sudanese arrivals in Egypt top 1.5 million"
_SUBJECT = regex.compile(
    r"(?<![\p{L}'’-])[\p{L}'’-]+(?:[ \t]+(?:in|into|to|from|at)[ \t]+\p{Lu}[\p{L}'’-]+)?[ \t]+$", regex.REVERSE
)


def subject_before(text: str, expression: Expression) -> int | None:
    """'South Sudanese arrivals top 74,000', 'Cholera cases exceed 10,000': where the word
    before a verb-qualifier starts (the counted noun, if it is one)."""
    if not expression.qualifier or expression.qualifier.lower() not in _VERB_QUALIFIERS:
        return None
    match = _SUBJECT.match(text, max(0, expression.start - 40), expression.start, KEEP_GIL)
    return match.start() if match else None


def respectively(text: str, expression: Expression, sentence: Span) -> bool:
    """'... had risen to 1.1 million and roughly 100,000 respectively'."""
    return bool(_RESPECTIVELY.match(text[expression.end : sentence.end], None, None, KEEP_GIL))


def share_of_figure(text: str, expression: Expression, sentence: Span, has_sibling: bool) -> bool:
    """'17 in Republika Srpska' after '24 confirmed deaths', 'Of these deaths, 169 were in ...',
    '6.3 million displaced, including 4.5 million since April'."""
    if has_sibling and _INCLUDING.match(text, max(sentence.start, expression.start - 30), expression.start, KEEP_GIL):
        return True
    if has_sibling and _COMPARED.match(text, max(sentence.start, expression.start - 60), expression.start, KEEP_GIL):
        return True  # "1,900 deaths, compared with about 900 a week earlier", "fell from 9,000 to 4,000"
    closed = text[expression.end : expression.end + 2].lstrip().startswith(")")
    named = _NAME_THEN_BRACKET.match(text, max(sentence.start, expression.start - 40), expression.start, KEEP_GIL)
    if has_sibling and closed and named:
        return True  # "followed by Saharsa (2.75 lakh), Madhepura (1,86,000)"
    head = text[sentence.start : expression.start]
    opening = _SHARE_OPENING.match(head, None, None, KEEP_GIL)
    if opening is not None and not head[opening.end() :].strip():
        return True  # "Of the deaths, 176 occurred in the community"
    after = text[expression.end : min(sentence.end, expression.end + 40)]
    if not _SHARE_AFTER.search(after, None, None, KEEP_GIL):
        return False
    return has_sibling or opening is not None


def population_baseline(text: str, expression: Expression) -> bool:
    return bool(_POPULATION.match(text[max(0, expression.start - 40) : expression.start], None, None, KEEP_GIL))
