"""The seat's history: predecessors and why they left, special elections, incumbency, voting days."""
from __future__ import annotations

from .base import *  # noqa: F401,F403  (the stage's shared drafts, vocabularies and helpers)


class SeatMixin:
    def predecessors(self, races: dict, parties: dict) -> list[dict]:
        """Who held a seat before and why they left, from succession and vacancy phrases; each with the
        sentences that say so (to tie it to the right contest in a roundup)."""
        doc = self.doc
        reasons = load("cues")["reason_by_vacancy"]
        priority = load("cues")["reason_priority"]
        # (a claim of victory is not yet a result: "Scott declared victory" in a Senate race still undecided)
        candidates_figs = {pi for r in races.values() for pi, cf in r.cands.items()
                           if cf.pct is not None or cf.votes is not None or (cf.outcome and not _claimed_victory(cf))}
        # a candidate for one office can be the one another office's winner replaces ("Cameron ... will
        # replace Beshear in that office", Beshear running for governor)
        ran_for: dict[int, set[str]] = defaultdict(set)
        for r in races.values():
            for pi in r.cands:
                ran_for[pi].add(r.office.kind)
        office_ctx = getattr(self, "_office_ctx", None)

        def running_here(pi: int, s: int) -> bool:
            if pi not in candidates_figs:
                return False
            here = office_ctx[s].kind if office_ctx else None
            return here is None or here in ran_for[pi] or not ran_for[pi]

        succ: list[tuple[int, Mention, Cue]] = []
        for c in self.m.cues:
            if c.label != "SUCCESSION" or self.in_quote[c.start]:
                continue
            a, b = self.m.sents[c.sent]
            after = [hit for hit in self.mentions_in(c.end, b) if hit[1].start - c.end <= 6 and not running_here(hit[0], c.sent)]
            before = [hit for hit in self.mentions_in(a, c.start)
                      if c.start - hit[1].end <= 3 and not running_here(hit[0], c.sent) and key_of(c.rule) in _SUCC_BEFORE]
            hits = after[:1] or before[-1:]
            if not hits:
                continue
            succ.append((hits[0][0], hits[0][1], c))
        # vacancy phrases about a person who is not running: "X, who resigned", "after X died", "the late X"
        vac_persons: dict[int, list[tuple[str, Cue]]] = defaultdict(list)
        title_words = {w for ts in load("cues")["seat_titles"].values() for t in ts for w in t.split()}
        for c in self.m.cues:
            if c.label != "VACANCY" or self.in_quote[c.start]:
                continue
            reason = reasons.get(key_of(c.rule))
            if not reason:
                continue
            tok = doc[c.start]
            if c.end - c.start == 1 and tok.dep_ == "amod" and tok.head.i not in self.person_at and \
                    tok.head.lower_ not in title_words and not any(k in self.person_at for k in range(c.end, c.end + 5)):
                continue  # "the retired teacher": a past career, not a seat left ("retiring Congressman X" is)
            a, b = self.m.sents[c.sent]
            if c.start and doc[c.start - 1].lower_ in ("his", "her", "their"):
                # "served until his death": the possessive points back to the person before it
                near = [hit for hit in self.mentions_in(a, c.start) if hit[0] not in candidates_figs][-1:]
            else:
                near = [hit for hit in self.mentions_in(a, b) if abs(hit[1].start - c.start) <= 12 and hit[0] not in candidates_figs]
            if reasons.get(key_of(c.rule)) in ("retired", "term-limited", "resigned", "died") and \
                    not (c.start and doc[c.start - 1].lower_ in ("his", "her", "their")):
                # "State's Attorney Kim Foxx, a Democrat ... whose tenure was marked by ... the Jussie Smollett
                # case, chose not to seek a third term": the verb's own subject, however far, before any nearer name
                subj = [pi for pi in self._role_persons(self._verb_of(c))[0] if pi not in candidates_figs]
                own = [hit for hit in self.mentions_in(a, c.start) if hit[0] in subj][-1:]
                near = own or near
            if not near:
                continue
            after_first = key_of(c.rule) in ("the-late", "death", "resignation", "retirement", "expulsion",
                                                "killing", "stabbing", "murder", "assassination") and \
                not (c.start and doc[c.start - 1].lower_ in ("his", "her", "their"))
            nxt = [t.lower_ for t in doc[c.end:min(c.end + 3, b)]]
            if reason == "appointed" and key_of(c.rule) in _LEFT_FOR_POST:
                before = [h for h in near if h[1].end <= c.start]
                if not before:
                    continue
                pi, mm = before[-1]  # "Sessions, who resigned in February to become attorney general"
            elif reason == "appointed":
                rest = [t.lower_ for t in doc[c.end:min(c.end + 12, b)]]
                if nxt[:2] in (["to", "the"], ["to", "fill"], ["to", "replace"], ["to", "succeed"]) or nxt[:1] == ["to"] and len(nxt) > 1 and nxt[1] in ("fill", "replace", "succeed") \
                        or any(rest[k:k + 2] in (["to", "fill"], ["to", "replace"], ["to", "succeed"]) for k in range(len(rest))):
                    continue  # "X was appointed (in January by the governor) to fill the seat": how X came in
                verb = self._verb_of(c)
                subj, _ = self._role_persons(verb)
                objs = [t for t in verb.children if t.dep_ == "dobj" and t.lower_ in ("him", "her")]
                passive = [self.person_at[d.i][0] for d in verb.children if d.dep_ == "nsubjpass" and d.i in self.person_at]
                if objs:
                    # "Governor X appointed him attorney general": "him" is the one who left
                    others = [h for h in near if h[0] not in subj and h[1].end <= c.start]
                    if not others:
                        continue
                    pi, mm = others[-1]
                elif passive:
                    pi = passive[0]
                    if pi in candidates_figs:
                        continue
                else:
                    continue
            else:
                before = [h for h in near if h[1].end <= c.start]
                after = [h for h in near if h[1].start >= c.end]
                pick = (after[:1] or before[-1:]) if after_first else (before[-1:] or after[:1])
                pi, mm = pick[0]
            vac_persons[pi].append((reason, c))
        # "the son of the late Gov. Mark White": "the late" names a seat's last holder only in a story
        # about filling a vacancy
        if not any(c.label == "SPECIAL" for c in self.m.cues):
            for pi in list(vac_persons):
                vac_persons[pi] = [(r, c) for r, c in vac_persons[pi] if key_of(c.rule) != "the-late"]
                if not vac_persons[pi]:
                    del vac_persons[pi]
            succ = [x for x in succ if key_of(x[2].rule) != "the-late"]
        found: dict[int, dict] = {}
        for pi, mm, c in succ:
            d = found.setdefault(pi, {"person": pi, "evidence": [self.ev_mention("predecessor.name", mm, c.rule)],
                                      "reason": None, "sents": set()})
            d["sents"].add(c.sent)
        # the ones a vacancy phrase names too ("DeLuca ... died of cancer"; several seats in a roundup)
        for pi in sorted(vac_persons, key=lambda k: min(c.start for _, c in vac_persons[k])):
            if pi in found:
                continue
            mm = self.m.people[pi].first
            found[pi] = {"person": pi, "evidence": [self.ev_mention("predecessor.name", mm, vac_persons[pi][0][1].rule)],
                         "reason": None, "sents": set()}
        out = []
        for pi, d in found.items():
            if self._not_a_candidate(pi) and self._main_kind not in ("us_president", "head_of_state"):
                continue
            if vac_persons.get(pi):
                rs = vac_persons[pi]
                best = min(rs, key=lambda rc: priority.index(rc[0]) if rc[0] in priority else 99)
                d["reason"] = best[0]
                d["evidence"].append(self.ev_cue("predecessor.reason", best[1]))
                d["sents"] |= {c.sent for _, c in rs}
            d["name"] = self.m.people[pi].name
            party = parties.get(pi)
            d["party"] = party[0] if party else None
            if party:
                d["evidence"].append(Ev("predecessor.party", party[1].start, party[1].end, party[1].text, party[1].rule))
            out.append(d)
        return out

    def assign_predecessors(self, drafts: list[RaceDraft], preds: list[dict], office_ctx: list[OfficeCtx]) -> None:
        """Each race gets the predecessor named in a sentence about its office; with one office in the
        article, the one predecessor found."""
        def same_office(o: OfficeCtx, r: RaceDraft) -> bool:
            return o.kind == r.office.kind and all(
                getattr(o, f) is None or getattr(r.office, f) is None or getattr(o, f) == getattr(r.office, f)
                for f in ("district", "jurisdiction", "state"))

        kinds = {(r.office.kind, r.office.district, r.office.jurisdiction) for r in drafts}
        titles = load("cues")["seat_titles"]

        def title_kinds(p: dict) -> set[str]:
            """"DeSantis will succeed Gov. Rick Scott": the title says which seat they leave."""
            kinds: set[str] = set()
            for mm in self.m.people[p["person"]].mentions:
                window = self._words_before(mm)
                if "former" in window:
                    continue
                kinds |= {k for k, ts in titles.items() if self._ends_with_title(window, ts)}
            return kinds

        by_title = {id(p): title_kinds(p) for p in preds}
        n_kind = Counter(r.office.kind for r in drafts)
        for r in drafts:
            preds_r = [p for p in preds if not by_title[id(p)] or r.office.kind in by_title[id(p)]]
            match = [p for p in preds_r if any(same_office(office_ctx[s], r) for s in p["sents"])]
            if match:
                r.predecessor = match[0]
            elif len(preds) == 1 and len(kinds) == 1 and preds_r:
                r.predecessor = preds[0]
            elif n_kind[r.office.kind] == 1 and any(r.office.kind in by_title[id(p)] for p in preds_r):
                r.predecessor = next(p for p in preds_r if r.office.kind in by_title[id(p)])
        # seats a roundup keeps apart though their offices read alike (one round, one party): the one who
        # left is the predecessor of the seat told nearest to where their leaving is told, not of each
        alike: dict[tuple, list[RaceDraft]] = defaultdict(list)
        for r in drafts:
            if r.predecessor is not None:
                alike[(r.office.key, r.stage, r.party_primary, r.predecessor["person"])].append(r)
        for group in alike.values():
            if len(group) < 2:
                continue
            told = group[0].predecessor["sents"]

            def distance(r: RaceDraft) -> int:
                return min((abs(a - b) for a in told for b in r.sents), default=10 ** 6)
            keep = min(group, key=distance)
            for r in group:
                if r is not keep:
                    r.predecessor = None

    def _vacancy_ahead(self, c: Cue) -> bool:
        """"The wins leave a vacancy", "there will be a vacancy on the appeals court": a vacancy this
        election leaves, not one it fills."""
        if key_of(c.rule) not in ("vacancy", "vacancies", "vacant"):
            return False
        verb = _clause_verb(self.doc[c.start])
        return verb is not None and (verb.lower_ in _cues("vacancy_making_verbs") or any(
            ch.dep_ == "aux" and ch.lower_ in _cues("future_or_modal") for ch in verb.children))

    def set_special(self, drafts: list[RaceDraft]) -> None:
        special_cues = [c for c in self.m.cues if c.label == "SPECIAL" and not self.in_quote[c.start]
                        and c.sent not in self._background_sents and c.start not in self._past_tokens
                        and not self._vacancy_ahead(c)]
        offices = {r.office.key for r in drafts}
        for r in drafts:
            if len(offices) == 1:
                r.special = bool(special_cues) or bool(r.predecessor and r.predecessor.get("reason") in _VACATING)
            else:
                # "special elections for three vacant state House seats" said of all of them before any is told
                first_told = min((s for o in drafts for s in o.sents), default=0)
                r.special = any(c.sent in r.sents for c in special_cues) or any(
                    c.sent < first_told and self._office_at(c.sent) == r.office.kind for c in special_cues)
            if r.special:
                c = special_cues[0] if special_cues else None
                if c:
                    r.evidence.append(self.ev_cue("election.special", c))

    def set_dates(self, drafts: list[RaceDraft], stage_ctx: list[str], office_ctx: list[OfficeCtx]) -> None:
        """Voting day from a date phrase tied to the election: next to a stage word ("Saturday's primary",
        "the runoff Sept. 26") first, else in a sentence that reports the result. A weekday names the
        coming day for a race not yet run ("before Tuesday's runoff" in a preview), else the last one."""
        doc = self.doc
        result_sents = {c.sent for c in self.m.cues if c.label in ("WIN", "LOSE", "STAGE", "SPECIAL")}
        tied, loose = [], []
        for ent in doccache.ents(doc):
            if ent.label_ != "DATE" or self.in_quote[ent.start]:
                continue
            s = self.tok2sent[ent.start]
            a, b = self.m.sents[s]
            near = [c for c in self.sent_cues(s, "STAGE") if c.start - 6 <= ent.start <= c.end + 4]
            # "the Feb. 7 special elections": a special election's date is its round's
            near += [Cue(c.label, stage_ctx[s], c.rule, c.start, c.end, c.start_char, c.end_char, c.text, c.sent)
                     for c in self.sent_cues(s, "SPECIAL") if "election" in c.text.lower() and
                     c.start - 6 <= ent.start <= c.end + 4]
            # "before Tuesday's runoff", "Tuesday's election": the date is the round's own, whatever precedes it
            poss = ent.text.endswith(("'s", "’s")) or (ent.end < b and doc[ent.end].lower_ in ("'s", "’s"))
            owner = [c for c in near if poss and 0 <= c.start - ent.end <= 3]
            if not owner:
                # "Tuesday's election", "the Nov. 5 election"
                voted = [c for c in self.sent_cues(s, "ELECTION") if 0 <= c.start - ent.end <= (2 if poss else 0)
                         and c.text.lower() in ("election", "elections", "vote", "voting", "balloting")]
                if voted:
                    tied.append((ent, s, stage_ctx[s]))
                    continue
            if not owner and any(t.lower_ in ("since", "until", "by", "before", "after", "ago", "last", "earlier", "next", "in")
                                 for t in doc[max(ent.start - 1, a):ent.start]):
                continue
            if near:
                c = owner[0] if owner else min(near, key=lambda c: abs(c.start - ent.start))
                stage = c.value if c.value != "earlier" else None
                tied.append((ent, s, stage))
            elif s in result_sents or any(t.lower_ in _ELECTION_WORDS for t in doc[max(ent.start - 4, a):min(ent.end + 4, b)]):
                loose.append((ent, s, stage_ctx[s]))
        tied_ids = {id(x) for x in tied}
        from_tied: set[int] = set()   # races dated by a phrase tied to their round ("Tuesday's election")
        tied_days = {resolve_date(ent.text, self.published) for ent, _s, stage in tied if stage} - {None}
        for item in tied + loose:
            ent, s, stage = item
            if stage is None:
                continue
            for r in drafts:
                if r.stage != stage or r.office.kind != office_ctx[s].kind or r.date is not None:
                    continue
                ahead = not r.undecided and not any(
                    cf.pct is not None or cf.votes is not None or cf.outcome for cf in r.cands.values())
                value = resolve_date(ent.text, self.published, future=ahead, past=not ahead)
                if value is None:
                    continue
                line_start = self.text.rfind("\n", 0, ent.start_char) + 1
                if value == self.published and ent.start_char - line_start < 40 and _YEAR_RE.search(ent.text):
                    continue  # "CHICAGO, April 3, 2019 — ...": the dateline, not the voting day
                r.date = value
                r.evidence.append(Ev("election.date", ent.start_char, ent.end_char, ent.text, "date/election-date"))
                if id(item) in tied_ids:
                    from_tied.add(id(r))
        # a roundup's contests of one round share its voting day ("Democrats on Tuesday flipped two seats in
        # special elections"): a race of that round with no date of its own takes the one date the others have,
        # when a phrase tied to the round gave it
        for stage in {r.stage for r in drafts}:
            dated = [r for r in drafts if r.stage == stage and r.date is not None]
            if len({r.date for r in dated}) != 1 or not any(id(r) in from_tied for r in dated) or len(tied_days) != 1:
                continue  # (two days tied to rounds: "conceded the race Thursday ... the Nov. 5 election")
            dated = [r for r in dated if id(r) in from_tied]
            src = next(e for e in dated[0].evidence if e.field == "election.date")
            for r in drafts:
                if r.stage == stage and r.date is None:
                    r.date = dated[0].date
                    r.evidence.append(Ev("election.date", src.start, src.end, src.text, "date/same-round"))

    def set_incumbents(self, drafts: list[RaceDraft], parties: dict) -> None:
        doc = self.doc
        seat_titles = load("cues")["seat_titles"]
        for r in drafts:
            titles = {t.lower() for t in seat_titles.get(r.office.kind, [])}
            pred = r.predecessor
            # a holder who is retiring or term-limited still holds the seat: a title-holder running for it
            # holds another one
            open_seat = bool(pred and pred.get("reason") in ("retired", "term-limited") and pred["person"] not in r.cands)
            for pi, cf in r.cands.items():
                p = self.m.people[pi]
                for mm in p.mentions:
                    window = self._words_before(mm)
                    if "former" in window or "ex" in window:
                        continue
                    if "state" in window[:-1] and r.office.kind in ("us_senate", "us_house", "governor"):
                        continue
                    if any(w in ("lt.", "lt", "lieutenant") for w in window[:-1]) and r.office.kind == "governor":
                        continue
                    cue_word = any(w in ("incumbent", "sitting") for w in window)
                    if cue_word or (self._ends_with_title(window, titles) and not self.in_quote[mm.start]):
                        if not cue_word and open_seat:
                            continue  # "Democratic Rep. Brady Walkinshaw" in a seat its holder is leaving: another house
                        cf.incumbent = True
                        cf.evidence.append(self.ev("incumbent", mm.start - 1, mm.end,
                                                   "incumbent/cue" if cue_word else "incumbent/title"))
                        break
                if cf.incumbent is None:
                    a, b = self.m.sents[mm.sent] if p.mentions else (0, 0)
                    for c in self.m.cues:
                        if c.label == "INCUMBENT" and key_of(c.rule) in ("re-election", "reelection", "re-elected", "reelected") and \
                                not self.in_quote[c.start]:
                            verb = self._verb_of(c)
                            subj, _ = self._role_persons(verb)
                            if pi in subj:
                                cf.incumbent = True
                                cf.evidence.append(self.ev_cue("incumbent", c))
                                break
            has_inc = any(cf.incumbent for cf in r.cands.values())
            # "the race for the three open seats": nobody running holds one
            alone = sum(1 for o in drafts if o.office.kind == r.office.kind) == 1
            open_told = any(self._open_seat_sent(s) and self._office_at(s) == r.office.kind
                            for s in (range(self.n_sents) if alone else r.sents))
            for cf in r.cands.values():
                if cf.incumbent is None and (r.special or r.predecessor or has_inc or open_told):
                    cf.incumbent = False

    def _open_seat_sent(self, s: int) -> bool:
        a, b = self.m.sents[s]
        words = [t.lower_ for t in self.doc[a:b]]
        return any(w == "open" and nxt in ("seat", "seats") for w, nxt in zip(words, words[1:]))

    def holders_run(self, drafts: list[RaceDraft]) -> None:
        """"Gov. Jeff Colyer ... took office only in January, when Sam Brownback resigned": when the seat's
        holder runs in some round, an earlier holder's departure is how they got it, not why this contest
        is held -- no race of that office has that earlier holder as predecessor, nor is special for it."""
        holders: dict[tuple, set[int]] = defaultdict(set)
        for r in drafts:
            for pi, cf in r.cands.items():
                if cf.incumbent and any(e.field == "incumbent" for e in cf.evidence):
                    holders[r.office.key].add(pi)
        special_cues = any(c.label == "SPECIAL" and c.sent not in self._background_sents for c in self.m.cues)
        # an appointed holder runs in a special election ("Hyde-Smith was appointed ... after Cochran stepped down")
        appointed = {pi for c in self.m.cues if c.label == "VACANCY" and key_of(c.rule) in ("appointed", "was-appointed")
                     for pi in self._role_persons(self._verb_of(c))[0] if self._passive(self._verb_of(c))}
        for r in drafts:
            pred = r.predecessor
            if pred and holders.get(r.office.key) and pred["person"] not in holders[r.office.key] and \
                    pred.get("reason") in _VACATING:
                r.predecessor = None
                if r.special and not special_cues and not (holders[r.office.key] & appointed):
                    r.special = False
                    r.evidence = [e for e in r.evidence if e.field != "election.special"]

    def defeated_incumbents(self, drafts: list[RaceDraft], parties: dict) -> None:
        """"Gray defeated the incumbent Adrian M. Fenty during the September Democratic primary": the seat's
        holder lost an earlier round, so the later round is fought without them -- they are its
        predecessor, defeated."""
        for r in drafts:
            if r.predecessor is not None or r.stage not in ("general", "runoff"):
                continue
            for e in drafts:
                if e is r or e.office.key != r.office.key or STAGE_ORDER.get(e.stage, 1) >= STAGE_ORDER.get(r.stage, 1):
                    continue
                # the loss must be stated ("defeated the incumbent"), not inferred from someone else's win
                losers = [pi for pi, cf in e.cands.items() if cf.incumbent and cf.outcome == "lost" and pi not in r.cands
                          and any(x.field == "outcome" for x in cf.evidence)]
                if len(losers) != 1:
                    continue
                pi = losers[0]
                cf = e.cands[pi]
                party = parties.get(pi)
                ev = [x for x in cf.evidence if x.field in ("incumbent", "outcome")]
                r.predecessor = {"person": pi, "name": self.m.people[pi].name, "party": party[0] if party else None,
                                 "reason": "defeated", "sents": set(), "evidence":
                                 [self.ev_mention("predecessor.name", self.m.people[pi].first, "predecessor/defeated-incumbent")]
                                 + [Ev("predecessor.reason", x.start, x.end, x.text, x.rule) for x in ev]}
                for other in r.cands.values():
                    if other.incumbent is None:
                        other.incumbent = False
                break
