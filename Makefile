# Vietnam between the giants: build, test and read the book. Python 3.11, 3.12 or 3.13.
#   make book    install what the book needs (first run) and build the HTML into _build/html
#   make check   the tests that need only Python packages: data, charts, maps, model, nbval, the HTML build
#   make test    make check plus the browser, JupyterLab, print-edition and offline-bundle tests (installs Chromium, TeX Live)
#   make nbval   run every chapter and compare its checked numbers (the fastest test of a change to a chapter)
#   make lab     open the chapters as notebooks in JupyterLab (MyST rendered by jupyterlab-myst)
#   make student build the student edition (no solutions) into _build/student/html
#   make student-lab  open the student copy of the chapters and assignments (no answers) in JupyterLab, kept in student-lab/
#   make grader  export the three assignments for nbgrader into _build/grader (installs requirements-grader.txt)
#   make bundle  zip the built book, data and notebooks for offline use (EDITION=student for students)
#   make pdf     install TeX Live (first run) and build the print edition: _build/vietnam-between-the-giants.pdf
#   make serve   serve the built book on http://127.0.0.1:8000
#   make bench   time bare execution, cold and warm builds and a test cycle; weigh every page
#   make audit   Lighthouse (mobile, offline) on every page: scores and weights
#   make other-python  build and run nbval under a second Python (3.11-3.13) if one is installed
#   make clean   remove the build (keeps the virtual environment); distclean removes both
#   make lock    re-resolve constraints.txt (for 3.11-3.13 at once) after changing a pin in requirements*.txt
#   make lint    the pre-commit hooks on every file: ruff (code and chapters), codespell, YAML/JSON/TOML, workflows
#   make linkcheck  build the book and check every external link in it (weekly in CI)
#   make drift   install the newest releases of the requirements (no pins, no constraints) and run make check
#   make release VERSION=x.y.z  bump CITATION.cff, .zenodo.json, _config.yml and CHANGELOG.md together
# Choose the interpreter with PYTHON=, for example: make book PYTHON=python3.13

PYTHON ?= python3
SUPPORTED_PYTHONS := 3.11 3.12 3.13
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
BOOK_DEPS    := $(VENV)/.book-deps
CHECK_DEPS   := $(VENV)/.check-deps
BROWSER_DEPS := $(VENV)/.browser-deps
LAB_DEPS     := $(VENV)/.lab-deps
TEX_DEPS     := $(VENV)/.tex-deps
UV_VERSION   := 0.13.9
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE := $(VENV)/lighthouse/node_modules/.bin/lighthouse
LINKCHECKER_VERSION := 10.6.0
# Tests run on every core, each test file (and each chapter's notebook) whole on one worker,
# longest first (the order tests/conftest.py gives them, not pytest-xdist's by count). One
# worker more than there are cores: browser, JupyterLab and build tests spend part of their
# time waiting, and the extra worker fills it (measured: about 8 % off a test cycle on 2 cores).
WORKERS ?= $(shell $(PYTHON) -c 'import os; print(len(os.sched_getaffinity(0)) + 1 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) + 1)' 2>/dev/null || echo 2)
PYTEST := $(BIN)/python -m pytest -n $(WORKERS) --dist loadfile --no-loadscope-reorder
# The tier that needs no system package: no browser, no TeX.
CHECK_TESTS := -m "not browser and not pdf and not slow"

.PHONY: book check test nbval student bundle pdf audit lab serve bench other-python clean distclean lock \
        help python-version
.DEFAULT_GOAL := help

help:
	@grep '^#   make' Makefile | sed 's/^#   /  /'

# The interpreter, checked before anything is installed: the venv's once it exists.
python-version:
	@PYTHON="$(PYTHON)" VENV="$(VENV)" ORIGIN="$(origin PYTHON)" SUPPORTED="$(SUPPORTED_PYTHONS)" \
	  sh scripts/check_python.sh

