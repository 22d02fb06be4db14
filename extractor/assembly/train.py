"""Fits the assembly's candidate model (``extractor/fitted/candidates.json``) on annotated articles.

    python -m extractor.assembly.train [GOLD_DIR ...]      (default: corpus/ and ../shared/devset)

Runs the pipeline with every candidate left in (``scoring.undecided``), pairs each article's races with
its gold races the way the scorer does, labels every candidate the prose put in a race (1: the gold race
has that person; 0: it does not, or the race is no gold race), fits a logistic regression on the
candidates' general features, and picks the threshold that maximises the fact F1 of the candidates'
facts on out-of-fold probabilities (folds by article, so no article scores itself). Only the fitted
weights are written; the articles stay where they are. Deterministic: same data, same file.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..evaluate import Score, gold_pairs, pair_races, same_person, score_record
from ..ingest import clean_text, decode, parse_published
from .scoring import FEATURES_VERSION, MODEL_PATH, undecided

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIRS = (ROOT / "corpus", ROOT.parent / "shared" / "devset")
_FACTS = ("party", "vote_pct", "votes", "outcome", "incumbent")


def collect(dirs, nlp) -> tuple[list[dict], list[int], list[int], list[int], Score]:
    """Features, labels, article groups and fact weights of every candidate the prose proposes, and the
    fact counts of the output with nobody left out."""
    from rich.progress import Progress

    items = [(txt, json.loads(js.read_text("utf-8"))) for d in dirs for txt, js in gold_pairs(Path(d))]
    X, y, groups, weights, total = [], [], [], [], Score()
    with Progress(transient=True) as prog, undecided():
        task = prog.add_task("reading annotated articles", total=len(items))
        for g, (txt, gold) in enumerate(items):
            doc = nlp.make_doc(clean_text(decode(txt.read_bytes(), str(txt))))
            doc._.published = parse_published(gold.get("published"))
            doc = nlp(doc)
            races = doc._.races or []
            total += score_record(gold, {"races": races})
            pairs = {p: q for q, p in pair_races(gold.get("races") or [], races).items()}
            for j, race in enumerate(races):
                gold_race = (gold["races"][pairs[j]] if j in pairs else None)
                for c in race["candidates"]:
                    feats = c.get("_features")
                    if feats is None:
                        continue  # not proposed by the prose (a listing's row)
                    ok = gold_race is not None and any(same_person(c["name"], gc.get("name"))
                                                        for gc in gold_race.get("candidates") or [])
                    X.append(feats)
                    y.append(int(ok))
                    groups.append(g)
                    weights.append(1 + sum(1 for f in _FACTS if c.get(f) is not None))
            prog.advance(task)
    return X, y, groups, weights, total


def best_threshold(p, y, w, tp0: int, fp0: int, fn0: int, min_drop_precision: float = 0.8) -> float:
    """The threshold whose drops give the best fact F1, starting from the undecided counts: a dropped
    true candidate loses its facts (they become misses), a dropped false one stops costing precision.
    A newsroom would rather keep a doubtful candidate than lose a real one: of the people a threshold
    drops, at least ``min_drop_precision`` must be no candidate."""
    best, best_f1 = 0.0, -1.0
    for t in [i / 100 for i in range(0, 61)]:
        tp, fp, fn = tp0, fp0, fn0
        dropped = wrong = 0
        for pi, yi, wi in zip(p, y, w):
            if pi < t:
                dropped += 1
                if yi:
                    tp, fn = tp - wi, fn + wi
                else:
                    wrong += 1
                    fp -= wi
        if dropped and wrong / dropped < min_drop_precision:
            continue
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = t, f1
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extractor.assembly.train", description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=[d for d in DEFAULT_DIRS if d.is_dir()])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args(argv)
    try:
        import numpy as np
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold
        from sklearn.preprocessing import StandardScaler
    except ImportError:
        print("training needs scikit-learn: pip install -e '.[train]'", file=sys.stderr)
        return 2
    from ..pipeline import get_nlp

    X, y, groups, weights, total = collect(args.dirs, get_nlp(None))
    names = sorted(X[0])
    A = np.array([[x[n] for n in names] for x in X], dtype=float)
    Y, G, W = np.array(y), np.array(groups), np.array(weights)
    oof = np.zeros(len(Y))
    for tr, te in GroupKFold(n_splits=5).split(A, Y, G):
        sc = StandardScaler().fit(A[tr])
        lr = LogisticRegression(C=0.5, max_iter=2000).fit(sc.transform(A[tr]), Y[tr])
        oof[te] = lr.predict_proba(sc.transform(A[te]))[:, 1]
    counts = total.prf()
    threshold = best_threshold(oof.tolist(), Y.tolist(), W.tolist(), counts["tp"], counts["fp"], counts["fn"])
    sc = StandardScaler().fit(A)
    lr = LogisticRegression(C=0.5, max_iter=2000).fit(sc.transform(A), Y)
    scale = [float(s) if s > 0 else 1.0 for s in sc.scale_]
    model = {
        "features_version": FEATURES_VERSION,
        "intercept": float(lr.intercept_[0]),
        "weights": {n: round(float(wt), 6) for n, wt in zip(names, lr.coef_[0])},
        "scaling": {n: [round(float(m), 6), round(s, 6)] for n, m, s in zip(names, sc.mean_, scale)},
        "threshold": threshold,
        "trained_on": {"candidates": len(Y), "positives": int(Y.sum()), "articles": int(G.max() + 1)},
    }
    kept = oof >= threshold
    print(f"candidates {len(Y)} (true {int(Y.sum())}); out-of-fold at threshold {threshold:.2f}: "
          f"dropped {int((~kept).sum())} ({int(((~kept) & (Y == 0)).sum())} false, {int(((~kept) & (Y == 1)).sum())} true)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", "utf-8")
    tmp.replace(args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
