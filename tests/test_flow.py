"""End to end: the flow on seeds/, bad inputs, determinism, strict mode, the README query."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import schemas
from pipeline import storage
from tests.conftest import REPO, SEEDS, shared_path

pytestmark = pytest.mark.slow

RUN_METADATA = {"articles": ["ingested_at"], "rejects": ["seen_at"]}


@pytest.fixture(scope="module")
def harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def build(inputs: list[Path | str], out: Path, **options: object):  # type: ignore[no-untyped-def]
    from pipeline.flows import run_build

    return run_build([str(p) for p in inputs], str(out), **options)


def tables_of(out: Path) -> dict[str, pd.DataFrame]:
    return {
        t: storage.read_table(out, t).drop(columns=RUN_METADATA.get(t, []))
        for t in schemas.TABLES
    }


@pytest.fixture(scope="module")
def seeds_out(harness: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds_out")
    build([SEEDS], out)
    return out


def seed_inputs() -> int:
    n = 0
    for path in SEEDS.iterdir():
        if path.suffix == ".jsonl":
            n += sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        elif path.suffix in {".txt", ".html", ".htm"}:
            n += 1
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as fh:
                n += sum(1 for row in csv.DictReader(fh) if any(v.strip() for v in row.values()))
    return n


def test_seeds_make_all_six_tables(seeds_out: Path) -> None:
    got = tables_of(seeds_out)
    assert len(got["articles"]) == seed_inputs()
    assert len(got["rejects"]) == 0
    assert len(got["entities"]) > 50
    assert len(got["mentions"]) >= len(got["entities"])
    for table in schemas.TABLES:
        assert (seeds_out / table).is_dir()
        schemas.TABLES[table].validate(storage.read_table(seeds_out, table))
    dated = got["articles"]["published_date"].notna().sum()
    assert dated == len(got["articles"]) - 1  # the undated seed has no date line
    assert len(got["statements"]) > 20 and len(got["events"]) > 20
    # every speaker and actor id joins entities; events inside a quote join their statement
    ent_ids = set(got["entities"]["entity_id"])
    assert set(got["statements"]["speaker_entity_id"].dropna()) <= ent_ids
    assert set(got["events"]["source_entity_id"].dropna()) <= ent_ids
    in_quotes = set(got["events"]["statement_id"].dropna())
    assert in_quotes and in_quotes <= set(got["statements"]["statement_id"])
    kinds = set(got["statements"]["kind"])
    assert kinds == {"direct", "mixed", "indirect"}


@pytest.mark.parametrize("table", sorted(schemas.TABLES))
def test_pandas_reads_every_table_folder(seeds_out: Path, table: str) -> None:
    frame = pd.read_parquet(seeds_out / table)  # as the README tells users
    assert list(frame.columns) == schemas.column_names(table)
    assert len(frame) == len(storage.read_table(seeds_out, table))


def test_readme_duckdb_query_runs_on_the_output(seeds_out: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("```sql") + len("```sql")
    query = readme[start : readme.index("```", start)]
    query = query.replace("datasets/", f"{seeds_out}/")
    rows = duckdb.sql(query).fetchall()
    assert rows, "the README query returned no rows"


def test_every_readme_query_runs_on_the_output(seeds_out: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```sql")[1:]
    queries = [q.strip() for block in blocks for q in block[: block.index("```")].split(";")
               if "select" in q]
    assert len(queries) >= 4
    for query in queries:
        rows = duckdb.sql(query.replace("datasets/", f"{seeds_out}/")).fetchall()
        assert rows, f"no rows from the README query:\n{query}"


def test_every_mention_slices_the_article_text(seeds_out: Path) -> None:
    sql = f"""
        select count(*) filter (where substr(a.text, m.start + 1, m."end" - m.start) <> m.text),
               count(*)
        from read_parquet('{seeds_out}/mentions/**/*.parquet') m
        join read_parquet('{seeds_out}/articles/**/*.parquet') a using (article_id)
    """
    bad, total = duckdb.sql(sql).fetchall()[0]
    assert total > 0
    assert bad == 0


def test_same_input_twice_gives_identical_tables(seeds_out: Path, tmp_path: Path) -> None:
    first = tables_of(seeds_out)
    build([SEEDS], tmp_path, batch_size=2)
    again = build([SEEDS], tmp_path, batch_size=3, full=True, part_size=4)  # other parts
    assert again.n_processed == len(first["articles"])
    for table in schemas.TABLES:
        pd.testing.assert_frame_equal(first[table], tables_of(tmp_path)[table], obj=table)
    rerun = build([SEEDS], tmp_path)  # nothing changed: nothing is read again
    assert rerun.n_processed == 0 and rerun.n_unchanged_files == rerun.n_files
    for table in schemas.TABLES:
        pd.testing.assert_frame_equal(first[table], tables_of(tmp_path)[table], obj=table)
    assert len(list((tmp_path / storage.SNAPSHOTS).iterdir())) == 2


def test_run_a_then_a_plus_b_equals_one_run(harness: None, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    seeds = sorted(p for p in SEEDS.iterdir() if p.is_file())
    for path in seeds[:3]:
        shutil.copy(path, a / path.name)
    # b holds the rest plus a copy of an A article under a name that sorts first
    b.mkdir()
    for path in seeds[3:]:
        shutil.copy(path, b / path.name)
    shutil.copy(seeds[0], b / "000_copy.txt")
    build([a], tmp_path / "inc")
    second = build([a, b], tmp_path / "inc")
    assert second.n_unchanged_files == 3
    build([a, b], tmp_path / "once")
    inc, once = tables_of(tmp_path / "inc"), tables_of(tmp_path / "once")
    for table in schemas.TABLES:
        pd.testing.assert_frame_equal(inc[table], once[table], obj=table)
    assert list(inc["rejects"]["reason_code"]) == ["duplicate"]


def test_changed_input_replaces_its_rows(harness: None, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS / "002_flood_aid_kenya.txt", src / "x.txt")
    shutil.copy(SEEDS / "003_trade_dispute.txt", src / "y.txt")
    out = tmp_path / "out"
    build([src], out)
    before = tables_of(out)
    text = (src / "x.txt").read_text(encoding="utf-8")
    (src / "x.txt").write_text(text.replace("Kisumu", "Mombasa"), encoding="utf-8")
    summary = build([src], out)
    assert (summary.n_changed_files, summary.n_processed) == (1, 1)
    after = tables_of(out)
    assert len(after["articles"]) == 2
    old_ids = set(before["articles"]["article_id"]) - set(after["articles"]["article_id"])
    assert len(old_ids) == 1
    for table in ("entities", "mentions"):
        assert not set(after[table]["article_id"]) & old_ids
    assert "Mombasa" in set(after["entities"]["name"])
    once = tmp_path / "once"
    build([src], once)
    for table in schemas.TABLES:
        pd.testing.assert_frame_equal(after[table], tables_of(once)[table], obj=table)


def test_bad_inputs_become_rejects_and_nothing_is_lost(harness: None, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS / "001_ministers_geneva.txt", src / "a.txt")
    shutil.copy(SEEDS / "001_ministers_geneva.txt", src / "a_copy.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (src / "bad_date.txt").write_text(" date 2025-13-45 Something happened today.\n")
    (src / "notes.pdf").write_bytes(b"%PDF-1.4")
    (src / "lines.jsonl").write_text('{"id": 7, "text": "Officials met in Paris."}\n{oops\n')
    out = tmp_path / "out"
    summary = build([src], out)
    got = tables_of(out)
    reasons = sorted(got["rejects"]["reason_code"])
    assert reasons == sorted(
        ["duplicate", "empty", "binary", "bad_date", "unsupported_format", "bad_json"]
    )
    assert len(got["articles"]) == 2
    assert summary.n_inputs == 8
    assert set(got["articles"]["source_id"]) == {"a", "7"}


def test_strict_run_fails_and_commits_nothing(
    harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline import tables
    from pipeline.flows import ValidationFailedError

    real = tables.mention_rows

    def corrupt(article_id, text, mentions):  # type: ignore[no-untyped-def]
        rows = real(article_id, text, mentions)
        rows[0]["text"] = rows[0]["text"] + "!"
        return rows

    monkeypatch.setattr(tables, "mention_rows", corrupt)
    src = SEEDS / "001_ministers_geneva.txt"
    lenient = build([src], tmp_path / "lenient")
    assert lenient.quarantined == {"mentions": 1}
    quarantined = pd.read_parquet(tmp_path / "lenient" / "quarantine" / "mentions")
    assert "span_text_mismatch" in quarantined.loc[0, "failures"]
    with pytest.raises(ValidationFailedError):
        build([src], tmp_path / "strict", strict=True)
    assert storage.current_snapshot(tmp_path / "strict") is None


def test_real_seed_article(harness: None, tmp_path: Path) -> None:
    seed = shared_path("seeds", "000_0af683957b2f2523.txt")
    build([seed], tmp_path)
    got = tables_of(tmp_path)
    assert list(got["articles"]["published_date"].astype(str)) == ["2025-06-16"]
    ents = got["entities"]
    people = ents[ents["type"] == "PERSON"].set_index("name")
    for name in ["Maria Zakharova", "Sergei Lavrov", "Marco Rubio", "Sergei Ryabkov",
                 "Vladimir Putin", "Donald Trump"]:
        assert name in people.index, sorted(people.index)
    assert people.loc["Maria Zakharova", "country_iso3"] == "RUS"
    assert people.loc["Maria Zakharova", "role"] == "Foreign Ministry spokeswoman"
    surnames = {n.split()[-1] for n in people.index if " " in n}
    assert not surnames & set(people.index), "a surname-only mention split off an entity"
    places = ents.set_index("name")
    assert places.loc["Istanbul", "country_iso3"] == "TUR"
    assert places.loc["Saudi Arabia", "country_iso3"] == "SAU"
    # statements and events reach the tables with their speakers, actors and dates
    said = got["statements"]
    assert (said["speaker"] == "Maria Zakharova").sum() >= 3
    assert "Sergei Ryabkov" in set(said["speaker"]) and "Donald Trump" in set(said["speaker"])
    countries = {speaker: set(rows["speaker_country_iso3"].dropna())
                 for speaker, rows in said.groupby("speaker")}
    assert countries == {  # the seed README's speakers, with their countries
        "Maria Zakharova": {"RUS"}, "Sergei Ryabkov": {"RUS"}, "Kremlin": {"RUS"},
        "Donald Trump": {"USA"}, "Vladimir Putin": {"RUS"},
    }
    assert set(people.loc["Sergei Ryabkov", ["role", "country_iso3"]]) == {
        "Deputy Foreign Minister", "RUS"}  # country from the Foreign Ministry of Zakharova
    events = got["events"]
    strikes = events[(events["event_type"] == "ASSAULT") & (events["source_country_iso3"] == "ISR")]
    on_iran = strikes[strikes["target_country_iso3"] == "IRN"]
    assert set(on_iran["event_date"].astype(str)) == {"2025-06-13"}
    meetings = events[(events["event_type"] == "CONSULT") & (events["location"] == "Istanbul")]
    assert {"2025-02-27", "2025-04-10"} <= set(meetings["event_date"].astype(str))


def test_cli_help_explains_every_option() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--help"], capture_output=True, text=True,
        check=True,
    ).stdout
    for option in ["--out", "--strict", "--batch-size", "--workers", "--model", "--max-bytes"]:
        assert option in out


def test_cli_rejects_missing_input(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(tmp_path / "nope"), "--out",
         str(tmp_path / "o")], capture_output=True, text=True,
    )
    assert proc.returncode == 2
    assert "no such file or folder" in proc.stderr


@pytest.mark.parametrize(("unread", "expected"), [(10_000, 64), (257, 64), (256, 16), (0, 16)])
def test_batches_shrink_near_the_end_of_the_input(unread: int, expected: int) -> None:
    from pipeline.flows import tail_batch_size

    assert tail_batch_size(unread, batch_size=64, window=4) == expected
    assert tail_batch_size(unread, batch_size=2, window=4) == (1 if unread <= 8 else 2)
