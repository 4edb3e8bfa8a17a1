"""Filter state <-> URL query string, so any view can be shared as a link.

``?place=Mosul&place=Raqqa&category=killed&kind=vague&date_from=2017-06-01``
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qs, urlencode

from impact.filters import Filters

# A name longer than this stands in dropdowns and URLs as its key: its first characters and
# a digest. Dash's dropdown hangs the tab on one 20,000-character option value.
KEY_LIMIT = 200
_KEY = re.compile(r".{0,40}…#[0-9a-f]{16}", re.DOTALL)


def name_key(name: str) -> str:
    """``name`` itself when short, else ``'<first 40 characters>…#<16 hex digits>'``."""
    if len(name) <= KEY_LIMIT:
        return name
    return f"{name[:40]}…#{hashlib.sha256(name.encode('utf-8')).hexdigest()[:16]}"


def is_name_key(value: str) -> bool:
    return len(value) <= 60 and _KEY.fullmatch(value) is not None


def with_named_keys(values: Iterable[str], names: Iterable[Any]) -> tuple[str, ...]:
    """``values`` plus every one of ``names`` whose key is among them."""
    values = tuple(values)
    keys = {v for v in values if is_name_key(v)}
    if not keys:
        return values
    found = [str(n) for n in names if isinstance(n, str) and len(n) > KEY_LIMIT and name_key(n) in keys]
    return values + tuple(found)


KINDS = ("all", "exact", "vague")
_MULTI = {
    "place": "places",
    "country": "countries",
    "category": "categories",
    "unit": "units",
    "source": "sources",
}


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    items: Iterable[Any] = [value] if isinstance(value, str) else value
    seen: list[str] = []
    for item in items:
        text = str(item).strip()
        if text and text not in seen:
            seen.append(text)
    return tuple(seen)


def _iso_date(value: Any) -> str | None:
    if not value:
        return None
    text = str(value[0] if isinstance(value, list | tuple) else value)[:10]
    try:
        return _dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def parse_search(search: str | None) -> dict[str, Any]:
    """``"?a=1&a=2&b=3"`` -> ``{"a": ["1", "2"], "b": "3"}`` (the shape Dash Pages passes)."""
    if not search:
        return {}
    parsed = parse_qs(search.lstrip("?"), keep_blank_values=False)
    return {k: v[0] if len(v) == 1 else v for k, v in parsed.items()}


def filters_from_query(query: Mapping[str, Any]) -> Filters:
    """Build :class:`Filters` from a page's query parameters; unknown keys are ignored."""
    kind = query.get("kind")
    kind = kind[0] if isinstance(kind, list | tuple) and kind else kind
    vague = {"vague": True, "exact": False}.get(str(kind or "all"))
    countries = tuple(dict.fromkeys(c.upper() for c in _as_tuple(query.get("country"))))
    return Filters(
        places=_as_tuple(query.get("place")),
        countries=countries,
        categories=_as_tuple(query.get("category")),
        units=_as_tuple(query.get("unit")),
        sources=_as_tuple(query.get("source")),
        date_from=_iso_date(query.get("date_from")),
        date_to=_iso_date(query.get("date_to")),
        vague=vague,
    )


def query_from_filters(filters: Filters) -> str:
    """The query string (without ``?``) for ``filters``; empty when nothing is filtered."""
    pairs: list[tuple[str, str]] = []
    for key, attr in _MULTI.items():
        pairs.extend((key, value) for value in getattr(filters, attr))
    if filters.date_from:
        pairs.append(("date_from", filters.date_from))
    if filters.date_to:
        pairs.append(("date_to", filters.date_to))
    if filters.vague is not None:
        pairs.append(("kind", "vague" if filters.vague else "exact"))
    return urlencode(pairs)


def filters_from_controls(
    place: Any = None,
    country: Any = None,
    category: Any = None,
    unit: Any = None,
    source: Any = None,
    date_from: Any = None,
    date_to: Any = None,
    kind: Any = None,
) -> Filters:
    """Filters from the filter bar's control values (dropdown lists, dates, radio)."""
    return filters_from_query(
        {
            "place": place,
            "country": country,
            "category": category,
            "unit": unit,
            "source": source,
            "date_from": date_from,
            "date_to": date_to,
            "kind": kind,
        }
    )


def describe(filters: Filters) -> str:
    """A one-line, human description of the active filters (``Filters.describe``)."""
    return filters.describe()
