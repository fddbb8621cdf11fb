"""``pipeline evaluate quotes``: score the statements extractor against PolNeAR JSONL gold.

Matching is one-to-one and greedy by best overlap (highest score first), per metric:

* ``dice.8``: 2|g∩p|/(|g|+|p|) >= 0.8, g the gold envelope (first to last content fragment);
* ``cov.8`` / ``cov.3``: |g∩p|/|g| > 0.8 / 0.3 with g the gold content fragments (the Gender
  Gap Tracker's definition, Asr et al. 2021);
* ``exact``: equal spans after trimming whitespace, quote marks and punctuation at both ends.

Matching runs over all gold and predicted quotes of an article; a subset (gold kind direct+mixed,
indirect, all) then counts its own gold quotes for recall and the predictions of the same kind
for precision. Speaker accuracy is over dice.8-matched gold quotes that have a gold speaker: the
predicted speaker mention overlaps the gold speaker span. End-to-end: a hit needs the dice.8
match and, when gold has a speaker, the speaker correct.

Calibration: per group of statements (kind | speaker resolution | cue or not), the share right
end to end against the mean ``confidence`` they carried, and the size-weighted mean gap
(expected calibration error). ``--write-confidence`` writes the smoothed shares as the table the
extractor reads its confidences from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HELP = "score statements (quotes) against PolNeAR-style JSONL gold"
DESCRIPTION = (
    "Run the NLP, entity and statement extractors over each gold article and print precision, "
    "recall and F1 per subset (gold kind direct+mixed, indirect, all) under dice.8, cov.8, "
    "cov.3 and exact matching, plus speaker accuracy and end-to-end F1."
)

SUBSETS: tuple[tuple[str, frozenset[str]], ...] = (
    ("direct+mixed", frozenset({"direct", "mixed"})),
    ("indirect", frozenset({"indirect"})),
    ("all", frozenset({"direct", "mixed", "indirect"})),
)
METRICS = ("dice.8", "cov.8", "cov.3", "exact")
_TRIM = " \t\n\r\u00a0.,;:!?\"'“”‘’«»`()[]-—–"


@dataclass(frozen=True)
class GoldQuote:
    """A gold attribution: content envelope and fragments, speaker span, kind."""

    start: int
    end: int
    fragments: tuple[tuple[int, int], ...]
    kind: str
    speaker: tuple[int, int] | None


@dataclass(frozen=True)
class PredQuote:
    """A predicted statement, reduced to what the scorer needs; ``group`` (kind, speaker
    resolution, cue or not) and ``confidence`` serve the calibration table."""

    start: int
    end: int
    kind: str
    speaker: tuple[int, int] | None
    group: str = ""
    confidence: float = 1.0


@dataclass
class Counts:
    """Tallies of one subset."""

    n_gold: int = 0
    n_pred: int = 0
    hits_gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METRICS, 0))
    hits_pred: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METRICS, 0))
    speaker_total: int = 0
    speaker_correct: int = 0
    e2e_gold: int = 0
    e2e_pred: int = 0

    def add(self, other: Counts) -> None:
        self.n_gold += other.n_gold
        self.n_pred += other.n_pred
        for m in METRICS:
            self.hits_gold[m] += other.hits_gold[m]
            self.hits_pred[m] += other.hits_pred[m]
        self.speaker_total += other.speaker_total
        self.speaker_correct += other.speaker_correct
        self.e2e_gold += other.e2e_gold
        self.e2e_pred += other.e2e_pred

    def prf(self, metric: str) -> tuple[float, float, float]:
        """Precision, recall and F1 of ``metric`` (``e2e`` for end-to-end)."""
        if metric == "e2e":
            hp, hg = self.e2e_pred, self.e2e_gold
        else:
            hp, hg = self.hits_pred[metric], self.hits_gold[metric]
        return prf(hp, self.n_pred, hg, self.n_gold)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_total if self.speaker_total else 0.0


def prf(hits_pred: int, n_pred: int, hits_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Precision = matched predictions / predictions, recall = matched gold / gold, and F1."""
    p = hits_pred / n_pred if n_pred else 0.0
    r = hits_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# --- overlap measures -----------------------------------------------------------------------


