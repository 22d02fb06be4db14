"""Contest identity in prose: a roundup's seats of one office told without a district or place that keeps
them apart are still separate contests when their people never meet. Inputs written for these tests."""

ROUNDUP = """Incumbent prosecutors hold on across the region

Tuesday's election brought mixed news for challengers running for district attorney.

Incumbent Harold Brennan defeated challenger Sofia Marquez, 55.2% to 44.8%, after a bitter campaign.

Elsewhere, challenger Darnell Whitaker beat longtime district attorney Lucille Hargrove, 51.6% to 48.4%.
"""

ONE_RACE = """Brennan wins re-election as district attorney

Incumbent Harold Brennan defeated challenger Sofia Marquez in Tuesday's election for district attorney, taking 52.1%.
Marquez finished with 30.2%. Two minor candidates trailed: Kent Olafsen took 10.5% and Rhea Castellano had 7.2%.
"""


def _groups(rec):
    return [sorted(c.name for c in r.candidates) for r in rec.races]


def test_opponents_who_never_meet_are_separate_contests(extractor):
    rec = extractor.extract(ROUNDUP)
    groups = _groups(rec)
    assert ["Harold Brennan", "Sofia Marquez"] in groups
    assert ["Darnell Whitaker", "Lucille Hargrove"] in groups
    by_name = {c.name: c for r in rec.races for c in r.candidates}
    assert by_name["Darnell Whitaker"].outcome == "won" and by_name["Lucille Hargrove"].outcome == "lost"


def test_trailing_candidates_stay_in_the_one_race(extractor):
    rec = extractor.extract(ONE_RACE)
    assert len(rec.races) == 1
    assert len(rec.races[0].candidates) == 4


COUNCIL = """City council results

District 4: Marta Quillen came out on top with 38.2 percent of the vote. Dev Anand came in second with 22.6 percent. This race will head to a run-off.

District 8: Gail Brandt will face Tomas Herrera in a run-off. Brandt received 27.4 percent of the vote. Herrera received 25.1 percent.
"""


def test_a_round_headed_to_a_runoff_creates_the_runoff_and_keeps_its_figures(extractor):
    rec = extractor.extract(COUNCIL)
    races = {(r.office.district, r.election.stage): r for r in rec.races}
    for district, people in (("4", {"Marta Quillen", "Dev Anand"}), ("8", {"Gail Brandt", "Tomas Herrera"})):
        first, runoff = races[(district, "general")], races[(district, "runoff")]
        assert {c.name for c in first.candidates} == people
        assert all(c.outcome == "advanced" and c.vote_pct is not None for c in first.candidates)
        assert {c.name for c in runoff.candidates} == people
        assert all(c.vote_pct is None and c.outcome is None for c in runoff.candidates)


PRIMARY = """Vance wins Republican primary for governor

Rita Vance won the Republican primary for governor on Tuesday, beating Carl Moody 58 percent to 42 percent.
Vance will face Democratic Gov. Ellen Park in November.
"""


def test_primary_and_the_general_it_announces(extractor):
    """The NER tags "Vance" alone; the full name before it is still the candidate's."""
    rec = extractor.extract(PRIMARY)
    races = {r.election.stage: r for r in rec.races}
    primary = {c.name: (c.vote_pct, c.outcome) for c in races["primary"].candidates}
    assert primary == {"Rita Vance": (58.0, "won"), "Carl Moody": (42.0, "lost")}
    assert races["primary"].election.party_primary == "Republican"
    general = {c.name: c for c in races["general"].candidates}
    assert set(general) == {"Rita Vance", "Ellen Park"}
    assert general["Ellen Park"].incumbent is True and general["Ellen Park"].outcome is None


UNDECIDED_PAIR = """Two Idaho House seats still too close to call

Two of the state's closely watched congressional races remained undecided early Wednesday after Tuesday's general election.

Republican Rep. Nora Fielding was locked in a tight race with Democrat Paul Ostrander, a former state senator.
With 80 percent of precincts reporting, Fielding had 51 percent of the vote.

In the north, Democratic Rep. Calvin Moss was fending off a challenge from Republican Irene Castellanos.
Moss had 53 percent of the vote with most precincts counted.
"""


def test_opponents_told_by_a_race_noun_are_separate_contests(extractor):
    """"locked in a race with X", "fending off a challenge from X": the opponent is named by the noun, and
    two such pairs that never meet are two contests even with no winner yet."""
    rec = extractor.extract(UNDECIDED_PAIR)
    groups = _groups(rec)
    assert ["Nora Fielding", "Paul Ostrander"] in groups
    assert ["Calvin Moss", "Irene Castellanos"] in groups


