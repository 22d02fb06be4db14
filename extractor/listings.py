"""Stage 4b: listings -> contests.

News pages often end in a list rather than prose: a contest on one line and its candidates one a line
below it ("Coffee Comm. Dist 5 (Democrat)" / "James Vickers" / "Charles Dean"), one contest a line
("3 Kisumu Joseph Otieno ODM"), or one candidate a line with a party and a count ("Civic Front (CF)
Amina Bello-12,480"). Prose assembly reads sentences and misses them. This stage finds blocks of
short lines, reads each line by its shape (header, candidate row, contest row) and turns the block into
contests, which it adds to the races of the prose assembly: a new contest when it is one the prose did
not report, else the missing candidates and figures of the prose race it matches.

Every value keeps the characters it came from (rule ids ``listing/...``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc

from models.normalize import fold, normalize_district, normalize_party, parse_percent, parse_votes, party_lookup
from . import doccache
from .lexicons import load, subdivisions, word_set
from .mentions import Mentions, surname_of

#: a block is this many short lines at least
MIN_BLOCK = 3
#: a short line has at most this many words, and few lower-case ones (prose has many)
MAX_WORDS = 12
MAX_LOWER = 2

_INDEX = re.compile(r"^\s*(?:\d{1,3}[.)]?|[-–—•*·])\s+(?=\D)")
_VOTES = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?!\d|,\d)|(?<![\d.,])\d{3,}(?!\d|[.,]\d)")
_PCT = re.compile(r"(?<![\d.])\d{1,2}(?:\.\d+)?\s?(?:%|percent\b|per\s?cent\b)|(?<![\d.])100(?:\.0+)?\s?%")
_PAREN = re.compile(r"\(([^()]{1,40})\)")
_CAPS = re.compile(r"^[A-Z]{2,6}$")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’\-]*\.?|[A-Z]\.|Mc\w+|Mac\w+|de|da|van|von|del|la|le|di|du)$", re.U)


def _lex() -> dict:
    return load("listings")


class _CueIndex:
    """The cues of a doc by character offset: those inside a range in time logarithmic in their number."""

    def __init__(self, cues: list):
        self.cues = sorted(cues, key=lambda c: c.start_char)
        self.starts = [c.start_char for c in self.cues]

    def within(self, a: int, b: int) -> list:
        lo, hi = bisect.bisect_left(self.starts, a), bisect.bisect_right(self.starts, b)
        return [c for c in self.cues[lo:hi] if c.end_char <= b]


@dataclass
class Line:
    start: int                      # character offsets of the line in the doc's text
    end: int
    text: str
    body_start: int                 # where the line's content starts, after a list index
    idx: int = -1                   # the line's place among the doc's non-empty lines
    people: list[tuple[int, int, int]] = field(default_factory=list)   # (person index, start_char, end_char)
    full: dict[int, str] = field(default_factory=dict)   # person index -> the person's full name


@dataclass
class Row:
    line: Line
    name: Optional[str] = None
    name_span: Optional[tuple[int, int]] = None
    party: Optional[str] = None
    party_span: Optional[tuple[int, int]] = None
    votes: Optional[int] = None
    votes_span: Optional[tuple[int, int]] = None
    pct: Optional[float] = None
    pct_span: Optional[tuple[int, int]] = None
    incumbent: bool = False
    place: Optional[str] = None
    header: Optional[dict] = None   # office kind, district, party, special (a header line)


#: words of a figure's unit, which a row may repeat ("8,201 (24.99 per cent, -20.36 per cent)")
_UNIT_WORDS = {"per", "cent", "percent", "votes", "vote", "pc"}


def _short(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’\-]*", text)
    if not words or len(words) > MAX_WORDS:
        return False
    if text.rstrip().endswith((":", "?", "!")):
        return False
    if text.rstrip().endswith(".") and not re.search(r"\b[A-Z][a-z]?\.$", text.rstrip()) and \
            not (len(words) <= 8 and re.search(r"\d", text)):  # "Ann Bowman (R): 136 votes (20%)."
        return False
    lower = [w for w in words if w[0].islower() and w.lower() not in ("of", "and", "de", "da", "van", "von", "del")
             and w not in _UNIT_WORDS]
    return len(lower) <= MAX_LOWER


def _lines(doc: Doc, m: Mentions, text: str) -> list[Line]:
    out, pos = [], 0
    spans = sorted(((pi, mm.start_char, mm.end_char) for pi, p in enumerate(m.people) for mm in p.mentions),
                   key=lambda h: h[1])
    starts = [h[1] for h in spans]
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if not raw.strip():
            continue
        idx = _INDEX.match(raw)
        line = Line(start, end, raw, start + (idx.end() if idx else len(raw) - len(raw.lstrip())))
        line.people = [h for h in spans[bisect.bisect_left(starts, start):bisect.bisect_right(starts, end)]
                       if h[2] <= end]
        line.full = {pi: m.people[pi].name for pi, _, _ in line.people}
        line.idx = len(out)
        out.append(line)
    return out


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of short lines, MIN_BLOCK long at least, or two after a line that announces a list with a
    colon ("With every ward counted, the totals were:")."""
    blocks, cur, announced = [], [], False
    for ln in lines:
        if _short(ln.text):
            cur.append(ln)
            continue
        if len(cur) >= MIN_BLOCK or (announced and len(cur) == 2):
            blocks.append(cur)
        cur = []
        announced = ln.text.rstrip().endswith(":")
    if len(cur) >= MIN_BLOCK or (announced and len(cur) == 2):
        blocks.append(cur)
    return blocks


