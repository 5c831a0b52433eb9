# ordex: `make run` starts the hub on SQLite with demo data; `make test` runs every check
# (also on PostgreSQL when ORDEX_TEST_POSTGRES_URL is set); `make test-postgres` starts one.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test test-postgres test-chaos test-fuzz lint typecheck pytest docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

run: $(STAMP)
	ORDEX_DEMO=$${ORDEX_DEMO:-1} ORDEX_RATE_LIMIT=$${ORDEX_RATE_LIMIT:-off} ORDEX_ALLOW_PRIVATE_WEBHOOKS=$${ORDEX_ALLOW_PRIVATE_WEBHOOKS:-1} ORDEX_ALLOW_HTTP_WEBHOOKS=$${ORDEX_ALLOW_HTTP_WEBHOOKS:-1} $(BIN)/ordex serve

lint: $(DEV_STAMP)
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/ruff check src tests bench tools

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

pytest: $(DEV_STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

# The same, with a throwaway PostgreSQL cluster: the storage, e2e and concurrency tests
# then run on both databases (installs PostgreSQL with apt-get if there is none).
test-postgres:
	bash .ci/with-postgres $(MAKE) test

# The crash run (tests/chaos): orders while servers and workers are SIGKILLed and SIGTERMed
# and restarted, on SQLite (and PostgreSQL when ORDEX_TEST_POSTGRES_URL is set); prints what
# survived. Options: make test-chaos CHAOS_ARGS="--seconds 300 --seed 7" (see --help).
CHAOS_ARGS ?=
test-chaos: $(DEV_STAMP)
	$(BIN)/python -m tests.chaos $(CHAOS_ARGS)

# The generated reference pages: docs/configuration.md from the settings (every ORDEX_*).
docs: $(STAMP)
	$(BIN)/python -m ordex.config_reference > docs/configuration.md

# The differential fuzz (tests/conformance/fuzz): FUZZ_MUTANTS mutants of the official
# examples, native verdict against the official Schematron's; prints its seed first
# (ORDEX_FUZZ_SEED=<seed> replays a run) and fails on any disagreement outside the
# documented XSD cases. make test runs a sample of 150 (ORDEX_FUZZ_SAMPLE).
FUZZ_MUTANTS ?= 5000
test-fuzz: $(DEV_STAMP)
	FUZZ_MUTANTS=$(FUZZ_MUTANTS) $(BIN)/python -m tests.conformance.fuzz

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
