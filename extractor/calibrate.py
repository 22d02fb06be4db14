"""Fitting and measuring the fact confidences (``make train`` = ``python -m extractor.calibrate``).

1. Every annotated article (``corpus/`` and ``../shared/devset``) is extracted with its publication
   date, and every predicted fact is labelled by the project's scorer (``evaluate.score_record``):
   1 correct, 0 wrong or invented. Facts the scorer does not judge (a party or incumbency where gold
   is null, a date gold leaves out) are not used for fitting nor for measuring; they still get a
   confidence from the same model.
2. A logistic regression (scikit-learn) over ``confidence.fact_features``, fitted on every judged fact,
   gives a score. The extraction rules were written while reading most of these articles, so their
   facts are right more often than facts of text nobody tuned the rules to; out-of-fold scores cannot
   see that. So the map from score to probability is fitted to match *unseen* text: the **held-out
   articles** (``held_out``: the devset files whose stem starts with a letter E..R and whose md5 hex
   digest starts with 0-3, never read while writing rules) are its calibration set. The map is a Platt
   map fitted on the out-of-fold scores (5 folds grouped by article) of every judged fact:
   ``logit(p) = slope * logit(score) + intercept + offset[source]``, with an offset for each source read
   while tuning (``corpus``, the rest of ``devset``) and none for the held-out articles; the shipped map
   is the held-out one (no offset), so the slope is fitted on all facts and the level on unseen text.
   Both are written as small JSON (``fitted/confidence.json``).
3. Honest figures: the same procedure nested in 5 outer folds grouped by article gives every fact a
   confidence from a model and a map that never saw its article; ECE and the precision/recall table by
   threshold are printed for those out-of-fold confidences (held-out articles, devset, corpus).

scikit-learn is needed here only (the ``train`` extra); the extractor reads the JSON without it.
Deterministic: no shuffling, fixed folds, lbfgs; the held-out selection is a rule on file names.
Re-run after any change to the race assembly.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Optional

from .confidence import (FEATURES_VERSION, MODEL_PATH, RECOMMENDED_RETENTION, apply_min_confidence, fact_features,
                         field_type, recommended_threshold)
from .evaluate import Score, gold_pairs, score_record

THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.75, 0.775, 0.8, 0.825, 0.85, 0.875, 0.9, 0.925, 0.95)
C = 0.1          # inverse L2 strength of the logistic model
MIN_ROWS = 5     # one-hot features seen on fewer facts are left out (they would fit single articles)
C_MAP = 1.0      # inverse L2 strength of the Platt map (slope and source offsets)
#: the source of the held-out articles: the map the extractor applies is theirs
UNSEEN = "held_out"
#: sources whose level (overall and by field) is fitted as covariates of the logistic model, not applied
SOURCE_COVARIATES = ("corpus",)
SOURCE_PREFIX = "source="


def held_out(name: str) -> bool:
    """Is the annotated article ``name`` (``devset/E02``: folder, then file stem) one of the devset articles
    never read while writing the extraction rules? Those whose stem starts with a capital E..R and whose
    md5 hex digest of the stem starts with 0, 1, 2 or 3 (a rule, so the selection is reproducible).

    >>> [held_out(n) for n in ("devset/E02", "corpus/E02", "devset/A02", "devset/S02")]
    [True, False, False, False]
    """
    folder, _, stem = name.rpartition("/")
    return (folder.rsplit("/", 1)[-1] == "devset" and "E" <= stem[:1] <= "R"
            and hashlib.md5(stem.encode("utf-8")).hexdigest()[0] in "0123")


def source(name: str) -> str:
    """``held_out`` for a held-out article, else the article's folder name (``devset``, ``corpus``)."""
    return UNSEEN if held_out(name) else name.rpartition("/")[0].rsplit("/", 1)[-1]


# ------------------------------------------------------------------------------------------ data
def read_items(folders: Iterable[Path]) -> list[tuple[str, str, dict]]:
    """(name, article text as the extractor reads it, gold record) of every annotated article."""
    from .ingest import clean_text, decode

    out = []
    for folder in folders:
        for txt, js in gold_pairs(folder):
            out.append((f"{folder.name}/{txt.stem}", clean_text(decode(txt.read_bytes(), str(txt))),
                        json.loads(js.read_text("utf-8"))))
    return out


