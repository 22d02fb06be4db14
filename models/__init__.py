"""Race-record models (pydantic v2). Import-light: no spaCy here, so other tools can use the schema alone."""
from .enums import ArticleKind, OfficeKind, Outcome, Stage, VacancyReason
from .normalize import normalize_district, normalize_party, normalize_state, parse_percent, parse_votes
from .record import (
    CONTRACT_KEYS,
    ArticleRecord,
    Candidate,
    Election,
    Evidence,
    Office,
    Predecessor,
    Race,
    Warning_ as RecordWarning,
)

__all__ = [
    "ArticleKind", "ArticleRecord", "CONTRACT_KEYS", "Candidate", "Election", "Evidence", "Office",
    "OfficeKind", "Outcome", "Predecessor", "Race", "RecordWarning", "Stage", "VacancyReason",
    "normalize_district", "normalize_party", "normalize_state", "parse_percent", "parse_votes",
]
