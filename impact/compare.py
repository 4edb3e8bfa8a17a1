"""Compare what different articles say about one place and one category.

Each estimate is a range (an open bound is open). The consensus is the intersection
of the largest set of ranges that all overlap; an estimate that overlaps no other is
flagged ``disagrees``. A syndicated copy (same values, same surface, same sentence in
another article) or an article repeating its own estimate is shown, flagged
``duplicate_of``, and counted once.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from dataclasses import dataclass
from typing import Any

import pandas as pd

from impact.filters import Filters
from impact.store import Store

COMPARE_COLUMNS: tuple[str, ...] = (
    "doc",
    "publisher",
    "date",
    "attributed_to",
    "low",
    "high",
    "best",
    "vague",
    "surface",
    "sentence",
    "location",
    "illustrative",
    "disagrees",
    "duplicate_of",
)

_ARTICLES = re.compile(r"^(?:the|al|el|ar|as|ad|an|at|az|ash)[\s\-‐]+")
_GENERIC = re.compile(r"\b(?:city|province|governorate|district|region|town|muhafazat)\b")


@dataclass(frozen=True, slots=True)
class Consensus:
    """Where the estimates agree: ``low``/``high`` of the overlap (``None`` = open or none)."""

    estimates: int  # distinct estimates (duplicates counted once)
    agreeing: int  # how many of them share the overlap
    low: int | None
    high: int | None
    median_best: float | None
    overlap: bool  # False when no two estimates overlap

    def describe(self) -> str:
        if self.estimates == 0:
            return "no estimates"
        median = "n/a" if self.median_best is None else f"{self.median_best:,.0f}"
        if not self.overlap:
            return f"no overlap among {self.estimates} estimates; median best {median}"
        span = _bound(self.low) if self.low == self.high else f"{_bound(self.low)} to {_bound(self.high)}"
        if self.estimates == 1:
            return f"{span} (a single estimate)"
        return f"{span} ({self.agreeing} of {self.estimates} estimates overlap); median best {median}"


def compare(source: Store | pd.DataFrame, place: str, category: str) -> pd.DataFrame:
    """One row per article estimate for ``place`` and ``category``, in date order.

    ``source`` is a ``Store`` or a frame from ``Store.figures()`` / ``to_frame()``. The
    consensus is in ``result.attrs["consensus"]`` (a ``Consensus``).
    """
    if isinstance(source, Store):
        source = source.figures(Filters(categories=(category,)))
    frame = _effective(source)
    frame = frame[frame["category"] == category]
    frame = frame[_place_mask(frame, place)]
    rows = frame.sort_values(["date", "doc", "start"], na_position="last", kind="stable")
    result = pd.DataFrame(
        {column: rows[column] if column in rows.columns else None for column in COMPARE_COLUMNS}
    ).reset_index(drop=True)
    result["duplicate_of"] = _duplicates(rows)
    result["disagrees"] = False
    distinct = result["duplicate_of"].isna()
    disagreeing, agreement = _agreement(result[distinct])
    result.loc[distinct, "disagrees"] = disagreeing
    result["disagrees"] = result["disagrees"].astype(bool)
    result.attrs["consensus"] = agreement
    return result


def consensus(result: pd.DataFrame) -> Consensus:
    """The consensus of a ``compare()`` result (recomputed when ``attrs`` were lost)."""
    found = result.attrs.get("consensus")
    if isinstance(found, Consensus):
        return found
    return _agreement(result[result["duplicate_of"].isna()])[1]


def same_place(query: str, name: object) -> bool:
    """Loose, case-insensitive place match: "Raqqa" ~ "Ar Raqqah", not "Mosul" ~ "Old City"."""
    if not isinstance(name, str) or not name:
        return False
    a, b = _normal_place(query), _normal_place(name)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(long) - len(short) <= 2 and len(short) >= 4


def _normal_place(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['’‘`ʿʾ]s\b", "", text)
    text = re.sub(r"['’‘`ʿʾ]", "", text)
    text = _ARTICLES.sub("", text.strip())
    text = _GENERIC.sub(" ", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _place_mask(frame: pd.DataFrame, place: str) -> pd.Series:
    named = pd.Series(False, index=frame.index)
    for column in ("location", "place_name"):
        if column in frame.columns:
            named |= frame[column].map(lambda name: same_place(place, name)).astype(bool)
    if "place_matched" in frame.columns:
        # A neighbourhood geocoded to its city is not an estimate for the whole city.
        kinds = frame["place_kind"] if "place_kind" in frame.columns else None
        matched = frame["place_matched"].map(lambda name: same_place(place, name)).astype(bool)
        if kinds is not None:
            matched &= kinds.fillna("") != "area"
        named |= matched
    if "geonameid" in frame.columns:
        ids = set(frame.loc[named, "geonameid"].dropna())
        if ids:
            named |= frame["geonameid"].isin(ids).fillna(False).astype(bool)
    return named


def _effective(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for name in ("low", "high", "category", "location"):
        if f"effective_{name}" in frame.columns:
            frame[name] = frame[f"effective_{name}"]
    for column in ("date", "doc", "start"):
        if column not in frame.columns:
            frame[column] = None
    return frame


def _duplicates(rows: pd.DataFrame) -> list[str | None]:
    """For each row, the doc of an earlier row saying the very same thing, if any.

    That is a syndicated copy (same values, surface and sentence in another article)
    or an article repeating its own estimate (same bounds, e.g. headline and body).
    """
    seen: dict[tuple[Any, ...], str] = {}
    result: list[str | None] = []
    for row in rows.itertuples(index=False):
        low = _plain_int(getattr(row, "low", None))
        high = _plain_int(getattr(row, "high", None))
        doc = str(getattr(row, "doc", ""))
        copy = (low, high, str(getattr(row, "surface", "")).casefold(),
                _normal_sentence(getattr(row, "sentence", "")))  # fmt: skip
        repeat = ("repeat", doc, low, high)
        owner = seen.get(copy) or seen.get(repeat)
        result.append(owner)
        if owner is None:
            seen[copy] = seen[repeat] = doc
    return result


def _normal_sentence(sentence: Any) -> str:
    if not isinstance(sentence, str):
        return ""
    text = unicodedata.normalize("NFKC", sentence).casefold()
    text = re.sub(r"[“”„\"]", '"', text).replace("’", "'")
    return " ".join(re.sub(r"[^\w\s,.'\"-]", " ", text).split())


def _agreement(rows: pd.DataFrame) -> tuple[list[bool], Consensus]:
    """Per row whether it overlaps no other article's range, and the largest common overlap."""
    intervals = [(_lower(low), _upper(high)) for low, high in zip(rows["low"], rows["high"], strict=True)]
    bests = [_plain_int(best) for best in rows["best"]]
    known = [best for best in bests if best is not None]
    median = float(statistics.median(known)) if known else None
    count = len(intervals)
    docs = [str(doc) for doc in rows["doc"]]
    # An estimate is judged against other articles, not the article's own other figures.
    disagrees = [
        len(set(docs)) > 1
        and not any(_overlaps(interval, other) for j, other in enumerate(intervals) if docs[j] != docs[i])
        for i, interval in enumerate(intervals)
    ]
    # The deepest point is at some interval's lower end (or -inf): try each.
    best_members: list[int] = []
    for candidate in sorted({lo for lo, _ in intervals}):
        members = [i for i, (lo, hi) in enumerate(intervals) if lo <= candidate <= hi]
        if len(members) > len(best_members):
            best_members = members
    if len(best_members) >= 2:
        low = max(intervals[i][0] for i in best_members)
        high = min(intervals[i][1] for i in best_members)
        agreement = Consensus(
            estimates=count,
            agreeing=len(best_members),
            low=None if math.isinf(low) else int(low),
            high=None if math.isinf(high) else int(high),
            median_best=median,
            overlap=True,
        )
    else:
        agreement = Consensus(count, min(count, 1), None, None, median, overlap=False)
        if count == 1:
            lo, hi = intervals[0]
            agreement = Consensus(
                1,
                1,
                None if math.isinf(lo) else int(lo),
                None if math.isinf(hi) else int(hi),
                median,
                overlap=True,
            )
    return disagrees, agreement


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _plain_int(value: Any) -> int | None:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return int(value)


def _lower(value: Any) -> float:
    number = _plain_int(value)
    return -math.inf if number is None else float(number)


def _upper(value: Any) -> float:
    number = _plain_int(value)
    return math.inf if number is None else float(number)


def _bound(value: int | None) -> str:
    return "open" if value is None else f"{value:,}"
