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

from impact.context.category import Spans, categorise, category_words, fits_unit, head_category, trigger_matcher
from impact.context.counted import Counted, counted_noun
from impact.context.document import DocumentContext, place_role
from impact.context.period import attach_periods
from impact.distractors import YEAR, rejection
from impact.expressions import Expression, scan_expressions
from impact.lexicon import Lexicon, load_lexicon
from impact.model import Figure
from impact.tables import Cell, Tables
from impact.text import KEEP_GIL, Span, sentence_spans
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
    # "- Strength1: Iraqi Army: 6,000": a digit glued to a word, or a label within a label
    r"(?:^|\n)[ \t]*(?:[-•*·][ \t]*)?"
    r"(?P<label>\p{L}(?:[\p{L} ,'’/-]|(?<=\p{L})\d|:(?=[ \t])){1,40}?)[ \t]*[:：][ \t]*$",
    regex.REVERSE,
)
_NOUN_THEN_BRACKET = regex.compile(r"(?<![\p{L}-])(?P<noun>\p{L}+)[ \t]+\p{L}+[ \t]*\([ \t]*$", regex.REVERSE)
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
    counted_apart = (-1, 0)  # where the last count of things that are no figure ended ("eight sites"), its value
    for number, expression in enumerate(expressions):
        reason = "zero" if expression.high == 0 else rejection(text, expression)
        if (
            reason is None
            and last_rejected
            and last_rejected[1] in _CHAIN_REASONS
            and _CHAINED.match(text[last_rejected[0].end : expression.start], None, None, KEEP_GIL)
        ):
            reason = last_rejected[1]  # "groups of more than 50 people or more than 10 families"
        if reason is not None:
            last_rejected = (expression, reason)
            continue
        counted = counted_noun(text, expression.end, _takes_of(expression, text), lexicon)
        if counted is None and number + 1 < len(expressions):
            counted = _elliptical(text, expression, expressions[number + 1], lexicon)
        if counted is not None and (
            counted.unit == "reject" or (counted.partitive and expression.low == 1 and expression.high == 1)
        ):
            counted_apart = (expression.end, expression.high or 0)
            continue  # "29 of the 47 counties", "one of the victims"
        index = max(0, bisect.bisect_right(starts, expression.start) - 1)
        sentence = sentences[index]
        if expression.end > sentence.end:
            continue  # "twenty\n\nthirty": words across a paragraph break are two things
        if (
            counted is not None
            and counted.unit == "structures"
            and _WHERE_BEFORE.match(text, max(sentence.start, expression.start - 12), expression.start, KEEP_GIL)
            and not trigger_after(text, expression._replace(end=counted.end), sentence, lexicon)
        ):
            counted_apart = (expression.end, expression.high or 0)
            continue  # "IDPs remain in three schools": where they are, no count of damage
        cell = tables.cell_at(expression.start) if tables.cells else None
        if population_baseline(text, expression) and not (
            counted is not None
            and _MOST_OF.match(text, max(0, expression.start - 30), expression.start, KEEP_GIL)
            and trigger_after(text, expression._replace(end=counted.end), sentence, lexicon)
        ):  # "Most of the 30,000 villagers trapped on the ridge": the group is the figure
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
            how = _bare(text, expression, sentence, accepted, index, lexicon, counted_apart)
        if how == "label":
            if _counts_something_else(text, expression.end, lexicon):
                continue  # "WASH: 36 boreholes rehabilitated": the line's number counts boreholes
            label = _LABEL.match(text, max(0, expression.start - 60), expression.start, KEEP_GIL)
            counted = counted_noun(text, label.start("label"), False, lexicon) if label else None
            if counted is not None and counted.unit == "reject":
                continue
        if how == "keyfigure":
            label_span = _key_figure_label(text, expression)
            row = _VALUE_ROW.fullmatch(text, *_line_of(text, expression.start, expression.end), KEEP_GIL) is not None
            if label_span is not None and not row:
                counted = counted_noun(text, label_span[0], False, lexicon)
                if counted is not None and counted.unit == "reject":
                    continue  # "12" above "Districts affected"
        if how == "subject":
            counted = _subject_noun(text, expression, lexicon)
        if how == "tally":
            counted = counted_noun(text, tally_after(text, expression, sentence) or expression.end, True, lexicon)
            if counted is not None and counted.unit == "reject":
                continue
        if how == "before" and counted is None:
            bracket = _NOUN_THEN_BRACKET.match(
                text, max(sentence.start, expression.start - 60), expression.start, KEEP_GIL
            )
            if bracket is not None:  # "Homes destroyed (4,210)": the noun before the word counts
                counted = counted_noun(text, bracket.start("noun"), False, lexicon)
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
            if candidate.how == "header":
                carried = _header_category(text, candidate, previous, lexicon)
            elif candidate.how == "keyfigure":
                carried = _key_figure_category(text, candidate.expression, lexicon)
            else:
                carried = _carried(text, previous, previous_sentence, candidate, sentences)
            built = _figure(text, candidate, sentence, siblings, sibling, context, lexicon, carried)
            if built is None:
                continue
            figure = built
        if candidate.expression.start in respective:
            figure = replace(figure, category=respective[candidate.expression.start])
        figures.append(figure)
        previous, previous_sentence = figure, candidate.sentence
    return figures


