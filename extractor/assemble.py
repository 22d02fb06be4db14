"""Stage 4: mentions -> races.

Takes the people and cues of one doc (``mentions.collect``) and decides which contests the article
reports, who ran in each, with what share, count and outcome, who held the seat before, and when the
vote was. Every value keeps the character span it came from and the rule that read it.

The guiding rule is the newsroom's: a wrong fact is worse than a missing one. A value is emitted
only when a rule ties it to its words; otherwise it stays ``None``.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Optional

from spacy.tokens import Doc, Token

from models.normalize import fold, normalize_district, normalize_party, normalize_state, parse_percent, parse_votes
from .dates import resolve_date
from .lexicons import load, word_set
from .listings import Context as ListingContext, add_listings
from .mentions import Cue, Mention, Mentions, Person
from .rules import key_of

_MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                             "september", "october", "november", "december"))}
_MANY_POSTS = {"state_executive_other", "other_local", "judicial", "county_legislature"}
STAGE_ORDER = {"primary": 0, "general": 1, "runoff": 2, "recall": 1}


def _cues(key: str) -> frozenset[str]:
    return word_set("cues", key)


@dataclass
class Ev:
    field: str
    start: int
    end: int
    text: str
    rule: str

    def as_dict(self, prefix: str = "") -> dict:
        return {"field": prefix + self.field, "start": self.start, "end": self.end, "text": self.text, "rule": self.rule}


@dataclass
class OfficeCtx:
    kind: str
    district: Optional[str] = None
    state: Optional[str] = None
    jurisdiction: Optional[str] = None
    evidence: list[Ev] = field(default_factory=list)

    @property
    def post(self) -> Optional[str]:
        """The post among many of one kind ("railroad commissioner", "commissioner of agriculture"), read
        from the office phrase; None for kinds that name one post."""
        if self.kind not in _MANY_POSTS:
            return None
        ev = next((e for e in self.evidence if e.field == "office.kind"), None)
        if ev is None:
            return None
        words = {w for w in re.findall(r"[a-z]+", ev.text.lower()) if w not in ("of", "the", "for", "state", "s")}
        return " ".join(sorted(words)) or None

    @property
    def key(self) -> tuple:
        return (self.kind, self.district, self.state, self.jurisdiction, self.post)


@dataclass
class CandFacts:
    person: int
    pct: Optional[float] = None
    votes: Optional[int] = None
    outcome: Optional[str] = None
    incumbent: Optional[bool] = None
    evidence: list[Ev] = field(default_factory=list)
    first_sent: int = 10**9
    sents: set = field(default_factory=set)


@dataclass
class RaceDraft:
    office: OfficeCtx
    stage: str
    party_primary: Optional[str]
    cands: dict[int, CandFacts] = field(default_factory=dict)
    sents: set = field(default_factory=set)
    undecided: bool = False
    special: bool = False
    date: Optional[dt.date] = None
    evidence: list[Ev] = field(default_factory=list)
    predecessor: Optional[dict] = None

    def cand(self, person: int, sent: int) -> CandFacts:
        c = self.cands.get(person)
        if c is None:
            c = self.cands[person] = CandFacts(person)
        c.first_sent = min(c.first_sent, sent)
        c.sents.add(sent)
        self.sents.add(sent)
        return c


@dataclass
class Assembly:
    kind: str
    races: list[dict]
    published: Optional[dt.date]
    warnings: list[str] = field(default_factory=list)


class Assembler:
    def __init__(self, doc: Doc, m: Mentions, published: Optional[dt.date] = None):
        self.doc, self.m, self.published = doc, m, published
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

    # ------------------------------------------------------------------ helpers
    def _quotes(self) -> list[bool]:
        inside, out = False, []
        prev_para = -1
        for tok in self.doc:
            s = self.tok2sent[tok.i]
            para = self.m.paragraphs[s] if s < len(self.m.paragraphs) else 0
            if para != prev_para:
                inside, prev_para = False, para
            if tok.text in ("“", "«"):
                inside = True
                out.append(True)
                continue
            if tok.text in ("”", "»"):
                out.append(True)
                inside = False
                continue
            if tok.text == '"' or tok.text == "''" or tok.text == "``":
                inside = not inside
                out.append(True)
                continue
            out.append(inside)
        return out

    def ev(self, field_: str, start_tok: int, end_tok: int, rule: str) -> Ev:
        sp = self.doc[start_tok:end_tok]
        return Ev(field_, sp.start_char, sp.end_char, sp.text, rule)

    def ev_cue(self, field_: str, c: Cue) -> Ev:
        return Ev(field_, c.start_char, c.end_char, c.text, c.rule)

    def ev_mention(self, field_: str, mm: Mention, rule: str) -> Ev:
        return Ev(field_, mm.start_char, mm.end_char, mm.text, rule)

    def sent_cues(self, s: int, *labels: str) -> list[Cue]:
        key = (s, labels)
        hit = self._sent_cue_cache.get(key)
        if hit is None:
            hit = self._sent_cue_cache[key] = [c for c in self.by_sent.get(s, []) if not labels or c.label in labels]
        return list(hit)

    def mentions_in(self, start: int, end: int) -> list[tuple[int, Mention]]:
        """People mentioned between two token offsets, in text order (a bisect, not a token scan)."""
        lo = bisect.bisect_left(self._mention_starts, start)
        hi = bisect.bisect_left(self._mention_starts, end)
        return [self._mention_list[i] for i in range(lo, hi)]

    def sent_mentions(self, s: int) -> list[tuple[int, Mention]]:
        a, b = self.m.sents[s]
        return self.mentions_in(a, b)

    # ------------------------------------------------------------------ article context
    @cached_property
    def _headline_sents(self) -> set[int]:
        return {i for i in range(self.n_sents) if self.m.paragraphs[i] == 0}

    @cached_property
    def _cycle_year(self) -> Optional[int]:
        if self.published:
            return self.published.year
        years = [y for _, y in self._year_tokens]
        return max(years) if years else None

    @cached_property
    def _year_tokens(self) -> list[tuple[int, int]]:
        """(token index, year) of every four-digit year inside a DATE entity."""
        out = []
        for t in self.doc:
            if t.ent_type_ in ("", "DATE", "EVENT") and t.tag_ == "CD" and _YEAR_RE.fullmatch(t.text):
                out.append((t.i, int(t.text)))
        return out

    @cached_property
    def _background_sents(self) -> set[int]:
        """Sentences about an earlier cycle ("In the 2021 general election, ...")."""
        year = self._cycle_year
        out = set()
        for i, (a, b) in enumerate(self.m.sents):
            words = [t.text for t in self.doc[a:min(a + 3, b)]]
            yr = next((w for w in words if _YEAR_RE.fullmatch(w)), None)
            if words and words[0].lower() == "in" and yr and (self.published is None or int(yr) < self.published.year):
                out.add(i)
        if year is None:
            return out
        for i, y in self._year_tokens:
            if y < year and self._subordinate_head(i, modifiers=True) is None and not self._names_a_thing(i):
                out.add(self.tok2sent[i])
        return out

    def _names_a_thing(self, i: int) -> bool:
        """"the party's 2017 nominee", "a rematch of their 2010 race": a year that only qualifies a noun
        leaves the sentence's own news alone -- unless it dates the clause ("won ... in the 2008
        presidential election")."""
        tok = self.doc[i]
        if tok.dep_ not in ("nummod", "compound", "nmod", "amod", "poss") or not tok.head.tag_.startswith("NN"):
            return False
        noun = tok.head
        for _ in range(4):  # "a December 2017 special election": up to the head of the noun phrase
            if noun.dep_ in ("compound", "nmod", "amod", "nummod") and noun.head.tag_.startswith("NN"):
                noun = noun.head
        temporal = noun.dep_ == "pobj" and noun.head.lower_ in ("in", "during", "since", "at", "after", "before",
                                                               "following")
        return not temporal

    @cached_property
    def _past_tokens(self) -> set[int]:
        """Tokens of a subordinate clause about an earlier year ("Wenstrup, who unsuccessfully ran for
        Cincinnati mayor in 2009, defeated Schmidt ..."): that clause is background, the rest is not."""
        year = self._cycle_year
        out: set[int] = set()
        if year is None:
            return out
        for i, y in self._year_tokens:
            head = self._subordinate_head(i, modifiers=True) if y < year else None
            if head is not None:
                out.update(t.i for t in head.subtree)
        return out

    def _past_year_before(self, c: Cue) -> bool:
        """"the 2008 presidential election", "the 2016 Senate race": an office of an earlier cycle."""
        year = self._cycle_year
        return year is not None and any(
            _YEAR_RE.fullmatch(t.text) and int(t.text) < year for t in self.doc[max(c.start - 3, 0):c.start])

    def _past_relative(self, i: int) -> bool:
        """Inside a relative clause told in the past ("a former alderman who has run unsuccessfully for
        mayor"); "who is running for mayor" is the present contest."""
        head = self._subordinate_head(i)
        return head is not None and head.tag_ in ("VBD", "VBN")

    def _subordinate_head(self, i: int, modifiers: bool = False) -> Optional[Token]:
        """The head of the relative clause a token sits in, if any; with ``modifiers``, also of a participle
        or apposition hanging off a noun ("an environmental consultant first elected in 2018"): a year
        there dates that modifier only, not the sentence's own news."""
        tok = self.doc[i]
        for _ in range(20):
            if tok.dep_ == "relcl" or (modifiers and tok.dep_ in ("acl", "appos") and tok.head.tag_.startswith("NN")):
                return tok
            if tok.head.i == tok.i:
                return None
            tok = tok.head
        return None

    def _words_before(self, mm: Mention) -> list[str]:
        """The three words before a mention, stops left out ("incumbent Lt. Gov. David Dewhurst" is
        "incumbent", "lt", "gov."): where titles and "former" are read."""
        return [t.lower_ for t in self.doc[max(mm.start - 5, 0):mm.start] if t.text != "."][-3:]

    @staticmethod
    def _ends_with_title(window: list[str], titles) -> bool:
        tail = " " + " ".join(window)
        return any(tail.endswith(" " + t) for t in titles)

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
        # "the Kentucky House of Representatives": a state's own chamber ("the Texas Senate race" is not:
        # news calls a state's U.S. Senate race that too)
        states_end = {c.end for c in self.m.cues if c.label == "STATE" and not c.text.lower().startswith(("u.s", "us"))}
        out = [Cue(c.label, "state_house", c.rule, c.start, c.end, c.start_char, c.end_char, c.text, c.sent)
               if c.value == "us_house" and c.start in states_end and c.text.lower().startswith("house of representatives")
               else c for c in out]
        kinds = {c.value for c in out}
        left_for = {c.sent for c in self.m.cues if c.label in ("VACANCY", "SUCCESSION")}
        # a bare "Senate" / "House" in a story about a state legislature is that legislature's, unless the
        # story names the federal chamber itself ("U.S. Senate", "congressional seat" for the House)
        for generic, state in (("us_senate", "state_senate"), ("us_house", "state_house")):
            federal = any(c.value == generic and c.sent not in left_for and (
                c.text.lower().startswith(("u.s.", "us ", "united states")) or "congress" in c.text.lower()) for c in out)
            if state in kinds and generic in kinds and not federal:
                out = [Cue(c.label, state, c.rule, c.start, c.end, c.start_char, c.end_char, c.text, c.sent)
                       if c.value == generic else c for c in out]
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

    @cached_property
    def _country(self) -> str:
        text = self.doc.text
        if any(c.label == "STATE" and self._state_cue_ok(c) for c in self.m.cues):
            return "US"
        heads = self._headline_sents
        head_text = " ".join(self.doc[self.m.sents[s][0]:self.m.sents[s][1]].text for s in heads)
        scores: Counter = Counter()
        for code, pattern in _country_patterns().items():
            n = len(pattern.findall(text)) + 2 * len(pattern.findall(head_text))
            if n:
                scores[code] += n
        return scores.most_common(1)[0][0] if scores else "US"

    def article_context(self) -> ListingContext:
        """The office, state, country and round the article as a whole reports (for contests told in lists)."""
        main = self.main_office()
        opening = self._headline_sents | set(range(min(3, self.n_sents)))
        special = any(c.label == "SPECIAL" and c.sent in opening for c in self.m.cues)
        return ListingContext(main.kind if main else None, self._article_state if self._country == "US" else None,
                              self._country, self.main_stage()[0], special)

    # ------------------------------------------------------------------ stages
    def main_stage(self) -> tuple[str, Optional[Cue]]:
        heads = self._headline_sents
        order = sorted(heads) + [s for s in range(self.n_sents) if s not in heads][:2]
        strong = [c for s in order for c in self.sent_cues(s, "STAGE", "TOPTWO") if not self._weak_stage(c)]
        for s in order:
            for c in self.sent_cues(s, "STAGE", "TOPTWO"):
                if self._weak_stage(c) and strong:
                    continue
                v = "primary" if c.label == "TOPTWO" else c.value
                if v == "runoff" and self._advancing_to(c, meeting=True):
                    # "Moore, Strange advance to runoff": the article reports the round before it
                    party = any(p.label == "PARTY" and self._party_primary_cue(p) for p in self.m.cues)
                    return ("primary" if party else "general"), c
                if v == "recall" and any(x.label == "SPECIAL" and "election" in x.text.lower() for x in self.m.cues):
                    continue  # "recall contest" for a by-election a recall petition forced: the by-election
                if v in ("primary", "general", "runoff", "recall"):
                    return v, c
        return "general", None

    @staticmethod
    def _weak_stage(c: Cue) -> bool:
        """A nomination can be won in a primary or its runoff: it names no round by itself."""
        return "nomination" in key_of(c.rule) or key_of(c.rule) in ("nod",)

    def _advancing_to(self, c: Cue, meeting: bool = False) -> bool:
        """"advance to (the) runoff", "head to a runoff", "forced into a runoff", "sending both through to
        the second round"; with ``meeting``, also "will meet / face ... in a runoff"."""
        before = [t.lower_ for t in self.doc[max(c.start - 6, 0):c.start]]
        words = _ADVANCING_WORDS | ({"meet", "face", "faces"} if meeting else set())
        return any(w in before for w in words)

    def party_at(self, s: int, at: int) -> Optional[str]:
        """With two parties' primaries named in one sentence ("Moore, Strange advance to Republican runoff,
        while Jones wins Democratic primary"), a fact belongs to the one named nearest after or before it
        within its clause."""
        cues = [c for c in self.sent_cues(s, "PARTY") if self._party_primary_cue(c)]
        if cues and len({self._segment(c.start) for c in cues} | {self._segment(at)}) > 1:
            # "Wagner wins GOP nod to face Wolf; ... ; Fetterman ousts Stack": only the party of its own clause
            own = [c for c in cues if self._segment(c.start) == self._segment(at)]
            if not own:
                return ""
            cues = own
        if len({c.value for c in cues}) < 2:
            return None
        return min(cues, key=lambda c: abs(c.start - at)).value

    def stage_at(self, s: int, at: int, main: str, party_article: bool) -> Optional[str]:
        """With two stages named in one sentence ("who lost to Patrick in the March 4 primary, landed 34.92
        percent in yesterday's runoff"), a fact belongs to the stage named nearest to it."""
        cues = [c for c in self.sent_cues(s, "STAGE", "TOPTWO") if not self.in_quote[c.start] and not self._indefinite(c)]
        vals = {("primary" if c.label == "TOPTWO" else c.value) for c in cues}
        if len(vals) < 2:
            return None
        # the round named in the figure's own clause ("landed 261,313 votes ... in yesterday's runoff") wins
        # over a nearer one in a clause about something else ("who lost ... in the March 4 primary,")
        verb = _clause_verb(self.doc[at])
        same = [c for c in cues if verb is not None and getattr(_clause_verb(self.doc[c.start]), "i", -1) == verb.i]
        c = min(same or cues, key=lambda c: abs(c.start - at))
        v = "primary" if c.label == "TOPTWO" else c.value
        return self.resolve_earlier(main, party_article) if v == "earlier" else v

    @cached_property
    def _nonpartisan_article(self) -> bool:
        """"The non-partisan contests in Senate District 24 ...": the article calls its contests nonpartisan."""
        return bool(_NONPARTISAN_RE.search(self.doc.text))

    def _indefinite(self, c: Cue) -> bool:
        """"a GOP primary", "a runoff": a kind of contest, not the one being reported -- unless people
        are meeting in it ("Moore and Strange will face off in a runoff election Sept. 26")."""
        prev = [t.lower_ for t in self.doc[max(c.start - 3, 0):c.start]]
        if c.value == "runoff" and self._advancing_to(c):
            return False  # "came down to a runoff", "forced a runoff": the round before it is being told
        if prev[-2:] in (["in", "a"], ["in", "an"]) and any(
                x.label == "ADVANCE" and key_of(x.rule).startswith("will-face") and x.end <= c.start
                for x in self.sent_cues(c.sent)):
            return False
        prev = prev[-2:]
        return bool(prev) and (prev[-1] in ("a", "an") or (len(prev) > 1 and prev[-2] in ("a", "an") and
                                                           self.doc[c.start - 1].ent_type_ in ("NORP", "ORG")))

    def _winner_of(self, c: Cue) -> bool:
        """"The winner of the GOP runoff will take on ...": the sentence is about the round after."""
        prev = [t.lower_ for t in self.doc[max(c.start - 6, 0):c.start]]
        return "winner" in prev and "of" in prev[prev.index("winner"):]

    def resolve_earlier(self, main: str, party_article: bool) -> str:
        if main == "runoff":
            return "primary" if party_article else "general"
        return "primary"

    def _carried_future_runoff(self, stage_ctx: list[str]) -> set[int]:
        """Sentences whose runoff context was carried from an earlier sentence that announced the runoff as
        still to come ("will face Y in a run-off", "headed to a runoff") and that name no runoff themselves."""
        out: set[int] = set()
        ahead = False
        for s in range(self.n_sents):
            own = [c for c in self.sent_cues(s, "STAGE", "ADVANCE") if (c.label == "STAGE" and c.value == "runoff")
                   or (c.label == "ADVANCE" and "runoff" in key_of(c.rule))]
            if own:
                ahead = all(c.label == "ADVANCE" or self._advancing_to(c, meeting=True) for c in own)
                continue
            if stage_ctx[s] == "runoff" and ahead:
                out.add(s)
            elif stage_ctx[s] != "runoff":
                ahead = False
        return out

    def stage_contexts(self, main: str, party_article: bool) -> list[str]:
        ctx, prev_para, cur = [], -1, main
        result_sents = {c.sent for c in self.m.cues if c.label in ("PCT", "VOTES", "WIN", "LOSE", "ADVANCE")}
        explicit_prev = False
        for s in range(self.n_sents):
            para = self.m.paragraphs[s]
            # a round named in one sentence carries to the next in its paragraph when that sentence gave
            # results or named the round outright ("The runoff capped a first round on April 23 ...
            # Macron led that contest with 24 percent")
            if para != prev_para or ((s - 1) not in result_sents and not explicit_prev):
                cur, prev_para = main, para
            vals = []
            for c in self.sent_cues(s, "STAGE", "TOPTWO"):
                if self.in_quote[c.start] or self._indefinite(c) or (self._weak_stage(c) and main == "runoff"):
                    continue
                v = "primary" if c.label == "TOPTWO" else c.value
                if v == "earlier":
                    v = self.resolve_earlier(main, party_article)
                elif v in ("primary", "runoff") and self._winner_of(c):
                    v = "general"
                elif v in ("runoff", "general") and self._advancing_to(c):
                    # "sending both through to the second round": the sentence is about the round before
                    v = self.resolve_earlier("runoff", party_article) if v == "runoff" else "primary"
                vals.append(v)
            distinct = list(dict.fromkeys(vals))
            if len(distinct) == 1:
                cur = distinct[0]
            elif len(distinct) > 1:
                others = [v for v in distinct if v != main]
                cur = others[0] if others else main
            explicit_prev = bool(distinct) and cur != main
            ctx.append(cur)
        return ctx

    # ------------------------------------------------------------------ offices
    def office_contexts(self, main: OfficeCtx) -> list[OfficeCtx]:
        ctx, cur = [], main
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
        for s in range(self.n_sents):
            if aside_of is not None:
                cur, aside_of = aside_of, None  # the aside is over: back to the contest before it
            offs = [c for c in office_by_sent.get(s, []) if not self.in_quote[c.start]]
            dists = district_by_sent.get(s, [])
            if offs:
                # "Mitt Romney carried Missouri easily in the presidential race on the same ballot": another
                # office named in passing (no result, round or district with it) holds for its sentence only
                strong = {v.label for v in self.sent_cues(s)} & {"PCT", "VOTES", "WIN", "LOSE", "ADVANCE", "STAGE",
                                                                  "DISTRICT", "SPECIAL", "UNDECIDED"}
                office_toks = {t for c in offs for t in range(c.start, c.end)}
                cand_words = [v for v in self.sent_cues(s, "CAND_CUE") if v.start not in office_toks]
                if not strong and not cand_words and self.sent_mentions(s) and s not in self._headline_sents and \
                        not self._heading(s) and s > 0 and all(c.value != cur.kind for c in offs) and \
                        all(c.value != main.kind for c in offs):
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
                state = self._state_near_cue(cue) or (cur.state if cur.kind == kind else None) or main.state
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
            if under_heading:
                self._section[s] = section
            ctx.append(cur)
        return ctx

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
            if low in of_nouns and t.i + 2 < b and doc[t.i + 1].lower_ == "of":
                place = self._place_run(t.i + 2)
                if place:
                    return place
            if (low in verbs and _is_verb(t)) or (low == "for" and t.i > a + 1 and doc[t.i - 1].text in ("MP", "MPs", "MPP", "MLA")
                                                  and doc[t.i - 2].lower_ not in ("former", "ex", "ex-")) \
                    or (low == "in" and t.i > a and doc[t.i - 1].lower_ in ("voters", "electors")):
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
            return t.is_title and t.tag_ in ("NNP", "NNPS") and t.i not in self.person_at and \
                t.ent_type_ not in ("DATE", "TIME", "PERSON", "NORP", "CARDINAL", "ORDINAL") and \
                t.lower_ not in _NOT_PLACE and t.lower_ not in word_set("names", "titles") and \
                not any(c.label in ("PARTY", "OFFICE") and c.start <= t.i < c.end for c in self.by_sent.get(s, []))
        step = -1 if backwards else 1
        i, words, last_word = k, 0, None
        while a <= i < b and words < 6:
            t = doc[i]
            if ok(t):
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
        """The city or county a local contest in this sentence is for: "mayor of X", "X mayoral",
        "In X, ...", "X, where ..."; the state written beside it when there is one."""
        doc = self.doc
        a, b = self.m.sents[s]
        # "BOSTON: City Councilor Michelle Wu beat ...": a roundup's section label
        colon = next((t.i for t in doc[a:min(a + 4, b)] if t.text == ":"), None)
        if colon and colon > a and all(t.is_upper and t.is_alpha for t in doc[a:colon]):
            place = " ".join(t.text.title() for t in doc[a:colon])
            state = load("us_cities")["cities"].get(place)
            if state or any(e.label_ == "GPE" and e.start == a for e in doc.ents):
                return place, state
        # "In Oakland, ..." / "Anaheim, where ..." at the start of the sentence
        k = a + 1 if doc[a].lower_ == "in" else a
        j = k
        while j < b and j - k < 3 and doc[j].is_title and doc[j].tag_ in ("NNP", "NNPS") and j not in self.person_at:
            j += 1
        if j > k and j < b and doc[j].text == "," and (doc[a].lower_ == "in" or (j + 1 < b and doc[j + 1].lower_ == "where")):
            place = self._place_ending_at(j - 1)
            if place:
                return place, self._gpe_state(j)
        titles = word_set("names", "titles")
        # not a country ("U.S. Rep. Sheila Jackson Lee") nor a place that is part of a title ("Brooklyn Borough
        # President Eric Adams")
        gpes = [e for e in doc.ents if e.label_ == "GPE" and a <= e.start < b and not self.in_quote[e.start]
                and normalize_state(e.text) is None and e.text.lower().strip(".") not in _COUNTRY_WORDS
                and not (e.end < b and (doc[e.end].lower_ in titles or (doc[e.end].is_title and
                                                                        doc[e.end].lower_ in word_set("names", "post_bodies"))))
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
    def _person_jurisdictions(self) -> dict[int, tuple[str, Optional[str]]]:
        """"Santa Ana (CA) Mayor Miguel Pulido", "Laredo Mayor Raul Salins": a local title with its place."""
        doc = self.doc
        out: dict[int, tuple[str, Optional[str]]] = {}
        for pi, p in enumerate(self.m.people):
            for mm in p.mentions:
                k = mm.start - 1
                if k < 1 or doc[k].lower_ not in ("mayor", "mayor-elect"):
                    continue
                k -= 1
                state = None
                if doc[k].text == ")" and k >= 3 and doc[k - 2].text == "(":
                    state = normalize_state(doc[k - 1].text)
                    k -= 3
                place = self._place_ending_at(k)
                if place:
                    out.setdefault(pi, (place, state))
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

    def _heading(self, s: int) -> bool:
        """A section heading line ("U.S. SENATE", "Senate District 24"): short, on its own line, no verb."""
        a, b = self.m.sents[s]
        words = [t for t in self.doc[a:b] if not t.is_space and not t.is_punct]
        if not words or len(words) > 6 or any(_is_verb(t) for t in words):
            return False
        return (a == 0 or "\n" in self.doc[a - 1].text_with_ws) and "\n" in self.doc[b - 1].text_with_ws + (
            self.doc[b].text if b < len(self.doc) else "\n")

    def _lead_label(self, s: int) -> bool:
        """A paragraph led by a short label and a colon ("District 3: ...", "Mayor of Austin: ..."): the
        label names the contest the paragraph reports, as a section heading does."""
        a, b = self.m.sents[s]
        if not (a == 0 or "\n" in self.doc[a - 1].text_with_ws):
            return False
        for t in self.doc[a:min(a + 8, b)]:
            if t.text == ":":
                return t.i > a and not any(_is_verb(w) for w in self.doc[a:t.i])
        return False

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

    # ------------------------------------------------------------------ parties of people
    def person_parties(self) -> dict[int, tuple[str, Ev]]:
        roles = word_set("names", "roles") | word_set("names", "titles")
        role_nouns = word_set("names", "role_nouns")
        votes: dict[int, list[tuple[str, Ev]]] = defaultdict(list)
        cues_at: dict[int, Cue] = {}
        for c in self.m.cues:
            if c.label in ("PARTY", "PARTY_TAG"):
                for t in range(c.start, c.end):
                    cues_at.setdefault(t, c)
        doc = self.doc
        bracketed = sum(1 for q in self.m.people if any(self._bracket_party(x) is not None for x in q.mentions))
        for pi, p in enumerate(self.m.people):
            for mm in p.mentions:
                # after: "(D)", "(R-Texas)", ", a Democrat", ", the Republican nominee", "D-Calif."
                t = mm.end
                if t < len(doc) and t in cues_at and cues_at[t].label == "PARTY_TAG":
                    c = cues_at[t]
                    votes[pi].append((c.value, self.ev_cue("party", c)))
                    continue
                if t + 1 < len(doc) and doc[t].text == "," and (t + 1) in cues_at and cues_at[t + 1].label == "PARTY_TAG":
                    c = cues_at[t + 1]
                    votes[pi].append((c.value, self.ev_cue("party", c)))
                    continue
                if t + 2 < len(doc) and doc[t].text == "," and doc[t + 1].lower_ in ("a", "an", "the", "fellow", "another"):
                    k = t + 2
                    while k < min(len(doc), t + 6) and k not in cues_at and (doc[k].lower_ in roles or doc[k].tag_.startswith("JJ")):
                        k += 1
                    if k in cues_at and cues_at[k].label == "PARTY" and not _party_is_org(doc, cues_at[k]):
                        c = cues_at[k]
                        votes[pi].append((c.value, self.ev_cue("party", c)))
                        continue
                # before: "Republican Troy Balderson", "Democratic challenger Danny O'Connor", "Labour's Karen Shore"
                k = mm.start - 1
                hops = 0
                while k >= 0 and hops < 5 and k not in cues_at and (doc[k].lower_ in roles or
                                                                     (doc[k].is_title and doc[k].ent_type_ in ("GPE",)) or
                                                                     # "The Tory candidate, Dr Neil Shastri-Hurst"
                                                                     (doc[k].text == "," and k and doc[k - 1].lower_ in role_nouns)):
                    k -= 1
                    hops += 1
                if k >= 0 and k in cues_at and cues_at[k].label == "PARTY" and not _party_is_org(doc, cues_at[k]):
                    c = cues_at[k]
                    if self.tok2sent[k] == mm.sent:
                        votes[pi].append((c.value, self.ev_cue("party", c)))
                        continue
                # "Andrzej Duda (Law and Justice) - 43.67%": a party named in brackets after the name, where
                # the article names two people or more so (a results list, not a place or an age)
                bracket = self._bracket_party(mm)
                if bracket is not None and bracketed >= 2:
                    votes[pi].append(bracket)
                    continue
                # "Howard Cox of Reform UK"
                if t + 1 < len(doc) and doc[t].lower_ == "of" and (t + 1) in cues_at and cues_at[t + 1].label == "PARTY" \
                        and cues_at[t + 1].start == t + 1 and not _party_is_org(doc, cues_at[t + 1]):
                    c = cues_at[t + 1]
                    votes[pi].append((c.value, self.ev_cue("party", c)))
                    continue
                # "Reform UK, whose candidate Ian Cooper won ..."
                w = [t.lower_ for t in doc[max(mm.start - 3, 0):mm.start]]
                if len(w) == 3 and w[1] == "whose" and w[2] in role_nouns and w[0] == "," and (mm.start - 4) in cues_at \
                        and cues_at[mm.start - 4].label == "PARTY":
                    c = cues_at[mm.start - 4]
                    votes[pi].append((c.value, self.ev_cue("party", c)))
                    continue
        # "The Republican spoke to reporters ...", "The Labour mayor beat ...": a party-and-role subject that
        # opens a sentence is the one the sentence before was about
        for s in range(1, self.n_sents):
            a, b = self.m.sents[s]
            if b - a < 3 or doc[a].lower_ != "the" or (a + 1) not in cues_at or cues_at[a + 1].label != "PARTY":
                continue
            c = cues_at[a + 1]
            head = doc[c.end] if c.end < b else None
            if c.text.lower().endswith("s") or (head is not None and head.lower_ not in roles and not _is_verb(head)):
                continue
            named = self.mentions_in(c.end, min(c.end + 6, b))
            if named and not any(_is_verb(t) for t in doc[c.end:named[0][1].start]):
                continue  # "The Tory candidate, Dr Neil Shastri-Hurst, ...": named on the spot
            ante = self._antecedent(s, a, anywhere=True)
            if ante is not None:
                votes[ante].append((c.value, self.ev_cue("party", c)))
            # "X and Y, both Democrats"
        for s in range(self.n_sents):
            a, b = self.m.sents[s]
            for t in range(a, b - 1):
                if doc[t].lower_ == "both" and (t + 1) in cues_at and cues_at[t + 1].label == "PARTY":
                    c = cues_at[t + 1]
                    group = [pi for pi, mm in self.mentions_in(a, t) if t - mm.end <= 12]
                    if len(group) >= 2:
                        for pi in group[-2:]:
                            votes[pi].append((c.value, self.ev_cue("party", c)))
        out = {}
        for pi, vs in votes.items():
            counts = Counter(v for v, _ in vs)
            best = counts.most_common(1)[0][0]
            out[pi] = next((v, e) for v, e in vs if v == best)
        return out

    def _named_field(self) -> list[tuple[int, int]]:
        """(sentence, person) of people a sentence lists as the field: "The candidates are A, B and C",
        "Candidates include A and B", "They are A and B" after a sentence counting candidates."""
        field_words = _cues("field_nouns")
        out = []
        for s in range(self.n_sents):
            a, b = self.m.sents[s]
            root = next((t for t in self.doc[a:b] if t.dep_ == "ROOT"), None)
            if root is None or root.lower_ not in _cues("field_verbs"):
                continue
            subj = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            named_here = any(t.lower_ in field_words for t in subj.subtree)
            after_count = subj.lower_ == "they" and s > 0 and any(
                c.label == "CAND_CUE" and c.text.lower() in field_words for c in self.sent_cues(s - 1))
            if not (named_here or after_count):
                continue
            for pi, mm in self.mentions_in(root.i + 1, b):
                out.append((s, pi))
        return out

    def _bracket_party(self, mm: Mention) -> Optional[tuple[str, Ev]]:
        """"(Colombia Justa Libres)" right after a name: two to six capitalised words, no figure, no place,
        no state code."""
        doc, t = self.doc, mm.end
        if t >= len(doc) or doc[t].text != "(":
            return None
        close = next((k for k in range(t + 1, min(t + 8, len(doc))) if doc[k].text == ")"), None)
        if close is None or close - t - 1 < 1:
            return None
        inner = doc[t + 1:close]
        words = [w for w in inner if not w.is_punct]
        if not words or not words[0].is_title or any(w.like_num for w in inner) or \
                any(w.ent_type_ in ("GPE", "LOC", "DATE", "CARDINAL") for w in inner) or \
                (len(words) == 1 and len(words[0].text) <= 2) or normalize_state(inner.text):
            return None
        if not all(w.is_title or w.is_upper or w.lower_ in ("and", "of", "the", "for", "de", "del", "la", "y")
                   for w in words):
            return None
        return normalize_party(inner.text), self.ev("party", inner.start, inner.end, "party/bracketed-name")

    # ------------------------------------------------------------------ roles in a clause
    def _verb_of(self, c: Cue) -> Token:
        span = self.doc[c.start:c.end]
        for t in span:
            if _is_verb(t) and t.dep_ != "aux":
                return t
        return span.root

    def _persons_under(self, tok: Token) -> list[tuple[int, Mention]]:
        out = []
        for t in tok.subtree:
            hit = self.person_at.get(t.i)
            if hit and hit not in out:
                out.append(hit)
        return out

    def _role_persons(self, verb: Token) -> tuple[list[int], list[int]]:
        """People who are the subject / the object of ``verb`` (coordinations included)."""
        subj, obj = [], []

        def people(tok: Token) -> list[int]:
            """The people a token and the tokens coordinated with it ("X and Y") are."""
            out, stack = [], [tok]
            while stack:
                t = stack.pop(0)
                hit = self.person_at.get(t.i)
                if hit:
                    out.append(hit[0])
                # "Three other contenders, state Rep. Juana Matias, ... and Rufus Gifford, conceded"
                stack.extend(ch for ch in t.children if ch.dep_ == "conj" or (ch.dep_ == "appos" and not hit))
                # "defeated progressive challengers like former state Rep. Aaron Regunberg"
                if not hit:
                    stack.extend(g for ch in t.children if ch.dep_ == "prep" and ch.lower_ in ("like", "including")
                                 for g in ch.children if g.dep_ == "pobj")
            return out

        def objects_of(prep: Token) -> list[int]:
            return [pi for pobj in prep.children if pobj.dep_ == "pobj" for pi in people(pobj)]

        if verb.tag_ == "IN":
            return [], list(dict.fromkeys(objects_of(verb)))
        if verb.tag_ in ("NN", "NNS") and verb.lower_ in ("win", "victory", "defeat", "loss", "concession"):
            # "confirmed Democrat Andy Beshear's win": the possessor
            owners = [pi for ch in verb.children if ch.dep_ == "poss" for pi in people(ch)]
            if owners:
                return owners, []

        for ch in verb.children:
            if ch.dep_ in ("nsubj", "nsubjpass", "csubj"):
                subj.extend(people(ch))
                if ch.lower_ in ("he", "she") and not people(ch) and verb.lower_ in ("face", "faces", "meet", "meets", "take", "takes", "challenge"):
                    # "He will face state Sen. Leticia Van De Putte ...": the subject of the sentence before
                    ante = self._antecedent(self.tok2sent[ch.i], ch.i, anywhere=True)
                    if ante is not None:
                        subj.append(ante)
            elif ch.dep_ in ("dobj", "attr", "oprd"):
                obj.extend(people(ch))
            elif ch.dep_ in ("prep", "agent") and ch.lower_ in ("over", "against", "by", "to", "with"):
                obj.extend(objects_of(ch))
        if verb.dep_ in ("conj", "advcl", "xcomp", "pcomp", "attr", "acomp") and not subj and verb.head.i != verb.i:
            return self._role_persons(verb.head)[0], obj
        if verb.dep_ in ("relcl", "acl") and not subj and not any(
                ch.dep_ in ("nsubj", "nsubjpass") and ch.lower_ not in ("who", "that", "which") for ch in verb.children):
            # ("Rishi Sunak, whose party lost hundreds of council seats": the party lost, not Sunak)
            hit = self.person_at.get(verb.head.i)
            if hit:
                subj.append(hit[0])
        return list(dict.fromkeys(subj)), list(dict.fromkeys(obj))

    def _antecedent(self, s: int, at: int, anywhere: bool = False) -> Optional[int]:
        """Who a sentence-initial "he"/"she" is: the person who is the subject of the sentence before
        (only when the pronoun opens its sentence, or ``anywhere`` in a sentence naming nobody before it,
        and that subject is unique)."""
        a, _ = self.m.sents[s]
        if s == 0 or (at - a > 1 and not anywhere) or self.mentions_in(a, at):
            return None
        pa, pb = self.m.sents[s - 1]
        subjects = []
        for pi, mm in self.mentions_in(pa, pb):
            root = self.doc[mm.start:mm.end].root
            if root.dep_ in ("nsubj", "nsubjpass") and pi not in subjects:
                subjects.append(pi)
        return subjects[0] if len(subjects) == 1 else None

    def _surface_roles(self, c: Cue) -> tuple[list[int], list[int]]:
        a, b = self.m.sents[c.sent]
        # "losing to Tory in a race in which she finished third": a pronoun between is the subject
        left = [hit for hit in self.mentions_in(a, c.start) if c.start - hit[1].end <= 6 and not any(
            t.tag_ in ("PRP", "WP") for t in self.doc[hit[1].end:c.start])]
        right = [hit for hit in self.mentions_in(c.end, b) if hit[1].start - c.end <= 3]
        subj = [left[-1][0]] if left else []
        obj = [right[0][0]] if right else []
        return subj, obj

    def _blocked(self, c: Cue, verb: Token) -> bool:
        if self.in_quote[c.start] or c.start in self._past_tokens:
            return True
        a, b = self.m.sents[c.sent]
        # a dated past event: "Abbott was first elected governor in 2014"
        for t in self.doc[max(c.start - 2, a):min(c.end + 8, b)]:
            if re.fullmatch(r"(19|20)\d\d", t.text) and self.doc[t.i - 1].lower_ in ("in", "since") and \
                    t.i not in self._past_tokens and \
                    (self.published is None or int(t.text) < self.published.year):
                return True
        if any(t.lower_ in ("first", "previously", "once", "originally", "shy", "short") for t in self.doc[max(c.start - 3, a):c.start]):
            return True
        if self._last_years_month(c, verb):
            return True
        # "Trump won the state by 8 points four years ago", "won it last year", "in the previous election"
        later = [t.lower_ for t in self.doc[c.end:min(c.end + 10, b)]]
        if "ago" in later or any(later[k:k + 2] in (["last", "year"], ["last", "time"], ["last", "cycle"],
                                                    ["previous", "election"], ["last", "election"])
                                 for k in range(len(later))):
            return True
        if self._negated(c, verb):
            return True
        if any(ch.dep_ == "aux" and ch.lower_ in _cues("future_or_modal") for ch in verb.children):
            return True
        if c.label == "WIN" and verb.tag_ == "VB" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in verb.children):
            return True  # "Sessions' attempt to win back the seat": an aim, not a result
        a, _ = self.m.sents[c.sent]
        first = self.doc[a]
        if first.lower_ in _cues("conditional") or any(
                t.lower_ in ("if", "whoever", "unless") for t in self.doc[max(a, c.start - 15):c.start]):
            return True
        return False

    def _segment(self, i: int) -> int:
        """Which clause of its sentence a token is in, cutting at ";", ":" and ", while"."""
        return self._segments[i]

    @cached_property
    def _segments(self) -> list[int]:
        doc, out, n, cur_sent = self.doc, [0] * len(self.doc), 0, -1
        for t in doc:
            if self.tok2sent[t.i] != cur_sent:
                cur_sent, n = self.tok2sent[t.i], 0
            out[t.i] = n
            if t.text in (";", ":") or (t.text == "," and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("while", "whereas")):
                n += 1
        return out

    def _won_a_figure(self, verb: Token) -> bool:
        if verb.lower_ not in ("won", "wins", "win", "winning"):
            return False
        # "won 157,794 votes", "won 39.5 percent": a count or a share short of a majority is no victory by
        # itself; "won 55.5 percent of the vote" is
        figs = self._fig_tokens(self.tok2sent[verb.i])
        # the object, or an approximating preposition ("won under 4 per cent"; "won by 20 points" is a win)
        objs = [t for ch in verb.children if ch.dep_ == "dobj" or (
                    ch.dep_ == "prep" and ch.lower_ in ("under", "over", "about", "around", "nearly", "almost"))
                for t in ch.subtree]
        if not any(t.i in figs for t in objs):
            return False
        return not any(pct is not None and pct > 50 for t in objs for _, pct in figs.get(t.i, ()))

    def _fig_tokens(self, s: int) -> dict[int, list[tuple[Cue, Optional[float]]]]:
        """The figure cues of sentence ``s`` by the tokens they cover, each with its share (built once)."""
        table = self._fig_cache.get(s)
        if table is None:
            table = self._fig_cache[s] = defaultdict(list)
            for c in self.by_sent.get(s, []):
                if c.label in ("PCT", "VOTES"):
                    pct = parse_percent(c.text) if c.label == "PCT" else None
                    for t in range(c.start, c.end):
                        table[t].append((c, pct))
        return table

    def _last_years_month(self, c: Cue, verb: Token) -> bool:
        """"Price won re-election in November" in a June story: a month later in the year than the
        publication, told in the past tense, was last year's."""
        if self.published is None or verb.tag_ not in ("VBD", "VBN"):
            return False
        a, b = self.m.sents[c.sent]
        for t in self.doc[c.end:min(c.end + 8, b)]:
            if t.ent_type_ == "DATE" and t.lower_ in _MONTHS and self.doc[t.i - 1].lower_ == "in":
                return _MONTHS[t.lower_] > self.published.month
        return False

    def _negated(self, c: Cue, verb: Token) -> bool:
        return any(ch.dep_ == "neg" for ch in verb.children) or \
            any(t.lower_ in _cues("negations") for t in self.doc[max(c.start - 2, 0):c.start])

    # ------------------------------------------------------------------ main
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
        if main_office is None:
            # results with no office named: the contest is real, its office unknown
            if sum(1 for c in m.cues if c.label in ("PCT", "VOTES")) < 2:
                return Assembly("not_election", [], self.published)
            country = self._country
            main_office = OfficeCtx("other", None, self._article_state if country == "US" else None)

        self._main_kind = main_office.kind
        self.top_two_article = any(c.label == "TOPTWO" for c in m.cues)
        party_article = any(c.label == "STAGE" and c.value == "primary" for c in m.cues) and any(
            c.label == "PARTY" and self._party_primary_cue(c) for c in m.cues)
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

        def race_for(s: int, person: Optional[int] = None, at: Optional[int] = None,
                     figure: bool = False) -> RaceDraft:
            o = office_ctx[s]
            kind = person_office.get(person) if person is not None else None
            if kind and person in self._title_offices and self._section[s] >= 0:
                kind = None  # under a "U.S. SENATE" heading, "Gov. Rick Scott" runs for the Senate
            if kind and kind != o.kind:
                o = last_of_kind.get(kind) or OfficeCtx(kind, None, main_office.state)
                last_of_kind[kind] = o
            jur = self._person_jurisdictions.get(person) if person is not None else None
            if jur and o.kind in _LOCAL and jur[0] != o.jurisdiction:
                o = OfficeCtx(o.kind, o.district, jur[1] or o.state, jur[0], o.evidence)
            st = self.stage_at(s, at, main_stage, party_article) if at is not None else None
            st = st or stage_ctx[s]
            if figure and st == "runoff" and s in carried_runoff:
                # "X will face Y in a run-off. X received 26.38 percent": the figure is the round just run
                st = self.resolve_earlier("runoff", party_article)
            pp = self.party_at(s, at) if at is not None else None
            pp = None if pp == "" else (pp or party_ctx[s])
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
            if s in poll_sents:
                # a poll's numbers are nobody's vote share, but the people polled are the race's candidates
                for person, cue, kind in self.figures_in(s):
                    race_for(s, person).cand(person, s)
                continue
            figured = {person for person, _cue, _kind in self.figures_in(s)}
            if len(figured) >= 2:
                self._matchups.append((figured, False))
            for person, cue, kind in self.figures_in(s):
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
                    obj = [pi for pi in obj if pi in near]
                if not subj and not obj:
                    continue
                if subj and obj and c.label in ("WIN", "LOSE", "CAND_CUE") and not self.in_quote[c.start] and \
                        s not in poll_sents:
                    self._matchups.append((set(subj) | set(obj), c.label in ("WIN", "LOSE")))
                blocked = self._blocked(c, verb)
                r = race_for(s)
                phrase = key_of(c.rule)
                if c.label == "CAND_CUE" or (c.label == "ADVANCE" and phrase.startswith("will-face")):
                    if self.in_quote[c.start]:
                        continue
                    for pi in subj + obj:
                        race_for(s, pi).cand(pi, s)
                    continue
                if c.label == "ADVANCE" and not self.in_quote[c.start] and s not in poll_sents and \
                        self._negated(c, verb) and not phrase.startswith("will-face"):
                    # "finished last ... and won't advance to the runoff"
                    for pi in subj:
                        self._set_outcome(race_for(s, pi, c.start).cand(pi, s), "lost", c)
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
                    for pi in subj:
                        self._set_outcome(race_for(s, pi, c.start).cand(pi, s), "won", c)
                    if phrase not in _WIN_NO_OBJECT:
                        for pi in obj:
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
                if any(t.lower_ in _ROLE_NOUNS for t in window) or (
                        len(after) > 2 and after[0].text == "," and any(t.lower_ in _ROLE_NOUNS for t in after[1:])):
                    race_for(mm.sent, pi).cand(pi, mm.sent)

        # "Democrat Jon Ossoff and Republican Karen Handel ... before Tuesday's runoff": people introduced by
        # their party in a sentence about a named round are running in it
        for s in range(self.n_sents):
            if s in background or not [c for c in self.sent_cues(s, "STAGE") if not self._indefinite(c)]:
                continue
            labelled = []
            for pi, mm in self.sent_mentions(s):
                party = parties.get(pi)
                if party and mm.start_char - 40 <= party[1].start <= mm.end_char + 40 and pi not in labelled \
                        and not self.in_quote[mm.start] and not self._not_a_candidate(pi):
                    labelled.append(pi)
            if len(labelled) >= 2 and len({parties[pi][0] for pi in labelled}) >= 2:
                for pi in labelled:
                    race_for(s, pi).cand(pi, s)

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
        pred_people = {p["person"] for p in preds}
        endorsers = self.endorsers()
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
        # a contest for another office than the article's needs more than one passing name ("where
        # President Trump won by 11 points in the 2016 presidential election")
        def substantial(r: RaceDraft) -> bool:
            return r.office.kind == main_office.kind or len(r.cands) > 1 or \
                any(cf.pct is not None or cf.votes is not None for cf in r.cands.values())
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
        out = [self.race_dict(r, parties, country) for r in self.order(drafts)]
        return Assembly(kind, out, self.published, self.warnings)

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

    def endorsers(self) -> set[int]:
        """"Capuano had the backing of Boston Mayor Marty Walsh, former Gov. Deval Patrick and ...",
        "Turner endorsed Jackson Lee": people who back a candidate."""
        out: set[int] = set()
        for c in self.m.cues:
            if c.label != "ENDORSE":
                continue
            a, b = self.m.sents[c.sent]
            if c.rule.startswith("endorse-after/"):
                first = [hit for hit in self.mentions_in(c.end, b) if hit[1].start - c.end <= 6][:1]
                for pi, mm in first:
                    out.add(pi)
                    out.update(self._listed_with(c.sent, mm))
            else:
                verb = self._verb_of(c)
                if self._passive(verb) or (c.end < b and self.doc[c.end].lower_ == "by"):
                    continue  # "Cruz was endorsed by ...": the one endorsed runs
                subj, obj = self._role_persons(verb)
                out.update(pi for pi in subj if pi not in obj)
        return out

    def _set_outcome(self, cf: CandFacts, outcome: str, c: Cue) -> None:
        rank = {"advanced": 1, "lost": 2, "won": 3}
        if cf.outcome is None or (cf.outcome != outcome and rank[outcome] > rank.get(cf.outcome, 0) and outcome != "lost"):
            cf.outcome = outcome
            cf.evidence = [e for e in cf.evidence if e.field != "outcome"]
            cf.evidence.append(self.ev_cue("outcome", c))

    def _party_primary_cue(self, c: Cue) -> bool:
        """"Democratic primary", "GOP nomination", "Republican lieutenant governor nomination",
        "among Democrats", "For Republicans," -- a party naming whose primary this is."""
        doc = self.doc
        prev = doc[c.start - 1] if c.start else None
        if prev is not None and prev.lower_ in ("a", "an"):
            return False
        stage_words = ("primary", "primaries", "nomination", "nod", "runoff", "run-off", "caucus", "caucuses", "field",
                       "contest", "race", "voters", "hopefuls")
        k = c.end
        while k < min(c.end + 4, len(doc)) and doc[k].lower_ not in stage_words and doc[k].lower_ in _PRIMARY_BRIDGE:
            k += 1
        if k < len(doc) and doc[k].lower_ in stage_words:
            return True
        if c.end < len(doc) and doc[c.end].lower_ == "side" and c.start > 1 and \
                doc[c.start - 2].lower_ in ("on", "for") and doc[c.start - 1].lower_ == "the":
            return True  # "On the Democratic side, ..." in a primary story
        return prev is not None and prev.lower_ in ("among", "for") and doc[c.start].text.endswith("s")

    def party_contexts(self, stage_ctx: list[str]) -> list[Optional[str]]:
        out, cur, prev_para = [], None, -1
        for s in range(self.n_sents):
            para = self.m.paragraphs[s]
            # a new paragraph starts afresh, except inside one section of a roundup ("LIEUTENANT GOVERNOR")
            same_section = s > 0 and self._section[s] >= 0 and self._section[s] == self._section[s - 1]
            if para != prev_para and not same_section:
                cur = None
            prev_para = para
            found = [c.value for c in self.sent_cues(s, "PARTY") if self._party_primary_cue(c)]
            if found:
                cur = found[0]
            out.append(cur if stage_ctx[s] in ("primary", "runoff") else None)
        return out

    def figures_in(self, s: int) -> list[tuple[int, Cue, str]]:
        """(person, figure cue, PCT|VOTES) for the shares and counts of one sentence."""
        doc = self.doc
        a, b = self.m.sents[s]
        figs = [c for c in self.sent_cues(s, "PCT", "VOTES")]
        # "333,890 votes" and its bare "333,890": one figure (the longest reading)
        longest: dict[tuple[str, int], int] = {}
        for o in figs:
            for t in range(o.start, o.end):
                key = (o.label, t)
                longest[key] = max(longest.get(key, 0), o.end - o.start)
        figs = [c for c in figs if longest[(c.label, c.start)] <= c.end - c.start and
                longest[(c.label, c.end - 1)] <= c.end - c.start]
        # a "12,345 (55%)" votes cue also holds a PCT cue: keep both, they are different facts
        out: list[tuple[int, Cue, str]] = []
        mentions = self.sent_mentions(s)
        if not mentions:
            return out
        distract_near = _cues("figure_distractors")
        distract_before = _cues("figure_distractors_before")
        vote_after = _cues("vote_distractors_after")
        negations = _cues("negations")
        blocked_pairs = [list(p) for p in load("cues")["figure_blocked_pairs"]]
        usable = []
        fig_starts = {(o.label, o.start) for o in figs}
        past = self._past_tokens
        for c in figs:
            if c.start in past:
                continue
            before = [t.lower_ for t in doc[max(c.start - 3, a):c.start]]
            after = []
            for t in doc[c.end:min(c.end + 5, b)]:
                if t.text in (",", ";", ".", "—", "–") or t.lower_ in ("with", "according"):
                    break  # "with 19.8 percent, well ahead of the others", "46% with all precincts reporting"
                after.append(t.lower_)
            pair_next = c.end < b and doc[c.end].lower_ in ("to", "-", "–") and \
                any((c.label, k) in fig_starts for k in (c.end + 1, c.end + 2))
            if before and before[-1] in distract_before and not (
                    before[-1] in ("by", "led", "leads", "leading") and pair_next):
                continue  # ("by 9,604 votes to 3,195" is the two counts, not a margin)
            if len(before) > 1 and [before[-2], before[-1]] in blocked_pairs:
                continue
            wide = [t.lower_ for t in doc[max(c.start - 5, a):c.start]]
            if any(wide[k + 1] == "of" and [wide[k], "of"] in blocked_pairs for k in range(len(wide) - 1)):
                continue  # "a cushion of nearly 5,000 votes", "a majority of more than 9,000"
            if len(before) > 2 and before[-3] == "by" and before[-1] in ("than",):
                continue
            if len(before) > 1 and before[-1] in ("to", "-", "–") and re.fullmatch(r"\d+(\.\d+)?", before[-2]) \
                    and c.label == "PCT":
                continue  # "13 to 14 percent": a range, nobody's share
            if any(t.lower_ in negations for t in doc[max(c.start - 4, a):c.start]):
                continue
            # "trailed close behind with 42%": words before the one that hands the figure over do not count
            own = max((i for i, w in enumerate(before) if w in ("with", "had", "got", "received", "took")), default=-1)
            if any(w in distract_near for w in before[own + 1:] + after):
                continue
            if c.label == "VOTES" and (any(w in vote_after for w in after[:2]) or "-" in c.text or
                                       doc[c.end - 1].lower_ == "vote"):
                continue  # "a 2,775 vote advantage", "590-vote lead": a margin, not a count
            usable.append(c)
        if any(c.label == "PCT" for c in usable):
            usable = sorted(usable + self._bare_shares(s, usable), key=lambda c: c.start)
        # "respectively": the n people named before the n figures, in order
        if any(t.lower_ in _cues("respectively") for t in doc[a:b]):
            pcts = [c for c in usable if c.label == "PCT"]
            people = []
            for pi, mm in mentions:
                if mm.start < (pcts[0].start if pcts else b) and pi not in people:
                    people.append(pi)
            if pcts and len(people) >= len(pcts):
                people = people[-len(pcts):]
                return [(pi, c, "PCT") for pi, c in zip(people, pcts)]
        claimed: dict[tuple[int, str], Cue] = {}
        mention_ends = [mm.end for _, mm in mentions]
        i = 0
        while i < len(usable):
            c = usable[i]
            # "54% to 46%" after "A defeated B": first figure to the first person, second to the second
            if i + 1 < len(usable) and usable[i + 1].label == c.label and usable[i + 1].start == c.end + 1 \
                    and doc[c.end].lower_ in ("to", "-", "–"):
                people = []
                for pi, mm in mentions:
                    if mm.end <= c.start and pi not in people and not self._not_a_candidate(pi):
                        people.append(pi)
                winner = self._winner_before(s, c.start)
                # "Park leads civil rights attorney Erin Darling, Bonin's preferred successor, 53.52% to 46.48%":
                # the verb's subject and object; "Soto-Martinez led 55% to 45%": its subject and the rival
                # named just before
                verb = _clause_verb(doc[c.start])
                vs, vo = self._role_persons(verb) if verb is not None else ([], [])
                vs, vo = list(dict.fromkeys(vs)), [o for o in dict.fromkeys(vo) if o not in vs]
                if len(vs) == 1 and len(vo) == 1:
                    people, winner = [vs[0], vo[0]], vs[0]
                elif len(vs) == 1 and len(people) == 1 and people[0] == vs[0] and s > 0:
                    prior = list(dict.fromkeys(pi for pi, _ in self.sent_mentions(s - 1)
                                               if pi != vs[0] and not self._not_a_candidate(pi)))
                    if len(prior) == 1:
                        people, winner = [vs[0], prior[0]], vs[0]
                if len(people) >= 2:
                    if winner is not None and winner in people:
                        other = next((p for p in reversed(people) if p != winner), None)
                        first, second = winner, other
                    else:
                        first, second = people[-2], people[-1]
                    # "had 18,368 votes to 18,316 for Dan Koh": the second figure's own "for X"
                    second_cue = usable[i + 1]
                    ahead = self._owner_ahead(second_cue)
                    k = second_cue.end
                    if ahead is None and k + 1 < b and doc[k].lower_ in ("for", "to") and (k + 1) in self.person_at:
                        ahead = self.person_at[k + 1][0]
                    if ahead is not None and ahead != first:
                        if ahead != second and first == people[-2] and winner is None and len(vs) == 1:
                            first = vs[0]
                        second = ahead
                    out.append((first, c, c.label))
                    out.append((second, usable[i + 1], c.label))
                    i += 2
                    continue
            owner = None
            nxt = doc[c.end:min(c.end + 3, b)]
            prev2 = [t.lower_ for t in doc[max(c.start - 2, a):c.start]]
            same = [o for o, oc, lab in out if lab == c.label]
            if prev2[:1] == ["to"] and prev2[1:] in (["her"], ["his"], ["their"]) and same:
                # "taking 65.3 percent of the vote to her 34.7 percent": the other one named
                others = list(dict.fromkeys(pi for pi, _ in mentions if pi != same[-1] and not self._not_a_candidate(pi)))
                if len(others) == 1 and (others[0], c.label) not in claimed:
                    claimed[(others[0], c.label)] = c
                    out.append((others[0], c, c.label))
                i += 1
                continue
            poss_end = c.start - 1 if c.start - 1 >= a and doc[c.start - 1].lower_ in ("'s", "’s", "'", "’") else None
            after_person = None
            if len(nxt) >= 2 and nxt[1].i in self.person_at:
                hit = self.person_at[nxt[1].i]
                k = hit[1].end
                after_person = None if (k < b and doc[k].lower_ in ("'s", "’s")) else hit[0]
            if poss_end is not None and (poss_end - 1) in self.person_at:
                owner = self.person_at[poss_end - 1][0]  # "with 45 percent to Cruz's 34 percent"
            elif len(nxt) >= 2 and nxt[0].lower_ in _cues("figure_owner_after") and after_person is not None and \
                    not (nxt[0].lower_ == "to" and self._holder_of(c, strict=False) is not None):
                # ("she had about 63 percent to Democrat Jade Harris": "to" names the rival when someone holds it)
                owner = after_person  # "40 percent for Bryce Reeves" (not "45 percent to Cruz's 34 percent")
            elif len(nxt) >= 3 and nxt[0].lower_ in ("for", "to") and nxt[2].i in self.person_at and nxt[1].is_title:
                owner = self.person_at[nxt[2].i][0]
            else:
                owner = self._owner_ahead(c)
            if owner is None:
                held = self._holder_of(c)
                if held == "each":
                    # "Walkinshaw and Joe McDermott were fighting ..., with each receiving about 21 percent":
                    # the people joined before it; "Each had 21.6 percent": those given figures just before
                    k = bisect.bisect_right(mention_ends, c.start) - 1
                    group = list(dict.fromkeys([mentions[k][0]] + self._coordinated(mentions[k][1]) +
                                               self._listed_with(s, mentions[k][1]))) if k >= 0 else []
                    if len(group) < 2:
                        group = list(dict.fromkeys(o for o, _, _ in self.figures_in(s - 1))) if s > 0 else []
                    for pi in group:
                        if (pi, c.label) not in claimed:
                            claimed[(pi, c.label)] = c
                            out.append((pi, c, c.label))
                    i += 1
                    continue
                if isinstance(held, int):
                    owner = held
            if owner is None:
                k = bisect.bisect_right(mention_ends, c.start) - 1
                while k > 0 and self._in_closed_relative(mentions[k][1], c.start):
                    k -= 1
                if k >= 0:
                    pi, mm = mentions[k]
                    winner = self._winner_over(s, pi, c.start)
                    if winner is not None:
                        pi, mm = winner, mm
                    gap = doc[mm.end:c.start]
                    semis = [t.i for t in gap if t.text == ";"]
                    # "Mo Brooks ... placed third; he won 78,527 votes": a pronoun after the semicolon points back
                    if semis and semis[-1] + 1 < len(doc) and doc[semis[-1] + 1].lower_ in ("he", "she"):
                        semis = []
                    if len(gap) <= 25 and not semis:
                        owner = pi
            if owner is not None and (owner, c.label) not in claimed:
                claimed[(owner, c.label)] = c
                out.append((owner, c, c.label))
            i += 1
        return out

    def _owner_ahead(self, c: Cue) -> Optional[int]:
        """"to 262,733 votes, or 49.9 percent, for Harris": the "for X" that closes a run of figures owns
        each of them (no figure of the same kind, verb or clause break in between)."""
        doc = self.doc
        _, b = self.m.sents[c.sent]
        k = c.end
        while k < min(c.end + 10, b - 1):
            t = doc[k]
            if any(f.label == c.label for f, _ in self._fig_tokens(c.sent).get(k, ())) or t.text in (";", ":") or _is_verb(t) or k in self.person_at:
                return None
            if t.lower_ in ("for", "to") and (k + 1) in self.person_at and doc[k - 1].text == ",":
                hit = self.person_at[k + 1]
                end = hit[1].end
                if end < len(doc) and doc[end].lower_ in ("'s", "’s"):
                    return None
                return hit[0]
            k += 1
        return None

    def _holder_of(self, c: Cue, strict: bool = True):
        """The subject of the verb that holds a figure ("Lori Trahan, a former chief of staff to ex-Rep.
        Marty Meehan, had 18,368 votes": Trahan, not the nearer Meehan); "each" when the subject is
        "each"/"both"; None when no such verb or subject."""
        tok = self.doc[c.end - 1]
        for _ in range(6):
            if _is_verb(tok):
                break
            if tok.dep_ not in ("nummod", "quantmod", "compound", "amod", "dobj", "conj", "appos", "npadvmod",
                                "pobj", "prep", "attr", "nmod") or tok.head.i == tok.i:
                return None
            tok = tok.head
        else:
            return None
        hold = tok.lower_ in _HOLD_VERBS
        if not hold and not strict:
            return None
        if hold and any(ch.dep_ == "nsubj" and ch.lower_ in ("each", "both") for ch in tok.children):
            return "each"
        subj, _ = self._role_persons(tok)
        if not subj and not hold:
            return None
        if not subj:
            # "With 54 of 60 precincts reporting, she had about 63 percent": the last sentence's subject
            pron = [ch for ch in tok.children if ch.dep_ == "nsubj" and ch.lower_ in ("he", "she")]
            if pron:
                ante = self._antecedent(c.sent, pron[0].i, anywhere=True)
                return ante if ante is not None or strict else -1
        if len(set(subj)) != 1:
            return None
        if not strict:
            return subj[0]
        # only when the nearest name before the figure sits inside the subject's own phrase (an apposition
        # or a "who" clause); "X had 62 percent, Y 21 percent" keeps Y's figure for Y
        a, _ = self.m.sents[c.sent]
        before = [hit for hit in self.mentions_in(a, c.start)]
        if not before:
            return None
        nsubj = [ch for ch in tok.children if ch.dep_ in ("nsubj", "nsubjpass")]
        inside = {t.i for ch in nsubj for t in ch.subtree}
        return subj[0] if before[-1][1].start in inside else None

    def _coordinated(self, mm: Mention) -> list[int]:
        """People joined to this mention by "and" / commas in one list."""
        root = self.doc[mm.start:mm.end].root
        top = root
        while top.dep_ == "conj" and top.head.i != top.i:
            top = top.head
        out = []
        for t in [top] + [t for t in top.subtree if t.dep_ == "conj"]:
            hit = self.person_at.get(t.i)
            if hit and hit[0] not in out:
                out.append(hit[0])
        return out

    @staticmethod
    def _passive(verb: Token) -> bool:
        # "Cantor ousted by tea party-backed professor": a headline's passive has no auxiliary
        return any(ch.dep_ in ("auxpass", "nsubjpass", "agent") for ch in verb.children)

    def _agent_of(self, verb: Token, pi: int) -> bool:
        for ch in verb.children:
            if ch.dep_ == "agent":
                for t in ch.subtree:
                    hit = self.person_at.get(t.i)
                    if hit and hit[0] == pi:
                        return True
        return False

    def _in_closed_relative(self, mm: Mention, fig_start: int) -> bool:
        """"Dewhurst, who lost ... to state Sen. Dan Patrick in the March 4 primary, landed 34.92 percent":
        the person inside a who-clause that closes (a comma) before the figure is not its owner."""
        doc = self.doc
        a, _ = self.m.sents[mm.sent]
        k = mm.start - 1
        while k >= a and doc[k].text != ",":
            if doc[k].lower_ in ("who", "whom", "whose", "which"):
                return any(t.text == "," for t in doc[mm.end:fig_start])
            k -= 1
        return False

    def _winner_over(self, s: int, loser: int, fig_start: int) -> Optional[int]:
        """"Paxton defeated Branch by capturing 63 percent": a figure after the loser of a winning verb, with
        no clause about the loser in between, is the winner's."""
        for c in self.sent_cues(s, "WIN"):
            if c.end > fig_start:
                continue
            verb = self._verb_of(c)
            subj, obj = self._role_persons(verb)
            if key_of(c.rule) in _WIN_NO_OBJECT:
                # "won Saturday's runoff in a landslide over Rep. Sheila Jackson Lee, taking 65.3 percent"
                over = [self.person_at[t.i][0] for ch in verb.subtree if ch.dep_ == "prep" and ch.lower_ in ("over", "against")
                        for t in ch.subtree if t.i in self.person_at]
                obj = over
            if subj and loser in obj and loser not in subj:
                gap = self.doc[c.end:fig_start]
                between = [t.lower_ for t in gap]
                # "Wu beat fellow Councilor Annissa Essaibi George, winning about 64 percent": the winner's clause
                participle = any(t.text == "," and t.i + 1 < fig_start and self.doc[t.i + 1].tag_ == "VBG"
                                 for t in gap)
                # "beat Republican Don Nevills of Clairton with 74.7% of the vote": the winner's
                if participle or not any(w in ("who", "whose", "which", ",", "had", "got", "received") for w in between):
                    return subj[0]
        return None

    def _not_running_shape(self, mm: Mention) -> bool:
        """"Goldman Sachs executive" (a name used as a modifier), "his mother, Rosie Castro" (kin)."""
        doc = self.doc
        nxt = doc[mm.end] if mm.end < len(doc) else None
        if nxt is not None and nxt.is_lower and nxt.tag_ in ("NN", "NNS"):
            return True
        kin = word_set("names", "kin")
        return any(t.lower_ in kin for t in doc[max(mm.start - 3, 0):mm.start])

    def _listed_with(self, s: int, mm: Mention) -> list[int]:
        """People in one comma/"and" list with this mention, titles and descriptions between them
        allowed ("McMaster, Lt. Gov. Kevin Bryant, former state health director Catherine Templeton and
        Greenville businessman John Warren meet ...")."""
        doc = self.doc
        ms = self.sent_mentions(s)
        idx = next((i for i, (_, m2) in enumerate(ms) if m2.start == mm.start), None)
        if idx is None:
            return []

        def joined(left: Mention, right: Mention) -> bool:
            gap = doc[left.end:right.start]
            if not gap or len(gap) > 8 or not any(t.text == "," or t.lower_ in ("and", "&") for t in gap):
                return False
            return not any(_is_verb(t) or t.text in (";", ":", "(", ")") or
                           t.lower_ in ("said", "who", "which", "while", "whereas", "but")
                           for t in gap)

        out = []
        i = idx
        while i > 0 and joined(ms[i - 1][1], ms[i][1]):
            i -= 1
            out.append(ms[i][0])
        i = idx
        while i + 1 < len(ms) and joined(ms[i][1], ms[i + 1][1]):
            i += 1
            out.append(ms[i][0])
        return out

    def _winner_before(self, s: int, end: int) -> Optional[int]:
        """The subject of a winning verb before ``end`` in sentence ``s`` ("da Silva beat him ... 48% to 43%")."""
        for c in self.sent_cues(s, "WIN"):
            if c.end <= end:
                subj, _ = self._role_persons(self._verb_of(c))
                if subj:
                    return subj[0]
        return None

    def _bare_shares(self, s: int, usable: list[Cue]) -> list[Cue]:
        """Numbers without a unit right after a person, in a sentence whose first share had one
        ("Rubio had 50 percent of the vote, Crist had 29 and Meek 19")."""
        doc = self.doc
        a, b = self.m.sents[s]
        first = min(c.start for c in usable if c.label == "PCT")
        taken = {t for c in self.by_sent.get(s, []) for t in range(c.start, c.end)}
        out = []
        for t in doc[first:b]:
            if t.i in taken or not re.fullmatch(r"\d{1,2}(\.\d+)?", t.text):
                continue
            prev = doc[t.i - 1]
            prev2 = doc[t.i - 2] if t.i - 2 >= a else None
            person_before = (t.i - 1) in self.person_at or (
                prev.lower_ in ("had", "with", "got", "took", "received", "won") and prev2 is not None and prev2.i in self.person_at)
            nxt = doc[t.i + 1].lower_ if t.i + 1 < b else ""
            if person_before and nxt not in ("percent", "%", "votes", "points", "years", "seats"):
                out.append(Cue("PCT", "pct", "pct/bare-number-in-list", t.i, t.i + 1, t.idx, t.idx + len(t.text), t.text, s))
        return out

    def _head_of_state_title(self, pi: int) -> bool:
        return any(mm.start and self.doc[mm.start - 1].lower_ == "president" and
                   (mm.start < 2 or self.doc[mm.start - 2].lower_ not in word_set("names", "post_bodies"))
                   for mm in self.m.people[pi].mentions)

    def _not_a_candidate(self, pi: int) -> bool:
        """People named with a title that is not a candidacy (the president, a party leader)."""
        p = self.m.people[pi]
        for mm in p.mentions:
            prev = self.doc[mm.start - 1].lower_ if mm.start else ""
            before = self.doc[mm.start - 2] if mm.start > 1 else None
            if prev in ("president", "leader", "speaker") and before is not None and before.lower_ in word_set("names", "post_bodies"):
                continue  # "City Council President Kevin Kelley", "Majority Leader Eric Cantor": a local post
            if prev in ("president", "leader", "chairman", "chair", "speaker", "pope", "king", "queen") or (
                    prev == "minister" and getattr(self, "_main_kind", None) != "head_of_government"):
                return True
        return False

    def predecessors(self, races: dict, parties: dict) -> list[dict]:
        """Who held a seat before and why they left, from succession and vacancy phrases; each with the
        sentences that say so (to tie it to the right contest in a roundup)."""
        doc = self.doc
        reasons = load("cues")["reason_by_vacancy"]
        priority = load("cues")["reason_priority"]
        candidates_figs = {pi for r in races.values() for pi, cf in r.cands.items()
                           if cf.pct is not None or cf.votes is not None or cf.outcome}
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
        for c in self.m.cues:
            if c.label != "VACANCY" or self.in_quote[c.start]:
                continue
            reason = reasons.get(key_of(c.rule))
            if not reason:
                continue
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
            after_first = key_of(c.rule) in ("the-late", "death", "resignation", "retirement", "expulsion") and \
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
        named = {c.value for c in self.m.cues if c.label == "PARTY" and self._party_primary_cue(c)}
        if len(named) == 1:
            only = next(iter(named))
            for r in drafts:
                if r.party_primary is None and r.stage in ("primary", "runoff") and not self.top_two_article and any(
                        o.party_primary == only and o.stage == r.stage and o.office.key == r.office.key for o in drafts):
                    r.party_primary = only
        out: list[RaceDraft] = []
        for r in sorted(drafts, key=lambda r: (r.office.district is None, r.office.jurisdiction is None,
                                               r.office.state is None, r.party_primary is None, r.office.post is None)):
            target = None
            for o in out:
                if o.office.kind != r.office.kind or o.stage != r.stage:
                    continue
                same_d = o.office.district == r.office.district or r.office.district is None
                # a party-less primary already kept and a party's primary with the same people: one race
                same_p = o.party_primary == r.party_primary or r.party_primary is None or (
                    o.party_primary is None and self._same_people(r, o))
                same_s = o.office.state == r.office.state or r.office.state is None or o.office.state is None
                same_j = o.office.jurisdiction == r.office.jurisdiction or r.office.jurisdiction is None
                same_post = o.office.post == r.office.post or r.office.post is None or o.office.post is None
                if same_d and same_p and same_s and same_j and same_post:
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
        told without a place or district that keeps them apart."""
        if len(r.cands) < 4:
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
        linked = [c for c in comps.values() if len(c) >= 2 and (decided & set(c) or whole(c))]
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
                                           (c.label == "STAGE" and c.value == "runoff" and self._advancing_to(c, meeting=True)))
                and c.sent not in self._background_sents and not self.in_quote[c.start]
                and not self._negated(c, self._verb_of(c))]
        if not cues:
            return drafts
        out = list(drafts)
        for r in drafts:
            if r.stage not in ("general", "primary") or r.undecided:
                continue
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

    def _told_with(self, s: int, r: RaceDraft) -> bool:
        """Is sentence ``s`` part of the telling of race ``r``: one of its sentences, their paragraph, or
        the section (heading, lead label) they stand under?"""
        if s in r.sents:
            return True
        paras = {self.m.paragraphs[x] for x in r.sents}
        if self.m.paragraphs[s] in paras:
            return True
        sections = {self._section[x] for x in r.sents if self._section[x] >= 0}
        return self._section[s] >= 0 and self._section[s] in sections

    def finish_outcomes(self, drafts: list[RaceDraft], kind: str) -> None:
        if kind in ("poll", "preview"):
            for r in drafts:
                for cf in r.cands.values():
                    cf.outcome = None
            return
        by_office: dict[tuple, list[RaceDraft]] = defaultdict(list)
        for r in drafts:
            by_office[(r.office.kind, r.office.district)].append(r)
        for rs in by_office.values():
            rs.sort(key=lambda r: STAGE_ORDER.get(r.stage, 1))
            for i, r in enumerate(rs):
                later = [o for o in rs[i + 1:] if STAGE_ORDER.get(o.stage, 1) > STAGE_ORDER.get(r.stage, 1)
                         # a party's runoff comes before November, not after it
                         and not (r.stage == "general" and o.stage == "runoff" and o.party_primary)]
                later_people = {pi for o in later for pi in o.cands}
                to_runoff = any(o.stage == "runoff" for o in later)
                # a top-two or nonpartisan primary: two of its people are in the general ("Protasiewicz and
                # Kelly advanced"), where a party's primary sends one
                general_people = {pi for o in later if o.stage == "general" for pi in o.cands}
                top_two = r.stage == "primary" and r.party_primary is None and any(o.stage == "general" for o in later) \
                    and (self.top_two_article or len(set(r.cands) & general_people) >= 2)
                for pi, cf in r.cands.items():
                    runoff_people = {pi for o in later if o.stage == "runoff" and o.party_primary == r.party_primary
                                     for pi in o.cands}
                    # someone who "lost" a round yet runs in its runoff was beaten into second place: advanced
                    if cf.outcome == "lost" and pi in runoff_people:
                        cf.outcome = "advanced"
                    if pi in later_people and (to_runoff or top_two) and cf.outcome in (None, "won", "advanced"):
                        if to_runoff and r.party_primary is not None and any(o.party_primary != r.party_primary for o in later if o.stage == "runoff"):
                            continue
                        cf.outcome = "advanced"
        runoff_offices = {r.office.key for r in drafts if r.stage == "runoff" and not r.party_primary}
        for r in drafts:
            if r.stage == "general" and r.office.key not in runoff_offices:
                # nobody advances from a general election with no runoff after it
                for cf in r.cands.values():
                    if cf.outcome == "advanced":
                        cf.outcome = None
                        cf.evidence = [e for e in cf.evidence if e.field != "outcome"]
            if r.undecided:
                for cf in r.cands.values():
                    if cf.outcome in ("won", "lost"):
                        cf.outcome = None
                        cf.evidence = [e for e in cf.evidence if e.field != "outcome"]
                continue
            self._winner_by_concession(r)
            outcomes = [cf.outcome for cf in r.cands.values()]
            if outcomes.count("won") == 1 or (outcomes.count("advanced") >= 1 and "won" not in outcomes):
                decided_by = "won" if "won" in outcomes else "advanced"
                for cf in r.cands.values():
                    if cf.outcome is None and (decided_by == "won" or cf.pct is not None):
                        if decided_by == "advanced" and len([o for o in outcomes if o == "advanced"]) < 2:
                            continue
                        cf.outcome = "lost"

    def _winner_by_concession(self, r: RaceDraft) -> None:
        """"Gov. Matt Bevin conceded the Kentucky governor's race": in a race nobody is yet said to have won,
        the one who conceded lost to the one with the most votes (or to the only other candidate)."""
        if r.stage not in ("general", "runoff") or any(cf.outcome in ("won", "advanced") for cf in r.cands.values()):
            return
        conceded = [cf for cf in r.cands.values() if cf.outcome == "lost" and any(
            e.field == "outcome" and e.rule.startswith("lose/conced") for e in cf.evidence)]
        if len(conceded) != 1:
            return
        rest = [cf for cf in r.cands.values() if cf is not conceded[0]]
        if all(cf.pct is not None for cf in r.cands.values()) and rest:
            best = max(rest, key=lambda cf: cf.pct)
            if best.pct <= conceded[0].pct or sum(1 for cf in rest if cf.pct == best.pct) > 1:
                return
        elif len(rest) == 1:
            best = rest[0]
        else:
            return
        best.outcome = "won"
        best.evidence.extend(Ev("outcome", e.start, e.end, e.text, "win/by-concession")
                             for e in conceded[0].evidence if e.field == "outcome")

    def set_special(self, drafts: list[RaceDraft]) -> None:
        special_cues = [c for c in self.m.cues if c.label == "SPECIAL" and not self.in_quote[c.start]
                        and c.sent not in self._background_sents and c.start not in self._past_tokens]
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

    def _office_at(self, s: int) -> Optional[str]:
        return self._office_ctx[s].kind if getattr(self, "_office_ctx", None) else None

    def set_dates(self, drafts: list[RaceDraft], stage_ctx: list[str], office_ctx: list[OfficeCtx]) -> None:
        """Voting day from a date phrase tied to the election: next to a stage word ("Saturday's primary",
        "the runoff Sept. 26") first, else in a sentence that reports the result. A weekday names the
        coming day for a race not yet run ("before Tuesday's runoff" in a preview), else the last one."""
        doc = self.doc
        result_sents = {c.sent for c in self.m.cues if c.label in ("WIN", "LOSE", "STAGE", "SPECIAL")}
        tied, loose = [], []
        for ent in doc.ents:
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
        for ent, s, stage in tied + loose:
            if stage is None:
                continue
            for r in drafts:
                if r.stage != stage or r.office.kind != office_ctx[s].kind or r.date is not None:
                    continue
                ahead = not r.undecided and not any(
                    cf.pct is not None or cf.votes is not None or cf.outcome for cf in r.cands.values())
                value = resolve_date(ent.text, self.published, future=ahead)
                if value is None:
                    continue
                line_start = doc.text.rfind("\n", 0, ent.start_char) + 1
                if value == self.published and ent.start_char - line_start < 40 and _YEAR_RE.search(ent.text):
                    continue  # "CHICAGO, April 3, 2019 — ...": the dateline, not the voting day
                r.date = value
                r.evidence.append(Ev("election.date", ent.start_char, ent.end_char, ent.text, "date/election-date"))

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
            for cf in r.cands.values():
                if cf.incumbent is None and (r.special or r.predecessor or has_inc):
                    cf.incumbent = False

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

    def group_parties(self, drafts: list[RaceDraft], parties: dict, office_ctx: list[OfficeCtx],
                      stage_ctx: list[str]) -> None:
        """"Both candidates are Democrats", "Whitmire and Jackson Lee, both Democrats": a party said of a
        pair goes to the two people named with it, else to the two candidates of the race being told."""
        doc = self.doc
        for c in self.m.cues:
            if c.label != "PARTY" or not c.text.lower().endswith("s") or self.in_quote[c.start]:
                continue
            a, _ = self.m.sents[c.sent]
            if "both" not in [t.lower_ for t in doc[max(a, c.start - 4):c.start]]:
                continue
            named = list(dict.fromkeys(pi for pi, mm in self.sent_mentions(c.sent) if mm.end <= c.start))
            if len(named) != 2:
                o = office_ctx[c.sent]
                races = [r for r in drafts if r.office.key == o.key and r.stage == stage_ctx[c.sent]]
                if len(races) != 1 or len(races[0].cands) != 2:
                    continue
                named = list(races[0].cands)
            for pi in named:
                parties.setdefault(pi, (c.value, self.ev_cue("party", c)))

    def order(self, drafts: list[RaceDraft]) -> list[RaceDraft]:
        return sorted(drafts, key=lambda r: (min((cf.first_sent for cf in r.cands.values()), default=0),
                                             -STAGE_ORDER.get(r.stage, 1)))

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
        office = {"kind": r.office.kind, "state": r.office.state if us else None,
                  "district": r.office.district if r.office.kind in _DISTRICTED else None,
                  "jurisdiction": r.office.jurisdiction, "country": country}
        return {
            "office": office,
            "election": {"stage": r.stage, "special": r.special,
                         "date": r.date.isoformat() if r.date else None, "party_primary": r.party_primary},
            "candidates": cands,
            "predecessor": predecessor,
            "_evidence": [e.as_dict() for e in evidence],
        }


_PRIMARY_BRIDGE = _cues("primary_bridge")
_CONSTITUENCY_KINDS = {"national_legislature", "regional_legislature"}
_COUNTRY_WORDS = _cues("country_words")
_NOT_PLACE = {"another", "the", "a", "an", "new", "in", "of"}
_LOCAL = {"mayor", "city_council", "county_executive", "county_legislature", "sheriff", "prosecutor", "school_board",
          "other_local"}
#: the districted body beside a local executive: its seats are the districts a roundup of that place lists
_COUNCIL_OF = {"mayor": "city_council", "city_council": "city_council", "county_executive": "county_legislature",
               "county_legislature": "county_legislature"}
_DISTRICTED = {"us_house", "state_senate", "state_house", "city_council", "county_legislature"}
_STRONG_UNDECIDED = {"too-close-to-call", "uncalled", "ballots-to-count", "ballots-left-to-count", "votes-to-count",
                     "remain-to-be-counted", "yet-to-be-counted", "still-to-be-counted", "left-to-be-counted",
                     "outstanding-ballots", "not-yet-been-called", "too-early-to-call", "race-has-not-been-called",
                     "not-yet-called", "has-not-been-called", "still-being-counted", "still-need-to-be-counted"}
_WIN_NO_OBJECT = {"won", "wins", "win", "elected", "re-elected", "reelected", "secured", "secures", "captured", "captures",
                  "took", "takes", "retained", "retains", "clinched", "clinches", "winner", "victorious", "held-onto",
                  "won-the-nomination", "won-election", "won-re-election", "wins-re-election", "flipped", "flips"}
_ADVANCING_WORDS = _cues("advancing_words")
_LEFT_FOR_POST = {"to-become", "to-serve-as", "to-join", "to-take-a-job", "to-take-a-post", "to-lead", "left-to-become",
                  "to-take-her-place-in", "to-take-his-place-in", "to-take-her-seat-in", "to-take-his-seat-in", "sworn-in-as"}
_LOSE_TO_WINNER = {"lost-to", "loses-to", "fell-to", "falls-to", "falling-to", "losing-to", "lost-narrowly-to", "defeated-by", "was-defeated"}
_TITLED_SEATS = ("lieutenant_governor", "attorney_general", "secretary_of_state", "mayor", "sheriff")
_ELECTION_TALK = _cues("election_talk")
_HOLD_VERBS = _cues("hold_verbs")
_DEFEAT_VERBS = {"defeated", "defeats", "defeat", "beat", "beats", "edged", "edges", "edged-out", "unseated", "unseats",
                 "ousted", "ousts", "toppled", "topples", "routed", "trounced", "bested", "outpolled", "routs", "crushed",
                 "outlasted", "fended-off", "fends-off", "beat-back", "beats-back", "knocked-off", "knocks-off", "overcame",
                 "overcomes", "thwarted", "thwarts", "dispatched", "dispatches"}
_SUCC_BEFORE = {"held-the-seat", "represented-the-district", "predecessor"}
_VACATING = {"died", "resigned", "appointed", "expelled", "recalled"}
_ROLE_NOUNS = _cues("candidacy_role_nouns")
_ELECTION_WORDS = _cues("election_words")
_US_FOREIGN_CLASH = {"Labour", "Reform UK", "SNP", "NDP", "Bloc Québécois", "Plaid Cymru", "Liberal Democrats"}


_NONPARTISAN_RE = re.compile(r"\bnon-?partisan\s+(?:contests?|races?|elections?|primary|primaries|seats?|offices?)\b|"
                             r"\b(?:races?|contests?|elections?|seats?)\b[^.]{0,40}\b(?:are|is|were|was)\s+(?:officially\s+)?non-?partisan\b", re.I)
_YEAR_RE = re.compile(r"(19|20)\d\d")


@lru_cache(maxsize=None)
def _country_patterns() -> dict[str, re.Pattern]:
    """One alternation per country of ``lexicons/countries.json`` (whole words only)."""
    return {code: re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w])")
            for code, words in load("countries")["countries"].items()}


def _clause_verb(tok: Token) -> Optional[Token]:
    """The verb whose clause a token sits in."""
    for _ in range(12):
        if tok.tag_.startswith("VB") and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _is_verb(tok: Token) -> bool:
    """A verb by its fine-grained tag (the tagger's own; the attribute ruler is not needed)."""
    return tok.tag_.startswith("VB") or tok.tag_ == "MD"


def _party_is_org(doc: Doc, c: Cue) -> bool:
    """"Democratic Party leaders", "Republican National Committee" are organisations, not a person's party."""
    nxt = doc[c.end].lower_ if c.end < len(doc) else ""
    return nxt in ("party", "national", "leaders", "leader", "caucus", "committee", "establishment", "voters", "side")


def _tag_state(text: str) -> Optional[str]:
    from models.normalize import normalize_state
    m = re.search(r"[A-Z]\s*-\s*([A-Z][A-Za-z. ]+)", text)
    return normalize_state(m.group(1).strip()) if m else None


def _district_value(c: Cue) -> Optional[str]:
    text = c.text
    if "large" in text.lower():
        return "at-large"
    m = re.search(r"(\d{1,3})", text)
    return normalize_district(m.group(1)) if m else None


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
