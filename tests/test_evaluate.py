"""The project's scorer: fact counting as RECORD.md describes, and agreement with the reference scorer."""
import json
import subprocess
import sys

import pytest

from extractor.evaluate import pair_races, same_person, score_record

from .conftest import ROOT, SHARED


@pytest.mark.parametrize("a, b, same", [
    ("Jimmy Gomez", "Gomez", True), ("Rep. Jimmy Gomez", "Jimmy Gomez", True), ("Cindy Hyde-Smith", "Hyde-Smith", True),
    ("Robert Kennedy Jr.", "Robert Kennedy", True), ("Raúl Grijalva", "Raul Grijalva", True),
    ("Adelita Grijalva", "Raúl Grijalva", False), ("Jimmy Gomez", "Robert Ahn", False), ("", "Gomez", False),
])
def test_same_person(a, b, same):
    assert same_person(a, b) is same


def race(stage, cands, kind="us_house"):
    return {"office": {"kind": kind, "state": "CA", "district": "34"}, "election": {"stage": stage, "special": True},
            "candidates": cands, "predecessor": None}


def test_perfect_prediction_scores_one(seed_gold):
    s = score_record(seed_gold, seed_gold).prf()
    assert s["precision"] == s["recall"] == s["f1"] == 1.0


def test_invented_share_counts_against_precision():
    gold = {"races": [race("general", [{"name": "A Aa", "vote_pct": None}])]}
    pred = {"races": [race("general", [{"name": "A Aa", "vote_pct": 51.0}])]}
    sc = score_record(gold, pred)
    assert sc.fp["candidate.vote_pct"] == 1


def test_party_where_gold_has_none_is_not_counted():
    gold = {"races": [race("general", [{"name": "A Aa", "party": None}])]}
    pred = {"races": [race("general", [{"name": "A Aa", "party": "Democratic"}])]}
    sc = score_record(gold, pred)
    assert sc.fp["candidate.party"] == 0


def test_primary_and_general_pair_by_figures():
    g = [race("general", [{"name": "A Aa", "vote_pct": 60.1}, {"name": "B Bb", "vote_pct": 39.9}]),
         race("primary", [{"name": "A Aa", "vote_pct": 25}, {"name": "B Bb", "vote_pct": 22}])]
    p = list(reversed(g))
    assert pair_races(g, p) == {0: 1, 1: 0}


@pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists() or not (SHARED / "devset").is_dir(),
                    reason="the shared reference scorer and devset are not beside the project")
def test_agrees_with_reference_scorer_on_devset(tmp_path):
    pred = tmp_path / "pred"
    res = subprocess.run([sys.executable, "-m", "extractor", "evaluate", str(SHARED / "devset"), "--json",
                          "--save", str(pred)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert res.returncode == 0, res.stderr
    ours = json.loads(res.stdout)["groups"]
    ref = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(SHARED / "devset"), str(pred), "--json"],
                         capture_output=True, text=True, timeout=300)
    theirs = json.loads(ref.stdout)
    p, r, f, tp, fp, fn = theirs["overall"]
    assert (ours["overall"]["tp"], ours["overall"]["fp"], ours["overall"]["fn"]) == (tp, fp, fn)
    for group in ("candidates", "party", "vote_pct", "votes", "outcome", "office", "election", "predecessor"):
        assert ours[group]["f1"] == pytest.approx(theirs[group][2])


def test_contest_identity_counts_office_seat_and_stage():
    cands = [{"name": "Ana Ruiz", "vote_pct": 51.0}, {"name": "Bo Lind", "vote_pct": 49.0}]
    gold = {"races": [race("general", cands), race("primary", cands), race("general", [{"name": "Cy Odum"}])]}
    wrong_seat = race("primary", cands)
    wrong_seat["office"]["district"] = "35"
    pred = {"races": [race("general", cands), wrong_seat]}
    c = score_record(gold, pred).contests
    assert (c["gold"], c["predicted"], c["found"]) == (3, 2, 2)
    assert (c["office"], c["seat"], c["stage"], c["exact"]) == (2, 1, 2, 1)
