"""Consolidation: one contest record from the many article records that report it (issue 14).

An archive tells a contest many times (preview, election night, next day, certified count, a line in
a roundup). ``consolidate(open_records)`` groups the races of article records into contests and
merges each group into one race-shaped record (``../shared/RECORD.md``) with ``sources`` (the
articles, and for every value the article, race and evidence span it came from) and ``conflicts``
(every value two sources disagree on, with its alternatives: nothing is dropped silently).

**Grouping** (pass 1, over compact race keys): races of one contest share the block (country, office
kind, stage) and agree on what they state of the seat (state, district, jurisdiction), the party of
a primary and the cycle (the election date, else a window around the publication date). Races are
looked up through indexes (exact seat + year; surname + state + year), never compared all pairs
against all, so the work is linear in races. Candidate overlap decides close calls: races naming
candidates must share one; where the seat or the date is not stated on both sides, the smaller
candidate list must be mostly (2/3) inside the other. Races are processed in a canonical order (the
most fully stated first, then by article id), so the grouping does not depend on input order. Where
the candidates leave no doubt, extraction noise is let through: an undated race whose stage is a
neighbour's (``NEIGHBOUR_STAGES``: a primary's runoff told as the primary) joins the contest of that
stage with the very same field of candidates, if its own stage has none as good; a place spelled or
read otherwise does not split races naming the very same candidates. Each (country, office kind) is
grouped on its own (a partition), which lets ``consolidate_parallel`` share the grouping out.

**Merging** (pass 2, per contest; ``merge_contest``): a count beats another when its status ranks
higher (certified > final > election night/unstated > early or partial returns), then when more
precincts reported, then when it gives figures for more candidates, then when it was published later
(an undated article ranks below a dated one); a figure consistent with the chosen one by rounding
(56 and 55.89) agrees with it. An outcome ("won", "lost", "advanced") beats no outcome; between
outcomes, the better count status, then the latest report, then the number of sources decide. Figures
an article gives for a candidate whose outcome it reports differently from the final one come from
an overturned count: they are kept as ``superseded`` alternatives, not as the value. Other values go
by the number of sources, then by rank. With a record's ``confidence`` (keyed by evidence paths),
a value below 0.5 never beats a confident one and sources count by their confidence. A candidate
named by one source only, with no figure and no party, while two or more other sources list the
contest's candidates without them, is left out as uncorroborated (and listed under ``conflicts``).

A record or race may carry ``count: {"status": ..., "reporting_pct": ...}``; ``count_status(text)``
reads it from an article's words (cues in ``consolidate_cues.json``).
"""
from __future__ import annotations

import datetime as dt
import gc
import json
import os
import re
import tempfile
import time
from array import array
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from importlib import resources
from typing import Any, Callable, Iterable, Iterator, Optional

from models.normalize import fold

from .evaluate import _district
from .evaluate import name_parts as _name_parts

try:
    import orjson
except ImportError:  # pragma: no cover - a dependency; json does the same, slower
    orjson = None


@lru_cache(maxsize=200_000)
def name_parts(name: str) -> tuple:
    return tuple(_name_parts(name))


def same_person(a: Optional[str], b: Optional[str]) -> bool:
    """``evaluate.same_person`` on cached name parts: surnames agree (or one holds the other), and
    first initials do when both have one."""
    pa, pb = name_parts(a or ""), name_parts(b or "")
    if not pa or not pb:
        return False
    if pa[-1] != pb[-1] and pa[-1] not in pb and pb[-1] not in pa:
        return False
    return not (pa[:-1] and pb[:-1] and pa[0][0] != pb[0][0])

#: seat values a race must state for its kind before the seat counts as fully known
DISTRICTED = {"us_house", "state_senate", "state_house"}
STATEWIDE = {"us_senate", "governor", "lieutenant_governor", "attorney_general", "secretary_of_state",
             "state_executive_other"}
NATIONWIDE = {"us_president", "head_of_state", "head_of_government"}
#: days around an election in which an article about it is published (preview before, recount after)
BEFORE, AFTER = 240, 400
SAME_DAY = 3
#: stages one article may call another's (a primary's runoff told as the primary, a runoff as the general)
NEIGHBOUR_STAGES = {"primary": ("runoff",), "runoff": ("primary", "general"), "general": ("runoff",)}
SCAN_CAP = 64
CONFIDENT = 0.5
STATUS_RANK = {"certified": 3, "final": 2, "election_night": 1, "unofficial": 1, None: 1, "early_returns": 0,
               "partial": 0}
OFFICE_FIELDS = ("kind", "state", "district", "jurisdiction", "country")
ELECTION_FIELDS = ("stage", "special", "date", "party_primary")
CAND_FIELDS = ("name", "party", "vote_pct", "votes", "outcome", "incumbent")


# ---------------------------------------------------------------------------------------------- count status
@lru_cache(maxsize=None)
def _cues() -> dict:
    return json.loads(resources.files("extractor").joinpath("consolidate_cues.json").read_text("utf-8"))


def count_status(text: str) -> Optional[dict]:
    """What count an article reports, from its words: ``{"status", "reporting_pct"}`` or None.

    >>> count_status("The state canvassing board certified the results on Monday.")
    {'status': 'certified', 'reporting_pct': None}
    >>> count_status("With 85 percent of precincts reporting, Smith led.")
    {'status': 'partial', 'reporting_pct': 85.0}
    """
    cues = _cues()
    low = text.lower()
    status = next((s for s in cues["order"] if any(c in low for c in cues["status"][s])), None)
    pct = None
    for m in re.finditer(cues["reporting_pattern"], low):
        v = float(m.group(1))
        pct = v if pct is None else max(pct, v)
    if pct is None and any(c in low for c in cues["all_reporting"]):
        pct = 100.0
    if pct is not None and pct < 100 and STATUS_RANK.get(status, 1) <= 1:
        status = "partial"
    if status is None and pct is None:
        return None
    return {"status": status, "reporting_pct": pct}


# ---------------------------------------------------------------------------------------------- race keys
@lru_cache(maxsize=100_000)
def _norm_place(v: Any) -> Optional[str]:
    if not v:
        return None
    s = re.sub(r"[^a-z0-9 ]+", " ", fold(str(v)))
    s = re.sub(r"^(the|city of|county of) ", "", " ".join(s.split()))
    return s or None


@lru_cache(maxsize=10_000)
def _norm_district(v: Any) -> Optional[str]:
    """The scorer's district reading (``"34th"`` and ``"034"`` are ``"34"``), cached: a million races."""
    return None if v == "" else _district(v)


def _norm_party(v: Any) -> Optional[str]:
    return _folded(str(v)) if v else None


@lru_cache(maxsize=10_000)
def _folded(s: str) -> str:
    return fold(s).strip()


@lru_cache(maxsize=200_000)
def surname(name: str) -> Optional[str]:
    parts = name_parts(name)
    return parts[-1] if parts else None


@lru_cache(maxsize=100_000)
def _ordinal(v: Any) -> Optional[int]:
    if not v:
        return None
    try:
        return dt.date.fromisoformat(str(v)[:10]).toordinal()
    except ValueError:
        return None


