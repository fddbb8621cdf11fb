"""Input layer: find input files and turn each input unit into an ``Article`` or a ``Reject``.

Pure Python (no Prefect, no spaCy). Every input ends up as exactly one ``Article`` or one
``Reject``: a whole ``.txt``/``.html``/``.htm`` file, one non-blank line of a ``.jsonl`` file, or
one data row of a ``.csv``/``.tsv`` file.
Nothing here raises on bad content; a bad input becomes a ``Reject`` with a machine-readable
``reason_code`` (see ``REASON_CODES``) and a message that says what to do about it.

Formats:

* ``.txt`` seed format: a line `` date YYYY-MM-DD <first paragraph>`` among the first five
  non-empty lines; lines before it are a title (the first) and boilerplate (the rest).
* ``.txt`` plain: optional headline on the first line, then the body.
* ``.jsonl``: one JSON object per line with ``text`` and optional ``id``, ``date``, ``title``,
  ``url``, ``source``. Streamed line by line; ``max_bytes`` applies to each line.
* ``.html``/``.htm``: main text and metadata extracted with trafilatura.
* ``.csv``/``.tsv``: a header row, then one article per row (RFC 4180 quoting, so a text may
  span lines). Columns are found by name, case-insensitively: the text in ``text``, ``body``,
  ``content``, ``article`` or ``story``; optional ``title``/``headline``, ``date``/
  ``published``/``publish_date``, ``url``/``link``, ``id``/``guid``, ``source``/``media``.
  Streamed row by row; ``max_bytes`` applies to each row.

``Article.text`` is always an exact substring of the decoded input (for JSONL and CSV: the text
field unchanged; for HTML: trafilatura's main text), so downstream offsets can be checked against
it.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import functools
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from pipeline.records import Article, Reject

LOGGER = logging.getLogger(__name__)

DEFAULT_MAX_BYTES: int = 5_000_000
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".jsonl", ".html", ".htm", ".csv", ".tsv"})

REASON_CODES: Mapping[str, str] = {
    "not_found": "a path given as input does not exist",
    "unreadable": "the file exists but could not be read (permissions, I/O error, not a file)",
    "unsupported_format": "the file suffix is not one of .txt, .jsonl, .html, .htm, .csv, .tsv",
    "too_large": "the file (or JSONL line, or CSV row) is over the max_bytes limit",
    "empty": "the input holds no text (zero bytes, only whitespace, or no body after parsing)",
    "binary": "the bytes are not text (NUL bytes, or over 5% control characters)",
    "undecodable": "the bytes are neither UTF-8 nor clean Windows-1252 text",
    "bad_json": "a JSONL line is not valid JSON",
    "bad_record": "a JSONL line is valid JSON but not an object, or a field has the wrong type; "
    "or a CSV row cannot be parsed",
    "missing_text": "a JSONL record has no 'text' string, or a CSV file has no text column",
    "bad_date": "a date header or 'date' field is present but not a valid date",
    "non_english": "the text is confidently identified as a language other than English",
    "no_main_text": "an HTML page has no extractable article body",
    "duplicate": "the text is identical to an input seen earlier",
}

# Stages, as in ``Reject.stage``.
STAGE_DISCOVER = "discover"
STAGE_READ = "read"
STAGE_PARSE = "parse"
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.05
# C0 controls other than \t \n \f \r, plus DEL.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
# What a cp1252 decoding may not contain (C0 other than whitespace, DEL, C1).
_BAD_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

_HEADER_SEARCH_LINES = 5
# The seed date header: " date 2025-06-16 First paragraph ...". The body may also start on the
# next line when nothing follows the date.
_DATE_HEADER = re.compile(r"^\s?date (\S+)(?: |$)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NON_BLANK_LINE = re.compile(r"[^\r\n]*\S[^\r\n]*")
_NON_SPACE = re.compile(r"\S")

_HEADLINE_MAX_CHARS = 200
_QUESTION_HEADLINE_MAX_WORDS = 15
_CLOSERS = "\"'\u201d\u2019)]"
_BLANK_LINE_AFTER = re.compile(r"[^\S\r\n]*(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)")

# Language identification: py3langid (Lui & Baldwin 2012, langid.py; fork by A. Barbaresi).
_LANGID_MIN_WORDS = 20
_LANGID_MIN_PROB = 0.9
_LANGID_MAX_CHARS = 1_000  # plenty to tell a language (about 150 words); the rest only costs time
# Before py3langid (0.6 ms a text): "the", "of" and "and" are one word in ten of English news
# and are not words of other languages, so a text whose start has them that often is English.
# Over the BBC corpus 94 % of articles pass (none of them is rejected by py3langid either).
_ENGLISH_MARKERS = frozenset({"the", "of", "and"})
_ENGLISH_MARKER_SHARE = 0.06
_LETTERS = re.compile(r"[^\W\d_]+")

# An HTML "body" shorter than this is navigation or boilerplate picked up by the fallback
# extractors (e.g. a lone "Home" link), not an article.
_HTML_MIN_WORDS = 10

_JSONL_FIELDS_STR = ("title", "url", "source")


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def discover_inputs(paths: Sequence[str | Path]) -> tuple[list[Path], list[Reject]]:
    """Expand files and folders into a sorted, de-duplicated list of input files.

    Folders are walked recursively; names starting with ``.`` found while walking are skipped
    (a hidden path given explicitly is kept). Symlinked folders are not followed. Files of any
    suffix are returned so that unsupported ones become ``unsupported_format`` rejects later.

    Args:
        paths: Files and folders in any mix.

    Returns:
        The resolved file paths sorted by their string form, and a ``Reject`` (stage
        ``discover``) for each path that does not exist or cannot be listed.
    """
    found: dict[str, Path] = {}
    rejects: list[Reject] = []

    def add(file: Path) -> None:
        resolved = file.resolve()
        found.setdefault(str(resolved), resolved)

    def walk_error(err: OSError) -> None:
        rejects.append(
            Reject(
                source_path=str(err.filename),
                stage=STAGE_DISCOVER,
                reason_code="unreadable",
                message=f"could not list folder ({err.strerror}); check its permissions",
            )
        )

    for raw in paths:
        path = Path(raw)
        if not path.exists():
            rejects.append(_not_found(path))
        elif path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path, onerror=walk_error):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                for name in filenames:
                    if name.startswith("."):
                        continue
                    file = Path(dirpath) / name
                    if file.is_file():
                        add(file)
                    elif not file.exists():
                        rejects.append(_not_found(file))
                    else:
                        rejects.append(_not_a_file(file))
        elif path.is_file():
            add(path)
        else:
            rejects.append(_not_a_file(path))
    return [found[key] for key in sorted(found)], rejects


def read_inputs(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Reject]:
    """Read one input file into Articles and Rejects: one per file, one per JSONL line or one
    per CSV row.

    Checks run in order: suffix, size (``stat``, before reading), empty, binary, decoding,
    format parsing, empty body, language. Bad content never raises.

    Args:
        path: The input file.
        max_bytes: Size limit of a file, of one line of a ``.jsonl`` file, or of one row of a
            ``.csv``/``.tsv`` file.

    Yields:
        ``Article`` or ``Reject`` records, in input order.
    """
    source_path = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{path.suffix}'" if path.suffix else "suffix-less"
        yield Reject(
            source_path=source_path,
            stage=STAGE_READ,
            reason_code="unsupported_format",
            message=(
                f"{shown} files are not read (supported: .csv, .html, .htm, .jsonl, .tsv, "
                ".txt); "
                "convert the file or leave it out of the input"
            ),
        )
    elif suffix == ".jsonl":
        yield from _read_jsonl(path, max_bytes=max_bytes)
    elif suffix in {".csv", ".tsv"}:
        yield from _read_csv(path, max_bytes=max_bytes, tab=suffix == ".tsv")
    else:
        yield _read_document(path, suffix=suffix, max_bytes=max_bytes)


def text_sha256(text: str) -> str:
    """Return the SHA-256 hex digest of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Return ``(start, end)`` of each non-blank line of ``text``, whitespace trimmed at both ends.

    A paragraph is one line; blank lines only separate. ``\\n``, ``\\r\\n`` and ``\\r`` end lines.
    """
    spans = []
    for line in _NON_BLANK_LINE.finditer(text):
        start, end = line.span()
        chunk = line.group()
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        spans.append((start, end))
    return tuple(spans)


def plainly_english(text: str) -> bool:
    """True when the start of ``text`` has English's commonest words often enough that no
    language identifier is needed (see ``_ENGLISH_MARKERS``)."""
    words = _LETTERS.findall(text[:_LANGID_MAX_CHARS].lower())
    if len(words) < _LANGID_MIN_WORDS:
        return False
    return sum(w in _ENGLISH_MARKERS for w in words) >= _ENGLISH_MARKER_SHARE * len(words)


def detect_language(text: str) -> tuple[str, float]:
    """Return py3langid's top language and its normalised probability for (the start of) text."""
    lang, prob = _language_identifier().classify(text[:_LANGID_MAX_CHARS])
    return str(lang), float(prob)


