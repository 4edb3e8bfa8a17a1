"""Score extracted figures against gold figures by SPEC's rules (same as tools/score.py).

Pairs predicted and gold figures one to one per document by largest character overlap,
then checks value, category and location. Every miss, spurious and wrong figure is kept
for the report.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Row = Mapping[str, Any]


def _num(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _close(a: float | None, b: float | None, rel: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b))


def _within_factor_two(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a <= 0 or b <= 0:
        return a == b
    return 0.5 <= a / b <= 2.0


def value_correct(gold: Row, pred: Row) -> bool:
    gl, gh = _num(gold.get("low")), _num(gold.get("high"))
    pl, ph = _num(pred.get("low")), _num(pred.get("high"))
    if gold.get("vague"):
        return _within_factor_two(gl, pl) and _within_factor_two(gh, ph)
    rel = 0.1 if gold.get("approximate") else 0.0
    return _close(gl, pl, rel) and _close(gh, ph, rel)


_PLACE_NOISE = re.compile(r"\b(al|ar|as|el|the|city|province|governorate|region|district|state|county)\b")


def _norm_place(name: str | None) -> str:
    return re.sub(r"[^a-z]", "", _PLACE_NOISE.sub(" ", (name or "").lower()))


def location_correct(gold: Row, pred: Row) -> bool | None:
    """None where gold has no location (not scored)."""
    if not gold.get("location"):
        return None
    predicted = pred.get("location")
    if not predicted:
        return False
    a, b = _norm_place(gold["location"]), _norm_place(str(predicted))
    if not a or not b:
        return False
    return a in b or b in a or a[:5] == b[:5]


def _pairs(gold: list[Row], pred: list[Row]) -> tuple[list[tuple[Row, Row]], list[Row], list[Row]]:
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                candidates.append((overlap, i, j))
    candidates.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _overlap, i, j in candidates:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((gold[i], pred[j]))
    misses = [g for i, g in enumerate(gold) if i not in used_g]
    spurious = [p for j, p in enumerate(pred) if j not in used_p]
    return pairs, misses, spurious


_STOP = frozenset({"the", "a", "an", "of", "in", "for", "and", "to", "by", "on", "at", "'s", "s"})
_TOKEN = re.compile(r"[a-z0-9]+")
PHRASE_FIELDS: tuple[str, ...] = ("attributed_to", "period")  # scored where the gold carries them
_PHRASE_KEYS = {"attributed_to": "attr", "period": "period"}


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP]


def phrase_correct(gold: object, pred: object) -> bool:
    """SPEC's loose match of two verbatim phrases (attribution, period): one holds the other,
    or the prediction has at least half of the gold phrase's words."""
    if not gold or not pred:
        return False
    a, b = " ".join(_tokens(str(gold))), " ".join(_tokens(str(pred)))
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    gold_words, pred_words = set(a.split()), set(b.split())
    return len(gold_words & pred_words) >= max(1, (len(gold_words) + 1) // 2)


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass
class Report:
    scores: dict[str, float | int]
    misses: list[Row] = field(default_factory=list)
    spurious: list[Row] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scores": self.scores,
            "misses": [dict(r) for r in self.misses],
            "spurious": [dict(r) for r in self.spurious],
            "wrong": self.wrong,
        }


def score(gold_rows: Iterable[Row], pred_rows: Iterable[Row]) -> Report:
    """Scores over the documents that have gold figures."""
    gold_by_doc: dict[str, list[Row]] = defaultdict(list)
    for row in gold_rows:
        gold_by_doc[str(row["doc"])].append(row)
    pred_by_doc: dict[str, list[Row]] = defaultdict(list)
    for row in pred_rows:
        if str(row["doc"]) in gold_by_doc:
            pred_by_doc[str(row["doc"])].append(row)
    n_gold = sum(map(len, gold_by_doc.values()))
    n_pred = sum(map(len, pred_by_doc.values()))
    paired = values = categories = full = located = located_ok = 0
    phrases = {name: [0, 0, 0] for name in PHRASE_FIELDS}  # gold with it, predicted with it, correct
    report = Report(scores={})
    for doc in sorted(gold_by_doc):
        pairs, misses, spurious = _pairs(gold_by_doc[doc], pred_by_doc[doc])
        report.misses += misses
        report.spurious += spurious
        for gold, pred in pairs:
            paired += 1
            value_ok = value_correct(gold, pred)
            category_ok = str(pred.get("category")) == gold["category"]
            place_ok = location_correct(gold, pred)
            values += value_ok
            categories += category_ok
            for name, counts in phrases.items():
                if name in gold:  # only where the gold file carries the field
                    counts[0] += bool(gold[name])
                    counts[1] += bool(pred.get(name))
                    counts[2] += bool(gold[name]) and phrase_correct(gold[name], pred.get(name))
            if place_ok is not None:
                located += 1
                located_ok += bool(place_ok)
            if value_ok and category_ok and place_ok is not False:
                full += 1
            else:
                report.wrong.append(
                    {
                        "gold": dict(gold),
                        "pred": dict(pred),
                        "value_ok": value_ok,
                        "category_ok": category_ok,
                        "location_ok": place_ok,
                    }
                )
    precision = paired / n_pred if n_pred else 0.0
    recall = paired / n_gold if n_gold else 0.0
    full_p = full / n_pred if n_pred else 0.0
    full_r = full / n_gold if n_gold else 0.0
    report.scores = {
        "docs": len(gold_by_doc),
        "gold": n_gold,
        "pred": n_pred,
        "detect_p": round(precision, 3),
        "detect_r": round(recall, 3),
        "detect_f1": round(_f1(precision, recall), 3),
        "value_acc": round(values / paired, 3) if paired else 0.0,
        "category_acc": round(categories / paired, 3) if paired else 0.0,
        "location_acc": round(located_ok / located, 3) if located else 0.0,
        "full_p": round(full_p, 3),
        "full_r": round(full_r, 3),
        "full_f1": round(_f1(full_p, full_r), 3),
    }
    for name, (with_gold, with_pred, correct) in phrases.items():
        if with_gold or with_pred:
            key = _PHRASE_KEYS[name]
            report.scores[f"{key}_p"] = round(correct / with_pred, 3) if with_pred else 0.0
            report.scores[f"{key}_r"] = round(correct / with_gold, 3) if with_gold else 0.0
    return report
