"""Texts for the benchmarks: the development corpus when ../shared is there, and a synthetic
corpus made from our own fixture articles (never third-party text)."""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_TEXTS = ROOT.parent / "shared" / "corpus" / "texts"
# our own writing only: the seeds, the fixture articles and the three annotated sets
OWN_TEXTS = (
    sorted((ROOT / "seeds").glob("*.txt"))
    + sorted((ROOT / "tests" / "fixtures").glob("*/*.txt"))
    + sorted((ROOT / "tests" / "fixtures").glob("*/texts/*.txt"))
)
_NUMBER = re.compile(r"\d[\d,]*")


def bench_texts() -> tuple[str, list[str]]:
    """A name for the text set and the texts."""
    if SHARED_TEXTS.is_dir():
        paths = sorted(SHARED_TEXTS.glob("*.txt"))
        return f"development corpus ({len(paths)} texts)", [p.read_text(encoding="utf-8") for p in paths]
    return f"own fixtures ({len(OWN_TEXTS)} texts)", [p.read_text(encoding="utf-8") for p in OWN_TEXTS]


def conflict_texts() -> tuple[str, list[str]] | None:
    """The development corpus's conflict news and situation reports (texts 101-142), when
    ../shared is there: the product's main material."""
    if not SHARED_TEXTS.is_dir():
        return None
    paths = [p for p in sorted(SHARED_TEXTS.glob("*.txt")) if p.stem.isdigit() and 101 <= int(p.stem) <= 142]
    return f"conflict news and reports 101-142 ({len(paths)} texts)", [p.read_text(encoding="utf-8") for p in paths]


def synthetic_texts(copies: int, seed: int = 7) -> tuple[str, list[str]]:
    """Our fixture articles, each repeated ``copies`` times with its numbers varied."""
    rng = random.Random(seed)
    originals = [p.read_text(encoding="utf-8") for p in OWN_TEXTS]
    texts = [
        _NUMBER.sub(lambda m: f"{rng.randint(2, 90_000):,}" if len(m.group(0)) > 1 else m.group(0), text)
        for _ in range(copies)
        for text in originals
    ]
    return f"synthetic corpus from own fixtures ({len(texts)} articles)", texts
