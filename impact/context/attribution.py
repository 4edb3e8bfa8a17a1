"""Who gave a figure: "according to X", "X said", "said X", "X estimates", "(OCHA, 22 Jun)",
"(GNA claim)", a "Per the rebels:" lead-in line, the speaker of a quote.

Each sentence yields cues: a source's name and the words that give it. A figure takes the
nearest cue of its sentence ("according to police, 12 died, and 40 were hurt, according to
the ministry": the 40 is the ministry's). An infobox claim or lead-in line comes first; a
figure with no cue takes the speaker of the quote it sits in; a pronoun ("he said") takes the
source named just before. Every name passes one gate, :func:`source_name`: a person, an
organisation or a role, never a sentence fragment ("It was", "The floods", "There are").
"""

from __future__ import annotations

import bisect
import itertools
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from impact.lexicon import trie_alternation
from impact.text import KEEP_GIL, Span


@dataclass(frozen=True)
class _Words:
    nouns: frozenset[str]
    documents: frozenset[str]
    verbs: tuple[str, ...]
    weak_verbs: frozenset[str]
    not_names: frozenset[str]
    organisations: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    with resources.files("impact.lexicon").joinpath("sources.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return _Words(
        nouns=frozenset(w.lower() for w in data["nouns"]) | frozenset(w.lower() for w in data["documents"]),
        documents=frozenset(w.lower() for w in data["documents"]),
        verbs=tuple(sorted(data["verbs"], key=len, reverse=True)),
        weak_verbs=frozenset(data["weak_verbs"]),
        not_names=frozenset(w.lower() for w in data["not_names"]),
        organisations=frozenset(data["organisations"]),
    )


def _verb_alternation() -> str:
    return trie_alternation(_words().verbs)  # longest first, a space any whitespace


# a full stop inside a name: "Dr. Amal Osman", "U.N. officials"
_TITLES = r"\b(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Lt|Maj|Capt|Gov|Sen|St|\p{Lu})"
_ABBREVIATION = rf"(?<={_TITLES})\."
_STOP = rf"(?<!{_TITLES})\."


_LOWER_WORD = re.compile(r"[a-z]+")  # ASCII only: the standard engine, twice as fast


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    """A sentence with none of these words names no source: most sentences."""
    first = {verb.split()[0].lower() for verb in _words().verbs}
    return frozenset(first | {"according", "citing", "cited", "quoted", "based", "per", "figures", "data", "tally"})


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern[str]]:
    verbs = _verb_alternation()
    return {
        "verb": regex.compile(rf"(?<![\w-])(?:{verbs})(?![\w-])(?![ \t]*:)"),
        "said_x": regex.compile(
            rf"(?:^|[,\"”’]\s*)(?!told\b)(?:{verbs})\s+(?!(?:on|in|at|to|by|from|with|for|that|it|this|during|after)\b)"
            rf"(?P<who>(?:[^,;.\"“”()]|{_ABBREVIATION}){{1,80}}?)(?=\s*(?:[,;\"“”(]|{_STOP}|$))"
        ),
        "after_quote": regex.compile(
            rf"[ \t]*,?[ \t]*(?:(?P<pro>he|she|they|it|He|She|They|It)\s+(?:{verbs})\b"
            rf"|(?:{verbs})\s+(?P<w1>(?:[^,.;:“”\"\n]|{_ABBREVIATION}){{2,60}}?)(?=\s*(?:[,;:]|{_STOP})|\s*$)"
            rf"|(?P<w2>[^,.;:“”\"\n]{{2,60}}?)\s+(?:{verbs})\b)"
        ),
        "before_quote": regex.compile(rf"(?<=\s)(?:{verbs})(?:\s+\p{{Ll}}+){{0,2}}\s*[:,]?\s*$"),
    }


