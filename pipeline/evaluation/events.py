"""``pipeline evaluate events``: PLOVER event type and (source, type, target) scores.

Scoring (one gold event per record, as the PLOVER gold-standard file codes it):

* Old labels are mapped to PLOVER 2.0: DEMAND->REQUEST, DISAPPROVE->ACCUSE,
  INVESTIGATE->ACCUSE, FIGHT->ASSAULT.
* The predicted type of a sentence is the type of its highest-confidence event (earliest
  trigger on ties; see ``primary_events``); a sentence with no event predicts nothing. Type
  precision = correct / sentences with a prediction, recall = correct / gold sentences; micro-F1
  from those, macro-F1 = the mean over gold types of per-type F1.
* Triples: gold triples are every (source code, type, target code) of the source and target
  lists; a record without targets whose sources are marked reciprocal (``SRC/TAR``) gives every
  ordered pair of distinct sources, else (source, type, ``-``). Predicted triples are those of
  every event of the primary trigger (one per actor pair). Set-based P/R/F1 summed over records.
  Codes are compared as given (ISO-3 or IGO, NGO, ...); a missing code is ``-``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HELP = "score PLOVER event types and (source, type, target) triples on PLOVER gold records"
DESCRIPTION = (
    "Run NLP, entities and events over each PLOVER gold sentence and print event-type micro and "
    "macro F1, a confusion matrix and F1 on (source ISO-3, type, target ISO-3) triples."
)
LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}
NONE = "-"
Triple = tuple[str, str, str]


@dataclass(frozen=True)
class GoldRecord:
    """One coded sentence of the gold file."""

    id: str
    text: str
    event_type: str
    triples: frozenset[Triple]


@dataclass(frozen=True)
class Scores:
    """The figures printed by :func:`run`."""

    n: int
    type_precision: float
    type_recall: float
    type_micro_f1: float
    type_macro_f1: float
    per_type: dict[str, tuple[float, float, float, int]]
    confusion: dict[tuple[str, str], int]
    triple_precision: float
    triple_recall: float
    triple_f1: float


def _codes(actors: Any) -> list[str]:
    if not isinstance(actors, list):
        return []
    return [str(a.get("code") or NONE) for a in actors if isinstance(a, dict)]


def gold_triples(record: dict[str, Any], event_type: str) -> frozenset[Triple]:
    """Return the gold (source, type, target) triples of one record (see module docstring)."""
    sources = _codes(record.get("source")) or [NONE]
    targets = _codes(record.get("target"))
    markup = record.get("textInfo", {}).get("markup", "") if isinstance(
        record.get("textInfo"), dict) else ""
    if targets:
        return frozenset((s, event_type, t) for s in sources for t in targets)
    if len(sources) >= 2 and "SRC/TAR" in markup:
        return frozenset((s, event_type, t) for s in sources for t in sources if s != t)
    return frozenset((s, event_type, NONE) for s in sources)


def read_gold(path: Path, *, limit: int | None = None) -> list[GoldRecord]:
    """Read the PLOVER gold JSON array, skipping DOCUMENT records, old labels mapped."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: list[GoldRecord] = []
    for record in data:
        label = str(record.get("event", ""))
        if label == "DOCUMENT" or not record.get("text"):
            continue
        etype = LABEL_MAP.get(label, label)
        out.append(GoldRecord(str(record.get("id")), str(record["text"]), etype,
                              gold_triples(record, etype)))
        if limit is not None and len(out) >= limit:
            break
    return out


