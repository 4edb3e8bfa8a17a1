"""What an article says around its figures, computed once per article and sentence:
the places and category words of each sentence, its source, the nearest section header,
and the article's main place. One object per ``extract`` call; nothing is kept across calls.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator

import regex

from impact.context.attribution import Attributor
from impact.context.category import (
    CLAUSE_PENALTY,
    TRIGGER_WINDOW,
    Spans,
    Trigger,
    clause_break,
    sentence_triggers,
)
from impact.context.event import Event, event_of, producer_country
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
_BROAD_KINDS = ("country", "continent", "admin1")
_ELABORATION = regex.compile(
    r"\b(?:especially|particularly|mainly|mostly|notably|chiefly|primarily|most\s+of\s+(?:them|whom)|the\s+majority|"
    r"including|among\s+them|of\s+whom|of\s+which)\b",
    regex.IGNORECASE,
)
_KEY_FIGURE_LINES = 12  # how far above a figure its block's heading may be
_KEY_FIGURES = regex.compile(
    r"[ \t]*(?:key\s+(?:figures|numbers|facts)|(?:the\s+)?situation\s+in\s+numbers|in\s+numbers|"
    r"(?:figures\s+)?at\s+a\s+glance)[ \t:]*$",
    regex.IGNORECASE,
)
# between a town and its area: "Jonglei state| capital of |Bor", "Malakal|, the state capital of |Upper Nile"
_CAPITAL_OF = regex.compile(
    r"(?P<comma>\s*,\s*(?:the\s+)?)?\s*(?:state|provincial|regional|district|county|departmental)?\s*capital,?\s+of\s+"
    r"(?:the\s+)?",
    regex.IGNORECASE,
)
_STRONG_BREAK = regex.compile(r";|\b(?:however|whereas)\b", regex.IGNORECASE)
_OPEN_COUNT = regex.compile(r"\(\s*\d")
_COUNTED_AFTER = regex.compile(r"[ \t]*\([ \t]*\d[\d,.]*[ \t]*\)")  # "Yagoua (5)": a place with its own count
_LINE_START = regex.compile(r"[ \t]*(?:[-•*·▪◦][ \t]*)?$")
_ARRIVING = frozenset({"refugees"})
_STAYING = frozenset({"killed", "injured", "missing", "damaged", "trapped", "besieged", "detained"})
# "refugees from Burundi", "escaping fighting near Daraa": where people came from (searched backwards)
_ORIGIN = regex.compile(
    r"\b(?:from|near|fleeing|escaping|leaving|left|out\s+of)\s+(?:the\s+)?(?:\p{Ll}+\s+){0,2}?$", regex.REVERSE
)
# "to hospitals in Kilis", "taken to Kilis": where the wounded were brought (searched backwards)
_TAKEN_TO = regex.compile(r"\b(?:to|into|towards)\s+(?:\p{Ll}+\s+){0,2}?(?:in\s+)?$", regex.REVERSE)
# "fled Chiure", "escaped Mosul": a movement verb right before the place it left
_FLED_FROM = regex.compile(
    r"\b(?:fled|flee|fleeing|escaped|escaping|evacuated|left|abandoned)\s+(?:the\s+)?$", regex.REVERSE
)
# "arrived in Erati", "reached a camp in Jordan", "sheltering in Kilis": where people went
_ARRIVED_IN = regex.compile(
    r"\b(?:arrived|arriving|arrivals|reached|reaching|crossed|crossing|received|hosted|sheltering|taken|moved|"
    r"relocated|resettled|returned|returning)\s+(?:\p{Ll}+\s+){0,3}?(?:in|at|to|into)\s+(?:the\s+)?$",
    regex.REVERSE,
)
_FEW_TRIGGERS = 64  # below this many category words in a sentence, weighing them all is cheaper
_LONGEST_TRIGGER = 100  # characters: a category word this long may end inside a figure's window
_CROSSED = 1000  # the distance to a place beyond another figure
_FAR_PLACES = 2  # with no place near a figure, the nearest this many on each side are weighed
_GAP_CHARS = 800  # the words between a figure and a place weighed for their distance
_SCENE_SENTENCES = 3  # how far back the sentence that set the scene may be
# a sentence that points back at a place or an event named before: "there", "the city's", "the attack"
_ANAPHOR = regex.compile(
    r"\bthere\b(?!\s+(?:is|are|was|were|have|has|had|will|may|might|could|would|remain|remains|seem|appear)\b)"
    r"|\b(?:the|this|that)\s+(?:city|town|village|villages|camp|camps|area|district|province|region|island|islands|"
    r"country|state|site|attack|attacks|strike|"
    r"strikes|airstrike|blast|explosion|bombing|shelling|raid|assault|incident|market|hospital|school)(?:'s|’s)?\b",
    regex.IGNORECASE,
)
# a sentence that opens on its place: "In the Maldives, …", "At Kharkiv's main market, …"
_FRONTED = regex.compile(r"(?:In|At|Across|Inside|Near|Around|From)\s+(?:the\s+)?$")
# "fled to Rwanda", "crossed into western Tanzania": where people went (searched backwards)
_DESTINATION = regex.compile(
    r"\b(?:to|into|towards|toward|for)\s+(?:the\s+)?(?:neighbou?ring\s+)?(?:\p{Ll}+ern\s+)?$", regex.REVERSE
)
# the whole country's figure, whatever town the sentence names
_NATIONWIDE_WORDS = (
    r"nationwide|countrywide|nation-wide|country-wide|nationally|(?:across|throughout)\s+the\s+(?:whole\s+|entire\s+)?"
    r"(?:country|nation)"
)
_NATIONWIDE = regex.compile(rf"\b(?i:{_NATIONWIDE_WORDS})\b")
_NATIONWIDE_BEFORE = regex.compile(rf"\b(?i:{_NATIONWIDE_WORDS})\s*,?\s*(?:\p{{Ll}}+\s+){{0,3}}$")
_NATIONWIDE_REACH = 80
# "the attack in the town of Beledweyne", "attacks since Friday by insurgents on the town of Bosso"
_ATTACKED_TOWN = regex.compile(
    r"\b(?i:attacks?|assaults?|bombings?|blasts?|explosions?|raids?|fighting|clashes|shelling|sieges?|"
    r"massacres?|air\s*strikes?)\b[^.\n]{0,80}?\b(?:in|on|at)\s+the\s+(?:town|city|village)\s+of\s+"
    r"(?P<name>\p{Lu}[\p{L}\p{M}'’-]+)"
)
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


def _without_parents(text: str, places: list[Place]) -> list[Place]:
    """'in Nyala, South Darfur', 'Beira, Mozambique': the broader place after a comma only
    says where the first one is."""
    parents = {
        id(after)
        for before, after in itertools.pairwise(places)
        if after.kind in _BROAD_KINDS
        and before.kind not in ("country", "continent")
        and before.country_code is not None
        and before.country_code == after.country_code
        and text[before.end or 0 : after.start or 0].strip() == ","
    }
    return [p for p in places if id(p) not in parents] if parents else places


def _without_capitals_areas(text: str, places: list[Place]) -> list[Place]:
    """'the Jonglei state capital of Bor', 'Malakal, the state capital of Upper Nile': the
    town is the place, the area it is the capital of only says where the town is."""
    areas = set()
    for before, after in itertools.pairwise(places):
        link = _CAPITAL_OF.fullmatch(text, before.end or 0, after.start or 0)
        if link is not None:
            areas.add(id(after) if link.group("comma") else id(before))
    return [p for p in places if id(p) not in areas] if areas else places


def place_role(text: str, place: Place | None) -> str | None:
    """Whether a figure's place is where people came from (``origin``: "fled Chiure", "refugees
    from Burundi") or where they went (``destination``: "crossed into Tanzania", "arrived in
    Erati"), read from the words before it; None when the words say neither."""
    if place is None or place.start is None:
        return None
    start = place.start
    if _ORIGIN.match(text, max(0, start - 30), start) or _FLED_FROM.match(text, max(0, start - 30), start):
        return "origin"
    if _DESTINATION.match(text, max(0, start - 30), start) or _ARRIVED_IN.match(text, max(0, start - 40), start):
        return "destination"
    return None


