"""Batch extraction: files and folders in, JSON / JSONL / CSV out, safely and in input order.

* Inputs are read and decoded in the main process; bad ones become rows of ``errors.jsonl``.
* Extraction runs in ``--workers`` processes, each loading the spaCy pipeline once; records come
  back as plain dicts (no Span objects cross a process) and are written in input order.
* Every output file is written to a temporary name and renamed when complete, so an interrupted
  run never leaves a half-written file; ``--resume`` skips what a previous run finished.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .core import MAX_CHARS as DEFAULT_MAX_CHARS
from .ingest import SUPPORTED, Article, InputError, parse_published, read_path

CHUNK = 16


def add_batch_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", help="files, folders (recursive) or - to read paths from stdin")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--out-dir", type=Path, help="write DIR/<id>.json per article")
    out.add_argument("--jsonl", type=Path, help="write one record per line")
    out.add_argument("--csv", type=Path, help="write one row per candidate per race (newsroom columns)")
    out.add_argument("--cdf", type=Path, help="write one NIST SP 1500-100 v2 ElectionReport (JSON)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local worker processes, or Dask (needs the dask extra; see --scheduler)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="with --engine dask: a Dask scheduler (e.g. tcp://host:8786); default: a LocalCluster of --workers processes")
    p.add_argument("--resume", action="store_true", help="skip inputs whose output already exists")
    p.add_argument("--glob", default=None, help="file name pattern inside folders (default: *.txt *.html *.json *.jsonl)")
    p.add_argument("--published-from-mtime", action="store_true", help="use each file's modification date as its publication date")
    p.add_argument("--errors", type=Path, help="where to write errors.jsonl (default: beside the output)")
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, help=f"refuse longer articles (default {DEFAULT_MAX_CHARS:,})")
    p.add_argument("--no-evidence", action="store_true", help="leave evidence spans out of JSON output")
    p.add_argument("--min-confidence", type=float, default=None, metavar="X",
                   help="leave out facts whose confidence is below X (the value becomes null)")


# ---------------------------------------------------------------------------------------------- inputs
def iter_paths(inputs: list[str], pattern: Optional[str] = None, stdin=None) -> Iterator[Path]:
    """Every input file, folders walked in sorted order; ``-`` reads one path per line from stdin."""
    for item in inputs:
        if item == "-":
            for line in (stdin or sys.stdin):
                if line.strip():
                    yield Path(line.strip())
            continue
        path = Path(item)
        if path.is_dir():
            for f in sorted(path.rglob(pattern or "*")):
                if f.is_file() and (pattern or f.suffix.lower() in SUPPORTED - {""}):
                    yield f
        else:
            yield path


@dataclass
class Failure:
    source: str
    reason: str

    def as_dict(self) -> dict:
        return {"path": self.source, "reason": self.reason}


def iter_articles(paths: Iterable[Path], max_chars: int, from_mtime: bool = False) -> Iterator[Union[Article, Failure]]:
    import datetime as dt

    for path in paths:
        try:
            # a file far larger than any article is refused before it is read (4 bytes per character at most)
            items = list(read_path(path, max_bytes=max_chars * 4))
        except InputError as exc:
            yield Failure(exc.source, exc.reason)
            continue
        except Exception as exc:  # noqa: BLE001 - one bad input never stops the batch
            yield Failure(str(path), f"unreadable: {exc}")
            continue
        for art in items:
            if isinstance(art, InputError):
                yield Failure(art.source, art.reason)
                continue
            if len(art.text) > max_chars:
                yield Failure(art.source or str(path), f"too long ({len(art.text):,} characters > --max-chars {max_chars:,})")
                continue
            if from_mtime and art.published is None:
                art.published = dt.date.fromtimestamp(path.stat().st_mtime)
            yield art


# ---------------------------------------------------------------------------------------------- workers
_WORKER = None


def _init_worker(model: Optional[str], max_chars: int = DEFAULT_MAX_CHARS) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    from .core import Extractor

    _WORKER = Extractor(model, max_chars=max_chars)


def _work(chunk: list[tuple]) -> list[tuple[str, Union[dict, str]]]:
    """Extract a chunk in one ``nlp.pipe`` call; if anything in it fails, redo it one by one so the
    failure is pinned on its own article and the others still come back."""
    arts = [Article(id=i, text=t, source=s, published=parse_published(p), url=u) for i, t, s, p, u in chunk]
    try:
        return [("ok", rec.to_json_dict()) for rec in _WORKER.extract_articles(arts)]
    except Exception:  # noqa: BLE001
        pass
    out = []
    for art in arts:
        try:
            rec = next(_WORKER.extract_articles([art]))
            out.append(("ok", rec.to_json_dict()))
        except Exception as exc:  # noqa: BLE001 - report, never lose the other results
            out.append(("error", f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    buf = []
    for it in items:
        buf.append(it)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def extract_stream(articles: Iterable[Article], workers: int = 1, model: Optional[str] = None,
                   max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[tuple[Article, Union[dict, str]]]:
    """(article, record dict | error reason) in input order; the pipeline is loaded once per worker."""
    def packed(chunk):
        return [(a.id, a.text, a.source, a.published.isoformat() if a.published else None, a.url) for a in chunk]

    chunks = _chunks(articles, CHUNK)
    if workers <= 1:
        _init_worker_inline(model, max_chars)
        for chunk in chunks:
            for art, (status, value) in zip(chunk, _work(packed(chunk))):
                yield art, value if status == "ok" else value
        return
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(model, max_chars)) as pool:
        pending: list[list[Article]] = []

        def feed():
            for chunk in chunks:
                pending.append(chunk)
                yield packed(chunk)

        for results in pool.imap(_work, feed(), chunksize=1):
            chunk = pending.pop(0)
            for art, (status, value) in zip(chunk, results):
                yield art, value


def _init_worker_inline(model: Optional[str], max_chars: int = DEFAULT_MAX_CHARS) -> None:
    global _WORKER
    from .core import Extractor

    if _WORKER is None or _WORKER.max_chars != max_chars:
        _WORKER = Extractor(model, max_chars=max_chars)


# ---------------------------------------------------------------------------------------------- outputs
@contextmanager
def atomic_writer(path: Path, mode: str = "w"):
    """A file that appears at ``path`` only when the block finishes without error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def safe_name(art_id: str) -> str:
    """A file name from an article id that cannot leave the output folder.

    >>> safe_name("../../etc/passwd"), safe_name("A02"), safe_name("..")
    ('etc_passwd', 'A02', 'article')
    """
    name = re.sub(r"_+", "_", "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in art_id))
    return name.strip("_.")[:200] or "article"


@dataclass
class Summary:
    articles: int = 0
    races: int = 0
    no_race: int = 0
    skipped: int = 0
    errors: Counter = field(default_factory=Counter)
    seconds: float = 0.0


def run_batch(args, err) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    if args.workers < 1:
        err.print("[red]error:[/] --workers must be at least 1")
        return 2
    engine = getattr(args, "engine", "local")
    if getattr(args, "scheduler", None) and engine != "dask":
        err.print("[red]error:[/] --scheduler needs --engine dask")
        return 2
    if engine == "dask":
        from .distributed import DaskMissing, require_dask

        try:
            require_dask()
        except DaskMissing as exc:
            from rich.markup import escape

            err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
            return 2
    start = time.perf_counter()
    summary = Summary()
    paths = list(iter_paths(args.inputs, args.glob))
    missing = [p for p in paths if not p.exists()]
    out_target = args.out_dir or args.jsonl or args.csv or args.cdf
    errors_path = args.errors or ((args.out_dir / "errors.jsonl") if args.out_dir else out_target.with_name("errors.jsonl"))
    failures: list[Failure] = [Failure(str(p), "no such file") for p in missing]
    paths = [p for p in paths if p.exists()]

    done_ids: set[str] = set()
    previous_lines: list[str] = []
    if args.resume and args.jsonl and args.jsonl.exists():
        for line in args.jsonl.read_text("utf-8").splitlines():
            try:
                done_ids.add(json.loads(line)["id"])
                previous_lines.append(line)
            except (ValueError, KeyError, TypeError):
                continue

    def wanted(items):
        for item in items:
            if isinstance(item, Failure):
                failures.append(item)
                continue
            if args.resume and args.out_dir and (args.out_dir / f"{safe_name(item.id)}.json").exists():
                summary.skipped += 1
                continue
            if item.id in done_ids:
                summary.skipped += 1
                continue
            yield item

    articles = wanted(iter_articles(paths, args.max_chars, args.published_from_mtime))
    interrupted = False

    def on_term(signum, frame):
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, on_term)
    progress = Progress(TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(), TimeRemainingColumn(),
                        console=err, disable=not err.is_terminal, transient=False)
    try:
        with progress:
            task = progress.add_task("extract", total=len(paths), rate=0.0)
            if engine == "dask":
                from .distributed import dask_stream

                stream = dask_stream(articles, args.workers, args.model, args.max_chars, scheduler=args.scheduler)
            else:
                stream = extract_stream(articles, args.workers, args.model, args.max_chars)
            if getattr(args, "min_confidence", None) is not None:
                from .confidence import thresholded

                stream = thresholded(stream, args.min_confidence)
            if args.out_dir:
                args.out_dir.mkdir(parents=True, exist_ok=True)
                for art, rec in stream:
                    _count(summary, art, rec, failures)
                    if isinstance(rec, dict):
                        data = rec if not args.no_evidence else {k: v for k, v in rec.items() if k != "evidence"}
                        with atomic_writer(args.out_dir / f"{safe_name(art.id)}.json") as fh:
                            fh.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
                    _tick(progress, task, summary, start)
            elif args.jsonl:
                with atomic_writer(args.jsonl) as fh:
                    for line in previous_lines:
                        fh.write(line + "\n")
                    for art, rec in stream:
                        _count(summary, art, rec, failures)
                        if isinstance(rec, dict):
                            data = rec if not args.no_evidence else {k: v for k, v in rec.items() if k != "evidence"}
                            fh.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
                        _tick(progress, task, summary, start)
            elif args.cdf:
                from .export.cdf import records_to_cdf

                records = []  # one report for the whole batch: held in memory
                for art, rec in stream:
                    _count(summary, art, rec, failures)
                    if isinstance(rec, dict):
                        records.append(rec)
                    _tick(progress, task, summary, start)
                with atomic_writer(args.cdf) as fh:
                    fh.write(json.dumps(records_to_cdf(records), indent=2, ensure_ascii=False) + "\n")
            else:
                from .export.csv import CsvExporter

                with atomic_writer(args.csv) as fh:
                    w = CsvExporter(fh)
                    for art, rec in stream:
                        _count(summary, art, rec, failures)
                        if isinstance(rec, dict):
                            w.write(rec)
                        _tick(progress, task, summary, start)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, old)
    if failures:
        with atomic_writer(errors_path) as fh:
            for f in failures:
                fh.write(json.dumps(f.as_dict(), ensure_ascii=False) + "\n")
                summary.errors[_reason_kind(f.reason)] += 1
    summary.seconds = time.perf_counter() - start
    _print_summary(err, summary, errors_path if failures else None, interrupted)
    if interrupted:
        return 130
    return 1 if failures else 0


