"""Batch extraction: files and folders in, JSON / JSONL / CSV out, safely and in input order.

* Inputs are read and decoded in the main process; bad ones become rows of ``errors.jsonl``.
* Extraction runs in ``--workers`` processes, each loading the spaCy pipeline once; records come
  back as plain dicts (no Span objects cross a process) and are written in input order.
* Every output file appears under its name only when complete (a temporary name, fsync, rename), so
  an interrupted run never leaves a half-written file. For ``--jsonl``, ``--csv`` and ``--cdf`` the
  finished records go, as they come, to a visible ``OUTPUT.part`` log of whole JSON lines (fsynced
  every chunk) that survives even SIGKILL or power loss; ``--resume`` continues it from its last whole
  line, and the finished run renames (JSONL) or converts (CSV, CDF) it. See :class:`RecordLog`.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
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
from .streams import chunks as _chunks

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
    p.add_argument("--json", action="store_true", help="print the summary as JSON (stdout) instead of a table")


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
#: the suffix of a run's visible record log beside its output (``out.jsonl`` -> ``out.jsonl.part``)
PART = ".part"
#: tests only: ``WHERE`` or ``WHERE:N`` makes the process SIGKILL itself at that point (see ``_crash_point``)
CRASH_ENV = "EXTRACTOR_CRASH_AT"


def _crash_point(where: str, count: Optional[int] = None) -> None:
    """Crash tests hit exact points instead of racing a timer: with ``EXTRACTOR_CRASH_AT`` set to
    ``where`` (or ``where:count``) the process kills itself here with SIGKILL, as the OOM killer or a
    power cut would. Points: ``record:N`` (after the N-th record of this run is written; 0 = before
    the first), ``torn:N`` (half of record N+1 written, see ``RecordLog.write``), ``rename`` (output
    complete and fsynced, not yet renamed). Unset, as it always is outside tests: nothing happens."""
    if _crash_due(where, count):
        _sigkill()


def _crash_due(where: str, count: Optional[int] = None) -> bool:
    spec = os.environ.get(CRASH_ENV)
    return bool(spec) and (spec == where or (count is not None and spec == f"{where}:{count}"))


def _sigkill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def new_file_mode() -> int:
    """The permissions the user's umask gives a new file (0o644 under umask 022)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:  # Linux: read without changing it
            for line in fh:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_writer(path: Path, mode: str = "w"):
    """A file that appears at ``path`` only when the block finishes without error, with the
    permissions of a new file under the user's umask (not the temporary file's 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, new_file_mode())
        with os.fdopen(fd, mode, encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _crash_point("rename")
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


#: what ``tempfile.mkstemp`` puts between prefix and suffix
_TEMP_MIDDLE = r"[a-z0-9_]{8}"


def remove_stale_temps(path: Path) -> int:
    """Delete the hidden temporary files (``.NAME.XXXXXXXX.part``) that killed runs writing ``path``
    left behind; returns how many."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.{_TEMP_MIDDLE}\.part")
    return _remove_matching(path.parent, f".{glob.escape(path.name)}.*.part", pattern)


def remove_stale_record_temps(out_dir: Path) -> int:
    """``remove_stale_temps`` for every ``ID.json`` of an ``--out-dir``."""
    return _remove_matching(out_dir, ".*.json.*.part", re.compile(rf"\..+\.json\.{_TEMP_MIDDLE}\.part"))


def _remove_matching(folder: Path, glob_pattern: str, pattern: re.Pattern) -> int:
    n = 0
    if not folder.is_dir():
        return 0
    for f in folder.glob(glob_pattern):
        if pattern.fullmatch(f.name) and f.is_file():
            try:
                f.unlink()
                n += 1
            except OSError:
                pass
    return n