# a sentence that goes on about the figures of the one before: "This includes 5,633 children"
_CONTINUES = regex.compile(
    r"(?:this|these|they|which)\s+(?:figures?\s+|numbers?\s+|total\s+)?(?:includes?|included|comprises?)\b"
    r"|(?:of|among)\s+(?:these|them|those|whom)\b|including\b|also\b|another\b|a\s+further\b|in\s+addition\b",
    regex.IGNORECASE,
)
_ANAPHORIC_TALLY = regex.compile(
    r"\b(?:that|this|the\s+same|these)\s+(?:estimates?|figures?|numbers?|totals?|tolls?|tall(?:y|ies))\b",
    regex.IGNORECASE,
)
_FINITE = regex.compile(r"\b(?:is|are|was|were|has|have|had|will|be|been|\p{Ll}+ed)\b")
_BULLET = regex.compile(r"[ \t]*[-•*·▪◦][ \t]*")


def _carried(
    text: str, previous: Figure | None, previous_sentence: int, candidate: _Candidate, sentences: list[Span]
) -> str | None:
    """The category a sentence with no category word of its own takes from the figure just
    before, when it goes on about it: "This includes ...", "Of these, ...", or a verbless list
    of counts ("5,973 families, including 4,100 men, ...")."""
    if previous is None or previous_sentence != candidate.sentence - 1 or previous.unit not in ("people", "households"):
        return None
    sentence = sentences[candidate.sentence]
    if "\n\n" in text[sentences[previous_sentence].end : sentence.start]:
        return None  # another paragraph
    start = sentence.start
    bullet = _BULLET.match(text, start, sentence.end, KEEP_GIL)
    if bullet:
        start = bullet.end()
    if _CONTINUES.match(text, start, sentence.end, KEEP_GIL) or _ANAPHORIC_TALLY.search(
        text, start, candidate.expression.start, KEEP_GIL
    ):
        return previous.category  # "... raised that estimate to 300,000"
    if candidate.expression.start == start and not _FINITE.search(text, start, sentence.end, KEEP_GIL):
        return previous.category
    return None


def _key_figure_category(text: str, expression: Expression, lexicon: Lexicon) -> str | None:
    """A stacked key figure's label names its category; a row's labels do when they name one
    category per value, in order."""
    label = _key_figure_label(text, expression)
    if label is None:
        return None
    line_start, line_end = _line_of(text, expression.start, expression.end)
    if not _VALUE_ROW.fullmatch(text, line_start, line_end, KEEP_GIL):
        words = category_words(text, *label, lexicon)
        return words[0] if words else None
    values = [m.start() for m in _ROW_VALUE.finditer(text, line_start, line_end, False, KEEP_GIL)]
    words = [phrase for _, _, phrase in trigger_matcher(lexicon).finditer(text, *label)]
    if len(words) != len(values) or expression.start not in values:
        return None
    return lexicon.categories[words[values.index(expression.start)]]


