"""Tests of the input layer: one table of inputs per format, one case per reject reason.

Every fixture is written here into ``tmp_path``; the real seed article and the BBC corpus are
read from ``../shared`` and skipped when it is absent (their text is never copied here).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from pathlib import Path

import pytest

from pipeline.ingest import (
    DEFAULT_MAX_BYTES,
    REASON_CODES,
    SUPPORTED_SUFFIXES,
    detect_language,
    discover_inputs,
    paragraph_spans,
    parse_date,
    plainly_english,
    read_inputs,
    text_sha256,
)
from pipeline.records import Article, Reject

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_ARTICLE = SHARED / "seeds" / "000_0af683957b2f2523.txt"
BBC_RAW = SHARED / "corpora" / "bbc_news" / "raw" / "bbc"

# Invented English news text (no third-party text), long enough for language identification.
P1 = (
    "The city council approved a new budget on Monday after a long debate about school funding "
    "and road repairs."
)
P2 = '"We listened to every neighbourhood," Mayor Ana Ruiz told reporters outside city hall.'
P3 = "Opposition members said the plan would raise local taxes by three percent next year."
BODY = f"{P1}\n{P2}\n{P3}"

FRENCH = (
    "Le gouvernement a annoncé mardi une série de mesures destinées à soutenir les agriculteurs "
    "touchés par la sécheresse. Selon le ministre de l'Agriculture, les aides seront versées "
    "avant la fin du mois et concerneront plusieurs milliers d'exploitations dans le sud du pays, "
    "où la situation reste très préoccupante."
)
GERMAN = (
    "Die Regierung hat am Dienstag neue Maßnahmen zur Unterstützung der Landwirte angekündigt, "
    "die unter der anhaltenden Trockenheit leiden. Nach Angaben des Ministers sollen die Hilfen "
    "noch vor Ende des Monats ausgezahlt werden und mehrere tausend Betriebe im Süden des Landes "
    "erreichen, wo die Lage weiterhin ernst ist."
)
# English that is nearly all foreign names: py3langid's top guess is not 'en', but it is unsure.
NAMES_HEAVY = (
    "Foreign Minister Sergei Lavrov met Marco Rubio, Wang Yi, Subrahmanyam Jaishankar, "
    "Recep Tayyip Erdogan, Hakan Fidan, Ursula von der Leyen, Kaja Kallas, Olaf Scholz, "
    "Emmanuel Macron and Giorgia Meloni in Riyadh on Tuesday, officials in Moscow said."
)

HTML_ARTICLE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Council approves budget | Riverside Gazette</title>
<meta property="og:title" content="Council approves budget">
<meta property="og:site_name" content="Riverside Gazette">
<meta property="og:url" content="https://gazette.example.org/news/budget">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council approves budget</h1>
<p>{P1}</p>
<p>{P2.replace('"', "&quot;")}</p>
<p>{P3}</p>
</article>
<footer>Copyright 2024 Riverside Gazette. All rights reserved.</footer>
</body></html>
"""
HTML_NO_BODY = (
    "<html><head><title>Sign in</title></head><body><script>var x = 1;</script>"
    '<nav><a href="/">Home</a></nav></body></html>'
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def read_all(path: Path, **kwargs: int) -> list[Article | Reject]:
    return list(read_inputs(path, **kwargs))


def read_one(path: Path, **kwargs: int) -> Article | Reject:
    items = read_all(path, **kwargs)
    assert len(items) == 1, items
    return items[0]


def jsonl(*records: object) -> str:
    return "".join(
        (rec if isinstance(rec, str) else json.dumps(rec, ensure_ascii=False)) + "\n"
        for rec in records
    )


def assert_paragraphs_are_lines(article: Article) -> None:
    """Paragraph offsets map one to one onto the non-blank lines of the text, trimmed."""
    expected = [line.strip() for line in article.text.split("\n") if line.strip()]
    got = [article.text[start:end] for start, end in article.paragraphs]
    assert got == expected
    for start, end in article.paragraphs:
        assert article.text[start:end] == article.text[start:end].strip()


# ---------------------------------------------------------------------------------------------
# Accepted inputs, per format
# ---------------------------------------------------------------------------------------------

TXT_CASES = [
    pytest.param(
        f" date 2025-06-16 {BODY}\n",
        {"text": BODY, "published_date": dt.date(2025, 6, 16), "date_source": "header"},
        id="seed-header-first-line",
    ),
    pytest.param(
        f"Council approves budget\nAFP | Riverside\nEmail : desk@example.org\n"
        f" date 2024-03-05 {BODY}\n\n",
        {"text": BODY, "title": "Council approves budget", "published_date": dt.date(2024, 3, 5)},
        id="seed-title-and-boilerplate-before-header",
    ),
    pytest.param(
        f"date 2024-02-29 {P1}\n\n{P2}\r\n{P3}   \n",
        {"text": f"{P1}\n\n{P2}\r\n{P3}", "published_date": dt.date(2024, 2, 29)},
        id="seed-no-leading-space-blank-lines-crlf",
    ),
    pytest.param(
        f" date 2024-03-05\n{BODY}",
        {"text": BODY, "published_date": dt.date(2024, 3, 5), "title": None},
        id="seed-header-alone-on-its-line",
    ),
    pytest.param(
        f"Council approves budget\n\n{P1}\n\n{P2}\n\n{P3}\n",
        {
            "text": f"{P1}\n\n{P2}\n\n{P3}",
            "title": "Council approves budget",
            "published_date": None,
            "date_source": "none",
        },
        id="plain-headline-blank-line-body",
    ),
    pytest.param(
        f"Council approves budget\n{BODY}",
        {"text": BODY, "title": "Council approves budget"},
        id="plain-headline-no-blank-line",
    ),
    pytest.param(
        f"Will the budget lift spirits?\n\n{BODY}",
        {"text": BODY, "title": "Will the budget lift spirits?"},
        id="plain-question-headline-before-blank-line",
    ),
    pytest.param(
        f"Will the budget lift spirits?\n{BODY}",
        {"text": f"Will the budget lift spirits?\n{BODY}", "title": None},
        id="plain-question-line-without-blank-line-is-body",
    ),
    pytest.param(
        f"\n\n  {BODY}  \n\n",
        {"text": BODY, "title": None},
        id="plain-first-line-is-a-sentence",
    ),
    pytest.param(
        f"{'Council ' * 30}budget\n\n{BODY}",
        {"text": f"{'Council ' * 30}budget\n\n{BODY}", "title": None},
        id="plain-first-line-too-long-for-a-headline",
    ),
    pytest.param(
        "Council approves budget\n",
        {"text": "Council approves budget", "title": None},
        id="plain-single-line-is-text-not-title",
    ),
    pytest.param(
        f"date night ideas for the weekend\n\n{BODY}",
        {"text": BODY, "title": "date night ideas for the weekend", "date_source": "none"},
        id="plain-date-word-without-digits-is-not-a-header",
    ),
]


@pytest.mark.parametrize(("content", "expected"), TXT_CASES)
def test_txt_formats(tmp_path: Path, content: str, expected: dict[str, object]) -> None:
    path = write(tmp_path, "story-1.txt", content)
    article = read_one(path)
    assert isinstance(article, Article), article
    for name, value in expected.items():
        assert getattr(article, name) == value, name
    assert article.source_id == "story-1"
    assert article.source_path == str(path)
    assert article.input_line is None
    assert article.content_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert article.text in path.read_bytes().decode("utf-8")  # exact, no inner edits
    assert article.text == article.text.rstrip()
    assert_paragraphs_are_lines(article)


def test_seed_text_is_body_exactly_from_after_the_date(tmp_path: Path) -> None:
    raw = f" date 2025-06-16 {P1}\n{P2}\n\n  {P3}\t\n\n"
    article = read_one(write(tmp_path, "a.txt", raw))
    assert isinstance(article, Article)
    assert article.text == raw[len(" date 2025-06-16 ") :].rstrip()
    assert [article.text[s:e] for s, e in article.paragraphs] == [P1, P2, P3]


def test_latin1_pound_sign_is_read_not_rejected(tmp_path: Path) -> None:
    raw = f"Chelsea sign striker\n\n{P1} The fee was \u00a315.8m, the club said.\n".encode(
        "latin-1"
    )
    assert b"\xa3" in raw
    article = read_one(write(tmp_path, "latin1.txt", raw))
    assert isinstance(article, Article), article
    assert "\u00a315.8m" in article.text
    assert article.content_sha256 == hashlib.sha256(raw).hexdigest()


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + f" date 2025-01-02 {BODY}".encode()
    article = read_one(write(tmp_path, "bom.txt", raw))
    assert isinstance(article, Article)
    assert article.published_date == dt.date(2025, 1, 2)
    assert article.text == BODY


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    assert isinstance(read_one(write(tmp_path, "UPPER.TXT", BODY)), Article)
    assert isinstance(read_one(write(tmp_path, "page.HTM", HTML_ARTICLE)), Article)
    assert {s.lower() for s in SUPPORTED_SUFFIXES} == {
        ".txt", ".jsonl", ".html", ".htm", ".csv", ".tsv"}


def test_jsonl_records(tmp_path: Path) -> None:
    content = jsonl(
        {
            "id": "a-1",
            "text": BODY,
            "date": "2024-03-05",
            "title": " Budget ",
            "url": "https://x.org/1",
            "source": "Riverside Gazette",
        },
        "",
        {"id": 42, "text": f"  \n{P1}\n\n{P2}  \n", "date": "2024-03-05T23:30:00-05:00"},
        "   ",
        {"text": P3, "date": "Tue, 05 Mar 2024 08:00:00 +0000", "lang": "en", "extra": {"x": [1]}},
        {"text": P1, "date": None, "title": None},
    )
    path = write(tmp_path, "feed.jsonl", content)
    items = read_all(path)
    assert all(isinstance(item, Article) for item in items), items
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.input_line for a in articles] == [1, 3, 5, 6]
    assert [a.source_id for a in articles] == ["a-1", "42", "feed:5", "feed:6"]
    first, second = articles[:2]
    assert first.text == BODY
    assert (first.title, first.url, first.source_name) == (
        "Budget",
        "https://x.org/1",
        "Riverside Gazette",
    )
    assert second.text == f"  \n{P1}\n\n{P2}  \n"  # unchanged, not even stripped
    assert [second.text[s:e] for s, e in second.paragraphs] == [P1, P2]
    assert [a.published_date for a in articles] == [
        dt.date(2024, 3, 5),
        dt.date(2024, 3, 5),  # the datetime's own calendar date, not converted to UTC
        dt.date(2024, 3, 5),
        None,
    ]
    assert [a.date_source for a in articles] == ["header", "header", "header", "none"]
    raw_lines = path.read_bytes().split(b"\n")
    for article in articles:
        assert article.input_line is not None
        line_bytes = raw_lines[article.input_line - 1]
        assert article.content_sha256 == hashlib.sha256(line_bytes).hexdigest()
        assert article.input_key == f"{path}#L{article.input_line}"
        assert_paragraphs_are_lines(article)


