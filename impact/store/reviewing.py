"""Review beyond one figure: verdicts on many figures at once, the undo log, article
metadata edits, and the reads the Review page needs.

Every review action is logged in ``review_log`` (migration 5) in the transaction that makes
it: one row per figure (or article) with the review columns before and after, as JSON, and
an action number shared by the rows of one bulk action. A figure is named in the log by its
article and span, the key by which reviews carry over when an article is re-extracted, so an
undo finds the figure again after a re-extraction; a figure no longer extracted is skipped
and the undo says so. ``Store.undo`` reverts the latest action not yet undone, all its rows
at once, and logs that it did.
"""

from __future__ import annotations

import importlib
import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pandas as pd

from impact.readers.base import parse_date

if TYPE_CHECKING:
    from impact.model import Figure
    from impact.store.backends import Backend

ARTICLE_FIELDS: tuple[str, ...] = ("title", "publisher", "date", "url")  # what an analyst may edit
SCOPES: tuple[str, ...] = ("sentence", "article")  # what a bulk action takes with a figure
BULK_STATUSES: tuple[str | None, ...] = ("confirmed", "rejected", None)
MAX_METADATA = 1000  # characters in an edited title, publisher or url

_CHUNK = 500  # ids per IN (...) list
_VERBS = {"confirmed": "Confirmed", "corrected": "Corrected", "rejected": "Rejected", None: "Cleared the review of"}

# Columns the Review page's risk queue reads: the figure, its place's offsets, its review.
RISK_COLUMNS: tuple[str, ...] = (
    "id",
    "doc",
    "start",
    "end",
    "surface",
    "vague",
    "unit",
    "category",
    "location",
    "place_name",
    "place_start",
    "place_end",
    "country_code",
    "attributed_to",
    "sentence",
    "sentence_start",
    "sentence_end",
    "period",
    "kind",
    "review_status",
)


_RISK_SELECT = (
    "SELECT f.id, a.doc, "
    + ", ".join(f'f."{c}"' if c == "end" else f"f.{c}" for c in RISK_COLUMNS[2:])
    + " FROM figures AS f JOIN articles AS a ON a.id = f.article_id ORDER BY a.id, f.start, f.id"
)


def _store() -> ModuleType:
    """``impact.store``, read at call time (it imports this module while it loads)."""
    return importlib.import_module("impact.store")


@dataclass(frozen=True, slots=True)
class Undone:
    """What ``Store.undo`` did: the action reverted, how many rows it restored, and the
    figures it could not find any more (re-extracted away), in plain words."""

    summary: str
    restored: int
    missing: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        text = f"Undid: {self.summary}."
        if self.missing:
            gone = ", ".join(self.missing[:5]) + (" …" if len(self.missing) > 5 else "")
            text += (
                f" {len(self.missing)} figure(s) are no longer in the article after a re-extraction"
                f" and were skipped: {gone}."
            )
        return text


