"""Parquet round trip, snapshot commit and the run lock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

import schemas
from pipeline import storage
from pipeline.tables import build_frame
from tests.test_schemas import article, mention


def commit(out: Path, rows: int = 1) -> Path:
    snap = storage.new_snapshot(out)
    storage.write_part(snap, "articles", build_frame("articles", [article()]), "k1")
    storage.write_part(
        snap, "mentions",
        build_frame("mentions", [mention(start=i, end=i + 1, text="x") for i in range(rows)]),
        "k1",
    )
    storage.commit_snapshot(out, snap, {"format": 1})
    storage.prune_snapshots(out)
    return snap


def test_round_trip_keeps_values_and_types(tmp_path: Path) -> None:
    commit(tmp_path)
    frame = storage.read_table(tmp_path, "articles")
    expected = build_frame("articles", [article()])
    pd.testing.assert_frame_equal(frame, expected)
    assert frame.loc[0, "published_date"] == dt.date(2025, 6, 16)
    part = next((tmp_path / "articles").glob("*.parquet"))
    meta = pq.ParquetFile(part).metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"
    assert pq.read_schema(part).remove_metadata().equals(schemas.arrow_schema("articles"))


def test_every_table_is_readable_even_when_empty(tmp_path: Path) -> None:
    commit(tmp_path)
    for table in schemas.TABLES:
        sql = f"select count(*) from read_parquet('{tmp_path}/{table}/**/*.parquet', " \
              "hive_partitioning=true)"
        (count,) = duckdb.sql(sql).fetchall()[0]
        assert count == (1 if table in ("articles", "mentions") else 0)


def test_commit_swaps_the_whole_dataset(tmp_path: Path) -> None:
    first = commit(tmp_path, rows=1)
    second = commit(tmp_path, rows=3)
    assert storage.current_snapshot(tmp_path) == second.resolve()
    assert len(storage.read_table(tmp_path, "mentions")) == 3
    assert storage.read_manifest(tmp_path) == {"format": 1}
    assert first.exists()  # the previous snapshot is kept for readers still on it
    commit(tmp_path)
    assert not first.exists()


def test_uncommitted_snapshot_is_invisible_and_pruned(tmp_path: Path) -> None:
    commit(tmp_path, rows=2)
    crashed = storage.new_snapshot(tmp_path)
    storage.write_part(crashed, "mentions", build_frame("mentions", [mention()]), "k2")
    assert len(storage.read_table(tmp_path, "mentions")) == 2
    storage.prune_snapshots(tmp_path)
    assert not crashed.exists()
    assert len(storage.read_table(tmp_path, "mentions")) == 2


def test_lock_refuses_a_second_writer(tmp_path: Path) -> None:
    with storage.run_lock(tmp_path), pytest.raises(storage.DatasetLockedError), \
            storage.run_lock(tmp_path):
        pass  # pragma: no cover
    with storage.run_lock(tmp_path):  # released again
        pass


def test_quarantine_rows_are_written_as_strings(tmp_path: Path) -> None:
    snap = storage.new_snapshot(tmp_path)
    frame = build_frame("mentions", [mention()]).astype("string")
    frame.insert(0, "failures", ["kind:isin"])
    path = storage.write_quarantine(snap, "mentions", frame, "k1")
    back = pq.read_table(path).to_pandas()
    assert back.loc[0, "failures"] == "kind:isin"