def csv_quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def test_csv_rows(tmp_path: Path) -> None:
    # column names by alias, in any case and order; quoted fields span lines and hold quotes
    two_paragraphs = f"{P1}\n\n{P2}"
    content = (
        "GUID,Headline,Published,Body,Link,Media,extra\r\n"
        f"a-1,Budget passes,2024-03-05,{csv_quote(BODY)},https://x.org/1,Riverside Gazette,x\r\n"
        "\r\n"
        f",,\"Tue, 05 Mar 2024 08:00:00 +0000\",{csv_quote(two_paragraphs)},,,\r\n"
        f",  ,,{P3}\r\n"
    )
    path = write(tmp_path, "export.csv", "\ufeff" + content)  # with a byte-order mark
    items = read_all(path)
    assert all(isinstance(item, Article) for item in items), items
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.text for a in articles] == [BODY, two_paragraphs, P3]
    assert [a.input_line for a in articles] == [2, 6, 9]  # the line each row starts on
    assert [a.source_id for a in articles] == ["a-1", "export:6", "export:9"]
    assert (articles[0].title, articles[0].url, articles[0].source_name) == (
        "Budget passes", "https://x.org/1", "Riverside Gazette")
    assert articles[2].title is None  # a blank cell is no title
    assert [a.published_date for a in articles] == [dt.date(2024, 3, 5)] * 2 + [None]
    assert [second.text[s:e] for second in articles[1:2] for s, e in second.paragraphs] == [P1, P2]
    first_row = path.read_bytes().decode("utf-8-sig").split("\r\n")[1] + "\r\n"
    assert first_row.startswith("a-1,") and first_row.count("\n") == 3  # the row's own bytes
    assert articles[0].content_sha256 == hashlib.sha256(first_row.encode()).hexdigest()
    assert articles[0].input_key == f"{path}#L2"


