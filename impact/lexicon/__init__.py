"""Word lists as data: loaded once from the TOML files beside this module, overridable.

``load_lexicon()`` returns the packaged lexicon (cached). A caller can pass their own terms
with ``load_lexicon().with_terms(...)``, in the spirit of dateutil's ``parserinfo``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import regex

from impact.text import KEEP_GIL

QUALIFIER_KINDS = ("lower", "upper", "nearly", "approx", "exact", "range_open")


def _read(name: str) -> dict[str, Any]:
    with resources.files(__package__).joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


_Trie = dict[str, "_Trie"]


def trie_alternation(phrases: Iterable[str], *, space: str = r"\s+", reverse: bool = False) -> str:
    """The alternation of ``phrases`` (a space in one stands for ``space``) as a trie: "kill(?:ed|ing)"
    for "killed|killing". It matches what the flat alternation sorted longest first matches, and at
    each position prefers the longest phrase as that one does, but the regex module tries one branch
    per character instead of every phrase in turn (many times faster on hundreds of phrases).
    ``reverse=True`` shares the phrases' endings instead, for a pattern compiled with REVERSE."""
    root: _Trie = {}
    for phrase in set(phrases):
        node = root
        for char in reversed(phrase) if reverse else phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def token(char: str) -> str:
        return space if char == " " else regex.escape(char)

    def emit(node: _Trie) -> str:
        branches = [
            emit(node[char]) + token(char) if reverse else token(char) + emit(node[char])
            for char in sorted(key for key in node if key)
        ]
        if not branches:
            return ""
        if "" in node:  # a phrase ends here: the longer ones are tried first (greedy "?")
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(root) or "(?!)"


def phrase_pattern(phrases: list[str] | tuple[str, ...] | set[str], *, reverse: bool = False) -> str:
    """One alternation of whole-word phrases, longest first, whitespace-insensitive (``reverse``:
    for a pattern compiled with REVERSE)."""
    unique = sorted({_norm(p) for p in phrases}, key=len, reverse=True)
    if unique and all(p[0].isalnum() and p[-1].isalnum() for p in unique):
        # one boundary check around the whole alternation: much faster than one per phrase
        return rf"(?:(?<![\w-])(?:{trie_alternation(unique, reverse=reverse)})(?![\w]))"
    parts = []
    for phrase in unique:
        words = [regex.escape(w) for w in phrase.split(" ")]
        body = r"\s+".join(words)
        left = r"(?<![\w-])" if phrase[0].isalnum() else ""
        right = r"(?![\w])" if phrase[-1].isalnum() else ""
        parts.append(left + body + right)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


# letters only: "Fatalities5,951+" is a glued infobox label
_TOKEN = regex.compile(r"[\p{L}\p{M}'’]+(?:-[\p{L}\p{M}'’]+)*")


class PhraseMatcher:
    """Finds whole-word phrases by looking words up in a dict: many times faster than one
    regular-expression alternation of hundreds of phrases. Leftmost, longest, no overlaps."""

    def __init__(self, phrases: list[str] | tuple[str, ...] | set[str]) -> None:
        self._by_first: dict[str, list[list[str]]] = {}
        for phrase in {_norm(p) for p in phrases}:
            words = phrase.split(" ")
            self._by_first.setdefault(words[0], []).append(words)
        for candidates in self._by_first.values():
            candidates.sort(key=len, reverse=True)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, phrase) for each phrase in ``text[start:end]``."""
        stop = len(text) if end is None else end
        lowered = text[start:stop].lower()
        if len(lowered) != stop - start:  # "İ" lowers to two characters: keep offsets one for one
            lowered = "".join(c.lower()[0] for c in text[start:stop])
        tokens = _TOKEN.findall(
            lowered, None, None, False, KEEP_GIL
        )  # the words first; their offsets only if a phrase is found
        hits: list[tuple[int, int, list[str]]] = []
        by_first = self._by_first
        free = 0  # the first token after the last phrase found
        for index in [i for i, token in enumerate(tokens) if token in by_first]:
            if index < free:
                continue
            for words in by_first[tokens[index]]:
                after = index + len(words)
                if tokens[index:after] == words:
                    hits.append((index, after - 1, words))
                    free = after
                    break
        if not hits:
            return []
        spans = [m.span() for m in _TOKEN.finditer(lowered, None, None, False, KEEP_GIL)]
        return [(start + spans[first][0], start + spans[last][1], " ".join(words)) for first, last, words in hits]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """All word lists the extractor reads. Frozen: build a new one with ``with_terms``."""

    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    abbreviations: dict[str, int]
    number_nouns: dict[str, int]
    qualifiers: dict[str, str]  # phrase -> kind (lower/upper/nearly/approx/exact/range_open)
    vague: dict[str, tuple[int, int]]  # phrase -> (low, high)
    vague_needs_of: frozenset[str]
    nouns: dict[str, tuple[str, str | None]]  # noun -> (unit, category or None)
    categories: dict[str, str]  # trigger phrase -> category
    extra: dict[str, Any] = field(default_factory=dict)

    def with_terms(
        self,
        *,
        qualifiers: dict[str, str] | None = None,
        vague: dict[str, tuple[int, int]] | None = None,
        nouns: dict[str, tuple[str, str | None]] | None = None,
        categories: dict[str, str] | None = None,
    ) -> Lexicon:
        """A copy with the caller's terms added (or replacing packaged ones)."""
        for kind in (qualifiers or {}).values():
            if kind not in QUALIFIER_KINDS:
                raise ValueError(f"unknown qualifier kind {kind!r}; expected one of {QUALIFIER_KINDS}")
        return replace(
            self,
            qualifiers={**self.qualifiers, **{_norm(k): v for k, v in (qualifiers or {}).items()}},
            vague={**self.vague, **{_norm(k): v for k, v in (vague or {}).items()}},
            nouns={**self.nouns, **{_norm(k): v for k, v in (nouns or {}).items()}},
            categories={**self.categories, **{_norm(k): v for k, v in (categories or {}).items()}},
        )

    @cached_property
    def number_words(self) -> dict[str, int]:
        return {**self.units, **self.tens, **self.scales, **self.number_nouns}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, read once."""
    numbers = _read("numbers.toml")
    qualifier_data = _read("qualifiers.toml")
    vague_data = _read("vague.toml")
    noun_data = _read("nouns.toml")
    category_data = _read("categories.toml")

    qualifiers: dict[str, str] = {}
    for kind in QUALIFIER_KINDS:
        for phrase in qualifier_data.get(kind, []):
            qualifiers[_norm(phrase)] = kind

    nouns: dict[str, tuple[str, str | None]] = {}
    for group in noun_data.values():
        for word in group["words"]:
            nouns[_norm(word)] = (group["unit"], group.get("category"))

    categories: dict[str, str] = {}
    for category, phrases in category_data.items():
        for phrase in phrases:
            categories.setdefault(_norm(phrase), category)

    return Lexicon(
        units=dict(numbers["units"]),
        tens=dict(numbers["tens"]),
        scales=dict(numbers["scales"]),
        abbreviations=dict(numbers["abbreviations"]),
        number_nouns=dict(numbers["nouns"]),
        qualifiers=qualifiers,
        vague={_norm(k): (int(v[0]), int(v[1])) for k, v in vague_data["magnitudes"].items()},
        vague_needs_of=frozenset(vague_data["needs_of"]["words"]),
        nouns=nouns,
        categories=categories,
    )
