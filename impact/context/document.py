"""What an article says around its figures, computed once per article and sentence:
the places and category words of each sentence, its source, the nearest section header,
and the article's main place. One object per ``extract`` call; nothing is kept across calls.
"""

from __future__ import annotations

import regex

from impact.context.attribution import Attributor
from impact.context.category import CLAUSE_BREAK, CLAUSE_PENALTY, Spans, Trigger, sentence_triggers
from impact.context.gazetteer import Gazetteer, load_gazetteer
from impact.context.places import find_places, is_common_word, place_named
from impact.lexicon import Lexicon
from impact.model import Place
from impact.tables import Cell
from impact.text import Span, is_header, list_lead_in

_MAIN_PLACE_CHARS = 5000  # the main place is read from the article's first pages
_TITLE_CHARS = 150  # a line this short at the top is a title
_TITLE_BONUS = 2.0
_BROAD_WEIGHT = 2.0  # a country or first-level region named counts double
_PLACE_WINDOW = 400  # a sentence's places this near a figure are weighed; farther ones only if none is
_LINE = regex.compile(r"[^\n]*\n")  # lines with their break: a text without one has no title
# a list's lead-in that says its items are places: "Displaced people by township (Sagaing):"
_BY_AREA = regex.compile(
    r"\b(?:by|per|in\s+each)\s+(?:district|province|commune|township|region|state|county|municipality|"
    r"governorate|department|camp|site|locality|location|area|city|town|village|division|prefecture)\b",
    regex.IGNORECASE,
)
# words that link a figure to its place and say nothing of distance: "three in neighbouring Salyan"
_PLACE_LINKS = regex.compile(r"\b(?:in|at|near|the|neighbou?ring|nearby)\b")
# "Madhepura (1,86,000)": a name and an opening bracket right before a figure
_NAME_BRACKET = regex.compile(
    r"(?<![\p{L}-])(?P<name>\p{Lu}[\p{L}'’-]+(?:[ \t]\p{Lu}[\p{L}'’-]+){0,2})[ \t]*\([ \t]*$", regex.REVERSE
)
# the first column of a table holds places: "| Province | IDPs |"
_PLACE_COLUMN = regex.compile(
    r"\b(?:district|province|commune|township|region|state|county|municipality|governorate|department|camp|"
    r"site|locality|location|area|city|town|village|division|prefecture|country|place|admin\w*)s?\b",
    regex.IGNORECASE,
)
# the label of a list item: "- Pemba city: 18,240 people", "• Kani: 38,500"
_LABEL = regex.compile(r"[ \t]*(?:[-•*·▪◦][ \t]*)?(?P<name>\p{Lu}[\p{L}\p{M}'’.() -]{0,50}?)[ \t]*:")


def _title_end(text: str) -> int:
    """Where the title ends: up to two short lines at the top (a headline, or a note line
    above it), stopping at the first long line (the body); 0 when there are none."""
    end = 0
    titles = 0
    for match in _LINE.finditer(text, 0, min(len(text), 4 * _TITLE_CHARS)):
        line = match.group(0).strip()
        if not line:
            continue
        if len(line) > _TITLE_CHARS or titles == 2:
            break
        end = match.end()
        titles += 1
    return end


def _is_dateline(place: Place, sentence_start: int) -> bool:
    """'BEIJING, Aug 16 (AFP) -': where the story was filed, not where its figures are."""
    return place.start == sentence_start and place.name.isupper() and len(place.name) > 2


