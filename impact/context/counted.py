"""What a figure counts: the head noun phrase after the number, and the unit it implies."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from impact.lexicon import Lexicon
from impact.text import KEEP_GIL

_PREDICATE = regex.compile(r"\s+(?:are|were|being|was|is)\s+(?:(?:mostly|mainly|all|also)\s+)?")
_SOFT = frozenset({"and", "or"})
_PARENTHETICAL = regex.compile(r"\s*\([^()\n]{0,40}\d[^()\n]{0,40}\)")
_OF = regex.compile(r"['’\"”]?\s+of\s+(?:the\s+|these\s+|those\s+|them\s+)?", regex.IGNORECASE)
_STOP = frozenset(
    """were was are is be been being have has had will would could may might can do did does in on
    at from to and or but of who whom whose which that with by for as the a an their its this
    these those after before since when while during into across per said says including
    includes than then there here not no yet also among between about around over under near
    according each every all both either neither so because if unless until till through
    throughout via he she they we it his her our your my i you them us him""".split()
)
_MAX_WORDS = 4
# The next few words in one match, each with what separates it from the one before. A word
# is on the same line, or after one line break into a lower-case continuation (text wrapped
# in a PDF); a capital after a line break starts a new item ("Deaths: 12\nInjured: 30").
_WORDS = regex.compile(
    r"(?:(?P<sep>[\"”’']?,?[ \t\u00a0]*(?:\n[ \t]*(?=\p{Ll}))?)(?P<w>[\p{L}][\p{L}\p{M}'’.\-]*))"
    rf"{{1,{_MAX_WORDS + 2}}}"
)
_WINDOW = 120  # anchored matches look this far ahead (see expressions._WINDOW)
_POSSESSIVE = regex.compile(r"['’]s?$")


@dataclass(frozen=True, slots=True)
class Counted:
    phrase: str  # as written, e.g. "IS fighters"
    start: int
    end: int
    unit: str  # people / households / structures / reject
    noun_category: str | None  # a category the noun itself carries (fighters)
    head: str  # the head noun, lower-case
    partitive: bool = False  # "3,000 of the residents"


def _singulars(phrase: str) -> tuple[str, ...]:
    if phrase.endswith("ies"):
        return (phrase, phrase[:-3] + "y", phrase[:-1])
    if phrase.endswith("es"):
        return (phrase, phrase[:-1], phrase[:-2])
    if phrase.endswith("s"):
        return (phrase, phrase[:-1])
    return (phrase,)


# "13 Israelis", "6.8 million Syrians", "4,000 Sudanese": a people's name in the plural
_DEMONYM = regex.compile(r"\p{Lu}\p{Ll}+(?:ians|ans|is|ese|ites|ts|ks)")


@lru_cache(maxsize=8)
def _phrase_starts(lexicon: Lexicon) -> frozenset[str]:
    """The first words of the lexicon's nouns of several words ("aid" of "aid workers")."""
    return frozenset(noun.split(" ", 1)[0] for noun in lexicon.nouns if " " in noun)


def _lookup(words: list[str], index: int, lexicon: Lexicon) -> tuple[str, tuple[str, str | None], int] | None:
    """The longest lexicon noun starting at ``words[index]`` (tries plural endings)."""
    return _lookup_words(tuple(words[index : index + 3]), lexicon)


@lru_cache(maxsize=1 << 14)
def _lookup_words(words: tuple[str, ...], lexicon: Lexicon) -> tuple[str, tuple[str, str | None], int] | None:
    """``_lookup`` of the (up to) three words from the one looked at, cached: a pure function
    of the words, which recur ("people were killed", "families displaced")."""
    index = 0
    word = words[index].rstrip(".'’")
    if _DEMONYM.fullmatch(word, None, None, KEEP_GIL) and word.lower() not in lexicon.nouns:
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        if not (following in lexicon.nouns or following.rstrip("s") in lexicon.nouns):
            return word.lower(), ("people", None), 1
    starts_phrase = words[index].lower().lstrip(".'’") in _phrase_starts(lexicon)
    for size in (3, 2, 1):
        if index + size > len(words) or (size > 1 and not starts_phrase):
            continue
        phrase = _POSSESSIVE.sub(
            "", " ".join(words[index : index + size]).lower().strip(".'’"), 0, None, None, KEEP_GIL
        )
        for candidate in _singulars(phrase):
            entry = lexicon.nouns.get(candidate)
            if entry is not None:
                return phrase, entry, size
    return None


