"""Who gave a figure: "according to X", "X said", "said X", "X estimates", "(OCHA, 22 Jun)"."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

import regex

_VERBS = (
    r"said|says|say|saying|reported|reports|report|estimated|estimates|estimate|warned|warns|told|"
    r"announced|announces|stated|states|confirmed|confirms|claimed|claims|added|noted|notes|indicated|"
    r"indicates|indicate|put|puts|counted|recorded|documented|registered|tallied|believes|believe|"
    r"fear|fears|feared|predicted|predict|predicts|quoted|cited|cites|show|shows|showed|suggest|suggests"
)
_ACCORDING = regex.compile(
    r"\b(?:according\s+to|citing|cited\s+by|reported\s+by|quoted\s+by|figures\s+from|data\s+from)\s+"
    r"(?P<who>[^,;:.()\"“”]{2,90}?)(?=\s*(?:[,;:.()\"“”]|\s+(?:that|on|in\s+\d|as|which|who|when|but)\b|$))",
    regex.IGNORECASE,
)
_VERB = regex.compile(rf"(?<![\w-])(?:{_VERBS})\b")
_WORDS = regex.compile(r"[a-z]+")
_CUE_WORDS = frozenset(_VERBS.split("|")) | {"according", "citing", "cited", "quoted", "figures", "data"}
_SAID_X = regex.compile(
    rf"(?:^|[,\"”]\s*)(?:{_VERBS})\s+(?P<who>(?:the\s+)?\p{{Lu}}[^,;.\"“”]{{1,80}}?)(?=\s*(?:[,;.\"“”]|$))"
)
_CITATION = regex.compile(r"\((?P<who>\p{Lu}[\p{L}&.\- ]{1,40}),\s*\d")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_APPOSITIVE = regex.compile(r"^(?:[Aa]n?|[Tt]he|[Ww]ho|[Ww]hich|[Ww]hose)\s+\p{Ll}|^(?:\p{Ll}+\s+){0,2}(?:of|for|at)\s")
_ARTICLE_BEFORE = regex.compile(r"\b(?:an?|the)\s*$", regex.IGNORECASE)
_SUBJECT_START = regex.compile(r"^(?:(?:but|and|meanwhile|however|also|now|earlier|later)\s+)?", regex.IGNORECASE)
_MAX_WORDS = 10
_LEADING_CONJUNCTION = regex.compile(r"^(?:that|and|but|as)\s+", regex.IGNORECASE)
_SUBJECT_CUT = regex.compile(r"[\"“”]|\b(?:that|which|while|as|and said)\b")


def _clean(who: str) -> str | None:
    who = who.strip(" \t\n,;:\"“”'’")
    who = _LEADING_CONJUNCTION.sub("", who)
    if not who or len(who.split()) > _MAX_WORDS:
        return None
    if any(c.isdigit() for c in who) and not who[0].isupper():
        return None
    return who


@lru_cache(maxsize=1)
def _source_nouns() -> frozenset[str]:
    with resources.files("impact.lexicon").joinpath("sources.toml").open("rb") as handle:
        return frozenset(w.lower() for w in tomllib.load(handle)["nouns"])


def _is_source_noun(word: str) -> bool:
    return word.lower().strip(".,") in _source_nouns()


def _subject_before(sentence: str, verb_start: int) -> str | None:
    before = sentence[:verb_start].rstrip()
    if not before:
        return None
    segments = [s.strip() for s in before.rstrip(",").split(",")]
    segments = [s for s in segments if s]
    if before.endswith(","):
        # "al-Assadi, a senior commander in ..., said": skip the aside to reach the speaker
        while len(segments) > 1 and _APPOSITIVE.match(segments[-1]):
            segments.pop()
    subject = _SUBJECT_START.sub("", segments[-1] if segments else "")
    # the subject is the noun phrase at the end of the segment: cut at a quote or clause word
    subject = _SUBJECT_CUT.split(subject)[-1].strip()
    words = subject.split()
    if not words or len(words) > 8:
        return None
    if not (words[0][0].isupper() or words[0].lower() in ("the", "a", "local") or _is_source_noun(words[-1])):
        return None
    return _clean(subject)


def attribute(sentence: str, previous: str | None = None) -> str | None:
    """The source a sentence gives for its figures, or ``None``.

    ``previous`` is the attribution of the sentence before, used to resolve a pronoun
    ("he said") to the speaker named just before.
    """
    words = set(_WORDS.findall(sentence.lower()))
    if words.isdisjoint(_CUE_WORDS) and "(" not in sentence:
        return None  # no verb of saying, no "according to", no citation: most sentences
    match = _ACCORDING.search(sentence)
    if match:
        return _clean(match.group("who"))
    match = _CITATION.search(sentence)
    if match:
        return _clean(match.group("who"))
    match = _SAID_X.search(sentence)
    if match:
        who = _clean(match.group("who"))
        if who and who.split()[0].lower() not in _PRONOUNS:
            return who
    for verb in _VERB.finditer(sentence):
        if _ARTICLE_BEFORE.search(sentence, 0, verb.start()):
            continue  # "an estimated 2,500": a hedge, not a source
        who = _subject_before(sentence, verb.start())
        if who:
            if who.lower() in _PRONOUNS:
                return previous
            return who
        plain = sentence[: verb.start()].split()
        if plain and plain[-1].lower() in _PRONOUNS and previous:
            return previous
    return None
