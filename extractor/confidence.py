"""Stage 6: a calibrated confidence for every emitted fact, and ``--min-confidence`` thresholds.

Runs after race assembly, on the record as emitted (a dict from ``ArticleRecord.to_json_dict``) and the
text it was read from. Each fact (a value at a record path, ``races[0].candidates[1].vote_pct``) is
described by general features: its field type, the rule ids of its evidence, the evidence's length and
place (headline or body), the distance to its candidate's name, how often the text supports the value,
the size and kind of the article, the race's warnings and share sum. Never a word of one article.

The fitted file (``fitted/confidence.json``, written by ``make train`` = ``python -m extractor.calibrate``)
holds a logistic model's weights by feature name and the map from its score to the share of facts like
it that were right on annotated articles nobody tuned the rules to (a Platt map: a sigmoid of the score's
logit; see ``calibrate.py``). It is read here with no scikit-learn.

Facts are the values the scorer judges: ``office.kind/state/district``, ``election.stage/special/date/
party_primary``, each candidate's ``name/party/vote_pct/votes/outcome/incumbent`` and the predecessor's
``name/party/reason``. (``jurisdiction`` and ``country`` are not scored and carry no confidence.)
"""
from __future__ import annotations

import bisect
import copy
import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional

MODEL_PATH = Path(__file__).parent / "fitted" / "confidence.json"
#: used when the fitted file names no recommended threshold
DEFAULT_THRESHOLD = 0.90
#: the recommended threshold keeps at least this share of the correct facts (out of fold, on the devset)
RECOMMENDED_RETENTION = 0.70
#: bumped when the features change: a fitted file of another version is refused (re-run ``make train``)
FEATURES_VERSION = 3

RACE_FIELDS = ("office.kind", "office.state", "office.district", "election.stage", "election.special",
               "election.date", "election.party_primary")
CAND_FIELDS = ("name", "party", "vote_pct", "votes", "outcome", "incumbent")
PRED_FIELDS = ("name", "party", "reason")
_SENT_END = re.compile(r"[.!?]\s|\n")
_INDEX = re.compile(r"\[\d+\]")


class ModelMissing(RuntimeError):
    """No fitted confidence file (or one from other features): run ``make train``."""


# ------------------------------------------------------------------------------------------ facts
def iter_facts(rec: dict) -> Iterator[tuple[str, str, Any, int, Optional[int]]]:
    """(record path, field type, value, race index, candidate index or None) of every emitted fact.

    >>> rec = {"races": [{"office": {"kind": "mayor", "state": None}, "election": {"stage": "general",
    ...        "special": False}, "candidates": [{"name": "A B", "vote_pct": 51.0}], "predecessor": None}]}
    >>> [p for p, *_ in iter_facts(rec)]
    ['races[0].office.kind', 'races[0].election.stage', 'races[0].election.special', 'races[0].candidates[0].name', 'races[0].candidates[0].vote_pct']
    """
    for i, race in enumerate(rec.get("races") or []):
        for f in RACE_FIELDS:
            a, b = f.split(".")
            v = (race.get(a) or {}).get(b)
            if v is not None:
                yield f"races[{i}].{f}", f, v, i, None
        for j, c in enumerate(race.get("candidates") or []):
            for f in CAND_FIELDS:
                if c.get(f) is not None:
                    yield f"races[{i}].candidates[{j}].{f}", f"candidate.{f}", c[f], i, j
        p = race.get("predecessor") or {}
        for f in PRED_FIELDS:
            if p.get(f) is not None:
                yield f"races[{i}].predecessor.{f}", f"predecessor.{f}", p[f], i, None


def field_type(path: str) -> str:
    """``races[0].candidates[1].vote_pct`` -> ``candidate.vote_pct``."""
    rest = _INDEX.sub("", path.split(".", 1)[1])
    return rest.replace("candidates.", "candidate.")


