"""Race records as a NIST SP 1500-100 v2 Election Results Common Data Format (CDF) report, in JSON.

``records_to_cdf(records)`` maps record dicts (``ArticleRecord.to_json_dict()``) to one
``ElectionResults.ElectionReport`` that validates against the official JSON Schema shipped beside this
module (``NIST_V2_election_results_reporting.json``, see ``NIST_NOTICE.md``):

* each article's races are grouped into ``Election`` objects by (date, stage, special, scope); the
  ``Type`` is ``general``, ``special`` (a special general or by-election), ``primary``, ``runoff``, or
  ``other`` with ``OtherType: recall``;
* each race is a ``CandidateContest`` (``VotesAllowed`` 1, ``PrimaryPartyIds`` for a party primary)
  for an ``Office`` (``Term`` ``unexpired-term`` for a special election) in a ``ReportingUnit``
  (country, state, congressional / state-senate / state-house district with its OCD-ID, city, county,
  constituency);
* each candidate is a ``Candidate`` (``BallotName``, ``PartyId``, ``PersonId``, ``IsIncumbent``,
  ``PostElectionStatus`` ``winner`` / ``defeated`` / ``advanced-to-runoff``) with a
  ``CandidateSelection`` carrying ``VoteCounts`` (``Type: total``) when the article states a count.

What CDF cannot hold is dropped: vote shares (CDF has counts, not percentages), the predecessor, the
evidence and the warnings. CDF requires a date for every election: where the article states none, the
publication date stands in (else the export date) and the election carries an ``ExternalIdentifier``
``election-date-source`` telling which (``stated``, ``publication-date`` or ``export-date``);
``undated="skip"`` leaves such races out instead.
"""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Optional

from .names import country_name, office_name, slug, state_name

SCHEMA_FILE = "NIST_V2_election_results_reporting.json"
P = "ElectionResults."

#: offices whose contest district is a numbered district, with (ReportingUnit type, OCD-ID segment)
_NUMBERED = {"us_house": ("congressional", "cd"), "state_senate": ("state-senate", "sldu"),
             "state_house": ("state-house", "sldl")}
_CITY = {"mayor", "city_council"}
_COUNTY = {"county_executive", "county_legislature", "sheriff"}
_STATUS = {"won": "winner", "lost": "defeated", "advanced": "advanced-to-runoff"}
_OCD_NOT_STATE = {"DC": "district:dc", "PR": "territory:pr", "GU": "territory:gu", "VI": "territory:vi",
                  "AS": "territory:as", "MP": "territory:mp"}


@lru_cache(maxsize=None)
def cdf_schema() -> dict:
    """The official NIST SP 1500-100 v2 JSON Schema (draft-04), as shipped with the package."""
    return json.loads(resources.files("extractor.export").joinpath(SCHEMA_FILE).read_text("utf-8"))


def text(content: str, language: str = "en") -> dict:
    """An ``InternationalizedText`` with one language string."""
    return {"@type": P + "InternationalizedText",
            "Text": [{"@type": P + "LanguageString", "Content": content, "Language": language}]}


def _ext(other_type: str, value: str) -> dict:
    return {"@type": P + "ExternalIdentifier", "Type": "other", "OtherType": other_type, "Value": value}


def _ocd(value: str) -> dict:
    return {"@type": P + "ExternalIdentifier", "Type": "ocd-id", "Value": value}


