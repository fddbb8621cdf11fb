"""Incremental planning and duplicate resolution, without Prefect or the model."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.incremental import (
    MANIFEST_FORMAT,
    Deduper,
    drop_duplicates,
    hash_files,
    plan_run,
)
from pipeline.records import Article, Reject, article_fingerprint

VERSIONS = {"pipeline_version": "1", "rules_digest": "r", "spacy_model": "m"}


def article(path: str, text: str, line: int | None = None) -> Article:
    return Article(source_path=path, source_id=Path(path).stem, text=text,
                   content_sha256="0" * 64, input_line=line)


def entry(path: str, text: str, part: str = "p1", line: int | None = None) -> dict[str, object]:
    return {"file": path, "line": line, "status": "article", "content_sha256": "0" * 64,
            "fingerprint": article_fingerprint(None, text), "article_id": text[:16].ljust(16, "0"),
            "part": part}


def manifest(files: dict[str, str], inputs: dict[str, dict[str, object]]) -> dict[str, object]:
    return {"format": MANIFEST_FORMAT, **VERSIONS, "files": files, "inputs": inputs}


def test_first_run_reads_everything() -> None:
    plan = plan_run({"a": "1", "b": "2"}, None, versions=VERSIONS)
    assert plan.process_files == ["a", "b"]
    assert plan.retained == {}
    assert plan.n_new_files == 2


def test_only_new_and_changed_files_are_read() -> None:
    prev = manifest({"a": "1", "b": "2"}, {"a": entry("a", "A"), "b": entry("b", "B")})
    plan = plan_run({"a": "1", "b": "2x", "c": "3"}, prev, versions=VERSIONS)
    assert plan.process_files == ["b", "c"]
    assert set(plan.retained) == {"a"}
    assert plan.dropped == {"b"}
    assert (plan.n_new_files, plan.n_changed_files, plan.n_unchanged_files) == (1, 1, 1)


def test_nothing_changed_reads_nothing() -> None:
    prev = manifest({"a": "1"}, {"a": entry("a", "A")})
    plan = plan_run({"a": "1"}, prev, versions=VERSIONS)
    assert plan.process_files == []
    assert set(plan.retained) == {"a"}


def test_inputs_of_files_not_seen_are_kept() -> None:
    prev = manifest({"a": "1", "gone": "9"}, {"a": entry("a", "A"), "gone": entry("gone", "G")})
    plan = plan_run({"a": "1"}, prev, versions=VERSIONS)
    assert set(plan.retained) == {"a", "gone"}


def test_version_change_or_full_rebuilds() -> None:
    prev = manifest({"a": "1"}, {"a": entry("a", "A")})
    changed = plan_run({"a": "1"}, prev, versions={**VERSIONS, "rules_digest": "r2"})
    assert changed.process_files == ["a"] and changed.retained == {}
    assert "rules_digest" in changed.reason
    full = plan_run({"a": "1"}, prev, versions=VERSIONS, full=True)
    assert full.process_files == ["a"] and "--full" in full.reason


def test_duplicate_of_a_changed_file_is_read_again() -> None:
    dup = {"file": "b", "line": None, "status": "rejected", "reason_code": "duplicate",
           "stage": "dedupe", "message": "", "seen_at": "x", "duplicate_of": "a"}
    prev = manifest({"a": "1", "b": "1"}, {"a": entry("a", "A"), "b": dup})
    plan = plan_run({"a": "changed", "b": "1"}, prev, versions=VERSIONS)
    assert plan.process_files == ["a", "b"]


def test_first_in_input_order_wins_across_runs() -> None:
    retained = {"m.txt": entry("m.txt", "same text")}
    new = [article("a.txt", "same text"), article("z.txt", "same text"),
           Reject("bad.txt", "read", "empty", "empty file")]
    out = drop_duplicates(new, retained)
    assert [a.source_path for a in out.articles] == ["a.txt"]
    assert sorted(r.source_path for r in out.rejects) == ["bad.txt", "z.txt"]
    assert set(out.demoted) == {"m.txt"}  # the earlier run's copy sorts after a.txt
    assert out.demoted["m.txt"].duplicate_of == "a.txt"


def test_jsonl_lines_order_numerically() -> None:
    new = [article("f.jsonl", "t", line=10), article("f.jsonl", "t", line=9)]
    out = drop_duplicates(new, {})
    assert [a.input_line for a in out.articles] == [9]


@pytest.mark.parametrize("seed", range(20))
def test_streaming_dedupe_decides_as_one_pass(seed: int) -> None:
    rng = random.Random(seed)
    texts = [f"text {i}" for i in range(6)]
    paths = sorted(f"{rng.choice('abcdefgh')}{i:02d}.txt" for i in range(25))
    new: list[Article | Reject] = [article(p, rng.choice(texts)) for p in paths]
    new[rng.randrange(len(new))] = Reject("x.txt", "read", "empty", "empty file")
    retained = {f"m{i}.txt": entry(f"{rng.choice('bdfz')}{i}.txt", rng.choice(texts))
                for i in range(3)}
    retained = {e["file"]: e for e in retained.values()}  # type: ignore[misc]
    whole = drop_duplicates(new, retained)

    deduper = Deduper(retained)
    articles: list[Article] = []
    rejects: list[Reject] = []
    cut = sorted(rng.sample(range(1, len(new)), 4))
    for lo, hi in zip([0, *cut], [*cut, len(new)], strict=True):
        chunk = deduper.feed(new[lo:hi])
        articles += chunk.articles
        rejects += chunk.rejects
    assert articles == whole.articles and len(articles) >= 1
    assert [(r.source_path, r.duplicate_of) for r in rejects] == [
        (r.source_path, r.duplicate_of) for r in whole.rejects
    ]
    assert deduper.demoted == whole.demoted


def test_streaming_dedupe_refuses_inputs_out_of_order() -> None:
    deduper = Deduper({})
    deduper.feed([article("b.txt", "one")])
    with pytest.raises(ValueError, match="canonical order"):
        deduper.feed([article("a.txt", "two")])


def test_hash_files_marks_unreadable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    hashes = hash_files([tmp_path / "a.txt", tmp_path / "missing.txt"])
    assert hashes[str(tmp_path / "a.txt")] is not None
    assert hashes[str(tmp_path / "missing.txt")] is None
