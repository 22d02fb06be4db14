"""Closed vocabularies of the race record (see RECORD.md)."""
from __future__ import annotations

from enum import Enum


class _StrEnum(str, Enum):
    def __str__(self) -> str:  # print the value, not the member name
        return self.value


class ArticleKind(_StrEnum):
    RESULTS = "results"
    ROUNDUP = "roundup"
    PREVIEW = "preview"
    POLL = "poll"
    NOT_ELECTION = "not_election"


class OfficeKind(_StrEnum):
    US_PRESIDENT = "us_president"
    US_SENATE = "us_senate"
    US_HOUSE = "us_house"
    GOVERNOR = "governor"
    LIEUTENANT_GOVERNOR = "lieutenant_governor"
    ATTORNEY_GENERAL = "attorney_general"
    SECRETARY_OF_STATE = "secretary_of_state"
    STATE_EXECUTIVE_OTHER = "state_executive_other"
    STATE_SENATE = "state_senate"
    STATE_HOUSE = "state_house"
    MAYOR = "mayor"
    CITY_COUNCIL = "city_council"
    COUNTY_EXECUTIVE = "county_executive"
    COUNTY_LEGISLATURE = "county_legislature"
    JUDICIAL = "judicial"
    SCHOOL_BOARD = "school_board"
    SHERIFF = "sheriff"
    PROSECUTOR = "prosecutor"
    OTHER_LOCAL = "other_local"
    NATIONAL_LEGISLATURE = "national_legislature"
    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    REGIONAL_LEGISLATURE = "regional_legislature"
    OTHER = "other"


class Stage(_StrEnum):
    PRIMARY = "primary"
    GENERAL = "general"
    RUNOFF = "runoff"
    RECALL = "recall"


class Outcome(_StrEnum):
    WON = "won"
    LOST = "lost"
    ADVANCED = "advanced"


class VacancyReason(_StrEnum):
    RESIGNED = "resigned"
    DIED = "died"
    RETIRED = "retired"
    APPOINTED = "appointed"
    EXPELLED = "expelled"
    RECALLED = "recalled"
    TERM_LIMITED = "term-limited"
    DEFEATED = "defeated"
