# office-roles: one entry point for learners, authors and CI. Needs GNU make, bash and python3 (with venv).
#
#   make lab      install the learners' set, then open JupyterLab on the start page notebooks/index.ipynb (pick
#                 an edition); make lab EDITION=zh|en goes straight to that edition (zh: JupyterLab's menus in Chinese)
#   make test     install the test set, ruff, notebook-set checks, unit tests and nbval over every notebook (CI)
#                 (the unit tests include tests/test_browser.py: chromium drives the app, the slides and lab)
#   make build    install, render both editions from notebooks/source/, make figures, re-execute every notebook
#                 of both editions in place, then normalise metadata (refreshes the committed outputs)
#   make figures  write every figure under figures/ from package code
#   make app      serve the discussion exercises as a Voilà web app (widgets only, no code) on 127.0.0.1:8866;
#                 EDITION=zh (default) or EDITION=en
#   make slides   turn the lessons of both editions into reveal.js slides under build/slides/{zh,en}/ that open
#                 offline; code is hidden (content, figures, tables, questions); SLIDES_CODE=1 keeps it
#   make book     build the static HTML book of both editions into build/book/ (opens from file://, offline)
#   make handouts print-ready A4 PDFs (and the record sheet as .docx) under build/handouts/{zh,en}/
#   make clean    remove caches and build leftovers (keeps the venv, the figures and the notebook outputs)
#   make install  install the test set only (what CI runs first); make lock re-resolves the lock files

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
export PIP_DISABLE_PIP_VERSION_CHECK = 1
VENV ?= .venv
PY = $(VENV)/bin/python
BIN = $(VENV)/bin

# Installs come from lock files that pin every package, so a class that worked in spring installs the same set in
# autumn. requirements/test.txt is `.[test]` (tests, CI, authors); requirements/lab.txt is the learners' set (the
# base dependencies: JupyterLab, Voilà, the package's libraries) pinned to the same versions, without pytest,
# playwright, hypothesis or ruff. Both are `uv pip compile --universal` files: one line per package and Python
# range, readable by uv and by pip alike, so the pip fallback installs the very same versions.
LOCK_TEST = requirements/test.txt
LOCK_LAB = requirements/lab.txt
STAMP_TEST = $(VENV)/.installed-test
STAMP_LAB = $(VENV)/.installed-lab
# INSTALLER=auto uses uv when it is on PATH or in the venv, else bootstraps UV_BOOTSTRAP from PyPI into the venv,
# else falls back to pip; INSTALLER=uv or INSTALLER=pip forces one.
INSTALLER ?= auto
UV_BOOTSTRAP ?= uv==0.13.9
# The lock covers every Python from this floor up (requires-python in pyproject.toml; a test checks they agree).
LOCK_PYTHON = 3.10
LOCK_FLAGS = --universal --python-version $(LOCK_PYTHON) --annotation-style line --custom-compile-command "make lock"
# make lock keeps every pin it can; UPGRADE=1 moves everything to the newest allowed, UPGRADE=pandas one package.
UPGRADE ?=
LOCK_UPGRADE = $(if $(filter 1,$(UPGRADE)),--upgrade,$(foreach p,$(UPGRADE),--upgrade-package $(p)))
# uv must not fetch a Python of its own (the venv's is used) and its index is PyPI unless UV_DEFAULT_INDEX says.
export UV_PYTHON_DOWNLOADS = never

# Two editions of every notebook, rendered from one source in notebooks/source/ by tools/notebooks.py.
EDITIONS = zh en
EDITION ?=
ifneq ($(filter-out zh en,$(EDITION)),)
$(error EDITION must be zh or en, not '$(EDITION)')
endif
NOTEBOOKS = $(foreach e,$(EDITIONS),notebooks/$(e)/[0-9][0-9]_*.ipynb)
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

PYTEST_ARGS = tests $(foreach e,$(EDITIONS),notebooks/$(e)) --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
	-p no:cacheprovider

