"""Streaming: corpora read row by row and batch by batch give what whole-file reading gives."""

from __future__ import annotations

import csv
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from impact.cli.extract import extract_command
from impact.engines import BATCH_SIZE, batched, figure_schema
from impact.engines.local import LocalEngine
from impact.frame import FIGURE_COLUMNS, apply_dtypes, to_frame
from impact.model import Article
from impact.pipeline import extract
from impact.readers import ReadError, read_path
from impact.readers.parquet import read_parquet_file
from impact.stream import FigureParquetWriter, FigurePartsWriter, count_articles, extracted_batches

# Invented reports, written for these tests: a figure, a place, a source in most of them.
TEMPLATES = (
    "Flash floods in the hills above Kandy destroyed {n} houses on Monday, the district office said.",
    "At least {n} people were killed when the ferry capsized near Chittagong, police said.",
    "Between {n} and {m} residents fled the shelling around Kharkiv, according to local officials.",
    "The cyclone left {n} families homeless in the coastal district, the Red Crescent reported.",
    "Rescue teams were still searching for {n} villagers missing after the landslide.",
    "Doctors said {n} people were injured in the blast at the market in Peshawar.",
    "Hundreds of people sheltered in schools overnight as the river rose.",
    "No figures were given for the damage to the bridge, which opened in 1998.",
)


def invented_rows(count: int, *, offset: int = 0) -> list[dict[str, Any]]:
    rows = []
    for i in range(offset, offset + count):
        text = " ".join(
            TEMPLATES[(i + k) % len(TEMPLATES)].format(n=(i * 37 + k * 11) % 900 + 3, m=(i * 37) % 900 + 950)
            for k in range(3)
        )
        rows.append(
            {
                "id": f"r{i:04d}",
                "text": text,
                "title": f"Report {i}",
                "publisher": ("Valley Times", "Coast Radio")[i % 2],
                "date": f"2025-0{i % 9 + 1}-1{i % 10}",
                "url": f"https://example.org/{i}",
            }
        )
    return rows


def write_corpus(rows: list[dict[str, Any]], path: Path, *, row_group_size: int = 16) -> Path:
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    elif path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def _key(article: Article) -> tuple[Any, ...]:
    return (article.doc, article.text, article.title, article.publisher, article.date, article.url)


def _whole_file(path: Path) -> list[tuple[Any, ...]]:
    """The articles as read by loading the whole file at once with pandas."""
    if path.suffix == ".jsonl":
        frame = pd.read_json(path, lines=True, dtype=False)
    elif path.suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    else:
        frame = pd.read_parquet(path)
    return [
        (row["id"], row["text"], row["title"], row["publisher"], row["date"], row["url"])
        for row in frame.to_dict("records")
    ]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_streaming_reader_gives_what_whole_file_reading_gives(tmp_path: Path, suffix: str) -> None:
    path = write_corpus(invented_rows(50), tmp_path / f"corpus{suffix}")
    streamed = list(read_path(path))
    assert all(isinstance(item, Article) for item in streamed)
    assert [_key(item) for item in streamed if isinstance(item, Article)] == _whole_file(path)


def test_parquet_batches_smaller_than_row_groups_change_nothing(tmp_path: Path) -> None:
    path = write_corpus(invented_rows(40), tmp_path / "corpus.parquet", row_group_size=15)
    assert pq.ParquetFile(path).metadata.num_row_groups == 3
    whole = list(read_parquet_file(path, batch_rows=1000))
    assert list(read_parquet_file(path, batch_rows=4)) == whole
    assert [a.source_path for a in whole if isinstance(a, Article)][-1] == f"{path}:40"


def test_parquet_without_id_numbers_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "plain.parquet"
    pq.write_table(pa.table({"Text": ["Some 40 families fled.", "Ten houses burned."]}), path)
    docs = [item.doc for item in read_path(path) if isinstance(item, Article)]
    assert docs == ["plain-1", "plain-2"]


@pytest.mark.parametrize(
    ("suffix", "bad_row", "line", "reason"),
    [
        (".jsonl", '{"id": "broken", "text": "7 people', 5, "malformed JSON"),
        (".jsonl", '["a list"]', 5, "not a JSON object"),
        (".csv", "x,y,z,1,2,3,4,5", 5, "8 fields where the header has 6"),
        (".parquet", None, 4, "no text in this row"),
    ],
    ids=["jsonl-syntax", "jsonl-list", "csv-fields", "parquet-null-text"],
)
def test_malformed_row_is_reported_with_its_number_and_the_rest_goes_on(
    tmp_path: Path, suffix: str, bad_row: str | None, line: int, reason: str
) -> None:
    rows = invented_rows(8)
    path = tmp_path / f"corpus{suffix}"
    if suffix == ".parquet":
        rows[line - 1]["text"] = None
        write_corpus(rows, path, row_group_size=3)
    else:
        write_corpus(rows, path)
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines.insert(line - 1, f"{bad_row}\n")  # line numbers count the CSV header
        path.write_text("".join(lines), encoding="utf-8")
    items = list(read_path(path))
    errors = [item for item in items if isinstance(item, ReadError)]
    assert [(error.line, reason in error.reason) for error in errors] == [(line, True)]
    expected = 7 if suffix == ".parquet" else 8
    assert sum(isinstance(item, Article) for item in items) == expected


def test_broken_parquet_files_are_one_error_each(tmp_path: Path) -> None:
    fake = tmp_path / "fake.parquet"
    fake.write_bytes(b"PAR1 not really")
    no_text = tmp_path / "notext.parquet"
    pq.write_table(pa.table({"body": ["12 people died"]}), no_text)
    assert next(str(e) for e in read_path(fake)).startswith(f"{fake}: not a readable Parquet file")
    assert [str(e) for e in read_path(no_text)] == [f"{no_text}: no 'text' column (columns: body)"]


