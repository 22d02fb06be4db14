"""The race record (RECORD.md) as pydantic v2 models.

Validation normalises what has one right spelling (USPS codes, districts, party aliases) and rejects
what cannot be true (a share above 100, a negative count). Contradictions that may be real (two
winners, shares summing past 100.5) become ``warnings`` on the article record instead of errors.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .enums import ArticleKind, OfficeKind, Outcome, Stage, VacancyReason
from .normalize import normalize_district, normalize_party, normalize_state

#: keys of the record contract, in contract order (extras such as evidence come after them)
CONTRACT_KEYS = ("id", "source", "url", "published", "kind", "races")


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", use_enum_values=True, validate_assignment=True)


class Evidence(_Model):
    """The words a value came from: ``text[start:end] == evidence.text``."""

    field: str = Field(description="record path of the value, e.g. races[0].candidates[1].vote_pct")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    rule: Optional[str] = Field(default=None, description="id of the pattern or rule that produced it")

    @model_validator(mode="after")
    def _ordered(self) -> "Evidence":
        if self.end < self.start:
            raise ValueError("evidence end before start")
        return self


class Office(_Model):
    kind: Optional[OfficeKind] = Field(description="null only when left out by --min-confidence")
    state: Optional[str] = None
    district: Optional[str] = None
    jurisdiction: Optional[str] = None
    country: str = "US"

    @field_validator("state", mode="before")
    @classmethod
    def _state(cls, v: Any) -> Optional[str]:
        if v is None or v == "":
            return None
        code = normalize_state(str(v))
        if code is None:
            raise ValueError(f"unknown US state {v!r}")
        return code

    @field_validator("district", mode="before")
    @classmethod
    def _district(cls, v: Any) -> Optional[str]:
        if v is None or v == "":
            return None
        d = normalize_district(v)
        if d is None:
            raise ValueError(f"unreadable district {v!r}")
        return d

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, v: Any) -> str:
        s = str(v or "US").strip().upper()
        if len(s) != 2 or not s.isalpha():
            raise ValueError(f"country must be ISO 3166 alpha-2, got {v!r}")
        return s


class Election(_Model):
    stage: Optional[Stage] = Field(description="null only when left out by --min-confidence")
    special: Optional[bool] = Field(default=False, description="null only when left out by --min-confidence")
    date: Optional[_dt.date] = None
    party_primary: Optional[str] = None

    @field_validator("party_primary", mode="before")
    @classmethod
    def _party(cls, v: Any) -> Optional[str]:
        return normalize_party(v) if isinstance(v, str) else v


class Candidate(_Model):
    name: str = Field(min_length=1)
    party: Optional[str] = None
    vote_pct: Optional[float] = Field(default=None, ge=0, le=100)
    votes: Optional[int] = Field(default=None, ge=0)
    outcome: Optional[Outcome] = None
    incumbent: Optional[bool] = None

    @field_validator("party", mode="before")
    @classmethod
    def _party(cls, v: Any) -> Optional[str]:
        return normalize_party(v) if isinstance(v, str) else v

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        v = " ".join(v.split())
        if not v:
            raise ValueError("empty candidate name")
        return v


class Predecessor(_Model):
    name: str = Field(min_length=1)
    party: Optional[str] = None
    reason: Optional[VacancyReason] = None

    @field_validator("party", mode="before")
    @classmethod
    def _party(cls, v: Any) -> Optional[str]:
        return normalize_party(v) if isinstance(v, str) else v


class Race(_Model):
    office: Office
    election: Election
    candidates: list[Candidate] = Field(default_factory=list)
    predecessor: Optional[Predecessor] = None

    def consistency_warnings(self) -> list[str]:
        """Facts that contradict each other inside this contest (kept, but flagged)."""
        out = []
        shares = [c.vote_pct for c in self.candidates if c.vote_pct is not None]
        if shares and sum(shares) > 100.5:
            out.append(f"vote shares sum to {sum(shares):.1f} (> 100.5)")
        winners = [c for c in self.candidates if c.outcome == Outcome.WON.value]
        if len(winners) > 1:
            out.append("more than one winner: " + ", ".join(c.name for c in winners))
        for w in winners:
            for c in self.candidates:
                if c is not w and c.votes is not None and w.votes is not None and c.votes > w.votes:
                    out.append(f"winner {w.name} has fewer votes than {c.name}")
        return out


class Warning_(_Model):
    message: str
    race: Optional[int] = None
    evidence: list[Evidence] = Field(default_factory=list)


class ArticleRecord(_Model):
    """One article: its kind and every race it reports."""

    id: str
    source: Optional[str] = None
    url: Optional[str] = None
    published: Optional[_dt.date] = None
    kind: ArticleKind = ArticleKind.NOT_ELECTION
    races: list[Race] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)
    confidence: dict[str, float] = Field(
        default_factory=dict,
        description="calibrated confidence in [0, 1] of every emitted fact, keyed by the record path used by "
                    "evidence[].field (races[0].candidates[1].vote_pct): of the facts given 0.9, about nine in "
                    "ten were right on annotated articles")
    version: Optional[str] = None

    @field_validator("confidence")
    @classmethod
    def _unit(cls, v: dict[str, float]) -> dict[str, float]:
        bad = [k for k, x in v.items() if not 0.0 <= x <= 1.0]
        if bad:
            raise ValueError(f"confidence outside [0, 1] at {bad[0]}")
        return v

    @model_validator(mode="after")
    def _check_races(self) -> "ArticleRecord":
        known = {w.message for w in self.warnings}
        for i, race in enumerate(self.races):
            for msg in race.consistency_warnings():
                if msg not in known:
                    self.warnings.append(Warning_(message=msg, race=i))
                    known.add(msg)
        return self

    def contract(self) -> dict[str, Any]:
        """The contract keys only (what gold files hold), JSON-ready."""
        data = self.model_dump(mode="json")
        return {k: data[k] for k in CONTRACT_KEYS}

    def to_json_dict(self, evidence: bool = True) -> dict[str, Any]:
        """Contract keys first, then confidence, evidence, warnings and version."""
        data = self.model_dump(mode="json")
        out = {k: data[k] for k in CONTRACT_KEYS}
        out["confidence"] = data["confidence"]
        if evidence:
            out["evidence"] = data["evidence"]
        out["warnings"] = data["warnings"]
        out["version"] = data["version"]
        return out