def _header(line: Line, cues: list) -> Optional[dict]:
    """A line naming a contest: an office word (pattern cue or listing abbreviation), with its district,
    party and "special" marks."""
    lex = _lex()
    low = line.text.lower()
    words = re.findall(r"[a-z][\w.]*", low)
    # the first office phrase, the longest of those starting there ("Justice of the Peace Ward 1" is a
    # justice's seat, its ward the district)
    named = sorted((c for c in cues if c.label == "OFFICE"), key=lambda c: (c.start_char, -(c.end_char - c.start_char)))
    kind = named[0].value if named else None
    if kind is None:
        offices = lex["header_offices"]
        for n in (2, 1):
            grams = [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]
            kind = next((offices[g] for g in grams if g in offices), None)
            if kind:
                break
    if kind is None:
        return None
    district = None
    d_cue = next((c for c in cues if c.label == "DISTRICT"), None)
    if d_cue is not None:
        mm = re.search(r"\d{1,3}", d_cue.text)
        district = normalize_district(mm.group(0)) if mm else ("at-large" if "large" in d_cue.text.lower() else None)
    if district is None:
        toks = re.findall(r"[\w.]+", low)
        abbrev = re.compile(lex["district_abbrev_regex"])
        dwords = set(lex["district_words"])
        for i, t in enumerate(toks):
            mm = abbrev.match(t)
            if mm:
                district = normalize_district(mm.group(1))
                break
            if t in dwords and i + 1 < len(toks) and toks[i + 1].isdigit():
                district = normalize_district(toks[i + 1])
                break
    party = next((c for c in cues if c.label == "PARTY"), None)
    special = any(w in low for w in lex["special_words"])
    return {"kind": kind, "district": district, "party": party.value if party else None,
            "party_span": (party.start_char, party.end_char) if party else None, "special": special,
            "span": (line.body_start, line.end)}


