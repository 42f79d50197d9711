# newsgraph: `make run` runs the main job, `make test` the whole suite.
# Both create .venv if it is missing and install the package into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench model clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,ray]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsgraph serve --demo

test: $(STAMP)
	$(BIN)/python -m pytest

model: $(STAMP)
	$(BIN)/python scripts/train_event_model.py

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
