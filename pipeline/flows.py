"""The Prefect 3 flow ``build_dataset``: it only wires tasks; each task calls one function.

Only this module imports Prefect. Tasks take batches (of files, of articles), never one article;
the spaCy model is loaded once per worker process by ``pipeline.nlp.load_nlp``; the NLP object
and Docs never cross a task boundary.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from pipeline import ingest, process, storage
from pipeline.records import Article, Reject
from pipeline.summary import RunSummary, build_manifest, summarize

DEFAULT_BATCH_SIZE = 64
SCAN_BATCH_FILES = 500


class ValidationFailedError(RuntimeError):
    """``--strict`` run with rows that failed validation."""


@task(name="discover-inputs", retries=2, retry_delay_seconds=1)
def discover_task(inputs: Sequence[str]) -> tuple[list[Path], list[Reject]]:
    return ingest.discover_inputs(inputs)


@task(name="scan-files", retries=2, retry_delay_seconds=1)
def scan_task(paths: Sequence[Path], max_bytes: int) -> list[Article | Reject]:
    return process.scan_files(paths, max_bytes=max_bytes)


@task(name="drop-duplicates")
def dedupe_task(items: Sequence[Article | Reject]) -> list[Article | Reject]:
    return list(ingest.drop_duplicates(items, seen={}))


@task(name="process-batch", retries=1, retry_delay_seconds=1)
def process_task(
    articles: Sequence[Article], snapshot: Path, model: str | None, ingested_at: dt.datetime
) -> process.BatchOutcome:
    return process.process_batch(
        articles, snapshot=snapshot, model=model, ingested_at=ingested_at
    )


@task(name="commit-snapshot", retries=2, retry_delay_seconds=1)
def commit_task(out_dir: Path, snapshot: Path, manifest: dict[str, Any]) -> None:
    storage.commit_snapshot(out_dir, snapshot, manifest)
    storage.prune_snapshots(out_dir)


@task(name="write-rejects", retries=2, retry_delay_seconds=1)
def write_rejects_task(snapshot: Path, rejects: Sequence[Reject], seen_at: dt.datetime) -> int:
    frame = process.rejects_frame(rejects, seen_at=seen_at)
    if len(frame):
        storage.write_part(snapshot, "rejects", frame, "run")
    return len(frame)


@task(name="publish-summary")
def publish_task(summary: RunSummary) -> None:
    create_table_artifact(
        key="build-dataset-summary",
        table=summary.as_table(),
        description=f"build_dataset run into {summary.out_dir}",
    )
    create_markdown_artifact(key="build-dataset-report", markdown=summary.as_markdown())


def _chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


@flow(name="build_dataset", log_prints=False, validate_parameters=False)
def build_dataset(
    inputs: Sequence[str] = ("seeds",),
    out: str = "datasets",
    *,
    strict: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    model: str | None = None,
    max_bytes: int = ingest.DEFAULT_MAX_BYTES,
) -> RunSummary:
    """Read ``inputs`` (files and folders), extract, validate and write the tables to ``out``."""
    logger = get_run_logger()
    started = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    out_dir = Path(out)
    with storage.run_lock(out_dir):
        files, rejects = discover_task(list(inputs))
        logger.info("%d input files under %s", len(files), ", ".join(map(str, inputs)))
        scanned: list[Article | Reject] = []
        for scan in scan_task.map(_chunks(files, SCAN_BATCH_FILES), max_bytes):
            scanned.extend(scan.result())
        items = dedupe_task(scanned)
        articles = [i for i in items if isinstance(i, Article)]
        rejects += [i for i in items if isinstance(i, Reject)]
        scan_seconds = time.perf_counter() - started

        snapshot = storage.new_snapshot(out_dir)
        batches = _chunks(articles, batch_size)
        futures = [process_task.submit(b, snapshot, model, now) for b in batches]
        outcomes: list[process.BatchOutcome] = []
        done = 0
        for i, future in enumerate(futures, 1):
            outcome = future.result()
            outcomes.append(outcome)
            done += outcome.n_articles
            logger.info(
                "batch %d/%d: %d/%d articles (%.0f%%), %.1f s elapsed",
                i, len(futures), done, len(articles), 100 * done / max(1, len(articles)),
                time.perf_counter() - started,
            )
        rejects += [r for o in outcomes for r in o.rejects]
        write_rejects_task(snapshot, rejects, now)
        summary = summarize(
            out_dir=out_dir, snapshot=snapshot, n_files=len(files), outcomes=outcomes,
            rejects=rejects, scan_seconds=scan_seconds, wall_seconds=0.0,
        )
        if strict and summary.n_quarantined:
            raise ValidationFailedError(
                f"--strict: {summary.n_quarantined} rows failed validation "
                f"({summary.quarantined}); see {snapshot / storage.QUARANTINE}; "
                "nothing was committed"
            )
        commit_task(out_dir, snapshot, build_manifest(summary, outcomes, rejects, model=model))
    summary.wall_seconds = time.perf_counter() - started
    publish_task(summary)
    logger.info(summary.as_text().splitlines()[0])
    return summary


def run_build(
    inputs: Sequence[str],
    out: str,
    *,
    workers: int = 1,
    **options: Any,
) -> RunSummary:
    """Run ``build_dataset`` with threads (one worker) or a process pool (several)."""
    runner: Any = (
        ThreadPoolTaskRunner(max_workers=1) if workers <= 1
        else ProcessPoolTaskRunner(max_workers=workers)
    )
    result: RunSummary = build_dataset.with_options(task_runner=runner)(
        list(inputs), out, **options
    )
    return result
