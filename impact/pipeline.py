"""The stage order, nothing else: numbers -> expressions -> distractors -> context.

``extract(text)`` is a pure function: text in, figures out, no I/O and no state kept
between calls (the lexicon and gazetteer are read-only caches).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import date
from typing import TypedDict

import regex

from impact.context.category import Spans, categorise, category_words, fits_unit, head_category
from impact.context.counted import Counted, counted_noun
from impact.context.document import DocumentContext
from impact.context.period import attach_periods
from impact.distractors import YEAR, rejection
from impact.expressions import Expression, scan_expressions
from impact.lexicon import Lexicon, load_lexicon
from impact.model import Figure
from impact.tables import Cell, Tables
from impact.text import Span, sentence_spans
from impact.triggers import (
    population_baseline,
    respectively,
    share_of_figure,
    subject_before,
    tally_after,
    tally_noun_start,
    trigger_after,
    trigger_before,
)

EXTRACTOR_VERSION = "0.6.0"  # bump when outputs change: stored articles are then re-extracted

_CHAINED = regex.compile(r"^\s*[\w\s]{0,25}?\b(?:or|and)\s+$")
_OPEN_PAREN = regex.compile(r"\s*\(\s*$", regex.REVERSE)
_CHAIN_REASONS = frozenset({"threshold", "capacity", "definition"})
# a list item or an infobox line: "Deaths: 1,234", "- Houses destroyed: 3,400" (searched backwards)
_LABEL = regex.compile(
    r"(?:^|\n)[ \t]*(?:[-•*·][ \t]*)?(?P<label>\p{L}[\p{L} ,'’/-]{1,40}?)[ \t]*[:：][ \t]*$", regex.REVERSE
)
_NEW_ITEM = regex.compile(r"[,;]|\b\p{Lu}")  # "Saharsa (2.75 lakh), Madhepura (1,86,000)": not a restatement
_ASIDE = regex.compile(r"\s+(?:of\s+(?:them|whom)|among\s+them)\b[^,.;()]{0,25},")
_INCLUDED = regex.compile(r",\s+(?:including|among\s+them|among\s+whom)\s+$")
_CLAUSE_TO_COMMA = regex.compile(r"[^,.;()]{0,30},")
_SUBSET = regex.compile(
    r"[^.;]{0,20}?(?:including|among\s+them|among\s+whom|of\s+whom|of\s+which|of\s+them)\b[^.;\d]{0,12}$"
)
_MONEY = regex.compile(
    r"[$€£¥₹]|\b(?:euros?|dollars?|usd|eur|gbp|pounds|rupees|francs|yuan|cost|costs|worth|budget|losses|funding)\b",
    regex.IGNORECASE,
)


def extract(
    text: str,
    *,
    published: date | str | None = None,
    lexicon: Lexicon | None = None,
    geocode: bool = True,
) -> list[Figure]:
    """Every humanitarian-impact figure in ``text``, in reading order.

    ``published`` is the article's date (a ``date`` or ``YYYY-MM-DD``), against which
    relative time words ("last week") are resolved; without it they stay unresolved.
    ``lexicon`` replaces the packaged word lists (see ``impact.lexicon``); with
    ``geocode=False`` places are not looked up (no gazetteer load) and ``location`` is None.
    """
    lexicon = lexicon or load_lexicon()
    expressions = scan_expressions(text, lexicon)  # numbers -> expressions with bounds
    if not expressions:
        return []
    sentences = sentence_spans(text)
    tables = Tables(text)
    candidates = _candidates(text, expressions, sentences, tables, lexicon)  # distractors, what is counted
    figures = _figures(text, candidates, sentences, DocumentContext(text, sentences, geocode), lexicon)
    return attach_periods(text, sentences, figures, published)  # when each figure holds


def _candidates(
    text: str, expressions: list[Expression], sentences: list[Span], tables: Tables, lexicon: Lexicon
) -> list[_Candidate]:
    """The expressions that are figures: not a distractor, and counting something or said
    to have happened to someone."""
    starts = [s.start for s in sentences]
    accepted: list[_Candidate] = []
    last_rejected: tuple[Expression, str] | None = None
    for expression in expressions:
        reason = "zero" if expression.high == 0 else rejection(text, expression)
        if (
            reason is None
            and last_rejected
            and last_rejected[1] in _CHAIN_REASONS
            and _CHAINED.match(text[last_rejected[0].end : expression.start])
        ):
            reason = last_rejected[1]  # "groups of more than 50 people or more than 10 families"
        if reason is not None:
            last_rejected = (expression, reason)
            continue
        counted = counted_noun(text, expression.end, _takes_of(expression, text), lexicon)
        if counted is not None and (
            counted.unit == "reject" or (counted.partitive and expression.low == 1 and expression.high == 1)
        ):
            continue  # "29 of the 47 counties", "one of the victims"
        index = max(0, bisect.bisect_right(starts, expression.start) - 1)
        sentence = sentences[index]
        if expression.end > sentence.end:
            continue  # "twenty\n\nthirty": words across a paragraph break are two things
        cell = tables.cell_at(expression.start) if tables.cells else None
        if population_baseline(text, expression):
            how: str | None = "population"  # "(pop: 650)", "a third of the 2.2 million residents"
        elif counted is not None:
            how = "noun"
        elif cell is not None:
            how = "table"  # "| Nampula | 12,400 |" under "| Province | IDPs |": the header says what
            counted = counted_noun(text, cell.header_start, False, lexicon) or counted_noun(
                text, cell.label_start, False, lexicon
            )  # or the row does: "| Deaths | 1,234 |"
            if counted is not None and counted.unit == "reject":
                continue  # "| Province | Sites |"
        else:
            how = _bare(text, expression, sentence, accepted, index, lexicon)
        if how == "label":
            if _counts_something_else(text, expression.end, lexicon):
                continue  # "WASH: 36 boreholes rehabilitated": the line's number counts boreholes
            label = _LABEL.match(text, max(0, expression.start - 60), expression.start)
            counted = counted_noun(text, label.start("label"), False, lexicon) if label else None
            if counted is not None and counted.unit == "reject":
                continue
        if how == "subject":
            counted = _subject_noun(text, expression, lexicon)
        if how == "tally":
            counted = counted_noun(text, tally_after(text, expression, sentence) or expression.end, True, lexicon)
            if counted is not None and counted.unit == "reject":
                continue
        if how == "before" and counted is None:
            noun_start = tally_noun_start(text, expression, sentence)
            if noun_start is not None:
                counted = counted_noun(text, noun_start - 1, False, lexicon)
                if counted is not None and counted.unit == "reject":
                    continue
        if how is not None:
            accepted.append(_Candidate(expression, counted, index, how, cell if how == "table" else None))
    return accepted


def _figures(
    text: str, accepted: list[_Candidate], sentences: list[Span], context: DocumentContext, lexicon: Lexicon
) -> list[Figure]:
    """Each candidate with its category, place and source."""
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    nouns: dict[int, list[tuple[int, int]]] = {}
    for candidate in accepted:
        if candidate.how != "restatement" and not _in_brackets(text, candidate.expression):
            by_sentence.setdefault(candidate.sentence, []).append(
                (candidate.expression.start, candidate.expression.end)
            )
        counted = candidate.counted
        if counted is not None and candidate.how == "noun" and counted.start >= candidate.expression.end:
            nouns.setdefault(candidate.sentence, []).append((counted.start, counted.end))
    # the spans of each sentence's figures, sorted once: a figure's own span never counts as
    # lying between it and a word (see Spans), so one object serves all figures of a sentence
    spans_by_sentence = {index: Spans(spans, nouns.get(index)) for index, spans in by_sentence.items()}
    figures: list[Figure] = []
    previous: Figure | None = None
    previous_sentence = -1
    respective = _respective_categories(text, accepted, sentences, lexicon)
    for candidate in accepted:
        sentence = sentences[candidate.sentence]
        if candidate.how == "restatement" and previous is not None:
            figure = _restatement(text, candidate.expression, previous, sentence)
        else:
            sibling = previous if previous is not None and previous_sentence == candidate.sentence else None
            siblings = spans_by_sentence.get(candidate.sentence) or Spans([])
            built = _figure(text, candidate, sentence, siblings, sibling, context, lexicon)
            if built is None:
                continue
            figure = built
        if candidate.expression.start in respective:
            figure = replace(figure, category=respective[candidate.expression.start])
        figures.append(figure)
        previous, previous_sentence = figure, candidate.sentence
    return figures


def _respective_categories(
    text: str, accepted: list[_Candidate], sentences: list[Span], lexicon: Lexicon
) -> dict[int, str]:
    """'the number affected and homeless rose to 1.1 million and 100,000 respectively'."""
    found: dict[int, str] = {}
    for index in {c.sentence for c in accepted}:
        sentence = sentences[index]
        marker = text.find("respectively", sentence.start, sentence.end)
        if marker < 0:
            continue
        listed = [c for c in accepted if c.sentence == index and c.expression.end <= marker]
        if len(listed) < 2:
            continue
        words = category_words(text, sentence.start, listed[0].expression.start, lexicon)
        if len(words) >= len(listed):
            for candidate, category in zip(listed, words[-len(listed) :], strict=True):
                found[candidate.expression.start] = category
    return found


@dataclass(frozen=True, slots=True)
class _Candidate:
    expression: Expression
    counted: Counted | None
    sentence: int
    how: str  # noun / restatement / label / after / tally / before / share / subject / population / table
    cell: Cell | None = None  # the table cell it stands in


def _bare(
    text: str,
    expression: Expression,
    sentence: Span,
    accepted: list[_Candidate],
    index: int,
    lexicon: Lexicon,
) -> str | None:
    """How a number with no counted noun is still a figure, or None when it is not one."""
    previous = accepted[-1].expression if accepted else None
    if (
        previous is not None
        and 0 <= expression.start - previous.end < 30
        and _parenthetical(text, expression)
        and not _NEW_ITEM.search(text, previous.end, expression.start)
    ):
        return "restatement"  # "nearly 20 lakh (2 million)", right after the figure it restates
    written = text[expression.number_start : expression.number_end].lower()
    if written == "a few" or (expression.has_digits and YEAR.fullmatch(written)):
        return None
    if _LABEL.match(text, max(0, expression.start - 60), expression.start):
        return "label"  # "Deaths: 1,234", "- Houses destroyed: 3,400"
    if _subject_noun(text, expression, lexicon) is not None:
        return "subject"  # "arrivals top 74,000": the noun before the verb is what is counted
    if trigger_after(text, expression, sentence, lexicon):
        return "after"
    if tally_after(text, expression, sentence) is not None:
        return "tally"
    if written == "one":
        return None
    if trigger_before(text, expression, sentence, lexicon):
        return "before"
    if respectively(text, expression, sentence) and accepted and accepted[-1].sentence == index:
        return "share"
    has_sibling = bool(accepted) and accepted[-1].sentence == index
    if share_of_figure(text, expression, sentence, has_sibling):
        return "share"
    return None


def _subject_noun(text: str, expression: Expression, lexicon: Lexicon) -> Counted | None:
    """The counted noun before a verb-qualifier ("arrivals top 74,000"), if there is one
    (rare: most expressions have no such qualifier, and the test stops at once)."""
    subject = subject_before(text, expression)
    noun = counted_noun(text, subject, False, lexicon) if subject is not None else None
    return noun if noun is not None and noun.unit != "reject" else None


_PLURAL_AFTER = regex.compile(r"[ \t]+(?P<word>\p{Ll}[\p{Ll}-]*[^s\W]s)\b")


def _counts_something_else(text: str, end: int, lexicon: Lexicon) -> bool:
    """A plural noun the lexicon does not know right after the number ("36 boreholes")."""
    match = _PLURAL_AFTER.match(text, end, end + 40)
    if match is None:
        return False
    word = match.group("word")
    return word not in lexicon.categories and word not in lexicon.nouns and word[:-1] not in lexicon.nouns


def _takes_of(expression: Expression, text: str) -> bool:
    """'hundreds of civilians', 'a dozen of them': the counted noun follows 'of'."""
    written = text[expression.number_start : expression.number_end].lower()
    return expression.vague or written.endswith(("dozen", "dozens"))


def _in_brackets(text: str, expression: Expression) -> bool:
    """'2,759 persons (around 460 families)', '18 people, 12 of them children, died': an aside
    that does not split its sentence's clauses."""
    before = text[max(0, expression.start - 30) : expression.start]
    after = text[expression.end : expression.end + 40]
    opened = before.rfind("(")
    if opened >= 0 and ")" not in before[opened:] and ")" in after and "(" not in after.split(")")[0]:
        return True
    if before.endswith(", ") and _ASIDE.match(after) is not None:
        return True
    # "At least 14 people, including three soldiers, were killed"
    return _INCLUDED.search(before) is not None and _CLAUSE_TO_COMMA.match(after) is not None


