"""Contests told as lists: a header line per contest and a candidate a line, or a candidate a line with
party and count. Inputs are written for these tests (invented places and people)."""

BALLOT = """Early voting opens for county runoffs

Early voting began Monday in the county's primary runoff election, with turnout light at most sites.
Voters who cast a ballot in a party's primary must stay with that party in the runoff.
Here are the contests on the runoff ballot:

Marlow Comm. Dist 4 (Republican)
Harold Penwick
Loretta Vance (i)

Marlow Sheriff (Special election)
Dwayne Castillo
Trent Oakhurst

Ashby Comm. Dist 2 (Democrat)
Simone Achterberg
Bernard Lyle
"""

TALLY = """Election board declares Okafor winner of the presidential election

The election board on Wednesday declared Adaeze Okafor of the United Renewal Party (URP) the winner of
Saturday's presidential election with 4,210,335 votes, ahead of Tunde Balogun of the National Unity
Congress (NUC), who polled 3,987,112 votes.

The board chairman read out the votes of the other candidates:

Citizens Alliance (CA), Musa Idowu - 84,213

Freedom Front (FF), Grace Nwankwo - 51,907

People's Voice Party (PVP), Ifeanyi Chukwuma - 12,480
"""


def _by_district(rec):
    return {(r.office.kind, r.office.district, r.office.jurisdiction): r for r in rec.races}


def test_header_lines_make_one_contest_each(extractor):
    rec = extractor.extract(BALLOT)
    races = _by_district(rec)
    # several contests, none decided yet: a preview (RECORD.md: a roundup is several races with results)
    assert rec.kind == "preview"
    dist4 = races[("county_legislature", "4", "Marlow")]
    assert [c.name for c in dist4.candidates] == ["Harold Penwick", "Loretta Vance"]
    assert dist4.candidates[1].incumbent is True
    assert races[("sheriff", None, "Marlow")].election.special is True
    dist2 = races[("county_legislature", "2", "Ashby")]
    assert [c.name for c in dist2.candidates] == ["Simone Achterberg", "Bernard Lyle"]
    # a list names people; it states no share and no result
    assert all(c.vote_pct is None and c.outcome is None for r in rec.races for c in r.candidates)


def test_listed_values_point_at_their_words(extractor):
    rec = extractor.extract(BALLOT)
    names = [e for e in rec.evidence if e.rule == "listing/name"]
    assert names and all(BALLOT[e.start:e.end] == e.text for e in names)
    assert {e.text for e in names} >= {"Harold Penwick", "Trent Oakhurst", "Bernard Lyle"}


def test_candidate_rows_join_the_race_the_prose_reports(extractor):
    rec = extractor.extract(TALLY)
    assert len(rec.races) == 1
    race = rec.races[0]
    by_name = {c.name: c for c in race.candidates}
    assert {"Musa Idowu", "Grace Nwankwo", "Ifeanyi Chukwuma"} <= set(by_name)
    assert by_name["Musa Idowu"].votes == 84213
    assert by_name["Grace Nwankwo"].party == "FF"
    # party names are no people
    assert not any("Alliance" in n or "Front" in n for n in by_name)


def test_prose_with_short_lines_is_no_listing(extractor):
    text = ("Council approves new park\n\nThe city council voted Tuesday to build a park.\nMayor Dana Whitfield\n"
            "Councilwoman Rita Osei\nCouncilman Paul Ferrante\nall spoke in favour.\n")
    rec = extractor.extract(text)
    assert rec.races == []


BULLETS = """Polls open in the Eastbrook by-election

Voting is under way in the Eastbrook by-election, called after the sitting MP stood down.
Seven people are standing. The full list of candidates:
- Harriet Quayle - Labour Party
- Desmond Fairweather - Conservative Party
- Priya Ramaswamy - Liberal Democrats
- Owen Tredgold - independent
"""

FIELD = """Voters pick a new council member on Tuesday

Voters will fill the vacant council seat in a special election on Tuesday.
Three candidates are in the running. They are Maria Delgado and Quentin Hale, both Democrats, and Wendell Ashcroft, a Republican.
"""


def test_bulleted_candidate_list_after_an_intro_makes_the_contest(extractor):
    rec = extractor.extract(BULLETS)
    assert len(rec.races) == 1
    race = rec.races[0]
    assert [(c.name, c.party) for c in race.candidates] == [
        ("Harriet Quayle", "Labour"), ("Desmond Fairweather", "Conservative"),
        ("Priya Ramaswamy", "Liberal Democrats"), ("Owen Tredgold", "Independent")]
    assert race.election.special is True
    assert all(c.outcome is None and c.vote_pct is None for c in race.candidates)


