"""Where extraction runs: ``local`` (this process) or ``dask`` (a Dask cluster).

An engine takes batches of articles and hands back, batch by batch and in input order,
each article's figures (or why extraction failed). Whatever consumes them (the store,
a Parquet writer) therefore sees the same results whichever engine ran. Dask is
imported only when the dask engine is opened.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from types import TracebackType
from typing import Any, Protocol, TypeVar

from impact.model import Article, Figure
from impact.readers.base import ReadError

Extractor = Callable[[str], list[Figure]]
ENGINES: tuple[str, ...] = ("local", "dask")
BATCH_SIZE = 256  # articles per batch: one Dask task, one Parquet part or row group

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Extracted:
    """An article and every figure the extractor found in it."""

    article: Article
    figures: tuple[Figure, ...]

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per figure (``Figure.to_dict``), keyed by the article's doc."""
        return [figure.to_dict(self.article.doc) for figure in self.figures]


Outcome = Extracted | ReadError


class Engine(Protocol):
    name: str

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Outcome]]:
        """The outcomes of each batch, in the order the batches and their articles came."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Engine: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


def default_extractor() -> Extractor:
    """``impact.pipeline.extract``, imported on first use (on a Dask worker: in the worker)."""
    extract: Extractor = importlib.import_module("impact.pipeline").extract
    return extract


def extract_article(article: Article, extract: Extractor | None = None) -> Outcome:
    """The article's figures; an extractor exception is one failed article, not a crash."""
    extract = extract or default_extractor()
    try:
        figures = extract(article.text)
    except Exception as error:
        where = article.source_path or article.doc
        return ReadError(where, f"extraction failed ({type(error).__name__}: {error})")
    return Extracted(article, tuple(figures))


def extract_batch(articles: list[Article], extract: Extractor | None = None) -> list[Outcome]:
    """The task every engine runs on a batch (on a Dask worker, in the worker process)."""
    extract = extract or default_extractor()
    return [extract_article(article, extract) for article in articles]


def figure_rows(outcomes: Iterable[Outcome]) -> list[dict[str, Any]]:
    """The figure rows of the extracted articles among ``outcomes``."""
    return [row for outcome in outcomes if isinstance(outcome, Extracted) for row in outcome.rows()]


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last one shorter), pulled lazily from ``items``."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, not {size}")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def open_engine(
    name: str = "local",
    *,
    extract: Extractor | None = None,
    scheduler: str | None = None,
    workers: int = 2,
) -> Engine:
    """An engine by name. ``dask``: connect to ``scheduler``, or start a local cluster of ``workers``."""
    if name == "local":
        from impact.engines.local import LocalEngine

        return LocalEngine(extract)
    if name == "dask":
        from impact.engines.dask import DaskEngine

        return DaskEngine(scheduler, workers=workers, extract=extract)
    raise ValueError(f"unknown engine {name!r} (known: {', '.join(ENGINES)})")
