"""Security: article text is untrusted input, and so is anything typed or uploaded in the dashboard.

Covered elsewhere, not repeated here: the article view keeps ``<script>`` as a plain
string and drops ``javascript:`` links (``tests/test_dashboard_callbacks.py::
test_article_text_is_escaped_and_marked``), upload type and size refusals
(``::test_uploads_are_checked``), formula-safe CSV from the CLI and the dashboard
(``tests/test_export.py::test_csv_export_is_safe_against_formula_injection``,
``tests/test_dashboard_callbacks.py::test_export_is_formula_injection_safe``).
"""

from __future__ import annotations

import ast
import base64
import csv
import io
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from dash.development.base_component import Component

from dashboard import ids, snapshot
from dashboard.components import controls_args
from dashboard.views import add, article, compare, overview, review, table
from dashboard.views import map as map_view
from impact.cli import cli
from impact.export import export_figures, export_frame
from impact.model import Article, Figure, Place
from impact.store import Store

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
HOSTILE_DOC = f"{SCRIPT}../../etc/passwd"
HOSTILE_TEXT = f"{SCRIPT} At least 40 people were killed in Mosul. {IMG} About 300 families fled."
SAFE_RENDERERS = {"SentenceMark", "ArticleLink", "WordsLink"}  # dashboard/assets: React text children only
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_PROPS = ("href", "src", "action", "formAction", "srcDoc", "data")


def _figure(text: str, surface: str, value: int, category: str) -> Figure:
    start = text.index(surface)
    return Figure(
        start=start, end=start + len(surface), surface=surface, low=value, high=value, best=value,
        approximate=False, vague=False, qualifier=None, counted=IMG, unit="people", category=category,
        location=SCRIPT, place=Place(SCRIPT, country_code="IQ", latitude=36.3, longitude=43.1),
        attributed_to=IMG, sentence=text, sentence_start=0, sentence_end=len(text),
    )  # fmt: skip


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    """A store where every text field an article or a reviewer can set is hostile."""
    db = tmp_path / "hostile.db"
    with Store(db) as store:
        store.add_article(
            Article(
                doc=HOSTILE_DOC,
                text=HOSTILE_TEXT,
                title=IMG,
                publisher=SCRIPT,
                date="2024-05-01",
                url="javascript:alert(3)",
            ),
            [_figure(HOSTILE_TEXT, "At least 40", 40, "killed"), _figure(HOSTILE_TEXT, "About 300", 300, "fled")],
        )
        first = int(store.figures()["id"].iloc[0])
        store.review(first, "corrected", low=41, high=45, location=IMG, note=SCRIPT)
    return db


def _components(tree: Any) -> Iterator[tuple[Component, dict[str, Any]]]:
    """Every Dash component in a layout, with its props."""
    if isinstance(tree, Component):
        props = tree.to_plotly_json()["props"]
        yield tree, props
        for value in props.values():
            yield from _components(value)
    elif isinstance(tree, list | tuple):
        for item in tree:
            yield from _components(item)
    elif isinstance(tree, dict):
        for value in tree.values():
            yield from _components(value)


def _strings(tree: Any) -> Iterator[str]:
    if isinstance(tree, str):
        yield tree
    elif isinstance(tree, Component):
        yield from _strings(tree.to_plotly_json()["props"])
    elif isinstance(tree, list | tuple):
        for item in tree:
            yield from _strings(item)
    elif isinstance(tree, dict):
        for value in tree.values():
            yield from _strings(value)


def _children_text(tree: Any) -> Iterator[str]:
    """The text a reader sees: string children only."""
    if isinstance(tree, str):
        yield tree
    elif isinstance(tree, Component):
        yield from _children_text(getattr(tree, "children", None))
    elif isinstance(tree, list | tuple):
        for item in tree:
            yield from _children_text(item)


