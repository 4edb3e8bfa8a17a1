"""``impact ingest``, ``impact export`` and ``impact compare``: the corpus commands."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from impact.cli.output import printable
from impact.filters import Filters
from impact.model import CATEGORIES, UNITS

if TYPE_CHECKING:  # pandas and the store load only when a command runs
    import pandas as pd

    from impact.store import Store

DB_OPTION = click.option(
    "--db",
    "db",
    default="impact.db",
    show_default=True,
    envvar="IMPACT_DB",
    help="SQLite file, or a postgresql:// URL (or set IMPACT_DB).",
)


def _open(db: str, *, create: bool) -> Store:
    from impact.store import Store
    from impact.store.backends import database_fault, is_database_error, is_postgres_url, mask_secrets

    if not create and not is_postgres_url(db) and not Path(db).is_file():
        raise click.ClickException(f"no database at {db}; run `impact ingest PATH --db {db}` first")
    try:
        return Store(db, create=create)
    except Exception as error:  # a wrong URL, a locked or foreign file: one clear line
        if is_database_error(error):
            raise click.ClickException(f"cannot open {database_fault(error, db)}") from None
        reason = " ".join(str(error).split()) or type(error).__name__
        raise click.ClickException(mask_secrets(f"cannot open {_shown(db)}: {reason}", db)) from None


def _shown(db: str) -> str:
    """The database as it may be printed: a URL without its password."""
    from impact.store.backends import masked_url

    return masked_url(db)


@contextlib.contextmanager
def database_errors(db: str) -> Iterator[None]:
    """A fault of the database while a command runs (a damaged or read-only file, a lock
    held too long, a full disk, a server gone) as one line naming it; what was stored stays."""
    from impact.store.backends import database_fault, is_database_error

    try:
        yield
    except Exception as error:
        if not is_database_error(error):
            raise
        raise click.ClickException(database_fault(error, db)) from None


ENGINE_OPTIONS = (
    click.option(
        "--engine",
        type=click.Choice(("local", "dask")),
        default="local",
        show_default=True,
        help="Where extraction runs: this process, or a Dask cluster.",
    ),
    click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler (default: start a local cluster)."),
    click.option(
        "--workers", type=click.IntRange(min=1), default=2, show_default=True, help="Workers of a local Dask cluster."
    ),
    click.option(
        "--chunk-size",
        type=click.IntRange(min=1),
        help="Articles per batch: one Dask task, one Parquet part or row group (default 256).",
    ),
)


def engine_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(ENGINE_OPTIONS):
        command = option(command)
    return command


def open_engine(engine: str, scheduler: str | None, workers: int) -> Any:
    """The engine a command asked for, or one clear error line."""
    from impact.engines import open_engine as open_named

    try:
        return open_named(engine, scheduler=scheduler, workers=workers)
    except Exception as error:  # a scheduler that does not answer, a cluster that does not start
        raise click.ClickException(f"cannot start the {engine} engine: {type(error).__name__}: {error}") from None


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@DB_OPTION
@click.option("--publisher", help="Publisher for articles whose metadata names none.")
@click.option("--date", "date_", metavar="YYYY-MM-DD", help="Date for articles without one.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
@engine_options
@click.option("--partitions", type=click.IntRange(min=1), help="Split the articles into N batches (counts them first).")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write the figures to this folder as Parquet parts; without --db, only there.",
)
def ingest(
    paths: tuple[Path, ...],
    db: str,
    publisher: str | None,
    date_: str | None,
    progress: bool | None,
    engine: str,
    scheduler: str | None,
    workers: int,
    chunk_size: int | None,
    partitions: int | None,
    out: Path | None,
) -> None:
    """Read articles, extract their figures and store them in a SQLite database.

    PATHS are files (.txt .html .pdf .jsonl .csv .parquet) or folders, read recursively;
    NAME.meta.json beside NAME.txt gives its publisher, title, date, url. Corpora
    (one article per line or row; Parquet needs a `text` column) are streamed, so
    memory follows --chunk-size, not the corpus. An article whose text is stored
    already is skipped unless the extractor changed.

    With --engine dask the batches are extracted on a Dask cluster (--scheduler, or a
    local one with --workers processes); the database is written here, one article
    per transaction, and the figures equal those of the local engine.

    \b
    Example:
      impact ingest seeds/ corpus.jsonl --db impact.db --publisher "RFE/RL"
      impact ingest big.parquet --engine dask --partitions 8 --out figures/
    """
    from tqdm import tqdm

    from impact.engines import BATCH_SIZE, EngineError
    from impact.ingesting import ingest as run_ingest
    from impact.model import Article
    from impact.readers import ReadError

    _check_date(date_, "--date")
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if chunk_size and partitions:
        raise click.UsageError("give --chunk-size or --partitions, not both")
    defaults = {"publisher": publisher, "date": date_}
    batch_size = chunk_size or BATCH_SIZE
    if partitions:
        from impact.stream import count_articles

        batch_size = max(1, -(-count_articles(paths, **defaults) // partitions))
    # with --out, the database is written only when asked for (--db or IMPACT_DB)
    source = click.get_current_context().get_parameter_source("db")
    use_db = out is None or source not in (None, click.core.ParameterSource.DEFAULT)
    show_bar = progress if progress is not None else sys.stderr.isatty()
    bar = tqdm(unit=" articles", file=sys.stderr, disable=not show_bar, delay=0.5, dynamic_ncols=True)
    counts = {"articles": 0, "figures": 0, "failed": 0}

    def on_start(files: int) -> None:
        # articles, not files: one JSON Lines corpus of 8,000 rows is 8,000 steps
        bar.reset(total=article_total(paths) if show_bar else files)

    def on_item(item: object, figures: int) -> None:
        if isinstance(item, ReadError):
            counts["failed"] += 1
            bar.write(printable(f"error: {item}"), file=sys.stderr)
        elif isinstance(item, Article):
            counts["articles"] += 1
            counts["figures"] += figures
            if item.date is None and "date_raw" in item.extra:  # ingested all the same, without a date
                where = item.source_path or item.doc
                bar.write(printable(f"warning: {where}: unreadable date {item.extra['date_raw']!r}"), file=sys.stderr)
        bar.set_postfix(counts, refresh=False)
        bar.update(1)

    def on_file(entry: object) -> None:
        bar.refresh()

    with contextlib.ExitStack() as stack:
        stack.enter_context(database_errors(db))
        store = stack.enter_context(_open(db, create=True)) if use_db else None
        # the local engine is ingest's default (its extractor can be swapped in tests)
        runner = stack.enter_context(open_engine(engine, scheduler, workers)) if engine != "local" else None
        try:
            report = run_ingest(
                paths,
                store,
                defaults=defaults,
                on_item=on_item,
                on_start=on_start,
                on_file=on_file,
                engine=runner,
                out=out,
                batch_size=batch_size,
            )
        except (ValueError, EngineError) as error:  # an --out folder with parts already; a cluster lost
            raise click.ClickException(str(error)) from None
    if show_bar:
        bar.refresh()  # the last count, even when the run was shorter than the bar's delay
    bar.close()
    where = ", ".join(str(target) for target in ((_shown(db) if use_db else None), out) if target is not None)
    click.echo(printable(f"{where}: {report.summary()}"), err=True)
    for skipped in report.skipped:
        click.echo(printable(f"skipped: {skipped}"), err=True)
    if report.failed:
        sys.exit(1)


def article_total(paths: Iterable[Path]) -> int:
    """How many articles (and unreadable files) ``paths`` hold, for the progress bar's total:
    a row of a JSON Lines, CSV or Parquet corpus is one, any other file one. Cheap: Parquet's
    footer, lines of JSON Lines, records of CSV; a file that cannot be counted counts once."""
    from impact.readers import Input, inputs

    total = 0
    for entry in inputs(paths):
        total += _rows(entry.path) if isinstance(entry, Input) else 1
    return total


def _rows(path: Path) -> int:
    import csv

    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return max(1, pq.ParquetFile(path).metadata.num_rows)
        if suffix in (".jsonl", ".ndjson"):
            with path.open("rb") as handle:
                return max(1, sum(1 for line in handle if line.strip()))
        if suffix in (".csv", ".tsv"):
            with path.open(encoding="utf-8", errors="replace", newline="") as handle:
                reader = csv.reader(handle, delimiter="\t" if suffix == ".tsv" else ",")
                return max(1, sum(1 for _ in reader) - 1)  # less the header
    except Exception:  # unreadable, a damaged Parquet footer: the reader will say why
        return 1
    return 1


def _filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--place", "places", multiple=True, help="Place name, e.g. Raqqa (matches Ar-Raqqah)."),
        click.option(
            "--subplaces", is_flag=True, help="A place includes its parts (its old city, camps), a country its places."
        ),
        click.option("--country", "countries", multiple=True, help="ISO 3166 alpha-2 code."),
        click.option("--category", "categories", multiple=True, type=click.Choice(CATEGORIES)),
        click.option("--unit", "units", multiple=True, type=click.Choice(UNITS)),
        click.option("--source", "sources", multiple=True, help="Article publisher."),
        click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Articles from this date."),
        click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Articles up to this date."),
        click.option("--vague/--exact", default=None, help="Only vague (hundreds) or only exact figures."),
        click.option("--include-rejected", is_flag=True, help="Keep figures rejected in review."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command()
@DB_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("csv", "hxl", "json", "jsonl", "parquet")),
    default="csv",
    show_default=True,
)
@click.option("--bom", is_flag=True, help="Start CSV/HXL with a UTF-8 BOM (for Excel).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File (default: stdout).")
@_filter_options
def export(
    db: str,
    fmt: str,
    bom: bool,
    output: str | None,
    places: tuple[str, ...],
    subplaces: bool,
    countries: tuple[str, ...],
    categories: tuple[str, ...],
    units: tuple[str, ...],
    sources: tuple[str, ...],
    date_from: str | None,
    date_to: str | None,
    vague: bool | None,
    include_rejected: bool,
) -> None:
    """Export stored figures, with reviewed corrections applied.

    \b
    Example:
      impact export --db impact.db --format hxl --place Raqqa -o raqqa.csv
    """
    from impact.export import export_figures, export_frame

    _check_date(date_from, "--from")
    _check_date(date_to, "--to")
    filters = Filters(
        places=places,
        countries=countries,
        categories=categories,
        units=units,
        sources=sources,
        date_from=date_from,
        date_to=date_to,
        vague=vague,
        include_rejected=include_rejected,
        subplaces=subplaces,
    )
    with database_errors(db), _open(db, create=False) as store:
        frame = export_figures(store, filters)
    try:
        export_frame(frame, fmt, output, bom=bom)
    except (ValueError, OSError) as error:
        raise click.ClickException(str(error)) from None
    if output:
        click.echo(printable(f"{output}: {len(frame)} figures as {fmt} ({filters.describe()})"), err=True)


@click.command()
@click.option("--place", help="Place name, e.g. Raqqa (matches Ar Raqqah).")
@click.option("--category", type=click.Choice(CATEGORIES))
@click.option("--all", "every", is_flag=True, help="Every stored estimate once, with the group it is compared in.")
@click.option("--subplaces", is_flag=True, help="Also the parts of the place written as such (its old city, camps).")
@click.option(
    "--tolerance-days",
    type=click.IntRange(0, 3650),
    default=7,
    show_default=True,
    help="How far apart the as-of dates of two stocks may be and still be compared.",
)
@click.option("--pool-undated", is_flag=True, help="Compare undated estimates across articles too.")
@DB_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "csv", "jsonl")),
    default="table",
    show_default=True,
)
def compare(
    place: str | None,
    category: str | None,
    every: bool,
    subplaces: bool,
    tolerance_days: int,
    pool_undated: bool,
    db: str,
    fmt: str,
) -> None:
    """Compare the estimates different articles give of the same quantity: one place, category,
    unit, group counted, kind of count and time frame (estimates of other quantities are
    other groups, each saying why its members belong together).

    \b
    Example:
      impact compare --place Raqqa --category fighters --db impact.db
      impact compare --all --format csv --db impact.db > groups.csv
    """
    from impact.comparison import compare as run_compare
    from impact.comparison import consensus
    from impact.export import export_frame
    from impact.grouping import groups

    if every == bool(place or category) or (not every and not (place and category)):
        raise click.UsageError("give --place and --category, or --all")
    with database_errors(db), _open(db, create=False) as store:
        if every:
            result = groups(store.figures(), tolerance_days=tolerance_days, pool_undated=pool_undated)
        else:
            assert place is not None and category is not None
            result = run_compare(
                store,
                place,
                category,
                subplaces=subplaces,
                tolerance_days=tolerance_days,
                pool_undated=pool_undated,
            )
    if fmt != "table" or every:
        export_frame(result, "csv" if fmt == "table" else fmt)
        return
    if result.empty:
        click.echo(printable(f"no {category} estimates for {place}"))
        return
    summary = result.attrs.get("groups")
    for label, members in result.groupby("group_label", sort=False):
        click.echo()
        click.echo(printable(str(label)))
        click.echo(_table(members))
        if summary is not None:
            for row in summary[summary["group_label"] == label].to_dict("records"):
                click.echo(printable(_group_line(row)))
    click.echo(f"\nmain group: {consensus(result).describe()}")
    records = result.to_dict("records")
    for row in records:
        if row["disagrees"]:
            click.echo(
                printable(
                    f"disagrees: {row['doc']} ({_text(row['publisher']) or 'unknown publisher'})"
                    f" says {row['surface']} = {_range(row['low'], row['high'])}"
                )
            )
    for row in records:
        if isinstance(row["duplicate_of"], str):
            click.echo(printable(f"duplicate: {row['doc']} repeats {row['duplicate_of']}, counted once"))


def _group_line(row: dict[str, Any]) -> str:
    """'3 estimates, 2 agree: band 3,000–5,000; conservative 3,000, central 4,000 (method)'."""
    import pandas as pd

    low, high = row.get("band_low"), row.get("band_high")
    band = "none (no two overlap)" if pd.isna(low) and pd.isna(high) else _range(low, high)
    return (
        f"  {row['estimates']} estimate(s), {row['agreeing']} agree: band {band};"
        f" conservative {_range(row.get('conservative'), row.get('conservative'))},"
        f" central {_range(row.get('central'), row.get('central'))} ({row.get('method') or 'one estimate'})"
    )


def _check_date(value: str | None, option: str) -> None:
    from impact.readers import iso_date

    if value and (iso_date(value) is None or len(value) != 10):
        raise click.BadParameter(f"not a YYYY-MM-DD date: {value!r}", param_hint=option)


def _range(low: Any, high: Any) -> str:
    import pandas as pd

    def show(value: Any) -> str:
        return "open" if value is None or pd.isna(value) else f"{int(value):,}"

    same = not pd.isna(low) and not pd.isna(high) and low == high
    return show(low) if same else f"{show(low)}–{show(high)}"


def _text(value: Any) -> str:
    return printable(value) if isinstance(value, str) else ""


def _table(result: pd.DataFrame) -> str:
    records = result.to_dict("records")
    rows = [
        (
            _text(row["date"]),
            _text(row["doc"]),
            _text(row["publisher"]),
            _text(row["attributed_to"]),
            _range(row["low"], row["high"]),
            _text(row["surface"]),
            " ".join(
                flag
                for flag in (
                    "DISAGREES" if row["disagrees"] else "",
                    f"dup of {row['duplicate_of']}" if isinstance(row["duplicate_of"], str) else "",
                    "illustrative" if row["illustrative"] in (True, 1) else "",
                )
                if flag
            ),
        )
        for row in records
    ]
    header = ("date", "doc", "publisher", "attributed to", "range", "surface", "flags")
    widths = [min(32, max(len(header[i]), *(len(r[i]) for r in rows))) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell[:w].ljust(w) for cell, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(header), line(tuple("-" * w for w in widths)), *map(line, rows)])


COMMANDS = [ingest, export, compare]


def _warn_dates(items: Iterable[Any]) -> Iterator[Any]:
    """The items as they come, with one warning line for each article whose date could not be
    read (it is extracted all the same, without a date)."""
    from impact.model import Article

    for item in items:
        if isinstance(item, Article) and item.date is None and "date_raw" in item.extra:
            where = item.source_path or item.doc
            if item.source_path:  # a date from the file's sidecar: name the sidecar
                sidecar = Path(item.source_path).with_name(f"{Path(item.source_path).stem}.meta.json")
                where = str(sidecar) if sidecar.is_file() else where
            click.echo(printable(f"impact: warning: {where}: unreadable date {item.extra['date_raw']!r}"), err=True)
        yield item


def stream_extract(
    files: tuple[Path, ...],
    *,
    fmt: str,
    output: Path | None,
    fields: tuple[str, ...],
    engine: str,
    scheduler: str | None,
    workers: int,
    chunk_size: int | None,
    write_table: Callable[[list[dict[str, Any]]], None],
    published: str | None = None,
) -> int:
    """``impact extract`` over corpora: read, extract and write batch by batch; the number of failures."""
    from impact.engines import BATCH_SIZE, EngineError
    from impact.readers import ReadError, read_paths
    from impact.stream import RowWriter, extracted_batches

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs -o FILE.parquet")
    if fmt == "table" and output is not None:
        raise click.UsageError("-o writes jsonl, csv or parquet; the table is for reading on screen")
    failed = 0

    def on_problem(problem: object) -> None:
        nonlocal failed
        if isinstance(problem, ReadError):
            failed += 1
        click.echo(printable(f"impact: {problem}"), err=True)

    with contextlib.ExitStack() as stack:
        runner = stack.enter_context(open_engine(engine, scheduler, workers))
        handle = None
        if fmt != "parquet":
            handle = stack.enter_context(output.open("w", encoding="utf-8", newline="")) if output else sys.stdout
        writer = None if fmt == "table" else RowWriter(fmt, fields, handle=handle, path=output)
        articles = _warn_dates(read_paths(files, **({"date": published} if published else {})))
        batches = extracted_batches(
            articles, runner, batch_size=chunk_size or BATCH_SIZE, table=True, on_problem=on_problem
        )
        try:
            for batch in batches:
                assert batch.table is not None  # asked for: built where the extraction ran
                if writer is None:
                    write_table(batch.table.to_pylist())
                else:
                    writer.write_table(batch.table)
        except EngineError as error:
            raise click.ClickException(str(error)) from None
        if writer is not None:
            writer.close()
            if output:
                click.echo(f"{output}: {writer.rows} figures as {fmt}", err=True)
    return failed
