"""Rounds and party primaries: the article's main round, the round and primary party in force in
each sentence and at each figure, runoffs announced as still to come."""
from __future__ import annotations

from .base import *  # noqa: F401,F403  (the stage's shared drafts, vocabularies and helpers)


class StageMixin:
    # ------------------------------------------------------------------ stages
    def main_stage(self) -> tuple[str, Optional[Cue]]:
        heads = self._headline_sents
        order = sorted(heads) + [s for s in range(self.n_sents) if s not in heads][:2]
        strong = [c for s in order for c in self.sent_cues(s, "STAGE", "TOPTWO") if not self._weak_stage(c)
                  and not self._bracketed(c)]
        for s in order:
            for c in self.sent_cues(s, "STAGE", "TOPTWO"):
                if (self._weak_stage(c) and strong) or self._bracketed(c) or self._no_such_round(c):
                    continue
                v = "primary" if c.label == "TOPTWO" else c.value
                if v == "runoff" and self._advancing_to(c, meeting=True):
                    # "Moore, Strange advance to runoff": the article reports the round before it
                    party = any(p.label == "PARTY" and self._party_primary_cue(p) for p in self.m.cues)
                    return ("primary" if party else "general"), c
                if v == "recall" and any(x.label == "SPECIAL" and "election" in x.text.lower() for x in self.m.cues):
                    continue  # "recall contest" for a by-election a recall petition forced: the by-election
                if v == "earlier" and not self._past_year_before(c) and c.start not in self._past_tokens:
                    # "Duda has won the first round ...; he will compete in the second round": the story
                    # reports the first round
                    return ("primary" if self._party_article else "general"), c
                if v in ("primary", "general", "runoff", "recall"):
                    return v, c
        # "Tuesday's election was a runoff after no candidate received more than 50 percent": the story says
        # what the election it reports was
        for c in self.m.cues:
            if c.label != "STAGE" or c.value not in ("primary", "runoff") or self.in_quote[c.start]:
                continue
            root = self.doc[c.start:c.end].root
            if root.dep_ == "attr" and root.head.lower_ in ("was", "is") and any(
                    ch.dep_ == "nsubj" and ch.lower_ in ("election", "race", "vote", "contest") for ch in root.head.children):
                return c.value, c
        # nothing in the opening: a general election people "now go on to" in the body is the round after
        # the one reported -- a primary, when the story names one ("won the primary to advance to Tuesday's
        # general election" tells the past)
        primaries = [c for c in self.m.cues if c.label in ("STAGE", "TOPTWO") and
                     (c.label == "TOPTWO" or c.value == "primary") and not self.in_quote[c.start]]
        for s in range(self.n_sents):
            for c in self.sent_cues(s, "STAGE"):
                if self.in_quote[c.start] or self._bracketed(c) or self._no_such_round(c) or self._weak_stage(c) \
                        or c.value not in ("primary", "general", "runoff"):
                    continue
                a = self.m.sents[s][0]
                told_now = not any(t.tag_ == "VBD" for t in self.doc[a:c.start]) or any(
                    t.lower_ in ("will", "now") for t in self.doc[a:c.start])
                if c.value == "general" and told_now and self._advancing_to(c, meeting=True) and primaries:
                    return "primary", primaries[0]
        return "general", None

    def _no_such_round(self, c: Cue) -> bool:
        """"there won't be a runoff", "no runoff is needed", "without a runoff": a round that is not held."""
        if c.value not in ("runoff", "primary"):
            return False
        a = self.m.sents[c.sent][0]
        before = [t.lower_.replace("’", "'") for t in self.doc[max(c.start - 4, a):c.start]]
        while before and before[-1] in ("a", "an", "the", "be", "any"):
            before.pop()
        # (the negation is the round's own: "no incumbents in the runoff" names a runoff held)
        return bool(before) and (before[-1] in _cues("negations") or before[-1] == "without")

    def _in_relative(self, c: Cue) -> bool:
        """A round named in a relative clause ("X, who upset Y in the primary, ..."): that clause's only."""
        verb = _clause_verb(self.doc[c.start])
        return verb is not None and verb.dep_ == "relcl"

    def _bracketed(self, c: Cue) -> bool:
        """A round named inside square brackets ("[Primary May 4]" under a state's name): a note on the
        calendar, not the round the text reports."""
        text = self.text
        line_start = text.rfind("\n", 0, c.start_char) + 1
        line_end = text.find("\n", c.end_char)
        line_end = len(text) if line_end < 0 else line_end
        before, after = text[line_start:c.start_char], text[c.end_char:line_end]
        return before.rfind("[") > before.rfind("]") and "]" in after and after.find("]") < (after.find("[") % 10 ** 6)

    @staticmethod
    def _weak_stage(c: Cue) -> bool:
        """A nomination can be won in a primary or its runoff: it names no round by itself."""
        return "nomination" in key_of(c.rule) or key_of(c.rule) in ("nod",)

    def _advancing_to(self, c: Cue, meeting: bool = False) -> bool:
        """"advance to (the) runoff", "head to a runoff", "forced into a runoff", "sending both through to
        the second round"; with ``meeting``, also "will meet / face ... in a runoff"."""
        before = [t.lower_ for t in self.doc[max(c.start - 6, 0):c.start]]
        words = _ADVANCING_WORDS | ({"meet", "face", "faces", "compete"} if meeting else set())
        # "Woods and Miers are in a runoff": the runoff is still to come
        if before[-3:-1] == ["in", "a"] and len(before) >= 3 and before[-3] in ("are", "is", "be", "'re", "’re") \
                or before[-2:] == ["in", "a"] and len(before) >= 3 and before[-3] in ("are", "is", "be", "'re", "’re"):
            return True
        # "find themselves in a June 9 Senate runoff" in a May story: a runoff dated after the story is to come
        if meeting and self.published is not None and c.value == "runoff":
            for ent in doccache.ents(self.doc):
                if ent.label_ == "DATE" and 0 <= c.start - ent.end <= 2 and ent.sent.start <= c.start and \
                        any(t.like_num for t in ent):  # (a day with its date: "June 9", not "Saturday's")
                    day = resolve_date(ent.text, self.published, future=False)
                    if day is not None and day > self.published:
                        return True
        # "There will be a runoff election for sheriff": a runoff still to come
        if before[-3:] == ["will", "be", "a"] or before[-4:] == ["will", "now", "be", "a"]:
            return True
        toks = self.doc[max(c.start - 6, 0):c.start]
        # ("Advanced voting begins for runoffs": early voting, nobody advancing)
        return any(t.lower_ in words and not (t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ in
                                                ("voting", "ballot", "ballots", "polls"))
                   for t in toks)

    def _meeting_ahead(self, c: Cue) -> bool:
        """A general-election cue that says where people will meet ("... will face Y in November"): a face
        / take on / square off verb shortly before it in its sentence, or any verb of a "to" clause."""
        a, _ = self.m.sents[c.sent]
        verbs = {w.split("-")[0] for w in _cues("general_ahead_verbs")} - {"will"}
        if any(t.lower_ in verbs for t in self.doc[max(c.start - 10, a):c.start]):
            return True
        # "won ... for the right to lose to Y in November": the round of a "to" clause is that clause's
        verb = _clause_verb(self.doc[c.start])
        return verb is not None and verb.tag_ == "VB" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in verb.children)

    def _general_ahead(self, c: Cue) -> bool:
        """A meeting still to come that the sentence puts in the general election ("will face X in
        November", "in the fall", "in the general election")."""
        if not (c.label == "ADVANCE" or key_of(c.rule) in _cues("general_ahead_verbs")):
            return False
        a, b = self.m.sents[c.sent]
        words = [t.lower_ for t in self.doc[c.end:b]]
        return any(w in _cues("general_ahead") for w in words) or any(
            x == "general" and y in ("election", "elections") for x, y in zip(words, words[1:]))

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
        # "A trounced B, who upset C in the primary": a round named in a relative clause is
        # that clause's (and only its)
        own = _clause_verb(self.doc[at])
        if own is not None and own.dep_ == "relcl":
            mine = [c for c in cues if getattr(_clause_verb(self.doc[c.start]), "i", -1) == own.i and c.label == "STAGE"]
            if mine:
                v = min(mine, key=lambda c: abs(c.start - at)).value
                return self.resolve_earlier(main, party_article) if v == "earlier" else v
        # "won ... for the right to lose to Y in November": Y's round is the one of Y's "to" clause
        if own is not None and own.tag_ == "VB" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in own.children):
            mine = [c for c in cues if getattr(_clause_verb(self.doc[c.start]), "i", -1) == own.i and c.label == "STAGE"
                    and c.value in ("general", "runoff")]
            if mine:
                return mine[0].value
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
        return bool(_NONPARTISAN_RE.search(self.text))

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
        # "beat X in a runoff held today", "in a runoff on Tuesday": a round with its day is the one told
        nxt = self.doc[c.end:min(c.end + 3, len(self.doc))]
        if len(nxt) >= 2 and nxt[0].lower_ in ("held", "on") and (
                nxt[1].ent_type_ == "DATE" or nxt[1].lower_ in ("today", "tuesday", "saturday", "yesterday")):
            return False
        return bool(prev) and (prev[-1] in ("a", "an") or (len(prev) > 1 and prev[-2] in ("a", "an") and
                                                           self.doc[c.start - 1].ent_type_ in ("NORP", "ORG")))

    def _winner_of(self, c: Cue) -> bool:
        """"The winner of the GOP runoff will take on ...": the sentence is about the round after."""
        prev = [t.lower_ for t in self.doc[max(c.start - 6, 0):c.start]]
        return "winner" in prev and "of" in prev[prev.index("winner"):]

    def resolve_earlier(self, main: str, party_article: bool) -> str:
        """The round a "first round" is: before a runoff, the party's primary or the general; in a story of
        a general with two rounds, the general itself; else the primary."""
        if main in ("runoff", "general"):
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
                if self.in_quote[c.start] or self._indefinite(c) or (self._weak_stage(c) and main == "runoff") or \
                        self._bracketed(c) or self._in_relative(c) or self._no_such_round(c):
                    continue
                v = "primary" if c.label == "TOPTWO" else c.value
                if v == "earlier":
                    v = self.resolve_earlier(main, party_article)
                elif v in ("primary", "runoff") and self._winner_of(c):
                    v = "general"
                elif v == "general" and main == "primary" and self._meeting_ahead(c):
                    continue  # "beat X for the right to face Y in November": the sentence reports the primary
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
        # "X won with 33% ... Y was second with 22% ... Both will now compete in the run-off": the
        # sentences just before a runoff announced as still to come, carrying the runoff with no round of
        # their own, told the round before it
        for s in range(self.n_sents):
            a = self.m.sents[s][0]
            ahead = [c for c in self.sent_cues(s, "STAGE") if c.value == "runoff" and not self.in_quote[c.start]
                     and self._advancing_to(c, meeting=True)
                     and any(t.lower_ in ("will", "'ll", "’ll") for t in self.doc[a:c.start])]
            if not ahead:
                continue
            for k in range(s - 1, max(s - 4, -1), -1):
                if ctx[k] != "runoff" or self.sent_cues(k, "STAGE", "TOPTWO") or self._heading(k):
                    break
                ctx[k] = self.resolve_earlier("runoff", party_article)
        return ctx

    @cached_property
    def _primary_parties(self) -> set[str]:
        """The parties whose primaries the story names ("the Democratic primary", "GOP nomination")."""
        return {c.value for c in self.m.cues if c.label == "PARTY" and self._party_primary_cue(c)}

    @cached_property
    def _party_article(self) -> bool:
        """A story of party primaries: it names a primary and a party's primary."""
        return any(c.label == "STAGE" and c.value == "primary" for c in self.m.cues) and bool(self._primary_parties)

    def _party_primary_cue(self, c: Cue) -> bool:
        """"Democratic primary", "GOP nomination", "Republican lieutenant governor nomination",
        "among Democrats", "For Republicans," -- a party naming whose primary this is."""
        doc = self.doc
        prev = doc[c.start - 1] if c.start else None
        if prev is not None and prev.lower_ in ("a", "an"):
            return False
        stage_words = _cues("party_primary_words")
        k = c.end
        while k < min(c.end + 4, len(doc)) and doc[k].lower_ not in stage_words and doc[k].lower_ in _PRIMARY_BRIDGE:
            k += 1
        if k < len(doc) and doc[k].lower_ in stage_words:
            return True
        if c.end < len(doc) and doc[c.end].lower_ == "side" and c.start > 1 and \
                doc[c.start - 2].lower_ in ("on", "for") and doc[c.start - 1].lower_ == "the":
            return True  # "On the Democratic side, ..." in a primary story
        if prev is not None and prev.lower_ == "the" and c.start > 1 and doc[c.start - 2].lower_ in ("among", "for"):
            prev = doc[c.start - 2]  # "For the Democrats, X picked up 55%"
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
