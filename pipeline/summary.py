"""Run summary (printed, published as a Prefect artifact) and the snapshot manifest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pipeline
from pipeline.lexicon import lexicon_digest
from pipeline.process import STAGES, BatchOutcome, count_reasons
from pipeline.records import Reject

TABLE_ORDER = ("articles", "entities", "mentions", "statements", "events", "rejects")


@dataclass
class RunSummary:
    """What a run read, rejected, wrote and quarantined, and where the time went."""

    out_dir: str
    snapshot: str
    n_files: int
    n_inputs: int
    n_articles: int
    rejected: dict[str, int]
    rows: dict[str, int]
    quarantined: dict[str, int]
    seconds: dict[str, float]
    n_words: int = 0
    wall_seconds: float = 0.0
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
            {"item": "inputs", "value": self.n_inputs},
            {"item": "articles", "value": self.n_articles},
            {"item": "rejected", "value": self.n_rejected},
        ]
        rows += [{"item": f"rejected: {k}", "value": v} for k, v in self.rejected.items()]
        rows += [{"item": f"rows: {t}", "value": self.rows.get(t, 0)} for t in TABLE_ORDER]
        rows += [{"item": f"quarantined: {t}", "value": n} for t, n in self.quarantined.items()]
        rows += [{"item": f"seconds: {s}", "value": round(v, 2)} for s, v in self.seconds.items()]
        rows.append({"item": "seconds: wall", "value": round(self.wall_seconds, 2)})
        return rows

    def as_text(self) -> str:
        """The summary a user reads at the end of ``pipeline run``."""
        reasons = ", ".join(f"{k} {v}" for k, v in self.rejected.items()) or "none"
        rows = ", ".join(f"{t} {self.rows.get(t, 0)}" for t in TABLE_ORDER)
        quarantined = ", ".join(f"{t} {n}" for t, n in self.quarantined.items()) or "none"
        stages = ", ".join(f"{s} {v:.1f}" for s, v in self.seconds.items())
        return "\n".join(
            [
                f"build_dataset: {self.n_inputs} inputs ({self.n_files} files) -> "
                f"{self.n_articles} articles, {self.n_rejected} rejected, "
                f"in {self.wall_seconds:.1f} s",
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


def summarize(
    *,
    out_dir: Path,
    snapshot: Path,
    n_files: int,
    outcomes: Sequence[BatchOutcome],
    rejects: Sequence[Reject],
    scan_seconds: float,
    wall_seconds: float,
) -> RunSummary:
    """Fold batch outcomes and rejects into a run summary."""
    rows: dict[str, int] = dict.fromkeys(TABLE_ORDER, 0)
    quarantined: dict[str, int] = {}
    seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)
    seconds["scan"] = scan_seconds
    for o in outcomes:
        for t, n in o.rows.items():
            rows[t] += n
        for t, n in o.quarantined.items():
            quarantined[t] = quarantined.get(t, 0) + n
        for s, v in o.seconds.items():
            seconds[s] = seconds.get(s, 0.0) + v
    rows["rejects"] = len(rejects)
    n_articles = rows["articles"]
    return RunSummary(
        out_dir=str(out_dir),
        snapshot=str(snapshot),
        n_files=n_files,
        n_inputs=n_articles + len(rejects),
        n_articles=n_articles,
        rejected=count_reasons(rejects),
        rows=rows,
        quarantined=quarantined,
        seconds=seconds,
        n_words=sum(o.n_words for o in outcomes),
        wall_seconds=wall_seconds,
    )


def build_manifest(
    summary: RunSummary,
    outcomes: Sequence[BatchOutcome],
    rejects: Sequence[Reject],
    *,
    model: str | None,
) -> dict[str, Any]:
    """Return the manifest of a snapshot: how it was made and what each input became."""
    from pipeline.nlp import resolve_model_name

    inputs: dict[str, dict[str, Any]] = {}
    for o in outcomes:
        for a in o.outcomes:
            inputs[a.input_key] = {
                "status": "article", "content_sha256": a.content_sha256,
                "article_id": a.article_id,
            }
    for r in rejects:
        inputs[r.input_key] = {
            "status": "rejected", "content_sha256": r.content_sha256,
            "stage": r.stage, "reason_code": r.reason_code,
        }
    return {
        "format": 1,
        "pipeline_version": pipeline.__version__,
        "rules_digest": lexicon_digest(),
        "spacy_model": resolve_model_name(model),
        "finished_at": summary.finished_at,
        "rows": summary.rows,
        "quarantined": summary.quarantined,
        "inputs": dict(sorted(inputs.items())),
    }
