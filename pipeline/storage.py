"""All dataset file I/O: Parquet parts, snapshots, the manifest, the run lock.

Layout of an output folder (``datasets/`` by default)::

    _snapshots/<id>/<table>/part-<key>.parquet   immutable zstd Parquet files
    _snapshots/<id>/quarantine/<table>/...       rows that failed validation, with why
    _snapshots/<id>/_manifest.json               what the snapshot holds and how it was made
    _current -> _snapshots/<id>                  swapped atomically when a run commits
    <table> -> _current/<table>                  what readers open

A run writes a complete new snapshot (temporary files renamed into place), then replaces the
``_current`` link in one ``rename``: a reader sees the old dataset or the new one, never half of
it, and a crashed run leaves only an unreferenced folder that the next run removes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

# pandas, pyarrow and the schemas are imported by the functions that read or write Parquet:
# worker processes import this module (Prefect unpickles the flow there) and must not pay for
# them; they only run NLP and extraction.

SNAPSHOTS = "_snapshots"
CURRENT = "_current"
MANIFEST = "_manifest.json"
QUARANTINE = "quarantine"
LOCK = ".lock"
KEEP_SNAPSHOTS = 2  # the current one and its predecessor (a reader may still have it open)


class DatasetLockedError(RuntimeError):
    """Another run holds the output folder."""


@contextlib.contextmanager
def run_lock(out_dir: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold an exclusive lock on ``out_dir`` for the duration of a run."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK, "a+") as handle:
        flags = fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB
        try:
            fcntl.flock(handle, flags)
        except BlockingIOError as exc:
            raise DatasetLockedError(
                f"{out_dir} is being written by another run (lock {out_dir / LOCK}); "
                "wait for it to finish or use another --out folder"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_snapshot(out_dir: Path) -> Path:
    """Create and return an empty, not yet visible snapshot folder."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    path = out_dir / SNAPSHOTS / f"{stamp}-{uuid.uuid4().hex[:8]}"
    path.mkdir(parents=True)
    return path


def write_part(snapshot: Path, table: str, frame: pd.DataFrame, key: str) -> Path:
    """Write ``frame`` as one zstd Parquet part of ``table`` (temporary file, then rename)."""
    import schemas

    target = snapshot / table / f"part-{key}.parquet"
    _write_parquet(frame, target, schemas.arrow_schema(table))
    return target


def write_quarantine(snapshot: Path, table: str, frame: pd.DataFrame, key: str) -> Path:
    """Write quarantined rows (all columns as strings plus ``failures``) of one batch."""
    import pyarrow as pa

    target = snapshot / QUARANTINE / table / f"part-{key}.parquet"
    arrow = pa.Table.from_pandas(frame.astype("string"), preserve_index=False)
    _write_parquet(frame, target, arrow.schema)
    return target


def _write_parquet(frame: pd.DataFrame, target: Path, schema: pa.Schema) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    target.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    # pandas' own schema note names dtypes like "list<item: string>[pyarrow]" that pandas
    # cannot read back: the Arrow types alone say everything, for pandas, polars and DuckDB
    metadata = {k: v for k, v in (table.schema.metadata or {}).items() if k != b"pandas"}
    table = table.replace_schema_metadata(metadata or None)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, target)


def commit_snapshot(out_dir: Path, snapshot: Path, manifest: dict[str, Any]) -> None:
    """Make ``snapshot`` the visible dataset: complete empty tables, write the manifest, swap."""
    import schemas

    (snapshot / QUARANTINE).mkdir(exist_ok=True)
    for table in schemas.TABLES:
        if not any((snapshot / table).glob("*.parquet")):
            write_part(snapshot, table, schemas.empty_frame(table), "empty")
    tmp = snapshot / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True, default=str), encoding="utf-8")
    os.replace(tmp, snapshot / MANIFEST)
    _fsync_tree(snapshot)

    link_tmp = out_dir / f".{CURRENT}.{uuid.uuid4().hex[:8]}"
    os.symlink(os.path.join(SNAPSHOTS, snapshot.name), link_tmp)
    os.replace(link_tmp, out_dir / CURRENT)
    for name in (*schemas.TABLES, QUARANTINE):
        link = out_dir / name
        if not link.is_symlink():
            if link.exists():
                raise FileExistsError(f"{link} exists and is not a dataset link; move it away")
            os.symlink(os.path.join(CURRENT, name), link)
    manifest_link = out_dir / "manifest.json"
    if not manifest_link.is_symlink() and not manifest_link.exists():
        os.symlink(os.path.join(CURRENT, MANIFEST), manifest_link)


