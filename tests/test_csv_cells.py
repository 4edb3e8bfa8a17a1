"""CSV cells: every CSV this project writes stays one cell per value and runs no formula.

One writer (``impact.csvcells``) serves ``impact export`` (CSV and HXL), the dashboard's
export buttons, ``impact extract --format csv`` and its streamed form (``-o``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from dashboard.views import table
from impact.cli import cli
from impact.csvcells import csv_field
from impact.export import export_figures, export_frame
from impact.model import Article, Figure
from impact.store import Store

FORMULA = ("=", "+", "-", "@", "\t", "\r")
TEXT = "At least 12 people were killed in Mosul."


def _figure() -> Figure:
    return Figure(
        start=0, end=11, surface="At least 12", low=12, high=12, best=12, approximate=False, vague=False,
        qualifier="at least", counted="people", unit="people", category="killed", location="Mosul",
        place=None, attributed_to="Health\r=2+2", sentence=TEXT, sentence_start=0, sentence_end=len(TEXT),
    )  # fmt: skip


def _store(tmp_path: Path) -> Path:
    db = tmp_path / "cr.db"
    with Store(db) as store:
        store.add_article(Article("cr", TEXT, title="Report\r=1+1", publisher="Pub\n@x"), [_figure()])
    return db


def _export(fmt: str) -> Callable[[Path, Path], bytes]:
    def run(db: Path, tmp_path: Path) -> bytes:
        with Store(db) as store:
            frame = export_figures(store)
        path = tmp_path / f"out.{fmt}.csv"
        export_frame(frame, fmt, path)
        return path.read_bytes()

    return run


def _dashboard(fmt: str) -> Callable[[Path, Path], bytes]:
    def run(db: Path, tmp_path: Path) -> bytes:
        with Store(db) as store:
            ids = [int(i) for i in store.figures()["id"]]
        return table.export_bytes(db, [{"id": i} for i in ids], fmt)

    return run


def _cli(fmt: str) -> Callable[[Path, Path], bytes]:
    def run(db: Path, tmp_path: Path) -> bytes:
        result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", fmt])
        assert result.exit_code == 0, result.output
        return result.stdout_bytes

    return run


@pytest.mark.parametrize(
    "write",
    [_export("csv"), _export("hxl"), _dashboard("csv"), _dashboard("hxl"), _cli("csv"), _cli("hxl")],
    ids=["export-csv", "export-hxl", "dashboard-csv", "dashboard-hxl", "cli-csv", "cli-hxl"],
)
def test_a_carriage_return_inside_a_cell_stays_inside_it(tmp_path: Path, write: Any) -> None:
    data = write(_store(tmp_path), tmp_path)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    body = [row for row in rows[1:] if not row[0].startswith("#")]
    assert len(body) == 1, rows  # one figure, one row
    cells = body[0]
    assert "Report\r=1+1" in cells and "Health\r=2+2" in cells and "Pub\n@x" in cells
    assert not any(cell.startswith(FORMULA) for row in rows for cell in row)
    frame = pd.read_csv(io.BytesIO(data), skiprows=[1] if b"#meta" in data else None)
    assert len(frame) == 1 and frame.loc[0, "title"] == "Report\r=1+1"


def _extract_csv(tmp_path: Path, *, streamed: bool) -> list[list[str]]:
    path = tmp_path / "=HYPERLINK(1).txt"
    path.write_text("=12 people were killed in Mosul.\n\n-30 people fled Raqqa.\n\n@ 40 were injured in Aleppo.\n")
    args = ["extract", "--format", "csv", str(path)]
    if streamed:
        args += ["-o", str(tmp_path / "out.csv")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out.csv").read_text(encoding="utf-8") if streamed else result.stdout
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("streamed", [False, True], ids=["stdout", "streamed"])
def test_extract_csv_is_formula_safe(tmp_path: Path, streamed: bool) -> None:
    rows = _extract_csv(tmp_path, streamed=streamed)
    header, body = rows[0], rows[1:]
    assert body, "the figures are written"
    doc = header.index("doc")
    assert {row[doc] for row in body} == {"'=HYPERLINK(1)"}
    assert not any(cell.startswith(FORMULA) for row in body for cell in row)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("Report\r=1+1", '"Report\r=1+1"'),
        ("a,b", '"a,b"'),
        ('say "hi"', '"say ""hi"""'),
        ("=1+1", "'=1+1"),
        ("\r=1", '"\'\r=1"'),
        (-5, "-5"),
        (1.5, "1.5"),
        (float("nan"), ""),
        (None, ""),
        (True, "True"),
    ],
    ids=["cr", "comma", "quote", "formula", "cr-formula", "negative", "float", "nan", "none", "bool"],
)
def test_csv_field(value: object, cell: str) -> None:
    assert csv_field(value) == cell
