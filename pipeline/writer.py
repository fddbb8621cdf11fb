"""Extracted records -> rows -> validated frames -> Parquet parts, one batch at a time.

Runs where the flow runs, so only that process imports pandas, pyarrow and pandera; worker
processes send back plain records (``process.ExtractedBatch``) and keep only the model.
A batch's frames are written and dropped before the next batch arrives.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

import pipeline
from pipeline import storage, tables
from pipeline.process import (
    LANGUAGE,
    ArticleOutcome,
    BatchOutcome,
    ExtractedArticle,
    ExtractedBatch,
    StageTimer,
    reject,
)
from pipeline.records import Reject
from pipeline.validate import validate_tables

log = logging.getLogger(__name__)

Rows = dict[str, list[dict[str, object]]]


def write_batch(
    batch: ExtractedBatch, *, snapshot: Path, ingested_at: dt.datetime
) -> BatchOutcome:
    """Build, validate and write the rows of an extracted batch; return what was written."""
    outcome = BatchOutcome(
        key=batch.key, n_articles=batch.n_articles, rejects=list(batch.rejects),
        seconds=dict(batch.seconds),
    )
    timer = StageTimer(outcome.seconds)
    rows: Rows = {t: [] for t in ("articles", "entities", "mentions", "statements", "events")}
    built: list[ExtractedArticle] = []
    with timer("tables"):
        for item in batch.articles:
            try:
                article_rows = _rows(item, ingested_at=ingested_at)
            except Exception as exc:  # one bad article never costs the batch
                log.warning("building rows failed for %s: %s", item.article.input_key, exc)
                outcome.rejects.append(reject(item.article, "extract", "extract_error", exc))
                continue
            built.append(item)
            for table, table_rows in article_rows.items():
                rows[table].extend(table_rows)
            outcome.n_words += item.n_words
        frames = {t: tables.build_frame(t, r) for t, r in rows.items()}
    with timer("validate"):
        result = validate_tables(frames)
    with timer("write"):
        for table, frame in result.valid.items():
            outcome.rows[table] = len(frame)
            if len(frame):
                storage.write_part(snapshot, table, frame, batch.key)
        for table, frame in result.quarantine.items():
            outcome.quarantined[table] = len(frame)
            storage.write_quarantine(snapshot, table, frame, batch.key)

    kept = set(result.valid["articles"]["article_id"])
    rejected = {r.input_key for r in outcome.rejects}
    for item in built:
        article = item.article
        fingerprint = article.fingerprint
        if fingerprint[:16] in kept:
            outcome.outcomes.append(
                ArticleOutcome(
                    input_key=article.input_key, file=article.source_path,
                    line=article.input_line, content_sha256=article.content_sha256,
                    fingerprint=fingerprint, article_id=fingerprint[:16], part=batch.key,
                )
            )
        elif article.input_key not in rejected:
            outcome.rejects.append(
                reject(article, "validate", "invalid_article", "article row failed validation "
                       "(see quarantine/articles)")
            )
    return outcome


def _rows(item: ExtractedArticle, *, ingested_at: dt.datetime) -> Rows:
    """The rows of one extracted article, per table."""
    article = item.article
    row = tables.article_row(
        article, n_sentences=item.n_sentences, n_words=item.n_words, language=LANGUAGE,
        ingested_at=ingested_at, pipeline_version=pipeline.__version__,
    )
    article_id = row["article_id"]
    counts = Counter(m.entity_id for m in item.mentions)
    return {
        "articles": [row],
        "entities": tables.entity_rows(article_id, item.entities, counts=counts),
        "mentions": tables.mention_rows(article_id, article.text, item.mentions),
        "statements": tables.statement_rows(article_id, article.text, item.statements),
        "events": tables.event_rows(article_id, article.text, item.events),
    }


def rejects_frame(rejects: Sequence[tuple[Reject, dt.datetime]]) -> pd.DataFrame:
    """Return the ``rejects`` table from rejects and the time each was seen."""
    return tables.build_frame("rejects", [tables.reject_row(r, seen_at=t) for r, t in rejects])