def _assert_inert(layout: Any, view: str) -> None:
    """No component that renders raw HTML or runs script; hostile text only as plain strings."""
    for component, props in _components(layout):
        kind = f"{view}: {type(component).__name__}"
        assert "dangerouslySetInnerHTML" not in props, kind
        assert type(component).__name__ not in ("Script", "Iframe", "ObjectEl", "Embed"), kind
        if type(component).__name__ == "Markdown":
            assert not props.get("dangerously_allow_html"), "dcc.Markdown renders HTML"
        for name in URL_PROPS:
            value = props.get(name)
            if isinstance(value, str):
                assert not value.strip().lower().startswith(BAD_SCHEMES), (kind, name, value)
        if type(component).__name__ == "AgGrid":
            assert not props.get("dangerously_allow_code"), "AG Grid may run code from the data"
            for column in props.get("columnDefs") or []:
                renderer = column.get("cellRenderer")
                assert renderer is None or renderer in SAFE_RENDERERS, renderer
                assert renderer != "markdown"
            for row in props.get("rowData") or []:
                assert str(row.get("article_href", "/article?doc=")).startswith("/article?doc=")
                assert SCRIPT not in str(row.get("article_href", ""))  # the doc id is URL-quoted


def _layouts(db: Path) -> dict[str, Any]:
    snap = snapshot.load(db)
    query: dict[str, Any] = {}
    first = Store(db)
    try:
        figure_rows = first.figures().to_dict("records")
    finally:
        first.close()
    editor = review.editor_outputs([{"id": figure_rows[0]["id"]}], db)
    preview, _pending, status = add.extract_outputs(HOSTILE_TEXT, IMG, SCRIPT, "2024-05-01", "javascript:alert(4)")
    return {
        "article": article.layout({"doc": HOSTILE_DOC}, db),
        "table": table.layout(query, snap, db),
        "table-rows": table.table_outputs(snap, db, *controls_args(query)),
        "review": review.layout(query, snap, db),
        "review-editor": editor,
        "compare": compare.layout({"place": SCRIPT, "category": "killed"}, snap, db),
        "overview": overview.layout(query, snap, db),
        "map": map_view.layout(query, snap, db, "/assets/topojson/"),
        "add": add.layout(),
        "add-preview": [preview, status],
        "add-saved": add.save_outputs(db, {"text": HOSTILE_TEXT + " 2", "title": IMG, "url": "javascript:x"}),
    }


def test_hostile_text_is_carried_as_plain_strings_in_every_view(hostile_db: Path) -> None:
    layouts = _layouts(hostile_db)
    for name, layout in layouts.items():
        _assert_inert(layout, name)
    page_text = list(_strings(layouts["article"]))
    assert any(SCRIPT in s for s in page_text) and any(IMG in s for s in page_text)  # shown, as text
    body = [c for c, _ in _components(layouts["article"]) if getattr(c, "id", None) == ids.ARTICLE_TEXT]
    assert body and "".join(_children_text(body[0])) == HOSTILE_TEXT


def test_the_grid_renderers_never_parse_html() -> None:
    """The AG Grid cell renderers build React elements from text; no asset evaluates data."""
    for script in (ROOT / "dashboard" / "assets").glob("*.js"):
        source = script.read_text(encoding="utf-8")
        for needle in ("innerHTML", "outerHTML", "dangerouslySetInnerHTML", "insertAdjacentHTML", "eval(", "Function("):
            assert needle not in source, f"{script.name} uses {needle}"
    for column in table.column_defs():
        assert column.get("cellRenderer") in (None, *SAFE_RENDERERS)


def test_no_dashboard_code_renders_markdown_or_raw_html() -> None:
    for path in (ROOT / "dashboard").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "dangerously_allow_html" not in source, path
        assert "dangerouslySetInnerHTML" not in source, path
        assert "dangerously_allow_code" not in source, path


# -- exports ------------------------------------------------------------------------------------


def test_hxl_export_neutralises_formulas_too(tmp_path: Path) -> None:
    text = "=1+1 people were killed"
    with Store(tmp_path / "impact.db") as store:
        store.add_article(
            Article("evil", text, publisher='=HYPERLINK("http://evil")', title="@x"),
            [
                Figure(
                    start=0, end=4, surface="=1+1", low=2, high=2, best=2, approximate=False, vague=False,
                    qualifier=None, counted="+cmd|' /C calc'!A0", unit="people", category="killed",
                    location="-2+3", place=None, attributed_to="@SUM(A1)", sentence=text,
                    sentence_start=0, sentence_end=len(text),
                )
            ],
        )  # fmt: skip
        frame = export_figures(store)
    path = tmp_path / "evil.hxl.csv"
    export_frame(frame, "hxl", path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[1][0].startswith("#")  # the HXL hashtag row
    cells = [cell for row in rows[2:] for cell in row]
    assert cells and not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells if cell)
    assert '\'=HYPERLINK("http://evil")' in cells and "'@SUM(A1)" in cells


