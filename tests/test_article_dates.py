"""The article's date: read leniently from metadata, passed to `impact extract`, and used to
resolve relative time words ("last week"). Synthetic files only."""

from __future__ import annotations

from pathlib import Path

import pytest

METADATA_DATES = [
    pytest.param("2013-12-30", ("2013-12-30", "day"), id="iso"),
    pytest.param("2013-12-30 (approx.)", ("2013-12-30", "day"), id="iso-with-a-note"),
    pytest.param("30 Dec 2013", ("2013-12-30", "day"), id="day-month-year"),
    pytest.param("December 2013", ("2013-12", "month"), id="month-precision"),
    pytest.param("c. 2013", ("2013", "year"), id="year-precision"),
    pytest.param("2013-12", ("2013-12", "month"), id="iso-month"),
    pytest.param("2024-02-29", ("2024-02-29", "day"), id="leap-day"),
    pytest.param("2023-02-29", None, id="no-such-day"),
    pytest.param("yesterday", None, id="relative-says-nothing"),
    pytest.param("not a date", None, id="words"),
]


@pytest.mark.parametrize(("value", "expected"), METADATA_DATES)
def test_metadata_dates_are_read_leniently(value: str, expected: tuple[str, str] | None) -> None:
    from impact.readers.base import parse_date

    assert parse_date(value) == expected


def _cli_rows(args: list[str]) -> tuple[list[dict[str, object]], str]:
    import json

    from click.testing import CliRunner

    from impact.cli import cli

    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return rows, result.stderr


def test_extract_command_takes_the_article_date(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Gunmen killed 14 villagers on Monday.\n", encoding="utf-8")
    rows, _ = _cli_rows(["--published", "2024-05-08", str(path)])
    assert rows[0]["period"] == "on Monday" and rows[0]["as_of"] == "2024-05-06"
    assert rows[0]["kind"] == "flow" and rows[0]["time_source"] == "sentence"


def test_extract_command_reads_the_sidecar_date(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("About 5,000 residents fled last week.\n", encoding="utf-8")
    (tmp_path / "report.meta.json").write_text('{"date": "3 January 2024"}', encoding="utf-8")
    rows, _ = _cli_rows([str(tmp_path / "report.txt")])
    assert (rows[0]["period_start"], rows[0]["period_end"]) == ("2023-12-25", "2023-12-31")


def test_unreadable_sidecar_date_warns_once_and_keeps_the_figures(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("About 5,000 residents fled last week.\n", encoding="utf-8")
    (tmp_path / "report.meta.json").write_text('{"date": "sometime in spring"}', encoding="utf-8")
    rows, errors = _cli_rows([str(tmp_path / "report.txt")])
    assert [r["surface"] for r in rows] == ["About 5,000"] and rows[0]["period_start"] is None
    warnings = [line for line in errors.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "report.meta.json" in warnings[0] and "sometime in spring" in warnings[0]


def test_extract_command_refuses_a_bad_published_date(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from impact.cli import cli

    path = tmp_path / "report.txt"
    path.write_text("Some 40 families fled.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--published", "May 2024", str(path)])
    assert result.exit_code != 0 and "--published" in result.output


def test_store_and_export_carry_the_time_frame(tmp_path: Path) -> None:
    from impact import Article, Store, export_figures, extract
    from impact.export import hxl_tag

    text = "Gunmen killed 14 villagers on Monday. Some 4,000 people remain in shelters."
    figures = extract(text, published="2024-05-08", geocode=False)
    with Store(tmp_path / "impact.db") as store:
        store.add_article(Article("report", text, date="2024-05-08"), figures)
        assert store.figure_records("report") == figures
        frame = export_figures(store)
    row = frame.iloc[0]
    assert (row["period"], row["period_start"], row["as_of"]) == ("on Monday", "2024-05-06", "2024-05-06")
    assert row["kind"] == "flow"
    assert frame.iloc[1]["time_source"] == "article_date"
    tags = [hxl_tag(c) for c in ("period_start", "period_end", "date")]
    assert tags == ["#date+start", "#date+end", "#date+reported"]


def test_a_corpus_row_with_an_unreadable_date_warns_and_keeps_its_figures(tmp_path: Path) -> None:
    import json

    corpus = tmp_path / "corpus.jsonl"
    rows = [
        {"doc": "a", "date": "2024-05-08", "text": "Gunmen killed 14 villagers on Monday."},
        {"doc": "b", "date": "the week after", "text": "Some 40 families fled."},
    ]
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    found, errors = _cli_rows([str(corpus)])
    assert [r["surface"] for r in found] == ["14", "Some 40"]
    assert found[0]["as_of"] == "2024-05-06"
    warnings = [line for line in errors.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "the week after" in warnings[0]