def parse_date(value: str) -> dt.date:
    """Parse an ISO 8601 date or datetime, or an RFC 2822 date, to a calendar date.

    A datetime keeps its own calendar date (no conversion to UTC).

    Raises:
        ValueError: ``value`` is none of these.
    """
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError) as err:
        raise ValueError(f"not an ISO 8601 or RFC 2822 date: {value!r}") from err


# --------------------------------------------------------------------------------------------
# Whole-file formats (.txt, .html, .htm)
# --------------------------------------------------------------------------------------------


def _read_document(path: Path, *, suffix: str, max_bytes: int) -> Article | Reject:
    source_path = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _too_large(source_path, size, max_bytes)
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as err:
        return _unreadable(source_path, err)
    if len(data) > max_bytes:  # grew between stat and read
        return _too_large(source_path, len(data), max_bytes)

    sha = hashlib.sha256(data).hexdigest()
    decoded = _decode_checked(data, source_path=source_path, sha=sha, what="file")
    if isinstance(decoded, Reject):
        return decoded
    if suffix == ".txt":
        return _parse_txt(decoded, path=path, sha=sha)
    return _parse_html(decoded, path=path, sha=sha)


def _parse_txt(decoded: str, *, path: Path, sha: str) -> Article | Reject:
    """Seed format if a date header is among the first five non-empty lines, else plain text."""
    source_path = str(path)
    lines = []
    for line in _NON_BLANK_LINE.finditer(decoded):
        lines.append(line)
        if len(lines) == _HEADER_SEARCH_LINES:
            break

    for index, line in enumerate(lines):
        header = _DATE_HEADER.match(line.group())
        if header is None or not any(ch.isdigit() for ch in header.group(1)):
            continue
        token = header.group(1)
        date = _iso_calendar_date(token)
        if date is None:
            return _reject_parse(
                source_path,
                "bad_date",
                f"date header {token!r} is not a valid YYYY-MM-DD date; fix line {index + 1} "
                "(' date YYYY-MM-DD <first paragraph>')",
                sha,
            )
        body_start = _skip_space(decoded, line.start() + header.end())
        text = decoded[body_start:].rstrip()
        if not text:
            return _reject_parse(
                source_path, "empty", "date header but no article body after it", sha
            )
        title = lines[0].group().strip() if index > 0 else None
        return _finish_article(
            source_path=source_path,
            source_id=path.stem,
            text=text,
            content_sha256=sha,
            published_date=date,
            date_source="header",
            title=title,
        )

    # Plain text: optional headline, then the body.
    first = lines[0]  # the caller ensured the text is not blank
    first_line = first.group().strip()
    rest_start = _skip_space(decoded, first.end())
    if rest_start < len(decoded) and _is_headline(first_line, decoded, first.end()):
        return _finish_article(
            source_path=source_path,
            source_id=path.stem,
            text=decoded[rest_start:].rstrip(),
            content_sha256=sha,
            title=first_line,
        )
    start = _skip_space(decoded, 0)
    return _finish_article(
        source_path=source_path,
        source_id=path.stem,
        text=decoded[start:].rstrip(),
        content_sha256=sha,
    )


