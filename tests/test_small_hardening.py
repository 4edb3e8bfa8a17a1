"""Smaller defences: Save checks what the browser sends back, one JSON Lines row is bounded
like one file, IMPACT_MAX_FILE_MB=inf is no traceback, control characters do not reach the
terminal raw, a PDF of thousands of pages is refused by its stated count."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dashboard.views import add
from impact.cli import cli
from impact.cli.output import printable
from impact.readers import max_file_bytes
from impact.store import Store

GOOD = "At least 12 people were killed in Mosul on Monday.\n"


def _status(component: Any) -> str:
    return str(getattr(component, "children", component))


@pytest.mark.parametrize(
    ("pending", "reason"),
    [
        ({"text": "x" * (add.MAX_TEXT_CHARS + 1)}, "longer than"),
        ({"text": GOOD, "date": "yesterday"}, "YYYY-MM-DD"),
        ({"text": GOOD, "date": "2024-02-30"}, "YYYY-MM-DD"),
        ({"text": GOOD, "date": "2024-1-5"}, "YYYY-MM-DD"),
        ({"text": GOOD, "date": 20240105}, "YYYY-MM-DD"),
        ({"text": GOOD, "publisher": ["a"]}, "must be text"),
        ({"text": ["a"]}, "Find figures first"),
    ],
    ids=["too-long", "words", "no-such-day", "unpadded", "number", "list-publisher", "list-text"],
)
def test_save_checks_the_pending_article_again(tmp_path: Path, pending: dict[str, Any], reason: str) -> None:
    db = tmp_path / "impact.db"
    status = _status(add.save_outputs(db, pending))
    assert reason in status
    with Store(db) as store:
        assert store.counts()["articles"] == 0


def test_save_keeps_a_good_article(tmp_path: Path) -> None:
    db = tmp_path / "impact.db"
    status = add.save_outputs(db, {"text": GOOD, "date": "2024-01-05", "publisher": "Radio Example"})
    assert "Saved with" in str(status)


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e400", "0", "abc"])
def test_max_file_mb_takes_any_value(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str) -> None:
    monkeypatch.setenv("IMPACT_MAX_FILE_MB", value)
    assert max_file_bytes() > 0
    path = tmp_path / "a.txt"
    path.write_text(GOOD)
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(path)])
    assert result.exit_code == 0 and "At least 12" in result.stdout
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"doc": "a", "text": "At least 12 people were killed in Mosul."}\n')
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "i.db"), "--no-progress"])
    assert result.exit_code == 0, result.output


def test_a_json_lines_row_is_bounded_like_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("IMPACT_MAX_FILE_MB", "0.001")  # about 1 KB
    corpus = tmp_path / "corpus.jsonl"
    long_row = '{"doc": "big", "text": "' + "word " * 2000 + '"}\n'
    corpus.write_text(long_row + '{"doc": "ok", "text": "At least 12 people were killed in Mosul."}\n')
    db = tmp_path / "impact.db"
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "corpus.jsonl:1: row longer than" in errors[0]
    with Store(db) as store:
        assert list(store.articles()["doc"]) == ["ok"]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("a\nb", "a\\nb"), ("\x1b[31mred", "\\x1b[31mred"), ("x\u202ey", "x\\u202ey"), ("\x9b", "\\x9b"), ("é ü", "é ü")],
    ids=["newline", "escape", "bidi-override", "c1", "letters"],
)
def test_printable(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_control_characters_in_a_file_name_stay_on_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "evil\n\x1b[2Jname.txt"
    bad.write_bytes(b"\x00\x01binary")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    for args in (["extract", "--format", "jsonl"], ["ingest", "--db", str(tmp_path / "i.db"), "--no-progress"]):
        result = CliRunner().invoke(cli, [*args, str(bad), str(good)])
        assert "\x1b" not in result.output
        assert next(line for line in result.stderr.splitlines() if "evil" in line).count("\\n") == 1


def test_control_characters_in_metadata_stay_out_of_the_terminal(tmp_path: Path) -> None:
    from impact.model import Article
    from impact.pipeline import extract

    db = tmp_path / "impact.db"
    with Store(db) as store:
        for n, publisher in enumerate(("Evil\x1b]0;pwned\x07 News", "Other\nNews")):
            text = f"At least {12 + n * 500} people were killed in Mosul."
            store.add_article(Article(f"d{n}", text, publisher=publisher, date=f"2024-01-0{n + 1}"), extract(text))
    result = CliRunner().invoke(cli, ["compare", "--place", "Mosul", "--category", "killed", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "Other\\nNews" in result.output


def test_a_pdf_of_thousands_of_pages_is_refused_by_its_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pypdf = pytest.importorskip("pypdf")
    from impact.readers import pdf

    monkeypatch.setattr(pdf, "MAX_PDF_PAGES", 5)
    writer = pypdf.PdfWriter()
    for _ in range(6):
        writer.add_blank_page(width=100, height=100)
    path = tmp_path / "tome.pdf"
    writer.write(str(path))
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(path)])
    assert result.exit_code == 1
    assert "PDF of 6 pages; one article has at most 5" in result.stderr