def seat_complete(kind: Optional[str], state: Optional[str], district: Optional[str], juris: Optional[str]) -> bool:
    """Whether a race states its seat fully for its office kind (a districted seat needs its district)."""
    if kind in DISTRICTED:
        return bool(state and district)
    if kind in STATEWIDE:
        return bool(state)
    if kind in NATIONWIDE:
        return True
    return bool(juris)


_BLOCKS: dict[tuple, tuple] = {}


def race_key(race: dict, published: Any) -> tuple:
    """What grouping needs of one race, as a plain tuple (it crosses processes in the parallel run):
    ``(block, state, district, jurisdiction, party, special, lo, hi, dated, surnames)``."""
    o, e = race.get("office") or {}, race.get("election") or {}
    kind = o.get("kind")
    block = (str(o.get("country") or "US").upper(), kind, e.get("stage"))
    block = _BLOCKS.setdefault(block, block)
    state = str(o["state"]).upper() if o.get("state") else None
    date, pub = _ordinal(e.get("date")), _ordinal(published)
    lo, hi = ((date - SAME_DAY, date + SAME_DAY) if date is not None else
              (pub - AFTER, pub + BEFORE) if pub is not None else (None, None))
    found = set()
    for c in race.get("candidates") or ():
        if isinstance(c, dict) and c.get("name"):
            s = surname(c["name"])
            if s:
                found.add(s)
    names = tuple(sorted(found))
    return (block, state, _norm_district(o.get("district")), _norm_place(o.get("jurisdiction")),
            _norm_party(e.get("party_primary")), bool(e.get("special")), lo, hi, date is not None, names)


class _Race:
    """What grouping needs of one race (compact: a million of them are held at once)."""
    __slots__ = ("n", "aid", "idx", "block", "state", "district", "juris", "pp", "special", "lo", "hi", "dated",
                 "names", "complete")

    def __init__(self, n: int, aid: str, idx: int, key: tuple):
        self.n, self.aid, self.idx = n, aid, idx
        (self.block, self.state, self.district, self.juris, self.pp, self.special, self.lo, self.hi, self.dated,
         self.names) = key  # surnames: a sorted tuple (smaller than a set; a million are held)
        self.complete = seat_complete(self.block[1], self.state, self.district, self.juris)

    def order(self) -> tuple:
        return (not self.complete, 0 if self.dated else 1 if self.lo is not None else 2, -len(self.names),
                self.aid, self.idx, self.n)


class _Group:
    __slots__ = ("gid", "block", "state", "district", "juris", "pp", "special", "lo", "hi", "dated", "names",
                 "complete", "size")

    def __init__(self, gid: int, r: _Race):
        self.gid, self.block = gid, r.block
        self.state, self.district, self.juris, self.pp, self.special = r.state, r.district, r.juris, r.pp, r.special
        self.lo, self.hi, self.dated = r.lo, r.hi, r.dated
        self.names = set(r.names)
        self.complete = r.complete
        self.size = 1


@lru_cache(maxsize=65_536)
def _years(lo: Optional[int], hi: Optional[int]) -> tuple:
    if lo is None:
        return ()
    return tuple(range(dt.date.fromordinal(lo).year, dt.date.fromordinal(hi).year + 1))


def _same_place(a: str, b: str) -> bool:
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


def _same_field(r: _Race, g: _Group) -> bool:
    """The race names the contest's candidates, two or more, and no one else."""
    return len(r.names) >= 2 and len(g.names) == len(r.names) and g.names.issuperset(r.names)


def fit(r: _Race, g: _Group) -> Optional[float]:
    """How well race ``r`` fits contest ``g`` (higher is better), or None when it cannot be the same contest."""
    if (r.state and g.state and r.state != g.state) or (r.district and g.district and r.district != g.district):
        return None
    if r.pp and g.pp and r.pp != g.pp:
        return None
    if r.juris and g.juris and not _same_place(r.juris, g.juris) and not _same_field(r, g):
        return None  # another place, unless spelled or read otherwise with the very same candidates
    if r.lo is None or g.lo is None:
        when = 0  # nothing dates one side
    elif r.lo > g.hi or g.lo > r.hi:
        return None
    else:
        when = 2 if r.dated and g.dated else 1
    exact = r.complete and g.complete and r.state == g.state and r.district == g.district and r.juris == g.juris
    if r.names and g.names:
        shared = len(g.names.intersection(r.names))
        if not shared:
            return None
        if not (exact and when) and shared / min(len(r.names), len(g.names)) < 0.66:
            return None
        return 2.0 * shared + 3.0 * exact + when + (r.special == g.special)
    # one side names nobody: only the same stated seat on the same stated day
    if exact and when == 2 and r.special == g.special:
        return 1.0
    return None


class Grouper:
    """Pass 1: assigns every race (numbered in input order) a contest number. Races of different
    countries or offices are never one contest (a stage may be misread, not the office), so each
    (country, office kind) is a partition grouped on its own (``Partition``; ``assign`` can hand the
    partitions to processes and gets the same numbers)."""

    def __init__(self):
        self.races: list[_Race] = []
        self.contests = 0

    def add_record(self, rec: dict, n0: int) -> int:
        """Adds the races of one record, numbered from ``n0``; returns how many."""
        aid = str(rec.get("id") or "")
        races = rec.get("races") or []
        pub = rec.get("published")
        for i, race in enumerate(races):
            self.races.append(_Race(n0 + i, aid, i, race_key(race if isinstance(race, dict) else {}, pub)))
        return len(races)

    def add_keys(self, aid: str, keys: Iterable[tuple], n0: int) -> int:
        """Adds the races of one record from their ``race_key`` tuples, numbered from ``n0``."""
        i = -1
        for i, key in enumerate(keys):
            self.races.append(_Race(n0 + i, aid, i, key))
        return i + 1

    def partitions(self) -> list[list[_Race]]:
        parts: dict[tuple, list[_Race]] = defaultdict(list)
        for r in self.races:
            parts[r.block[:2]].append(r)
        return [parts[k] for k in sorted(parts, key=partition_order)]

    def assign(self) -> array:
        """Contest number of every race, by race number."""
        out, self.contests = combine([Partition().run(p) for p in self.partitions()], len(self.races))
        return out


def partition_order(key: tuple) -> tuple:
    """The order of the partitions (country, office kind): contests are numbered in it."""
    return (str(key[0]), str(key[1]))


def combine(results: Iterable[tuple], n_races: int) -> tuple[array, int]:
    """The contest number of every race from each partition's ``Partition.run`` result, in partition
    order (numbers run on from one partition to the next), and how many contests."""
    out = array("l", [0]) * n_races
    offset = 0
    for ns, gids, count in results:
        for n, gid in zip(ns, gids):
            out[n] = offset + gid
        offset += count
    return out, offset


