"""Exports: newsroom CSV, NIST SP 1500-100 v2 CDF JSON (validated against the official schema), and the
``show --html`` evidence page (parsed back with the stdlib HTML parser)."""
import csv
import datetime as dt
import io
import json
from html.parser import HTMLParser

import jsonschema
import pytest

from extractor.cli import main
from extractor.export.cdf import cdf_schema, records_to_cdf, validate_cdf
from extractor.export.csv import CSV_COLUMNS, NEWSROOM_COLUMNS, csv_rows, write_csv
from extractor.export.html import evidence_label, render_html, render_page
from extractor.ingest import read_path

from .conftest import CORPUS, ROOT, SEED, SHARED

NOW = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc)
SAMPLE_ARTICLES = ["c_va-hd94-tie-2018.txt", "b_mayors-roundup-2021.txt", "a_wi-sd10-special-2018.txt",
                   "c_tx-runoffs-2012.txt"]


@pytest.fixture(scope="module")
def seed_record(extractor):
    art = next(read_path(SEED))
    return next(extractor.extract_articles([art])).to_json_dict(), art.text


def _record(**race_overrides):
    """A small record dict in the contract shape; ``race_overrides`` replace office/election/candidates."""
    race = {
        "office": {"kind": "us_house", "state": "MT", "district": "at-large", "jurisdiction": None, "country": "US"},
        "election": {"stage": "general", "special": True, "date": "2017-05-25", "party_primary": None},
        "candidates": [
            {"name": "Greg Gianforte", "party": "Republican", "vote_pct": 50.2, "votes": 190520, "outcome": "won",
             "incumbent": False},
            {"name": "Rob Quist", "party": "Democratic", "vote_pct": 44.1, "votes": 167390, "outcome": "lost",
             "incumbent": False},
        ],
        "predecessor": {"name": "Ryan Zinke", "party": "Republican", "reason": "appointed"},
    }
    race.update(race_overrides)
    return {"id": "mt-2017", "source": "mt.txt", "url": None, "published": "2017-05-26", "kind": "results",
            "races": [race], "evidence": [], "warnings": [], "version": "0.1.0"}


# ---------------------------------------------------------------------------------------------- CSV
def test_csv_columns_start_with_the_newsroom_set():
    assert CSV_COLUMNS[:14] == ["article_id", "source", "state_abbrev", "office_name", "district", "stage", "special",
                                "date", "party", "candidate_name", "votes", "percent", "winner", "incumbent"]
    assert NEWSROOM_COLUMNS == CSV_COLUMNS[:14] and "outcome" in CSV_COLUMNS


def test_csv_rows_of_the_seed(seed_record):
    rec, _ = seed_record
    rows = csv_rows(rec)
    assert len(rows) == 4
    gomez, ahn, gomez_primary, _ = rows
    assert (gomez["state_abbrev"], gomez["office_name"], gomez["district"], gomez["stage"], gomez["special"]) == \
        ("CA", "U.S. House", "34", "general", "true")
    assert (gomez["candidate_name"], gomez["party"], gomez["percent"], gomez["votes"], gomez["winner"],
            gomez["incumbent"], gomez["outcome"]) == ("Jimmy Gomez", "Democratic", "60.1", "", "true", "false", "won")
    assert (ahn["winner"], ahn["outcome"]) == ("false", "lost")
    # advancing from the top-two primary is not winning the contest: winner stays empty, outcome says it
    assert (gomez_primary["stage"], gomez_primary["winner"], gomez_primary["outcome"]) == ("primary", "", "advanced")


def test_csv_votes_unknown_outcome_and_quoting():
    rec = _record(office={"kind": "national_legislature", "state": None, "district": None,
                          "jurisdiction": "Runcorn and Helsby", "country": "GB"},
                  candidates=[{"name": "Smith, Jr., Sarah", "party": "Reform UK", "vote_pct": None, "votes": 12645,
                               "outcome": None, "incumbent": None}])
    buf = io.StringIO(newline="")
    assert write_csv([rec], buf) == 1
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert rows[0]["candidate_name"] == "Smith, Jr., Sarah"
    assert (rows[0]["votes"], rows[0]["percent"], rows[0]["winner"], rows[0]["incumbent"]) == ("12645", "", "", "")
    assert (rows[0]["state_abbrev"], rows[0]["country"], rows[0]["jurisdiction"]) == ("", "GB", "Runcorn and Helsby")