def _header_category(text: str, candidate: _Candidate, previous: Figure | None, lexicon: Lexicon) -> str | None:
    """An infobox value under its header takes the header's category ("Strength": fighters),
    one under another value that value's ("Fatalities5,951+" then "14,000–24,000")."""
    line_start, _ = _line_of(text, candidate.expression.start, candidate.expression.end)
    above_start, above_end = _line_of(text, line_start - 1, line_start - 1)
    if previous is not None and above_start <= previous.start < above_end:
        return previous.category
    words = category_words(text, above_start, above_end, lexicon)
    return words[0] if words else None


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
    counted_apart: tuple[int, int] = (-1, 0),
) -> str | None:
    """How a number with no counted noun is still a figure, or None when it is not one.
    ``counted_apart`` is where the last count of something that is no figure ended ("eight sites"),
    and its value: a bracketed share no larger is a share of that count."""
    previous = accepted[-1].expression if accepted else None
    if (
        previous is not None
        and 0 <= expression.start - previous.end < 30
        and _parenthetical(text, expression)
        and not _NEW_ITEM.search(text, previous.end, expression.start, KEEP_GIL)
    ):
        return "restatement"  # "nearly 20 lakh (2 million)", right after the figure it restates
    written = text[expression.number_start : expression.number_end].lower()
    if written == "a few" or (expression.has_digits and YEAR.fullmatch(written, None, None, KEEP_GIL)):
        return None
    if _LABEL.match(text, max(0, expression.start - 60), expression.start, KEEP_GIL):
        return "label"  # "Deaths: 1,234", "- Houses destroyed: 3,400"
    if _key_figure_label(text, expression) is not None:
        return "keyfigure"  # "3.1 million" / "1.2 million" / "People in need" / "People displaced"
    if _under_header(text, expression, accepted):
        return "header"  # "Strength\n20,000–30,000+ [37]", "Fatalities5,951+\n14,000–24,000 (estimated)"
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
    has_sibling = (
        bool(accepted)
        and accepted[-1].sentence == index
        # "welcomed 250,000 visitors, up from 180,000": no share of people at work or at play
        and not (accepted[-1].counted is not None and accepted[-1].counted.noun_category == "needs_trigger")
    )
    if share_of_figure(text, expression, sentence, has_sibling):
        if (
            has_sibling
            and previous is not None
            and previous.end < counted_apart[0] < expression.start
            and (expression.high or 0) <= counted_apart[1]
            and text[expression.end : expression.end + 2].lstrip().startswith(")")
        ):
            return None  # "26,159 persons across eight sites in Yagoua (5), Maga (2)": shares of the sites
        return "share"
    return None


# "100 Azerbaijani[82] and 85 Armenian civilians", "413 pregnant and 658 breastfeeding women",
# "more than 13,000 and 9,000 households": the noun of the next count is this one's too
_ELLIPSIS = regex.compile(r"(?P<tail>(?:[ \t]+(?P<word>\p{L}[\p{L}-]*))?(?:\[\w+\])*)[ \t]+(?:and|or)[ \t]+")


def _elliptical(text: str, expression: Expression, following: Expression, lexicon: Lexicon) -> Counted | None:
    match = _ELLIPSIS.fullmatch(text, expression.end, following.start, KEEP_GIL)
    if match is None:
        return None
    word = match.group("word")
    if word is not None and (
        word.lower() in lexicon.categories
        or word.lower() in lexicon.number_words
        or counted_noun(text, match.start("word"), False, lexicon) is not None
    ):
        return None  # "12 dead and 30 injured", "a 6 year and 3 children": each has its own word
    noun = counted_noun(text, following.end, _takes_of(following, text), lexicon)
    if noun is None or noun.unit == "reject" or noun.partitive:
        return None
    start, end = (match.start("word"), match.end("tail")) if word is not None else (expression.end, expression.end)
    phrase = word if word is not None else noun.phrase
    return Counted(phrase, start, end, noun.unit, noun.noun_category, noun.head)


