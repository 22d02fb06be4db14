"""Shared data of race assembly (stage 4): the drafts it builds (Ev, OfficeCtx, CandFacts, RaceDraft,
Assembly), its vocabularies and small helpers. The stage's modules import everything from here."""

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
from .. import doccache
from ..dates import resolve_date
from ..lexicons import clause_break, load, word_set
from ..listings import Context as ListingContext, add_listings
from ..mentions import Cue, Mention, Mentions, Person
from ..rules import key_of

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
    #: the country of a nation's office in a story of several countries' elections (else None: the story's)
    country: Optional[str] = None

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
        return (self.kind, self.district, self.state, self.jurisdiction, self.post, self.country)


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
    features: dict = field(default_factory=dict)   # person -> candidate features (while training)
    scores: dict = field(default_factory=dict)     # person -> fitted probability of being a candidate

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


_PRIMARY_BRIDGE = _cues("primary_bridge")
#: nouns of a contest whose "with" / "against" / "from" names the opponent ("a tight race with X")
_CONTEST_NOUNS = _cues("contest_nouns")
_CONSTITUENCY_KINDS = {"national_legislature", "regional_legislature"}
_COUNTRY_WORDS = _cues("country_words")
_NOT_PLACE = {"another", "the", "a", "an", "new", "in", "of", "commons", "parliament", "house", "senate", "assembly", "congress", "legislature", "lords", "chamber"}
#: a nation's own offices (kept apart by country in a story of several countries' elections)
_NATIONAL_KINDS = {"head_of_state", "head_of_government", "national_legislature"}
_LOCAL = {"mayor", "city_council", "county_executive", "county_legislature", "sheriff", "prosecutor", "school_board",
          "other_local"}
#: the districted body beside a local executive: its seats are the districts a roundup of that place lists
_COUNCIL_OF = {"mayor": "city_council", "city_council": "city_council", "county_executive": "county_legislature",
               "county_legislature": "county_legislature"}
_DISTRICTED = {"us_house", "state_senate", "state_house", "city_council", "county_legislature", "school_board", "judicial"}
_STRONG_UNDECIDED = {"too-close-to-call", "uncalled", "ballots-to-count", "ballots-left-to-count", "votes-to-count",
                     "remain-to-be-counted", "yet-to-be-counted", "still-to-be-counted", "left-to-be-counted",
                     "outstanding-ballots", "not-yet-been-called", "too-early-to-call", "race-has-not-been-called",
                     "not-yet-called", "has-not-been-called", "still-being-counted", "still-need-to-be-counted"}
_WIN_NO_OBJECT = {"won", "wins", "win", "elected", "re-elected", "reelected", "secured", "secures", "captured", "captures",
                  "took", "takes", "retained", "retains", "clinched", "clinches", "winner", "victor", "victorious", "held-onto", "held-on-to", "holds-on-to",
                  "hung-on-to", "hangs-on-to", "hung-onto",
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
                 "overcomes"}
_SUCC_BEFORE = {"held-the-seat", "represented-the-district", "predecessor", "old-seat", "old-riding", "former-seat",
                "former-riding", "old-district"}
_VACATING = {"died", "resigned", "appointed", "expelled", "recalled"}
_ROLE_NOUNS = _cues("candidacy_role_nouns")
_ELECTION_WORDS = _cues("election_words")
_US_FOREIGN_CLASH = {"Labour", "Reform UK", "SNP", "NDP", "Bloc Québécois", "Plaid Cymru", "Liberal Democrats"}


_NONPARTISAN_RE = re.compile(r"\bnon-?partisan\s+(?:contests?|races?|elections?|primary|primaries|seats?|offices?)\b|"
                             r"\b(?:races?|contests?|elections?|seats?)\b[^.]{0,40}\b(?:are|is|were|was)\s+(?:officially\s+)?non-?partisan\b", re.I)
_YEAR_RE = re.compile(r"(19|20)\d\d")


@lru_cache(maxsize=None)
def _country_words() -> tuple[re.Pattern, dict[str, str]]:
    """One alternation of every word of ``lexicons/countries.json`` (whole words, longest first) and the
    country each word places a contest in: one scan of a text counts them all."""
    words: dict[str, str] = {}
    for code, ws in load("countries")["countries"].items():
        for w in ws:
            words.setdefault(w, code)
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w])(?:" + alternation + r")(?![\w])"), words


def _clause_verb(tok: Token) -> Optional[Token]:
    """The verb whose clause a token sits in."""
    for _ in range(12):
        if tok.tag_.startswith("VB") and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _claimed_victory(cf: "CandFacts") -> bool:
    """A "won" told only by a claim ("declared victory", "claimed victory"): a claim, not yet a result."""
    rules = [key_of(e.rule) for e in cf.evidence if e.field == "outcome"]
    return bool(rules) and all(r.endswith("victory") and r.startswith(("claim", "declar", "proclaim")) for r in rules)


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
    if m is None:
        # "the First Congressional District"
        words = load("cues")["ordinal_words"]
        first = text.split()[0].lower() if text.split() else ""
        return str(words.index(first) + 1) if first in words else None
    return normalize_district(m.group(1))

#: every name above, for the stage's modules (``from .base import *``)
__all__ = [n for n in dir() if not n.startswith("__")]