# -- uploads --------------------------------------------------------------------------------------


def _upload(data: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(data).decode()


def test_upload_limit_matches_the_upload_component() -> None:
    limits = [props.get("max_size") for c, props in _components(add.layout()) if type(c).__name__ == "Upload"]
    assert limits == [add.MAX_UPLOAD_BYTES]  # the browser refuses first; read_upload checks again
    assert add.MAX_UPLOAD_BYTES <= 10 * 1024 * 1024


@pytest.mark.parametrize(
    "name",
    ["evil.exe", "evil.txt.exe", "evil.svg", "evil.js", "evil.PHP", "evil", ".pdf", "evil.html "],
)
def test_upload_types_are_an_allow_list(name: str) -> None:
    result = add.read_upload(_upload(b"<script>alert(1)</script> 40 people were killed"), name)
    assert isinstance(result, str) and "only .txt, .html and .pdf" in result


def test_an_upload_cannot_write_outside_its_temporary_folder(tmp_path: Path) -> None:
    target = Path("/tmp") / f"impact-escape-{uuid.uuid4().hex}.pdf"
    for name in (f"../../../../../..{target}", str(target), f"..\\..\\{target.name}"):
        result = add.read_upload(_upload(b"%PDF-1.4\nnot really"), name)
        assert isinstance(result, str)  # refused as a broken PDF, from a temporary copy
        assert not target.exists()
    # the uploaded name becomes a document id, never a path
    article_ = add.read_upload(_upload(b"40 people were killed."), "../../secret/report.txt")
    assert isinstance(article_, Article) and article_.doc == "report"


def test_an_upload_name_with_a_nul_byte_is_one_clear_line() -> None:
    result = add.read_upload(_upload(b"%PDF-1.4\n"), "report\x00.pdf")
    assert isinstance(result, str)


def test_the_server_refuses_oversized_requests(tmp_path: Path) -> None:
    from dashboard.app import create_app

    app = create_app(tmp_path / "impact.db")
    limit = app.server.config.get("MAX_CONTENT_LENGTH")
    assert limit is not None and limit <= 4 * add.MAX_UPLOAD_BYTES  # base64 and JSON around the file


def test_pasted_text_with_a_lone_surrogate_is_saved(tmp_path: Path) -> None:
    db = tmp_path / "impact.db"
    Store(db).close()
    status = add.save_outputs(db, {"text": "At least 5 people \ud800 were killed in Mosul."})
    assert "Saved" in " ".join(_strings(status))


def test_article_ids_from_the_url_are_data_not_paths(hostile_db: Path) -> None:
    for doc in ("../../../../etc/passwd", "/etc/passwd", "x' OR '1'='1", "%2e%2e%2f"):
        page = article.layout({"doc": doc}, hostile_db)
        assert "No article with this id" in " ".join(_strings(page))


# -- SQL -----------------------------------------------------------------------------------------

_SQL_METHODS = {"execute", "executemany", "executescript", "read_sql", "read_sql_query"}
_CONSTANT = re.compile(r"^_?[A-Z][A-Z0-9_]*$")
# Values computed by these functions are SQL built only from constants and "?" placeholders:
_TRUSTED_CALLS = {
    "where": "impact/filters (Filters.where, reading.where): a WHERE clause of '?' placeholders;"
    " filter values go to params",
    "statements": "impact/store/schema: splits the constant MIGRATIONS",
    "_placeholders": "impact/store/backends: '?' -> '%s' for PostgreSQL",
}
# Backend methods pass their caller's SQL through; the callers are checked.
_PASS_THROUGH = {"impact/store/backends.py"}


class _SqlChecker:
    def __init__(self, path: Path, tree: ast.Module) -> None:
        self.path = path.relative_to(ROOT).as_posix()
        self.tree = tree
        self.problems: list[str] = []

    def check(self) -> list[str]:
        for function in ast.walk(self.tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in _SQL_METHODS
                    and node.args
                    and not self.safe(node.args[0], function, set())
                ):
                    self.problems.append(f"{self.path}:{node.lineno}: {ast.unparse(node.args[0])[:100]}")
        return self.problems

    def safe(self, node: ast.expr, function: ast.FunctionDef | ast.AsyncFunctionDef, seen: set[str]) -> bool:
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str | int)
        if isinstance(node, ast.Name):
            return self.safe_name(node.id, function, seen)
        if isinstance(node, ast.JoinedStr):
            return all(
                self.safe(part.value, function, seen) for part in node.values if isinstance(part, ast.FormattedValue)
            )
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mult):
            return self.safe(node.left, function, seen) and self.safe(node.right, function, seen)
        if isinstance(node, ast.IfExp):
            return self.safe(node.body, function, seen) and self.safe(node.orelse, function, seen)
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "join" and isinstance(node.func, ast.Attribute):
                return self.safe(node.func.value, function, seen) and all(
                    self.safe(arg, function, seen) for arg in node.args
                )
            if name == "len":
                return True  # a number
            return name in _TRUSTED_CALLS
        if isinstance(node, ast.GeneratorExp | ast.ListComp):
            inner = seen | {n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)}
            return self.safe(node.elt, function, inner) and all(
                self.safe(g.iter, function, seen) for g in node.generators
            )
        if isinstance(node, ast.Subscript):  # _SQL_HAS_LOG[conn.name]: a value of a constant mapping
            return isinstance(node.value, ast.Name) and _CONSTANT.match(node.value.id) is not None
        if isinstance(node, ast.Attribute):  # self._db.fold: a backend constant
            return _CONSTANT.match(node.attr) is not None or node.attr == "fold"
        return False

    def safe_name(self, name: str, function: ast.FunctionDef | ast.AsyncFunctionDef, seen: set[str]) -> bool:
        if _CONSTANT.match(name) or name in seen:
            return True
        if name in {arg.arg for arg in function.args.args}:
            return self.path in _PASS_THROUGH
        values = []
        for node in ast.walk(function):
            if isinstance(node, ast.Assign | ast.AnnAssign | ast.For):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
                if name in names:
                    value = node.iter if isinstance(node, ast.For) else node.value
                    if value is not None:
                        values.append(value)
        return bool(values) and all(self.safe(value, function, seen | {name}) for value in values)