def test_tsv_and_windows_1252(tmp_path: Path) -> None:
    tsv = write(tmp_path, "feed.tsv", f"text\ttitle\n{P1}\tCouncil\n")
    assert [(a.text, a.title) for a in read_all(tsv) if isinstance(a, Article)] == [
        (P1, "Council")]
    # a file saved as Windows-1252 ('é' is one byte, 0xE9): read as such, rows not lost
    rows = f"text,title\n{csv_quote(P1)},Caf\u00e9 reopens\n{csv_quote(P3)},Tax\n"
    cp = write(tmp_path, "legacy.csv", rows.encode("cp1252"))
    got = [(a.text, a.title) for a in read_all(cp) if isinstance(a, Article)]
    assert got == [(P1, "Caf\u00e9 reopens"), (P3, "Tax")]


def test_csv_long_field_and_row_limit(tmp_path: Path) -> None:
    long_text = " ".join([P1] * 2_000)  # about 220 kB, over the csv module's default field limit
    path = write(tmp_path, "long.csv", f"text\n{csv_quote(long_text)}\n{csv_quote(P3)}\n")
    assert [a.text for a in read_all(path) if isinstance(a, Article)] == [long_text, P3]
    items = read_all(path, max_bytes=100_000)
    assert isinstance(items[0], Reject) and items[0].reason_code == "too_large"
    assert items[0].input_line == 2
    assert isinstance(items[1], Article) and items[1].text == P3


