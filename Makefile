# The two commands of the README: `make site` and `make test`. Everything they need is set up here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSDEPS := $(VENV)/.sysdeps
NODE_STAMP := node_modules/.installed

.PHONY: site test serve clean bench lint golden translations venv sysdeps

## site: set up, ingest sources/ into content/, build output/ (pages, search index, PDFs)
site: $(STAMP) $(SYSDEPS)
	$(BIN)/briefings ingest sources
	$(BIN)/briefings build
	@echo "The site is in output/. Serve it: 'make serve' (http://127.0.0.1:8000/) or any static server; opened as a file it has no styles or chronology (see README.md)"

## test: set up, then run the whole test suite (lint, unit, end-to-end, browser)
test: $(STAMP) $(SYSDEPS) $(NODE_STAMP)
	$(BIN)/ruff check briefings tests pelican.conf.py scripts
	$(BIN)/python -m pytest

## serve: local preview on http://127.0.0.1:8000 (`make serve PORT=8001`: another port) that
##        rebuilds when content, theme or settings change; `briefings validate` runs again on
##        every change to content/ and prints what is wrong; a failed rebuild is reported once
##        and waits for the next change. Pelican stays in one process, so the incremental plugin
##        (briefings/plugins/incremental) re-reads only changed files and renders only the pages
##        whose inputs changed. Ctrl-C or SIGTERM stops all of it (briefings/serve/)
PORT = 8000
serve: $(STAMP)
	$(BIN)/briefings serve --port $(PORT)

## bench: the performance benchmark; writes BENCHMARKS.md
bench: $(STAMP) $(SYSDEPS)
	$(BIN)/briefings bench

## golden: after an intended change to what ingest drafts or the site shows, refresh every
##         golden file and the committed content/ drafted from sources/; review `git diff`
GOLDEN_TESTS := tests/ingest/test_golden.py tests/site/test_chronology_golden.py \
	tests/citations/test_sources_page.py
golden: $(STAMP) $(SYSDEPS)
	$(BIN)/briefings ingest sources
	BRIEFINGS_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q $(GOLDEN_TESTS)

## translations: after changing the theme's words, refresh the catalogues from the templates
##               (theme/translations/); then translate what is new in each messages.po
translations: $(STAMP)
	$(BIN)/pybabel -q extract -F theme/babel.cfg -o theme/translations/messages.pot \
		--no-location --sort-output --project "Kosovo Security Cooperation Chronology" \
		--copyright-holder "The chronology's maintainers" .
	$(BIN)/pybabel -q update -i theme/translations/messages.pot -d theme/translations \
		--no-fuzzy-matching --ignore-obsolete --width 100

## lint: ruff
lint: $(STAMP)
	$(BIN)/ruff check briefings tests pelican.conf.py scripts

## clean: remove what the build made (output/, caches); keeps .venv and content/
clean:
	rm -rf output .output-* cache .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +

venv: $(STAMP)
sysdeps: $(SYSDEPS)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(SYSDEPS): scripts/ensure-system-deps.sh | $(STAMP)
	scripts/ensure-system-deps.sh
	touch $(SYSDEPS)

# The site checks' tools from the npm registry (package-lock.json pins them): the Nu Html Checker
# (vnu-jar, run with the machine's Java) and axe-core. Its postinstall script would download a Java
# runtime: not needed, Java comes from Debian (scripts/ensure-system-deps.sh).
$(NODE_STAMP): package.json package-lock.json | $(SYSDEPS)
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)
