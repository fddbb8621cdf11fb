"""``pipeline evaluate dates``: TempEval-3 Task A scores of the date resolver on TimeML files.

The scorer follows TempEval-3 (UzZaman et al., 2013): a system timex matches a gold one
strictly when the spans are equal and relaxed when they overlap (one-to-one, greedy by
overlap); extent precision/recall/F1 strict and relaxed; type and value accuracy over the
relaxed matches; attribute F1 = relaxed F1 x attribute accuracy. The document creation time
(TIMEX3 ``functionInDocument="CREATION_TIME"``) anchors relative expressions and is not a
target; the text scored is the content of ``<TEXT>`` with the tags stripped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HELP = "score the date resolver on TimeML (TempEval-3 Task A) files"
DESCRIPTION = (
    "Read TimeML .tml files under --gold (recursively), run find_timeml_timexes on the text of "
    "each <TEXT> anchored on its creation time, and print TempEval-3 Task A figures: extent "
    "P/R/F1 strict and relaxed, type and value accuracy over relaxed matches, value F1, overall "
    "and per subfolder."
)


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3: ``text[start:end]`` of its document."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDoc:
    """A TimeML document: plain text, creation date and gold timexes (DCT excluded)."""

    name: str
    group: str
    text: str
    published: dt.date | None
    timexes: tuple[GoldTimex, ...]


@dataclass(frozen=True)
class SystemTimex:
    """What the scorer needs of a system timex."""

    start: int
    end: int
    type: str
    value: str


@dataclass
class Counts:
    """Running totals of one group of documents."""

    docs: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        """Add another group's counts to these."""
        self.docs += other.docs
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.type_ok += other.type_ok
        self.value_ok += other.value_ok
        self.errors.extend(other.errors)

    def scores(self) -> dict[str, float]:
        """Strict/relaxed P, R, F1, type and value accuracy, type and value F1."""
        def prf(hit: int) -> tuple[float, float, float]:
            p = hit / self.system if self.system else 0.0
            r = hit / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = prf(self.strict)
        rp, rr, rf = prf(self.relaxed)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_acc": type_acc, "value_acc": value_acc,
            "type_f1": rf * type_acc, "value_f1": rf * value_acc,
        }


def parse_timeml(source: str, *, name: str = "", group: str = "") -> TimeMLDoc:
    """Parse a TimeML string: the tag-free text of ``<TEXT>``, the DCT and the gold TIMEX3s."""
    root = ET.fromstring(source)
    published: dt.date | None = None
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == "CREATION_TIME":
            published = _iso_date(el.get("value", ""))
            break
    body = root.find(".//TEXT")
    if body is None:
        body = root
    parts: list[str] = []
    gold: list[GoldTimex] = []
    length = 0

    def walk(el: ET.Element) -> None:
        nonlocal length
        start = length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME":
            gold.append(GoldTimex(start, length, el.get("type", ""), el.get("value", "")))

    walk(body)
    return TimeMLDoc(name, group, "".join(parts), published, tuple(gold))


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def score_document(
    gold: Sequence[GoldTimex], system: Sequence[SystemTimex], *, text: str = ""
) -> Counts:
    """Match system to gold timexes one-to-one (exact spans first, then largest overlap)."""
    counts = Counts(docs=1, gold=len(gold), system=len(system))
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                exact = int(g.start == s.start and g.end == s.end)
                pairs.append((exact * 10**6 + overlap, gi, si))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    for key, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        g, s = gold[gi], system[si]
        counts.relaxed += 1
        counts.strict += int(key >= 10**6)
        counts.type_ok += int(g.type == s.type)
        if g.value == s.value:
            counts.value_ok += 1
        else:
            counts.errors.append((text[g.start : g.end], g.value, text[s.start : s.end], s.value))
    return counts


def read_gold(root: Path, *, limit: int | None = None) -> list[TimeMLDoc]:
    """Read every ``*.tml`` under ``root`` (sorted); the group is the first subfolder."""
    paths = sorted(root.rglob("*.tml"))
    if limit is not None:
        paths = paths[:limit]
    docs = []
    for path in paths:
        rel = path.relative_to(root)
        group = rel.parts[0] if len(rel.parts) > 1 else "."
        docs.append(parse_timeml(path.read_text(encoding="utf-8"), name=path.name, group=group))
    return docs


def evaluate(docs: Iterable[TimeMLDoc], *, batch_size: int = 32) -> dict[str, Counts]:
    """Run the resolver over ``docs`` and return counts per group and under ``"all"``."""
    from pipeline.extract.dates import find_timeml_timexes
    from pipeline.nlp import load_nlp, normalize_for_nlp

    docs = list(docs)
    nlp = load_nlp()
    groups: dict[str, Counts] = {}
    texts = (normalize_for_nlp(d.text) for d in docs)
    for doc, spacy_doc in zip(docs, nlp.pipe(texts, batch_size=batch_size), strict=True):
        found = find_timeml_timexes(spacy_doc, published=doc.published)
        system = [SystemTimex(t.start, t.end, t.type, t.value) for t in found]
        counts = score_document(doc.timexes, system, text=doc.text)
        groups.setdefault(doc.group, Counts()).add(counts)
    total = Counts()
    for counts in groups.values():
        total.add(counts)
    groups["all"] = total
    return groups


def format_report(groups: dict[str, Counts]) -> str:
    """A fixed-width table, one line per group, ``all`` last."""
    head = (
        f"{'group':<10} {'docs':>4} {'gold':>5} {'sys':>5}  {'strictP':>7} {'strictR':>7} "
        f"{'strictF':>7}  {'relP':>6} {'relR':>6} {'relF':>6}  {'typeAcc':>7} {'valAcc':>6} "
        f"{'valueF1':>7}"
    )
    lines = [head]
    for name in [*sorted(g for g in groups if g != "all"), "all"]:
        c = groups[name]
        s = c.scores()
        lines.append(
            f"{name:<10} {c.docs:>4} {c.gold:>5} {c.system:>5}  {s['strict_p']:>7.3f} "
            f"{s['strict_r']:>7.3f} {s['strict_f1']:>7.3f}  {s['relaxed_p']:>6.3f} "
            f"{s['relaxed_r']:>6.3f} {s['relaxed_f1']:>6.3f}  {s['type_acc']:>7.3f} "
            f"{s['value_acc']:>6.3f} {s['value_f1']:>7.3f}"
        )
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``pipeline evaluate dates``."""
    parser.add_argument("--gold", required=True, metavar="DIR",
                        help="folder of TimeML .tml files, read recursively")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="score only the first N files (sorted by path), for quick runs")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also print the first N value errors (gold text/value vs system)")


def run(args: argparse.Namespace) -> int:
    """Print the report for ``args.gold``; return 0 (2 when the folder has no .tml file)."""
    root = Path(args.gold)
    started = time.perf_counter()
    docs = read_gold(root, limit=args.limit)
    if not docs:
        print(f"evaluate dates: no .tml file under {root}", file=sys.stderr)
        return 2
    groups = evaluate(docs)
    print(format_report(groups))
    print(f"({len(docs)} files in {time.perf_counter() - started:.1f}s)")
    for g_text, g_val, s_text, s_val in groups["all"].errors[: getattr(args, "errors", 0)]:
        print(f"  gold {g_text!r:<30} {g_val:<14} system {s_text!r:<30} {s_val}")
    return 0