_ACCORDING = regex.compile(
    r"\b(?:according\s+to|citing|cited\s+by|reported\s+by|quoted\s+by|figures\s+from|data\s+from|based\s+on|"
    r"(?-i:per(?=\s+(?:the\s|\p{Lu}))))\s+"
    r"(?P<who>[^,;:.()\"“”]{2,120}?)(?=\s*(?:[,;:.()\"“”]|\s+(?:that|on|in\s+\d|as|which|who|when|but)\b|$))",
    regex.IGNORECASE,
)
# "..., and according to X, N ...": the source is for what follows, not what came before
_FORWARD = regex.compile(r"(?:\b(?:and|but|while|whereas)|;)\s*,?\s*$", regex.IGNORECASE)
_CITATION = regex.compile(r"\((?P<who>\p{Lu}[\p{L}&.\- ]{1,40}),\s*\d[^()\n]{0,30}\)")
# "(UN OCHA)" or a bracket left open at the end of a line: a credit for the sentence
_TRAILING_CREDIT = regex.compile(r"\((?P<who>\p{Lu}[\p{L}&.\- ]{1,40}?)\)?\s*(?:\[\w{1,4}\]\s*)*\.?\s*$")
_ARTICLE_BEFORE = regex.compile(r"\b(?:an?|the|its|their|his|her|unconfirmed)\s*$", regex.IGNORECASE)
_PASSIVE_BEFORE = regex.compile(r"\b(?:is|are|was|were|be|been|being|am|it's)\s+(?:\p{Ll}+ly\s+)?$", regex.IGNORECASE)
_LIVES_AFTER = regex.compile(r"(?:\s+\S+){0,4}?\s+(?:lives?|life)\b")
_TOLL_AFTER = regex.compile(
    r"\s+(?:the|that|this|its|their|his|her|an?)\s+(?:[\w-]+\s+){0,2}(?:toll|estimates?|figures?|numbers?|count|tally)\b"
)
_PARTICIPLE_AFTER = regex.compile(r"\s+(?:missing|dead|killed|injured|wounded|displaced|lost|safe)\b")
_NOUN_AFTER = regex.compile(r"\s+(?:of|from|received|released|by|on|for|and|in|were|are|have)\b")
# "The state government has set up 1,537 camps ..., it said": "it" is the sentence's subject
_LEADING_SUBJECT = regex.compile(r"(?P<who>[^,;:]{2,80}?)\s+(?:has|have|had|is|are|was|were|will|would)\b")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_APPOSITIVE = regex.compile(
    r"^(?:[Aa]n?|[Tt]he|[Ww]ho|[Ww]hich|[Ww]hose)\s+\p{Ll}|^(?:\p{Ll}+\s+){0,2}(?:of|for|at)\s|^(?:citing|quoting)\s|"
    r"^\S+['’]s\s+\p{Ll}|"  # "JNIM, al-Qaeda's affiliate in the Sahel, claimed"
    r"^(?:in|on|at|during|after|before|earlier|later|late|last|speaking|writing|for\s+\p{Ll}+\s+part)\b"
)
_SUBJECT_START = regex.compile(
    r"^(?:(?:but|and|meanwhile|however|also|now|earlier|later|just|hours|days|soon)\s+)*", regex.IGNORECASE
)
_SUBJECT_CUT = regex.compile(
    r"[\"“”;:]|\b(?:that|which|while|as|and said|whereas|where|when|after|before|because|if|since|until|"
    r"although|though|(?-i:who))\b",
    regex.IGNORECASE,
)
_OPENER = regex.compile(r"(?:and|but|while|whereas|where|when)\b", regex.IGNORECASE)
# what follows a reporting verb is a clause of its own ("said 300 died", "estimates that ..."),
# not a tail (", officials said on Monday.")
_CLAUSE_AFTER = regex.compile(
    r"(?!\s*(?:on|in|at|late|early|last|this|earlier|yesterday|today|by|from|during|after|to\s+\p{L}+)\b)"
    r"(?:(?:\s+\S+){4}|\s*(?:that\b|\d)|(?:\s+\S+){0,3}?\s+\d)"
)
_AUDIENCE = regex.compile(r"^\s+(?:\p{Lu}[\w.]*|reporters|journalists|the\s+\p{L}+|an?\s+\p{L}+)")
_NEAR_CUES = 8  # a figure looks at this many cues of its sentence on each side
_FAR = 1500  # and not farther than this
_REACH = 300  # how far from its verb a subject or a clause is looked for
_COMMA = regex.compile(r",(?!\d)")
# "by 9 May the interior minister said": a leading date is no part of the source
_LEADING_TIME = regex.compile(
    r"^(?:(?i:this|last|next|earlier|later)\s+(?:week|month|year|morning|evening|night)\s+|"
    r"(?:(?:by|on|in|since|from|until|as\s+of)\s+)?(?:\d{1,2}\s+\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+\s+\d{1,2})(?:,?\s+\d{4})?,?\s+)"
)
_CITING = regex.compile(r"\b(?:according\s+to|citing|quoting)\b", regex.IGNORECASE)
_INCLUDING = regex.compile(r"\s+(?:including|with|among)\b.*$", regex.IGNORECASE)
# "In Ruyi Du Ab the assessment team": a leading place phrase is no part of the source
_LEADING_PLACE = regex.compile(r"^(?:In|At|On|From|Across)\s+(?:\p{Lu}[\w'’-]*\s+)+(?=\p{Ll})")
_TRAILING_WORDS = regex.compile(
    r"(?:\s+(?:has|have|had|also|alone|again|already|now|earlier|later|today|yesterday|then|still|too|would|will|"
    r"further|previously|recently|initially|officially|separately|reportedly|subsequently|last\s+week|"
    r"on\s+\p{Lu}\p{Ll}+day|\p{Lu}\p{Ll}+day))+\s*$"
)
_TRAILING_TIME = regex.compile(
    r"\s+(?:in|on|by|since|during|as\s+of)\s+(?:(?:early|late|mid)[- ])?(?:\d{1,2}\s+)?(?:\p{Lu}\p{Ll}+\s+)?\d{1,4}"
    r"(?:,?\s+\d{4})?\s*$"
)
_LEAD_MARKS = regex.compile(r"^(?:[-•*·▪◦]\s*|\[\w{1,4}\]\s*)+")
_AUX = frozenset(
    "is are was were be been being am has have had do does did will would can could may might shall should must "
    "it's".split()
)
# "The UN in Djibouti said initial estimates": a phrase with a verb of saying in it is a clause
_SAYING = frozenset("said says told stated announced added warned claimed estimated reported".split())
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred "
    "hundreds thousand thousands million millions dozen dozens scores".split()
)
_FUNCTION_END = frozenset("of for the a an and in on at by to from with its their".split())
_DETERMINERS = frozenset("the a an its their his her our".split())
_REDUCE = regex.compile(
    r"^.*?\b(?:(?:received|released|provided|compiled|published|issued|collected)(?:\s+\p{Ll}+)?\s+by|"
    r"(?:reports?|information|data|figures|estimates?|statements?|analysis|survey|tally|count)\s+(?:from|by|of))\s+(?P<who>.+)$"
)