class DocumentContext:
    """Per-call caches of places, category words and sources by sentence."""

    def __init__(self, text: str, sentences: list[Span], geocode: bool) -> None:
        self.text = text
        self.sentences = sentences
        self.gazetteer: Gazetteer | None = load_gazetteer() if geocode else None
        self._places: dict[int, list[Place]] = {}
        self._triggers: dict[int, list[Trigger]] = {}
        self._headers: list[int] = []
        self._attributor: Attributor | None = None
        self._main: list[Place | None] = []
        self._leads: dict[int, int | None] = {}

    def triggers_in(self, index: int, lexicon: Lexicon) -> list[Trigger]:
        if index not in self._triggers:
            span = self.sentences[index]
            self._triggers[index] = sentence_triggers(self.text, span.start, span.end, lexicon)
        return self._triggers[index]

    def places_in(self, index: int) -> list[Place]:
        if index not in self._places:
            assert self.gazetteer is not None
            span = self.sentences[index]
            self._places[index] = find_places(self.text, span.start, span.end, self.gazetteer)
        return self._places[index]

    def place_for(self, index: int, start: int, end: int, spans: Spans) -> Place | None:
        """The nearest place in the sentence (not across another figure or clause), else the
        nearest section header's, else the article's main place.

        Measured on the development corpus, the main place is a better guess than the
        previous sentence's place (location correct 0.815 against 0.791).
        """
        if self.gazetteer is None:
            return None
        sentence_start = self.sentences[index].start
        named = self._bracketed_after_name(sentence_start, start, end)
        if named is not None:
            return named
        in_sentence = [p for p in self.places_in(index) if not _is_dateline(p, sentence_start)]
        if in_sentence:
            def distance(place: Place) -> float:
                p_start, p_end = place.start or 0, place.end or 0
                if p_start >= end:
                    crossed = spans.any_within(end, p_start)
                    between = self.text[end:p_start]
                    gap: float = len(_PLACE_LINKS.sub("", between))  # "three in neighbouring Salyan"
                elif p_end <= start:
                    crossed = spans.any_within(p_end, start)
                    between = self.text[p_end:start]
                    gap = len(_PLACE_LINKS.sub("", between)) * 1.2
                else:
                    return 0.0
                clause = CLAUSE_BREAK.search(between) is not None
                return gap + (1000 if crossed else 0) + (CLAUSE_PENALTY if clause else 0)

            nearby = [p for p in in_sentence if abs((p.start or 0) - start) < _PLACE_WINDOW] or in_sentence
            return min(nearby, key=distance)
        label = self._list_label_place(index)
        if label is not None:
            return label
        header = self._header_place(index)
        if header is not None:
            return header
        dateline = [p for p in self.places_in(index) if _is_dateline(p, sentence_start)]
        return dateline[0] if dateline else self._main_place()

    def _header_place(self, index: int) -> Place | None:
        """The place named in the nearest section header above (none if it names none)."""
        if not self._headers:
            nearest = -1
            title_end = _title_end(self.text)
            for number, span in enumerate(self.sentences):
                self._headers.append(nearest)  # the header before sentence ``number``
                if span.start > 0 and span.start >= title_end and is_header(self.text, span):
                    nearest = number  # the title is no section header: it counts for the main place
        header = self._headers[index]
        if header < 0:
            return None
        found = self.places_in(header)
        return found[0] if found else None

    def _main_place(self) -> Place | None:
        """The place the article is about: named most often, countries and regions counting
        double, a place in the title with a bonus; unknown names count too. A town named as
        often as its country or region is preferred to it: the story is about the town."""
        if not self._main:
            assert self.gazetteer is not None
            title_end = _title_end(self.text)
            scores: dict[str, float] = {}
            plain: dict[str, float] = {}  # the same without the weight of countries and regions
            broad: dict[str, bool] = {}
            first: dict[str, Place] = {}
            lead = [i for i, span in enumerate(self.sentences) if span.start < _MAIN_PLACE_CHARS]
            for place in (p for i in lead for p in self.places_in(i)):  # shares the sentences' cache
                if place.kind == "area" and not place.matched and not place.name[:1].isupper():
                    continue  # "22 districts" describes, it does not name
                key = (place.matched or place.name).lower()
                if key not in broad:
                    entry = self.gazetteer.lookup(place.matched) if place.matched else None
                    broad[key] = entry is not None and entry.kind in ("country", "admin1")
                bonus = _TITLE_BONUS if (place.start or 0) < title_end else 0.0
                scores[key] = scores.get(key, 0.0) + (_BROAD_WEIGHT if broad[key] else 1.0) + bonus
                plain[key] = plain.get(key, 0.0) + 1.0 + bonus
                first.setdefault(key, place)
            best = max(scores, key=lambda k: (scores[k], first[k].matched is not None)) if scores else None
            if best is not None and broad[best]:
                # "El Fasher" named as often as "Sudan": the story is about the town in the country
                country = first[best].country_code
                inside = [
                    k for k in scores
                    if not broad[k]
                    and (
                        (plain[k] >= plain[best] and country and first[k].country_code == country)
                        # a town the gazetteer lacks, named more often than the country
                        or (first[k].country_code is None and plain[k] > plain[best] and first[k].kind != "area")
                    )
                ]
                if inside:
                    best = max(inside, key=lambda k: (plain[k], first[k].matched is not None))
            self._main.append(first[best] if best else None)
        return self._main[0]

    def list_category(self, index: int, lexicon: Lexicon) -> str | None:
        """The category a list's lead-in line gives its items ("Returnees by province:"), if
        the sentence at ``index`` is such an item."""
        lead = self._lead_in(index)
        triggers = self.triggers_in(lead, lexicon) if lead is not None else []
        return triggers[0].category if triggers else None

    def _lead_in(self, index: int) -> int | None:
        if index not in self._leads:
            self._leads[index] = list_lead_in(self.text, self.sentences, index)
        return self._leads[index]

    def _list_label_place(self, index: int) -> Place | None:
        """'Displaced people by township:' then 'Kani: 38,500': the item's label is a place,
        known to the gazetteer or not."""
        lead = self._lead_in(index)
        if lead is None:
            return None
        lead_span = self.sentences[lead]
        if not _BY_AREA.search(self.text, lead_span.start, lead_span.end):
            return None
        span = self.sentences[index]
        label = _LABEL.match(self.text, span.start, span.end)
        if label is None:
            return None
        assert self.gazetteer is not None
        name = label.group("name")
        return place_named(name, label.start("name"), self.gazetteer.lookup(name), "area")

    def _bracketed_after_name(self, sentence_start: int, start: int, end: int) -> Place | None:
        """'followed by Saharsa (2.75 lakh), Madhepura (1,86,000)': a figure in brackets right
        after a name is that place's, known to the gazetteer or not."""
        if not self.text.startswith(")", end) and not self.text[end : end + 2].lstrip().startswith(")"):
            return None
        match = _NAME_BRACKET.match(self.text, max(sentence_start, start - 60), start)
        if match is None:
            return None
        assert self.gazetteer is not None
        name = match.group("name")
        entry = self.gazetteer.lookup(name)
        if entry is None and is_common_word(name.split()[-1]):
            return None  # "Deaths (1,200)": a word of the lexicon, no place
        return place_named(name, match.start("name"), entry, "area")

    def table_place(self, cell: Cell) -> Place | None:
        """The place a table row names in its first cell; none for a "Total" row."""
        if self.gazetteer is None or cell.is_total_row(self.text) or cell.label_start >= cell.label_end:
            return None
        name = self.text[cell.label_start : cell.label_end]
        if not name[:1].isupper():
            return None
        entry = self.gazetteer.lookup(name)
        if entry is None and not _PLACE_COLUMN.search(self.text, cell.corner_start, cell.corner_end):
            return None  # "| Deaths | 1,234 |": the row label is what is counted, not a place
        return place_named(name, cell.label_start, entry, "area")

    def attribution_for(self, index: int, start: int, end: int) -> str | None:
        """Who the text says gave the figure at ``start``-``end`` of sentence ``index``."""
        if self._attributor is None:
            self._attributor = Attributor(self.text, self.sentences)
        return self._attributor.source_for(index, start, end)