def _is_headline(line: str, decoded: str, line_end: int) -> bool:
    """Whether the first line of a plain text file reads as its headline.

    At most 200 characters and not ending like a sentence (``.``, after closing quotes and
    brackets). A line ending in ``?``, ``!`` or an ellipsis ("What now for Kelly Holmes?",
    18 of the 2,225 BBC headlines) counts only when it is short and a blank line follows it.
    """
    if len(line) > _HEADLINE_MAX_CHARS:
        return False
    core = line.rstrip(_CLOSERS)
    if core.endswith(("?", "!", "\u2026", "...")):
        return (
            len(line.split()) <= _QUESTION_HEADLINE_MAX_WORDS
            and _BLANK_LINE_AFTER.match(decoded, line_end) is not None
        )
    return not core.endswith(".")


def _drop_title_line(text: str, title: str | None) -> str:
    """Drop the first line of extracted text when it repeats the page title (the ``<h1>``)."""
    first, _, rest = text.partition("\n")
    if title and rest and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest[_skip_space(rest, 0) :]
    return text


def _parse_html(decoded: str, *, path: Path, sha: str) -> Article | Reject:
    """Main text and metadata with trafilatura (Barbaresi 2021), favouring precision."""
    import trafilatura

    source_path = str(path)
    try:
        tree = trafilatura.load_html(decoded)
        body = None
        if tree is not None:
            body = trafilatura.extract(
                tree,
                favor_precision=True,
                include_comments=False,
                include_tables=False,
                include_images=False,
                include_links=False,
                output_format="txt",
            )
    except Exception as err:  # a third-party parser on arbitrary input: report, don't crash
        LOGGER.warning("trafilatura failed on %s: %r", source_path, err)
        return _reject_parse(
            source_path, "no_main_text", f"HTML could not be parsed ({err!r})", sha
        )
    title = url = sitename = None
    published = None
    if tree is not None and body:
        try:
            meta = trafilatura.extract_metadata(
                tree,
                date_config={
                    "original_date": True,
                    "extensive_search": False,
                    "max_date": dt.date.today().isoformat(),
                },
            )
            title, url, sitename = meta.title, meta.url, meta.sitename
            if meta.date:
                published = dt.date.fromisoformat(str(meta.date)[:10])
        except Exception as err:  # metadata is optional: keep the article without it
            LOGGER.warning("trafilatura metadata failed on %s: %r", source_path, err)

    text = _drop_title_line((body or "").strip(), title)
    n_words = len(text.split())
    if n_words < _HTML_MIN_WORDS:
        found = f"only {n_words} word{'' if n_words == 1 else 's'}" if n_words else "no text"
        return _reject_parse(
            source_path,
            "no_main_text",
            f"no article body found in the HTML page ({found}); is it an article page "
            "(not an index, login or script-only page)?",
            sha,
        )

    return _finish_article(
        source_path=source_path,
        source_id=path.stem,
        text=text,
        content_sha256=sha,
        published_date=published,
        date_source="header" if published else "none",
        title=title or None,
        source_name=sitename or None,
        url=url or None,
    )


