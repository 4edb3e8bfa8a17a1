"""Hostile files given to ``impact ingest`` and ``impact extract``.

Each bad input gets one clear stderr line naming the file and the reason, the good
files beside it are still stored, the exit code is non-zero and the store passes
``PRAGMA integrity_check``. Large and binary inputs are generated in ``tmp_path``.
"""

from __future__ import annotations

import codecs
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from impact.cli import cli
from impact.store import Store

ROOT = Path(__file__).resolve().parents[1]
GOOD_TEXT = "At least 25 people were killed and about 1,200 families fled Mosul, officials said.\n"


def _empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def _blank(folder: Path) -> Path:
    path = folder / "blank.txt"
    path.write_text(" \n\t\n", encoding="utf-8")
    return path


def _binary(folder: Path) -> Path:
    path = folder / "blob.txt"
    path.write_bytes(bytes(range(256)) * 64)
    return path


def _executable(folder: Path) -> Path:
    path = folder / "program"  # no extension: sniffed from its first bytes
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 2000)
    return path


def _latin1(folder: Path) -> Path:
    path = folder / "latin1.txt"
    path.write_bytes("Déplacés: 300 personnes à Goma.".encode("latin-1"))
    return path


def _huge(folder: Path) -> Path:
    """200 MB, made sparse: a size check must refuse it before reading it."""
    path = folder / "huge.txt"
    with path.open("wb") as handle:
        handle.write(GOOD_TEXT.encode())
        handle.truncate(200 * 1024 * 1024)
    return path


def _fake_pdf(folder: Path) -> Path:
    path = folder / "report.pdf"
    path.write_text("This is not a PDF, 300 people were killed.", encoding="utf-8")
    return path


def _truncated_pdf(folder: Path) -> Path:
    path = folder / "truncated.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    return path


def _csv_without_text(folder: Path) -> Path:
    path = folder / "corpus.csv"
    path.write_text("doc,body\na,300 people were killed\n", encoding="utf-8")
    return path


def _jsonl_bad_line(folder: Path) -> Path:
    path = folder / "corpus.jsonl"
    path.write_text(
        '{"doc": "row-ok", "text": "At least 40 people were displaced in Goma."}\n{not json at all\n',
        encoding="utf-8",
    )
    return path


def _jsonl_not_object(folder: Path) -> Path:
    path = folder / "list.jsonl"
    path.write_text('["text", "300 people were killed"]\n', encoding="utf-8")
    return path


def _jsonl_nested_too_deeply(folder: Path) -> Path:
    path = folder / "deep.jsonl"
    depth = 100_000  # json.loads recursed until RecursionError ended the whole ingest
    path.write_text(
        '{"text": ' + "[" * depth + "]" * depth + '}\n{"doc": "row-ok", "text": "About 40 people fled Goma."}\n',
        encoding="utf-8",
    )
    return path


def _html_without_text(folder: Path) -> Path:
    path = folder / "empty.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body></body></html>", encoding="utf-8")
    return path


def _missing(folder: Path) -> Path:
    return folder / "does-not-exist.txt"


def _unsupported(folder: Path) -> Path:
    path = folder / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    return path


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Path]
    reason: str  # words the stderr line must carry
    rows_stored: int = 0  # articles of the bad input that are still good (a corpus's other rows)


CASES = {
    "empty-file": Case(_empty, "empty file"),
    "blank-file": Case(_blank, "empty file"),
    "binary-file": Case(_binary, "binary file"),
    "executable-without-extension": Case(_executable, "binary file"),
    "invalid-utf8": Case(_latin1, "not UTF-8"),
    "200MB-file": Case(_huge, "file too large"),
    "pdf-that-is-not-a-pdf": Case(_fake_pdf, "not a readable PDF"),
    "truncated-pdf": Case(_truncated_pdf, "PDF"),
    "csv-without-text-column": Case(_csv_without_text, "no 'text' column"),
    "jsonl-line-not-json": Case(_jsonl_bad_line, "malformed JSON", rows_stored=1),
    "jsonl-line-not-an-object": Case(_jsonl_not_object, "not a JSON object"),
    "jsonl-nested-too-deeply": Case(_jsonl_nested_too_deeply, "nested too deeply", rows_stored=1),
    "html-without-main-text": Case(_html_without_text, "no main text"),
    "path-that-does-not-exist": Case(_missing, "no such file or folder"),
    "unsupported-type": Case(_unsupported, "unsupported file type"),
}


def _ingest(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["ingest", *map(str, args), "--no-progress"], catch_exceptions=False)