def test_they_are_after_a_count_of_candidates_names_the_field(extractor):
    rec = extractor.extract(FIELD)
    assert rec.races
    names = {c.name: c.party for c in rec.races[0].candidates}
    assert names == {"Maria Delgado": "Democratic", "Quentin Hale": "Democratic", "Wendell Ashcroft": "Republican"}


AGATE = """Election results: Hamilton County

Here are the unofficial results from Tuesday's election in Hamilton County.

County commissioner, District 2: Marcy Loeb (R) 12,408, 54.1%; Dennis Ocampo (D) 10,527, 45.9%.
Sheriff: Paul Dratch (R) 23,114; Alma Reyes (D) 19,870.
"""


def test_results_lines_with_a_lead_label_are_contests(extractor):
    rec = extractor.extract(AGATE)
    races = {(r.office.kind, r.office.district): r for r in rec.races}
    commission = races[("county_legislature", "2")]
    assert [(c.name, c.party, c.votes, c.vote_pct) for c in commission.candidates] == [
        ("Marcy Loeb", "Republican", 12408, 54.1), ("Dennis Ocampo", "Democratic", 10527, 45.9)]
    sheriff = races[("sheriff", None)]
    assert [(c.name, c.votes) for c in sheriff.candidates] == [("Paul Dratch", 23114), ("Alma Reyes", 19870)]
    # counts state no winner
    assert all(c.outcome is None for r in rec.races for c in r.candidates)


SMALL_TOWN = """Hartwell picks a new mayor in special election

Voters in the town of Bramford chose a new mayor on Tuesday in a special election called after the
mayor resigned in the spring. Three people ran for the seat, and the winner is council member Edith Hartwell.

Here is the unofficial tally:
Edith Hartwell: 512
Royce Dunmore: 230
Amos Tiller: 48

(Reporting by Kay Lindqvist)
"""


def test_a_tally_of_small_counts_lists_every_candidate(extractor):
    """A small town's tally ("Name: 48") gives each candidate their count; the credit line after it is
    nobody's row."""
    rec = extractor.extract(SMALL_TOWN)
    assert len(rec.races) == 1
    got = {c.name: (c.votes, c.outcome) for c in rec.races[0].candidates}
    assert got == {"Edith Hartwell": (512, "won"), "Royce Dunmore": (230, "lost"), "Amos Tiller": (48, "lost")}


JUROR = """Runoff set for police juror seat

Results are unofficial. There will be a runoff election for the District 4 police juror seat.

Police Juror - District 4
Wade Fontenot (R): 402 votes (48%).
Lyle Broussard (IND): 301 votes (36%).
Nadine Ardoin (DEM): 134 votes (16%).
"""


def test_party_codes_in_brackets_before_a_colon(extractor):
    """"Name (R): 402 votes", "(IND):", "(DEM):": a results line's party code, however it is glued."""
    rec = extractor.extract(JUROR)
    parties = {c.name: c.party for r in rec.races for c in r.candidates}
    assert parties == {"Wade Fontenot": "Republican", "Lyle Broussard": "Independent", "Nadine Ardoin": "Democratic"}


def test_a_party_named_with_its_own_word_abroad(extractor):
    rec = extractor.extract("""Vell wins Tarnow mayoral by-election

Anna Vell of the Civic Renewal Party won the Tarnow mayoral by-election on Sunday with 51.2 percent of the vote,
the Polish election commission said. Marek Nowak of the National Unity Front took 40.3 percent.
""")
    parties = {c.name: c.party for r in rec.races for c in r.candidates}
    assert parties == {"Anna Vell": "Civic Renewal Party", "Marek Nowak": "National Unity Front"}


BYELECTION_LIST = """Kestrel Vale by-election: Greens take the seat

The Greens won the Kestrel Vale by-election on Thursday, taking a seat Labour had held for thirty years.
Turnout was a little over 40 per cent.
Kestrel Vale by-election result:
– Hannah Morrow (Green) 12,410 (41.20 per cent, +30.12 per cent)
– Derek Ashworth (Lab) 9,870 (32.77 per cent, -21.40 per cent)
– Paul Ingleby (C) 4,102 (13.62 per cent, -8.85 per cent)
– Fiona Dale (LD) 3,740 (12.41 per cent, +0.13 per cent)
The count finished shortly after 3am.
"""


def test_a_results_list_with_per_cent_and_short_party_codes(extractor):
    """A British results list: each row a name, a bracketed party code ("C", "LD", "Lab"), the votes and
    the share "per cent" with the swing after it."""
    rec = extractor.extract(BYELECTION_LIST)
    got = {c.name: (c.party, c.votes, c.vote_pct) for r in rec.races for c in r.candidates}
    assert got == {"Hannah Morrow": ("Green", 12410, 41.2), "Derek Ashworth": ("Labour", 9870, 32.77),
                   "Paul Ingleby": ("Conservative", 4102, 13.62), "Fiona Dale": ("Liberal Democrats", 3740, 12.41)}


