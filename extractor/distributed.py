"""Batch extraction on Dask (issue 7): the same records as the local engine, on a Dask cluster.

Two ways in:

* ``extract_bag(bag)`` for people who already have a ``dask.bag.Bag`` of articles (dicts with ``id``,
  ``text`` and optional ``published``, ``source``, ``url``; or ``extractor.ingest.Article`` objects).
  It returns a bag of record dicts (``ArticleRecord.to_json_dict()``) and, for items that could not
  be extracted, error dicts ``{"path" or "id": ..., "reason": ...}`` (an error never stops the job).
* ``dask_stream(articles, ...)``, behind ``election-extract batch ... --engine dask [--scheduler ADDRESS]``:
  ``(article, record dict | error reason)`` in input order, like ``batch.extract_stream``.

Each worker process loads the spaCy pipeline once (cached per process, keyed by model and
``max_chars``) and extracts a whole partition in one ``nlp.pipe`` call; if anything in it fails, the
partition is redone one article at a time so the failure is pinned on its own article.

Dask is imported lazily: without the ``dask`` extra the package works as before and only this
engine says how to install it.
"""
from __future__ import annotations

import threading
from collections import deque
from typing import Any, Iterable, Iterator, Optional, Union

from .core import MAX_CHARS
from .ingest import Article, clean_text, parse_published
from .streams import chunks as _chunks

#: articles per partition: the local engine's chunk size, so both engines batch alike
PARTITION_SIZE = 16

#: Dask config for the workers of a LocalCluster (see ``make_client``): glibc's default malloc
#: tuning, and no statistical profiler sampling the extraction thread every 10 ms
WORKER_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                 "distributed.worker.profile.enabled": False}

DASK_HINT = ("the Dask engine needs dask[bag] and distributed: "
             "pip install 'election-extractor[dask]' (or pip install 'dask[bag]' distributed)")


class DaskMissing(ImportError):
    """dask / distributed are not installed (the ``dask`` extra)."""


def require_dask():
    """``dask.bag``, or ``DaskMissing`` with the install command."""
    try:
        import dask.bag as db
    except ImportError as exc:
        raise DaskMissing(DASK_HINT) from exc
    return db


def _require_distributed():
    require_dask()
    try:
        import distributed
    except ImportError as exc:
        raise DaskMissing(DASK_HINT) from exc
    return distributed


# ---------------------------------------------------------------------------------------------- workers
_EXTRACTORS: dict[tuple, Any] = {}
#: one extraction at a time per process: a spaCy pipeline is not promised to be thread-safe (run
#: workers with one thread each and scale with processes)
_LOCK = threading.Lock()


def _extractor(model: Optional[str], max_chars: int):
    """This process's ``Extractor`` (the pipeline is loaded once per process)."""
    key = (model, max_chars)
    with _LOCK:
        if key not in _EXTRACTORS:
            from .core import Extractor

            _EXTRACTORS[key] = Extractor(model, max_chars=max_chars)
        return _EXTRACTORS[key]


def warm_up(model: Optional[str] = None, max_chars: int = MAX_CHARS) -> str:
    """Load the pipeline in this process (``client.run(warm_up)`` loads it on every worker at once,
    and raises ``ModelNotFound`` there and then if a worker has none)."""
    return _extractor(model, max_chars).nlp.meta.get("name", "?")


def _warm(model: Optional[str], max_chars: int) -> Optional[BaseException]:
    """``warm_up`` that hands a failure back to the client instead of logging it on the worker."""
    try:
        warm_up(model, max_chars)
    except Exception as exc:  # noqa: BLE001 - re-raised in the client
        return exc
    return None


class _Bad(Exception):
    def __init__(self, item: Any, reason: str):
        super().__init__(reason)
        self.item, self.reason = item, reason


def _to_article(item: Any, max_chars: int) -> Article:
    """An ``Article`` from a bag item; raises ``_Bad`` with the reason."""
    if isinstance(item, Article):
        art = item
    elif isinstance(item, dict):
        text = item.get("text")
        if not isinstance(text, str):
            raise _Bad(item, "article dict has no string 'text'")
        if item.get("id") in (None, ""):
            raise _Bad(item, "article dict has no 'id'")
        art = Article(id=str(item["id"]), text=clean_text(text), source=item.get("source"),
                      published=parse_published(item.get("published")), url=item.get("url"))
    else:
        raise _Bad(item, f"expected an article dict or Article, got {type(item).__name__}")
    if len(art.text) > max_chars:
        raise _Bad(item, f"too long ({len(art.text):,} characters > --max-chars {max_chars:,})")
    return art


def _run_partition(items: Iterable[Any], model: Optional[str], max_chars: int) -> list[tuple[str, Any]]:
    """``("ok", record dict)`` or ``("error", reason)`` per item, in order (what ``batch._work`` does)."""
    items = list(items)
    out: list[Optional[tuple[str, Any]]] = [None] * len(items)
    arts: list[tuple[int, Article]] = []
    for i, item in enumerate(items):
        try:
            arts.append((i, _to_article(item, max_chars)))
        except _Bad as bad:
            out[i] = ("error", bad.reason)
    ex = _extractor(model, max_chars)  # ModelNotFound fails the task: no point in per-article errors
    with _LOCK:
        try:
            for (i, _), rec in zip(arts, ex.extract_articles([a for _, a in arts])):
                out[i] = ("ok", rec.to_json_dict())
            done = True
        except Exception:  # noqa: BLE001 - redo one by one below
            done = False
        if not done:
            for i, art in arts:
                try:
                    out[i] = ("ok", next(ex.extract_articles([art])).to_json_dict())
                except Exception as exc:  # noqa: BLE001 - report, never lose the other results
                    out[i] = ("error", f"extraction failed: {type(exc).__name__}: {exc}")
    return out  # type: ignore[return-value]