def _parenthetical(text: str, expression: Expression) -> bool:
    """'20 lakh (2 million)': a restatement in brackets right after a figure."""
    before = text[max(0, expression.start - 4) : expression.start]
    return bool(_OPEN_PAREN.match(before)) and text[expression.end : expression.end + 2].lstrip().startswith(")")


_MAX_EVIDENCE = 1_000  # characters of a sentence kept with each figure; longer ones give a window
_EVIDENCE_WINDOW = 400


class _Evidence(TypedDict):
    sentence: str
    sentence_start: int
    sentence_end: int


def _evidence(text: str, sentence: Span, start: int, end: int) -> _Evidence:
    """The sentence a figure came from, or, in a sentence too long to copy with each of its
    figures (a table dumped on one line), the words around the figure."""
    first, last = sentence.start, sentence.end
    if last - first > _MAX_EVIDENCE:
        first, last = max(first, start - _EVIDENCE_WINDOW), min(last, end + _EVIDENCE_WINDOW)
    return {"sentence": text[first:last], "sentence_start": first, "sentence_end": last}


def _restatement(text: str, expression: Expression, previous: Figure, sentence: Span) -> Figure:
    low, high = expression.low, expression.high
    approximate = expression.approximate or previous.approximate
    precise = expression.low not in (previous.low, previous.high) and not previous.vague
    if precise:
        approximate = expression.approximate  # "more than 1 million (1,086,000)": the exact count
    elif not expression.qualifier and expression.low is not None:
        # the bracket restates the same hedged quantity: keep the hedge's shape
        if previous.high is None:
            high = None
        elif previous.low is None:
            low = None
        elif previous.low != previous.high and not previous.vague:
            low = round(expression.low * previous.low / previous.high)
    best = expression._replace(low=low, high=high).best  # the same rule as every figure's
    return Figure(
        start=expression.start, end=expression.end, surface=text[expression.start : expression.end],
        low=low, high=high, best=best, approximate=approximate, vague=expression.vague,
        qualifier=expression.qualifier if precise else previous.qualifier, counted=previous.counted, unit=previous.unit,
        category=previous.category, location=previous.location, place=previous.place,
        attributed_to=previous.attributed_to, **_evidence(text, sentence, expression.start, expression.end),
    )


