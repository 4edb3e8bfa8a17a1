"""Add an article: paste text or upload a file, see its figures, save it to the store."""

from __future__ import annotations

import base64
import binascii
import hashlib
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from dash import dcc, html

from dashboard import components, ids
from dashboard.queries import StoreTarget
from dashboard.views.article import figure_list, highlighted
from impact.frame import to_frame
from impact.model import Article
from impact.readers.base import ReadError, iso_date, storable
from impact.readers.text import UndecodableError, decode
from impact.store import Store

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = 300_000
ACCEPTED = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def _status(message: str, ok: bool) -> html.Div:
    return html.Div(message, className="status ok" if ok else "status error", role="status")


def read_upload(contents: str | None, filename: str | None) -> Article | str:
    """The article in an uploaded file, or one line saying why it cannot be read.

    Checks the extension, the size and that the bytes are what the extension claims
    (a PDF starts with ``%PDF-``; text and HTML decode as text).
    """
    if not contents or not filename:
        return "No file received."
    filename = filename.replace("\x00", "")  # a NUL byte is no part of a name (and breaks paths)
    suffix = Path(filename).suffix.lower()
    kind = ACCEPTED.get(suffix)
    if kind is None:
        return f"{filename}: only .txt, .html and .pdf files can be added."
    try:
        payload = contents.split(",", 1)[1]
        data = base64.b64decode(payload, validate=True)
    except (IndexError, binascii.Error):
        return f"{filename}: the upload was damaged; try again."
    if len(data) > MAX_UPLOAD_BYTES:
        return f"{filename}: larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
    stem = Path(filename).stem or "upload"
    if kind == "pdf":
        if not data.startswith(b"%PDF-"):
            return f"{filename}: not a PDF file."
        from impact.readers.pdf import read_pdf_file

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{stem}.pdf"
            path.write_bytes(data)
            result = read_pdf_file(path)
    else:
        try:
            text = decode(data)
        except UndecodableError as error:
            return f"{filename}: {error}."
        if kind == "html":
            from impact.readers.html import html_article

            result = html_article(text, doc=stem, source=filename)
        else:
            result = Article(doc=stem, text=text, source_path=filename)
    if isinstance(result, ReadError):
        return f"{filename}: {result.reason}."
    if not result.text.strip():
        return f"{filename}: no text found."
    return result


def upload_outputs(contents: str | None, filename: str | None) -> tuple[Any, ...]:
    """Fill the form from an uploaded file: text, title, publisher, date, url, status."""
    result = read_upload(contents, filename)
    if isinstance(result, str):
        return (None, None, None, None, None, _status(result, ok=False))
    return (
        result.text[:MAX_TEXT_CHARS],
        result.title,
        result.publisher,
        result.date,
        result.url,
        _status(f"Read {filename}: {len(result.text):,} characters. Now press Find figures.", True),
    )


def _doc_id(text: str) -> str:
    return "added-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def extract_outputs(
    text: str | None,
    title: str | None,
    publisher: str | None,
    date: str | None,
    url: str | None,
) -> tuple[list[Any], dict[str, Any] | None, Any]:
    """Run the extractor on the text: highlighted preview, the pending article, status."""
    from impact.pipeline import extract

    text = (text or "").replace("\r\n", "\n")
    if not text.strip():
        return [], None, _status("Paste an article's text or upload a file first.", ok=False)
    if len(text) > MAX_TEXT_CHARS:
        return [], None, _status(f"Text longer than {MAX_TEXT_CHARS:,} characters.", ok=False)
    found = extract(text)
    frame = to_frame(found)
    frame.insert(0, "id", range(len(frame)))
    rows = frame.to_dict("records")
    preview = [
        html.H2(f"{len(rows)} figure(s) found"),
        html.Div(highlighted(text, rows), className="article-text", id=ids.ARTICLE_TEXT),
        html.H2("Figures"),
        figure_list(frame) if rows else html.P("No figures found.", className="note"),
    ]
    pending = {
        "text": text,
        "title": title or None,
        "publisher": publisher or None,
        "date": date or None,
        "url": url or None,
    }
    status = _status(
        f"{len(rows)} figure(s) found. Check them, then Save to add the article to the store.",
        ok=True,
    )
    return preview, pending, status