$(BIN)/python: | python-version
	$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV) with $(PYTHON). On Debian or Ubuntu: apt-get install python3-venv" >&2; exit 1; }

$(BOOK_DEPS): requirements.txt constraints.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@# Build matplotlib's font cache now: on first import it writes a notice to stderr,
	@# which the build (stderr_output: warn, warnings as errors) would treat as a failure.
	$(BIN)/python -c "import matplotlib.pyplot"
	@touch $@

$(CHECK_DEPS): $(BOOK_DEPS) requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

# System packages: only `make test`, `make pdf`, `make bench` and `make audit` install these.
$(BROWSER_DEPS): $(CHECK_DEPS) scripts/install_browser.sh scripts/apt_install.sh
	PYTHON=$(BIN)/python bash scripts/install_browser.sh
	@touch $@

$(TEX_DEPS): scripts/install_tex.sh scripts/apt_install.sh | $(BIN)/python
	bash scripts/install_tex.sh
	@touch $@

$(LAB_DEPS): $(BOOK_DEPS) requirements-lab.txt
	$(BIN)/python -m pip install --quiet -r requirements-lab.txt
	@touch $@

book: python-version $(BOOK_DEPS)
	$(BIN)/python scripts/build.py

check: python-version $(CHECK_DEPS)
	$(MAKE) --no-print-directory lint
	$(PYTEST) $(CHECK_TESTS)

test: python-version $(CHECK_DEPS) $(LAB_DEPS) $(BROWSER_DEPS) $(TEX_DEPS)
	GIANTS_FULL_TEST=1 $(PYTEST)

nbval: python-version $(CHECK_DEPS)
	$(PYTEST) book/

student: python-version $(BOOK_DEPS)
	$(BIN)/python scripts/build.py --student

bundle: python-version $(BOOK_DEPS)
	$(BIN)/python scripts/build.py $(if $(filter student,$(EDITION)),--student)
	$(BIN)/python scripts/bundle.py $(if $(filter student,$(EDITION)),--student)

pdf: python-version $(BOOK_DEPS) $(TEX_DEPS)
	$(BIN)/python scripts/pdf.py

$(LIGHTHOUSE):
	@# Lighthouse 12 is the last line that runs on Node 20; it drives Debian's chromium.
	npm install --prefix $(VENV)/lighthouse --no-audit --no-fund --silent lighthouse@$(LIGHTHOUSE_VERSION)

audit: python-version $(BROWSER_DEPS) $(LIGHTHOUSE)
	$(BIN)/python scripts/build.py
	$(BIN)/python scripts/audit.py $(LIGHTHOUSE)

lab: python-version $(LAB_DEPS)
	@# Open .md chapters as notebooks on double-click (jupytext), MyST rendered (jupyterlab-myst).
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@cp scripts/jupyterlab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	@# As root (a container, many classroom servers) JupyterLab refuses to start without
	@# --allow-root; LAB_ARGS passes more options: make lab LAB_ARGS="--no-browser --ip=0.0.0.0 --port=8888"
	$(BIN)/jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS) book/

# A student's JupyterLab: the pages without solutions or checked outputs, copied once into
# STUDENT_LAB and never overwritten there (it holds the student's work; delete a file to start
# it afresh). The teacher's book/ stays out of reach of Run All.
STUDENT_LAB ?= student-lab
.PHONY: student-lab grader
student-lab: python-version $(LAB_DEPS)
	$(BIN)/python scripts/build.py --student-lab $(STUDENT_LAB)
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@cp scripts/jupyterlab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	$(BIN)/jupyter lab --notebook-dir=$(STUDENT_LAB)/book $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

# nbgrader, only here and in the grader tests: the book itself never needs it.
GRADER_DEPS := $(VENV)/.grader-deps
$(GRADER_DEPS): $(BOOK_DEPS) requirements-grader.txt
	$(BIN)/python -m pip install --quiet -r requirements-grader.txt
	@touch $@

