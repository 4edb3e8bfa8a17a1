"""Read articles, extract their figures and store both: the layer between readers and store."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from impact.model import Article, Figure
from impact.readers import Input, ReadError, Skipped, inputs, read_input
from impact.store import Store, extractor_version

Extractor = Callable[[str], list[Figure]]


@dataclass(slots=True)
class IngestReport:
    added: int = 0  # new articles, and stored ones re-extracted by a newer extractor
    present: int = 0  # already stored, same text, same extractor: nothing changed
    figures: int = 0  # figures written for the added articles
    errors: list[ReadError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def summary(self) -> str:
        parts = [
            f"{self.added} article{'s' if self.added != 1 else ''} added",
            f"{self.present} already present",
            f"{self.figures} figure{'s' if self.figures != 1 else ''}",
            f"{len(self.errors)} failed",
        ]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts)


def default_extractor() -> Extractor:
    """``impact.pipeline.extract``, imported on first use."""
    extract: Extractor = importlib.import_module("impact.pipeline").extract
    return extract


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    extract: Extractor | None = None,
    defaults: dict[str, Any] | None = None,
    on_item: Callable[[Article | ReadError | Skipped, int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[Input | ReadError], None] | None = None,
) -> IngestReport:
    """Store every readable article under ``paths`` with its figures; report the rest.

    Callbacks, for progress and error lines (nothing here prints): ``on_start(files)``
    once the files are listed, ``on_item(item, figure_count)`` after each article or
    error, ``on_file(input)`` after each file.
    """
    extract = extract or default_extractor()
    version = extractor_version()
    report = IngestReport()
    entries = list(inputs(paths))  # paths only, so a progress bar knows the total
    if on_start:
        on_start(len(entries))
    for entry in entries:
        items = [entry] if isinstance(entry, ReadError) else read_input(entry, **(defaults or {}))
        for item in items:
            outcome, count = _ingest_one(item, store, extract, version, report)
            if on_item:
                on_item(outcome, count)
        if on_file:
            on_file(entry)
    return report


def _ingest_one(
    item: Article | ReadError | Skipped,
    store: Store,
    extract: Extractor,
    version: str,
    report: IngestReport,
) -> tuple[Article | ReadError | Skipped, int]:
    if isinstance(item, Skipped):
        report.skipped.append(item)
        return item, 0
    if isinstance(item, ReadError):
        report.errors.append(item)
        return item, 0
    if store.is_current(item, version):
        report.present += 1
        return item, 0
    try:
        figures = extract(item.text)
    except Exception as error:  # one article the extractor chokes on is one bad input
        failure = ReadError(item.source_path or item.doc, f"extraction failed ({type(error).__name__}: {error})")
        report.errors.append(failure)
        return failure, 0
    if not store.add_article(item, figures, version):
        report.present += 1  # stored meanwhile by another process
        return item, 0
    report.added += 1
    report.figures += len(figures)
    return item, len(figures)