def _fallback_name(text: str, offset: int) -> Optional[tuple[str, int, int]]:
    """The longest run of two to four name-shaped words in a line the NER left alone."""
    titles = word_set("names", "titles") | word_set("listings", "honorifics")
    stop = word_set("listings", "not_names") | word_set("names", "not_names")
    orgs = word_set("listings", "org_words")
    best = None
    for mm in re.finditer(r"(?:[^\s,;:()\-–—]+(?:-[^\s,;:()\-–—]+)*)(?:\s+[^\s,;:()–—]+)*", text):
        words = [(w.group(0), w.start() + mm.start()) for w in re.finditer(r"[^\s]+", mm.group(0))]
        run: list[tuple[str, int]] = []
        for w, at in words + [("", -1)]:
            w_clean = re.split(r"-(?=\d)", w.rstrip(",;"))[0].rstrip("-–")
            if w_clean.endswith(".") and len(w_clean) > 2:
                w_clean = w_clean[:-1]
            ok = w and _NAME_WORD.match(w_clean) and w_clean.lower().rstrip(".") not in titles and \
                w_clean.lower() not in stop and not _CAPS.match(w_clean)
            if ok:
                run.append((w_clean, at))
                continue
            # a run of party or organisation words is no name ("Action Alliance"); of two runs as long,
            # the later one (nearer the figures at a row's end)
            if 2 <= len(run) <= 4 and not any(x.lower() in orgs for x, _ in run) and \
                    (best is None or len(run) >= len(best)):
                best = list(run)
            run = []
    if not best:
        return None
    a = best[0][1]
    b = best[-1][1] + len(best[-1][0])
    return text[a:b], offset + a, offset + b


def _subdivision_lead(body: str, country: Optional[str]) -> Optional[int]:
    """Where a row's opening state, province or region of ``country`` ends ("Homa Bay Mary Achieng
    UDA", "Kisumu county Joseph Otieno ODM"), when two words or more follow it; else None."""
    if not country:
        return None
    subs = subdivisions(country)
    if not subs:
        return None
    words = list(re.finditer(r"\S+", body))
    for k in (4, 3, 2, 1):
        if len(words) - k < 2:
            continue
        if " ".join(fold(w.group(0)).replace("-", " ") for w in words[:k]) in subs:
            end = words[k - 1].end()
            if words[k].group(0).lower() in _lex()["subdivision_words"]:
                end = words[k].end()
            return end
    return None


def _row(line: Line, cues: list, country: Optional[str] = None) -> Row:
    """One line read as a candidate's row; with ``country``, a row of a list whose rows open with a
    state or region of that country, the place is cut off before the name is looked for."""
    row = Row(line)
    body = line.text[line.body_start - line.start:]
    if body.strip().startswith("(") and body.strip().endswith(")") or re.match(r"\s*By\s+[A-Z]", body):
        return row  # "(Reporting by ...)", "By Jane Doe": an aside or a byline, nobody's row
    off = line.body_start
    lead = _subdivision_lead(body, country)
    if lead is not None:
        found = _fallback_name(body[lead:], off + lead)
        if found:
            row.name, row.name_span = found[0], (found[1], found[2])
            return _row_rest(row, line, cues, body, off, by_region=True)
    # the NER's span on the line, without a party code or a count glued to it ("Okezie Ikpeazu PDP",
    # "Adenuga Oluwafemi-16,156"); the people of the mention layer are not used here, as a list's
    # surnames and codes mislead its merging of mentions
    found = None
    titles = word_set("names", "titles")
    for _pi, a, b in sorted(line.people, key=lambda h: h[1] - h[2]):
        piece = re.split(r"\s*[-–—]\s*\d", line.text[a - line.start:b - line.start])[0]
        words = [(w.group(0), a + w.start()) for w in re.finditer(r"\S+", piece)]
        while words and (_CAPS.match(words[-1][0].strip(",.")) or any(ch.isdigit() for ch in words[-1][0])
                         or not any(ch.isalpha() for ch in words[-1][0])):
            words.pop()
        while words and (words[0][0].lower().rstrip(".") in titles or _CAPS.match(words[0][0].strip(",."))
                         or words[0][0].lower() in word_set("listings", "honorifics")):
            words.pop(0)
        if any(w.lower().strip(",.()") in word_set("listings", "org_words") for w, _ in words):
            continue
        if len(words) >= 2:
            start, end = words[0][1], words[-1][1] + len(words[-1][0].rstrip(","))
            found = (line.text[start - line.start:end - line.start], start, end)
            break
    found = found or _fallback_name(body, off)
    if found is None:
        # "Rowe — 293", "Rowe ........ 293": a row that gives only the surname of someone the story named
        # in full
        for pi, a, b in line.people:
            full = line.full.get(pi, "").split()
            word = line.text[a - line.start:b - line.start]
            if len(full) >= 2 and surname_of(full) == surname_of([word]) and \
                    re.fullmatch(r"\s*(?:[-–—:]|\.{2,}|…+)\s*[\d,]+(?:\s*(?:votes?|%|percent))?\.?\s*",
                                 line.text[b - line.start:]):
                found = (" ".join(full), a, b)
                break
    if found:
        row.name, row.name_span = found[0], (found[1], found[2])
    return _row_rest(row, line, cues, body, off)