def carry_forward(
    previous: Path, snapshot: Path, *, keep_parts: Iterable[str], drop_ids: Collection[str]
) -> dict[str, int]:
    """Bring the parts ``keep_parts`` of ``previous`` into ``snapshot`` without rows of
    ``drop_ids``: untouched parts are hard links (no copy), touched parts are rewritten.

    Returns rows carried per table. The rejects table is not carried: each run rebuilds it.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    import schemas

    carried: dict[str, int] = {}
    keep = set(keep_parts)
    for table in (*schemas.TABLES, *(f"{QUARANTINE}/{t}" for t in schemas.TABLES)):
        if table.endswith("rejects"):
            continue
        for part in sorted((previous / table).glob("part-*.parquet")):
            key = part.stem.removeprefix("part-")
            if key not in keep:
                continue
            target = snapshot / table / part.name
            target.parent.mkdir(parents=True, exist_ok=True)
            arrow = pq.read_table(part)
            ids = arrow.column("article_id").to_pylist() if "article_id" in arrow.schema.names \
                else []
            if drop_ids and any(i in drop_ids for i in ids):
                mask = pa.array([i not in drop_ids for i in ids])
                arrow = arrow.filter(mask)
                if arrow.num_rows:
                    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
                    pq.write_table(arrow, tmp, compression="zstd")
                    os.replace(tmp, target)
            else:
                try:
                    os.link(part, target)
                except OSError:  # another filesystem: copy instead
                    shutil.copy2(part, target)
            if not table.startswith(QUARANTINE):
                carried[table] = carried.get(table, 0) + arrow.num_rows
    return carried


def prune_snapshots(out_dir: Path, *, keep: int = KEEP_SNAPSHOTS) -> list[Path]:
    """Remove snapshots other than the current one and the ``keep - 1`` newest before it."""
    root = out_dir / SNAPSHOTS
    if not root.is_dir():
        return []
    current = current_snapshot(out_dir)
    committed = sorted(
        (p for p in root.iterdir() if (p / MANIFEST).exists()),
        key=lambda p: (p / MANIFEST).stat().st_mtime_ns,
    )
    keep_set = set(committed[-keep:]) | ({current} if current else set())
    removed = []
    for path in root.iterdir():
        if path not in keep_set:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def current_snapshot(out_dir: Path) -> Path | None:
    """Return the visible snapshot folder, or None before the first commit."""
    link = out_dir / CURRENT
    if not link.is_symlink():
        return None
    return (out_dir / os.readlink(link)).resolve()


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    """Return the manifest of the visible snapshot, or None."""
    snap = current_snapshot(out_dir)
    if snap is None or not (snap / MANIFEST).exists():
        return None
    data: dict[str, Any] = json.loads((snap / MANIFEST).read_text(encoding="utf-8"))
    return data


def read_table(out_dir: Path, table: str) -> pd.DataFrame:
    """Read one table of the visible snapshot with its contract types, in stable order."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    import schemas
    from pipeline.tables import sort_frame

    files = sorted((out_dir / table).glob("*.parquet"))
    if not files:
        return schemas.empty_frame(table)
    arrow = pa.concat_tables(
        [pq.read_table(f, schema=schemas.arrow_schema(table)) for f in files]
    )
    return sort_frame(table, arrow.to_pandas(types_mapper=pd.ArrowDtype))


def _fsync_tree(root: Path) -> None:
    """Flush file contents before the snapshot becomes visible (survives a power cut)."""
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