def test_csv_stops_cleanly(tmp_path: Path) -> None:
    # a field far over the row limit: the rows before it are kept, the rest is one reject
    huge = "x" * 5_000
    path = write(tmp_path, "x.csv", f"text\n{csv_quote(P1)}\n{csv_quote(huge)}\n{P3}\n")
    items = read_all(path, max_bytes=1_000)
    assert isinstance(items[0], Article) and items[0].text == P1
    assert [getattr(i, "reason_code", None) for i in items[1:]] == ["bad_record"]
    assert items[1].input_line == 3 and "the rest was not" in items[1].message
    # bytes that are neither UTF-8 nor Windows-1252 (0x81 is unassigned in both)
    bad = write(tmp_path, "y.csv", f"text\n{P1}\n".encode() + b"caf\x81\n")
    got = read_all(bad)
    assert isinstance(got[0], Article) and got[0].text == P1
    assert [getattr(i, "reason_code", None) for i in got[1:]] == ["undecodable"]


@pytest.mark.parametrize(
    ("content", "codes", "needle"),
    [
        pytest.param("title,date\nA,2024-01-01\n", ["missing_text"], "no text column",
                     id="no-text-column"),
        pytest.param("text\n", ["empty"], "no data rows", id="header-only"),
        pytest.param("", ["empty"], "no header row", id="empty-file"),
        pytest.param(f"text,date\n{csv_quote(P1)},2024-13-45\n", ["bad_date"], "2024-13-45",
                     id="bad-date"),
        pytest.param(f"text,title\n ,A\n{csv_quote(P3)},B\n", ["empty", None], "empty",
                     id="empty-text-cell"),
    ],
)
def test_csv_rejects(tmp_path: Path, content: str, codes: list[str | None], needle: str) -> None:
    items = read_all(write(tmp_path, "x.csv", content))
    assert [getattr(i, "reason_code", None) for i in items] == codes
    assert needle in items[0].message  # type: ignore[union-attr]