class Partition:
    """Grouping of the races of one (country, office kind)."""

    def __init__(self):
        self.groups: list[_Group] = []
        # index entries: the hash of the key tuple -> a contest number, or a list of them once two
        # (a million races: most keys hold one contest; a hash collision only adds a contest to check)
        self.exact: dict[int, Any] = {}
        self.by_name: dict[int, Any] = {}
        self.wild = self.any_year = False

    # ---- indexes
    def _exact_key(self, x) -> int:
        return hash((x.block, x.state, x.district, x.juris, x.pp, dt.date.fromordinal(x.lo + SAME_DAY).year))

    @staticmethod
    def _add(index: dict, key: int, gid: int) -> None:
        cur = index.get(key)
        if cur is None:
            index[key] = gid
        elif type(cur) is int:
            index[key] = [cur, gid]
        else:
            cur.append(gid)

    @staticmethod
    def _look(index: dict, key: int, found: set) -> None:
        ids = index.get(key)
        if ids is None:
            return
        if type(ids) is int:
            found.add(ids)
        else:
            found.update(ids if len(ids) <= SCAN_CAP else ids[-SCAN_CAP:])

    def _register(self, g: _Group, names: Iterable[str], only: Optional[str] = None) -> None:
        """Index ``g`` under ``names``: by its state (and under ``*``, any state, once a race without a
        state has asked) and by the years it may be in (``U`` when undated; ``A``, any year, once an
        undated race has asked). ``only`` adds just the ``*`` or ``A`` entries."""
        years = _years(g.lo, g.hi) or ("U",)
        states = [g.state or "*"] + (["*"] if g.state and self.wild else [])
        for s in names:
            for st in states:
                if only is None or (only == "*" and st == "*"):
                    for y in years:
                        self._add(self.by_name, hash((g.block, st, s, y)), g.gid)
                if self.any_year and (only != "*" or st == "*"):
                    self._add(self.by_name, hash((g.block, st, s, "A")), g.gid)
        if only is None and g.complete and g.dated:
            self._add(self.exact, self._exact_key(g), g.gid)

    def _across_stages(self, r: _Race, best_shared: int) -> Optional[_Group]:
        """The contest of a neighbouring stage (``NEIGHBOUR_STAGES``) that an undated race belongs to
        although its stage says otherwise (an article calling a primary's runoff the primary): the
        contest has the same field of candidates as the race, two or more, more of them than the best
        contest of the race's own stage shares with it, and otherwise fits (seat, party, dates); a
        primary and a runoff must state the same party. None when there is no such contest."""
        country, kind, stage = r.block
        found = None
        for other in NEIGHBOUR_STAGES[stage]:
            if "primary" in (stage, other) and not r.pp:
                continue
            for gid in sorted(self._candidates(r, (country, kind, other))):
                g = self.groups[gid]
                if "primary" in (stage, other) and g.pp != r.pp:
                    continue
                shared = len(g.names.intersection(r.names))
                if shared < len(r.names) or len(g.names) != shared or shared <= best_shared:
                    continue
                score = fit(r, g)
                if score is not None and (found is None or score > found[0]):
                    found = (score, g)
        return found[1] if found else None

    def _candidates(self, r: _Race, block: Optional[tuple] = None) -> set[int]:
        # the state-less and year-less indexes are built when first needed (rare in an archive)
        if r.state is None and not self.wild:
            self.wild = True
            for g in self.groups:
                if g.state:
                    self._register(g, g.names, only="*")
        if r.lo is None and not self.any_year:
            self.any_year = True
            for g in self.groups:
                self._register(g, g.names, only="A")
        found: set[int] = set()
        if r.complete and r.dated and block is None:
            self._look(self.exact, self._exact_key(r), found)
        st, block, get = r.state or "*", block or r.block, self.by_name.get
        years = (_years(r.lo, r.hi) + ("U",)) if r.lo is not None else ("A",)
        for s in r.names:
            for y in years:
                ids = get(hash((block, st, s, y)))  # _look, inlined (the grouping's innermost loop)
                if ids is not None:
                    if type(ids) is int:
                        found.add(ids)
                    else:
                        found.update(ids if len(ids) <= SCAN_CAP else ids[-SCAN_CAP:])
        return found

    def _join(self, g: _Group, r: _Race) -> None:
        new_names = [s for s in r.names if s not in g.names]
        g.names.update(new_names)
        g.size += 1
        regained = False
        for attr in ("state", "district", "juris", "pp"):
            if getattr(g, attr) is None and getattr(r, attr) is not None:
                setattr(g, attr, getattr(r, attr))
                regained = True
        if r.lo is not None:
            if g.lo is None:
                g.lo, g.hi, g.dated = r.lo, r.hi, r.dated
                regained = True
            elif r.dated and not g.dated:
                g.lo, g.hi, g.dated = r.lo, r.hi, True
                regained = True
            elif r.dated == g.dated:
                g.lo, g.hi = max(g.lo, r.lo), min(g.hi, r.hi)
        if regained:
            g.complete = seat_complete(g.block[1], g.state, g.district, g.juris)
            self._register(g, g.names)
        elif new_names:
            self._register(g, new_names)

    def run(self, races: list[_Race]) -> tuple[array, array, int]:
        """``(race numbers, their contest numbers in this partition, how many contests)``."""
        ns, out = array("l"), array("l")
        for r in sorted(races, key=_Race.order):
            best, best_score = None, None
            for gid in sorted(self._candidates(r)):
                g = self.groups[gid]
                if g.block != r.block:
                    continue
                s = fit(r, g)
                if s is not None and (best_score is None or s > best_score):
                    best, best_score = g, s
            if not r.dated and len(r.names) >= 2 and r.block[2] in NEIGHBOUR_STAGES:
                shared = len(best.names.intersection(r.names)) if best else 0
                if shared < len(r.names):  # else no contest of another stage can share more
                    best = self._across_stages(r, shared) or best
            if best is None:
                best = _Group(len(self.groups), r)
                self.groups.append(best)
                self._register(best, best.names)
            else:
                self._join(best, r)
            ns.append(r.n)
            out.append(best.gid)
        return ns, out, len(self.groups)


# ---------------------------------------------------------------------------------------------- merging
@dataclass
class SourceRace:
    """One article's race as a source of a contest."""
    aid: str
    idx: int
    race: dict
    url: Optional[str] = None
    published: Optional[str] = None
    evidence: dict = field(default_factory=dict)    # path inside the race -> {start, end, text}
    confidence: dict = field(default_factory=dict)  # path inside the race -> 0..1
    count: Optional[dict] = None
    pos: int = 0  # canonical position among a contest's sources: ties go to the first
    rank_key: tuple = ()  # rank(), computed once per merge
    rpos: int = 0  # position in the order of rank (best first), set per merge

    def rank(self) -> tuple:
        """How final this source's count is (higher is better)."""
        c = self.count
        if c:
            status, reporting = STATUS_RANK.get(c.get("status"), 1), c.get("reporting_pct")
        else:
            status, reporting = 1, None
        figures = 0
        for x in self.race.get("candidates") or ():
            if isinstance(x, dict) and (x.get("vote_pct") is not None or x.get("votes") is not None):
                figures += 1
        return (status, 100.0 if reporting is None else float(reporting), figures, _ordinal(self.published) or -1)


class _Obs:
    """One source's value for one field (``path`` inside its race, e.g. candidates[1].vote_pct)."""
    __slots__ = ("value", "src", "path", "conf")

    def __init__(self, value: Any, src: SourceRace, path: str):
        self.value, self.src, self.path = value, src, path
        c = src.confidence.get(path) if src.confidence else None
        self.conf = 1.0 if c is None else float(c)


