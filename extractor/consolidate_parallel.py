"""Consolidation of record files with both passes split over processes (issue 14: an archive of a
million races in a minute).

``consolidate_files(paths, workers=N)`` gives the same lines, byte for byte, as
``consolidate_lines(spool_records(paths))``; only the work is shared out:

1. **Reading** (pass 1): the files are cut into N byte ranges at line boundaries; each process parses
   its range and returns, per record, where it lies (file, offset, length); the compact grouping key
   of each race (``consolidate.race_key``) goes to a temporary file per partition (country, office
   kind). Bad records are reported in reading order.
2. **Grouping**: partitions never share a contest (``Grouper.partitions``); they are dealt out to the
   processes, each reads its partitions' keys and groups them as the serial run does, and the main
   process numbers the contests in the same partition order. It holds no per-race object itself.
3. **Merging** (pass 2): each contest goes to one process, by where its first race lies (the first
   half of the races to one, the rest to the other), so that each process reads mostly its own part
   of the files (only the records holding its contests, by offset). Each writes its contests to its
   own temporary file and returns their sort keys; the main process sorts the keys of all and writes
   the contests in the same order as the serial run (ties go by the number of a contest's last race,
   the order in which the serial run finished them).

The processes are forked (the merging ones inherit the grouping result instead of receiving it);
where the platform cannot fork, or the input is small, the serial ``consolidate_lines`` does the work.
"""
from __future__ import annotations

import marshal
import multiprocessing as mp
import os
import tempfile
import time
from array import array
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from itertools import accumulate
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from .consolidate import (Partition, RecordError, Summary, _no_gc, _Race, combine, consolidate_lines, emit, jsonl_lines,
                          merge_pass, parse_record, partition_order, race_key, record_files, spool_records)

#: below this many bytes of records the serial run is quicker than starting processes
PARALLEL_MIN_BYTES = 16_000_000
_SHARED: dict[str, Any] = {}  # what forked workers inherit


def default_workers() -> int:
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 8))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, min(os.cpu_count() or 1, 8))


def _fork_context():
    return mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None