def test_party_primaries_keep_their_own_people():
    """People whose party is stated run in their party's primary, even when the story's paragraphs name the
    other party's primary nearby."""
    from extractor import extract
    rec = extract("""Primary results: Walden and Pryce win their party nominations

Tuesday's primary settled both parties' nominees for governor.

Republican Gov. Amos Walden easily beat GOP challenger Kyle Bretton, taking 88 percent of the vote in the
Republican primary.

On the Democratic side, state Treasurer Lena Pryce defeated two rivals with 47 percent of the vote.
""")
    by_party = {r.election.party_primary: sorted(c.name for c in r.candidates) for r in rec.races
                if r.election.stage == "primary"}
    assert by_party.get("Republican") == ["Amos Walden", "Kyle Bretton"]
    assert by_party.get("Democratic") == ["Lena Pryce"]


SWEEP = """Varga wins attorney general race as incumbents hold on

Democrat Nadia Varga was elected attorney general of Vermont on Tuesday, defeating Republican Owen Tilley.

Varga was part of a sweep along with Gov. Carla Moretti and U.S. Sen. Dean Hollis, who all won re-election.
"""


def test_people_re_elected_run_for_the_seats_their_titles_name(extractor):
    """"Gov. A and Sen. B, who all won re-election": each is a winner of their own seat's race, not of the
    race the story leads with."""
    rec = extractor.extract(SWEEP)
    by_kind = {r.office.kind: {c.name: c.outcome for c in r.candidates} for r in rec.races}
    assert by_kind.get("attorney_general", {}).get("Nadia Varga") == "won"
    assert "Carla Moretti" not in by_kind.get("attorney_general", {})
    assert by_kind.get("governor") == {"Carla Moretti": "won"}
    assert by_kind.get("us_senate") == {"Dean Hollis": "won"}


def test_a_sentence_sweeping_over_several_states_sets_no_state(extractor):
    """"The governor's races in Arizona and Oregon weren't decided": a sentence about other states'
    contests leaves the story's own race where it is."""
    rec = extractor.extract("""Hale and Corbin both claim victory in Kansas governor's race

Democratic Gov. Ruth Hale and Republican challenger Amos Corbin both claimed victory in the Kansas governor's
race on Wednesday.

The governor's races in Arizona and Oregon were not decided until late Wednesday.

The unofficial count showed Corbin with 410,200 votes, or 49 percent, and Hale with 409,100 votes, or 49 percent.
""")
    assert [r.office.state for r in rec.races] == ["KS"]
    assert {c.name: (c.votes, c.outcome) for c in rec.races[0].candidates} == {
        "Amos Corbin": (410200, None), "Ruth Hale": (409100, None)}


def test_a_provincial_byelection_is_a_regional_seat(extractor):
    """A province's legislature seat ("provincial byelection", "MPP") is regional; a Commons seat national."""
    provincial = extractor.extract("""Liberal holds Kingsford Heights in provincial byelection

Liberal candidate Maya Fortier won Thursday's provincial byelection in the riding of Kingsford Heights,
defeating Progressive Conservative Dale Pruitt. Fortier will sit as the riding's MPP.
""")
    federal = extractor.extract("""Liberal holds Kingsford Heights in federal byelection

Liberal candidate Maya Fortier won Thursday's byelection in the riding of Kingsford Heights, defeating
Conservative Dale Pruitt. Fortier will sit in the House of Commons as the riding's MP.
""")
    assert [r.office.kind for r in provincial.races] == ["regional_legislature"]
    assert [r.office.kind for r in federal.races] == ["national_legislature"]


def test_top_two_primary_sends_its_two_leaders_to_the_general(extractor):
    """In a top-two primary story that says the top two advance, the two highest shares advanced and meet
    in the general; the others lost (even where a verb says one "defeated" the other)."""
    rec = extractor.extract("""Okafor and Lindqvist advance in Washington's top-two primary

In Washington's top-two primary system, the top two finishers in each race advance to the general election.

Democrat Grace Okafor defeated Republican Nils Lindqvist in the race for state treasurer, taking 41 percent of
the vote to Lindqvist's 33 percent. Democrat Omar Haddad finished third with 26 percent.
""")
    primary = next(r for r in rec.races if r.election.stage == "primary")
    general = next(r for r in rec.races if r.election.stage == "general")
    assert {c.name: c.outcome for c in primary.candidates} == {
        "Grace Okafor": "advanced", "Nils Lindqvist": "advanced", "Omar Haddad": "lost"}
    assert sorted(c.name for c in general.candidates) == ["Grace Okafor", "Nils Lindqvist"]