# ------------------------------------------------------------------------------------------ features
def _log(x: float) -> float:
    return math.log1p(max(0.0, x))


def _sentences_between(text: str, a: int, b: int) -> int:
    lo, hi = min(a, b), max(a, b)
    return len(_SENT_END.findall(text, lo, hi)) if text else 0


#: how far into a text repetitions are counted (keeps a huge input's features linear in its size)
COUNT_SPAN = 200_000


_TOKEN = re.compile(r"\w+|[^\w\s]")
#: longest run of tokens counted through the n-gram table (longer needles are searched for)
MAX_GRAM = 4


@lru_cache(maxsize=8)
def _token_index(text: str) -> tuple[list[str], dict[str, list[int]]]:
    """The text's tokens and where each one stands: the repetition counts of a whole article's facts
    from one pass over it."""
    toks = _TOKEN.findall(text)
    where: dict[str, list[int]] = {}
    for i, tok in enumerate(toks):
        where.setdefault(tok, []).append(i)
    return toks, where


def _count(text: str, needle: str) -> int:
    """Occurrences of ``needle`` as whole words (its token run) in ``text``."""
    if not text or not needle or len(needle) < 2:
        return 0
    toks = _TOKEN.findall(needle)
    if len(toks) <= MAX_GRAM:
        if not toks:
            return 0
        all_toks, where = _token_index(text)
        n = len(toks)
        return sum(1 for i in where.get(toks[0], ()) if all_toks[i:i + n] == toks)
    return len(re.findall(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text[:COUNT_SPAN]))


def _surname(name: str) -> str:
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    while len(words) > 1 and words[-1].rstrip(".").lower() in {"jr", "sr", "ii", "iii", "iv"}:
        words.pop()
    return words[-1] if words else ""


def _bucket(x: float, edges: tuple) -> str:
    return str(bisect.bisect_right(edges, x))


