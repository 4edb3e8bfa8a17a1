"""PDF files: the text layer of every page, by pypdf."""

from __future__ import annotations

import logging
from pathlib import Path

from impact.model import Article
from impact.readers.base import ReadError, path_problem

# More pages than any report: a 30,000-page file took 12-25 s to refuse nothing. Its text
# would be read whole as one article, so it is refused by its page count, read first.
MAX_PDF_PAGES = 3000


def read_pdf_file(path: Path) -> Article | ReadError:
    from pypdf import PdfReader

    source = str(path)
    # pypdf logs every repair it attempts; a broken file is reported once, by us.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            return ReadError(source, "encrypted PDF, cannot read its text")
        declared = _declared_pages(reader)  # the page tree's /Count: read without walking it
        if declared > MAX_PDF_PAGES:
            return ReadError(source, f"PDF of {declared:,} pages; one article has at most {MAX_PDF_PAGES:,}")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except OSError as error:
        return ReadError(source, path_problem(error))
    except Exception as error:  # pypdf raises many types on broken files
        return ReadError(source, f"not a readable PDF ({type(error).__name__}: {error})")
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        return ReadError(source, "PDF has no text layer (scanned images?)")
    # The creation date of a PDF is not when it was reported: leave the date to metadata.
    title = info.title if info is not None else None
    return Article(doc=path.stem, text=text, title=str(title) if title else None, source_path=source)


def _declared_pages(reader: object) -> int:
    """The page count the file states at its root; 0 when it states none."""
    try:
        count = reader.trailer["/Root"]["/Pages"].get("/Count", 0)  # type: ignore[attr-defined]
        return int(count)
    except Exception:  # a broken tree: pypdf reports it when the pages are read
        return 0