def test_jsonl_crlf_and_last_line_without_newline(tmp_path: Path) -> None:
    raw = (json.dumps({"text": P1}) + "\r\n" + json.dumps({"text": P2})).encode()
    items = read_all(write(tmp_path, "crlf.jsonl", raw))
    assert [a.text for a in items if isinstance(a, Article)] == [P1, P2]


def test_html_article(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "budget.html", HTML_ARTICLE))
    assert isinstance(article, Article), article
    assert article.text == BODY  # the <h1> repeating the title is not part of the body
    assert article.title == "Council approves budget"
    assert article.source_name == "Riverside Gazette"
    assert article.url == "https://gazette.example.org/news/budget"
    assert article.published_date == dt.date(2024, 3, 5)
    assert article.date_source == "header"
    assert article.source_id == "budget"
    assert_paragraphs_are_lines(article)


def test_names_heavy_english_is_not_rejected(tmp_path: Path) -> None:
    lang, prob = detect_language(NAMES_HEAVY)
    assert len(NAMES_HEAVY.split()) >= 20
    assert lang == "en" or prob < 0.9
    assert isinstance(read_one(write(tmp_path, "names.txt", NAMES_HEAVY)), Article)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(BODY, True, id="english-news"),
        pytest.param(FRENCH, False, id="french"),
        pytest.param(GERMAN, False, id="german"),
        pytest.param(NAMES_HEAVY, False, id="english-names-go-to-langid"),
        pytest.param("The end of the talks and the start of the vote.", False, id="too-short"),
    ],
)
def test_plainly_english_skips_language_identification_only_for_english(
    text: str, expected: bool
) -> None:
    assert plainly_english(text) is expected


def test_plainly_english_agrees_with_langid_on_bbc() -> None:
    """Every BBC article that takes the shortcut is one py3langid would accept too."""
    if not BBC_RAW.is_dir():
        pytest.skip(f"{BBC_RAW} is absent (../shared not beside the repo)")
    texts = [p.read_text(errors="replace") for p in sorted(BBC_RAW.rglob("*.txt"))[::10]]
    fast = [t for t in texts if plainly_english(t)]
    assert len(fast) > 0.8 * len(texts)
    for text in fast:
        lang, prob = detect_language(text)
        assert lang == "en" or prob < 0.9


def test_short_foreign_text_is_accepted(tmp_path: Path) -> None:
    short = "Le gouvernement a annoncé mardi de nouvelles mesures."
    assert isinstance(read_one(write(tmp_path, "court.txt", short)), Article)


# ---------------------------------------------------------------------------------------------
# Rejects: one or more cases per reason code
# ---------------------------------------------------------------------------------------------

RANDOM_BYTES = random.Random(7).randbytes(4096)