def _decimals(v: float) -> int:
    s = repr(float(v))
    return 0 if s.endswith(".0") else len(s.split(".")[1])


def pct_agrees(a: float, b: float) -> bool:
    """Two shares of one count: equal, or one a rounding of the other (56 and 55.89)."""
    a, b = float(a), float(b)
    da, db = _decimals(a), _decimals(b)
    return abs(a - b) <= (0.051 if da == db else 0.5 * 10 ** -min(da, db) + 1e-9)


def _classes(obs: list[_Obs], same: Callable[[Any, Any], bool]) -> list[list[_Obs]]:
    out: list[list[_Obs]] = []
    for o in obs:
        for cls in out:
            if same(cls[0].value, o.value):
                cls.append(o)
                break
        else:
            out.append([o])
    return out


def _confident(cls: list[_Obs]) -> bool:
    return any(o.conf >= CONFIDENT for o in cls)


def _support(cls: list[_Obs]) -> float:
    return sum(o.conf for o in cls)


def _best(cls: list[_Obs]) -> _Obs:
    return max(cls, key=lambda o: (o.src.rank_key, o.conf, bool(o.src.evidence.get(o.path)), -_order(o)))


def _order(o: _Obs) -> int:
    return o.src.pos


class _Picker:
    """Chooses each value of one contest and remembers where it came from and what it beat."""

    def __init__(self, weighted: bool, distinct: bool = False):
        self.weighted = weighted                # some source carries confidence
        self.distinct = distinct                # no two sources come from one article
        self.values: dict[tuple, dict] = {}    # (section, candidate number, field) -> where from
        self.conflicts: dict[tuple, dict] = {}

    def agree(self, srcs: list) -> int:
        """How many articles the sources come from."""
        return len(srcs) if self.distinct or len(srcs) == 1 else len({s.aid for s in srcs})

    def quick(self, store: dict, f: str, vals: Any, srcs: list, path: str, js: Optional[list] = None) -> Any:
        """``pick``'s usual case, without building observations: ``vals`` are the sources' values of
        field ``f`` (None: not given), ``srcs`` the sources, best-ranked first. When every given value
        is the same (and no confidence weighs in), puts where it came from in ``store[f]`` exactly as
        ``pick`` would and returns it (None when none is given); otherwise returns ``_SLOW`` and the
        caller goes through ``pick``. ``path``: the field's path inside a race, or with ``js`` (each
        source's candidate number) the candidate field, whose path is ``candidates[j].path``."""
        if self.weighted:
            return _SLOW
        n = len(vals)
        missing = vals.count(None)
        if missing == n:
            return None
        i = 0
        if missing:
            while vals[i] is None:
                i += 1
        first = vals[i]
        given = n - missing
        if first != first or (given > 1 and vals.count(first) != given):  # NaN, or values that differ
            return _SLOW
        src = srcs[i]
        ev = src.evidence.get(path if js is None else _cand_path(js[i], path)) if src.evidence else None
        if given == 1:
            agree = 1
        elif self.distinct:
            agree = given
        else:
            agree = len({srcs[k].aid for k in range(n) if vals[k] is not None})
        store[f] = {"article": src.aid, "race": src.idx, "evidence": ev, "agree": agree}
        return first

    def pick(self, key: tuple, found: list[tuple], rule: str, superseded: list[tuple] = ()) -> Any:
        """The value of field ``key`` from ``found``: ``(value, source, path)`` triples, best-ranked
        source first; ``superseded`` triples are kept as alternatives only."""
        if not found and not superseded:
            return None
        if not superseded and not self.weighted:
            first = found[0][0]
            for o in found:
                if o[0] != first:
                    break
            else:
                # one value (the usual case): it comes from the best-ranked source
                _, src, path = found[0]
                self.values[key] = {"article": src.aid, "race": src.idx, "evidence": src.evidence.get(path),
                                    "agree": 1 if len(found) == 1 else len({o[1].aid for o in found})}
                return first
        obs = [_Obs(*o) for o in found]
        superseded = [_Obs(*o) for o in superseded]
        if rule == "count":
            same = pct_agrees if key[-1] == "vote_pct" else (lambda a, b: a == b)
            chosen_obs = max(obs, key=lambda o: (o.conf >= CONFIDENT, o.src.rank_key, o.conf, -_order(o))) if obs else None
            if chosen_obs is None:
                win, others = [], []
            else:
                win = [o for o in obs if same(chosen_obs.value, o.value)]
                others = _classes([o for o in obs if not same(chosen_obs.value, o.value)], lambda a, b: a == b)
        else:
            same = (lambda a, b: name_parts(a) == name_parts(b)) if rule == "name" else (lambda a, b: a == b)
            classes = _classes(obs, same)
            if rule == "outcome":
                rank_of = lambda c: (_confident(c), max(o.src.rank_key[0] for o in c), _support(c),  # noqa: E731
                                 max(o.src.rank_key[3] for o in c), -min(map(_order, c)))
            elif rule == "name":
                rank_of = lambda c: (len(name_parts(c[0].value)) > 1, _support(c), len(c[0].value),  # noqa: E731
                                 max(o.src.rank_key for o in c), -min(map(_order, c)))
            else:
                rank_of = lambda c: (_confident(c), _support(c), max(o.src.rank_key for o in c), -min(map(_order, c)))  # noqa: E731
            classes.sort(key=rank_of, reverse=True)
            win, others = classes[0], classes[1:]
            chosen_obs = _best(win)
        alternatives = [{"value": c[0].value, "articles": sorted({o.src.aid for o in c})} for c in others]
        alternatives += [{"value": o.value, "articles": [o.src.aid], "superseded": True} for o in superseded
                         if not (chosen_obs is not None and o.value == chosen_obs.value)]
        if chosen_obs is None:
            self.conflicts[key] = {"value": None, "rule": rule, "alternatives": alternatives}
            return None
        ev = chosen_obs.src.evidence.get(chosen_obs.path)
        self.values[key] = {"article": chosen_obs.src.aid, "race": chosen_obs.src.idx,
                            "evidence": ev, "agree": len({o.src.aid for o in win})}
        if alternatives:
            self.conflicts[key] = {"value": chosen_obs.value, "rule": rule, "alternatives": alternatives}
        return chosen_obs.value


def _get(d: Any, key: str) -> Any:
    return d.get(key) if isinstance(d, dict) else None


_SLOW = object()  # _Picker.quick: the values differ, ``pick`` decides


def _same_parts(pa: tuple, pb: tuple) -> bool:
    """``same_person`` on name parts (``name_parts``; equal names give the very same cached tuple)."""
    if pa is pb:
        return bool(pa)
    if not pa or not pb:
        return False
    if pa[-1] != pb[-1] and pa[-1] not in pb and pb[-1] not in pa:
        return False
    return not (pa[:-1] and pb[:-1] and pa[0][0] != pb[0][0])


def _by_article(s: SourceRace) -> tuple:
    return (s.aid, s.idx)


def _by_rank(s: SourceRace) -> tuple:
    return (s.rank_key, -s.pos)


