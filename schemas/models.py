"""One pandera DataFrameModel per output table: the single source of column truth.

Columns are pandas ``ArrowDtype`` columns, so the Arrow schema written to Parquet is read
straight off these models (``schemas.arrow_schema``) and no other module declares a column name
or a dtype. Offsets are Python ``str`` offsets into ``articles.text``.
"""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_
from pandera.typing import Series

# Arrow logical types used by the contract (DESIGN.md, "Output tables").
Str = Annotated[pd.ArrowDtype, pa_.string()]
Int32 = Annotated[pd.ArrowDtype, pa_.int32()]
Float32 = Annotated[pd.ArrowDtype, pa_.float32()]
Bool = Annotated[pd.ArrowDtype, pa_.bool_()]
Date = Annotated[pd.ArrowDtype, pa_.date32()]
TimestampUTC = Annotated[pd.ArrowDtype, pa_.timestamp("us", tz="UTC")]
StrList = Annotated[pd.ArrowDtype, pa_.list_(pa_.string())]

ID_RE = r"^[0-9a-f]{16}$"
SHA256_RE = r"^[0-9a-f]{64}$"
ISO3_RE = r"^[A-Z]{3}$"

ENTITY_TYPES = (
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT",
    "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE",
)
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
SPEAKER_RESOLUTIONS = ("name", "pronoun", "nominal", "continuation", "unresolved")