def _row_rest(row: Row, line: Line, cues: list, body: str, off: int, by_region: bool = False) -> Row:
    """A row's incumbent mark, party, figures and place, read around its name."""
    low = body.lower()
    row.incumbent = any(k in low for k in _lex()["incumbent_markers"] if k != "*") or body.rstrip().endswith("*")
    party = next((c for c in cues if c.label in ("PARTY", "PARTY_TAG")), None)
    name_a, name_b = row.name_span or (-1, -1)
    for p in _PAREN.finditer(body):
        inner = p.group(1).strip()
        a = off + p.start(1)
        if name_a <= a < name_b:
            continue
        # a code ("LD") or a known party's name or alias ("Lab", "C"), not an incumbent's mark ("(i)")
        if _CAPS.match(inner.replace(" ", "")) or (inner[:1].isupper() and inner.lower() in party_lookup()
                                                   and f"({inner.lower()})" not in _lex()["incumbent_markers"]):
            row.party, row.party_span = inner.replace(" ", ""), (a, a + len(p.group(1)))
            break
    if row.party is None and row.name_span:
        # "Anna Firth - Conservative Party", "Olga Childs - independent": a party after a dash
        after = body[row.name_span[1] - off:]
        dash = re.match(r"\s*[-–—]\s*([A-Za-z][^\d()]{1,50}?)\s*$", after)
        if dash:
            a = row.name_span[1] + dash.start(1)
            row.party, row.party_span = dash.group(1), (a, a + len(dash.group(1)))
    if row.party is None and party is not None:
        row.party, row.party_span = party.value, (party.start_char, party.end_char)
    if row.party is None:
        tail = re.search(r"\b([A-Z]{2,6})\s*$", body)
        if tail and off + tail.start(1) >= name_b:
            row.party, row.party_span = tail.group(1), (off + tail.start(1), off + tail.end(1))
    # dot leaders ("Ann Cole ........ 1,204") blanked, offsets kept
    plain = re.sub(r"\.{2,}|…+", lambda mm: " " * len(mm.group(0)), body)
    for rx, attr, parse in ((_PCT, "pct", parse_percent), (_VOTES, "votes", parse_votes)):
        for mm in rx.finditer(plain):
            a = off + mm.start()
            if name_a <= a < name_b:
                continue
            val = parse(mm.group(0))
            if val is not None:
                setattr(row, attr, val)
                setattr(row, attr + "_span", (a, off + mm.end()))
                break
    if row.votes is None and row.pct is None and row.name_span:
        # "Brandon Kieffert: 69": a small count after the name and a colon or a dash, ending the line
        small = re.search(r"[:\-–—]\s*(\d{1,3})\s*$", body[row.name_span[1] - off:])
        if small:
            a = row.name_span[1] + small.start(1)
            row.votes, row.votes_span = int(small.group(1)), (a, a + len(small.group(1)))
    if row.name_span:
        place = body[:row.name_span[0] - off].strip(" ,:-–—")
        words = place.split()
        if len(words) > 1 and (words[-1].lower() == "state" or (by_region and words[-1].lower() in _lex()["subdivision_words"])):
            place = " ".join(words[:-1])  # "Abia state"; in a list by region, "Kisumu county"
        if place and not re.search(r"\d", place) and (row.party_span is None or row.party_span[0] > row.name_span[0]):
            row.place = place
    return row


