# office-roles: one entry point for learners, authors and CI. Needs GNU make, bash and python3 (with venv).
#
#   make lab      install, then open JupyterLab on notebooks/00_start_here.ipynb
#   make test     install, ruff, notebook-set checks, unit tests and nbval over every notebook (CI runs this)
#                 (the unit tests include tests/test_browser.py: chromium drives the app, the slides and lab)
#   make build    install, regenerate contents/navigation, make figures, re-execute every notebook in place,
#                 then normalise notebook metadata (the headless job that refreshes the committed outputs)
#   make figures  write every figure under figures/ from package code
#   make app      serve the discussion exercises as a Voilà web app (widgets only, no code) on 127.0.0.1:8866
#   make slides   turn the lessons into reveal.js slides under build/slides/ that open offline
#   make book     build the static HTML book of both editions into build/book/ (opens from file://, offline)
#   make handouts print-ready A4 PDFs (and the record sheet as .docx) under build/handouts/{zh,en}/
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

# The classroom app. Answers go to APP_STORE: $OFFICE_ROLES_STORE if set, else the file the notebooks use by
# default, so answers given in JupyterLab and in the app pool together (never the throwaway store above).
# Every page load starts a kernel (voila#515): kernels of closed tabs are culled after 15 idle minutes (checked
# every minute; open tabs are kept), and a cell that runs for more than 2 minutes is stopped.
APP_NOTEBOOK = notebooks/03_discussion_exercises.ipynb
APP_PORT ?= 8866
APP_STORE ?= $(or $(OFFICE_ROLES_STORE),$(HOME)/.office_roles/responses.sqlite)
VOILA_FLAGS = --no-browser --port=$(APP_PORT) --template=lab --strip_sources=True --Voila.ip=127.0.0.1 \
	--MappingKernelManager.cull_interval=60 --MappingKernelManager.cull_idle_timeout=900 \
	--VoilaExecutor.timeout=120

# Slides of the lessons (every notebook with an Exercises section: not 00, not the instructor guide; the rule
# of is_lesson in tools/notebooks.py, which writes their slide metadata). They use the saved outputs, and load
# reveal.js and require.js from copies next to them, so they open from file:// with no network.
SLIDES_DIR = $(BUILD_DIR)/slides
LESSONS = $(filter-out notebooks/00_% %_instructor_guide.ipynb,$(wildcard $(NOTEBOOKS)))
SLIDES_FLAGS = --to slides --output-dir=$(SLIDES_DIR) --template-file=$(SLIDES_DIR)/lib/offline.slides.html.j2 \
	--SlidesExporter.reveal_url_prefix=reveal.js --SlidesExporter.reveal_theme=white \
	--HTMLExporter.require_js_url=lib/require.min.js

.PHONY: help install lab test build figures clean app slides book handouts

help:
	@echo "make lab      open JupyterLab on notebooks/00_start_here.ipynb"
	@echo "make test     ruff, tools/notebooks.py --check, unit tests and nbval over every notebook"
	@echo "make build    regenerate navigation, figures, re-execute every notebook, normalise metadata"
	@echo "make figures  write the figures under figures/"
	@echo "make app      serve the discussion exercises as a web app on http://127.0.0.1:$(APP_PORT)/"
	@echo "make slides   write offline reveal.js slides of the lessons to $(SLIDES_DIR)/"
	@echo "make book     build the static HTML book (zh and en) into $(BUILD_DIR)/book/"
	@echo "make handouts write printable A4 handouts (PDF, record sheet .docx) to $(HANDOUTS_DIR)/{zh,en}/"
	@echo "make clean    remove caches and build leftovers"
	@echo "(VENV=$(VENV); the first target that needs it creates it and installs '.[test,book]')"

# The venv, rebuilt when pyproject.toml changes. Nothing else is registered: nbval runs with
# --nbval-current-env and nbconvert's python3 kernel resolves to this venv's Python.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
		echo "error: '$(PYTHON) -m venv $(VENV)' failed; on Debian/Ubuntu: apt-get install python3-venv" >&2; \
		exit 1; }
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -e '.[test,book]'
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
	MPLBACKEND=Agg PYTHONHASHSEED=0 SOURCE_DATE_EPOCH=0 $(PY) -m office_roles.plots

app: $(STAMP)
	@echo "Classroom app on http://127.0.0.1:$(APP_PORT)/ ; answers go to $(APP_STORE) ; Ctrl-C stops it"
	env -u MPLBACKEND OFFICE_ROLES_STORE="$(APP_STORE)" $(BIN)/voila $(APP_NOTEBOOK) $(VOILA_FLAGS)

slides: $(STAMP)
	$(PY) tools/notebooks.py --slide-assets $(SLIDES_DIR)
	$(BIN)/jupyter nbconvert $(SLIDES_FLAGS) $(LESSONS)
	@echo "slides: open $(SLIDES_DIR)/*.slides.html in a browser (no network needed)"

# The book reads the notebooks' saved outputs (nothing is executed) and the data; see office_roles/book/.
book: $(STAMP)
	$(PY) -m office_roles.book
# Typst from its PyPI wheel with the packaged Noto fonts: no browser, no system fonts, no network.
HANDOUTS_DIR = $(BUILD_DIR)/handouts
handouts: $(STAMP)
	$(PY) -m office_roles.handouts --out $(HANDOUTS_DIR)
	@echo "handouts: print $(HANDOUTS_DIR)/{zh,en}/*.pdf on A4 at 100% (no fit-to-page); d_answer_key is the instructor's"

clean:
	rm -rf $(BUILD_DIR) .pytest_cache .ruff_cache .hypothesis tests/artifacts *.egg-info
	find . \( -path ./.git -o -path ./$(VENV) \) -prune -o -type d -name __pycache__ -prune \
		-exec rm -rf {} +

# The parser on the development corpus (tests/corpus/): heading F1, item kinds, lists, cleaning, speed per text.
evaluate: $(STAMP)
	$(PY) tools/evaluate_parser.py
