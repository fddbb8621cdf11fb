"""Incremental runs: which inputs to (re)process, which earlier rows to keep, who is a duplicate.

The manifest of the visible snapshot records every input (a file, or a JSONL line) with the
content hash of its file and what it became. A run hashes every input file, reprocesses only
files that are new or changed, drops the earlier rows of changed files, and keeps the rest.
Exact duplicates are decided over all inputs in one canonical order (path, then line), so
``run(A)`` then ``run(A+B)`` gives the tables that one run over ``A+B`` gives.

A different pipeline version, rules digest or spaCy model reprocesses everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.records import Article, Reject

MANIFEST_FORMAT = 2
HASH_CHUNK = 1 << 20


def file_sha256(path: Path) -> str | None:
    """Return the sha256 of a file's bytes, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def hash_files(paths: Sequence[Path]) -> dict[str, str | None]:
    """Return ``{path: sha256}`` for ``paths`` (None for unreadable files)."""
    return {str(p): file_sha256(p) for p in paths}


def order_key(path: str, line: int | None) -> tuple[str, int]:
    """Canonical input order: by path, then by JSONL line (the order of a single run)."""
    return (path, line or 0)


@dataclass
class Plan:
    """What a run does: files to read, earlier inputs to keep, and why."""

    reason: str
    process_files: list[str]
    retained: dict[str, dict[str, Any]]
    dropped: set[str] = field(default_factory=set)  # input keys whose earlier rows go
    n_unchanged_files: int = 0
    n_new_files: int = 0
    n_changed_files: int = 0


def plan_run(
    hashes: Mapping[str, str | None],
    previous: Mapping[str, Any] | None,
    *,
    versions: Mapping[str, str],
    full: bool = False,
) -> Plan:
    """Decide which files to read from their hashes and the previous manifest.

    Files that are new or whose hash changed are read again and their earlier rows dropped;
    inputs of files not seen in this run are kept (nothing is lost). A ``duplicate`` reject
    whose original is dropped is read again, since it may now be the first of its text.
    """
    if previous is None or previous.get("format") != MANIFEST_FORMAT:
        return Plan("first run" if previous is None else "older manifest format: full rebuild",
                    sorted(hashes), {}, n_new_files=len(hashes))
    changed_versions = [
        f"{k} {previous.get(k)} -> {v}" for k, v in versions.items() if previous.get(k) != v
    ]
    if full or changed_versions:
        why = "--full" if full else "changed " + "; ".join(changed_versions)
        return Plan(f"full rebuild ({why})", sorted(hashes), {},
                    dropped=set(previous.get("inputs", {})), n_changed_files=len(hashes))

    old_files: Mapping[str, str] = previous.get("files", {})
    old_inputs: Mapping[str, dict[str, Any]] = previous.get("inputs", {})
    process = {p for p, sha in hashes.items() if sha is None or old_files.get(p) != sha}
    n_new = sum(1 for p in process if p not in old_files)
    by_file: dict[str, list[str]] = {}
    for key, entry in old_inputs.items():
        by_file.setdefault(entry["file"], []).append(key)
    while True:  # re-read duplicates whose original goes away, until nothing more changes
        dropped = {k for p in process for k in by_file.get(p, [])}
        orphans = {
            entry["file"]
            for key, entry in old_inputs.items()
            if entry.get("duplicate_of") in dropped and entry["file"] not in process
            and entry["file"] in hashes
        }
        if not orphans:
            break
        process |= orphans
    retained = {k: e for k, e in old_inputs.items() if k not in dropped}
    return Plan(
        "incremental", sorted(process), retained, dropped=dropped,
        n_unchanged_files=len(hashes) - len(process), n_new_files=n_new,
        n_changed_files=len(process) - n_new,
    )


@dataclass
class Dedupe:
    """New articles to process, new rejects, and kept articles that became duplicates."""

    articles: list[Article]
    rejects: list[Reject]
    demoted: dict[str, Reject]  # input key of a kept article -> its duplicate reject