def fact_features(rec: dict, text: str = "") -> dict[str, dict[str, float]]:
    """Record path -> {feature name: value} for every fact of ``rec``. Names of one-hot features carry
    their value (``rule=pct/number-percent``); every feature also appears crossed with the field type
    (``candidate.vote_pct|headline``) so one model can weigh it differently per field."""
    races = rec.get("races") or []
    ev_by: dict[str, list[dict]] = {}
    for ev in rec.get("evidence") or []:
        ev_by.setdefault(ev.get("field", ""), []).append(ev)
    head_end = text.find("\n") if text else -1
    head_end = head_end if head_end >= 0 else (len(text) if text else 0)
    n_text = max(len(text), 1)
    race_warn: dict[Optional[int], int] = {}
    for w in rec.get("warnings") or []:
        race_warn[w.get("race")] = race_warn.get(w.get("race"), 0) + 1
    n_cands_total = sum(len(r.get("candidates") or []) for r in races)
    race_evs: dict[int, int] = {}
    for k, v in ev_by.items():
        m = _INDEX.match(k[5:]) if k.startswith("races[") else None
        if m:
            race_evs[int(m.group(0)[1:-1])] = race_evs.get(int(m.group(0)[1:-1]), 0) + len(v)
    ctx = _article_context(rec, text, ev_by)
    out: dict[str, dict[str, float]] = {}
    for path, ftype, value, i, j in iter_facts(rec):
        race = races[i]
        cands = race.get("candidates") or []
        shares = [c["vote_pct"] for c in cands if c.get("vote_pct") is not None]
        evs = ev_by.get(path, [])
        f: dict[str, float] = {
            "kind=" + str(rec.get("kind")): 1.0,
            "n_races": _log(len(races)),
            "many_races": float(len(races) > 3),
            "race_index": _log(i),
            "n_cands": _log(len(cands)),
            "n_cands_total": _log(n_cands_total),
            "no_cands": float(not cands),
            "race_warnings": float(race_warn.get(i, 0)),
            "article_warnings": float(race_warn.get(None, 0)),
            "n_shares": _log(len(shares)),
            "text_len": _log(len(text) / 1000),
            "has_ev": float(bool(evs)),
            "n_ev": _log(len(evs)),
            "race_ev": _log(race_evs.get(i, 0)),
            "office_ev": float(bool(ev_by.get(f"races[{i}].office.kind"))),
        }
        if shares:
            total = sum(shares)
            f["share_gap"] = min(abs(100 - total), 100) / 10
            f["share_over"] = float(total > 100.5)
            f["share_sum_ok"] = float(97 <= total <= 100.5)
        for ev in evs:
            rule = ev.get("rule") or "none"
            f["rule=" + rule] = 1.0
            f["rule_family=" + rule.split("/")[0]] = 1.0
        if evs:
            first = min(evs, key=lambda e: e.get("start", 0))
            f["ev_len"] = _log(len(first.get("text") or ""))
            f["headline"] = float(first.get("start", 0) < head_end)
            f["ev_pos"] = first.get("start", 0) / n_text
            f["support"] = _log(_count(text, first.get("text") or "") - 1)
        if j is not None:
            c = cands[j]
            name = c.get("name") or ""
            nwords = len(name.split())
            f["name_words=" + _bucket(nwords, (2, 3, 4))] = 1.0
            f["name_support"] = _log(_count(text, _surname(name)))
            f["cand_index"] = _log(j)
            f["cand_facts"] = float(sum(c.get(k) is not None for k in CAND_FIELDS[1:]))
            f["cand_has_pct"] = float(c.get("vote_pct") is not None)
            f["cand_has_outcome"] = float(c.get("outcome") is not None)
            name_evs = ev_by.get(f"races[{i}].candidates[{j}].name", [])
            f["name_ev"] = float(bool(name_evs))
            if evs and name_evs and ftype != "candidate.name":
                d = min(abs(e.get("start", 0) - n.get("start", 0)) for e in evs for n in name_evs)
                s = min(_sentences_between(text, e.get("start", 0), n.get("start", 0)) for e in evs for n in name_evs)
                f["name_dist"] = _log(d / 10)
                f["name_sents"] = _log(s)
                f["name_same_sent"] = float(s == 0)
        if ftype in ("office.kind", "election.stage", "candidate.outcome", "predecessor.reason",
                     "candidate.incumbent", "election.special"):
            f["value=" + str(value)] = 1.0
        elif ftype == "candidate.party":
            f["value_major"] = float(value in ("Democratic", "Republican"))
        elif ftype == "candidate.vote_pct":
            f["pct_round"] = float(float(value) == int(float(value)))
            f["pct_small"] = float(float(value) < 5)
        elif ftype == "candidate.votes":
            f["votes_mag"] = _log(float(value)) / 5
        f.update(_context_features(ctx, ftype, value, i, j, evs))
        out[path] = {**f, **{f"{ftype}|{k}": v for k, v in f.items()}, "field=" + ftype: 1.0}
    return out


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around ``text[start:end]``."""
    lo = max(text.rfind("\n", 0, start), max((m.end() for m in _SENT_END.finditer(text, max(0, start - 400), start)),
                                             default=0) - 1)
    m = _SENT_END.search(text, end)
    return lo + 1, (m.start() + 1 if m else len(text))


def _article_context(rec: dict, text: str, ev_by: dict) -> dict:
    """What the facts of one race are weighed against: every race's candidates (their surnames and the
    assembly's fitted probability ``_score``), figures and outcomes."""
    races = rec.get("races") or []
    surnames = [[_surname(c.get("name") or "").lower() for c in r.get("candidates") or []] for r in races]
    where: dict[str, set] = {}
    for i, names in enumerate(surnames):
        for s in names:
            if len(s) > 1:
                where.setdefault(s, set()).add(i)
    scores = [[c.get("_score") for c in r.get("candidates") or []] for r in races]
    first = {}
    for k, v in ev_by.items():
        m = _INDEX.match(k[5:]) if k.startswith("races[") else None
        if m:
            i = int(m.group(0)[1:-1])
            first[i] = min([first.get(i, len(text) or 1)] + [e.get("start", 0) for e in v])
    kinds = [((r.get("office") or {}).get("kind"), (r.get("office") or {}).get("state")) for r in races]
    head_end = text.find("\n") if text and "\n" in text else len(text)
    state_at, stage_at = _state_mentions(text[:COUNT_SPAN]), _stage_mentions(text[:COUNT_SPAN])
    name_at = _name_mentions(text[:COUNT_SPAN], where)
    # where a race is told: its office words, else its first evidence
    anchor = {}
    for i in range(len(races)):
        evs = ev_by.get(f"races[{i}].office.kind") or []
        anchor[i] = min((e.get("start", 0) for e in evs), default=first.get(i, 0))
    return {"races": races, "surnames": surnames, "where": where, "scores": scores, "first": first,
            "kinds": kinds, "text": text, "head_end": head_end, "state_at": state_at, "states": _tally(state_at),
            "head_states": _tally([m for m in state_at if m[0] < head_end]), "stage_at": stage_at,
            "stages": _tally(stage_at), "anchor": anchor, "headline": text[:head_end].lower(),
            "name_pos": [p for p, _ in name_at], "name_at": [n for _, n in name_at],
            "n_kinds": len({k for k, _ in kinds}), "n_states": len({s for _, s in kinds if s})}


