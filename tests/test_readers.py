"""Readers: one article (or one clear error) per input, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from impact.model import Article
from impact.readers import (
    ReadError,
    Skipped,
    UndecodableError,
    decode,
    iso_date,
    read_path,
    read_paths,
)

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
GOOD = CORPUS / "good"
BAD = CORPUS / "bad"


def only_article(path: Path, **defaults: object) -> Article:
    items = list(read_path(path, **defaults))
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param(
            "raqqa_daily.txt",
            {
                "doc": "raqqa_daily",
                "publisher": "Daily Example",
                "title": "Coalition says IS holds out in Raqqa",
                "date": "2017-07-02",
                "url": "https://daily.example/raqqa",
            },
            id="text-with-sidecar",
        ),
        pytest.param(
            "raqqa_monitor.html",
            {
                "doc": "raqqa_monitor",
                "publisher": "Monitor Example",
                "title": "Monitor: fighters remain",
                "date": "2017-07-03",
                "url": "https://monitor.example/raqqa",
            },
            id="html-trafilatura",
        ),
        pytest.param("idlib_report.pdf", {"doc": "idlib_report"}, id="pdf"),
        pytest.param("bom8.txt", {"doc": "bom8"}, id="utf8-bom"),
        pytest.param("utf16.txt", {"doc": "utf16"}, id="utf16-bom"),
    ],
)
def test_single_file_readers(name: str, expected: dict[str, str]) -> None:
    article = only_article(GOOD / name)
    for key, value in expected.items():
        assert getattr(article, key) == value, key
    assert article.source_path == str(GOOD / name)


@pytest.mark.parametrize(
    ("name", "first_words"),
    [
        pytest.param("raqqa_daily.txt", "Coalition says", id="text"),
        pytest.param("raqqa_monitor.html", "Monitor: fighters remain\nBetween 3,000", id="html"),
        pytest.param("idlib_report.pdf", "Situation report", id="pdf"),
        pytest.param("bom8.txt", "Nearly 20,000", id="bom-dropped"),
        pytest.param("utf16.txt", "Thousands of people", id="utf16-decoded"),
    ],
)
def test_text_is_clean(name: str, first_words: str) -> None:
    text = only_article(GOOD / name).text
    assert text.startswith(first_words)
    assert "\ufeff" not in text and "\r" not in text
    assert "<" not in text  # no markup, no navigation
    assert "Home" not in text


@pytest.mark.parametrize(
    ("path", "docs", "fields"),
    [
        pytest.param(
            GOOD / "nested" / "wire.jsonl",
            ["wire-1", "wire-2"],
            {"wire-1": {"publisher": "Wire Example", "date": "2020-05-04", "title": "Floods"}},
            id="jsonl",
        ),
        pytest.param(
            GOOD / "nested" / "sheet.csv",
            ["csv-1", "csv-2"],
            {
                "csv-2": {
                    "date": None,
                    "text": 'About 300 families arrived in the camps, "aid workers" said.',
                }
            },
            id="csv-quoted",
        ),
    ],
)
def test_corpus_readers(path: Path, docs: list[str], fields: dict[str, dict[str, object]]) -> None:
    articles = list(read_path(path))
    assert all(isinstance(a, Article) for a in articles)
    by_doc = {a.doc: a for a in articles if isinstance(a, Article)}
    assert list(by_doc) == docs
    for doc, values in fields.items():
        for key, value in values.items():
            assert getattr(by_doc[doc], key) == value


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        pytest.param("broken.pdf", "not a readable PDF", id="broken-pdf"),
        pytest.param("binary.txt", "binary file", id="binary"),
        pytest.param("latin1.txt", "not UTF-8 text (byte 0xe9", id="undecodable"),
    ],
)
def test_bad_files_give_one_error_with_reason(name: str, reason: str) -> None:
    items = list(read_path(BAD / name))
    assert len(items) == 1
    assert isinstance(items[0], ReadError)
    assert items[0].path == str(BAD / name)
    assert reason in items[0].reason


def test_malformed_jsonl_line_is_reported_and_others_read() -> None:
    items = list(read_path(BAD / "rows.jsonl"))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article"]
    error = items[1]
    assert isinstance(error, ReadError) and error.line == 2
    assert "malformed JSON" in error.reason
    assert str(error).startswith(f"{BAD / 'rows.jsonl'}:2: ")


@pytest.mark.parametrize(
    ("content", "reasons"),
    [
        pytest.param(
            "id,text\nok,Dozens fled.\nlong,Hundreds fled.,surplus\nempty,\n",
            {3: "3 fields where the header has 2", 4: "no text in this row"},
            id="csv-bad-rows",
        ),
        pytest.param("id,title\na,b\n", {None: "no 'text' column"}, id="csv-no-text-column"),
    ],
)
def test_csv_row_errors(tmp_path: Path, content: str, reasons: dict[int | None, str]) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(content, encoding="utf-8")
    errors = {i.line: i.reason for i in read_path(path) if isinstance(i, ReadError)}
    assert errors.keys() == reasons.keys()
    for line, reason in reasons.items():
        assert reason in errors[line]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param('["a list"]', "not a JSON object", id="not-object"),
        pytest.param('{"id": "x"}', "no text", id="no-text"),
        pytest.param('{"text": 12}', "no text", id="text-not-string"),
    ],
)
def test_jsonl_row_errors(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    [item] = list(read_path(path))
    assert isinstance(item, ReadError) and reason in item.reason and item.line == 1


def test_folder_is_read_recursively_in_order_without_sidecars() -> None:
    items = list(read_paths([GOOD]))
    assert all(isinstance(i, Article) for i in items), [str(i) for i in items]
    docs = [i.doc for i in items if isinstance(i, Article)]
    expected = {"bom8", "idlib_report", "csv-1", "csv-2", "wire-1", "wire-2", "utf16"}
    assert sorted(docs) == sorted(expected | {"raqqa_daily", "raqqa_monitor"})
    assert docs == [i.doc for i in read_paths([GOOD]) if isinstance(i, Article)]


def test_folder_skips_unknown_types_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Dozens fled.", encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".hidden.txt").write_text("Hundreds fled.", encoding="utf-8")
    (tmp_path / "a.gold.jsonl").write_text('{"doc": "a"}\n', encoding="utf-8")
    items = list(read_path(tmp_path))
    assert [type(i).__name__ for i in items] == ["Article", "Skipped"]
    assert isinstance(items[1], Skipped) and "png" in items[1].reason


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    [item] = list(read_path(tmp_path / "nope.txt"))
    assert isinstance(item, ReadError) and "no such file" in item.reason


def test_defaults_fill_only_missing_metadata() -> None:
    items = [i for i in read_paths([GOOD], publisher="Fallback", date="1 March 2021")]
    by_doc = {i.doc: i for i in items if isinstance(i, Article)}
    assert by_doc["raqqa_daily"].publisher == "Daily Example"
    assert by_doc["bom8"].publisher == "Fallback"
    assert by_doc["bom8"].date == "2021-03-01"
    assert by_doc["wire-1"].date == "2020-05-04"


@pytest.mark.parametrize(
    ("sidecar", "first_line", "illustrative"),
    [
        pytest.param({"illustrative": True}, "Invented.", True, id="sidecar-flag"),
        pytest.param({}, "ILLUSTRATIVE SAMPLE — invented", True, id="marked-text"),
        pytest.param({"illustrative": "false"}, "Reported.", False, id="string-false"),
        pytest.param(None, "Reported.", False, id="no-sidecar"),
    ],
)
def test_illustrative_flag(
    tmp_path: Path, sidecar: dict[str, object] | None, first_line: str, illustrative: bool
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"{first_line}\nAbout 3,000 fighters remain.\n", encoding="utf-8")
    if sidecar is not None:
        (tmp_path / "story.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    assert only_article(path).illustrative is illustrative


def test_broken_sidecar_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Dozens fled.", encoding="utf-8")
    (tmp_path / "story.meta.json").write_text("{not json", encoding="utf-8")
    [item] = list(read_path(tmp_path))
    assert isinstance(item, ReadError) and "sidecar" in item.reason


def test_seed_illustrative_article_is_flagged() -> None:
    seed = Path(__file__).parents[1] / "seeds" / "illustrative_raqqa_monitor.txt"
    article = only_article(seed)
    assert article.illustrative
    assert article.publisher == "Illustrative Monitor (invented)"
    assert article.text.startswith("ILLUSTRATIVE SAMPLE")


@pytest.mark.parametrize(
    ("data", "text"),
    [
        pytest.param(b"a\r\nb\rc", "a\nb\nc", id="newlines"),
        pytest.param("\ufeffé".encode("utf-16-be"), "é", id="utf16-be"),
        pytest.param("\ufeffé".encode("utf-32-le"), "é", id="utf32-le"),
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode(data) == text


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2017-07-02", "2017-07-02"),
        ("2017-07-02T10:00:00Z", "2017-07-02"),
        ("July 2, 2017", "2017-07-02"),
        ("not a date", None),
        ("", None),
    ],
)
def test_iso_date(value: str, iso: str | None) -> None:
    assert iso_date(value) == iso


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        pytest.param("a.meta.json", Skipped, id="sidecar-named-by-a-glob"),
        pytest.param("a.gold.jsonl", Skipped, id="annotations-named-by-a-glob"),
        pytest.param("a.json", ReadError, id="unsupported-type"),
        pytest.param("NOEXT", Article, id="no-extension-sniffed-as-text"),
    ],
)
def test_explicit_files_of_other_types(tmp_path: Path, name: str, kind: type) -> None:
    path = tmp_path / name
    path.write_text('{"publisher": "x"}', encoding="utf-8")
    [item] = list(read_path(path))
    assert isinstance(item, kind)


def test_file_without_extension_sniffed_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "REPORT"
    path.write_bytes((GOOD / "idlib_report.pdf").read_bytes())
    assert only_article(path).text.startswith("Situation report")


@given(st.binary(max_size=200))
def test_decode_returns_text_or_says_why(data: bytes) -> None:
    try:
        text = decode(data)
    except UndecodableError as error:
        assert str(error)
    else:
        assert "\r" not in text and not text.startswith("\ufeff")


@given(st.text(max_size=200))
def test_utf8_text_decodes_to_itself(text: str) -> None:
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" not in text and not text.startswith("\ufeff"):
        assert decode(text.encode("utf-8")) == expected
