# planlift — the commands a newcomer runs. See README.md.

CARGO ?= cargo
OUT ?= planlift-out

.PHONY: all build bin demo test test-python check-outputs check-r check-report lint bench hostile fixtures fuzz clean

all: build

build:
	$(CARGO) build --release

## demo: extract every bundled fixture and show where the output went
demo: build
	./target/release/planlift extract fixtures -o $(OUT) --jsonl
	./target/release/planlift compare $(OUT) -o $(OUT)/compare
	@echo
	@echo "Output written to $(OUT)/:"
	@ls -1 $(OUT)
	@echo
	@echo "Report: $(OUT)/compare/report.html"
	@echo "First activities (activities.csv, selected columns):"
	@python3 -c "import csv,sys; r=list(csv.DictReader(open('$(OUT)/activities.csv', encoding='utf-8'))); [print(f\"  {a['municipality']:<10} {a['activity_id'] or '-':<5} {a['status'] or '-':<12} {a['activity'][:70]}\") for a in r[:8]]; print(f'  … {len(r)} activities in all')" 2>/dev/null || head -5 $(OUT)/activities.csv

## test: unit and integration tests (what CI runs, with fmt and clippy)
test:
	$(CARGO) test

## PROFILE: the build the checks below use: release (default), or debug, the build
## `make test` has made already (CI uses it, to stay within its time budget).
PROFILE ?= release
BIN = ./target/$(PROFILE)/planlift
MATURIN_PROFILE = $(if $(filter debug,$(PROFILE)),--profile dev)

## bin: the command line in the PROFILE build
bin:
	$(CARGO) build $(if $(filter release,$(PROFILE)),--release)

## test-python: build the Python package (python/, maturin) into a virtual environment
## and run its tests; compared with the command line in target/ (PLANLIFT_BIN). It builds
## in the root's target/, so the release dependencies compiled for the command line are reused
PY_VENV ?= .venv-python
test-python: bin
	test -x $(PY_VENV)/bin/python3 || python3 -m venv $(PY_VENV)
	$(PY_VENV)/bin/pip install -q --upgrade pip
	CARGO_TARGET_DIR=$(CURDIR)/target MATURIN_PEP517_ARGS="$(MATURIN_PROFILE)" \
	  $(PY_VENV)/bin/pip install -q './python[test]'
	PLANLIFT_BIN=$(abspath $(BIN)) $(PY_VENV)/bin/python -m pytest -q -p no:cacheprovider python/tests

## check-outputs: read every output format with frictionless, jsonschema, pandas, polars,
## DuckDB, openpyxl (and LibreOffice where installed)
CHECK_VENV ?= .venv-check
check-outputs: bin
	test -x $(CHECK_VENV)/bin/python3 || python3 -m venv $(CHECK_VENV)
	$(CHECK_VENV)/bin/pip install -q -r tests/ecosystem/requirements.txt
	$(CHECK_VENV)/bin/python3 tests/ecosystem/check_outputs.py $(BIN)

## check-r: read the outputs in R (readr, jsonlite, readxl: Debian's r-cran-* packages)
check-r: bin
	@command -v Rscript >/dev/null || { echo "check-r needs R: apt-get install r-base-core r-cran-readr r-cran-jsonlite r-cran-readxl"; exit 1; }
	rm -rf target/check-r && $(BIN) extract fixtures -o target/check-r --format all --quiet
	Rscript tests/ecosystem/check_outputs.R target/check-r

## check-report: the report in headless Chromium (tests/report): axe-core audit with zero
## violations, screenshots at 1280 and 390 px in target/report-test/screenshots, every
## count clicked through, the view kept in the URL, the keyboard, the print style.
## UPDATE_DOCS=1 also copies the screenshots to docs/. Skips without Node.js or Chromium.
check-report:
	@if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then \
	  if [ -n "$$CI" ]; then echo "check-report: Node.js and npm are needed (CI installs them)"; exit 1; fi; \
	  echo "check-report skipped: no Node.js/npm on this machine"; exit 0; fi; \
	$(CARGO) build --quiet && \
	(cd tests/report && { test -d node_modules/playwright-core -a -d node_modules/axe-core || npm ci --no-audit --no-fund --loglevel=error; }) && \
	node tests/report/report.test.js

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings

## bench: per-file time of the readers, and the ICDAR 2013 table benchmark (time and F1)
bench: build
	$(CARGO) run --release --example bench_readers -- $$(find fixtures -type f \( -name '*.docx' -o -name '*.txt' -o -name '*.md' -o -name '*.pdf' -o -name '*.xls*' -o -name '*.od?' -o -name '*.html' \) | sort)
	bash bench/icdar.sh
	python3 bench/readers.py
	bash bench/batch.sh
	python3 bench/python_api.py
	python3 bench/tables_speed.py

## hostile: the hostile corpus (fixtures/make/make_hostile.py) through one extract run;
## every file must be listed, the run must end with exit code 1 (some files fail)
HOSTILE ?= target/hostile
hostile: build
	python3 fixtures/make/make_hostile.py $(HOSTILE)/corpus
	./target/release/planlift extract $(HOSTILE)/corpus -o $(HOSTILE)/out --timeout 10; test $$? -eq 1

## fixtures: rebuild the fixture documents (needs python-docx, pypdf and LibreOffice)
fixtures:
	python3 fixtures/make/make_docx.py
	python3 fixtures/make/make_broken.py
	python3 fixtures/make/make_pdf.py
	python3 fixtures/make/make_broken_pdf.py

## fuzz: run one fuzz target for ten minutes (FUZZ_TARGET=pdf|extract|plain|markdown|html|docx|xlsx|xls|ods|odt)
FUZZ_TARGET ?= pdf
FUZZ_SECONDS ?= 600
fuzz:
	fuzz/seed.sh
	$(CARGO) +nightly fuzz run -s none $(FUZZ_TARGET) fuzz/corpus/$(FUZZ_TARGET) -- \
		-rss_limit_mb=2048 -timeout=10 -max_total_time=$(FUZZ_SECONDS)

clean:
	$(CARGO) clean
	rm -rf $(OUT) planlift-tables

## score: extract the unseen corpus (fixtures/unseen) and score it against its truth
.PHONY: score
score: build
	python3 bench/score_unseen.py ./target/release/planlift
