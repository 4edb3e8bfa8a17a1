"""Fuzz ``impact.extract``: any text must give valid figures, quickly, the same way twice.

    .venv/bin/python tools/fuzz_extract.py --examples 100000
    .venv/bin/python tools/fuzz_extract.py --examples 20000 --engine hypothesis --seed 7

Every input is checked for: no exception; finishing within ``--budget`` seconds (a
SIGALRM stops a hang); ``text[start:end] == surface`` and offsets inside the text and
the sentence; ``low <= high``; figures in reading order; the same result on a second
call. First comes a fixed set of adversarial inputs (a 1 MB line of digits, 100k nested
brackets, every Unicode digit and dash, right-to-left and zero-width text, long runs of
number words, "1,1,1,..."), then ``--examples`` generated inputs: coverage-guided by
atheris when it is installed (``pip install atheris``), else by hypothesis. The summary
gives the inputs tried, the failures by kind with the smallest input for each, the time
and the slowest input. The exit code is 1 when anything failed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import sys
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

from impact import extract  # noqa: E402
from impact.model import Figure  # noqa: E402

# -- adversarial material ---------------------------------------------------------------


@cache
def unicode_class(category: str) -> str:
    """Every character of one Unicode general category (``Nd`` digits, ``Pd`` dashes ...).

    As the ``regex`` module sees them (its Unicode is newer than Python's ``unicodedata``),
    plus those only ``unicodedata`` knows.
    """
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    seen = set(regex.findall(rf"\p{{{category}}}", everything))
    seen.update(c for c in everything if unicodedata.category(c) == category)
    return "".join(sorted(seen))


ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
SPACES = " \u00a0\u202f\u2009\u2002\u3000\t\n\r\x0b\x0c\x85\u2028\u2029"
NUMBER_WORDS = (
    "one two three nine ten twelve twenty ninety hundred thousand million billion lakh crore dozen "
    "half a an and hundreds thousands tens of millions dozens scores several few"
).split()
PIECES = (
    "at least", "about", "nearly", "up to", "some", "an estimated", "between", "and", "to", "-", "–", "—",
    "hundreds", "tens of", "thousands", "of", "people", "families", "houses", "were killed", "fled",
    "displaced", "injured", "in", "Mosul", "Raqqa", "Aleppo", "said", "officials", "according to", "UN",
    "1,200", "2.5 million", "397.000", "9 380", "2.14 lakh", "a dozen", "half a million", "+", "or more",
    "(", ")", "[12]", "%", "$", "€", "2014", "June", "30", "3.7", "0", "000", "Nine hundred and twenty-one",
    "respectively", "including", "of whom", "\n\n", "\n", ".", ",", ";", ":", "'s", "Old City", "١٢٣",
    "۴۵۶", "१२३", "٣٠٠ شخص", "מאות", "\u202e300\u202c", "1\u200b000", "٬", "1e9", "10^6", "½", "²", "Ⅻ",
)  # fmt: skip


def digit_line(size: int) -> str:
    return "".join(str(i % 10) for i in range(size))


def nested_brackets(depth: int) -> str:
    return "(" * depth + "5 people were killed" + ")" * depth


def every_digit(repeat: int = 1) -> str:
    digits = unicode_class("Nd")
    return " ".join(d * 3 + " people were killed" for d in digits) * repeat


def every_dash(repeat: int = 1) -> str:
    return " ".join(f"200{d}300 people fled" for d in unicode_class("Pd")) * repeat


def right_to_left(repeat: int) -> str:
    return ("\u202eقتل ٣٠٠ شخص في حلب\u202c. נהרגו 40 אנשים בעזה. \u200f1,200 displaced in Mosul.\n") * repeat


def zero_width(repeat: int) -> str:
    return "".join(f"1{z}200 people{z} were killed, {z}300 fled. " for z in ZERO_WIDTH) * repeat


def number_word_run(count: int) -> str:
    return " ".join(NUMBER_WORDS[i % len(NUMBER_WORDS)] for i in range(count)) + " people were killed"


def repeated_scale_words(count: int) -> str:
    return "one " + " ".join(["hundred"] * count) + " people were killed"


def comma_ones(count: int) -> str:
    return ",".join(["1"] * count)


def figures_in_one_sentence(count: int) -> str:
    return "".join(f"{300 + i} people were killed " for i in range(count))


def whitespace_runs(size: int) -> str:
    return "5 people were killed." + " \t" * size + "\n" + "\n" * size + "6 fled."


def adversarial() -> Iterator[tuple[str, str, float]]:
    """Named pathological inputs with a time budget for each (they are large)."""
    yield "1 MB line of digits", digit_line(1_000_000), 10.0
    yield "400 digits (over a float)", "9" * 400 + " people were killed", 10.0
    yield "100k nested brackets", nested_brackets(100_000), 10.0
    yield "every Unicode digit (Nd)", every_digit(), 10.0
    yield "a digit newer than Python's Unicode", "\U00011bf0 people were killed", 10.0
    yield "every Unicode dash (Pd)", every_dash(), 10.0
    yield "right-to-left text", right_to_left(200), 10.0
    yield "zero-width characters", zero_width(50), 10.0
    yield "100k number words", number_word_run(100_000), 10.0
    yield "400 'hundred' in a row", repeated_scale_words(400), 10.0
    yield "1,1,1,... (200k)", comma_ones(100_000), 10.0
    yield "1 MB of white space", whitespace_runs(250_000), 10.0
    yield "300 figures in one sentence", figures_in_one_sentence(300), 10.0
    yield "every Unicode space", (SPACES * 50).join(["5", "people", "killed"]), 10.0
    yield "a huge integer", "1" + "0" * 25 + " people were killed", 10.0
    yield "lone surrogates", "\ud800 5 people\udfff were killed", 10.0


def random_text(rng: random.Random, size: int) -> str:
    """Text built from figure-like pieces, odd characters and the adversarial alphabets."""
    pools: list[Callable[[], str]] = [
        lambda: rng.choice(PIECES),
        lambda: rng.choice(NUMBER_WORDS),
        lambda: rng.choice(unicode_class("Nd")) * rng.randint(1, 4),
        lambda: rng.choice(unicode_class("Pd")),
        lambda: rng.choice(ZERO_WIDTH + BIDI + SPACES),
        lambda: str(rng.randint(0, 10 ** rng.randint(1, 30))),
        lambda: chr(rng.randint(0, sys.maxunicode)),
    ]
    parts = [rng.choice(pools)() for _ in range(size)]
    return "".join(part + rng.choice(["", " ", " ", ""]) for part in parts)


# -- the check --------------------------------------------------------------------------


class OverBudget(Exception):
    """Raised by SIGALRM inside a call that ran past its time budget."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise OverBudget


@contextlib.contextmanager
def budget(seconds: float) -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def problems(text: str, figures: list[Figure], again: list[Figure]) -> list[str]:
    """What is wrong with the figures of ``text`` (empty when nothing)."""
    found: list[str] = []
    for figure in figures:
        if not 0 <= figure.start < figure.end <= len(text):
            found.append("span outside the text")
        elif text[figure.start : figure.end] != figure.surface:
            found.append("text[start:end] != surface")
        if figure.low is not None and figure.high is not None and figure.low > figure.high:
            found.append("low > high")
        if figure.low is None and figure.high is None:
            found.append("no bound at all")
        if not figure.sentence_start <= figure.start < figure.end <= figure.sentence_end:
            found.append("figure outside its sentence")
    if [f.start for f in figures] != sorted(f.start for f in figures):
        found.append("figures out of reading order")
    if again != figures:
        found.append("not deterministic")
    return sorted(set(found))


@dataclass
class Failure:
    kind: str
    count: int
    example: str
    detail: str


@dataclass
class Fuzzer:
    budget: float
    geocode: bool = True
    tried: int = 0
    failures: dict[str, Failure] = field(default_factory=dict)
    slowest: tuple[float, str] = (0.0, "")
    started: float = field(default_factory=time.perf_counter)

    def check(self, text: str, seconds: float | None = None, name: str | None = None) -> None:
        self.tried += 1
        began = time.perf_counter()
        try:
            with budget(seconds or self.budget):
                figures = extract(text, geocode=self.geocode)
                again = extract(text, geocode=self.geocode)
        except OverBudget:
            self._fail(f"over the {seconds or self.budget:g} s budget", text, "", name)
            return
        except Exception as error:
            where = _innermost_impact_frame(error)
            self._fail(f"{type(error).__name__} at {where}", text, f"{type(error).__name__}: {error}", name)
            return
        finally:
            elapsed = time.perf_counter() - began
            if elapsed > self.slowest[0]:
                self.slowest = (elapsed, name or _shown(text))
        for kind in problems(text, figures, again):
            self._fail(kind, text, "", name)

    def _fail(self, kind: str, text: str, detail: str, name: str | None) -> None:
        example = name or _shown(text)
        known = self.failures.get(kind)
        if known is None:
            self.failures[kind] = Failure(kind, 1, example, detail)
            print(f"FAIL {kind}: {example}" + (f"\n     {detail}" if detail else ""), file=sys.stderr, flush=True)
            return
        known.count += 1
        if name is None and len(text) < len(known.example):  # keep the smallest example
            known.example, known.detail = example, detail or known.detail

    def summary(self) -> str:
        elapsed = time.perf_counter() - self.started
        failed = sum(f.count for f in self.failures.values())
        lines = [
            f"inputs tried: {self.tried}",
            f"failures: {failed} ({len(self.failures)} kinds)",
            f"time: {elapsed:.1f} s ({self.tried / elapsed:.0f} inputs/s)",
            f"slowest: {self.slowest[0]:.3f} s for {self.slowest[1]}",
        ]
        for failure in sorted(self.failures.values(), key=lambda f: -f.count):
            lines.append(f"  {failure.count:>6} x {failure.kind}: {failure.example}")
            if failure.detail:
                lines.append(f"           {failure.detail}")
        return "\n".join(lines)


def _shown(text: str, limit: int = 160) -> str:
    shown = repr(text[:limit]) + (f"... ({len(text):,} chars)" if len(text) > limit else "")
    return shown


def _innermost_impact_frame(error: BaseException) -> str:
    where = "?"
    for frame in traceback.extract_tb(error.__traceback__):
        if "/impact/" in frame.filename:
            where = f"{Path(frame.filename).relative_to(ROOT)}:{frame.lineno}"
    return where


# -- engines ----------------------------------------------------------------------------


def run_atheris(fuzzer: Fuzzer, examples: int, seed: int) -> None:
    import atheris

    rng = random.Random(seed)
    # libFuzzer's own timeout uses SIGALRM too: it is switched off (-timeout=0), ours is used.
    args = [sys.argv[0], f"-runs={examples}", f"-seed={seed or 1}", "-timeout=0", "-max_len=4096"]
    args += ["-print_final_stats=0", "-close_fd_mask=0"]
    target = fuzzer.tried + examples

    def one_input(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        mode = provider.ConsumeIntInRange(0, 3)
        if mode == 0:
            text = provider.ConsumeUnicodeNoSurrogates(len(data))
        elif mode == 1:  # pieces chosen by the fuzzer's bytes: mutations explore the grammar
            count = provider.ConsumeIntInRange(0, 60)
            text = "".join(provider.PickValueInList(list(PIECES)) + " " for _ in range(count))
        elif mode == 2:
            text = random_text(random.Random(provider.ConsumeInt(4)), provider.ConsumeIntInRange(0, 80))
        else:
            text = random_text(rng, rng.randint(0, 120))
        fuzzer.check(text)
        if fuzzer.tried >= target:
            _finish(fuzzer)

    atheris.instrument_all()  # coverage of the extractor's Python code guides the mutations
    atheris.Setup(args, one_input)
    atheris.Fuzz()
    _finish(fuzzer)  # pragma: no cover - Fuzz() exits through _finish


def run_hypothesis(fuzzer: Fuzzer, examples: int, seed: int) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(PIECES)
    alphabet = st.sampled_from(list(unicode_class("Nd") + unicode_class("Pd") + ZERO_WIDTH + BIDI + SPACES))
    texts = st.one_of(
        st.text(max_size=400),
        st.lists(pieces, max_size=60).map(" ".join),
        st.lists(st.one_of(pieces, st.text(max_size=6), alphabet), max_size=60).map("".join),
        st.builds(random_text, st.randoms(use_true_random=False), st.integers(0, 120)),
        st.integers(0, 3000).map(digit_line),
        st.integers(0, 3000).map(nested_brackets),
        st.integers(0, 600).map(number_word_run),
        st.integers(0, 2000).map(comma_ones),
    )

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],  # failures are collected, not shrunk
        suppress_health_check=list(HealthCheck),
        derandomize=False,
    )
    @given(texts)
    def run(text: str) -> None:
        fuzzer.check(text)

    random.seed(seed)
    run()


