"""`impact extract` and `impact evaluate`: figures from files, and their score against gold."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from impact.cli.corpus import engine_options, stream_extract
from impact.cli.output import printable
from impact.evaluate import score
from impact.frame import FIGURE_COLUMNS, FIGURE_PLACE_COLUMNS, SPEC_FIELDS
from impact.model import PERIOD_FIELDS
from impact.pipeline import extract as extract_figures

# The richer fields after SPEC's, from the one figure schema (``impact.frame``), in the order
# the output has always had.
EXTRA_FIELDS = (
    "best",
    "qualifier",
    *FIGURE_PLACE_COLUMNS,
    "sentence",
    "sentence_start",
    "sentence_end",
    *(name for name in PERIOD_FIELDS if name not in SPEC_FIELDS),
    "place_role",
)
assert set(SPEC_FIELDS + EXTRA_FIELDS) == set(FIGURE_COLUMNS), "every figure column is written"


def figure_rows(paths: tuple[Path, ...], published: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """Rows for every figure in every readable file, and the number of files that failed.

    Files are read as ``impact extract`` and ``impact ingest`` read them (``impact.readers``:
    one reader per file type, newlines as Python reads text, so offsets are the same on every
    path). Each file's date is ``published`` when given, else its ``NAME.meta.json``
    sidecar's; relative time words ("last week") are resolved against it."""
    from impact.cli.corpus import _warn_dates
    from impact.model import Article
    from impact.readers import ReadError, read_paths

    rows: list[dict[str, Any]] = []
    failed = 0
    for item in _warn_dates(read_paths(paths, **({"date": published} if published else {}))):
        if isinstance(item, Article):
            rows.extend(figure.to_dict(item.doc) for figure in extract_figures(item.text, published=item.date))
        else:
            failed += isinstance(item, ReadError)
            click.echo(printable(f"impact: {item}"), err=True)
    return rows, failed


def _bounds(row: dict[str, Any]) -> str:
    low = "" if row["low"] is None else f"{row['low']:,}"
    high = "" if row["high"] is None else f"{row['high']:,}"
    if low == high:
        return low
    return f"{low or '…'}–{high or '…'}"


def _table(rows: list[dict[str, Any]]) -> None:
    headers = ("doc", "surface", "bounds", "flags", "counted", "category", "location", "source")
    lines = []
    for row in rows:
        flags = ("~" if row["approximate"] else "") + ("vague" if row["vague"] else "")
        lines.append(
            tuple(
                printable(cell)
                for cell in (
                    row["doc"],
                    row["surface"].replace("\n", " "),
                    _bounds(row),
                    flags,
                    row["counted"] or "",
                    row["category"],
                    row["location"] or "",
                    row["attributed_to"] or "",
                )
            )
        )
    widths = [min(40, max([len(h)] + [len(str(line[i])) for line in lines])) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    for line in lines:
        click.echo("  ".join(str(v)[:w].ljust(w) for v, w in zip(line, widths, strict=True)))


def _expand_folders(files: tuple[Path, ...]) -> tuple[tuple[Path, ...], int]:
    """FILES with each folder replaced by the article files under it, as ``impact ingest``
    reads folders (recursively, in name order, hidden and metadata files left out), and the
    number of paths under them that could not be looked at (each named on stderr)."""
    from impact import readers

    expanded: list[Path] = []
    failed = 0
    for path in files:
        try:
            folder = path.is_dir()
        except (OSError, ValueError):  # a name too long, a NUL byte: the reader says why
            folder = False
        if not folder:
            expanded.append(path)
            continue
        for entry in readers.inputs([path]):
            if isinstance(entry, readers.Input):
                if entry.path.suffix.lower() in readers.READABLE_SUFFIXES:  # as ingest reads a folder
                    expanded.append(entry.path)
            else:
                click.echo(printable(f"impact: {entry}"), err=True)
                failed += 1
    return tuple(expanded), failed


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv", "parquet"]),
    default="table",
    show_default=True,
    help="jsonl/csv/parquet carry SPEC's field names; table is for reading.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default: stdout).")
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    help="The article's date, for relative time words (\"last week\"); default: each file's .meta.json date.",
)
@engine_options
def extract_command(
    files: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    published: str | None,
    engine: str,
    scheduler: str | None,
    workers: int,
    chunk_size: int | None,
) -> None:
    """Print every figure in FILES: UTF-8 text, HTML pages and PDF reports (their main text),
    or .jsonl/.csv/.parquet corpora (streamed). A folder is read recursively, as by ingest.

    \b
    Examples:
      impact extract seeds/*.txt
      impact extract seeds/
      impact extract --format jsonl report.txt > figures.jsonl
      impact extract big.jsonl --format parquet -o figures.parquet --engine dask
      impact extract --published 2024-05-08 --format jsonl report.txt
    """
    if published is not None:
        from datetime import date

        try:
            date.fromisoformat(published)
        except ValueError:
            raise click.BadParameter(f"not a YYYY-MM-DD date: {published!r}", param_hint="--published") from None
    files, unreadable = _expand_folders(files)
    # One path for every file type, output and engine: the same text, the same offsets.
    failed = stream_extract(
        files,
        fmt=fmt,
        output=output,
        fields=SPEC_FIELDS + EXTRA_FIELDS,
        engine=engine,
        scheduler=scheduler,
        workers=workers,
        chunk_size=chunk_size,
        write_table=_table,
        published=published,
    )
    if failed or unreadable:
        sys.exit(1)


@click.command("evaluate")
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="Gold figures, JSON Lines (SPEC fields).",
)
@click.argument("text_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Also write the full report here.")
@click.option("--quiet", is_flag=True, help="Print the scores only, not every error.")
def evaluate_command(gold_path: Path, text_dir: Path, json_path: Path | None, quiet: bool) -> None:
    """Score the extractor on TEXT_DIR/*.txt against GOLD by SPEC's rules.

    \b
    Example:
      impact evaluate --gold ../shared/corpus/gold.jsonl ../shared/corpus/texts
    """
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = {str(g["doc"]) for g in gold}
    paths = tuple(sorted(p for p in text_dir.glob("*.txt") if p.stem in docs))
    rows, failed = figure_rows(paths)
    report = score(gold, rows)
    if not quiet:
        for g in report.misses:
            click.echo(f"MISS      {g['doc']}  {g['surface']!r}  {g['category']}  gold=({g['low']},{g['high']})")
        for p in report.spurious:
            click.echo(f"SPURIOUS  {p['doc']}  {p['surface']!r}  {p['category']}  {p.get('counted')!r}")
        for w in report.wrong:
            g, p = w["gold"], w["pred"]
            problems = []
            if not w["value_ok"]:
                problems.append(f"value ({p['low']},{p['high']}) != gold ({g['low']},{g['high']})")
            if not w["category_ok"]:
                problems.append(f"category {p['category']} != {g['category']}")
            if w["location_ok"] is False:
                problems.append(f"location {p['location']!r} != {g['location']!r}")
            click.echo(f"WRONG     {g['doc']}  {g['surface']!r}  " + "; ".join(problems))
    click.echo(" ".join(f"{k}={v}" for k, v in report.scores.items()))
    if json_path:
        json_path.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
    if failed:
        sys.exit(1)


COMMANDS = [extract_command, evaluate_command]
