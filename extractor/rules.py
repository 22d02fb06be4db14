"""Stage 2 data: the rule patterns of ``patterns/*.jsonl`` ({label, pattern, id} per line, spaCy's format)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import srsly

#: every label a pattern file may use, and what it marks
LABELS = {
    "PARTY": "a party name or alias", "PARTY_TAG": "a party tag such as (D) or R-Texas",
    "PCT": "a percentage", "POINTS": "a number of points (a margin, never a share)", "VOTES": "a vote count",
    "OFFICE": "an office phrase", "DISTRICT": "a district phrase", "STATE": "a US state name or abbreviation",
    "STAGE": "an election stage word", "SPECIAL": "a special-election / vacancy word",
    "TOPTWO": "a top-two or jungle primary word",
    "WIN": "a winning verb", "LOSE": "a losing verb", "ADVANCE": "advancing to a later round",
    "UNDECIDED": "an undecided race", "VACANCY": "why a seat came open", "SUCCESSION": "who held the seat before",
    "POLL": "a poll word", "CAND_CUE": "a candidacy word", "INCUMBENT": "an incumbency word",
    "NONINCUMBENT": "a non-incumbency word", "DISTRACTOR": "a word near numbers that are not shares",
    "ELECTION": "an election word",
    "ENDORSE": "an endorsement: the people it names back a candidate, they do not run",
}


def pattern_dir() -> Path:
    return Path(str(resources.files("extractor").joinpath("patterns")))


def pattern_files() -> list[Path]:
    return sorted(pattern_dir().glob("*.jsonl"))


@lru_cache(maxsize=None)
def _read(path: str) -> tuple[dict, ...]:
    return tuple(srsly.read_jsonl(path))


def load_patterns(names: tuple[str, ...] | list[str] | None = None) -> list[dict]:
    """Every pattern of ``patterns/*.jsonl`` (or only the named files), as fresh dicts."""
    out = []
    for path in pattern_files():
        if names is None or path.stem in names:
            out.extend(dict(p) for p in _read(str(path)))
    return out


def value_of(rule_id: str) -> str:
    """The normalised value a pattern id carries: ``"us_house/congressional-district"`` -> ``"us_house"``."""
    return rule_id.split("/", 1)[0]


def key_of(rule_id: str) -> str:
    """The phrase part of a pattern id: ``"vacancy/stepped-down"`` -> ``"stepped-down"``."""
    return rule_id.split("/", 1)[1] if "/" in rule_id else rule_id
