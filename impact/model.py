"""The records the library hands out: a figure, the place it refers to, an article."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CATEGORIES: tuple[str, ...] = (
    "killed",
    "injured",
    "missing",
    "displaced",
    "fled",
    "returned",
    "refugees",
    "trapped",
    "besieged",
    "detained",
    "affected",
    "in_need",
    "evacuated",
    "homeless",
    "fighters",
    "civilians_present",
    "damaged",
    "other",
)
UNITS: tuple[str, ...] = ("people", "households", "structures", "other")
KINDS: tuple[str, ...] = ("stock", "flow", "rate", "projection")
PLACE_ROLES: tuple[str, ...] = ("origin", "destination")
TIME_SOURCES: tuple[str, ...] = ("sentence", "heading", "document", "article_date")
PERIOD_FIELDS: tuple[str, ...] = (
    "period",
    "period_span_start",
    "period_span_end",
    "period_start",
    "period_end",
    "as_of",
    "time_source",
    "kind",
)


@dataclass(frozen=True, slots=True)
class Place:
    """A place as written in the text, with its gazetteer match when there is one."""

    name: str
    start: int | None = None
    end: int | None = None
    matched: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    kind: str | None = None  # "city", "admin1", "country", "area" (neighbourhood: coords of its parent)


@dataclass(frozen=True, slots=True)
class Figure:
    """One humanitarian-impact figure, normalized, traceable to its words.

    ``low``/``high`` are the bounds (``None`` = open on that side); ``best`` is a single
    best estimate for charts (never a replacement for the bounds).
    """

    start: int
    end: int
    surface: str
    low: int | None
    high: int | None
    best: int | None
    approximate: bool
    vague: bool
    qualifier: str | None = None
    counted: str | None = None
    unit: str = "people"
    category: str = "other"
    location: str | None = None
    place: Place | None = None
    attributed_to: str | None = None
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    # when the figure holds (SPEC ``period``): its time words and their offsets, the span they
    # name as ISO dates (either side open), the date the count holds at, where the time came
    # from (sentence / heading / document / article_date) and the kind of count
    period: str | None = None
    period_span_start: int | None = None
    period_span_end: int | None = None
    period_start: str | None = None
    period_end: str | None = None
    as_of: str | None = None
    time_source: str | None = None
    kind: str = "stock"  # stock / flow / rate / projection
    # whether the place is where people came from ("origin": "fled Chiure") or went
    # ("destination": "crossed into Tanzania"), when the words before it in the sentence say so
    place_role: str | None = None

    def to_dict(self, doc: str | None = None) -> dict[str, Any]:
        """A flat dict with SPEC's field names first (``doc`` when given)."""
        row: dict[str, Any] = {} if doc is None else {"doc": doc}
        data = asdict(self)
        place = data.pop("place")
        row.update(data)
        row["country_code"] = place["country_code"] if place else None
        row["latitude"] = place["latitude"] if place else None
        row["longitude"] = place["longitude"] if place else None
        row["geonameid"] = place["geonameid"] if place else None
        row["place_role"] = row.pop("place_role")
        for name in PERIOD_FIELDS:  # last, so the older columns keep their places
            row[name] = row.pop(name)
        return row


@dataclass(frozen=True, slots=True)
class Article:
    """An article as read from a file, a page or a corpus row."""

    doc: str
    text: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    url: str | None = None
    source_path: str | None = None
    illustrative: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
