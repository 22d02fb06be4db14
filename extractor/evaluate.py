"""Scoring extracted records against a gold folder, fact by fact (RECORD.md, "Scoring").

Every gold race is paired with at most one predicted race (shared candidates, shared figures, same
office kind, stage and district weigh in; pairs are taken best first). Paired races are compared
field by field; per candidate: presence (surname match), full name, party, vote_pct (within 0.05),
votes, outcome, incumbent; the predecessor's name, party and reason. A gold null is no fact: a
predicted value there counts against precision only for invented races and candidates and for
vote_pct, votes and outcome. The figures agree with the reference scorer ``shared/tools/score.py``.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from models.normalize import fold, normalize_party

GROUPS: dict[str, tuple[str, ...]] = {
    "candidates": ("candidate", "candidate.full_name"),
    "party": ("candidate.party",),
    "vote_pct": ("candidate.vote_pct",),
    "votes": ("candidate.votes",),
    "outcome": ("candidate.outcome",),
    "office": ("office.kind", "office.state", "office.district"),
    "election": ("election.stage", "election.special", "election.date", "election.party_primary"),
    "predecessor": ("predecessor.name", "predecessor.party", "predecessor.reason"),
}
_NAME_NOISE = {"rep", "sen", "gov", "mr", "mrs", "ms", "dr", "state", "assemblyman", "assemblywoman", "mayor",
               "councilman", "councilwoman", "rev", "judge", "lt", "del", "delegate", "president", "former", "u.s."}
_SUFFIX = {"jr", "sr", "ii", "iii", "iv"}
_PARTY_EXTRA = {"i": "Independent", "npa": "Independent", "no party preference": "Independent", "lib": "Libertarian"}


def name_parts(name: Optional[str]) -> list[str]:
    """Folded name words without titles and suffixes: ``"Rep. José Díaz Jr."`` -> ``['jose', 'diaz']``."""
    if not name:
        return []
    return [w for w in re.split(r"[\s.,]+", fold(name)) if w and w not in _NAME_NOISE and w not in _SUFFIX]


def same_person(a: Optional[str], b: Optional[str]) -> bool:
    """Surnames agree (or one contains the other's), and first initials do when both have one."""
    pa, pb = name_parts(a), name_parts(b)
    if not pa or not pb:
        return False
    if pa[-1] != pb[-1] and pa[-1] not in pb and pb[-1] not in pa:
        return False
    return not (pa[:-1] and pb[:-1] and pa[0][0] != pb[0][0])


def _party(v: Any) -> Optional[str]:
    if not v:
        return None
    s = fold(str(v)).strip().strip(".")
    return fold(_PARTY_EXTRA.get(s) or normalize_party(s) or s)


def _district(v: Any) -> Optional[str]:
    if v is None:
        return None
    s = fold(str(v)).strip()
    if s in {"at-large", "at large", "al", "0", "00"}:
        return "at-large"
    m = re.match(r"0*(\d+)", s)
    return m.group(1) if m else s


def _path(d: Any, path: str) -> Any:
    for k in path.split("."):
        d = d.get(k) if isinstance(d, dict) else None
    return d


RACE_FIELDS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("office.kind", lambda v: v or None),
    ("office.state", lambda v: fold(v) if v else None),
    ("office.district", _district),
    ("election.stage", lambda v: v or None),
    ("election.special", lambda v: v),
    ("election.date", lambda v: str(v)[:10] if v else None),
    ("election.party_primary", _party),
)
CAND_FIELDS = ("party", "vote_pct", "votes", "outcome", "incumbent")
INVENTED_COUNTS = {"vote_pct", "votes", "outcome"}


def _cand(fieldname: str, v: Any) -> Any:
    if v is None:
        return None
    try:
        if fieldname == "party":
            return _party(v)
        if fieldname == "vote_pct":
            return round(float(v), 2)
        if fieldname == "votes":
            return int(v)
    except (TypeError, ValueError):
        return None
    return v


