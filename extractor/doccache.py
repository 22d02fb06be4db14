"""Values of a doc that spaCy builds anew at every read, kept while one component reads one doc.

``Doc.text`` joins every token's text again and ``Doc.ents`` makes new spans at each read; the race
stages read them many times per article. Inside ``with reading(doc):`` (the ``election_races``
component around its work on a doc, which changes neither the text nor the entities meanwhile)
``text(doc)`` and ``ents(doc)`` build them once; outside it, or for another doc, they read the doc.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

_LOCAL = threading.local()


@contextmanager
def reading(doc) -> Iterator[None]:
    """Keep ``doc``'s text and entities for the block (the doc is not to change meanwhile)."""
    previous = getattr(_LOCAL, "scope", None)
    _LOCAL.scope = (doc, {})
    try:
        yield
    finally:
        _LOCAL.scope = previous


def _cached(doc, key: str, build):
    """``build(doc)``, kept under ``key`` while ``doc`` is the doc being read; built afresh otherwise."""
    scope = getattr(_LOCAL, "scope", None)
    if scope is None or scope[0] is not doc:
        return build(doc)
    memo = scope[1]
    got = memo.get(key)
    if got is None:
        got = memo[key] = build(doc)
    return got


def text(doc) -> str:
    """``doc.text``."""
    return _cached(doc, "text", lambda d: d.text)


def ents(doc) -> tuple:
    """``doc.ents``."""
    return _cached(doc, "ents", lambda d: d.ents)


def lowers(doc) -> list[str]:
    """Each token's ``lower_``, read from the doc's array (no Token objects)."""
    def build(d) -> list[str]:
        strings = d.vocab.strings
        return [strings[h] for h in d.to_array("LOWER").tolist()] if len(d) else []
    return _cached(doc, "lowers", build)


def sent_starts(doc) -> list[int]:
    """For each token, where its sentence starts (``doc[i].sent.start``, which walks the doc at each read)."""
    def build(d) -> list[int]:
        got = [0] * len(d)
        for sent in d.sents:
            got[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
        return got
    return _cached(doc, "sent_starts", build)
