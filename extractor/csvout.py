"""Flat CSV rows: one per candidate per race."""
from __future__ import annotations

CSV_COLUMNS = ["article_id", "source", "office_kind", "state", "district", "jurisdiction", "country", "stage",
               "special", "party_primary", "date", "candidate", "party", "vote_pct", "votes", "outcome", "incumbent"]


def csv_rows(rec: dict) -> list[dict]:
    """Rows of one record (as emitted by ``ArticleRecord.to_json_dict``)."""
    rows = []
    for race in rec.get("races") or []:
        o, e = race["office"], race["election"]
        for c in race.get("candidates") or []:
            rows.append({
                "article_id": rec.get("id"), "source": rec.get("source"), "office_kind": o["kind"],
                "state": o.get("state"), "district": o.get("district"), "jurisdiction": o.get("jurisdiction"),
                "country": o.get("country"), "stage": e["stage"], "special": e["special"],
                "party_primary": e.get("party_primary"), "date": e.get("date"), "candidate": c["name"],
                "party": c.get("party"), "vote_pct": c.get("vote_pct"), "votes": c.get("votes"),
                "outcome": c.get("outcome"), "incumbent": c.get("incumbent"),
            })
    return rows