def f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def score(
    gold: Sequence[GoldRecord],
    predicted_types: Sequence[str | None],
    predicted_triples: Sequence[Iterable[Triple]],
) -> Scores:
    """Score per-record predictions against gold records (see module docstring)."""
    n = len(gold)
    correct = sum(1 for g, p in zip(gold, predicted_types, strict=True) if p == g.event_type)
    n_pred = sum(1 for p in predicted_types if p is not None)
    precision = correct / n_pred if n_pred else 0.0
    recall = correct / n if n else 0.0
    per_type: dict[str, tuple[float, float, float, int]] = {}
    for label in sorted({g.event_type for g in gold}):
        tp = sum(1 for g, p in zip(gold, predicted_types, strict=True)
                 if p == label and g.event_type == label)
        n_p = sum(1 for p in predicted_types if p == label)
        n_g = sum(1 for g in gold if g.event_type == label)
        p_ = tp / n_p if n_p else 0.0
        r_ = tp / n_g if n_g else 0.0
        per_type[label] = (p_, r_, f1(p_, r_), n_g)
    macro = sum(v[2] for v in per_type.values()) / len(per_type) if per_type else 0.0
    confusion = Counter(
        (g.event_type, p or NONE) for g, p in zip(gold, predicted_types, strict=True)
    )
    tp_t = n_pt = n_gt = 0
    for g, preds in zip(gold, predicted_triples, strict=True):
        pset = set(preds)
        tp_t += len(pset & g.triples)
        n_pt += len(pset)
        n_gt += len(g.triples)
    tp_p = tp_t / n_pt if n_pt else 0.0
    tr_r = tp_t / n_gt if n_gt else 0.0
    return Scores(n, precision, recall, f1(precision, recall), macro, per_type, dict(confusion),
                  tp_p, tr_r, f1(tp_p, tr_r))


def predict(
    texts: Sequence[str], *, published: dt.date | None = dt.date(2000, 1, 1),
    batch_size: int = 64,
) -> tuple[list[str | None], list[list[Triple]], list[list[Any]]]:
    """Run NLP, entities and events over ``texts``; return primary types, triples, all events."""
    from pipeline.extract.entities import extract_entities
    from pipeline.extract.events import extract_events, primary_events
    from pipeline.nlp import load_nlp, normalize_for_nlp

    nlp = load_nlp()
    types: list[str | None] = []
    triples: list[list[Triple]] = []
    every: list[list[Any]] = []
    for doc in nlp.pipe((normalize_for_nlp(t) for t in texts), batch_size=batch_size):
        entities, mentions = extract_entities(doc)
        events = extract_events(doc, entities=entities, mentions=mentions, published=published)
        top = primary_events(events)
        types.append(top[0].event_type if top else None)
        triples.append([(e.source_country_iso3 or NONE, e.event_type,
                         e.target_country_iso3 or NONE) for e in top])
        every.append(events)
    return types, triples, every


def format_report(scores: Scores) -> str:
    """Render the scores as plain text: summary, per-type table, confusion matrix."""
    lines = [
        f"PLOVER records: {scores.n}",
        f"event type  P={scores.type_precision:.3f} R={scores.type_recall:.3f} "
        f"micro-F1={scores.type_micro_f1:.3f} macro-F1={scores.type_macro_f1:.3f}",
        f"triples (source, type, target)  P={scores.triple_precision:.3f} "
        f"R={scores.triple_recall:.3f} F1={scores.triple_f1:.3f}",
        "",
        f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}",
    ]
    for label, (p, r, f, n) in scores.per_type.items():
        lines.append(f"{label:<10} {p:6.3f} {r:6.3f} {f:6.3f} {n:4d}")
    gold_labels = sorted({g for g, _ in scores.confusion})
    pred_labels = sorted({p for _, p in scores.confusion})
    abbrev = {lab: lab[:4] for lab in pred_labels}
    lines += ["", "confusion (rows gold, columns predicted; - = no event)",
              f"{'':<10}" + "".join(f"{abbrev[p]:>5}" for p in pred_labels)]
    for g in gold_labels:
        lines.append(f"{g:<10}" + "".join(
            f"{scores.confusion.get((g, p), 0) or '.':>5}" for p in pred_labels))
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``pipeline evaluate events``."""
    parser.add_argument("--gold", required=True, type=Path, metavar="FILE",
                        help="PLOVER gold records (JSON array, e.g. plover dev.json)")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="score only the first N records")
    parser.add_argument("--errors", action="store_true",
                        help="also print every record whose type is wrong")


def run(args: argparse.Namespace) -> int:
    """Print the report for ``--gold`` and return 0."""
    gold = read_gold(args.gold, limit=args.limit)
    types, triples, _ = predict([g.text for g in gold])
    print(format_report(score(gold, types, triples)))
    if getattr(args, "errors", False):
        print("\nerrors:")
        for g, t, tr in zip(gold, types, triples, strict=True):
            if t != g.event_type or not set(tr) & g.triples:
                print(f"{g.id}: gold {g.event_type} {sorted(g.triples)} | pred {t} {tr}")
    return 0
