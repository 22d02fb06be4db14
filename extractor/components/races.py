"""The ``election_races`` spaCy factory: relevance gate + rule spans + mentions + race assembly + race
validity, as one component.

After ``nlp.add_pipe("election_races")`` on any English pipeline with NER and a parser, every doc has
``doc._.races`` (plain dicts in the shape of RECORD.md's races, with ``_evidence`` offsets),
``doc._.article_kind`` and ``doc._.election_warnings``. Set ``doc._.published`` (a ``datetime.date``)
before the component runs to resolve weekdays; otherwise a date in the article's header is used.
"""
from __future__ import annotations

from typing import Iterable, Optional

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc

from ..assembly import assemble
from ..dates import published_from_header
from .. import kind as _kind
from .. import doccache
from ..gate import RelevanceGate
from ..mentions import SPANS_KEY, collect
from ..rules import load_patterns
from ..validity import Validity
from .token_matcher import wrap_ruler

for _name, _default in (("races", None), ("article_kind", None), ("published", None),
                        ("election_warnings", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

HEADER_LINES = 6


class ElectionRaces:
    """Finds rule spans (``doc.spans[spans_key]``) and assembles the races of the article."""

    def __init__(self, nlp: Language, name: str, rule_sets: Optional[list[str]], spans_key: str):
        self.name = name
        self.spans_key = spans_key
        self.ruler = SpanRuler(nlp, name=f"{name}_ruler", spans_key=spans_key,
                               phrase_matcher_attr="LOWER", validate=True, overwrite=True)
        # phrase patterns need only the tokenizer: keep the model's components out of it
        patterns = load_patterns(tuple(rule_sets) if rule_sets else None)
        with nlp.select_pipes(disable=nlp.pipe_names):
            self.ruler.add_patterns(patterns)
        wrap_ruler(self.ruler, patterns)  # same matches, a fraction of spaCy's Matcher time
        self.gate = RelevanceGate(nlp)
        self.validity = Validity(nlp)
        self.kind_model = _kind.load_model()

    def _published(self, doc: Doc):
        published = doc._.published
        if published is None:
            lines = [ln for ln in doccache.text(doc).splitlines() if ln.strip()]
            published = published_from_header(lines[:HEADER_LINES])
            doc._.published = published
        return published

    def not_election(self, doc: Doc) -> Doc:
        """The result for a doc with no election anchor: no race (needs only the tokenizer)."""
        self._published(doc)
        doc._.races = []
        doc._.article_kind = "not_election"
        doc._.election_warnings = []
        return doc

    def __call__(self, doc: Doc) -> Doc:
        if not self.gate(doc):
            return self.not_election(doc)
        doc = self.ruler(doc)
        if self.spans_key != SPANS_KEY:
            doc.spans[SPANS_KEY] = doc.spans[self.spans_key]
        with doccache.reading(doc):  # the stages below read the doc's text and entities many times
            published = self._published(doc)
            result = assemble(doc, collect(doc), published)
            kind, races, warnings = self.validity(doc, result.kind, result.races, result.warnings)
            # the kind model reads every story with races (or none for want of people, not for another
            # contest), except one validity already found to be a poll story
            if kind != "poll" and (races or not self.validity.other_contest(doc)):
                kind = _kind.classify(self.kind_model, doc, races, kind)
                races = self.validity.poll_story(races) if kind == "poll" else races
        doc._.races = races
        doc._.article_kind = kind
        doc._.election_warnings = warnings
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    # the rules come from the package's data files: nothing to save or load with the pipeline
    def to_disk(self, path, exclude=tuple()):  # noqa: D401
        return None

    def from_disk(self, path, exclude=tuple()):
        return self

    def to_bytes(self, exclude=tuple()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, exclude=tuple()):
        return self


@Language.factory("election_races", default_config={"rule_sets": None, "spans_key": SPANS_KEY})
def make_election_races(nlp: Language, name: str, rule_sets: Optional[list[str]], spans_key: str) -> ElectionRaces:
    return ElectionRaces(nlp, name, rule_sets, spans_key)