@dataclass
class Context:
    """What the prose says of the article as a whole: the office, state, country and round it reports."""
    kind: Optional[str]
    state: Optional[str]
    country: str
    stage: str
    special: bool = False
    jurisdiction: Optional[str] = None      # the place the opening names the office's seat by
    predecessor: Optional[dict] = None      # the one who left the seat (with its ``_evidence``)


def _ev(text: str, field_: str, span: tuple[int, int], rule: str) -> dict:
    return {"field": field_, "start": span[0], "end": span[1], "text": text[span[0]:span[1]], "rule": rule}


def _cand(text: str, r: Row, i: int, party: Optional[str], outcome: Optional[str]) -> tuple[dict, list[dict]]:
    cand = {"name": r.name, "party": party, "vote_pct": r.pct, "votes": r.votes, "outcome": outcome,
            "incumbent": True if r.incumbent else None}
    ev = [_ev(text, f"candidates[{i}].name", r.name_span, "listing/name")]
    if r.party and r.party_span and party == normalize_party(r.party):
        ev.append(_ev(text, f"candidates[{i}].party", r.party_span, "listing/party"))
    if r.pct is not None:
        ev.append(_ev(text, f"candidates[{i}].vote_pct", r.pct_span, "listing/pct"))
    if r.votes is not None:
        ev.append(_ev(text, f"candidates[{i}].votes", r.votes_span, "listing/votes"))
    if r.incumbent:
        ev.append(_ev(text, f"candidates[{i}].incumbent", (r.line.start, r.line.end), "listing/incumbent-mark"))
    return cand, ev


def _race(text: str, ctx: Context, kind: str, district, place, stage, party_primary, special, rows, outcome,
          office_span, header_party: Optional[str] = None) -> dict:
    us = ctx.country == "US"
    race = {"office": {"kind": kind, "state": ctx.state if us else None, "district": district,
                       "jurisdiction": place, "country": ctx.country},
            "election": {"stage": stage, "special": special, "date": None, "party_primary": party_primary},
            "candidates": [], "predecessor": None,
            "_evidence": [_ev(text, "office.kind", office_span, "listing/header")]}
    for r in rows:
        party = normalize_party(r.party) if r.party else header_party
        cand, ev = _cand(text, r, len(race["candidates"]), party, outcome)
        race["candidates"].append(cand)
        race["_evidence"].extend(ev)
    return race


def _winners_block(lines: list[Line], block: list[Line]) -> Optional[tuple[int, int]]:
    """Rows are winners when the headline, or the line introducing them, says so ("5 governors-elect",
    "the new governors", "winners"): the characters of that word (each winner's outcome points at
    them), else None."""
    words = set(_lex()["winner_words"])
    first = block[0]
    before = lines[first.idx - 1:first.idx] if first.idx > 0 else []
    for ln in lines[:1] + before:
        for mm in re.finditer(r"[A-Za-z][A-Za-z\-]*", ln.text):
            if mm.group(0).lower() in words:
                return ln.start + mm.start(), ln.start + mm.end()
    return None