_PARTICIPLE_TAIL = regex.compile(r"\s+(?:issued|released|published|dated|updated|seen|obtained|shared)\b.*$")


@lru_cache(maxsize=1 << 14)
def source_name(phrase: str) -> str | None:
    """The phrase cleaned to a person, organisation, role or document that gives figures, or
    ``None`` when it is a fragment of a sentence ("It was", "More than 300 homes are")."""
    words = _words()
    phrase = _LEAD_MARKS.sub("", phrase.strip(" \t\n,;:\"“”'’"), 0, None, None, KEEP_GIL)
    phrase = regex.sub(r"^(?:that|and|but|as|while|however)\s+", "", phrase, flags=regex.IGNORECASE)
    phrase = _TRAILING_TIME.sub("", phrase, 0, None, None, KEEP_GIL)
    phrase = _TRAILING_WORDS.sub("", phrase, 0, None, None, KEEP_GIL).strip(" ,;:")
    tokens = phrase.split()
    if not tokens or any(t[:1].isdigit() for t in tokens):
        return None  # "In 2014", "At least 180 people were" (but "the R4V platform", "M23")
    lowered = [t.lower().strip(".,'’()") for t in tokens]
    if any(t in _AUX or t in _SAYING for t in lowered) or lowered[-1] in _FUNCTION_END or lowered[0] == "there":
        return None
    core = tokens[1:] if lowered[0] in _DETERMINERS else tokens
    if not core:
        return None
    core_lower = [t.lower().strip(".,'’()").removesuffix("'s").removesuffix("’s") for t in core]
    if len(core) == 1 and core_lower[0] in _PRONOUNS:
        return None
    has_noun = any(t in words.nouns for t in core_lower) or any(
        f"{a} {b}" in words.nouns for a, b in itertools.pairwise(core_lower)
    )
    capitals = [t for t in core if t[:1].isupper()]
    later_capital = any(t[:1].isupper() for t in core[1:])
    first_name = core[0][:1].isupper() and core_lower[0] not in words.not_names
    if len(tokens) > 8 and len(capitals) * 2 < len([t for t in lowered if t not in _FUNCTION_END]):
        return None  # a long phrase that is no name: a clause
    if len(tokens) > 14:
        return None
    if any(t in _NUMBER_WORDS for t in lowered) and not has_noun:
        return None  # "Two fatalities", "Hundreds"
    if has_noun:
        return phrase
    if later_capital:
        return phrase  # "The Syrian Observatory", "Haitian president René Préval", "the latest IPC analyses"
    if first_name and len(core) == 1:
        return phrase  # "Bellerive", "UNICEF", "Burma"
    if sum(c.isupper() for c in core[0]) >= 2 and core[0].replace(".", "").isupper():
        return phrase  # "UN peacekeepers", "DTM key informants"
    return None


@lru_cache(maxsize=1 << 14)
def _is_organisation(phrase: str) -> bool:
    """A credit or headline prefix that names a body, not a place or a label: "UN OCHA",
    "IOM", "UN Rights Office"."""
    words = _words()
    tokens = [t.removesuffix("'s").removesuffix("’s") for t in regex.split(r"[\s/-]+", phrase.strip()) if t]
    if not tokens or len(tokens) > 8:
        return False
    if any(t in words.organisations for t in tokens):
        return True
    return any(t[:1].isupper() and t.lower() in words.nouns for t in tokens)


_ACRONYM = regex.compile(r"[A-Z]{2,6}|[A-Z][a-z]?[A-Z]{1,4}")


def _is_credit(who: str) -> bool:
    """'(UN OCHA)', '(MoH)' at the end of a sentence or line: a body, not '(IDPs)' or '(Kenya)'."""
    from impact.lexicon import load_lexicon

    if len(who.split()) > 1:
        return _is_organisation(who)
    if who in _words().organisations:
        return True
    lexicon = load_lexicon()
    key = who.lower()
    return (
        _ACRONYM.fullmatch(who, None, None, KEEP_GIL) is not None
        and key not in lexicon.nouns
        and key not in lexicon.categories
    )


def _defines(acronym: str, sentence: str, bracket: int) -> bool:
    """'the Rapid Support Forces (RSF)', 'a non-governmental organization (NGO)': the bracket
    spells out the words before it, it credits nobody."""
    initials = {w[0].lower() for w in regex.findall(r"\p{L}+", sentence[max(0, bracket - 80) : bracket])[-6:]}
    letters = {c.lower() for c in acronym if c.isupper()}
    return bool(letters) and letters <= initials


def _reduce(who: str) -> str:
    """'verified reports received by the UN Office' -> 'the UN Office', when that is a name."""
    match = _REDUCE.match(who, None, None, KEEP_GIL)
    if match and source_name(match.group("who")):
        return match.group("who")
    return who


@dataclass(frozen=True)
class Cue:
    """A source named in a sentence: ``who`` is empty for a pronoun to resolve ("he said")."""

    who: str
    start: int
    end: int
    forward: bool = False  # "..., and according to X, N ...": only for figures after it
    document: bool = False  # a document noun only ("Early estimates indicate"): a weak cue


@lru_cache(maxsize=1 << 14)
def _is_document(who: str) -> bool:
    words = _words()
    tokens = [t.lower() for t in who.split()]
    return (
        bool(tokens)
        and tokens[-1] in words.documents
        and not any(t[:1].isupper() for t in who.split()[1:])
        and all(t in words.not_names or t in words.documents or t in _DETERMINERS for t in tokens)
    )


