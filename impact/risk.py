"""How likely an extracted figure is to be wrong, for the Review page's queue.

``risk(frame)`` scores each unreviewed figure by the signs, seen in real reports, that the
extractor guessed: its place taken from far away, a place outside the country the article is
about, a forecast read as a count, nobody quoted, a vague word, no place at all. Each sign
adds its weight to the score and its reason, in plain words, to the list. Pure: a frame in
(``Store.risk_figures()``: the figures with their place's offsets), a frame out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import pandas as pd

from impact.context.period import projection_pattern, projection_phrases

# Weight of each sign: what a reviewer should look at first scores highest.
WEIGHTS: dict[str, int] = {
    "other_country": 3,
    "place_far": 3,
    "projection": 2,
    "projection_words": 2,
    "no_place": 2,
    "place_other_sentence": 1,
    "no_source": 1,
    "vague": 1,
}
FAR = 300  # characters between a figure's sentence and its place beyond which the place is "far"
NEAR_WORDS = 80  # characters either side of the figure searched for projection words
NAME_IN_REASON = 60  # characters of a place name quoted in a reason

RISK_COLUMNS: tuple[str, ...] = ("id", "doc", "surface", "score", "reasons")


def risk(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per unreviewed figure of ``frame``: ``id``, ``doc``, ``surface``, ``score``
    and ``reasons`` (a list of plain-words strings), highest score first (ties in text order).

    ``frame`` has the columns of ``impact.store.reviewing.RISK_COLUMNS``; reviewed figures
    count for their article's main country but are not scored.
    """
    if frame.empty:
        return pd.DataFrame({column: [] for column in RISK_COLUMNS})
    main = main_countries(frame)
    status = frame["review_status"] if "review_status" in frame else pd.Series(None, index=frame.index)
    open_ = frame[status.isna() | (status.astype("string").str.strip() == "")]
    columns = [str(c) for c in open_.columns]
    rows = []
    # plain Python values column by column: far faster than DataFrame.to_dict on string columns
    for order, values in enumerate(zip(*(open_[c].tolist() for c in columns), strict=True)):
        row = dict(zip(columns, values, strict=True))
        reasons = figure_reasons(row, main.get(str(row.get("doc"))))
        rows.append(
            {
                "id": row.get("id"),
                "doc": row.get("doc"),
                "surface": row.get("surface"),
                "score": sum(WEIGHTS[sign] for sign, _ in reasons),
                "reasons": [words for _, words in reasons],
                "_order": order,
            }
        )
    if not rows:
        return pd.DataFrame({column: [] for column in RISK_COLUMNS})
    result = pd.DataFrame(rows).sort_values(["score", "_order"], ascending=[False, True], kind="stable")
    return result.drop(columns="_order").reset_index(drop=True)


def main_countries(frame: pd.DataFrame) -> dict[str, str]:
    """Per article (``doc``), the country most of its placed figures are in; none on a tie."""
    counts: dict[str, Counter[str]] = {}
    for doc, code in zip(frame["doc"].tolist(), frame["country_code"].tolist(), strict=True):
        code = _text(code)
        if code:
            counts.setdefault(str(doc), Counter())[code.upper()] += 1
    main = {}
    for doc, counter in counts.items():
        ranked = counter.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            main[doc] = ranked[0][0]
    return main


def figure_reasons(row: Mapping[Any, Any], main_country: str | None) -> list[tuple[str, str]]:
    """``(sign, words)`` for each sign of risk on one figure (a row of ``risk``'s input)."""
    reasons: list[tuple[str, str]] = []
    place = _text(row.get("location")) or _text(row.get("place_name"))
    if place and len(place) > NAME_IN_REASON:
        place = place[: NAME_IN_REASON - 1] + "…"
    if not place:
        reasons.append(("no_place", "no place"))
    else:
        distance = _place_distance(row)
        if distance is not None and distance > FAR:
            reasons.append(("place_far", f"place “{place}” taken from {distance:,} characters away from the figure"))
        elif distance:
            reasons.append(("place_other_sentence", f"place “{place}” taken from another sentence"))
        code = (_text(row.get("country_code")) or "").upper()
        if code and main_country and code != main_country:
            reasons.append(("other_country", f"placed in {code}, but the article is mostly about {main_country}"))
    if _text(row.get("kind")) == "projection":
        reasons.append(("projection", "a projection (what may happen), not a count"))
    else:
        word = _projection_word(row)
        if word:
            reasons.append(("projection_words", f"“{word}” near the figure: it may be a projection"))
    if not _text(row.get("attributed_to")):
        reasons.append(("no_source", "nobody is quoted as its source"))
    if _flag(row.get("vague")):
        reasons.append(("vague", "a vague number"))
    return reasons


def _place_distance(row: Mapping[Any, Any]) -> int | None:
    """Characters between the place's words and the figure's sentence (0 inside it); None
    when the place has no offsets (it came from the gazetteer or a heading)."""
    place_start, place_end = _int(row.get("place_start")), _int(row.get("place_end"))
    start, end = _int(row.get("sentence_start")), _int(row.get("sentence_end"))
    if place_start is None or start is None or end is None:
        return None
    place_end = place_start if place_end is None else place_end
    if place_end <= start:
        return start - place_end
    if place_start >= end:
        return place_start - end
    return 0


def _projection_word(row: Mapping[Any, Any]) -> str | None:
    sentence = _text(row.get("sentence")) or ""
    at, end, start = _int(row.get("start")), _int(row.get("end")), _int(row.get("sentence_start"))
    if at is not None and end is not None and start is not None:
        lo, hi = max(0, at - start - NEAR_WORDS), max(0, end - start + NEAR_WORDS)
        sentence = sentence[lo:hi]
    if _key_words().isdisjoint(_WORD.findall(sentence)):  # most windows: no projection word at all
        return None
    found = projection_pattern().search(sentence)
    return found.group(0) if found else None


_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _key_words() -> frozenset[str]:
    """The longest word of each projection phrase of ``lexicon/time.toml`` ("coming" of "in
    the coming"), as written: a window without any of them holds no projection phrase."""
    return frozenset(max(phrase.split(), key=len) for phrase in projection_phrases())


def _text(value: Any) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def _int(value: Any) -> int | None:
    if value is None or value is pd.NA:
        return None
    try:
        if value != value:
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def _flag(value: Any) -> bool:
    return _int(value) not in (None, 0)
