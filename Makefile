# Two commands on a fresh machine: `make demo` and `make test`. Each creates or reuses .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# Reinstall only when the project's dependencies change.
STAMP  := $(VENV)/.deps-$(shell cat pyproject.toml Makefile | cksum | cut -d' ' -f1)

.PHONY: demo test lint typecheck bench venv clean

venv: $(STAMP)

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# CPU-only torch first, so that sentence-transformers does not pull a CUDA build.
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev,semantic]'
	rm -f $(VENV)/.deps-* && touch $@

demo: venv
	$(BIN)/agentguard demo

test: venv
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check agentguard tests benchmarks examples
	$(BIN)/ruff format --check agentguard tests benchmarks examples
	$(BIN)/mypy

bench:
	bash benchmarks/setup_peers.sh
	.bench-venv/bin/python benchmarks/bench_secrets.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
