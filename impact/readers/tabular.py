"""Corpora with one article per row: JSON Lines and CSV/TSV, read row by row."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from impact.model import Article
from impact.readers.base import ReadError, path_problem, with_metadata

RowItem = Article | ReadError


def read_jsonl_file(path: Path) -> Iterator[RowItem]:
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as error:
        yield ReadError(source, path_problem(error))
        return
    from impact.readers import MAX_FILE_ENV, max_file_bytes

    limit = max_file_bytes()  # one row is one article: as large as a single-article file may be
    with handle:
        for number, raw in enumerate(_lines(handle, limit), start=1):
            if raw is None:
                megabytes = limit / 1024 / 1024
                yield ReadError(source, f"row longer than {megabytes:g} MB (set {MAX_FILE_ENV} to raise it)", number)
                continue
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as error:
                yield ReadError(source, f"not UTF-8 ({error.reason} at byte {error.start})", number)
                continue
            except json.JSONDecodeError as error:
                yield ReadError(source, f"malformed JSON ({error.msg}, column {error.colno})", number)
                continue
            except RecursionError:  # "[[[[...": json recurses once per level
                yield ReadError(source, "malformed JSON (nested too deeply)", number)
                continue
            if not isinstance(row, dict):
                yield ReadError(source, "line is not a JSON object", number)
                continue
            yield row_article(row, path, number)


def _lines(handle: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The file's lines, each read at most ``limit`` bytes at a time; None for a longer
    line, whose rest is skipped without holding it in memory."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = handle.readline(1024 * 1024)
        yield None


def read_csv_file(path: Path) -> Iterator[RowItem]:
    source = str(path)
    _allow_long_fields()
    try:
        handle = path.open("r", encoding="utf-8-sig", newline="")
    except OSError as error:
        yield ReadError(source, path_problem(error))
        return
    dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
    with handle:
        reader = csv.DictReader(handle, dialect=dialect)
        try:
            fields = reader.fieldnames or []
        except (UnicodeDecodeError, csv.Error) as error:
            yield ReadError(source, f"unreadable CSV header ({error})")
            return
        if "text" not in [str(field).strip().lower() for field in fields]:
            yield ReadError(source, f"no 'text' column (columns: {', '.join(fields) or 'none'})")
            return
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as error:
                where = reader.line_num + 1
                yield ReadError(source, f"not UTF-8 ({error.reason}); rest of file skipped", where)
                return
            except csv.Error as error:
                yield ReadError(source, f"malformed CSV ({error})", reader.line_num)
                continue
            if None in row:
                count = len(fields) + len(row[None])
                yield ReadError(source, f"{count} fields where the header has {len(fields)}", reader.line_num)
                continue
            cleaned = {str(key).strip().lower(): value for key, value in row.items()}
            yield row_article(cleaned, path, reader.line_num)


def row_article(row: dict[str, Any], path: Path, number: int) -> RowItem:
    """The article in one corpus row (keys lower-cased), or why the row has none."""
    source = str(path)
    text = row.pop("text", None)
    if not isinstance(text, str) or not text.strip():
        return ReadError(source, "no text in this row", number)
    doc = row.get("doc") or row.get("id")
    article = Article(
        doc=str(doc) if doc not in (None, "") else f"{path.stem}-{number}",
        text=text,
        source_path=f"{source}:{number}",
    )
    return with_metadata(article, row)


def _allow_long_fields() -> None:
    # An article easily exceeds csv's default 128 KiB field limit.
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2