def _pick_fields(p: _Picker, sec: int, k: int, fields: tuple, rules: tuple, paths: tuple, rows: list,
                 srcs: list, store: dict, out: dict, blank: bool = False, js: Optional[list] = None) -> None:
    """Picks ``fields`` of one section (office, election, one candidate) into ``out``, where each
    value came from into ``store``: ``rows`` hold each source's values of the fields (in ``fields``
    order), ``srcs`` the sources, best-ranked first; ``paths`` the fields' paths inside a race, or
    with ``js`` (each source's candidate number) the candidate fields, whose paths are
    ``candidates[j].field``. ``blank``: an empty string is no value. A value every source gives
    alike (the usual case) is taken at once, its provenance shared between fields; others go
    through ``quick`` and ``pick``."""
    n = len(rows)
    cols = zip(*rows) if n > 1 else [(v,) for v in rows[0]]
    weighted = p.weighted
    shared = None
    src = srcs[0]
    for f, vals, rule, path in zip(fields, cols, rules, paths):
        first = vals[0]
        if first is None:
            if n == 1 or vals.count(None) == n:  # no source gives it
                out[f] = None
                continue
        elif not weighted and first == first and (n == 1 or vals.count(first) == n) and not (blank and first == ""):
            if src.evidence:
                store[f] = {"article": src.aid, "race": src.idx,
                            "evidence": src.evidence.get(path if js is None else _cand_path(js[0], path)),
                            "agree": p.agree(srcs)}
            else:
                if shared is None:
                    shared = {"article": src.aid, "race": src.idx, "evidence": None, "agree": p.agree(srcs)}
                store[f] = shared
            out[f] = first
            continue
        if blank and "" in vals:
            vals = [None if v == "" else v for v in vals]
        v = p.quick(store, f, vals, srcs, path, js)
        if v is _SLOW:
            key = (sec, k, f)
            v = p.pick(key, [(v, s, path if js is None else _cand_path(js[i], path))
                             for i, (s, v) in enumerate(zip(srcs, vals)) if v is not None], rule)
            e = p.values.pop(key, None)
            if e is not None:
                store[f] = e
        out[f] = v


def _rows(objs: list, getter: Callable, fields: tuple) -> list:
    try:
        return [getter(o) for o in objs]
    except KeyError:  # a field left out
        return [tuple(map(o.get, fields)) for o in objs]


_OFFICE_GET, _ELECTION_GET = itemgetter(*OFFICE_FIELDS), itemgetter(*ELECTION_FIELDS)
_OFFICE_RULES, _ELECTION_RULES = ("most sources",) * len(OFFICE_FIELDS), ("most sources",) * len(ELECTION_FIELDS)


def merge_contest(sources: list[SourceRace]) -> dict:
    """One contest record (race shape + ``sources`` + ``conflicts``) from the races that report it."""
    srcs = sorted(sources, key=_by_article)
    nan = False  # a rank that does not order (a NaN share reporting)
    for pos, s in enumerate(srcs):
        s.pos = pos
        s.rank_key = rk = s.rank()
        if rk[1] != rk[1]:
            nan = True
    p = _Picker(any(s.confidence for s in srcs), len({s.aid for s in srcs}) == len(srcs))
    ranked = sorted(srcs, key=_by_rank, reverse=True)  # values are looked up best first
    for r, s in enumerate(ranked):
        s.rpos = r
    office, election, office_from, election_from = {}, {}, {}, {}
    _pick_fields(p, 0, 0, OFFICE_FIELDS, _OFFICE_RULES, _OFFICE_PATH_LIST,
                 _rows([s.race.get("office") or {} for s in ranked], _OFFICE_GET, OFFICE_FIELDS), ranked,
                 office_from, office, True)
    office["country"] = office["country"] or "US"
    _pick_fields(p, 1, 0, ELECTION_FIELDS, _ELECTION_RULES, _ELECTION_PATH_LIST,
                 _rows([s.race.get("election") or {} for s in ranked], _ELECTION_GET, ELECTION_FIELDS), ranked,
                 election_from, election)
    election["special"] = bool(election["special"])

    # candidates: the same person across sources (surname and first initial), in canonical order;
    # each person's mentions are then kept best-ranked source first
    people: list[list[tuple[SourceRace, int, dict]]] = []
    parts_of: list[list[tuple]] = []  # the name parts of each person's mentions
    for s in srcs:
        taken: set[int] = set()
        for j, c in enumerate(s.race.get("candidates") or []):
            if not isinstance(c, dict) or not c.get("name"):
                continue
            pa, k = name_parts(c["name"]), None
            for pk, ps in enumerate(parts_of):
                if pk not in taken:
                    for pb in ps:
                        if _same_parts(pa, pb):
                            k = pk
                            break
                    if k is not None:
                        break
            if k is None:
                people.append([])
                parts_of.append([])
                k = len(people) - 1
            taken.add(k)
            people[k].append((s, j, c))
            parts_of[k].append(pa)
    # a candidate one source names without a figure or a party, where two or more other sources list
    # the contest's candidates without them, is not corroborated: listed under conflicts, not kept
    # (a third-party runner the later stories leave out still has the party the first one gave)
    listing = {s.aid for s in srcs if s.race.get("candidates")}
    kept = []
    for ms in people:
        if len(listing) >= 3 and (len(ms) == 1 or len({m[0].aid for m in ms}) == 1):  # named by one article
            named_by = {ms[0][0].aid}
            if len(listing - named_by) >= 2 and not any(
                    c.get("vote_pct") is not None or c.get("votes") is not None or c.get("party") for _, _, c in ms):
                p.conflicts[(2, -1, f"~{len(p.conflicts)}")] = {
                    "value": None, "rule": "corroboration",
                    "alternatives": [{"value": ms[0][2]["name"], "articles": sorted(named_by), "uncorroborated": True}]}
                continue
        kept.append(ms)
    merged, merged_from = [], []
    for k, ms in enumerate(kept):
        if len(ms) > 1:
            if nan:
                ms.sort(key=_mention_rank, reverse=True)
            else:
                ms.sort(key=_mention_rpos)  # the same order: ``ranked``'s
        merged_from.append({})
        merged.append(_merge_candidate(ms, p, k, merged_from[-1]))
    # the figures first (a results table's order), then the first mention
    order = [t[2] for t in sorted([(-(c["votes"] or -1), -(c["vote_pct"] or -1), k) for k, c in enumerate(merged)])]
    candidates = [merged[k] for k in order]

    pred_obs = [(s.race["predecessor"]["name"], s, "predecessor.name") for s in ranked
                if _get(s.race.get("predecessor"), "name")]
    predecessor = None
    if pred_obs:
        pname = p.pick((3, 0, "name"), pred_obs, "name")
        backers = [s for v, s, _ in pred_obs if same_person(v, pname)]
        predecessor = {"name": pname}
        for f, path in (("party", "predecessor.party"), ("reason", "predecessor.reason")):
            found = [(v, s, path) for s in backers if (v := s.race["predecessor"].get(f))]
            predecessor[f] = p.pick((3, 0, f), found, "most sources")

    # as in one article: where a candidate holds the seat, or its holder left it, the others named are not
    # its holder (the value points at the words it follows from)
    holder = next((k for k in order if merged[k]["incumbent"] is True), None)
    why = merged_from[holder].get("incumbent") if holder is not None else (
        p.values.get((3, 0, "name")) if predecessor is not None else None)
    if why is not None:
        for k in order:
            if merged[k]["incumbent"] is None:
                merged[k]["incumbent"] = False
                merged_from[k]["incumbent"] = dict(why, inferred="holder" if holder is not None else "vacancy")

    # where each value came from, in the order of the record: office, election, candidates (in their
    # new order), predecessor, each in field order
    values = {}
    for f, path in zip(OFFICE_FIELDS, _OFFICE_PATH_LIST):
        e = office_from.get(f)
        if e is not None:
            values[path] = e
    for f, path in zip(ELECTION_FIELDS, _ELECTION_PATH_LIST):
        e = election_from.get(f)
        if e is not None:
            values[path] = e
    for new, old in enumerate(order):
        got = merged_from[old]
        for f, path in zip(CAND_FIELDS, _cand_paths(new)):
            e = got.get(f)
            if e is not None:
                values[path] = e
    if predecessor is not None:
        pv = p.values
        for f in ("name", "party", "reason"):
            e = pv.get((3, 0, f))
            if e is not None:
                values["predecessor." + f] = e
    if p.conflicts:
        renum = {old: new for new, old in enumerate(order)}
        keyed = sorted(((sec, renum.get(k, k), FIELD_ORDER.get(f, 9), f), v) for (sec, k, f), v in p.conflicts.items())
        conflicts = [{"field": (_SECTION[sec] + f if sec != 2 else "candidates" if k < 0 else f"candidates[{k}].{f}"), **c}
                     for (sec, k, _, f), c in keyed]
    else:
        conflicts = []
    articles: dict[str, dict] = {}
    for s in srcs:
        a = articles.get(s.aid)
        if a is None:
            a = articles[s.aid] = {"id": s.aid, "url": s.url, "published": s.published, "races": []}
        a["races"].append(s.idx)
    return {"office": office, "election": election, "candidates": candidates, "predecessor": predecessor,
            "sources": {"articles": sorted(articles.values(), key=_article_order), "values": values},
            "conflicts": conflicts}


