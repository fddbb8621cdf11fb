"""Load the rule vocabularies shipped as data files under ``pipeline/lexicons/``.

Each file starts with ``# provenance: ...`` lines; ``#`` lines and blank lines are ignored.
``lexicon_digest`` hashes every file, so caches and manifests notice a rule change.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources

_PACKAGE = "pipeline.lexicons"


def _lines(name: str) -> list[str]:
    text = resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@functools.cache
def load_wordlist(name: str) -> frozenset[str]:
    """Return the lower-cased entries of a one-entry-per-line lexicon file."""
    return frozenset(ln.strip().lower() for ln in _lines(name))


@functools.cache
def load_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Return the rows of a tab-separated lexicon file (header line included if present)."""
    return tuple(tuple(cell.strip() for cell in ln.split("\t")) for ln in _lines(name))


@functools.cache
def rules_digest() -> str:
    """Return a sha256 over the lexicons and the extractor sources: what decides the rows."""
    digest = hashlib.sha256(lexicon_digest().encode())
    extract = resources.files("pipeline.extract")
    for entry in sorted(extract.iterdir(), key=lambda p: p.name):
        if entry.is_file() and entry.name.endswith(".py"):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()


@functools.cache
def lexicon_digest() -> str:
    """Return a sha256 over every lexicon file's name and bytes (stable order)."""
    digest = hashlib.sha256()
    for entry in sorted(resources.files(_PACKAGE).iterdir(), key=lambda p: p.name):
        if entry.is_file() and not entry.name.endswith((".py", ".pyc")):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()
