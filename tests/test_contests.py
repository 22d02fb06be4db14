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