def _where(item: Any) -> dict:
    if isinstance(item, Article):
        return {"path": item.source} if item.source else {"id": item.id}
    if isinstance(item, dict):
        if item.get("source"):
            return {"path": str(item["source"])}
        return {"id": None if item.get("id") in (None, "") else str(item["id"])}
    return {"id": None}


def _public_partition(items: Iterable[Any], model: Optional[str], max_chars: int) -> list[dict]:
    items = list(items)
    return [value if status == "ok" else {**_where(item), "reason": value}
            for item, (status, value) in zip(items, _run_partition(items, model, max_chars))]


def extract_bag(bag, model: Optional[str] = None, max_chars: int = MAX_CHARS):
    """A bag of article dicts or ``Article`` objects -> a bag of record dicts, in the same order.

    Items that cannot be extracted (no ``text``, no ``id``, too long, extraction raised) become
    ``{"path": source, "reason": ...}`` (``{"id": ..., "reason": ...}`` when the item has no source);
    tell them apart from records by the ``"reason"`` key. Dict texts are cleaned of boilerplate lines
    as ``batch`` does; ``Article`` objects are taken as they are (as ``ingest.read_path`` made them).
    Use it under a ``distributed.Client`` whose workers run one thread each. For example::

        arts = dask.bag.from_sequence([{"id": "a1", "text": "..."}, ...], partition_size=32)
        extract_bag(arts).map(json.dumps).to_textfiles("out/*.jsonl")
    """
    require_dask()
    return bag.map_partitions(_public_partition, model, max_chars)


# ---------------------------------------------------------------------------------------------- the CLI engine
def make_client(scheduler: Optional[str] = None, workers: int = 1):
    """``(client, cluster)``: a client of the scheduler at ``scheduler``, else of a new ``LocalCluster``
    of ``workers`` single-threaded worker processes on the loopback interface (no dashboard)."""
    distributed = _require_distributed()
    if scheduler:
        return distributed.Client(scheduler), None
    import dask

    # Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_=65536, which turns off glibc's dynamic
    # mmap threshold: spaCy then spends its time in page faults (measured: partitions 1.5-2x slower)
    with dask.config.set(WORKER_CONFIG):
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           host="127.0.0.1", dashboard_address=None)
    try:
        return distributed.Client(cluster), cluster
    except BaseException:
        cluster.close()
        raise


def dask_stream(articles: Iterable[Article], workers: int = 1, model: Optional[str] = None,
                max_chars: int = MAX_CHARS, scheduler: Optional[str] = None, client=None,
                partition_size: int = PARTITION_SIZE) -> Iterator[tuple[Article, Union[dict, str]]]:
    """(article, record dict | error reason) in input order, extracted on Dask.

    Articles are read by the caller (this process) and sent in windows of a few partitions each
    (``dask.bag.from_sequence``); the next window is queued while this one's results come back, so
    the workers stay busy and memory stays bounded by a few windows. A partition whose task fails
    (e.g. its worker died) becomes an error for each of its articles; the rest go on.
    """
    db = require_dask()
    own = client is None
    cluster = None
    pending: deque = deque()  # windows in flight: (list of partitions of articles, list of futures)
    if own:
        client, cluster = make_client(scheduler, workers)
    try:
        # every worker loads the pipeline now, in parallel; a worker without one fails the run here
        for value in client.run(_warm, model, max_chars, on_error="return").values():
            if isinstance(value, BaseException):
                raise value
        nthreads = max(sum(client.nthreads().values()), 1)
        per_window = partition_size * max(2, 2 * nthreads)
        windows = _chunks(articles, per_window)

        def submit() -> bool:
            window = next(windows, None)
            if window is None:
                return False
            bag = db.from_sequence(window, partition_size=partition_size)
            parts = list(_chunks(window, partition_size))  # how from_sequence splits it
            futures = client.compute(bag.map_partitions(_run_partition, model, max_chars).to_delayed())
            pending.append((parts, futures))
            return True

        submit()
        while pending:
            parts, futures = pending.popleft()
            if not pending:
                submit()  # keep the next window queued while this one is read
            for part, fut in zip(parts, futures):
                try:
                    results = fut.result()
                    if len(results) != len(part):
                        raise RuntimeError(f"{len(results)} results for {len(part)} articles")
                except Exception as exc:  # noqa: BLE001 - one lost partition never stops the batch
                    reason = f"extraction failed: dask task failed: {type(exc).__name__}: {exc}"
                    results = [("error", reason)] * len(part)
                for art, (_status, value) in zip(part, results):
                    yield art, value
                fut.release()
    finally:
        for _parts, futures in pending:
            for fut in futures:
                fut.cancel()
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
