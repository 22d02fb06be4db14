"""The relevance gate: does an article name an election at all? Read from the tokens alone.

An article without any election anchor (``lexicons/anchors.json``: "election", "ballot", "runoff",
"voters", "senate race"...) reports no contest for public office, so it has no race whatever the
parser and NER would find in it. ``Extractor`` asks the gate before the expensive components run and
sends only anchored docs through them; ``election_races`` asks it too and leaves unanchored docs
alone, so a record is the same whether the gate ran first or not.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .lexicons import load


def anchor_phrases() -> list[str]:
    """The anchor vocabulary, lower-case."""
    return [a.lower() for a in load("anchors")["anchors"]]


class RelevanceGate:
    """``gate(doc)`` is True when the doc holds an election anchor (needs only the tokenizer)."""

    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("ELECTION_ANCHOR", [nlp.make_doc(p) for p in anchor_phrases()])

    def __call__(self, doc: Doc) -> bool:
        return bool(self.matcher(doc))