def _by_role(text: str, places: list[Place], category: str) -> list[Place]:
    """Refugees are counted where they arrive ("refugees from Burundi crossed into Tanzania"),
    casualties where they were hurt ("moved 25 wounded out of Azaz to hospitals in Kilis")."""
    if category in _ARRIVING:
        kept = [p for p in places if not _ORIGIN.match(text, max(0, (p.start or 0) - 30), p.start or 0)]
    elif category in _STAYING:
        kept = [p for p in places if not _TAKEN_TO.match(text, max(0, (p.start or 0) - 30), p.start or 0)]
    else:
        return places
    return kept or places


def _details(text: str, end: int, start: int) -> bool:
    """Whether the words between a figure's ``end`` and a place's ``start`` make the place
    a detail of the figure: "especially in Dadu", "(18 on Maré and 8 on Lifou)" (inside a
    bracket of counts still open, not after "the Yagoua (5) and Maga (2) sub-divisions in …")."""
    if _ELABORATION.search(text, end, start):
        return True
    bracket = text.rfind("(", end, start)
    return bracket >= 0 and text.find(")", bracket, start) < 0 and _OPEN_COUNT.match(text, bracket, start) is not None


def _is_party(event: Event | None, place: Place) -> bool:
    """In a page about a battle or a massacre in a town, a country named beside a figure is a
    party or a claimant, not where it happened."""
    return event is not None and event.place.kind not in _BROAD_KINDS and place.kind in ("country", "continent")


