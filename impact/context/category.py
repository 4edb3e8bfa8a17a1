"""The impact category of a figure: the nearest trigger word in its sentence (SPEC categories)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

import regex

from impact.lexicon import Lexicon, PhraseMatcher
from impact.text import KEEP_GIL

# Categories a structure count can take; anything else said near it is about people.
_STRUCTURE_CATEGORIES = frozenset({"damaged", "affected"})
# Head nouns whose own category is firm ("50 deaths", "2,500 fighters") versus a default
# that a verb close by overrides ("90 IDPs were killed").
_FIRM = frozenset({"killed", "fighters", "injured", "missing", "detained"})
_OTHER_PENALTY = 3  # aid and combined-count words yield to a plain category near as close
_WEAK = frozenset({"civilians_present"})  # "remain", "living": yield to what else is said of them
_WEAK_PENALTY = 25
# words that say where people are, not what happened to them: "camps now host 342,000 refugees"
_WHERE_WORDS = frozenset(
    {
        "camps",
        "camp",
        "shelters",
        "relief camps",
        "relief camp",
        "temporary shelters",
        "shelter camps",
        "evacuation centres",
        "evacuation centers",
        "evacuation centre",
        "evacuation center",
        "evacuation sites",
        "evacuation site",
        "lives in a tent",
        "living in tents",
        "live in tents",
        "in tents",
        "in a tent",
    }
)
_WHERE_PENALTY = 6
_HEAD_ONLY = frozenset(  # category words that only speak of the noun they are
    {"population", "fighters", "militants", "troops", "soldiers", "combatants", "extremists"}
)
# aid words that are also verbs of amount: "reached 85,000 children with aid", "has reached 3,000"
_AMOUNT_VERBS = frozenset({"reached"})
# words that name a category only as an infobox label at the start of a line ("Strength")
_LABEL_ONLY = frozenset({"strength"})
_LINE_LABEL = regex.compile(r"(?:^|\n)[ \t]*(?:[-•*·|][ \t]*)?$", regex.REVERSE)
# what happens to people, as a main verb, says more than the status noun they are counted by
_EVENTS = frozenset({"affected", "trapped", "evacuated", "in_need", "besieged", "homeless"})
_STATUS = frozenset({"refugees", "displaced", "returned", "fled", "civilians_present"})
_HARM = frozenset({"killed", "injured", "missing", "detained"})  # what can happen to fighters
# an auxiliary right before a harm word after the figure: the clause's main verb
_PASSIVE = regex.compile(
    r"\b(?:have|has|had|were|was|are|is|been)\s+(?:(?:reportedly|also|now|since|already|all)\s+)?(?:been\s+)?$"
)
_AUXILIARIES = ("have ", "has ", "had ", "were ", "was ", "are ", "is ")
_NOUN_DISTANCE = 12
_MODIFIER_DISTANCE = 8
_RESPONDER_DISTANCE = 25
TRIGGER_WINDOW = 250  # characters around a figure in which its category word is looked for
CLAUSE_PENALTY = 15
CLAUSE_BREAK = regex.compile(r"[,;—–]|\s-\s")
_SPACED_DASH = regex.compile(r"\s-\s")


def clause_break(text: str, start: int = 0, end: int | None = None) -> bool:
    """``CLAUSE_BREAK.search(text, start, end, KEEP_GIL) is not None``, by a few C-level finds (the
    pattern only for a hyphen): tested for many pairs of a figure and a word or a place."""
    stop = len(text) if end is None else end
    find = text.find
    if find(",", start, stop) >= 0 or find(";", start, stop) >= 0 or find("—", start, stop) >= 0:
        return True
    if find("–", start, stop) >= 0:
        return True
    return find("-", start, stop) >= 0 and _SPACED_DASH.search(text, start, stop, KEEP_GIL) is not None


_CONNECTORS = regex.compile(
    r"\b(?:of|at|to|reached|stood|stands|rose|risen|was|is|had|has|have|were|are)\b", regex.IGNORECASE
)
_COMBINED = regex.compile(r"\b(?:or|and)\b")
_FLOODED = frozenset({"flooded", "inundated", "submerged", "buried", "burying"})  # said of structures: damage
# said of structures, these are damage ("impacted" facilities: the convention of the reports' readers)
_HOMES_LOST = frozenset({"homes destroyed", "lost their homes", "lost homes", "lost their houses", "impacted"})
_OTHERS_WEIGHT = 3  # "three aid workers were killed", not "volunteers ... survived"
_BEFORE_WEIGHT = 1.3  # a trigger after the number ("73 people were killed") is the usual shape


@lru_cache(maxsize=8)
def trigger_matcher(lexicon: Lexicon) -> PhraseMatcher:
    return PhraseMatcher(list(lexicon.categories))


# where people live, named and nothing more: a population ("live in Nepal", "living in Myanmar with")
_BASELINE = regex.compile(r"\s+in\s+(?:the\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*\s*(?:[.;]|,?\s*with\b|$)")
_STILL = regex.compile(r"\b(?:still|remain\w*|continu\w*|only|stay\w*|trapped|left)\b", regex.IGNORECASE)
# "other" words that are no aid given: combined counts and populations
_NOT_AID = frozenset(
    {"casualties", "population", "inhabitants of", "home to", "population of", "targeted", "targeting", "targets"}
)
_CLAUSE_NOT_DIGITS = regex.compile(r"(?<!\d),|,(?!\d)|[;—–]|\s-\s")  # "provided 40,000 meals to"
_AND = regex.compile(r"\band\b")
_AND_PENALTY = 8
_TO_BENEFICIARY = regex.compile(r"\bto\s+$")
_HOSPITAL = frozenset({"hospitalized", "hospitalised", "hospitalization", "hospitalisation", "in hospital"})
_ILLNESS_HEADS = frozenset({"patient", "patients"})
_AND_MORE = regex.compile(r"[^.;:\d]*\b(?:and|or)\s+(?:\p{L}+\s+)?")
_MORE = regex.compile(r"\s+(?:more|others)\s*,")  # an aside: ", and hundreds more,"
_PAIRED = regex.compile(r"[ \t]+\p{L}[\p{L}-]*(?:[ \t]+\p{L}[\p{L}-]*)?[ \t]+(?:and|or)[ \t]+")
_PLACED_COORDINATION = regex.compile(
    r"[ \t]+(?:in|at)[ \t]+\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+)?[ \t]*(?:,[ \t]*)?(?:and|or)[ \t]+"
)
_COORDINATION = regex.compile(r"\s*(?:,\s*)?(?:and|or|&)?\s*$")


def _coordinated(text: str, end: int, spans: Spans) -> bool:
    """'eight hospitals and 938 classrooms were destroyed': the next figure is joined to this
    one by "and", so the word after both is about both."""
    following = spans.next_start(end)
    if following is None:
        return False
    if following - end < 12 and _COORDINATION.match(text, end, following, KEEP_GIL):
        return True
    if following - end < 50 and _PLACED_COORDINATION.fullmatch(text, end, following, KEEP_GIL):
        return True  # "1 hospital in Nippes and 3 health centres in Jérémie damaged"
    # "At least 498 children in Sudan, and likely hundreds more, have died": the "more" shares the verb
    return (
        following - end < 40
        and _AND_MORE.fullmatch(text, end, following, KEEP_GIL) is not None
        and _MORE.match(text, spans.end_of(following), spans.end_of(following) + 12, KEEP_GIL) is not None
    )


def head_category(head: str, lexicon: Lexicon) -> str | None:
    for candidate in (head, head.rstrip("s"), head[:-3] + "y" if head.endswith("ies") else head):
        category = lexicon.categories.get(candidate)
        if category:
            return category
    return None


class Spans:
    """Sorted, non-overlapping spans of a sentence's other figures, for quick questions."""

    def __init__(self, spans: list[tuple[int, int]], nouns: list[tuple[int, int]] | None = None) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.nouns = sorted(nouns or [])  # the counted nouns of the sentence's figures
        self._noun_starts = [n_start for n_start, _ in self.nouns]

    def in_another_noun(self, start: int, end: int, own: tuple[int, int]) -> bool:
        """Whether ``[start, end]`` lies in another figure's counted noun ("890 refugees and
        1,432 returnees": "refugees" is the first figure's noun, no word about the second)."""
        index = bisect.bisect_right(self._noun_starts, start) - 1
        if index < 0:
            return False
        n_start, n_end = self.nouns[index]
        return end <= n_end and not own[0] <= n_start < own[1]

    def any_within(self, start: int, end: int) -> bool:
        """Whether a span lies wholly inside ``[start, end]``."""
        index = bisect.bisect_left(self.starts, start)
        return index < len(self.spans) and self.spans[index][1] <= end

    def next_start(self, position: int) -> int | None:
        """Where the first span at or after ``position`` starts."""
        index = bisect.bisect_left(self.starts, position)
        return self.starts[index] if index < len(self.starts) else None

    def end_of(self, start: int) -> int:
        """Where the span starting at ``start`` ends."""
        return self.spans[bisect.bisect_left(self.starts, start)][1]

    def any_before(self, position: int) -> bool:
        """Whether a span ends at or before ``position``."""
        return bool(self.spans) and self.spans[0][1] <= position


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    phrase: str  # lower-case, single-spaced
    category: str


