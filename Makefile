# Vietnam between the giants: build, test and read the book.
#   make book    install what the book needs (first run) and build the HTML into _build/html
#   make test    install what the tests need too (Chromium included) and run every test
#   make lab     open the chapters as notebooks in JupyterLab
#   make student build the student edition (no solutions) into _build/student/html
#   make bundle  zip the built book, data and notebooks for offline use (EDITION=student for students)
#   make pdf     install TeX Live (first run) and build the print edition: _build/vietnam-between-the-giants.pdf
#   make serve   serve the built book on http://127.0.0.1:8000
#   make bench   time execution and builds, weigh every page
#   make audit   Lighthouse (mobile, offline) on every page: scores and weights
#   make clean   remove the build (keeps the virtual environment); distclean removes both
#   make lock    re-resolve constraints.txt after changing a pin in requirements*.txt

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
BOOK_DEPS := $(VENV)/.book-deps
TEST_DEPS := $(VENV)/.test-deps
LAB_DEPS  := $(VENV)/.lab-deps
TEX_DEPS  := $(VENV)/.tex-deps
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE := $(VENV)/lighthouse/node_modules/.bin/lighthouse

.PHONY: book student bundle pdf audit test lab serve bench clean distclean lock help
.DEFAULT_GOAL := help

help:
	@sed -n '2,13p' Makefile | sed 's/^# //'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BOOK_DEPS): requirements.txt constraints.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@# Build matplotlib's font cache now: on first import it writes a notice to stderr,
	@# which the build (stderr_output: warn, warnings as errors) would treat as a failure.
	$(BIN)/python -c "import matplotlib.pyplot"
	@touch $@

$(TEST_DEPS): $(BOOK_DEPS) $(TEX_DEPS) requirements-test.txt scripts/install_browser.sh scripts/apt_install.sh
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	bash scripts/install_browser.sh
	@touch $@

$(TEX_DEPS): scripts/install_tex.sh scripts/apt_install.sh | $(BIN)/python
	bash scripts/install_tex.sh
	@touch $@

$(LAB_DEPS): $(BOOK_DEPS) requirements-lab.txt
	$(BIN)/python -m pip install --quiet -r requirements-lab.txt
	@touch $@

book: $(BOOK_DEPS)
	$(BIN)/python scripts/build.py

student: $(BOOK_DEPS)
	$(BIN)/python scripts/build.py --student

bundle: $(BOOK_DEPS)
	$(BIN)/python scripts/build.py $(if $(filter student,$(EDITION)),--student)
	$(BIN)/python scripts/bundle.py $(if $(filter student,$(EDITION)),--student)

pdf: $(BOOK_DEPS) $(TEX_DEPS)
	$(BIN)/python scripts/pdf.py

$(LIGHTHOUSE):
	@# Lighthouse 12 is the last line that runs on Node 20; it drives Debian's chromium.
	npm install --prefix $(VENV)/lighthouse --no-audit --no-fund --silent lighthouse@$(LIGHTHOUSE_VERSION)

audit: $(TEST_DEPS) $(LIGHTHOUSE)
	$(BIN)/python scripts/build.py
	$(BIN)/python scripts/audit.py $(LIGHTHOUSE)

test: $(TEST_DEPS)
	$(BIN)/python -m pytest

lab: $(LAB_DEPS)
	@# Open .md chapters as notebooks on double-click (jupytext's "Jupytext Notebook" view).
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@echo '{"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}}' \
	  > $(VENV)/share/jupyter/lab/settings/overrides.json
	$(BIN)/jupyter lab --notebook-dir=. book/

serve:
	@test -f _build/html/index.html || { echo "No built book yet: run 'make book' first."; exit 1; }
	@echo "Serving the book on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

bench: $(TEST_DEPS)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf _build

distclean: clean
	rm -rf $(VENV)

lock: | $(BIN)/python
	rm -rf _build/lock && $(PYTHON) -m venv _build/lock
	sed '/^-c /d' requirements.txt > _build/lock/requirements.txt
	sed '/^-c /d' requirements-test.txt > _build/lock/requirements-test.txt
	sed '/^-c /d' requirements-lab.txt > _build/lock/requirements-lab.txt
	_build/lock/bin/python -m pip install --quiet --upgrade "pip==25.3"
	_build/lock/bin/python -m pip install --quiet -r _build/lock/requirements.txt -r _build/lock/requirements-test.txt -r _build/lock/requirements-lab.txt
	{ echo "# Every package the book and its tests install, pinned. Made by 'make lock'; do not edit."; \
	  _build/lock/bin/python -m pip freeze --exclude-editable | grep -v '^giants'; } > _build/lock/constraints.txt
	mv _build/lock/constraints.txt constraints.txt
	@echo "constraints.txt updated: $$(grep -vc '^#' constraints.txt) packages pinned"