REJECT_CASES = [
    pytest.param("notes.pdf", BODY, {}, "read", "unsupported_format", "supported", id="pdf"),
    pytest.param("README", BODY, {}, "read", "unsupported_format", "suffix-less", id="no-suffix"),
    pytest.param(
        "big.txt",
        "x" * 2_000,
        {"max_bytes": 1_000},
        "read",
        "too_large",
        "limit",
        id="too-large-file",
    ),
    pytest.param("zero.txt", b"", {}, "read", "empty", "0 bytes", id="empty-file"),
    pytest.param("blank.txt", " \n\t\r\n  ", {}, "read", "empty", "whitespace", id="blank-file"),
    pytest.param("bom.txt", b"\xef\xbb\xbf\n", {}, "read", "empty", "whitespace", id="bom-only"),
    pytest.param("noise.txt", RANDOM_BYTES, {}, "read", "binary", "binary", id="random-bytes"),
    pytest.param(
        "ctl.txt",
        b"\x1b[0m\x07\x08" * 20 + BODY.encode(),
        {},
        "read",
        "binary",
        "control",
        id="control-chars",
    ),
    pytest.param(
        "bad.txt",
        P1.encode() + b" \xc3\x28 \x81 " + P2.encode(),
        {},
        "read",
        "undecodable",
        "UTF-8",
        id="invalid-utf8-and-cp1252",
    ),
    pytest.param(
        "esc.txt",
        P1.encode() + b"\xe9\x1b" + P2.encode(),
        {},
        "read",
        "undecodable",
        "UTF-8",
        id="latin1-with-control-char",
    ),
    pytest.param(
        "d.txt",
        f" date 2025-02-30 {BODY}",
        {},
        "parse",
        "bad_date",
        "2025-02-30",
        id="seed-impossible-date",
    ),
    pytest.param(
        "d.txt",
        f" date 16/06/2025 {BODY}",
        {},
        "parse",
        "bad_date",
        "YYYY-MM-DD",
        id="seed-non-iso-date",
    ),
    pytest.param(
        "d.txt",
        "Title\n date 2025-06-16 \n\n",
        {},
        "parse",
        "empty",
        "no article body",
        id="seed-header-without-body",
    ),
    pytest.param("fr.txt", FRENCH, {}, "parse", "non_english", "'fr'", id="french"),
    pytest.param(
        "de.txt", f" date 2024-01-01 {GERMAN}", {}, "parse", "non_english", "'de'", id="german-seed"
    ),
    pytest.param(
        "login.html",
        HTML_NO_BODY,
        {},
        "parse",
        "no_main_text",
        "article page",
        id="html-without-body",
    ),
    pytest.param(
        "blank.html",
        "<html><body></body></html>",
        {},
        "parse",
        "no_main_text",
        "no text",
        id="html-empty-body",
    ),
    pytest.param(
        "fr.html",
        HTML_ARTICLE.replace(BODY.split("\n")[0], FRENCH),
        {},
        "parse",
        "non_english",
        "'fr'",
        id="html-french",
    ),
    pytest.param("empty.jsonl", b"", {}, "read", "empty", "no non-blank lines", id="jsonl-empty"),
    pytest.param(
        "blank.jsonl", "\n  \n\n", {}, "read", "empty", "no non-blank lines", id="jsonl-blank-lines"
    ),
    pytest.param("bin.jsonl", RANDOM_BYTES, {}, "read", "binary", "binary", id="jsonl-binary"),
    pytest.param(
        "x.jsonl",
        '{"text": "unterminated\n',
        {},
        "parse",
        "bad_json",
        "not valid JSON",
        id="jsonl-bad-json",
    ),
    pytest.param("x.jsonl", jsonl([BODY]), {}, "parse", "bad_record", "list", id="jsonl-list"),
    pytest.param(
        "x.jsonl",
        jsonl({"text": BODY, "title": 3}),
        {},
        "parse",
        "bad_record",
        "'title'",
        id="jsonl-title-not-string",
    ),
    pytest.param(
        "x.jsonl",
        jsonl({"text": BODY, "id": True}),
        {},
        "parse",
        "bad_record",
        "'id'",
        id="jsonl-id-boolean",
    ),
    pytest.param(
        "x.jsonl",
        jsonl({"body": BODY}),
        {},
        "parse",
        "missing_text",
        "no 'text'",
        id="jsonl-no-text",
    ),
    pytest.param(
        "x.jsonl",
        jsonl({"text": 12}),
        {},
        "parse",
        "missing_text",
        "number",
        id="jsonl-text-not-string",
    ),
    pytest.param(
        "x.jsonl", jsonl({"text": " \n "}), {}, "parse", "empty", "'text'", id="jsonl-blank-text"
    ),
    pytest.param(
        "x.jsonl",
        jsonl({"text": BODY, "date": "last Tuesday"}),
        {},
        "parse",
        "bad_date",
        "last Tuesday",
        id="jsonl-unparseable-date",
    ),
    pytest.param(
        "x.jsonl",
        jsonl({"text": BODY, "date": 20240305}),
        {},
        "parse",
        "bad_date",
        "number",
        id="jsonl-date-not-string",
    ),
    pytest.param(
        "x.jsonl", jsonl({"text": GERMAN}), {}, "parse", "non_english", "'de'", id="jsonl-german"
    ),
    pytest.param(
        "x.jsonl",
        '{"text": "a \\ud800 b"}\n',
        {},
        "parse",
        "undecodable",
        "surrogate",
        id="jsonl-lone-surrogate",
    ),
    pytest.param(
        "x.jsonl",
        jsonl({"text": "y" * 500}),
        {"max_bytes": 100},
        "read",
        "too_large",
        "line is",
        id="jsonl-line-too-large",
    ),
    pytest.param(
        "x.jsonl",
        b'{"text": "\xc3\x28\x81"}\n',
        {},
        "read",
        "undecodable",
        "0xC3",
        id="jsonl-invalid-bytes",
    ),
]


