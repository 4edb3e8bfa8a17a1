"""What a reader yields, and the metadata helpers every reader shares."""

from __future__ import annotations

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
    """``YYYY-MM-DD`` for a date given as ISO text, a datetime or common written forms."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        from dateutil import parser as dateparser

        return dateparser.parse(text, fuzzy=False).date().isoformat()
    except (ImportError, ValueError, OverflowError):
        return None


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