def _inter(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def dice(gold: GoldQuote, pred: PredQuote) -> float:
    """2|g∩p|/(|g|+|p|) with g the gold envelope."""
    g, p = (gold.start, gold.end), (pred.start, pred.end)
    total = (g[1] - g[0]) + (p[1] - p[0])
    return 2 * _inter(g, p) / total if total else 0.0


def coverage(gold: GoldQuote, pred: PredQuote) -> float:
    """|g∩p|/|g| with g the gold content fragments."""
    size = sum(e - s for s, e in gold.fragments)
    if not size:
        return 0.0
    return sum(_inter(f, (pred.start, pred.end)) for f in gold.fragments) / size


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without whitespace, quote marks and punctuation at both ends."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def match(
    gold: Sequence[GoldQuote],
    pred: Sequence[PredQuote],
    score: Callable[[GoldQuote, PredQuote], float],
    accept: Callable[[float], bool],
) -> dict[int, int]:
    """One-to-one greedy matching: pairs in order of decreasing score, each item used once.

    Returns gold index -> predicted index for accepted pairs.
    """
    pairs: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if p.end <= g.start or p.start >= g.end:
                continue
            s = score(g, p)
            if accept(s):
                pairs.append((s, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if gi in out or pi in used:
            continue
        out[gi] = pi
        used.add(pi)
    return out


def matchers(text: str) -> dict[str, tuple[Callable[[GoldQuote, PredQuote], float],
                                          Callable[[float], bool]]]:
    """The four metrics as (score, accept) pairs; ``exact`` needs the article text."""

    def exact(g: GoldQuote, p: PredQuote) -> float:
        return 1.0 if trimmed(text, g.start, g.end) == trimmed(text, p.start, p.end) else 0.0

    return {
        "dice.8": (dice, lambda s: s >= 0.8),
        "cov.8": (coverage, lambda s: s > 0.8),
        "cov.3": (coverage, lambda s: s > 0.3),
        "exact": (exact, lambda s: s == 1.0),
    }


def speaker_ok(gold: GoldQuote, pred: PredQuote) -> bool:
    """The predicted speaker mention overlaps the gold speaker span."""
    return gold.speaker is not None and pred.speaker is not None and _inter(
        gold.speaker, pred.speaker) > 0


def score_article(
    text: str, gold: Sequence[GoldQuote], pred: Sequence[PredQuote]
) -> dict[str, Counts]:
    """Counts per subset for one article."""
    matched = {name: match(gold, pred, fn, ok) for name, (fn, ok) in matchers(text).items()}
    out: dict[str, Counts] = {}
    for subset, kinds in SUBSETS:
        c = Counts()
        gidx = [i for i, g in enumerate(gold) if g.kind in kinds]
        pidx = {i for i, p in enumerate(pred) if p.kind in kinds}
        c.n_gold, c.n_pred = len(gidx), len(pidx)
        for name in METRICS:
            c.hits_gold[name] = sum(1 for i in gidx if i in matched[name])
            c.hits_pred[name] = sum(1 for pi in matched[name].values() if pi in pidx)
        d8 = matched["dice.8"]
        for gi, pi in d8.items():
            g, p = gold[gi], pred[pi]
            hit = speaker_ok(g, p) if g.speaker is not None else True
            if g.kind in kinds:
                if g.speaker is not None:
                    c.speaker_total += 1
                    c.speaker_correct += int(hit)
                c.e2e_gold += int(hit)
            if pi in pidx:
                c.e2e_pred += int(hit)
        out[subset] = c
    return out


def pred_hits(gold: Sequence[GoldQuote], pred: Sequence[PredQuote]) -> list[bool]:
    """Per prediction: right end to end (dice.8-matched to a gold quote of any kind and, when
    that quote has a speaker, the speaker overlapping it)."""
    out = [False] * len(pred)
    for gi, pi in match(gold, pred, dice, lambda s: s >= 0.8).items():
        g = gold[gi]
        out[pi] = speaker_ok(g, pred[pi]) if g.speaker is not None else True
    return out


@dataclass
class Bucket:
    """Predictions of one group: how many, how many right, their summed confidence."""

    n: int = 0
    hits: int = 0
    confidence: float = 0.0

    @property
    def observed(self) -> float:
        """The share right, smoothed towards 1/2 (add-one): small groups stay modest."""
        return (self.hits + 1) / (self.n + 2)


def calibration(rows: Sequence[dict[str, object]], preds: Sequence[Sequence[PredQuote]]
                ) -> dict[str, Bucket]:
    """Per group (``kind|resolution|cue``), and per kind and overall (``*``), how many
    predictions were right end to end and what confidence they carried."""
    out: dict[str, Bucket] = {}
    for row, pred in zip(rows, preds, strict=True):
        for p, hit in zip(pred, pred_hits(gold_quotes(row), pred), strict=True):
            for key in (p.group, p.kind, "*"):
                b = out.setdefault(key, Bucket())
                b.n += 1
                b.hits += int(hit)
                b.confidence += p.confidence
    return out


def expected_calibration_error(buckets: dict[str, Bucket]) -> float:
    """Mean |confidence - share right| over the finest groups, weighted by their size."""
    fine = [b for k, b in buckets.items() if k.count("|") == 2]
    n = sum(b.n for b in fine)
    return sum(abs(b.confidence / b.n - b.hits / b.n) * b.n for b in fine if b.n) / n if n else 0.0


def format_calibration(buckets: dict[str, Bucket]) -> str:
    """Confidence against the share right end to end, per group."""
    lines = [f"{'group (kind|speaker resolution|cue)':<36}{'n':>6}{'right':>8}{'confidence':>12}"]
    for key in sorted(buckets, key=lambda k: (k.count("|") != 2, -buckets[k].n)):
        b = buckets[key]
        lines.append(f"{key:<36}{b.n:6d}{b.hits / b.n:8.3f}{b.confidence / b.n:12.3f}")
    lines.append(f"expected calibration error (finest groups): "
                 f"{expected_calibration_error(buckets):.3f}")
    return "\n".join(lines)


def write_confidence_table(buckets: dict[str, Bucket], path: Path, *, source: str) -> None:
    """The smoothed share right per group, as the statement extractor reads it
    (``pipeline/lexicons/statement_confidence.tsv``)."""
    lines = [
        f"# provenance: measured by `pipeline evaluate quotes --gold {source} "
        f"--write-confidence`",
        "# provenance: share of statements right end to end (quote dice >= 0.8 and speaker), "
        "add-one smoothed;",
        "# provenance: groups are kind|speaker resolution|cue, with kind-only and * back-offs.",
        "group\tconfidence\tn",
    ]
    for key in sorted(buckets):
        lines.append(f"{key}\t{buckets[key].observed:.3f}\t{buckets[key].n}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- gold I/O and the run ---------------------------------------------------------------------


def read_gold(path: Path, *, limit: int | None = None) -> list[dict[str, object]]:
    """Read PolNeAR JSONL articles (``text``, ``date``, ``quotes``)."""
    rows: list[dict[str, object]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
            if limit is not None and len(rows) >= limit:
                break
    return rows


def gold_quotes(row: dict[str, object]) -> list[GoldQuote]:
    """The gold attributions of one article."""
    out: list[GoldQuote] = []
    quotes = row.get("quotes") or []
    assert isinstance(quotes, list)
    for q in quotes:
        frags = tuple((int(s), int(e)) for s, e in q["quote_fragments"]) or (
            (int(q["quote_start"]), int(q["quote_end"])),)
        speaker = None
        if q.get("speaker_start") is not None:
            speaker = (int(q["speaker_start"]), int(q["speaker_end"]))
        out.append(GoldQuote(int(q["quote_start"]), int(q["quote_end"]), frags, str(q["kind"]),
                             speaker))
    return out


def predict(texts: Iterable[tuple[str, dt.date | None]], *, batch_size: int = 16
            ) -> list[list[PredQuote]]:
    """Run NLP, entities and statements over ``(text, published)`` pairs."""
    from pipeline.extract.entities import extract_entities
    from pipeline.extract.quotes import confidence_group, extract_statements
    from pipeline.nlp import load_nlp, normalize_for_nlp

    items = list(texts)
    nlp = load_nlp()
    docs = nlp.pipe((normalize_for_nlp(t) for t, _ in items), batch_size=batch_size)
    out: list[list[PredQuote]] = []
    for (_, published), doc in zip(items, docs, strict=True):
        entities, mentions = extract_entities(doc)
        statements, _ = extract_statements(doc, entities=entities, mentions=mentions,
                                           published=published)
        out.append([
            PredQuote(s.start, s.end, s.kind,
                      (s.speaker_start, s.speaker_end)
                      if s.speaker_start is not None and s.speaker_end is not None else None,
                      group=confidence_group(s.kind, s.speaker_resolution, s.cue is not None),
                      confidence=s.confidence)
            for s in statements
        ])
    return out


def evaluate(rows: Sequence[dict[str, object]], preds: Sequence[Sequence[PredQuote]]
             ) -> dict[str, Counts]:
    """Sum per-article counts over a corpus."""
    total = {name: Counts() for name, _ in SUBSETS}
    for row, pred in zip(rows, preds, strict=True):
        text = str(row["text"])
        for name, c in score_article(text, gold_quotes(row), pred).items():
            total[name].add(c)
    return total


def format_report(totals: dict[str, Counts], *, title: str) -> str:
    """A plain-text table: one row per subset and metric."""
    lines = [title, f"{'subset':<14}{'metric':<10}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    for name, _ in SUBSETS:
        c = totals[name]
        for metric in (*METRICS, "e2e"):
            p, r, f = c.prf(metric)
            lines.append(f"{name:<14}{metric:<10}{p:7.3f}{r:7.3f}{f:7.3f}{c.n_gold:7d}"
                         f"{c.n_pred:7d}")
        lines.append(f"{name:<14}{'speaker':<10}{'acc':>7}{c.speaker_accuracy:7.3f}"
                     f"{'':>7}{c.speaker_total:7d}")
    return "\n".join(lines)


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``pipeline evaluate quotes``."""
    parser.add_argument("--gold", required=True, type=Path, metavar="FILE",
                        help="PolNeAR JSONL (one article per line: text, date, quotes)")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="score only the first N articles")
    parser.add_argument("--write-confidence", type=Path, default=None, metavar="TSV",
                        help="write the share right per statement group as a confidence table "
                        "(pipeline/lexicons/statement_confidence.tsv is made from train)")


def run(args: argparse.Namespace) -> int:
    """Score the extractor on ``--gold`` and print the report."""
    rows = read_gold(args.gold, limit=args.limit)
    began = time.perf_counter()
    preds = predict((str(r["text"]), _date(r.get("date"))) for r in rows)
    totals = evaluate(rows, preds)
    seconds = time.perf_counter() - began
    print(format_report(totals, title=f"statements vs {args.gold} ({len(rows)} articles, "
                                      f"{seconds:.0f}s)"))
    buckets = calibration(rows, preds)
    print()
    print(format_calibration(buckets))
    if args.write_confidence is not None:
        write_confidence_table(buckets, args.write_confidence, source=args.gold.name)
        print(f"confidence table written to {args.write_confidence}")
    return 0
