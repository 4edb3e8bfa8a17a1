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