def extract_items(items: list[tuple[str, str, dict]], model: Optional[str] = None, confidence: bool = False,
                  progress_console=None) -> list[dict]:
    """The record (dict) of every item, extracted with the gold file's publication date."""
    from rich.progress import Progress

    from .core import Extractor, scored_dict
    from .ingest import Article, parse_published

    ex = Extractor(model, confidence=confidence)
    arts = (Article(id=name.split("/")[-1], text=text, source=name, published=parse_published(gold.get("published")))
            for name, text, gold in items)
    out = []
    with Progress(console=progress_console, transient=True,
                  disable=progress_console is None or not progress_console.is_terminal) as prog, \
            _candidate_features():
        task = prog.add_task("extracting", total=len(items))
        for rec in ex.extract_articles(arts):
            out.append(scored_dict(rec))
            prog.advance(task)
    return out


@contextmanager
def _candidate_features():
    """Within the block the assembly decides as usual and also keeps each candidate's features
    (``_features``), from which ``oof_candidate_scores`` recomputes its probability out of fold."""
    from .assembly import scoring

    old = scoring._STATE["collect"]
    scoring._STATE["collect"] = True
    try:
        yield
    finally:
        scoring._STATE["collect"] = old


def oof_candidate_scores(items, records, folds: int = 5) -> int:
    """Replaces every candidate's ``_score`` (the assembly's fitted probability, in sample on these
    articles: its model was fitted on them) by an out-of-fold one: the assembly's model refitted the way
    ``assembly.train`` fits it (standardised features, logistic regression, C=0.5) on the candidates of
    the other folds' articles, labelled 1 when the paired gold race has the person. So the confidence
    model learns how far ``_score`` tells a real candidate on text its model never saw. The ``_features``
    are removed. Returns the number of candidates rescored."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from sklearn.preprocessing import StandardScaler

    from .evaluate import pair_races, same_person

    cands, X, y, groups = [], [], [], []
    for n, ((_, _, gold), rec) in enumerate(zip(items, records)):
        graces = gold.get("races") or []
        pairs = {p: g for g, p in pair_races(graces, rec.get("races") or []).items()}
        for i, race in enumerate(rec.get("races") or []):
            gold_race = graces[pairs[i]] if i in pairs else None
            for c in race.get("candidates") or []:
                feats = c.pop("_features", None)
                if feats is None:
                    continue
                cands.append(c)
                X.append(feats)
                y.append(int(gold_race is not None and any(same_person(c.get("name"), gc.get("name"))
                                                           for gc in gold_race.get("candidates") or [])))
                groups.append(n)
    if len(set(y)) < 2 or len(set(groups)) < folds:
        return 0
    names = sorted(X[0])
    A = np.array([[x.get(k, 0.0) for k in names] for x in X], dtype=float)
    Y, G = np.array(y), np.array(groups)
    for tr, te in GroupKFold(n_splits=folds).split(A, Y, G):
        sc = StandardScaler().fit(A[tr])
        p = LogisticRegression(C=0.5, max_iter=2000).fit(sc.transform(A[tr]), Y[tr]).predict_proba(sc.transform(A[te]))
        for k, v in zip(te.tolist(), p[:, 1].tolist()):
            cands[k]["_score"] = v
    return len(cands)


def labelled_rows(items, records) -> list[tuple[int, str, dict, int]]:
    """(article number, path, features, label) of every judged fact."""
    rows = []
    for n, ((name, text, gold), rec) in enumerate(zip(items, records)):
        labels: dict = {}
        score_record(gold, rec, labels)
        for path, feats in fact_features(rec, text).items():
            if labels.get(path) is not None:
                rows.append((n, path, feats, int(labels[path])))
    return rows


# ------------------------------------------------------------------------------------------ measures
def ece(conf: list[float], labels: list[int], bins: int = 10) -> float:
    """Expected calibration error: the fact-weighted mean |accuracy - mean confidence| over 10 equal-width bins.

    >>> round(ece([0.9, 0.9, 0.1, 0.1], [1, 0, 0, 0]), 3)  # (|0.5 - 0.9| * 2 + |0 - 0.1| * 2) / 4
    0.25
    """
    if not conf:
        return 0.0
    sums = [[0, 0.0, 0] for _ in range(bins)]
    for c, y in zip(conf, labels):
        b = sums[min(int(c * bins), bins - 1)]
        b[0] += 1
        b[1] += c
        b[2] += y
    return sum(abs(s / n - y / n) * n for n, s, y in sums if n) / len(conf)


def threshold_table(conf: list[float], labels: list[int], thresholds=THRESHOLDS) -> list[dict]:
    """Per threshold, over the judged facts: kept facts, precision of the kept ones, and recall = the
    share of the correct facts that are kept."""
    good = sum(labels) or 1
    out = []
    for t in thresholds:
        kept = [y for c, y in zip(conf, labels) if c >= t]
        out.append({"threshold": t, "kept": len(kept), "precision": sum(kept) / len(kept) if kept else 1.0,
                    "recall": sum(kept) / good})
    return out


def gold_recall(golds: list[dict], records: list[dict], t: float) -> tuple[float, float]:
    """(precision, recall) of the scorer against gold after ``--min-confidence t``."""
    total = Score()
    for gold, rec in zip(golds, records):
        total += score_record(gold, apply_min_confidence(rec, t) if t > 0 else rec)
    s = total.prf()
    return s["precision"], s["recall"]


def calibration_report(golds: list[dict], records: list[dict], recommended: Optional[float] = None) -> dict:
    """ECE, the threshold table (judged facts; recall against gold too) and the recommended threshold's
    line (default: the fitted file's), for records that carry ``confidence``."""
    recommended = recommended_threshold() if recommended is None else recommended
    conf, labels = [], []
    for gold, rec in zip(golds, records):
        lab: dict = {}
        score_record(gold, rec, lab)
        for path, c in (rec.get("confidence") or {}).items():
            if lab.get(path) is not None:
                conf.append(c)
                labels.append(lab[path])
    missing = sum(1 for rec in records for path in fact_features(rec) if path not in (rec.get("confidence") or {}))
    table = threshold_table(conf, labels, sorted(set(THRESHOLDS) | {recommended}))
    for row in table:
        row["gold_precision"], row["gold_recall"] = gold_recall(golds, records, row["threshold"])
    rec_row = next(r for r in table if r["threshold"] == recommended)
    return {"facts": len(conf), "correct": sum(labels), "facts_without_confidence": missing,
            "ece": ece(conf, labels), "table": table, "recommended": rec_row}


def summary_line(rep: dict) -> str:
    """``ECE=0.037 threshold=0.85 P=0.899 R=0.810`` (two or three decimals for the threshold)."""
    r = rep["recommended"]
    t = f"{r['threshold']:.3f}"
    t = t[:-1] if t.endswith("0") else t
    return f"ECE={rep['ece']:.3f} threshold={t} P={r['precision']:.3f} R={r['recall']:.3f}"


def print_report(rep: dict, title: str, console=None) -> None:
    from rich.console import Console
    from rich.table import Table

    con = console or Console()
    t = Table(title=f"{title}: {rep['facts']} judged facts, {rep['correct']} correct, ECE {rep['ece']:.3f}")
    for col in ("min confidence", "facts kept", "P (kept facts)", "R (correct facts kept)", "P vs gold", "R vs gold"):
        t.add_column(col, justify="right")
    for row in rep["table"]:
        mark = " *" if row is rep["recommended"] else ""
        t.add_row(f"{row['threshold']:.3f}{mark}", str(row["kept"]), f"{row['precision']:.3f}", f"{row['recall']:.3f}",
                  f"{row['gold_precision']:.3f}", f"{row['gold_recall']:.3f}")
    con.print(t)


# ------------------------------------------------------------------------------------------ fitting
def _vectorizer(rows):
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer

    seen = Counter(k for _, _, f, _ in rows for k in f)
    keep = {k for k, n in seen.items() if n >= MIN_ROWS}
    vec = DictVectorizer(sparse=True, sort=True)
    vec.fit([{k: v for k, v in f.items() if k in keep} for _, _, f, _ in rows])
    return vec


def _fit_lr(X, y):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, solver="lbfgs").fit(X, y)


