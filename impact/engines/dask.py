"""The Dask engine: each batch of articles is one task on a ``distributed`` cluster.

The driver reads the corpus (memory bounded by the batch size) and keeps a window of
batches in flight, about two per worker thread. A worker sends back each article's
figures (not the article) and, for Parquet output, the batch's rows as an Arrow table,
so the driver only writes. Results come back in submission order: the store and the
Parquet writers downstream see exactly what the local engine gives. Workers need
``impact`` importable (a LocalCluster shares this environment).
"""

from __future__ import annotations

import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any

from impact.engines import BatchResult, EngineError, Extractor, batch_result, batch_task
from impact.model import Article

# A sentence with a number and a place, so the first call loads lexicon and gazetteer.
_WARM_UP = "At least 12 people were killed in Aleppo, officials said."


def _warm_up() -> int:
    from impact.pipeline import extract

    return len(extract(_WARM_UP))


class DaskEngine:
    name = "dask"

    def __init__(
        self,
        scheduler: str | None = None,
        *,
        workers: int = 2,
        extract: Extractor | None = None,
        window: int | None = None,
        warm_up: bool = True,
    ) -> None:
        from distributed import Client, LocalCluster

        self._extract = extract  # None: each worker imports impact.pipeline.extract itself
        self._cluster: Any = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            with warnings.catch_warnings():
                # dashboard_address=None still starts an HTTP server (dask/distributed#8136), on
                # another port when 8787 is taken: not worth a warning for a private cluster
                warnings.filterwarnings("ignore", message="Port 8787 is already in use")
                self._cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, dashboard_address=None, host="127.0.0.1"
                )
            self.client = Client(self._cluster)
        try:
            threads = sum(self.client.nthreads().values())
            self._window = window or 2 * max(1, threads)
            if warm_up:  # every worker loads the lexicon and gazetteer now, in parallel
                self.client.run(_warm_up)
        except BaseException:
            self.close()
            raise

    @property
    def threads(self) -> int:
        return sum(self.client.nthreads().values())

    def map_batches(self, batches: Iterable[list[Article]], *, table: bool = False) -> Iterator[BatchResult]:
        pending: deque[tuple[list[Article], Any]] = deque()
        try:
            for batch in batches:
                pending.append((batch, self._submit(batch, table)))
                while len(pending) >= self._window:
                    yield self._collect(*pending.popleft())
            while pending:
                yield self._collect(*pending.popleft())
        finally:
            for _, future in pending:
                future.cancel()

    def _submit(self, batch: list[Article], table: bool) -> Any:
        try:
            # scatter first: a batch of texts does not belong in the task graph
            [data] = self.client.scatter([batch], hash=False)
            return self.client.submit(batch_task, data, self._extract, table, pure=False)
        except Exception as error:
            raise EngineError(f"cannot send a batch to the Dask cluster ({type(error).__name__}: {error})") from error

    def _collect(self, batch: list[Article], future: Any) -> BatchResult:
        try:
            found, rows = future.result()
        except Exception as error:  # KilledWorker, a lost connection: the run stops, stored articles stay whole
            raise EngineError(f"a Dask task failed ({type(error).__name__}: {error})") from error
        return batch_result(batch, found, rows)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def figures_frame(articles: Any, *, text: str = "text", doc: str = "doc", extract: Extractor | None = None) -> Any:
    """The figure rows of a Dask DataFrame of articles, one pandas partition per article partition.

    For pipelines that already hold their corpus as a ``dask.dataframe`` (say
    ``dd.read_parquet(path, split_row_groups=True)``, read by the workers themselves):
    lazy, columns ``FIGURE_COLUMNS``; rows whose ``text`` is missing or blank are left out.
    Write it with ``.to_parquet(folder)`` or bring it home with ``.compute()``.
    """
    from impact.frame import FIGURE_COLUMNS, typed_frame

    missing = [column for column in (text, doc) if column not in articles.columns]
    if missing:
        raise ValueError(f"no {' or '.join(map(repr, missing))} column (columns: {', '.join(articles.columns)})")
    meta = typed_frame([], FIGURE_COLUMNS)
    return articles.map_partitions(_partition_figures, text, doc, extract, meta=meta)


def _partition_figures(frame: Any, text: str, doc: str, extract: Extractor | None) -> Any:
    from datetime import date

    from impact.engines import article_rows
    from impact.frame import FIGURE_COLUMNS, typed_frame
    from impact.readers.base import iso_date

    dates = frame["date"] if "date" in frame.columns else [None] * len(frame)
    rows = []
    for body, name, day in zip(frame[text], frame[doc], dates, strict=True):
        if isinstance(body, str) and body.strip():
            dated = iso_date(day) if isinstance(day, str | date) else None  # relative time words read against it
            rows.extend(article_rows(Article(str(name), body, date=dated), extract))
    return typed_frame(rows, FIGURE_COLUMNS)
