"""Plain record types passed between layers.

Every extractor yields these frozen dataclasses of plain values; ``pipeline.tables`` is the only
place that turns them into DataFrames. Offsets are Python ``str`` offsets into ``Article.text``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field


def article_fingerprint(title: str | None, text: str) -> str:
    """Return the sha256 hex of an article's title and body: equal fingerprints are exact
    duplicates, and the first 16 hex digits are the ``article_id``."""
    key = f"{title or ''}\x1f{text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()


@dataclass(frozen=True)
class InputRef:
    """One input unit: a whole file, or one line of a JSONL file (``line`` is 1-based)."""

    path: str
    line: int | None = None

    @property
    def key(self) -> str:
        """Stable key of the input, used by the manifest and in messages."""
        return self.path if self.line is None else f"{self.path}#L{self.line}"


@dataclass(frozen=True)
class Article:
    """A parsed article; ``text`` is the body exactly as given in the input."""

    source_path: str
    source_id: str
    text: str
    content_sha256: str
    published_date: dt.date | None = None
    date_source: str = "none"  # header | text | none
    title: str | None = None
    source_name: str | None = None
    url: str | None = None
    input_line: int | None = None
    paragraphs: tuple[tuple[int, int], ...] = field(default=())

    @property
    def input_key(self) -> str:
        return InputRef(self.source_path, self.input_line).key

    @property
    def fingerprint(self) -> str:
        return article_fingerprint(self.title, self.text)

    @property
    def article_id(self) -> str:
        """The first 16 hex digits of the fingerprint."""
        return self.fingerprint[:16]


@dataclass(frozen=True)
class Reject:
    """An input that could not become an article, with a machine-readable reason code."""

    source_path: str
    stage: str  # read | parse | dedupe | nlp | extract | validate
    reason_code: str
    message: str
    content_sha256: str | None = None
    input_line: int | None = None
    duplicate_of: str | None = None  # input key of the first occurrence, for ``duplicate``

    @property
    def input_key(self) -> str:
        return InputRef(self.source_path, self.input_line).key