def _figure(
    text: str,
    candidate: _Candidate,
    sentence: Span,
    siblings: Spans,
    sibling: Figure | None,
    context: DocumentContext,
    lexicon: Lexicon,
) -> Figure | None:
    expression, counted = candidate.expression, candidate.counted
    unit = counted.unit if counted else ""
    end = max(counted.end, expression.end) if counted else expression.end  # a label's noun comes first
    noun_category = counted.noun_category if counted else None
    if candidate.cell is not None:
        cell = candidate.cell
        words = category_words(text, cell.header_start, cell.header_end, lexicon) or category_words(
            text, cell.label_start, cell.label_end, lexicon
        )
        words = [word for word in words if fits_unit(word, unit or "people")]
        if not words and (unit == "structures" or noun_category == "needs_trigger"):
            return None  # "| Schools used as shelters | 12 |", "| District | Teachers |"
        category: str | None = words[0] if words else (noun_category or "affected")
    elif candidate.how == "population":
        category = "other"
    elif (
        sibling is not None
        and noun_category is None
        and not (counted and head_category(counted.head, lexicon))  # "cases, including 412 deaths"
        and _SUBSET.match(text, sibling.end, expression.start)
    ):
        category = sibling.category  # "74 dead, including 32 civilians"
    else:
        # a label's words are all context ("Affected population: 45,000"), its noun no default
        head = counted.head if counted and candidate.how != "label" else None
        category = categorise(
            text, context.triggers_in(candidate.sentence, lexicon), (expression.start, end), siblings, unit,
            head, noun_category, lexicon, part=bool(counted and counted.partitive),
        )
    if counted is None and category == "damaged":
        if _MONEY.search(text, sentence.start, sentence.end) or (expression.best or 0) >= 1_000_000:
            return None  # "810 million was attributed to direct damage": money, not structures
        unit = "structures"  # "136,000 more were reported to have sustained damage"
    if category is None:
        category = context.list_category(candidate.sentence, lexicon)  # "Returnees by province:"
    if category is None:
        if noun_category == "needs_trigger":
            return None  # "thousands of volunteers": responders at work, not people affected
        if sibling is not None and sibling.unit == (unit or "people"):
            category = sibling.category  # "24 deaths: 17 in Republika Srpska and 7 in the Federation"
        else:
            if unit == "structures":
                return None  # "30 offices": buildings with nothing said to happen to them
            category = "affected"
    unit = unit or "people"
    if candidate.cell is not None:
        place = context.table_place(candidate.cell)
    else:
        place = context.place_for(candidate.sentence, expression.start, end, siblings)
    return Figure(
        start=expression.start,
        end=expression.end,
        surface=text[expression.start : expression.end],
        low=expression.low,
        high=expression.high,
        best=expression.best,
        approximate=expression.approximate,
        vague=expression.vague,
        qualifier=expression.qualifier,
        counted=counted.phrase if counted else None,
        unit=unit,
        category=category,
        location=place.name if place else None,
        place=place,
        attributed_to=context.attribution_for(candidate.sentence),
        **_evidence(text, sentence, expression.start, expression.end),
    )
