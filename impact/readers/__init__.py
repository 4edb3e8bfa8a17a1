"""Read articles from files and folders: text, HTML, PDF, and JSON Lines, CSV and Parquet corpora.

Readers yield an ``Article`` per article, or a ``ReadError`` / ``Skipped`` per input
they could not use; they never raise on one bad file, and read corpora row by row.
"""

from __future__ import annotations

import math
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from impact.model import Article
from impact.readers.base import (
    Item,
    ReadError,
    Skipped,
    finish,
    iso_date,
    load_sidecar,
    path_problem,
    with_metadata,
)
from impact.readers.html import html_article, read_html_file
from impact.readers.parquet import read_parquet_file
from impact.readers.pdf import read_pdf_file
from impact.readers.tabular import read_csv_file, read_jsonl_file
from impact.readers.text import UndecodableError, decode, read_text_file

__all__ = [
    "CORPUS_SUFFIXES",
    "READABLE_SUFFIXES",
    "Input",
    "Item",
    "ReadError",
    "Skipped",
    "UndecodableError",
    "decode",
    "html_article",
    "inputs",
    "iso_date",
    "max_file_bytes",
    "read_input",
    "read_path",
    "read_paths",
]

_SINGLE: dict[str, Callable[[Path], Article | ReadError]] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".md": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".xhtml": read_html_file,
    ".pdf": read_pdf_file,
}
_CORPUS: dict[str, Callable[[Path], Iterator[Article | ReadError]]] = {
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".csv": read_csv_file,
    ".tsv": read_csv_file,
    ".parquet": read_parquet_file,
}
CORPUS_SUFFIXES = frozenset(_CORPUS)  # files that hold many articles, one per row
READABLE_SUFFIXES = frozenset({*_SINGLE, *_CORPUS})  # what a folder is read for
# Single-article files above this size are refused (corpora are read row by row).
MAX_FILE_ENV = "IMPACT_MAX_FILE_MB"
DEFAULT_MAX_FILE_MB = 50
MAX_FILE_MB_CEILING = 2**40  # a mebibyte count no file reaches ("inf" and 1e400 mean this)
_MB = 1024 * 1024
# Files that sit beside articles but are not articles.
_NOT_ARTICLES = (".meta.json", ".gold.jsonl")


@dataclass(frozen=True, slots=True)
class Input:
    """A file to read; ``explicit`` when named by the user rather than found in a folder."""

    path: Path
    explicit: bool


def read_paths(paths: Iterable[str | Path], **defaults: Any) -> Iterator[Item]:
    """Every article under ``paths`` (files or folders, recursively), in a stable order.

    ``defaults`` (``publisher=``, ``date=``) fill metadata an article does not carry.
    """
    for entry in inputs(paths):
        if isinstance(entry, ReadError):
            yield entry
        else:
            yield from read_input(entry, **defaults)


def read_path(path: str | Path, **defaults: Any) -> Iterator[Item]:
    return read_paths([path], **defaults)


def inputs(paths: Iterable[str | Path]) -> Iterator[Input | ReadError]:
    """The files under ``paths``; folders are walked recursively in name order, skipping hidden.

    A path that cannot be looked at (missing, unreadable, a name too long, a symlink loop)
    or that is no regular file (a device such as /dev/zero, a FIFO) is one error; the
    other paths go on.
    """
    for raw in paths:
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except OSError as error:
            yield ReadError(str(path), path_problem(error))
            continue
        except ValueError as error:  # an embedded NUL byte
            yield ReadError(str(path), str(error))
            continue
        if stat.S_ISDIR(mode):
            yield from _folder(path)
        elif stat.S_ISREG(mode):
            yield Input(path, explicit=True)
        else:
            yield ReadError(str(path), NOT_REGULAR)


NOT_REGULAR = "not a regular file or folder (a device, a FIFO or a socket)"


def _folder(folder: Path) -> Iterator[Input | ReadError]:
    """The files under ``folder`` in name order, hidden ones left out; an unreadable
    folder is an error (``Path.rglob`` would skip it without a word)."""
    found: list[Path] = []
    errors: list[ReadError] = []

    def unreadable(error: OSError) -> None:
        where = error.filename if error.filename is not None else folder
        errors.append(ReadError(str(where), f"cannot read folder ({error.strerror or error})"))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(Path(root, name) for name in files if not name.startswith("."))
    yield from errors
    for path in sorted(found):
        try:
            regular = stat.S_ISREG(path.stat().st_mode)
        except OSError as error:
            yield ReadError(str(path), path_problem(error))
            continue
        if regular and not path.name.endswith(_NOT_ARTICLES):
            yield Input(path, explicit=False)


def read_input(entry: Input, **defaults: Any) -> Iterator[Item]:
    """The articles in one file (several for a JSON Lines or CSV corpus)."""
    return _read_file(entry.path, defaults, entry.explicit)


def _read_file(path: Path, defaults: dict[str, Any], explicit: bool) -> Iterator[Item]:
    if path.name.endswith(_NOT_ARTICLES):  # named by a shell glob such as seeds/*
        yield Skipped(str(path), "metadata or annotation file, not an article")
        return
    suffix = path.suffix.lower()
    if suffix in _CORPUS:
        for item in _CORPUS[suffix](path):
            yield finish(item, defaults) if isinstance(item, Article) else item
        return
    reader = _SINGLE.get(suffix)
    if reader is None:
        if not explicit:
            yield Skipped(str(path), f"not an article file type ({suffix or 'no extension'})")
            return
        if suffix:
            known = " ".join(sorted(READABLE_SUFFIXES))
            yield ReadError(str(path), f"unsupported file type {suffix} (readable: {known})")
            return
        reader = _sniff(path)
    too_large = _too_large(path)
    if too_large is not None:
        yield too_large
        return
    item = reader(path)
    if isinstance(item, ReadError):
        yield item
        return
    sidecar = load_sidecar(path)
    if isinstance(sidecar, ReadError):
        yield sidecar
        return
    if sidecar:
        item = with_metadata(item, sidecar)
    yield finish(item, defaults)


def max_file_bytes() -> int:
    """The size above which a single-article file is refused: ``IMPACT_MAX_FILE_MB`` (default 50)."""
    try:
        megabytes = float(os.environ.get(MAX_FILE_ENV, DEFAULT_MAX_FILE_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_FILE_MB
    if math.isnan(megabytes) or megabytes <= 0:
        megabytes = DEFAULT_MAX_FILE_MB
    return int(min(megabytes, MAX_FILE_MB_CEILING) * _MB)  # "inf": as large as a file can be


def _too_large(path: Path) -> ReadError | None:
    """A text, HTML or PDF file is read whole: refuse one too large to be an article."""
    try:
        size = path.stat().st_size
    except OSError:
        return None  # the reader reports why it cannot be read
    limit = max_file_bytes()
    if size <= limit:
        return None
    return ReadError(
        str(path), f"file too large (over {round(limit / _MB, 3):g} MB; set {MAX_FILE_ENV} to raise the limit)"
    )


def _sniff(path: Path) -> Callable[[Path], Article | ReadError]:
    """A reader for a file named without an extension, from its first bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError:
        return read_text_file  # which reports the error
    if head.startswith(b"%PDF"):
        return read_pdf_file
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return read_html_file
    return read_text_file
