"""`impact extract` and `impact evaluate` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from impact.cli import cli

SPEC_FIELDS = {"doc", "start", "end", "surface", "low", "high", "approximate", "vague", "counted", "unit",
               "category", "location", "attributed_to"}  # fmt: skip


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_jsonl_rows_carry_spec_fields_and_offsets_into_the_file(tmp_path: Path) -> None:
    text = "Floods in Kenya\n\nAt least 73 people died and about 500 families fled.\n"
    path = _write(tmp_path, "kenya-floods.txt", text.encode())
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["surface"] for r in rows] == ["At least 73", "about 500"]
    for row in rows:
        assert set(row) >= SPEC_FIELDS
        assert row["doc"] == "kenya-floods"
        assert text[row["start"] : row["end"]] == row["surface"]
    assert rows[0]["location"] == "Kenya" and rows[1]["unit"] == "households"


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "utf16.txt", "Hundreds of civilians fled.".encode("utf-16"))
    result = CliRunner().invoke(cli, ["extract", "--format", "csv", str(path)])
    assert result.exit_code == 0
    assert "Hundreds" in result.output


def test_bad_files_get_one_line_each_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.txt", b"At least 12 people were killed.")
    undecodable = _write(tmp_path, "latin1.txt", "caf\xe9 12 people".encode("latin-1"))
    binary = _write(tmp_path, "blob.txt", b"\x00\x01\x02\x03 12 people")
    missing = tmp_path / "missing.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "impact", "extract", "--format", "jsonl",
         str(undecodable), str(good), str(binary), str(missing)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 1
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 3
    assert "latin1.txt" in errors[0] and "UTF-8" in errors[0]
    assert "blob.txt" in errors[1] and "binary" in errors[1]
    assert "missing.txt" in errors[2]
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["doc"], r["surface"]) for r in rows] == [("good", "At least 12")]


def test_table_format_is_readable(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", b"An estimated 2,500 IS fighters remain in Raqqa, officials said.")
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0
    header, row = result.output.splitlines()[:2]
    assert header.split()[:3] == ["doc", "surface", "bounds"]
    assert "2,500" in row and "fighters" in row and "Raqqa" in row and "officials" in row


def test_evaluate_scores_and_lists_every_error(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    text = "At least 40 people died. Hundreds of homes were destroyed."
    (texts / "d1.txt").write_text(text, encoding="utf-8")
    gold = [
        {"doc": "d1", "surface": "At least 40", "start": 0, "end": 11, "low": 40, "high": None,
         "approximate": False, "vague": False, "category": "killed", "location": None},
        {"doc": "d1", "surface": "Hundreds", "start": 25, "end": 33, "low": 200, "high": 999,
         "approximate": False, "vague": True, "category": "displaced", "location": None},
    ]  # fmt: skip
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("\n".join(json.dumps(g) for g in gold), encoding="utf-8")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(gold_path), str(texts), "--json", str(report)])
    assert result.exit_code == 0, result.output
    assert "WRONG     d1  'Hundreds'  category damaged != displaced" in result.output
    scores = json.loads(report.read_text())["scores"]
    assert scores["detect_f1"] == 1.0 and scores["category_acc"] == 0.5 and scores["full_f1"] == 0.5


def test_python_dash_m_runs_the_cli() -> None:
    proc = subprocess.run([sys.executable, "-m", "impact", "--help"], capture_output=True, text=True, check=True)
    assert "extract" in proc.stdout and "evaluate" in proc.stdout


def test_a_file_over_the_size_limit_is_refused_with_one_line(tmp_path: Path) -> None:
    big = _write(tmp_path, "big.txt", b"12 people were killed. " * 100)
    good = _write(tmp_path, "good.txt", b"At least 12 people were killed.")
    proc = subprocess.run(
        [sys.executable, "-m", "impact", "extract", "--format", "jsonl", str(big), str(good)],
        capture_output=True, text=True, check=False, env={**__import__("os").environ, "IMPACT_MAX_FILE_MB": "0.001"},
    )  # fmt: skip
    assert proc.returncode == 1
    message = f"impact: {big}: file too large (over 0.001 MB; set IMPACT_MAX_FILE_MB to raise the limit)"
    assert proc.stderr.strip().splitlines() == [message]
    assert [json.loads(line)["doc"] for line in proc.stdout.splitlines()] == ["good"]


def test_html_pages_and_pdf_reports_are_read_for_their_main_text(tmp_path: Path) -> None:
    page = _write(
        tmp_path, "page.html",
        b"<html><head><title>Floods</title><script>var x = '500 people';</script></head><body><article>"
        b"<h1>Floods in Kenya</h1><p>At least 73 people died and about 500 families fled their homes in Busia,"
        b" officials said.</p></article></body></html>",
    )  # fmt: skip
    broken = _write(tmp_path, "broken.pdf", b"not a pdf at all")
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(page), str(broken)])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(r["surface"], r["category"]) for r in rows] == [("At least 73", "killed"), ("about 500", "fled")]
    assert "broken.pdf" in result.stderr and "PDF" in result.stderr


def test_a_crlf_file_gives_the_same_offsets_with_and_without_o(tmp_path: Path) -> None:
    """One extract path: printing and writing a file read the text alike (newlines as Python
    reads text, as ingest stores it), so the offsets agree."""
    text = "Floods in Kenya\r\n\r\nAt least 73 people died.\r\nAbout 500 families fled.\r\n"
    path = _write(tmp_path, "crlf.txt", text.encode())
    printed = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(path)])
    out = tmp_path / "out.jsonl"
    written = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(path), "-o", str(out)])
    assert printed.exit_code == 0 and written.exit_code == 0, printed.output + written.output
    rows = [json.loads(line) for line in printed.output.splitlines()]
    assert rows == [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    as_read = text.replace("\r\n", "\n")
    surfaces = [r["surface"] for r in rows]
    assert [as_read[r["start"] : r["end"]] for r in rows] == surfaces == ["At least 73", "About 500"]
