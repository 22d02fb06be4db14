"""Exports of race records for newsrooms and election-data tools.

* :mod:`extractor.export.csv` — one row per candidate per race, in the columns data desks use
  (FiveThirtyEight / OpenElections style).
* :mod:`extractor.export.cdf` — the NIST SP 1500-100 v2 Election Results Common Data Format (JSON).
* :mod:`extractor.export.html` — the article with every evidence span highlighted next to the record.

Each works on record dicts as produced by ``ArticleRecord.to_json_dict()`` and imports no spaCy
except the HTML renderer (displaCy).
"""