# --------------------------------------------------------------------------------------------
# JSONL
# --------------------------------------------------------------------------------------------


class _Oversized:
    """A JSONL line over the byte limit, skipped without being held in memory."""

    __slots__ = ("sha", "size")

    def __init__(self, size: int, sha: str) -> None:
        self.size = size
        self.sha = sha


def _read_jsonl(path: Path, *, max_bytes: int) -> Iterator[Article | Reject]:
    source_path = str(path)
    file_hash = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
            problem = _binary_problem(head)
            if problem:
                yield _reject_read(source_path, "binary", _binary_message(problem, "file"))
                return
            fh.seek(0)
            n_records = 0
            lines = _iter_lines(fh, max_bytes=max_bytes, on_chunk=file_hash.update)
            for line_no, raw in enumerate(lines, start=1):
                if isinstance(raw, _Oversized):
                    n_records += 1
                    yield _too_large(source_path, raw.size, max_bytes, line=line_no, sha=raw.sha)
                    continue
                if not raw.strip():
                    continue
                n_records += 1
                yield _parse_jsonl_line(raw, path=path, line_no=line_no)
    except OSError as err:
        yield _unreadable(source_path, err)
        return
    if n_records == 0:
        yield _reject_read(
            source_path,
            "empty",
            "JSONL file has no non-blank lines; nothing to ingest",
            sha=file_hash.hexdigest(),
        )