def _logits(p):
    import numpy as np

    p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    return np.log(p / (1 - p))


def _fit_map(scores, y, sources) -> dict:
    """The Platt map ``{"slope", "intercept", "offsets"}`` fitted on out-of-fold ``scores``: one slope on
    the logit of the score for every fact, an offset per source read while tuning the rules, and the
    intercept of the held-out (unseen) articles. With no held-out fact among ``sources`` it is a plain
    Platt map over all facts (no offsets)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    sources = np.asarray(sources)
    tuned = sorted(set(sources.tolist()) - {UNSEEN}) if UNSEEN in set(sources.tolist()) else []
    X = np.column_stack([_logits(scores)] + [(sources == s).astype(float) for s in tuned])
    lr = LogisticRegression(C=C_MAP, max_iter=1000, solver="lbfgs").fit(X, y)
    return {"slope": round(float(lr.coef_[0][0]), 6), "intercept": round(float(lr.intercept_[0]), 6),
            "offsets": {s: round(float(w), 6) for s, w in zip(tuned, lr.coef_[0][1:])}}


def _apply_map(m: dict, scores):
    """Probabilities of unseen text: the map without any source offset (as ``confidence.calibrate``)."""
    import numpy as np

    return 1 / (1 + np.exp(-np.clip(m["slope"] * _logits(scores) + m["intercept"], -30, 30)))


def _oof_scores(X, X0, y, groups, folds: int = 5):
    """Out-of-fold logistic scores, folds grouped by article: fitted on ``X`` (with the source
    covariates), scored on ``X0`` (without: the level of unseen text)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    out = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=folds).split(X, y, groups):
        out[te] = _fit_lr(X[tr], y[tr]).predict_proba(X0[te])[:, 1]
    return out


