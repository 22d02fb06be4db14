"""Pure normalisers for record values: states, districts, parties, shares and counts.

They live in ``models`` (not ``extractor``) so the schema validates on its own, without spaCy.
Each returns ``None`` for a value it cannot read, never raises on odd text.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def _data(name: str) -> dict:
    return json.loads(resources.files("models").joinpath("data", name).read_text("utf-8"))


@lru_cache(maxsize=None)
def state_lookup() -> dict[str, str]:
    """Lower-cased state names, AP abbreviations and USPS codes -> USPS code."""
    table: dict[str, str] = {}
    for code, info in _data("us_states.json").items():
        table[code.lower()] = code
        table[info["name"].lower()] = code
        for abbr in info["abbreviations"]:
            table[abbr.lower()] = code
    return table


@lru_cache(maxsize=None)
def party_lookup() -> dict[str, str]:
    """Lower-cased party aliases -> canonical party name."""
    table: dict[str, str] = {}
    for canon, aliases in _data("parties.json").items():
        table[canon.lower()] = canon
        for a in aliases:
            table[a.lower()] = canon
    return table


def fold(text: str) -> str:
    """Lower-case and strip accents: ``fold("Québécois") == "quebecois"``."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def normalize_state(value: str | None) -> str | None:
    """USPS code for a state name, AP abbreviation or code.

    >>> normalize_state("California"), normalize_state("Calif."), normalize_state("tx")
    ('CA', 'CA', 'TX')
    >>> normalize_state("Narnia") is None
    True
    """
    if value is None:
        return None
    return state_lookup().get(value.strip().lower())


_ORDINAL = re.compile(r"^0*(\d{1,4})(?:st|nd|rd|th)?$", re.I)
_AT_LARGE = {"at-large", "at large", "atlarge", "al", "0", "00"}


def normalize_district(value: str | int | None) -> str | None:
    """District as a bare number string, ``"at-large"``, or ``None``.

    >>> [normalize_district(v) for v in ("34th", "034", 7, "At Large", "CA-12", "")]
    ['34', '34', '7', 'at-large', '12', None]
    """
    if value is None:
        return None
    s = str(value).strip()
    if s.lower().replace("–", "-") in _AT_LARGE:
        return "at-large"
    m = re.search(r"(\d{1,4})(?:st|nd|rd|th)?$", s, re.I)
    if m and (_ORDINAL.match(s) or "-" in s):
        return str(int(m.group(1))) if m.group(1).strip("0") else "at-large"
    return None


def normalize_party(value: str | None) -> str | None:
    """Canonical party name for an alias; unknown names are kept, title-cased as given.

    >>> [normalize_party(v) for v in ("Democrat", "D", "Dem.", "GOP", "Tories", "Lib Dems", "Bloc")]
    ['Democratic', 'Democratic', 'Democratic', 'Republican', 'Conservative', 'Liberal Democrats', 'Bloc Québécois']
    >>> normalize_party("Moderate Party"), normalize_party("  ")
    ('Moderate Party', None)
    """
    if value is None:
        return None
    s = " ".join(value.split()).strip()
    if not s:
        return None
    table = party_lookup()
    for key in (s.lower(), s.lower().rstrip("."), fold(s)):
        if key in table:
            return table[key]
    return s


_NUM = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def parse_percent(text: str | float | int | None) -> float | None:
    """A vote share as a float, from "60.1 percent", "60.1%", "60,1 per cent", "60".

    >>> [parse_percent(t) for t in ("60.1 percent", "39.9%", "25", "49,96 per cent", "half")]
    [60.1, 39.9, 25.0, 49.96, None]
    """
    if text is None:
        return None
    if isinstance(text, (int, float)):
        return float(text)
    m = re.search(r"\d{1,3}(?:[.,]\d+)?", text)
    if not m:
        return None
    return float(m.group(0).replace(",", "."))


def parse_votes(text: str | int | None) -> int | None:
    """A raw vote count as an int, from "101,574", "12 645", "1.2 million" -> None (not exact).

    >>> [parse_votes(t) for t in ("101,574 votes", "12645", "6,976", "1.2 million", "")]
    [101574, 12645, 6976, None, None]
    >>> [parse_votes(t) for t in ("5 million 845 thousand 164 votes", "8 mln 412 thousand 183", "457 thousand 092")]
    [5845164, 8412183, 457092]
    """
    if text is None:
        return None
    if isinstance(text, int):
        return text
    # an exact count spelled with its scale words: "5 million 845 thousand 164", "457 thousand 092"
    m = re.search(r"(?:(\d{1,3})\s*(?:million|mln|mn)\s+)?(\d{1,3})\s+thousand\s+(\d{1,3})\b", text, re.I)
    if m:
        return int(m.group(1) or 0) * 1_000_000 + int(m.group(2)) * 1000 + int(m.group(3))
    if re.search(r"\b(million|billion|thousand)\b", text, re.I):
        return None
    m = re.search(r"\d{1,3}(?:[, \u202f]\d{3})+|\d+", text)
    if not m:
        return None
    return int(re.sub(r"\D", "", m.group(0)))
