"""Consolidation: grouping races into contests, the merging rules, conflicts kept, stable order, CLI."""
import json
import random

import pytest

from extractor.cli import main
from extractor.consolidate import consolidate, count_status, pct_agrees

from .conftest import SHARED


def race(kind="us_senate", state="MN", district=None, juris=None, country="US", stage="general", special=False,
         date=None, pp=None, cands=(), pred=None):
    return {"office": {"kind": kind, "state": state, "district": district, "jurisdiction": juris, "country": country},
            "election": {"stage": stage, "special": special, "date": date, "party_primary": pp},
            "candidates": [dict({"name": n, "party": None, "vote_pct": None, "votes": None, "outcome": None,
                                 "incumbent": None}, **kw) for n, kw in cands],
            "predecessor": pred}


def rec(aid, *races, published=None, **extra):
    return {"id": aid, "url": f"https://example.org/{aid}", "published": published, "kind": "results",
            "races": list(races), **extra}


def run(records):
    return list(consolidate(lambda: iter(records)))


def cand(contest, surname):
    return next(c for c in contest["candidates"] if c["name"].endswith(surname))


def conflict(contest, field):
    return next((c for c in contest["conflicts"] if c["field"] == field), None)


# ---------------------------------------------------------------------------------------------- grouping
def test_reports_of_one_contest_become_one_and_other_contests_stay_apart():
    night = rec("a1", race(date="2010-11-02", cands=[("Ann Avery", {"vote_pct": 51.0}), ("Bo Birch", {})]),
                published="2010-11-03")
    later = rec("a2", race(cands=[("Avery", {"outcome": "won"})]), published="2010-11-20")  # undated: publication
    other_state = rec("a3", race(state="WI", date="2010-11-02", cands=[("Ann Avery", {})]), published="2010-11-03")
    next_cycle = rec("a4", race(date="2016-11-08", cands=[("Ann Avery", {}), ("Cy Cole", {})]), published="2016-11-09")
    primary = rec("a5", race(stage="primary", pp="Democratic", date="2010-08-10", cands=[("Ann Avery", {})]))
    contests = run([night, later, other_state, next_cycle, primary])
    fed = sorted(sorted(a["id"] for a in c["sources"]["articles"]) for c in contests)
    assert fed == [["a1", "a2"], ["a3"], ["a4"], ["a5"]]


def test_missing_district_joins_by_candidates_and_disjoint_candidates_split():
    full = rec("a1", race("us_house", "NY", "9", cands=[("Bob Turner", {}), ("David Weprin", {})]),
               published="2011-09-14")
    no_district = rec("a2", race("us_house", "NY", None, cands=[("Bob Turner", {}), ("Weprin", {})]),
                      published="2011-09-15")
    same_seat_other_people = rec("a3", race("us_house", "NY", "9", cands=[("Xena Yu", {})]), published="2011-09-14")
    contests = run([full, no_district, same_seat_other_people])
    assert sorted(sorted(a["id"] for a in c["sources"]["articles"]) for c in contests) == [["a1", "a2"], ["a3"]]


def test_a_place_spelled_otherwise_joins_when_the_candidates_are_the_same():
    field = [("Gus Gale", {"vote_pct": 55.9}), ("Ivo Hale", {"vote_pct": 25.0})]
    by = dict(kind="national_legislature", state=None, country="GB", special=True, date="2012-03-29")
    one = rec("a1", race(**by, juris="Bradfield West", cands=field))
    misread = rec("a2", race(**by, juris="Bradfield W", cands=field))
    elsewhere = rec("a3", race(**by, juris="Rochford", cands=field[:1] + [("Kim Lowe", {})]))
    fed = sorted(sorted(a["id"] for a in c["sources"]["articles"]) for c in run([one, misread, elsewhere]))
    assert fed == [["a1", "a2"], ["a3"]]


def test_a_rematch_with_one_name_in_common_and_no_date_is_another_contest():
    old = rec("a1", race("governor", "KY", date="2019-11-05", cands=[("Andy Beshear", {}), ("Matt Bevin", {})]))
    undated = rec("a2", race("governor", "KY", cands=[("Andy Beshear", {}), ("Daniel Cameron", {})]))
    assert len(run([old, undated])) == 2


