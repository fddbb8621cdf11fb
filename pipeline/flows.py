"""The Prefect 3 flow ``build_dataset``: it only wires tasks; each task calls one function.

Only this module imports Prefect. Tasks take batches (of files, of articles), never one article;
the spaCy model is loaded once per worker process by ``pipeline.nlp.load_nlp``; the NLP object
and Docs never cross a task boundary. Tasks that touch files retry on transient errors; a batch
that still fails turns its articles into ``rejects`` rows and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from pipeline import incremental, ingest, process, storage
from pipeline.records import Article, Reject
from pipeline.summary import RunSummary, build_manifest, summarize, versions

DEFAULT_BATCH_SIZE = 64
PART_SIZE = 256  # articles per Parquet part file: extracted batches are written together
FILES_PER_SCAN = 256  # files read per scan task (in the flow process), a batch or more

# Tasks read and write files that their inputs only name, so input-hash caching would be wrong
# (and hashing batches of article text costs time): every task opts out of caching. Large
# inputs go in a ``Whole``.
RETRIES = 2

T = TypeVar("T")


class Whole(Generic[T]):
    """A large task input (a batch, a manifest, a file list) that Prefect passes on as one
    object. Prefect walks lists, dicts and dataclasses given to a task, element by element,
    looking for futures: for a batch of articles that cost the flow process more than writing
    its rows. (``prefect.utilities.annotations.quote`` does this too, but a Dask worker
    receives it as a plain tuple.)"""

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value


class ValidationFailedError(RuntimeError):
    """``--strict`` run with rows that failed validation."""


@task(name="read-manifest", cache_policy=NO_CACHE, retries=RETRIES, retry_delay_seconds=1)
def read_manifest_task(out_dir: Path) -> dict[str, Any] | None:
    return storage.read_manifest(out_dir)


@task(name="discover-inputs", cache_policy=NO_CACHE, retries=RETRIES, retry_delay_seconds=1)
def discover_task(inputs: Sequence[str]) -> tuple[list[Path], list[Reject]]:
    return ingest.discover_inputs(inputs)


@task(name="hash-files", cache_policy=NO_CACHE, retries=RETRIES, retry_delay_seconds=1)
def hash_task(paths: Whole[list[Path]]) -> dict[str, str | None]:
    return incremental.hash_files(paths.value)


@task(name="plan-run", cache_policy=NO_CACHE)
def plan_task(
    hashes: Whole[dict[str, str | None]], previous: Whole[dict[str, Any] | None],
    run_versions: dict[str, str], full: bool,
) -> incremental.Plan:
    return incremental.plan_run(hashes.value, previous.value, versions=run_versions, full=full)


@task(name="scan-files", cache_policy=NO_CACHE, retries=RETRIES, retry_delay_seconds=1)
def scan_task(paths: Whole[list[str]], max_bytes: int) -> list[Article | Reject]:
    return process.scan_files([Path(p) for p in paths.value], max_bytes=max_bytes)


@task(name="warm-up", cache_policy=NO_CACHE)
def warm_task(model: str | None) -> float:
    """Load what a worker process needs; return the wall-clock time it was ready at."""
    process.warm_up(model)
    return time.time()


@task(name="carry-forward", cache_policy=NO_CACHE, retries=RETRIES, retry_delay_seconds=1)
def carry_task(
    out_dir: Path, snapshot: Path, keep_parts: Whole[list[str]], drop_ids: Whole[set[str]]
) -> dict[str, int]:
    previous = storage.current_snapshot(out_dir)
    if previous is None:
        return {}
    return storage.carry_forward(
        previous, snapshot, keep_parts=keep_parts.value, drop_ids=drop_ids.value
    )


@task(name="extract-batch", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1)
def extract_task(articles: Whole[list[Article]], model: str | None) -> process.ExtractedBatch:
    return process.extract_batch(articles.value, model=model)


@task(name="write-batch", cache_policy=NO_CACHE, retries=RETRIES, retry_delay_seconds=1)
def write_task(
    batch: Whole[process.ExtractedBatch], snapshot: Path, ingested_at: dt.datetime
) -> process.BatchOutcome:
    from pipeline import writer

    return writer.write_batch(batch.value, snapshot=snapshot, ingested_at=ingested_at)


@task(name="write-rejects", cache_policy=NO_CACHE, retries=RETRIES, retry_delay_seconds=1)
def write_rejects_task(snapshot: Path, rejects: Whole[list[tuple[Reject, dt.datetime]]]) -> int:
    from pipeline import writer

    frame = writer.rejects_frame(rejects.value)
    if len(frame):
        storage.write_part(snapshot, "rejects", frame, "all")
    return len(frame)


@task(name="commit-snapshot", cache_policy=NO_CACHE, retries=RETRIES, retry_delay_seconds=1)
def commit_task(out_dir: Path, snapshot: Path, manifest: Whole[dict[str, Any]]) -> None:
    storage.commit_snapshot(out_dir, snapshot, manifest.value)
    storage.prune_snapshots(out_dir)


@task(name="publish-summary", cache_policy=NO_CACHE)
def publish_task(summary: RunSummary) -> None:
    create_table_artifact(
        key="build-dataset-summary",
        table=summary.as_table(),
        description=f"build_dataset run into {summary.out_dir}",
    )
    create_markdown_artifact(key="build-dataset-report", markdown=summary.as_markdown())


def tail_batch_size(unread: int, *, batch_size: int, window: int) -> int:
    """Articles per batch once ``unread`` files are left: a quarter of ``batch_size`` when the
    rest would fit in the in-flight window, so the workers finish together instead of one
    waiting for the other's last full batch."""
    if unread <= window * batch_size:
        return max(1, batch_size // 4)
    return batch_size


def _chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


@flow(name="build_dataset", log_prints=False, validate_parameters=False)
def build_dataset(
    inputs: Sequence[str] = ("seeds",),
    out: str = "datasets",
    *,
    full: bool = False,
    strict: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    model: str | None = None,
    max_bytes: int = ingest.DEFAULT_MAX_BYTES,
    in_flight_limit: int = 4,
    warm_workers: int = 0,
    part_size: int = PART_SIZE,
) -> RunSummary:
    """Read ``inputs`` (files and folders): process what is new or changed, keep the rest,
    validate, and commit a new snapshot of every table under ``out``."""
    logger = get_run_logger()
    started = time.perf_counter()
    started_at = time.time()
    now = dt.datetime.now(dt.UTC)
    out_dir = Path(out)
    with storage.run_lock(out_dir):
        previous = read_manifest_task(out_dir)
        files, discover_rejects = discover_task(list(inputs))
        hashes = hash_task(Whole(files))  # here: hashing is I/O, far from the model's cost
        run_versions = versions(model)
        plan = plan_task(Whole(hashes), Whole(previous), run_versions, full)
        logger.info(
            "%d input files: %s; %d to read (%d new, %d changed), %d unchanged",
            len(files), plan.reason, len(plan.process_files), plan.n_new_files,
            plan.n_changed_files, plan.n_unchanged_files,
        )
        snapshot = storage.new_snapshot(out_dir)
        # worker processes load the model while this process reads the inputs
        n_warm = min(warm_workers, len(plan.process_files))
        warming = [warm_task.submit(model) for _ in range(n_warm)]
        deduper = incremental.Deduper(plan.retained)
        rejects = list(discover_rejects)
        outcomes: list[process.BatchOutcome] = []
        pending: deque[tuple[list[Article], Any]] = deque()
        progress = {"batches": 0, "articles": 0, "files": 0}
        scan_seconds = 0.0

        to_write: list[tuple[list[Article], process.ExtractedBatch]] = []

        def write_pending() -> None:
            """Build, validate and write the rows of the extracted batches held here."""
            if not to_write:
                return
            group = process.merge_batches([extracted for _, extracted in to_write])
            inputs = [article for batch, _ in to_write for article in batch]
            to_write.clear()
            result = write_task(Whole(group), snapshot, now, return_state=True).result(
                raise_on_failure=False
            )
            if isinstance(result, process.BatchOutcome):
                outcomes.append(result)
                rejects.extend(result.rejects)
            else:
                logger.error("writing %d articles failed after retries: %s", len(inputs), result)
                rejects.extend(process.batch_failed(inputs, result))

        def collect_oldest() -> None:
            # workers extract; this process builds, validates and writes the rows
            batch, future = pending.popleft()
            result = future.result(raise_on_failure=False)
            if isinstance(result, process.ExtractedBatch):
                to_write.append((batch, result))
                if sum(len(b) for b, _ in to_write) >= part_size:
                    write_pending()
            else:
                logger.error("a batch of %d articles failed after retries: %s", len(batch), result)
                rejects.extend(process.batch_failed(batch, result))
            progress["batches"] += 1
            progress["articles"] += len(batch)
            logger.info(
                "batch %d done: %d articles processed; %d/%d files read (%.0f%%); %.1f s",
                progress["batches"], progress["articles"], progress["files"],
                len(plan.process_files), 100 * progress["files"] / len(plan.process_files),
                time.perf_counter() - started,
            )

        def submit(batch: list[Article]) -> None:
            while len(pending) >= in_flight_limit:  # a bounded window: memory stays flat
                collect_oldest()
            pending.append((batch, extract_task.submit(Whole(batch), model)))

        # Inputs are read in canonical order, a chunk at a time, here in the flow process;
        # each batch goes to the workers as soon as it is full, so reading overlaps the model.
        articles: list[Article] = []
        for chunk in _chunks(plan.process_files, FILES_PER_SCAN):
            scan_started = time.perf_counter()
            found = deduper.feed(scan_task(Whole(chunk), max_bytes))
            scan_seconds += time.perf_counter() - scan_started
            progress["files"] += len(chunk)
            rejects.extend(found.rejects)
            articles.extend(found.articles)
            unread = len(plan.process_files) - progress["files"]
            size = tail_batch_size(unread, batch_size=batch_size, window=in_flight_limit)
            while len(articles) >= size:
                submit(articles[:size])
                del articles[:size]
        if articles:
            submit(articles)
        while pending:
            collect_oldest()
        write_pending()
        ready = [f.result(raise_on_failure=False) for f in warming]  # a failure shows in batches
        startup = max((r - started_at for r in ready if isinstance(r, float)), default=0.0)

        dedupe = incremental.Dedupe([], [], deduper.demoted)
        keep_parts, drop_ids = incremental.parts_to_carry(previous, plan, dedupe)
        carried = (carry_task(out_dir, snapshot, Whole(keep_parts), Whole(drop_ids))
                   if keep_parts else {})

        manifest = build_manifest(
            plan=plan, hashes=hashes, outcomes=outcomes, rejects=rejects,
            demoted=dedupe.demoted, versions=run_versions, seen_at=now, previous=previous,
        )
        table_rejects = [
            (r, dt.datetime.fromisoformat(t))
            for r, t in incremental.rejects_from_entries(manifest["inputs"])
        ] + [(r, now) for r in discover_rejects]
        n_rejects = write_rejects_task(snapshot, Whole(table_rejects))
        summary = summarize(
            out_dir=out_dir, snapshot=snapshot, plan=plan, n_files=len(files),
            manifest=manifest, outcomes=outcomes, carried=carried, n_rejects=n_rejects,
            rejected=process.count_reasons([r for r, _ in table_rejects]),
            seconds={"scan": scan_seconds},
        )
        if strict and summary.n_quarantined:
            raise ValidationFailedError(
                f"--strict: {summary.n_quarantined} rows failed validation "
                f"({summary.quarantined}); see {snapshot / storage.QUARANTINE}; "
                "nothing was committed"
            )
        commit_task(out_dir, snapshot, Whole(manifest))
    summary.wall_seconds = time.perf_counter() - started
    summary.startup_seconds = startup
    summary.finished_at = dt.datetime.now(dt.UTC).isoformat()  # once committed
    publish_task(summary)
    logger.info(summary.as_text().splitlines()[0])
    return summary


def task_runner(*, workers: int = 1, dask: str | None = None, dask_local: int | None = None) -> Any:
    """Threads for one worker, a process pool for several, or Dask (existing scheduler or a
    LocalCluster of ``dask_local`` single-threaded worker processes)."""
    if dask or dask_local:
        from prefect_dask import DaskTaskRunner

        if dask:
            return DaskTaskRunner(address=dask)
        return DaskTaskRunner(
            cluster_class="distributed.LocalCluster",
            cluster_kwargs={"n_workers": dask_local, "threads_per_worker": 1,
                            "processes": True, "dashboard_address": None},
        )
    if workers <= 1:
        return ThreadPoolTaskRunner(max_workers=1)
    return ProcessPoolTaskRunner(max_workers=workers)


def run_build(
    inputs: Sequence[str],
    out: str,
    *,
    workers: int = 1,
    dask: str | None = None,
    dask_local: int | None = None,
    **options: Any,
) -> RunSummary:
    """Run ``build_dataset`` on the chosen task runner and return its summary."""
    runner = task_runner(workers=workers, dask=dask, dask_local=dask_local)
    options.setdefault("in_flight_limit", 16 if dask else 2 * max(workers, dask_local or 1))
    if dask or dask_local or workers > 1:  # worker processes: warm each one up front
        options.setdefault("warm_workers", 0 if dask else (dask_local or workers))
    result: RunSummary = build_dataset.with_options(task_runner=runner)(
        list(inputs), out, **options
    )
    return result