# ---------------------------------------------------------------- seats, pairs and rounds told apart
BY_ELECTIONS = """Two by-elections, two new members of parliament

The governing party held both seats in Thursday's by-elections to the national parliament.

Ruth Okonkwo won the northern seat for the governing party, while Peter Halvorsen won in the eastern constituency.
"""


def test_two_winners_of_a_one_person_seat_are_two_contests(extractor):
    rec = extractor.extract(BY_ELECTIONS)
    winners = [[c.name for c in r.candidates if c.outcome == "won"] for r in rec.races]
    assert sorted(w for ws in winners for w in ws) == ["Peter Halvorsen", "Ruth Okonkwo"]
    assert all(len(ws) <= 1 for ws in winners)


MARGIN_AFTER = """Mayors' runoffs decided

In Millbrook, Hattie Sorensen beat Colin Pruitt in Tuesday's mayoral runoff. The margin was 56% to 44%.
"""


def test_a_pair_of_shares_after_a_result_goes_to_winner_and_loser(extractor):
    rec = extractor.extract(MARGIN_AFTER)
    by_name = {c.name: c for r in rec.races for c in r.candidates}
    assert by_name["Hattie Sorensen"].vote_pct == 56 and by_name["Colin Pruitt"].vote_pct == 44


PASSIVE = """Sheriff ousted

In Tuesday's election for sheriff, incumbent Sheriff Dale Whitcomb was defeated by challenger Nora Castellanos, 53.5% to 46.5%.
"""


def test_shares_after_a_passive_defeat_go_to_the_agent_first(extractor):
    rec = extractor.extract(PASSIVE)
    by_name = {c.name: c for r in rec.races for c in r.candidates}
    assert by_name["Nora Castellanos"].vote_pct == 53.5 and by_name["Nora Castellanos"].outcome == "won"
    assert by_name["Dale Whitcomb"].vote_pct == 46.5 and by_name["Dale Whitcomb"].outcome == "lost"


APPOSITION = """Court seat changes hands

Wendell Ames beat incumbent Justice Carla Ruiz, a Democrat, with 52.5 percent in Tuesday's election for the state supreme court.
"""


def test_an_apposition_of_the_loser_leaves_the_share_with_the_winner(extractor):
    rec = extractor.extract(APPOSITION)
    by_name = {c.name: c for r in rec.races for c in r.candidates}
    assert by_name["Wendell Ames"].vote_pct == 52.5
    assert by_name["Carla Ruiz"].vote_pct is None


OWNER = """Prosecutor races

Tuesday's primary for district attorney was close in two counties.

In Lake County, Irene Vasquez ended the night with a comfortable lead over her challenger Mark Dorsey.
"""


def test_whose_challenger_is_the_subject_of_the_clause(extractor):
    rec = extractor.extract(OWNER)
    assert any({"Irene Vasquez", "Mark Dorsey"} <= {c.name for c in r.candidates} for r in rec.races)


AHEAD = """Congressional primary results

2nd District: Ron Teller took 61% of the vote in the Republican primary in beating Jo Marsh for the right to face Congresswoman Ada Pike (D) in November.
"""


def test_a_general_named_as_the_meeting_ahead_leaves_the_figures_in_the_primary(extractor):
    rec = extractor.extract(AHEAD)
    teller = [r for r in rec.races if any(c.name == "Ron Teller" and c.vote_pct == 61 for c in r.candidates)]
    assert teller and teller[0].election.stage == "primary"
    assert "Jo Marsh" in {c.name for c in teller[0].candidates}


NOT_WON = """Presidential count goes on

Counting continued on Sunday. Officials said Anil Perera and Nadia Fernando have secured the most votes, but neither passed half, so second preferences will be counted before a winner is declared in the presidential election.
"""


def test_securing_the_most_votes_is_no_victory(extractor):
    rec = extractor.extract(NOT_WON)
    assert not any(c.outcome == "won" for r in rec.races for c in r.candidates)


LEFT_FOR = """Democrat flips state senate seat

Democrat Gloria Tran won Tuesday's special election for the 7th state Senate district, defeating Republican Hugh Barnes.
The seat came open when Republican Dana Whitfield resigned after winning a congressional seat in November.
"""


def test_how_a_predecessor_came_to_leave_is_no_result_of_the_story(extractor):
    rec = extractor.extract(LEFT_FOR)
    people = {c.name for r in rec.races for c in r.candidates}
    assert {"Gloria Tran", "Hugh Barnes"} <= people
    assert "Dana Whitfield" not in people
    assert all(r.office.kind != "us_house" for r in rec.races)


NICKNAME = """Council runoff

In the District 3 city council runoff, William "Bill" Okafor beat incumbent Rhonda Pell, 52% to 48%. Bill Okafor thanked his volunteers.
"""


