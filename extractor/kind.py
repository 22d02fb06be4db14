"""Stage 4c: the article's kind (RECORD.md): ``results``, ``roundup``, ``preview``, ``poll`` or ``not_election``.

A small multinomial logistic regression over general features of the parsed article (how many races,
winners, shares, districts, offices, poll words, people, future and past verbs...), fitted by
``make train`` on ``corpus/`` and ``../shared/devset``; only its
coefficients ship, in ``fitted/kind.json``. A story with races is never ``not_election``; a story with
none may still be about an election (a preview whose candidates were not read), unless it names nobody.
"""
from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path
from typing import Optional

from spacy.tokens import Doc

from . import doccache
from .lexicons import load
from .mentions import SPANS_KEY
from .rules import value_of

KINDS = ("not_election", "poll", "preview", "results", "roundup")
MODEL_FILE = "kind.json"

FEATURES = (
    "races", "offices", "candidates", "won", "lost", "shares", "votes", "districts", "office_phrases",
    "pct", "vote_figures", "win", "lose", "poll", "stage", "undecided", "cand_cue", "people", "tokens",
    "plural_contests", "winners", "people_with_share", "offices_with_result", "party_primaries", "short_lines",
    "headline_plural", "modal", "past", "poll_share",
)
#: features read as counts (log1p); the others are shares
COUNTS = FEATURES[:-3]


