"""Offices, seats and places: the office phrases that name a contest, the article's main office, the
office, district, state and jurisdiction in force in each sentence, offices tied to people by titles."""
from __future__ import annotations

import dataclasses

from .base import *  # noqa: F401,F403  (the stage's shared drafts, vocabularies and helpers)


def _placed(place: str, state: Optional[str]) -> tuple[str, Optional[str]]:
    """A place as a jurisdiction ("the District of Columbia" -> "District of Columbia") with its state: the
    one written beside it, else the one the city vocabulary knows ("Anaheim" -> CA)."""
    if place.lower().startswith("the "):
        place = place[4:]
    return place, state or load("us_cities")["cities"].get(place)


class OfficeMixin:
    def title_cue(self, c: Cue) -> bool:
        """An office word used as a person's title ("Gov. Phil Bryant", "Mayor Eric Garcetti",
        "City Council President Brenda Jones")."""
        nxt = c.end
        titles = word_set("names", "titles")
        while nxt < len(self.doc) and nxt < c.end + 3 and (self.doc[nxt].text in (".",) or
                                                            (self.doc[nxt].lower_ in titles and self.doc[nxt].is_title)):
            nxt += 1
        return nxt in self.person_at and self.person_at[nxt][1].start == nxt

    @cached_property
    def _office_cues(self) -> list[Cue]:
        # a title names the contested seat only when it is the seat the person defends ("incumbent Lt. Gov.
        # David Dewhurst ... were defeated")
        cues = [c for c in self.m.cues if c.label == "OFFICE" and not self._is_agency(c) and c.start not in self._past_tokens
                and not self._past_year_before(c)
                and (not self.title_cue(c) or (c.start and self.doc[c.start - 1].lower_ in ("incumbent", "sitting")))
                and not (c.start and self.doc[c.start - 1].lower_ in ("former", "ex", "ex-", "then", "late"))]
        # "Ward 1 Justice of the Peace", "school board ward 2": a ward beside another office is its district
        others = {c.sent for c in cues if key_of(c.rule) != "ward"}
        cues = [c for c in cues if key_of(c.rule) != "ward" or c.sent not in others]
        # overlapping phrases: the one that starts first (then the longest) names the office
        cues.sort(key=lambda c: (c.start, -(c.end - c.start)))
        out, last_end = [], -1
        for c in cues:
            if c.start < last_end:
                continue
            out.append(c)
            last_end = c.end
        if self._country != "US":
            foreign = load("cues")["foreign_office"]
            out = [Cue(c.label, foreign.get(c.value, c.value), c.rule, c.start, c.end, c.start_char, c.end_char, c.text, c.sent)
                   for c in out]
        # "the Kentucky House of Representatives", "Pennsylvania House District 197": a state's own chamber
        # ("the Texas Senate race", "Montana House seat" are not: news calls a state's seats in Congress that too)
        states_end = {c.end for c in self.m.cues if c.label == "STATE" and not c.text.lower().startswith(("u.s", "us"))}
        out = [Cue(c.label, "state_house", c.rule, c.start, c.end, c.start_char, c.end_char, c.text, c.sent)
               if c.value == "us_house" and c.start in states_end
               and c.text.lower().startswith(("house of representatives", "house district"))
               else c for c in out]
        kinds = {c.value for c in out}
        left_for = {c.sent for c in self.m.cues if c.label in ("VACANCY", "SUCCESSION")}
        # a bare "Senate" / "House" in a story about a state legislature is that legislature's, unless the
        # story names the federal chamber itself ("U.S. Senate", "congressional seat" for the House)
        def federal_words(c: Cue) -> bool:
            return c.text.lower().startswith(("u.s.", "us ", "united states")) or "congress" in c.text.lower()

        for generic, state in (("us_senate", "state_senate"), ("us_house", "state_house")):
            federal = any(c.value == generic and c.sent not in left_for and federal_words(c) for c in out)
            if state in kinds and generic in kinds and not federal:
                # (a "congressional seat" is Congress's wherever it is named)
                out = [Cue(c.label, state, c.rule, c.start, c.end, c.start_char, c.end_char, c.text, c.sent)
                       if c.value == generic and not federal_words(c) else c for c in out]
        return out

    def state_of_sentence(self, s: int) -> Optional[str]:
        states = [c.value for c in self.sent_cues(s, "STATE") if self._state_cue_ok(c)]
        return Counter(states).most_common(1)[0][0] if states else None

    def _state_cue_ok(self, c: Cue) -> bool:
        """A state name that names the state: not part of a person's name, and "Washington" only as
        "Washington state" or "Washington's" (the capital is the usual trap)."""
        tok = self.doc[c.start]
        if tok.ent_type_ == "PERSON" or c.start in self.person_at:
            return False
        if c.text.lower() == "washington":
            nxt = self.doc[c.end].lower_ if c.end < len(self.doc) else ""
            prev = self.doc[c.start - 1].lower_ if c.start else ""
            return nxt in ("state", "'s", "’s") or prev == "of" and c.start > 1 and self.doc[c.start - 2].lower_ == "state"
        return True

    @cached_property
    def _article_state(self) -> Optional[str]:
        heads = self._headline_sents
        votes: Counter = Counter()
        for c in self.m.cues:
            if c.label == "STATE" and self._state_cue_ok(c):
                votes[c.value] += 3 if c.sent in heads else (2 if c.sent < 4 else 1)
            elif c.label == "PARTY_TAG":
                st = _tag_state(c.text)
                if st:
                    votes[st] += 1
        if not votes:
            # no state named: a well-known city or county named in the headline or lead gives it
            cities = load("us_cities")["cities"]
            for ent in self.doc.ents:
                if ent.label_ in ("GPE", "LOC", "ORG", "FAC") and ent.text in cities:
                    s = self.tok2sent[ent.start]
                    votes[cities[ent.text]] += 3 if s in heads else (2 if s < 4 else 1)
        return votes.most_common(1)[0][0] if votes else None

    @property
    def _country(self) -> str:
        return self._country_reading[0]

    @property
    def _country_stated(self) -> bool:
        """Whether the text names the country (the US is the default of a story that names none)."""
        return self._country_reading[1]

    @cached_property
    def _country_reading(self) -> tuple[str, bool]:
        """The article's country: a US state named, else the country words it uses most (the headline's
        twice); the US when none is named; and whether it was named."""
        text = self.text
        if any(c.label == "STATE" and self._state_cue_ok(c) for c in self.m.cues):
            return "US", True
        heads = self._headline_sents
        head_text = " ".join(self.doc[self.m.sents[s][0]:self.m.sents[s][1]].text for s in heads)
        # a word inside a party's or an organisation's name places nothing ("All Progressives Congress")
        inside = [(e.start_char, e.end_char) for e in self.doc.ents if e.label_ == "ORG"] + \
            [(c.start_char, c.end_char) for c in self.m.cues if c.label == "PARTY"]
        inside.sort()
        starts = [a for a, _ in inside]

        def free(at: int) -> bool:
            k = bisect.bisect_right(starts, at) - 1
            return k < 0 or not (inside[k][0] <= at < inside[k][1])

        pattern, country_of = _country_words()
        scores: Counter = Counter()
        for mm in pattern.finditer(text):
            if free(mm.start()):
                scores[country_of[mm.group(0)]] += 1
        for mm in pattern.finditer(head_text):
            scores[country_of[mm.group(0)]] += 2
        return (scores.most_common(1)[0][0], True) if scores else ("US", False)

    def article_context(self) -> ListingContext:
        """The office, state, country and round the article as a whole reports (for contests told in lists)."""
        main = self.main_office()
        opening = self._headline_sents | set(range(min(3, self.n_sents)))
        special = any(c.label == "SPECIAL" and c.sent in opening for c in self.m.cues)
        # the place its opening sentences give the office ("the Kestrel Vale by-election"), and the one
        # who left the seat when the story names one only
        places = {self._office_ctx[s].jurisdiction for s in opening if s < len(getattr(self, "_office_ctx", ()))}
        preds = getattr(self, "_preds", [])
        pred = None
        if len(preds) == 1:
            p = preds[0]
            pred = {"name": p["name"], "party": p["party"], "reason": p["reason"],
                    "_evidence": [e.as_dict() for e in p["evidence"]]}
        return ListingContext(main.kind if main else None, self._article_state if self._country == "US" else None,
                              self._country, self.main_stage()[0], special,
                              places.pop() if len(places) == 1 else None, pred)

    # ------------------------------------------------------------------ offices
    def office_contexts(self, main: OfficeCtx) -> list[OfficeCtx]:
        ctx, cur = [], main
        country_now: Optional[str] = None
        self._section = [-1] * self.n_sents
        under_heading = False
        section = -1
        office_by_sent: dict[int, list[Cue]] = defaultdict(list)
        for c in self._office_cues:
            if self.office_cue_counts(c, main.kind):
                office_by_sent[c.sent].append(c)
        district_by_sent: dict[int, list[Cue]] = defaultdict(list)
        for c in self.m.cues:
            if c.label == "DISTRICT" and not self.in_quote[c.start]:
                district_by_sent[c.sent].append(c)
        aside_of: Optional[OfficeCtx] = None
        heading_state: Optional[str] = None
        for s in range(self.n_sents):
            if aside_of is not None:
                cur, aside_of = aside_of, None  # the aside is over: back to the contest before it
            offs = [c for c in office_by_sent.get(s, []) if not self.in_quote[c.start]]
            # "Ohio [+]": a heading that is a state's name and nothing else starts that state's section
            named = self._state_heading(s)
            if named and named != cur.state:
                heading_state = named
                cur = dataclasses.replace(cur, state=named, district=None, jurisdiction=None)
            dists = district_by_sent.get(s, [])
            if offs:
                # "Mitt Romney carried Missouri easily in the presidential race on the same ballot": another
                # office named in passing (no result, round or district with it) holds for its sentence only
                strong = {v.label for v in self.sent_cues(s)} & {"PCT", "VOTES", "WIN", "LOSE", "ADVANCE", "STAGE",
                                                                  "DISTRICT", "SPECIAL", "UNDECIDED"}
                office_toks = {t for c in offs for t in range(c.start, c.end)}
                cand_words = [v for v in self.sent_cues(s, "CAND_CUE") if v.start not in office_toks]
                if s > 0 and all(c.value != main.kind for c in offs) and self._other_cycle(s):
                    # "He had been mentioned as a possible candidate for governor next year": another cycle's
                    # office, for its sentence only
                    aside_of = cur
                elif not strong and not cand_words and self.sent_mentions(s) and s not in self._headline_sents and \
                        not self._heading(s) and s > 0 and all(c.value != cur.kind for c in offs) and \
                        all(c.value != main.kind for c in offs):
                    aside_of = cur
                elif s > 0 and not self.sent_mentions(s) and not self._heading(s) and len(
                        {c.value for c in self.sent_cues(s, "STATE") if self._state_cue_ok(c)}) >= 2:
                    # "the governor's races in Arizona and Oregon weren't decided": a sweep over several
                    # states' contests, nobody's contest, holds for its sentence only
                    aside_of = cur
                under_heading = self._heading(s) or self._lead_label(s)
                section += 1
                kinds = [c.value for c in offs]
                kind = self._pick_kind(kinds, main.kind)
                cue = next(c for c in offs if c.value == kind)
                district = self._district_near(cue, dists) if kind in _DISTRICTED else None
                if kind == main.kind and district is None and cur.kind == kind:
                    district = cur.district
                if kind == main.kind and district is None and main.district and cur.kind != kind:
                    district = main.district
                state = self._state_near_cue(cue) or (cur.state if cur.kind == kind else None) or heading_state or \
                    main.state
                jur = cur.jurisdiction if cur.kind == kind else None
                cur = OfficeCtx(kind, district, state, jur, [self.ev_cue("office.kind", cue)])
            elif dists and (self._lead_label(s) or self._heading(s)) and cur.kind not in _DISTRICTED:
                # "District 3: Susana Almanza led ..." after "Mayor of Austin: ...": a paragraph led by a
                # district alone is a seat of the districted body the story is about (a city's or county's
                # council under a local executive's race)
                kind = main.kind if main.kind in _DISTRICTED else _COUNCIL_OF.get(cur.kind)
                if kind:
                    section += 1
                    under_heading = True
                    cur = OfficeCtx(kind, _district_value(dists[0]), cur.state, cur.jurisdiction,
                                    [self.ev_cue("office.district", dists[0])])
            elif dists and cur.kind not in _DISTRICTED and main.kind in _DISTRICTED and cur.kind != main.kind:
                # "The Democratic primary in the 2nd district": back to the article's districted office
                d = _district_value(dists[0])
                cur = OfficeCtx(main.kind, d, main.state, None, main.evidence)
            elif dists and cur.kind in _DISTRICTED:
                d = _district_value(dists[0])
                if d and d != cur.district and cur.district is None:
                    cur = OfficeCtx(cur.kind, d, cur.state, cur.jurisdiction, cur.evidence)
                elif d and d != cur.district:
                    cur = OfficeCtx(cur.kind, d, self._state_near(s) or cur.state, cur.jurisdiction, cur.evidence)
            if cur.kind in _LOCAL:
                found = self._jurisdiction_in(s)
                if found and found[0] != cur.jurisdiction:
                    cur = OfficeCtx(cur.kind, cur.district, found[1] or cur.state, found[0], cur.evidence)
            elif cur.kind in _CONSTITUENCY_KINDS and s not in self._background_sents:
                place = self._constituency_in(s)
                if place and place != cur.jurisdiction:
                    cur = OfficeCtx(cur.kind, cur.district, cur.state, place, cur.evidence)
            elif cur.kind == "head_of_government" and not offs and self._country != "US" and \
                    s not in self._background_sents:
                # "Bell, who won the Tatton seat from Tory Neil Hamilton": a constituency is a seat in
                # parliament, not the premiership the story is about (for its sentence only)
                place = self._constituency_in(s)
                if place:
                    aside_of = cur
                    cur = OfficeCtx("national_legislature", None, None, place, [])
            # "In Paraguay, X won the run-off ... There were also presidential elections in Uruguay":
            # a story of several countries' elections keeps each nation's office apart
            if cur.kind in _NATIONAL_KINDS and len(self._countries_told) >= 2:
                named = self._countries_named[s]
                if named:
                    country_now = named
                if country_now and cur.country != country_now:
                    cur = dataclasses.replace(cur, country=country_now)
            if under_heading:
                self._section[s] = section
            ctx.append(cur)
        return ctx

    def dateline_jurisdictions(self, drafts: list[RaceDraft]) -> None:
        """"MARLOW PARISH, La. (KXYZ) - ... sheriff": a story that names no other place for its local contests
        is about the dateline's."""
        home = self._dateline_place
        if home and all(r.office.jurisdiction in (None, home) for r in drafts if r.office.kind in _LOCAL):
            for r in drafts:
                if r.office.kind in _LOCAL and r.office.jurisdiction is None:
                    r.office = dataclasses.replace(r.office, jurisdiction=home)

    def _state_heading(self, s: int) -> Optional[str]:
        """The US state a heading line names and nothing else (marks and notes in brackets aside: "Ohio [+]
        [Primary May 4].")."""
        a, b = self.m.sents[s]
        text = self.text
        start = self.doc[a].idx
        if start and text[start - 1] != "\n":
            return None
        line_end = text.find("\n", start)
        line = text[start:len(text) if line_end < 0 else line_end]
        if re.search(r"[A-Za-z]", re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", line[self.doc[b - 1].idx + len(self.doc[b - 1]) - start:])):
            return None
        states = [c for c in self.sent_cues(s, "STATE") if self._state_cue_ok(c)]
        words = [t for t in self.doc[a:b] if t.is_alpha]
        if len(states) != 1 or not words or any(not (states[0].start <= t.i < states[0].end) for t in words):
            return None
        return states[0].value

    @cached_property
    def _countries_told(self) -> set[str]:
        """The countries whose elections the story tells, each named where a sentence opens ("In X, ...")
        or beside an election word ("elections in X", "X's presidential election")."""
        if self._country == "US":
            return set()
        return {c for c in self._countries_named if c}

    @cached_property
    def _countries_named(self) -> list[Optional[str]]:
        """The country each sentence names for its election (``_country_named``), read once."""
        return [self._country_named(s) for s in range(self.n_sents)]

    def _country_named(self, s: int) -> Optional[str]:
        doc = self.doc
        a, b = self.m.sents[s]
        _, country_of = _country_words()
        election = {t for c in self.sent_cues(s, "ELECTION", "STAGE", "OFFICE") for t in range(c.start, c.end)}
        found = []
        # (the NER often calls a country an ORG: its name is read, not the label)
        spans = [e for e in self._ents_by_sent.get(s, ()) if e.label_ != "PERSON"] + \
            [doc[t.i:t.i + 1] for t in doc[a:b] if t.is_title and t.ent_type_ != "PERSON"]
        for e in spans:
            code = country_of.get(e.text)
            if code is None or self.in_quote[e.start]:
                continue
            opens = e.start == a + 1 and doc[a].lower_ == "in" and e.end < b and doc[e.end].text == ","
            owner = e.end + 1 < b and doc[e.end].lower_ in ("'s", "’s") and any(
                t in election for t in range(e.end + 1, min(e.end + 4, b)))
            place = e.start >= a + 2 and doc[e.start - 1].lower_ == "in" and (e.start - 2) in election
            if opens or owner or place:
                found.append(code)
        return found[0] if len(set(found)) == 1 else None

    def _other_cycle(self, s: int) -> bool:
        """The sentence is about another election cycle: a phrase saying so, or a year other than the
        story's own."""
        a, b = self.m.sents[s]
        words = " ".join(t.lower_ for t in self.doc[a:b])
        if any(re.search(r"\b" + re.escape(p) + r"\b", words) for p in _cues("other_cycle_phrases")):
            return True
        year = self._cycle_year
        return year is not None and any(a <= i < b and y != year for i, y in self._year_tokens)

    @cached_property
    def _surnames(self) -> set[str]:
        """Surnames of people named in full ("Peduto" is no city when Bill Peduto is in the story)."""
        return {p.surname for p in self.m.people if len(p.tokens) >= 2}

    def _constituency_in(self, s: int) -> Optional[str]:
        """The constituency or riding a sentence names: "the North Shropshire by-election", "the riding of
        X", "held Portage–Lisgar", "voters in Winnipeg South Centre", "MP for Hartlepool"."""
        doc = self.doc
        a, b = self.m.sents[s]
        nouns, of_nouns, verbs = _cues("constituency_nouns"), _cues("constituency_of"), _cues("constituency_verbs")
        if doc[a].lower_ == "in" and a + 1 < b:
            # "In Mid Bedfordshire, which had returned ...", "In Tamworth, in Staffordshire, ..."
            span = self._place_span(a + 1)
            if span and span[1] < b and doc[span[1]].text == ",":
                return doc[span[0]:span[1]].text
        for t in doc[a:b]:
            low = t.lower_
            if low in nouns and t.i > a:
                place = self._place_run(t.i - 1, backwards=True)
                if place:
                    return place
            # "the Northfield East by-election": the tokenizer's "by", "-", "election"
            if low in ("election", "elections") and t.i - 3 >= a and doc[t.i - 1].text == "-" and \
                    doc[t.i - 2].lower_ == "by" and f"by-{low}" in nouns | {"by-elections"}:
                place = self._place_run(t.i - 3, backwards=True)
                if place:
                    return place
            if low in of_nouns and t.i + 2 < b and doc[t.i + 1].lower_ == "of":
                place = self._place_run(t.i + 2)
                if place:
                    return place
            if (low in verbs and _is_verb(t)) or (low == "for" and t.i > a + 1 and doc[t.i - 1].text in ("MP", "MPs", "MPP", "MLA")
                                                  and doc[t.i - 2].lower_ not in ("former", "ex", "ex-")) \
                    or (low == "in" and t.i > a and doc[t.i - 1].lower_ in ("voters", "electors")) \
                    or (low == "in" and t.i > a and doc[t.i - 1].lower_ in _cues("constituency_in_after")):
                # ("lost his seat in Kestrel Vale", "was defeated in Brookmere")
                place = self._place_run(t.i + 1)
                if place:
                    return place
        return None

    def _place_run(self, k: int, backwards: bool = False) -> Optional[str]:
        """A run of capitalised words joined by dashes, "and", "St." or "'s" starting (or ending) at token
        ``k`` that names a place, not a person, party, office or date."""
        span = self._place_span(k, backwards)
        return self.doc[span[0]:span[1]].text if span else None

    def _place_span(self, k: int, backwards: bool = False) -> Optional[tuple[int, int]]:
        """The token span of ``_place_run``."""
        doc = self.doc
        s = self.tok2sent[k]
        a, b = self.m.sents[s]
        joins = {"–", "-", "—", "and", "'s", "’s", "de", "du", "la", "des", "upon", "on", "under", "of"}

        def ok(t) -> bool:
            # (a mention the NER calls a place is one: "Chipping Barnet" read as a name)
            return t.is_title and t.tag_ in ("NNP", "NNPS") and (t.i not in self.person_at or t.ent_type_ in ("GPE", "LOC", "FAC")) and \
                t.ent_type_ not in ("DATE", "TIME", "PERSON", "NORP", "CARDINAL", "ORDINAL") and \
                t.lower_ not in _NOT_PLACE and t.lower_ not in word_set("names", "titles") and \
                not any(c.label in ("PARTY", "OFFICE") and c.start <= t.i < c.end for c in self.by_sent.get(s, []))
        step = -1 if backwards else 1
        i, words, last_word = k, 0, None
        while a <= i < b and words < 6:
            t = doc[i]
            # ("Bethnal Green", "Golders Green": a party's word closing a place's name)
            if ok(t) or (words and t.lower_ in _cues("place_closing_words") and t.is_title and not backwards):
                words += 1
                last_word = i
            elif not (t.lower_ in joins or t.text in ("St.", "St")) or words == 0:
                break
            i += step
        if last_word is None:
            return None
        lo, hi = (last_word, k) if backwards else (k, last_word)
        text = doc[lo:hi + 1].text
        if normalize_state(text) is not None or text.lower() in _COUNTRY_WORDS:
            return None
        return lo, hi + 1

    def _gpe_state(self, ent_end: int) -> Optional[str]:
        """A state written right after a place: "Santa Ana (CA)", "Laredo, Texas", "Anaheim, Calif."."""
        doc = self.doc
        if ent_end + 2 < len(doc) and doc[ent_end].text == "(" and doc[ent_end + 2].text == ")":
            return normalize_state(doc[ent_end + 1].text)
        if ent_end + 1 < len(doc) and doc[ent_end].text == ",":
            return normalize_state(doc[ent_end + 1].text)
        return None

    def _jurisdiction_in(self, s: int) -> Optional[tuple[str, Optional[str]]]:
        found = self._jurisdiction_found(s)
        return _placed(*found) if found else None

    def _jurisdiction_found(self, s: int) -> Optional[tuple[str, Optional[str]]]:
        """The city or county a local contest in this sentence is for: "mayor of X", "X mayoral",
        "In X, ...", "X, where ..."; the state written beside it when there is one."""
        doc = self.doc
        a, b = self.m.sents[s]
        if self._heading(s):
            # a heading that is a place and nothing else ("Ridge County"): the section's jurisdiction
            words = [t for t in doc[a:b] if not t.is_space and not t.is_punct]
            place = self._place_ending_at(words[-1].i) if words else None
            if len(words) >= 2 and words[-1].lower_ in ("county", "parish") and words[-1].is_title:
                head = self._place_ending_at(words[-2].i)
                place = f"{head} {words[-1].text}" if head else None
            if place and len(place.split()) == len(words) and normalize_state(place) is None and \
                    place.lower() not in _COUNTRY_WORDS and (doc[words[-1].i].lower_ in ("county", "parish") or any(
                        e.label_ == "GPE" and e.start == words[0].i and e.end == words[-1].i + 1 for e in doc.ents)
                        or place in load("us_cities")["cities"]):
                return place, self._gpe_state(words[-1].i + 1)
        # "BOSTON: City Councilor Michelle Wu beat ...": a roundup's section label
        colon = next((t.i for t in doc[a:min(a + 4, b)] if t.text == ":"), None)
        if colon and colon > a and all(t.is_upper and t.is_alpha for t in doc[a:colon]):
            place = " ".join(t.text.title() for t in doc[a:colon])
            state = load("us_cities")["cities"].get(place)
            if state or any(e.label_ == "GPE" and e.start == a for e in doc.ents):
                return place, state
        # "In Oakland, ..." / "At Brookfield, ..." / "Anaheim, where ..." at the start of the sentence
        k = a + 1 if doc[a].lower_ in ("in", "at") else a
        j = k
        while j < b and j - k < 3 and doc[j].is_title and doc[j].tag_ in ("NNP", "NNPS") and j not in self.person_at:
            j += 1
        if j > k and j < b and doc[j].text == "," and (doc[a].lower_ in ("in", "at") or (j + 1 < b and doc[j + 1].lower_ == "where")):
            place = self._place_ending_at(j - 1)
            if place:
                return place, self._gpe_state(j)
        titles = word_set("names", "titles")
        # not a country ("U.S. Rep. Sheila Jackson Lee") nor a place that is part of a title ("Brooklyn Borough
        # President Eric Adams")
        cities = load("us_cities")["cities"]
        # (a known city the NER took for a person or an organisation: "Austin", "Orlando")
        gpes = [e for e in self._ents_by_sent.get(s, ()) if (e.label_ == "GPE" or (e.text in cities and e.start not in self.person_at))
                and not self.in_quote[e.start]
                and normalize_state(e.text) is None and e.text.lower().strip(".") not in _COUNTRY_WORDS
                and not (e.end < b and (doc[e.end].lower_ in titles or (doc[e.end].is_title and
                                                                        doc[e.end].lower_ in word_set("names", "post_bodies")))
                         # ("the Millbrook mayor's race": the place's office, no person's title)
                         and not (e.end + 1 < b and doc[e.end + 1].lower_ in ("'s", "’s", "race", "contest", "seat")))
                and fold(e.text) not in self._surnames]
        if not gpes:
            return None
        local = [c for c in self.sent_cues(s, "OFFICE") if c.value in _LOCAL]
        for e in gpes:
            for c in local:
                if 0 <= c.start - e.end <= 3 or 0 <= e.start - c.end <= 2:
                    return e.text, self._gpe_state(e.end)
        first = gpes[0]
        if len(gpes) == 1 and local:
            return first.text, self._gpe_state(first.end)
        return None

    @cached_property
    def _ents_by_sent(self) -> dict[int, list]:
        out: dict[int, list] = defaultdict(list)
        for e in self.doc.ents:
            out[self.tok2sent[e.start]].append(e)
        return out

    @cached_property
    def _person_jurisdictions(self) -> dict[int, tuple[str, Optional[str]]]:
        """"Santa Ana (CA) Mayor Miguel Pulido", "Laredo Mayor Raul Salins": a local title with its place."""
        doc = self.doc
        out: dict[int, tuple[str, Optional[str]]] = {}
        titles = set(_cues("local_titles"))
        for pi, p in enumerate(self.m.people):
            for mm in p.mentions:
                k = mm.start - 1
                if k < 1:
                    continue
                if doc[k].lower_ in ("mayor", "mayor-elect"):
                    k -= 1
                    if k >= 1 and doc[k].lower_ in ("vice", "deputy"):
                        k -= 1  # "Springfield Vice Mayor X": still Springfield's
                    state = None
                    if doc[k].text == ")" and k >= 3 and doc[k - 2].text == "(":
                        state = normalize_state(doc[k - 1].text)
                        k -= 3
                    place = self._place_ending_at(k)
                    if place:
                        out.setdefault(pi, _placed(place, state))
                        break
                    continue
                # "Sacramento District Attorney Anne-Marie Schubert", "San Diego's Summer Stephan": a county
                # or city before a local title or owning the name (a known place: an entity or a vocabulary's)
                j = k
                while j > 0 and k - j < 4 and doc[j].lower_ in titles:
                    j -= 1
                owned = doc[j].lower_ in ("'s", "’s")
                if j == k and not owned:
                    continue
                end = j - 1 if owned else j
                place = self._place_ending_at(end) if end >= 0 else None
                if not place:
                    continue
                a = end - len(place.split()) + 1
                known = any(e.label_ == "GPE" and e.start <= a and end < e.end for e in doc.ents) or \
                    place in load("us_cities")["cities"] or doc[end].lower_ in ("county", "parish")
                if known:
                    out.setdefault(pi, _placed(place, None))
                    break
        return out

    def _place_ending_at(self, k: int) -> Optional[str]:
        """A capitalised place name of one to three words ending at token ``k`` (the NER often calls a
        small city an ORG or a PERSON, so the words themselves are read)."""
        doc = self.doc
        start = k
        while start >= 0 and k - start < 3 and doc[start].is_title and doc[start].tag_ in ("NNP", "NNPS") \
                and start not in self.person_at and doc[start].lower_ not in _NOT_PLACE \
                and doc[start].lower_ not in word_set("names", "roles"):
            start -= 1
        start += 1
        if start > k:
            return None
        text = doc[start:k + 1].text
        return text if normalize_state(text) is None else None

    def office_cue_counts(self, c: Cue, main_kind: str) -> bool:
        """Does this office phrase name a contest? Not when it is the post a predecessor left for
        ("resigned after the governor appointed him attorney general"), nor in a sentence that is
        not about the election."""
        if c.sent in self._background_sents or self._past_relative(c.start):
            return False  # "Trump forced him out as attorney general the day after the 2018 midterm elections"
        if self.title_cue(c):
            return True  # only "incumbent <title>" titles are office cues at all (``_office_cues``)
        if self._describes_person(c):
            return False
        if c.value == main_kind:
            return True
        if any(v.label in ("VACANCY", "SUCCESSION") and v.end <= c.start for v in self.sent_cues(c.sent)):
            return False
        labels = {v.label for v in self.sent_cues(c.sent)}
        return c.sent in self._headline_sents or self._heading(c.sent) or bool(
            labels & {"PCT", "VOTES", "WIN", "LOSE", "ADVANCE", "CAND_CUE", "ELECTION", "DISTRICT", "STAGE"})

    def _is_agency(self, c: Cue) -> bool:
        """"the secretary of state's office", "the sheriff's department": an agency, not a contest."""
        nxt = [t.lower_ for t in self.doc[c.end:min(c.end + 2, len(self.doc))]]
        return bool(nxt) and (nxt[0] in ("office", "department", "agency") or nxt[:2] in (["'s", "office"], ["’s", "office"]))

    def _describes_person(self, c: Cue) -> bool:
        """"Mo Brooks from the state's 1st Congressional District", "Gomez, whose state Assembly district
        overlaps ...": an office phrase hanging off a person's name describes that person."""
        tok = self.doc[c.start:c.end].root
        for _ in range(3):
            if tok.head.i == tok.i:
                return False
            tok = tok.head
            if tok.i in self.person_at:
                return True
            if _is_verb(tok) and tok.dep_ not in ("relcl",):
                return False
        return False

    def person_offices(self) -> dict[int, str]:
        return self._person_offices

    @cached_property
    def _person_offices(self) -> dict[int, str]:
        """Office kinds tied to people by the words around them: a clause that names one office and
        the people in it ("Murray, Vance advance ... for U.S. Senate; Inslee, Bryant move on in race for
        governor"), else a title that names the seat ("U.S. Sen. Patty Murray", "Gov. Jay Inslee")."""
        out: dict[int, str] = {}
        background = self._background_sents
        doc = self.doc
        offices = self._office_cues
        for s in range(self.n_sents):
            if s in background:
                continue
            labels = {v.label for v in self.sent_cues(s)}
            if not labels & {"PCT", "VOTES", "WIN", "LOSE", "ADVANCE", "CAND_CUE", "STAGE"}:
                continue
            a, b = self.m.sents[s]
            cuts = [a] + [t.i + 1 for t in doc[a:b] if t.text in (";", ":", "—", "–") or
                          (t.text == "," and t.i + 1 < b and doc[t.i + 1].lower_ in ("while", "whereas", "but"))] + [b]
            for x, y in zip(cuts, cuts[1:]):
                # (an office in a relative clause is someone's past: "who has run unsuccessfully for mayor")
                kinds = {c.value for c in offices if x <= c.start < y and not self.in_quote[c.start]
                         and not self._describes_person(c) and not self._past_relative(c.start)}
                if len(kinds) != 1:
                    continue
                kind = kinds.pop()
                for pi, mm in self.mentions_in(x, y):
                    out.setdefault(pi, kind)
        # "incumbent Lt. Gov. David Dewhurst and Congressman Ralph Hall were defeated": the seat they defend
        for c in self.m.cues:
            if c.label == "OFFICE" and self.title_cue(c) and c.start and \
                    self.doc[c.start - 1].lower_ in ("incumbent", "sitting") and c.sent not in background:
                k = c.end
                while k < len(doc) and k not in self.person_at and k < c.end + 3:
                    k += 1
                if k in self.person_at:
                    out.setdefault(self.person_at[k][0], c.value)
        # a title ties a person to an office only when that office is contested in the article ("U.S. Rep.
        # Mo Brooks" is running for the Senate in a Senate story)
        contested = {c.value for c in offices if not self._describes_person(c)}
        seat_titles = load("cues")["seat_titles"]
        self._title_offices: set[int] = set()
        self._title_seat: dict[int, str] = {}  # the seat a title names, contested in the story or not
        for pi, p in enumerate(self.m.people):
            if pi in out:
                continue
            for mm in p.mentions:
                window = [t.lower_ for t in doc[max(mm.start - 3, 0):mm.start]]
                if not window or "former" in window or "state" in window:
                    continue
                if window[-1] in ("sen.", "senator") and len(window) > 1 and window[-2] in ("u.s.", "us"):
                    out[pi] = "us_senate"
                elif window[-1] in ("rep.", "representative", "congressman", "congresswoman") and len(window) > 1 and window[-2] in ("u.s.", "us"):
                    out[pi] = "us_house"
                elif window[-1] in ("gov.", "governor") and (len(window) < 2 or window[-2] not in ("lt.", "lt", "lieutenant")):
                    out[pi] = "governor"
                else:
                    # "Attorney General Mark R. Herring", "Lt. Gov. Justin Fairfax", "Secretary of State X"
                    for kind in _TITLED_SEATS:
                        if self._ends_with_title(self._words_before(mm), seat_titles.get(kind, [])):
                            out[pi] = kind
                            break
                if pi in out:
                    self._title_seat[pi] = out[pi]
                if pi in out and (out[pi] not in contested or out[pi] != self._main_kind):
                    del out[pi]
                if pi in out:
                    self._title_offices.add(pi)
                    break
        return out

    def _pick_kind(self, kinds: list[str], main_kind: str) -> str:
        if main_kind in kinds:
            return main_kind
        return Counter(kinds).most_common(1)[0][0]

    def _district_near(self, cue: Cue, dists: list[Cue]) -> Optional[str]:
        if not dists:
            return None
        best = min(dists, key=lambda d: abs(d.start - cue.start))
        return _district_value(best)

    def _state_near_cue(self, cue: Cue) -> Optional[str]:
        """The state named next to an office phrase ("Ohio's 12th District", "U.S. Senate in Montana")."""
        near = [c for c in self.sent_cues(cue.sent, "STATE") if self._state_cue_ok(c) and
                (cue.start - 4 <= c.end <= cue.start or cue.end <= c.start <= cue.end + 3)]
        return near[0].value if near else None

    def _state_near(self, s: int) -> Optional[str]:
        return self.state_of_sentence(s)

    def main_office(self) -> Optional[OfficeCtx]:
        """The office the article is about (read once; a fresh copy each call, as drafts may fill it in)."""
        main = self._main_office
        return dataclasses.replace(main, evidence=list(main.evidence)) if main is not None else None

    @cached_property
    def _main_office(self) -> Optional[OfficeCtx]:
        heads = self._headline_sents
        scores: Counter = Counter()
        first: dict[str, Cue] = {}
        background = self._background_sents
        for c in self._office_cues:
            if self.in_quote[c.start] or c.sent in background:
                continue
            w = 3 if c.sent in heads else (2 if c.sent < 4 else 1)
            scores[c.value] += w
            first.setdefault(c.value, c)
        if not scores:
            return None
        kind = scores.most_common(1)[0][0]
        cue = first[kind]
        district = None
        if kind in _DISTRICTED:
            dcount: Counter = Counter()
            for c in self.m.cues:
                if c.label == "DISTRICT" and not self.in_quote[c.start]:
                    d = _district_value(c)
                    if d:
                        dcount[d] += 1
            if len(dcount) == 1:
                district = next(iter(dcount))
        country = self._country
        state = self._article_state if country == "US" else None
        if kind in ("national_legislature",) and country == "US":
            kind = "us_house"
        if country != "US":
            kind = load("cues")["foreign_office"].get(kind, kind)
        return OfficeCtx(kind, district, state, None, [self.ev_cue("office.kind", cue)])

    def _office_at(self, s: int) -> Optional[str]:
        return self._office_ctx[s].kind if getattr(self, "_office_ctx", None) else None