def test_a_name_and_its_nickname_form_are_one_candidate(extractor):
    rec = extractor.extract(NICKNAME)
    names = [c.name for r in rec.races for c in r.candidates]
    assert sum("Okafor" in n for n in names) == 1


DATELINE = """Sheriff headed to a runoff

MARLOW PARISH, La. (KXYZ) - There will be a runoff election for sheriff after no candidate won a majority on Saturday.
Incumbent Sheriff Glenn Arceneaux took 44% of the vote and challenger Tessa Broussard took 38%.
"""


def test_a_datelines_place_is_the_local_contests_jurisdiction(extractor):
    rec = extractor.extract(DATELINE)
    assert rec.races and all(r.office.jurisdiction == "Marlow Parish" for r in rec.races)


HEADINGS = """County primary roundup

Ridge County

County Clerk (Democratic primary)

Incumbent Lena Hsu won with 64 percent of the vote, defeating Omar Baptiste.

Vale County

County Clerk (Republican primary)

Grant Oyelaran beat Sheila Marr with 55 percent of the vote.
"""


def test_place_headings_keep_a_roundups_contests_apart(extractor):
    rec = extractor.extract(HEADINGS)
    where = {c.name: (r.office.kind, r.office.jurisdiction, r.election.party_primary)
             for r in rec.races for c in r.candidates}
    assert where["Lena Hsu"] == ("other_local", "Ridge County", "Democratic")
    assert where["Grant Oyelaran"] == ("other_local", "Vale County", "Republican")


CONVENTION = """Governor's race enters final week

Democrat Paula Greer and Republican Ned Sorensen made their closing pitches on Sunday before Tuesday's election for governor.
Sorensen won the Republican nomination in May at a party convention rather than in a primary.
"""


def test_a_nomination_won_at_a_convention_is_no_primary(extractor):
    rec = extractor.extract(CONVENTION)
    assert all(r.election.stage != "primary" for r in rec.races)


SPLITS = """Assembly special elections

Democrat Anita Borowski easily won the special election for the 41st Assembly District, beating Republican Lou Carney by a 71 to 29 percent margin.

In the 12th Congressional District, Republican Tom Haskell led Democrat Karen Lindqvist 64 percent to 36 percent in Kings County precincts, but Haskell was winning overall by a 52 percent to 47 percent margin.
"""


def test_a_split_of_the_vote_is_two_shares_and_overall_beats_a_part(extractor):
    rec = extractor.extract(SPLITS)
    share = {c.name: c.vote_pct for r in rec.races for c in r.candidates}
    assert share["Anita Borowski"] == 71 and share["Lou Carney"] == 29
    assert share["Tom Haskell"] == 52 and share["Karen Lindqvist"] == 47


PRIMARY_WINNER = """Senate race set

Senator Carla Benton won renomination on Tuesday, defeating a challenger from her left.
In November's general election, Benton will face Representative Dale Ortiz, the winner of last month's Republican primary.
"""


def test_the_winner_of_a_named_primary_won_it(extractor):
    rec = extractor.extract(PRIMARY_WINNER)
    primaries = [r for r in rec.races if r.election.stage == "primary" and r.election.party_primary == "Republican"]
    assert primaries and any(c.name == "Dale Ortiz" and c.outcome == "won" for c in primaries[0].candidates)


RUNOFF_AHEAD = """Senate hopefuls prepare for runoff

Senator Mara Quist and Lt. Gov. Owen Hale woke up Wednesday to find themselves in a June 8 Senate runoff after Tuesday's Democratic primary.
With nearly all precincts reporting, Quist had 45.5 percent of the vote to Hale's 43.1 percent. A third candidate took the rest.
"""


def test_a_runoff_dated_after_the_story_is_still_to_come(extractor):
    import datetime as dt
    rec = extractor.extract(RUNOFF_AHEAD, published=dt.date(2010, 5, 20))
    stages = {r.election.stage: r for r in rec.races}
    assert "primary" in stages and "runoff" in stages
    assert {c.name: c.vote_pct for c in stages["primary"].candidates}["Mara Quist"] == 45.5
    assert all(c.vote_pct is None for c in stages["runoff"].candidates)


CONCEDED_THAT = """By-election result

Jane Ellery of the Green party won the Northfield by-election with 41.2 per cent. Labour's Tom Rudd came second with 30.5 per cent.
Labour MP Victor Amis conceded that his party had lessons to learn.
"""


def test_conceding_a_point_is_not_losing_the_race(extractor):
    rec = extractor.extract(CONCEDED_THAT)
    assert "Victor Amis" not in {c.name for r in rec.races for c in r.candidates}