DOT_LEADERS = """Pruett holds off Danner in Senate runoff

Sen. Ruth Pruett beat back her challenger, state Treasurer Mark Danner, and won the Republican nomination
on Tuesday.
With 1,204 of 1,210 precincts reporting, the unofficial count was:
Pruett .....................98,210
Danner ......................91,477
Pruett faces a harder fight in the fall. She takes on Democrat Leon Oyelaran in the Nov. 5 general election.
Pruett wins runoff against Danner
"""


def test_two_dot_leader_rows_after_a_colon_count_for_the_decided_round(extractor):
    """Two surname rows with dot leaders after a line announcing the count: the counts go to the runoff
    the story reports as won, not to the general election still to come."""
    rec = extractor.extract(DOT_LEADERS)
    by_stage = {r.election.stage: r for r in rec.races}
    runoff = {c.name: c.votes for c in by_stage["runoff"].candidates}
    assert runoff == {"Ruth Pruett": 98210, "Mark Danner": 91477}
    assert all(c.votes is None for c in by_stage["general"].candidates)


GOVERNORS_ELECT = """Kenya: 5 Governors-Elect Declared So Far (Full List)

The electoral commission has declared the winners of the governorship contests in five counties.
Counting continues in the remaining counties, where results are expected by the weekend.
Here is the list so far:
 CountyName of Winning CandidateParty
1 Uasin Gishu county Peter Kiprono ODM
2 Homa Bay Mary Achieng UDA
3 Tana River Hassan Abdi Galgalo UDA
4 Kisumu Joseph Otieno ODM
5 West Pokot Grace Chepkemoi Lotee ODM
"""


def test_a_list_of_winners_by_region_abroad(extractor):
    """Rows that run a county into its winner's name ("2 Homa Bay Mary Achieng UDA"): the county is the
    contest's place, the rest its winner; a governor outside the US is an ``other`` office."""
    rec = extractor.extract(GOVERNORS_ELECT)
    got = {r.office.jurisdiction: [(c.name, c.party, c.outcome) for c in r.candidates] for r in rec.races}
    assert got == {"Uasin Gishu": [("Peter Kiprono", "ODM", "won")], "Homa Bay": [("Mary Achieng", "UDA", "won")],
                   "Tana River": [("Hassan Abdi Galgalo", "UDA", "won")], "Kisumu": [("Joseph Otieno", "ODM", "won")],
                   "West Pokot": [("Grace Chepkemoi Lotee", "ODM", "won")]}
    assert {r.office.kind for r in rec.races} == {"other"}
    # each winner's outcome points at the words that say they won
    assert all(e.text.lower() == "governors-elect" for e in rec.evidence if e.field.endswith(".outcome"))


BYELECTION_PREVIEW = """Harrowgate North by-election: polls open with five candidates

Voting has started in the Harrowgate North by-election after the seat became vacant following the death of \
Sir Colin Marsh.
The Conservative MP, who was 71, had held the seat since 1997.
Polls close at 22:00 and the result is expected overnight.
The full list of candidates is:
Ruth Abbott - Labour Party
Dev Chandra - Liberal Democrats
Martin Hale - Conservative Party
Priya Nair - Green Party
Tom Quill - Independent
"""


def test_a_by_election_told_by_its_candidate_list_takes_the_openings_seat_and_predecessor(extractor):
    """A preview whose contest only a list of candidates tells: the seat its opening names, the member whose
    death left it, a special contest, and nobody on the list its holder."""
    rec = extractor.extract(BYELECTION_PREVIEW)
    assert len(rec.races) == 1
    race = rec.races[0]
    assert race.office.jurisdiction == "Harrowgate North"
    assert race.predecessor is not None and race.predecessor.name == "Colin Marsh"
    assert race.predecessor.reason == "died"
    assert race.election.special is True
    assert [c.incumbent for c in race.candidates] == [False] * 5


TWO_LISTS = """Clark takes council seat, Johnson wins Oakdale mayoral race

David Clark won the city council race in Oakdale's 3rd Ward on Tuesday, beating Peter Young and Ruth Stone.
Mary Johnson won the race for mayor of Oakdale with 12,410 votes, according to unofficial results.
Trailing Johnson were:
Robert Miller (Independent) - 8,210 votes
Susan Lewis (Green) - 1,904 votes
"""


def test_a_list_goes_on_with_the_contest_of_the_people_named_just_before_it(extractor):
    """The list after "Mary Johnson won the race for mayor ... Trailing Johnson were:" is the mayoral race's,
    not the larger council race's."""
    rec = extractor.extract(TWO_LISTS)
    by_kind = {r.office.kind: {c.name for c in r.candidates} for r in rec.races}
    assert by_kind["mayor"] == {"Mary Johnson", "Robert Miller", "Susan Lewis"}
    assert "Robert Miller" not in by_kind.get("city_council", set())
