"""Where extraction runs: ``local`` (this process) or ``dask`` (a Dask cluster).

An engine takes batches of articles and hands back, batch by batch and in input order,
each article's figures (or why extraction failed) and, when asked, the batch's figure
rows as one Arrow table built where the extraction ran. Whatever consumes them (the
store, a Parquet writer) therefore sees the same results whichever engine ran. Dask is
imported only when the dask engine is opened, pyarrow only when a table is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from impact.frame import FIGURE_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS
from impact.model import Article, Figure
from impact.readers.base import ReadError

if TYPE_CHECKING:
    import pyarrow as pa

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


class EngineError(RuntimeError):
    """The engine itself failed (a lost worker, a cluster gone), not one article."""


Found = tuple[Figure, ...] | ReadError  # what a task sends back per article: not the article again


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One batch's outcomes, in article order, and its figure rows as a table when asked for."""

    outcomes: list[Outcome]
    table: pa.Table | None = None

    @property
    def extracted(self) -> list[Extracted]:
        return [outcome for outcome in self.outcomes if isinstance(outcome, Extracted)]


class Engine(Protocol):
    name: str

    def map_batches(self, batches: Iterable[list[Article]], *, table: bool = False) -> Iterator[BatchResult]:
        """The result of each batch, in the order the batches came; ``table``: build its figure rows too."""
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
    library = importlib.import_module("impact.pipeline").extract
    try:
        if extract is None or extract is library:  # relative time words read against the article's date
            figures = library(article.text, published=article.date)
        else:
            figures = extract(article.text)
    except Exception as error:
        where = article.source_path or article.doc
        return ReadError(where, f"extraction failed ({type(error).__name__}: {error})")
    return Extracted(article, tuple(figures))


def article_rows(article: Article, extract: Extractor | None = None) -> list[dict[str, Any]]:
    """The figure rows of one article (none when extraction fails)."""
    outcome = extract_article(article, extract)
    return outcome.rows() if isinstance(outcome, Extracted) else []


def extract_batch(articles: list[Article], extract: Extractor | None = None) -> list[Outcome]:
    """Every article of a batch extracted, in order."""
    extract = extract or default_extractor()
    return [extract_article(article, extract) for article in articles]


def batch_task(
    articles: list[Article], extract: Extractor | None = None, table: bool = False
) -> tuple[list[Found], pa.Table | None]:
    """What runs where the extraction runs (a Dask worker): figures per article, and the rows table."""
    outcomes = extract_batch(articles, extract)
    found = [outcome.figures if isinstance(outcome, Extracted) else outcome for outcome in outcomes]
    return found, figure_table(figure_rows(outcomes)) if table else None


def batch_result(articles: list[Article], found: list[Found], table: pa.Table | None) -> BatchResult:
    """A ``batch_task``'s answer joined back to the batch the driver kept."""
    outcomes: list[Outcome] = [
        item if isinstance(item, ReadError) else Extracted(article, item)
        for article, item in zip(articles, found, strict=True)
    ]
    return BatchResult(outcomes, table)


def figure_rows(outcomes: Iterable[Outcome]) -> list[dict[str, Any]]:
    """The figure rows of the extracted articles among ``outcomes``."""
    return [row for outcome in outcomes if isinstance(outcome, Extracted) for row in outcome.rows()]


def figure_schema() -> pa.Schema:
    """The Arrow schema of figure rows: ``FIGURE_COLUMNS``, nullable int64/float64/bool/string."""
    import pyarrow as pa

    def kind(column: str) -> pa.DataType:
        if column in INT_COLUMNS:
            return pa.int64()
        if column in FLOAT_COLUMNS:
            return pa.float64()
        if column in ("approximate", "vague"):
            return pa.bool_()
        return pa.string()

    return pa.schema([(column, kind(column)) for column in FIGURE_COLUMNS])


def figure_table(rows: Sequence[dict[str, Any]]) -> pa.Table:
    """Figure rows as an Arrow table in ``figure_schema()`` (missing keys are nulls)."""
    import pyarrow as pa

    schema = figure_schema()
    return pa.Table.from_pylist([{c: row.get(c) for c in schema.names} for row in rows], schema=schema)


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