def read_listings(doc: Doc, m: Mentions, ctx: Context, text: Optional[str] = None) -> list[dict]:
    """Contests (race dicts, RECORD.md shape with ``_evidence``) told as lists."""
    text = doc.text if text is None else text  # (Doc.text joins every token at each read)
    lines = _lines(doc, m, text)
    blocks = _blocks(lines)
    index = _CueIndex(m.cues)
    out: list[dict] = [race for ln in lines for race in _inline_contest(text, ctx, ln, index)]
    if not blocks:
        return out
    for block in blocks:
        rows = []
        # a list whose rows mostly open with a state or region of the article's country ("3 Kisumu
        # Joseph Otieno ODM"): each row's place is cut off before its name is read
        leads = sum(1 for ln in block if _subdivision_lead(ln.text[ln.body_start - ln.start:], ctx.country) is not None)
        country = ctx.country if len(block) >= MIN_BLOCK and leads >= 0.6 * len(block) else None
        for ln in block:
            cues = index.within(ln.start, ln.end)
            head = _header(ln, cues) if not (_VOTES.search(ln.text) or _PCT.search(ln.text)) else None
            if head:
                r = Row(ln, header=head)
            else:
                r = _row(ln, cues, country)
            rows.append(r)
        heads = [r for r in rows if r.header]
        named = [r for r in rows if not r.header and r.name]
        if heads:
            groups: list[tuple[Row, list[Row]]] = []
            for r in rows:
                if r.header:
                    groups.append((r, []))
                elif r.name and groups:
                    groups[-1][1].append(r)
            for h, members in groups:
                if not members:
                    continue
                hd = h.header
                pp = normalize_party(hd["party"]) if hd["party"] and ctx.stage in ("primary", "runoff") else None
                place = _place_before_office(h.line.text)
                out.append(_race(text, ctx, hd["kind"], hd["district"], place, ctx.stage, pp, hd["special"],
                                 members, None, hd["span"], normalize_party(hd["party"]) if hd["party"] else None))
        elif len(named) >= MIN_BLOCK and ctx.kind:
            placed = [r for r in named if r.place]
            if len(placed) >= 0.8 * len(named) and len({fold(r.place) for r in placed}) == len(placed):
                said = _winners_block(lines, block)
                outcome = "won" if said else None
                for r in placed:
                    span = (r.line.body_start, r.name_span[0])
                    race = _race(text, ctx, ctx.kind, None, r.place, ctx.stage, None, False, [r], outcome, span)
                    if said:
                        race["_evidence"].append(_ev(text, "candidates[0].outcome", said, "listing/winners"))
                    out.append(race)
            elif sum(1 for r in named if r.votes is not None or r.pct is not None or r.party) >= 0.8 * len(named):
                out.append({"_candidates_of_main": named, "_intro": _intro_names_candidates(lines, block),
                            "_span": (block[0].body_start, block[-1].end), "_before": _named_before(lines, block)})
        elif len(named) == len(block) == 2 and all(r.votes is not None or r.pct is not None for r in named):
            # two rows after a line announcing them ("the unofficial count was:"), each a name and a figure
                out.append({"_candidates_of_main": named, "_intro": _intro_names_candidates(lines, block),
                            "_span": (block[0].body_start, block[-1].end), "_before": _named_before(lines, block)})
    return out


_LEAD = re.compile(r"^\s*([^:;.!?]{2,70}?):\s+(?=\S)")
_SEGMENT_CUT = re.compile(r"\s*;\s*|,\s+(?=[A-Z][^\d,;]*?(?:\(|\d))")


def _inline_contest(text: str, ctx: Context, ln: Line, index: _CueIndex) -> list[dict]:
    """One contest on one line, newspaper results style: "Sheriff: Paul Dratch (R) 23,114; Alma Reyes (D)
    19,870." -- a lead label naming an office, then two or more people each with a count or a share."""
    lead = _LEAD.match(ln.text)
    if not lead:
        return []
    label = Line(ln.start + lead.start(1), ln.start + lead.end(1), lead.group(1), ln.start + lead.start(1))
    cues = index.within(label.start, label.end)
    head = _header(label, cues)
    if head is None or any(c.label in ("WIN", "LOSE", "ADVANCE") for c in cues):
        return []
    rest_at = ln.start + lead.end()
    rest = text[rest_at:ln.end]
    rows, pos = [], 0
    pieces = [(mm.start(), mm.end()) for mm in _SEGMENT_CUT.finditer(rest)] + [(len(rest), len(rest))]
    for a, b in pieces:
        seg_text = rest[pos:a]
        seg = Line(rest_at + pos, rest_at + a, seg_text, rest_at + pos)
        seg.people = [h for h in ln.people if seg.start <= h[1] and h[2] <= seg.end]
        seg_cues = index.within(seg.start, seg.end)
        pos = b
        if not seg_text.strip():
            continue
        r = _row(seg, seg_cues)
        if r.name is None or (r.votes is None and r.pct is None):
            return []  # every piece of a results line is a person with a figure
        rows.append(r)
    if len(rows) < 2:
        return []
    pp = normalize_party(head["party"]) if head["party"] and ctx.stage in ("primary", "runoff") else None
    return [_race(text, ctx, head["kind"], head["district"], None, ctx.stage, pp, head["special"], rows, None,
                  (label.start, label.end))]