def test_batch_csv_of_a_record_without_races(tmp_path):
    src = tmp_path / "none.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "The weather was fine on Tuesday."}) + "\n")
    out = tmp_path / "c.csv"
    assert main(["batch", str(src), "--csv", str(out), "--workers", "1"]) == 0
    assert out.read_text("utf-8").splitlines() == [",".join(CSV_COLUMNS)]


# ---------------------------------------------------------------------------------------------- CDF
def _validator():
    return jsonschema.Draft4Validator(cdf_schema(), format_checker=jsonschema.FormatChecker())


def _walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def assert_valid_cdf(report):
    errors = sorted(_validator().iter_errors(report), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    validate_cdf(report)
    # references resolve and ids are unique: the schema cannot check that
    ids = [n["@id"] for n in _walk(report) if "@id" in n]
    assert len(ids) == len(set(ids))
    ids = set(ids)
    for n in _walk(report):
        for k, v in n.items():
            if k.endswith("Ids"):
                assert set(v) <= ids, (k, v)
            elif k.endswith("Id") and k not in ("VendorApplicationId",):
                assert v in ids, (k, v)


def test_schema_is_shipped_unchanged_with_its_notice():
    shipped = ROOT / "extractor" / "export" / "NIST_V2_election_results_reporting.json"
    assert json.loads(shipped.read_text("utf-8")) == cdf_schema()
    original = SHARED / "nist" / "NIST_V2_election_results_reporting.json"
    if original.exists():
        assert shipped.read_bytes() == original.read_bytes()
    notice = (ROOT / "extractor" / "export" / "NIST_NOTICE.md").read_text("utf-8")
    assert "not subject to copyright" in notice and "AS IS" in notice


def test_cdf_of_the_seed_validates_and_maps_the_race(seed_record):
    rec, _ = seed_record
    report = records_to_cdf([rec], generated=NOW)
    assert_valid_cdf(report)
    assert report["GeneratedDate"] == "2024-05-06T07:08:09Z"
    by_id = {n["@id"]: n for n in _walk(report) if "@id" in n}
    general, primary = report["Election"]
    assert (general["Type"], primary["Type"]) == ("special", "primary")
    assert general["ElectionScopeId"] == "ru-us-ca"
    contest = general["Contest"][0]
    district = by_id[contest["ElectionDistrictId"]]
    assert (district["Type"], district["Number"]) == ("congressional", "34")
    assert district["ExternalIdentifier"][0]["Value"] == "ocd-division/country:us/state:ca/cd:34"
    assert contest["ElectionDistrictId"] in by_id["ru-us-ca"]["ComposingGpUnitIds"]
    office = by_id[contest["OfficeIds"][0]]
    assert office["Term"]["Type"] == "unexpired-term"
    cands = {c["BallotName"]["Text"][0]["Content"]: c for c in general["Candidate"]}
    assert cands["Jimmy Gomez"]["PostElectionStatus"] == "winner"
    assert cands["Robert Lee Ahn"]["PostElectionStatus"] == "defeated"
    assert cands["Jimmy Gomez"]["IsIncumbent"] is False
    assert by_id[cands["Jimmy Gomez"]["PartyId"]]["Name"]["Text"][0]["Content"] == "Democratic"
    assert by_id[cands["Jimmy Gomez"]["PersonId"]]["FullName"]["Text"][0]["Content"] == "Jimmy Gomez"
    assert {c["PostElectionStatus"] for c in primary["Candidate"]} == {"advanced-to-runoff"}
    # the same seat in both contests; vote shares have no CDF field and are dropped
    assert general["Contest"][0]["OfficeIds"] == primary["Contest"][0]["OfficeIds"]
    dumped = json.dumps(report)
    assert "60.1" not in dumped and "39.9" not in dumped
    assert "Vote shares have no CDF field" in report["Notes"]


def test_cdf_vote_counts_and_at_large():
    report = records_to_cdf([_record()], generated=NOW)
    assert_valid_cdf(report)
    (election,) = report["Election"]
    assert (election["StartDate"], election["EndDate"], election["Type"]) == ("2017-05-25", "2017-05-25", "special")
    contest = election["Contest"][0]
    assert contest["ElectionDistrictId"] == "ru-us-mt"  # an at-large seat is the whole state
    counts = [s["VoteCounts"][0] for s in contest["ContestSelection"]]
    assert [(c["Count"], c["Type"], c["GpUnitId"]) for c in counts] == [(190520, "total", "ru-us-mt"),
                                                                       (167390, "total", "ru-us-mt")]
    assert "Zinke" not in json.dumps(report)  # no CDF place for the predecessor


@pytest.mark.parametrize("stage,special,etype", [("general", False, "general"), ("general", True, "special"),
                                                  ("primary", False, "primary"), ("runoff", True, "runoff"),
                                                  ("recall", False, "other")])
def test_cdf_election_types(stage, special, etype):
    rec = _record(election={"stage": stage, "special": special, "date": "2012-06-05",
                            "party_primary": "Democratic" if stage == "primary" else None})
    report = records_to_cdf([rec], generated=NOW)
    assert_valid_cdf(report)
    el = report["Election"][0]
    assert el["Type"] == etype
    if stage == "recall":
        assert el["OtherType"] == "recall"
    if stage == "primary":
        assert report["Party"][[p["@id"] for p in report["Party"]].index(el["Contest"][0]["PrimaryPartyIds"][0])]
    if not special:
        assert "Term" not in report["Office"][0]


def test_cdf_undated_races_are_flagged_or_skipped():
    rec = _record(election={"stage": "general", "special": False, "date": None, "party_primary": None})
    report = records_to_cdf([rec], generated=NOW)
    assert_valid_cdf(report)
    el = report["Election"][0]
    assert el["StartDate"] == "2017-05-26"  # the publication date stands in, and says so
    assert {"election-date-source": "publication-date"}.items() <= \
        {x["OtherType"]: x["Value"] for x in el["ExternalIdentifier"]}.items()
    rec["published"] = None
    el = records_to_cdf([rec], generated=NOW)["Election"][0]
    assert el["StartDate"] == "2024-05-06"
    assert {x["OtherType"]: x["Value"] for x in el["ExternalIdentifier"]}["election-date-source"] == "export-date"
    skipped = records_to_cdf([rec], generated=NOW, undated="skip")
    assert_valid_cdf(skipped)
    assert "Election" not in skipped


def test_cdf_non_us_constituency_and_empty_input():
    rec = _record(office={"kind": "national_legislature", "state": None, "district": None,
                          "jurisdiction": "Runcorn and Helsby", "country": "GB"},
                  candidates=[{"name": "Sarah Pochin", "party": "Reform UK", "vote_pct": 38.7, "votes": 12645,
                               "outcome": "won", "incumbent": False}])
    report = records_to_cdf([rec], generated=NOW)
    assert_valid_cdf(report)
    unit = {u["@id"]: u for u in report["GpUnit"]}[report["Election"][0]["Contest"][0]["ElectionDistrictId"]]
    assert (unit["Type"], unit["OtherType"], unit["Name"]["Text"][0]["Content"]) == \
        ("other", "constituency", "Runcorn and Helsby")
    assert report["Party"][0]["@id"] == "party-gb-reform-uk"
    empty = records_to_cdf([], generated=NOW)
    assert_valid_cdf(empty)
    assert "Election" not in empty


def test_cdf_ids_stay_unique_for_repeated_and_look_alike_articles():
    a, b, c = _record(), _record(), _record()
    c["id"] = "MT 2017"  # slugs like "mt-2017"
    report = records_to_cdf([a, b, c], generated=NOW)
    assert_valid_cdf(report)
    assert len([x for el in report["Election"] for x in el["Contest"]]) == 3
    assert len(report["Person"]) == 6


def test_batch_cdf_of_the_seed(tmp_path):
    out = tmp_path / "seed.cdf.json"
    assert main(["batch", str(SEED), "--cdf", str(out), "--workers", "1"]) == 0
    report = json.loads(out.read_text("utf-8"))
    assert_valid_cdf(report)
    assert len(report["Election"]) == 2
    assert not list(tmp_path.glob("*.part"))


def test_batch_cdf_of_the_whole_corpus(tmp_path, extractor):
    out = tmp_path / "corpus.cdf.json"
    assert main(["batch", str(CORPUS), "--glob", "*.txt", "--cdf", str(out), "--workers", "1"]) == 0
    report = json.loads(out.read_text("utf-8"))
    assert_valid_cdf(report)
    arts = [a for p in sorted(CORPUS.glob("*.txt")) for a in read_path(p)]
    records = [r.to_json_dict() for r in extractor.extract_articles(arts)]
    contests = [c for el in report["Election"] for c in el.get("Contest", [])]
    assert len(contests) == sum(len(r["races"]) for r in records) > 40
    counts = [vc for c in contests for s in c.get("ContestSelection", []) for vc in s.get("VoteCounts", [])]
    assert len(counts) == sum(c["votes"] is not None for r in records for race in r["races"]
                              for c in race["candidates"])


def test_cdf_is_an_exclusive_batch_output(tmp_path):
    assert main(["batch", str(SEED), "--cdf", str(tmp_path / "a.json"), "--jsonl", str(tmp_path / "b.jsonl")]) == 2


# ---------------------------------------------------------------------------------------------- HTML
class EvidencePage(HTMLParser):
    """Collects the highlighted pieces, anchors, record links and the article text as displayed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens, self.links, self.anchors = [], [], {}
        self.texts: list[str] = []  # displayed article text per article
        self._stack: list[tuple[str, dict]] = []
        self._pending_anchors: list[str] = []
        self._in_spans = 0
        self._in_label = 0
        self._tok = None
        self.external = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if a.get("src") or (tag == "link"):
            self.external.append((tag, a))
        if tag == "div" and "spans" in cls:
            self._in_spans = 1
            self.texts.append("")
        elif self._in_spans and tag == "div":
            self._in_spans += 1
        if tag == "a" and "ev-anchor" in cls:
            self._pending_anchors.append(a["id"])
        if tag == "a" and "ev-link" in cls:
            self.links.append(a)
        if tag == "span" and "ev-tok" in cls:
            self._tok = {"start": int(a["data-start"]), "end": int(a["data-end"]), "ev": a["data-ev"].split(),
                         "labels": a["data-labels"].split(), "text": "", "depth": 0}
            for anchor in self._pending_anchors:
                self.anchors[anchor] = self._tok
            self._pending_anchors = []
            self.tokens.append(self._tok)
        elif tag == "span" and self._tok is not None:
            self._tok["depth"] += 1
        if tag == "span" and "ev-label" in cls:
            self._in_label += 1
        self._stack.append((tag, a))

    def handle_endtag(self, tag):
        while self._stack:
            t, a = self._stack.pop()
            cls = (a.get("class") or "").split()
            if t == "span" and "ev-label" in cls:
                self._in_label -= 1
            if t == "span" and self._tok is not None:
                if "ev-tok" in cls:
                    self._tok = None
                else:
                    self._tok["depth"] -= 1
            if t == "div" and self._in_spans:
                self._in_spans -= 1
            if t == tag:
                break

    def handle_data(self, data):
        if self._in_spans and not self._in_label:
            self.texts[-1] += data
            if self._tok is not None and self._tok["depth"] == 0:
                self._tok["text"] += data


def parse_page(markup: str) -> EvidencePage:
    page = EvidencePage()
    page.feed(markup)
    page.close()
    return page


def assert_every_evidence_highlighted(rec: dict, text: str, page: EvidencePage, article: int = 0):
    assert rec["evidence"], "nothing to check"
    # the article is displayed exactly as read: no character added, dropped or moved
    assert page.texts[article] == text
    for tok in page.tokens:
        assert tok["text"] == text[tok["start"]:tok["end"]]
    links = {}
    for a in page.links:
        if a.get("data-field"):
            links.setdefault(a["data-field"], set()).update(a["data-ev"].split())
    for ev in rec["evidence"]:
        label = evidence_label(ev["field"])
        # the record value links to a highlighted span of exactly these words and this type
        assert ev["field"] in links, ev
        found = False
        for gid in links[ev["field"]]:
            first = page.anchors.get(gid)
            assert first is not None, (gid, ev)
            pieces = [t for t in page.tokens if gid in t["ev"]]
            if first["start"] == ev["start"] and max(t["end"] for t in pieces) == ev["end"]:
                found = True
                assert all(label in t["labels"] for t in pieces)
                covered = {i for t in pieces for i in range(t["start"], t["end"])}
                assert all(i in covered for i in range(ev["start"], ev["end"]) if not text[i].isspace()), ev
                assert "".join(t["text"] for t in pieces).split() == ev["text"].split()
        assert found, ev


def test_evidence_label_of_every_field():
    assert evidence_label("races[0].candidates[3].name") == "CANDIDATE"
    assert evidence_label("races[1].office.district") == "DISTRICT"
    assert evidence_label("races[0].predecessor.name") == "PREDECESSOR"
    assert evidence_label("races[0].election.date") == "DATE"
    assert evidence_label("races[0].candidates[0].votes") == "VOTES"
    assert evidence_label("races[0].candidates[0].outcome") == "OUTCOME"


def test_html_highlights_every_evidence_span_of_the_seed(seed_record):
    rec, text = seed_record
    markup = render_html(rec, text)
    page = parse_page(markup)
    assert_every_evidence_highlighted(rec, text, page)
    labels = {lab for t in page.tokens for lab in t["labels"]}
    assert {"CANDIDATE", "PARTY", "SHARE", "OUTCOME", "OFFICE", "PREDECESSOR", "VACANCY", "SPECIAL"} <= labels
    # self-contained: no external script, style, font or image
    assert not page.external and "<link" not in markup and "http://" not in markup and "https://" not in markup
    assert "<script>" in markup and "scrollIntoView" in markup


@pytest.mark.parametrize("name", SAMPLE_ARTICLES)
def test_html_highlights_every_evidence_span_of_corpus_articles(extractor, name):
    art = next(read_path(CORPUS / name))
    rec = next(extractor.extract_articles([art])).to_json_dict()
    page = parse_page(render_html(rec, art.text))
    assert_every_evidence_highlighted(rec, art.text, page)


def test_html_page_of_several_articles_keeps_ids_apart(extractor):
    arts = [next(read_path(CORPUS / n)) for n in SAMPLE_ARTICLES[:2]]
    recs = [r.to_json_dict() for r in extractor.extract_articles(arts)]
    page = parse_page(render_page([(r, a.text) for r, a in zip(recs, arts)]))
    assert len(page.texts) == 2
    ids = [i for t in page.tokens for i in t["ev"]]
    assert {i.split("-")[0] for i in ids} == {"a0", "a1"}


def test_html_escapes_the_article_and_survives_odd_evidence():
    text = 'A <b>"bold"</b> & \ue000 claim: Jane Doe won.'
    start = text.index("Jane Doe")
    rec = {"id": "<x>", "kind": "results", "races": [], "warnings": [],
           "evidence": [{"field": "races[0].candidates[0].name", "start": start, "end": start + 8, "text": "Jane Doe",
                         "rule": "person/ner"},
                        {"field": "races[0].candidates[0].outcome", "start": 999, "end": 1002, "text": "won"}]}
    markup = render_html(rec, text)
    assert "<b>" not in markup and "&lt;b&gt;" in markup
    page = parse_page(markup)
    assert page.texts[0] == text.replace("\ue000", "\ufffd")
    assert [(t["start"], t["labels"]) for t in page.tokens] == [(start, ["CANDIDATE"])]
    assert "not shown" in markup  # the out-of-range evidence is listed, not drawn


def test_show_cli_writes_the_page(tmp_path, capsys):
    out = tmp_path / "seed.html"
    assert main(["show", str(SEED), "--html", str(out)]) == 0
    markup = out.read_text("utf-8")
    art = next(read_path(SEED))
    page = parse_page(markup)
    assert page.texts[0] == art.text
    assert len(page.anchors) >= 10
    assert not list(tmp_path.glob("*.part"))
    assert main(["show", str(SEED)]) == 0
    assert "Jimmy Gomez" in capsys.readouterr().out
    assert main(["show", str(tmp_path / "missing.txt"), "--html", str(out)]) == 2
