"""Table contract: pandera models, the Arrow schemas derived from them, and span columns."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_

from schemas.models import (
    ArticlesSchema,
    EntitiesSchema,
    EventsSchema,
    MentionsSchema,
    RejectsSchema,
    StatementsSchema,
)

#: Output tables in write order, by name.
TABLES: dict[str, type[pa.DataFrameModel]] = {
    "articles": ArticlesSchema,
    "entities": EntitiesSchema,
    "mentions": MentionsSchema,
    "statements": StatementsSchema,
    "events": EventsSchema,
    "rejects": RejectsSchema,
}

#: Offset spans per table, checked against ``articles.text``: (start, end, text column or None).
SPAN_COLUMNS: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    "mentions": (("start", "end", "text"),),
    "statements": (
        ("start", "end", "text"),
        ("cue_start", "cue_end", None),
        ("speaker_start", "speaker_end", None),
    ),
    "events": (
        ("evidence_start", "evidence_end", None),
        ("trigger_start", "trigger_end", "trigger"),
    ),
}

#: Sort keys that make every table's row order stable.
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "entities": ("article_id", "entity_id"),
    "mentions": ("article_id", "start", "end"),
    "statements": ("article_id", "start", "end", "statement_id"),
    "events": ("article_id", "evidence_start", "trigger_start", "event_id"),
    "rejects": ("source_path", "input_line", "reason_code"),
}


def arrow_schema(table: str) -> pa_.Schema:
    """Return the Arrow schema of ``table``, read off its pandera model."""
    model = TABLES[table]
    columns = model.to_schema().columns
    fields = []
    for name, column in columns.items():
        dtype = column.dtype.type
        if not isinstance(dtype, pd.ArrowDtype):  # pragma: no cover - guarded by tests
            raise TypeError(f"{table}.{name} is not declared with an Arrow dtype: {dtype!r}")
        fields.append(pa_.field(name, dtype.pyarrow_dtype, nullable=bool(column.nullable)))
    return pa_.schema(fields)


def column_names(table: str) -> list[str]:
    """Return the column names of ``table`` in contract order."""
    return list(TABLES[table].to_schema().columns)


def empty_frame(table: str) -> pd.DataFrame:
    """Return a typed, zero-row frame of ``table``."""
    return arrow_schema(table).empty_table().to_pandas(types_mapper=pd.ArrowDtype)


__all__ = [
    "SORT_KEYS",
    "SPAN_COLUMNS",
    "TABLES",
    "ArticlesSchema",
    "EntitiesSchema",
    "EventsSchema",
    "MentionsSchema",
    "RejectsSchema",
    "StatementsSchema",
    "arrow_schema",
    "column_names",
    "empty_frame",
]
