# Fresh clone: `make repro` runs the whole pipeline on the demo corpora, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: setup repro test bench bench-setup standins realaudio peers clean

setup: $(VENV)/.installed

# librosa compiles its numba kernels into its cache on first use: about 17 s of one core, paid by
# every process that starts before the cache exists. Set-up does it on the core pip leaves idle.
WARM_LIBROSA := import numpy, librosa; \
	librosa.feature.melspectrogram(y=numpy.ones(4096, "float32"), sr=16000); \
	librosa.resample(numpy.ones(4096), orig_sr=44100, target_sr=16000)

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.txt librosa
	$(BIN)/python -c '$(WARM_LIBROSA)' & warm=$$!; \
	$(BIN)/python -m pip install --quiet -r requirements.txt && wait $$warm
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

repro: setup
	python tools/repro.py

test: setup
	pytest

bench: setup
	python bench/features.py
	python bench/inference.py
	python bench/train_scale.py

bench-setup: setup
	python -m pip install --quiet --no-deps -r bench/requirements.txt

# The shipped speech / music / noise model: its own pipeline, on the real-audio corpus (realaudio/README.md).
realaudio: setup
	cd realaudio && dvc repro

# The stand-ins of the research notes (docs/research/standins.md); the audio stays out of git.
standins: setup
	python tools/realcorpus.py data/standins
	python bench/heldout.py data/heldout

# Silero VAD against the shipped real-audio model on the held-out programme that `cd realaudio && dvc repro`
# builds, on one core (realaudio/README.md); MODELS= and PARAMS= compare another model.
MODELS ?= realaudio/models
PARAMS ?= realaudio/params.yaml
HELDOUT ?= realaudio/data/heldout
PEERS_JSON ?= realaudio/metrics/peers.json
peers: bench-setup
	python bench/peers.py $(HELDOUT)/programme.wav $(HELDOUT)/spans.tsv --models $(MODELS) --params $(PARAMS) --json $(PEERS_JSON)

clean:
	rm -rf $(VENV)
