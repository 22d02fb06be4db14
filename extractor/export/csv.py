"""CSV in newsroom columns: one row per candidate per race.

The first fourteen columns are the ones FiveThirtyEight and OpenElections data desks work with
(``article_id, source, state_abbrev, office_name, district, stage, special, date, party,
candidate_name, votes, percent, winner, incumbent``); after them come the record values those
columns cannot hold without loss: ``outcome`` (``won``/``lost``/``advanced``), ``office_kind``,
``jurisdiction``, ``country`` and ``party_primary``. Last come the calibrated confidences (the record's
``confidence``, ``0.000``-``1.000``) of the row's values: ``conf_name``, ``conf_party``, ``conf_percent``,
``conf_votes``, ``conf_outcome``, ``conf_incumbent``, and for the race ``conf_office`` (the lowest of
office kind, state, district) and ``conf_election`` (the lowest of stage, special, date, party primary);
empty where the value is empty or the record has no confidences.

Booleans are written ``true``/``false``, unknown values as an empty cell. ``winner`` is ``true``
for ``won``, ``false`` for ``lost`` and empty otherwise (``advanced`` to a later round, or no
outcome stated): the ``outcome`` column keeps the difference.

>>> rec = {"id": "a1", "source": "a1.txt", "races": [{"office": {"kind": "us_house", "state": "CA",
...   "district": "34", "jurisdiction": None, "country": "US"}, "election": {"stage": "general",
...   "special": True, "date": "2017-06-06", "party_primary": None}, "candidates": [{"name": "Jimmy Gomez",
...   "party": "Democratic", "vote_pct": 60.1, "votes": None, "outcome": "won", "incumbent": False}]}]}
>>> import io; buf = io.StringIO(); write_csv([rec], buf)
1
>>> print(buf.getvalue().replace("\\r\\n", "\\n"), end="")
article_id,source,state_abbrev,office_name,district,stage,special,date,party,candidate_name,votes,percent,winner,incumbent,outcome,office_kind,jurisdiction,country,party_primary,conf_name,conf_party,conf_percent,conf_votes,conf_outcome,conf_incumbent,conf_office,conf_election
a1,a1.txt,CA,U.S. House,34,general,true,2017-06-06,Democratic,Jimmy Gomez,,60.1,true,false,won,us_house,,US,,,,,,,,,
"""
from __future__ import annotations

import csv as _csv
from typing import IO, Any, Iterable, Optional

from .names import office_name

NEWSROOM_COLUMNS = ["article_id", "source", "state_abbrev", "office_name", "district", "stage", "special", "date",
                    "party", "candidate_name", "votes", "percent", "winner", "incumbent"]
EXTRA_COLUMNS = ["outcome", "office_kind", "jurisdiction", "country", "party_primary"]
CONFIDENCE_COLUMNS = {"conf_name": "name", "conf_party": "party", "conf_percent": "vote_pct", "conf_votes": "votes",
                      "conf_outcome": "outcome", "conf_incumbent": "incumbent"}
RACE_CONFIDENCE = {"conf_office": ("office.kind", "office.state", "office.district"),
                   "conf_election": ("election.stage", "election.special", "election.date", "election.party_primary")}
CSV_COLUMNS = NEWSROOM_COLUMNS + EXTRA_COLUMNS + list(CONFIDENCE_COLUMNS) + list(RACE_CONFIDENCE)

_WINNER = {"won": True, "lost": False}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _winner(outcome: Optional[str]) -> Optional[bool]:
    return _WINNER.get(outcome) if outcome else None


def csv_rows(rec: dict) -> list[dict[str, str]]:
    """Rows of one record (a dict as emitted by ``ArticleRecord.to_json_dict``), cells as strings."""
    rows = []
    conf = rec.get("confidence") or {}
    for i, race in enumerate(rec.get("races") or []):
        o, e = race.get("office") or {}, race.get("election") or {}
        race_conf = {}
        for col, paths in RACE_CONFIDENCE.items():
            found = [conf[f"races[{i}].{p}"] for p in paths if f"races[{i}].{p}" in conf]
            race_conf[col] = f"{min(found):.3f}" if found else None
        for j, c in enumerate(race.get("candidates") or []):
            row = {
                "article_id": rec.get("id"), "source": rec.get("source"), "state_abbrev": o.get("state"),
                "office_name": office_name(o.get("kind")), "district": o.get("district"), "stage": e.get("stage"),
                "special": e.get("special"), "date": e.get("date"), "party": c.get("party"),
                "candidate_name": c.get("name"), "votes": c.get("votes"), "percent": c.get("vote_pct"),
                "winner": _winner(c.get("outcome")), "incumbent": c.get("incumbent"),
                "outcome": c.get("outcome"), "office_kind": o.get("kind"), "jurisdiction": o.get("jurisdiction"),
                "country": o.get("country"), "party_primary": e.get("party_primary"), **race_conf,
            }
            for col, f in CONFIDENCE_COLUMNS.items():
                v = conf.get(f"races[{i}].candidates[{j}].{f}")
                row[col] = f"{v:.3f}" if v is not None and c.get(f) is not None else None
            rows.append({k: _cell(row[k]) for k in CSV_COLUMNS})
    return rows


class CsvExporter:
    """Streams records into an open text file (opened with ``newline=""``): header first, then rows."""

    def __init__(self, fh: IO[str]):
        self._w = _csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        self._w.writeheader()

    def write(self, rec: dict) -> int:
        rows = csv_rows(rec)
        self._w.writerows(rows)
        return len(rows)


def write_csv(records: Iterable[dict], fh: IO[str]) -> int:
    """Header and every row of ``records`` to ``fh``; returns the number of rows."""
    out = CsvExporter(fh)
    return sum(out.write(r) for r in records)