def _eq(fieldname: str, a: Any, b: Any) -> bool:
    return abs(a - b) <= 0.051 if fieldname == "vote_pct" else a == b


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    #: contest identity: gold and predicted races, and how many gold races were found (paired) with the
    #: right office kind, seat (kind, state and district) and stage
    contests: Counter = field(default_factory=Counter)

    def fact(self, name: str, gold: Any, pred: Any, eq: Callable[[Any, Any], bool] = lambda a, b: a == b,
             count_invented: bool = True) -> Optional[int]:
        """Count one fact; returns the predicted value's label: 1 correct, 0 wrong or invented, None when
        nothing was predicted or the prediction is not counted (a gold null where inventing is not penalised)."""
        if gold is None:
            if pred is not None and count_invented:
                self.fp[name] += 1
                return 0
            return None
        if pred is None:
            self.fn[name] += 1
            return None
        if eq(gold, pred):
            self.tp[name] += 1
            return 1
        self.fp[name] += 1
        self.fn[name] += 1
        return 0

    def __iadd__(self, other: "Score") -> "Score":
        self.tp.update(other.tp)
        self.fp.update(other.fp)
        self.fn.update(other.fn)
        self.contests.update(other.contests)
        return self

    def prf(self, names: Optional[Iterable[str]] = None) -> dict[str, float]:
        keys = set(names) if names is not None else set(self.tp) | set(self.fp) | set(self.fn)
        tp, fp, fn = (sum(c[k] for k in keys) for c in (self.tp, self.fp, self.fn))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def _pair_score(g: dict, p: dict) -> float:
    gc, pc = g.get("candidates") or [], p.get("candidates") or []
    score = 0.0
    for a in gc:
        matches = [b for b in pc if same_person(a.get("name"), b.get("name"))]
        if matches:
            score += 2.0
        for b in matches:
            if a.get("vote_pct") is not None and b.get("vote_pct") is not None and \
                    abs(float(a["vote_pct"]) - float(b["vote_pct"])) <= 0.051:
                score += 1.0
    score += 1.0 if _path(g, "office.kind") == _path(p, "office.kind") else 0.0
    score += 1.5 if _path(g, "election.stage") == _path(p, "election.stage") else 0.0
    score += 0.5 if _district(_path(g, "office.district")) == _district(_path(p, "office.district")) else 0.0
    return score