def save_outputs(db: StoreTarget, pending: dict[str, Any] | None) -> Any:
    """Store the previewed article (extracting again: the extractor is deterministic)."""
    from impact.pipeline import extract

    if not isinstance(pending, dict) or not isinstance(pending.get("text"), str) or not pending["text"]:
        return _status("Find figures first; then save.", ok=False)
    # the pending article comes back from the browser: check it again, as "Find figures" did
    if len(pending["text"]) > MAX_TEXT_CHARS:
        return _status(f"Not saved: text longer than {MAX_TEXT_CHARS:,} characters.", ok=False)
    date = pending.get("date") or None
    if date is not None and (not isinstance(date, str) or len(date) != 10 or iso_date(date) != date):
        return _status("Not saved: the date must be YYYY-MM-DD.", ok=False)
    fields = {name: pending.get(name) for name in ("title", "publisher", "url")}
    if any(value is not None and not isinstance(value, str) for value in fields.values()):
        return _status("Not saved: title, publisher and url must be text.", ok=False)
    text = storable(str(pending["text"]))  # browser strings may hold lone surrogates
    doc = _doc_id(text)
    article = Article(
        doc=doc,
        text=text,
        title=fields["title"],
        publisher=fields["publisher"],
        date=date,
        url=fields["url"],
        source_path="dashboard",
    )
    found = extract(text)
    with Store(db) as store:
        added = store.add_article(article, found)
    link = dcc.Link("open it", href=f"/article?doc={quote(doc, safe='')}")
    if not added:
        return html.Div(["This text is already in the store (", link, ")."], className="status ok")
    return html.Div([f"Saved with {len(found)} figure(s) as {doc} (", link, ")."], className="status ok")


def layout() -> html.Div:
    def field(id_: str, label: str, placeholder: str = "", type_: Any = "text") -> html.Div:
        return html.Div(
            [
                html.Label(label, htmlFor=id_),
                dcc.Input(id=id_, type=type_, placeholder=placeholder, debounce=True),
            ]
        )

    return html.Div(
        [
            html.H1("Add an article"),
            html.P(
                "Paste the text of a news article or report, or upload a .txt, .html or .pdf "
                f"file (up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB). Press Find figures to "
                "see what the extractor reads; Save adds the article and its figures to the "
                "store.",
                className="note",
            ),
            dcc.Upload(
                id=ids.ADD_UPLOAD,
                children=html.Div(["Drop a file here or ", html.A("choose one")]),
                accept=".txt,.text,.html,.htm,.pdf",
                max_size=MAX_UPLOAD_BYTES,
                multiple=False,
                className="upload",
            ),
            dcc.Textarea(
                id=ids.ADD_TEXT,
                placeholder="Paste the article text here …",
                style={"height": "220px"},
            ),
            html.Div(
                [
                    field(ids.ADD_TITLE, "Title"),
                    field(ids.ADD_PUBLISHER, "Publisher", "e.g. Reuters"),
                    field(ids.ADD_DATE, "Date", "YYYY-MM-DD"),
                    field(ids.ADD_URL, "Link", "https://…", "url"),
                ],
                className="row",
            ),
            html.Div(
                [
                    html.Button("Find figures", id=ids.ADD_EXTRACT, className="primary"),
                    html.Button("Save to the store", id=ids.ADD_SAVE),
                ],
                className="row",
            ),
            html.Div(id=ids.ADD_STATUS),
            html.Div(id=ids.ADD_SAVE_STATUS),
            components.vague_legend(),
            dcc.Store(id=ids.ADD_PENDING),
            html.Div(id=ids.ADD_PREVIEW),
        ]
    )