def sentence_triggers(text: str, start: int, end: int, lexicon: Lexicon) -> list[Trigger]:
    """Every category word in ``text[start:end]`` (computed once per sentence)."""
    return [
        Trigger(t_start, t_end, phrase, lexicon.categories[phrase])
        for t_start, t_end, phrase in trigger_matcher(lexicon).finditer(text, start, end)
    ]


def categorise(
    text: str,
    triggers: list[Trigger],
    figure: tuple[int, int],
    others: Spans,
    unit: str,
    head: str | None,
    noun_category: str | None,
    lexicon: Lexicon,
    *,
    part: bool = False,
) -> str | None:
    """The category of the figure at ``figure`` (span incl. its counted noun), from the
    ``triggers`` of its sentence, or ``None`` when nothing in the sentence says.

    ``others`` are the spans of the sentence's number expressions (its own included, which
    never counts): a trigger on the far side of another figure belongs to that one.
    """
    if noun_category == "fighters":
        # "2,500 IS fighters in Raqqa" are fighters; "killed 100 fighters" counts deaths
        # "700 servicemen were killed or wounded": a combined harm is a harm too
        harmful = [
            t
            for t in triggers
            if t.category in _HARM or (t.category == "other" and _COMBINED.search(t.phrase, None, None, KEEP_GIL))
        ]
        harm = categorise(text, harmful, figure, others, unit, None, "needs_trigger", lexicon) if harmful else None
        return harm or noun_category
    if noun_category and noun_category != "needs_trigger":
        return noun_category
    candidates: list[tuple[float, int, str, int]] = []  # distance, -length, category, where the word ends
    main_harm: str | None = None
    main_event: str | None = None
    aid: str | None = None  # an aid word before the figure, in its clause
    noun_cat = head_category(head, lexicon) if head else None
    if noun_cat and unit == "people":
        if noun_cat in _FIRM and not part:
            return noun_cat  # a part of a group ("20 of the wounded died") can be told apart by a verb
        candidates.append((_NOUN_DISTANCE, 0, noun_cat, -1))
    start, end = figure
    spans = others
    for match in triggers:
        if match.end < start - TRIGGER_WINDOW or match.start > end + TRIGGER_WINDOW:
            continue  # too far to matter: keeps a sentence of many figures linear
        phrase, category = match.phrase, match.category
        if phrase in _HEAD_ONLY and not (start <= match.start and match.end <= end):
            continue  # "two-thirds of the population" in an aside says nothing of this figure
        if phrase in _LABEL_ONLY and not _LINE_LABEL.match(text, max(0, match.start - 8), match.start, KEEP_GIL):
            continue  # "Strength" heads an infobox block; "gained strength" is no count
        if spans.nouns and spans.in_another_noun(match.start, match.end, figure):
            continue
        if phrase in _HOSPITAL and head in _ILLNESS_HEADS:
            continue  # "1,500 patients have been hospitalised" with dengue: ill, not injured
        if phrase in _AMOUNT_VERBS and head is None and not text[match.end : start].strip():
            continue  # "the death toll has reached almost 78,000": an amount, not people reached with aid
        if unit == "structures" and (phrase in _FLOODED or phrase in _HOMES_LOST):
            category = "damaged"  # "2,260 facilities were flooded", "buried 15-20 houses"
        if unit == "structures" and category not in _STRUCTURE_CATEGORIES:
            continue
        if unit in ("people", "households") and category == "damaged":
            continue
        if match.start >= end:
            paired = spans.any_within(end, match.start)
            if paired and not _coordinated(text, end, spans):
                continue
            distance: float = match.start - end
            if paired:
                # "1 hospital in Nippes and 3 health centres in Jérémie damaged": as near as the last of the pair
                distance -= (spans.next_start(end) or end) - end
            if clause_break(text, end, match.start):
                distance += CLAUSE_PENALTY
        elif match.end <= start:
            shared = False
            if spans.any_within(match.end, start):
                first = spans.next_start(match.end)
                # "affecting 103,906 students and 1,418 teachers": one verb before a pair of counts
                shared = (
                    first is not None
                    and first - match.end < 3
                    and spans.end_of(first) < start
                    and _PAIRED.fullmatch(text, spans.end_of(first), start, KEEP_GIL) is not None
                )
                if not shared:
                    continue
            between = text[match.end : start]
            distance = len(_CONNECTORS.sub("", between, 0, None, None, KEEP_GIL).strip()) * _BEFORE_WEIGHT
            if shared:
                distance = _MODIFIER_DISTANCE  # as near as the first of the pair
            elif clause_break(between):
                distance += CLAUSE_PENALTY
            elif _AND.search(between, None, None, KEEP_GIL):
                distance += _AND_PENALTY  # "are displaced and 4,000 others found refuge": another clause
            if spans.any_before(match.start) and not shared:
                # "three were killed and tens of thousands left homeless": the word after
                # another figure is that figure's
                distance *= _OTHERS_WEIGHT
        elif match.end >= end:
            # the counted noun is itself the word: "216,895 displaced" (firm), "90 IDPs" (a default)
            distance = 0.0 if (category in _FIRM or phrase.endswith("ed")) and not part else _NOUN_DISTANCE
        else:
            # inside the counted phrase: "30 injured people" (harm: firm), "30,000 displaced people"
            distance = 1.0 if category in _HARM else _MODIFIER_DISTANCE
        if category == "other" and not (start <= match.start and match.end <= end):
            distance += _OTHER_PENALTY  # "received 30 injured people": the harm said of them first
        if category in _WEAK:
            distance += _WEAK_PENALTY
        elif phrase in _WHERE_WORDS and noun_cat:
            continue  # "90,000 refugees are living in tents": where they are, not what they are
        elif phrase in _WHERE_WORDS:
            distance += _WHERE_PENALTY  # "4,000 more remain stranded", "150,000 refugees are living"
        candidates.append((distance, -len(phrase), category, match.end))
        if (
            category == "other"
            and phrase not in _NOT_AID
            and match.end <= start
            and start - match.end < 60
            and not _CLAUSE_NOT_DIGITS.search(text, match.end, start, KEEP_GIL)
        ):
            aid = phrase
        if main_harm is None and _main_verb(text, match, end, _HARM):
            main_harm = category  # "3,000 refugees crossing the sea have died": the main verb says
        if main_event is None and _main_verb(text, match, end, _EVENTS):
            main_event = category  # "40,000 refugees in tented camps are at risk"
    if not candidates:
        return None
    if aid is not None and _TO_BENEFICIARY.search(text, max(0, start - 6), start, KEEP_GIL):
        return "other"  # "provided 51,000 hot meals to 7,036 displaced people": people reached with aid
    best = min(candidates)
    if main_harm is not None and best[2] not in _HARM and best[2] != "other":
        return main_harm
    if best[2] in _WEAK:
        status = [c for c in candidates if c[2] in _STATUS and c[2] not in _WEAK]
        if status:
            best = min(status)  # "Several IDPs ... remain in three schools (77 families)": still displaced
    if main_event is not None and best[2] in _STATUS and best[3] <= end:
        return main_event  # the status noun itself ("refugees", "IDPs") yields to what happens to them
    if noun_category == "needs_trigger" and (
        best[0] > _RESPONDER_DISTANCE or best[2] in ("fighters", "civilians_present")
    ):
        return None  # "thousands of volunteers", "deployed 12 epidemiologists": at work, not affected
    if (
        best[2] == "civilians_present"
        and _BASELINE.match(text, best[3], best[3] + 60, KEEP_GIL)
        and not _STILL.search(text, min(end, best[3]), best[3], KEEP_GIL)
    ):
        return "other"  # "Some 30 million people live in Nepal": the population, a baseline
    return best[2]


def _main_verb(text: str, match: Trigger, end: int, categories: frozenset[str]) -> bool:
    """A word of these categories after the figure, in its clause, as the main verb ("... have died")."""
    return (
        match.category in categories
        and match.start >= end
        and not clause_break(text, end, match.start)
        and (
            match.phrase.startswith(_AUXILIARIES)
            or _PASSIVE.search(text, max(end, match.start - 30), match.start, KEEP_GIL) is not None
        )
    )


def fits_unit(category: str, unit: str) -> bool:
    """Whether a category can be said of this unit: structures are damaged or affected,
    people and households are never "damaged"."""
    if unit == "structures":
        return category in _STRUCTURE_CATEGORIES
    return category != "damaged"


def category_words(text: str, start: int, end: int, lexicon: Lexicon) -> list[str]:
    """The categories named in ``text[start:end]``, in order, each once."""
    found: list[str] = []
    for _start, _end, phrase in trigger_matcher(lexicon).finditer(text, start, end):
        category = lexicon.categories[phrase]
        if category not in found:
            found.append(category)
    return found