def _mention_rpos(m: tuple) -> int:
    return m[0].rpos


def _mention_rank(m: tuple) -> tuple:
    return (m[0].rank_key, -m[0].pos)


def _article_order(a: dict) -> tuple:
    return (a["published"] or "9999", a["id"])


_SECTION = {0: "office.", 1: "election.", 3: "predecessor."}
FIELD_ORDER = {f: i for i, f in enumerate(OFFICE_FIELDS + ELECTION_FIELDS + CAND_FIELDS + ("reason",))}
_OFFICE_PATHS = {f: f"office.{f}" for f in OFFICE_FIELDS}
_ELECTION_PATHS = {f: f"election.{f}" for f in ELECTION_FIELDS}
_OFFICE_PATH_LIST, _ELECTION_PATH_LIST = tuple(_OFFICE_PATHS.values()), tuple(_ELECTION_PATHS.values())
_CAND_PATHS: list[tuple] = []


def _cand_paths(k: int) -> tuple:
    """The value paths of candidate ``k``'s fields, in ``CAND_FIELDS`` order."""
    while len(_CAND_PATHS) <= k:
        _CAND_PATHS.append(tuple(f"candidates[{len(_CAND_PATHS)}].{f}" for f in CAND_FIELDS))
    return _CAND_PATHS[k]


_CAND_GET = itemgetter(*CAND_FIELDS)  # name, party, vote_pct, votes, outcome, incumbent
_CAND_RULES = ("name", "most sources", "count", "count", "outcome", "most sources")
_CAND_PLAIN = ("name", "party", "outcome", "incumbent")  # the fields but the figures
_PLAIN_GET = itemgetter(*_CAND_PLAIN)
_PLAIN_RULES = ("name", "most sources", "outcome", "most sources")


def _merge_candidate(ms: list[tuple[SourceRace, int, dict]], p: _Picker, k: int, store: dict) -> dict:
    """One candidate from their mentions (best-ranked first); where each value came from goes in ``store``."""
    srcs = [m[0] for m in ms]
    cands = [m[2] for m in ms]
    js = [m[1] for m in ms]
    got: dict = {}
    outcomes = [c.get("outcome") for c in cands]
    if outcomes.count(outcomes[0]) == len(outcomes) or not ("won" in outcomes or "lost" in outcomes):
        # no outcome overturned (every source tells the same, or none a win or loss): all fields alike
        _pick_fields(p, 2, k, CAND_FIELDS, _CAND_RULES, CAND_FIELDS, _rows(cands, _CAND_GET, CAND_FIELDS), srcs,
                     store, got, js=js)
        return got
    _pick_fields(p, 2, k, _CAND_PLAIN, _PLAIN_RULES, _CAND_PLAIN, _rows(cands, _PLAIN_GET, _CAND_PLAIN), srcs,
                 store, got, js=js)
    final = got["outcome"]
    # figures from a source whose outcome for this candidate was overturned belong to an earlier count
    overturned = ({id(s) for s, j, c in ms if c.get("outcome") in ("won", "lost") and c["outcome"] != final}
                  if final in ("won", "lost") else ())
    for f in ("vote_pct", "votes"):
        all_obs = [(v, s, _cand_path(j, f)) for s, j, c in ms if (v := c.get(f)) is not None]
        if overturned:
            keep = [o for o in all_obs if id(o[1]) not in overturned]
            gone = [o for o in all_obs if id(o[1]) in overturned]
        else:
            keep, gone = all_obs, ()
        got[f] = p.pick((2, k, f), keep, "count", superseded=gone)
        e = p.values.pop((2, k, f), None)
        if e is not None:
            store[f] = e
    return {f: got[f] for f in CAND_FIELDS}


@lru_cache(maxsize=4096)
def _cand_path(j: int, f: str) -> str:
    return f"candidates[{j}].{f}"


# ---------------------------------------------------------------------------------------------- two passes
_RACE_PATH = re.compile(r"races\[(\d+)\]\.(.+)")


def _sources_of(rec: dict) -> list[SourceRace]:
    """The races of one record as sources, with their evidence and confidence by path inside the race."""
    aid = str(rec.get("id") or "")
    races = rec.get("races") or []
    ev: Optional[dict[int, dict]] = None
    evidence = rec.get("evidence")
    if evidence:
        ev = defaultdict(dict)
        for e in evidence:
            m = _RACE_PATH.match(str(_get(e, "field") or ""))
            if m:
                ev[int(m.group(1))].setdefault(m.group(2), {"start": e.get("start"), "end": e.get("end"),
                                                            "text": e.get("text")})
    conf: Optional[dict[int, dict]] = None
    confidence = rec.get("confidence")
    if confidence and isinstance(confidence, dict):
        conf = defaultdict(dict)
        for path, v in confidence.items():
            m = _RACE_PATH.match(str(path))
            if m and isinstance(v, (int, float)):
                conf[int(m.group(1))][m.group(2)] = float(v)
    pub, url, count = rec.get("published"), rec.get("url"), rec.get("count")
    pub = str(pub)[:10] if pub else None
    return [SourceRace(aid, i, race if isinstance(race, dict) else {}, url, pub, ev.get(i, {}) if ev else {},
                       conf.get(i, {}) if conf else {}, _get(race, "count") or count)
            for i, race in enumerate(races)]


