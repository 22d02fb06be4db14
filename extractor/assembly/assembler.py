"""The assembler: one pass over a doc's mentions that builds race drafts from figures, outcome verbs and
candidacy cues (``run``), then the passes after assignment, and the race dicts it returns. Each concern it
draws on lives in a module of its own (text, offices, stages, people, figures, contests, outcomes, seats)."""
from __future__ import annotations

from .base import *  # noqa: F401,F403
from .text import TextMixin
from .offices import OfficeMixin
from .stages import StageMixin
from .people import PeopleMixin
from .figures import FigureMixin
from .contests import ContestMixin
from .outcomes import OutcomeMixin
from .seats import SeatMixin
from .scoring import ScoringMixin


class Assembler(TextMixin, OfficeMixin, StageMixin, PeopleMixin, FigureMixin, ContestMixin, OutcomeMixin, SeatMixin,
                ScoringMixin):
    def __init__(self, doc: Doc, m: Mentions, published: Optional[dt.date] = None):
        self.doc, self.m, self.published = doc, m, published
        self.text = doccache.text(doc)  # (Doc.text joins every token again at each read)
        self.n_sents = len(m.sents)
        self.tok2sent = [0] * len(doc)
        for i, (s, e) in enumerate(m.sents):
            for t in range(s, e):
                self.tok2sent[t] = i
        self.person_at: dict[int, tuple[int, Mention]] = {}
        for pi, p in enumerate(m.people):
            for mm in p.mentions:
                for t in range(mm.start, mm.end):
                    self.person_at[t] = (pi, mm)
        self._mention_list = sorted(((pi, mm) for pi, p in enumerate(m.people) for mm in p.mentions),
                                    key=lambda h: h[1].start)
        self._mention_starts = [h[1].start for h in self._mention_list]
        self.by_sent: dict[int, list[Cue]] = defaultdict(list)
        for c in m.cues:
            self.by_sent[c.sent].append(c)
        self.in_quote = self._quotes()
        self._sent_cue_cache: dict[tuple, list[Cue]] = {}
        self._fig_cache: dict[int, dict[int, list[tuple[Cue, Optional[float]]]]] = {}
        self.warnings: list[str] = []

    # ------------------------------------------------------------------ main
    def _opponents_jurisdiction(self, s: int, at: int) -> Optional[tuple[str, Optional[str]]]:
        """The place of the one person named before token ``at`` in a sentence that tells a result or a
        challenge, when that person carries a place with their title or name ("Alameda's X")."""
        if not any(c.label in ("WIN", "LOSE") or key_of(c.rule) in ("challenger", "challenge", "opponent")
                   for c in self.sent_cues(s)):
            return None
        before = [pi for pi, mm in self.sent_mentions(s) if mm.end <= at]
        places = {self._person_jurisdictions[pi] for pi in before if pi in self._person_jurisdictions}
        return places.pop() if len(places) == 1 else None

    def _before_poll_clause(self, cue: Cue) -> bool:
        """Every poll word of the figure's sentence comes after it, in a later clause."""
        polls = self.sent_cues(cue.sent, "POLL")
        return bool(polls) and all(
            c.start >= cue.end and clause_break().search(self.text, self.doc[cue.end - 1].idx, self.doc[c.start].idx)
            for c in polls)

    def run(self) -> Assembly:
        m, doc = self.m, self.doc
        if not m.people:
            return Assembly("not_election", [], self.published)
        main_office = self.main_office()
        election_cues = [c for c in m.cues if c.label in ("STAGE", "WIN", "LOSE", "ADVANCE", "SPECIAL", "TOPTWO")]
        # a poll story about a race ("polls ... of the Texas Senate race") is about an election too
        polled_race = any(c.label == "POLL" for c in m.cues) and any(
            c.label == "CAND_CUE" and key_of(c.rule) in ("race", "contest", "matchup", "challenger") for c in m.cues)
        if not election_cues and not polled_race:
            return Assembly("not_election", [], self.published)
        if main_office is None and self._country in load("cues")["parliamentary_countries"] and any(
                self.sent_cues(s, "WIN", "LOSE") and self.sent_mentions(s) and any(
                    t.lower_ in ("seat", "seats", "constituency", "riding") for t in doc[a:b])
                for s, (a, b) in enumerate(m.sents) if s not in self._background_sents):
            # "X lost his seat in Y to Z" in a parliamentary democracy with no office named: a seat in its
            # parliament
            main_office = OfficeCtx("national_legislature", None, None)
        if main_office is None:
            # results with no office named: the contest is real, its office unknown
            if sum(1 for c in m.cues if c.label in ("PCT", "VOTES")) < 2:
                return Assembly("not_election", [], self.published)
            country = self._country
            main_office = OfficeCtx("other", None, self._article_state if country == "US" else None)

        self._main_kind = main_office.kind
        self.top_two_article = any(c.label == "TOPTWO" for c in m.cues)
        party_article = self._party_article
        main_stage, _ = self.main_stage()
        stage_ctx = self.stage_contexts(main_stage, party_article)
        office_ctx = self.office_contexts(main_office)
        self._office_ctx = office_ctx
        party_ctx = self.party_contexts(stage_ctx)
        background = self._background_sents
        poll_sents = {c.sent for c in m.cues if c.label == "POLL"}
        parties = self.person_parties()

        races: dict[tuple, RaceDraft] = {}
        # people told as opponents in one clause ("X defeated Y", "X 52% to Y 47%"): a contest's own people
        self._matchups: list[tuple[set[int], bool]] = []   # (people, told by a win or loss verb)
        person_office = self.person_offices()
        last_of_kind: dict[str, OfficeCtx] = {}
        for o in office_ctx:
            last_of_kind.setdefault(o.kind, o)

        carried_runoff = self._carried_future_runoff(stage_ctx)
        reelected_to: set[tuple[int, str]] = set()

        def race_for(s: int, person: Optional[int] = None, at: Optional[int] = None,
                     figure: bool = False, stage: Optional[str] = None, reelected: bool = False,
                     elected_to: Optional[str] = None, party: Optional[str] = None) -> RaceDraft:
            o = office_ctx[s]
            kind = elected_to or (person_office.get(person) if person is not None else None)
            if reelected and person is not None and not kind:
                # "Gov. A and Sen. B, who all won re-election": re-elected to the seat their title names
                kind = self._title_seat.get(person)
                if kind:
                    reelected_to.add((person, kind))
            if kind and person in self._title_offices and self._section[s] >= 0:
                kind = None  # under a "U.S. SENATE" heading, "Gov. Rick Scott" runs for the Senate
            if kind and kind != o.kind:
                o = last_of_kind.get(kind) or OfficeCtx(kind, None, main_office.state)
                last_of_kind[kind] = o
            jur = self._person_jurisdictions.get(person) if person is not None else None
            if person is not None and jur is None and o.kind in _LOCAL and at is not None:
                # "Alameda's Nancy Hale beat her challenger, Pam Ruiz": the one placed before them whom a
                # result in the sentence opposes them to
                jur = self._opponents_jurisdiction(s, at)
            if jur and o.kind in _LOCAL and jur[0] != o.jurisdiction:
                o = OfficeCtx(o.kind, o.district, jur[1] or o.state, jur[0], o.evidence)
            st = stage or (self.stage_at(s, at, main_stage, party_article) if at is not None else None)
            st = st or stage_ctx[s]
            if figure and st == "runoff" and s in carried_runoff:
                # "X will face Y in a run-off. X received 26.38 percent": the figure is the round just run
                st = self.resolve_earlier("runoff", party_article)
            pp = self.party_at(s, at) if at is not None else None
            pp = party or (None if pp == "" else (pp or party_ctx[s]))
            pp = pp if st in ("primary", "runoff") else None
            key = (o.key, st, pp)
            r = races.get(key)
            if r is None:
                r = races[key] = RaceDraft(office=o, stage=st, party_primary=pp)
            if o.state and not r.office.state:
                r.office.state = o.state
            return r

        # figures ---------------------------------------------------------
        for s in range(self.n_sents):
            if s in background:
                continue
            figures = self.figures_in(s)
            if s in poll_sents:
                # a poll's numbers are nobody's vote share, but the people polled are the race's candidates;
                # a figure told before the poll's own later clause is the count's ("was third with 15%, and
                # exit poll data showed ...")
                counted = [f for f in figures if self._before_poll_clause(f[1])]
                for person, cue, kind in figures:
                    if (person, cue, kind) not in counted:
                        race_for(s, person).cand(person, s)
                if not counted:
                    continue
                figures = counted
            figured = {person for person, _cue, _kind in figures}
            if len(figured) >= 2:
                self._matchups.append((figured, False))
            for person, cue, kind in figures:
                r = race_for(s, person, at=cue.start, figure=True)
                cf = r.cand(person, s)
                if kind == "PCT":
                    val = parse_percent(cue.text)
                    if val is None or val > 100:
                        continue
                    if cf.pct is None:
                        cf.pct = val
                        cf.evidence.append(self.ev_cue("vote_pct", cue))
                    elif abs(cf.pct - val) > 0.05:
                        self.warnings.append(f"two shares for {m.people[person].name}: {cf.pct} and {val}")
                else:
                    val = parse_votes(cue.text)
                    if val is None:
                        continue
                    if cf.votes is None:
                        cf.votes = val
                        cf.evidence.append(self.ev_cue("votes", cue))

        # "Four candidates are running. They are A and B, both Republicans, and C." --------------
        for s, pi in self._named_field():
            if s not in background and s not in poll_sents:
                race_for(s, pi).cand(pi, s)

        # "Nine Republicans won seats Tuesday. That includes Reps. A and B.": each one named won
        for s, pi, at, c in self._included_winners():
            if s not in background and s not in poll_sents and not self.in_quote[at]:
                self._set_outcome(race_for(s, pi, at).cand(pi, s), "won", c)

        # outcomes and candidacy --------------------------------------------
        for c in m.cues:
            s = c.sent
            if s in background:
                continue
            if c.label in ("WIN", "LOSE", "ADVANCE", "UNDECIDED", "CAND_CUE"):
                if c.label == "UNDECIDED":
                    if key_of(c.rule) in _STRONG_UNDECIDED and not self.in_quote[c.start]:
                        race_for(s).undecided = True
                    elif key_of(c.rule) in _STRONG_UNDECIDED and self.in_quote[c.start]:
                        race_for(s).undecided = True
                    continue
                verb = self._verb_of(c)
                subj, obj = self._role_persons(verb)
                if c.label == "WIN" and verb.tag_ in ("NN", "NNS") and verb.dep_ in ("nsubj", "nsubjpass") and \
                        verb.head.lower_ in ("included", "include", "includes", "were", "was", "are", "is"):
                    # "Other big winners included X with 64 percent, Y with 84.73 percent": the winners
                    # are the objects of the verb the noun is the subject of
                    named = [pi for pi in self._role_persons(verb.head)[1]]
                    listed = [o for pi in named for o in self._listed_with(s, next(
                        mm for p2, mm in self.sent_mentions(s) if p2 == pi))] if named else []
                    subj, obj = list(dict.fromkeys(named + listed)), []
                if not subj and not obj and c.label != "CAND_CUE" and (_is_verb(verb) or (
                        key_of(c.rule) in _DEFEAT_VERBS and key_of(c.rule) != "defeat" and
                        verb.dep_ not in ("pobj", "dobj", "nsubj", "nsubjpass", "attr", "conj"))):
                    # (a parse that read "Tipirneni beat activist Brianna Westbrook" as nouns: the words around)
                    subj, obj = self._surface_roles(c)
                elif c.label == "WIN" and subj and not obj and key_of(c.rule) in _DEFEAT_VERBS and not self._passive(verb):
                    # "X defeated incumbent Attorney General Y in the primary" parsed with Y hanging loose: the
                    # name right after the verb
                    obj = [pi for pi in self._surface_roles(c)[1] if pi not in subj]
                elif c.label == "LOSE" and not subj:
                    # "Hall came up 2,376 votes shy of beating U.S. Attorney John Ratcliffe"
                    subj = [pi for pi in self._surface_roles(c)[0] if pi not in obj]
                elif c.label == "WIN" and obj and not subj and verb.dep_ == "ROOT":
                    # a parse that lost the subject ("..., Christi Craddick, a lawyer and the daughter of former
                    # House Speaker Tom Craddick, beat ..."): the one name before the verb not inside a phrase
                    a0, _ = self.m.sents[s]
                    free = list(dict.fromkeys(pi for pi, mm in self.mentions_in(a0, verb.i)
                                              if self.doc[mm.start:mm.end].root.dep_ not in ("pobj", "poss", "dobj")
                                              and pi not in obj))
                    if len(free) == 1:
                        subj = free
                # "Moore, Strange Advance to Republican Runoff, While Jones Wins Democratic Primary": a
                # verb's people are in its own clause
                if self._segments[self.m.sents[s][1] - 1] > 0:  # a sentence of several clauses
                    seg = self._segment(c.start)
                    here = {pi for pi, mm in self.sent_mentions(s)}
                    near = {pi for pi, mm in self.sent_mentions(s) if self._segment(mm.start) == seg}
                    subj = [pi for pi in subj if pi in near or pi not in here]  # (or named by a pronoun)
                    # (an object the verb governs across a colon: "beating two challengers: A and B")
                    governed = {t.i for t in verb.subtree}
                    obj = [pi for pi in obj if pi in near or any(
                        mm.start in governed for p2, mm in self.sent_mentions(s) if p2 == pi)]
                if not subj and not obj:
                    continue
                if subj and obj and c.label in ("WIN", "LOSE", "CAND_CUE") and not self.in_quote[c.start] and \
                        s not in poll_sents:
                    told = c.label in ("WIN", "LOSE") or (c.label == "CAND_CUE" and verb.lower_ in _CONTEST_NOUNS)
                    self._matchups.append((set(subj) | set(obj), told))
                blocked = self._blocked(c, verb)
                r = race_for(s)
                phrase = key_of(c.rule)
                if c.label == "CAND_CUE" or (c.label == "ADVANCE" and phrase.startswith("will-face")):
                    if self.in_quote[c.start]:
                        continue
                    # "Cartwright will face Laureen Cummings in November": the general after a primary
                    # (people of two parties meet in the general, not in a party's primary)
                    cross_party = not self.top_two_article and key_of(c.rule) in _cues("general_ahead_verbs") and \
                        len({parties[pi][0] for pi in subj + obj if pi in parties}) >= 2
                    ahead = "general" if stage_ctx[s] in ("primary", "runoff") and (
                        self._general_ahead(c) or cross_party) else None
                    for pi in subj + obj:
                        race_for(s, pi, stage=ahead).cand(pi, s)
                    continue
                if c.label == "ADVANCE" and not self.in_quote[c.start] and s not in poll_sents and \
                        self._negated(c, verb) and not phrase.startswith("will-face"):
                    # "finished last ... and won't advance to the runoff"
                    for pi in subj:
                        self._set_outcome(race_for(s, pi, c.start).cand(pi, s), "lost", c)
                    continue
                if blocked and c.label in ("WIN", "LOSE") and s not in poll_sents and not self.in_quote[c.start] and \
                        self._modal(verb) and subj and obj:
                    # "Ames must defeat Ortiz in his GOP primary": no result yet, but both are running in it
                    for pi in subj + obj:
                        race_for(s, pi, c.start).cand(pi, s)
                    continue
                if blocked or s in poll_sents:
                    continue
                if c.label == "WIN" and phrase in _DEFEAT_VERBS and self._passive(verb):
                    # "X was defeated by Y": Y won, X lost; with no one named as the winner, X lost only
                    # where the sentence is about a contest ("were defeated in the Republican runoff")
                    agents = [pi for pi in obj if self._agent_of(verb, pi)]
                    losers = [pi for pi in subj if pi not in agents]
                    if agents or self.sent_cues(s, "STAGE"):
                        for pi in losers:
                            self._set_outcome(race_for(s, pi, c.start).cand(pi, s), "lost", c)
                        for pi in agents:
                            self._set_outcome(race_for(s, pi, c.start).cand(pi, s), "won", c)
                elif c.label == "WIN" and self._won_a_figure(verb):
                    continue  # "Moore had won 157,794 votes, or 39.5 percent": a count, not a victory
                elif c.label == "WIN":
                    after = "".join(t.lower_ for t in doc[c.end:c.end + 4] if not t.is_space)
                    again = "re-elect" in phrase or "reelect" in phrase or after.startswith(("re-election", "reelection"))
                    # "stood down on being elected the first Mayor of X": a win of another office than the one here
                    named = next((o.value for o in self._office_cues if o.sent == s and 0 <= o.start - c.end <= 3
                                  and o.value != office_ctx[s].kind), None)
                    for pi in subj:
                        self._set_outcome(race_for(s, pi, c.start, reelected=again, elected_to=named).cand(pi, s), "won", c)
                    if phrase not in _WIN_NO_OBJECT:
                        for pi in obj:
                            if pi not in subj:
                                self._set_outcome(race_for(s, pi, c.start).cand(pi, s), "lost", c)
                    elif subj:
                        # "won by a few hundred votes of millions cast over Senator Y": whoever the win was over lost
                        over = [self.person_at[t.i][0] for ch in verb.subtree if ch.dep_ == "prep" and
                                ch.lower_ in ("over", "against") for t in ch.subtree if t.i in self.person_at]
                        for pi in dict.fromkeys(over):
                            if pi not in subj:
                                self._set_outcome(race_for(s, pi, c.start).cand(pi, s), "lost", c)
                elif c.label == "LOSE":
                    for pi in subj:
                        self._set_outcome(race_for(s, pi, c.start).cand(pi, s), "lost", c)
                    if phrase in ("lost", "loses", "lose"):
                        # "Colyer then lost the Aug. 7 Republican primary to Kobach"
                        to_people = [self.person_at[t.i][0] for ch in verb.children if ch.dep_ == "prep" and ch.lower_ == "to"
                                     for t in ch.subtree if t.i in self.person_at]
                        for pi in dict.fromkeys(to_people):
                            if pi not in subj:
                                self._set_outcome(race_for(s, pi, c.start).cand(pi, s), "won", c)
                    if phrase in _LOSE_TO_WINNER or phrase.endswith(("of-beating", "of-defeating", "of-unseating")):
                        for pi in obj:
                            if pi not in subj:
                                self._set_outcome(race_for(s, pi, c.start).cand(pi, s), "won", c)
                elif c.label == "ADVANCE":
                    later = [x for x in self.sent_cues(s, "STAGE") if c.end <= x.start <= c.end + 10
                             and x.value in ("general", "runoff")]
                    for pi in subj + obj:
                        r_now = race_for(s, pi, c.start)
                        if later and r_now.stage == later[0].value:
                            # "advance to general election": the advance happened in the round before it
                            earlier = "primary" if later[0].value == "general" else self.resolve_earlier("runoff", party_article)
                            o = r_now.office
                            key = (o.key, earlier, r_now.party_primary if earlier == "primary" else None)
                            r_now = races.get(key) or races.setdefault(key, RaceDraft(office=o, stage=earlier, party_primary=key[2]))
                        self._set_outcome(r_now.cand(pi, s), "advanced", c)
                        # "advanced ... to the November ballot": they are running in that later round too
                        if later and later[0].value != r_now.stage:
                            o = r_now.office
                            key = (o.key, later[0].value, None)
                            nxt = races.get(key) or races.setdefault(key, RaceDraft(office=o, stage=later[0].value, party_primary=None))
                            nxt.cand(pi, s)

        # candidacy by role nouns: "Democratic challenger Danny O'Connor", "Conservative candidate Don Stewart"
        for pi, p in enumerate(m.people):
            for mm in p.mentions:
                if mm.sent in background or self.in_quote[mm.start]:
                    continue
                window = doc[max(mm.start - 3, 0):mm.start]
                after = doc[mm.end:min(mm.end + 4, len(doc))]
                root = doc[mm.start:mm.end].root
                # "His opponent will be Congressman Trent Franks": the complement of a role noun's copula
                copular = root.dep_ == "attr" and root.head.lower_ in ("be", "is", "are", "was", "were", "been") and any(
                    ch.dep_ == "nsubj" and ch.lower_ in _ROLE_NOUNS for ch in root.head.children)
                if copular:
                    # ("... will be X" after a primary: the meeting is the general's; "His" is the one before)
                    ahead = "general" if stage_ctx[mm.sent] in ("primary", "runoff") and any(
                        ch.lower_ in ("will", "'ll") for ch in root.head.children) else None
                    race_for(mm.sent, pi, stage=ahead).cand(pi, mm.sent)
                    noun = next(ch for ch in root.head.children if ch.dep_ == "nsubj" and ch.lower_ in _ROLE_NOUNS)
                    if ahead and any(ch.dep_ == "poss" and ch.lower_ in ("his", "her") for ch in noun.children):
                        other = self._antecedent(mm.sent, noun.i, anywhere=True)
                        if other is not None and other != pi:
                            race_for(mm.sent, other, stage=ahead).cand(other, mm.sent)
                            self._matchups.append(({pi, other}, False))
                elif (any(t.lower_ in _ROLE_NOUNS for t in window) and not self._past_role(mm)) or (
                        len(after) > 2 and after[0].text == "," and any(t.lower_ in _ROLE_NOUNS for t in after[1:])):
                    race_for(mm.sent, pi).cand(pi, mm.sent)
                    # "X ended with a lead over her challenger Y": whose challenger is the subject of the clause
                    owner = self._role_owner(window, pi)
                    if owner is not None:
                        race_for(mm.sent, owner).cand(owner, mm.sent)
                        self._matchups.append(({pi, owner}, False))

        # "X, the winner of last month's Republican primary": X won that round (of that party)
        for c in m.cues:
            if c.label != "STAGE" or c.value not in ("primary", "runoff") or c.sent in background or \
                    self.in_quote[c.start] or not self._winner_of(c):
                continue
            won = next(t for t in doc[max(c.start - 6, 0):c.start] if t.lower_ == "winner")
            hit = self.person_at.get(won.head.i) if won.dep_ in ("appos", "compound") else None
            if hit is None:
                continue
            named = [p.value for p in self.sent_cues(c.sent, "PARTY") if won.i < p.start < c.end + 1]
            r = race_for(c.sent, hit[0], stage=c.value, party=named[-1] if named else None)
            self._set_outcome(r.cand(hit[0], c.sent), "won", c)

        # "Democrat Jon Ossoff and Republican Karen Handel ... before Tuesday's runoff": people introduced by
        # their party in a sentence about a named round are running in it
        for s in range(self.n_sents):
            if s in background or not [c for c in self.sent_cues(s, "STAGE") if not self._indefinite(c)]:
                continue
            labelled: dict[int, int] = {}  # person -> where named
            for pi, mm in self.sent_mentions(s):
                party = parties.get(pi)
                if party and mm.start_char - 40 <= party[1].start <= mm.end_char + 40 and pi not in labelled \
                        and not self.in_quote[mm.start] and not self._not_a_candidate(pi):
                    labelled[pi] = mm.start
            if len(labelled) >= 2 and len({parties[pi][0] for pi in labelled}) >= 2:
                for pi, at in labelled.items():
                    race_for(s, pi, at=at).cand(pi, s)  # (each in the round of its own clause)

        # people listed with a candidate ("McMaster, Bryant, McGill and Warren meet...") run too
        for s in range(self.n_sents):
            if s in background or s in poll_sents:
                continue
            for pi, mm in self.sent_mentions(s):
                r = race_for(s, pi, at=mm.start)
                if pi in r.cands or self.in_quote[mm.start] or self._not_running_shape(mm):
                    continue
                for other in self._coordinated(mm) + self._listed_with(s, mm):
                    if other in r.cands and other != pi:
                        r.cand(pi, s)
                        break

        # drop people who are not running (predecessors, presidents, endorsers...) ------------------
        preds = self.predecessors(races, parties)
        self._preds = preds  # (the article's contest, when only a list tells it, takes the one found)
        pred_people = {p["person"] for p in preds}
        endorsers = self.endorsers() | self.withdrawn()
        drafts = [r for r in races.values() if r.cands]
        for r in drafts:
            for pi in list(r.cands):
                if (pi in pred_people or pi in endorsers) and r.cands[pi].pct is None and r.cands[pi].votes is None:
                    del r.cands[pi]
                elif self._not_a_candidate(pi) and r.office.kind not in ("us_president", "head_of_state") and (
                        (r.cands[pi].pct is None and r.cands[pi].votes is None) or self._head_of_state_title(pi)):
                    del r.cands[pi]  # ("Trump won the district 72 percent to 23 percent" is no House result)
        drafts = [r for r in drafts if r.cands]
        drafts = self.merge_races(drafts)
        drafts = [part for r in drafts for part in self.split_by_matchups(r)]
        drafts = self.sort_party_primaries(drafts, parties)
        # a contest for another office than the article's needs more than one passing name ("where
        # President Trump won by 11 points in the 2016 presidential election")
        def substantial(r: RaceDraft) -> bool:
            return r.office.kind == main_office.kind or len(r.cands) > 1 or \
                any((pi, r.office.kind) in reelected_to for pi in r.cands) or \
                any(cf.pct is not None or cf.votes is not None for cf in r.cands.values()) or \
                (r.office.district is not None and any(cf.outcome == "won" for cf in r.cands.values()))
        # ... or the round before a runoff the article reports ("Dewhurst, who lost ... in the March 4
        # primary" beside the runoff's results)
        runoffs = {r.office.key for r in drafts if substantial(r) and r.stage == "runoff"}
        drafts = [r for r in drafts if substantial(r) or (r.office.key in runoffs and r.stage != "general")]
        if not drafts:
            return Assembly("not_election", [], self.published)

        kind = self.article_kind(drafts, poll_sents)
        if kind == "preview" and not self._election_talk(drafts):
            # "pitted Black voters ... against Secretary of State Wes Allen": no contest is being told
            return Assembly("not_election", [], self.published)
        if kind not in ("poll", "preview"):
            drafts = self.runoff_ahead(drafts, office_ctx)
            if self.top_two_article:
                drafts = self.top_two_ahead(drafts)
        self.finish_outcomes(drafts, kind)
        self.assign_predecessors(drafts, preds, office_ctx)
        self.set_special(drafts)
        self.set_dates(drafts, stage_ctx, office_ctx)
        self.set_incumbents(drafts, parties)
        self.holders_run(drafts)
        self.defeated_incumbents(drafts, parties)
        self.group_parties(drafts, parties, office_ctx, stage_ctx)
        country = main_office and self._country
        # someone who ran in the Republican runoff is a Republican in November too
        ran_in: dict[int, set[str]] = defaultdict(set)
        for r in drafts:
            if r.party_primary and r.stage in ("primary", "runoff"):
                for pi in r.cands:
                    ran_in[pi].add(r.party_primary)
        self._primary_party = {pi: next(iter(v)) for pi, v in ran_in.items() if len(v) == 1}
        drafts = self.decide_candidates(drafts, kind, parties)
        if not drafts:
            return Assembly("not_election", [], self.published, self.warnings)
        self.dateline_jurisdictions(drafts)
        out = [self.race_dict(r, parties, country) for r in self.order(drafts)]
        return Assembly(kind, out, self.published, self.warnings)

    def _past_role(self, mm: Mention) -> bool:
        """"one-time vice presidential candidate X": a role of another time."""
        doc = self.doc
        a = self.m.sents[mm.sent][0]
        toks = doc[max(mm.start - 8, a):mm.start]
        role = max((t.i for t in toks if t.lower_ in _ROLE_NOUNS), default=None)
        if role is None:
            return False
        words = "".join(t.text_with_ws for t in doc[max(role - 5, a):role]).lower().split()
        past = _cues("past_role_words")  # (an entry ending in "-" is a prefix: "then-senator")
        return any(w in past or any(p.endswith("-") and w.startswith(p) for p in past) for w in words)

    def _role_owner(self, window, pi: int) -> Optional[int]:
        """The one person a "his"/"her" role noun before a name belongs to: the subject of the verb the noun
        phrase hangs from ("Smith kept a lead over her opponent, Jones"), not in a quote."""
        noun = next((t for t in window if t.lower_ in _ROLE_NOUNS and any(
            ch.dep_ == "poss" and ch.lower_ in ("his", "her") for ch in t.children)), None)
        if noun is None or self.in_quote[noun.i]:
            return None
        head, hops = noun.head, 0
        while hops < 5 and not _is_verb(head) and head.head.i != head.i:
            head, hops = head.head, hops + 1
        if not _is_verb(head):
            return None
        subj = [o for o in self._role_persons(head)[0] if o != pi]
        return subj[0] if len(subj) == 1 else None

    @cached_property
    def _regional_seats(self) -> bool:
        """A story of a province's or state's legislature seats: its words ("provincial", "MPP", "state
        assembly") and none of a national parliament's ("House of Commons", "federal", "MP")."""
        text = re.sub(r"\s+", " ", self.text.lower()).replace("’", "'")
        has = lambda key: any(re.search(r"(?<![\w'])" + re.escape(w) + r"(?![\w'])", text)  # noqa: E731
                              for w in _cues(key))
        return has("regional_seat_words") and not has("national_seat_words")

    def race_dict(self, r: RaceDraft, parties: dict, country: str) -> dict[str, Any]:
        evidence: list[Ev] = list(r.office.evidence) + list(r.evidence)
        cands = []
        people = sorted(r.cands.values(), key=lambda cf: (cf.pct is None, -(cf.pct or 0), cf.first_sent))
        for i, cf in enumerate(people):
            p = self.m.people[cf.person]
            party = parties.get(cf.person)
            party_value = party[0] if party else (r.party_primary or self._primary_party.get(cf.person))
            if party_value is None and self._nonpartisan_article and country == "US":
                party_value = "Nonpartisan"
            if country == "US" and party_value in _US_FOREIGN_CLASH:
                party_value = None
            cand = {"name": p.name, "party": party_value, "vote_pct": cf.pct, "votes": cf.votes,
                    "outcome": cf.outcome, "incumbent": cf.incumbent}
            cands.append(cand)
            evidence.append(self.ev_mention(f"candidates[{i}].name", p.first, "person/ner"))
            if party:
                e = party[1]
                evidence.append(Ev(f"candidates[{i}].party", e.start, e.end, e.text, e.rule))
            for e in cf.evidence:
                evidence.append(Ev(f"candidates[{i}].{e.field}", e.start, e.end, e.text, e.rule))
        predecessor = None
        pred = r.predecessor
        if pred and not any(c["incumbent"] for c in cands) and pred["person"] not in r.cands:
            predecessor = {"name": pred["name"], "party": pred["party"], "reason": pred["reason"]}
            evidence.extend(pred["evidence"])
        us = country == "US"
        kind = r.office.kind
        if us and kind in ("head_of_government", "head_of_state") and self._country_stated:
            kind = "us_president"  # the US elects one head of state and government: its president
        if kind == "national_legislature" and not us and self._regional_seats:
            kind = "regional_legislature"  # "five provincial byelections", "MPP": a province's seats
        office = {"kind": kind, "state": r.office.state if us else None,
                  "district": r.office.district if r.office.kind in _DISTRICTED else None,
                  "jurisdiction": r.office.jurisdiction, "country": r.office.country or country}
        # the fitted probability (and, while training, the features) travel with each candidate, so that
        # later stages that drop candidates keep them aligned
        for cand, cf in zip(cands, people):
            if cf.person in r.scores:
                cand["_score"] = r.scores[cf.person]
            if cf.person in r.features:
                cand["_features"] = r.features[cf.person]
        return {
            "office": office,
            "election": {"stage": r.stage, "special": r.special,
                         "date": r.date.isoformat() if r.date else None, "party_primary": r.party_primary},
            "candidates": cands,
            "predecessor": predecessor,
            "_evidence": [e.as_dict() for e in evidence],
        }


def assemble(doc: Doc, mentions: Mentions, published: Optional[dt.date] = None) -> Assembly:
    """The races of one doc (plain data with evidence), the prose's and then the lists'."""
    asm = Assembler(doc, mentions, published)
    result = asm.run()
    if not any(c.label in ("STAGE", "WIN", "ELECTION", "SPECIAL") for c in mentions.cues):
        return result
    races = add_listings(doc, mentions, result.races, asm.article_context())
    if len(races) != len(result.races) or races is not result.races:
        result.races = races
        if len(races) > 1:
            result.kind = "roundup"
        elif result.kind == "not_election" and races:
            result.kind = "results" if any(c["outcome"] or c["vote_pct"] is not None or c["votes"] is not None
                                           for r in races for c in r["candidates"]) else "preview"
    return result