# The classroom app. Answers go to APP_STORE: $OFFICE_ROLES_STORE if set, else the file the notebooks use by
# default, so answers given in JupyterLab and in the app pool together (never the throwaway store above).
# Every visitor gets a kernel of their own (voila#515): kernels of closed tabs are culled after 15 idle minutes
# (checked every minute; open tabs and the pool are kept), and a cell that runs for more than 2 minutes is stopped.
# Preheating: Voilà keeps APP_POOL kernels that have already run the notebook, with the page rendered, and hands
# one to each new visitor (then starts a replacement), so the widgets appear at once instead of after the whole
# notebook ran. Each waiting kernel holds about 170 MB; set APP_POOL to the number of learners who open the app at
# the same moment (APP_POOL=0: no pool, a kernel starts per visit). A replacement starts APP_REFILL_DELAY seconds
# after a kernel is handed out: when a whole room arrives at once, replacements that start at once would run the
# notebook on the CPUs the visitors' pages need (the crowd of benchmarks/notebooks.py, pool of 10, one after the
# other on a loaded 2-CPU machine: widgets after 95 s with Voilà's 1 s delay, 33 s with 120 s). The notebook reads
# nothing of the request, and the kernels inherit the server's environment, OFFICE_ROLES_STORE included.
APP_NOTEBOOK = notebooks/$(or $(EDITION),zh)/03_discussion_exercises.ipynb
APP_PORT ?= 8866
APP_POOL ?= 4
APP_REFILL_DELAY ?= 60
APP_STORE ?= $(or $(OFFICE_ROLES_STORE),$(HOME)/.office_roles/responses.sqlite)
APP_PREHEAT = $(if $(filter-out 0,$(APP_POOL)),--preheat_kernel=True --pool_size=$(APP_POOL) \
	--VoilaKernelManager.fill_delay=$(APP_REFILL_DELAY))
VOILA_FLAGS = --no-browser --port=$(APP_PORT) --template=office-roles --strip_sources=True --Voila.ip=127.0.0.1 \
	--MappingKernelManager.cull_interval=60 --MappingKernelManager.cull_idle_timeout=900 \
	--VoilaExecutor.timeout=120 $(APP_VOILA_EXTENSIONS) $(APP_PREHEAT)
# The template office-roles (share/jupyter/voila/templates/, found through APP_JUPYTER_PATH) is Voilà's lab
# template with Font Awesome served by this server instead of a CDN: a CDN that does not answer held the page's
# scripts, and so every widget, for about 30 s.
APP_JUPYTER_PATH = $(CURDIR)/share/jupyter$(if $(JUPYTER_PATH),:$(JUPYTER_PATH))
# The page loads only the front-end extensions the app uses (the widgets): JupyterLab's Voilà preview and the
# syntax-highlighting theme are installed for the lab, but each would cost the app's page two more scripts.
APP_VOILA_EXTENSIONS = --VoilaConfiguration.extension_denylist=@voila-dashboards/jupyterlab-preview \
	--VoilaConfiguration.extension_denylist=jupyterlab_pygments

# Slides of the lessons (every notebook with an Exercises section: not 00, not the instructor guide; the rule
# of is_lesson in tools/notebooks.py, which writes their slide metadata). They use the saved outputs, and load
# reveal.js and require.js from copies next to them, so they open from file:// with no network.
SLIDES_DIR = $(BUILD_DIR)/slides
# Decks are for presenting the article: code is hidden unless SLIDES_CODE=1 (a programming class). The
# discussion prompts get slides of their own with the facilitator notes as speaker notes (office_roles/slides.py).
LESSONS = $(filter-out %/00_start_here.ipynb %_instructor_guide.ipynb,$(wildcard $(NOTEBOOKS)))
SLIDES_CODE ?=
SLIDES_FLAGS = --to slides --template-file=$(SLIDES_DIR)/lib/offline.slides.html.j2 \
	--SlidesExporter.reveal_url_prefix=../reveal.js --SlidesExporter.reveal_theme=white \
	--HTMLExporter.require_js_url=../lib/require.min.js \
	--SlidesExporter.preprocessors=office_roles.slides.SpeakerNotes
SLIDES_HIDE_CODE = $(if $(filter 1,$(SLIDES_CODE)),,--no-input)

# JupyterLab's own interface in Chinese for the Chinese edition: the language pack
# (jupyterlab-language-pack-zh-CN) is chosen in a user-settings folder of our own, the file Settings → Language
# would write, so the reader's own JupyterLab settings are left alone.
LAB_SETTINGS = $(BUILD_DIR)/lab-settings/$(EDITION)
LAB_START = $(if $(EDITION),notebooks/$(EDITION)/00_start_here.ipynb,notebooks/index.ipynb)