def _is_count_phrase(place: Place) -> bool:
    """'six counties', '300 villages', 'the five districts': describes areas, names none."""
    return place.kind == "area" and not place.name[:1].isupper()


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
        self._event: list[Event | None] = []
        self._starts: dict[int, list[int]] = {}
        self._trigger_starts: dict[int, list[int]] = {}
        self._country: list[Place | None] = []
        self._placed: dict[int, Place | None] = {}  # the place of the last figure placed in each sentence
        self._following: set[int] = set()  # sentences that go on about the figure before

    def triggers_in(self, index: int, lexicon: Lexicon) -> list[Trigger]:
        if index not in self._triggers:
            span = self.sentences[index]
            self._triggers[index] = sentence_triggers(self.text, span.start, span.end, lexicon)
        return self._triggers[index]

    def triggers_near(self, index: int, lexicon: Lexicon, start: int, end: int) -> list[Trigger]:
        """The category words of the sentence that ``categorise`` weighs for a figure at
        ``start``-``end`` (those within its window), found by bisection so that a sentence of
        thousands of figures stays linear; in the sentence's order."""
        triggers = self.triggers_in(index, lexicon)
        if len(triggers) < _FEW_TRIGGERS:
            return triggers
        if index not in self._trigger_starts:
            starts = [t.start for t in triggers]
            self._trigger_starts[index] = starts if starts == sorted(starts) else []
        starts = self._trigger_starts[index]
        if not starts:
            return triggers
        low = bisect.bisect_left(starts, start - TRIGGER_WINDOW - _LONGEST_TRIGGER)
        high = bisect.bisect_right(starts, end + TRIGGER_WINDOW)
        return triggers[low:high]

    def places_in(self, index: int) -> list[Place]:
        if index not in self._places:
            assert self.gazetteer is not None
            span = self.sentences[index]
            self._places[index] = find_places(self.text, span.start, span.end, self.gazetteer)
        return self._places[index]

    def place_for(
        self, index: int, start: int, end: int, spans: Spans, category: str | None = None, follows: bool = False
    ) -> Place | None:
        """The nearest place in the sentence (not across another figure or clause), else, in a
        sentence that goes on about the figure before (``follows``: "5,973 families, including
        …", "This includes 5,633 children"), that figure's place, else the nearest section
        header's, else the article's main place.

        Measured on the development corpus, the main place is a better guess than the
        previous sentence's place (location correct 0.815 against 0.791).
        """
        if self.gazetteer is None:
            return None
        if follows:
            self._following.add(index)
        place = self._place_for(index, start, end, spans, category)
        if place is not None and place.kind != "country" and self._nationwide(index, start, end):
            # "… 700 killed and nearly 5,300 injured nationwide": the whole country of the place
            place = self._country_named(place.country_code) or place
        self._placed[index] = place
        return place

    def _place_for(self, index: int, start: int, end: int, spans: Spans, category: str | None) -> Place | None:
        event = self.event()
        if event is not None and start < event.body_start:
            return event.place  # an infobox value is the event's, whatever country its line names
        sentence_start = self.sentences[index].start
        named = self._bracketed_after_name(sentence_start, start, end)
        if named is not None:
            return named
        in_sentence = self._candidates(index, start, end, event, category)
        if in_sentence:

            def distance(place: Place) -> float:
                p_start, p_end = place.start or 0, place.end or 0
                if p_start >= end:
                    crossed = spans.any_within(end, p_start)
                    between = self.text[end : min(p_start, end + _GAP_CHARS)]
                    gap: float = len(_PLACE_LINKS.sub("", between))  # "three in neighbouring Salyan"
                elif p_end <= start:
                    crossed = spans.any_within(p_end, start)
                    between = self.text[max(p_end, start - _GAP_CHARS) : start]
                    gap = len(_PLACE_LINKS.sub("", between)) * 1.2
                else:
                    return 0.0
                clause = clause_break(between)
                return gap + (_CROSSED if crossed else 0) + (CLAUSE_PENALTY if clause else 0)

            best = min(in_sentence, key=distance)
            if not self._severed(best, start, end, spans):
                return best
        national = self._key_figure_country(index)
        if national is not None:
            return national  # "KEY FIGURES" / "2.1M people in need": the report's country, not its busiest town
        if index in self._following and index - 1 in self._placed:
            return self._placed[index - 1]  # "… arrived in Erati district. 5,973 families, including …"
        label = self._list_label_place(index)
        if label is not None:
            return label
        scene = self._scene_place(index)
        if scene is not None:
            return scene
        header = self._header_place(index)
        if header is not None:
            return header
        dateline = [p for p in self.places_in(index) if _is_dateline(p, sentence_start)]
        return dateline[0] if dateline else self._main_place()

    def _country_named(self, code: str | None) -> Place | None:
        """The country of ``code`` where the article's first pages name it, if they do."""
        if not code:
            return None
        return next((p for p in self._lead_places() if p.kind == "country" and p.country_code == code), None)

    def _lead_places(self) -> Iterator[Place]:
        """The places of the article's first pages, in reading order (from the sentences' cache)."""
        for index, span in enumerate(self.sentences):
            if span.start >= _MAIN_PLACE_CHARS:
                return
            yield from self.places_in(index)

    def _nationwide(self, index: int, start: int, end: int) -> bool:
        """Whether the figure's clause says it counts the whole country ("700 killed and 5,300
        injured nationwide", "Across the country, 1,200 …")."""
        span = self.sentences[index]
        low, high = max(span.start, start - _NATIONWIDE_REACH // 2), min(span.end, end + _NATIONWIDE_REACH)
        window = self.text[low:high].lower()
        if "nation" not in window and "country" not in window:
            return False  # most figures: no such word near, and no search
        after = _NATIONWIDE.search(self.text, end, high)
        if after is not None and ";" not in self.text[end : after.start()]:
            return True
        return _NATIONWIDE_BEFORE.search(self.text, low, start) is not None

    def _severed(self, place: Place, start: int, end: int, spans: Spans) -> bool:
        """'74,000 displaced on Roe hill; 40,000 new displaced across the rest of the territory',
        'estimated the toll at 45,000, however by 24 January … over 150,000 in Port-au-Prince': a
        place beyond another figure and a semicolon or a "however" scopes that figure, not this one."""
        low, high = end, place.start or 0  # a place before the figure ("In Sloviansk, …; 11 houses") sets its scene
        if not 0 < high - low <= _GAP_CHARS or not spans.any_within(low, high):
            return False
        return _STRONG_BREAK.search(self.text, low, high) is not None

    def _candidates(self, index: int, start: int, end: int, event: Event | None, category: str | None) -> list[Place]:
        """The places of the sentence that may be the figure's: those near it (a long sentence
        is cut to a window around the figure, so that a table on one line stays linear), less
        datelines, parties, the places of its breakdown and those its role excludes."""
        sentence_start = self.sentences[index].start
        places, starts = self._sorted_places(index)
        low = bisect.bisect_left(starts, start - _PLACE_WINDOW)
        high = bisect.bisect_right(starts, end + _PLACE_WINDOW)
        if low == high:  # none near: the nearest on each side
            low, high = max(0, low - _FAR_PLACES), min(len(places), high + _FAR_PLACES)
        in_sentence = [
            p
            for p in places[low:high]
            if not _is_dateline(p, sentence_start)
            and not _is_party(event, p)
            # "2 million affected, especially in Dadu": a place that details the figure is not its scope
            and ((p.start or 0) < end or not _details(self.text, end, p.start or 0))
            # "26,159 displaced across the Yagoua (5) and Maga (2) sub-divisions": an item of its breakdown
            and not _COUNTED_AFTER.match(self.text, p.end or 0, (p.end or 0) + 12)
        ]
        if len(in_sentence) > 1:
            in_sentence = _without_parents(self.text, in_sentence)
        if len(in_sentence) > 1:
            in_sentence = _without_capitals_areas(self.text, in_sentence)
        if len(in_sentence) > 1 and category is not None:
            in_sentence = _by_role(self.text, in_sentence, category)
        if any(_LINE_START.match(self.text, sentence_start, p.start or 0) for p in in_sentence):
            # "• Kenya: 95 people dead in six counties": the line's label, not a count of areas
            in_sentence = [p for p in in_sentence if not _is_count_phrase(p)]
        return in_sentence

    def _sorted_places(self, index: int) -> tuple[list[Place], list[int]]:
        if index not in self._starts:
            self._starts[index] = [p.start or 0 for p in self.places_in(index)]
        return self.places_in(index), self._starts[index]

    def _scene_place(self, index: int) -> Place | None:
        """The place of the sentence that set the scene: "In the Maldives, waves flooded the
        atolls. At least 12 people have been killed." The nearest earlier sentence of the same
        paragraph that names a place gives its first one, unless that place is where others went
        ("… and 4,000 have fled to Rwanda.") or a party in a page about one town's battle."""
        event = self.event()
        own = self.sentences[index]
        anaphor = _ANAPHOR.search(self.text, own.start, own.end) is not None
        for back in range(index - 1, max(-1, index - 1 - _SCENE_SENTENCES), -1):
            between = self.text[self.sentences[back].end : self.sentences[back + 1].start]
            if between.count("\n") >= 2:
                return None  # a paragraph break: the scene ends
            span = self.sentences[back]
            if is_header(self.text, span):
                return None
            places = [p for p in self.places_in(back) if not _is_dateline(p, span.start) and not _is_party(event, p)]
            if places:
                first = places[0]
                if _DESTINATION.match(self.text, max(0, (first.start or 0) - 30), first.start or 0):
                    return None
                fronted = _FRONTED.match(self.text, span.start, first.start or 0) is not None
                return first if anaphor or fronted else None
        return None

    def _key_figure_country(self, index: int) -> Place | None:
        """The report's country for a figure under a key-figures heading ("KEY FIGURES",
        "Situation in Numbers"): the block sums up the whole report, so it is national."""
        for back in range(index - 1, max(-1, index - 1 - _KEY_FIGURE_LINES), -1):
            span = self.sentences[back]
            if is_header(self.text, span):
                if not _KEY_FIGURES.match(self.text, span.start, span.end):
                    return None
                return self._report_country()
        return None

    def _report_country(self) -> Place | None:
        """The country a report covers: its event's when that is a country, else the one its
        producer's office names ("This report is produced by OCHA Mozambique"), else the
        country of its main place when the text names that country."""
        if not self._country:
            assert self.gazetteer is not None
            event = self.event()
            country = event.place if event is not None and event.place.kind == "country" else None
            if country is None:
                country = producer_country(self.text, self.gazetteer)
            main = self._main_place()
            if country is None and main is not None:
                country = self._country_named(main.country_code)
            self._country.append(country)
        return self._country[0]

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

    def event(self) -> Event | None:
        """The event the document is about, when its title or infobox names its place."""
        if not self._event:
            assert self.gazetteer is not None
            self._event.append(event_of(self.text, self.gazetteer))
        return self._event[0]

    def _main_place(self) -> Place | None:
        """The place the article is about: the place of its event when its title or infobox
        names one, else the place named most often, countries and regions counting double, a
        place in the title with a bonus; unknown names count too. A town named as often as its
        country or region is preferred to it: the story is about the town."""
        event = self.event()
        if event is not None and event.place.kind != "country":
            return event.place
        if event is not None:  # "15 Killed in Somalia Attack": the town the text names is the story's
            if not self._main:
                self._main.append(self._attacked_town(event.place.country_code) or event.place)
            return self._main[0]
        if not self._main:
            assert self.gazetteer is not None
            title_end = _title_end(self.text)
            scores: dict[str, float] = {}
            plain: dict[str, float] = {}  # the same without the weight of countries and regions
            broad: dict[str, bool] = {}
            first: dict[str, Place] = {}
            for place in self._lead_places():
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
                    k
                    for k in scores
                    if not broad[k]
                    and (
                        (plain[k] >= plain[best] and country and first[k].country_code == country)
                        # a town the gazetteer lacks, named more often than the country
                        or (first[k].country_code is None and plain[k] > plain[best] and first[k].kind != "area")
                    )
                ]
                if inside:
                    best = max(inside, key=lambda k: (plain[k], first[k].matched is not None))
            if best is not None and broad[best]:
                # "the attack in the town of Beledweyne": the story's town, named once, inside the country
                town = self._attacked_town(first[best].country_code)
                if town is not None:
                    self._main.append(town)
                    return town
            self._main.append(first[best] if best else None)
        return self._main[0]

    def abroad(self, place: Place) -> bool:
        """Whether ``place`` is a country other than the one the article is about ("fled into
        Chad" in a report on Nigeria)."""
        main = self._main_place()
        return (
            place.kind == "country"
            and main is not None
            and main.country_code is not None
            and place.country_code != main.country_code
        )

    def _attacked_town(self, country: str | None) -> Place | None:
        """The town an article's attack struck, when the text says so in so many words ("the
        attack in the town of Beledweyne", "attacks … on the town of Bosso") and the town lies in
        the country the article names most (or the gazetteer does not know it)."""
        match = _ATTACKED_TOWN.search(self.text, 0, min(len(self.text), _MAIN_PLACE_CHARS))
        if match is None:
            return None
        at = match.start("name")
        town = next((p for p in self._lead_places() if p.start == at), None)
        if town is None or town.kind in ("country", "admin1", "continent"):
            return None
        return town if town.country_code in (None, country) else None

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