def plan(files: list[Path], workers: int) -> list[list[tuple[int, int, Optional[int]]]]:
    """``workers`` shards of about equal bytes: lists of ``(file number, start, end)`` (a JSONL file may
    be cut anywhere: a line belongs to the shard where it starts; a ``.json`` file is never cut)."""
    sizes = [f.stat().st_size for f in files]
    total = sum(sizes)
    bounds = [total * (w + 1) // workers for w in range(workers)]  # where each shard ends, in all the bytes
    shards: list[list[tuple[int, int, Optional[int]]]] = [[] for _ in range(workers)]
    w = pos = 0
    for i, (f, size) in enumerate(zip(files, sizes)):
        start = 0
        while True:
            last = w == workers - 1 or f.suffix == ".json"
            take = size - start if last else min(size - start, bounds[w] - pos)
            shards[w].append((i, start, start + take))
            start, pos = start + take, pos + take
            while w < workers - 1 and pos >= bounds[w]:
                w += 1
            if start >= size:
                break
    return shards


def _line_no(path: Path, offset: int) -> int:
    with path.open("rb") as fh:
        n, left = 1, offset
        while left > 0:
            chunk = fh.read(min(left, 1 << 20))
            if not chunk:
                break
            n += chunk.count(b"\n")
            left -= len(chunk)
    return n


def _read_shard(w: int) -> tuple[tuple, list, dict, int]:
    """Pass 1 in a worker: where each record lies, as arrays (file numbers, offsets, lengths, how
    many races), and ``(where, message)`` per bad record, in reading order; the grouping keys of its
    races go to a file per partition (country, office kind) as ``(race number in this shard, article
    id, race index, race_key)``: returns ``{partition: (file, how many races)}`` and the number of races."""
    files, counter = _SHARED["files"], _SHARED["counters"][w]
    file_no, offsets, lengths, n_races = array("l"), array("q"), array("q"), array("q")
    errors: list = []
    parts: dict[tuple, list] = {}
    seen = n = 0
    with _no_gc():
        for i, start, end in _SHARED["shards"][w]:
            f = files[i]
            whole = f.suffix == ".json"
            with f.open("rb") as fh:
                lines = [(0, fh.read())] if whole else jsonl_lines(fh, start, end)
                first_pos, base = None, None  # line number of the piece's first line, counted when needed
                for count, (pos, data) in enumerate(lines):
                    if first_pos is None:
                        first_pos = pos
                    if not whole and not data.strip():
                        continue
                    rec = parse_record("", data, whole_file=whole)
                    if rec is None:
                        continue
                    if isinstance(rec, RecordError):
                        if whole:
                            where = str(f)
                        else:
                            base = _line_no(f, first_pos) if base is None else base
                            where = f"{f}:{base + count}"
                        errors.append((where, where + str(rec)))
                        continue
                    pub, aid = rec.get("published"), str(rec.get("id") or "")
                    for idx, race in enumerate(rec["races"]):
                        key = race_key(race if isinstance(race, dict) else {}, pub)
                        part = parts.get(key[0][:2])
                        if part is None:
                            part = parts[key[0][:2]] = []
                        part.append((n, aid, idx, key))
                        n += 1
                    file_no.append(i)
                    offsets.append(pos)
                    lengths.append(len(data))
                    n_races.append(len(rec["races"]))
                    seen += 1
                    if seen % 1000 == 0:
                        counter.value = seen
        counter.value = seen
        written = {}
        for k, (pk, items) in enumerate(parts.items()):
            path = os.path.join(_SHARED["tmp"], f"keys-{w}-{k}.marshal")
            with open(path, "wb") as fh:
                marshal.dump(items, fh)
            written[pk] = (path, len(items))
    return (file_no, offsets, lengths, n_races), errors, written, n


def _group_share(w: int) -> list[tuple[int, tuple]]:
    """Grouping in a worker: ``Partition.run`` of each of its partitions, the races read from the
    readers' files (numbered from each reader's first race)."""
    done = []
    with _no_gc():
        for i in _SHARED["share"][w]:
            races = []
            for reader, path in _SHARED["parts"][i]:
                base = _SHARED["bases"][reader]
                with open(path, "rb") as fh:  # marshal.load(fh) would call fh.readinto for every object
                    races += [_Race(base + n, aid, idx, key) for n, aid, idx, key in marshal.loads(fh.read())]
                os.unlink(path)
            done.append((i, Partition().run(races)))
            del races
    return done


def _group(pool_workers: int, ctx, progress, written: list[dict], bases: list[int]) -> list[tuple]:
    """The partitions dealt out to the processes (largest first, each to the least loaded) and grouped
    there; their results in partition order."""
    keys = sorted({pk for w in written for pk in w}, key=partition_order)
    parts = [[(r, w[pk][0]) for r, w in enumerate(written) if pk in w] for pk in keys]
    sizes = [sum(w[pk][1] for w in written if pk in w) for pk in keys]
    load, share = [0] * pool_workers, [[] for _ in range(pool_workers)]
    for i in sorted(range(len(parts)), key=lambda i: -sizes[i]):
        w = load.index(min(load))
        share[w].append(i)
        load[w] += sizes[i]
    _SHARED.update(parts=parts, share=share, bases=bases)
    results = dict(r for done in _run(ctx, _group_share, pool_workers, progress, "group") for r in done)
    return [results[i] for i in range(len(parts))]


def _records_of(w: int) -> Iterator[tuple[int, dict]]:
    """The records holding contests of worker ``w``, with the number of their first race, in order."""
    files, assign, owner = _SHARED["files"], _SHARED["assign"], _SHARED["owner"]
    file_no, offsets, lengths, first = _SHARED["file_no"], _SHARED["offsets"], _SHARED["lengths"], _SHARED["first"]
    handles: dict[int, Any] = {}
    counter = _SHARED["counters"][w]
    whole = [f.suffix == ".json" for f in files]  # a file that is one record
    try:
        for k in range(len(offsets)):
            n0, n1 = first[k], first[k + 1]
            for n in range(n0, n1):
                if owner[assign[n]] == w:
                    break
            else:
                continue
            fno = file_no[k]
            fh = handles.get(fno)
            if fh is None:
                for old in handles.values():
                    old.close()
                handles = {fno: files[fno].open("rb")}
                fh = handles[fno]
            fh.seek(offsets[k])
            rec = parse_record("", fh.read(lengths[k]), whole_file=whole[fno])
            if (k + 1) % 1000 == 0:
                counter.value = k + 1
            yield n0, rec
    finally:
        for fh in handles.values():
            fh.close()


def _merge_share(w: int) -> tuple[str, str]:
    """Pass 2 in a worker: merges its contests into a temporary file; returns it and the file of
    their keys (marshal: quicker than sending them back pickled)."""
    keys: list = []
    owned = bytes(o == w for o in _SHARED["owner"])
    path = os.path.join(_SHARED["tmp"], f"contests-{w}.json-lines")
    with open(path, "wb") as spool, _no_gc():
        merge_pass(_records_of(w), _SHARED["assign"], spool, keys, owned=owned, spool_no=w)
        keys_path = os.path.join(_SHARED["tmp"], f"contest-keys-{w}.marshal")
        with open(keys_path, "wb") as fh:
            marshal.dump(keys, fh)
    return keys_path, path


def _run(ctx, fn: Callable, workers: int, progress: Optional[Callable[[str, int], None]], stage: str) -> list:
    """``fn(w)`` for each worker number in its own forked process; their results in order. A worker
    that dies raises here (``BrokenProcessPool``) instead of leaving the run waiting."""
    with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        futures = [pool.submit(fn, w) for w in range(workers)]
        while True:
            done, pending = wait(futures, timeout=0.2, return_when=FIRST_EXCEPTION)
            if not pending or any(f.exception() is not None for f in done):
                break
            if progress:
                counts = [c.value for c in _SHARED["counters"]]
                progress(stage, sum(counts) if stage == "group" else max(counts))
        return [f.result() for f in futures]


def consolidate_files(paths: list[str], on_error: Callable[[str, RecordError], None],
                      progress: Optional[Callable[[str, int], None]] = None, summary: Optional[Summary] = None,
                      workers: Optional[int] = None, min_bytes: int = PARALLEL_MIN_BYTES) -> Iterator[str]:
    """Contest lines of the records in ``paths`` (JSONL files, folders of JSON records), as
    ``consolidate_lines`` gives them; bad records go to ``on_error(where, error)`` once."""
    start = time.perf_counter()
    workers = default_workers() if workers is None else max(1, workers)
    ctx = _fork_context()
    found = list(record_files(paths))
    files = [f for f, missing in found if missing is None]
    if workers == 1 or ctx is None or sum(f.stat().st_size for f in files) < min_bytes:
        yield from consolidate_lines(spool_records(paths, on_error), progress, summary)
        return
    summary = summary if summary is not None else Summary()
    summary.begin()
    for f, missing in found:
        if missing is not None:
            on_error(str(f), missing)
    _SHARED.clear()
    try:
        with tempfile.TemporaryDirectory(prefix="consolidate-") as tmp:
            with _no_gc():
                _SHARED.update(files=files, shards=plan(files, workers), tmp=tmp,
                               counters=[ctx.Value("q", 0) for _ in range(workers)])
                shards = _run(ctx, _read_shard, workers, progress, "group")
                file_no, offsets, lengths, first = array("l"), array("q"), array("q"), array("q")
                n, bases, written = 0, [], []
                for (fnos, offs, lens, n_races), errors, parts, count in shards:
                    bases.append(n)
                    written.append(parts)
                    for where, message in errors:
                        on_error(where, RecordError(message))
                    file_no.extend(fnos)
                    offsets.extend(offs)
                    lengths.extend(lens)
                    starts = array("q", accumulate(n_races, initial=n))  # each record's first race, and the end
                    n = starts.pop()
                    first.extend(starts)
                    summary.records += len(fnos)
                first.append(n)
                del shards
                summary.races = n
                t = summary.stage("read", start)
                assign, n_contests = combine(_group(workers, ctx, progress, written, bases), n)
                # each contest to the worker in whose share of the races its first race lies
                owner = bytearray(b"\xff") * n_contests
                for i, gid in enumerate(assign):
                    if owner[gid] == 255:
                        owner[gid] = i * workers // max(n, 1)
                for c in _SHARED["counters"]:
                    c.value = 0
                t = summary.stage("group", t)
                _SHARED.update(assign=assign, owner=owner, file_no=file_no, offsets=offsets, lengths=lengths,
                               first=first)
                merged = _run(ctx, _merge_share, workers, progress, "merge")
            keys = []
            for keys_path, _ in merged:
                with open(keys_path, "rb") as fh:
                    keys += marshal.loads(fh.read())
            spools = [open(path, "rb") for _, path in merged]
            t = summary.stage("merge", t)
            try:
                yield from emit(keys, spools, summary, start)
                summary.stage("write", t)
            finally:
                for fh in spools:
                    fh.close()
    finally:
        _SHARED.clear()


__all__ = ["consolidate_files", "plan", "default_workers", "PARALLEL_MIN_BYTES"]
