"""Loads the vocabularies in ``lexicons/*.json`` (data kept apart from the engine, like dateparser)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The lexicon ``lexicons/<name>.json`` as a dict (cached; callers must not mutate it)."""
    return json.loads(resources.files("extractor").joinpath("lexicons", f"{name}.json").read_text("utf-8"))


@lru_cache(maxsize=None)
def word_set(name: str, key: str) -> frozenset[str]:
    """One list of a lexicon as a frozen, lower-cased set."""
    return frozenset(w.lower() for w in load(name)[key])


@lru_cache(maxsize=None)
def word_set_cased(name: str, key: str) -> frozenset[str]:
    """One list of a lexicon as a frozen set, case kept ("MP" is a title, "mp" is not)."""
    return frozenset(load(name)[key])