def _iter_lines(
    fh: IO[bytes], *, max_bytes: int, on_chunk: Callable[[bytes], object]
) -> Iterator[bytes | _Oversized]:
    """Yield each line without its ``\\n``, or ``_Oversized`` for a line over ``max_bytes``."""
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        on_chunk(raw)
        if raw.endswith(b"\n"):
            yield raw[:-1]
        elif len(raw) <= max_bytes:
            yield raw  # last line, no newline
        else:
            line_hash = hashlib.sha256(raw)
            size = len(raw)
            while True:
                chunk = fh.readline(1 << 20)
                if not chunk:
                    break
                on_chunk(chunk)
                if chunk.endswith(b"\n"):
                    line_hash.update(chunk[:-1])
                    size += len(chunk) - 1
                    break
                line_hash.update(chunk)
                size += len(chunk)
            yield _Oversized(size, line_hash.hexdigest())


def _parse_jsonl_line(raw: bytes, *, path: Path, line_no: int) -> Article | Reject:
    source_path = str(path)
    sha = hashlib.sha256(raw).hexdigest()

    def reject(code: str, message: str) -> Reject:
        return _reject_parse(source_path, code, message, sha, line=line_no)

    decoded = _decode_checked(raw, source_path=source_path, sha=sha, what="line", line=line_no)
    if isinstance(decoded, Reject):
        return decoded
    try:
        record = json.loads(decoded)
    except (ValueError, RecursionError) as err:
        detail = (
            f"{err.msg} at column {err.colno}" if isinstance(err, json.JSONDecodeError) else err
        )
        return reject(
            "bad_json", f"line is not valid JSON ({detail}); each line must be one JSON object"
        )
    if not isinstance(record, dict):
        return reject(
            "bad_record",
            f"line holds a JSON {_json_type(record)}, not an object; each line must be one "
            "object with a 'text' field",
        )

    text = record.get("text")
    if not isinstance(text, str):
        got = "no 'text' field" if "text" not in record else f"'text' is {_json_type(text)}"
        return reject("missing_text", f"record has {got}; it needs a 'text' string")
    if not text.strip():
        return reject("empty", "'text' is empty or whitespace only; nothing to ingest")
    if not _encodable(text):
        return reject(
            "undecodable", "'text' holds unpaired surrogate escapes (\\ud800-\\udfff); fix them"
        )

    source_id = f"{path.stem}:{line_no}"
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not (raw_id is None or isinstance(raw_id, str | int)):
        return reject("bad_record", f"'id' must be a string or integer, not {_json_type(raw_id)}")
    if isinstance(raw_id, int) or (isinstance(raw_id, str) and raw_id.strip()):
        source_id = str(raw_id)

    fields: dict[str, str | None] = {}
    for name in _JSONL_FIELDS_STR:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return reject("bad_record", f"'{name}' must be a string, not {_json_type(value)}")
        if isinstance(value, str) and not _encodable(value):
            return reject("bad_record", f"'{name}' holds unpaired surrogate escapes; fix them")
        fields[name] = (value.strip() or None) if isinstance(value, str) else None
    if not _encodable(source_id):
        return reject("bad_record", "'id' holds unpaired surrogate escapes; fix it")

    published = None
    raw_date = record.get("date")
    if raw_date is not None and raw_date != "":
        if not isinstance(raw_date, str):
            return reject(
                "bad_date", f"'date' must be a string like 2025-06-16, not {_json_type(raw_date)}"
            )
        try:
            published = parse_date(raw_date)
        except ValueError:
            return reject(
                "bad_date",
                f"'date' {raw_date[:60]!r} is not an ISO 8601 (2025-06-16, "
                "2025-06-16T09:30:00Z) or RFC 2822 date; fix or remove it",
            )

    return _finish_article(
        source_path=source_path,
        source_id=source_id,
        text=text,
        content_sha256=sha,
        published_date=published,
        date_source="header" if published else "none",
        title=fields["title"],
        source_name=fields["source"],
        url=fields["url"],
        input_line=line_no,
    )


