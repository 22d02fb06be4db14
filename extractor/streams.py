"""Helpers shared by the batch engines (``batch`` and ``distributed``): they sit below both, so neither
engine imports the other to get them."""
from __future__ import annotations

from typing import Iterable, Iterator


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last one shorter), streaming.

    >>> list(chunks(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    buf = []
    for it in items:
        buf.append(it)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf
