"""The record models: normalisation tables, range checks and consistency warnings."""
import pytest
from pydantic import ValidationError

from models import ArticleRecord, Candidate, Office, Race, normalize_district, normalize_party, normalize_state, parse_percent, parse_votes


@pytest.mark.parametrize("raw, code", [
    ("California", "CA"), ("Calif.", "CA"), ("ca", "CA"), ("Texas", "TX"), ("N.Y.", "NY"), ("W.Va.", "WV"),
    ("District of Columbia", "DC"), ("Mass.", "MA"), ("Narnia", None), ("", None),
])
def test_states(raw, code):
    assert normalize_state(raw) == code


@pytest.mark.parametrize("raw, district", [
    ("34th", "34"), ("34", "34"), ("034", "34"), (7, "7"), ("1st", "1"), ("22nd", "22"), ("3rd", "3"),
    ("at-large", "at-large"), ("At Large", "at-large"), ("CA-12", "12"), ("AZ-07", "7"), ("", None), ("north", None),
])
def test_districts(raw, district):
    assert normalize_district(raw) == district


@pytest.mark.parametrize("raw, party", [
    ("Democrat", "Democratic"), ("Democrats", "Democratic"), ("D", "Democratic"), ("Dem.", "Democratic"),
    ("DFL", "Democratic"), ("Republican", "Republican"), ("GOP", "Republican"), ("R", "Republican"),
    ("independent", "Independent"), ("Libertarian", "Libertarian"), ("Green Party", "Green"),
    ("Tory", "Conservative"), ("Tories", "Conservative"), ("Labour", "Labour"), ("Lib Dems", "Liberal Democrats"),
    ("Reform", "Reform UK"), ("Scottish National Party", "SNP"), ("New Democratic Party", "NDP"),
    ("Bloc Quebecois", "Bloc Québécois"), ("Liberals", "Liberal"), ("Moderate Party", "Moderate Party"), ("  ", None),
])
def test_parties(raw, party):
    assert normalize_party(raw) == party


@pytest.mark.parametrize("raw, value", [
    ("60.1 percent", 60.1), ("60.1%", 60.1), ("39.9 per cent", 39.9), ("25", 25.0), ("49,96 %", 49.96), ("half", None),
])
def test_percent(raw, value):
    assert parse_percent(raw) == value


@pytest.mark.parametrize("raw, value", [
    ("101,574 votes", 101574), ("12645", 12645), ("6,976", 6976), ("1.2 million", None), ("none", None),
])
def test_votes(raw, value):
    assert parse_votes(raw) == value


def test_office_normalises_state_and_district():
    o = Office(kind="us_house", state="California", district="34th")
    assert (o.state, o.district, o.country) == ("CA", "34", "US")


def test_office_rejects_unknown_state_and_kind():
    with pytest.raises(ValidationError):
        Office(kind="us_house", state="Narnia")
    with pytest.raises(ValidationError):
        Office(kind="emperor")


@pytest.mark.parametrize("field, value", [("vote_pct", 100.5), ("vote_pct", -1), ("votes", -5)])
def test_candidate_ranges(field, value):
    with pytest.raises(ValidationError):
        Candidate(name="Jane Roe", **{field: value})


def test_candidate_party_alias_is_normalised():
    assert Candidate(name="Jane Roe", party="Dem.").party == "Democratic"


def _race(cands):
    return {"office": {"kind": "mayor", "country": "US"}, "election": {"stage": "general"}, "candidates": cands}


def test_consistency_problems_become_warnings_not_errors():
    rec = ArticleRecord.model_validate({"id": "x", "kind": "results", "races": [_race([
        {"name": "A Person", "vote_pct": 70, "votes": 10, "outcome": "won"},
        {"name": "B Person", "vote_pct": 40, "votes": 20, "outcome": "won"},
    ])]})
    messages = " | ".join(w.message for w in rec.warnings)
    assert "sum to 110.0" in messages
    assert "more than one winner" in messages
    assert "fewer votes" in messages


def test_consistent_race_has_no_warnings():
    rec = ArticleRecord.model_validate({"id": "x", "kind": "results", "races": [_race([
        {"name": "A Person", "vote_pct": 60.1, "votes": 30, "outcome": "won"},
        {"name": "B Person", "vote_pct": 39.9, "votes": 20, "outcome": "lost"},
    ])]})
    assert rec.warnings == []


def test_contract_keeps_only_contract_keys(seed_gold):
    rec = ArticleRecord.model_validate(seed_gold)
    assert list(rec.contract()) == ["id", "source", "url", "published", "kind", "races"]
    assert rec.contract()["races"] == seed_gold["races"]


def test_race_from_gold_roundtrips(seed_gold):
    race = Race.model_validate(seed_gold["races"][0])
    assert race.model_dump(mode="json") == seed_gold["races"][0]
