"""The documented Python API: README's examples run as written, and ``impact.compare`` /
``impact.ingest`` are the functions (their modules are ``impact.comparison`` and
``impact.ingesting``), whatever was imported before."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import impact

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, re.DOTALL)


def test_the_api_names_are_the_functions() -> None:
    import impact.comparison
    import impact.ingesting

    assert callable(impact.compare) and impact.compare is impact.comparison.compare
    assert callable(impact.ingest) and impact.ingest is impact.ingesting.ingest
    from impact import compare, ingest

    assert compare is impact.comparison.compare and ingest is impact.ingesting.ingest


def test_from_impact_import_compare_gives_the_function_in_a_fresh_interpreter() -> None:
    code = (
        "import impact.comparison, impact.ingesting\n"
        "from impact import compare, ingest\n"
        "assert callable(compare) and callable(ingest), (compare, ingest)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 2 and any("impact.compare(" in block for block in BLOCKS)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block-{i}" for i in range(len(BLOCKS))])
def test_readme_python_examples_run(block: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"text": "At least 12 people were killed in Mosul."}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, "README.md", "exec"), namespace)
    expected = [line.removeprefix("# ") for line in block.splitlines() if line.startswith("# ")]
    if expected:  # the output the README shows is the output it gives
        assert printed.getvalue().splitlines() == expected


def test_the_store_reads_the_extractor_version_without_importlib() -> None:
    source = (ROOT / "impact" / "store" / "__init__.py").read_text(encoding="utf-8")
    assert "importlib" not in source
    from impact.store import extractor_version

    assert extractor_version() == impact.EXTRACTOR_VERSION


def test_impact_never_imports_the_dashboard_at_module_level() -> None:
    for path in (ROOT / "impact").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not re.match(r"(from|import) dashboard\b", line), f"{path}: {line}"


def test_the_extractor_does_not_import_the_corpus_layers() -> None:
    """``import impact`` and ``extract`` stay light: pandas, numpy and dateparser are imported
    only by the layers that need them (store, exports, frames, the dashboard)."""
    import subprocess
    import sys

    code = (
        "import sys, impact; impact.extract('Hundreds of civilians fled Mosul.');"
        " print(sorted(m for m in ('pandas', 'numpy', 'dateparser') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
