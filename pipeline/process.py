"""Plain-Python steps of a run, each called by one Prefect task (and testable without Prefect).

``scan_files`` reads inputs into articles and rejects (``incremental.Deduper`` then removes
exact repeats), ``warm_up`` loads what a worker needs, and ``extract_batch`` takes a batch of
articles through NLP and extraction and returns their records; ``pipeline.writer`` turns those
into validated Parquet rows. This module never imports pandas, pyarrow or pandera: worker
processes hold the model and its working memory, nothing else.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
import multiprocessing
import os
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pipeline import ingest
from pipeline.model_name import ModelNotFoundError
from pipeline.records import Article, Reject

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
    exit_with_parent()
    with nlp.load_nlp(model).memory_zone():
        (doc,) = nlp.parse_texts([WARM_UP_TEXT], model=model)
        _extract(doc, published=None)
    _freeze_loaded_objects()
    return time.perf_counter() - started


_watching = False


def exit_with_parent() -> None:
    """In a worker process (a child started by multiprocessing), end the process when its
    parent is gone: a run killed outright (``kill -9``) otherwise leaves its idle workers
    behind, each holding the model (about 300 MB). A process that is not such a child (the
    flow process) is left alone. Once per process; the watch is a thread blocked on the
    parent's sentinel, so it costs nothing while the parent lives."""
    global _watching
    parent = multiprocessing.parent_process()
    if _watching or parent is None:
        return
    _watching = True

    def watch() -> None:
        parent.join()
        log.warning("the run that started this worker process (pid %s) is gone; exiting",
                    parent.pid)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


_frozen = False


def _freeze_loaded_objects() -> None:
    """Once per process, after the model and lexicons are loaded: move every object alive now
    (the model, lexicons, imported modules; they live as long as the process) out of the
    garbage collector's reach, so its full collections stop walking them again and again.
    Measured on 240 BBC articles in one process: 3 % less CPU for NLP and extraction."""
    global _frozen
    if not _frozen:
        gc.collect()
        gc.freeze()
        _frozen = True


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
        digest.update(article.article_id.encode())
    return digest.hexdigest()[:16]


@dataclass
class ExtractedArticle:
    """One article's records as extraction leaves them: all its table rows are built from these."""

    article: Article
    n_sentences: int
    n_words: int
    entities: list[Entity]
    mentions: list[Mention]
    statements: list[Statement]
    events: list[Event]


@dataclass
class ExtractedBatch:
    """A batch after NLP and extraction: plain records, no DataFrames, cheap to pickle."""

    key: str
    n_articles: int
    articles: list[ExtractedArticle] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def extract_batch(articles: Sequence[Article], *, model: str | None = None) -> ExtractedBatch:
    """Take ``articles`` through NLP and extraction; return their records (run in a worker).

    Tables, validation and Parquet come after, in ``pipeline.writer.write_batch``, so a worker
    process never imports pandas, pyarrow or pandera."""
    from pipeline import nlp

    batch = ExtractedBatch(key=batch_key(articles), n_articles=len(articles))
    timer = StageTimer(batch.seconds)
    nlp.load_nlp(model)
    exit_with_parent()
    _freeze_loaded_objects()  # a worker that got no warm-up task
    # strings and Docs made inside the zone are freed when it ends: a worker's memory stays
    # flat however many batches it processes (spaCy >= 3.8, Language.memory_zone)
    with nlp.load_nlp(model).memory_zone():
        # Docs stream out of the model a step at a time and are dropped once extracted
        docs = timer.iterate("nlp", _parse(articles, model=model, rejects=batch.rejects))
        for article, doc in docs:
            try:
                with timer("extract"):
                    entities, mentions, statements, events = _extract(
                        doc, article.published_date
                    )
                    n_words = sum(1 for t in doc if not (t.is_punct or t.is_space))
                    n_sentences = sum(1 for _ in doc.sents)
            except Exception as exc:  # one bad article never costs the batch
                log.warning("extraction failed for %s: %s", article.input_key, exc)
                batch.rejects.append(reject(article, "extract", "extract_error", exc))
                continue
            batch.articles.append(ExtractedArticle(
                article=article, n_sentences=n_sentences, n_words=n_words, entities=entities,
                mentions=mentions, statements=statements, events=events,
            ))
    return batch


def merge_batches(batches: Sequence[ExtractedBatch]) -> ExtractedBatch:
    """Join extracted batches into one, written as one part: larger Parquet parts and fewer
    validation calls (pandera's cost is mostly per call)."""
    if len(batches) == 1:
        return batches[0]
    key = hashlib.sha256("".join(b.key for b in batches).encode()).hexdigest()[:16]
    merged = ExtractedBatch(key=key, n_articles=sum(b.n_articles for b in batches))
    for batch in batches:
        merged.articles.extend(batch.articles)
        merged.rejects.extend(batch.rejects)
        for stage, seconds in batch.seconds.items():
            merged.seconds[stage] = merged.seconds.get(stage, 0.0) + seconds
    return merged


def process_batch(
    articles: Sequence[Article],
    *,
    snapshot: Path,
    model: str | None = None,
    ingested_at: dt.datetime,
) -> BatchOutcome:
    """Extract ``articles`` and write their rows, in this process (tests, one-process runs)."""
    from pipeline.writer import write_batch

    return write_batch(
        extract_batch(articles, model=model), snapshot=snapshot, ingested_at=ingested_at
    )


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
            rejects.append(reject(article, "nlp", "nlp_error", exc))
            continue
        yield article, doc


def reject(article: Article, stage: str, code: str, exc: object) -> Reject:
    message = f"{type(exc).__name__}: {exc}" if isinstance(exc, BaseException) else str(exc)
    return Reject(
        source_path=article.source_path,
        stage=stage,
        reason_code=code,
        message=message,
        content_sha256=article.content_sha256,
        input_line=article.input_line,
    )


class StageTimer:
    """Seconds spent per stage, added into ``sink`` (a batch's ``seconds``)."""

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


def batch_failed(articles: Sequence[Article], error: BaseException) -> list[Reject]:
    """Rejects for every article of a batch whose task failed after its retries."""
    return [reject(a, "process", "batch_failed", error) for a in articles]


def count_reasons(rejects: Sequence[Reject]) -> dict[str, int]:
    """Return rejects counted by reason code, most frequent first."""
    return dict(Counter(r.reason_code for r in rejects).most_common())