# what else an infobox value's line may hold: pipes, citation markers, a short note in brackets
_LINE_REST = regex.compile(r"(?:[ \t|]|\[\w{1,4}\]|\([^()\n\d]{0,30}\))*")
_HEADER_LINE = regex.compile(r"[ \t|]*(?P<header>\p{Lu}[\p{L} ,'’/-]{0,40}?)[ \t|]*")


_MAX_INFOBOX_LINE = 80


# a key figure's line: one value ("3.1 million", "250K"), or a row of them ("250K 164K 4,352")
_VALUE = r"[>~≈<]?\d[\d.,]*(?:[ \t]?(?:[KMB]|million|billion|thousand)\b)?\+?"
_VALUE_LINE = regex.compile(rf"[ \t]*{_VALUE}[ \t]*")
_VALUE_ROW = regex.compile(rf"[ \t]*{_VALUE}(?:[ \t]+{_VALUE}){{2,}}[ \t]*")
_CITED_VALUE = rf"{_VALUE}(?:\[\w{{1,4}}\])*(?:[–-]{_VALUE}(?:\[\w{{1,4}}\])*)?"  # "1,200[5]–2,500[6]"
_INFOBOX_VALUES = regex.compile(rf"[ \t|]*{_CITED_VALUE}(?:[ \t|]+{_CITED_VALUE}){{1,3}}[ \t|]*")
_LABEL_LINE = regex.compile(r"[ \t]*\p{L}[^\n\d]{2,80}?(?:\b(?:19|20)\d\d\b[^\n\d]{0,40})?[ \t]*")
_ROW_VALUE = regex.compile(rf"(?<!\S){_VALUE}")
_KEY_LINES = 12  # lines looked at around a key figure
_MAX_KEY_LINE = 160  # characters: a row of key figures holds a handful of values


def _lines_near(text: str, start: int, count: int, forward: bool) -> list[tuple[int, int]]:
    """Up to ``count`` non-blank lines after (or before) the line at ``start``, nearest first."""
    found: list[tuple[int, int]] = []
    line_start, line_end = _line_of(text, start, start)
    while len(found) < count:
        if forward:
            if line_end >= len(text):
                break
            line_start, line_end = _line_of(text, line_end + 1, line_end + 1)
        else:
            if line_start == 0:
                break
            line_start, line_end = _line_of(text, line_start - 1, line_start - 1)
        if text[line_start:line_end].strip():
            found.append((line_start, line_end))
    return found


def _key_figure_label(text: str, expression: Expression) -> tuple[int, int] | None:
    """The label of a key figure standing on its own line: values stacked above their labels
    are paired in order; a row of values has its labels below (returned whole)."""
    line_start, line_end = _line_of(text, expression.start, expression.end)
    if line_end - line_start > _MAX_KEY_LINE:
        return None  # a table dumped on one line, no key figures: keeps long lines linear
    if _VALUE_ROW.fullmatch(text, line_start, line_end, KEEP_GIL):
        below = _lines_near(text, line_start, 1, True)
        return below[0] if below and _LABEL_LINE.fullmatch(text, *below[0], KEEP_GIL) else None
    if not _VALUE_LINE.fullmatch(text, line_start, line_end, KEEP_GIL):
        return None
    above = _lines_near(text, line_start, _KEY_LINES, False)
    below = _lines_near(text, line_start, 2 * _KEY_LINES, True)
    values_above = next(
        (i for i, span in enumerate(above) if not _VALUE_LINE.fullmatch(text, *span, KEEP_GIL)), len(above)
    )
    values_below = next(
        (i for i, span in enumerate(below) if not _VALUE_LINE.fullmatch(text, *span, KEEP_GIL)), len(below)
    )
    total = values_above + 1 + values_below
    if total < 2:
        return None  # one value alone: no block to pair
    labels = below[values_below : values_below + total]
    if len(labels) < total or not all(_LABEL_LINE.fullmatch(text, *span, KEEP_GIL) for span in labels):
        return None
    return labels[values_above]


def _line_of(text: str, start: int, end: int) -> tuple[int, int]:
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) + 1 or len(text) + 1) - 1