def with_source(feats: dict, path: str, src: str) -> dict:
    """A fact's features for fitting, with the covariates of its source when that is one of
    ``SOURCE_COVARIATES`` (``source=corpus`` and ``source=corpus|field=office.state``). The corpus was
    read while tuning the rules, so its facts are right far more often, and by field in its own way
    (its states and stages are almost never wrong, unlike those of other text); fitted as covariates
    they stop the other weights from learning "looks like a corpus article". They are left out when
    scoring (the level of unseen text) and are not in the shipped weights.

    >>> sorted(with_source({"a": 1.0}, "races[0].office.state", "corpus"))
    ['a', 'source=corpus', 'source=corpus|field=office.state']
    >>> with_source({"a": 1.0}, "races[0].office.state", "devset")
    {'a': 1.0}
    """
    if src not in SOURCE_COVARIATES:
        return feats
    return {**feats, f"{SOURCE_PREFIX}{src}": 1.0, f"{SOURCE_PREFIX}{src}|field={field_type(path)}": 1.0}


def fit(rows, sources) -> tuple[dict, list[float]]:
    """The fitted model (JSON-ready) on ``rows`` (``sources[n]``: the source of article ``n``, see
    ``source``), and out-of-fold calibrated confidences of every row (nested: each outer fold's logistic
    model and its map never see that fold's articles)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    fitting = [(n, path, with_source(f, path, sources[n]), lab) for n, path, f, lab in rows]
    vec = _vectorizer(fitting)
    X = vec.transform([f for _, _, f, _ in fitting]).tocsr()
    X0 = vec.transform([f for _, _, f, _ in rows]).tocsr()
    y = np.array([lab for *_, lab in rows])
    groups = np.array([n for n, *_ in rows])
    src = np.array([sources[n] for n in groups.tolist()])
    oof = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
        m = _fit_map(_oof_scores(X[tr], X0[tr], y[tr], groups[tr]), y[tr], src[tr])
        oof[te] = _apply_map(m, _fit_lr(X[tr], y[tr]).predict_proba(X0[te])[:, 1])
    lr = _fit_lr(X, y)
    m = _fit_map(_oof_scores(X, X0, y, groups), y, src)
    names = vec.get_feature_names_out()
    weights = {str(k): round(float(w), 6) for k, w in zip(names, lr.coef_[0])
               if abs(w) > 1e-6 and not str(k).startswith(SOURCE_PREFIX)}
    covariates = {str(k): round(float(w), 6) for k, w in zip(names, lr.coef_[0])
                  if abs(w) > 1e-6 and str(k).startswith(SOURCE_PREFIX)}
    unseen = src == UNSEEN
    model = {
        "features_version": FEATURES_VERSION,
        "kind": "logistic regression + Platt map fitted to the held-out articles (fitted by `make train`)",
        "trained_on": {"facts": int(len(y)), "correct": int(y.sum()), "articles": int(len(set(groups.tolist())))},
        "calibrated_on": {"held_out_articles": sum(s == UNSEEN for s in sources),
                          "held_out_articles_with_judged_facts": int(len(set(groups[unseen].tolist()))),
                          "held_out_facts": int(unseen.sum()), "held_out_correct": int(y[unseen].sum()),
                          "rule": "devset files whose stem starts with E..R and whose md5(stem) hex digest "
                                  "starts with 0-3"},
        "intercept": round(float(lr.intercept_[0]), 6),
        "weights": dict(sorted(weights.items())),
        "platt": {"slope": m["slope"], "intercept": m["intercept"]},
        "platt_offsets_not_applied": m["offsets"],
        "source_covariates_not_applied": dict(sorted(covariates.items())),
    }
    return model, [round(float(v), 3) for v in oof]


def main(argv: Optional[list[str]] = None) -> int:
    from rich.console import Console

    from .batch import atomic_writer

    ap = argparse.ArgumentParser(prog="python -m extractor.calibrate", description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="*", type=Path, default=[Path("corpus"), Path("../shared/devset")],
                    help="annotated folders (default: corpus ../shared/devset)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help=f"where to write the model (default {MODEL_PATH})")
    ap.add_argument("--model", help="spaCy pipeline")
    ap.add_argument("--json", action="store_true", help="print the out-of-fold figures as JSON")
    args = ap.parse_args(argv)
    err, con = Console(stderr=True), Console()
    folders = [f for f in args.folders if f.is_dir()]
    if not folders:
        err.print("[red]error:[/] no annotated folder found")
        return 2
    items = read_items(folders)
    err.print(f"extracting {len(items)} annotated articles from {', '.join(map(str, folders))}", highlight=False)
    records = extract_items(items, args.model, confidence=False, progress_console=err)
    oof_candidate_scores(items, records)
    rows = labelled_rows(items, records)
    sources = [source(name) for name, _, _ in items]
    n_held = sources.count(UNSEEN)
    err.print(f"fitting on {len(rows)} judged facts; the map on the {n_held} held-out articles' level",
              highlight=False)
    model, oof = fit(rows, sources)
    # out-of-fold confidences back into the records, for honest figures; facts the scorer does not
    # judge have no out-of-fold confidence: the final model scores them
    from .confidence import confidences

    oof_conf: dict[int, dict] = {}
    for (n, path, _, _), c in zip(rows, oof):
        oof_conf.setdefault(n, {})[path] = c
    for n, rec in enumerate(records):
        rec["confidence"] = {**confidences(rec, items[n][1], model), **oof_conf.get(n, {})}
    # the recommended threshold: the highest that keeps RECOMMENDED_RETENTION of the correct facts out of
    # fold on the devset (or on everything when no devset was given)
    ref = [f for f in folders if f.name == "devset"] or folders
    ref_idx = [i for i, (name, _, _) in enumerate(items) if any(name.startswith(f.name + "/") for f in ref)]
    conf, labels = [], []
    for (n, _, _, lab), c in zip(rows, oof):
        if n in set(ref_idx):
            conf.append(c)
            labels.append(lab)
    grid = [t / 1000 for t in range(500, 1000, 25)]
    ok = [r["threshold"] for r in threshold_table(conf, labels, grid) if r["recall"] >= RECOMMENDED_RETENTION]
    model["recommended_threshold"] = max(ok) if ok else 0.5
    with atomic_writer(args.out) as fh:
        fh.write(json.dumps(model, indent=1, ensure_ascii=False) + "\n")
    err.print(f"wrote {args.out} (recommended threshold {model['recommended_threshold']:.3f})", highlight=False)
    result = {}
    groups = [("held-out devset articles (never read while writing rules)", UNSEEN,
               [i for i, name in enumerate(sources) if name == UNSEEN])] if n_held else []
    groups += [(str(folder), str(folder), [i for i, (name, _, _) in enumerate(items)
                                            if name.startswith(folder.name + "/")])
               for folder in folders]
    for title, key, idx in groups:
        rep = calibration_report([items[i][2] for i in idx], [records[i] for i in idx],
                                 model["recommended_threshold"])
        result[key] = rep
        if not args.json:
            print_report(rep, f"{title} out-of-fold ({len(idx)} articles)", con)
            print(f"{title} (out-of-fold): {summary_line(rep)}")
    if args.json:
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
