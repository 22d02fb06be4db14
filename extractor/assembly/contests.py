"""Contests: merging race drafts that are one contest, splitting drafts that are several (people
who never meet, parties of a primary), runoffs announced, the article's kind, the order of races."""
from __future__ import annotations

from .base import *  # noqa: F401,F403  (the stage's shared drafts, vocabularies and helpers)


def _same_place(a: Optional[str], b: Optional[str]) -> bool:
    """One place told two ways: "Nassau County" and "Nassau's county executive"."""
    if a == b:
        return True
    if a is None or b is None:
        return False
    bare = lambda p: re.sub(r"\s+(county|parish|borough|city)$", "", p.strip().lower())  # noqa: E731
    return bare(a) == bare(b)


class ContestMixin:
    def _election_talk(self, drafts: list[RaceDraft]) -> bool:
        """A story with no results is about an election only if it names a round, a vacancy or a poll, or
        says "election", "ballot", "campaign"... in a sentence with one of its people."""
        if any(c.label in ("STAGE", "SPECIAL", "TOPTWO", "POLL") and c.sent not in self._background_sents
               for c in self.m.cues):
            return True
        people = {pi for r in drafts for pi in r.cands}
        with_people = {mm.sent for pi in people for mm in self.m.people[pi].mentions}
        for c in self.m.cues:
            if c.label in ("ELECTION", "CAND_CUE") and c.text.lower() in _ELECTION_TALK and \
                    not (c.start and self.doc[c.start - 1].lower_ == "by") and \
                    c.sent not in self._background_sents and c.sent in with_people:
                return True
        return False

    def merge_races(self, drafts: list[RaceDraft]) -> list[RaceDraft]:
        """Fold a race whose office lacks a district (or party) into the one specific race like it."""
        drafts = self._split_partyless(drafts)
        # "Moore and Strange will face off in a runoff": the runoff of the party primary they ran in (and
        # the other way: "In the first round on March 3, Tuberville finished ahead of Sessions ...")
        for r in drafts:
            other = {"runoff": "primary", "primary": "runoff"}.get(r.stage)
            if other and r.party_primary is None and not (r.stage == "primary" and self.top_two_article):
                homes = {o.party_primary for o in drafts if o.stage == other and o.party_primary
                         and o.office.kind == r.office.kind and set(o.cands) & set(r.cands)}
                if len(homes) == 1:
                    r.party_primary = homes.pop()
        # "Three other contenders ... conceded" after "the 10-candidate Democratic primary in the 3rd District":
        # when the story names one party's primaries only, a party-less primary of an office that party
        # holds a primary for is that primary
        named = self._primary_parties
        # (for a story whose races have no party, "a Democratic primary race" names its primary too)
        loose = {c.value for c in self.m.cues if c.label == "PARTY" and c.end < len(self.doc)
                 and self.doc[c.end].lower_ in ("primary", "primaries")}
        if len(named) == 1 or (not named and len(loose) == 1):
            only = next(iter(named or loose))
            lone = not any(o.party_primary for o in drafts)
            for r in drafts:
                if r.party_primary is None and r.stage in ("primary", "runoff") and not self.top_two_article and (any(
                        o.party_primary == only and o.stage == r.stage and o.office.key == r.office.key for o in drafts)
                        or (lone and r.stage == "primary" and not self._nonpartisan_article)):
                    # (or the story names that one party's primary and no race has a party: "Cartwright ... in a
                    # Democratic primary race" told a paragraph away from the figures)
                    r.party_primary = only
        out: list[RaceDraft] = []
        countries = defaultdict(set)  # office kind -> the countries its drafts name
        for r in drafts:
            if r.office.country:
                countries[r.office.kind].add(r.office.country)
        for r in sorted(drafts, key=lambda r: (r.office.district is None, r.office.jurisdiction is None,
                                               r.office.state is None, r.party_primary is None, r.office.post is None,
                                               r.office.country is None)):
            target = None
            for o in out:
                if o.office.kind != r.office.kind or o.stage != r.stage:
                    continue
                same_d = o.office.district == r.office.district or r.office.district is None
                # a party-less primary already kept and a party's primary with the same people: one race
                same_p = o.party_primary == r.party_primary or r.party_primary is None or (
                    o.party_primary is None and self._same_people(r, o))
                same_s = o.office.state == r.office.state or r.office.state is None or o.office.state is None
                same_j = _same_place(o.office.jurisdiction, r.office.jurisdiction) or r.office.jurisdiction is None
                same_post = o.office.post == r.office.post or r.office.post is None or o.office.post is None
                # (a race told before any country is named joins the country's race with its people)
                same_c = o.office.country == r.office.country or (r.office.country is None and (
                    bool(set(o.cands) & set(r.cands)) or len(countries[r.office.kind]) == 1))
                if same_d and same_p and same_s and same_j and same_post and same_c:
                    if r.party_primary is None and o.party_primary is not None:
                        # a party-less primary race merges only if its people belong to that primary
                        if not self._same_people(r, o):
                            continue
                    target = o
                    break
            if target is None:
                out.append(r)
                continue
            for pi, cf in r.cands.items():
                self._fold(target, pi, cf)
            if target.party_primary is None and r.party_primary is not None:
                target.party_primary = r.party_primary
            target.sents |= r.sents
            target.undecided |= r.undecided
            if target.office.state is None:
                target.office.state = r.office.state
        return out

    def split_by_matchups(self, r: RaceDraft) -> list[RaceDraft]:
        """A race whose people fall into two or more groups of opponents that never meet ("Stephan beat
        Jones-Wright ... Anderson defeated Ramos") is as many contests: a roundup's seats of one office,
        told without a place or district that keeps them apart. So is one of an office a single person holds
        with two or more winners: each winner's seat is a contest of its own."""
        winners = {pi for pi, cf in r.cands.items() if cf.outcome == "won"}
        seats_apart = len(winners) >= 2 and r.office.district is None and r.office.kind in _cues("single_seat_kinds")
        if len(r.cands) < 4 and not seats_apart:
            return [r]
        parent = {pi: pi for pi in r.cands}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        decided: set[int] = set()  # people in a win or loss told against someone of this race
        for group, by_verb in self._matchups:
            members = [pi for pi in group if pi in parent]
            for a, b in zip(members, members[1:]):
                parent[find(a)] = find(b)
            if by_verb and len(members) >= 2:
                decided.update(members)
        comps: dict[int, list[int]] = defaultdict(list)
        for pi in r.cands:
            comps[find(pi)].append(pi)

        def whole(c: list[int]) -> bool:  # shares that add up to a whole race ("52.98% to 47.02%")
            total = sum(r.cands[pi].pct or 0 for pi in c)
            return 90 <= total <= 100.5

        # a contest of its own has a winner and a loser told as such, or shares that make a whole race; the
        # rest (trailing candidates whose shares share a sentence, people in no matchup) joins the contest
        # told nearest them
        linked = [c for c in comps.values() if (len(c) >= 2 and (decided & set(c) or whole(c)))
                  or (seats_apart and winners & set(c))]
        if len(linked) < 2:
            return [r]
        loners = [pi for c in comps.values() if c not in linked for pi in c]
        for pi in loners:
            near = min(linked, key=lambda c: min(abs(r.cands[pi].first_sent - r.cands[q].first_sent) for q in c))
            near.append(pi)
        parts = []
        for c in sorted(linked, key=lambda c: min(r.cands[pi].first_sent for pi in c)):
            part = RaceDraft(office=r.office, stage=r.stage, party_primary=r.party_primary,
                             cands={pi: r.cands[pi] for pi in c}, undecided=r.undecided, special=r.special,
                             date=r.date, evidence=list(r.evidence), predecessor=r.predecessor)
            part.sents = {s for pi in c for s in r.cands[pi].sents}
            parts.append(part)
        return parts

    @staticmethod
    def _same_people(a: RaceDraft, b: RaceDraft) -> bool:
        """Mostly the same people: "DeWine, Cordray win Ohio governor primaries" shares one name with each
        party's primary and is neither."""
        shared = set(a.cands) & set(b.cands)
        small = min(len(a.cands), len(b.cands))
        return bool(shared) and len(shared) * 2 > small

    def _split_partyless(self, drafts: list[RaceDraft]) -> list[RaceDraft]:
        """A primary race with no party ("Moore, Strange advance ... while Jones wins Democratic primary")
        beside party primaries of the same office: each person goes to the party primary they appear in
        elsewhere; the rest stay."""
        out = []
        for r in drafts:
            if r.party_primary is not None or r.stage not in ("primary", "runoff"):
                out.append(r)
                continue
            parties = [o for o in drafts if o is not r and o.party_primary and o.stage == r.stage
                       and o.office.kind == r.office.kind]
            if len({o.party_primary for o in parties}) < 2:
                out.append(r)
                continue
            used = set()
            for pi in list(r.cands):
                homes = [o for o in parties if pi in o.cands]
                if len({o.party_primary for o in homes}) == 1:
                    home, cf = homes[0], r.cands.pop(pi)
                    used.add(id(home))
                    self._fold(home, pi, cf)
            if len(used) == 1 and r.cands:
                # the others were listed with them: same primary
                home = next(o for o in parties if id(o) in used)
                for pi in list(r.cands):
                    self._fold(home, pi, r.cands.pop(pi))
            if r.cands:
                out.append(r)
        return out

    def sort_party_primaries(self, drafts: list[RaceDraft], parties: dict) -> list[RaceDraft]:
        """One party per party primary. In a story that names parties' primaries, a person whose own party
        is stated ("Republican Gov. Scott Walker", "Evers (D)") and is another than the primary's runs in
        their party's primary of that office (made if the story tells none); a party-less primary whose people
        state two of those parties splits by party, each party-less person going with the people they were
        told against. A person left in two parties' primaries of one office keeps the one of their party."""
        named = self._primary_parties | {r.party_primary for r in drafts if r.party_primary}
        if len(named) < 2 or self.top_two_article or self._nonpartisan_article:
            return drafts
        out = list(drafts)
        home: dict[tuple, RaceDraft] = {(r.office.key, r.stage, r.party_primary): r for r in out}

        def race_of(r: RaceDraft, party: str) -> RaceDraft:
            key = (r.office.key, r.stage, party)
            h = home.get(key)
            if h is None:
                h = home[key] = RaceDraft(office=r.office, stage=r.stage, party_primary=party, special=r.special,
                                          date=r.date, evidence=list(r.evidence))
                out.append(h)
            return h

        for r in list(out):
            if r.stage != "primary":
                continue
            own = {pi: parties[pi][0] for pi in r.cands if pi in parties and parties[pi][0] in named}
            if r.party_primary is None and len(set(own.values())) < 2:
                continue
            moved: dict[int, str] = {}
            for pi, party in own.items():
                if party != r.party_primary:
                    moved[pi] = party
            if r.party_primary is None:
                # the party-less go with the people they were told against, when those are of one party
                for pi in r.cands:
                    if pi in own:
                        continue
                    met = {own[q] for group, _ in self._matchups if pi in group for q in group if q in own}
                    if len(met) == 1:
                        moved[pi] = met.pop()
            for pi, party in moved.items():
                cf = r.cands.pop(pi)
                target = race_of(r, party)
                self._fold(target, pi, cf)
                target.sents |= cf.sents
        out = [r for r in out if r.cands]
        # a person in two parties' primaries of one office: the one of their party, else the one with more facts
        seen: dict[tuple, list[RaceDraft]] = defaultdict(list)
        for r in out:
            if r.stage == "primary" and r.party_primary:
                for pi in r.cands:
                    seen[(r.office.key, pi)].append(r)
        for (_key, pi), races in seen.items():
            if len(races) < 2:
                continue
            party = parties[pi][0] if pi in parties else None

            def facts(r: RaceDraft) -> int:
                cf = r.cands[pi]
                return sum(x is not None for x in (cf.pct, cf.votes, cf.outcome))
            keep = max(races, key=lambda r: (r.party_primary == party, facts(r)))
            for r in races:
                if r is not keep:
                    self._fold(keep, pi, r.cands.pop(pi))
        return [r for r in out if r.cands]

    def _fold(self, home: RaceDraft, pi: int, cf: CandFacts) -> None:
        t = home.cands.get(pi)
        if t is None:
            home.cands[pi] = cf
            return
        for attr in ("pct", "votes", "outcome"):
            if getattr(t, attr) is None and getattr(cf, attr) is not None:
                setattr(t, attr, getattr(cf, attr))
                t.evidence.extend(e for e in cf.evidence if e.field == ("vote_pct" if attr == "pct" else attr))
        t.first_sent = min(t.first_sent, cf.first_sent)
        t.sents |= cf.sents

    def article_kind(self, drafts: list[RaceDraft], poll_sents: set) -> str:
        has_results = any(cf.pct is not None or cf.votes is not None or cf.outcome for r in drafts for cf in r.cands.values())
        if not has_results:
            poll_figures = any(c.label == "PCT" and c.sent in poll_sents for c in self.m.cues)
            return "poll" if poll_figures else "preview"
        offices = {(r.office.kind, r.office.district, r.office.state) for r in drafts}
        return "roundup" if len(offices) > 1 else "results"

    def runoff_ahead(self, drafts: list[RaceDraft], office_ctx: list[OfficeCtx]) -> list[RaceDraft]:
        """"Two Republicans are headed to a runoff ... after no candidate won a majority": when the article
        says a round is going to a runoff and that round's shares leave nobody above half, the two
        highest shares advance, the others lose, and the runoff is a race between those two."""
        cues = [c for c in self.m.cues if ((c.label == "ADVANCE" and "runoff" in key_of(c.rule)) or
                                           (c.label == "STAGE" and c.value == "runoff" and (
                                               self._advancing_to(c, meeting=True) or self._runoff_set(c))))
                and c.sent not in self._background_sents and not self.in_quote[c.start]
                and not self._negated(c, self._verb_of(c)) and not self._hedged(c)]
        if not cues:
            return drafts
        out = list(drafts)
        all_cues = cues
        for r in drafts:
            if r.stage not in ("general", "primary") or r.undecided:
                continue
            # ("Ohio is headed to a December runoff" in a story of a Texas race: another state's runoff)
            cues = [c for c in all_cues if not r.office.state or not any(
                x.value != r.office.state for x in self.sent_cues(c.sent, "STATE") if self._state_cue_ok(x))]
            if not any(office_ctx[c.sent].kind == r.office.kind for c in cues):
                continue
            if any(cf.outcome == "won" for cf in r.cands.values()):
                continue
            shares = sorted(((cf.pct, pi) for pi, cf in r.cands.items() if cf.pct is not None), reverse=True)
            local = [c for c in cues if self._told_with(c.sent, r)]
            advanced = [pi for pi, cf in r.cands.items() if cf.outcome == "advanced"]
            if len(shares) >= 3 and shares[0][0] < 50 and shares[1][0] != shares[2][0]:
                top = [pi for _, pi in shares[:2]]
            elif len(shares) == 2 and shares[0][0] < 50 and shares[0][0] != shares[1][0] and local:
                # "Houston received 49.12 percent ... Lofton came in second ... This race will head to a run-off"
                top = [pi for _, pi in shares]
            elif len(advanced) == 2 and local:
                # "Troxclair will face Scruggs in a run-off": the two named go on
                top = advanced
            else:
                continue
            for pi, cf in r.cands.items():
                if pi in top and cf.outcome in (None, "advanced"):
                    cf.outcome = "advanced"
                elif pi not in top and cf.outcome is None and cf.pct is not None:
                    cf.outcome = "lost"
            cue = local[0] if local else cues[0]
            for pi in top:
                if not any(e.field == "outcome" for e in r.cands[pi].evidence):
                    r.cands[pi].evidence.append(self.ev_cue("outcome", cue))
            pp = r.party_primary
            if not any(o.office.key == r.office.key and o.stage == "runoff" and o.party_primary == pp for o in out):
                nxt = RaceDraft(office=r.office, stage="runoff", party_primary=pp)
                for pi in top:
                    nxt.cand(pi, cue.sent)
                nxt.special = r.special
                out.append(nxt)
        return out

    def _hedged(self, c: Cue) -> bool:
        """"could be headed for a runoff", "may go to a runoff": a round that is only possible."""
        a = self.m.sents[c.sent][0]
        return any(t.lower_ in ("could", "might", "may") and t.tag_ == "MD" for t in self.doc[max(a, c.start - 6):c.start])

    def top_two_ahead(self, drafts: list[RaceDraft]) -> list[RaceDraft]:
        """"The top two finishers in each race advance to the general election": in a story that says so of
        its top-two primaries, each primary's two highest shares (or the two told against each other, when
        it has just those two) advanced and meet in the general; the rest with a share lost."""
        says = any(c.label == "TOPTWO" and any(
            x.label in ("ADVANCE", "STAGE") and (x.label == "ADVANCE" or x.value == "general")
            for x in self.sent_cues(c.sent)) and not self.in_quote[c.start] for c in self.m.cues)
        if not says:
            return drafts
        out = list(drafts)
        outright = {c.sent for c in self.m.cues if c.label == "WIN" and any(
            t.lower_ == "outright" for t in self.doc[self.m.sents[c.sent][0]:self.m.sents[c.sent][1]])}
        for r in drafts:
            if r.stage != "primary" or r.party_primary or r.undecided:
                continue
            if any(cf.outcome == "won" and cf.sents & outright for cf in r.cands.values()):
                continue  # "won the seat outright in the open primary": no round after it
            shares = sorted(((cf.pct, pi) for pi, cf in r.cands.items() if cf.pct is not None), reverse=True)
            if len(shares) >= 2 and (len(shares) == 2 or shares[1][0] != shares[2][0]):
                top = [pi for _, pi in shares[:2]]
            elif len(r.cands) == 2 and {cf.outcome for cf in r.cands.values()} == {"won", "lost"}:
                top = list(r.cands)
            else:
                continue
            for pi, cf in r.cands.items():
                if pi in top:
                    cf.outcome = "advanced"
                elif cf.pct is not None:
                    cf.outcome = "lost"
            if not any(o.office.key == r.office.key and o.stage == "general" for o in out):
                nxt = RaceDraft(office=r.office, stage="general", party_primary=None)
                for pi in top:
                    nxt.cand(pi, r.cands[pi].first_sent)
                out.append(nxt)
        return out

    def _runoff_set(self, c: Cue) -> bool:
        """"The run-off election is Dec. 16.": a runoff set in a sentence of no result, in the present or
        the future."""
        if any(x.label in ("WIN", "LOSE", "PCT", "VOTES", "ADVANCE") for x in self.sent_cues(c.sent)):
            return False
        verb = _clause_verb(self.doc[c.start])
        return verb is not None and verb.tag_ in ("VBZ", "VBP", "VB", "MD") and not any(
            ch.dep_ in ("aux", "auxpass") and ch.tag_ in ("VBD", "VBN") for ch in verb.children)

    def order(self, drafts: list[RaceDraft]) -> list[RaceDraft]:
        return sorted(drafts, key=lambda r: (min((cf.first_sent for cf in r.cands.values()), default=0),
                                             -STAGE_ORDER.get(r.stage, 1)))
