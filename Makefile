# Fresh clone: `make repro` runs the whole pipeline on the demo corpora, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: setup repro test bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

repro: setup
	dvc repro

test: setup
	pytest

bench: setup
	python bench/features.py
	python bench/inference.py
	python bench/train_scale.py

clean:
	rm -rf $(VENV)