class ReviewingMixin:
    """Bulk review, undo, article edits and the Review page's reads; ``Store`` inherits it."""

    if TYPE_CHECKING:
        _db: Backend
        _lock: threading.RLock

        def _transaction(self) -> AbstractContextManager[Backend]: ...

    # -- writing ---------------------------------------------------------------------

    def review_many(self, figure_ids: Sequence[int], status: str | None, *, what: str | None = None) -> int:
        """Confirm or reject (``status=None``: clear) every figure in ``figure_ids`` in one
        transaction, logged as one action (undone at once); returns how many were found.

        ``what`` names the set in the history ("the sentence “…”"); corrections need one
        figure at a time (``Store.review``), so ``corrected`` is refused here.
        """
        if status not in BULK_STATUSES:
            raise ValueError("a bulk review confirms, rejects or clears; correct figures one at a time")
        wanted = sorted({_figure_id(i) for i in figure_ids})
        store = _store()
        with self._transaction() as db, review_logged(db, wanted, kind="bulk", what=what):
            now = store._now()
            found = _states(db, wanted)
            values = dict.fromkeys(store.REVIEW_COLUMNS)
            values.update(review_status=status, reviewed_at=None if status is None else now)
            for figure_id, state in found.items():
                db.execute(
                    f"UPDATE figures SET {', '.join(f'{c} = ?' for c in store.REVIEW_COLUMNS)} WHERE id = ?",
                    (*values.values(), figure_id),
                )
                store._log_change(db, state["article_id"], figure_id, "reviewed", now)
        return len(found)

    def update_article(self, doc: str, **fields: Any) -> str:
        """Edit the stored article ``doc``'s ``title``, ``publisher``, ``date`` or ``url``;
        returns what changed in plain words (empty when nothing did).

        A field given as None or blank is cleared. The date is read by the lenient parser
        ingest uses for sidecars ("30 Dec 2013", "2013-12-30 (approx.)", "December 2013" keep
        their precision); an unreadable one is a ValueError. When the date changes, the
        article's figures are extracted again against it (relative time words are resolved
        from the published date), reviews carrying over by span as in ``add_article``. The
        edit is logged for ``undo``.
        """
        unknown = sorted(set(fields) - set(ARTICLE_FIELDS))
        if unknown:
            raise ValueError(f"{', '.join(unknown)} cannot be edited; edit {', '.join(ARTICLE_FIELDS)}")
        wanted = {name: validate_article_field(name, value) for name, value in fields.items()}
        with self._transaction() as db:
            row = db.execute("SELECT id FROM articles WHERE doc = ? ORDER BY id DESC LIMIT 1", (doc,)).fetchone()
            if row is None:
                raise KeyError(f"no article {doc!r}")
            article_id = int(row[0])
            before = _article_fields(db, article_id)
            after = {**before, **wanted}
            if after == before:
                return ""
            changes = [
                f"{name} {_shown(before[name])} → {_shown(after[name])}"
                for name in after
                if after[name] != before[name]
            ]
            summary = f"Edited article {doc}: " + "; ".join(changes)
            _apply_article(db, article_id, after)
            _log(db, "article", [(article_id, None, None, before, after)], summary)
        return summary

    def undo(self) -> Undone | None:
        """Revert the latest review action not yet undone (every row of a bulk action);
        None when there is nothing to undo. The undo is logged as an action of its own."""
        store = _store()
        with self._transaction() as db:
            latest = db.execute(
                "SELECT action, kind, summary FROM review_log WHERE kind <> 'undo' AND undone_at IS NULL"
                " ORDER BY action DESC LIMIT 1"
            ).fetchone()
            if latest is None:
                return None
            action, kind, summary = int(latest[0]), str(latest[1]), str(latest[2])
            rows = db.execute(
                "SELECT article_id, figure_start, figure_end, state_before, state_after FROM review_log"
                " WHERE action = ? ORDER BY id",
                (action,),
            ).fetchall()
            now = store._now()
            restored, missing = 0, []
            for article_id, start, end, before_json, after_json in rows:
                before = json.loads(before_json)
                if kind == "article":
                    _apply_article(db, int(article_id), before)
                    restored += 1
                    continue
                found = db.execute(
                    'SELECT id FROM figures WHERE article_id = ? AND start = ? AND "end" = ? ORDER BY id LIMIT 1',
                    (article_id, start, end),
                ).fetchone()
                if found is None:
                    missing.append(str(json.loads(after_json).get("_surface") or f"characters {start}–{end}"))
                    continue
                columns = store.REVIEW_COLUMNS
                db.execute(
                    f"UPDATE figures SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                    (*(before.get(c) for c in columns), found[0]),
                )
                store._log_change(db, int(article_id), int(found[0]), "reviewed", now)
                restored += 1
            db.execute("UPDATE review_log SET undone_at = ? WHERE action = ?", (now, action))
            done = Undone(summary=summary, restored=restored, missing=tuple(missing))
            first_article = int(rows[0][0]) if rows else 0
            _log(db, "undo", [(first_article, None, None, None, None)], done.message, undoes=action)
        return done

    # -- reading ---------------------------------------------------------------------

    def review_history(self, limit: int = 10) -> list[dict[str, Any]]:
        """The latest ``limit`` review actions, newest first: ``action``, ``when`` (ISO time),
        ``summary`` in plain words, ``rows`` (figures or articles touched) and ``undone``."""
        with self._lock:
            rows = self._db.execute(
                "SELECT action, MIN(kind), MIN(summary), MIN(logged_at), COUNT(*), MAX(undone_at) FROM review_log"
                " GROUP BY action ORDER BY action DESC LIMIT ?",
                (max(0, int(limit)),),
            ).fetchall()
        return [
            {
                "action": int(action),
                "kind": str(kind),
                "summary": str(summary),
                "when": str(when),
                "rows": int(count),
                "undone": undone is not None,
            }
            for action, kind, summary, when, count, undone in rows
        ]

    def can_undo(self) -> bool:
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM review_log WHERE kind <> 'undo' AND undone_at IS NULL LIMIT 1"
            ).fetchone()
        return row is not None

    def figures_near(self, figure_id: int, scope: str) -> list[int]:
        """Ids of the figures in the same ``sentence`` or ``article`` as ``figure_id`` (itself
        included), in text order; empty when the figure is gone."""
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
        same = "g.article_id = f.article_id"
        if scope == "sentence":
            same += " AND g.sentence_start = f.sentence_start AND g.sentence_end = f.sentence_end"
        with self._lock:
            rows = self._db.execute(
                f"SELECT g.id FROM figures AS f JOIN figures AS g ON {same} WHERE f.id = ? ORDER BY g.start, g.id",
                (_figure_id(figure_id),),
            ).fetchall()
        return [int(row[0]) for row in rows]

    def figures_by_id(self, figure_ids: Sequence[int]) -> pd.DataFrame:
        """The rows of ``Store.figures()`` with these ids, in the order given, rejected ones
        included (columns in ``FIGURE_FRAME_COLUMNS``)."""
        store = _store()
        wanted = [_figure_id(i) for i in figure_ids]
        found: dict[int, Any] = {}
        with self._lock:
            for chunk in _chunks(sorted(set(wanted))):
                sql = f"{store._SELECT_FIGURES} WHERE f.id IN ({', '.join('?' * len(chunk))})"
                for row in self._db.execute(sql, chunk).fetchall():
                    found[int(row[0])] = row
        return store._figure_frame([found[i] for i in wanted if i in found])

    def risk_figures(self) -> pd.DataFrame:
        """Every figure with its place's offsets and its review (``RISK_COLUMNS``), the input
        of ``impact.risk.risk``: reviewed figures too, which count for an article's country."""
        with self._lock:
            rows = self._db.execute(_RISK_SELECT).fetchall()
        frame = pd.DataFrame.from_records(rows, columns=list(RISK_COLUMNS))
        return _store().apply_dtypes(frame)


