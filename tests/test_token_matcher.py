"""The fast token matcher of the rule spans finds exactly what spaCy's ``Matcher`` finds."""
import random

import pytest
from spacy.matcher import Matcher
from spacy.tokens import Doc

from extractor.components.token_matcher import FastTokenMatcher
from extractor.rules import load_patterns

from .conftest import ELECTION


@pytest.fixture(scope="module")
def vocab(extractor):
    return extractor.nlp.vocab


def _pair(vocab, patterns):
    slow = Matcher(vocab)
    keyed = []
    for i, pattern in enumerate(patterns):
        key = vocab.strings.add(f"p{i}")
        slow.add(key, [pattern])
        keyed.append((key, pattern))
    return FastTokenMatcher(vocab, slow, keyed), slow


def test_rule_patterns_compile_and_the_pipeline_uses_them(extractor):
    ruler = extractor.races.ruler
    assert isinstance(ruler.matcher, FastTokenMatcher) and ruler.matcher.active


def test_same_matches_as_spacy_on_a_story(extractor):
    ruler = extractor.races.ruler
    doc = extractor.nlp("Rep. Ann Lee (D-Ohio) won 52.5% (12,345 votes) in the 3rd congressional district, "
                        "CD-4 and TX-12 at-large; she declined to seek a third term. " + ELECTION)
    fast = ruler.matcher(doc)
    assert fast, "the story has token-pattern matches"
    assert sorted(fast) == sorted(set(ruler.matcher._matcher(doc)))


def test_operators_give_every_match(vocab):
    patterns = [
        [{"LOWER": "a", "OP": "?"}, {"LOWER": "a"}],
        [{"LOWER": "a"}, {"LOWER": "b", "OP": "*"}, {"LOWER": {"IN": ["b", "c"]}}],
        [{"LOWER": "a"}, {"IS_TITLE": True, "OP": "+"}],
        [{"TEXT": {"REGEX": r"^\d+$"}}, {"ORTH": "%", "OP": "?"}, {"IS_SPACE": True, "OP": "?"}],
    ]
    fast, slow = _pair(vocab, patterns)
    doc = Doc(vocab, words=["a", "a", "b", "b", "c", "a", "Bo", "Cy", "12", "%", "a", "7"])
    assert sorted(fast(doc)) == sorted(set(slow(doc)))
    assert (vocab.strings["p2"], 5, 8) in fast(doc)  # a longer '+' match as well as the shorter one


def test_random_token_runs_agree_with_spacy(vocab):
    patterns = [p["pattern"] for p in load_patterns() if isinstance(p["pattern"], list)]
    fast, slow = _pair(vocab, patterns)
    words = sorted({"(", ")", "D", "R", "-", "Ohio", "New", "York", "12", "3rd", "district", "ward", "the",
                    "by", "election", "per", "cent", "%", "percent", "votes", "1,234", "at", "large", "not",
                    "to", "seek", "a", "another", "third", "term", "House", "chancellor", "of", "president"})
    rng = random.Random(5)
    for _ in range(500):
        ws = [rng.choice(words) for _ in range(rng.randint(1, 30))]
        doc = Doc(vocab, words=ws, tags=["NN"] * len(ws), ents=["B-GPE" if w in ("Ohio", "York") else "O" for w in ws])
        assert sorted(fast(doc)) == sorted(set(slow(doc))), ws


def test_unsupported_patterns_leave_matching_to_spacy(vocab):
    fast, slow = _pair(vocab, [[{"LOWER": "a", "OP": "!"}]])
    assert not fast.active
    doc = Doc(vocab, words=["b", "a"])
    assert fast(doc) == slow(doc)