@pytest.mark.parametrize(("name", "content", "kwargs", "stage", "code", "in_message"), REJECT_CASES)
def test_rejects(
    tmp_path: Path,
    name: str,
    content: str | bytes,
    kwargs: dict[str, int],
    stage: str,
    code: str,
    in_message: str,
) -> None:
    path = write(tmp_path, name, content)
    reject = read_one(path, **kwargs)
    assert isinstance(reject, Reject), reject
    assert (reject.stage, reject.reason_code) == (stage, code), reject.message
    assert in_message in reject.message
    assert reject.reason_code in REASON_CODES
    assert reject.source_path == str(path)
    data = path.read_bytes()
    if reject.input_line is not None:  # one JSONL line: its bytes are hashed
        assert path.suffix == ".jsonl"
        line = data.split(b"\n")[reject.input_line - 1]
        assert reject.content_sha256 == hashlib.sha256(line).hexdigest()
    elif code in {"unsupported_format", "too_large"} or (path.suffix, code) == (".jsonl", "binary"):
        assert reject.content_sha256 is None  # nothing read, or only a JSONL file's first bytes
    else:
        assert reject.content_sha256 == hashlib.sha256(data).hexdigest()


def test_too_large_message_names_sizes_and_option(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"a" * 10)
    path.write_bytes(b"word " * 1_440_000)  # 7.2 MB
    reject = read_one(path)
    assert isinstance(reject, Reject)
    assert reject.message.startswith("file is 7.2 MB, over the 5.0 MB limit (--max-bytes)")
    assert reject.content_sha256 is None  # decided from stat, nothing read


def test_unreadable_file(tmp_path: Path) -> None:
    folder = tmp_path / "looks-like-a.txt"
    folder.mkdir()
    reject = read_one(folder)
    assert isinstance(reject, Reject)
    assert (reject.stage, reject.reason_code) == ("read", "unreadable")


def test_jsonl_bad_line_does_not_lose_the_others(tmp_path: Path) -> None:
    path = write(tmp_path, "mixed.jsonl", jsonl({"text": P1}, "{oops", {"text": P2}, [1]))
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Article", "Reject", "Article", "Reject"]
    assert [i.input_line for i in items] == [1, 2, 3, 4]
    codes = [getattr(i, "reason_code", None) for i in items]
    assert codes == [None, "bad_json", None, "bad_record"]


def test_jsonl_oversized_line_is_skipped_and_reading_continues(tmp_path: Path) -> None:
    big = json.dumps({"text": "z" * 300})
    path = write(tmp_path, "big.jsonl", jsonl(big, {"text": P1}))
    items = read_all(path, max_bytes=200)
    assert [getattr(i, "reason_code", "article") for i in items] == ["too_large", "article"]
    assert items[0].content_sha256 == hashlib.sha256(big.encode()).hexdigest()
    assert items[1].input_line == 2


def test_every_reason_code_is_documented_and_tested(tmp_path: Path) -> None:
    tested = {case.values[4] for case in REJECT_CASES} | {"not_found", "unreadable", "duplicate"}
    assert tested == set(REASON_CODES)
    assert all(isinstance(v, str) and v for v in REASON_CODES.values())
    assert DEFAULT_MAX_BYTES == 5_000_000


# ---------------------------------------------------------------------------------------------
# discover_inputs and drop_duplicates
# ---------------------------------------------------------------------------------------------