def pair_races(gold: list[dict], pred: list[dict]) -> dict[int, int]:
    """Gold race index -> predicted race index, best pairs first (a pair needs a score of 2)."""
    scored = sorted(((_pair_score(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
                    key=lambda t: (-t[0], t[1], t[2]))
    out: dict[int, int] = {}
    for s, i, j in scored:
        if s >= 2.0 and i not in out and j not in out.values():
            out[i] = j
    return out


def _all_facts(race: dict, bucket: Counter, labels: Optional[dict] = None, at: str = "") -> None:
    """Count every fact of an unmatched race into ``bucket``; with ``labels``, mark each one 0 (an
    invented race's facts are all wrong) under its record path (``at`` is the race's path)."""
    def mark(path: str) -> None:
        if labels is not None:
            labels[f"{at}.{path}"] = 0

    for path, norm in RACE_FIELDS:
        if norm(_path(race, path)) is not None:
            bucket[path] += 1
            mark(path)
    for j, c in enumerate(race.get("candidates") or []):
        bucket["candidate"] += 1
        mark(f"candidates[{j}].name")
        if len(name_parts(c.get("name"))) > 1:
            bucket["candidate.full_name"] += 1
        for f in CAND_FIELDS:
            if _cand(f, c.get(f)) is not None:
                bucket[f"candidate.{f}"] += 1
                mark(f"candidates[{j}].{f}")
    pred = race.get("predecessor") or {}
    for f in ("name", "party", "reason"):
        if pred.get(f):
            bucket[f"predecessor.{f}"] += 1
            mark(f"predecessor.{f}")


def score_record(gold: dict, pred: dict, labels: Optional[dict] = None) -> Score:
    """The fact counts of one article.

    With ``labels`` (a dict), also records the verdict on every predicted fact under its record path
    (``races[0].candidates[1].vote_pct`` -> 1 correct / 0 wrong or invented / None not counted). A
    candidate's ``name`` is 1 when the person is in the gold race and the full name, where gold gives
    one, agrees; 0 for an invented candidate or a wrong full name.
    """
    sc = Score()

    def mark(path: str, value: Optional[int]) -> None:
        if labels is not None:
            labels[path] = value

    graces, praces = gold.get("races") or [], pred.get("races") or []
    pairs = pair_races(graces, praces)
    sc.contests["gold"] += len(graces)
    sc.contests["predicted"] += len(praces)
    for i, g in enumerate(graces):
        if i not in pairs:
            _all_facts(g, sc.fn)
            continue
        p = praces[pairs[i]]
        at = f"races[{pairs[i]}]"
        _contest_identity(g, p, sc.contests)
        for path, norm in RACE_FIELDS:
            pv = norm(_path(p, path))
            lab = sc.fact(path, norm(_path(g, path)), pv, count_invented=path != "election.date")
            if pv is not None:
                mark(f"{at}.{path}", lab)
        pcs = list(p.get("candidates") or [])
        used: set[int] = set()
        for gc in g.get("candidates") or []:
            j = next((j for j, pc in enumerate(pcs) if j not in used and same_person(gc.get("name"), pc.get("name"))), None)
            full = len(name_parts(gc.get("name"))) > 1
            if j is None:
                sc.fn["candidate"] += 1
                if full:
                    sc.fn["candidate.full_name"] += 1
                for f in CAND_FIELDS:
                    if _cand(f, gc.get(f)) is not None:
                        sc.fn[f"candidate.{f}"] += 1
                continue
            used.add(j)
            pc = pcs[j]
            sc.tp["candidate"] += 1
            name_ok = 1
            if full:
                name_ok = sc.fact("candidate.full_name", gc.get("name"), pc.get("name"),
                                  eq=lambda a, b: name_parts(a) == name_parts(b))
            mark(f"{at}.candidates[{j}].name", name_ok)
            for f in CAND_FIELDS:
                pv = _cand(f, pc.get(f))
                lab = sc.fact(f"candidate.{f}", _cand(f, gc.get(f)), pv,
                              eq=lambda a, b, f=f: _eq(f, a, b), count_invented=f in INVENTED_COUNTS)
                if pv is not None:
                    mark(f"{at}.candidates[{j}].{f}", lab)
        for j, pc in enumerate(pcs):
            if j not in used:
                sc.fp["candidate"] += 1
                mark(f"{at}.candidates[{j}].name", 0)
                for f in CAND_FIELDS:
                    if _cand(f, pc.get(f)) is not None:
                        if f in INVENTED_COUNTS:
                            sc.fp[f"candidate.{f}"] += 1
                        mark(f"{at}.candidates[{j}].{f}", 0 if f in INVENTED_COUNTS else None)
        gp, pp = g.get("predecessor") or {}, p.get("predecessor") or {}
        if gp.get("name") or pp.get("name"):
            for f, gv, pv, eq in (("name", gp.get("name"), pp.get("name"), same_person),
                                  ("party", _party(gp.get("party")), _party(pp.get("party")), None),
                                  ("reason", gp.get("reason"), pp.get("reason"), None)):
                lab = sc.fact(f"predecessor.{f}", gv, pv, **({"eq": eq} if eq else {}))
                if pv:
                    mark(f"{at}.predecessor.{f}", lab)
    for j, p in enumerate(praces):
        if j not in pairs.values():
            _all_facts(p, sc.fp, labels, f"races[{j}]")
    return sc


def _contest_identity(g: dict, p: dict, bucket: Counter) -> None:
    """Counts how far a paired race is the same contest as its gold race."""
    kind = _path(g, "office.kind") == _path(p, "office.kind")
    seat = kind and all(norm(_path(g, path)) == norm(_path(p, path)) for path, norm in RACE_FIELDS
                        if path in ("office.state", "office.district"))
    stage = _path(g, "election.stage") == _path(p, "election.stage")
    bucket["found"] += 1
    bucket["office"] += kind
    bucket["seat"] += seat
    bucket["stage"] += stage
    bucket["exact"] += seat and stage


@dataclass
class Report:
    total: Score
    per_file: dict[str, Score]
    #: (gold kind, predicted kind) -> articles
    kinds: Counter = field(default_factory=Counter)

    def table(self) -> dict[str, dict[str, float]]:
        out = {g: self.total.prf(fields) for g, fields in GROUPS.items()}
        out["overall"] = self.total.prf()
        return out

    def contest_table(self) -> dict[str, int]:
        """Contest identity over the folder: gold races, predicted races, gold races found, and found with
        the right office, seat, stage, seat and stage."""
        c = self.total.contests
        return {k: c[k] for k in ("gold", "predicted", "found", "office", "seat", "stage", "exact")}

    def kind_table(self) -> dict[str, Any]:
        """Article kind: accuracy and the confusion table (gold kind -> predicted kind -> articles)."""
        n = sum(self.kinds.values())
        right = sum(v for (g, p), v in self.kinds.items() if g == p)
        confusion: dict[str, dict[str, int]] = {}
        for (g, p), v in sorted(self.kinds.items()):
            confusion.setdefault(g, {})[p] = v
        return {"accuracy": right / n if n else 1.0, "right": right, "articles": n, "confusion": confusion}

    def as_json(self) -> dict:
        return {"files": len(self.per_file), "groups": self.table(), "contests": self.contest_table(),
                "kinds": self.kind_table(), "per_file": {k: v.prf() for k, v in self.per_file.items()}}


def gold_pairs(gold_dir: Path) -> list[tuple[Path, Path]]:
    """(text, gold json) pairs of a folder: every NNN.json that has an NNN.txt beside it."""
    return [(j.with_suffix(".txt"), j) for j in sorted(gold_dir.glob("*.json")) if j.with_suffix(".txt").exists()]


def evaluate(gold_dir: Path, predict: Callable[[list[tuple[Path, dict]]], Iterable[dict]]) -> Report:
    """Score ``predict`` (gold items -> predicted records, in order) over a gold folder."""
    items = [(txt, json.loads(js.read_text("utf-8"))) for txt, js in gold_pairs(gold_dir)]
    total, per_file, kinds = Score(), {}, Counter()
    for (txt, gold), pred in zip(items, predict(items)):
        sc = score_record(gold, pred)
        per_file[txt.stem] = sc
        total += sc
        kinds[(gold.get("kind") or "not_election", pred.get("kind") or "not_election")] += 1
    return Report(total, per_file, kinds)
