"""Archive benchmark (issue 12). Run: python bench/archive.py [PATH] [--limit N]

A newsroom archive is mostly not about elections. Reads the BBC News archive (``../shared/archive/
bbc-news-2004-2005.jsonl``: id, category, text per line) and reports, in one run:

1. raw ``nlp.pipe`` of the same pipeline (``get_nlp()``: the model's components + ``election_races``)
   over every article: the parser and NER run on all of them;
2. the batch path with 1 worker (``batch.extract_stream``: the relevance gate sends only articles with
   an election anchor through the parser and NER), its ratio to (1), and how many articles the gate
   passed;
3. raw ``nlp.pipe`` of the full default English pipeline (``spacy.load``, as ``bench/throughput.py``);
4. whether the records of (2) are identical to those built from the docs of (1), article by article
   (they must be: the gate loses nothing);
5. per category: articles, and articles yielding at least one race (with the ids of the politics ones).

Runs (1) and (2) alternate ``--repeat`` times; the best of each counts.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared" / "archive" / "bbc-news-2004-2005.jsonl"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--repeat", type=int, default=1, help="runs of (1) and (2), interleaved; the best of each counts")
    ap.add_argument("--skip-model", action="store_true", help="skip (3), the full default English pipeline")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if not args.path.exists():
        print(f"{args.path}: not found", file=sys.stderr)
        return 2

    import spacy

    from extractor.batch import extract_stream
    from extractor.core import Extractor, record_from_doc
    from extractor.ingest import read_path
    from extractor.pipeline import get_nlp, resolve_model_name

    arts = [a for a in read_path(args.path) if not isinstance(a, Exception)][: args.limit]
    category = {}
    with args.path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            category[str(row["id"])] = row.get("category", "?")
    words = sum(len(a.text.split()) for a in arts)
    name = resolve_model_name()
    nlp = get_nlp()
    races = nlp.get_pipe("election_races")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"spaCy {spacy.__version__}, model {name}")
    print(f"archive: {args.path.name}, {len(arts)} articles, {words:,} words")

    def docs():
        for a in arts:
            doc = nlp.make_doc(a.text)
            doc._.published = a.published
            yield doc

    list(extract_stream(arts[:20], workers=1))  # warm up (loads the batch worker's extractor)
    list(nlp.pipe(a.text for a in arts[:20]))
    raws, ones = [], []
    raw_records, batch_records = [], []
    scorer = Extractor()  # the record stages after the pipeline (fact confidences), as batch runs them
    for _ in range(max(args.repeat, 1)):
        raw_records = []
        t0 = time.perf_counter()
        building = 0.0  # records are built for the comparison in (4), outside the timing
        for a, doc in zip(arts, nlp.pipe(docs(), batch_size=32)):
            t1 = time.perf_counter()
            raw_records.append(scorer._scored(record_from_doc(doc, a.id, a.source, a.url), a.text).to_json_dict())
            building += time.perf_counter() - t1
        raws.append(time.perf_counter() - t0 - building)
        t0 = time.perf_counter()
        batch_records = [rec for _a, rec in extract_stream(arts, workers=1)]
        ones.append(time.perf_counter() - t0)
    raw, one = min(raws), min(ones)
    anchored = sum(1 for d in (nlp.make_doc(a.text) for a in arts) if races.gate(d))
    out = {
        "articles": len(arts), "words": words, "anchored": anchored,
        "raw_same_pipeline_s": raw, "batch_1_worker_s": one, "ratio": raw / one,
    }
    print(f"1. raw nlp.pipe, same pipeline ({'+'.join(nlp.pipe_names)}): {raw:.1f} s, {len(arts) / raw:.1f} articles/s")
    print(f"2. batch, 1 worker (gate passed {anchored} of {len(arts)} articles to the parser and NER): "
          f"{one:.1f} s, {len(arts) / one:.1f} articles/s; ratio to (1) = {raw / one:.2f}x")
    if not args.skip_model:
        full = spacy.load(name)
        list(full.pipe(a.text for a in arts[:20]))
        t0 = time.perf_counter()
        for _doc in full.pipe((a.text for a in arts), batch_size=64):
            pass
        model = time.perf_counter() - t0
        out.update(raw_default_model_s=model, ratio_default_model=model / one)
        print(f"3. raw nlp.pipe, full default model ({'+'.join(full.pipe_names)}): {model:.1f} s; "
              f"batch ratio to it = {model / one:.2f}x")
    same = [isinstance(b, dict) and b == r for b, r in zip(batch_records, raw_records)]
    differ = [a.id for a, ok in zip(arts, same) if not ok]
    out["identical_records"] = len(arts) - len(differ)
    print(f"4. records identical, batch vs raw pipeline: {len(arts) - len(differ)} of {len(arts)}"
          + (f" (differ: {', '.join(differ[:10])})" if differ else ""))
    per_cat, with_race = Counter(), Counter()
    politics = []
    for a, rec in zip(arts, batch_records):
        cat = category.get(a.id, "?")
        per_cat[cat] += 1
        if isinstance(rec, dict) and rec["races"]:
            with_race[cat] += 1
            if cat == "politics":
                politics.append(a.id)
    out["per_category"] = {c: {"articles": per_cat[c], "with_race": with_race[c]} for c in sorted(per_cat)}
    out["politics_with_race"] = politics
    print("5. per category: articles yielding a race")
    for c in sorted(per_cat):
        print(f"   {c:<14} {per_cat[c]:>5} articles  {with_race[c]:>4} with a race")
    if politics:
        print(f"   politics articles with a race: {', '.join(politics)}")
    if args.json:
        print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