class RecordLog:
    """The finished records of a run, one JSON line each, in ``OUTPUT.part``: crash-safe, resumable.

    * ``write`` appends each record as one whole line in one ``write`` call, straight to the file (no
      buffer in the process), so whatever a killed process had written stays; every ``CHUNK`` lines
      are fsynced, so a power cut loses at most the last chunk.
    * ``start(resume=True)`` continues an unfinished log: it keeps its longest prefix of whole lines
      that parse as records, cuts off the rest (a torn or garbled tail is never read as a record), and
      returns the ids it holds. Without a log, a finished output in JSONL (``finished``) is copied in
      to continue from. ``start(resume=False)`` starts an empty log.
    * ``finish`` fsyncs and closes it; the caller renames it to the output (JSONL) or converts it
      (CSV, CDF) and removes it, so the output name only ever holds a complete file.
    """

    def __init__(self, output: Path):
        self.output = output
        self.path = output.with_name(output.name + PART)
        self.fd: Optional[int] = None
        self.written = 0  # records written by this run
        self.kept = 0  # records kept from an earlier run
        self.cut = 0  # bytes of a torn tail cut off

    def start(self, resume: bool, finished: Optional[Path] = None) -> Counter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        done: Counter = Counter()
        if resume:
            if not self.path.exists() and finished is not None and finished.exists():
                shutil.copyfile(finished, self.path)
            if self.path.exists():
                end, done = valid_prefix(self.path)
                size = self.path.stat().st_size
                if end < size:
                    os.truncate(self.path, end)
                    self.cut = size - end
        self.kept = sum(done.values())
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if resume else os.O_TRUNC)
        self.fd = os.open(self.path, flags, 0o666)  # the umask applies
        os.fsync(self.fd)
        _fsync_dir(self.path.parent)
        return done

    def write(self, line: str) -> None:
        data = (line + "\n").encode("utf-8")
        if _crash_due("torn", self.written):
            _write_all(self.fd, data[: len(data) // 2])
            _sigkill()
        _write_all(self.fd, data)
        self.written += 1
        if self.written % CHUNK == 0:
            os.fsync(self.fd)
        _crash_point("record", self.written)

    def records(self) -> Iterator[dict]:
        with open(self.path, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)

    def finish(self) -> None:
        """Everything written is on disk; the log stays until the caller has made the output."""
        if self.fd is not None:
            os.fsync(self.fd)
            os.close(self.fd)
            self.fd = None

    def rename_to_output(self) -> None:
        """The JSONL case: the complete log becomes the output, in one rename."""
        self.finish()
        _crash_point("rename")
        os.replace(self.path, self.output)
        _fsync_dir(self.output.parent)

    def remove(self) -> None:
        self.finish()
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def valid_prefix(path: Path) -> tuple[int, Counter]:
    """(byte length, ids) of the longest prefix of ``path`` made of whole lines that are JSON
    objects with a string ``id``; anything after the first line that is not is a crash's leftover."""
    end = 0
    ids: Counter = Counter()
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            try:
                rec = json.loads(line)
            except ValueError:
                break
            if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
                break
            ids[rec["id"]] += 1
            end += len(line)
    return end, ids


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


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
    cut: int = 0  # bytes of a torn last line cut off the record log on --resume
    stale: int = 0  # temporary files of killed runs removed
    errors: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def as_dict(self, interrupted: bool = False) -> dict:
        return {"articles_extracted": self.articles, "races_found": self.races, "articles_with_no_race": self.no_race,
                "skipped_already_done": self.skipped, "torn_bytes_cut": self.cut, "stale_temporaries_removed": self.stale,
                "errors": dict(sorted(self.errors.items())), "seconds": round(self.seconds, 1), "interrupted": interrupted}


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

    single = args.jsonl or args.csv or args.cdf
    log: Optional[RecordLog] = None
    done: Counter = Counter()
    if single:
        # a killed run's hidden temporaries of this output (a concurrent run of the same file makes no sense;
        # errors.jsonl may be shared by runs of other outputs in the folder: only --resume clears its)
        summary.stale = remove_stale_temps(single) + (remove_stale_temps(errors_path) if args.resume else 0)
        log = RecordLog(single)
        if not args.resume and log.path.exists():
            from rich.markup import escape

            err.print(f"[yellow]note:[/] starting {escape(str(log.path))} afresh; --resume would have continued it",
                      highlight=False)
        # a finished JSONL output can be continued; a CSV or CDF cannot be read back into records
        done = log.start(args.resume, finished=args.jsonl)
        summary.cut = log.cut
    elif args.resume:
        summary.stale = remove_stale_record_temps(args.out_dir) + remove_stale_temps(errors_path)

    def wanted(items):
        for item in items:
            if isinstance(item, Failure):
                failures.append(item)
                continue
            if args.resume and args.out_dir and (args.out_dir / f"{safe_name(item.id)}.json").exists():
                summary.skipped += 1
                continue
            if done[item.id] > 0:  # counted, so an id that occurs twice in the inputs is done twice
                done[item.id] -= 1
                summary.skipped += 1
                continue
            yield item

    articles = wanted(iter_articles(paths, args.max_chars, args.published_from_mtime))
    interrupted = False
    complete = False

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
                _crash_point("record", 0)
                for art, rec in stream:
                    _count(summary, art, rec, failures)
                    if isinstance(rec, dict):
                        data = rec if not args.no_evidence else {k: v for k, v in rec.items() if k != "evidence"}
                        with atomic_writer(args.out_dir / f"{safe_name(art.id)}.json") as fh:
                            fh.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
                        _crash_point("record", summary.articles)
                    _tick(progress, task, summary, start)
            else:
                _crash_point("record", 0)
                strip = args.jsonl and args.no_evidence  # CSV and CDF are made from whole records
                for art, rec in stream:
                    _count(summary, art, rec, failures)
                    if isinstance(rec, dict):
                        data = rec if not strip else {k: v for k, v in rec.items() if k != "evidence"}
                        log.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
                    _tick(progress, task, summary, start)
            complete = True
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, old)
        if log is not None:
            log.finish()  # whatever was written is on disk: --resume continues from it
    if complete and log is not None:
        if args.jsonl:
            log.rename_to_output()
        elif args.cdf:
            from .export.cdf import records_to_cdf

            report = records_to_cdf(log.records())  # one report for the whole batch: built in memory
            with atomic_writer(args.cdf) as fh:
                fh.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
            log.remove()
        else:
            from .export.csv import CsvExporter

            with atomic_writer(args.csv) as fh:
                w = CsvExporter(fh)
                for rec in log.records():
                    w.write(rec)
            log.remove()
    if failures:
        with atomic_writer(errors_path) as fh:
            for f in failures:
                fh.write(json.dumps(f.as_dict(), ensure_ascii=False) + "\n")
                summary.errors[_reason_kind(f.reason)] += 1
    summary.seconds = time.perf_counter() - start
    if getattr(args, "json", False):
        print(json.dumps(summary.as_dict(interrupted), indent=2))
        if failures:
            err.print(f"errors written to {errors_path}", highlight=False)
    else:
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
    if s.cut:
        t.add_row("torn last line cut (bytes)", str(s.cut))
    if s.stale:
        t.add_row("stale temporary files removed", str(s.stale))
    for reason, n in sorted(s.errors.items()):
        t.add_row(f"error: {reason}", str(n))
    t.add_row("seconds", f"{s.seconds:.1f}")
    if s.seconds > 0:
        t.add_row("articles/s", f"{s.articles / s.seconds:.1f}")
    err.print(t)
    if errors_path:
        err.print(f"errors written to {errors_path}", highlight=False)