def _named_before(lines: list[Line], block: list[Line]) -> set[str]:
    """The surnames of the people the two lines before a list name ("X, who is winning the vice mayoral
    race ... The breakdown is as follows:"): the list goes on with their contest."""
    out: set[str] = set()
    for ln in lines[max(block[0].idx - 2, 0):block[0].idx]:
        out |= {surname_of(ln.full[pi].split()) for pi, _, _ in ln.people if ln.full.get(pi)}
    return out


def _intro_names_candidates(lines: list[Line], block: list[Line]) -> bool:
    """"The full list of candidates:", "On the ballot are:": the line before a list says it lists people
    running."""
    before = lines[block[0].idx - 1:block[0].idx] if block[0].idx > 0 else []
    words = set(_lex()["candidacy_words"])
    return any(w in words for ln in before for w in re.findall(r"[a-z]+", ln.text.lower()))


def _place_before_office(text: str) -> Optional[str]:
    words = re.findall(r"[A-Z][\w'’\-]*", text)
    offices = _lex()["header_offices"]
    place = []
    for w in words:
        if w.lower() in offices or w.lower().rstrip(".") in offices:
            break
        place.append(w)
    return " ".join(place) or None


def add_listings(doc: Doc, m: Mentions, races: list[dict], ctx: Context) -> list[dict]:
    """The prose races with the contests and candidates that lists add."""
    text = doccache.text(doc)
    listed = read_listings(doc, m, ctx, text)
    if not listed:
        return races
    races = list(races)
    homes = _Homes(races)
    for item in listed:
        if "_candidates_of_main" in item:
            if races:
                # the race naming most of the listed people, then a round already decided (a count is of a
                # held round), then one of the article's round, then the one with most candidates
                listed_names = {surname_of(r.name.split()) for r in item["_candidates_of_main"]}
                before = item.get("_before") or set()
                main = max(races, key=lambda r: (len(_surnames(r) & listed_names), len(_surnames(r) & before),
                                                 bool(_surnames(r) & listed_names) and
                                                 any(c["outcome"] in ("won", "lost") for c in r["candidates"]),
                                                 r["election"]["stage"] == ctx.stage, len(r["candidates"])))
                _extend(text, main, item["_candidates_of_main"])
                _unclaim(races, main, item["_candidates_of_main"])
                homes.reindex(main)
            elif item["_intro"] and ctx.kind:
                # the article's one contest, told only by its list: the opening's place and the one who
                # left the seat are its own
                race = _race(text, ctx, ctx.kind, None, ctx.jurisdiction, ctx.stage, None, ctx.special,
                             item["_candidates_of_main"], None, item["_span"])
                if ctx.predecessor is not None:
                    race["predecessor"] = {k: v for k, v in ctx.predecessor.items() if k != "_evidence"}
                    race["_evidence"].extend(ctx.predecessor["_evidence"])
                _no_other_holder(race)
                homes.add(race)
            continue
        home = homes.find(item)
        if home is None:
            homes.add(item)
        else:
            _extend(text, home, [], extra=item)
            homes.reindex(home)
    return races


