"""process_batch without Prefect: the model failing on one article costs only that article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from spacy.tokens import Doc

from pipeline import nlp as nlp_module
from pipeline import process
from pipeline.records import Article

TEXTS = [
    "The mayor of Springfield opened a new bridge on Monday.",
    "Officials in Lisbon said the port would reopen next week.",
    "POISON The committee met in Oslo to discuss fishing quotas.",
    "A spokeswoman for the ministry declined to give details.",
    "Farmers in the north protested against the new water rules.",
]


def articles() -> list[Article]:
    return [Article(source_path=f"/in/{i}.txt", source_id=str(i), text=t,
                    content_sha256=f"{i:064d}") for i, t in enumerate(TEXTS)]


def test_model_failure_mid_batch_rejects_only_the_bad_article(
    nlp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = nlp_module.parse_texts

    def failing(texts: Iterable[str], **kwargs: object) -> Iterator[Doc]:
        for doc in real(texts, **kwargs):  # type: ignore[arg-type]
            if doc.text.startswith("POISON"):
                raise RuntimeError("the model broke")
            yield doc

    monkeypatch.setattr(nlp_module, "parse_texts", failing)
    outcome = process.process_batch(articles(), snapshot=tmp_path,
                                    ingested_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert [(r.source_path, r.reason_code) for r in outcome.rejects] == [
        ("/in/2.txt", "nlp_error")
    ]
    kept = [o.file for o in outcome.outcomes]
    assert sorted(kept) == ["/in/0.txt", "/in/1.txt", "/in/3.txt", "/in/4.txt"]  # once each
    assert outcome.rows["articles"] == 4


def test_parsed_docs_carry_their_text(nlp: object) -> None:
    texts = ["First line.\nSecond  line with  spaces. ", "« Quoted » text\u00a0here.", ""]
    docs = list(nlp_module.parse_texts([nlp_module.normalize_for_nlp(t) for t in texts]))
    assert [nlp_module.doc_text(d) for d in docs] == [d.text for d in docs]
    assert [len(nlp_module.doc_text(d)) for d in docs] == [len(t) for t in texts]
    assert all("pipeline_text" in d.user_data for d in docs[:2])  # kept, not rebuilt