def _under_header(text: str, expression: Expression, accepted: list[_Candidate]) -> bool:
    """A value alone on its line (with citations, pipes, a bracketed note) right under an
    infobox header ("Strength") or under the line of the figure before it."""
    line_start, line_end = _line_of(text, expression.start, expression.end)
    alone = _LINE_REST.fullmatch(text, line_start, expression.start, KEEP_GIL) and _LINE_REST.fullmatch(
        text, expression.end, line_end, KEEP_GIL
    )
    if not alone and not (
        line_end - line_start <= _MAX_KEY_LINE and _INFOBOX_VALUES.fullmatch(text, line_start, line_end, KEEP_GIL)
    ):
        return False  # "9,000[4] 1,200[5]–2,500[6]": a few values with their citations are alone too
    if line_start < 2 or text[line_start - 2] == "\n":
        return False  # a blank line above: no header of this value
    above_start, above_end = _line_of(text, line_start - 1, line_start - 1)
    if above_end - above_start > _MAX_INFOBOX_LINE or text[above_start:above_end].rstrip().endswith("."):
        return False  # a page number under a paragraph of a PDF
    if accepted and above_start <= accepted[-1].expression.start < above_end:
        return True
    return _HEADER_LINE.fullmatch(text, above_start, above_end, KEEP_GIL) is not None


def _subject_noun(text: str, expression: Expression, lexicon: Lexicon) -> Counted | None:
    """The counted noun before a verb-qualifier ("arrivals top 74,000"), if there is one
    (rare: most expressions have no such qualifier, and the test stops at once)."""
    subject = subject_before(text, expression)
    noun = counted_noun(text, subject, False, lexicon) if subject is not None else None
    return noun if noun is not None and noun.unit != "reject" else None


_PLURAL_AFTER = regex.compile(r"[ \t]+(?P<word>\p{Ll}[\p{Ll}-]*[^s\W]s)\b")


def _counts_something_else(text: str, end: int, lexicon: Lexicon) -> bool:
    """A plural noun the lexicon does not know right after the number ("36 boreholes")."""
    match = _PLURAL_AFTER.match(text, end, end + 40, KEEP_GIL)
    if match is None:
        return False
    word = match.group("word")
    return word not in lexicon.categories and word not in lexicon.nouns and word[:-1] not in lexicon.nouns


def _takes_of(expression: Expression, text: str) -> bool:
    """'hundreds of civilians', 'a dozen of them': the counted noun follows 'of'."""
    written = text[expression.number_start : expression.number_end].lower()
    return expression.vague or written.endswith(("dozen", "dozens"))


_MOST_OF = regex.compile(r"\b(?:most|majority|all|many)\s+of\s+(?:the\s+)?$", regex.IGNORECASE | regex.REVERSE)
_WHERE_BEFORE = regex.compile(r"\b(?:in|at|inside|into)[ \t]+(?:the[ \t]+)?$", regex.IGNORECASE | regex.REVERSE)
_ALTERNATIVE = regex.compile(r"[ \t]+[\p{L}-]+[ \t]+or[ \t]+(?:about[ \t]+|some[ \t]+)?")
_HARMS = frozenset({"killed", "injured", "missing", "detained"})
_ALONGSIDE = regex.compile(r"(?:[^.;:\d\[]|\[\w+\]){0,30}?(?:\band|\bas\s+well\s+as|\bincluding|\bamong\s+them)\s+$")
_NOUN_ENDS = regex.compile(r"(?:\[\w+\])*\s*(?:[,;.)]|and\b|according\b|\(|$)")


def _harmed_alongside(text: str, expression: Expression, counted: Counted | None, sibling: Figure | None) -> bool:
    """'223 civilians dead, as well as 35 militiamen': fighters listed with the figure of a harm
    just before, with no verb of their own."""
    if sibling is None or sibling.category not in _HARMS or counted is None:
        return False
    if not _ALONGSIDE.fullmatch(text, sibling.end, expression.start, KEEP_GIL):
        return False
    return text[counted.end - 1] == "." or _NOUN_ENDS.match(text, counted.end, counted.end + 40, KEEP_GIL) is not None


