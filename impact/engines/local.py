"""The local engine: extraction in this process, one batch at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import TracebackType

from impact.engines import BatchResult, Extractor, default_extractor, extract_batch, figure_rows, figure_table
from impact.model import Article


class LocalEngine:
    name = "local"

    def __init__(self, extract: Extractor | None = None) -> None:
        self._extract = extract or default_extractor()

    def map_batches(self, batches: Iterable[list[Article]], *, table: bool = False) -> Iterator[BatchResult]:
        for batch in batches:
            outcomes = extract_batch(batch, self._extract)
            yield BatchResult(outcomes, figure_table(figure_rows(outcomes)) if table else None)

    def close(self) -> None:
        pass

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
