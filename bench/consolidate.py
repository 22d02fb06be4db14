"""Consolidation benchmark (issue 14). Run: python bench/consolidate.py [--races 1000000] [--keep FILE]

Builds a synthetic archive of article records from the corpus's gold records (corpus/*.json): each
synthetic contest is a corpus race moved to another place (state and district, or a numbered
jurisdiction) and another date, reported by 1 to 5 articles (ids, publication dates varied); an
article holds 1 to 3 races of different contests (a roundup). Each report is partial the way news is:
the election date stated or not (then the publication date dates it), a district or the party left out,
figures left out or, now and then, off by one point (a conflict). Then it times
``election-extract consolidate`` on the file in a fresh process (wall time and the process's peak
RSS) and scores the grouping against the contests the archive was built from (pairwise P/R/F1).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
STATES = ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
          "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
          "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"]


def base_races() -> list[dict]:
    out = []
    for f in sorted((ROOT / "corpus").glob("*.json")):
        for race in json.loads(f.read_text("utf-8")).get("races") or []:
            if race.get("candidates"):
                out.append(race)
    return out


def build(path: Path, n_races: int, seed: int = 14) -> dict[str, int]:
    """Writes the synthetic archive; returns the true contest number of every 'article#race'."""
    rng = random.Random(seed)
    bases = base_races()
    truth: dict[str, int] = {}
    pending: list[tuple[int, dict, dt.date]] = []  # (contest, race, publication date) not yet in an article
    written = contest = article = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < n_races:
            base = bases[contest % len(bases)]
            race = json.loads(json.dumps(base))
            o, e = race["office"], race["election"]
            if o.get("country", "US") == "US" and o.get("state"):
                o["state"] = rng.choice(STATES)
                if o.get("district") and o["district"] != "at-large":
                    o["district"] = str(rng.randint(1, 53))
            if o.get("jurisdiction") or not (o.get("country", "US") == "US" and o.get("state")):
                o["jurisdiction"] = f"{o.get('jurisdiction') or 'Place'} {contest // len(bases)}"
            # copies of one corpus race are three years apart: the names repeat, the contests do not
            date = dt.date(1900 + 3 * (contest // len(bases)), 11, 1) + dt.timedelta(days=rng.randint(0, 30))
            for _ in range(min(rng.randint(1, 5), n_races - written - len(pending))):
                r = json.loads(json.dumps(race))
                pub = date + dt.timedelta(days=rng.randint(-60, 120))
                r["election"]["date"] = date.isoformat() if rng.random() < 0.4 else None
                if rng.random() < 0.1:
                    r["office"]["district"] = None
                for c in r["candidates"]:
                    if rng.random() < 0.2:
                        c["party"] = None
                    if rng.random() < 0.3:
                        c["vote_pct"] = c["votes"] = None
                    elif c.get("vote_pct") is not None and rng.random() < 0.05:
                        c["vote_pct"] = round(c["vote_pct"] + 1, 2)
                pending.append((contest, r, pub))
            contest += 1
            # articles of 1 to 3 races of different contests, once enough reports wait
            while len(pending) > 30 or (written + len(pending) >= n_races and pending):
                picked = [pending.pop(rng.randrange(len(pending)))]
                for _ in range(rng.randint(1, 3) - 1):
                    others = [i for i, p in enumerate(pending) if p[0] not in {q[0] for q in picked}
                              and abs((p[2] - picked[0][2]).days) <= 30]
                    if others:
                        picked.append(pending.pop(rng.choice(others)))
                k = len(picked)
                aid = f"a{article:07d}"
                article += 1
                pub = picked[0][2]
                for i, (cn, _, _) in enumerate(picked):
                    truth[f"{aid}#{i}"] = cn
                rec = {"id": aid, "source": None, "url": f"https://example.org/{aid}", "published": pub.isoformat(),
                       "kind": "results", "races": [r for _, r, _ in picked]}
                fh.write(json.dumps(rec, separators=(",", ":")) + "\n")
                written += k
    return truth


class TreeMemory(threading.Thread):
    """Samples the memory of a process and its descendants (Linux): the sum of their proportional set
    sizes (PSS: a page shared by forked workers counts once in all), every 0.2 s; the peak is kept."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def _tree(self) -> list[int]:
        pids, todo = [], [self.pid]
        while todo:
            p = todo.pop()
            pids.append(p)
            try:
                for t in os.listdir(f"/proc/{p}/task"):
                    with open(f"/proc/{p}/task/{t}/children") as fh:
                        todo += [int(c) for c in fh.read().split()]
            except OSError:
                pass
        return pids

    def _pss_kb(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                return next((int(line.split()[1]) for line in fh if line.startswith("Pss:")), 0)
        except (OSError, ValueError):
            return 0

    def run(self) -> None:
        while not self.done.wait(0.2):
            self.peak = max(self.peak, sum(self._pss_kb(p) for p in self._tree()))

    def stop(self) -> None:
        self.done.set()
        self.join()

    def peak_mb(self) -> Optional[int]:
        return round(self.peak / 1024) if self.peak else None


def pairs(counter: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in counter.values())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--races", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, help="keep the synthetic records in this file")
    ap.add_argument("--reuse", action="store_true", help="with --keep: consolidate the kept file if it exists "
                                                          "(made by an earlier run with the same --races)")
    ap.add_argument("--workers", type=int, help="consolidate --workers (default: its own)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="consolidate-bench-"))
    src = args.keep or tmp / "records.jsonl"
    t0 = time.perf_counter()
    truth = build(src if not (args.reuse and src.exists()) else Path(os.devnull), args.races)
    print(f"built {len(truth):,} races in {sum(1 for _ in src.open()):,} articles "
          f"({src.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.0f} s", flush=True)
    out = tmp / "contests.jsonl"
    cmd = [sys.executable, "-m", "extractor", "consolidate", str(src), "--out", str(out), "--json"]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeMemory(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    sampler.stop()
    if proc.returncode != 0:
        sys.exit(f"consolidate failed ({proc.returncode}): {stderr[-2000:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    summary = json.loads(stdout)
    got: dict[str, int] = {}
    with out.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            for a in json.loads(line)["sources"]["articles"]:
                for i in a["races"]:
                    got[f"{a['id']}#{i}"] = n
    true_pairs = pairs(Counter(truth.values()))
    pred_pairs = pairs(Counter(got.values()))
    tp = pairs(Counter((got[k], truth[k]) for k in truth))
    p, r = tp / pred_pairs if pred_pairs else 1.0, tp / true_pairs if true_pairs else 1.0
    print(json.dumps({
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "races": len(truth), "true_contests": len(set(truth.values())), "contests": summary["contests"],
        "wall_seconds": round(wall, 1), "cpu_seconds": round(cpu, 1), "races_per_second": round(len(truth) / wall),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "peak_rss_mb": round(rss), "peak_memory_all_processes_mb": sampler.peak_mb(), "grouping": {"precision": round(p, 4), "recall": round(r, 4),
                                                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0},
        "contests_with_conflicts": summary["contests_with_conflicts"], "stage_seconds": summary.get("stage_seconds"),
        "stage_cpu_seconds": summary.get("stage_cpu_seconds")},
        indent=2))
    for f in (out, None if args.keep else src):
        if f:
            f.unlink()
    try:
        tmp.rmdir()
    except OSError:
        pass


if __name__ == "__main__":
    main()