_POSSESSOR = regex.compile(r"(?:[\p{L}\-]+['’]s?\s+)?(?:[\d,.]+\s+)?")


def _skip_count(text: str, position: int) -> int:
    """Past "the country's 47" to the noun."""
    match = _POSSESSOR.match(text, position, position + _WINDOW, KEEP_GIL)
    return match.end() if match else position


_MEMBERS = frozenset({"member", "members"})


def _members_of(text: str, members: Counted, lexicon: Lexicon) -> Counted:
    """'30 members of the security forces' count forces; 'the 8,000 members of the host
    community' count people."""
    of = _OF.match(text, members.end, members.end + _WINDOW, KEEP_GIL)
    if of is None:
        return members
    inner = counted_noun(text, of.end(), True, lexicon)
    if inner is None:
        return members
    phrase = text[members.start : inner.end]
    if inner.unit == "reject":
        return Counted(phrase, members.start, inner.end, "people", None, members.head)
    return Counted(phrase, members.start, inner.end, inner.unit, inner.noun_category, inner.head)


def counted_noun(text: str, end: int, vague: bool, lexicon: Lexicon) -> Counted | None:
    """The counted noun phrase right after a number expression ending at ``end``."""
    position = end
    skipped = _PARENTHETICAL.match(text, position, position + _WINDOW, KEEP_GIL)
    if skipped:
        position = skipped.end()
    of = _OF.match(text, position, position + _WINDOW, KEEP_GIL)
    if of and vague:
        position = of.end()
    elif of:
        # "29 of the country's 47 counties", "250,000 of the people who fled": a part of a count
        partitive = counted_noun(text, _skip_count(text, of.end()), True, lexicon)
        if partitive is None:
            return None
        return Counted(
            partitive.phrase,
            partitive.start,
            partitive.end,
            partitive.unit,
            partitive.noun_category,
            partitive.head,
            partitive=True,
        )
    spans: list[tuple[int, int]] = []
    words: list[str] = []
    breaks: list[bool] = []  # word is "and"/"or" or follows a comma
    soft = 0
    run = _WORDS.match(text, position, position + _WINDOW, KEEP_GIL)  # the next words, in one match
    if run is not None:
        for separator, word, start, stop in zip(
            run.captures("sep"), run.captures("w"), run.starts("w"), run.ends("w"), strict=True
        ):
            comma = separator.startswith(",")
            if comma and not words:
                break
            if word in _STOP and not (word in _SOFT and words):
                break
            if words and words[-1].endswith(".") and words[-1].count(".") == 1:
                break  # "48 hours. Residents": a full stop ends the phrase (not "U.N. staff")
            if word.lower() in lexicon.number_words and word.lower() not in lexicon.scales:
                break  # "one massacre, five death tolls": another number starts another count
            is_break = word in _SOFT or comma
            soft += is_break
            breaks.append(is_break)
            words.append(word)
            spans.append((start, stop))
    best: Counted | None = None
    index = 0
    while index < min(len(words), _MAX_WORDS + soft):
        if breaks[index] and (best is not None or words[0].lower() in lexicon.categories):
            # "602 people, injured 1,641 others": the next clause is not part of the noun;
            # "300 died or went missing": after a verb, "or" joins verbs, not nouns
            break
        found = _lookup(words, index, lexicon)
        if found is None:
            if best is not None:
                break  # "Somali refugees camps": stop after the last noun of the run
            index += 1
            continue
        _phrase, (unit, category), size = found
        if unit == "reject" and best is None and index and words[0].lower() in lexicon.categories:
            break  # "4,000 fled last week": the verb comes first, the week is no count
        head_end = spans[index + size - 1][1]
        best = Counted(
            phrase=text[spans[0][0] : head_end].rstrip(".,;:"),
            start=spans[0][0],
            end=head_end,
            unit=unit,
            noun_category=category,
            head=" ".join(words[index : index + size]).lower(),
        )
        index += size
    if best is not None and best.head in _MEMBERS:
        best = _members_of(text, best, lexicon)
    if best is None and not words:
        predicate = _PREDICATE.match(text, position, position + _WINDOW, KEEP_GIL)
        if predicate:  # "of whom 54,000 are children"
            noun = counted_noun(text, predicate.end() - 1, False, lexicon)
            first = text[predicate.end() :].split(" ", 1)[0].lower()
            if noun is not None and "," not in noun.phrase and first not in lexicon.categories:
                return noun
    return best
