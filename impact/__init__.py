"""impact: humanitarian-impact figures from news and situation reports.

>>> from impact import extract
>>> [f.surface for f in extract("Hundreds of civilians fled Mosul.", geocode=False)]
['Hundreds']

The extractor (``extract``) imports only ``regex``; the corpus layers (store, ingest,
export, compare, pandas frames) are imported on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from impact.lexicon import Lexicon, load_lexicon
from impact.model import CATEGORIES, UNITS, Article, Figure, Place
from impact.pipeline import EXTRACTOR_VERSION, extract

if TYPE_CHECKING:
    from impact.comparison import compare, consensus
    from impact.export import export_figures, export_frame
    from impact.filters import Filters
    from impact.frame import to_frame
    from impact.ingesting import ingest
    from impact.readers import ReadError, read_paths
    from impact.store import Store

__version__ = "0.1.0"

_LAZY = {
    "Filters": "impact.filters",
    "Store": "impact.store",
    "compare": "impact.comparison",
    "consensus": "impact.comparison",
    "export_figures": "impact.export",
    "export_frame": "impact.export",
    "to_frame": "impact.frame",
    "ingest": "impact.ingesting",
    "read_paths": "impact.readers",
    "ReadError": "impact.readers",
}

__all__ = [
    "CATEGORIES",
    "EXTRACTOR_VERSION",
    "UNITS",
    "Article",
    "Figure",
    "Filters",
    "Lexicon",
    "Place",
    "ReadError",
    "Store",
    "__version__",
    "compare",
    "consensus",
    "export_figures",
    "export_frame",
    "extract",
    "ingest",
    "load_lexicon",
    "read_paths",
    "to_frame",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'impact' has no attribute {name!r}")
    return getattr(import_module(module), name)