def test_discover_inputs(tmp_path: Path) -> None:
    a = write(tmp_path, "in/b/2.txt", BODY)
    b = write(tmp_path, "in/a/1.JSONL", jsonl({"text": BODY}))
    c = write(tmp_path, "in/notes.md", "# notes")
    write(tmp_path, "in/.hidden.txt", BODY)
    write(tmp_path, "in/.git/objects/x.txt", BODY)
    single = write(tmp_path, "other/x.html", HTML_ARTICLE)
    hidden_explicit = write(tmp_path, "other/.explicit.txt", BODY)
    missing = tmp_path / "nope"

    files, rejects = discover_inputs(
        [
            tmp_path / "in",
            str(single),
            missing,
            a,
            tmp_path / "in" / "b" / ".." / "b",
            hidden_explicit,
        ]
    )
    expected = sorted(p.resolve() for p in (a, b, c, single, hidden_explicit))
    assert files == sorted(expected, key=str)
    assert [(r.source_path, r.stage, r.reason_code) for r in rejects] == [
        (str(missing), "discover", "not_found")
    ]
    # the unsupported file is returned, and becomes a reject when read
    unsupported = read_one(c.resolve())
    assert isinstance(unsupported, Reject) and unsupported.reason_code == "unsupported_format"


def test_discover_inputs_empty_and_order_independent(tmp_path: Path) -> None:
    x = write(tmp_path, "x.txt", BODY)
    y = write(tmp_path, "y.txt", BODY)
    assert discover_inputs([]) == ([], [])
    assert discover_inputs([y, x])[0] == discover_inputs([x, y, x])[0]


def test_text_sha256() -> None:
    assert text_sha256("abc") == hashlib.sha256(b"abc").hexdigest()
    assert text_sha256("\u00a3") == hashlib.sha256("\u00a3".encode()).hexdigest()


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one", [(0, 3)]),
        ("  one  \n\n two\r\nthree \n \t\n", [(2, 5), (10, 13), (15, 20)]),
        ("\n\n", []),
        ("", []),
        ("a\rb", [(0, 1), (2, 3)]),
    ],
)
def test_paragraph_spans(text: str, expected: list[tuple[int, int]]) -> None:
    assert list(paragraph_spans(text)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-16", dt.date(2025, 6, 16)),
        (" 2025-06-16 ", dt.date(2025, 6, 16)),
        ("2025-06-16T09:30:00Z", dt.date(2025, 6, 16)),
        ("2025-06-16 23:59:59+03:00", dt.date(2025, 6, 16)),
        ("Mon, 16 Jun 2025 09:30:00 +0000", dt.date(2025, 6, 16)),
        ("16 Jun 2025 09:30:00 GMT", dt.date(2025, 6, 16)),
    ],
)
def test_parse_date(value: str, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["", "yesterday", "2025-02-30", "16/06/2025", "June 2025"])
def test_parse_date_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


# ---------------------------------------------------------------------------------------------
# Real inputs from ../shared (skipped when absent; never copied into the repository)
# ---------------------------------------------------------------------------------------------


def test_real_seed_article() -> None:
    if not SEED_ARTICLE.is_file():
        pytest.skip(f"shared seed article not found at {SEED_ARTICLE} (../shared is absent)")
    items = read_all(SEED_ARTICLE)
    assert len(items) == 1
    article = items[0]
    assert isinstance(article, Article), article
    assert article.published_date == dt.date(2025, 6, 16)
    assert article.date_source == "header"
    assert article.text.startswith("The United States has canceled")
    assert article.title is None
    assert article.source_id == SEED_ARTICLE.stem
    raw = SEED_ARTICLE.read_bytes()
    assert article.content_sha256 == hashlib.sha256(raw).hexdigest()
    assert article.text in raw.decode("utf-8")
    assert_paragraphs_are_lines(article)


def test_real_latin1_bbc_file() -> None:
    path = BBC_RAW / "sport" / "199.txt"
    if not path.is_file():
        pytest.skip(f"BBC corpus not found at {BBC_RAW} (../shared is absent)")
    article = read_one(path)
    assert isinstance(article, Article), article
    assert "\u00a3" in article.text
    assert article.title
