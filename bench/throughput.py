"""Throughput benchmark (issue 4). Run: python bench/throughput.py [--articles 2000] [--skip-workers]

Builds a benchmark set of corpus and devset texts repeated and shuffled, then reports, in one run:
1. raw ``nlp.pipe`` throughput of the full default English pipeline (the statistical model is the
   expensive part: this is the ceiling), in words/s and articles/s;
2. batch extraction with 1 worker on the same loaded model, and its ratio to (1);
3. batch extraction with 2 worker processes, and its speed-up over 1 worker;
4. peak RSS per worker process;
5. wall time of ``election-extract extract`` on one article from a cold start.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def texts_for_bench(n: int, seed: int = 13) -> list[str]:
    sources = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT.parent / "shared" / "devset").glob("*.txt"))
    base = [p.read_text("utf-8") for p in sources]
    rng = random.Random(seed)
    out = [base[i % len(base)] for i in range(n)]
    rng.shuffle(out)
    return out


def _extract_and_measure(texts: list[str]) -> float:
    """Runs in a worker process set up like a batch worker; returns its peak RSS in MB."""
    from extractor import batch

    chunk = [(f"a{i}", t, None, None, None) for i, t in enumerate(texts)]
    for i in range(0, len(chunk), batch.CHUNK):
        batch._work(chunk[i:i + batch.CHUNK])
    return _peak_rss_mb()


def _peak_rss_mb() -> float:
    """This process's own high-water mark. ``ru_maxrss`` survives exec on Linux, so a spawned worker
    would report the parent's peak at fork time; ``VmHWM`` belongs to the new process image."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_peak_rss(texts: list[str]) -> float:
    import multiprocessing as mp

    from extractor.batch import _init_worker

    with mp.get_context("spawn").Pool(1, initializer=_init_worker, initargs=(None,)) as pool:
        return pool.apply(_extract_and_measure, (texts,))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--skip-workers", action="store_true", help="skip the 2-process measurement")
    ap.add_argument("--repeat", type=int, default=2, help="runs of (1) and (2), interleaved; the best of each counts")
    args = ap.parse_args(argv)

    import spacy

    from extractor.batch import extract_stream
    from extractor.ingest import Article, clean_text
    from extractor.pipeline import get_nlp, resolve_model_name

    texts = texts_for_bench(args.articles)
    words = sum(len(t.split()) for t in texts)
    name = resolve_model_name()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"spaCy {spacy.__version__}, model {name}")
    print(f"benchmark set: {len(texts)} articles, {words:,} words")

    full = spacy.load(name)
    list(full.pipe(texts[:50]))  # warm up
    get_nlp()  # load once, as a worker does
    arts = [Article(id=f"a{i}", text=clean_text(t)) for i, t in enumerate(texts)]
    list(extract_stream(arts[:50], workers=1))
    raws, ones = [], []
    for _ in range(max(args.repeat, 1)):  # interleaved, so that machine noise hits both alike
        t0 = time.perf_counter()
        for _doc in full.pipe(texts, batch_size=64):
            pass
        raws.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        n1 = sum(1 for _ in extract_stream(arts, workers=1))
        ones.append(time.perf_counter() - t0)
    raw, one = min(raws), min(ones)
    print(f"1. raw nlp.pipe (full {'+'.join(full.pipe_names)}): {words / raw:,.0f} words/s, {len(texts) / raw:.1f} articles/s")
    print(f"2. batch, 1 worker: {words / one:,.0f} words/s, {n1 / one:.1f} articles/s; ratio to raw = {raw / one:.2f}")
    del full
    print(f"   (this benchmark process, holding both pipelines and all texts: peak RSS {rss_mb():.0f} MB)")

    if not args.skip_workers:
        t0 = time.perf_counter()
        n2 = sum(1 for _ in extract_stream(arts, workers=2))
        two = time.perf_counter() - t0
        print(f"3. batch, 2 workers: {n2 / two:.1f} articles/s (incl. start-up); speed-up over 1 worker = {one / two:.2f}x")
        print(f"4. peak RSS of a worker process (all {len(texts)} articles through one worker): {worker_peak_rss(texts):.0f} MB")

    seed = ROOT / "corpus" / "ca34-special-2017.txt"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractor", "extract", str(seed), "--json"], check=True,
                   capture_output=True, cwd=ROOT)
    cold = time.perf_counter() - t0
    print(f"5. cold start, election-extract extract on one article: {cold:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