# CSV / TSV
# --------------------------------------------------------------------------------------------

#: Accepted column names (lower case) for each article field, in order of preference.
CSV_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "story", "full_text"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publish_date", "published_date", "pub_date", "published_at",
             "publication_date"),
    "url": ("url", "link"),
    "id": ("id", "article_id", "guid", "stories_id"),
    "source": ("source", "media", "media_name", "outlet", "publisher"),
}


def _read_csv(path: Path, *, max_bytes: int, tab: bool) -> Iterator[Article | Reject]:
    """One Article or Reject per data row; the file's own problems (binary, no header, no text
    column, a field far over the size limit) become one Reject that says from which line on
    the rest was not read. Each line is decoded on its own, as UTF-8 or else as Windows-1252,
    so one legacy row does not garble the others; a row with bytes neither can read is
    rejected alone."""
    source_path = str(path)
    # a field somewhat over the row limit is read and its row rejected as too large; one far
    # over it (memory) stops the file with a bad_record reject
    csv.field_size_limit(4 * max_bytes + 1)
    try:
        with path.open("rb") as fh:
            problem = _binary_problem(fh.read(_SNIFF_BYTES))
    except OSError as err:
        yield _unreadable(source_path, err)
        return
    if problem:
        yield _reject_read(source_path, "binary", _binary_message(problem, "file"))
        return
    done = 0  # start line of the last row read
    n_rows = 0
    rows = _csv_rows(path, tab=tab)
    try:
        header = next(rows, None)
        if header is None or not any(cell.strip() for cell in header[2]):
            yield _reject_read(source_path, "empty",
                               "CSV file has no header row; nothing to ingest")
            return
        names = [cell.strip().lower() for cell in header[2]]
        columns = {field: next((names.index(n) for n in aliases if n in names), None)
                   for field, aliases in CSV_COLUMNS.items()}
        if columns["text"] is None:
            yield _reject_parse(
                source_path, "missing_text",
                f"CSV header has no text column (one of {', '.join(CSV_COLUMNS['text'])}); its "
                f"columns are: {', '.join(repr(n) for n in names[:12])}",
                hashlib.sha256(header[1].encode("utf-8", "surrogateescape")).hexdigest())
            return
        for start, raw, row in rows:
            done = start
            if not any(cell.strip() for cell in row):
                continue
            n_rows += 1
            data = raw.encode("utf-8", "surrogateescape")
            sha = hashlib.sha256(data).hexdigest()
            if len(data) > max_bytes:
                yield _too_large(source_path, len(data), max_bytes, line=start, sha=sha)
            elif not all(_encodable(cell) for cell in row):
                yield _reject_read(source_path, "undecodable",
                                   "row is neither UTF-8 nor clean Windows-1252 text; save the "
                                   "file as UTF-8", sha=sha, line=start)
            else:
                yield _csv_row(row, columns, path=path, line_no=start, sha=sha)
    except csv.Error as err:
        yield Reject(source_path, STAGE_PARSE, "bad_record",
                     f"CSV row after line {done} cannot be parsed ({err}); the rows before it "
                     "were read, the rest was not: check its quoting and size", None, done + 1)
        return
    except OSError as err:
        yield _unreadable(source_path, err)
        return
    if n_rows == 0:
        yield _reject_read(source_path, "empty", "CSV file has a header but no data rows")


