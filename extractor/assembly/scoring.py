"""Fitted decisions of the assembly: is a person the prose puts in a race really running in it?

Every candidate of every race draft is described by general features -- how the person is told (figures,
outcome verbs, opponents met in a clause, party stated, mentions in quotes or in the headline), how the
race is told (its size, figures, winner, round) and the article (its kind, how many races it reports) --
never a word of one article. A logistic model fitted on annotated articles (``make train``, which runs
``python -m extractor.assembly.train``) turns them into the probability that the person is a candidate of
that race; people below the fitted threshold are left out. The probability is kept with the candidate
(``_score`` on its dict in ``doc._.races``).

The fitted file ``extractor/fitted/candidates.json`` holds the weights by feature name, the scaling and
the threshold; it is read without scikit-learn. Without the file, nobody is left out.
"""
from __future__ import annotations

import json
import math
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .base import *  # noqa: F401,F403

MODEL_PATH = Path(__file__).resolve().parent.parent / "fitted" / "candidates.json"
#: bumped when the features change: a fitted file of another version is ignored (re-run ``make train``)
FEATURES_VERSION = 1
_STATE = {"decide": True, "collect": False}


@contextmanager
def undecided(collect: bool = True):
    """Within the block, the assembly leaves everyone in and keeps each candidate's features
    (``_features`` on the candidate dicts): what training reads."""
    old = dict(_STATE)
    _STATE.update(decide=False, collect=collect)
    try:
        yield
    finally:
        _STATE.update(old)


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> Optional[dict]:
    p = Path(path)
    if not p.exists():
        return None
    model = json.loads(p.read_text("utf-8"))
    return model if model.get("features_version") == FEATURES_VERSION else None


def probability(model: dict, feats: dict[str, float]) -> float:
    z = model["intercept"]
    for name, w in model["weights"].items():
        mean, scale = model["scaling"][name]
        z += w * ((feats.get(name, 0.0) - mean) / scale)
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


_TELLING = ("WIN", "LOSE", "ADVANCE", "CAND_CUE", "PCT", "VOTES")


class ScoringMixin:
    def candidate_features(self, r: RaceDraft, pi: int, cf: CandFacts, drafts: list[RaceDraft],
                           kind: str, parties: dict) -> dict[str, float]:
        person = self.m.people[pi]
        sents = [mm.sent for mm in person.mentions]
        telling = self._telling_sents
        strong, weak = self._met
        title_kind = self.person_offices().get(pi)
        n_words = len(person.tokens)
        return {
            "has_pct": float(cf.pct is not None),
            "has_votes": float(cf.votes is not None),
            "won": float(cf.outcome == "won"),
            "lost": float(cf.outcome == "lost"),
            "advanced": float(cf.outcome == "advanced"),
            "has_party": float(pi in parties),
            "incumbent": float(cf.incumbent is True),
            "mentions": math.log1p(len(person.mentions)),
            "sents_in_race": math.log1p(len(cf.sents)),
            "in_headline": float(any(s in self._headline_sents for s in sents)),
            "first_place": min(sents) / max(self.n_sents, 1) if sents else 1.0,
            "quoted": sum(1 for mm in person.mentions if self.in_quote[mm.start]) / max(len(person.mentions), 1),
            "telling": sum(1 for s in set(sents) if s in telling) / max(len(set(sents)), 1),
            "met_by_verb": float(pi in strong),
            "met_by_figure": float(pi in weak and pi not in strong),
            "title_other_office": float(title_kind is not None and title_kind != r.office.kind),
            "one_word_name": float(n_words == 1),
            "long_name": float(n_words >= 4),
            "race_size": math.log1p(len(r.cands)),
            "race_figures": float(any(c.pct is not None or c.votes is not None for c in r.cands.values())),
            "race_winner": float(any(c.outcome == "won" for c in r.cands.values())),
            "races": math.log1p(len(drafts)),
            "primary": float(r.stage == "primary"),
            "runoff": float(r.stage == "runoff"),
            "office_other": float(r.office.kind == "other"),
            "preview": float(kind == "preview"),
            "poll": float(kind == "poll"),
        }

    @cached_property
    def _met(self) -> tuple[set[int], set[int]]:
        """People met by an outcome verb, and by any matchup (read once the draft pass is over)."""
        return ({p for group, by_verb in self._matchups if by_verb for p in group},
                {p for group, _ in self._matchups for p in group})

    @cached_property
    def _telling_sents(self) -> set[int]:
        return {c.sent for c in self.m.cues if c.label in _TELLING}

    def decide_candidates(self, drafts: list[RaceDraft], kind: str, parties: dict) -> list[RaceDraft]:
        """Scores every candidate; leaves out those the fitted model doubts (not while training)."""
        model = load_model() if _STATE["decide"] else None
        for r in drafts:
            r.features = {}
            r.scores = {}
            for pi, cf in list(r.cands.items()):
                feats = self.candidate_features(r, pi, cf, drafts, kind, parties)
                if _STATE["collect"]:
                    r.features[pi] = feats
                if model is None:
                    continue
                p = probability(model, feats)
                if p < model["threshold"]:
                    del r.cands[pi]
                else:
                    r.scores[pi] = p
        return [r for r in drafts if r.cands]