class _Report:
    def __init__(self, undated: str, generated: dt.datetime):
        self.units: dict[str, dict] = {}
        self.children: dict[str, list[str]] = {}
        self.parties: dict[str, dict] = {}
        self.persons: dict[str, dict] = {}
        self.offices: dict[str, dict] = {}
        self.elections: list[dict] = []
        self.undated = undated
        self.generated = generated
        self.dropped_shares = 0
        self.undated_races = 0
        self.article_keys: set[str] = set()

    # ------------------------------------------------------------------ reporting units
    def unit(self, uid: str, rtype: str, name: str, parent: Optional[str] = None, other_type: Optional[str] = None,
             number: Optional[str] = None, ocd: Optional[str] = None) -> str:
        if uid not in self.units:
            u: dict[str, Any] = {"@id": uid, "@type": P + "ReportingUnit", "Type": rtype, "Name": text(name)}
            if other_type:
                u["OtherType"] = other_type
            if number:
                u["Number"] = number
            if ocd:
                u["ExternalIdentifier"] = [_ocd(ocd)]
            self.units[uid] = u
            if parent:
                self.children.setdefault(parent, []).append(uid)
        return uid

    def country(self, cc: str) -> str:
        return self.unit(f"ru-{cc.lower()}", "country", country_name(cc), ocd=f"ocd-division/country:{cc.lower()}")

    def state(self, cc: str, st: Optional[str]) -> str:
        """The state's unit for a US race with a state, else the country's."""
        country = self.country(cc)
        if cc != "US" or not st:
            return country
        seg = _OCD_NOT_STATE.get(st, f"state:{st.lower()}")
        return self.unit(f"ru-us-{st.lower()}", "state", state_name(st) or st, parent=country,
                         ocd=f"ocd-division/country:us/{seg}")

    def district(self, office: dict, contest_id: str) -> tuple[str, str]:
        """(ReportingUnit id of the contest's district, readable seat name)."""
        kind, cc = office.get("kind"), (office.get("country") or "US").upper()
        st, dist, juris = office.get("state"), office.get("district"), office.get("jurisdiction")
        scope = self.state(cc, st)
        where = st if cc == "US" and st else country_name(cc)
        oname = office_name(kind)
        if kind in _NUMBERED and cc == "US" and st:
            rtype, seg = _NUMBERED[kind]
            if dist == "at-large":
                if kind == "us_house":
                    return scope, f"{oname} {st} at-large"
                return (self.unit(f"{scope}-{seg}-at-large", rtype, f"{state_name(st) or st} {oname} at-large district",
                                  parent=scope), f"{oname} {st} at-large")
            if dist:
                ocd = self.units[scope]["ExternalIdentifier"][0]["Value"] + f"/{seg}:{dist}"
                label = f"{st}-{dist}" if kind == "us_house" else f"{st} District {dist}"
                return (self.unit(f"{scope}-{seg}-{slug(dist)}", rtype,
                                  f"{state_name(st) or st} {oname} District {dist}", parent=scope, number=dist,
                                  ocd=ocd), f"{oname} {label}")
            # a districted seat whose district the article does not name: a unit of its own, no number
            return (self.unit(f"ru-{contest_id}", rtype, f"{state_name(st) or st} {oname} district (not stated)",
                              parent=scope), f"{oname} {st} (district not stated)")
        if juris:
            if kind in _CITY:
                rtype, other = "city", None
            elif kind in _COUNTY:
                rtype, other = "county", None
            elif kind == "national_legislature" or (kind == "regional_legislature"):
                rtype, other = "other", "constituency"
            else:
                rtype, other = "other", "jurisdiction"
            juris_id = self.unit(f"{scope}-{rtype if rtype != 'other' else other}-{slug(juris)}", rtype, juris,
                                 parent=scope, other_type=other)
            if dist:
                sub_type = {"city": "city-council", "county": "county-council"}.get(rtype, "other")
                return (self.unit(f"{juris_id}-district-{slug(dist)}", sub_type, f"{juris} District {dist}",
                                  parent=juris_id, number=dist, other_type=None if sub_type != "other" else "district"),
                        f"{oname}, {juris} District {dist}")
            if kind in ("national_legislature", "regional_legislature"):
                return juris_id, f"{oname}, {juris}"
            return juris_id, f"{oname} of {juris}" if kind in ("mayor", "county_executive", "sheriff") else f"{oname}, {juris}"
        if dist:
            return (self.unit(f"{scope}-{slug(kind)}-district-{slug(dist)}", "other", f"{where} {oname} District {dist}",
                              parent=scope, number=dist, other_type="district"), f"{oname} {where} District {dist}")
        return scope, f"{oname}, {state_name(st) or where}" if cc == "US" and st else f"{oname}, {country_name(cc)}"

    # ------------------------------------------------------------------ parties, people, offices
    def party(self, name: Optional[str], cc: str) -> Optional[str]:
        if not name:
            return None
        pid = f"party-{cc.lower()}-{slug(name)}"
        if pid not in self.parties:
            self.parties[pid] = {"@id": pid, "@type": P + "Party", "Name": text(name),
                                 "PartyScopeGpUnitIds": [self.country(cc)]}
        return pid

    def person(self, name: str, article: str) -> str:
        # one person per name within an article; the same name in two articles stays two people
        pid = f"person-{article}-{slug(name)}"
        if pid not in self.persons:
            self.persons[pid] = {"@id": pid, "@type": P + "Person", "FullName": text(name)}
        return pid

    def office(self, office: dict, district_id: str, seat: str, special: bool) -> str:
        oid = f"office-{district_id[3:]}-{slug(office.get('kind'))}" + ("-unexpired" if special else "")
        if oid not in self.offices:
            o = {"@id": oid, "@type": P + "Office", "Name": text(seat), "ElectionDistrictId": district_id}
            if special:
                o["Term"] = {"@type": P + "Term", "Type": "unexpired-term"}
            self.offices[oid] = o
        return oid

    # ------------------------------------------------------------------ records
    def add_record(self, rec: dict) -> None:
        art = str(rec.get("id") or "article")
        # the key in every id made for this article: unique even for repeated or look-alike article ids
        key, n = slug(art), 1
        while key in self.article_keys:
            n += 1
            key = f"{slug(art)}-{n}"
        self.article_keys.add(key)
        elections: dict[tuple, dict] = {}
        for i, race in enumerate(rec.get("races") or []):
            o, e = race.get("office") or {}, race.get("election") or {}
            date, source = e.get("date"), "stated"
            if not date:
                if self.undated == "skip":
                    self.undated_races += 1
                    continue
                date, source = (rec["published"], "publication-date") if rec.get("published") else \
                    (self.generated.date().isoformat(), "export-date")
                self.undated_races += 1
            cc = (o.get("country") or "US").upper()
            scope = self.state(cc, o.get("state"))
            stage, special = e.get("stage") or "general", bool(e.get("special"))
            group = (date, source, stage, special, scope)
            if group not in elections:
                elections[group] = self._election(art, date, source, stage, special, scope, cc, o.get("state"))
            self._contest(elections[group], rec, art, key, i, race, cc)
        self.elections.extend(elections.values())

    def _election(self, art, date, source, stage, special, scope, cc, st) -> dict:
        if stage == "recall":
            etype, other = "other", "recall"
        elif stage == "general":
            etype, other = ("special" if special else "general"), None
        else:
            etype, other = stage, None  # primary, runoff
        where = (state_name(st) or st) if cc == "US" and st else country_name(cc)
        name = f"{where} {'special ' if special else ''}{stage} election"
        name += f", {date}" if source == "stated" else " (date not stated)"
        el: dict[str, Any] = {"@type": P + "Election", "ElectionScopeId": scope, "Name": text(name),
                              "StartDate": date, "EndDate": date, "Type": etype, "Candidate": [], "Contest": [],
                              "ExternalIdentifier": [_ext("election-date-source", source),
                                                     _ext("article-id", art)]}
        if other:
            el["OtherType"] = other
        return el

    def _contest(self, el: dict, rec: dict, art: str, key: str, i: int, race: dict, cc: str) -> None:
        o, e = race.get("office") or {}, race.get("election") or {}
        cid = f"contest-{key}-{i}"
        district_id, seat = self.district(o, cid)
        special = bool(e.get("special"))
        stage = e.get("stage") or "general"
        label = ("special " if special else "") + stage
        if e.get("party_primary"):
            label = f"{e['party_primary']} {label}"
        contest: dict[str, Any] = {
            "@id": cid, "@type": P + "CandidateContest", "Name": f"{seat} ({label})",
            "ElectionDistrictId": district_id, "VotesAllowed": 1,
            "OfficeIds": [self.office(o, district_id, seat, special)],
            "ExternalIdentifier": [_ext("election-extractor-race", f"{art}#races[{i}]")],
        }
        if rec.get("source"):
            contest["ExternalIdentifier"].append(_ext("source", str(rec["source"])))
        if rec.get("url"):
            contest["ExternalIdentifier"].append(_ext("url", str(rec["url"])))
        pp = self.party(e.get("party_primary"), cc)
        if pp:
            contest["PrimaryPartyIds"] = [pp]
        selections = []
        for j, c in enumerate(race.get("candidates") or []):
            cand_id = f"{cid}-cand-{j}"
            cand: dict[str, Any] = {"@id": cand_id, "@type": P + "Candidate", "BallotName": text(c["name"]),
                                    "PersonId": self.person(c["name"], key)}
            party = self.party(c.get("party"), cc)
            if party:
                cand["PartyId"] = party
            if c.get("incumbent") is not None:
                cand["IsIncumbent"] = bool(c["incumbent"])
            if c.get("outcome") in _STATUS:
                cand["PostElectionStatus"] = _STATUS[c["outcome"]]
            el["Candidate"].append(cand)
            sel: dict[str, Any] = {"@id": f"{cid}-sel-{j}", "@type": P + "CandidateSelection",
                                   "CandidateIds": [cand_id], "SequenceOrder": j + 1}
            if c.get("votes") is not None:
                sel["VoteCounts"] = [{"@type": P + "VoteCounts", "Count": int(c["votes"]),
                                      "GpUnitId": district_id, "Type": "total"}]
            if c.get("vote_pct") is not None:
                self.dropped_shares += 1
            selections.append(sel)
        if selections:
            contest["ContestSelection"] = selections
        el["Contest"].append(contest)

    def report(self, issuer: str, version: str) -> dict:
        for parent, kids in self.children.items():
            self.units[parent]["ComposingGpUnitIds"] = kids
        notes = ("Extracted by rules from news articles; unofficial. Vote shares have no CDF field and are "
                 f"left out ({self.dropped_shares} dropped); predecessors, evidence and warnings are not exported.")
        if self.undated_races:
            notes += (f" {self.undated_races} race(s) had no stated date" +
                      (" and were left out." if self.undated == "skip" else
                       ": see ExternalIdentifier election-date-source on each Election."))
        out: dict[str, Any] = {
            "@type": P + "ElectionReport",
            "Format": "summary-contest",
            "GeneratedDate": self.generated.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Issuer": issuer,
            "IssuerAbbreviation": issuer,
            "SequenceStart": 1,
            "SequenceEnd": 1,
            "Status": "unofficial-partial",
            "VendorApplicationId": f"election-extractor {version}",
            "Notes": notes,
        }
        for key, items in (("Election", self.elections), ("GpUnit", list(self.units.values())),
                           ("Office", list(self.offices.values())), ("Party", list(self.parties.values())),
                           ("Person", list(self.persons.values()))):
            if items:
                out[key] = items
        for el in self.elections:
            for k in ("Candidate", "Contest"):
                if not el[k]:
                    del el[k]
        return out


