"""Plain-Python steps of a run, each called by one Prefect task (and testable without Prefect).

``scan_files`` reads inputs into articles and rejects (``incremental.Deduper`` then removes
exact repeats), ``warm_up`` loads what a worker needs, and ``process_batch`` takes a batch of
articles through NLP, extraction, tables, validation and a Parquet write and returns only a
small summary: the rows leave memory with the batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pandas as pd

import pipeline
from pipeline import ingest, storage, tables
from pipeline.model_name import ModelNotFoundError
from pipeline.records import Article, Reject
from pipeline.validate import validate_tables

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from pipeline.extract.entities import Entity, Mention
    from pipeline.extract.events import Event
    from pipeline.extract.quotes import Statement

# spaCy, the model and the extractors are imported by the functions that use them: the flow
# process imports this module to read inputs and collect results, and with worker processes
# it never needs the model.

log = logging.getLogger(__name__)

T = TypeVar("T")
_END = object()

STAGES = ("scan", "nlp", "extract", "tables", "validate", "write")
LANGUAGE = "en"  # non-English inputs are rejected at read time


@dataclass
class ArticleOutcome:
    """An article that made it into the tables, and the part files that hold its rows."""

    input_key: str
    file: str
    line: int | None
    content_sha256: str
    fingerprint: str
    article_id: str
    part: str


@dataclass
class BatchOutcome:
    """What a processed batch wrote; small enough to pass between processes."""

    key: str
    n_articles: int
    rows: dict[str, int] = field(default_factory=dict)
    quarantined: dict[str, int] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    outcomes: list[ArticleOutcome] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    n_words: int = 0


def scan_files(paths: Sequence[Path], *, max_bytes: int) -> list[Article | Reject]:
    """Read every input of ``paths`` (one file, or one line of a JSONL file) in order."""
    items: list[Article | Reject] = []
    for path in paths:
        items.extend(ingest.read_inputs(path, max_bytes=max_bytes))
    return items


WARM_UP_TEXT = "The minister met officials in Paris on Monday, a spokeswoman said."


def warm_up(model: str | None = None) -> float:
    """Load the model, lexicons and gazetteer in this process ahead of its first batch (run in
    each worker while the flow reads the inputs); return the seconds it took."""
    from pipeline import nlp

    started = time.perf_counter()
    with nlp.load_nlp(model).memory_zone():
        (doc,) = nlp.parse_texts([WARM_UP_TEXT], model=model)
        _extract(doc, published=None)
    return time.perf_counter() - started


def _extract(doc: Doc, published: dt.date | None) -> tuple[
    list[Entity], list[Mention], list[Statement], list[Event]
]:
    """Run every extractor over one Doc: entities, statements (their speaker mentions join the
    mentions), events."""
    from pipeline.extract.entities import extract_entities
    from pipeline.extract.events import extract_events
    from pipeline.extract.quotes import extract_statements

    entities, mentions = extract_entities(doc)
    statements, speaker_mentions = extract_statements(
        doc, entities=entities, mentions=mentions, published=published
    )
    mentions = sorted([*mentions, *speaker_mentions], key=lambda m: (m.start, m.end))
    events = extract_events(
        doc, entities=entities, mentions=mentions, statements=statements, published=published
    )
    return entities, mentions, statements, events


def batch_key(articles: Sequence[Article]) -> str:
    """Deterministic name of a batch: a hash of its article ids."""
    digest = hashlib.sha256()
    for article in articles:
        digest.update(tables.article_id_for(article).encode())
    return digest.hexdigest()[:16]


def process_batch(
    articles: Sequence[Article],
    *,
    snapshot: Path,
    model: str | None = None,
    ingested_at: dt.datetime,
) -> BatchOutcome:
    """Take ``articles`` through NLP, extraction, tables and validation; write their rows."""
    from pipeline import nlp

    key = batch_key(articles)
    outcome = BatchOutcome(key=key, n_articles=len(articles))
    timer = _Timer(outcome.seconds)
    rows: dict[str, list[dict[str, object]]] = {
        t: [] for t in ("articles", "entities", "mentions", "statements", "events")
    }

    parsed: list[Article] = []
    # strings and Docs made inside the zone are freed when it ends: a worker's memory stays
    # flat however many batches it processes (spaCy >= 3.8, Language.memory_zone)
    with nlp.load_nlp(model).memory_zone():
        # Docs stream out of the model a step at a time and are dropped once extracted
        docs = timer.iterate("nlp", _parse(articles, model=model, rejects=outcome.rejects))
        for article, doc in docs:
            try:
                with timer("extract"):
                    entities, mentions, statements, events = _extract(
                        doc, article.published_date
                    )
                with timer("tables"):
                    n_words = sum(1 for t in doc if not (t.is_punct or t.is_space))
                    row = tables.article_row(
                        article,
                        n_sentences=sum(1 for _ in doc.sents),
                        n_words=n_words,
                        language=LANGUAGE,
                        ingested_at=ingested_at,
                        pipeline_version=pipeline.__version__,
                    )
                    article_id = row["article_id"]
                    counts = Counter(m.entity_id for m in mentions)
                    entity = tables.entity_rows(article_id, entities, counts=counts)
                    mention = tables.mention_rows(article_id, article.text, mentions)
                    statement = tables.statement_rows(article_id, article.text, statements)
                    event = tables.event_rows(article_id, article.text, events)
            except Exception as exc:  # one bad article never costs the batch
                log.warning("extraction failed for %s: %s", article.input_key, exc)
                outcome.rejects.append(_reject(article, "extract", "extract_error", exc))
                continue
            parsed.append(article)
            rows["articles"].append(row)
            rows["entities"].extend(entity)
            rows["mentions"].extend(mention)
            rows["statements"].extend(statement)
            rows["events"].extend(event)
            outcome.n_words += n_words

    with timer("tables"):
        frames = {t: tables.build_frame(t, r) for t, r in rows.items()}
    with timer("validate"):
        result = validate_tables(frames)
    with timer("write"):
        for table, frame in result.valid.items():
            outcome.rows[table] = len(frame)
            if len(frame):
                storage.write_part(snapshot, table, frame, key)
        for table, frame in result.quarantine.items():
            outcome.quarantined[table] = len(frame)
            storage.write_quarantine(snapshot, table, frame, key)

    kept = set(result.valid["articles"]["article_id"])
    for article in parsed:
        article_id = tables.article_id_for(article)
        if article_id in kept:
            outcome.outcomes.append(
                ArticleOutcome(
                    input_key=article.input_key, file=article.source_path,
                    line=article.input_line, content_sha256=article.content_sha256,
                    fingerprint=article.fingerprint, article_id=article_id, part=key,
                )
            )
        elif not any(r.input_key == article.input_key for r in outcome.rejects):
            outcome.rejects.append(
                _reject(article, "validate", "invalid_article", "article row failed validation "
                        "(see quarantine/articles)")
            )
    return outcome


def _parse(
    articles: Sequence[Article], *, model: str | None, rejects: list[Reject]
) -> Iterator[tuple[Article, Doc]]:
    """Run the model over the batch; if the batch fails, retry one article at a time."""
    from pipeline import nlp

    texts = [nlp.normalize_for_nlp(a.text) for a in articles]
    done = 0
    try:
        for pair in zip(articles, nlp.parse_texts(texts, model=model), strict=True):
            yield pair
            done += 1
        return
    except ModelNotFoundError:
        raise
    except Exception as exc:  # isolate the article that breaks the model
        log.warning("NLP failed on a batch (%s); retrying article by article", exc)
    for article, text in zip(articles[done:], texts[done:], strict=True):
        try:
            (doc,) = nlp.parse_texts([text], model=model)
        except Exception as exc:
            rejects.append(_reject(article, "nlp", "nlp_error", exc))
            continue
        yield article, doc


def _reject(article: Article, stage: str, code: str, exc: object) -> Reject:
    message = f"{type(exc).__name__}: {exc}" if isinstance(exc, BaseException) else str(exc)
    return Reject(
        source_path=article.source_path,
        stage=stage,
        reason_code=code,
        message=message,
        content_sha256=article.content_sha256,
        input_line=article.input_line,
    )


class _Timer:
    def __init__(self, sink: dict[str, float]) -> None:
        self.sink = sink

    def __call__(self, stage: str) -> _Stage:
        return _Stage(self.sink, stage)

    def iterate(self, stage: str, items: Iterator[T]) -> Iterator[T]:
        """Yield from ``items``, counting the time spent producing them as ``stage``."""
        while True:
            with self(stage):
                item = next(items, _END)
            if item is _END:
                return
            yield item  # type: ignore[misc]


class _Stage:
    def __init__(self, sink: dict[str, float], stage: str) -> None:
        self.sink, self.stage = sink, stage

    def __enter__(self) -> None:
        self.t0 = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.sink[self.stage] = self.sink.get(self.stage, 0.0) + time.perf_counter() - self.t0


def rejects_frame(rejects: Sequence[tuple[Reject, dt.datetime]]) -> pd.DataFrame:
    """Return the ``rejects`` table from rejects and the time each was seen."""
    return tables.build_frame("rejects", [tables.reject_row(r, seen_at=t) for r, t in rejects])


def batch_failed(articles: Sequence[Article], error: BaseException) -> list[Reject]:
    """Rejects for every article of a batch whose task failed after its retries."""
    return [_reject(a, "process", "batch_failed", error) for a in articles]


def count_reasons(rejects: Sequence[Reject]) -> dict[str, int]:
    """Return rejects counted by reason code, most frequent first."""
    return dict(Counter(r.reason_code for r in rejects).most_common())
