"""The temporary Prefect server a `pipeline run` starts when no PREFECT_API_URL is set."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from pipeline.prefect_server import ServerStartError, TemporaryServer


@pytest.fixture
def prefect_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    return tmp_path / "prefect"


@pytest.mark.slow
def test_server_answers_then_stops(prefect_home: Path) -> None:
    server = TemporaryServer()
    server.start()
    try:
        with urllib.request.urlopen(f"{server.api_url}/health", timeout=10) as response:
            assert response.status == 200 and json.loads(response.read()) is True
        process = server.process
        assert process is not None and process.poll() is None
    finally:
        server.stop()
    assert process.poll() is not None  # terminated, reaped
    assert server.process is None
    server.stop()  # stopping twice is harmless


def test_server_that_does_not_answer_in_time_is_an_error(prefect_home: Path) -> None:
    server = TemporaryServer()
    with pytest.raises(ServerStartError, match="did not answer within"):
        server.start(timeout=0.05)
    assert server.process is None  # the half-started server was stopped


@pytest.mark.slow
def test_server_stops_when_its_parent_is_killed(prefect_home: Path) -> None:
    """A `pipeline run` killed outright (no exit handler runs) leaves no server behind."""
    import os
    import signal
    import subprocess
    import sys
    import time

    code = (
        "from pipeline.prefect_server import TemporaryServer\n"
        "s = TemporaryServer(); s.start(); print(s.process.pid, flush=True)\n"
        "import time; time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    server_pid = int(parent.stdout.readline())
    os.kill(server_pid, 0)  # the server runs
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(server_pid, 0)
        except ProcessLookupError:
            return  # gone (reaped by init)
        if _is_zombie(server_pid):
            return
        time.sleep(0.2)
    os.kill(server_pid, signal.SIGKILL)
    pytest.fail("the temporary server outlived its killed parent")


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ", 1)[1].startswith("Z")
    except OSError:
        return False
