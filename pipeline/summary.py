"""Run summary (printed, published as a Prefect artifact) and the snapshot manifest."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pipeline
from pipeline.incremental import MANIFEST_FORMAT, Plan, input_entries_for_rejects
from pipeline.lexicon import rules_digest
from pipeline.process import STAGES, BatchOutcome
from pipeline.records import Reject

TABLE_ORDER = ("articles", "entities", "mentions", "statements", "events", "rejects")


def versions(model: str | None) -> dict[str, str]:
    """What decides the rows besides the input: a change of any of these reprocesses all."""
    from pipeline.model_name import resolve_model_name

    return {
        "pipeline_version": pipeline.__version__,
        "rules_digest": rules_digest(),
        "spacy_model": resolve_model_name(model),
    }


@dataclass
class RunSummary:
    """What a run read, rejected, wrote and quarantined, and where the time went."""

    out_dir: str
    snapshot: str
    plan: str
    n_files: int
    n_new_files: int
    n_changed_files: int
    n_unchanged_files: int
    n_inputs: int
    n_articles: int
    n_processed: int
    rejected: dict[str, int]
    rows: dict[str, int]
    quarantined: dict[str, int]
    seconds: dict[str, float]
    n_words: int = 0
    wall_seconds: float = 0.0
    startup_seconds: float = 0.0  # from the flow's start until every worker process was ready
    finished_at: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat())

    @property
    def n_rejected(self) -> int:
        return sum(self.rejected.values())

    @property
    def n_quarantined(self) -> int:
        return sum(self.quarantined.values())

    def as_table(self) -> list[dict[str, Any]]:
        """Rows for a Prefect table artifact."""
        rows: list[dict[str, Any]] = [
            {"item": "plan", "value": self.plan},
            {"item": "input files seen", "value": self.n_files},
            {"item": "files new", "value": self.n_new_files},
            {"item": "files changed", "value": self.n_changed_files},
            {"item": "files unchanged (skipped)", "value": self.n_unchanged_files},
            {"item": "articles processed this run", "value": self.n_processed},
            {"item": "inputs in dataset", "value": self.n_inputs},
            {"item": "articles in dataset", "value": self.n_articles},
            {"item": "rejected", "value": self.n_rejected},
        ]
        rows += [{"item": f"rejected: {k}", "value": v} for k, v in self.rejected.items()]
        rows += [{"item": f"rows: {t}", "value": self.rows.get(t, 0)} for t in TABLE_ORDER]
        rows += [{"item": f"quarantined: {t}", "value": n} for t, n in self.quarantined.items()]
        rows += [{"item": f"seconds: {s}", "value": round(v, 2)} for s, v in self.seconds.items()]
        rows.append({"item": "seconds: wall", "value": round(self.wall_seconds, 2)})
        rows.append({"item": "seconds: worker start-up", "value": round(self.startup_seconds, 2)})
        return rows

    def as_text(self) -> str:
        """The summary a user reads at the end of ``pipeline run``."""
        reasons = ", ".join(f"{k} {v}" for k, v in self.rejected.items()) or "none"
        rows = ", ".join(f"{t} {self.rows.get(t, 0)}" for t in TABLE_ORDER)
        quarantined = ", ".join(f"{t} {n}" for t, n in self.quarantined.items()) or "none"
        stages = ", ".join(f"{s} {v:.1f}" for s, v in self.seconds.items())
        return "\n".join(
            [
                f"build_dataset: {self.n_inputs} inputs -> {self.n_articles} articles, "
                f"{self.n_rejected} rejected, in {self.wall_seconds:.1f} s"
                + (f" ({self.startup_seconds:.1f} s of it starting worker processes)"
                   if self.startup_seconds else ""),
                f"  this run: {self.plan}; {self.n_files} files seen: {self.n_new_files} new, "
                f"{self.n_changed_files} changed, {self.n_unchanged_files} unchanged; "
                f"{self.n_processed} articles processed",
                f"  rejected by reason: {reasons}",
                f"  rows: {rows}",
                f"  quarantined rows: {quarantined}",
                f"  seconds by stage: {stages}",
                f"  output: {self.out_dir}/<table>/ (snapshot {Path(self.snapshot).name})",
            ]
        )

    def as_markdown(self) -> str:
        lines = ["# build_dataset run", "", "| item | value |", "|---|---|"]
        lines += [f"| {r['item']} | {r['value']} |" for r in self.as_table()]
        return "\n".join(lines)


def build_manifest(
    *,
    plan: Plan,
    hashes: Mapping[str, str | None],
    outcomes: Sequence[BatchOutcome],
    rejects: Sequence[Reject],
    demoted: Mapping[str, Reject],
    versions: Mapping[str, str],
    seen_at: dt.datetime,
    previous: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """Return the manifest of the new snapshot: every input and what it became."""
    inputs: dict[str, dict[str, Any]] = {
        k: dict(v) for k, v in plan.retained.items() if k not in demoted
    }
    for o in outcomes:
        for a in o.outcomes:
            inputs[a.input_key] = {
                "file": a.file, "line": a.line, "status": "article",
                "content_sha256": a.content_sha256, "fingerprint": a.fingerprint,
                "article_id": a.article_id, "part": a.part,
            }
    stamp = seen_at.isoformat()
    stored = [r for r in rejects if r.stage != "discover"]  # a missing path is per run
    inputs.update(input_entries_for_rejects(stored, seen_at=stamp))
    inputs.update(input_entries_for_rejects(demoted.values(), seen_at=stamp))
    files = dict((previous or {}).get("files", {})) if plan.retained else {}
    files.update({p: sha for p, sha in hashes.items() if sha is not None})
    parts = sorted({e["part"] for e in inputs.values() if e["status"] == "article"})
    return {
        "format": MANIFEST_FORMAT,
        **versions,
        "finished_at": stamp,
        "files": dict(sorted(files.items())),
        "inputs": dict(sorted(inputs.items())),
        "parts": parts,
    }


def summarize(
    *,
    out_dir: Path,
    snapshot: Path,
    plan: Plan,
    n_files: int,
    manifest: Mapping[str, Any],
    outcomes: Sequence[BatchOutcome],
    carried: Mapping[str, int],
    n_rejects: int,
    rejected: Mapping[str, int],
    seconds: Mapping[str, float],
) -> RunSummary:
    """Fold the run's batches, the carried rows and the manifest into a summary."""
    rows: dict[str, int] = {t: carried.get(t, 0) for t in TABLE_ORDER}
    quarantined: dict[str, int] = {}
    stage_seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)
    stage_seconds.update(seconds)
    for o in outcomes:
        for t, n in o.rows.items():
            rows[t] += n
        for t, n in o.quarantined.items():
            quarantined[t] = quarantined.get(t, 0) + n
        for s, v in o.seconds.items():
            stage_seconds[s] = stage_seconds.get(s, 0.0) + v
    rows["rejects"] = n_rejects
    inputs = manifest["inputs"]
    return RunSummary(
        out_dir=str(out_dir),
        snapshot=str(snapshot),
        plan=plan.reason,
        n_files=n_files,
        n_new_files=plan.n_new_files,
        n_changed_files=plan.n_changed_files,
        n_unchanged_files=plan.n_unchanged_files,
        n_inputs=len(inputs) + sum(v for k, v in rejected.items() if k == "not_found"),
        n_articles=sum(1 for e in inputs.values() if e["status"] == "article"),
        n_processed=sum(len(o.outcomes) for o in outcomes),
        rejected=dict(Counter(dict(rejected)).most_common()),
        rows=rows,
        quarantined=quarantined,
        seconds=stage_seconds,
        n_words=sum(o.n_words for o in outcomes),
    )