def test_an_undated_report_calling_a_primary_runoff_the_primary_joins_the_runoff():
    # the primary's reports name its winner and the third candidate, not the runner-up
    primary = rec("a1", race(stage="primary", pp="Democratic", date="2010-05-18",
                             cands=[("Ann Avery", {"vote_pct": 44.0}), ("Cy Cole", {"vote_pct": 14.0})]),
                  published="2010-05-19")
    primary_again = rec("a2", race(stage="primary", pp="Democratic", date="2010-05-18",
                                   cands=[("Ann Avery", {"outcome": "advanced"})]), published="2010-05-20")
    two = [("Ann Avery", {"outcome": "won"}), ("Bo Birch", {"outcome": "lost"})]
    runoff = rec("a3", race(stage="runoff", pp="Democratic", date="2010-06-08", cands=two), published="2010-06-09")
    runoff_later = rec("a4", race(stage="runoff", pp="Democratic", cands=two), published="2010-06-10")
    # no date and no publication date; called the primary, names the runoff's two candidates and only them
    misread = rec("a5", race(stage="primary", pp="Democratic", cands=[("Ann Avery", {"vote_pct": 52.0}),
                                                                     ("Bo Birch", {"vote_pct": 48.0})]))
    contests = run([primary, primary_again, runoff, runoff_later, misread])
    fed = {c["election"]["stage"]: sorted(a["id"] for a in c["sources"]["articles"]) for c in contests}
    assert fed == {"primary": ["a1", "a2"], "runoff": ["a3", "a4", "a5"]}
    runoff_contest = next(c for c in contests if c["election"]["stage"] == "runoff")
    assert conflict(runoff_contest, "election.stage")["alternatives"] == [{"value": "primary", "articles": ["a5"]}]


def test_a_stage_is_only_overridden_for_an_undated_report_naming_more_of_the_other_stage():
    two = [("Ann Avery", {}), ("Bo Birch", {})]
    runoff = rec("a1", race(stage="runoff", pp="Democratic", date="2010-06-08", cands=two), published="2010-06-09")
    primary = rec("a2", race(stage="primary", pp="Democratic", date="2010-05-18", cands=two + [("Cy Cole", {})]))
    dated = rec("a3", race(stage="primary", pp="Democratic", date="2010-06-08", cands=two))  # its own date: kept
    other_party = rec("a4", race(stage="primary", pp="Republican", cands=two))
    as_many_in_the_primary = rec("a5", race(stage="primary", pp="Democratic", cands=two))
    general = rec("a6", race(state="WI", date="2010-11-02", cands=[("Ann Avery", {}), ("Dee Dunn", {})]))
    names_one = rec("a7", race(state="WI", stage="runoff", cands=[("Ann Avery", {}), ("Eve Eng", {})]),
                    published="2010-11-04")  # one name in common with the general: not its contest
    contests = run([runoff, primary, dated, other_party, as_many_in_the_primary, general, names_one])
    fed = sorted(sorted(a["id"] for a in c["sources"]["articles"]) for c in contests)
    assert fed == [["a1"], ["a2", "a5"], ["a3"], ["a4"], ["a6"], ["a7"]]


# ---------------------------------------------------------------------------------------------- merging rules
def test_a_more_complete_count_beats_a_partial_one_and_the_other_value_is_a_conflict():
    partial = rec("a1", race(cands=[("Ann Avery", {"vote_pct": 53.0}), ("Bo Birch", {"vote_pct": 47.0})]),
                  published="2010-11-03")
    complete = rec("a2", race(cands=[("Ann Avery", {"vote_pct": 54.0}), ("Bo Birch", {"vote_pct": 45.0}),
                                     ("Cy Cole", {"vote_pct": 1.0})]), published="2010-11-03")
    [c] = run([partial, complete])
    assert cand(c, "Avery")["vote_pct"] == 54.0
    assert c["sources"]["values"]["candidates[0].vote_pct"]["article"] == "a2"
    alt = conflict(c, "candidates[0].vote_pct")["alternatives"]
    assert alt == [{"value": 53.0, "articles": ["a1"]}]