def _state_mentions(text: str) -> list[tuple[int, str]]:
    """(offset, USPS code) of every place the text names a state (its name or AP abbreviation, any
    case; its two-letter code in capitals)."""
    from models.normalize import state_lookup

    out = []
    for m in _state_regex().finditer(text or ""):
        w = m.group(0)
        code = state_lookup().get(w.lower())
        if code and (len(w) > 2 or w.isupper()):
            out.append((m.start(), code))
    return out


def _tally(mentions: list[tuple[int, str]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, v in mentions:
        out[v] = out.get(v, 0) + 1
    return out


def _nearest(mentions: list[tuple[int, str]], at: int) -> tuple[Optional[str], Optional[int]]:
    """The value of the mention nearest to offset ``at`` (and its distance)."""
    if not mentions:
        return None, None
    off, v = min(mentions, key=lambda m: (abs(m[0] - at), m[0]))
    return v, abs(off - at)


@lru_cache(maxsize=1)
def _state_regex():
    from models.normalize import state_lookup

    keys = sorted(state_lookup(), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w])", re.I)


STAGES = ("primary", "general", "runoff", "recall")


def _stage_mentions(text: str) -> list[tuple[int, str]]:
    """(offset, stage) of every use of a stage's own word (its first six letters: primary/primaries)."""
    if not text:
        return []
    rx = re.compile(r"(?<!\w)(" + "|".join(st[:6] for st in STAGES) + ")", re.I)
    first6 = {st[:6]: st for st in STAGES}
    return [(m.start(), first6[m.group(1).lower()]) for m in rx.finditer(text)]


def _race_features(ctx: dict, i: int) -> dict[str, float]:
    """The features of race ``i`` that all its facts share (computed once per race)."""
    cache = ctx.setdefault("race_features", {})
    if i in cache:
        return cache[i]
    text, races = ctx["text"], ctx["races"]
    race = races[i]
    cands = race.get("candidates") or []
    sc = [s for s in ctx["scores"][i] if s is not None]
    f: dict[str, float] = {}
    if sc:
        # (the lowest only: features of the scores must rise with each candidate's own score, so that a
        # candidate the assembly doubts more never reads as more certain)
        f["race_score_min"] = _logit_feat(min(sc))
    f["race_scored"] = len(sc) / max(len(cands), 1)
    f["race_has_outcome"] = float(any(c.get("outcome") for c in cands))
    f["race_winners"] = float(sum(c.get("outcome") == "won" for c in cands))
    f["race_has_figures"] = float(any(c.get("vote_pct") is not None or c.get("votes") is not None for c in cands))
    others = [len(r.get("candidates") or []) for k, r in enumerate(races) if k != i]
    if others:
        f["race_size_rel"] = len(cands) / max(max(others), 1)
    same = [k for k, kk in enumerate(ctx["kinds"]) if kk == ctx["kinds"][i] and k != i]
    f["race_same_office"] = float(bool(same))
    f["race_same_office_n"] = _log(len(same))
    own = {s for s in ctx["surnames"][i] if len(s) > 1}
    shared = {s for s in own if len(ctx["where"].get(s, ())) > 1}
    f["race_shared_cands"] = len(shared) / max(len(own), 1)
    # every one of its candidates is also in one other race
    f["race_subset"] = float(bool(own) and bool(set.intersection(*(ctx["where"][s] for s in own)) - {i}))
    stage = (race.get("election") or {}).get("stage")
    f["stage_sibling"] = float(any((races[k].get("election") or {}).get("stage") != stage for k in same))
    f["race_pos"] = ctx["first"].get(i, len(text)) / max(len(text), 1)
    f["n_kinds"] = _log(ctx["n_kinds"])
    f["n_states_races"] = _log(ctx["n_states"])
    f["n_states_named"] = _log(len(ctx["states"]))
    cache[i] = f
    return f


def _context_features(ctx: dict, ftype: str, value, i: int, j: Optional[int], evs: list) -> dict[str, float]:
    """The features of one fact against its race and the article's other races (see ``_article_context``)."""
    text, races = ctx["text"], ctx["races"]
    race = races[i]
    cands = race.get("candidates") or []
    sc = [s for s in ctx["scores"][i] if s is not None]
    stage = (race.get("election") or {}).get("stage")
    states = ctx["states"]
    f = dict(_race_features(ctx, i))
    if ftype == "office.state":
        n = states.get(str(value), 0)
        f["state_named"] = _log(n)
        f["state_not_named"] = float(n == 0)
        f["state_share"] = n / max(sum(states.values()), 1)
        f["state_top"] = float(n > 0 and n == max(states.values()))
        f["state_headline"] = float(str(value) in ctx["head_states"])
        near, dist = _nearest(ctx["state_at"], ctx["anchor"][i])
        f["state_nearest"] = float(near == value)
        if dist is not None:
            f["state_near_dist"] = _log(dist / 100)
    elif ftype == "election.stage":
        n = ctx["stages"].get(str(value), 0)
        rival = max((v for st, v in ctx["stages"].items() if st != value), default=0)
        near, dist = _nearest(ctx["stage_at"], ctx["anchor"][i])
        f["stage_nearest"] = float(near == value)
        f["stage_none_near"] = float(near is None)
        f["stage_named"] = _log(n)
        f["stage_rival"] = _log(rival)
        f["stage_beaten"] = float(rival > n)
    if j is not None:
        c = cands[j]
        s = ctx["scores"][i][j]
        if s is None:
            f["cand_unscored"] = 1.0
        else:
            f["cand_score"] = _logit_feat(s)
        sur = ctx["surnames"][i][j]
        f["cand_other_race"] = float(len(ctx["where"].get(sur, ())) > 1)
        f["cand_headline"] = float(bool(sur) and sur in ctx["headline"])
        if c.get("outcome"):
            f[f"outcome_stage={c['outcome']}/{stage}"] = 1.0
        pcts = [x.get("vote_pct") for x in cands if x.get("vote_pct") is not None]
        if c.get("vote_pct") is not None and len(pcts) > 1:
            top = c["vote_pct"] >= max(pcts)
            f["won_not_top"] = float(c.get("outcome") == "won" and not top)
            f["lost_top"] = float(c.get("outcome") == "lost" and top)
    if evs and text:
        a, b = _sentence_span(text, min(e.get("start", 0) for e in evs), max(e.get("end", 0) for e in evs))
        pos, names = ctx["name_pos"], ctx["name_at"]
        named = set(names[bisect.bisect_left(pos, a):bisect.bisect_left(pos, b)])
        f["ev_other_race_cand"] = float(any(i not in ctx["where"].get(s, (i,)) for s in named))
        f["ev_own_cands"] = _log(sum(1 for s in named if i in ctx["where"].get(s, ())))
    return f


def _name_mentions(text: str, surnames) -> list[tuple[int, str]]:
    """(offset, surname) of every whole-word use of the candidates' surnames (any case), in one pass."""
    names = sorted({s for s in surnames if len(s) > 1}, key=len, reverse=True)
    if not text or not names:
        return []
    rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I)
    return [(m.start(), m.group(0).lower()) for m in rx.finditer(text)]


