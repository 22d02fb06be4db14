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


def _memo(doc):
    scope = getattr(_LOCAL, "scope", None)
    return scope[1] if scope is not None and scope[0] is doc else None


def text(doc) -> str:
    """``doc.text``."""
    memo = _memo(doc)
    if memo is None:
        return doc.text
    got = memo.get("text")
    if got is None:
        got = memo["text"] = doc.text
    return got


def ents(doc) -> tuple:
    """``doc.ents``."""
    memo = _memo(doc)
    if memo is None:
        return doc.ents
    got = memo.get("ents")
    if got is None:
        got = memo["ents"] = doc.ents
    return got


def lowers(doc) -> list[str]:
    """Each token's ``lower_``, read from the doc's array (no Token objects)."""
    memo = _memo(doc)
    got = memo.get("lowers") if memo is not None else None
    if got is None:
        strings = doc.vocab.strings
        got = [strings[h] for h in doc.to_array("LOWER").tolist()] if len(doc) else []
        if memo is not None:
            memo["lowers"] = got
    return got


def sent_starts(doc) -> list[int]:
    """For each token, where its sentence starts (``doc[i].sent.start``, which walks the doc at each read)."""
    memo = _memo(doc)
    got = memo.get("sent_starts") if memo is not None else None
    if got is None:
        got = [0] * len(doc)
        for sent in doc.sents:
            got[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
        if memo is not None:
            memo["sent_starts"] = got
    return got