def _in_brackets(text: str, expression: Expression) -> bool:
    """'2,759 persons (around 460 families)', '18 people, 12 of them children, died': an aside
    that does not split its sentence's clauses."""
    before = text[max(0, expression.start - 30) : expression.start]
    after = text[expression.end : expression.end + 40]
    opened = before.rfind("(")
    if opened >= 0 and ")" not in before[opened:] and ")" in after and "(" not in after.split(")")[0]:
        return True
    if before.endswith(", ") and _ASIDE.match(after, None, None, KEEP_GIL) is not None:
        return True
    # "At least 14 people, including three soldiers, were killed"
    return (
        _INCLUDED.search(before, None, None, KEEP_GIL) is not None
        and _CLAUSE_TO_COMMA.match(after, None, None, KEEP_GIL) is not None
    )


def _parenthetical(text: str, expression: Expression) -> bool:
    """'20 lakh (2 million)': a restatement in brackets right after a figure."""
    before = text[max(0, expression.start - 4) : expression.start]
    return bool(_OPEN_PAREN.match(before, None, None, KEEP_GIL)) and text[
        expression.end : expression.end + 2
    ].lstrip().startswith(")")


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
        start=expression.start,
        end=expression.end,
        surface=text[expression.start : expression.end],
        low=low,
        high=high,
        best=best,
        approximate=approximate,
        vague=expression.vague,
        qualifier=expression.qualifier if precise else previous.qualifier,
        counted=previous.counted,
        unit=previous.unit,
        category=previous.category,
        location=previous.location,
        place=previous.place,
        attributed_to=previous.attributed_to,
        **_evidence(text, sentence, expression.start, expression.end),
    )


def _figure(
    text: str,
    candidate: _Candidate,
    sentence: Span,
    siblings: Spans,
    sibling: Figure | None,
    context: DocumentContext,
    lexicon: Lexicon,
    carried: str | None = None,
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
        and _SUBSET.match(text, sibling.end, expression.start, KEEP_GIL)
    ):
        category = sibling.category  # "74 dead, including 32 civilians"
    elif (
        sibling is not None
        and noun_category is None
        and sibling.unit != (unit or "people")
        and _ALTERNATIVE.fullmatch(text, sibling.end, expression.start, KEEP_GIL)
    ):
        category = sibling.category  # "uprooted 3,100 families or 21,700 people": the same people again
    elif noun_category == "fighters" and _harmed_alongside(text, expression, counted, sibling):
        assert sibling is not None
        category = sibling.category  # "killed 80 people, including 64 civilians and 16 militants"
    else:
        # a label's words are all context ("Affected population: 45,000"), its noun no default
        head = counted.head if counted and candidate.how != "label" else None
        category = categorise(
            text,
            context.triggers_near(candidate.sentence, lexicon, expression.start, end),
            (expression.start, end),
            siblings,
            unit,
            head,
            noun_category,
            lexicon,
            part=bool(counted and counted.partitive),
        )
    if counted is None and category == "damaged":
        if _MONEY.search(text, sentence.start, sentence.end, KEEP_GIL) or (expression.best or 0) >= 1_000_000:
            return None  # "810 million was attributed to direct damage": money, not structures
        unit = "structures"  # "136,000 more were reported to have sustained damage"
    if category is None:
        category = context.list_category(candidate.sentence, lexicon)  # "Returnees by province:"
    if category is None and carried is not None and (unit or "people") in ("people", "households"):
        category = carried  # "33,218 people were displaced. This includes 5,973 families, ..."
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
        follows = carried is not None and candidate.how not in ("header", "keyfigure")  # on about the figure before
        place = context.place_for(candidate.sentence, expression.start, end, siblings, category, follows)
    place_start = place.start if place is not None and place.start is not None else -1
    in_sentence = sentence.start <= place_start < sentence.end  # a role is read from the figure's own sentence
    role = place_role(text, place) if in_sentence else None
    if category == "fled" and role == "destination" and place is not None and context.abroad(place):
        category = "refugees"  # "7,000 more fled in the other direction into Chad": across a border
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
        attributed_to=context.attribution_for(candidate.sentence, expression.start, expression.end),
        place_role=role,
        **_evidence(text, sentence, expression.start, expression.end),
    )
