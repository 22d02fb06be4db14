"""Crash-and-resume benchmark (issue 15). Run:
python bench/crash_resume.py [INPUT] [--workers 2] [--at 0.5] [--compare]

Runs ``election-extract batch INPUT --jsonl`` in a subprocess, kills it with SIGKILL (``kill -9``,
nothing the process can catch or clean up after) once the record log ``OUT.part`` holds the
fraction ``--at`` of the articles, then runs the same command with ``--resume`` and reports:

* records kept: whole records in the log at the kill;
* unfinished: articles with no record at the kill (inputs - kept);
* re-extracted: articles the resumed run extracted, and how many beyond the unfinished ones
  (work the crash made the run do twice; the goal is at most one chunk, i.e. 16);
* torn bytes cut and stale temporary files removed by ``--resume``; any ``.part`` file left after;
* with ``--compare``: whether the output is byte-identical to an uninterrupted run's (one more pass).

Default INPUT: ../shared/archive/bbc-news-2004-2005.jsonl (2,125 articles).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.batch import CHUNK, iter_articles, iter_paths, valid_prefix  # noqa: E402
from extractor.core import MAX_CHARS  # noqa: E402


def batch_cmd(inp: str, out: Path, workers: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "extractor", "batch", inp, "--jsonl", str(out), "--workers", str(workers), *extra]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", nargs="?", default=str(ROOT.parent / "shared" / "archive" / "bbc-news-2004-2005.jsonl"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--at", type=float, default=0.5, help="kill when this fraction of the articles is written")
    ap.add_argument("--compare", action="store_true", help="also run uninterrupted and compare the bytes")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (printed) instead of removing it")
    args = ap.parse_args()
    if not Path(args.input).exists():
        print(f"no such input: {args.input}", file=sys.stderr)
        return 2
    total = sum(1 for a in iter_articles(iter_paths([args.input]), MAX_CHARS) if hasattr(a, "text"))
    target = max(1, int(total * args.at))
    work = Path(tempfile.mkdtemp(prefix="crash-resume-"))
    out, log = work / "out.jsonl", work / "out.jsonl.part"
    env = {k: v for k, v in os.environ.items() if k != "EXTRACTOR_CRASH_AT"}

    t0 = time.perf_counter()
    proc = subprocess.Popen(batch_cmd(args.input, out, args.workers), cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None:
        if log.exists() and log.read_bytes().count(b"\n") >= target:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.2)
    proc.wait()
    killed_after = time.perf_counter() - t0
    if proc.returncode != -signal.SIGKILL:
        print(f"the run ended (exit {proc.returncode}) before the kill: try a smaller --at", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)
        return 1
    kept = sum(valid_prefix(log)[1].values())

    t1 = time.perf_counter()
    res = subprocess.run(batch_cmd(args.input, out, args.workers, "--resume", "--json"), cwd=ROOT, env=env,
                         capture_output=True, text=True)
    resume_s = time.perf_counter() - t1
    summary = json.loads(res.stdout)
    left = sorted(p.name for p in work.iterdir() if p.name.endswith(".part"))
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    ids = [r["id"] for r in records]
    report = {
        "input": args.input, "articles": total, "workers": args.workers, "chunk": CHUNK,
        "killed_after_s": round(killed_after, 1), "records_kept": kept, "unfinished": total - kept,
        "re_extracted": summary["articles_extracted"],
        "re_extracted_beyond_unfinished": summary["articles_extracted"] - (total - kept),
        "skipped_already_done": summary["skipped_already_done"], "torn_bytes_cut": summary["torn_bytes_cut"],
        "resume_s": round(resume_s, 1), "resume_exit": res.returncode,
        "records_after_resume": len(records), "duplicate_ids": len(ids) - len(set(ids)), "part_files_left": left,
        "mode": oct(out.stat().st_mode & 0o777),
    }
    if args.compare:
        ref = work / "ref.jsonl"
        subprocess.run(batch_cmd(args.input, ref, args.workers), cwd=ROOT, env=env, capture_output=True, check=False)
        report["byte_identical_to_uninterrupted"] = ref.read_bytes() == out.read_bytes()
    if args.keep:
        report["work_folder"] = str(work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