def _logit_feat(p: float) -> float:
    """A probability as a bounded logit (/ 5), so a linear model reads it on its natural scale."""
    p = min(max(float(p), 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p)) / 5


# ------------------------------------------------------------------------------------------ model
@lru_cache(maxsize=4)
def load_model(path: Optional[str] = None) -> dict:
    """The fitted model (weights by feature name, the score-to-probability map), read once."""
    p = Path(path) if path else MODEL_PATH
    try:
        model = json.loads(p.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelMissing(f"no fitted confidence model at {p} ({exc}): run `make train`") from exc
    if model.get("features_version") != FEATURES_VERSION:
        raise ModelMissing(f"{p} was fitted for features version {model.get('features_version')}, this code "
                           f"computes version {FEATURES_VERSION}: run `make train`")
    return model


def recommended_threshold(model: Optional[dict] = None) -> float:
    """The threshold ``make train`` recommends: the highest that kept at least 70% of the correct facts
    out of fold on the devset (stored in the fitted file, since it moves with every refit)."""
    try:
        model = model or load_model()
    except ModelMissing:
        return DEFAULT_THRESHOLD
    return float(model.get("recommended_threshold", DEFAULT_THRESHOLD))


def raw_score(features: dict[str, float], model: dict) -> float:
    """The logistic model's probability for one fact's features."""
    w = model["weights"]
    z = model["intercept"] + sum([w.get(k, 0.0) * v for k, v in features.items()])
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _logit(p: float) -> float:
    p = min(max(p, 1e-12), 1 - 1e-12)
    return math.log(p / (1 - p))


def calibrate(p: float, model: dict) -> float:
    """The fitted map from the logistic score to a probability, rounded to 3 places: ``platt``
    (``1 / (1 + exp(-(slope * logit(p) + intercept)))``, increasing in ``p``) or ``isotonic``
    (linear between breakpoints, flat outside them).

    >>> calibrate(0.5, {"platt": {"slope": 0.5, "intercept": 0.0}})
    0.5
    >>> calibrate(0.9, {"platt": {"slope": 1.0, "intercept": 0.0}})
    0.9
    """
    if "platt" in model:
        z = model["platt"]["slope"] * _logit(p) + model["platt"]["intercept"]
        return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 3)
    xs, ys = model["isotonic"]["x"], model["isotonic"]["y"]
    if not xs:
        return round(p, 3)
    if p <= xs[0]:
        return round(ys[0], 3)
    if p >= xs[-1]:
        return round(ys[-1], 3)
    k = bisect.bisect_right(xs, p)
    x0, x1, y0, y1 = xs[k - 1], xs[k], ys[k - 1], ys[k]
    return round(y0 + (y1 - y0) * (p - x0) / (x1 - x0) if x1 > x0 else y1, 3)