def test_batched_pulls_no_more_than_one_batch_ahead() -> None:
    pulled: list[int] = []

    def numbers() -> Iterator[int]:
        for number in range(100):
            pulled.append(number)
            yield number

    batches = batched(numbers(), 10)
    assert next(batches) == list(range(10))
    assert len(pulled) == 10
    assert sum(len(b) for b in batches) == 90
    with pytest.raises(ValueError, match="at least 1"):
        next(batched([1], 0))


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_reading_memory_follows_the_row_not_the_corpus(tmp_path: Path, suffix: str) -> None:
    def peak(rows: int) -> int:
        path = write_corpus(invented_rows(rows), tmp_path / f"c{rows}{suffix}")
        tracemalloc.start()
        for _ in read_path(path):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak

    small, large = peak(100), peak(2000)
    assert large < 2 * small, (small, large)


def test_extracted_batches_equal_extracting_every_article(tmp_path: Path) -> None:
    path = write_corpus(invented_rows(30), tmp_path / "corpus.jsonl")
    problems: list[object] = []
    batches = list(extracted_batches(read_path(path), LocalEngine(), batch_size=7, on_problem=problems.append))
    assert [len(batch.outcomes) for batch in batches] == [7, 7, 7, 7, 2]
    assert problems == [] and all(batch.table is None for batch in batches)
    streamed = [figure for batch in batches for done in batch.extracted for figure in done.figures]
    articles = [item for item in read_path(path) if isinstance(item, Article)]
    whole = [figure for item in articles for figure in extract(item.text, published=item.date)]
    assert streamed == whole and whole


def _expected_rows(path: Path) -> list[dict[str, Any]]:
    frames = [to_frame(extract(a.text, published=a.date), a.doc) for a in read_path(path) if isinstance(a, Article)]
    return records(pd.concat(frames, ignore_index=True))


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts, every kind of null made None, so frames from any source compare."""
    frame = apply_dtypes(frame[list(FIGURE_COLUMNS)].copy()).astype(object)
    return frame.where(frame.notna(), None).to_dict("records")


def test_parquet_writer_one_row_group_per_batch(tmp_path: Path) -> None:
    corpus = write_corpus(invented_rows(20), tmp_path / "corpus.parquet")
    out = tmp_path / "figures.parquet"
    with FigureParquetWriter(out) as writer:
        for batch in extracted_batches(read_path(corpus), LocalEngine(), batch_size=5, table=True):
            assert batch.table is not None
            assert batch.table.to_pylist() == [row for done in batch.extracted for row in done.rows()]
            writer.write_table(batch.table)
    assert pq.ParquetFile(out).metadata.num_row_groups == 4
    assert pq.read_schema(out).equals(figure_schema())
    assert records(pd.read_parquet(out)) == _expected_rows(corpus)


def test_parts_writer_refuses_a_folder_with_parts_and_leaves_one_part_when_empty(tmp_path: Path) -> None:
    with FigurePartsWriter(tmp_path / "out"):
        pass
    assert pd.read_parquet(tmp_path / "out").columns.tolist() == list(FIGURE_COLUMNS)
    with pytest.raises(ValueError, match="Parquet parts already"):
        FigurePartsWriter(tmp_path / "out")


def test_extract_command_streams_a_corpus_to_parquet(tmp_path: Path) -> None:
    rows = invented_rows(25)
    corpus = write_corpus(rows, tmp_path / "corpus.jsonl")
    with corpus.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write(json.dumps({"id": "late", "text": rows[0]["text"]}) + "\n")
    out = tmp_path / "figures.parquet"
    result = CliRunner().invoke(
        extract_command, [str(corpus), "--format", "parquet", "-o", str(out), "--chunk-size", "4"]
    )
    assert result.exit_code == 1
    assert f"{corpus}:26: malformed JSON" in result.stderr
    written = records(pd.read_parquet(out))
    assert written == _expected_rows(corpus)
    assert "late" in {row["doc"] for row in written}  # the row after the broken one was read


def test_extract_command_jsonl_stdout_has_one_line_per_figure(tmp_path: Path) -> None:
    corpus = write_corpus(invented_rows(12), tmp_path / "corpus.csv")
    result = CliRunner().invoke(extract_command, [str(corpus), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(_expected_rows(corpus)) > 12
    assert lines[0]["doc"] == "r0000"


def test_parquet_needs_an_output_file(tmp_path: Path) -> None:
    corpus = write_corpus(invented_rows(2), tmp_path / "corpus.jsonl")
    result = CliRunner().invoke(extract_command, [str(corpus), "--format", "parquet"])
    assert result.exit_code == 2 and "-o FILE.parquet" in result.stderr
    table = CliRunner().invoke(extract_command, [str(corpus), "-o", str(tmp_path / "t.txt")])
    assert table.exit_code == 2 and "-o writes jsonl, csv or parquet" in table.stderr


def test_default_batch_size_is_sane() -> None:
    assert 1 <= BATCH_SIZE <= 10_000


def test_count_articles_for_partitions(tmp_path: Path) -> None:
    write_corpus(invented_rows(30), tmp_path / "a.parquet", row_group_size=7)
    write_corpus(invented_rows(12), tmp_path / "b.jsonl")
    write_corpus(invented_rows(5), tmp_path / "c.csv")
    (tmp_path / "d.txt").write_text("Some 40 families fled.", encoding="utf-8")
    (tmp_path / "e.parquet").write_bytes(b"not parquet")
    assert count_articles([tmp_path]) == 30 + 12 + 5 + 1
