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