def _finish(fuzzer: Fuzzer) -> None:
    print(fuzzer.summary(), flush=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(1 if fuzzer.failures else 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=10_000, help="generated inputs (default 10000)")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds per generated input (default 2)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-adversarial", action="store_true", help="skip the fixed pathological inputs")
    parser.add_argument("--no-geocode", action="store_true", help="extract(text, geocode=False)")
    options = parser.parse_args(argv)

    fuzzer = Fuzzer(budget=options.budget, geocode=not options.no_geocode)
    extract("warm-up: 5 people were killed in Mosul", geocode=fuzzer.geocode)  # lexicon, gazetteer
    fuzzer.started = time.perf_counter()
    if not options.no_adversarial:
        for name, text, seconds in adversarial():
            began = time.perf_counter()
            fuzzer.check(text, seconds, name)
            print(f"adversarial: {name} ({len(text):,} chars) {time.perf_counter() - began:.2f} s", flush=True)
    engine = options.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
        except ImportError:
            engine = "hypothesis"
        else:
            engine = "atheris"
    print(f"engine: {engine}, {options.examples} generated inputs, budget {options.budget:g} s each", flush=True)
    if engine == "atheris":
        run_atheris(fuzzer, options.examples, options.seed)
    else:
        run_hypothesis(fuzzer, options.examples, options.seed)
    print(fuzzer.summary())
    return 1 if fuzzer.failures else 0


if __name__ == "__main__":
    sys.exit(main())
