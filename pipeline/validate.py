"""Validation: pandera per table, then cross-table checks; failing rows go to quarantine.

A row is never dropped silently: every row that fails a check leaves its table and lands in the
quarantine frame of that table, with the names of the checks it failed and the failure values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

import schemas


@dataclass
class ValidationResult:
    """Valid frames per table, and the quarantined rows (as strings) with their failures."""

    valid: dict[str, pd.DataFrame]
    quarantine: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def n_quarantined(self) -> dict[str, int]:
        return {t: len(f) for t, f in self.quarantine.items() if len(f)}


def validate_tables(frames: Mapping[str, pd.DataFrame]) -> ValidationResult:
    """Validate each table against its pandera model and the cross-table rules.

    Cross-table rules: every ``article_id`` exists in ``articles``; every offset span lies inside
    the article text; where the table stores the span's text, it equals ``text[start:end]``.
    """
    valid: dict[str, pd.DataFrame] = {}
    failures: dict[str, dict[int, list[str]]] = {}
    originals: dict[str, pd.DataFrame] = {}
    for table, frame in frames.items():
        frame = frame.reset_index(drop=True)
        originals[table] = frame
        checked, bad = _schema_check(table, frame)
        failures[table] = bad
        valid[table] = checked

    articles = valid.get("articles")
    if articles is not None:
        texts = dict(zip(articles["article_id"], articles["text"], strict=True))
        for table, frame in valid.items():
            if table in ("articles", "rejects") or "article_id" not in frame.columns:
                continue
            for idx, reason in _cross_table_failures(table, frame, texts).items():
                failures[table].setdefault(idx, []).extend(reason)

    result = ValidationResult(valid={})
    for table, frame in originals.items():
        bad = failures.get(table, {})
        keep = [i for i in valid[table].index if i not in bad]
        result.valid[table] = valid[table].loc[keep].reset_index(drop=True)
        if bad:
            rows = frame.loc[sorted(bad)].astype("string")
            rows.insert(0, "failures", ["; ".join(bad[i]) for i in sorted(bad)])
            result.quarantine[table] = rows.reset_index(drop=True)
    return result


def _schema_check(table: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[int, list[str]]]:
    """Run the pandera model lazily; return the coerced frame and failures per row index."""
    model = schemas.TABLES[table]
    bad: dict[int, list[str]] = defaultdict(list)
    try:
        return model.validate(frame, lazy=True), {}
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    for case in cases.itertuples(index=False):
        where = f"{case.column}:{case.check}" if case.column is not None else str(case.check)
        message = f"{where} ({case.failure_case!r})"
        if pd.isna(case.index):
            for i in frame.index:  # a whole-column failure fails every row of the table
                bad[int(i)].append(message)
        else:
            bad[int(case.index)].append(message)
    good = frame.drop(index=list(bad))
    try:
        checked = model.validate(good, lazy=True) if len(good) else schemas.empty_frame(table)
    except pa.errors.SchemaErrors:  # pragma: no cover - rows left after dropping failures pass
        checked = schemas.empty_frame(table)
        for i in good.index:
            bad[int(i)].append("schema: failed after removing failing rows")
    return checked, dict(bad)


def _cross_table_failures(
    table: str, frame: pd.DataFrame, texts: Mapping[str, str]
) -> dict[int, list[str]]:
    """Rows whose article is missing or whose offsets do not point into the article text."""
    bad: dict[int, list[str]] = defaultdict(list)
    specs = schemas.SPAN_COLUMNS.get(table, ())
    names = ["article_id", *dict.fromkeys(c for spec in specs for c in spec if c is not None)]
    columns = [frame[c].tolist() for c in names]  # column lists: far cheaper than row dicts
    for idx, values in zip(frame.index, zip(*columns, strict=True), strict=True):
        row = dict(zip(names, values, strict=True))
        text = texts.get(row["article_id"])
        if text is None:
            bad[int(idx)].append(f"article_id:not_in_articles ({row['article_id']!r})")
            continue
        for start_col, end_col, text_col in specs:
            start, end = row[start_col], row[end_col]
            if _missing(start) and _missing(end):
                continue
            if _missing(start) or _missing(end):
                bad[int(idx)].append(f"{start_col}/{end_col}:half_missing")
                continue
            if not 0 <= start < end <= len(text):
                bad[int(idx)].append(f"{start_col}/{end_col}:outside_text ({start}, {end})")
                continue
            if text_col is not None and text[start:end] != row[text_col]:
                bad[int(idx)].append(f"{text_col}:span_text_mismatch ({row[text_col]!r})")
    return dict(bad)


def _missing(value: object) -> bool:
    return value is None or bool(pd.isna(value))  # type: ignore[call-overload]
