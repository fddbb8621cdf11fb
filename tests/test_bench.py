"""The benchmark's CPU accounting (benchmarks/bench.py) on made-up samples."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    pytest.importorskip("psutil")
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module
    spec.loader.exec_module(module)
    return module


def test_cpu_between_splits_a_window_by_role(bench: ModuleType) -> None:
    samples = [
        (9.0, 100.0, {1: ("main", 0.5)}),  # before the window: ignored
        (10.0, 110.0, {1: ("main", 1.0), 2: ("workers", 3.0), 3: ("server", 2.0)}),
        (15.0, 125.0, {1: ("main", 1.5), 2: ("workers", 8.0), 3: ("server", 2.5),
                       4: ("workers", 1.0)}),  # 4 started inside the window
        (20.0, 135.0, {1: ("main", 2.0), 3: ("server", 3.0)}),  # 2 and 4 have ended
        (21.0, 999.0, {1: ("main", 9.0)}),  # after the window: ignored
    ]
    cpu = bench.cpu_between(samples, 10.0, 20.0)
    assert cpu["window"] == pytest.approx(10.0)
    assert cpu["main"] == pytest.approx(1.0)
    assert cpu["workers"] == pytest.approx(5.0 + 1.0)  # last sampled CPU of ended processes
    assert cpu["server"] == pytest.approx(1.0)
    assert cpu["machine"] == pytest.approx(25.0)
    assert cpu["others"] == pytest.approx(25.0 - 8.0)


def test_cpu_between_needs_two_samples(bench: ModuleType) -> None:
    assert bench.cpu_between([(10.0, 1.0, {1: ("main", 1.0)})], 0.0, 20.0) == {}