def _csv_rows(path: Path, *, tab: bool) -> Iterator[tuple[int, str, list[str]]]:
    """``(start line, raw text, cells)`` of every row, the header first."""
    consumed: list[str] = []
    with path.open("rb") as fh:

        def lines() -> Iterator[str]:
            for n, line in enumerate(fh):
                if n == 0 and line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]  # the byte-order mark
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError:
                    text = line.decode("cp1252", "surrogateescape")
                consumed.append(text)
                yield text

        line_no = 1
        for row in csv.reader(lines(), dialect=csv.excel_tab if tab else csv.excel):
            raw = "".join(consumed)
            consumed.clear()
            yield line_no, raw, row
            line_no += raw.count("\n") or 1


def _csv_row(row: Sequence[str], columns: Mapping[str, int | None], *, path: Path,
             line_no: int, sha: str) -> Article | Reject:
    source_path = str(path)

    def cell(field: str) -> str | None:
        index = columns[field]
        return row[index] if index is not None and index < len(row) else None

    def reject(code: str, message: str) -> Reject:
        return _reject_parse(source_path, code, message, sha, line=line_no)

    text = cell("text")
    if text is None or not text.strip():
        return reject("empty", "the text column of this row is empty; nothing to ingest")
    published = None
    raw_date = (cell("date") or "").strip()
    if raw_date:
        try:
            published = parse_date(raw_date)
        except ValueError:
            return reject(
                "bad_date",
                f"date {raw_date[:60]!r} is not an ISO 8601 (2025-06-16, 2025-06-16T09:30:00Z) "
                "or RFC 2822 date; fix or remove it",
            )
    raw_id = (cell("id") or "").strip()
    return _finish_article(
        source_path=source_path,
        source_id=raw_id or f"{path.stem}:{line_no}",
        text=text,
        content_sha256=sha,
        published_date=published,
        date_source="header" if published else "none",
        title=(cell("title") or "").strip() or None,
        source_name=(cell("source") or "").strip() or None,
        url=(cell("url") or "").strip() or None,
        input_line=line_no,
    )


# --------------------------------------------------------------------------------------------
# Shared checks
# --------------------------------------------------------------------------------------------


def _finish_article(
    *,
    source_path: str,
    source_id: str,
    text: str,
    content_sha256: str,
    published_date: dt.date | None = None,
    date_source: str = "none",
    title: str | None = None,
    source_name: str | None = None,
    url: str | None = None,
    input_line: int | None = None,
) -> Article | Reject:
    """Language check, paragraph offsets, then the Article."""
    n_words = len(text.split())
    if n_words >= _LANGID_MIN_WORDS and not plainly_english(text):
        lang, prob = detect_language(text)
        if lang != "en" and prob >= _LANGID_MIN_PROB:
            return _reject_parse(
                source_path,
                "non_english",
                f"text is identified as '{lang}' (probability {prob:.2f}), not English; only "
                "English articles are processed",
                content_sha256,
                line=input_line,
            )
    return Article(
        source_path=source_path,
        source_id=source_id,
        text=text,
        content_sha256=content_sha256,
        published_date=published_date,
        date_source=date_source,
        title=title,
        source_name=source_name,
        url=url,
        input_line=input_line,
        paragraphs=paragraph_spans(text),
    )


