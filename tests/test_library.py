"""The public API: extract, Extractor, extract_many, and the spaCy factory for other pipelines."""
import subprocess
import sys
import textwrap

import extractor
from extractor import ArticleRecord, Extractor, extract


def test_public_api_is_small_and_listed():
    assert set(extractor.__all__) >= {"extract", "Extractor", "ArticleRecord", "__version__"}


def test_extract_returns_validated_record(seed_text):
    rec = extract(seed_text)
    assert isinstance(rec, ArticleRecord)
    assert rec.races[0].candidates[0].name == "Jimmy Gomez"
    assert rec.races[0].predecessor.reason == "appointed"


def test_extract_many_streams_in_order(extractor, seed_text):
    texts = ["Local bakery wins award for best croissant in town.", seed_text, ""]
    recs = list(extractor.extract_many(iter(texts)))
    assert [r.id for r in recs] == ["article-1", "article-2", "article-3"]
    assert recs[0].kind == "not_election" and recs[0].races == []
    assert recs[1].races and recs[2].races == []


def test_not_an_election_story(extractor):
    text = "House passes budget bill\n\nThe House voted 220 to 215 on Saturday to pass the spending bill, with Speaker Jane Roe saying it was a good day."
    rec = extractor.extract(text)
    assert rec.kind == "not_election" and rec.races == []


def test_factory_works_in_any_english_pipeline(seed_text):
    import spacy

    from extractor.pipeline import resolve_model_name

    nlp = spacy.load(resolve_model_name())
    nlp.add_pipe("election_races")
    doc = nlp(seed_text)
    assert doc._.article_kind == "results"
    race = doc._.races[0]
    assert race["office"]["kind"] == "us_house"
    assert {c["name"] for c in race["candidates"]} == {"Jimmy Gomez", "Robert Lee Ahn"}
    for ev in race["_evidence"]:
        assert seed_text[ev["start"]:ev["end"]] == ev["text"]


def test_factory_entry_point_without_importing_extractor(tmp_path):
    """After installation, spaCy finds election_races through the spacy_factories entry point."""
    code = textwrap.dedent('''
        import sys, spacy
        assert "extractor" not in sys.modules
        nlp = spacy.load(sys.argv[1])
        nlp.add_pipe("election_races")
        print(nlp.pipe_names[-1])
        doc = nlp("Jane Roe won the mayoral race with 60.1 percent of the vote, defeating John Doe.")
        print(doc._.races[0]["candidates"][0]["vote_pct"])
    ''')
    from extractor.pipeline import resolve_model_name

    res = subprocess.run([sys.executable, "-c", code, resolve_model_name()], capture_output=True, text=True, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["election_races", "60.1"]
