"""``impact ingest / export / compare`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import impact.ingesting
from impact.cli.corpus import compare, export, ingest
from impact.model import Article, Figure, Place
from impact.store import Store

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def first_number_extractor(text: str) -> list[Figure]:
    """A fixed, fast stand-in for the extractor, so these tests check the command line only."""
    surface = "2,500" if "2,500" in text else None
    if surface is None:
        return []
    start = text.index(surface)
    return [Figure(start, start + 5, surface, 2500, 2500, 2500, False, False, category="fighters")]


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setattr(impact.ingesting, "default_extractor", lambda: first_number_extractor)
    return CliRunner()


@pytest.fixture
def raqqa_db(tmp_path: Path) -> Path:
    path = tmp_path / "raqqa.db"
    place = Place("Raqqa", matched="Ar Raqqah", country_code="SY", geonameid=163915)
    with Store(path) as store:
        for doc, surface, low, high, publisher in (
            ("daily", "An estimated 2,500", 2500, 2500, "Daily Example"),
            ("monitor", "Between 3,000 and 4,000", 3000, 4000, "=Monitor"),
        ):
            figure = Figure(
                0, len(surface), surface, low, high, (low + high) // 2, False, False,
                category="fighters", location="Raqqa", place=place, sentence=f"{surface} remain.",
            )  # fmt: skip
            # dated: undated estimates are compared only within their own article
            article = Article(doc, f"{surface} remain.", publisher=publisher, date="2017-07-02")
            store.add_article(article, [figure])
    return path


def test_ingest_reports_each_bad_input_and_stores_the_good(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "impact.db"
    args = [str(CORPUS / "good"), str(CORPUS / "bad"), "--db", str(db), "--no-progress"]
    result = runner.invoke(ingest, args)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 4
    assert any("binary.txt: binary file" in line for line in errors)
    assert any("broken.pdf: not a readable PDF" in line for line in errors)
    assert any("latin1.txt: not UTF-8" in line for line in errors)
    assert any("rows.jsonl:2: malformed JSON" in line for line in errors)
    assert "12 articles added, 0 already present, 1 figure, 4 failed" in result.stderr
    with Store(db) as store:
        assert store.counts()["articles"] == 12

    again = runner.invoke(ingest, [str(CORPUS / "good"), "--db", str(db), "--no-progress"])
    assert again.exit_code == 0, again.stderr
    assert "0 articles added, 9 already present, 0 figures, 0 failed" in again.stderr


def test_ingest_defaults_and_bad_date(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "impact.db"
    text = str(CORPUS / "good" / "bom8.txt")
    ok = runner.invoke(ingest, [text, "--db", str(db), "--publisher", "P", "--date", "2020-01-02"])
    assert ok.exit_code == 0
    with Store(db) as store:
        assert store.articles().iloc[0][["publisher", "date"]].tolist() == ["P", "2020-01-02"]
    bad = runner.invoke(ingest, [text, "--db", str(db), "--date", "someday"])
    assert bad.exit_code == 2 and "not a YYYY-MM-DD date" in bad.stderr


def test_ingest_missing_path_fails(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(ingest, [str(tmp_path / "nope"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "no such file or folder" in result.stderr


@pytest.mark.parametrize(
    ("args", "check"),
    [
        pytest.param(["--format", "csv"], lambda out: out.startswith("figure_id,doc,"), id="csv"),
        pytest.param(["--format", "jsonl"], lambda out: len(out.splitlines()) == 2, id="jsonl"),
        pytest.param(
            ["--format", "json", "--source", "Daily Example"],
            lambda out: [r["doc"] for r in json.loads(out)] == ["daily"],
            id="json-filtered",
        ),
        pytest.param(
            ["--format", "hxl", "--place", "ar raqqah"],
            lambda out: out.splitlines()[1].startswith("#meta+id,#meta+doc"),
            id="hxl",
        ),
        pytest.param(["--category", "killed"], lambda out: len(out.splitlines()) == 1, id="none"),
        pytest.param(["--format", "csv"], lambda out: ",'=Monitor," in out, id="formula-safe"),
    ],
)
def test_export_to_stdout(raqqa_db: Path, args: list[str], check: object) -> None:
    result = CliRunner().invoke(export, ["--db", str(raqqa_db), *args])
    assert result.exit_code == 0, result.stderr
    assert check(result.stdout)  # type: ignore[operator]


def test_export_to_file_with_bom(raqqa_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(export, ["--db", str(raqqa_db), "--bom", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(pd.read_csv(out, encoding="utf-8-sig")) == 2
    assert "2 figures as csv" in result.stderr


@pytest.mark.parametrize("command", [export, compare], ids=["export", "compare"])
def test_missing_database_is_one_clear_error(command: object, tmp_path: Path) -> None:
    args = ["--db", str(tmp_path / "none.db")]
    if command is compare:
        args += ["--place", "Raqqa", "--category", "fighters"]
    result = CliRunner().invoke(command, args)  # type: ignore[arg-type]
    assert result.exit_code == 1
    assert "no database at" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_compare_prints_table_consensus_and_disagreements(raqqa_db: Path) -> None:
    args = ["--db", str(raqqa_db), "--place", "Raqqa", "--category", "fighters"]
    result = CliRunner().invoke(compare, args)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Raqqah · fighters · people · stock" in lines[1]  # the group's label says why they are compared
    assert lines[2].split()[:3] == ["date", "doc", "publisher"]
    assert any("daily" in line and "2,500" in line and "DISAGREES" in line for line in lines)
    assert any("monitor" in line and "3,000–4,000" in line for line in lines)
    assert any(line.startswith("  2 estimate(s)") and "conservative" in line for line in lines)
    assert "main group: no overlap among 2 estimates; median best 3,000" in result.stdout
    assert "disagrees: daily (Daily Example) says An estimated 2,500 = 2,500" in result.stdout


def test_compare_all_writes_every_estimate_once_with_its_group(raqqa_db: Path) -> None:
    result = CliRunner().invoke(compare, ["--db", str(raqqa_db), "--all", "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    wanted = {"doc", "start", "end", "group", "group_label", "disagrees", "duplicate_of"}
    assert rows and all(wanted <= set(r) for r in rows)
    assert len({(r["doc"], r["start"]) for r in rows}) == len(rows)
    usage = CliRunner().invoke(compare, ["--db", str(raqqa_db), "--all", "--place", "Raqqa"])
    assert usage.exit_code == 2 and "--all" in usage.stderr


def test_compare_jsonl_and_nothing_found(raqqa_db: Path) -> None:
    base = ["--db", str(raqqa_db), "--category", "fighters"]
    rows = CliRunner().invoke(compare, [*base, "--place", "raqqa", "--format", "jsonl"])
    assert [json.loads(x)["doc"] for x in rows.stdout.splitlines()] == ["daily", "monitor"]
    none = CliRunner().invoke(compare, [*base, "--place", "Homs"])
    assert none.exit_code == 0 and "no fighters estimates for Homs" in none.stdout


@pytest.mark.parametrize("command", [ingest, export, compare], ids=["ingest", "export", "compare"])
def test_help_has_an_example(command: object) -> None:
    result = CliRunner().invoke(command, ["--help"])  # type: ignore[arg-type]
    assert result.exit_code == 0 and "Example:" in result.stdout


def test_export_rejects_a_bad_date(raqqa_db: Path) -> None:
    result = CliRunner().invoke(export, ["--db", str(raqqa_db), "--from", "July 2017"])
    assert result.exit_code == 2 and "--from" in result.stderr


def test_a_file_that_is_not_a_database_is_one_clear_error(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database, just words " * 200, encoding="utf-8")
    result = CliRunner().invoke(export, ["--db", str(notes)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot open {notes}: file is not a database")
