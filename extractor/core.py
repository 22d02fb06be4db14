"""Stage 5: races -> validated article record; and the ``Extractor`` that runs the whole path.

ingest (text) -> spaCy doc (``pipeline``) -> mentions -> race assembly (``election_races``) ->
``models.ArticleRecord`` (validated, with evidence offsets into the text that was read).
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator, Optional, Union

from models import ArticleRecord

from . import __version__
from .ingest import Article, clean_text, parse_published
from .pipeline import get_nlp

DateLike = Union[dt.date, str, None]


def record_from_doc(doc, art_id: str, source: Optional[str] = None, url: Optional[str] = None) -> ArticleRecord:
    """The validated record of a doc that went through ``election_races``."""
    races, evidence = [], []
    for i, race in enumerate(doc._.races or []):
        race = dict(race)
        for ev in race.pop("_evidence", []):
            ev = dict(ev)
            ev["field"] = f"races[{i}].{ev['field']}"
            evidence.append(ev)
        races.append(race)
    warnings = [{"message": w} for w in (doc._.election_warnings or [])]
    return ArticleRecord.model_validate({
        "id": art_id, "source": source, "url": url, "published": doc._.published,
        "kind": doc._.article_kind or "not_election", "races": races,
        "evidence": evidence, "warnings": warnings, "version": __version__,
    })


class Extractor:
    """Loads the spaCy pipeline once; extracts one article or streams many.

    ``model`` names any installed spaCy pipeline (default: en_core_web_sm, else its re-upload).
    """

    def __init__(self, model: Optional[str] = None, batch_size: int = 32):
        self.nlp = get_nlp(model)
        self.batch_size = batch_size

    def _doc(self, article: Article):
        doc = self.nlp.make_doc(article.text)
        doc._.published = article.published
        return doc

    def extract(self, text: str, published: DateLike = None, id: str = "article",
                source: Optional[str] = None, url: Optional[str] = None) -> ArticleRecord:
        """The record of one article's text (headline on the first line)."""
        art = Article(id=id, text=clean_text(text), source=source, published=parse_published(published), url=url)
        return next(self.extract_articles([art]))

    def extract_articles(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
        """Records for ``Article`` objects, in order, streaming (memory stays flat)."""
        pending: list[Article] = []

        def docs():
            for art in articles:
                pending.append(art)
                yield self._doc(art)

        for doc in self.nlp.pipe(docs(), batch_size=self.batch_size):
            art = pending.pop(0)
            yield record_from_doc(doc, art.id, art.source, art.url)

    def extract_many(self, texts: Iterable[str], published: DateLike = None) -> Iterator[ArticleRecord]:
        """Records for many texts, streaming, in input order (ids ``article-1``, ``article-2``...)."""
        pub = parse_published(published)
        return self.extract_articles(Article(id=f"article-{i}", text=clean_text(t), published=pub)
                                     for i, t in enumerate(texts, 1))


_DEFAULT: Optional[Extractor] = None


def extract(text: str, published: DateLike = None, model: Optional[str] = None) -> ArticleRecord:
    """Extract the race record of one article (the pipeline is loaded once per process)."""
    global _DEFAULT
    if model is not None:
        return Extractor(model).extract(text, published)
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(text, published)