# -- the log -----------------------------------------------------------------------------


@contextmanager
def review_logged(
    db: Backend, figure_ids: Sequence[int], kind: str = "review", what: str | None = None
) -> Iterator[None]:
    """Log the review columns of ``figure_ids`` before and after the block, as one action.

    Use inside the write transaction, around the update: an exception in the block leaves
    no log row (the transaction rolls back). Figures not found are not logged.
    """
    before = _states(db, figure_ids)
    yield
    after = _states(db, figure_ids)
    rows = [
        (state["article_id"], state["start"], state["end"], state["review"], after[i]["review"] | _about(after[i]))
        for i, state in before.items()
        if i in after
    ]
    if rows:
        _log(db, kind, rows, _review_summary(kind, before, after, what))


def _about(state: dict[str, Any]) -> dict[str, Any]:
    return {"_surface": state["surface"]}


def _log(
    db: Backend,
    kind: str,
    rows: Sequence[tuple[int, int | None, int | None, dict[str, Any] | None, dict[str, Any] | None]],
    summary: str,
    undoes: int | None = None,
) -> int:
    store = _store()
    action = int(db.execute("SELECT COALESCE(MAX(action), 0) + 1 FROM review_log").fetchone()[0])
    now = store._now()
    db.executemany(
        "INSERT INTO review_log (action, kind, article_id, figure_start, figure_end, state_before, state_after,"
        " summary, undoes, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (action, kind, article_id, start, end, _json(before), _json(after), summary, undoes, now)
            for article_id, start, end, before, after in rows
        ),
    )
    return action


