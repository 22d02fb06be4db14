"""Dates: a spaCy DATE span -> the calendar day it names, relative to the publication date.

Only spaCy DATE spans are handed to dateparser (its free-text search reads "to" and "are" as
dates). A weekday ("Tuesday") means the last such day on or before publication (the next one for a
race not yet run); a day without a
year takes the publication's year. Without a publication date only dates with a year resolve.
"""
from __future__ import annotations

import datetime as dt
import re
import warnings
from functools import lru_cache
from typing import Optional

import dateparser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.I)
_RELATIVE = ("today", "tonight", "yesterday", "last night", "this morning")


def resolve_date(text: str, published: Optional[dt.date], future: bool = False,
                 past: bool = False) -> Optional[dt.date]:
    """The day a DATE phrase names, or None when it is vague, relative without a base, or a range.
    A weekday is the last such day on or before publication, or with ``future`` the next one on or after.
    A day and month without a year fall in the year of publication; with ``past`` (the phrase tells
    something already held) a day more than half a year after publication is last year's, and with
    ``future`` one more than half a year before it is next year's.

    >>> resolve_date("Tuesday", dt.date(2017, 6, 7))
    datetime.date(2017, 6, 6)
    >>> resolve_date("Tuesday", dt.date(2017, 6, 19), future=True)
    datetime.date(2017, 6, 20)
    >>> resolve_date("Tuesday's", dt.date(2025, 12, 2))
    datetime.date(2025, 12, 2)
    >>> resolve_date("November 4", dt.date(2025, 12, 2)), resolve_date("Sept. 23", dt.date(2025, 7, 15))
    (datetime.date(2025, 11, 4), datetime.date(2025, 9, 23))
    >>> resolve_date("November 4", dt.date(2009, 1, 5), past=True), resolve_date("Jan. 10", dt.date(2025, 12, 1), future=True)
    (datetime.date(2008, 11, 4), datetime.date(2026, 1, 10))
    >>> resolve_date("March 11, 2014", None)
    datetime.date(2014, 3, 11)
    >>> resolve_date("Tuesday", None) is None, resolve_date("the past two decades", dt.date(2020, 1, 1)) is None
    (True, True)
    """
    t = " ".join(text.replace("’", "'").split()).strip().rstrip(".,")
    t = re.sub(r"'s$", "", t)
    low = t.lower()
    low = re.sub(r"^(on|this|last|late|early|next)\s+", "", low)
    if low in WEEKDAYS:
        if published is None:
            return None
        if future:
            return published + dt.timedelta(days=(WEEKDAYS.index(low) - published.weekday()) % 7)
        delta = (published.weekday() - WEEKDAYS.index(low)) % 7
        return published - dt.timedelta(days=delta)
    if low in ("today", "tonight"):
        return published
    if not _MONTH.search(low):
        return None
    if not re.search(r"\d", low):
        return None  # "November" alone is a month, not a day
    has_year = bool(_YEAR.search(low))
    if not has_year and published is None:
        return None
    base = published or dt.date.today()
    value = _parse(t, base.isoformat())
    if value is None:
        return None
    if not has_year and published is not None:
        value = _replace_year(value, published.year)
        if past and value > published + dt.timedelta(days=182):
            value = _replace_year(value, published.year - 1)
        elif future and value < published - dt.timedelta(days=182):
            value = _replace_year(value, published.year + 1)
    return value


def _replace_year(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # February 29 in a year without it
        return day.replace(year=year, day=28)


@lru_cache(maxsize=4096)
def _parse(text: str, base_iso: str) -> Optional[dt.date]:
    base = dt.datetime.fromisoformat(base_iso)
    settings = {"RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month"],
                "STRICT_PARSING": False, "RETURN_AS_TIMEZONE_AWARE": False}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = dateparser.parse(text, languages=["en"], settings=settings)
        except Exception:  # dateparser raises odd errors on odd strings; a date we cannot read is no date
            return None
    return value.date() if value else None


def published_from_header(lines: list[str]) -> Optional[dt.date]:
    """A publication date from the header lines of an article ("Published July 15, 2025 at 9:19 PM MST",
    "By: Frank Corder - December 2, 2025"): the first full date with a year among them.

    >>> published_from_header(["Headline", "By: Jane Roe - December 2, 2025"])
    datetime.date(2025, 12, 2)
    >>> published_from_header(["Aug. 8 (UPI) -- Republicans claimed victory"]) is None
    True
    """
    keyed = [ln for ln in lines if re.match(r"\s*(published|posted|updated|by\b|on\b)", ln, re.I)]
    for line in keyed + [ln for ln in lines if ln not in keyed]:
        for m in re.finditer(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:1[89]|20)\d\d\b", line, re.I):
            value = _parse(m.group(0), dt.date.today().isoformat())
            if value:
                return value
    return None
