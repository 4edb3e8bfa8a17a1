"""The stage order, nothing else: numbers -> expressions -> distractors -> context.

``extract(text)`` is a pure function: text in, figures out, no I/O and no state kept
between calls (the lexicon and gazetteer are read-only caches).
"""

from __future__ import annotations

import bisect

import regex

from impact.context.attribution import attribute
from impact.context.category import categorise
from impact.context.counted import Counted, counted_noun
from impact.context.gazetteer import Gazetteer, load_gazetteer
from impact.context.places import find_places
from impact.distractors import rejection
from impact.expressions import Expression, scan_expressions
from impact.lexicon import Lexicon, load_lexicon
from impact.model import Figure, Place
from impact.text import Span, is_header, paragraph_spans, sentence_spans
from impact.triggers import bare_figure

EXTRACTOR_VERSION = "0.1.0"

_CHAINED = regex.compile(r"^\s*[\w\s]{0,25}?\b(?:or|and)\s+$")
_OPEN_PAREN = regex.compile(r"\s*\(\s*$")
_CHAIN_REASONS = frozenset({"threshold", "capacity", "definition"})
_FIRST_LINES = 600


def extract(text: str, *, lexicon: Lexicon | None = None, geocode: bool = True) -> list[Figure]:
    """Every humanitarian-impact figure in ``text``, in reading order.

    ``lexicon`` replaces the packaged word lists (see ``impact.lexicon``); with
    ``geocode=False`` places are not looked up (no gazetteer load) and ``location`` is None.
    """
    lexicon = lexicon or load_lexicon()
    expressions = scan_expressions(text, lexicon)
    if not expressions:
        return []
    sentences = sentence_spans(text)
    starts = [s.start for s in sentences]
    accepted: list[tuple[Expression, Counted | None, int]] = []
    last_rejected: tuple[Expression, str] | None = None
    for expression in expressions:
        reason = rejection(text, expression)
        if reason is None and last_rejected and last_rejected[1] in _CHAIN_REASONS:
            if _CHAINED.match(text[last_rejected[0].end : expression.start]):
                reason = last_rejected[1]
        if reason is not None:
            last_rejected = (expression, reason)
            continue
        counted = counted_noun(text, expression.end, _takes_of(expression, text), lexicon)
        if counted is not None and counted.unit == "reject":
            continue
        sentence_index = max(0, bisect.bisect_right(starts, expression.start) - 1)
        if counted is None and not _parenthetical(text, expression, accepted):
            if not _may_stand_alone(expression, text) or not bare_figure(
                text, expression, sentences[sentence_index], lexicon
            ):
                continue
        accepted.append((expression, counted, sentence_index))

    context = _Context(text, sentences, geocode)
    figures: list[Figure] = []
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for expression, counted, index in accepted:
        by_sentence.setdefault(index, []).append((expression.start, expression.end))
    previous: Figure | None = None
    for expression, counted, index in accepted:
        sentence = sentences[index]
        if counted is None and previous is not None and _parenthetical(text, expression, [(None, None, 0)]):
            figure = _restatement(text, expression, previous, sentence)
        else:
            figure = _figure(text, expression, counted, sentence, index, by_sentence[index], context, lexicon)
        figures.append(figure)
        previous = figure
    return figures


def _takes_of(expression: Expression, text: str) -> bool:
    """'hundreds of civilians', 'a dozen of them': the counted noun follows 'of'."""
    written = text[expression.number_start : expression.number_end].lower()
    return expression.vague or written.endswith(("dozen", "dozens"))


def _may_stand_alone(expression: Expression, text: str) -> bool:
    """Whether a number with no counted noun may still be a figure ('killing 12', '73 died')."""
    written = text[expression.number_start : expression.number_end].lower()
    if written in ("a few", "one"):
        return False
    return not (expression.has_digits and regex.fullmatch(r"1[89]\d\d|20\d\d", written))


def _parenthetical(text: str, expression: Expression, accepted: list) -> bool:  # type: ignore[type-arg]
    """'20 lakh (2 million)': a restatement in brackets right after an accepted figure."""
    if not accepted:
        return False
    before = text[max(0, expression.start - 4) : expression.start]
    return bool(_OPEN_PAREN.search(before)) and text[expression.end : expression.end + 2].lstrip().startswith(")")


