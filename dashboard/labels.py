"""How categories and units are shown, and the one colour of each category, on every page.

One home: filters, charts, tables and the map call ``category_label`` and ``category_color``,
so "in need" reads the same and killed is the same vermillion everywhere.

Colours: the eighteen categories need more colours than one colour-blind-safe palette has
(Okabe–Ito has eight, Plotly's ``Safe`` eleven). The categories analysts chart most (killed,
injured, missing, displaced, refugees, in need) take Okabe–Ito's strongest colours; the others
take Plotly's ``Safe`` qualitative colours, "other" its grey. No two categories share one.
"""

from __future__ import annotations

import math

import pandas as pd

from impact.names import publisher_name, source_name

CATEGORY_WORDS: dict[str, str] = {
    "killed": "killed",
    "injured": "injured",
    "missing": "missing",
    "displaced": "displaced",
    "fled": "fled",
    "returned": "returned",
    "refugees": "refugees",
    "trapped": "trapped",
    "besieged": "besieged",
    "detained": "detained",
    "affected": "affected",
    "in_need": "in need",
    "evacuated": "evacuated",
    "homeless": "homeless",
    "fighters": "fighters",
    "civilians_present": "civilians present",
    "damaged": "damaged",
    "other": "other",
}

UNIT_WORDS: dict[str, str] = {
    "people": "people",
    "households": "households (families)",
    "structures": "structures (houses, buildings ...)",
    "other": "other",
}

# The kind of count (``Figure.kind``), as an analyst says it, and what it means; the Table,
# the Overview and the Review page all read it here.
KIND_WORDS: dict[str, tuple[str, str]] = {
    "stock": ("stock (total)", "people in a state at a date: displaced, in need, a toll so far"),
    "flow": ("flow (in a period)", "new events in a window: fled last week, killed in the attack"),
    "rate": ("rate", "so many per day, week or month"),
    "projection": ("projection", "what may happen: may flee, could reach, expected to"),
}

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
# plotly.colors.qualitative.Safe
PLOTLY_SAFE = (
    "#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288", "#AA4499",
    "#44AA99", "#999933", "#882255", "#661100", "#6699CC", "#888888",
)  # fmt: skip

CATEGORY_COLORS: dict[str, str] = {
    "killed": OKABE_ITO["vermillion"],
    "injured": OKABE_ITO["orange"],
    "missing": OKABE_ITO["reddish_purple"],
    "displaced": OKABE_ITO["blue"],
    "refugees": OKABE_ITO["sky_blue"],
    "in_need": OKABE_ITO["bluish_green"],
    "homeless": OKABE_ITO["yellow"],
    "fled": PLOTLY_SAFE[4],  # indigo
    "returned": PLOTLY_SAFE[3],  # green
    "trapped": PLOTLY_SAFE[8],  # wine
    "besieged": PLOTLY_SAFE[9],  # brown
    "detained": PLOTLY_SAFE[7],  # olive
    "affected": PLOTLY_SAFE[5],  # purple
    "evacuated": PLOTLY_SAFE[6],  # teal
    "fighters": PLOTLY_SAFE[1],  # rose
    "civilians_present": PLOTLY_SAFE[0],  # light blue
    "damaged": PLOTLY_SAFE[2],  # sand
    "other": PLOTLY_SAFE[11],  # grey
}
UNKNOWN_COLOR = "#555555"


def category_label(category: object) -> str:
    """A category in plain words: ``in_need`` -> "in need"; an unknown one with spaces."""
    text = "" if category is None else str(category)
    return CATEGORY_WORDS.get(text, text.replace("_", " "))


def unit_label(unit: object) -> str:
    text = "" if unit is None else str(unit)
    return UNIT_WORDS.get(text, text.replace("_", " "))


def kind_label(kind: object) -> str:
    """A kind of count in plain words: ``stock`` -> "stock (total)"; empty for none."""
    text = "" if kind is None else str(kind)
    words = KIND_WORDS.get(text)
    return words[0] if words else text.replace("_", " ")


def kind_explained(kind: object) -> str:
    """The kind with what it means: "stock (total) — people in a state at a date: …"."""
    text = "" if kind is None else str(kind)
    words = KIND_WORDS.get(text)
    return f"{words[0]} — {words[1]}" if words else text.replace("_", " ")


def category_color(category: object) -> str:
    """The category's colour, the same on every chart and the map."""
    return CATEGORY_COLORS.get("" if category is None else str(category), UNKNOWN_COLOR)


def _text_or_none(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return str(value)


def publisher_label(value: object) -> str | None:
    """``impact.names.publisher_name`` for a cell that may be missing (None, NaN, NA)."""
    return publisher_name(_text_or_none(value))


def source_label(value: object) -> str | None:
    """``impact.names.source_name`` for a cell that may be missing (None, NaN, NA)."""
    return source_name(_text_or_none(value))