def _decode_checked(
    data: bytes, *, source_path: str, sha: str, what: str, line: int | None = None
) -> str | Reject:
    """Empty, binary and decoding checks; the decoded text or a Reject (stage ``read``)."""
    if not data.strip():
        detail = "is empty (0 bytes)" if not data else "holds only whitespace"
        return _reject_read(
            source_path, "empty", f"{what} {detail}; nothing to ingest", sha=sha, line=line
        )
    problem = _binary_problem(data)
    if problem:
        return _reject_read(
            source_path, "binary", _binary_message(problem, what), sha=sha, line=line
        )
    decoded = _decode(data)
    if isinstance(decoded, UnicodeDecodeError):
        bad = data[decoded.start : decoded.start + 1].hex().upper()
        return _reject_read(
            source_path,
            "undecodable",
            f"{what} is neither valid UTF-8 (byte 0x{bad} at offset {decoded.start}) nor clean "
            "Windows-1252 text; re-save it as UTF-8",
            sha=sha,
            line=line,
        )
    if not decoded.strip():
        return _reject_read(
            source_path,
            "empty",
            f"{what} holds only whitespace; nothing to ingest",
            sha=sha,
            line=line,
        )
    return decoded


def _decode(data: bytes) -> str | UnicodeDecodeError:
    """UTF-8 (BOM stripped), else Windows-1252 if that yields no control characters.

    The fallback reads legacy Latin-1/cp1252 files (BBC ``sport/199.txt`` has a 0xA3 pound sign).
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        utf8_error = err
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return utf8_error
    if _BAD_CONTROL_CHARS.search(text):
        return utf8_error
    return text


def _binary_problem(data: bytes) -> str | None:
    """Why ``data`` looks binary: NUL bytes, or over 5% control bytes in the first 8 KiB."""
    if b"\x00" in data:
        return "contains NUL bytes"
    head = data[:_SNIFF_BYTES]
    n_control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and n_control > _MAX_CONTROL_SHARE * len(head):
        return f"{n_control / len(head):.0%} of its first bytes are control characters"
    return None


def _binary_message(problem: str, what: str) -> str:
    return f"{what} looks binary ({problem}); only text files are read. Is it the right file?"


@functools.cache
def _language_identifier() -> Any:
    """The py3langid identifier with normalised probabilities, loaded once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _iso_calendar_date(token: str) -> dt.date | None:
    if not _ISO_DATE.fullmatch(token):
        return None
    try:
        return dt.date.fromisoformat(token)
    except ValueError:
        return None


def _skip_space(text: str, pos: int) -> int:
    """Index of the first non-whitespace character at or after ``pos`` (or ``len(text)``)."""
    match = _NON_SPACE.search(text, pos)
    return match.start() if match else len(text)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return "object"


def _human_size(n_bytes: int) -> str:
    if n_bytes >= 1_000_000:
        return f"{n_bytes / 1_000_000:.1f} MB"
    if n_bytes >= 1_000:
        return f"{n_bytes / 1_000:.1f} KB"
    return f"{n_bytes} bytes"


def _too_large(
    source_path: str, size: int, max_bytes: int, *, line: int | None = None, sha: str | None = None
) -> Reject:
    what = "line" if line is not None else "file"
    return _reject_read(
        source_path,
        "too_large",
        f"{what} is {_human_size(size)}, over the {_human_size(max_bytes)} limit (--max-bytes); "
        "split it or raise the limit",
        sha=sha,
        line=line,
    )


def _unreadable(source_path: str, err: OSError) -> Reject:
    return _reject_read(
        source_path,
        "unreadable",
        f"could not read the file ({err.strerror or err}); check that it exists and is readable",
    )


def _not_found(path: Path) -> Reject:
    return Reject(
        source_path=str(path),
        stage=STAGE_DISCOVER,
        reason_code="not_found",
        message="path does not exist; check the spelling, or that its folder is mounted",
    )


def _not_a_file(path: Path) -> Reject:
    return Reject(
        source_path=str(path),
        stage=STAGE_DISCOVER,
        reason_code="unreadable",
        message="not a regular file or folder (device, socket or pipe); leave it out",
    )


def _reject_read(
    source_path: str, code: str, message: str, *, sha: str | None = None, line: int | None = None
) -> Reject:
    return Reject(source_path, STAGE_READ, code, message, sha, line)


def _reject_parse(
    source_path: str, code: str, message: str, sha: str, *, line: int | None = None
) -> Reject:
    return Reject(source_path, STAGE_PARSE, code, message, sha, line)
