# pmlib: two commands.
#   make lab    set up .venv (if absent) and open the course in JupyterLab
#   make test   same environment + test tools; lint and the whole test suite
# Needs only python3 (>= 3.10) and make. Override the interpreter with `make PYTHON=python3.12 ...`.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
LAB_ARGS ?=
PYTEST_ARGS ?=
# pip prints what it downloads and installs (the first install takes a few minutes);
# `make PIP_FLAGS=--quiet ...` hides it.
PIP_FLAGS ?= --progress-bar on

.PHONY: lab test lint bench doctor formulas clean help

help:
	@echo "make lab       set up $(VENV) and open the course in JupyterLab (on the repository root)"
	@echo "make test      lint + the whole test suite (notebooks and a real browser included)"
	@echo "make bench     run the benchmarks (prints ratios against baselines)"
	@echo "make doctor    print versions and whether the widget front end is installed"
	@echo "make formulas  regenerate docs/formulas.md from the library's docstrings"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "pmlib needs Python >= 3.10; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'
	@echo "== creating $(VENV) with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_FLAGS) --upgrade pip

$(VENV)/.installed-lab: $(BIN)/python pyproject.toml
	@echo "== installing pmlib and JupyterLab into $(VENV) (the first time takes a few minutes)"
	$(BIN)/python -m pip install $(PIP_FLAGS) -e ".[trainer]"
	@touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	@echo "== installing pmlib and the test tools into $(VENV) (the first time takes a few minutes)"
	$(BIN)/python -m pip install $(PIP_FLAGS) -e ".[test,trainer]"
	@touch $@

$(VENV)/.installed-bench: $(VENV)/.installed-test
	@echo "== installing the benchmark baselines into $(VENV)"
	$(BIN)/python -m pip install $(PIP_FLAGS) -e ".[test,trainer,bench]"
	@touch $@

# JupyterLab serves the repository root (lessons, exercises, data and docs are all reachable and
# every relative link works) and opens the start page. As root (containers, classroom servers)
# JupyterLab refuses to start without --allow-root: it is added, and said.
lab: $(VENV)/.installed-lab
	@if [ "$$(id -u)" = 0 ]; then echo "== running as root: starting JupyterLab with --allow-root"; fi
	$(BIN)/python -m jupyterlab --ServerApp.root_dir="$(CURDIR)" \
		$$( [ "$$(id -u)" = 0 ] && echo --allow-root ) notebooks/00_start_here.ipynb $(LAB_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/python -m ruff check pmlib tests benchmarks

test: lint
	@$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: treating that as a failure"; exit 1; fi; \
	exit $$rc

bench: $(VENV)/.installed-bench
	@failed=""; for script in benchmarks/bench_*.py; do \
		echo "== $$script"; $(BIN)/python $$script || failed="$$failed $$script"; done; \
	if [ -n "$$failed" ]; then echo "targets missed in:$$failed"; exit 1; fi; echo "all benchmark targets met"

doctor: $(VENV)/.installed-lab
	$(BIN)/python -c "import pmlib; pmlib.doctor()"

formulas: $(VENV)/.installed-lab
	$(BIN)/python -m pmlib.trainer.formulas docs/formulas.md

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
