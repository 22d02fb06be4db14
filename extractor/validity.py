"""Stage 4b: race validity. The races that assembly found stand only as contests for public office
between people; poll figures are no results.

Reads the parsed doc and the race dicts of ``assemble`` (RECORD.md's shape with ``_evidence``) and
returns what stands, with the vocabularies of ``lexicons/contests.json``:

1. another kind of contest: an article whose cues of sports, awards, TV votes, corporate, union or
   party-leadership contests reach ``OTHER_CONTEST_RATIO`` of its election anchors reports no race, and
   with any such cue, a race for no named public office (``other``) goes;
2. people: a candidate whose name is a company, team, band, place or party (a name of two words or
   more tagged as a place or product by NER twice and never as a person, a party name of two words,
   a name holding a word of ``not_person_words``, or a name the article gives a seat: "the
   constituency of X", "MP for X", "contest X", "the X by-election") is dropped, and so is a name
   the article mentions only where a candidacy is ruled out or speculated about ("ruled out standing
   against X"); a race left without candidates goes;
3. figures: a vote count after a currency sign, or in a prose sentence with neither a vote word nor a
   percentage, is no vote count; a share of something else ("40% of the party's candidates") or in a
   sentence about the economy ("growth of 3%") is no vote share; a share or an outcome by a poll word
   is a poll figure, never a ``vote_pct`` or an outcome, and in a poll story (most shares by a poll
   word) every share is;
4. contest: a race with no result stands only when a sentence of its people or its election holds a
   candidacy word ("candidate", "running for", "by-election"; not the sentence where only its office
   is named, nor an institution's name: "a Special Election Commission"), its people are listed a line
   each, or they all have results in another race (the runoff a round heads to); a race of one name
   with a result, only when one of its sentences (the sentence of a result, if the race names no
   office) holds a public-contest word other than its own outcome verb ("won" alone is no contest:
   "took on the bank and won");
5. kind: an article whose races keep no result and whose shares were poll figures is a ``poll``; and
   in a story the kind model (``kind.py``) calls a poll, no number is a share or an outcome.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Optional

import numpy

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from models.normalize import normalize_state

from . import doccache
from .gate import anchor_phrases
from .lexicons import clause_break, load
from .mentions import SPANS_KEY

_FIELD = re.compile(r"^candidates\[(\d+)\]\.(.+)$")
#: NER labels of things that are not people
#: (not ORG: the small model tags many candidates so, companies are told by ``not_person_words``; not
#: WORK_OF_ART: a quoted nickname)
NOT_PERSON_LABELS = {"GPE", "LOC", "NORP", "FAC", "PRODUCT"}
CURRENCY = set("£$€¥")
#: a line of at most this many characters is a results row (a vote count needs no vote word there)
RESULTS_ROW_CHARS = 100
#: an article whose other-contest cues reach this share of its election anchors tells another contest
OTHER_CONTEST_RATIO = 0.3


class Validity:
    """``validity(doc, kind, races, warnings) -> (kind, races, warnings)``."""

    def __init__(self, nlp: Language):
        lex = load("contests")
        self.public = self._matcher(nlp, "PUBLIC", lex["public_contest"])
        self.anchors = self._matcher(nlp, "ANCHOR", anchor_phrases())
        self.other = self._matcher(nlp, "OTHER", [p for group in lex["other_contests"].values() for p in group])
        self.poll = self._matcher(nlp, "POLL", lex["poll_words"])
        self.candidacy = self._matcher(nlp, "CANDIDACY", lex["candidacy_words"])
        self.economy = self._matcher(nlp, "ECONOMY", lex["economy_words"])
        self.vote_words = frozenset(lex["vote_words"])
        self.share_of = frozenset(lex["share_of_votes"])
        self.not_person = frozenset(lex["not_person_words"])
        self.make_doc = nlp.make_doc
        self._tokens_cache: dict[str, tuple[str, ...]] = {}
        self.bare_outcome = frozenset(lex["bare_outcome_words"])
        self.institution = frozenset(lex["institution_after"])
        self.seat_before = [tuple(p.split()) for p in lex["seat_name_before"]]
        self.seat_after = frozenset(lex["seat_name_after"])
        self.ruled_out = self._matcher(nlp, "RULED_OUT", lex["no_candidacy_words"])

    @staticmethod
    def _matcher(nlp: Language, key: str, phrases: list[str]) -> PhraseMatcher:
        m = PhraseMatcher(nlp.vocab, attr="LOWER")
        m.add(key, [nlp.make_doc(p) for p in phrases])
        return m

    def __call__(self, doc: Doc, kind: str, races: list[dict], warnings: list) -> tuple[str, list[dict], list]:
        try:
            return self._judge(doc, kind, races, warnings)
        finally:  # (the per-doc indexes below live only while a doc is judged)
            doc.user_data.pop("_validity_token_index", None)
            doc.user_data.pop("_validity_ruled_out", None)

    def _judge(self, doc: Doc, kind: str, races: list[dict], warnings: list) -> tuple[str, list[dict], list]:
        if not races:
            return kind, races, warnings
        if self.other_contest(doc):
            return "not_election", [], []
        # a race for no named public office stands only in an article with no cue of another contest
        if any(self.other(doc)):
            races = [r for r in races if r["office"]["kind"] != "other"]
        ctx = _Context(doc, self)
        shares = [ev for r in races for ev in r.get("_evidence", []) if ev["field"].endswith(".vote_pct")]
        # a poll story: most of its shares sit by a poll word, and then all of them are poll figures
        poll_story = bool(shares) and 2 * sum(ctx.in_poll_sentence(ev) for ev in shares) >= len(shares)
        out, poll_shares, pending = [], 0, set()
        for race in races:
            race = self._people(doc, race)
            if race is None:
                continue
            race, stripped = self._figures(ctx, race, poll_story)
            poll_shares += stripped
            if self._anchored(ctx, race):
                out.append(race)
            elif not _has_result(race):
                out.append(race)
                pending.add(id(race))
        # a race with no result of people who have results in another race stands too (the runoff
        # a round with figures heads to)
        with_results = [{c["name"] for c in r["candidates"]} for r in out if id(r) not in pending and _has_result(r)]
        out = [r for r in out if id(r) not in pending or
               any({c["name"] for c in r["candidates"]} <= names for names in with_results)]
        if not out:
            return "not_election", [], []
        results = any(c.get("vote_pct") is not None or c.get("votes") is not None or c.get("outcome")
                      for r in out for c in r["candidates"])
        if poll_shares and not results:
            kind = "poll"
        elif kind in ("results", "roundup") and not results:
            kind = "preview"
        return kind, out, warnings

    @staticmethod
    def poll_story(races: list[dict]) -> list[dict]:
        """A poll story's races: its numbers are poll figures, never shares or outcomes."""
        out = []
        for race in races:
            race = dict(race)
            race["candidates"] = [dict(c, vote_pct=None, outcome=None) for c in race["candidates"]]
            race["_evidence"] = [ev for ev in race.get("_evidence", [])
                                 if not ((m := _FIELD.match(ev["field"])) and m.group(2) in ("vote_pct", "outcome"))]
            out.append(race)
        return out

    # ------------------------------------------------------------------------------------- 1. contests
    def other_contest(self, doc: Doc) -> bool:
        """Cues of sports, awards, TV votes, boards, unions, party leaderships are many beside the election
        anchors (``lexicons/anchors.json``)."""
        other = len(self.other(doc))
        return other > 0 and other > OTHER_CONTEST_RATIO * len(self.anchors(doc))

    # --------------------------------------------------------------------------------------- 2. people
    def _people(self, doc: Doc, race: dict) -> Optional[dict]:
        evidence = race.get("_evidence", [])
        name_ev = {}
        for ev in evidence:
            m = _FIELD.match(ev["field"])
            if m and m.group(2) == "name":
                name_ev[int(m.group(1))] = ev
        keep = [i for i, c in enumerate(race["candidates"]) if self.is_person(doc, c.get("name") or "", name_ev.get(i))
                and not self.seat_name(doc, c.get("name") or "") and not self.ruled_out_only(doc, c.get("name") or "")]
        if not keep:
            return None
        if len(keep) == len(race["candidates"]):
            return race
        new_index = {old: new for new, old in enumerate(keep)}
        race = dict(race)
        race["candidates"] = [race["candidates"][i] for i in keep]
        race["_evidence"] = _renumbered(evidence, new_index)
        return race

    def is_person(self, doc: Doc, name: str, ev: Optional[dict]) -> bool:
        words = [w.strip(".,'’") for w in name.lower().split()]
        if not words or any(w in self.not_person for w in words):
            return False
        if len(words) > 1 and words[-1] == "house" and normalize_state(" ".join(words[:-1])) is not None:
            return False  # "Florida House": a state's chamber
        if ev is None:
            return True
        span = doc.char_span(ev["start"], ev["end"], alignment_mode="expand")
        if span is None:
            return True
        label = span[-1].ent_type_  # the surname's reading ('Dewey "Dude" Simmons')
        if label == "PERSON":
            return True
        party = {i for s in doc.spans.get(SPANS_KEY, []) if s.label_ == "PARTY" for i in range(s.start, s.end)}
        if len(span) > 1 and all(t.i in party for t in span):
            return False  # "Lib Dems" (one word may be a surname: "Angela Green", read "Green")
        if label not in NOT_PERSON_LABELS or len(span) < 2:
            return True  # a name in a candidate's slot, or a surname
        # the name is a thing's name: NER reads it so twice or more and never as a person ("Nippon
        # Steel", "Sri Lanka"); the small model often tags a person as a thing once
        whole = name.lower()
        readings = [e.label_ for e in doc.ents if whole in e.text.lower() or e.text.lower() in whole]
        return "PERSON" in readings or sum(1 for r in readings if r in NOT_PERSON_LABELS) < 2

    def seat_name(self, doc: Doc, name: str) -> bool:
        """The article gives the name a seat: right after a seat's words ("the constituency of X", "MP
        for X", "contest X") or before a seat noun ("the X by-election"): a constituency, not a person."""
        words = list(self._token_texts(name))
        lowers = doccache.lowers(doc)
        for start in _mentions(doc, words):
            end = start + len(words)
            if any(start >= len(before) and tuple(lowers[start - len(before):start]) == before
                   for before in self.seat_before):
                if end < len(doc) and lowers[end] in ("'s", "’s"):
                    continue  # "contest Smith's seat"
                return True
            if end < len(doc) and lowers[end] in self.seat_after:
                return True
        return False

    def _token_texts(self, text: str) -> tuple[str, ...]:
        """The tokenizer's reading of a name (kept: names come back for every race and article)."""
        got = self._tokens_cache.get(text)
        if got is None:
            if len(self._tokens_cache) > 50_000:
                self._tokens_cache.clear()
            got = self._tokens_cache[text] = tuple(t.text for t in self.make_doc(text))
        return got

    def ruled_out_only(self, doc: Doc, name: str) -> bool:
        """Every sentence that names the person (by full name or surname) rules a candidacy out or
        speculates about one ("quashed speculation that he would stand against X"): no candidate."""
        parts = {self._token_texts(part) for part in (name, name.split()[-1] if name.split() else "")}
        sent_starts = doccache.sent_starts(doc) if any(parts) else []
        sents = {sent_starts[i] for part in parts if part for i in _mentions(doc, list(part))}
        if not sents:
            return False
        ruled = doc.user_data.get("_validity_ruled_out")
        if ruled is None:
            ruled = doc.user_data["_validity_ruled_out"] = {doc[s].sent.start for _, s, _ in self.ruled_out(doc)}
        return sents <= ruled

    # -------------------------------------------------------------------------------------- 3. figures
    def _figures(self, ctx: "_Context", race: dict, poll_story: bool = False) -> tuple[dict, int]:
        """Drops vote counts outside a vote sentence, shares and outcomes by a poll word (every share of a
        poll story), and shares in a sentence that names no contest."""
        drop: set[tuple[int, str]] = set()
        for ev in race.get("_evidence", []):
            m = _FIELD.match(ev["field"])
            if not m:
                continue
            i, f = int(m.group(1)), m.group(2)
            if f == "votes" and (ctx.money(ev) or not (ctx.has_vote_word(ev) or ctx.has_share(ev) or ctx.results_row(ev))):
                drop.add((i, f))
            elif f in ("vote_pct", "outcome") and ctx.in_poll_sentence(ev):
                drop.add((i, f))
            elif f == "vote_pct" and (poll_story or ctx.share_of_other(ev) or ctx.in_economy_sentence(ev)):
                drop.add((i, f))
        if not drop:
            return race, 0
        race = dict(race)
        cands = [dict(c) for c in race["candidates"]]
        for i, f in drop:
            if i < len(cands):
                cands[i][f] = None
        race["candidates"] = cands
        race["_evidence"] = [ev for ev in race.get("_evidence", [])
                             if not ((m := _FIELD.match(ev["field"])) and (int(m.group(1)), m.group(2)) in drop)]
        return race, sum(1 for _, f in drop if f == "vote_pct")

    # -------------------------------------------------------------------------------------- 4. contest
    def _anchored(self, ctx: "_Context", race: dict) -> bool:
        evidence = race.get("_evidence", [])
        if not _has_result(race):
            # no result: a contest only if a sentence of its people or its election says someone runs
            # (the sentence where the office is named may be about anything: "elected to the ward, they
            # deny collecting votes"), or its people are listed a line each (a listing's lines name no
            # contest)
            told = [ev for ev in evidence if not ev["field"].startswith("office.")]
            return any(ctx.in_candidacy_sentence(ev) for ev in told) or any(
                ev["field"].endswith(".name") and ctx.results_row(ev) for ev in evidence)
        if len(race["candidates"]) >= 2:
            return True  # a field with results
        # one name with a result: a contest word in its sentences other than its own bare outcome verb
        # ("took on the bank and won"; "re-elected" tells an election itself)
        own = [(ev["start"], ev["end"]) for ev in evidence if ev["field"].endswith(".outcome")
               and ev["text"].lower() in self.bare_outcome]
        if race["office"]["kind"] == "other":
            # no office named: only the sentence of the result can tell that it was an election's
            evidence = [ev for ev in evidence if ev["field"].endswith((".outcome", ".vote_pct", ".votes"))]
        return any(ctx.in_public_sentence(ev, own) for ev in evidence)


