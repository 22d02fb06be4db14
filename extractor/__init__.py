"""election-extractor: news article -> validated election race record.

>>> from extractor import extract                                   # doctest: +SKIP
>>> extract(open("corpus/ca34-special-2017.txt").read()).races[0].candidates[0].name  # doctest: +SKIP
'Jimmy Gomez'
"""
__version__ = "0.1.0"

from models import ArticleRecord, Candidate, Election, Evidence, Office, Predecessor, Race  # noqa: E402

from .core import Extractor, extract, record_from_doc  # noqa: E402
from .pipeline import ModelNotFound  # noqa: E402

__all__ = [
    "extract", "Extractor", "record_from_doc", "ModelNotFound", "ArticleRecord", "Race", "Office",
    "Election", "Candidate", "Predecessor", "Evidence", "__version__",
]