def test_certified_count_beats_election_night_and_precincts_fully_reported_beat_partial():
    night = rec("a1", race(cands=[("Ann Avery", {"votes": 1000, "vote_pct": 52.0})]), published="2010-11-20",
                count={"status": "election_night"})
    certified = rec("a2", race(cands=[("Ann Avery", {"votes": 1010})]), published="2010-11-10",
                    count={"status": "certified"})
    [c] = run([night, certified])
    assert cand(c, "Avery")["votes"] == 1010  # certified, though published earlier
    assert cand(c, "Avery")["vote_pct"] == 52.0  # only one source states a share: kept
    early = rec("b1", race(state="WI", cands=[("Dee Dunn", {"votes": 500})]), published="2010-11-03",
                count={"status": None, "reporting_pct": 60.0})
    full = rec("b2", race(state="WI", cands=[("Dee Dunn", {"votes": 800})]), published="2010-11-03",
               count={"status": None, "reporting_pct": 100.0})
    [d] = run([early, full])
    assert cand(d, "Dunn")["votes"] == 800


def test_a_later_report_beats_an_earlier_one_when_counts_are_otherwise_alike():
    a = rec("a1", race(cands=[("Ann Avery", {"votes": 1000})]), published="2010-11-03")
    b = rec("a2", race(cands=[("Ann Avery", {"votes": 1200})]), published="2010-11-09")
    [c] = run([b, a])
    assert cand(c, "Avery")["votes"] == 1200


def test_a_reported_outcome_beats_undecided():
    preview = rec("a1", race(date="2010-11-02", cands=[("Ann Avery", {}), ("Bo Birch", {})]), published="2010-10-30")
    result = rec("a2", race(cands=[("Ann Avery", {"outcome": "won"}), ("Bo Birch", {"outcome": "lost"})]),
                 published="2010-11-03")
    [c] = run([preview, result])
    assert (cand(c, "Avery")["outcome"], cand(c, "Birch")["outcome"]) == ("won", "lost")
    assert c["conflicts"] == []


def test_an_overturned_winner_keeps_the_final_outcome_and_its_old_figures_are_superseded():
    night = rec("a1", race(cands=[("Norm North", {"outcome": "won", "vote_pct": 42.03}),
                                  ("Al Anders", {"outcome": "lost", "vote_pct": 42.0}),
                                  ("Dean Doe", {"outcome": "lost", "vote_pct": 15.0})]))
    recount = [rec(f"a{i}", race(date="2008-11-04", cands=[("Al Anders", {"outcome": "won"}),
                                                          ("Norm North", {"outcome": "lost"})]),
                   published="2009-06-30") for i in (2, 3)]
    [c] = run([night, *recount])
    assert cand(c, "Anders")["outcome"] == "won" and cand(c, "North")["outcome"] == "lost"
    assert cand(c, "Anders")["vote_pct"] is None and cand(c, "Doe")["vote_pct"] == 15.0
    k = c["candidates"].index(cand(c, "Anders"))
    assert conflict(c, f"candidates[{k}].vote_pct")["alternatives"] == [
        {"value": 42.0, "articles": ["a1"], "superseded": True}]
    assert conflict(c, f"candidates[{k}].outcome")["alternatives"] == [{"value": "lost", "articles": ["a1"]}]


def test_a_rounded_share_agrees_with_the_precise_one():
    assert pct_agrees(55.89, 56) and pct_agrees(52.7, 53) and not pct_agrees(53, 54) and not pct_agrees(55.8, 55.9)
    a = rec("a1", race(cands=[("Ann Avery", {"vote_pct": 55.89}), ("Bo Birch", {"vote_pct": 44.11})]))
    b = rec("a2", race(cands=[("Ann Avery", {"vote_pct": 56.0})]), published="2010-11-04")
    [c] = run([a, b])
    assert cand(c, "Avery")["vote_pct"] == 55.89 and c["conflicts"] == []
    assert c["sources"]["values"]["candidates[0].vote_pct"]["agree"] == 2


def test_values_go_by_the_number_of_sources_and_disagreements_are_kept():
    recs = [rec(f"a{i}", race(cands=[("Ann Avery", {"party": p})]), published="2010-11-03")
            for i, p in enumerate(["Democratic", "Democratic", "Republican"])]
    [c] = run(recs)
    assert cand(c, "Avery")["party"] == "Democratic"
    assert conflict(c, "candidates[0].party")["alternatives"] == [{"value": "Republican", "articles": ["a2"]}]