def _json(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _states(db: Backend, figure_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Per figure id: its article, span, words, document id and review columns."""
    columns = _store().REVIEW_COLUMNS
    found: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(sorted({int(i) for i in figure_ids})):
        sql = (
            f'SELECT f.id, f.article_id, f.start, f."end", f.surface, a.doc, f.low, f.high,'
            f" {', '.join('f.' + c for c in columns)}"
            " FROM figures AS f JOIN articles AS a ON a.id = f.article_id"
            f" WHERE f.id IN ({', '.join('?' * len(chunk))})"
        )
        for row in db.execute(sql, chunk).fetchall():
            found[int(row[0])] = {
                "article_id": int(row[1]),
                "start": int(row[2]),
                "end": int(row[3]),
                "surface": str(row[4]),
                "doc": str(row[5]),
                "extracted": {"corrected_low": row[6], "corrected_high": row[7]},
                "review": dict(zip(columns, row[8:], strict=True)),
            }
    return found


def _review_summary(
    kind: str, before: dict[int, dict[str, Any]], after: dict[int, dict[str, Any]], what: str | None
) -> str:
    statuses = {state["review"]["review_status"] for state in after.values()}
    status = statuses.pop() if len(statuses) == 1 else None
    verb = _VERBS.get(status, "Reviewed")
    docs = sorted({state["doc"] for state in after.values()})
    where = f"article {docs[0]}" if len(docs) == 1 else f"{len(docs)} articles"
    if kind == "bulk" or len(after) != 1:
        count = f"{len(after)} figure{'s' if len(after) != 1 else ''}"
        return f"{verb} {count} of {what}" if what else f"{verb} {count} in {where}"
    state = next(iter(after.values()))
    text = f"{verb} “{state['surface']}” in {where}"
    old = next(iter(before.values()))["review"]
    changed = [
        column.removeprefix("corrected_").replace("_", " ")
        for column in state["review"]
        if column.startswith("corrected_")
        and state["review"][column] is not None
        and state["review"][column] != old.get(column)
        and state["review"][column] != state["extracted"].get(column)  # a bound kept as extracted
    ]
    return text + (f" ({', '.join(changed)})" if changed and status == "corrected" else "")


# -- articles ----------------------------------------------------------------------------


def validate_article_field(name: str, value: Any) -> str | None:
    """An edited article field as the store keeps it, or ValueError saying what is wrong.

    Blank is None (cleared). The date goes through ``impact.readers.base.parse_date``, the
    lenient parser ingest uses for sidecars, and is kept as ISO with its precision.
    """
    if name not in ARTICLE_FIELDS:
        raise ValueError(f"{name!r} cannot be edited")
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"the {name} must be text")
    value = " ".join(value.split())
    if not value:
        return None
    if len(value) > MAX_METADATA:
        raise ValueError(f"the {name} is longer than {MAX_METADATA} characters")
    if name == "date":
        parsed = parse_date(value)
        if parsed is None:
            raise ValueError(f"cannot read the date {value!r}; write it as 2024-03-01, 1 March 2024 or March 2024")
        return parsed[0]
    if name == "url" and not value.lower().startswith(("http://", "https://")):
        raise ValueError("the url must start with http:// or https://")
    return value


def _article_fields(db: Backend, article_id: int) -> dict[str, Any]:
    row = db.execute(f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles WHERE id = ?", (article_id,)).fetchone()
    return dict(zip(ARTICLE_FIELDS, row, strict=True))


def _apply_article(db: Backend, article_id: int, fields: dict[str, Any]) -> None:
    """Set the article's fields; when its date changes, extract its figures again against
    the new date (reviews carry over by span)."""
    store = _store()
    row = db.execute("SELECT date, text, doc FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:  # the article was deleted since the action
        return
    old_date, text, doc = row
    now = store._now()
    values = [fields.get(name) for name in ARTICLE_FIELDS]
    db.execute(
        f"UPDATE articles SET {', '.join(f'{n} = ?' for n in ARTICLE_FIELDS)} WHERE id = ?", (*values, article_id)
    )
    if fields.get("date") != old_date:
        figures = _extract(text, doc, fields.get("date"))
        version = store.extractor_version()
        db.execute(
            "UPDATE articles SET extractor_version = ?, ingested_at = ? WHERE id = ?", (version, now, article_id)
        )
        store._replace_figures(db, article_id, figures)
    store._log_change(db, article_id, None, "reextracted", now)


def _extract(text: str, doc: str, published: str | None) -> list[Figure]:
    """The article's figures by the library's extractor, read against ``published``."""
    from impact.engines import Extracted, extract_article
    from impact.model import Article

    outcome = extract_article(Article(doc=doc, text=text, date=published))
    if not isinstance(outcome, Extracted):
        raise ValueError(f"the article could not be extracted again: {outcome}")
    return list(outcome.figures)


# -- small helpers -----------------------------------------------------------------------


def _figure_id(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"not a figure id: {value!r}")
    number = int(value)
    if not 0 < number < 2**63:
        raise ValueError(f"not a figure id: {value!r}")
    return number


def _chunks(values: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


def _shown(value: Any) -> str:
    return "(none)" if value in (None, "") else f"“{value}”"