TWO_SEATS_ONE_VACANCY = """Governing party holds two seats

Ruth Okonkwo won the northern seat for the governing party in Thursday's by-elections, defeating Samuel Reyes.

Peter Halvorsen won the eastern constituency, beating Laila Haddad. The eastern seat fell vacant when Martin Greaves resigned in March.
"""


def test_a_predecessor_leaves_one_seat_of_a_roundup(extractor):
    rec = extractor.extract(TWO_SEATS_ONE_VACANCY)
    preds = {tuple(sorted(c.name for c in r.candidates)): (r.predecessor.name if r.predecessor else None)
             for r in rec.races}
    assert sum(1 for p in preds.values() if p == "Martin Greaves") <= 1
    assert preds.get(("Laila Haddad", "Peter Halvorsen")) == "Martin Greaves"


HOLDING_OFF = """Secretary of state race

Incumbent Secretary of State Laura Brinkley was holding off Democratic state Rep. Mona Feld with 52 percent of the vote on Wednesday.
If re-elected, Brinkley would be the only Republican statewide elected official on the coast.
"""


def test_a_share_with_a_verbs_object_before_it_is_the_subjects(extractor):
    rec = extractor.extract(HOLDING_OFF)
    by_name = {c.name: c for r in rec.races for c in r.candidates}
    assert by_name["Laura Brinkley"].vote_pct == 52
    assert "Mona Feld" in by_name and by_name["Mona Feld"].vote_pct is None
    assert by_name["Laura Brinkley"].outcome is None  # ("elected official" tells no result)


TWO_COUNTRIES = """Presidential votes in two countries

In Paraguay, Santiago Pena won the presidential election with 43% of the vote, beating Efrain Alegre, who received 28%.

There were also presidential elections in Uruguay, where Yamandu Orsi won with 49% of the vote against Alvaro Delgado.
"""


def test_a_story_of_two_countries_elections_keeps_each_nations_office_apart(extractor):
    rec = extractor.extract(TWO_COUNTRIES)
    by_country = {}
    for r in rec.races:
        by_country.setdefault(r.office.country, set()).update(c.name for c in r.candidates)
    assert by_country.get("PY", set()) >= {"Santiago Pena", "Efrain Alegre"}
    assert "Yamandu Orsi" in by_country.get("UY", set())
    assert not by_country.get("PY", set()) & by_country.get("UY", set())


ALMANAC = """Results by state
Oregon [+] [Primary May 18].
Governor: Rep. Alma Dusek (D) defeated Carl Brenner (R) by 51.2% to 46.9%.
U.S. House: In the 4th CD (coastal counties, 55% to 43% for Obama), Rep. Ned Farrow (D) defeated Iris Kettle (R) by 56.1 to 43.9%.
Vermont [+] [Primary August 10].
Governor: Lt. Gov. Paul Mercer (R), who beat Dina Ross in the primary, defeated Tom Kell (D) by 52.4% to 47.6%.
"""


def test_an_almanac_of_states_keeps_rounds_shares_and_states_straight(extractor):
    import datetime as dt
    rec = extractor.extract(ALMANAC, published=dt.date(2010, 11, 20))
    where = {(c.name, r.election.stage): (r.office.kind, r.office.state, c.vote_pct)
             for r in rec.races for c in r.candidates}
    assert where[("Alma Dusek", "general")] == ("governor", "OR", 51.2)
    assert where[("Ned Farrow", "general")] == ("us_house", "OR", 56.1)  # not the 55% of an aside
    assert where[("Iris Kettle", "general")][2] == 43.9
    assert where[("Paul Mercer", "general")] == ("governor", "VT", 52.4)
    assert where[("Tom Kell", "general")][:2] == ("governor", "VT")
    assert ("Dina Ross", "primary") in where  # the round a relative clause names is its own


SECOND_PRIMARY = """Runoff results

Tuesday was the second primary for Republicans in the race for state auditor. In the first primary, Lena Ortiz led with 31.2% and Hugh Banner had 28.4%.
Banner won the second primary with 55% of the vote. Ortiz received 45%.
"""


def test_a_second_primary_is_a_runoff(extractor):
    rec = extractor.extract(SECOND_PRIMARY)
    stages = {r.election.stage: {c.name: c.vote_pct for c in r.candidates} for r in rec.races}
    assert stages.get("runoff", {}).get("Hugh Banner") == 55
    assert stages.get("primary", {}).get("Lena Ortiz") == 31.2


PAST_ROLE = """Turner takes the seat

Republican Bob Tanner beat Democrat Lou Wexler, 53% to 47%, in Tuesday's special election in a district once held by Sen. Ana Ruiz and one-time vice presidential candidate Mae Quill.
"""