.PHONY: help install lab test build figures clean app slides book handouts lock

help:
	@echo "make lab      open JupyterLab on the start page (EDITION=zh or EDITION=en: straight into that edition)"
	@echo "make test     ruff, tools/notebooks.py --check, unit tests and nbval over every notebook"
	@echo "make build    render both editions, figures, re-execute every notebook, normalise metadata"
	@echo "make figures  write the figures under figures/"
	@echo "make app      serve the discussion exercises as a web app on http://127.0.0.1:$(APP_PORT)/ (EDITION=zh|en)"
	@echo "             ($(APP_POOL) preheated kernels: APP_POOL=N make app)"
	@echo "make slides   write offline reveal.js slides of both editions to $(SLIDES_DIR)/ (SLIDES_CODE=1 keeps code)"
	@echo "make book     build the static HTML book (zh and en) into $(BUILD_DIR)/book/"
	@echo "make handouts write printable A4 handouts (PDF, record sheet .docx) to $(HANDOUTS_DIR)/{zh,en}/"
	@echo "make clean    remove caches and build leftovers"
	@echo "make install  install the test set from $(LOCK_TEST) (make lab installs only $(LOCK_LAB))"
	@echo "make lock     re-resolve $(LOCK_TEST) and $(LOCK_LAB) after a change to pyproject.toml"
	@echo "(VENV=$(VENV); the first target that needs it creates it; INSTALLER=$(INSTALLER): uv, else pip)"

# The venv, brought up to date when pyproject.toml or a lock file changes. Nothing else is registered: nbval runs
# with --nbval-current-env and nbconvert's python3 kernel resolves to this venv's Python.
# A literal comma inside $(call …) arguments: [test$(comma)book].
comma := ,
# $(call locked_install,<lock file>,<extra>): the venv, then the lock and the package (editable) into it.
# uv installs a cold set several times faster than pip (benchmarks/install.py); it is not required.
define locked_install
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
		echo "error: '$(PYTHON) -m venv $(VENV)' failed; on Debian/Ubuntu: apt-get install python3-venv" >&2; \
		exit 1; }
	@uv=""; \
	if [ "$(INSTALLER)" != pip ]; then \
		uv="$$(command -v uv || true)"; \
		if [ -z "$$uv" ] && [ -x $(BIN)/uv ]; then uv=$(BIN)/uv; fi; \
		if [ -z "$$uv" ]; then \
			echo "install: uv not found; bootstrapping $(UV_BOOTSTRAP) from PyPI into $(VENV)"; \
			if $(PY) -m pip install -q "$(UV_BOOTSTRAP)"; then uv=$(BIN)/uv; \
			elif [ "$(INSTALLER)" = uv ]; then echo "error: could not install uv" >&2; exit 1; \
			else echo "install: could not install uv; installing with pip instead" >&2; fi; \
		fi; \
	fi; \
	if [ -n "$$uv" ]; then \
		echo "+ $$uv pip install --python $(PY) -r $(1) -e '.$(2)'"; \
		"$$uv" pip install --python $(PY) -r $(1) -e '.$(2)'; \
	else \
		echo "+ $(PY) -m pip install -r $(1) -e '.$(2)'"; \
		$(PY) -m pip install --upgrade pip && $(PY) -m pip install -r $(1) -e '.$(2)'; \
	fi
endef

# The test set contains the learners' set at the same versions, so it brings the lab stamp up to date too.
$(STAMP_TEST): pyproject.toml $(LOCK_TEST)
	$(call locked_install,$(LOCK_TEST),[test$(comma)book])
	@touch $@ $(STAMP_LAB)

$(STAMP_LAB): pyproject.toml $(LOCK_LAB)
	$(call locked_install,$(LOCK_LAB),)
	@touch $@

install: $(STAMP_TEST)

