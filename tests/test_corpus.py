"""The corpus is the test suite: every corpus/*.txt is extracted and scored against its gold .json.

Each article has a floor (``corpus_floors.json``, per-file fact F1, and the corpus overall); a change
that scores an article below its floor fails. Floors only go up: raise them with
``python tests/update_floors.py`` after an improvement. Articles that a change knowingly pushed below
their floor are listed under ``known_regressions`` with the reason, and their test is a strict xfail:
it fails again (as XPASS) the day the article is back above its floor, so the entry must then go.
"""
import json
from pathlib import Path

import pytest

from extractor.evaluate import Score, gold_pairs, score_record
from models import ArticleRecord

from .conftest import CORPUS

FLOORS = json.loads((Path(__file__).with_name("corpus_floors.json")).read_text("utf-8"))
PAIRS = gold_pairs(CORPUS)


@pytest.fixture(scope="module")
def predictions(extractor):
    from extractor.ingest import Article, clean_text

    arts = [Article(id=t.stem, text=clean_text(t.read_text("utf-8")), source=f"corpus/{t.name}") for t, _ in PAIRS]
    return {r.id: r.to_json_dict() for r in extractor.extract_articles(arts)}


def test_corpus_has_enough_articles():
    assert len(PAIRS) >= 40


@pytest.mark.parametrize("txt, gold_path", PAIRS, ids=[t.stem for t, _ in PAIRS])
def test_gold_is_valid(txt, gold_path):
    gold = json.loads(gold_path.read_text("utf-8"))
    ArticleRecord.model_validate(gold)
    assert gold["id"] == txt.stem
    text = txt.read_text("utf-8")
    for race in gold["races"]:
        for c in race["candidates"]:
            surname = c["name"].replace('"', " ").split()[-1]
            assert surname in text, f"{c['name']} is not in {txt.name}"


KNOWN = FLOORS.get("known_regressions", {})
FLOOR_CASES = [pytest.param(t, g, id=t.stem, marks=pytest.mark.xfail(strict=True, reason=KNOWN[t.stem]))
               if t.stem in KNOWN else pytest.param(t, g, id=t.stem) for t, g in PAIRS]


@pytest.mark.parametrize("txt, gold_path", FLOOR_CASES)
def test_article_scores_at_least_its_floor(txt, gold_path, predictions):
    gold = json.loads(gold_path.read_text("utf-8"))
    f1 = score_record(gold, predictions[txt.stem]).prf()["f1"]
    assert f1 >= FLOORS["files"].get(txt.stem, 0.0) - 1e-9, f"{txt.stem}: F1 {f1:.3f} below floor"


def test_corpus_overall_floor(predictions):
    total = Score()
    for txt, gold_path in PAIRS:
        total += score_record(json.loads(gold_path.read_text("utf-8")), predictions[txt.stem])
    overall = total.prf()
    assert overall["f1"] >= FLOORS["overall_f1"] - 1e-9
    assert overall["precision"] >= FLOORS["overall_precision"] - 1e-9


def test_seed_is_extracted_exactly(predictions, seed_gold):
    """The owner's seed article: both races, every fact, predecessor Becerra (appointed)."""
    assert predictions["ca34-special-2017"]["races"] == seed_gold["races"]
