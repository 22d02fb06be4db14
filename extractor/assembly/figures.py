"""Figures: which person each vote share and vote count in a sentence belongs to."""
from __future__ import annotations

from .base import *  # noqa: F401,F403  (the stage's shared drafts, vocabularies and helpers)


class FigureMixin:
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
        if not mentions or all(pi == mentions[0][0] for pi, _ in mentions):
            # "The totals were 1,204 to 1,150, or 51% to 49%.", "He won by a margin of 60% to 40%": a
            # sentence naming nobody else whose figures come in pairs gives them to the winner and the loser
            # the sentence before told
            paired = self._pairs_after_result(s, figs)
            if paired:
                return paired
        if not mentions and not any(t.lower_ in ("he", "she") for t in doc[a:b]):
            return out
        distract_near = _cues("figure_distractors")
        distract_before = _cues("figure_distractors_before")
        vote_after = _cues("vote_distractors_after")
        negations = _cues("negations")
        blocked_pairs = [list(p) for p in load("cues")["figure_blocked_pairs"]]
        figs = sorted(figs + self._split_firsts(s, figs), key=lambda c: c.start)
        usable = []
        fig_starts = {(o.label, o.start) for o in figs}
        other_starts = {o.start for o in figs}
        fig_ends = {(o.label, o.end) for o in figs}
        past = self._past_tokens
        for c in figs:
            if c.start in past or self._aside_figure(c):
                continue
            # (a word of a name is no cue word: "Ocean Point", "Turnout Road")
            before = [("" if t.tag_ in ("NNP", "NNPS") else t.lower_) for t in doc[max(c.start - 3, a):c.start]]
            after = []
            for t in doc[c.end:min(c.end + 5, b)]:
                if t.text in (",", ";", ".", "—", "–") or t.lower_ in ("with", "according") or t.i in other_starts:
                    break  # "with 19.8 percent, well ahead of the others", "46% with all precincts reporting";
                    # ("900 votes for a 61.5% margin": the words after the next figure are that one's)
                after.append("" if t.tag_ in ("NNP", "NNPS") else t.lower_)
            pair_next = c.end < b and doc[c.end].lower_ in ("to", "-", "–") and \
                any((c.label, k) in fig_starts for k in (c.end + 1, c.end + 2))
            pair_prev = c.start - 1 > a and doc[c.start - 1].lower_ in ("to", "-", "–") and \
                any((c.label, k) in fig_ends for k in (c.start - 1, c.start - 2))
            # "by a 53 percent to 46 percent margin", "a margin of 60% to 40%": a split of the vote, not a margin
            split = c.label == "PCT" and (pair_next or pair_prev)
            if before and before[-1] in distract_before and not (
                    (before[-1] in ("by", "led", "leads", "leading") and pair_next) or split):
                continue  # ("by 9,604 votes to 3,195" is the two counts, not a margin)
            if len(before) > 1 and [before[-2], before[-1]] in blocked_pairs and not split:
                continue
            wide = [t.lower_ for t in doc[max(c.start - 5, a):c.start]]
            if any(wide[k + 1] == "of" and [wide[k], "of"] in blocked_pairs for k in range(len(wide) - 1)) and not split:
                continue  # "a cushion of nearly 5,000 votes", "a majority of more than 9,000"
            if len(before) > 2 and before[-3] == "by" and before[-1] in ("than",):
                continue
            if len(before) > 1 and before[-1] in ("to", "-", "–") and re.fullmatch(r"\d+(\.\d+)?", before[-2]) \
                    and c.label == "PCT" and not pair_prev:
                continue  # "13 to 14 percent": a range, nobody's share
            if any(t.lower_ in negations for t in doc[max(c.start - 4, a):c.start]):
                continue
            if self._given_by_a_place(c):
                continue  # "Elm County gave Ann Cole 900 votes": a part of the count
            # "trails by 3 points, or only 410 votes": the margin again, in votes
            k = c.start - 1
            while k > a and doc[k].lower_ in ("just", "only", "about", "nearly", "some", "roughly", "barely"):
                k -= 1
            if c.label == "VOTES" and k > a and doc[k].lower_ == "or" and doc[k - 1].text == "," and any(
                    t.lower_ in ("points", "point", "margin", "lead", "by") for t in doc[max(k - 6, a):k]):
                continue
            # "trailed close behind with 42%": words before the one that hands the figure over do not count
            own = max((i for i, w in enumerate(before) if w in ("with", "had", "got", "received", "took")), default=-1)
            if any(w in distract_near for w in before[own + 1:] + after) and not (
                    split and not any(w in ("points", "point") for w in after[:1])):
                continue
            # ("Votes: 12,345 Vote Percentage: 51.2 %": a results line's count before its share's label)
            labelled = doc[c.end - 1].lower_ == "vote" and c.end < b and doc[c.end].lower_ in ("percentage", "share", "percent")
            if c.label == "VOTES" and not labelled and (any(w in vote_after for w in after[:2]) or "-" in c.text or
                                                        doc[c.end - 1].lower_ == "vote"):
                continue  # "a 2,775 vote advantage", "590-vote lead": a margin, not a count
            usable.append(c)
        if not mentions:
            # "She received 49.12 percent of the vote.": the one the pronoun holding the figure points back to
            for c in usable:
                held = self._holder_of(c)
                if isinstance(held, int) and held >= 0 and not any(o == held and x.label == c.label for o, x, _ in out):
                    out.append((held, c, c.label))
            return out
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
                if len(vs) == 1 and len(vo) == 1 and self._passive_defeat(verb):
                    # "X was defeated by Y, 54% to 46%": the agent won
                    people, winner = [vo[0], vs[0]], vo[0]
                elif len(vs) == 1 and len(vo) == 1:
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
            # the subject of the verb holding the figure, when a "to" follows it
            holder = self._holder_of(c, strict=False) if len(nxt) >= 2 and nxt[0].lower_ == "to" else None
            if poss_end is not None and (poss_end - 1) in self.person_at:
                owner = self.person_at[poss_end - 1][0]  # "with 45 percent to Cruz's 34 percent"
            elif len(nxt) >= 2 and nxt[0].lower_ in _cues("figure_owner_after") and after_person is not None and \
                    holder is None:
                # ("she had about 63 percent to Democrat Jade Harris": "to" names the rival when someone holds it)
                owner = after_person  # "40 percent for Bryce Reeves" (not "45 percent to Cruz's 34 percent")
            elif holder is not None and after_person is None and nxt[1].i in self.person_at and \
                    isinstance(holder, int) and holder not in (-1, self.person_at[nxt[1].i][0]):
                # "won against Y with 58% to Y's 42%": the first of the pair is the clause's subject's
                owner = holder
            elif len(nxt) >= 3 and nxt[0].lower_ in ("for", "to") and nxt[2].i in self.person_at and nxt[1].is_title:
                owner = self.person_at[nxt[2].i][0]
            else:
                owner = self._owner_ahead(c)
            if owner is None:
                owner = self._with_subject(c)
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
        return self._overall_first(s, out)

    def _given_by_a_place(self, c: Cue) -> bool:
        """A figure a place gives ("Oak County gave Ann Cole 900 votes", "Elm County voted 1,310 for
        X"): the subject of the verb that governs it is a county, parish or town, not a person."""
        tok = self.doc[c.end - 1]
        for _ in range(4):
            if _is_verb(tok) or tok.head.i == tok.i:
                break
            tok = tok.head
        if not _is_verb(tok):
            return False
        subj = [ch for ch in tok.children if ch.dep_ == "nsubj"]
        # (a county, parish or town; a state or nation giving a share may be the whole contest's)
        return bool(subj) and subj[0].i not in self.person_at and subj[0].lower_ in _cues("part_place_nouns")

    def _with_subject(self, c: Cue) -> Optional[int]:
        """"Reyes was holding off Dunn with 52 percent": a share in a "with" phrase of a verb is the verb's
        one subject's (a relative clause's subject is the name it hangs from: "Y, who finished with 30%")."""
        tok = self.doc[c.end - 1]
        hops = 0
        while hops < 3 and tok.dep_ in ("nummod", "quantmod", "compound", "amod") and tok.head.i != tok.i:
            tok, hops = tok.head, hops + 1
        if tok.dep_ != "pobj" or tok.head.lower_ != "with" or not _is_verb(tok.head.head):
            return None
        verb = tok.head.head
        if self.in_quote[verb.i] or any(ch.dep_ == "nsubj" and ch.lower_ in ("each", "both") for ch in verb.children):
            return None
        # only where the name just before is that verb's object, nothing between ("held off Y with 52%")
        a, _ = self.m.sents[c.sent]
        before = self.mentions_in(a, tok.head.i)
        if not before:
            return None
        _, mm = before[-1]
        root = self.doc[mm.start:mm.end].root
        if root.dep_ != "dobj" or root.head.i != verb.i or any(
                t.is_punct for t in self.doc[mm.end:tok.head.i]):
            return None
        subj = list(dict.fromkeys(self._role_persons(verb)[0]))
        return subj[0] if len(subj) == 1 else None

    def _overall_first(self, s: int, out: list[tuple[int, Cue, str]]) -> list[tuple[int, Cue, str]]:
        """A person given two shares in one sentence, one of them "overall" ("led 64 to 36 in one county, ...
        but was winning overall by 52 to 47"): the overall one, the other a part of the count."""
        doc = self.doc
        a, _ = self.m.sents[s]
        words = _cues("overall_words")
        whole = {id(c) for _, c, _ in out if any(t.lower_ in words for t in doc[max(c.start - 8, a):c.start])}
        if not whole:
            return out
        keys = {(pi, label) for pi, c, label in out if id(c) in whole}
        return [(pi, c, label) for pi, c, label in out if (pi, label) not in keys or id(c) in whole]

    def _aside_figure(self, c: Cue) -> bool:
        """A figure inside a parenthetical aside of several words ("(Springfield, 55% to 43% for the president)"):
        not the contest's own share (a bracketed figure alone, "(49.9%)", is)."""
        if not self._in_parentheses(c.start):
            return False
        doc = self.doc
        a, b = self.m.sents[c.sent]
        k = c.start
        while k > a and doc[k - 1].text != "(":
            k -= 1
        j = c.end
        while j < b and doc[j].text != ")":
            j += 1
        words = [t for t in doc[k:j] if t.is_alpha and not (c.start <= t.i < c.end)
                 and t.lower_ not in ("percent", "per", "cent", "votes", "vote", "pct", "to", "or", "of", "the")]
        return len(words) >= 2

    def _split_firsts(self, s: int, figs: list[Cue]) -> list[Cue]:
        """The bare first number of a split of the vote ("by a 77 to 23 percent margin"): a larger number
        before "to" a share, the two making a whole race (a range, "13 to 14 percent", rises)."""
        doc = self.doc
        a, _ = self.m.sents[s]
        taken = {t for c in figs for t in range(c.start, c.end)}
        out = []
        for c in figs:
            if c.label != "PCT" or c.start - 2 < a or doc[c.start - 1].lower_ not in ("to", "-", "–"):
                continue
            t = doc[c.start - 2]
            second = parse_percent(c.text)
            if t.i in taken or not re.fullmatch(r"\d{1,2}(\.\d+)?", t.text) or second is None:
                continue
            first = float(t.text)
            if first > second and 95 <= first + second <= 100.5:
                out.append(Cue("PCT", "pct", "pct/split-first", t.i, t.i + 1, t.idx, t.idx + len(t.text), t.text, s))
        return out

    def _pairs_after_result(self, s: int, figs: list[Cue]) -> list[tuple[int, Cue, str]]:
        """Figure pairs ("51% to 49%", "610 votes to 402") of a sentence after one that told a winner beating
        one loser: the larger figure of each pair is the winner's, the smaller the loser's."""
        doc = self.doc
        a, b = self.m.sents[s]
        if s == 0 or self.m.paragraphs[s] != self.m.paragraphs[s - 1] or any(self.in_quote[c.start] for c in figs):
            return []
        if any(t.lower_ in _cues("negations") for t in doc[a:b]):
            return []
        by_start = {(c.label, c.start): c for c in figs}
        pairs = []
        for c in figs:
            if c.end < b and doc[c.end].lower_ in ("to", "-", "–"):
                nxt = next((by_start.get((c.label, k)) for k in (c.end + 1, c.end + 2) if (c.label, k) in by_start), None)
                if nxt is not None:
                    pairs.append((c, nxt))
        if not pairs:
            return []
        told = self._decided_pair(s - 1)
        if told is None:
            return []
        winner, loser = told
        here = {pi for pi, _ in self.sent_mentions(s)}
        if here - {winner}:
            return []
        out = []
        for x, y in pairs:
            vx = parse_percent(x.text) if x.label == "PCT" else parse_votes(x.text)
            vy = parse_percent(y.text) if y.label == "PCT" else parse_votes(y.text)
            if vx is None or vy is None or vx == vy or (x.label == "PCT" and vx + vy > 100.5):
                continue
            hi, lo = (x, y) if vx > vy else (y, x)
            out += [(winner, hi, x.label), (loser, lo, x.label)]
        return out

    def _decided_pair(self, s: int) -> Optional[tuple[int, int]]:
        """(winner, loser) of the one win or loss verb of sentence ``s`` with one person on each side."""
        found = []
        for c in self.sent_cues(s, "WIN", "LOSE"):
            if self.in_quote[c.start]:
                continue
            verb = self._verb_of(c)
            subj, obj = self._role_persons(verb)
            subj, obj = list(dict.fromkeys(subj)), [o for o in dict.fromkeys(obj) if o not in subj]
            if len(subj) != 1 or len(obj) != 1:
                continue
            won = (c.label == "WIN") != self._passive_defeat(verb)
            found.append((subj[0], obj[0]) if won else (obj[0], subj[0]))
        found = list(dict.fromkeys(found))
        return found[0] if len(found) == 1 else None

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
        if not subj or any(ch.dep_ == "nsubj" and ch.lower_ in ("he", "she") for ch in tok.children):
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
            # "The candidate of the X party obtained 59%": no name before the figure, the subject told by a
            # description of the one the sentence before was about
            return subj[0] if hold and c.start > tok.i else None
        nsubj = [ch for ch in tok.children if ch.dep_ in ("nsubj", "nsubjpass")]
        inside = {t.i for ch in nsubj for t in ch.subtree}
        return subj[0] if before[-1][1].start in inside else None

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
