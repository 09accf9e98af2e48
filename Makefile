# pmlib: two commands.
#   make lab    set up .venv (if absent) and open the course in JupyterLab
#   make test   same environment + test tools; lint and the whole test suite
# Needs only python3 (>= 3.10) and make. Override the interpreter with `make PYTHON=python3.12 ...`.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
LAB_ARGS ?=
PYTEST_ARGS ?=

.PHONY: lab test lint bench doctor clean help

help:
	@echo "make lab     set up $(VENV) and open the course in JupyterLab"
	@echo "make test    lint + the whole test suite (notebooks and a real browser included)"
	@echo "make bench   run the benchmarks (prints ratios against baselines)"
	@echo "make doctor  print versions and whether the widget front end is installed"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "pmlib needs Python >= 3.10; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-lab: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

$(VENV)/.installed-bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	@touch $@

lab: $(VENV)/.installed-lab
	$(BIN)/python -m jupyterlab notebooks/00_start_here.ipynb $(LAB_ARGS)

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

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