def test_a_role_of_another_time_makes_no_candidate(extractor):
    rec = extractor.extract(PAST_ROLE)
    names = {c.name for r in rec.races for c in r.candidates}
    assert {"Bob Tanner", "Lou Wexler"} <= names
    assert not names & {"Ana Ruiz", "Mae Quill"}


HEDGED = """Lieutenant governor primary

The Democratic primary for lieutenant governor could be headed for a runoff.
State Sen. Ada Quill had 27 percent of the vote, Rep. Omar Reyes had 22 percent and Lina Park had 19 percent.
"""


def test_a_runoff_that_could_come_is_not_created(extractor):
    rec = extractor.extract(HEDGED)
    assert all(r.election.stage != "runoff" for r in rec.races)
    assert not any(c.outcome == "advanced" for r in rec.races for c in r.candidates)


OTHER_STATE_RUNOFF = """Republican concedes Senate race

RICHMOND, Va. — Republican Dale Huber conceded defeat on Friday to Sen. Maria Ortiz in Virginia's Senate race.
Ortiz has 49 percent of the vote, Huber has 48 percent and Libertarian Tim Cole has 2 percent.
Votes are still being counted in Alaska, and Louisiana is headed to a Dec. 6 runoff.
"""


def test_another_states_runoff_is_not_this_races(extractor):
    rec = extractor.extract(OTHER_STATE_RUNOFF)
    assert all(r.election.stage != "runoff" for r in rec.races)


OUTRIGHT = """Landers wins governor's race outright

In Louisiana's open primary, in which candidates of every party share one ballot, Republican Joe Landers won the governor's race outright on Saturday with 52% of the vote, avoiding a runoff.
Democrat Sam Wilkes drew 26% of the vote, and the top two finishers would otherwise have advanced to the general election.
"""


def test_a_top_two_primary_won_outright_has_no_next_round(extractor):
    rec = extractor.extract(OUTRIGHT)
    assert [r.election.stage for r in rec.races] == ["primary"]
    by_name = {c.name: c for r in rec.races for c in r.candidates}
    assert by_name["Joe Landers"].outcome == "won"


def test_a_party_the_vocabulary_does_not_know_named_before_its_candidate(extractor):
    """"Prairie Workers Party candidate X" names X's party; in the US a party goes by its short name."""
    rec = extractor.extract("Hale wins Iowa House special\n\nRepublican Dana Hale won the special election for "
                            "Iowa's 2nd Congressional District on Tuesday with 54 percent of the vote, defeating "
                            "Democrat Ray Moss, who had 44 percent. Prairie Workers Party candidate Lena Ruiz "
                            "received 2 percent.")
    parties = {c.name: c.party for r in rec.races for c in r.candidates}
    assert parties == {"Dana Hale": "Republican", "Ray Moss": "Democratic", "Lena Ruiz": "Prairie Workers"}


def test_a_swing_is_nobodys_share_and_a_former_seats_holder_is_its_predecessor(extractor):
    rec = extractor.extract("Independent takes Kellerton in by-election upset\n\nIndependent Maya Ross won the "
                            "Kellerton by-election on Saturday with 35 per cent of the vote, while Liberal Tom "
                            "Vance took 40 per cent of first preferences but lost on preferences. The by-election "
                            "in Alan Pryce's former seat saw a swing of more than 18 per cent against the government.")
    [race] = rec.races
    assert {c.name: c.vote_pct for c in race.candidates} == {"Maya Ross": 35.0, "Tom Vance": 40.0}
    assert race.predecessor is not None and race.predecessor.name == "Alan Pryce"


def test_the_outgoing_holder_is_the_predecessor(extractor):
    rec = extractor.extract("Ortiz wins Bellmont mayoral race\n\nCouncilwoman Rosa Ortiz won the race for mayor "
                            "of Bellmont on Tuesday, defeating businessman Carl Decker to succeed outgoing Mayor "
                            "Jim Walsh. Ortiz took 56 percent of the vote.")
    [race] = rec.races
    assert race.predecessor is not None and race.predecessor.name == "Jim Walsh"
    assert {c.name for c in race.candidates} == {"Rosa Ortiz", "Carl Decker"}


def test_the_opponent_of_a_placed_winner_runs_in_that_place(extractor):
    """"Alameda's X triumphed over her challenger Y": Y runs for Alameda's seat, not the place the sentence
    before named."""
    rec = extractor.extract("District attorneys hold on across California\n\nIncumbent prosecutors held their "
                            "seats in Tuesday's election for district attorney. Fresno District Attorney Joan Pratt declared victory over her opponent "
                            "Noel Sykes. Similarly, Marin's Nadia Grove triumphed over her challenger, civil rights "
                            "lawyer Pam Ruiz.")
    by_place = {r.office.jurisdiction: {c.name for c in r.candidates} for r in rec.races}
    assert by_place.get("Marin") == {"Nadia Grove", "Pam Ruiz"}
    assert by_place.get("Fresno") == {"Joan Pratt", "Noel Sykes"}


