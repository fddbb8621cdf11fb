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


def test_worker_side_never_imports_the_table_stack(nlp: object) -> None:
    """A worker process imports the flow module (Prefect unpickles the flow there) and runs
    ``extract_batch``: neither may pull in pandas, pyarrow or pandera (70 MB per worker)."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent("""
        import sys, datetime as dt
        import pipeline.flows
        from pipeline import process
        from pipeline.records import Article
        text = 'The minister said on Monday that talks would resume. "Soon," she added.'
        a = Article(source_path='/in/a.txt', source_id='a', text=text,
                    content_sha256='0' * 64, published_date=dt.date(2025, 6, 16))
        batch = process.extract_batch([a])
        assert batch.articles and batch.articles[0].statements, batch
        heavy = ('pandas', 'pyarrow', 'pandera', 'schemas')
        print(' '.join(m for m in heavy if m in sys.modules))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_extracted_batch_is_written_by_the_writer(nlp: object, tmp_path: Path) -> None:
    from pipeline import storage, writer

    batch = process.extract_batch([a for a in articles() if "POISON" not in a.text])
    assert batch.seconds["nlp"] > 0 and len(batch.articles) == 4
    outcome = writer.write_batch(batch, snapshot=tmp_path,
                                 ingested_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert outcome.rows["articles"] == 4 and outcome.n_words == sum(
        a.n_words for a in batch.articles)
    assert {"nlp", "extract", "tables", "validate", "write"} <= set(outcome.seconds)
    written = sorted((tmp_path / "articles").glob("*.parquet"))
    assert [p.name for p in written] == [f"part-{batch.key}.parquet"]
    assert storage.read_manifest(tmp_path) is None  # nothing committed by a batch write


@pytest.mark.parametrize(("lengths", "expected"), [
    ([5, 5, 5, 5, 5], [[5, 5], [5, 5], [5]]),  # at most two texts per step
    ([8, 3, 30, 4, 4, 4], [[8], [3], [30], [4, 4], [4]]),  # 8+3 > 10; a long text stands alone
    ([], []),
])
def test_nlp_steps_are_capped_by_count_and_characters(
    lengths: list[int], expected: list[list[int]]
) -> None:
    texts = ["x" * n for n in lengths]
    steps = list(nlp_module._steps(texts, batch_size=2, max_chars=10))
    assert [[len(t) for t in s] for s in steps] == expected
    assert [t for s in steps for t in s] == texts  # every text once, in order


def test_step_size_does_not_change_the_docs(nlp: object) -> None:
    texts = [nlp_module.normalize_for_nlp(t) for t in TEXTS * 3]
    one = [d.to_json() for d in nlp_module.parse_texts(texts, batch_size=1)]
    capped = [d.to_json() for d in nlp_module.parse_texts(texts, batch_size=16, max_chars=120)]
    assert one == capped and len(one) == len(texts)


_ORPHANING_PARENT = """
import concurrent.futures, multiprocessing, os, time
from pipeline import process
if __name__ == "__main__":
    spawn = multiprocessing.get_context("spawn")
    pool = concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn)
    pool.submit(process.exit_with_parent).result()
    print(pool.submit(os.getpid).result(), flush=True)
    process.exit_with_parent()  # not a worker: must not watch anything
    time.sleep(600)
"""


def test_worker_exits_when_the_run_is_killed_outright(tmp_path: Path) -> None:
    """``kill -9`` of a run leaves no idle worker holding the model behind."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(_ORPHANING_PARENT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    try:
        worker = int(parent.stdout.readline())
        os.kill(worker, 0)  # alive while its parent lives
        assert parent.poll() is None
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                os.kill(worker, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            os.kill(worker, signal.SIGKILL)
            pytest.fail("the worker outlived its killed parent by 20 s")
    finally:
        if parent.poll() is None:
            parent.kill()
