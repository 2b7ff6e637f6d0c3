# office-roles: one entry point for learners, authors and CI. Needs GNU make, bash and python3 (with venv).
#
#   make lab      install, then open JupyterLab on notebooks/00_start_here.ipynb
#   make test     install, ruff, notebook-set checks, unit tests and nbval over every notebook (CI runs this)
#   make build    install, regenerate contents/navigation, make figures, re-execute every notebook in place,
#                 then normalise notebook metadata (the headless job that refreshes the committed outputs)
#   make figures  write every figure under figures/ from package code
#   make clean    remove caches and build leftovers (keeps the venv, the figures and the notebook outputs)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
export PIP_DISABLE_PIP_VERSION_CHECK = 1
VENV ?= .venv
PY = $(VENV)/bin/python
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed

NOTEBOOKS = notebooks/[0-9][0-9]_*.ipynb
LINT_PATHS = $(wildcard office_roles tests tools benchmarks)
BUILD_DIR = build
# JupyterLab refuses to start as root without --allow-root (CI machines and containers run as root).
LAB_FLAGS ?= $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

# Every notebook kernel, under `make build` and under nbval in `make test`, runs in the same environment, so
# the outputs nbval compares were produced under the conditions it tests in:
# - MPLBACKEND unset: ipykernel then picks the inline backend. An inherited MPLBACKEND=Agg would make every
#   plt.show() print nothing (the unit tests get Agg from tests/conftest.py, inside the pytest process only).
# - PYTHONHASHSEED=0: the order of sets of strings in printed output is the same on every run.
# - OFFICE_ROLES_STORE: a fresh responses database for each run, not the user's ~/.office_roles one.
NB_STORE = $(BUILD_DIR)/notebook-run/responses.sqlite
NB_ENV = env -u MPLBACKEND PYTHONHASHSEED=0 OFFICE_ROLES_STORE=$(abspath $(NB_STORE))
FRESH_STORE = mkdir -p $(dir $(NB_STORE)) && rm -f $(NB_STORE)

PYTEST_ARGS = tests notebooks --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
	-p no:cacheprovider

.PHONY: help install lab test build figures clean

help:
	@echo "make lab      open JupyterLab on notebooks/00_start_here.ipynb"
	@echo "make test     ruff, tools/notebooks.py --check, unit tests and nbval over every notebook"
	@echo "make build    regenerate navigation, figures, re-execute every notebook, normalise metadata"
	@echo "make figures  write the figures under figures/"
	@echo "make clean    remove caches and build leftovers"
	@echo "(VENV=$(VENV); the first target that needs it creates it and installs '.[test]')"

# The venv, rebuilt when pyproject.toml changes. Nothing else is registered: nbval runs with
# --nbval-current-env and nbconvert's python3 kernel resolves to this venv's Python.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
		echo "error: '$(PYTHON) -m venv $(VENV)' failed; on Debian/Ubuntu: apt-get install python3-venv" >&2; \
		exit 1; }
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -e '.[test]'
	@touch $@

install: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_FLAGS) notebooks/00_start_here.ipynb

test: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(PY) tools/notebooks.py --check
	@$(FRESH_STORE)
	$(NB_ENV) $(PY) -m pytest $(PYTEST_ARGS)

build: $(STAMP)
	$(PY) tools/notebooks.py --write
	$(MAKE) --no-print-directory figures
	@$(FRESH_STORE)
	$(NB_ENV) $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 $(NOTEBOOKS)
	$(PY) tools/notebooks.py --normalize

# Agg is right here (no kernel involved); SOURCE_DATE_EPOCH keeps SVG/PDF metadata free of the clock.
figures: $(STAMP)
	MPLBACKEND=Agg PYTHONHASHSEED=0 SOURCE_DATE_EPOCH=0 $(PY) -m office_roles.figures_cli

clean:
	rm -rf $(BUILD_DIR) .pytest_cache .ruff_cache .hypothesis tests/artifacts *.egg-info
	find . \( -path ./.git -o -path ./$(VENV) \) -prune -o -type d -name __pycache__ -prune \
		-exec rm -rf {} +
