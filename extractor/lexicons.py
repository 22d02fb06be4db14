"""Loads the vocabularies in ``lexicons/*.json`` (data kept apart from the engine, like dateparser)."""
from __future__ import annotations

import json
import re
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


@lru_cache(maxsize=64)
def subdivisions(country: str) -> frozenset[str]:
    """The first-level subdivisions of a country (ISO 3166-2, from ``pycountry``: states, provinces,
    regions) as folded names with hyphens read as spaces ("akwa ibom", "cross river"); a trailing
    bracketed note is left out. Empty for an unknown code."""
    import pycountry  # (loaded on first use: only list rows that may open with a place ask)
    from models.normalize import fold

    try:
        subs = pycountry.subdivisions.get(country_code=country.upper()) or []
    except (KeyError, LookupError):
        return frozenset()
    out = set()
    for s in subs:
        name = s.name.split("[", 1)[0].strip()
        out.add(" ".join(fold(name).replace("-", " ").split()))
    return frozenset(out)


@lru_cache(maxsize=None)
def clause_break() -> "re.Pattern[str]":
    """Where one clause of a sentence ends and another begins: ", and", ", but", ";", a spaced dash
    (the joining words are ``cues.json``'s ``clause_break_words``)."""
    words = "|".join(re.escape(w) for w in load("cues")["clause_break_words"])
    return re.compile(rf",\s+(?:{words})\s|;|\s[—–]\s")