def _unclaim(races: list[dict], home: dict, rows: list[Row]) -> None:
    """A listed figure belongs to the race the list went to: the same characters read as a figure of
    another race by the prose (a list row read as a sentence in the round before) are taken back."""
    spans = {sp for r in rows for sp in (r.votes_span, r.pct_span) if sp}
    if not spans:
        return
    for race in races:
        if race is home:
            continue
        for e in list(race.get("_evidence", [])):
            if e["field"].endswith((".vote_pct", ".votes")) and any(e["start"] < b and a < e["end"] for a, b in spans):
                i = int(e["field"].split("[", 1)[1].split("]", 1)[0])
                race["candidates"][i][e["field"].rsplit(".", 1)[1]] = None
                race["_evidence"].remove(e)


def _seat_key(r: dict) -> tuple:
    o, e = r["office"], r["election"]
    return (o["kind"], o.get("district"), fold(o.get("jurisdiction") or ""), e["stage"], e.get("party_primary"))


def _surnames(r: dict) -> set[str]:
    return {surname_of(c["name"].split()) for c in r["candidates"] if c["name"]}


class _Homes:
    """The races a listed contest may belong to, found by its seat (office kind, district, place, round
    and primary party) or by a shared surname in a round of the same office kind -- by lookup, not by
    comparing every pair (a list of a thousand lines stays linear)."""

    def __init__(self, races: list[dict]):
        self.races = races
        self.by_seat: dict[tuple, dict] = {}
        self.by_name: dict[tuple, list[dict]] = {}
        for r in list(races):
            self.reindex(r)

    def add(self, r: dict) -> None:
        self.races.append(r)
        self.reindex(r)

    def reindex(self, r: dict) -> None:
        self.by_seat.setdefault(_seat_key(r), r)
        for sur in _surnames(r):
            bucket = self.by_name.setdefault((sur, r["election"]["stage"]), [])
            if not any(x is r for x in bucket):
                bucket.append(r)

    def find(self, item: dict) -> Optional[dict]:
        home = self.by_seat.get(_seat_key(item))
        if home is not None:
            return home
        kind = item["office"]["kind"]
        for sur in _surnames(item):
            for r in self.by_name.get((sur, item["election"]["stage"]), []):
                if r["office"]["kind"] == kind or "other" in (r["office"]["kind"], kind):
                    return r
        return None


def _extend(text: str, race: dict, rows: list[Row], extra: Optional[dict] = None) -> None:
    """Add listed candidates to a prose race: new people at the end; for people it has, only the
    figures and party it lacks."""
    have = {surname_of(c["name"].split()): i for i, c in enumerate(race["candidates"]) if c["name"]}
    winner = sum(1 for c in race["candidates"] if c["outcome"] == "won") == 1
    items: list[tuple[dict, list[dict]]] = []
    for r in rows:
        cand, ev = _cand(text, r, 0, normalize_party(r.party) if r.party else None, "lost" if winner else None)
        items.append((cand, ev))
    if extra:
        for i, cand in enumerate(extra["candidates"]):
            ev = [e for e in extra["_evidence"] if e["field"].startswith(f"candidates[{i}].")]
            items.append((dict(cand), ev))
    for cand, ev in items:
        sur = surname_of(cand["name"].split())
        i = have.get(sur)
        if i is None:
            i = len(race["candidates"])
            race["candidates"].append(cand)
            have[sur] = i
            keep = ev
        else:
            old = race["candidates"][i]
            keep = [e for e in ev if e["field"].endswith((".vote_pct", ".votes", ".party"))
                    and old[e["field"].rsplit(".", 1)[1]] is None]
            for e in keep:
                key = e["field"].rsplit(".", 1)[1]
                old[key] = cand[key]
        for e in keep:
            race["_evidence"].append(dict(e, field=f"candidates[{i}]." + e["field"].split(".", 1)[1]))
    _no_other_holder(race)


def _no_other_holder(race: dict) -> None:
    """As the prose has it: in a special contest, a seat its holder left, or one whose holder is named,
    the others listed are not its holder."""
    if race["election"].get("special") or race.get("predecessor") or any(c.get("incumbent") for c in race["candidates"]):
        for c in race["candidates"]:
            if c.get("incumbent") is None:
                c["incumbent"] = False
