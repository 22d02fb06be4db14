"""The assembly's fitted candidate decision: features for every proposed candidate, a model read without
scikit-learn, reproducible training."""
import json
import shutil

import pytest

from extractor.assembly import scoring

from .conftest import CORPUS


def test_every_proposed_candidate_gets_features_while_undecided(extractor, seed_text):
    nlp = extractor.nlp
    with scoring.undecided():
        doc = nlp(seed_text)
    race = doc._.races[0]
    feats = [c["_features"] for c in race["candidates"]]
    assert all(set(f) == set(feats[0]) and all(isinstance(v, float) for v in f.values()) for f in feats)
    # outside training, features are not carried, the fitted probability is
    cands = nlp(seed_text)._.races[0]["candidates"]
    assert all("_features" not in c and 0.0 <= c["_score"] <= 1.0 for c in cands)


def test_shipped_model_scores_are_probabilities_and_keep_the_seed_candidates(extractor, seed_text):
    model = scoring.load_model()
    assert model is not None, "extractor/fitted/candidates.json is missing: run make train"
    with scoring.undecided():
        feats = [c["_features"] for c in extractor.nlp(seed_text)._.races[0]["candidates"]]
    probs = [scoring.probability(model, f) for f in feats]
    assert all(0.0 <= p <= 1.0 for p in probs)
    assert all(p >= model["threshold"] for p in probs)


def test_training_is_reproducible(tmp_path):
    pytest.importorskip("sklearn")
    from extractor.assembly import train

    data = tmp_path / "gold"
    data.mkdir()
    for txt in sorted(CORPUS.glob("*.txt"))[:24]:
        shutil.copy(txt, data / txt.name)
        shutil.copy(txt.with_suffix(".json"), data / (txt.stem + ".json"))
    outs = []
    for k in range(2):
        out = tmp_path / f"model{k}.json"
        assert train.main([str(data), "--out", str(out)]) == 0
        outs.append(out.read_text())
    assert outs[0] == outs[1]
    model = json.loads(outs[0])
    assert model["features_version"] == scoring.FEATURES_VERSION
    assert 0.0 <= model["threshold"] <= 0.6 and set(model["weights"]) == set(model["scaling"])


def test_best_threshold_drops_only_when_it_pays():
    from extractor.assembly.train import best_threshold

    # two false candidates scored low, one true candidate scored high: drop below the true one's score
    assert 0.2 < best_threshold([0.1, 0.2, 0.9], [0, 0, 1], [3, 3, 3], tp0=50, fp0=20, fn0=30) <= 0.6
    # a true candidate scored lowest: dropping it would cost more than it saves
    assert best_threshold([0.1, 0.8], [1, 0], [5, 1], tp0=50, fp0=5, fn0=5) == 0.0