def _count(summary: Summary, art: Article, rec, failures: list[Failure]) -> None:
    if isinstance(rec, dict):
        summary.articles += 1
        n = len(rec.get("races") or [])
        summary.races += n
        summary.no_race += n == 0
    else:
        failures.append(Failure(art.source or art.id, str(rec)))


def _tick(progress, task, summary: Summary, start: float) -> None:
    elapsed = max(time.perf_counter() - start, 1e-9)
    progress.update(task, advance=1, rate=summary.articles / elapsed)


def _reason_kind(reason: str) -> str:
    return reason.split(" (")[0].split(":")[0]


def _print_summary(err, s: Summary, errors_path: Optional[Path], interrupted: bool) -> None:
    from rich.table import Table

    t = Table(title="Batch summary" + (" (interrupted: run again with --resume)" if interrupted else ""))
    t.add_column("what")
    t.add_column("count", justify="right")
    t.add_row("articles extracted", str(s.articles))
    t.add_row("races found", str(s.races))
    t.add_row("articles with no race", str(s.no_race))
    if s.skipped:
        t.add_row("skipped (already done)", str(s.skipped))
    for reason, n in sorted(s.errors.items()):
        t.add_row(f"error: {reason}", str(n))
    t.add_row("seconds", f"{s.seconds:.1f}")
    if s.seconds > 0:
        t.add_row("articles/s", f"{s.articles / s.seconds:.1f}")
    err.print(t)
    if errors_path:
        err.print(f"errors written to {errors_path}", highlight=False)
