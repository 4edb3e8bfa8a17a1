"""Parquet corpora: one article per row, read one row group (and batch) at a time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from impact.readers.base import ReadError
from impact.readers.tabular import RowItem, row_article

BATCH_ROWS = 1024  # rows decoded at once: memory follows this, not the file
_BUFFER_BYTES = 1 << 20


def read_parquet_file(path: Path, batch_rows: int = BATCH_ROWS) -> Iterator[RowItem]:
    """The articles of a Parquet file with a ``text`` column; row numbers count from 1.

    A row group that cannot be decoded is reported with its row range and skipped.
    """
    import pyarrow.parquet as pq  # only when a Parquet file is read

    source = str(path)
    try:
        # a buffered stream: a row group's column chunks are read as they are decoded,
        # not whole (a file written in one row group would otherwise be read at once)
        parquet = pq.ParquetFile(path, buffer_size=_BUFFER_BYTES, pre_buffer=False)
    except Exception as error:  # pyarrow raises ArrowInvalid, OSError ... on a broken file
        yield ReadError(source, f"not a readable Parquet file ({error})")
        return
    with parquet:
        names = parquet.schema_arrow.names
        columns = {name.strip().lower(): name for name in names}
        if "text" not in columns:
            yield ReadError(source, f"no 'text' column (columns: {', '.join(names) or 'none'})")
            return
        metadata = parquet.metadata
        first = 1
        for group in range(metadata.num_row_groups):
            rows = metadata.row_group(group).num_rows
            number = first
            try:
                for batch in parquet.iter_batches(batch_size=batch_rows, row_groups=[group]):
                    for row in batch.to_pylist():
                        cleaned = {str(key).strip().lower(): value for key, value in row.items()}
                        yield row_article(cleaned, path, number)
                        number += 1
            except Exception as error:  # a corrupt page: report its rows, go on with the next group
                yield ReadError(source, f"rows {number}–{first + rows - 1} unreadable ({error})", number)
            first += rows
