"""impact: humanitarian-impact figures from news and situation reports.

>>> from impact import extract
>>> [f.surface for f in extract("Hundreds of civilians fled Mosul.", geocode=False)]
['Hundreds']
"""

from impact.lexicon import Lexicon, load_lexicon
from impact.model import CATEGORIES, UNITS, Article, Figure, Place
from impact.pipeline import EXTRACTOR_VERSION, extract

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "EXTRACTOR_VERSION",
    "UNITS",
    "Article",
    "Figure",
    "Lexicon",
    "Place",
    "__version__",
    "extract",
    "load_lexicon",
]
