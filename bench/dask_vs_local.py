"""Local engine vs Dask engine (issue 7). Run: python bench/dask_vs_local.py [--copies 10] [--workers 2] [--repeat 1]

Copies the corpus (``corpus/*.txt``) ``--copies`` times into a temporary folder, then runs
``election-extract batch FOLDER --jsonl OUT --workers N`` once with ``--engine local`` and once with
``--engine dask`` (a LocalCluster of N single-threaded worker processes), each in a fresh process,
and prints articles/s for both from the wall time of the whole command (start-up and model loading
included, as a user sees it); with ``--repeat N`` the runs alternate and the best of each counts
(so that load from other programs hits both alike). Also checks that both wrote the same bytes.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_input(folder: Path, copies: int) -> int:
    texts = sorted((ROOT / "corpus").glob("*.txt"))
    for k in range(copies):
        for t in texts:
            (folder / f"{k:02d}-{t.name}").write_text(t.read_text("utf-8"), encoding="utf-8")
    return copies * len(texts)


def run(engine: str, folder: Path, out: Path, workers: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and every process it started)"""
    cmd = [sys.executable, "-m", "extractor", "batch", str(folder), "--glob", "*.txt", "--jsonl", str(out),
           "--workers", str(workers), "--engine", engine]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=10, help="times the corpus is repeated (default 10)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes for both engines (default 2)")
    ap.add_argument("--repeat", type=int, default=1, help="alternating runs of each engine; the best counts")
    args = ap.parse_args(argv)

    import dask
    import distributed
    import spacy

    with tempfile.TemporaryDirectory(prefix="dask-bench-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        n = build_input(folder, args.copies)
        words = sum(len(p.read_text("utf-8").split()) for p in folder.glob("*.txt"))
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"spaCy {spacy.__version__}, dask {dask.__version__}, distributed {distributed.__version__}")
        print(f"input: corpus x {args.copies} = {n} articles, {words:,} words; {args.workers} workers each")
        local_out, dask_out = Path(tmp) / "local.jsonl", Path(tmp) / "dask.jsonl"
        locals_, dasks = [], []
        for _ in range(max(args.repeat, 1)):
            locals_.append(run("local", folder, local_out, args.workers))
            dasks.append(run("dask", folder, dask_out, args.workers))
        (local, local_cpu), (dsk, dask_cpu) = min(locals_), min(dasks)
        print(f"local engine: {local:.1f} s, {n / local:.1f} articles/s, {local_cpu:.1f} CPU-s "
              f"(runs, wall/CPU s: {', '.join(f'{t:.1f}/{c:.1f}' for t, c in locals_)})")
        print(f"dask engine (LocalCluster): {dsk:.1f} s, {n / dsk:.1f} articles/s, {dask_cpu:.1f} CPU-s; "
              f"speed ratio to local = {local / dsk:.2f} (runs, wall/CPU s: {', '.join(f'{t:.1f}/{c:.1f}' for t, c in dasks)})")
        same = local_out.read_bytes() == dask_out.read_bytes()
        print(f"identical JSONL: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
