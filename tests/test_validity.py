"""Race validity: a race is a contest for public office between people; poll figures are no results."""
import pytest

from extractor import Extractor

from .conftest import ELECTION

SPORT_VOTE = ("Baxter named player of the season\n"
              "City striker Jim Baxter won the fans' player of the season award on Sunday, beating midfielder Tom "
              "Hale with 60% of the vote to 40%. The club's supporters voted after the cup final, and Baxter's "
              "goals took the team to the league title. The election of the club captain comes next season.")
POLL = ("Baxter leads Hale in new poll for governor\n"
        "Democrat Jim Baxter leads Republican Tom Hale 48% to 41% among likely voters in the race for governor, "
        "according to a poll released on Monday. The survey of 800 voters has a margin of error of 3 points. "
        "The election is on November 5.")


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def test_a_sports_vote_is_no_race(ex):
    rec = ex.extract(SPORT_VOTE)
    assert rec.races == [] and rec.kind == "not_election"


def test_a_poll_story_carries_no_vote_share(ex):
    rec = ex.extract(POLL)
    assert rec.kind == "poll"
    assert all(c.vote_pct is None and c.outcome is None for r in rec.races for c in r.candidates)


def test_an_election_keeps_its_race_and_shares(ex):
    rec = ex.extract(ELECTION)
    assert rec.kind == "results"
    (race,) = rec.races
    assert {c.name: c.vote_pct for c in race.candidates} == {"Jim Baxter": 56.0, "Tom Hale": 44.0}


def _race(text, *cands):
    """A race dict as assembly makes it, with name evidence at each candidate's first mention."""
    ev = []
    for i, (name, _) in enumerate(cands):
        at = text.index(name)
        ev.append({"field": f"candidates[{i}].name", "start": at, "end": at + len(name), "text": name, "rule": "t"})
    for i, (name, votes) in enumerate(cands):
        if votes:
            at = text.index(votes)
            ev.append({"field": f"candidates[{i}].votes", "start": at, "end": at + len(votes), "text": votes, "rule": "t"})
    return {"office": {"kind": "national_legislature", "district": None, "jurisdiction": None},
            "election": {"stage": "general", "party_primary": None},
            "candidates": [{"name": n, "votes": int(v.replace(",", "")) if v else None, "vote_pct": None,
                            "outcome": None} for n, v in cands],
            "_evidence": ev}


def test_companies_and_parties_are_not_candidates(ex):
    text = ("Jim Baxter and Acme Holdings fight the by-election\nJim Baxter will face Acme Holdings and the "
            "Lib Dems in the by-election for the seat, where 41,000 votes were cast last time.")
    doc = ex.nlp(text)
    v = ex.nlp.get_pipe("election_races").validity
    race = _race(text, ("Jim Baxter", None), ("Acme Holdings", None), ("Lib Dems", None))
    kind, races, _ = v(doc, "preview", [race], [])
    assert [c["name"] for c in races[0]["candidates"]] == ["Jim Baxter"]
    assert [e["field"] for e in races[0]["_evidence"]] == ["candidates[0].name"]


def test_a_count_in_a_sentence_about_money_is_no_vote_count(ex):
    text = ("Baxter and Hale in the by-election\nJim Baxter and Tom Hale are candidates in the by-election. "
            "Tom Hale gave 2,000 to a hospital charity last year. Jim Baxter won 12,345 votes in 2001.")
    doc = ex.nlp(text)
    v = ex.nlp.get_pipe("election_races").validity
    race = _race(text, ("Jim Baxter", "12,345"), ("Tom Hale", "2,000"))
    _, races, _ = v(doc, "results", [race], [])
    assert [c["votes"] for c in races[0]["candidates"]] == [12345, None]