def features(doc: Doc, races: list[dict]) -> list[float]:
    """The article's feature vector (``FEATURES``), from the doc and the races that stood."""
    spans = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []

    def count(label: str) -> int:
        return sum(1 for s in spans if s.label_ == label)

    # the start of each token's sentence, read once (``span.sent`` walks the doc each time)
    sent_of = [0] * len(doc)
    for sent in doc.sents:
        sent_of[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
    cands = [c for r in races for c in r["candidates"]]
    poll_sents = {sent_of[s.start] for s in spans if s.label_ == "POLL"}
    pct = [s for s in spans if s.label_ == "PCT"]
    # tags and lower forms read from the doc's arrays (a Token object per look is what a scan costs)
    strings = doc.vocab.strings
    tags = [strings[h] for h in doc.to_array("TAG").tolist()] if len(doc) else []
    lowers = [strings[h] for h in doc.to_array("LOWER").tolist()] if len(doc) else []
    verbs = [tag for tag in tags if tag.startswith("VB") or tag == "MD"]
    plural = set(load("contests").get("plural_contests", []))
    result_sents = {sent_of[s.start] for s in spans if s.label_ in ("WIN", "PCT", "VOTES", "LOSE")}
    win_sents = {sent_of[s.start] for s in spans if s.label_ == "WIN"}
    pct_sents = {sent_of[s.start] for s in pct}
    people = [e for e in doccache.ents(doc) if e.label_ == "PERSON"]
    lines = [ln.strip() for ln in doccache.text(doc).splitlines() if ln.strip()]
    raw = {
        "races": len(races),
        "offices": len({(r["office"]["kind"], r["office"]["district"], r["office"]["jurisdiction"]) for r in races}),
        "candidates": len(cands),
        "won": sum(1 for c in cands if c.get("outcome") == "won"),
        "lost": sum(1 for c in cands if c.get("outcome") == "lost"),
        "shares": sum(1 for c in cands if c.get("vote_pct") is not None),
        "votes": sum(1 for c in cands if c.get("votes") is not None),
        "districts": len({s.text.lower() for s in spans if s.label_ == "DISTRICT"}),
        "office_phrases": len({value_of(s.id_) for s in spans if s.label_ == "OFFICE"}),
        "pct": len(pct),
        "vote_figures": count("VOTES"),
        "win": count("WIN"),
        "lose": count("LOSE"),
        "poll": count("POLL"),
        "stage": count("STAGE"),
        "undecided": count("UNDECIDED"),
        "cand_cue": count("CAND_CUE"),
        "people": len({e.text for e in doccache.ents(doc) if e.label_ == "PERSON"}),
        "tokens": len(doc),
        "plural_contests": sum(1 for low in lowers if low in plural),
        # several contests: several people winning, several people with a share, several offices with results
        "winners": len({e[-1].lower_ for e in people if sent_of[e.start] in win_sents}),
        "people_with_share": len({e[-1].lower_ for e in people if sent_of[e.start] in pct_sents}),
        "offices_with_result": len({value_of(s.id_) for s in spans if s.label_ == "OFFICE" and sent_of[s.start] in result_sents}),
        "party_primaries": len({r["election"]["party_primary"] for r in races if r["election"]["party_primary"]}),
        # listings: short lines holding a figure ("Jane Roe (D) 12,345")
        "short_lines": sum(1 for ln in lines if len(ln) <= 100 and any(ch.isdigit() for ch in ln)),
        "headline_plural": sum(1 for w in (lines[0].lower().split() if lines else []) if w.strip(",.:;") in plural),
    }
    out = [math.log1p(raw[f]) for f in COUNTS]
    # shares of verbs: looking ahead (modals) or back (past tense)
    out.append(sum(1 for tag in verbs if tag == "MD") / max(len(verbs), 1))
    out.append(sum(1 for tag in verbs if tag == "VBD") / max(len(verbs), 1))
    out.append(sum(1 for s in pct if sent_of[s.start] in poll_sents) / max(len(pct), 1))
    return out


def model_path() -> Path:
    return Path(str(resources.files("extractor").joinpath("fitted", MODEL_FILE)))


def load_model() -> Optional[dict]:
    """The fitted coefficients, or None when ``fitted/kind.json`` is absent (kinds then come from assembly)."""
    path = model_path()
    if not path.exists():
        return None
    model = json.loads(path.read_text("utf-8"))
    return model if model.get("features") == list(FEATURES) else None


def scores(model: dict, x: list[float]) -> dict[str, float]:
    z = [(xi - m) / s for xi, m, s in zip(x, model["mean"], model["scale"])]
    return {k: b + sum(w * zi for w, zi in zip(ws, z))
            for k, b, ws in zip(model["classes"], model["intercept"], model["coef"])}


def classify(model: Optional[dict], doc: Doc, races: list[dict], fallback: str) -> str:
    """The article's kind; ``fallback`` (assembly's) when no model is fitted."""
    if model is None:
        return fallback
    if not races and not any(e.label_ == "PERSON" for e in doccache.ents(doc)):
        return "not_election"  # nobody in it: no contest of people is told
    s = scores(model, features(doc, races))
    allowed = [k for k in model["classes"] if not (races and k == "not_election")]
    if races and not any(c.get("outcome") or c.get("vote_pct") is not None or c.get("votes") is not None
                         for r in races for c in r.get("candidates", [])):
        # RECORD.md: "results" and "roundup" tell an outcome or figures; races with none are told ahead
        allowed = [k for k in allowed if k not in ("results", "roundup")] or allowed
    return max(allowed, key=lambda k: s[k])


# ------------------------------------------------------------------------------------------- training
def fit(X: list[list[float]], y: list[str], l2: float = 0.01, steps: int = 3000, lr: float = 0.5) -> dict:
    """Multinomial logistic regression by full-batch gradient descent on standardised features."""
    import numpy as np

    A = np.asarray(X, dtype=float)
    mean, scale = A.mean(0), A.std(0)
    scale[scale == 0] = 1.0
    Z = (A - mean) / scale
    classes = [k for k in KINDS if k in set(y)]
    Y = np.zeros((len(y), len(classes)))
    for i, k in enumerate(y):
        Y[i, classes.index(k)] = 1.0
    W = np.zeros((Z.shape[1], len(classes)))
    b = np.zeros(len(classes))
    n = len(y)
    for _ in range(steps):
        logits = Z @ W + b
        logits -= logits.max(1, keepdims=True)
        P = np.exp(logits)
        P /= P.sum(1, keepdims=True)
        G = P - Y
        W -= lr * (Z.T @ G / n + l2 * W)
        b -= lr * G.mean(0)
    return {"features": list(FEATURES), "classes": classes, "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
            "intercept": b.round(6).tolist(), "coef": W.T.round(6).tolist(), "l2": l2, "steps": steps}


def training_rows(folders: list[Path]) -> tuple[list[list[float]], list[str], list[str]]:
    """(features, gold kind, file) of every gold article in the folders, read with the kind model off."""
    from .core import Extractor
    from .evaluate import gold_pairs
    from .ingest import Article, clean_text, decode

    ex = Extractor(gate=False)
    component = ex.nlp.get_pipe("election_races")
    saved, component.kind_model = component.kind_model, None  # features as read with no kind model
    X, y, names = [], [], []
    try:
        for folder in folders:
            pairs = gold_pairs(folder)
            arts = [Article(id=t.stem, text=clean_text(decode(t.read_bytes(), str(t)))) for t, _ in pairs]
            docs = ex.nlp.pipe([ex.nlp.make_doc(a.text) for a in arts], batch_size=16)
            for (t, js), doc in zip(pairs, docs):
                X.append(features(doc, doc._.races or []))
                y.append(json.loads(js.read_text("utf-8"))["kind"])
                names.append(f"{folder.name}/{t.stem}")
    finally:
        component.kind_model = saved
    return X, y, names


def main(argv=None) -> int:
    import argparse

    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(prog="python -m extractor.kind", description="fit the article-kind model")
    ap.add_argument("command", choices=["train"])
    ap.add_argument("folders", nargs="*", type=Path, default=[root / "corpus", root.parent / "shared" / "devset"])
    ap.add_argument("--out", type=Path, default=model_path())
    args = ap.parse_args(argv)
    X, y, names = training_rows([f for f in args.folders if f.is_dir()])
    model = fit(X, y)
    model["trained_on"] = {str(f.name): sum(1 for n in names if n.startswith(f.name + "/")) for f in args.folders}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    right = sum(1 for x, k in zip(X, y) if max(model["classes"], key=lambda c: scores(model, x)[c]) == k)
    print(f"fitted on {len(y)} articles ({model['trained_on']}); training accuracy {right / len(y):.3f}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