def _contest_key(c: dict, when: Any = None) -> tuple:
    """The sort key of a contest (``when``: its date or first publication date, if already known)."""
    o, e = c["office"], c["election"]
    if when is None:
        when = _when(c)
    return (str(when or "9999")[:4], o.get("country") or "", o.get("state") or "", o.get("kind") or "",
            (_norm_district(o.get("district")) or "").zfill(4), _norm_place(o.get("jurisdiction")) or "",
            e.get("stage") or "", e.get("party_primary") or "", c["sources"]["articles"][0]["id"])


def _when(c: dict) -> Any:
    """The election date of a contest, else its first article's publication date (None: neither)."""
    when = c["election"].get("date")
    if not when:
        for a in c["sources"]["articles"]:
            if a["published"]:
                return a["published"]
        return None
    return when


@lru_cache(maxsize=100_000)
def _slug(v: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(str(v))).strip("-")


def contest_id(c: dict, when: Any = None) -> str:
    o, e = c["office"], c["election"]
    if when is None:
        when = _when(c)
    parts = [o.get("country"), o.get("state"), o.get("kind"), o.get("district"), o.get("jurisdiction"),
             e.get("party_primary"), ("special-" if e.get("special") else "") + str(e.get("stage")),
             str(when)[:4] if when else "undated"]
    return "-".join([_slug(str(x)) for x in parts if x])


@dataclass
class Summary:
    records: int = 0
    races: int = 0
    contests: int = 0
    contests_with_conflicts: int = 0
    conflicts: int = 0
    seconds: float = 0.0
    stages: dict = field(default_factory=dict)  # seconds of each stage (read, group, merge, write)
    cpu: dict = field(default_factory=dict)  # CPU seconds of each stage, all processes (Unix; else empty)
    _cpu_at: Optional[float] = field(default=None, repr=False)

    def begin(self) -> None:
        """Marks the start of the first stage (for ``cpu``)."""
        self._cpu_at = _cpu_seconds()

    def stage(self, name: str, since: float) -> float:
        now = time.perf_counter()
        self.stages[name] = round(self.stages.get(name, 0.0) + now - since, 2)
        cpu = _cpu_seconds()
        if cpu is not None and self._cpu_at is not None:
            self.cpu[name] = round(self.cpu.get(name, 0.0) + cpu - self._cpu_at, 2)
        self._cpu_at = cpu
        return now