def test_results_whose_people_now_go_on_to_the_general_are_the_primarys(extractor):
    """No round in the opening; the body says the two leaders "now go on to the Nov. 3 general election" and
    names the primary: the figures are the primary's."""
    rec = extractor.extract(
        "First local returns are in\n\nThe first count of county ballots came in tonight. Another count follows "
        "on Friday.\nCounty Commission, District 2:\nIncumbent Mary Johnson, a Republican, received 1,310 votes, "
        "or 61.2%.\nRobert Miller, a Democrat, received 830 votes, or 38.8%.\nThe two candidates now go on to "
        "the Nov. 3 general election.\nOther results from Tuesday's primary will be posted tomorrow.",
        published="2020-08-05")
    with_figures = [r for r in rec.races if any(c.votes for c in r.candidates)]
    assert with_figures and all(r.election.stage == "primary" for r in with_figures)


def test_the_candidate_of_a_party_opening_a_sentence_is_the_one_before(extractor):
    """"The candidate of the X party obtained 59%": the share and the party are the person the sentence
    before was about, and the one beaten in the same sentence lost."""
    rec = extractor.extract("Moreno wins presidential run-off\n\nIn Paraguay, lawyer Carlos Moreno won the "
                            "presidential run-off on Sunday and will take office in August.\nThe candidate of the "
                            "Nueva Patria party obtained almost 58% of the votes, beating former minister Maria "
                            "Santos, who received 38.4%.")
    cands = {c.name: (c.party, c.vote_pct, c.outcome) for r in rec.races for c in r.candidates}
    assert cands["Carlos Moreno"] == ("Nueva Patria", 58.0, "won")
    assert cands["Maria Santos"][1:] == (38.4, "lost")


def test_a_close_race_won_for_the_right_to_lose_in_november_is_the_primary(extractor):
    """"won a close race over Y, 42.5% to 40.1%, for the right to lose to Z in November": the primary is
    won and lost; November's round belongs to the "to" clause only."""
    rec = extractor.extract("Primary results from across the country\n\nOhio Senate\nMary Johnson (R) won a close "
                            "race over Robert Miller, 42.5% to 40.1%, for the right to lose to Senator Tom Carter "
                            "(D) in November.", published="2026-08-05")
    primary = next(r for r in rec.races if r.election.stage == "primary")
    got = {c.name: (c.vote_pct, c.outcome) for c in primary.candidates}
    assert got == {"Mary Johnson": (42.5, "won"), "Robert Miller": (40.1, "lost")}


def test_vacancies_an_election_creates_make_no_special_and_open_seats_have_no_holder(extractor):
    rec = extractor.extract("Democrats sweep state court races\n\nVoters on Tuesday filled two open seats on the "
                            "Ohio Supreme Court, electing Democrats Mary Johnson and Robert Miller over Republicans "
                            "David Clark and Susan Lewis. Johnson took 27 percent, Miller 26 percent, Clark 24 "
                            "percent and Lewis 23 percent. Johnson and Miller now sit on the appeals court, so "
                            "their wins create two vacancies there.")
    [race] = rec.races
    assert race.election.special is False
    assert all(c.incumbent is False for c in race.candidates)


def test_a_margin_restated_in_votes_and_a_countys_part_are_no_counts(extractor):
    rec = extractor.extract("Johnson wins state House seat\n\nRepublican Mary Johnson won the special election for "
                            "the 89th District of the state House on Tuesday, defeating Democrat Robert Miller. "
                            "Miller trails by more than 2 points, or just 123 votes. Elm County gave Johnson "
                            "1,237 votes over Miller's 871.")
    assert all(c.votes is None for r in rec.races for c in r.candidates)
    assert {c.name for r in rec.races for c in r.candidates} == {"Mary Johnson", "Robert Miller"}


def test_winners_a_group_win_includes_each_won_a_seat(extractor):
    rec = extractor.extract("Republicans hold most Ohio House seats\n\nAt least eight Republicans and four Democrats "
                            "won Ohio congressional seats in Tuesday's election. That includes two first-term "
                            "Republicans -- Reps. Mary Johnson and Robert Miller.")
    winners = sorted(c.name for r in rec.races for c in r.candidates if c.outcome == "won")
    assert winners == ["Mary Johnson", "Robert Miller"]
    assert len(rec.races) == 2  # two seats, one winner each