# make test runs nbgrader on a correct and a wrong submission (tests/test_grader.py).
test: $(GRADER_DEPS)

grader: python-version $(GRADER_DEPS)
	$(BIN)/python scripts/grader.py _build/grader

serve:
	@test -f _build/html/index.html || { echo "No built book yet: run 'make book' first."; exit 1; }
	@echo "Serving the book on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

bench: python-version $(BROWSER_DEPS) $(TEX_DEPS)
	$(BIN)/python scripts/bench.py

other-python: python-version $(CHECK_DEPS)
	$(BIN)/python scripts/other_python.py

clean:
	rm -rf _build

distclean: clean
	rm -rf $(VENV)

# One constraints file for Python 3.11, 3.12 and 3.13, resolved by uv for all three at once
# (--universal), preferring one version of each package across them (--fork-strategy fewest),
# and keeping every pin that still fits (uv reads the current constraints.txt).
# Every requirements file, so whatever any target installs is pinned in constraints.txt.
LOCKED_REQUIREMENTS := requirements.txt requirements-test.txt requirements-lab.txt requirements-grader.txt \
                       requirements-dev.txt requirements-notebooks.txt
lock: python-version | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	rm -rf _build/lock && mkdir -p _build/lock
	for file in $(LOCKED_REQUIREMENTS); do \
	  sed '/^-c /d;/^-e /d' $$file > _build/lock/$$file; done
	$(BIN)/uv pip compile --quiet --universal --fork-strategy fewest --python-version 3.11 \
	  --custom-compile-command "make lock" -o constraints.txt \
	  $(addprefix _build/lock/,$(LOCKED_REQUIREMENTS))
	@echo "constraints.txt updated: $$(grep -c '^[a-z]' constraints.txt) pins for Python $(SUPPORTED_PYTHONS)"

# Maintainers' tools (requirements-dev.txt): pre-commit and the linters its hooks run.
$(CHECK_DEPS): requirements-dev.txt

.PHONY: lint linkcheck drift release

# The hooks run the venv's tools (repo: local in .pre-commit-config.yaml), so its bin/ leads PATH.
lint: python-version $(CHECK_DEPS)
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/pre-commit run --all-files --show-diff-on-failure

# Every external link in the built book, checked from here (linkchecker pinned); fails with
# the list of broken ones. Internal links are checked offline by tests/test_maintenance.py.
linkcheck: python-version $(BOOK_DEPS)
	$(BIN)/python -m pip install --quiet "linkchecker==$(LINKCHECKER_VERSION)"
	$(BIN)/python scripts/build.py
	$(BIN)/linkchecker --config scripts/linkcheckerrc _build/html/index.html

# Drift: the newest release of every package requirements.txt and requirements-test.txt name
# (their exact pins and constraints.txt dropped; jupyter-book kept below 2), then make check,
# so a breaking release shows before `make lock` brings it in. The lint tools stay pinned.
drift: python-version | $(BIN)/python
	rm -rf _build/drift && mkdir -p _build/drift
	for file in requirements.txt requirements-test.txt; do \
	  sed -E '/^-c /d; s/^jupyter-book==.*/jupyter-book<2/; s/^([A-Za-z0-9_.-]+)==.*/\1/' $$file > _build/drift/$$file; done
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --upgrade --upgrade-strategy eager \
	  -r _build/drift/requirements.txt -r _build/drift/requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -c "import matplotlib.pyplot"
	$(BIN)/python -m pip freeze --exclude-editable > _build/drift/installed.txt
	@echo "Installed (newest releases): _build/drift/installed.txt"
	@touch $(BOOK_DEPS) $(CHECK_DEPS)
	$(MAKE) --no-print-directory check

# A release: VERSION=x.y.z (semver, above the current one) written to CITATION.cff,
# .zenodo.json, _config.yml and CHANGELOG.md together, or nothing written at all.
release: python-version | $(BIN)/python
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z" >&2; exit 2; }
	$(BIN)/python scripts/release.py "$(VERSION)"