def confidences(rec: dict, text: str = "", model: Optional[dict] = None) -> dict[str, float]:
    """Record path -> calibrated confidence in [0, 1] for every fact of ``rec``."""
    model = model or load_model()
    return {path: calibrate(raw_score(f, model), model) for path, f in fact_features(rec, text).items()}


# ------------------------------------------------------------------------------------------ thresholds
_PATH = re.compile(r"^races\[(\d+)\](?:\.candidates\[(\d+)\])?(.*)$")


def apply_min_confidence(rec: dict, threshold: float) -> dict:
    """A copy of ``rec`` without the facts whose confidence is below ``threshold``: the value becomes
    null (never a guess) and its evidence is dropped. A candidate whose name falls below is dropped from
    the race; a predecessor whose name does, from the race; a race left with no office kind and no
    candidate or predecessor is dropped. Paths of the evidence, confidence and warnings are renumbered.
    A fact without a confidence counts as 0.
    """
    conf = rec.get("confidence") or {}
    out = copy.deepcopy(rec)

    def low(path: str) -> bool:
        return conf.get(path, 0.0) < threshold

    race_map: dict[int, int] = {}
    cand_map: dict[tuple[int, int], int] = {}
    nulled: set[str] = set()
    races = []
    for i, race in enumerate(out.get("races") or []):
        at = f"races[{i}]"
        for f in RACE_FIELDS:
            a, b = f.split(".")
            if (race.get(a) or {}).get(b) is not None and low(f"{at}.{f}"):
                race[a][b] = None
                nulled.add(f"{at}.{f}")
        kept = []
        for j, c in enumerate(race.get("candidates") or []):
            cat = f"{at}.candidates[{j}]"
            if low(f"{cat}.name"):
                continue
            cand_map[(i, j)] = len(kept)
            for f in CAND_FIELDS[1:]:
                if c.get(f) is not None and low(f"{cat}.{f}"):
                    c[f] = None
                    nulled.add(f"{cat}.{f}")
            kept.append(c)
        race["candidates"] = kept
        p = race.get("predecessor")
        if p:
            if low(f"{at}.predecessor.name"):
                race["predecessor"] = None
            else:
                for f in PRED_FIELDS[1:]:
                    if p.get(f) is not None and low(f"{at}.predecessor.{f}"):
                        p[f] = None
                        nulled.add(f"{at}.predecessor.{f}")
        if (race.get("office") or {}).get("kind") is None and not kept and not race.get("predecessor"):
            for k in list(cand_map):
                if k[0] == i:
                    del cand_map[k]
            continue
        race_map[i] = len(races)
        races.append(race)
    out["races"] = races

    def renumber(path: str) -> Optional[str]:
        """The path in the thresholded record, or None when its value is gone."""
        if path in nulled:
            return None
        m = _PATH.match(path)
        if not m:
            return path
        i, j, rest = int(m.group(1)), m.group(2), m.group(3)
        if i not in race_map:
            return None
        if rest.startswith(".predecessor") and races[race_map[i]].get("predecessor") is None:
            return None
        if j is None:
            return f"races[{race_map[i]}]{rest}"
        if (i, int(j)) not in cand_map:
            return None
        return f"races[{race_map[i]}].candidates[{cand_map[(i, int(j))]}]{rest}"

    if "evidence" in out:
        evs = []
        for ev in out["evidence"]:
            new = renumber(ev.get("field", ""))
            if new is not None:
                evs.append({**ev, "field": new})
        out["evidence"] = evs
    if "confidence" in out:
        out["confidence"] = {new: v for k, v in conf.items() if (new := renumber(k)) is not None}
    for w in out.get("warnings") or []:
        if isinstance(w, dict) and w.get("race") is not None:
            w["race"] = race_map.get(w["race"])
    return out


def thresholded(stream, threshold: float):
    """``(article, record dict | error)`` pairs with ``apply_min_confidence`` on every record."""
    for art, rec in stream:
        yield art, apply_min_confidence(rec, threshold) if isinstance(rec, dict) else rec
