"""Where sentences and section headers are in a text (character spans)."""

from __future__ import annotations

from dataclasses import dataclass

import regex

# the regex module's "concurrent" argument, passed after pos and endpos: False keeps the GIL while
# matching. By default it is released and taken again around every match of a str, which costs
# more than matching the short windows the extractor reads (pos None: from the start, endpos
# None: to the end; sub takes a count, 0, before them, finditer overlapped False after)
KEEP_GIL = False

_ABBREVIATIONS = (
    "mr|mrs|ms|dr|prof|gen|lt|col|maj|capt|sgt|cpl|st|mt|ft|no|nos|vol|fig|approx|est|inc|ltd|co|corp"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|u\\.s|u\\.k|u\\.n|e\\.g|i\\.e|vs|etc|gov|rep|sen"
)
# A sentence ends at . ! ? (with closing quotes/brackets and citation markers) before a space
# and an upper-case letter, digit or quote, or at a line break. (A lookahead for the character
# a branch starts on comes first: it spares the lookbehinds at every other character.)
_SENTENCE_END = regex.compile(
    rf"(?=[.!?])(?<!\b(?i:{_ABBREVIATIONS}))(?<!\b[A-Z])[.!?]+[\"'”’)\]]*(?:\[\d+\])*(?=\s+[\"“‘(\[*•-]?[\p{{Lu}}\d])"
    r"|\n\s*\n"
    # a single line break ends a sentence after sentence punctuation, or after a short line
    # (a header or list item); in hard-wrapped text (PDF) it is only a space
    r"|(?=\n)(?<=[.!?:;\"”)\]]\s*)\n"
    r"|(?=\n)(?<=(?:^|\n)[^\n]{0,60})\n(?=\s*[\p{Lu}\d*•-])"
    # each row of a pipe table is a sentence of its own
    r"|\n(?=[ \t]*\|)|(?=\n)(?<=\|[ \t]*)\n",
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def sentence_spans(text: str) -> list[Span]:
    """Sentences as spans, stripped of surrounding white space."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text, None, None, False, KEEP_GIL):
        _append(spans, text, start, match.end())
        start = match.end()
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def is_header(text: str, span: Span) -> bool:
    """A short line standing on its own, without sentence punctuation: a title or section header."""
    line = text[span.start : span.end]
    return (
        len(line) <= 80
        and "\n" not in line
        and (span.start == 0 or text[span.start - 1] == "\n")
        and (span.end == len(text) or text[span.end] == "\n")
        and _SENTENCE_PUNCTUATION.search(line, None, None, KEEP_GIL) is None
        and line[:1].isupper()
    )


_SENTENCE_PUNCTUATION = regex.compile(r"[.!?:;,]\s*(?:\[\d+\])*$|[.!?]\s|\]$")


_LIST_ITEM = regex.compile(r"[ \t]*(?:[-•*·▪◦][ \t]*\S|[^\n:]{1,60}:[ \t]*\d)")
_MAX_LIST_LINES = 40


def list_lead_in(text: str, sentences: list[Span], index: int) -> int | None:
    """The line that introduces the list item at ``index``, if it is one: "Returnees by
    province:" above "- Herat: 121,400" (consecutive lines, the first ending with a colon)."""
    if not _is_list_line(text, sentences[index]):
        return None
    for number in range(index, max(0, index - _MAX_LIST_LINES), -1):
        above = sentences[number - 1]
        between = text[above.end : sentences[number].start]
        if between.count("\n") != 1 or between.strip():
            return None  # a blank line or a sentence ends the list
        if text[above.end - 1] == ":":
            return number - 1
        if not _is_list_line(text, above):
            return None
    return None


def _is_list_line(text: str, span: Span) -> bool:
    """A sentence that is a whole line and a list item ("- Herat: 121,400", "Kani: 38,500")."""
    return (
        (span.start == 0 or text[span.start - 1] == "\n")
        and (span.end == len(text) or text[span.end] == "\n")
        and _LIST_ITEM.match(text, span.start, span.end, KEEP_GIL) is not None
    )
