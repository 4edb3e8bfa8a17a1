"""Large corpora in bounded memory: figures written as they come, batch by batch.

Readers yield one article at a time (JSON Lines line by line, CSV row by row, Parquet
one record batch at a time); engines extract a batch of articles at a time; the writers
here append each batch's figures to a Parquet file (one row group per batch) or to a
folder of Parquet parts (one part per batch), so memory follows the batch, not the corpus.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from impact.csvcells import CsvWriter
from impact.engines import BATCH_SIZE, BatchResult, Engine, batched, figure_schema, figure_table
from impact.model import Article
from impact.readers import Item, ReadError, Skipped

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "FigureParquetWriter",
    "FigurePartsWriter",
    "RowWriter",
    "count_articles",
    "extracted_batches",
    "figure_schema",
]

PART_PATTERN = "part-*.parquet"


class FigureParquetWriter:
    """One Parquet file of figures, a row group per ``write``; readable once closed."""

    def __init__(self, path: str | Path) -> None:
        import pyarrow.parquet as pq

        self.path = Path(path)
        self.rows = 0
        self._writer = pq.ParquetWriter(self.path, figure_schema())

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        self.write_table(figure_table(rows))

    def write_table(self, table: pa.Table) -> None:
        if table.num_rows:
            self._writer.write_table(table)
            self.rows += table.num_rows

    def close(self) -> None:
        self._writer.close()  # an empty run still leaves a valid file with the schema

    def __enter__(self) -> FigureParquetWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class FigurePartsWriter:
    """A folder of Parquet parts, ``part-00000.parquet`` ... one per batch, in input order.

    The folder is read back whole by ``pandas.read_parquet(folder)`` or
    ``dask.dataframe.read_parquet(folder)``. A folder holding parts already is refused.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise ValueError(f"{self.folder} is a file, not a folder")
        if self.folder.is_dir() and any(self.folder.glob(PART_PATTERN)):
            raise ValueError(f"{self.folder} holds Parquet parts already; choose an empty folder")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.parts = 0
        self.rows = 0

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        self.write_table(figure_table(rows))

    def write_table(self, table: pa.Table) -> None:
        import pyarrow.parquet as pq

        pq.write_table(table, self.folder / f"part-{self.parts:05d}.parquet")
        self.parts += 1
        self.rows += table.num_rows

    def close(self) -> None:
        if self.parts == 0:
            self.write([])  # no articles: one empty part keeps the folder readable

    def __enter__(self) -> FigurePartsWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def count_articles(paths: Iterable[str | Path], **defaults: Any) -> int:
    """About how many articles ``paths`` hold, to size partitions; cheap where the format allows.

    Parquet: the row count in its footer; JSON Lines: its non-blank lines; anything else is
    read through (streaming). Malformed rows count too, so the figure is an upper bound.
    """
    from impact.readers import Input, inputs, read_input

    total = 0
    for entry in inputs(paths):
        if not isinstance(entry, Input):
            continue
        suffix = entry.path.suffix.lower()
        try:
            if suffix == ".parquet":
                import pyarrow.parquet as pq

                total += pq.ParquetFile(entry.path).metadata.num_rows
                continue
            if suffix in (".jsonl", ".ndjson"):
                with entry.path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
                continue
        except Exception:  # unreadable here: the reader will say why
            continue
        total += sum(1 for item in read_input(entry, **defaults) if isinstance(item, Article))
    return total


def extracted_batches(
    items: Iterable[Item],
    engine: Engine,
    *,
    batch_size: int = BATCH_SIZE,
    table: bool = False,
    on_problem: Callable[[ReadError | Skipped], None] | None = None,
) -> Iterator[BatchResult]:
    """The extracted articles of ``items``, batch by batch; unreadable and failed ones go to ``on_problem``."""

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Article):
                yield item
            elif on_problem:
                on_problem(item)

    for result in engine.map_batches(batched(articles(), batch_size), table=table):
        for outcome in result.outcomes:
            if isinstance(outcome, ReadError) and on_problem:
                on_problem(outcome)
        yield result


class RowWriter:
    """Figure rows to JSON Lines, CSV (header once) or Parquet, appended batch by batch."""

    def __init__(self, fmt: str, fields: Sequence[str], handle: IO[str] | None = None, path: Path | None = None):
        if fmt not in ("jsonl", "csv", "parquet"):
            raise ValueError(f"cannot stream format {fmt!r}")
        if fmt == "parquet" and path is None:
            raise ValueError("Parquet needs an output file (-o figures.parquet)")
        self.fmt = fmt
        self.fields = list(fields)
        self.rows = 0
        self._parquet = FigureParquetWriter(path) if fmt == "parquet" and path is not None else None
        self._handle = handle
        self._csv: CsvWriter | None = None
        if fmt == "csv" and handle is not None:
            self._csv = CsvWriter(handle, self.fields)
            self._csv.writeheader()

    def write_table(self, table: pa.Table) -> None:
        """A batch's figures: appended to the Parquet file as they are, else as rows."""
        if self._parquet is not None:
            self._parquet.write_table(table)
            self.rows += table.num_rows
        else:
            self.write(table.to_pylist())

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        self.rows += len(rows)
        if self._parquet is not None:
            self._parquet.write(rows)
        elif self._csv is not None:
            self._csv.writedicts(rows)
        elif self._handle is not None:
            for row in rows:
                self._handle.write(json.dumps({k: row.get(k) for k in self.fields}, ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        elif self._handle is not None:
            self._handle.flush()