def test_confidence_weighs_in_when_present():
    def r(aid, pct, conf):
        return rec(aid, race(cands=[("Ann Avery", {"vote_pct": pct}), ("Bo Birch", {"vote_pct": 40.0})]),
                   published="2010-11-05" if aid == "a1" else "2010-11-03",
                   confidence={"races[0].candidates[0].vote_pct": conf})
    # the later report would win, but its share is not trusted
    [c] = run([r("a1", 58.0, 0.2), r("a2", 60.0, 0.95)])
    assert cand(c, "Avery")["vote_pct"] == 60.0
    assert conflict(c, "candidates[0].vote_pct")["alternatives"][0]["value"] == 58.0
    # and without confidence the later report wins
    plain = [dict(x, confidence=None) for x in (r("a1", 58.0, 0), r("a2", 60.0, 0))]
    [d] = run(plain)
    assert cand(d, "Avery")["vote_pct"] == 58.0


def test_every_value_names_its_article_and_evidence():
    r1 = rec("a1", race(cands=[("Ann Avery", {"vote_pct": 60.1})]), published="2017-06-07",
             evidence=[{"field": "races[0].candidates[0].vote_pct", "start": 5, "end": 17, "text": "60.1 percent"}])
    [c] = run([r1])
    assert c["sources"]["values"]["candidates[0].vote_pct"] == {
        "article": "a1", "race": 0, "evidence": {"start": 5, "end": 17, "text": "60.1 percent"}, "agree": 1}
    assert c["sources"]["articles"] == [{"id": "a1", "url": "https://example.org/a1", "published": "2017-06-07",
                                         "races": [0]}]
    assert set(c["sources"]["values"]) >= {"office.kind", "office.state", "election.stage", "candidates[0].name"}


def test_an_uncorroborated_name_is_listed_not_kept():
    recs = [rec("a1", race(cands=[("Ann Avery", {}), ("Bo Birch", {}), ("Zed Passing", {"outcome": "lost"})]))]
    recs += [rec(f"a{i}", race(cands=[("Ann Avery", {}), ("Bo Birch", {})])) for i in (2, 3)]
    [c] = run(recs)
    assert [x["name"] for x in c["candidates"]] == ["Ann Avery", "Bo Birch"]
    assert conflict(c, "candidates")["alternatives"][0]["value"] == "Zed Passing"


def test_a_minor_candidate_one_source_gives_a_party_is_kept():
    # the later stories name only the two leaders; the first gave the third runner's party
    recs = [rec("a1", race(cands=[("Ann Avery", {}), ("Bo Birch", {}),
                                  ("Cy Third", {"party": "Independence", "outcome": "lost"})]))]
    recs += [rec(f"a{i}", race(cands=[("Ann Avery", {}), ("Bo Birch", {})])) for i in (2, 3)]
    [c] = run(recs)
    assert [x["name"] for x in c["candidates"]] == ["Ann Avery", "Bo Birch", "Cy Third"]
    assert cand(c, "Third")["party"] == "Independence"


def test_where_one_candidate_holds_the_seat_the_others_do_not():
    # one article tells the holder; another names a third runner, whose incumbency it leaves open
    r1 = rec("a1", race(cands=[("Ann Avery", {"incumbent": True}), ("Bo Birch", {"incumbent": False})]),
             evidence=[{"field": "races[0].candidates[0].incumbent", "start": 0, "end": 16, "text": "Sen. Ann Avery"}])
    r2 = rec("a2", race(cands=[("Ann Avery", {}), ("Bo Birch", {}), ("Cy Third", {"party": "Green"})]))
    [c] = run([r1, r2])
    assert [(x["name"], x["incumbent"]) for x in c["candidates"]] == [
        ("Ann Avery", True), ("Bo Birch", False), ("Cy Third", False)]
    third = c["candidates"].index(cand(c, "Third"))
    why = c["sources"]["values"][f"candidates[{third}].incumbent"]
    assert why["inferred"] == "holder" and why["evidence"]["text"] == "Sen. Ann Avery"
    # nobody known to hold it, nobody known to have left it: unknown stays unknown
    [c] = run([rec("a3", race(cands=[("Ann Avery", {}), ("Bo Birch", {})]))])
    assert [x["incumbent"] for x in c["candidates"]] == [None, None]