def test_no_sql_is_built_from_user_input() -> None:
    """Every SQL string given to execute() is built from constants and '?' placeholders only."""
    problems: list[str] = []
    checked = 0
    for folder in ("impact", "dashboard"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            problems += _SqlChecker(path, tree).check()
            checked += 1
    assert checked > 20
    assert problems == [], "SQL built from non-constant values:\n" + "\n".join(problems)


def test_the_sql_checker_catches_formatting() -> None:
    source = (
        "def f(conn, name):\n"
        "    conn.execute(f\"SELECT * FROM t WHERE name = '{name}'\")\n"
        "    conn.execute(\"SELECT * FROM t WHERE name = '%s'\" % name)\n"
        "    conn.execute(\"SELECT * FROM t WHERE name = '{}'\".format(name))\n"
        "    sql = 'SELECT * FROM t WHERE name = ' + name\n"
        "    conn.execute(sql)\n"
        "    conn.execute('SELECT * FROM t WHERE name = ?', (name,))\n"
    )
    path = ROOT / "impact" / "example.py"
    problems = _SqlChecker(path, ast.parse(source)).check()
    assert [p.split(":")[1] for p in problems] == ["2", "3", "4", "6"]


# -- the server ------------------------------------------------------------------------------------


def test_the_dashboard_listens_on_localhost_without_debug_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dashboard.app

    calls: list[dict[str, Any]] = []

    class FakeApp:
        def run(self, **kwargs: Any) -> None:
            calls.append(kwargs)

    monkeypatch.setattr(dashboard.app, "create_app", lambda db, **kwargs: FakeApp())
    args = ["dashboard", "--db", str(tmp_path / "impact.db"), "--create"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert calls == [{"host": "127.0.0.1", "port": 8050, "debug": False}]
    help_text = CliRunner().invoke(cli, ["dashboard", "--help"]).output
    assert "127.0.0.1" in help_text
