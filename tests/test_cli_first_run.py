"""First run and typos: a mistyped --db is an error, not an empty store; extract reads folders;
the progress bar counts articles; an empty store tells how to add articles."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from impact.cli import cli
from impact.cli.corpus import article_total

TEXT = "At least 12 people were killed in Mosul on Monday, officials said.\n"


@pytest.mark.parametrize(
    "args",
    [
        ["export"],
        ["compare", "--place", "Mosul", "--category", "killed"],
        ["dashboard"],
    ],
    ids=["export", "compare", "dashboard"],
)
def test_a_mistyped_db_is_an_error_line_and_creates_nothing(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "impcat.db"
    result = CliRunner().invoke(cli, [*args, "--db", str(missing)])
    assert result.exit_code != 0
    assert f"no database at {missing}" in result.output
    assert "impact ingest" in result.output
    assert not missing.exists()


def test_dashboard_create_starts_an_empty_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dash

    served: list[Any] = []
    monkeypatch.setattr(dash.Dash, "run", lambda self, **kwargs: served.append(self))
    new = tmp_path / "new.db"
    result = CliRunner().invoke(cli, ["dashboard", "--db", str(new), "--create"])
    assert result.exit_code == 0, result.output
    assert new.is_file() and served
    page = served[0].server.test_client().get("/", headers={"Host": "127.0.0.1"})
    assert page.status_code == 200


def test_an_empty_store_says_how_to_add_articles(tmp_path: Path) -> None:
    from dashboard import components, snapshot
    from impact.store import Store

    db = tmp_path / "empty.db"
    Store(db).close()
    bar = components.filter_bar({}, snapshot.load(db))
    text = json.dumps(bar.to_plotly_json(), default=lambda o: o.to_plotly_json())
    assert "No articles yet" in text and "impact ingest" in text and "/add" in text


def test_a_store_with_articles_shows_no_notice(tmp_path: Path) -> None:
    from dashboard import components, snapshot
    from dashboard.testing import build_sample_store

    db = tmp_path / "sample.db"
    build_sample_store(db)
    bar = components.filter_bar({}, snapshot.load(db))
    text = json.dumps(bar.to_plotly_json(), default=lambda o: o.to_plotly_json())
    assert "No articles yet" not in text


def test_extract_reads_a_folder_like_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "deeper").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT)
    (folder / "deeper" / "b.txt").write_text(TEXT.replace("12", "40"))
    (folder / "a.meta.json").write_text('{"publisher": "Daily"}')
    (folder / ".hidden.txt").write_text(TEXT)
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(folder)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted((r["doc"], r["low"]) for r in rows) == [("a", 12), ("b", 40)]


def test_extract_of_a_folder_and_a_corpus(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    with (folder / "feed.jsonl").open("w") as handle:
        for i in range(3):
            handle.write(json.dumps({"doc": f"row{i}", "text": TEXT.replace("12", str(20 + i))}) + "\n")
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(folder)])
    assert result.exit_code == 0, result.output
    docs = sorted(json.loads(line)["doc"] for line in result.stdout.splitlines())
    assert docs == ["a", "row0", "row1", "row2"]


def test_progress_counts_articles_not_files(tmp_path: Path) -> None:
    import pandas as pd

    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text("".join(json.dumps({"doc": f"j{i}", "text": TEXT}) + "\n" for i in range(25)) + "\n")
    csv_path = tmp_path / "feed.csv"
    pd.DataFrame({"doc": [f"c{i}" for i in range(7)], "text": ["line one\nline two"] * 7}).to_csv(csv_path, index=False)
    parquet = tmp_path / "feed.parquet"
    pd.DataFrame({"doc": [f"p{i}" for i in range(11)], "text": [TEXT] * 11}).to_parquet(parquet)
    single = tmp_path / "one.txt"
    single.write_text(TEXT)
    assert article_total([jsonl]) == 25
    assert article_total([csv_path]) == 7  # quoted newlines are inside one row
    assert article_total([parquet]) == 11
    assert article_total([jsonl, csv_path, parquet, single]) == 44
    assert article_total([tmp_path / "missing.jsonl"]) == 1


def test_ingest_progress_bar_reaches_the_article_count(tmp_path: Path) -> None:
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text("".join(json.dumps({"doc": f"j{i}", "text": TEXT.replace("12", str(i + 3))}) + "\n"
                             for i in range(12)))  # fmt: skip
    result = CliRunner().invoke(cli, ["ingest", str(jsonl), "--db", str(tmp_path / "p.db"), "--progress"])
    assert result.exit_code == 0, result.output
    assert "12/12" in result.stderr and "articles" in result.stderr
    assert not re.search(r"\b[01]/1\b", result.stderr)  # not one step for the one file
