"""Data integrity of the rule files (like dateparser's test_dateparser_data_integrity)."""
import json

import pytest
import spacy
from spacy.pipeline import SpanRuler

from extractor.lexicons import load
from extractor.rules import LABELS, load_patterns, pattern_files


def test_there_are_pattern_files():
    assert {p.stem for p in pattern_files()} >= {"parties", "offices", "figures", "stages", "outcomes", "vacancies", "states", "cues"}


@pytest.mark.parametrize("path", pattern_files(), ids=lambda p: p.name)
def test_pattern_file_loads_with_validation(path):
    nlp = spacy.blank("en")
    ruler = SpanRuler(nlp, validate=True)
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    assert rows, f"{path.name} is empty"
    ruler.add_patterns(rows)
    for row in rows:
        assert set(row) == {"label", "pattern", "id"}, row
        assert row["label"] in LABELS, row
        assert "/" in row["id"], f"id should be value/phrase: {row}"


def test_pattern_ids_are_unique():
    ids = [p["id"] for p in load_patterns()]
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes


def test_phrase_patterns_tokenise_like_text():
    """A phrase pattern is matched token by token on LOWER: its tokens must be what the text gives."""
    nlp = spacy.blank("en")
    for p in load_patterns():
        if isinstance(p["pattern"], str):
            toks = [t.text for t in nlp.make_doc(p["pattern"])]
            assert all(t.strip() for t in toks), p


@pytest.mark.parametrize("name", ["names", "cues", "countries", "boilerplate"])
def test_lexicons_load(name):
    assert load(name)
