"""Stage 3: spaCy doc -> mentions.

Reads the statistical NER (PERSON) and the rule spans (``doc.spans["election"]``, filled by the
span ruler from ``patterns/*.jsonl``) and turns them into plain data: people (one per real person,
with every mention of them), cues (parties, figures, offices, stages, outcome verbs...) and sentence
boundaries. Everything is token/character offsets, never Span objects, so it can cross processes.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

import probablepeople

from spacy.tokens import Doc

from . import doccache
from .lexicons import load, word_set, word_set_cased
from .rules import load_patterns
from models.normalize import fold

SPANS_KEY = "election"


@dataclass
class Cue:
    label: str
    value: str          # normalised value from the pattern id ("Democratic", "us_house", "primary"...)
    rule: str           # the pattern id
    start: int          # token offsets
    end: int
    start_char: int
    end_char: int
    text: str
    sent: int


@dataclass
class Mention:
    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    sent: int


@dataclass
class Person:
    name: str
    tokens: list[str]
    mentions: list[Mention] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return surname_of(self.tokens)

    @property
    def first(self) -> Mention:
        return min(self.mentions, key=lambda m: m.start)


@dataclass
class Mentions:
    people: list[Person]
    cues: list[Cue]
    sents: list[tuple[int, int]]          # token offsets of each sentence
    paragraphs: list[int]                 # paragraph index of each sentence

    def cues_in(self, sent: int, label: str | None = None) -> list[Cue]:
        return [c for c in self.cues if c.sent == sent and (label is None or c.label == label)]


def surname_of(tokens: list[str]) -> str:
    suffixes = word_set("names", "suffixes")
    toks = [t for t in tokens if t.lower().strip(",") not in suffixes]
    return fold(toks[-1]) if toks else ""


_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.\-]*$|^[A-Z]\.$|^(de|da|van|von|der|del|la|le|di|du|dos|mac|st\.)$", re.U)


@lru_cache(maxsize=4096)
def _person_like(text: str) -> bool:
    """Whether a capitalised run the NER called a place, an organisation or an event reads as a person's
    name: probablepeople's fitted parser (given name + surname, not a corporation), and no known place."""
    places = _known_places()
    if text in places or text.lower() in places or \
            any(w.lower() in word_set("names", "place_words") for w in re.findall(r"[\w-]+", text)):
        return False
    try:
        parsed, kind = probablepeople.tag(text)
    except probablepeople.RepeatedLabelError:
        return False
    return kind == "Person" and "GivenName" in parsed and "Surname" in parsed


@lru_cache(maxsize=1)
def _known_places() -> frozenset[str]:
    """Places the project's vocabularies name: US cities and counties, states, countries and their words."""
    names = set(load("us_cities")["cities"])
    names |= {w for words in load("countries")["countries"].values() for w in words}
    names |= {p["pattern"] for p in load_patterns(["states"]) if isinstance(p["pattern"], str)}
    return frozenset(names | {n.lower() for n in names})


