"""Fact confidences: present on every fact, calibrated file loaded without scikit-learn, thresholds that
null values (never guess), and the editor's review queue."""
import csv
import json
import re
import shutil
import subprocess
import sys

import pytest

from extractor.calibrate import ece, held_out, read_items, source, threshold_table
from extractor.cli import main
from extractor.confidence import apply_min_confidence, calibrate, iter_facts, load_model
from extractor.evaluate import score_record

from .conftest import CORPUS, SEED, SHARED


def _race(cands, **election):
    return {"office": {"kind": "us_house", "state": "CA", "district": "34", "jurisdiction": None, "country": "US"},
            "election": {"stage": "general", "special": False, "date": None, "party_primary": None, **election},
            "candidates": cands, "predecessor": None}


def _cand(name, **kw):
    return {"name": name, "party": None, "vote_pct": None, "votes": None, "outcome": None, "incumbent": None, **kw}


def _record():
    rec = {"id": "t1", "source": None, "kind": "results",
           "races": [_race([_cand("Ann Lee", vote_pct=55.0, outcome="won"), _cand("Bo Park", vote_pct=45.0)])],
           "evidence": [{"field": "races[0].candidates[0].name", "start": 0, "end": 7, "text": "Ann Lee", "rule": "r"},
                        {"field": "races[0].candidates[1].name", "start": 20, "end": 27, "text": "Bo Park", "rule": "r"},
                        {"field": "races[0].candidates[1].vote_pct", "start": 30, "end": 40, "text": "45 percent",
                         "rule": "r"}],
           "warnings": []}
    conf = {"races[0].office.kind": 0.95, "races[0].office.state": 0.9, "races[0].office.district": 0.5,
            "races[0].election.stage": 0.9, "races[0].election.special": 0.85,
            "races[0].candidates[0].name": 0.4, "races[0].candidates[0].vote_pct": 0.9,
            "races[0].candidates[0].outcome": 0.9,
            "races[0].candidates[1].name": 0.92, "races[0].candidates[1].vote_pct": 0.88}
    return {**rec, "confidence": conf}


# ---------------------------------------------------------------------------------------------- thresholds
def test_threshold_nulls_low_values_drops_low_candidates_and_renumbers():
    out = apply_min_confidence(_record(), 0.8)
    race = out["races"][0]
    assert race["office"]["district"] is None and race["office"]["state"] == "CA"
    assert [c["name"] for c in race["candidates"]] == ["Bo Park"]  # Ann Lee's name is below 0.8: dropped
    assert race["candidates"][0]["vote_pct"] == 45.0
    # Bo Park is now candidates[0]: evidence and confidence follow him; nothing of Ann Lee remains
    assert [e["field"] for e in out["evidence"]] == ["races[0].candidates[0].name", "races[0].candidates[0].vote_pct"]
    assert out["confidence"]["races[0].candidates[0].vote_pct"] == 0.88
    assert all(v >= 0.8 for v in out["confidence"].values())
    assert set(out["confidence"]) == {p for p, *_ in iter_facts(out)}


def test_threshold_nulls_a_low_office_kind_but_keeps_the_confident_candidates():
    rec = _record()
    rec["confidence"]["races[0].office.kind"] = 0.3
    race = apply_min_confidence(rec, 0.8)["races"][0]
    assert race["office"]["kind"] is None and [c["name"] for c in race["candidates"]] == ["Bo Park"]
    from models import ArticleRecord

    ArticleRecord.model_validate(apply_min_confidence(rec, 0.8))  # a valid record still


def test_threshold_above_one_leaves_no_fact():
    out = apply_min_confidence(_record(), 1.01)
    assert out["races"] == [] and out["confidence"] == {} and out["evidence"] == []
    assert list(iter_facts(out)) == []


def test_threshold_never_guesses_a_fact_without_confidence():
    rec = _record()
    del rec["confidence"]["races[0].candidates[1].vote_pct"]
    assert apply_min_confidence(rec, 0.1)["races"][0]["candidates"][1]["vote_pct"] is None


# ---------------------------------------------------------------------------------------------- labels, measures
def test_scorer_labels_each_predicted_fact():
    gold = {"races": [_race([_cand("Ann Lee", vote_pct=55.0, outcome="won"), _cand("Bo Park", vote_pct=45.0)])]}
    pred = {"races": [_race([_cand("Ann Lee", vote_pct=55.0, outcome="lost", party="Democratic"),
                             _cand("Bo Park", vote_pct=44.0), _cand("Cy Diaz", vote_pct=1.0)])]}
    labels = {}
    sc = score_record(gold, pred, labels)
    assert labels["races[0].candidates[0].vote_pct"] == 1
    assert labels["races[0].candidates[0].outcome"] == 0
    assert labels["races[0].candidates[0].party"] is None   # gold null, a party there is not counted
    assert labels["races[0].candidates[1].vote_pct"] == 0
    assert labels["races[0].candidates[2].name"] == 0 and labels["races[0].candidates[2].vote_pct"] == 0
    assert labels["races[0].office.kind"] == 1
    judged = [v for v in labels.values() if v is not None]
    s = sc.prf()
    # the labels are the scorer's counts (a matched full name is two facts for the scorer: presence, full name)
    names_ok = sum(1 for p, v in labels.items() if p.endswith(".name") and v == 1)
    assert (sum(judged) + names_ok, len(judged) - sum(judged)) == (s["tp"], s["fp"])