def _cue(who: str | None, start: int, end: int, forward: bool = False) -> Cue | None:
    if who is None:
        return None
    return Cue(who, start, end, forward, _is_document(who))


_ACCORDING_WORDS = frozenset({"according", "citing", "cited", "reported", "quoted", "figures", "data", "based", "per"})
_HEAD_WORDS = frozenset({"says", "say", "said", "warns", "reports", "claims", "estimates"})


@lru_cache(maxsize=1)
def _verb_firsts() -> frozenset[str]:
    """The first words of the verbs of saying (all lower case)."""
    return frozenset(verb.split()[0] for verb in _words().verbs)


def sentence_cues(text: str, start: int, end: int) -> list[Cue]:
    """The sources a sentence names, with where it names them (offsets in ``text``)."""
    sentence = text[start:end]
    words = set(_LOWER_WORD.findall(sentence.lower()))
    bracket = "(" in sentence
    if not bracket and _cue_words().isdisjoint(words):
        return []  # no verb of saying, no "according to", no bracket: most sentences
    # each pattern below needs one of its words (or a bracket): the others are not run
    cues: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for match in (
        _ACCORDING.finditer(sentence, None, None, False, KEEP_GIL) if not _ACCORDING_WORDS.isdisjoint(words) else ()
    ):
        who = source_name(_PARTICIPLE_TAIL.sub("", _reduce(match.group("who").strip()), 0, None, None, KEEP_GIL))
        forward = (
            _FORWARD.search(sentence, max(0, match.start() - 20), match.start(), KEEP_GIL) is not None
            and sentence[match.end() : match.end() + 5].lstrip()[:1] == ","
        )
        cue = _cue(who, start + match.start(), start + match.end(), forward)
        if cue:
            cues.append(cue)
            taken.append((match.start(), match.end()))
    for match in _CITATION.finditer(sentence, None, None, False, KEEP_GIL) if bracket else ():
        cue = _cue(source_name(match.group("who")), start + match.start(), start + match.end())
        if cue:
            cues.append(cue)
    credit = _TRAILING_CREDIT.search(sentence, max(0, len(sentence) - 80), None, KEEP_GIL) if bracket else None
    if credit and _is_credit(credit.group("who")) and not _defines(credit.group("who"), sentence, credit.start()):
        cue = _cue(source_name(credit.group("who")), start + credit.start(), start + credit.end())
        if cue:
            cues.append(cue)
    patterns = _patterns()
    has_verb = not _verb_firsts().isdisjoint(words)
    for match in patterns["said_x"].finditer(sentence) if has_verb else ():
        who = match.group("who")
        name = source_name(who) or source_name(_name_run(who))
        if name and name.split()[0].lower() not in _PRONOUNS:
            named = _NAME_AFTER_ROLE.match(sentence, match.end(), match.end() + 80, KEEP_GIL)
            if named and not name[:1].isupper():
                name = f"{name}, {named.group('name')}"  # "said the regional governor, Oleksandr Hrytsenko"
            cue = _cue(name, start + match.start(), start + match.end())
            if cue:
                cues.append(cue)
                taken.append((match.start(), match.end()))
    verbs = list(patterns["verb"].finditer(sentence)) if has_verb else []
    if (
        not _HEAD_WORDS.isdisjoint(words)
        and _HEAD_VERB.search(sentence, None, None, KEEP_GIL)
        and _is_headline(sentence)
    ):
        verbs += list(_HEAD_VERB.finditer(sentence, None, None, False, KEEP_GIL))
    for verb in verbs:
        if any(a <= verb.start() < b for a, b in taken):
            continue
        cue = _subject_cue(sentence, verb, start)
        if cue is not None:
            cues.append(cue)
    return cues


# "Burma Says 78,000 Dead", "..., UN Official Says": a headline's verb in title case
_HEAD_VERB = regex.compile(r"(?<![\w-])(?:Says|Say|Said|Warns|Reports|Claims|Estimates)(?![\w-])")
_TITLE_WORD = regex.compile(r"(?<![\w'’-])\p{L}[\p{L}'’-]*")