class _Base(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


class ArticlesSchema(_Base):
    """One row per article that was read, parsed and processed."""

    article_id: Series[Str] = pa.Field(str_matches=ID_RE, unique=True)
    source_path: Series[Str]
    source_id: Series[Str]
    source_name: Series[Str] = pa.Field(nullable=True)
    url: Series[Str] = pa.Field(nullable=True)
    published_date: Series[Date] = pa.Field(nullable=True)
    date_source: Series[Str] = pa.Field(isin=("header", "text", "none"))
    title: Series[Str] = pa.Field(nullable=True)
    text: Series[Str] = pa.Field(str_length={"min_value": 1})
    language: Series[Str] = pa.Field(str_matches=r"^[a-z]{2,3}$")
    n_paragraphs: Series[Int32] = pa.Field(ge=1)
    n_sentences: Series[Int32] = pa.Field(ge=1)
    n_words: Series[Int32] = pa.Field(ge=1)
    content_sha256: Series[Str] = pa.Field(str_matches=SHA256_RE)
    ingested_at: Series[TimestampUTC]
    pipeline_version: Series[Str]


class EntitiesSchema(_Base):
    """One row per distinct entity per article."""

    article_id: Series[Str] = pa.Field(str_matches=ID_RE)
    entity_id: Series[Str] = pa.Field(str_matches=ID_RE)
    name: Series[Str] = pa.Field(str_length={"min_value": 1})
    type: Series[Str] = pa.Field(isin=ENTITY_TYPES)
    country_iso3: Series[Str] = pa.Field(nullable=True, str_matches=ISO3_RE)
    role: Series[Str] = pa.Field(nullable=True)
    aliases: Series[StrList]
    mention_count: Series[Int32] = pa.Field(ge=1)

    class Config:
        unique = ("article_id", "entity_id")


class MentionsSchema(_Base):
    """One row per mention of an entity; ``text == articles.text[start:end]``."""

    article_id: Series[Str] = pa.Field(str_matches=ID_RE)
    entity_id: Series[Str] = pa.Field(str_matches=ID_RE)
    start: Series[Int32] = pa.Field(ge=0)
    end: Series[Int32] = pa.Field(ge=1)
    text: Series[Str] = pa.Field(str_length={"min_value": 1})
    sentence_idx: Series[Int32] = pa.Field(ge=0)
    kind: Series[Str] = pa.Field(isin=("name", "pronoun", "nominal"))

    class Config:
        unique = ("article_id", "start", "end")

    @pa.dataframe_check
    @classmethod
    def span_is_ordered(cls, df: pd.DataFrame) -> pd.Series:
        """A mention ends after it starts."""
        return df["end"] > df["start"]


class StatementsSchema(_Base):
    """Who said what: one row per utterance (direct, mixed or indirect speech)."""

    statement_id: Series[Str] = pa.Field(str_matches=ID_RE, unique=True)
    article_id: Series[Str] = pa.Field(str_matches=ID_RE)
    sentence_idx: Series[Int32] = pa.Field(ge=0)
    start: Series[Int32] = pa.Field(ge=0)
    end: Series[Int32] = pa.Field(ge=1)
    text: Series[Str] = pa.Field(str_length={"min_value": 1})
    kind: Series[Str] = pa.Field(isin=("direct", "mixed", "indirect"))
    cue: Series[Str] = pa.Field(nullable=True)
    cue_start: Series[Int32] = pa.Field(nullable=True, ge=0)
    cue_end: Series[Int32] = pa.Field(nullable=True, ge=1)
    speaker: Series[Str] = pa.Field(nullable=True)
    speaker_entity_id: Series[Str] = pa.Field(nullable=True, str_matches=ID_RE)
    speaker_type: Series[Str] = pa.Field(nullable=True)
    speaker_role: Series[Str] = pa.Field(nullable=True)
    speaker_country_iso3: Series[Str] = pa.Field(nullable=True, str_matches=ISO3_RE)
    speaker_start: Series[Int32] = pa.Field(nullable=True, ge=0)
    speaker_end: Series[Int32] = pa.Field(nullable=True, ge=1)
    speaker_resolution: Series[Str] = pa.Field(isin=SPEAKER_RESOLUTIONS)
    statement_date: Series[Date] = pa.Field(nullable=True)
    date_precision: Series[Str] = pa.Field(nullable=True, isin=DATE_PRECISIONS)
    confidence: Series[Float32] = pa.Field(ge=0.0, le=1.0)

    @pa.dataframe_check
    @classmethod
    def span_is_ordered(cls, df: pd.DataFrame) -> pd.Series:
        """The content span ends after it starts."""
        return df["end"] > df["start"]


class EventsSchema(_Base):
    """Who did what to whom, when and where: one row per coded event."""

    event_id: Series[Str] = pa.Field(str_matches=ID_RE, unique=True)
    article_id: Series[Str] = pa.Field(str_matches=ID_RE)
    sentence_idx: Series[Int32] = pa.Field(ge=0)
    evidence_start: Series[Int32] = pa.Field(ge=0)
    evidence_end: Series[Int32] = pa.Field(ge=1)
    trigger: Series[Str] = pa.Field(str_length={"min_value": 1})
    trigger_start: Series[Int32] = pa.Field(ge=0)
    trigger_end: Series[Int32] = pa.Field(ge=1)
    event_type: Series[Str] = pa.Field(isin=PLOVER_TYPES)
    cameo_code: Series[Str] = pa.Field(nullable=True, str_matches=r"^\d{2,4}$")
    mode: Series[Str] = pa.Field(nullable=True)
    source_actor: Series[Str] = pa.Field(nullable=True)
    source_entity_id: Series[Str] = pa.Field(nullable=True, str_matches=ID_RE)
    source_country_iso3: Series[Str] = pa.Field(nullable=True, str_matches=ISO3_RE)
    source_sector: Series[Str] = pa.Field(nullable=True)
    target_actor: Series[Str] = pa.Field(nullable=True)
    target_entity_id: Series[Str] = pa.Field(nullable=True, str_matches=ID_RE)
    target_country_iso3: Series[Str] = pa.Field(nullable=True, str_matches=ISO3_RE)
    target_sector: Series[Str] = pa.Field(nullable=True)
    location: Series[Str] = pa.Field(nullable=True)
    location_country_iso3: Series[Str] = pa.Field(nullable=True, str_matches=ISO3_RE)
    event_date: Series[Date] = pa.Field(nullable=True)
    date_precision: Series[Str] = pa.Field(isin=DATE_PRECISIONS)
    date_text: Series[Str] = pa.Field(nullable=True)
    date_source: Series[Str] = pa.Field(isin=("explicit", "relative", "inherited", "published"))
    negated: Series[Bool]
    hypothetical: Series[Bool]
    confidence: Series[Float32] = pa.Field(ge=0.0, le=1.0)
    statement_id: Series[Str] = pa.Field(nullable=True, str_matches=ID_RE)

    @pa.dataframe_check
    @classmethod
    def trigger_inside_evidence(cls, df: pd.DataFrame) -> pd.Series:
        """The trigger lies inside the evidence span."""
        return (df["evidence_start"] <= df["trigger_start"]) & (
            df["trigger_end"] <= df["evidence_end"]
        )


class RejectsSchema(_Base):
    """One row per input that did not become an article, with why."""

    source_path: Series[Str]
    input_line: Series[Int32] = pa.Field(nullable=True, ge=1)
    stage: Series[Str] = pa.Field(
        isin=("discover", "read", "parse", "dedupe", "nlp", "extract", "validate", "process")
    )
    reason_code: Series[Str] = pa.Field(str_matches=r"^[a-z_]+$")
    message: Series[Str]
    content_sha256: Series[Str] = pa.Field(nullable=True, str_matches=SHA256_RE)
    seen_at: Series[TimestampUTC]
