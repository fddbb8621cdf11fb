"""Records -> typed DataFrames: the one place rows are built, ids derived and order fixed.

Ids are deterministic: ``article_id`` hashes the article text; ``entity_id`` hashes type and
canonical name; statement and event ids hash the article id and their offsets. Frames are built
through the Arrow schema read off ``schemas``, so every column has its contract type.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa

import schemas
from pipeline.records import Article, Reject

if TYPE_CHECKING:
    from pipeline.extract.entities import Entity, Mention
    from pipeline.extract.events import Event
    from pipeline.extract.quotes import Statement

Row = dict[str, Any]


def article_id_for(article: Article) -> str:
    """Return the id of an article: the first 16 hex digits of its title-and-text fingerprint."""
    return article.article_id


def span_id_for(article_id: str, *parts: object) -> str:
    """Return a deterministic id for a span-anchored row (statement, event)."""
    key = "\x1f".join([article_id, *map(str, parts)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def article_row(
    article: Article,
    *,
    n_sentences: int,
    n_words: int,
    language: str,
    ingested_at: dt.datetime,
    pipeline_version: str,
) -> Row:
    """Return the ``articles`` row of a processed article."""
    return {
        "article_id": article_id_for(article),
        "source_path": article.source_path,
        "source_id": article.source_id,
        "source_name": article.source_name,
        "url": article.url,
        "published_date": article.published_date,
        "date_source": article.date_source,
        "title": article.title,
        "text": article.text,
        "language": language,
        "n_paragraphs": max(1, len(article.paragraphs)),
        "n_sentences": n_sentences,
        "n_words": n_words,
        "content_sha256": article.content_sha256,
        "ingested_at": ingested_at,
        "pipeline_version": pipeline_version,
    }


def statement_id_for(article_id: str, start: int, end: int) -> str:
    """Return the id of a statement: a hash of its article and content span."""
    return span_id_for(article_id, "statement", start, end)


def entity_rows(
    article_id: str, entities: Iterable[Entity], *, counts: Mapping[str, int] | None = None
) -> list[Row]:
    """Return the ``entities`` rows of one article; ``counts`` (mentions per entity id, names
    and pronouns alike) overrides the extractor's name-mention counts."""
    return [
        {
            "article_id": article_id,
            "entity_id": e.entity_id,
            "name": e.name,
            "type": e.type,
            "country_iso3": e.country_iso3,
            "role": e.role,
            "aliases": list(e.aliases),
            "mention_count": (counts or {}).get(e.entity_id, e.mention_count),
        }
        for e in entities
    ]


def mention_rows(article_id: str, text: str, mentions: Iterable[Mention]) -> list[Row]:
    """Return the ``mentions`` rows of one article; span text is sliced from the stored text."""
    return [
        {
            "article_id": article_id,
            "entity_id": m.entity_id,
            "start": m.start,
            "end": m.end,
            "text": text[m.start : m.end],
            "sentence_idx": m.sentence_idx,
            "kind": m.kind,
        }
        for m in mentions
    ]


def statement_rows(article_id: str, text: str, statements: Iterable[Statement]) -> list[Row]:
    """Return the ``statements`` rows of one article; content text is sliced from the article."""
    rows = []
    for s in statements:
        row = _fields(s, "statements")
        row.update(
            statement_id=statement_id_for(article_id, s.start, s.end),
            article_id=article_id,
            text=text[s.start : s.end],
        )
        rows.append(row)
    return rows


def event_rows(article_id: str, text: str, events: Iterable[Event]) -> list[Row]:
    """Return the ``events`` rows of one article; an event inside a statement gets its id.

    The id hashes every field of the event (a compound actor gives one event per country);
    an event equal in every field to an earlier one is the same event and is written once.
    """
    rows = []
    seen: set[str] = set()
    for e in events:
        row = _fields(e, "events")
        event_id = span_id_for(article_id, "event", *row.values())
        if event_id in seen:
            continue
        seen.add(event_id)
        in_statement = e.statement_start is not None and e.statement_end is not None
        row.update(
            event_id=event_id,
            article_id=article_id,
            trigger=text[e.trigger_start : e.trigger_end],
            statement_id=(
                statement_id_for(article_id, e.statement_start, e.statement_end)  # type: ignore[arg-type]
                if in_statement else None
            ),
        )
        rows.append(row)
    return rows


def _fields(record: object, table: str) -> Row:
    """The record's values for the table's columns (columns it lacks are filled later)."""
    columns = schemas.column_names(table)
    return {c: getattr(record, c) for c in columns if hasattr(record, c)}


def reject_row(reject: Reject, *, seen_at: dt.datetime) -> Row:
    """Return the ``rejects`` row of a rejected input."""
    return {
        "source_path": reject.source_path,
        "input_line": reject.input_line,
        "stage": reject.stage,
        "reason_code": reject.reason_code,
        "message": reject.message,
        "content_sha256": reject.content_sha256,
        "seen_at": seen_at,
    }


def build_frame(table: str, rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Return ``rows`` as a typed frame of ``table``: contract columns, stable row order."""
    schema = schemas.arrow_schema(table)
    arrow = pa.Table.from_pylist(list(rows), schema=schema)
    frame = arrow.to_pandas(types_mapper=pd.ArrowDtype)
    return sort_frame(table, frame)


def sort_frame(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` in the table's stable order, with a fresh 0..n-1 index."""
    keys = [k for k in schemas.SORT_KEYS[table] if k in frame.columns]
    if frame.empty or not keys:
        return frame.reset_index(drop=True)
    return frame.sort_values(keys, kind="stable", na_position="first").reset_index(drop=True)