def _integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def _error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_bad_input_is_one_error_line_and_the_good_files_are_stored(case: Case, good: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bad = case.make(folder)
    db = tmp_path / "impact.db"

    result = _ingest(good, bad, "--db", db)

    assert result.exit_code == 1, result.output
    errors = _error_lines(result)
    assert len(errors) == 1, result.stderr
    assert str(bad) in errors[0] and case.reason in errors[0], errors[0]
    assert "Traceback" not in result.output
    assert _integrity(db) == "ok"
    with Store(db) as store:
        docs = set(store.articles()["doc"])
    assert "good" in docs
    assert len(docs) == 1 + case.rows_stored


def test_every_bad_input_at_once_in_a_folder(good: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(good, folder / "good.txt")
    # in a folder, files of other types are skipped (named on stderr), not errors
    skipped = ("executable-without-extension", "unsupported-type")
    for name, case in CASES.items():
        if name != "path-that-does-not-exist":
            case.make(folder)
    db = tmp_path / "impact.db"

    result = _ingest(folder, "--db", db)

    assert result.exit_code == 1
    assert len(_error_lines(result)) == len(CASES) - 1 - len(skipped)
    assert len([line for line in result.stderr.splitlines() if line.startswith("skipped: ")]) == len(skipped)
    assert _integrity(db) == "ok"
    with Store(db) as store:
        assert set(store.articles()["doc"]) == {"good", "row-ok"}


def test_the_size_limit_can_be_raised(good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text(GOOD_TEXT + "Nothing more to report today.\n" * 40_000, encoding="utf-8")  # 1.2 MB
    monkeypatch.setenv("IMPACT_MAX_FILE_MB", "1")
    refused = _ingest(big, "--db", tmp_path / "a.db")
    assert refused.exit_code == 1
    assert "file too large" in refused.stderr and "IMPACT_MAX_FILE_MB" in refused.stderr
    monkeypatch.setenv("IMPACT_MAX_FILE_MB", "2")
    assert _ingest(big, "--db", tmp_path / "b.db").exit_code == 0


# -- inputs that must be read, not refused ------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
    ids=["utf16-le", "utf16-be", "utf8-bom", "utf32-le"],
)
def test_text_with_a_byte_order_mark_is_read(bom: bytes, encoding: str, tmp_path: Path) -> None:
    text = "Plus de 300 personnes déplacées à Goma.\r\nAt least 25 people were killed in Mosul.\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + text.encode(encoding))
    db = tmp_path / "impact.db"

    result = _ingest(path, "--db", db)

    assert result.exit_code == 0, result.stderr
    with Store(db) as store:
        assert store.article_text("bom") == text.replace("\r\n", "\n")
        assert [f.surface for f in store.figure_records("bom")][-1] == "At least 25"


def test_names_and_texts_that_are_not_valid_unicode_are_stored(tmp_path: Path) -> None:
    """A file name that is not UTF-8 and a JSON "\\ud800" give Python lone surrogates, which no
    UTF-8 database takes: they ended the whole ingest. Now each is stored with U+FFFD."""
    folder = tmp_path / "in"
    folder.mkdir()
    (Path(os.fsdecode(bytes(folder))) / os.fsdecode(b"report\xff.txt")).write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "rows.jsonl").write_text(
        '{"doc": "lone", "text": "At least 25 people \\ud800 were killed in Mosul."}\n', encoding="utf-8"
    )
    db = tmp_path / "impact.db"

    result = _ingest(folder, "--db", db)

    assert result.exit_code == 0, result.stderr
    with Store(db) as store:
        assert set(store.articles()["doc"]) == {"report\ufffd", "lone"}
        text = store.article_text("lone")
        assert text == "At least 25 people \ufffd were killed in Mosul."
        assert [f.surface for f in store.figure_records("lone")] == ["At least 25"]
    assert _integrity(db) == "ok"


def test_a_sidecar_nested_too_deeply_is_one_error(good: Path, tmp_path: Path) -> None:
    article = tmp_path / "deep.txt"
    article.write_text(GOOD_TEXT.replace("25", "26"), encoding="utf-8")
    sidecar = tmp_path / "deep.meta.json"
    sidecar.write_text('{"title": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    db = tmp_path / "impact.db"

    result = _ingest(article, good, "--db", db)

    assert result.exit_code == 1
    assert _error_lines(result) == [f"error: {sidecar}: unreadable metadata sidecar (JSON nested too deeply)"]
    with Store(db) as store:
        assert list(store.articles()["doc"]) == ["good"]


def test_script_content_never_reaches_the_stored_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Floods</title><script>var secret = 'SCRIPT-BODY 999 people';</script>"
        "<style>.x{content:'STYLE-BODY'}</style></head><body><article>"
        "<p>At least 25 people were killed and about 1,200 families fled Mosul, officials said on Monday.</p>"
        "<p>Aid agencies said the roads to the city stayed closed for most of the week after the attack.</p>"
        "<script>document.write('INLINE-SCRIPT 777 dead')</script><noscript>Enable scripts to see the map.</noscript>"
        "<p onclick=\"alert('HANDLER')\">Another 40 people were injured, the health ministry said.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    db = tmp_path / "impact.db"

    result = _ingest(page, "--db", db)

    assert result.exit_code == 0, result.stderr
    with Store(db) as store:
        text = store.article_text("page")
        surfaces = [f.surface for f in store.figure_records("page")]
    assert text is not None and "At least 25 people were killed" in text
    for hidden in ("SCRIPT-BODY", "STYLE-BODY", "INLINE-SCRIPT", "HANDLER", "<script", "<p"):
        assert hidden not in text
    assert "999" not in surfaces and "777" not in surfaces


# -- folders that cannot be read ------------------------------------------------------------------


def _nobody_can_run_python() -> bool:
    runuser = shutil.which("runuser")
    if runuser is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(
        [runuser, "-u", "nobody", "--", sys.executable, "-c", "import impact"],
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        cwd="/",
    )
    return probe.returncode == 0


@pytest.fixture
def locked_folder() -> Iterator[Path]:
    """A world-writable workspace with a good file and a folder nobody may read."""
    workspace = Path(tempfile.mkdtemp(prefix="impact-hostile-"))
    workspace.chmod(0o777)
    (workspace / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (workspace / "good.txt").chmod(0o644)
    locked = workspace / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("10 people fled.\n", encoding="utf-8")
    locked.chmod(0o000)
    try:
        yield workspace
    finally:
        locked.chmod(0o755)
        shutil.rmtree(workspace)


def test_an_unreadable_folder_is_reported(locked_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a normal user the folder is really unreadable; as root (CI), which ignores file
    permissions, the command runs as ``nobody`` when it can, else ``os.scandir`` is made to
    raise the PermissionError a normal user would get."""
    locked, db = locked_folder / "locked", locked_folder / "impact.db"
    args = ["ingest", "good.txt", "locked", "--db", str(db), "--no-progress"]
    if os.geteuid() != 0 or _nobody_can_run_python():
        prefix = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
        process = subprocess.run(
            [*prefix, sys.executable, "-m", "impact", *args],
            cwd=locked_folder,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
        )
        code, stderr = process.returncode, process.stderr
    else:
        real_scandir = os.scandir

        def scandir(path: str | os.PathLike[str] = ".") -> Iterator[os.DirEntry[str]]:
            if Path(path).name == "locked":
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
        monkeypatch.chdir(locked_folder)
        result = _ingest("good.txt", "locked", "--db", db)
        code, stderr = result.exit_code, result.stderr
    assert code == 1, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert errors == ["error: locked: cannot read folder (Permission denied)"], stderr
    assert _integrity(db) == "ok"
    with Store(db) as store:
        assert list(store.articles()["doc"]) == ["good"]
    assert locked.exists()


# -- impact extract ---------------------------------------------------------------------------------


EXTRACT_CASES = {
    "binary-file": (_binary, "binary file, not text"),
    "invalid-utf8": (_latin1, "not UTF-8 text (byte 0xe9"),
    "path-that-does-not-exist": (_missing, "no such file or folder"),
}


@pytest.mark.parametrize(("make", "reason"), EXTRACT_CASES.values(), ids=EXTRACT_CASES.keys())
def test_extract_reports_a_bad_file_and_goes_on(
    make: Callable[[Path], Path], reason: str, good: Path, tmp_path: Path
) -> None:
    bad = make(tmp_path)
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(bad), str(good)], catch_exceptions=False)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and reason in lines[0], result.stderr
    assert '"At least 25"' in result.stdout  # the good file's figures are printed


def test_extract_reads_utf16_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + GOOD_TEXT.encode("utf-16-le"))
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert '"At least 25"' in result.stdout


def test_a_figure_beyond_64_bits_does_not_stop_the_ingest(good: Path, tmp_path: Path) -> None:
    """The extractor reads "100000000000000000000 people": SQLite cannot store it (it raised
    OverflowError and ended the whole ingest); the store leaves such a figure out."""
    huge = tmp_path / "huge_number.txt"
    huge.write_text("100000000000000000000 people were killed in Mosul.\n", encoding="utf-8")
    db = tmp_path / "impact.db"

    result = _ingest(huge, good, "--db", db)

    assert result.exit_code == 0, result.stderr
    with Store(db) as store:
        assert set(store.articles()["doc"]) == {"huge_number", "good"}
        assert store.figure_records("huge_number") == []
    assert _integrity(db) == "ok"