def test_count_status_from_words():
    assert count_status("The results were certified by the state canvassing board.")["status"] == "certified"
    assert count_status("With 98 percent of precincts reporting, she led.") == {"status": "partial",
                                                                               "reporting_pct": 98.0}
    assert count_status("It rained.") is None


# ---------------------------------------------------------------------------------------------- order
def test_output_is_the_same_whatever_the_input_order():
    recs = []
    for i in range(40):
        st = ["MN", "WI", "IA"][i % 3]
        recs.append(rec(f"a{i:02d}", race(state=st, date=None if i % 2 else "2010-11-02",
                                          cands=[(f"Ann Avery{st}", {"vote_pct": 50.0 + i % 4}),
                                                 (f"Bo Birch{st}", {"outcome": "lost" if i % 5 else None})]),
                        published=f"2010-11-{3 + i % 20:02d}"))
    first = [json.dumps(c) for c in run(recs)]
    for seed in range(3):
        shuffled = recs[:]
        random.Random(seed).shuffle(shuffled)
        assert [json.dumps(c) for c in run(shuffled)] == first
    ids = [json.loads(c)["id"] for c in first]
    assert len(set(ids)) == len(ids) == 3


# ---------------------------------------------------------------------------------------------- CLI
def test_cli_consolidate_writes_contests_csv_and_cdf(tmp_path, capsys):
    from extractor.export.cdf import validate_cdf

    src = tmp_path / "records.jsonl"
    recs = [rec("a1", race(date="2010-11-02", cands=[("Ann Avery", {"vote_pct": 51.0, "outcome": "won"}),
                                                    ("Bo Birch", {"vote_pct": 49.0})])),
            rec("a2", race(cands=[("Avery", {"votes": 1000})]), published="2010-11-04"),
            rec("a3", race("mayor", None, juris="Springfield", cands=[("Cy Cole", {"outcome": "won"})]))]
    src.write_text("\n".join(json.dumps(r) for r in recs) + "\nnot json\n", encoding="utf-8")
    out, csv, cdf = tmp_path / "c.jsonl", tmp_path / "c.csv", tmp_path / "c.json"
    code = main(["consolidate", str(src), "--out", str(out), "--csv", str(csv), "--cdf", str(cdf), "--json"])
    assert code == 1  # the bad line is reported, the rest written
    summary = json.loads(capsys.readouterr().out)
    assert summary["contests"] == 2 and summary["bad_records"] == 1
    contests = [json.loads(line) for line in out.read_text().splitlines()]
    assert [len(c["sources"]["articles"]) for c in contests] == [2, 1]
    rows = csv.read_text().splitlines()
    assert len(rows) == 1 + 3 and rows[1].startswith(contests[0]["id"] + ",a2 a1,")  # dated articles first
    report = json.loads(cdf.read_text())
    validate_cdf(report)
    assert sum(len(e["Contest"]) for e in report["Election"]) == 2
    assert not list(tmp_path.glob(".*.part"))


