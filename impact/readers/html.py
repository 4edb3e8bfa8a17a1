"""HTML pages: main text and metadata by trafilatura."""

from __future__ import annotations

from pathlib import Path

from impact.model import Article
from impact.readers.base import ReadError, iso_date, path_problem
from impact.readers.text import UndecodableError, decode


def read_html_file(path: Path) -> Article | ReadError:
    try:
        data = path.read_bytes()
    except OSError as error:
        return ReadError(str(path), path_problem(error))
    try:
        markup: str | bytes = decode(data)
    except UndecodableError:
        markup = data  # let trafilatura honour a <meta charset> declaration
    return html_article(markup, doc=path.stem, source=str(path))


def html_article(markup: str | bytes, doc: str, source: str, url: str | None = None) -> Article | ReadError:
    import trafilatura  # 0.4 s import: only when a page is read

    try:
        document = trafilatura.bare_extraction(markup, url=url, with_metadata=True)
    except Exception as error:  # a broken page is one bad input, not a crash
        return ReadError(source, f"HTML could not be parsed ({type(error).__name__}: {error})")
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        return ReadError(source, "no main text found in the HTML page")
    return Article(
        doc=doc,
        text=text,
        title=getattr(document, "title", None) or None,
        publisher=getattr(document, "sitename", None) or getattr(document, "hostname", None),
        date=iso_date(getattr(document, "date", None)),
        url=getattr(document, "url", None) or url,
        source_path=source,
    )