def _name_in_entity(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """A person's name the NER labelled as another kind of entity, or swallowed into one with the party or
    place it is told by ("San Diego's Summer Stephan" as an EVENT, "the Bloc Quebecois' Marc Maltais",
    "PML-N's Waqar Ahmed"): the name after any possessive (the caller keeps it to sentences that tell an
    election: a figure, an outcome, a candidacy, a round or a party), when it reads as a person's name
    (``_person_like``)."""
    k = start
    for j in range(start, end):
        if doc[j].lower_ in ("'s", "’s", "'", "’"):
            k = j + 1
    if k == start and start and doc[start - 1].lower_ not in ("'s", "’s", "'", "’") and doc[start].lower_ == "the":
        return None
    # (a quoted nickname inside is no part of the name parsed: 'Stan "Chilly" Smith')
    core, quoted, inside = [], 0, False
    for t in doc[k:end]:
        if t.text in _QUOTES:
            inside = not inside
        elif inside:
            quoted += 1
        else:
            core.append(t)
    if not 2 <= len(core) <= 3 or inside or quoted > 2:
        return None
    # (a surname the tagger reads as a plural noun: "Banks")
    if not all(t.is_title and t.tag_ in ("NNP", "NNPS", "NNS") and t.is_alpha for t in core) or \
            not _person_like(" ".join(t.text for t in core)):
        return None
    return _clean_name(doc, k, end)


def _hyphen_half(doc: Doc, end: int) -> bool:
    """Whether a name ending before token ``end`` goes on with a given name's lower-case half after a
    hyphen ("Huh Kyung" + "-young", "Oh Se" + "-hoon"), not a compound ("Trump-backed", "Obama-era")."""
    return end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and \
        not doc[end].whitespace_ and doc[end - 1].is_title and doc[end + 1].is_alpha and doc[end + 1].is_lower and \
        len(doc[end + 1]) <= 6 and not doc[end + 1].tag_.startswith("VB") and \
        doc[end + 1].lower_ not in word_set("names", "not_name_halves")


def _name_end(doc: Doc, j: int, max_words: int = 3) -> int:
    """The end of a run of capitalised name words from token ``j``, a hyphenated "Louis-Philippe" being
    one word; the run stops at titles, organisation words and words that are never names."""
    words = 0
    titles, not_names = word_set("names", "titles"), word_set("names", "not_names")
    while j < len(doc) and words < max_words:
        t = doc[j]
        if not (t.is_title and t.tag_ in ("NNP", "NNPS") and t.ent_type_ in ("", "PERSON", "ORG", "NORP")
                and t.lower_ not in titles and t.lower_ not in not_names and t.lower_ not in _ORG_WORDS):
            break
        j += 1
        words += 1
        while j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_ \
                and doc[j + 1].is_title:
            j += 2
        if _hyphen_half(doc, j):
            j += 2
    return j


def _clean_name(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Trim titles in front and possessives/punctuation behind; None if what is left is no name."""
    titles = word_set("names", "titles")
    # "Córdoba Governor Juan Schiaretti": a title inside the span starts the name after it
    inner = [k for k in range(start + 1, end - 1) if doc[k].lower_ in titles and doc[k].is_title]
    if inner and end - inner[-1] - 1 >= 2:
        start = inner[-1] + 1
    while start < end and (doc[start].lower_ in titles or doc[start].is_punct or
                           doc[start].lower_ in ("'s", "’s") or
                           # a capitalised preposition or article opening a sentence: "Behind Petro ..."
                           (doc[start].tag_ in ("IN", "DT", "CC") and end - start > 1)):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in (".",) or
                           doc[end - 1].lower_ in ("'s", "’s", "'", "’")):
        end -= 1
    if end <= start:
        return None
    things = word_set("names", "not_person_after")
    if end < len(doc) and (doc[end].lower_ in things or (
            end + 1 < len(doc) and doc[end].tag_ in ("NN", "JJ") and doc[end + 1].lower_ in things)):
        return None  # "the Dow Jones share index", "Goldman Sachs class B shares": a thing named like a person
    toks = [t.text for t in doc[start:end]]
    if any(any(ch.isdigit() for ch in t) for t in toks):
        return None
    # a given name's lower-case half after a hyphen the NER kept in the name ("Se-hoon", "Young-sun")
    joined = [k for k in range(1, len(toks)) if toks[k - 1] == "-" and toks[k].isalpha() and toks[k].islower()
              and not doc[start + k - 1].whitespace_ and not doc[start + k - 2].whitespace_]
    if not all(_NAME_TOKEN.match(t) or t in ("-", "'", "’", '"', "“", "”") or k in joined for k, t in enumerate(toks)):
        return None
    if not toks[0][:1].isupper() or toks[-1] in _QUOTES:
        return None
    if all(t.lower() in word_set("names", "not_names") for t in toks):
        return None
    if len(toks) >= 2 and re.fullmatch(r"[A-Z]{3,}", toks[0]) and not re.fullmatch(r"[A-Z]{2,}", toks[-1]):
        return None  # an acronym before a name is an organisation's ("KPU Jakarta"), not a given name
    if len([t for t in toks if t not in _QUOTES]) > 5:
        return None
    return start, end


def _sentences(doc: Doc) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    sents, paras, tok2sent = [], [], [0] * len(doc)
    para = 0
    for i, s in enumerate(doc.sents):
        if i and "\n" in doc[s.start - 1].text_with_ws:
            para += 1
        sents.append((s.start, s.end))
        paras.append(para)
        for t in range(s.start, s.end):
            tok2sent[t] = i
        if "\n\n" in s.text.rstrip():
            # a sentence that swallowed a paragraph break (a pipeline without newline_sentences)
            para += 1
    return sents, paras, tok2sent


def _cues(doc: Doc, tok2sent: list[int]) -> list[Cue]:
    out = []
    group = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []
    for sp in group:
        rule = sp.id_ or ""
        value = rule.split("/", 1)[0] if "/" in rule else rule
        out.append(Cue(sp.label_, value, rule, sp.start, sp.end, sp.start_char, sp.end_char, sp.text,
                       tok2sent[sp.start] if len(doc) else 0))
    out.sort(key=lambda c: (c.start, -c.end))
    # a party name inside another party's name is not a party of its own ("Dem" in "Lib Dem"), nor a round
    # inside another round's name ("primary" in "second primary", a runoff)
    inner = set()
    for label in ("PARTY", "STAGE"):
        group_ = [c for c in out if c.label == label]
        inner |= {id(c) for c in group_ for o in group_ if o is not c and o.value != c.value
                  and o.start <= c.start and c.end <= o.end and (o.start, o.end) != (c.start, c.end)}
    return [c for c in out if id(c) not in inner] if inner else out


_ORG_WORDS = {"party", "committee", "press", "news", "board", "center", "centre", "university", "times", "post",
              "county", "city", "district", "council", "court", "house", "senate", "assembly", "commission",
              "department", "association", "union", "group", "inc", "llc", "corp", "company", "foundation",
              "institute", "school", "college", "club", "campaign", "media", "network", "radio", "tv", "journal"}


_VERB_LABELS = {"WIN", "LOSE", "ADVANCE", "CAND_CUE", "UNDECIDED"}
_PARTICLES = {"da", "de", "van", "von", "der", "del", "la", "le", "di", "du", "dos", "das", "st.", "mac"}


_QUOTES = {'"', "“", "”", "'", "‘", "’"}


def _nicknames(tokens: list[str]) -> set[str]:
    """The quoted nicknames inside a name's tokens ('William "Bill" Smith': "bill")."""
    return {fold(t.strip("".join(_QUOTES))) for t in tokens[1:-1] if t[:1] in _QUOTES and len(t.strip("".join(_QUOTES))) > 1}


def _with_nickname(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Grow a name over a quoted nickname: ``Guadalupe "Lupe" Valdez``, ``Richard "Kinky" Friedman``."""
    n = len(doc)
    if end + 3 < n and doc[end].text in _QUOTES and doc[end + 1].is_title and doc[end + 2].text in _QUOTES \
            and doc[end + 3].is_title:
        end += 4
    if start >= 4 and doc[start - 1].text in _QUOTES and doc[start - 2].is_title and doc[start - 3].text in _QUOTES \
            and doc[start - 4].is_title:
        start -= 4
        titles = word_set("names", "titles")
        while start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ not in titles and \
                doc[start - 1].tag_ in ("NNP", "NNPS") and doc[start - 1].ent_type_ in ("PERSON", ""):
            start -= 1
    return start, end


def _person_spans(doc: Doc, cues: list[Cue]) -> list[tuple[int, int]]:
    spans = []
    verb_tokens = {t for c in cues if c.label in _VERB_LABELS for t in range(c.start, c.end)}
    pct_ends = {c.end for c in cues if c.label == "PCT"}
    role_before = word_set("names", "roles") | word_set("names", "titles")
    # the tokens' texts, lower forms, tags and entity types read once from the doc's arrays (a Token object
    # made for every look is what such scans cost)
    strings = doc.vocab.strings
    arr = doc.to_array(["ORTH", "LOWER", "TAG", "ENT_TYPE"]).tolist() if len(doc) else []
    texts = [strings[a[0]] for a in arr]
    lowers = [strings[a[1]] for a in arr]
    tags = [strings[a[2]] for a in arr]
    ents = [strings[a[3]] if a[3] else "" for a in arr]
    for i in range(1, len(doc) - 3):
        # First "Nick" Last, which the small model often misses: Guadalupe "Lupe" Valdez
        if texts[i] in _QUOTES and texts[i + 2] in _QUOTES and doc[i - 1].is_title and doc[i + 1].is_title \
                and doc[i + 3].is_title and doc[i - 1].tag_ in ("NNP", "NNPS") and doc[i + 3].tag_ in ("NNP", "NNPS"):
            start = i - 1
            titles = word_set("names", "titles")
            while start > 0 and start > i - 3 and doc[start - 1].is_title and doc[start - 1].tag_ in ("NNP", "NNPS") \
                    and doc[start - 1].lower_ not in titles and doc[start - 1].ent_type_ in ("", "PERSON"):
                start -= 1
            cleaned = _clean_name(doc, start, i + 4)
            if cleaned:
                spans.append(cleaned)
    # "Mayor Rahm Emanuel", "Sen. Jane Roe": a capitalised title before two or three capitalised words
    # is a name even where the NER misses it; so is a party word ("Republican Curtis Sliwa")
    cap_titles = set(word_set_cased("names", "cap_titles"))
    party_starts = {c.start: c for c in cues if c.label == "PARTY"}
    role_nouns = word_set("names", "role_nouns")
    roles = word_set("names", "roles")
    for i in range(len(doc) - 2):
        party = i in party_starts and party_starts[i].end == i + 1 and texts[i].istitle()
        role = texts[i].islower() and lowers[i] in roles  # "community organizer Eunisses Hernandez"
        if not (party or texts[i] in cap_titles or lowers[i] in role_nouns or role):
            continue
        j = _name_end(doc, i + 1)
        if role and not (party or doc[i].text in cap_titles or doc[i].lower_ in role_nouns) and \
                any(t.ent_type_ not in ("", "PERSON") for t in doc[i + 1:j]):
            continue
        words = len(doc[i + 1:j].text.split())
        # "Republican Curtis Sliwa, the founder": the run must end where the name does
        if words >= 2 and (j >= len(doc) or not doc[j].is_title):
            cleaned = _clean_name(doc, i + 1, j)
            if cleaned:
                spans.append(cleaned)
    # "Andrés Manuel López Obrador, the leftist former mayor of Mexico City, won ...": a run of capitalised
    # words the NER left alone, described by an apposition, is a person
    i = 0
    titles_, not_names = word_set("names", "titles"), word_set("names", "not_names")
    while i < len(doc) - 3:
        j = i
        while j < len(doc) and texts[j].istitle() and tags[j] == "NNP" and ents[j] == "" and texts[j].isalpha() \
                and lowers[j] not in titles_ and lowers[j] not in not_names \
                and lowers[j] not in _ORG_WORDS and lowers[j] not in roles:
            j += 1
        if 2 <= j - i <= 4 and j + 2 < len(doc) and texts[j] == "," and lowers[j + 1] in ("the", "a", "an") \
                and (i == 0 or not texts[i - 1].istitle()):
            cleaned = _clean_name(doc, i, j)
            if cleaned:
                spans.append(cleaned)
        i = max(j, i + 1)
    # "where Branden Leslie defeated ...": a two- or three-word proper name that is the subject or object of
    # a winning or losing verb is a person even where the NER saw nothing
    for c in cues:
        if c.label not in ("WIN", "LOSE"):
            continue
        verb = next((t for t in doc[c.start:c.end] if t.tag_.startswith("VB")), None)
        if verb is None:
            continue
        for ch in verb.children:
            if ch.dep_ not in ("nsubj", "dobj", "nsubjpass") or ch.tag_ != "NNP":
                continue
            start = ch.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == ch.i and \
                    doc[start - 1].is_title:
                start -= 1
            toks = doc[start:ch.i + 1]
            if not (2 <= len(toks) <= 4 and all(t.is_title and t.tag_ == "NNP" and t.lower_ not in word_set("names", "titles")
                                                and t.lower_ not in _ORG_WORDS and t.lower_ not in word_set("names", "not_names")
                                                for t in toks)):
                continue
            # (a run the NER called a place or an event, "Summer Stephan", is a person if it reads as one)
            if all(t.ent_type_ in ("", "PERSON", "ORG") for t in toks) or _person_like(toks.text):
                cleaned = _clean_name(doc, start, ch.i + 1)
                if cleaned:
                    spans.append(cleaned)
    told = {"PCT", "VOTES", "WIN", "LOSE", "ADVANCE", "CAND_CUE", "STAGE", "PARTY", "PARTY_TAG"}
    sent_starts = [sent.start for sent in doc.sents]
    sent_of = lambda i: sent_starts[bisect.bisect_right(sent_starts, i) - 1]  # noqa: E731
    cue_sents = {sent_of(c.start) for c in cues if c.label in told}
    for ent in doccache.ents(doc):
        if ent.label_ == "PERSON":
            end = ent.end
            # "Jacqueline Grant 481 votes to 327": a count the NER ran into the name
            while end - 1 > ent.start and doc[end - 1].like_num:
                end -= 1
            start = ent.start
            # "Yves-François Blanchet": the NER took the name after the hyphen only
            while start > 1 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and \
                    not doc[start - 1].whitespace_ and doc[start - 2].is_title:
                start -= 2
            # "Sadiq Khan" tagged as "Khan" alone, "Andrés Manuel López Obrador" as "López Obrador": capitalised
            # given names the NER left outside
            extra = 0
            while start > 0 and extra < 2 and end - start + extra <= 3:
                prev = doc[start - 1]
                if prev.is_title and prev.tag_ == "NNP" and prev.ent_type_ == "" and prev.is_alpha and \
                        prev.lower_ not in word_set("names", "titles") and prev.lower_ not in word_set("names", "roles") \
                        and prev.lower_ not in word_set("names", "not_names") and prev.lower_ not in _ORG_WORDS:
                    start -= 1
                    extra += 1
                else:
                    break
            # title-case headlines: "Jean Schmidt Loses GOP Primary" -> "Jean Schmidt"
            while end - 1 > ent.start and (end - 1) in verb_tokens:
                end -= 1
            # "Wojcik Defeats Lalley": a headline's verb inside the span parts two names
            inner = [k for k in range(start + 1, end - 1) if k in verb_tokens]
            if inner:
                after = _clean_name(doc, inner[-1] + 1, end)
                if after:
                    spans.append(after)
                end = inner[0]
            # "Marine Le" + "Pen": a name cut after a particle goes on to the capitalised word after it
            while end < len(doc) and doc[end - 1].lower_ in _PARTICLES and doc[end].is_title:
                end += 1
            if _hyphen_half(doc, end):
                end += 2
            cleaned = _clean_name(doc, *_with_nickname(doc, start, end))
            if cleaned:
                spans.append(cleaned)
        elif ent.label_ in ("ORG", "GPE", "PRODUCT", "WORK_OF_ART", "FAC", "LOC", "EVENT") and \
                sent_of(ent.start) in cue_sents and (inside := _name_in_entity(doc, ent.start, ent.end)):
            spans.append(inside)
        elif ent.label_ in ("ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC") and 2 <= len(ent) <= 3:
            # the small model sometimes calls a candidate an ORG; accept only in a candidate's slot
            if not all(t.tag_ in ("NNP", "NNPS") and t.is_title for t in ent) or any(t.lower_ in _ORG_WORDS for t in ent):
                continue
            prev = doc[ent.start - 1] if ent.start else None
            prev2 = doc[ent.start - 2] if ent.start > 1 else None
            slot = (prev is not None and prev.lower_ in ("for", "to") and prev2 is not None and prev2.i + 1 in pct_ends) \
                or (prev is not None and prev.lower_ in role_before and prev.lower_ not in ("the", "state", "city", "county"))
            if slot:
                cleaned = _clean_name(doc, ent.start, ent.end)
                if cleaned:
                    spans.append(cleaned)
    return spans


def collect(doc: Doc) -> Mentions:
    """All mentions of one doc."""
    sents, paras, tok2sent = _sentences(doc)
    cues = _cues(doc, tok2sent)
    # "Libertarian Andrew Charles Kopinski": a party word in front is not part of the name
    party_toks = {t for c in cues if c.label == "PARTY" for t in range(c.start, c.end)}
    places_before = word_set("cues", "constituency_nouns")
    spans = []
    for start, end in _person_spans(doc, cues):
        while end - start > 2 and start in party_toks:
            start += 1
        if end < len(doc) and doc[end].lower_ in places_before and doc[end].lower_ not in ("seat", "race", "contest"):
            continue  # "the Rutherglen and Hamilton West by-election": a place
        spans.append((start, end))
    spans = sorted(set(spans))
    # a span inside a longer one ("Robert Francis" in Robert Francis "Beto" O'Rourke) is the same mention
    kept, max_end = [], -1
    for sp in sorted(spans, key=lambda x: (x[0], -x[1])):
        if sp[1] <= max_end:
            continue
        kept.append(sp)
        max_end = max(max_end, sp[1])
    spans = kept

    # people: one per distinct full name; single-token mentions resolved afterwards
    people: list[Person] = []
    by_full: dict[tuple[str, ...], Person] = {}
    singles: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        toks = doc[start:end].text.split()
        key = tuple(fold(t).strip(".") for t in toks)
        if len([t for t in toks if t.lower().strip(".") not in word_set("names", "suffixes")]) < 2 or \
                (len(toks) == 2 and toks[0].lower() in _PARTICLES):
            singles.append((start, end))
            continue
        person = by_full.get(key)
        if person is None:
            # "Robert Lee Ahn" then "Robert Ahn": the same person when first name and surname agree
            # (or the given name is the other's quoted nickname: 'William "Bill" Smith' and "Bill Smith")
            person = next((p for p in people if surname_of(p.tokens) == surname_of(toks)
                           and (fold(p.tokens[0]) == fold(toks[0]) or fold(toks[0]) in _nicknames(p.tokens)
                                or fold(p.tokens[0]) in _nicknames(toks))), None)
            if person is None:
                person = Person(name=doc[start:end].text, tokens=toks)
                people.append(person)
            by_full[key] = person
        person.mentions.append(_mention(doc, start, end, tok2sent))

    people = _merge_tails(people, paras)
    _full_names_of_bare_surnames(doc, people, singles, tok2sent)

    # surnames (and first names) alone: the nearest full-name person before them, else the first after
    known_tokens: dict[str, list[Person]] = {}
    for p in people:
        known_tokens.setdefault(p.surname, []).append(p)
    taken = {(m.start, m.end) for p in people for m in p.mentions}
    covered = {i for p in people for m in p.mentions for i in range(m.start, m.end)}
    strings = doc.vocab.strings
    words = [strings[o] for o in doc.to_array("ORTH").tolist()] if len(doc) else []
    firsts = {k.split("-")[0].split()[0] for k in known_tokens if k}
    for i, word in enumerate(words):
        if i in covered or not word[:1].isupper() or fold(word) not in firsts:
            continue
        tok = doc[i]
        end = tok.i + 1
        # a hyphenated surname is three tokens: "Hyde", "-", "Smith"
        while end + 1 < len(doc) and doc[end].text in ("-", "‐") and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper():
            end += 2
        key = fold(doc[tok.i:end].text)
        if key in known_tokens and (tok.i, end) not in taken and not any(i in covered for i in range(tok.i, end)):
            # "a Houston conservative radio jockey": a place or a modifier, not the candidate Sam Houston
            prev = doc[tok.i - 1].lower_ if tok.i else ""
            nxt = doc[end] if end < len(doc) else None
            if prev in ("a", "an", "the") or (nxt is not None and nxt.is_lower and nxt.tag_ in ("NN", "NNS")):
                continue
            singles.append((tok.i, end))
    for start, end in sorted(set(singles)):
        if any(start < m.end and m.start < end for p in people for m in p.mentions):
            continue
        toks = doc[start:end].text.split()
        sur = surname_of(toks)
        if len(toks) == 2 and toks[0].lower() in _PARTICLES:
            sur = fold(" ".join(toks))
            cands = [p for p in people if fold(" ".join(p.tokens)).endswith(sur)]
        else:
            cands = known_tokens.get(sur) or [p for p in people if fold(p.tokens[0]) == sur]
        if not cands and len(toks) == 1:
            # a middle name used alone ("Lula"), when it belongs to one known person only
            cands = [p for p in people if sur in {fold(t) for t in p.tokens[1:-1]}]
            if len(cands) != 1:
                cands = []
        if not cands:
            continue
        if len(cands) > 1:
            # "White, the son of the late Gov. Mark White": a relative named in passing is not who the
            # surname means later
            kin = word_set("names", "kin")
            plain = [p for p in cands if not all(any(t.lower_ in kin for t in doc[max(m.start - 6, 0):m.start])
                                                 for m in p.mentions)]
            cands = plain or cands
        before = [p for p in cands if p.first.start < start]
        if len(cands) == 1:
            person = cands[0]
        elif before:
            person = max(before, key=lambda p: max(m.start for m in p.mentions if m.start < start))
        else:
            person = min(cands, key=lambda p: p.first.start)
        person.mentions.append(_mention(doc, start, end, tok2sent))
    for p in people:
        p.mentions.sort(key=lambda m: m.start)
    return Mentions(people=people, cues=cues, sents=sents, paragraphs=paras)


def _full_names_of_bare_surnames(doc: Doc, people: list[Person], singles: list[tuple[int, int]], tok2sent) -> None:
    """"Rita Vance won the primary ... Vance will face ...": the NER tagged the surname alone and missed
    the full name. A surname no known person has is the name of a new person when a capitalised given
    name stands right before it somewhere in the text (not a title, role, party, place or organisation)."""
    known = {p.surname for p in people}
    titles, roles, not_names = word_set("names", "titles"), word_set("names", "roles"), word_set("names", "not_names")
    wanted = {fold(doc[start].text) for start, end in singles if end - start == 1 and doc[start].is_title}
    where: dict[str, list[int]] = {}
    strings = doc.vocab.strings  # (the doc's arrays: a Token object per look is what a scan costs)
    for i, (orth, is_title) in enumerate(doc.to_array(["ORTH", "IS_TITLE"]).tolist() if wanted else []):
        if is_title:
            key = fold(strings[orth])
            if key in wanted:
                where.setdefault(key, []).append(i)
    for start, end in sorted(set(singles)):
        if end - start != 1:
            continue
        sur = fold(doc[start].text)
        if not sur or sur in known or not doc[start].is_title:
            continue
        for i in where.get(sur, []):
            tok = doc[i]
            if tok.i == 0:
                continue
            prev = doc[tok.i - 1]
            if prev.is_title and prev.is_alpha and prev.tag_ in ("NNP", "NNPS") and prev.ent_type_ in ("", "PERSON") \
                    and prev.lower_ not in titles and prev.lower_ not in roles and prev.lower_ not in not_names \
                    and prev.lower_ not in _ORG_WORDS and prev.whitespace_ == " " and \
                    (prev.i == 0 or not doc[prev.i - 1].is_title or doc[prev.i - 1].is_sent_start):
                person = Person(name=f"{prev.text} {tok.text}", tokens=[prev.text, tok.text])
                person.mentions.append(_mention(doc, prev.i, tok.i + 1, tok2sent))
                people.append(person)
                known.add(sur)
                break


def _merge_tails(people: list[Person], paras: list[int]) -> list[Person]:
    """One person for "Annissa Essaibi George" and "Essaibi George" (a name that ends another name).
    The longer name wins, unless it was only seen in the headline, where title case misleads the NER
    ("Doug Jones Trumps Roy Moore")."""
    def key(p: Person) -> tuple:
        return tuple(fold(t).strip(".") for t in p.tokens)

    out = list(people)
    for short in people:
        k = key(short)
        if len(k) < 2:
            continue
        for long in out:
            if long is short or len(long.tokens) <= len(k) or key(long)[-len(k):] != k:
                continue
            headline_only = all(paras[m.sent] == 0 for m in long.mentions)
            keep, drop = (short, long) if headline_only else (long, short)
            keep.mentions.extend(drop.mentions)
            if drop in out:
                out.remove(drop)
            break
    return out


def _mention(doc: Doc, start: int, end: int, tok2sent: list[int]) -> Mention:
    sp = doc[start:end]
    return Mention(start, end, sp.start_char, sp.end_char, sp.text, tok2sent[start])
