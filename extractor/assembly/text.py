"""The text as the assembly reads it: sentences and their people and cues, quotes, the headline,
sentences about earlier cycles, headings and lead labels, clause segments, evidence spans."""
from __future__ import annotations

from .base import *  # noqa: F401,F403  (the stage's shared drafts, vocabularies and helpers)


class TextMixin:
    # ------------------------------------------------------------------ helpers
    @cached_property
    def _tok_texts(self) -> list[str]:
        """Every token's text, read once from the doc's arrays (no Token objects made)."""
        strings = self.doc.vocab.strings
        return [strings[o] for o in self.doc.to_array("ORTH").tolist()] if len(self.doc) else []

    @cached_property
    def _tok_lowers(self) -> list[str]:
        strings = self.doc.vocab.strings
        return [strings[o] for o in self.doc.to_array("LOWER").tolist()] if len(self.doc) else []

    def _quotes(self) -> list[bool]:
        inside, out = False, []
        prev_para = -1
        paragraphs = self.m.paragraphs
        for i, text in enumerate(self._tok_texts):
            s = self.tok2sent[i]
            para = paragraphs[s] if s < len(paragraphs) else 0
            if para != prev_para:
                inside, prev_para = False, para
            if text in ("“", "«"):
                inside = True
                out.append(True)
                continue
            if text in ("”", "»"):
                out.append(True)
                inside = False
                continue
            if text == '"' or text == "''" or text == "``":
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
        strings = self.doc.vocab.strings
        arr = self.doc.to_array(["TAG", "ENT_TYPE"]).tolist() if len(self.doc) else []
        for i, text in enumerate(self._tok_texts):
            if _YEAR_RE.fullmatch(text) and strings[arr[i][0]] == "CD" and \
                    (arr[i][1] == 0 or strings[arr[i][1]] in ("DATE", "EVENT")):
                out.append((i, int(text)))
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
            if y < year and self._subordinate_head(i, modifiers=True) is None and not self._names_a_thing(i) \
                    and not self._in_parentheses(i):
                out.add(self.tok2sent[i])
        return out

    def _in_parentheses(self, i: int) -> bool:
        """Token ``i`` sits inside a parenthetical of its sentence ("(..., went 52% to 47% for the president in 2008)")."""
        a, _ = self.m.sents[self.tok2sent[i]]
        depth = 0
        for t in self.doc[a:i]:
            depth += (t.text == "(") - (t.text == ")")
        return depth > 0

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
        # within the sentence ("... for attorney general. Miller received"), unless the parser cut it
        # where no stop is ("Incumbent | Republican Ann Cole received ...")
        a = self.m.sents[mm.sent][0]
        if a > 0 and self.doc[a - 1].text not in (".", "!", "?", ";", ":") and "\n" not in self.doc[a - 1].text_with_ws:
            a = 0
        return [t.lower_ for t in self.doc[max(mm.start - 5, a):mm.start] if t.text != "."][-3:]

    @staticmethod
    def _ends_with_title(window: list[str], titles) -> bool:
        tail = " " + " ".join(window)
        return any(tail.endswith(" " + t) for t in titles)

    @cached_property
    def _dateline_place(self) -> Optional[str]:
        """The place of a wire dateline opening one of the first lines ("MARLOW PARISH, La. (KXYZ) -",
        "TOLEDO, Ohio --"): capitals, a comma, then a state, a bracket or a dash."""
        for s in range(min(self.n_sents, 4)):
            a, b = self.m.sents[s]
            if not (a == 0 or "\n" in self.doc[a - 1].text_with_ws):
                continue
            k = a
            while k < min(a + 5, b) and self.doc[k].is_upper and self.doc[k].is_alpha:
                k += 1
            if k == a or k >= b - 1 or self.doc[k].text != ",":
                continue
            nxt = self.doc[k + 1]
            if normalize_state(nxt.text.rstrip(".")) or nxt.text in ("(", "—", "–", "-", "--"):
                return " ".join(t.text.title() for t in self.doc[a:k])
        return None

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

    def _segment(self, i: int) -> int:
        """Which clause of its sentence a token is in, cutting at ";", ":" and ", while"."""
        return self._segments[i]

    @cached_property
    def _segments(self) -> list[int]:
        texts, lowers = self._tok_texts, self._tok_lowers
        out, n, cur_sent = [0] * len(texts), 0, -1
        for i, text in enumerate(texts):
            if self.tok2sent[i] != cur_sent:
                cur_sent, n = self.tok2sent[i], 0
            out[i] = n
            if text in (";", ":") or (text == "," and i + 1 < len(texts) and lowers[i + 1] in ("while", "whereas")):
                n += 1
        return out

    def _told_with(self, s: int, r: RaceDraft) -> bool:
        """Is sentence ``s`` part of the telling of race ``r``: one of its sentences, their paragraph, or
        the section (heading, lead label) they stand under?"""
        if s in r.sents:
            return True
        # (or it names two of its people: "A and B woke up to find themselves in a runoff")
        named = {pi for pi, _ in self.sent_mentions(s)}
        if len(named & set(r.cands)) >= 2:
            return True
        paras = {self.m.paragraphs[x] for x in r.sents}
        if self.m.paragraphs[s] in paras:
            return True
        sections = {self._section[x] for x in r.sents if self._section[x] >= 0}
        return self._section[s] >= 0 and self._section[s] in sections