def test_a_plural_title_is_no_part_of_a_name(extractor):
    rec = extractor.extract("Two by-elections on Thursday\n\nThe by-elections will decide who replaces former "
                            "Conservative MPs Andrew Wilson in Kestrel Vale and Peter Gray in Brookmere. Labour's "
                            "Sarah Hughes won the Kestrel Vale by-election with 41 per cent of the vote.")
    names = {c.name for r in rec.races for c in r.candidates} | {r.predecessor.name for r in rec.races if r.predecessor}
    assert not any(n.split()[0] in ("MPs", "MP") for n in names)
    assert "Sarah Hughes" in names


def test_a_retired_career_is_no_vacancy(extractor):
    rec = extractor.extract("Johnson wins Senate primary\n\nMary Johnson, a state senator, defeated Robert Miller in "
                            "Tuesday's Republican primary for U.S. Senate in Wisconsin with 52 percent of the vote. "
                            "The 60-year-old retired nurse will face Democratic Sen. Susan Clark in November.")
    assert all(r.predecessor is None for r in rec.races)


def test_seats_lost_in_a_parliamentary_election_with_no_office_word(extractor):
    """A British results story names no office: "X lost his seat in Y to Z" is a seat in parliament, each
    with its own constituency."""
    rec = extractor.extract("Tories suffer heavy losses in general election\n\nSeveral cabinet ministers lost their "
                            "seats in Thursday's general election. Defence Secretary Robert Miller lost his seat in "
                            "Chipping Barnet to Labour's Sarah Hughes. Welsh Secretary David Clark was defeated in "
                            "Brookmere by Labour's Anna Reed.")
    got = {r.office.jurisdiction: {c.name: c.outcome for c in r.candidates} for r in rec.races}
    assert {r.office.kind for r in rec.races} == {"national_legislature"}
    assert got == {"Chipping Barnet": {"Robert Miller": "lost", "Sarah Hughes": "won"},
                   "Brookmere": {"David Clark": "lost", "Anna Reed": "won"}}


def test_at_a_place_opening_a_sentence_is_that_sections_place(extractor):
    rec = extractor.extract("School board results\n\nVoters chose school board members in two districts on "
                            "Tuesday.\nAt Brookfield, challenger Mary Johnson defeated incumbent Robert Miller, "
                            "412 votes to 388.\nAt Cedar Falls, Susan Lewis defeated David Clark, 530 votes to 201.")
    by_place = {r.office.jurisdiction: {c.name: c.outcome for c in r.candidates} for r in rec.races}
    assert by_place == {"Brookfield": {"Mary Johnson": "won", "Robert Miller": "lost"},
                        "Cedar Falls": {"Susan Lewis": "won", "David Clark": "lost"}}


def test_a_title_in_the_sentence_before_is_not_the_next_names(extractor):
    """"... in the Republican primary for attorney general. Miller received ...": the words before Miller in the
    sentence before are no title of his; the incumbent he beat is the general election's predecessor."""
    rec = extractor.extract("Miller ousts attorney general in primary\n\nLawyer Robert Miller defeated incumbent "
                            "Attorney General Mary Johnson in the Republican primary for attorney general on "
                            "Tuesday. Miller received 51 percent of the vote, and Johnson received 49 percent. "
                            "Miller will face Libertarian David Clark for attorney general in November.",
                            published="2022-06-29")
    primary = next(r for r in rec.races if r.election.stage == "primary")
    inc = {c.name: c.incumbent for c in primary.candidates}
    assert inc["Mary Johnson"] is True and inc["Robert Miller"] is not True
    general = next(r for r in rec.races if r.election.stage == "general")
    assert general.predecessor is not None and general.predecessor.name == "Mary Johnson"
    assert general.predecessor.reason == "defeated"


def test_beating_someones_local_support_is_no_win(extractor):
    rec = extractor.extract("Primary returns\n\nIn Tuesday's primary for attorney general, Mary Johnson, a "
                            "Republican, received 2,287 votes, or 35.17% of the vote, beating out local support for "
                            "incumbent Robert Miller, a Democrat, who received 1,928 votes, or 29.65%.",
                            published="2020-08-05")
    outcomes = {c.name: c.outcome for r in rec.races for c in r.candidates}
    assert outcomes.get("Mary Johnson") != "won" and outcomes.get("Robert Miller") != "lost"


def test_a_count_before_a_share_called_a_margin_is_still_the_count(extractor):
    rec = extractor.extract("First returns\n\nFirst returns from Tuesday's primary came in tonight.\nCounty "
                            "Commission, District 1:\nIncumbent Mary Johnson, a Republican, received 1,227 votes for "
                            "a 67.75% margin.\nRobert Miller, a Democrat, netted 608 votes.", published="2020-08-05")
    votes = {c.name: c.votes for r in rec.races for c in r.candidates}
    assert votes == {"Mary Johnson": 1227, "Robert Miller": 608}
