"""Article page (``/article?doc=<id>``): wiring only; see ``dashboard.views.article``."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from dashboard import context
from dashboard.views import article

dash.register_page(__name__, path="/article", name="Article", title="Article · impact", order=9)


def layout(**query: Any) -> html.Div:
    return article.layout(query, context.db_path())