def _cpu_seconds() -> Optional[float]:
    """CPU time of this process and of its children that have ended (the workers of a stage end with it)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not Unix
        return None
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def consolidate(open_records: Callable[[], Iterable[dict]], progress: Optional[Callable[[str, int], None]] = None,
                summary: Optional[Summary] = None) -> Iterator[dict]:
    """Contest records (dicts); see ``consolidate_lines``.

    >>> rec = {"id": "a1", "published": "2017-06-07", "races": [{"office": {"kind": "us_house", "state": "CA",
    ...   "district": "34"}, "election": {"stage": "general", "special": True, "date": "2017-06-06"},
    ...   "candidates": [{"name": "Jimmy Gomez", "vote_pct": 60.1, "outcome": "won"}]}]}
    >>> later = {"id": "a2", "published": "2017-06-08", "races": [{"office": {"kind": "us_house", "state": "CA"},
    ...   "election": {"stage": "general", "special": True}, "candidates": [{"name": "Gomez", "votes": 40000}]}]}
    >>> [c] = consolidate(lambda: [rec, later])
    >>> c["id"], c["candidates"][0]["name"], c["candidates"][0]["vote_pct"], c["candidates"][0]["votes"]
    ('us-ca-us-house-34-special-general-2017', 'Jimmy Gomez', 60.1, 40000)
    >>> c["sources"]["values"]["candidates[0].votes"]["article"]
    'a2'
    """
    for line in consolidate_lines(open_records, progress, summary):
        yield json.loads(line)


def consolidate_lines(open_records: Callable[[], Iterable[dict]], progress: Optional[Callable[[str, int], None]] = None,
                      summary: Optional[Summary] = None) -> Iterator[str]:
    """Contest records as JSON lines (no line end), in a stable order (cycle, country, state, office, district, place, stage, party,
    first article), from the article records ``open_records()`` yields; it is called twice (one pass
    groups, one merges) and must yield the same records both times. Memory: a small key per race,
    the races of contests still open in the second pass, and a sort key per contest (the contests
    themselves wait in a temporary file). ``consolidate_parallel.consolidate_files`` does the same
    over record files with the passes split over processes, to the byte."""
    start = time.perf_counter()
    summary = summary if summary is not None else Summary()
    summary.begin()
    with _no_gc():
        grouper = Grouper()
        n = 0
        for rec in open_records():
            n += grouper.add_record(rec, n)
            summary.records += 1
            if progress and summary.records % 1000 == 0:
                progress("group", summary.records)
        summary.races = n
        t = summary.stage("read", start)
        assign = grouper.assign()
        del grouper
        t = summary.stage("group", t)
    keys: list[tuple] = []
    with tempfile.TemporaryFile("w+b") as spool:
        with _no_gc():
            merge_pass(_numbered(open_records(), progress), assign, spool, keys)
        t = summary.stage("merge", t)
        yield from emit(keys, [spool], summary, start)
        summary.stage("write", t)


def _numbered(records: Iterable[dict], progress: Optional[Callable[[str, int], None]] = None) -> Iterator[tuple[int, dict]]:
    n = 0
    for k, rec in enumerate(records):
        yield n, rec
        races = rec.get("races")
        n += len(races) if isinstance(races, list) else 0
        if progress and (k + 1) % 1000 == 0:
            progress("merge", k + 1)


def contest_counts(assign: array, n_contests: Optional[int] = None) -> array:
    """How many races each contest has."""
    remaining = array("l", [0]) * (n_contests if n_contests is not None else (max(assign) + 1 if assign else 0))
    for gid in assign:
        remaining[gid] += 1
    return remaining


def merge_pass(records: Iterable[tuple[int, dict]], assign: array, spool, keys: list,
               owned: Optional[bytes] = None, spool_no: int = 0) -> None:
    """Pass 2: merges each contest as soon as its last race is read (``records``: (number of the
    record's first race, record)) and writes it to ``spool``; appends its sort key to ``keys``.
    With ``owned`` (a flag per contest), only those contests (the share of one process)."""
    remaining = contest_counts(assign)
    open_: dict[int, list[SourceRace]] = defaultdict(list)
    offset = spool.tell()  # then counted: a tell() a contest costs a system call
    for n0, rec in records:
        for src in _sources_of(rec):
            n = n0 + src.idx
            gid = assign[n]
            if owned is not None and not owned[gid]:
                continue
            open_[gid].append(src)
            remaining[gid] -= 1
            if remaining[gid] == 0:
                contest = merge_contest(open_.pop(gid))
                data = dumps(contest)
                # the last race's number orders ties as the serial run's spool offsets did
                when = _when(contest)
                keys.append((_contest_key(contest, when), contest_id(contest, when), len(contest["conflicts"]), n,
                             spool_no, offset, len(data)))
                spool.write(data)
                offset += len(data)


def emit(keys: list, spools: list, summary: Summary, start: float) -> Iterator[str]:
    """The spooled contests in their stable order, each with its id (numbered when an id repeats)."""
    summary.contests = len(keys)
    keys.sort()
    seen: dict[str, int] = {}
    fds = []
    for spool in spools:
        spool.flush()
        fds.append(spool.fileno())
    pread = getattr(os, "pread", None)  # one system call a contest, not a seek and a read
    for _, cid, conflicts, _, spool_no, offset, length in keys:
        if pread is not None:
            data = pread(fds[spool_no], length, offset)
        else:  # pragma: no cover - not Unix
            spool = spools[spool_no]
            spool.seek(offset)
            data = spool.read(length)
        n = seen[cid] = seen.get(cid, 0) + 1
        summary.conflicts += conflicts
        summary.contests_with_conflicts += bool(conflicts)
        summary.seconds = time.perf_counter() - start
        yield '{"id":' + json.dumps(cid if n == 1 else f"{cid}-{n}") + "," + data[1:].decode("utf-8")


@contextmanager
def _no_gc():
    """The cyclic garbage collector off while a pass builds a million small acyclic objects (it would
    walk them all, again and again, for nothing)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def dumps(obj: Any) -> bytes:
    """Compact UTF-8 JSON (orjson where it can: the same bytes as ``json.dumps(..., ensure_ascii=False,
    separators=(",", ":"))`` for records)."""
    if orjson is not None:
        try:
            return orjson.dumps(obj)
        except TypeError:
            pass
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: Any) -> Any:
    """JSON from bytes or text (orjson where it can; ``json`` for what it declines: NaN, huge integers,
    and the error message of a line that is not JSON)."""
    if orjson is not None:
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    return json.loads(data)


# ---------------------------------------------------------------------------------------------- reading and writing
class RecordError(ValueError):
    """A record that cannot be read: where and why."""


def record_files(paths: Iterable[str]) -> Iterator[tuple[Any, Optional[RecordError]]]:
    """``(file, None)`` for the files ``paths`` name, in reading order (a folder's ``*.json`` sorted),
    ``(path, RecordError)`` for a path that does not exist."""
    from pathlib import Path

    for item in paths:
        path = Path(item)
        if path.is_dir():
            yield from ((f, None) for f in sorted(path.rglob("*.json")) if f.is_file())
        elif path.exists():
            yield path, None
        else:
            yield path, RecordError(f"{path}: no such file")


def parse_record(where: str, data: bytes, whole_file: bool = False) -> Any:
    """An article record from one JSONL line (or a whole ``.json`` file), a RecordError, or None (a
    ``.json`` list, e.g. a clusters.json listing beside the records)."""
    try:
        obj = loads(data)
    except ValueError as exc:
        return RecordError(f"{where}: not JSON ({str(exc.args[0] if exc.args else exc)[:60]})")
    if isinstance(obj, list) and whole_file:
        return None
    if not isinstance(obj, dict) or not isinstance(obj.get("races"), list):
        return RecordError(f"{where}: not an article record (an object with 'races')")
    return obj


def jsonl_lines(fh, start: int = 0, end: Optional[int] = None) -> Iterator[tuple[int, bytes]]:
    """``(offset, line)`` of the lines of an open binary file that start in ``[start, end)``."""
    fh.seek(start)
    pos = start
    if start:
        fh.seek(start - 1)
        if fh.read(1) != b"\n":
            pos = start + len(fh.readline())  # the line under way belongs to the shard before
    while end is None or pos < end:
        line = fh.readline()
        if not line:
            break
        yield pos, line
        pos += len(line)


def iter_record_files(paths: Iterable[str]) -> Iterator[tuple[str, Any]]:
    """``(where, record dict | RecordError)`` for JSONL files and folders of JSON records (sorted),
    read a line at a time."""
    for f, missing in record_files(paths):
        if missing is not None:
            yield str(f), missing
            continue
        try:
            fh = f.open("rb")
        except OSError as exc:
            yield str(f), RecordError(f"{f}: unreadable ({exc})")
            continue
        with fh:
            try:
                if f.suffix == ".json":
                    rec = parse_record(str(f), fh.read(), whole_file=True)
                    if rec is not None:
                        yield str(f), rec
                    continue
                for i, (_, line) in enumerate(jsonl_lines(fh), 1):
                    if line.strip():
                        yield f"{f}:{i}", parse_record(f"{f}:{i}", line)
            except OSError as exc:
                yield str(f), RecordError(f"{f}: unreadable ({exc})")


def write_contests(lines: Iterable[str], out, csv_path=None, cdf_path=None) -> int:
    """Writes contest JSON lines (``consolidate_lines``) to ``out`` (an open file), and to CSV / NIST CDF
    when paths are given (both through the project's exporters, one article-like record per contest).
    Returns the count."""
    from .batch import atomic_writer

    n = 0
    as_records = []
    csv_fh = csv_ctx = None
    if csv_path:
        from .export.csv import CsvExporter

        csv_ctx = atomic_writer(csv_path)
        csv_fh = CsvExporter(csv_ctx.__enter__())
    try:
        for line in lines:
            out.write(line + "\n")
            n += 1
            if not (csv_fh or cdf_path):
                continue
            rec = contest_record(json.loads(line))
            if csv_fh:
                csv_fh.write(rec)
            if cdf_path:
                as_records.append(rec)
    except BaseException as exc:
        if csv_ctx:
            csv_ctx.__exit__(type(exc), exc, exc.__traceback__)
        raise
    if csv_ctx:
        csv_ctx.__exit__(None, None, None)
    if cdf_path:
        from .export.cdf import records_to_cdf

        with atomic_writer(cdf_path) as fh:
            fh.write(json.dumps(records_to_cdf(as_records), indent=2, ensure_ascii=False) + "\n")
    return n


def contest_record(c: dict) -> dict:
    """A contest as an article-shaped record (one race), the form the CSV and CDF exporters read: the
    id is the contest's, the source lists its articles, the publication date is the latest."""
    arts = c["sources"]["articles"]
    pubs = [a["published"] for a in arts if a.get("published")]
    race = {k: c[k] for k in ("office", "election", "candidates", "predecessor")}
    return {"id": c["id"], "source": " ".join(a["id"] for a in arts), "url": None,
            "published": max(pubs) if pubs else None, "kind": "results", "races": [race]}


def spool_records(paths: list[str], on_error: Callable[[str, RecordError], None]) -> Callable[[], Iterator[dict]]:
    """A re-openable record stream over files (bad records reported once, on the first pass)."""
    state = {"first": True}

    def opener() -> Iterator[dict]:
        first = state["first"]
        state["first"] = False
        for where, rec in iter_record_files(paths):
            if isinstance(rec, RecordError):
                if first:
                    on_error(where, rec)
                continue
            yield rec

    return opener


__all__ = ["consolidate", "consolidate_lines", "merge_contest", "SourceRace", "Grouper", "fit", "count_status", "pct_agrees",
           "iter_record_files", "write_contests", "contest_record", "contest_id", "Summary", "spool_records"]
