"""People in clauses: who is the subject or object of an outcome verb, antecedents of pronouns,
parties stated next to names, fields named in one sentence, endorsers, people who are no candidates."""
from __future__ import annotations

from .base import *  # noqa: F401,F403  (the stage's shared drafts, vocabularies and helpers)


class PeopleMixin:
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
                also = 1 if t + 2 < len(doc) and doc[t].text == "," and doc[t + 1].lower_ in ("also", "herself", "himself") else 0
                if t + 2 + also < len(doc) and doc[t].text == "," and \
                        doc[t + 1 + also].lower_ in ("a", "an", "the", "fellow", "another"):
                    # ", a Democrat", ", also a Republican,"
                    k = t + 2 + also
                    while k < min(len(doc), t + 6) and k not in cues_at and (doc[k].lower_ in roles or doc[k].tag_.startswith("JJ")):
                        k += 1
                    if k in cues_at and cues_at[k].label == "PARTY" and not _party_is_org(doc, cues_at[k]):
                        c = cues_at[k]
                        votes[pi].append((c.value, self.ev_cue("party", c)))
                        continue
                # before: "Republican Troy Balderson", "Democratic challenger Danny O'Connor", "Labour's Karen Shore"
                k = mm.start - 1
                hops = 0
                while k >= 0 and hops < 7 and k not in cues_at and k not in self.person_at and (
                        doc[k].lower_ in roles or (doc[k].is_title and doc[k].ent_type_ in ("GPE",)) or
                        # "The Tory candidate, Dr Neil Shastri-Hurst"
                        (doc[k].text == "," and k and doc[k - 1].lower_ in role_nouns) or
                        # "Democratic gubernatorial nominee X", "Democratic former bank CEO X"
                        doc[k].tag_ in ("JJ", "JJR", "JJS") or doc[k].lower_ in ("former", "ex", "-") or
                        (doc[k].tag_ in ("NNP", "NNPS") and (doc[k].is_title or doc[k].is_upper) and hops < 6)):
                    k -= 1
                    hops += 1
                if k >= 0 and k in cues_at and cues_at[k].label == "PARTY" and not _party_is_org(doc, cues_at[k]):
                    c = cues_at[k]
                    if self.tok2sent[k] == mm.sent:
                        votes[pi].append((c.value, self.ev_cue("party", c)))
                        continue
                # "PML-N's X", "PTI's Y": an acronym owning the name in a sentence of a result
                k = mm.start - 1
                if k >= 1 and doc[k].lower_ in ("'s", "’s") and re.fullmatch(r"[A-Z]{2,5}(?:-[A-Z])?", doc[k - 1].text) \
                        and normalize_state(doc[k - 1].text) is None and self.sent_cues(mm.sent, "WIN", "LOSE", "PCT", "VOTES"):
                    votes[pi].append((doc[k - 1].text, self.ev("party", k - 1, k, "party/acronym-owner")))
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
                # "candidate Kim Jin-ah of the Women's Party", "Oh Tae-yang of the Mirae Party": a party the
                # vocabulary does not know, named with its own word
                named = self._named_party_after(t) or self._named_party_before(mm)
                if named is not None:
                    votes[pi].append(named)
                    continue
                # "Christal Olivia Irwin, unaffiliated, received ...", "X, who has no party affiliation"
                if t + 1 < len(doc) and doc[t].text == "," and (
                        doc[t + 1].lower_ in ("unaffiliated", "nonpartisan") or
                        [x.lower_ for x in doc[t + 1:t + 6]] == ["who", "has", "no", "party", "affiliation"]):
                    k = t + 1
                    votes[pi].append(("Independent", self.ev("party", k, k + 1, "party/unaffiliated")))
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
        # "The candidate of the Nueva Patria party obtained 58%": a role noun with its party opening a sentence
        # is the one the sentence before was about
        for s in range(1, self.n_sents):
            a, b = self.m.sents[s]
            k = a
            while k < b and doc[k].is_space:
                k += 1
            if b - k < 5 or doc[k].lower_ != "the" or doc[k + 1].lower_ not in _ROLE_NOUNS or doc[k + 1].tag_ != "NN":
                continue
            named = self._named_party_after(k + 2)
            if named is None:
                continue
            ante = self._antecedent(s, k, anywhere=True)
            if ante is not None:
                votes[ante].append(named)
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

    def _named_party_after(self, t: int) -> Optional[tuple[str, Ev]]:
        """"of the Women's Party", "of the ruling Democratic Party" after a name: the party's own name (kept
        as written outside the US, where "Democratic Party" is not the American one)."""
        doc = self.doc
        if not (t + 2 < len(doc) and doc[t].lower_ == "of" and doc[t + 1].lower_ == "the"):
            return None
        k = t + 2
        while k < len(doc) and doc[k].lower_ in ("ruling", "main", "opposition", "governing", "minor", "new"):
            k += 1
        start = k
        while k < len(doc) and k - start < 5 and (doc[k].is_title or doc[k].lower_ in ("'s", "’s", "of", "and", "for")):
            k += 1
        if k > start and k < len(doc) and doc[k].text == "party" and doc[k - 1].is_title:
            # "of the Nueva Patria party": the name before a lower-case "party"
            text = doc[start:k].text
            return (_short_party(text) if self._country == "US" else text), self.ev("party", start, k, "party/named-party")
        if k - start < 2 or doc[k - 1].lower_ not in _cues("party_heads"):
            return None
        text = doc[start:k].text
        value = _short_party(text) if self._country == "US" else text
        return value, self.ev("party", start, k, "party/named-party")

    def _named_party_before(self, mm: Mention) -> Optional[tuple[str, Ev]]:
        """"Prairie Workers Party candidate X": a party the vocabulary does not know, named with its own
        word, right before the role noun that stands before the name."""
        doc = self.doc
        end = mm.start - 1
        if end < 2 or doc[end].lower_ not in _ROLE_NOUNS or doc[end - 1].lower_ not in _cues("party_heads"):
            return None
        start = end - 1
        while start - 1 >= 0 and end - (start - 1) <= 5 and doc[start - 1].is_title and \
                doc[start - 1].lower_ not in ("the", "a", "an") and (start - 1) not in self.person_at and \
                doc[start - 1].sent.start == doc[end].sent.start:
            start -= 1
        if end - start < 2:
            return None
        # ("the Nueva Patria party candidate X": a lower-case "party" is no part of the name)
        stop = end - 1 if doc[end - 1].is_lower else end
        text = doc[start:stop].text
        value = _short_party(text) if self._country == "US" else text
        return value, self.ev("party", start, stop, "party/named-party")

    def _included_winners(self) -> list[tuple[int, int, int, Cue]]:
        """(sentence, person, where named, the win) of people a sentence counts among the winners the
        sentence before told as a group: "At least nine Republicans won seats Tuesday. That includes
        Reps. A and B." (the group's win names nobody; "That/This/They include" names them)."""
        out = []
        for s in range(1, self.n_sents):
            a, b = self.m.sents[s]
            root = next((t for t in self.doc[a:b] if t.dep_ == "ROOT"), None)
            if root is None or root.lower_ not in ("includes", "include", "included"):
                continue
            if not any(ch.dep_ == "nsubj" and ch.lower_ in ("that", "this", "they", "those", "these")
                       for ch in root.children):
                continue
            wins = [c for c in self.sent_cues(s - 1, "WIN") if not self.in_quote[c.start]]
            if len(wins) != 1:
                continue
            verb = self._verb_of(wins[0])
            subj, obj = self._role_persons(verb)
            if subj or obj or self._blocked(wins[0], verb) or not any(
                    ch.dep_ == "nsubj" and ch.tag_ in ("NNS", "NNPS") for ch in verb.children):
                continue
            for pi, mm in self.mentions_in(root.i + 1, b):
                out.append((s, pi, mm.start, wins[0]))
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
                (len(words) == 1 and len(words[0].text) <= 2 and normalize_party(words[0].text) == words[0].text) or \
                normalize_state(inner.text):
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
        root = span.root
        if c.label == "LOSE" and root.dep_ in ("dobj", "advmod", "npadvmod", "attr", "oprd") and _is_verb(root.head):
            return root.head  # "finished a distant third": the verb the place hangs from
        return root

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
        if verb.tag_ in ("NN", "NNS") and verb.lower_ in ("winner", "victor"):
            # "NDP victor Peggy Sattler", "The winner, Rita Dunmore, took 48 per cent": the name it stands by
            hit = self.person_at.get(verb.head.i) or (
                self.person_at.get(verb.i + 1) if verb.i + 1 < len(self.doc) else None)
            if verb.dep_ in ("compound", "nmod", "amod") and hit:
                return [hit[0]], []
            named = [pi for ch in verb.children if ch.dep_ == "appos" for pi in people(ch)]
            if named:
                return named, []
        if verb.tag_ == "NN" and verb.lower_ in _CONTEST_NOUNS:
            # "Sutton was locked in a tight race with Renacci", "Johnson was fending off a challenge from
            # Wilson": the opponent after the noun, the subject of the verb the noun hangs from
            against = [pi for ch in verb.children if ch.dep_ == "prep" and ch.lower_ in ("with", "against", "from", "to")
                       for pi in objects_of(ch)]
            if against:
                head, hops = verb.head, 0
                while hops < 3 and not _is_verb(head) and head.head.i != head.i:
                    head, hops = head.head, hops + 1
                if _is_verb(head):
                    own = [pi for ch in head.children if ch.dep_ in ("nsubj", "nsubjpass") for pi in people(ch)]
                    if own:
                        return list(dict.fromkeys(own)), [pi for pi in dict.fromkeys(against) if pi not in own]
        if verb.tag_ in ("NN", "NNS") and verb.lower_ in ("win", "victory", "defeat", "loss", "concession"):
            # "confirmed Democrat Andy Beshear's win": the possessor
            owners = [pi for ch in verb.children if ch.dep_ == "poss" for pi in people(ch)]
            if owners:
                return owners, []
            # "was how Mr Smith described his shock win": "his" is the one person named before it
            if any(ch.dep_ == "poss" and ch.lower_ in ("his", "her") for ch in verb.children):
                s = self.tok2sent[verb.i]
                before = list(dict.fromkeys(pi for pi, _ in self.mentions_in(self.m.sents[s][0], verb.i)))
                if len(before) == 1:
                    return before, []

        for ch in verb.children:
            if ch.dep_ in ("nsubj", "nsubjpass", "csubj"):
                subj.extend(people(ch))
                definite = ch.tag_ == "NN" and (any(d.dep_ == "det" and d.lower_ == "the" for d in ch.children)
                                                or ch.lower_ in _ROLE_NOUNS) \
                    and not any(not t.is_space for t in self.doc[self.m.sents[self.tok2sent[ch.i]][0]:ch.left_edge.i])
                meeting = ("face", "faces", "meet", "meets", "take", "takes", "challenge", "compete", "competes")
                # "Her next task is to face X": a his/her noun before a meeting verb is the person before
                owned = any(d.dep_ == "poss" and d.lower_ in ("his", "her") for d in ch.children) and any(
                    x.dep_ == "xcomp" and x.lower_ in meeting for x in verb.children)
                if (ch.lower_ in ("he", "she") or definite or owned) and not people(ch) and \
                        (verb.lower_ in meeting or owned):
                    # "He will face state Sen. Leticia Van De Putte ...", "The retired nurse will face ...":
                    # the subject of the sentence before
                    ante = self._antecedent(self.tok2sent[ch.i], ch.i, anywhere=True)
                    if ante is not None:
                        subj.append(ante)
                elif ch.lower_ in ("he", "she") and not people(ch):
                    # "He defeated challenger X with 59 percent": a "he"/"she" opening its sentence is the
                    # one subject of the sentence before
                    ante = self._antecedent(self.tok2sent[ch.i], ch.i)
                    if ante is not None:
                        subj.append(ante)
                elif definite and not people(ch):
                    # "The mayor won a third term": the one person the story titled so before; "The candidate
                    # of the X party obtained 59%": the one subject of the sentence before
                    ante = self._titled_antecedent(ch)
                    if ante is None and ch.lower_ in _ROLE_NOUNS:
                        ante = self._antecedent(self.tok2sent[ch.i], ch.i, anywhere=True)
                    if ante is not None:
                        subj.append(ante)
            elif ch.dep_ in ("dobj", "attr", "oprd", "dative"):
                obj.extend(people(ch))
                if ch.dep_ == "dobj" and ch.lower_ in _CONTEST_NOUNS:
                    # "thwarted a challenge from X", "fended off a bid by X": X was beaten
                    obj.extend(pi for pr in ch.children if pr.dep_ == "prep" and pr.lower_ in ("from", "by")
                               for pi in objects_of(pr))
                if ch.dep_ == "dobj" and ch.i not in self.person_at and ch.lower_ in ("votes", "vote", "percent", "%"):
                    # "beat Ann Cole 1,210 votes to 1,105" parsed with the name hanging from "votes"
                    obj.extend(pi for g in ch.children if g.dep_ == "nmod" for pi in people(g))
            elif ch.dep_ in ("prep", "agent") and ch.lower_ in ("over", "against", "by", "to", "with"):
                obj.extend(objects_of(ch))
            elif ch.dep_ == "prep" and ch.lower_ == "from" and any(
                    x.dep_ == "dobj" and x.lower_ in _CONTEST_NOUNS for x in verb.children):
                obj.extend(objects_of(ch))  # ("thwarted a challenge | from X": the parser hangs "from" on the verb)
            elif ch.dep_ in ("ccomp", "xcomp") and ch.i > verb.i and verb.lower_ in _BEATING_VERBS and \
                    any(x.dep_ == "aux" and x.lower_ == "to" for x in ch.children) and \
                    not any(x.dep_ == "dobj" for x in verb.children):
                # "defeating X to succeed Y", parsed with X the subject of "to succeed": X is the object
                obj.extend(pi for x in ch.children if x.dep_ == "nsubj" for pi in people(x))
        if not any(ch.dep_ == "agent" for ch in verb.children):
            for by in self._agents(verb):
                obj.extend(objects_of(by))
        if verb.dep_ == "pcomp" and not subj and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
            # "picking up 52.7% of the vote in beating out her 4 opponents": the subject of the verb the
            # preposition hangs from
            return self._role_persons(verb.head.head)[0], obj
        if verb.dep_ in ("conj", "advcl", "xcomp", "pcomp", "attr", "acomp") and not subj and verb.head.i != verb.i:
            return self._role_persons(verb.head)[0], obj
        if verb.dep_ in ("relcl", "acl") and not subj and not any(
                ch.dep_ in ("nsubj", "nsubjpass") and ch.lower_ not in ("who", "that", "which") for ch in verb.children):
            # ("Rishi Sunak, whose party lost hundreds of council seats": the party lost, not Sunak)
            hit = self.person_at.get(verb.head.i)
            if hit:
                subj.append(hit[0])
                if any(ch.lower_ in ("all", "both") for ch in verb.children):
                    # "Gov. A, Sen. B and Comptroller C, who all won re-election": every one listed
                    top = verb.head
                    while top.dep_ in ("conj", "appos") and top.head.i != top.i:
                        top = top.head
                    inside = {t.i for t in verb.subtree}
                    subj.extend(self.person_at[t.i][0] for t in top.subtree
                                if t.i in self.person_at and t.i not in inside)
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

    def _titled_antecedent(self, noun: Token) -> Optional[int]:
        """Who "the governor" / "the senator" opening a sentence is: the one person named before it with
        that office's title ("Gov. Ann Cole"), a former holder's title aside; None for "the former mayor"
        or when two people carried the title."""
        if any(ch.dep_ != "det" for ch in noun.children):
            return None
        titles = load("cues")["seat_titles"]
        kinds = [k for k, ts in titles.items() if noun.lower_ in (t.lower() for t in ts)]
        if not kinds:
            return None
        wanted = {t.lower() for k in kinds for t in titles[k] if " " not in t}
        found = []
        for pi, p in enumerate(self.m.people):
            for mm in p.mentions:
                if mm.start >= noun.i:
                    continue
                window = self._words_before(mm)
                if window and window[-1] in wanted and not any(w in ("former", "ex", "lt", "lt.", "lieutenant", "state")
                                                               for w in window[:-1]):
                    found.append(pi)
                    break
        return found[0] if len(found) == 1 else None

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
            prev = self.doc[t.i - 1].lower_
            if re.fullmatch(r"(19|20)\d\d", t.text) and (prev in ("in", "since") or (
                    prev == "the" and self.doc[t.i - 2].lower_ in ("in", "since", "during"))) and \
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
        # "was defeated at the last general election", "in the previous parliamentary election"
        if any(w in ("last", "previous") and any(x in ("election", "elections", "poll") for x in later[k + 1:k + 4])
               for k, w in enumerate(later)):
            return True
        if self._negated(c, verb):
            return True
        if c.label == "WIN" and self._won_a_part(verb):
            return True  # "won in both Ash and Elm counties", "carried Oak County": a part of the count
        if c.label == "WIN" and verb.dep_ in ("amod", "compound") and verb.head.lower_ in _cues("office_holder_nouns"):
            return True  # "the only statewide elected official": a kind of office holder, no result
        if c.label == "LOSE" and key_of(c.rule) in ("conceded", "concedes") and c.end + 1 < b and \
                self.doc[c.end].lower_ == "that" and not any(
                    t.lower_ in ("lost", "defeat", "defeated", "beaten") for t in self.doc[c.end:min(c.end + 6, b)]):
            return True  # "X conceded that his party had work to do": granted a point, not the race
        if self._modal(verb):
            return True
        if c.label in ("WIN", "LOSE") and verb.tag_ == "VB" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in verb.children) \
                and not (verb.i > 1 and self.doc[verb.i - 2].lower_ == "enough"):
            return True  # "Sessions' attempt to win back the seat": an aim, not a result ("enough to win" is one)
        if c.label == "WIN" and any(self._weak_stage(x) for x in self.sent_cues(c.sent, "STAGE")) and \
                any(t.lower_ in _cues("convention_words") for t in self.doc[a:b]):
            return True  # "won the Republican nomination at a party convention": no primary was held
        # "X resigned after winning a congressional seat", "stood down on being elected mayor": how the one
        # who left came to leave, not a result of this story
        vacancy = {t for v in self.sent_cues(c.sent, "VACANCY") for t in range(v.start, v.end)}
        head, hops = verb, 0
        while vacancy and hops < 3 and head.dep_ in ("pcomp", "advcl", "pobj", "prep") and head.head.i != head.i:
            head, hops = head.head, hops + 1
            if head.i in vacancy:
                return True
        a, _ = self.m.sents[c.sent]
        first = self.doc[a]
        if first.lower_ in _cues("conditional") or any(
                t.lower_ in ("if", "whoever", "unless") for t in self.doc[max(a, c.start - 15):c.start]):
            return True
        return False

    def _won_a_figure(self, verb: Token) -> bool:
        figs = self._fig_tokens(self.tok2sent[verb.i])
        # "secured the most votes", "won the popular vote": votes with no figure are a lead, not the seat;
        # "secured nominations from councils" put them on the ballot
        dobj = [ch for ch in verb.children if ch.dep_ == "dobj"]
        # ("won the vote in the 12th District" is the seat)
        # (a figure of a relative clause inside the object is someone else's: "support for X, who received
        # 1,928 votes")
        rel = {t.i for o in dobj for r in o.subtree if r.dep_ == "relcl" for t in r.subtree}
        if dobj and all(o.lower_ in _cues("not_victory_objects") or (o.lower_ == "vote" and any(
                ch.lower_ == "popular" for ch in o.children)) for o in dobj) and \
                not any(t.i in figs and t.i not in rel for o in dobj for t in o.subtree):
            return True
        # "secured 51 percent of the vote in Kings County": a part of the count is no victory
        objs = [t for ch in verb.children if ch.dep_ == "dobj" for t in ch.subtree]
        if any(t.i in figs for t in objs) and self._figure_in_part(verb, min(t.i for t in objs if t.i in figs)):
            return True
        if verb.lower_ not in ("won", "wins", "win", "winning"):
            return False
        if any(o.lower_ in _CONTEST_NOUNS or o.lower_ in ("primary", "election", "seat", "nomination") for o in dobj):
            return False  # "won a close race over X, 46% to 44%": the race, its figures beside it
        # "won 157,794 votes", "won 39.5 percent": a count or a share short of a majority is no victory by
        # itself; "won 55.5 percent of the vote" is
        # the object, or an approximating preposition ("won under 4 per cent"; "won by 20 points" is a win)
        objs = [t for ch in verb.children if ch.dep_ == "dobj" or (
                    ch.dep_ == "prep" and ch.lower_ in ("under", "over", "about", "around", "nearly", "almost"))
                for t in ch.subtree]
        if not any(t.i in figs for t in objs):
            return False
        return not any(pct is not None and pct > 50 for t in objs for _, pct in figs.get(t.i, ()))

    @staticmethod
    def _modal(verb: Token) -> bool:
        """"will win", "must defeat", "could lose": a result still to come or only possible."""
        return any(ch.dep_ == "aux" and ch.lower_ in _cues("future_or_modal") for ch in verb.children)

    @staticmethod
    def _passive_defeat(verb: Token) -> bool:
        """"X was defeated by Y": the subject lost, the agent won."""
        return verb.lower_ in _DEFEAT_VERBS and PeopleMixin._passive(verb)

    def _won_a_part(self, verb: Token) -> bool:
        """A win of places inside the contest: "in both X and Y counties", "in most precincts" (a plural of
        parts), or a county or borough as the object ("carried Oak County")."""
        parts = _cues("part_nouns")
        for ch in verb.children:
            if ch.dep_ == "prep" and ch.lower_ == "in" and any(
                    g.dep_ == "pobj" and g.lower_ in parts and g.tag_ == "NNS" for g in ch.children):
                return True
            if ch.dep_ == "dobj" and (ch.lower_ in ("county", "parish", "borough") and ch.is_title
                                      or (ch.lower_ in parts and ch.tag_ == "NNS")):
                return True
        return False

    def _figure_in_part(self, verb: Token, after: int) -> bool:
        """"... 51 percent of the vote in Kings County": the clause gives a figure of a place inside the contest (a
        borough, a county: a place that is no state or country), named after the figure."""
        for ch in verb.subtree:
            if ch.dep_ == "prep" and ch.lower_ == "in" and ch.i > after:
                for g in ch.children:
                    if g.dep_ == "pobj" and g.ent_type_ == "GPE" and normalize_state(g.text) is None and \
                            g.text not in _country_words()[1]:
                        return True
        return False

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

    def withdrawn(self) -> set[int]:
        """People who left the race: the subject of "withdrew", "dropped out", "suspended her campaign"
        (not negated, not quoted, not in a clause about something else)."""
        verbs = _cues("withdraw_verbs")
        phrases = [tuple(p) for p in load("cues")["withdraw_phrases"]]
        out: set[int] = set()
        firsts = {a for a, _ in phrases}
        words = sorted(set(verbs) | firsts, key=len, reverse=True)
        found = re.finditer(r"\b(?:%s)\b" % "|".join(map(re.escape, words)), self.text, re.I)
        spans = (self.doc.char_span(m.start(), m.end()) for m in found)
        for t in (sp[0] for sp in spans if sp is not None and len(sp) == 1):
            low = t.lower_
            hit = low in verbs or any(low == a and any(ch.lower_ == b or (ch.dep_ == "dobj" and ch.lower_ == b)
                                                       for ch in t.children) for a, b in phrases)
            if not hit or not t.tag_.startswith("VB") or self.in_quote[t.i] or \
                    any(ch.dep_ == "neg" for ch in t.children):
                continue
            subj, _ = self._role_persons(t)
            out.update(subj)
        return out

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
        for by in self._agents(verb):
            for t in by.subtree:
                hit = self.person_at.get(t.i)
                if hit and hit[0] == pi:
                    return True
        return False

    @staticmethod
    def _agents(verb: Token) -> list[Token]:
        """The "by" phrases of a passive verb, also where the parse hung one on the verb's prepositional
        object ("was unseated in the March 4 primary by X")."""
        out = [ch for ch in verb.children if ch.dep_ == "agent"]
        if not out and any(ch.dep_ in ("auxpass", "nsubjpass") for ch in verb.children):
            out = [gg for ch in verb.children if ch.dep_ == "prep" and ch.lower_ != "by"
                   for g in ch.children if g.dep_ == "pobj"
                   for gg in g.children if gg.dep_ == "prep" and gg.lower_ == "by"]
        return out

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
                # (an apposition of the loser between is no clause of theirs: "beat Justice X, a Democrat, with")
                roots = {self.doc[mm.start:mm.end].root.i for p2, mm in self.sent_mentions(s) if p2 == loser}
                aside = {t.i for r in roots for ch in self.doc[r].children if ch.dep_ == "appos"
                         for t in ch.subtree}
                aside |= {t.i for t in gap if t.text == "," and (t.i + 1 in aside or t.i - 1 in aside)}
                gap = [t for t in gap if t.i not in aside]
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
                           t.lower_ in ("said", "who", "which", "while", "whereas", "but", "where", "whose", "when",
                                        "whom")
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


def _short_party(text: str) -> str:
    """A US party's short name (RECORD.md): a known alias's canonical name, else the name without its
    closing "Party" ("Prairie Workers Party" is "Prairie Workers")."""
    value = normalize_party(text)
    if value == text and text.endswith(" Party"):
        return text[: -len(" Party")]
    return value


#: verbs whose object is the one beaten ("defeating X to succeed Y")
_BEATING_VERBS = _DEFEAT_VERBS | {"defeating", "beating", "ousting", "unseating", "beaten"}

