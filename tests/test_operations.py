"""Operations for real: a served flow on a real Prefect server, a Dask LocalCluster run, two
concurrent runs on one folder, a run killed with SIGKILL mid-write, a failing batch."""

from __future__ import annotations

import fcntl
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import schemas
from pipeline import storage
from tests.conftest import SEEDS
from tests.test_flow import build, harness, tables_of  # noqa: F401  (harness is a fixture)

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def env_for(home: Path, api_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               DO_NOT_TRACK="1")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def wait_for(check, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture()
def prefect_server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env_for(tmp_path / "server_home"), stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def healthy() -> bool:
        try:
            with urllib.request.urlopen(f"{api}/health", timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    try:
        wait_for(healthy, 120, "the Prefect server")
        yield api
    finally:
        stop(proc)
        log.close()


def test_served_flow_runs_on_a_real_server(prefect_server: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = env_for(tmp_path / "client_home", prefect_server)
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115
    serve = subprocess.Popen(
        [str(BIN / "pipeline"), "serve", "--cron", "0 0 1 1 *", "--name", "ci",
         str(SEEDS / "001_ministers_geneva.txt"), str(SEEDS / "006_wire_batch.jsonl"),
         "--out", str(out)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        def registered() -> bool:
            probe = subprocess.run([str(BIN / "prefect"), "deployment", "inspect",
                                    "build_dataset/ci"], env=env, capture_output=True)
            return probe.returncode == 0

        wait_for(registered, 120, "the served deployment")
        run = subprocess.run(
            [str(BIN / "prefect"), "deployment", "run", "build_dataset/ci", "--watch",
             "--watch-timeout", "300"],
            env=env, capture_output=True, text=True, timeout=360,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert "Completed" in run.stdout + run.stderr
    finally:
        stop(serve)
        log.close()
    articles = storage.read_table(out, "articles")
    assert len(articles) == 4  # one seed file plus three JSONL lines
    assert len(storage.read_table(out, "entities")) > 10


@pytest.mark.parametrize(
    ("runner", "options"),
    [("dask", {"dask_local": 2, "batch_size": 2}), ("pool", {"workers": 2, "batch_size": 3})],
)
def test_scaled_out_runs_give_the_local_tables(
    harness: None, tmp_path: Path, runner: str, options: dict[str, int]  # noqa: F811
) -> None:
    """A Dask LocalCluster of 2 workers and a 2-process pool write the local run's tables."""
    build([SEEDS], tmp_path / "local")
    build([SEEDS], tmp_path / runner, **options)
    local, scaled = tables_of(tmp_path / "local"), tables_of(tmp_path / runner)
    for table in schemas.TABLES:
        pd.testing.assert_frame_equal(local[table], scaled[table], obj=table)


def corpus(tmp_path: Path, copies: int) -> Path:
    """Distinct articles made from the seeds (a numbered sentence keeps them apart)."""
    src = tmp_path / "corpus"
    src.mkdir()
    bodies = [p for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(copies):
        seed = bodies[i % len(bodies)]
        text = seed.read_text(encoding="utf-8").rstrip("\n")
        (src / f"{i:04d}_{seed.name}").write_text(
            f"{text}\nThis is copy number {i} of the sample.\n", encoding="utf-8")
    return src


def locked(out: Path) -> bool:
    lock = out / storage.LOCK
    if not lock.exists():
        return False
    with open(lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def start_run(src: Path, out: Path, home: Path, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(BIN / "pipeline"), "run", str(src), "--out", str(out), "--batch-size", "4",
         "--part-size", "8"],
        env=env_for(home), stdout=open(log, "wb"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_second_concurrent_run_stops_with_a_clear_message(tmp_path: Path) -> None:
    src, out = corpus(tmp_path, 60), tmp_path / "out"
    first = start_run(src, out, tmp_path / "h1", tmp_path / "first.log")
    try:
        wait_for(lambda: locked(out), 120, "the first run to take the lock")
        second = subprocess.run(
            [str(BIN / "pipeline"), "run", str(src), "--out", str(out)],
            env=env_for(tmp_path / "h2"), capture_output=True, text=True, timeout=300,
        )
        assert second.returncode == 1
        assert "being written by another run" in second.stderr
        assert first.wait(timeout=600) == 0
    finally:
        stop(first)
    assert len(storage.read_table(out, "articles")) == 60


def test_kill_9_mid_write_then_rerun_equals_a_clean_run(harness: None, tmp_path: Path) -> None:  # noqa: F811
    src, out = corpus(tmp_path, 60), tmp_path / "out"
    victim = start_run(src, out, tmp_path / "h1", tmp_path / "victim.log")
    try:
        def writing() -> bool:
            return any((out / storage.SNAPSHOTS).glob("*/mentions/part-*.parquet"))

        wait_for(writing, 180, "the run to start writing parts")
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait()
    finally:
        stop(victim)
    assert storage.current_snapshot(out) is None  # nothing half-written is visible
    build([src], out)
    build([src], tmp_path / "clean")
    got, clean = tables_of(out), tables_of(tmp_path / "clean")
    for table in schemas.TABLES:
        pd.testing.assert_frame_equal(got[table], clean[table], obj=table)
    assert len(list((out / storage.SNAPSHOTS).iterdir())) == 1  # the crashed one is gone


def test_a_failing_batch_becomes_rejects_and_the_run_completes(
    harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
) -> None:
    from pipeline import process

    real = process.extract_batch

    def flaky(articles, **kwargs):  # type: ignore[no-untyped-def]
        if any("Kenya" in (a.title or "") for a in articles):
            raise OSError("disk on fire")
        return real(articles, **kwargs)

    monkeypatch.setattr(process, "extract_batch", flaky)
    summary = build([SEEDS], tmp_path, batch_size=1)
    rejects = tables_of(tmp_path)["rejects"]
    assert list(rejects["reason_code"]) == ["batch_failed"]
    assert "disk on fire" in rejects.loc[0, "message"]
    assert summary.n_articles == summary.n_inputs - 1


def test_a_failing_write_rejects_only_its_group(
    harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
) -> None:
    from pipeline import writer

    real = writer.write_batch

    def flaky(batch, **kwargs):  # type: ignore[no-untyped-def]
        if any("Kenya" in (a.article.title or "") for a in batch.articles):
            raise OSError("disk full")
        return real(batch, **kwargs)

    monkeypatch.setattr(writer, "write_batch", flaky)
    summary = build([SEEDS], tmp_path, batch_size=1, part_size=2)  # groups of two articles
    rejects = tables_of(tmp_path)["rejects"]
    assert list(rejects["reason_code"]) == ["batch_failed"] * 2  # Kenya's and its partner
    assert set(rejects["message"]) == {"OSError: disk full"}
    assert summary.n_articles == summary.n_inputs - 2
