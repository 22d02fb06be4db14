"""The relevance gate: articles with no election anchor skip the parser and NER, and lose nothing."""
import json

import pytest

from extractor import Extractor
from extractor.evaluate import gold_pairs
from extractor.ingest import Article, clean_text

from .conftest import CORPUS, ELECTION, SHARED

SPORT = ("Rovers beat City 3-1 to reach the cup final\n"
         "Jim Baxter scored twice as Rovers beat City 3-1 on Saturday. City manager Tom Hale said his side lost "
         "their way after the break and won only two corners.")


@pytest.fixture(scope="module")
def gated(extractor):
    return extractor  # the session's extractor: the gate is on by default


@pytest.fixture(scope="module")
def ungated():
    return Extractor(gate=False)


def test_gate_tells_anchored_articles_from_the_rest(gated):
    gate = gated.races.gate
    assert gate(gated.nlp.make_doc(ELECTION))
    assert not gate(gated.nlp.make_doc(SPORT))
    assert gate(gated.nlp.make_doc("Hale conceded the governor's race on Wednesday."))


def test_unanchored_articles_skip_the_parser_and_keep_their_place(gated, monkeypatch):
    piped: list[str] = []
    real_pipe = gated.nlp.pipe

    def counting_pipe(docs, **kw):
        docs = list(docs)
        piped.extend(d.text for d in docs)
        return real_pipe(docs, **kw)

    monkeypatch.setattr(gated.nlp, "pipe", counting_pipe)
    texts = [SPORT, ELECTION, SPORT, SPORT, ELECTION]
    recs = list(gated.extract_many(texts))
    assert [r.id for r in recs] == [f"article-{i}" for i in range(1, 6)]
    assert piped == [ELECTION, ELECTION]
    assert [r.kind for r in recs][0] == "not_election" and recs[0].races == []
    assert recs[1].races and recs[1].races[0].candidates[0].name == "Jim Baxter"
    assert recs[1].model_dump() == recs[4].model_dump() | {"id": "article-2"}


def _articles(folder):
    return [Article(id=t.stem, text=clean_text(t.read_text("utf-8")), source=t.name) for t, _ in gold_pairs(folder)]


@pytest.mark.parametrize("folder", [CORPUS, SHARED / "devset", SHARED / "clusters"], ids=["corpus", "devset", "clusters"])
def test_records_are_byte_identical_with_the_gate_on_and_off(folder, gated, ungated, monkeypatch):
    """Off: no pre-pass, and race assembly runs on every doc, anchored or not. The anchor vocabulary
    must be generous enough that no election article of the corpus or devset loses anything."""
    arts = _articles(folder)
    if not arts:
        pytest.skip(f"{folder} not available")
    on = [json.dumps(r.to_json_dict(), sort_keys=True) for r in gated.extract_articles(arts)]
    monkeypatch.setattr(ungated.nlp.get_pipe("election_races"), "gate", lambda doc: True)
    off = [json.dumps(r.to_json_dict(), sort_keys=True) for r in ungated.extract_articles(arts)]
    assert len(on) == len(arts)
    assert on == off
