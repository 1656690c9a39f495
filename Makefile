# Everything runs inside .venv, created on first use, so a fresh machine needs only
# Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test fuzz lint format bench previews screenshot screenshots-day clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/workbook pack examples/session.yaml -o out/example-pack.pdf

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m pytest

# The property tests searching far longer than in `make test` (new random examples each run):
# what people type, and session files mutated with YAML tags and numbers of any length.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/session/test_properties.py tests/files/test_hostile.py -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# Wall time and peak memory of whole runs, beside a bare-ReportLab floor (bench/README.md).
bench: $(STAMP)
	$(BIN)/python bench/run.py

# The README's pictures of 'workbook serve' at laptop width and at 390 px (docs/serve-phone.png),
# taken by the browser test (look at them before committing).
screenshot: $(STAMP)
	WORKBOOK_SCREENSHOT=docs/serve.png $(BIN)/python -m pytest tests/web/test_web_browser.py -q

# The day's pictures (docs/day/): the run view, the room clock at 1920 x 1080 (on time and
# over time) and the record page, taken by the whole-day browser test on its simulated
# clock; the report's pages come from 'workbook report' (look at them before committing).
screenshots-day: $(STAMP)
	WORKBOOK_DAY_SCREENSHOTS=docs/day $(BIN)/python -m pytest tests/web/test_day_browser.py -q
	rm -f docs/day/run-over.png

# The README's strip of example pages (docs/previews/): cover, process model, agenda, a
# part's notes, a circle worksheet, a joint board, the next-steps board. Look at them
# before committing; page numbers move when the pack gains pages.
PREVIEW_PAGES := 01 02 05 11 29 41 47
previews: $(STAMP)
	rm -rf out/previews
	mkdir -p out docs/previews
	$(BIN)/workbook pack examples/session.yaml -o out/example-pack.pdf --png out/previews --png-dpi 50
	for page in $(PREVIEW_PAGES); do cp out/previews/page-$$page.png docs/previews/; done

clean:
	rm -rf $(VENV) out build dist .pytest_cache .mypy_cache .ruff_cache