# Re-resolve both lock files from pyproject.toml (needs uv and PyPI): test first, then the learners' set
# constrained to the test set's versions, so learners run exactly what CI tested.
lock:
	@uv="$$(command -v uv || true)"; if [ -z "$$uv" ] && [ -x $(BIN)/uv ]; then uv=$(BIN)/uv; fi; \
	if [ -z "$$uv" ]; then echo "error: make lock needs uv: make install, or pip install uv" >&2; exit 1; fi; \
	set -x; \
	"$$uv" pip compile pyproject.toml --extra test --extra book $(LOCK_FLAGS) $(LOCK_UPGRADE) -q -o $(LOCK_TEST); \
	"$$uv" pip compile pyproject.toml $(LOCK_FLAGS) -c $(LOCK_TEST) $(LOCK_UPGRADE) -q -o $(LOCK_LAB)

lab: $(STAMP_LAB)
	$(if $(EDITION),$(PY) tools/notebooks.py --lab-settings $(LAB_SETTINGS) $(if $(filter zh,$(EDITION)),zh_CN,en))
	$(BIN)/jupyter lab $(LAB_FLAGS) $(if $(EDITION),--LabApp.user_settings_dir=$(abspath $(LAB_SETTINGS))) \
		$(LAB_START)

test: $(STAMP_TEST)
	$(BIN)/ruff check $(LINT_PATHS)
	$(PY) tools/notebooks.py --check
	@$(FRESH_STORE)
	$(NB_ENV) $(PY) -m pytest $(PYTEST_ARGS)

build: $(STAMP_LAB)
	$(PY) tools/notebooks.py --write
	$(MAKE) --no-print-directory figures
	@$(FRESH_STORE)
	$(NB_ENV) $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 $(NOTEBOOKS)
	$(PY) tools/notebooks.py --normalize
	$(PY) tools/notebooks.py --write

# Agg is right here (no kernel involved); SOURCE_DATE_EPOCH keeps SVG/PDF metadata free of the clock.
figures: $(STAMP_LAB)
	MPLBACKEND=Agg PYTHONHASHSEED=0 SOURCE_DATE_EPOCH=0 $(PY) -m office_roles.plots

app: $(STAMP_LAB)
	@echo "Classroom app on http://127.0.0.1:$(APP_PORT)/ ; answers go to $(APP_STORE) ; \
		$(if $(APP_PREHEAT),$(APP_POOL) preheated kernels (APP_POOL),no preheated kernels) ; Ctrl-C stops it"
	env -u MPLBACKEND JUPYTER_PATH="$(APP_JUPYTER_PATH)" OFFICE_ROLES_STORE="$(APP_STORE)" $(BIN)/voila $(APP_NOTEBOOK) \
		$(VOILA_FLAGS)

slides: $(STAMP_LAB)
	$(PY) tools/notebooks.py --slide-assets $(SLIDES_DIR)
	for e in $(EDITIONS); do \
		$(BIN)/jupyter nbconvert $(SLIDES_FLAGS) $(SLIDES_HIDE_CODE) --output-dir=$(SLIDES_DIR)/$$e \
			$$(ls notebooks/$$e/[0-9][0-9]_*.ipynb | grep -v -e /00_start_here -e _instructor_guide); \
	done
	@echo "slides: open $(SLIDES_DIR)/zh/*.slides.html or $(SLIDES_DIR)/en/*.slides.html (no network needed)"

# The book reads the notebooks' saved outputs (nothing is executed) and the data; see office_roles/book/.
book: $(STAMP_TEST)
	$(PY) -m office_roles.book
# Typst from its PyPI wheel with the packaged Noto fonts: no browser, no system fonts, no network.
HANDOUTS_DIR = $(BUILD_DIR)/handouts
handouts: $(STAMP_LAB)
	$(PY) -m office_roles.handouts --out $(HANDOUTS_DIR)
	@echo "handouts: print $(HANDOUTS_DIR)/{zh,en}/*.pdf on A4 at 100% (no fit-to-page); d_answer_key is the instructor's"

clean:
	rm -rf $(BUILD_DIR) .pytest_cache .ruff_cache .hypothesis tests/artifacts *.egg-info
	find . \( -path ./.git -o -path ./$(VENV) \) -prune -o -type d -name __pycache__ -prune \
		-exec rm -rf {} +

# The parser on the development corpus (tests/corpus/): heading F1, item kinds, lists, cleaning, speed per text.
evaluate: $(STAMP_LAB)
	$(PY) tools/evaluate_parser.py
