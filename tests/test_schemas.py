"""Schemas: Arrow types read off the models, and a failing example per check."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_
import pytest

import schemas
from pipeline.tables import build_frame

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
AID = "0123456789abcdef"
EID = "fedcba9876543210"


def article(**over: object) -> dict[str, object]:
    row: dict[str, object] = {
        "article_id": AID, "source_path": "a.txt", "source_id": "a", "source_name": None,
        "url": None, "published_date": dt.date(2025, 6, 16), "date_source": "header",
        "title": None, "text": "Hello world.", "language": "en", "n_paragraphs": 1,
        "n_sentences": 1, "n_words": 2, "content_sha256": "a" * 64, "ingested_at": NOW,
        "pipeline_version": "0.1.0",
    }
    row.update(over)
    return row


def mention(**over: object) -> dict[str, object]:
    row: dict[str, object] = {
        "article_id": AID, "entity_id": EID, "start": 0, "end": 5, "text": "Hello",
        "sentence_idx": 0, "kind": "name",
    }
    row.update(over)
    return row


def entity(**over: object) -> dict[str, object]:
    row: dict[str, object] = {
        "article_id": AID, "entity_id": EID, "name": "Maria Zakharova", "type": "PERSON",
        "country_iso3": "RUS", "role": "spokeswoman", "aliases": ["Zakharova"],
        "mention_count": 2,
    }
    row.update(over)
    return row


def statement(**over: object) -> dict[str, object]:
    row: dict[str, object] = {c: None for c in schemas.column_names("statements")}
    row.update(
        statement_id=EID, article_id=AID, sentence_idx=0, start=0, end=5, text="Hello",
        kind="direct", cue="say", cue_start=6, cue_end=10, speaker_resolution="name",
        date_precision="day", confidence=0.9,
    )
    row.update(over)
    return row


def event(**over: object) -> dict[str, object]:
    row: dict[str, object] = {c: None for c in schemas.column_names("events")}
    row.update(
        event_id=EID, article_id=AID, sentence_idx=0, evidence_start=0, evidence_end=12,
        trigger="met", trigger_start=2, trigger_end=5, event_type="CONSULT", cameo_code="040",
        date_precision="day", date_source="published", negated=False, hypothetical=False,
        confidence=0.5,
    )
    row.update(over)
    return row


def reject(**over: object) -> dict[str, object]:
    row: dict[str, object] = {
        "source_path": "a.txt", "input_line": None, "stage": "read", "reason_code": "empty",
        "message": "empty file", "content_sha256": None, "seen_at": NOW,
    }
    row.update(over)
    return row


def test_arrow_types_follow_the_contract() -> None:
    art = schemas.arrow_schema("articles")
    assert art.field("published_date").type == pa_.date32()
    assert art.field("ingested_at").type == pa_.timestamp("us", tz="UTC")
    assert art.field("n_words").type == pa_.int32()
    assert schemas.arrow_schema("entities").field("aliases").type == pa_.list_(pa_.string())
    assert schemas.arrow_schema("events").field("negated").type == pa_.bool_()
    assert schemas.arrow_schema("statements").field("confidence").type == pa_.float32()


@pytest.mark.parametrize("table", list(schemas.TABLES))
def test_empty_frames_validate_and_keep_contract_columns(table: str) -> None:
    frame = schemas.empty_frame(table)
    assert list(frame.columns) == schemas.column_names(table)
    schemas.TABLES[table].validate(frame)


def test_valid_rows_pass() -> None:
    schemas.ArticlesSchema.validate(build_frame("articles", [article()]))
    schemas.MentionsSchema.validate(build_frame("mentions", [mention()]))
    schemas.EntitiesSchema.validate(build_frame("entities", [entity()]))
    schemas.StatementsSchema.validate(build_frame("statements", [statement()]))
    schemas.EventsSchema.validate(build_frame("events", [event()]))
    schemas.RejectsSchema.validate(build_frame("rejects", [reject()]))


@pytest.mark.parametrize(
    ("table", "row", "column"),
    [
        ("articles", article(article_id="XYZ"), "article_id"),
        ("articles", article(date_source="guess"), "date_source"),
        ("articles", article(n_words=0), "n_words"),
        ("articles", article(content_sha256="abc"), "content_sha256"),
        ("articles", article(language="English"), "language"),
        ("articles", article(text=""), "text"),
        ("mentions", mention(kind="alias"), "kind"),
        ("mentions", mention(start=-1), "start"),
        ("mentions", mention(start=5, end=5), None),  # span_is_ordered
        ("mentions", mention(text=""), "text"),
        ("entities", entity(type="PERSONA"), "type"),
        ("entities", entity(country_iso3="RU"), "country_iso3"),
        ("entities", entity(mention_count=0), "mention_count"),
        ("entities", entity(entity_id="not-an-id"), "entity_id"),
        ("statements", statement(kind="quote"), "kind"),
        ("statements", statement(speaker_resolution="guess"), "speaker_resolution"),
        ("statements", statement(confidence=1.5), "confidence"),
        ("statements", statement(date_precision="decade"), "date_precision"),
        ("statements", statement(speaker_country_iso3="usa"), "speaker_country_iso3"),
        ("events", event(event_type="FIGHT"), "event_type"),
        ("events", event(cameo_code="1a"), "cameo_code"),
        ("events", event(date_source="guessed"), "date_source"),
        ("events", event(date_precision="hour"), "date_precision"),
        ("events", event(target_country_iso3="XX1"), "target_country_iso3"),
        ("rejects", reject(stage="later"), "stage"),
        ("rejects", reject(reason_code="Bad Code"), "reason_code"),
        ("rejects", reject(input_line=0), "input_line"),
    ],
)
def test_each_check_rejects_a_bad_row(
    table: str, row: dict[str, object], column: str | None
) -> None:
    frame = build_frame(table, [row])
    with pytest.raises(pa.errors.SchemaErrors) as info:
        schemas.TABLES[table].validate(frame, lazy=True)
    failed = set(info.value.failure_cases["column"].dropna())
    if column is not None:
        assert column in failed
    else:
        assert info.value.failure_cases["check"].astype(str).str.contains("span_is_ordered").any()


def test_duplicate_article_ids_fail_uniqueness() -> None:
    frame = build_frame("articles", [article(), article(source_path="b.txt")])
    with pytest.raises(pa.errors.SchemaErrors):
        schemas.ArticlesSchema.validate(frame, lazy=True)


def test_strict_models_reject_unknown_columns() -> None:
    frame = build_frame("mentions", [mention()])
    frame["extra"] = 1
    with pytest.raises(pa.errors.SchemaErrors):
        schemas.MentionsSchema.validate(frame, lazy=True)


def test_events_trigger_must_lie_inside_evidence() -> None:
    row = {c: None for c in schemas.column_names("events")}
    row.update(
        event_id=EID, article_id=AID, sentence_idx=0, evidence_start=10, evidence_end=20,
        trigger="met", trigger_start=2, trigger_end=5, event_type="CONSULT",
        date_precision="day", date_source="published", negated=False, hypothetical=False,
        confidence=0.5,
    )
    frame = build_frame("events", [row])
    with pytest.raises(pa.errors.SchemaErrors):
        schemas.EventsSchema.validate(frame, lazy=True)
    row.update(trigger_start=12, trigger_end=15)
    schemas.EventsSchema.validate(build_frame("events", [row]))


def test_rows_are_sorted_stably() -> None:
    rows = [mention(start=7, end=9, text="ld"), mention(start=0, end=5)]
    frame = build_frame("mentions", rows)
    assert list(frame["start"]) == [0, 7]
    assert isinstance(frame["start"].dtype, pd.ArrowDtype)
