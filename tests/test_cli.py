"""The command line on the seed article: panel, JSON, schema, evaluate, errors and exit codes."""
import json
import subprocess
import sys

import pytest

from extractor.cli import main

from .conftest import ROOT, SEED


def run(args, **kw):
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, **kw)


def test_extract_json_is_the_gold_record(capsys, seed_gold):
    assert main(["extract", str(SEED), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["races"] == seed_gold["races"]
    assert out["kind"] == "results"
    assert out["id"] == "ca34-special-2017"


def test_extract_json_evidence_points_at_the_words(capsys, seed_text):
    assert main(["extract", str(SEED), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["evidence"], "every extracted value keeps its evidence"
    for ev in out["evidence"]:
        assert seed_text[ev["start"]:ev["end"]] == ev["text"], ev
    fields = {ev["field"] for ev in out["evidence"]}
    assert "races[0].candidates[0].vote_pct" in fields
    assert "races[0].predecessor.reason" in fields


def test_extract_panel_shows_the_race(capsys):
    assert main(["extract", str(SEED)]) == 0
    out = capsys.readouterr().out
    for words in ("us_house", "CA / 34", "Jimmy Gomez", "Robert Lee Ahn", "60.1", "39.9", "won", "Xavier Becerra", "appointed"):
        assert words in out


def test_extract_from_stdin():
    res = run(["extract", "-", "--json"], input=SEED.read_text("utf-8"))
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["races"][0]["candidates"][0]["name"] == "Jimmy Gomez"


def test_published_resolves_weekdays(capsys):
    assert main(["extract", str(SEED), "--json", "--published", "2017-06-07"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["published"] == "2017-06-07"
    assert out["races"][0]["election"]["date"] == "2017-06-06"


def test_missing_file_is_a_usage_error(capsys):
    assert main(["extract", "no/such/file.txt"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_bad_option_is_a_usage_error():
    assert main(["extract"]) == 2


def test_unknown_model_exits_3_with_install_hint():
    res = run(["--model", "xx_no_such_pipeline", "extract", str(SEED)])
    assert res.returncode == 3
    assert "pip install" in res.stderr and "--model" in res.stderr


def test_schema_is_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "ArticleRecord"
    assert "races" in schema["properties"]


def test_evaluate_prints_groups_and_overall(capsys, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "seed.txt").write_text(SEED.read_text("utf-8"))
    (gold / "seed.json").write_text(SEED.with_suffix(".json").read_text("utf-8"))
    assert main(["evaluate", str(gold), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["files"] == 1
    assert report["groups"]["overall"]["f1"] == pytest.approx(1.0)
    assert set(report["groups"]) >= {"candidates", "party", "vote_pct", "votes", "outcome", "office", "election", "predecessor"}


def test_version():
    res = run(["--version"])
    assert res.returncode == 0 and "election-extract" in res.stdout
