import datetime as dt

import pytest

from extractor.dates import published_from_header, resolve_date

D = dt.date


@pytest.mark.parametrize("text, published, expected", [
    ("Tuesday", D(2017, 6, 7), D(2017, 6, 6)),
    ("Tuesday's", D(2017, 6, 7), D(2017, 6, 6)),
    ("on Tuesday", D(2017, 6, 6), D(2017, 6, 6)),
    ("Saturday", D(2023, 10, 14), D(2023, 10, 14)),
    ("November 4", D(2025, 12, 2), D(2025, 11, 4)),
    ("Nov. 6", D(2018, 11, 7), D(2018, 11, 6)),
    ("Sept. 23", D(2025, 7, 15), D(2025, 9, 23)),
    ("March 11, 2014", None, D(2014, 3, 11)),
    ("Tuesday", None, None),
    ("November", D(2020, 1, 1), None),
    ("the past two decades", D(2020, 1, 1), None),
    ("2016", D(2020, 1, 1), None),
])
def test_resolve_date(text, published, expected):
    assert resolve_date(text, published) == expected


@pytest.mark.parametrize("lines, expected", [
    (["Headline", "Published July 15, 2025 at 9:19 PM MST"], D(2025, 7, 15)),
    (["Headline", "By: Frank Roe - December 2, 2025"], D(2025, 12, 2)),
    (["Headline", "Posted March 6, 2012 at 11:58pm"], D(2012, 3, 6)),
    (["Aug. 8 (UPI) -- Republicans claimed victory"], None),
    (["No dates here"], None),
])
def test_published_from_header(lines, expected):
    assert published_from_header(lines) == expected
