"""Texts for the benchmarks: the development corpus when ../shared is there, else our own fixtures."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_TEXTS = ROOT.parent / "shared" / "corpus" / "texts"
OWN_TEXTS = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))


def bench_texts() -> tuple[str, list[str]]:
    """A name for the text set and the texts."""
    if SHARED_TEXTS.is_dir():
        paths = sorted(SHARED_TEXTS.glob("*.txt"))
        return f"development corpus ({len(paths)} texts)", [p.read_text(encoding="utf-8") for p in paths]
    return f"own fixtures ({len(OWN_TEXTS)} texts)", [p.read_text(encoding="utf-8") for p in OWN_TEXTS]
