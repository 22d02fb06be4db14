"""Measuring consolidation against clusters of articles about one contest (``../shared/clusters``).

A cluster folder holds ``NNN.txt`` articles, their gold records ``NNN.json`` and ``clusters.json``:
``[{"contest": label, "articles": [ids], "race": RACE}]``, RACE being the contest as an editor records
it after reading all of the cluster's articles.

* **Labels.** In each record of a cluster's article, the race that is the cluster's contest is the one
  the fact scorer pairs with it (through the article's gold record when there is one: the gold race
  paired with the contest, then the record's race paired with that gold race). Other races are unlabelled.
* **Grouping**: pairwise precision / recall / F1 of "these two races are the same contest", over the
  pairs with at least one labelled race (two unlabelled races are no evidence either way).
* **Facts**: each cluster's contest against the consolidated contest holding most of its labelled
  races, with the record scorer of ``evaluate.py``; the baseline is the best single article of the
  cluster (its labelled race alone) against the same contest.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Optional

from .evaluate import Score, pair_races, score_record


def load_clusters(folder: Path) -> list[dict]:
    return json.loads((folder / "clusters.json").read_text("utf-8"))


def gold_records(folder: Path) -> dict[str, dict]:
    """The per-article gold records of a cluster folder, by id (the file stem)."""
    out = {}
    for f in sorted(folder.glob("*.json")):
        if f.name == "clusters.json":
            continue
        rec = json.loads(f.read_text("utf-8"))
        out[f.stem] = {**rec, "id": f.stem}
    return out


def label_races(records: dict[str, dict], clusters: list[dict], gold: Optional[dict[str, dict]] = None) -> dict:
    """``(article id, race index) -> cluster index`` for the race of each cluster article that is the contest."""
    labels = {}
    for ci, cl in enumerate(clusters):
        for aid in cl["articles"]:
            rec = records.get(aid)
            if not rec:
                continue
            target = cl["race"]
            g = (gold or {}).get(aid)
            if g is not None and g is not rec:
                gi = pair_races([target], g.get("races") or []).get(0)
                if gi is None:
                    continue
                target = g["races"][gi]
            j = pair_races([target], rec.get("races") or []).get(0)
            if j is not None:
                labels[(aid, j)] = ci
    return labels


def pairwise(assignment: dict, labels: dict) -> dict:
    """Pairwise P/R/F1 of same-contest decisions (``assignment``: (article, race) -> contest id)."""
    by_contest: dict = {}
    for key, cid in assignment.items():
        by_contest.setdefault(cid, []).append(key)
    tp = fp = 0
    for members in by_contest.values():
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                a, b = labels.get(members[i]), labels.get(members[j])
                if a is None and b is None:
                    continue
                if a is not None and a == b:
                    tp += 1
                else:
                    fp += 1
    sizes: dict = {}
    for ci in labels.values():
        sizes[ci] = sizes.get(ci, 0) + 1
    gold_pairs = sum(n * (n - 1) // 2 for n in sizes.values())
    fn = gold_pairs - tp
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def evaluate_clusters(folder: Path, records: Iterable[dict], mix: Iterable[dict] = ()) -> dict:
    """Consolidates the cluster articles' ``records`` together with the ``mix`` records and scores the
    grouping and the consolidated contests (see the module docstring)."""
    from .consolidate import consolidate

    clusters = load_clusters(folder)
    gold = gold_records(folder)
    records = [dict(r) for r in records]
    by_id = {str(r.get("id")): r for r in records}
    everything = records + [dict(m) for m in mix]
    contests = list(consolidate(lambda: iter(everything)))
    assignment = {}
    for c in contests:
        for a in c["sources"]["articles"]:
            for i in a["races"]:
                assignment[(a["id"], i)] = c["id"]
    labels = label_races(by_id, clusters, gold)
    grouping = pairwise(assignment, labels)
    per_cluster, total, baseline = [], Score(), Score()
    by_cid = {c["id"]: c for c in contests}
    for ci, cl in enumerate(clusters):
        gold_rec = {"races": [cl["race"]]}
        mine = [assignment[k] for k, v in labels.items() if v == ci]
        cid = max(sorted(set(mine)), key=mine.count) if mine else None
        race = {k: by_cid[cid][k] for k in ("office", "election", "candidates", "predecessor")} if cid else None
        sc = score_record(gold_rec, {"races": [race] if race else []})
        total += sc
        singles = []
        for aid in cl["articles"]:
            j = next((j for (a, j), v in labels.items() if a == aid and v == ci), None)
            pred = [by_id[aid]["races"][j]] if j is not None else []
            singles.append((aid, score_record(gold_rec, {"races": pred})))
        best_aid, best = max(singles, key=lambda t: (t[1].prf()["f1"], t[0]))
        baseline += best
        per_cluster.append({"contest": cl["contest"], "articles": cl["articles"], "consolidated_id": cid,
                            "fed_by": sorted({a["id"] for a in by_cid[cid]["sources"]["articles"]}) if cid else [],
                            "consolidated": sc.prf(), "best_article": best_aid, "best_single": best.prf(),
                            "singles": {a: s.prf()["f1"] for a, s in singles}})
    return {"clusters": len(clusters), "records": len(records), "mixed_in": len(everything) - len(records),
            "contests": len(contests), "labelled_races": len(labels), "grouping": grouping,
            "facts": {"consolidated": total.prf(), "best_single": baseline.prf(),
                      "mean_consolidated_f1": sum(c["consolidated"]["f1"] for c in per_cluster) / max(len(per_cluster), 1),
                      "mean_best_single_f1": sum(c["best_single"]["f1"] for c in per_cluster) / max(len(per_cluster), 1)},
            "per_cluster": per_cluster}
