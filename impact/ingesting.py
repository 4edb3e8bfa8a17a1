"""Read articles, extract their figures and store both: the layer between readers and store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from impact.engines import BATCH_SIZE, Engine, Extractor, Outcome, batched, default_extractor
from impact.model import Article
from impact.readers import Input, ReadError, Skipped, inputs, read_input
from impact.store import Store, extractor_version

__all__ = ["Extractor", "IngestReport", "default_extractor", "ingest"]


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


def ingest(
    paths: Iterable[str | Path],
    store: Store | None,
    *,
    extract: Extractor | None = None,
    defaults: dict[str, Any] | None = None,
    on_item: Callable[[Article | ReadError | Skipped, int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[Input | ReadError], None] | None = None,
    engine: Engine | None = None,
    out: str | Path | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestReport:
    """Store every readable article under ``paths`` with its figures; report the rest.

    Articles are read one by one and extracted ``batch_size`` at a time by ``engine``
    (default: in this process with ``extract``; see ``impact.engines``). The store is
    written here, article by article, one transaction each. ``out``: a folder that gets
    every extracted article's figures as Parquet parts, one per batch (with ``store=None``,
    only the parts are written).

    Callbacks, for progress and error lines (nothing here prints): ``on_start(files)``
    once the files are listed, ``on_item(item, figure_count)`` after each article or
    error, ``on_file(input)`` after each file is read.
    """
    from impact.engines.local import LocalEngine
    from impact.stream import FigurePartsWriter

    version = extractor_version()
    report = IngestReport()
    entries = list(inputs(paths))  # paths only, so a progress bar knows the total
    if on_start:
        on_start(len(entries))
    parts = FigurePartsWriter(out) if out is not None else None

    def articles() -> Iterator[Article]:
        for entry in entries:
            items = [entry] if isinstance(entry, ReadError) else read_input(entry, **(defaults or {}))
            for item in items:
                # with Parquet parts every article is extracted; else stored ones are skipped here
                if isinstance(item, Article) and (parts is not None or not _is_current(store, item, version)):
                    yield item
                    continue
                outcome = _not_extracted(item, report)
                if on_item:
                    on_item(outcome, 0)
            if on_file:
                on_file(entry)

    runner = engine or LocalEngine(extract or default_extractor())
    for result in runner.map_batches(batched(articles(), batch_size), table=parts is not None):
        for outcome in result.outcomes:
            done, count = _store_one(outcome, store, version, report)
            if on_item:
                on_item(done, count)
        if parts is not None and result.table is not None:
            parts.write_table(result.table)
    if parts is not None:
        parts.close()
    return report


def _is_current(store: Store | None, article: Article, version: str) -> bool:
    return store is not None and store.is_current(article, version)


def _not_extracted(item: Article | ReadError | Skipped, report: IngestReport) -> Article | ReadError | Skipped:
    if isinstance(item, Skipped):
        report.skipped.append(item)
    elif isinstance(item, ReadError):
        report.errors.append(item)
    else:
        report.present += 1
    return item


def _store_one(
    outcome: Outcome, store: Store | None, version: str, report: IngestReport
) -> tuple[Article | ReadError, int]:
    if isinstance(outcome, ReadError):  # the extractor failed on this article
        report.errors.append(outcome)
        return outcome, 0
    article, figures = outcome.article, outcome.figures
    if store is not None and not store.add_article(article, figures, version):
        report.present += 1  # stored already (same text earlier in the corpus, or another process)
        return article, 0
    report.added += 1
    report.figures += len(figures)
    return article, len(figures)