def records_to_cdf(records: Iterable[dict], *, generated: Optional[dt.datetime] = None,
                   issuer: str = "election-extractor", undated: str = "placeholder") -> dict:
    """One ``ElectionReport`` (a JSON-ready dict) for record dicts as made by ``ArticleRecord.to_json_dict``.

    ``generated`` (UTC) fixes ``GeneratedDate`` (default: now); ``undated="skip"`` leaves out races
    without a stated date instead of dating them by publication (see the module docstring).

    >>> report = records_to_cdf([], generated=dt.datetime(2024, 1, 2, 3, 4, 5))
    >>> report["@type"], report["GeneratedDate"], report["Status"]
    ('ElectionResults.ElectionReport', '2024-01-02T03:04:05Z', 'unofficial-partial')
    """
    from .. import __version__

    if undated not in ("placeholder", "skip"):
        raise ValueError("undated must be 'placeholder' or 'skip'")
    if generated is None:
        generated = dt.datetime.now(dt.timezone.utc)
    elif generated.tzinfo is not None:
        generated = generated.astimezone(dt.timezone.utc)
    rep = _Report(undated, generated)
    for rec in records:
        rep.add_record(rec)
    return rep.report(issuer, __version__)


def validate_cdf(report: dict) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``report`` is valid against the NIST schema (formats
    such as dates checked too)."""
    import jsonschema

    jsonschema.Draft4Validator(cdf_schema(), format_checker=jsonschema.FormatChecker()).validate(report)