def test_ece_and_threshold_table():
    assert ece([0.95] * 20, [1] * 19 + [0]) == pytest.approx(0.0)
    assert ece([0.9] * 10, [0] * 10) == pytest.approx(0.9)
    rows = {r["threshold"]: r for r in threshold_table([0.2, 0.6, 0.9, 0.95], [0, 1, 1, 1], (0.0, 0.5, 0.92))}
    assert rows[0.0]["precision"] == 0.75 and rows[0.5]["precision"] == 1.0
    assert rows[0.92]["recall"] == pytest.approx(1 / 3)


def test_fitted_model_is_small_json_read_without_sklearn():
    model = load_model()
    assert model["weights"] and model["platt"]["slope"] > 0 and len(json.dumps(model)) < 200_000
    # the score-to-probability map is monotone: a higher score never gets a lower confidence
    mapped = [calibrate(k / 200, model) for k in range(201)]
    assert mapped == sorted(mapped) and all(0 <= v <= 1 for v in mapped) and mapped[0] < mapped[-1]
    # the extractor scores facts with scikit-learn unimportable
    code = ("import sys, json; sys.modules['sklearn'] = None; from extractor.confidence import confidences; "
            "print(json.dumps(confidences(json.loads(sys.stdin.read()))))")
    run = subprocess.run([sys.executable, "-c", code], input=json.dumps(_record()), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    conf = json.loads(run.stdout)
    assert set(conf) == {p for p, *_ in iter_facts(_record())} and all(0 <= v <= 1 for v in conf.values())


DEVSET = SHARED / "devset"


def test_held_out_selection_is_a_reproducible_rule_on_devset_names():
    assert held_out("devset/E02") and not held_out("corpus/E02") and not held_out("devset/e02")
    assert source("devset/E02") == "held_out" and source("devset/A02") == "devset"
    assert source("corpus/a_x") == "corpus"
    if not DEVSET.is_dir():
        pytest.skip("../shared/devset absent")
    names = [n for n, _, _ in read_items([DEVSET, CORPUS])]
    chosen = [n for n in names if held_out(n)]
    # a fixed share of the devset (the same files on every run), none from corpus/, letters E..R only
    assert chosen == [n for n in names if held_out(n)] and 15 <= len(chosen) <= 30
    assert all(n.startswith("devset/") and "E" <= n.split("/")[1][0] <= "R" for n in chosen)


def test_map_is_fitted_to_the_level_of_unseen_articles():
    pytest.importorskip("sklearn")
    import numpy as np

    from extractor.calibrate import _apply_map, _fit_map

    # a higher score is right more often; at the same score, tuned text is right more often than held-out
    rng = np.random.RandomState(0)
    scores = rng.uniform(0.3, 0.99, 2000)
    src = np.array(["devset"] * 1500 + ["held_out"] * 500)
    y = (rng.uniform(0, 1, 2000) < np.where(src == "held_out", scores - 0.25, scores)).astype(int)
    m = _fit_map(scores, y, src)
    p = _apply_map(m, np.linspace(0.01, 0.99, 50))
    assert m["slope"] > 0 and list(p) == sorted(p)
    held = src == "held_out"
    # the map's confidences match the held-out level (about 0.4), not the tuned one (about 0.65)
    assert abs(_apply_map(m, scores[held]).mean() - y[held].mean()) < 0.05 < y[~held].mean() - y[held].mean()
    assert m["offsets"]["devset"] > 0 and _fit_map(scores, y, ["devset"] * 2000)["offsets"] == {}


# ---------------------------------------------------------------------------------------------- features
def _two_races(score_a=0.95):
    """Two races; the second's sentence also names the first race's candidate Lee."""
    text = "Results\nAnn Lee won the mayor race.\nCal Diaz beat Dee Moss for sheriff, and Lee cheered.\n"
    at = lambda w: text.index(w)  # noqa: E731
    mayor = _race([_cand("Ann Lee", outcome="won", _score=score_a)])
    mayor["office"].update(kind="mayor", district=None)
    sheriff = _race([_cand("Cal Diaz", outcome="won", _score=0.9), _cand("Dee Moss", outcome="lost", _score=0.9)])
    sheriff["office"].update(kind="sheriff", district=None)
    evs = [{"field": "races[0].candidates[0].name", "start": at("Ann"), "end": at("Ann") + 7, "text": "Ann Lee",
            "rule": "person/ner"},
           {"field": "races[1].candidates[0].outcome", "start": at("beat"), "end": at("beat") + 4, "text": "beat",
            "rule": "win/beat"},
           {"field": "races[1].candidates[1].outcome", "start": at("beat"), "end": at("beat") + 4, "text": "beat",
            "rule": "win/beat"}]
    return {"id": "t", "kind": "roundup", "races": [mayor, sheriff], "evidence": evs, "warnings": []}, text


def test_a_fact_whose_sentence_names_another_races_candidate_is_told_apart():
    from extractor.confidence import fact_features

    rec, text = _two_races()
    feats = fact_features(rec, text)
    assert feats["races[1].candidates[0].outcome"]["ev_other_race_cand"] == 1.0  # "... and Lee cheered."
    assert feats["races[0].candidates[0].name"]["ev_other_race_cand"] == 0.0
    assert feats["races[1].candidates[0].outcome"]["ev_own_cands"] > 0


def test_a_candidate_the_assembly_doubts_gets_a_lower_confidence():
    from extractor.confidence import confidences

    sure, text = _two_races(0.99)
    doubt, _ = _two_races(0.05)
    assert confidences(doubt, text)["races[0].candidates[0].name"] < confidences(sure, text)["races[0].candidates[0].name"]


def test_the_assembly_probability_reaches_the_confidence_stage_but_not_the_record(extractor):
    from extractor.core import scored_dict

    rec = extractor.extract(SEED.read_text("utf-8"))
    cands = [c for r in scored_dict(rec)["races"] for c in r["candidates"]]
    assert cands and any("_score" in c for c in cands)
    assert all(0.0 <= c["_score"] <= 1.0 for c in cands if "_score" in c)
    assert "_score" not in rec.model_dump_json() and "_score" not in json.dumps(rec.to_json_dict())


def test_fitting_rescores_candidates_out_of_fold():
    pytest.importorskip("sklearn")
    from extractor.calibrate import oof_candidate_scores

    items, records = [], []
    for n in range(10):
        gold = {"races": [_race([_cand("Ann Lee"), _cand("Bo Park")])]}
        # Ann Lee is in the gold race, Cy Dunn is not; a listing row (no features) keeps its score
        pred = {"races": [_race([_cand("Ann Lee", _score=0.5, _features={"x": 1.0 + n / 10}),
                                 _cand("Cy Dunn", _score=0.5, _features={"x": -1.0 - n / 10}),
                                 _cand("Bo Park", _score=None)])]}
        items.append((f"devset/A{n}", "", gold))
        records.append(pred)
    assert oof_candidate_scores(items, records) == 20
    for rec in records:
        ann, cy, bo = rec["races"][0]["candidates"]
        assert "_features" not in ann and "_features" not in cy
        assert ann["_score"] > 0.5 > cy["_score"] and bo["_score"] is None


# ---------------------------------------------------------------------------------------------- extraction
def test_every_fact_has_a_confidence(extractor):
    for path in sorted(CORPUS.glob("*.txt"))[:6] + [SEED]:
        rec = extractor.extract(path.read_text("utf-8"), id=path.stem).to_json_dict()
        facts = [p for p, *_ in iter_facts(rec)]
        assert facts or not rec["races"]
        assert set(rec["confidence"]) == set(facts), path.name
        assert all(0.0 <= v <= 1.0 for v in rec["confidence"].values())


def test_extract_min_confidence_above_one_gives_no_facts(capsys):
    assert main(["extract", str(SEED), "--json", "--min-confidence", "1.01"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["races"] == [] and rec["confidence"] == {}
    assert not any(e["field"].startswith("races[") for e in rec["evidence"])


def test_extract_min_confidence_keeps_only_confident_facts(capsys):
    assert main(["extract", str(SEED), "--json"]) == 0
    full = json.loads(capsys.readouterr().out)
    assert main(["extract", str(SEED), "--json", "--min-confidence", "0.7"]) == 0
    cut = json.loads(capsys.readouterr().out)
    assert all(v >= 0.7 for v in cut["confidence"].values())
    assert len(list(iter_facts(cut))) == sum(1 for v in full["confidence"].values() if v >= 0.7) - \
        _lost_with_parents(full, 0.7)


def _lost_with_parents(rec, t):
    """Confident facts that go with a candidate or predecessor whose name is below ``t``, or with a race
    left with no office kind, candidate or predecessor."""
    conf = rec["confidence"]
    lost = 0
    for p, v in conf.items():
        if v < t:
            continue
        m = re.match(r"(races\[\d+\])(\.candidates\[\d+\]|\.predecessor)?", p)
        race, sub = m.group(1), m.group(2)
        race_gone = conf[f"{race}.office.kind"] < t and not any(
            q.startswith(race + ".") and q.endswith(".name") and w >= t for q, w in conf.items())
        if race_gone or (sub and conf.get(f"{race}{sub}.name", 0) < t):
            lost += 1
    return lost


def test_batch_outputs_carry_confidence(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    assert main(["batch", str(src), "--jsonl", str(tmp_path / "out.jsonl"), "--workers", "1"]) == 0
    rec = json.loads((tmp_path / "out.jsonl").read_text("utf-8").splitlines()[0])
    assert rec["confidence"] and set(rec["confidence"]) == {p for p, *_ in iter_facts(rec)}
    assert main(["batch", str(src), "--csv", str(tmp_path / "out.csv"), "--workers", "1"]) == 0
    rows = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert rows and all(0 <= float(r["conf_name"]) <= 1 and r["conf_office"] for r in rows)
    assert all((r["conf_percent"] == "") == (r["percent"] == "") for r in rows)
    assert main(["batch", str(src), "--jsonl", str(tmp_path / "none.jsonl"), "--workers", "1",
                 "--min-confidence", "1.01"]) == 0
    rec = json.loads((tmp_path / "none.jsonl").read_text("utf-8").splitlines()[0])
    assert rec["races"] == [] and rec["confidence"] == {}


# ---------------------------------------------------------------------------------------------- review, show
def test_review_lists_exactly_the_facts_below_the_threshold(tmp_path):
    records = tmp_path / "records.jsonl"
    assert main(["batch", str(SEED), "--jsonl", str(records), "--workers", "1"]) == 0
    recs = [json.loads(line) for line in records.read_text("utf-8").splitlines()]
    recs.append(_record())  # a second article, confidences known
    records.write_text("".join(json.dumps(r) + "\n" for r in recs), "utf-8")
    t = 0.9
    expected = sorted(((r["confidence"].get(p, 0.0), r["id"], p) for r in recs for p, *_ in iter_facts(r)
                       if r["confidence"].get(p, 0.0) < t))
    assert expected, "the test needs facts below the threshold"
    page, table = tmp_path / "queue.html", tmp_path / "queue.csv"
    assert main(["review", str(records), "--html", str(page), "--csv", str(table), "--threshold", str(t)]) == 0
    html = page.read_text("utf-8")
    shown = re.findall(r'<tr class="fact" data-confidence="([\d.]+)" data-field="([^"]+)"', html)
    assert [p for _, p in shown] == [p for _, _, p in expected]
    assert [float(c) for c, _ in shown] == sorted(float(c) for c, _ in shown)  # lowest first
    assert html.count("<mark>") >= sum(1 for r in recs[:1] for p, *_ in iter_facts(r)
                                       if r["confidence"][p] < t and any(e["field"] == p for e in r["evidence"]))
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert [(r["article_id"], r["field"]) for r in rows] == [(a, p) for _, a, p in expected]
    # the seed's facts come with their sentence read back from the source file
    seed_rows = [r for r in rows if r["article_id"] == SEED.stem and r["evidence"]]
    assert all(r["evidence"] in r["sentence"] for r in seed_rows)


def test_review_survives_a_bad_line(tmp_path, capsys):
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps(_record()) + "\n{not json\n", "utf-8")
    assert main(["review", str(records), "--csv", str(tmp_path / "q.csv"), "--threshold", "0.6"]) == 1
    assert "records.jsonl:2" in capsys.readouterr().err
    rows = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8")))
    assert [r["field"] for r in rows] == ["races[0].candidates[0].name", "races[0].office.district"]


def test_show_html_colours_values_by_confidence(tmp_path):
    page = tmp_path / "show.html"
    assert main(["show", str(SEED), "--html", str(page)]) == 0
    html = page.read_text("utf-8")
    confs = re.findall(r'data-field="(races[^"]+)" [^>]*data-confidence="([\d.]+)" style="background:hsl\((\d+)', html)
    assert confs
    for _, c, hue in confs:
        assert int(hue) == round(max(0.0, min(1.0, (float(c) - 0.5) / 0.5)) * 120)


def test_evaluate_calibration_prints_totals_and_summary_line(tmp_path, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    for p in sorted(CORPUS.glob("*.txt"))[:3]:
        shutil.copy(p, gold / p.name)
        shutil.copy(p.with_suffix(".json"), gold / p.with_suffix(".json").name)
    assert main(["evaluate", str(gold), "--calibration"]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"ECE=\d\.\d{3} threshold=\d\.\d{2,3} P=\d\.\d{3} R=\d\.\d{3}", out.strip().splitlines()[-1])
    assert not any(p.stem in out for p in gold.glob("*.txt"))  # totals only
