"""The article-kind model: fitted reproducibly from gold files, shipped as coefficients, read per article."""
import json

from extractor import kind
from extractor.evaluate import evaluate

ROUNDUP = ("Incumbents hold three council seats in Tuesday's elections\n"
           "In District 1, council member Jim Baxter won re-election with 61% of the vote, defeating Tom Hale, "
           "who had 39%.\n"
           "In District 2, Ana Ruiz beat Mark Cole 55% to 45% to win the open seat.\n"
           "In District 3, incumbent Lee Park was re-elected with 70% of the vote over challenger Sam Ortiz.\n"
           "All three winners will be sworn in next month.")


def test_the_shipped_model_matches_the_features():
    model = kind.load_model()
    assert model is not None, "extractor/fitted/kind.json is missing: run make train"
    assert model["features"] == list(kind.FEATURES)
    assert set(model["classes"]) <= set(kind.KINDS)
    assert len(model["coef"]) == len(model["classes"]) and all(len(w) == len(kind.FEATURES) for w in model["coef"])


def test_fitting_is_deterministic_and_separates_what_it_can():
    X = [[0.0, 1.0], [0.1, 0.9], [1.0, 0.0], [0.9, 0.1]] * 3
    y = ["results", "results", "roundup", "roundup"] * 3
    a, b = kind.fit(X, y, steps=500), kind.fit(X, y, steps=500)
    assert a == b
    assert [max(a["classes"], key=lambda c: kind.scores(a, x)[c]) for x in X] == y


def test_several_contests_with_results_make_a_roundup(extractor):
    rec = extractor.extract(ROUNDUP)
    assert len(rec.races) >= 2
    assert rec.kind == "roundup"


def test_evaluate_reports_the_kind_confusion(tmp_path):
    for name, k in (("A1", "results"), ("A2", "poll"), ("A3", "not_election")):
        (tmp_path / f"{name}.txt").write_text("text", "utf-8")
        (tmp_path / f"{name}.json").write_text(json.dumps({"id": name, "kind": k, "races": []}), "utf-8")
    predicted = iter([{"kind": "results", "races": []}, {"kind": "preview", "races": []},
                      {"kind": "not_election", "races": []}])
    table = evaluate(tmp_path, lambda items: [next(predicted) for _ in items]).kind_table()
    assert table["right"] == 2 and table["articles"] == 3
    assert table["confusion"]["poll"] == {"preview": 1}