def _restatement(text: str, expression: Expression, previous: Figure, sentence: Span) -> Figure:
    low, high = expression.low, expression.high
    approximate = expression.approximate or previous.approximate
    if not expression.qualifier and expression.low is not None:
        # the bracket restates the same hedged quantity: keep the hedge's shape
        if previous.high is None:
            high = None
        elif previous.low is None:
            low = None
        elif previous.low != previous.high and not previous.vague:
            low = round(expression.low * previous.low / previous.high)
    best = _best(low, high, expression)
    return Figure(
        start=expression.start, end=expression.end, surface=text[expression.start : expression.end],
        low=low, high=high, best=best, approximate=approximate, vague=expression.vague,
        qualifier=previous.qualifier, counted=previous.counted, unit=previous.unit,
        category=previous.category, location=previous.location, place=previous.place,
        attributed_to=previous.attributed_to, sentence=text[sentence.start : sentence.end],
        sentence_start=sentence.start, sentence_end=sentence.end,
    )


def _best(low: int | None, high: int | None, expression: Expression) -> int | None:
    if low is None or high is None:
        return low if high is None else high
    if expression.vague and low > 0:
        return round((low * high) ** 0.5)
    return round((low + high) / 2)


def _figure(
    text: str,
    expression: Expression,
    counted: Counted | None,
    sentence: Span,
    index: int,
    siblings: list[tuple[int, int]],
    context: _Context,
    lexicon: Lexicon,
) -> Figure:
    unit = counted.unit if counted else "people"
    end = counted.end if counted else expression.end
    others = [s for s in siblings if s != (expression.start, expression.end)]
    category = categorise(
        text, (sentence.start, sentence.end), (expression.start, end), others, unit,
        counted.head if counted else None, counted.noun_category if counted else None, lexicon,
    )
    place = context.place_for(index, expression.start, end)
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
        attributed_to=context.attribution_for(index),
        sentence=text[sentence.start : sentence.end],
        sentence_start=sentence.start,
        sentence_end=sentence.end,
    )


class _Context:
    """Per-call caches of places and attributions by sentence (never kept across calls)."""

    def __init__(self, text: str, sentences: list[Span], geocode: bool) -> None:
        self.text = text
        self.sentences = sentences
        self.gazetteer: Gazetteer | None = load_gazetteer() if geocode else None
        self._places: dict[int, list[Place]] = {}
        self._attributions: dict[int, str | None] = {}
        self._paragraphs: list[Span] | None = None
        self._main: list[Place | None] = []

    def places_in(self, index: int) -> list[Place]:
        if index not in self._places:
            assert self.gazetteer is not None
            span = self.sentences[index]
            self._places[index] = find_places(self.text, span.start, span.end, self.gazetteer)
        return self._places[index]

    def place_for(self, index: int, start: int, end: int) -> Place | None:
        if self.gazetteer is None:
            return None
        in_sentence = self.places_in(index)
        if in_sentence:
            def distance(place: Place) -> float:
                p_start = place.start or 0
                p_end = place.end or 0
                if p_start >= end:
                    return p_start - end
                if p_end <= start:
                    return (start - p_end) * 1.2
                return 0.0
            return min(in_sentence, key=distance)
        header = self._header_place(index)
        if header is not None:
            return header
        paragraph = self._paragraph_of(index)
        for earlier in range(index - 1, -1, -1):
            span = self.sentences[earlier]
            if paragraph is None or span.start < paragraph.start:
                break
            found = self.places_in(earlier)
            if found:
                return found[-1]
        return self._main_place()

    def _paragraph_of(self, index: int) -> Span | None:
        if self._paragraphs is None:
            self._paragraphs = paragraph_spans(self.text)
        position = self.sentences[index].start
        for paragraph in self._paragraphs:
            if paragraph.start <= position < paragraph.end:
                return paragraph
        return None

    def _header_place(self, index: int) -> Place | None:
        for earlier in range(index - 1, -1, -1):
            span = self.sentences[earlier]
            if is_header(self.text, span) and span.start > 0:
                found = self.places_in(earlier)
                if found:
                    return found[0]
        return None

    def _main_place(self) -> Place | None:
        if not self._main:
            assert self.gazetteer is not None
            lead = find_places(self.text, 0, min(len(self.text), _FIRST_LINES), self.gazetteer)
            known = [p for p in lead if p.matched]
            counts: dict[str, int] = {}
            for place in known:
                counts[place.matched or place.name] = counts.get(place.matched or place.name, 0) + 1
            best = max(known, key=lambda p: counts[p.matched or p.name]) if known else None
            self._main.append(best)
        return self._main[0]

    def attribution_for(self, index: int) -> str | None:
        if index not in self._attributions:
            span = self.sentences[index]
            previous = self._attributions.get(index - 1)
            self._attributions[index] = attribute(self.text[span.start : span.end], previous)
        return self._attributions[index]