class _Context:
    """Sentences of one doc and the words found in them."""

    def __init__(self, doc: Doc, v: Validity):
        self.doc = doc
        self.text = doccache.text(doc)  # (Doc.text joins every token again at each read)
        self.v = v
        self.starts = [s.start_char for s in doc.sents]
        self._public: dict[int, list[tuple[int, int]]] = {}
        for _, s, e in v.public(doc):
            span = doc[s:e]
            self._public.setdefault(self.sent_of(span.start_char), []).append((span.start_char, span.end_char))
        self._poll: dict[int, list[int]] = {}  # sentence -> where its poll words start
        for _, s, e in v.poll(doc):
            self._poll.setdefault(self.sent_of(doc[s:e].start_char), []).append(doc[s:e].start_char)
        # "a Special Election Commission", "the Electoral Commission": an institution's name tells no contest
        self._candidacy = {self.sent_of(doc[s:e].start_char) for _, s, e in v.candidacy(doc)
                           if not (e < len(doc) and doc[e].lower_ in v.institution and doc[e].is_title)}
        self._economy = {self.sent_of(doc[s:e].start_char) for _, s, e in v.economy(doc)}
        self._sents = list(doc.sents)
        self._shares = {self.sent_of(s.start_char) for s in doc.spans.get(SPANS_KEY, []) if s.label_ == "PCT"}

    def sent_of(self, char: int) -> int:
        return max(bisect_right(self.starts, char) - 1, 0)

    def in_public_sentence(self, ev: dict, besides: list[tuple[int, int]] = ()) -> bool:
        """A public-contest word in the sentence of ``ev``, other than the words at ``besides``."""
        return any(not any(a < e and s < b for s, e in besides) for a, b in self._public.get(self.sent_of(ev["start"]), []))

    def share_of_other(self, ev: dict) -> bool:
        """"40% of the party's candidates": the percentage is of something named, and not of a vote."""
        span = self.doc.char_span(ev["start"], ev["end"], alignment_mode="expand")
        if span is None or span.end >= len(self.doc) or self.doc[span.end].lower_ != "of":
            return False
        after = []
        for t in self.doc[span.end + 1: span.end + 7]:
            if (t.is_punct and t.text != "-") or t.is_space:
                break
            after.append(t)
        return bool(after) and not any(t.lower_ in self.v.vote_words or t.lower_ in self.v.share_of for t in after)

    def money(self, ev: dict) -> bool:
        """A currency sign before the number ("£100,000"): money, not votes."""
        return ev["start"] > 0 and self.text[ev["start"] - 1] in CURRENCY

    def in_poll_sentence(self, ev: dict) -> bool:
        """A poll word in the sentence of ``ev`` -- not one in a later clause of its own ("was third with
        15%, and exit poll data showed ...": the share is the count's)."""
        return any(at < ev["start"] or not clause_break().search(self.text, ev["end"], at)
                   for at in self._poll.get(self.sent_of(ev["start"]), ()))

    def in_economy_sentence(self, ev: dict) -> bool:
        return self.sent_of(ev["start"]) in self._economy

    def in_candidacy_sentence(self, ev: dict) -> bool:
        return self.sent_of(ev["start"]) in self._candidacy

    def has_share(self, ev: dict) -> bool:
        """A percentage in the sentence (a results line: "Rita Hart (D) 196,958 (49.9%)")."""
        return self.sent_of(ev["start"]) in self._shares

    def results_row(self, ev: dict) -> bool:
        """A short line of its own ("Bill Owens (D) 61,666"): a listing's row, not a sentence of prose."""
        text = self.text
        # (the line the figure starts on: a figure's span may run over the line's end)
        start, end = text.rfind("\n", 0, ev["start"]) + 1, text.find("\n", ev["start"])
        return (len(text) if end < 0 else end) - start <= RESULTS_ROW_CHARS

    def has_vote_word(self, ev: dict) -> bool:
        sent = self._sents[self.sent_of(ev["start"])]
        return any(t.lower_ in self.v.vote_words for t in sent)


def _has_result(race: dict) -> bool:
    return any(c.get("vote_pct") is not None or c.get("votes") is not None or c.get("outcome")
               for c in race["candidates"])


def _mentions(doc: Doc, words: list[str]) -> list[int]:
    """Token indices where a name (its exact token texts) starts in the doc (an index of the doc's token
    texts is built once per doc)."""
    if not words:
        return []
    orths = doc.user_data.get("_validity_token_index")
    if orths is None:
        orths = doc.user_data["_validity_token_index"] = doc.to_array("ORTH")  # no Token objects made
    key = doc.vocab.strings[words[0]] if words[0] in doc.vocab.strings else None
    if key is None:
        return []
    n = len(words)
    return [i for i in numpy.flatnonzero(orths == key).tolist() if [x.text for x in doc[i:i + n]] == words]


def _renumbered(evidence: list[dict], new_index: dict[int, int]) -> list[dict]:
    out = []
    for ev in evidence:
        m = _FIELD.match(ev["field"])
        if not m:
            out.append(ev)
            continue
        old = int(m.group(1))
        if old in new_index:
            out.append(dict(ev, field=f"candidates[{new_index[old]}].{m.group(2)}"))
    return out
