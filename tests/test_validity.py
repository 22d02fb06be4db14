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


# ----------------------------------------------------------------------------------- offices: chancellor
UK_CHANCELLOR = ("Hale tipped for bigger campaign role\n"
                 "Chancellor Tom Hale is to take a bigger role in the election campaign, ousting Jim Baxter as "
                 "campaign chief, reports say. The chancellor won praise for his budget before the election.")
GERMAN_CHANCELLOR = ("Baxter wins German election\n"
                     "Jim Baxter won the election for German chancellor on Sunday, beating Tom Hale. Baxter took "
                     "35% of the vote and Hale 34%.")


def test_a_uk_chancellor_is_no_head_of_government(ex):
    # a Chancellor of the Exchequer is a minister: the word alone names no contest for head of government
    rec = ex.extract(UK_CHANCELLOR)
    assert not [r for r in rec.races if r.office.kind == "head_of_government"]


def test_a_german_chancellor_election_is_one(ex):
    rec = ex.extract(GERMAN_CHANCELLOR)
    (race,) = rec.races
    assert race.office.kind == "head_of_government"
    assert {c.name: c.vote_pct for c in race.candidates} == {"Jim Baxter": 35.0, "Tom Hale": 34.0}


# ------------------------------------------------------------------------- people: seats and ruled-out
def _validate(ex, text, race, kind="preview"):
    doc = ex.nlp(text)
    return ex.nlp.get_pipe("election_races").validity(doc, kind, [race], [])


def test_a_seat_named_like_a_person_is_no_candidate(ex):
    text = ("Baxter to fight Oakley Vale\nJim Baxter is a candidate at the next election and will contest "
            "Oakley Vale, standing against Tom Hale. The constituency of Oakley Vale has been Labour since 1997.")
    race = _race(text, ("Jim Baxter", None), ("Oakley Vale", None), ("Tom Hale", None))
    _, races, _ = _validate(ex, text, race)
    assert [c["name"] for c in races[0]["candidates"]] == ["Jim Baxter", "Tom Hale"]
    assert [e["field"] for e in races[0]["_evidence"]] == ["candidates[0].name", "candidates[1].name"]


def test_a_name_only_in_a_ruled_out_candidacy_is_no_candidate(ex):
    text = ("Baxter picks his seat\nJim Baxter is to be the candidate for Northfield at the next election. "
            "His choice ended speculation that he would stand against Tom Hale in Southgate.")
    race = _race(text, ("Jim Baxter", None), ("Tom Hale", None))
    _, races, _ = _validate(ex, text, race)
    assert [c["name"] for c in races[0]["candidates"]] == ["Jim Baxter"]
    # named as running elsewhere in the story, the same person stays
    text2 = text + " Tom Hale is also a candidate for Northfield."
    _, races, _ = _validate(ex, text2, _race(text2, ("Jim Baxter", None), ("Tom Hale", None)))
    assert [c["name"] for c in races[0]["candidates"]] == ["Jim Baxter", "Tom Hale"]


# ----------------------------------------------------------------------------------------- contests
def _one_with_outcome(text, name, outcome, office="other"):
    race = _race(text, (name, None))
    at = text.index(outcome)
    race["office"]["kind"] = office
    race["candidates"][0]["outcome"] = "won"
    race["_evidence"].append({"field": "candidates[0].outcome", "start": at, "end": at + len(outcome),
                              "text": outcome, "rule": "t"})
    return race


def test_a_bare_won_tells_no_contest(ex):
    text = ("Baxter charity warns of closure\nThe Baxter Trust, funded by Jim Baxter, says it may close its local "
            "office. Mr Baxter once took on the central bank and won. Elections there were criticised as flawed.")
    kind, races, _ = _validate(ex, text, _one_with_outcome(text, "Jim Baxter", "won"), "results")
    assert races == [] and kind == "not_election"
    # "re-elected" tells the election by itself
    text = "Baxter back as mayor\nJim Baxter has been re-elected as mayor of Oakley."
    _, races, _ = _validate(ex, text, _one_with_outcome(text, "Jim Baxter", "re-elected", "mayor"), "results")
    assert [c["name"] for c in races[0]["candidates"]] == ["Jim Baxter"]


def test_an_election_court_tells_no_candidacy(ex):
    court = ("Councillors face fraud hearing\nThe Special Election Commission heard the case against Jim Baxter and "
             "Tom Hale, two councillors accused of fraud. The men deny the charges.")
    special = ("Councillors face voters again\nA special election will be held after the court case against "
               "Jim Baxter and Tom Hale, two councillors. The men deny the charges.")
    for text, kept in ((court, False), (special, True)):
        race = _race(text, ("Jim Baxter", None), ("Tom Hale", None))
        word = "Special Election" if text is court else "special election"
        at = text.index(word)
        race["_evidence"].append({"field": "election.special", "start": at, "end": at + len(word), "text": word,
                                  "rule": "t"})
        _, races, _ = _validate(ex, text, race)
        assert bool(races) == kept


def test_a_share_before_a_later_poll_clause_is_the_counts(ex):
    """"was third with 12%, and exit poll data showed ...": the poll word is in a clause of its own after
    the share, which stays; a share in the poll's own clause goes."""
    rec = ex.extract("Marsh narrowly wins Senate seat\n\nDemocrat Ellen Marsh won the Senate election in Ohio "
                     "on Tuesday with 45% of the vote, defeating Republican Tom Reyes, who had 43%. Independent "
                     "Paul Okafor was third with 12%, and exit poll data showed him drawing evenly from both. "
                     "A poll last month had put Okafor at 20%.")
    shares = {c.name: c.vote_pct for r in rec.races for c in r.candidates}
    assert shares == {"Ellen Marsh": 45.0, "Tom Reyes": 43.0, "Paul Okafor": 12.0}


def test_a_chamber_is_no_person(ex):
    """"Florida House", "State Senate", "Ohio Assembly" in a candidate's slot name a chamber, not a person;
    a surname that is also a word stays a person."""
    v = ex.nlp.get_pipe("election_races").validity
    doc = ex.nlp.make_doc("x")
    assert not v.is_person(doc, "Florida House", None)
    assert not v.is_person(doc, "State Senate", None)
    assert not v.is_person(doc, "Ohio Assembly", None)
    assert v.is_person(doc, "Dana House", None)