class Deduper:
    """Exact-duplicate decisions for inputs that arrive in canonical order, a chunk at a time.

    The first input of each group (same title and text) in the canonical order is the article,
    counting articles kept from earlier runs; the others become ``duplicate`` rejects, and a
    kept article that a new input precedes is demoted. Because inputs arrive in order, each
    decision is final when it is made: articles can go to processing while later files are
    still being read, with the decisions one pass over everything would make.
    """

    def __init__(self, retained: Mapping[str, Mapping[str, Any]]) -> None:
        self.retained = retained
        self.first: dict[str, tuple[tuple[str, int], str]] = {}
        for key, entry in retained.items():
            if entry["status"] == "article":
                order = order_key(entry["file"], entry.get("line"))
                fingerprint = entry["fingerprint"]
                if fingerprint not in self.first or order < self.first[fingerprint][0]:
                    self.first[fingerprint] = (order, key)
        self.demoted: dict[str, Reject] = {}
        self._last: tuple[str, int] | None = None

    def decide(self, article: Article) -> Reject | None:
        """Return None if ``article`` is the first of its group so far, else its reject."""
        order = order_key(article.source_path, article.input_line)
        if self._last is not None and order < self._last:
            raise ValueError(f"inputs out of canonical order: {order} after {self._last}")
        self._last = order
        held = self.first.get(article.fingerprint)
        if held is not None and held[0] <= order:
            return _duplicate(article.source_path, article.input_line,
                              article.content_sha256, held[1])
        if held is not None:  # a kept article from an earlier run comes later in the order
            entry = self.retained[held[1]]
            self.demoted[held[1]] = _duplicate(entry["file"], entry.get("line"),
                                               entry.get("content_sha256"), article.input_key)
        self.first[article.fingerprint] = (order, article.input_key)
        return None

    def feed(self, items: Iterable[Article | Reject]) -> Dedupe:
        """Decide a chunk of inputs (in canonical order, after every earlier chunk)."""
        return _split(items, self.decide, self.demoted)


def drop_duplicates(
    items: Iterable[Article | Reject], retained: Mapping[str, Mapping[str, Any]]
) -> Dedupe:
    """Keep the first input of each exact duplicate group (same title and text), in the
    canonical order, counting articles kept from earlier runs; the others become rejects.
    ``items`` may come in any order; the result keeps it."""
    new = list(items)
    articles = sorted(
        (i for i in new if isinstance(i, Article)),
        key=lambda a: order_key(a.source_path, a.input_line),
    )
    deduper = Deduper(retained)
    decisions = {id(a): deduper.decide(a) for a in articles}
    return _split(new, lambda a: decisions[id(a)], deduper.demoted)


def _split(
    items: Iterable[Article | Reject], decide: Callable[[Article], Reject | None],
    demoted: dict[str, Reject],
) -> Dedupe:
    out = Dedupe([], [], demoted)
    for item in items:
        if isinstance(item, Reject):
            out.rejects.append(item)
        elif (reject := decide(item)) is None:
            out.articles.append(item)
        else:
            out.rejects.append(reject)
    return out


def parts_to_carry(
    previous: Mapping[str, Any] | None, plan: Plan, dedupe: Dedupe
) -> tuple[list[str], set[str]]:
    """Part files of the previous snapshot that hold kept articles, and the article ids whose
    rows must leave them (inputs that changed, or kept articles now found to be duplicates)."""
    old_inputs: Mapping[str, Mapping[str, Any]] = (previous or {}).get("inputs", {})
    drop_ids = {
        e["article_id"] for k, e in old_inputs.items()
        if e["status"] == "article" and (k in plan.dropped or k in dedupe.demoted)
    }
    keep_parts = sorted({e["part"] for e in plan.retained.values() if e["status"] == "article"})
    return keep_parts, drop_ids


def _duplicate(path: str, line: int | None, sha: str | None, first: str) -> Reject:
    return Reject(
        source_path=path,
        stage="dedupe",
        reason_code="duplicate",
        message=f"same title and text as {first} (first in input order): an exact duplicate",
        content_sha256=sha,
        input_line=line,
        duplicate_of=first,
    )


def input_entries_for_rejects(
    rejects: Iterable[Reject], *, seen_at: str
) -> dict[str, dict[str, Any]]:
    """Manifest entries of rejected inputs (all the rejects table needs to be rebuilt)."""
    return {
        r.input_key: {
            "file": r.source_path, "line": r.input_line, "status": "rejected",
            "content_sha256": r.content_sha256, "stage": r.stage,
            "reason_code": r.reason_code, "message": r.message, "seen_at": seen_at,
            "duplicate_of": r.duplicate_of,
        }
        for r in rejects
    }


def rejects_from_entries(entries: Mapping[str, Mapping[str, Any]]) -> list[tuple[Reject, str]]:
    """Rebuild ``(Reject, seen_at)`` pairs from manifest entries, in canonical order."""
    out = [
        (
            Reject(
                source_path=e["file"], stage=e["stage"], reason_code=e["reason_code"],
                message=e["message"], content_sha256=e.get("content_sha256"),
                input_line=e.get("line"), duplicate_of=e.get("duplicate_of"),
            ),
            str(e["seen_at"]),
        )
        for e in entries.values() if e["status"] == "rejected"
    ]
    return sorted(out, key=lambda pair: order_key(pair[0].source_path, pair[0].input_line))
