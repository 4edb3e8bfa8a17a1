"""Paths on the command line: a bad one is one error line, and the others go on.

A name too long for the file system, a symlink loop, a dangling link, a missing file, a
device that never ends (/dev/zero), a FIFO that waits for a writer, an empty file: each is
reported by name with its reason, the run goes on, and the exit code is 1.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from impact.cli import cli
from impact.store import Store

GOOD = "At least 12 people were killed in Mosul on Monday.\n"


def _too_long(folder: Path) -> Path:
    return folder / ("x" * 300 + ".txt")


def _loop(folder: Path) -> Path:
    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")
    return folder / "loop-a"


def _dangling(folder: Path) -> Path:
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    return folder / "dangling.txt"


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.txt")
    return folder / "pipe.txt"


def _empty(folder: Path) -> Path:
    (folder / "empty.txt").write_text("")
    return folder / "empty.txt"


BAD: dict[str, tuple[Callable[[Path], Path], str]] = {
    "name-too-long": (_too_long, "file name too long"),
    "symlink-loop": (_loop, "too many levels of symbolic links"),
    "dangling-link": (_dangling, "no such file or folder"),
    "missing": (lambda folder: folder / "missing.txt", "no such file or folder"),
    "dev-zero": (lambda folder: Path("/dev/zero"), "not a regular file"),
    "fifo": (_fifo, "not a regular file"),
    "empty": (_empty, "empty file"),
}


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD)
    return path


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
@pytest.mark.parametrize("streamed", [False, True], ids=["extract", "extract-o"])
def test_extract_reports_a_bad_path_and_goes_on(tmp_path: Path, good: Path, case: str, streamed: bool) -> None:
    make, reason = BAD[case]
    bad = make(tmp_path)
    args = ["extract", "--format", "jsonl", str(bad), str(good)]
    if streamed:
        args += ["-o", str(tmp_path / "out.jsonl")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.stderr.splitlines() if line.startswith("impact:")]
    assert len(errors) == 1 and reason in errors[0].lower(), result.stderr
    figures = (tmp_path / "out.jsonl").read_text() if streamed else result.stdout
    assert '"surface": "At least 12"' in figures


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_ingest_reports_a_bad_path_and_stores_the_rest(tmp_path: Path, good: Path, case: str) -> None:
    make, reason = BAD[case]
    bad = make(tmp_path)
    db = tmp_path / "impact.db"
    result = CliRunner().invoke(cli, ["ingest", str(bad), str(good), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and reason in errors[0].lower(), result.stderr
    with Store(db) as store:
        assert len(store.figures()) == 1


def test_an_unreadable_file_is_one_line_too(tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(Tests run as root, who reads every file: the refusal is simulated.)"""
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD.replace("12", "30"))
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(locked), str(good)])
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if "locked.txt" in line] == [
        f"impact: {locked}: permission denied"
    ]
    assert '"surface": "At least 12"' in result.stdout
