"""Readable names shared by the exports: offices, states, countries."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

#: office kind (RECORD.md) -> the office name a results table prints
OFFICE_NAMES = {
    "us_president": "President",
    "us_senate": "U.S. Senate",
    "us_house": "U.S. House",
    "governor": "Governor",
    "lieutenant_governor": "Lieutenant Governor",
    "attorney_general": "Attorney General",
    "secretary_of_state": "Secretary of State",
    "state_executive_other": "State Executive Office",
    "state_senate": "State Senate",
    "state_house": "State House",
    "mayor": "Mayor",
    "city_council": "City Council",
    "county_executive": "County Executive",
    "county_legislature": "County Legislature",
    "judicial": "Judicial",
    "school_board": "School Board",
    "sheriff": "Sheriff",
    "prosecutor": "Prosecutor",
    "other_local": "Local Office",
    "national_legislature": "National Legislature",
    "head_of_state": "Head of State",
    "head_of_government": "Head of Government",
    "regional_legislature": "Regional Legislature",
    "other": "Other Office",
}

COUNTRY_NAMES = {
    "US": "United States", "GB": "United Kingdom", "CA": "Canada", "AU": "Australia", "FR": "France",
    "DE": "Germany", "IE": "Ireland", "NZ": "New Zealand", "IN": "India", "MX": "Mexico", "BR": "Brazil",
    "IT": "Italy", "ES": "Spain", "JP": "Japan", "ZA": "South Africa", "IL": "Israel", "NL": "Netherlands",
}


def office_name(kind: Optional[str]) -> str:
    """``office_name("us_house") == "U.S. House"``; unknown kinds are title-cased."""
    if not kind:
        return ""
    return OFFICE_NAMES.get(kind, kind.replace("_", " ").title())


def state_name(code: Optional[str]) -> Optional[str]:
    """Full name of a USPS code (``"CA"`` -> ``"California"``), None if unknown."""
    if not code:
        return None
    from models.normalize import _data

    info = _data("us_states.json").get(code.upper())
    return info["name"] if info else None


def country_name(code: Optional[str]) -> str:
    code = (code or "").upper()
    return COUNTRY_NAMES.get(code, code)


def slug(text: Optional[str]) -> str:
    """Lower-case ASCII with hyphens: ``slug("Bloc Québécois") == "bloc-quebecois"``."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"
