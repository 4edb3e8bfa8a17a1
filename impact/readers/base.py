"""What a reader yields, and the metadata helpers every reader shares."""

from __future__ import annotations

import contextlib
import errno
import functools
import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import regex

from impact.model import Article

ILLUSTRATIVE_MARK = "ILLUSTRATIVE"


@dataclass(frozen=True, slots=True)
class ReadError:
    """An input that could not be read, and why; the other inputs go on."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file in a folder that is not an article (an image, a lock file ...)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


Item = Article | ReadError | Skipped

# Metadata keys understood in sidecars and corpus rows; anything else goes to ``extra``.
_ALIASES = {
    "doc": "doc",
    "id": "doc",
    "title": "title",
    "publisher": "publisher",
    "source": "publisher",
    "sitename": "publisher",
    "date": "date",
    "published": "date",
    "url": "url",
    "source_url": "url",
    "illustrative": "illustrative",
}


def iso_date(value: object) -> str | None:
    """An ISO 8601 date for a date given as ISO text, a datetime or common written forms, with
    its precision kept: ``2013-12-30``, ``2013-12`` ("December 2013"), ``2013``; None when it
    cannot be read. Notes around it are dropped: "2013-12-30 (approx.)", "c. 2013"."""
    parsed = parse_date(value)
    return parsed[0] if parsed else None


# words and brackets around a date in metadata that say how sure it is, not when it was
_DATE_NOTES = regex.compile(
    r"\([^()]*\)|\[[^\[\]]*\]|[?~]"
    r"|(?i:(?<!\w)(?:approx(?:imately)?|approximate|circa|ca|c|about|around|est(?:imated)?|before|after)(?!\w)\.?)"
)
_YEAR_MONTH = regex.compile(r"(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])")
_YEAR = regex.compile(r"(?:1[5-9]|2[0-9])\d\d")


def parse_date(value: object) -> tuple[str, str] | None:
    """``(iso, precision)`` of a metadata date, precision ``day``, ``month`` or ``year``."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat(), "day"
    if isinstance(value, date):
        return value.isoformat(), "day"
    text = str(value).strip()
    with contextlib.suppress(ValueError):
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat(), "day"
    cleaned = " ".join(_DATE_NOTES.sub(" ", text).split()).strip(" ,;:-")
    if not cleaned or len(cleaned) > 60:
        return None
    with contextlib.suppress(ValueError):
        return datetime.fromisoformat(cleaned.replace("Z", "+00:00")).date().isoformat(), "day"
    if _YEAR_MONTH.fullmatch(cleaned):
        return cleaned, "month"
    if _YEAR.fullmatch(cleaned):
        return cleaned, "year"
    return _written_date(cleaned)


def _written_date(text: str) -> tuple[str, str] | None:
    """'30 Dec 2013', 'December 2013', 'Dec. 30, 2013' by dateparser (absolute dates only:
    "yesterday" in metadata says nothing), or dateutil when dateparser is not installed."""
    try:
        parser = _date_parser()
    except ImportError:
        try:
            from dateutil import parser as dateutil_parser

            return dateutil_parser.parse(text, fuzzy=False).date().isoformat(), "day"
        except (ImportError, ValueError, OverflowError):
            return None
    found = parser.get_date_data(text)
    if found.date_obj is None:
        return None
    day = found.date_obj.date()
    precision = found.period if found.period in ("month", "year") else "day"
    if precision == "year":
        return f"{day.year:04d}", precision
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}", precision
    return day.isoformat(), precision


@functools.lru_cache(maxsize=1)
def _date_parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en", "fr", "es", "ar"],
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["year"],
            "PARSERS": ["custom-formats", "absolute-time"],
        },
    )


def _truthy(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "y", "t"}
    return bool(value)


def with_metadata(article: Article, metadata: dict[str, Any]) -> Article:
    """``article`` with the known keys of ``metadata`` set (non-empty values win)."""
    changes: dict[str, Any] = {}
    extra = dict(article.extra)
    for key, value in metadata.items():
        field = _ALIASES.get(str(key).lower())
        if field is None:
            extra[str(key)] = value
        elif value is None or value == "":
            continue
        elif field == "illustrative":
            changes[field] = _truthy(value)
        elif field == "date":
            changes[field] = iso_date(value)
            if changes[field] is None:
                extra["date_raw"] = value
        elif field not in changes:
            changes[field] = str(value)
    return replace(article, **changes, extra=extra)


def load_sidecar(path: Path) -> dict[str, Any] | ReadError | None:
    """The ``NAME.meta.json`` beside ``NAME.ext``: a dict, ``None`` if absent, or an error."""
    meta = path.with_name(f"{path.stem}.meta.json")
    if not meta.is_file():
        return None
    try:
        data = json.loads(meta.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return ReadError(str(meta), f"unreadable metadata sidecar ({error})")
    except RecursionError:
        return ReadError(str(meta), "unreadable metadata sidecar (JSON nested too deeply)")
    if not isinstance(data, dict):
        return ReadError(str(meta), "metadata sidecar is not a JSON object")
    return data


_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def storable(value: str) -> str:
    """``value`` with lone surrogates as U+FFFD, one for one (offsets stay right): they come
    from file names that are not UTF-8 and from JSON escapes like "\\ud800", and no UTF-8
    database or file can hold them."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)
    return value


def finish(article: Article, defaults: dict[str, Any] | None = None) -> Article:
    """Fill missing publisher/date from ``defaults``, flag texts marked ILLUSTRATIVE, and
    make every text field storable as UTF-8."""
    changes: dict[str, Any] = {}
    for key in ("doc", "text", "title", "publisher", "date", "url", "source_path"):
        value = getattr(article, key)
        if isinstance(value, str) and storable(value) is not value:
            changes[key] = storable(value)
    if changes:
        article = replace(article, **changes)
        changes = {}
    for key, value in (defaults or {}).items():
        if value is not None and getattr(article, key) in (None, ""):
            changes[key] = iso_date(value) if key == "date" else value
    if article.text.lstrip().startswith(ILLUSTRATIVE_MARK):
        changes["illustrative"] = True
    return replace(article, **changes) if changes else article


def path_problem(error: OSError) -> str:
    """Why a path cannot be read, in words: 'no such file or folder', 'permission denied' ..."""
    if error.errno == errno.ENOENT:
        return "no such file or folder"
    return (error.strerror or str(error)).lower()