def _is_headline(sentence: str) -> bool:
    """A line in title case: most of its longer words capitalised."""
    if "\n" in sentence.strip() or len(sentence) > 160:
        return False
    words = [w for w in _TITLE_WORD.findall(sentence, None, None, False, KEEP_GIL) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


_NAME_AFTER_ROLE = regex.compile(r",\s*(?P<name>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})\s*(?:[.,;]|$)")


def _name_run(phrase: str) -> str:
    match = regex.match(r"(?:the\s+)?\p{Lu}[\w.'’-]*(?:\s+(?:\p{Lu}[\w.'’-]*|of|for|the|and))*", phrase.strip())
    return match.group(0).strip() if match else ""


# the same patterns run backwards from the end: they end at "$", so a match exists just when
# one ends there, and the backward match finds it without trying every start
_ARTICLE_AT_END = regex.compile(_ARTICLE_BEFORE.pattern, _ARTICLE_BEFORE.flags | regex.REVERSE)
_PASSIVE_AT_END = regex.compile(_PASSIVE_BEFORE.pattern, _PASSIVE_BEFORE.flags | regex.REVERSE)
_TRAILING_AT_END = regex.compile(_TRAILING_WORDS.pattern, _TRAILING_WORDS.flags | regex.REVERSE)


def _without_trailing_words(phrase: str) -> str:
    """``_TRAILING_WORDS.sub("", phrase)``, the substitution only when there is a match."""
    return (
        _TRAILING_WORDS.sub("", phrase, 0, None, None, KEEP_GIL)
        if _TRAILING_AT_END.match(phrase, None, None, KEEP_GIL)
        else phrase
    )


def _subject_cue(sentence: str, verb: regex.Match[str], offset: int) -> Cue | None:
    word = verb.group(0).lower()
    before = sentence[max(0, verb.start() - _REACH) : verb.start()]  # the subject is near its verb
    if _ARTICLE_AT_END.match(before, None, None, KEEP_GIL) or _PASSIVE_AT_END.match(before, None, None, KEEP_GIL):
        return None  # "an estimated 2,500", "were reported": a hedge or a passive, no source
    if word.startswith("claim") and _LIVES_AFTER.match(sentence, verb.end(), verb.end() + 60, KEEP_GIL):
        return None  # "the floods claimed seven lives"
    after = sentence[verb.end() : verb.end() + _REACH]
    if _PARTICIPLE_AFTER.match(after, None, None, KEEP_GIL):
        return None  # "five residents reported missing": a participle, not a source
    if word.endswith("s") and _NOUN_AFTER.match(after, None, None, KEEP_GIL):
        return None  # "reports received by", "estimates of": a noun, not a verb
    if word in ("raised", "revised", "lowered", "updated", "put", "puts") and not _TOLL_AFTER.match(
        after, None, None, KEEP_GIL
    ):
        return None  # only "raised the death toll to N", "put the figure at N"
    found = _subject_before(before)
    if found is None:
        return None
    subject, opened = found
    # "X said N ...", "where doctors said ...": the source of what follows; ", X said." of what came before
    if word == "told":
        after = _AUDIENCE.sub("", after, count=1)  # "told AFP by phone": the audience, then the tail
    forward = opened or _CLAUSE_AFTER.match(after, None, None, KEEP_GIL) is not None
    if subject.lower() in _PRONOUNS:
        return Cue("", offset + verb.start() - len(subject) - 1, offset + verb.end(), forward)
    if word in _REPORTS and len(subject.split()) == 1 and subject[1:].islower() and not _has_source_noun(subject):
        return None  # "Harare has reported 4,120 cases": a place, where the cases are
    if word in _words().weak_verbs and not _has_source_noun(subject) and not _is_organisation(subject):
        return None  # "Blantyre has recorded ...", "the quake found ...": a weak verb needs a source noun
    position = before.rfind(subject)
    return _cue(subject, offset + (position if position >= 0 else 0), offset + verb.end(), forward)


_REPORTS = frozenset({"reported", "reports", "recorded", "registered", "documented", "counted", "confirmed"})


def _has_source_noun(phrase: str) -> bool:
    nouns = _words().nouns
    return any(t.lower().strip(".,()'’").removesuffix("'s").removesuffix("’s") in nouns for t in phrase.split())


def _subject_before(before: str) -> tuple[str, bool] | None:
    """The noun phrase right before a reporting verb, if it names a source, and whether a
    clause opens right before it ("where", "and", "while": its source is for what follows)."""
    before = _without_trailing_words(before).rstrip()
    if not before:
        return None
    segments = [s.strip() for s in _COMMA.split(before.rstrip(","))]
    segments = [s for s in segments if s]
    if before.endswith(","):
        # "al-Assadi, a senior commander in ..., said", "Sani, 46, a farmer, said": skip the asides
        while len(segments) > 1 and (_APPOSITIVE.match(segments[-1], None, None, KEEP_GIL) or segments[-1].isdigit()):
            segments.pop()
    if len(segments) > 1 and segments[-1].lower() in ("which", "who"):
        segments.pop()  # "The Arakan Army, which says it has ..."
    subject = segments[-1] if segments else ""
    pieces = _SUBJECT_CUT.split(subject)
    if _CITING.search(pieces[-1], None, None, KEEP_GIL):
        return None  # "according to reports and initial reports received by ...": no subject
    opened = len(pieces) > 1 or (len(segments) > 1 and _OPENER.match(subject, None, None, KEEP_GIL) is not None)
    subject = _INCLUDING.sub("", pieces[-1].strip(), 0, None, None, KEEP_GIL)
    subject = _LEAD_MARKS.sub("", subject, 0, None, None, KEEP_GIL)
    start = _SUBJECT_START.match(subject, None, None, KEEP_GIL)
    if start and start.group(0).strip():
        opened = True  # "..., and officials said"
        subject = subject[start.end() :]
    subject = _LEADING_PLACE.sub("", subject, 0, None, None, KEEP_GIL)
    subject = _LEADING_TIME.sub("", subject, 0, None, None, KEEP_GIL)
    subject = _TRAILING_WORDS.sub("", subject, 0, None, None, KEEP_GIL).strip()
    if subject.lower() in _PRONOUNS:
        return subject, opened
    name = source_name(_reduce(subject))
    return (name, opened) if name else None


@dataclass(frozen=True)
class _Scope:
    start: int
    end: int
    who: str


_LINE_MAX = 600  # longer lines are prose: no infobox claims, no lead-ins
_LEAD_LINES = 40  # a "Per X:" lead-in reaches this many lines down at most
_PER_LINE = regex.compile(r"[ \t]*(?:[-•*·▪◦][ \t]*)?[Pp]er[ \t]+(?P<who>[^:\n]{1,50}?)[ \t]*:[ \t]*$")
_VALUE_LINE = regex.compile(r"[ \t]*(?:[-•*·▪◦|]|[~≈<>+]?[ \t]*\d|[^\n:|]{1,60}:[ \t]*[~≈<>+]?\d)")
# a list's lead-in or a table's caption that credits its source: "Camp populations (RRS/UNHCR, 31 May):"
_LEAD_CREDIT = regex.compile(
    r"\((?:[Ss]ources?:[ \t]*(?P<a>[^()\n]{2,60}?)|(?P<b>\p{Lu}[^(),\n]{1,40}),[ \t]*\d[^()\n]{0,30}|"
    r"per[ \t]+(?P<c>[^()\n]{2,40}?))\)|according[ \t]+to[ \t]+(?P<d>[^,.;()\n]{2,60}?)[ \t]*:?[ \t]*$"
)
_INLINE_LEAD = regex.compile(
    r"(?:^|(?<=[,;:|]))[ \t]*(?:[Pp]er[ \t]+(?P<a>[^:,;|\n]{1,40}?)|(?P<b>[^:,;|\n]{1,40}?)[ \t]+claims?)[ \t]*:"
)
_PAREN_CLAIM = regex.compile(
    r"\((?:[^()\n]{0,40}?,[ \t]*)?(?:per[ \t]+(?P<a>[^()\n,]{1,40}?)|(?P<b>[^()\n,]{1,40}?)[ \t]+"
    r"(?:claims?|estimates?|figures?|count)|[Ss]ources?:[ \t]*(?P<c>[^()\n]{1,40}?))[ \t]*\)"
)
_ITEM_BREAK = regex.compile(r"[,;|](?=\s)|\)[ \t]*(?:\[\w{1,4}\][ \t]*)*(?=[ \t]*\S)", regex.REVERSE)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# "33 MILLION Estimated Flood-Affected People GoP – September 2022": a key figure's credit
_KEY_CREDIT = regex.compile(
    rf"(?P<who>(?<![\w-])\p{{Lu}}[\p{{L}}.]{{1,12}}(?:[ \t]+\p{{Lu}}[\p{{L}}.]*){{0,2}})[ \t]+[–—-][ \t]+"
    rf"(?:{_MONTHS})\.?[ \t]+\d{{4}}[ \t]*$"
)
# "IOM: Nearly 3,000 Dead Crossing Mediterranean": a headline that names its source first
_HEAD_PREFIX = regex.compile(r"[ \t]*(?P<who>\p{Lu}[^:\n]{1,40}?)[ \t]*:[ \t]+(?=\S)")


def _line_scopes(body: str, offset: int) -> list[_Scope]:
    """Stretches of one infobox or list line that a claim gives a source: the items after
    "SAF claim:", the items before "(GNA claim)", a key figure's "GoP – September 2022", a
    headline's "IOM:"."""
    scopes: list[_Scope] = []
    if ":" in body:
        _inline_leads(body, offset, scopes)
        head = _HEAD_PREFIX.match(body, None, None, KEEP_GIL)
        if head and _is_organisation(head.group("who")) and not _PER_LINE.match(body, None, None, KEEP_GIL):
            who = source_name(head.group("who"))
            if who:
                scopes.append(_Scope(offset + head.end(), offset + len(body), who))
    if "(" in body:
        _paren_claims(body, offset, scopes)
    tail = body.rstrip(" \t")[-4:]  # the credit ends the line with a year: most lines do not
    credit = _KEY_CREDIT.search(body, None, None, KEEP_GIL) if len(tail) == 4 and tail.isdigit() else None
    if credit and _is_acronym_or_organisation(credit.group("who")):
        words = credit.group("who").split()
        while len(words) > 1 and not _is_acronym_or_organisation(words[0]):
            words = words[1:]  # "People GoN – August 2022": the credit is the last words
        scopes.append(_Scope(offset, offset + credit.start(), " ".join(words)))
    return scopes


def _is_acronym_or_organisation(who: str) -> bool:
    return _is_organisation(who) or (sum(c.isupper() for c in who) >= 2 and len(who) <= 8)


def _inline_leads(body: str, offset: int, scopes: list[_Scope]) -> None:
    leads = []
    for match in _INLINE_LEAD.finditer(body, None, None, False, KEEP_GIL):
        who = source_name(match.group("a") or match.group("b") or "")
        if who:
            leads.append((match.start(), match.end(), who))
    for number, (_, lead_end, who) in enumerate(leads):
        stop = leads[number + 1][0] if number + 1 < len(leads) else len(body)
        scopes.append(_Scope(offset + lead_end, offset + stop, who))


def _paren_claims(body: str, offset: int, scopes: list[_Scope]) -> None:
    previous = 0
    for match in _PAREN_CLAIM.finditer(body, None, None, False, KEEP_GIL):
        who = source_name(match.group("a") or match.group("b") or match.group("c") or "")
        if not who:
            continue
        cut = _ITEM_BREAK.search(body, previous, match.start(), KEEP_GIL)
        first = cut.end() if cut else previous
        scopes.append(_Scope(offset + first, offset + match.start(), who))
        previous = match.end()


# a sentence that continues the figures of the one before
_CONTINUES = regex.compile(
    r"[ \t]*(?:(?:This|These|That)\s+(?:includes?|comprises?)\b|(?:Of|Among)\s+(?:these|them|whom|those)\b|"
    r"(?:Including|Another|A\s+further)\b|\d[\d,.]*\s+(?:\p{Ll}+\s+){0,2}(?:of\s+them|families|households)\b|"
    r"\p{Lu}\p{Ll}+\s+of\s+them\b|"
    # "According to WHO, ... . Three nurses also died."
    r"(?:\d[\d,.]*|(?i:two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands))"
    r"(?:\s+[\p{L}-]+){0,3}\s+also\b)"
)
# "the group said", "according to the same source": a body named before
_ANAPHOR = regex.compile(
    r"(?i:the|this|that)\s+(?:same\s+)?(?:source|group|agency|organi[sz]ation|charity|office|ministry|body|"
    r"monitor|mission|network|observatory|committee|NGO)$"
)
_PERSON_START = regex.compile(
    r"(?:[^—\n]{0,60}—\s*)?(?!(?:The|In|On|At|By|For|After|Before|During|Since|This|That|These|Those|A|An)\s)"
    r"(?P<who>(?:(?:Dr|Mr|Mrs|Ms)\.?\s+)?\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,2})(?:,\s+(?:\d{1,3},|an?\s+\p{Ll}+)|\s+\p{Ll})"
)
_CONTRAST = regex.compile(r"[,;]\s*(?:while|whereas|as(?!\s+of))\b")
_QUOTE = regex.compile(r"“[^”\n]{2,1500}”|\"[^\"\n]{2,1500}\"")
_QUOTE_WINDOW = 1500


class Attributor:
    """Sources for the figures of one text: cues by sentence, claims by line, quotes around a
    figure; each computed once, on a window around the figure, never over the whole text."""

    def __init__(self, text: str, sentences: list[Span]) -> None:
        self.text = text
        self.sentences = sentences
        self._starts = [s.start for s in sentences]
        self._cues: dict[int, list[Cue]] = {}
        self._cue_starts: dict[int, list[int]] = {}
        self._speakers: dict[int, str | None] = {}
        self._lines: dict[int, list[_Scope]] = {}

    def cues(self, index: int) -> list[Cue]:
        if index not in self._cues:
            span = self.sentences[index]
            self._cues[index] = sorted(sentence_cues(self.text, span.start, span.end), key=lambda c: c.start)
            self._cue_starts[index] = [c.start for c in self._cues[index]]
        return self._cues[index]

    def source_for(self, index: int, start: int, end: int) -> str | None:
        scoped = self._scope_at(start)
        if scoped is not None:
            return scoped
        cue = self._nearest(index, start, end)
        if cue is not None and not cue.who:
            # '"We estimate that 5,000 remain," said Colonel Smith': the speaker named in the
            # sentence; "he said": the one named before
            first_person = self.text[cue.start : cue.start + 3].split()[:1] in (["We"], ["we"], ["I"])
            named = self._nearest(index, start, end, named=True, after=first_person) or self._nearest(
                index, start, end, named=True
            )
            resolved = named.who if named and first_person else self._resolve(index, cue)
            cue = Cue(resolved, cue.start, cue.end) if resolved else named
        if cue is not None and _ANAPHOR.match(cue.who, None, None, KEEP_GIL):
            return self._resolve(index, cue) or cue.who  # "the group said": the group named before
        if cue is not None:
            return cue.who
        return self._quote_speaker(start) or self._carried(index) or self._citation_after(index)

    def _citation_after(self, index: int) -> str | None:
        """'Up to 90 people were killed. (OCHA, 3 Feb 2021)': a citation standing after the sentence."""
        if index + 1 >= len(self.sentences):
            return None
        span = self.sentences[index + 1]
        match = _CITATION.fullmatch(self.text, span.start, span.end, KEEP_GIL)
        return source_name(match.group("who")) if match else None

    def _carried(self, index: int) -> str | None:
        """'INGD estimates that 33,218 were displaced. 5,973 families, including ...': a
        sentence that goes on with the figures of the one before keeps its source."""
        if index == 0:
            return None
        span, above = self.sentences[index], self.sentences[index - 1]
        if "\n\n" in self.text[above.end : span.start] or not _CONTINUES.match(
            self.text, span.start, span.end, KEEP_GIL
        ):
            return None
        named = [c for c in self.cues(index - 1) if c.who and not c.document]
        if not named:
            return None
        if _ANAPHOR.match(named[-1].who, None, None, KEEP_GIL):
            return self._resolve(index - 1, named[-1]) or named[-1].who
        return named[-1].who

    def _named(self, index: int) -> list[Cue]:
        return [
            c for c in self.cues(index) if c.who and not c.document and not _ANAPHOR.match(c.who, None, None, KEEP_GIL)
        ]

    def _nearest(self, index: int, start: int, end: int, named: bool = False, after: bool = False) -> Cue | None:
        every = self.cues(index)
        middle = bisect.bisect_left(self._cue_starts[index], start)
        near = every[max(0, middle - _NEAR_CUES) : middle + _NEAR_CUES]  # a long sentence's far cues are out of reach
        cues = [
            c
            for c in near
            if abs(c.start - start) < _FAR
            and not (c.forward and start < c.end)
            and (c.who or not named)
            and not self._contrast_between(c, start, end)
            and not (after and c.start < end)
        ]
        strong = [c for c in cues if not c.document]
        cues = strong or cues
        if not cues:
            return None

        def distance(cue: Cue) -> int:
            if cue.end <= start:
                return start - cue.end
            if cue.start >= end:
                return cue.start - end
            return 0

        return min(cues, key=distance)

    def _contrast_between(self, cue: Cue, start: int, end: int) -> bool:
        """'..., officials said, while army raids left nine dead': a source that closes its
        clause does not reach across a contrasting one (one named at the end covers the sentence)."""
        return (
            not cue.forward and cue.end <= start and _CONTRAST.search(self.text, cue.end, start, KEEP_GIL) is not None
        )

    def _resolve(self, index: int, cue: Cue, word: str | None = None) -> str | None:
        """The source a pronoun stands for: the subject of its own sentence for a closing
        "it said", else the last one named in this sentence before it, or in the three
        sentences before, else a person a sentence before opens with ("he said")."""
        pronoun = [word] if word else self.text[cue.start : cue.start + 5].split()
        span = self.sentences[index]
        if pronoun and pronoun[0].lower() in ("it", "they") and cue.start > span.start:
            lead = _LEADING_SUBJECT.match(self.text, span.start, cue.start, KEEP_GIL)
            who = source_name(lead.group("who")) if lead else None
            if who:
                return who
        for number in range(index, max(-1, index - 4), -1):
            named = [c for c in self._named(number) if c.end <= cue.start]
            if named:
                return named[-1].who
        if pronoun and pronoun[0].lower() in ("he", "she"):
            # "Nyaruach Gatluak, 29, reached Pagak ... . 'We were 40,' she said."
            for number in range(index - 1, max(-1, index - 4), -1):
                above = self.sentences[number]
                person = _PERSON_START.match(self.text, above.start, above.end, KEEP_GIL)
                if person:
                    return person.group("who")
        return None

    def _line(self, position: int, window: int = _LINE_MAX) -> tuple[int, int] | None:
        """The line around ``position``, or ``None`` when it is longer than ``window`` each way."""
        low = max(0, position - window)
        before = self.text.rfind("\n", low, position)
        if before < 0 and low > 0:
            return None
        after = self.text.find("\n", position, position + window)
        if after < 0:
            if position + window < len(self.text):
                return None
            after = len(self.text)
        return before + 1, after

    def _scope_at(self, position: int) -> str | None:
        line = self._line(position)
        if line is None:
            return None
        start, end = line
        if start not in self._lines:
            self._lines[start] = _line_scopes(self.text[start:end], start)
            lead = self._lead_in_above(start, end)
            if lead is not None:
                self._lines[start].append(_Scope(start, end, lead))
        for scope in self._lines[start]:
            if scope.start <= position < scope.end:
                return scope.who
        return None

    def _lead_in_above(self, start: int, end: int) -> str | None:
        """'Per the rebels:' above this value line, across blank lines and other values."""
        if not _VALUE_LINE.match(self.text, start, end, KEEP_GIL):
            return None
        for _ in range(_LEAD_LINES):
            if start == 0:
                return None
            above = self._line(start - 1)
            if above is None:
                return None
            start, end = above
            body = self.text[start:end]
            if not body.strip() or _VALUE_LINE.match(body, None, None, KEEP_GIL):
                continue
            per = _PER_LINE.match(body, None, None, KEEP_GIL)
            if per:
                return source_name(per.group("who"))
            credit = _LEAD_CREDIT.search(body, None, None, KEEP_GIL) if len(body) <= 200 else None
            if credit:
                return source_name(credit.group("a") or credit.group("b") or credit.group("c") or credit.group("d"))
            return None
        return None

    def _quote_speaker(self, position: int) -> str | None:
        """The speaker of the quotation the figure sits in, if it has one."""
        line = self._line(position, _QUOTE_WINDOW)
        low = max(0, position - _QUOTE_WINDOW) if line is None else line[0]
        high = min(len(self.text), position + _QUOTE_WINDOW) if line is None else line[1]
        previous: tuple[int, str | None] | None = None
        for match in _QUOTE.finditer(self.text, low, high, False, KEEP_GIL):
            who = self._speaker(match.start(), match.end())
            if who is None and previous is not None and previous[1]:
                between = self.text[previous[0] : match.start()]
                if len(between) < 200:
                    who = previous[1]  # the next quoted sentence of the same speaker
            if match.start() <= position < match.end():
                return who
            if match.start() > position:
                return None
            previous = (match.end(), who)
        return None

    def _speaker(self, start: int, end: int) -> str | None:
        if start not in self._speakers:
            self._speakers[start] = self._find_speaker(start, end)
        return self._speakers[start]

    def _find_speaker(self, start: int, end: int) -> str | None:
        patterns = _patterns()
        after = patterns["after_quote"].match(self.text, end, min(len(self.text), end + 120))
        if after:
            if after.group("pro"):
                return self._named_before(start, after.group("pro"))
            raw = after.group("w1") or after.group("w2") or ""
            who = source_name(raw) or source_name(_name_run(raw))
            if who:
                return who
        low = max(0, start - 150)
        verb = patterns["before_quote"].search(self.text, low, start)
        if verb:
            found = _subject_before(self.text[low : verb.start()])  # 'Ms Okoro said: "..."'
            if found and found[0].lower() in _PRONOUNS:
                return self._named_before(start, found[0])
            return found[0] if found else None
        return None

    def _named_before(self, position: int, pronoun: str) -> str | None:
        index = bisect.bisect_right(self._starts, position) - 1
        if index < 0:
            return None
        return self._resolve(index, Cue("", position, position), pronoun)


def attribute(sentence: str) -> str | None:
    """The source a lone sentence gives for a figure at its start, or ``None``."""
    attributor = Attributor(sentence, [Span(0, len(sentence))])
    return attributor.source_for(0, 0, 0)