def test_cli_consolidate_usage_errors(tmp_path):
    assert main(["consolidate", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o.jsonl")]) == 2
    assert main(["consolidate", str(tmp_path)]) == 2  # neither --out nor --evaluate


CLUSTERS = SHARED / "clusters"


@pytest.mark.skipif(not (CLUSTERS / "clusters.json").exists(), reason="../shared/clusters not present")
def test_gold_records_of_the_clusters_consolidate_into_their_contests(capsys):
    assert main(["evaluate-clusters", str(CLUSTERS), "--gold", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["grouping"]["f1"] >= 0.95
    assert report["facts"]["consolidated"]["f1"] > report["facts"]["best_single"]["f1"]


def test_batch_consolidate_after_extraction(tmp_path):
    from .conftest import SEED

    jsonl, contests = tmp_path / "records.jsonl", tmp_path / "contests.jsonl"
    assert main(["batch", str(SEED), "--jsonl", str(jsonl), "--workers", "1", "--consolidate", str(contests)]) == 0
    records = [json.loads(line) for line in jsonl.read_text().splitlines()]
    out = [json.loads(line) for line in contests.read_text().splitlines()]
    assert len(out) == len(records[0]["races"])  # one article: each race its own contest
    assert {a["id"] for c in out for a in c["sources"]["articles"]} == {records[0]["id"]}
    assert main(["batch", str(SEED), "--csv", str(tmp_path / "x.csv"), "--consolidate", str(contests)]) == 2


# ---------------------------------------------------------------------------------------------- parallel run
def _archive(n_contests=60, seed=3):
    """Records of ``n_contests`` contests told by 1-4 articles each, 1-2 races an article, partial the way
    news is (dates, districts, figures left out), with conflicting shares now and then."""
    rng = random.Random(seed)
    pending = []
    for k in range(n_contests):
        st = ["MN", "WI", "IA", "OH"][k % 4]
        kind = ["us_house", "us_senate", "governor"][k % 3]
        dist = str(1 + k % 7) if kind == "us_house" else None
        names = [f"Ann Avery{k}", f"Bo Birch{k}", f"Cy Cole{k % 5}"][: 2 + k % 2]
        for _ in range(rng.randint(1, 4)):
            cands = [(n, {"vote_pct": round(40 + 10 * i + (rng.random() < 0.2), 1) if rng.random() < 0.7 else None,
                          "outcome": ("won" if i == 0 else "lost") if rng.random() < 0.5 else None})
                     for i, n in enumerate(names)]
            pending.append((race(kind, st, district=dist if rng.random() < 0.8 else None,
                                 date="2014-11-04" if rng.random() < 0.5 else None, cands=cands),
                            f"2014-11-{rng.randint(1, 28):02d}"))
    rng.shuffle(pending)
    recs, i = [], 0
    while pending:
        take = [pending.pop() for _ in range(min(rng.randint(1, 2), len(pending)))]
        recs.append(rec(f"a{i:03d}", *[r for r, _ in take], published=take[0][1]))
        i += 1
    return recs


def test_the_parallel_run_writes_the_same_bytes_as_the_serial_one(tmp_path):
    from extractor.consolidate import consolidate_lines, spool_records
    from extractor.consolidate_parallel import consolidate_files

    recs = _archive()
    one = tmp_path / "one.jsonl"
    lines = [json.dumps(r) for r in recs]
    lines[7:7] = ["not json", "", '{"id": "x", "races": 3}']  # bad lines are reported, not lost
    one.write_text("\n".join(lines[:40]) + "\n", encoding="utf-8")
    two = tmp_path / "two.jsonl"
    two.write_text("\n".join(lines[40:]) + "\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    for r in _archive(8, seed=5):
        (folder / f"{r['id']}.json").write_text(json.dumps(dict(r, id="f" + r["id"])), encoding="utf-8")
    paths = [str(one), str(folder), str(two)]

    def run_with(make):
        errors = []
        out = list(make(lambda where, exc: errors.append((where, str(exc)))))
        return out, errors

    serial, serial_errors = run_with(lambda on_error: consolidate_lines(spool_records(paths, on_error)))
    assert len(serial) > 40 and [w for w, _ in serial_errors] == [f"{one}:8", f"{one}:10"]
    for workers in (2, 3):
        parallel, errors = run_with(lambda on_error: consolidate_files(paths, on_error, workers=workers, min_bytes=0))
        assert parallel == serial and errors == serial_errors


def test_a_shard_boundary_inside_a_line_gives_the_line_to_one_shard(tmp_path):
    from pathlib import Path

    from extractor.consolidate import jsonl_lines
    from extractor.consolidate_parallel import plan

    f = tmp_path / "r.jsonl"
    f.write_bytes(b"".join(b'{"n": %d}\n' % i for i in range(100)))
    for workers in (2, 3, 7):
        shards = plan([Path(f)], workers)
        assert len(shards) == workers
        got = []
        with f.open("rb") as fh:
            for shard in shards:
                for _, start, end in shard:
                    got += [line for _, line in jsonl_lines(fh, start, end)]
        assert got == f.read_bytes().splitlines(keepends=True)


def _die(w):
    import os

    os._exit(3)


def test_a_worker_that_dies_stops_the_parallel_run_with_an_error(tmp_path, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    from extractor import consolidate_parallel

    src = tmp_path / "r.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in _archive(10)) + "\n", encoding="utf-8")
    monkeypatch.setattr(consolidate_parallel, "_read_shard", _die)
    with pytest.raises(BrokenProcessPool):
        list(consolidate_parallel.consolidate_files([str(src)], lambda *a: None, workers=2, min_bytes=0))
