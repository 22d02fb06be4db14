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
from .streams import chunks

DateLike = Union[dt.date, str, None]


#: one spaCy doc holds at most this many characters; longer articles are read in chunks (the parser
#: and NER need memory in proportion to a doc's length, so this bounds memory per article)
CHUNK_CHARS = 100_000
#: longer inputs are refused (``--max-chars``): no news article is this long
MAX_CHARS = 2_000_000


class TextTooLong(ValueError):
    """An input above ``max_chars``: refused with a clear message rather than read."""


def split_chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    r"""(offset, chunk) pieces of at most ``size`` characters, cut at a paragraph or line break, else
    at a space, else hard; the pieces concatenate back to ``text``.

    >>> [(o, len(c)) for o, c in split_chunks("a\n\nbb\n\ncc", size=5)]
    [(0, 3), (3, 4), (7, 2)]
    """
    out, start, n = [], 0, len(text)
    while start < n:
        end = min(start + size, n)
        if end < n:
            cut = max(text.rfind("\n\n", start, end), text.rfind("\n", start, end), text.rfind(" ", start, end))
            if cut > start:
                end = cut + 1
        out.append((start, text[start:end]))
        start = end
    return out


#: what the assembly attaches to a candidate beyond the record: its fitted probability (and, while
#: training, the features it was computed from)
CANDIDATE_EXTRAS = ("_score", "_features")


def record_from_doc(doc, art_id: str, source: Optional[str] = None, url: Optional[str] = None) -> ArticleRecord:
    """The validated record of a doc that went through ``election_races``."""
    return record_from_parts([(0, doc)], art_id, source, url)


def record_from_parts(parts: list, art_id: str, source: Optional[str] = None, url: Optional[str] = None) -> ArticleRecord:
    """The validated record of an article read as one or more docs (chunk offset, doc)."""
    races, evidence, warnings, kinds = [], [], [], []
    published = None
    for offset, doc in parts:
        published = published or doc._.published
        kinds.append(doc._.article_kind or "not_election")
        warnings.extend({"message": w} for w in (doc._.election_warnings or []))
        for race in doc._.races or []:
            race = dict(race)
            i = len(races)
            for ev in race.pop("_evidence", []):
                ev = dict(ev)
                ev["field"] = f"races[{i}].{ev['field']}"
                ev["start"] += offset
                ev["end"] += offset
                evidence.append(ev)
            races.append(race)
    kind = kinds[0] if len(kinds) == 1 else _merged_kind(kinds, races)
    record = ArticleRecord.model_validate({
        "id": art_id, "source": source, "url": url, "published": published, "kind": kind, "races": races,
        "evidence": evidence, "warnings": warnings, "version": __version__,
    })
    # the assembly's fitted probability of each candidate (``_score``; none for a listing row's, and its
    # features while training) is no record key: it is kept beside the record for the confidence stage
    record._cand_extras = [[{k: c[k] for k in CANDIDATE_EXTRAS if c.get(k) is not None}
                            for c in race.get("candidates") or []] for race in races]
    return record


def scored_dict(record: ArticleRecord) -> dict:
    """The record as a dict, each candidate with the assembly's ``_score`` when it had one (and its
    ``_features`` while training): what the confidence stage reads (``confidence.fact_features``).
    Not an output: records print without them."""
    out = record.to_json_dict()
    for race, extras in zip(out.get("races") or [], getattr(record, "_cand_extras", None) or []):
        for cand, extra in zip(race.get("candidates") or [], extras):
            cand.update(extra)
    return out


def _merged_kind(kinds: list[str], races: list) -> str:
    found = [k for k in kinds if k != "not_election"]
    if not found:
        return "not_election"
    if len(found) == 1:
        return found[0]
    return "roundup" if any(k in ("results", "roundup") for k in found) else found[0]


class Extractor:
    """Loads the spaCy pipeline once; extracts one article or streams many.

    ``model`` names any installed spaCy pipeline (default: en_core_web_sm, else its re-upload).
    Articles longer than ``chunk_chars`` are read in chunks; longer than ``max_chars``, refused with
    ``TextTooLong``. Every fact gets a calibrated confidence (``record.confidence``, stage 6:
    ``confidence.py``) unless ``confidence=False``.

    With ``gate`` (the default), each doc is tokenized first and only docs with an election anchor
    (``gate.py``) go through the parser, NER and race assembly; the others are ``not_election`` at the
    cost of the tokenizer. Records are the same with the gate on or off.
    """

    def __init__(self, model: Optional[str] = None, batch_size: int = 32, chunk_chars: int = CHUNK_CHARS,
                 max_chars: int = MAX_CHARS, confidence: bool = True, gate: bool = True):
        self.nlp = get_nlp(model)
        self.batch_size = batch_size
        self.chunk_chars = chunk_chars
        self.max_chars = max_chars
        self.races = self.nlp.get_pipe("election_races") if gate and "election_races" in self.nlp.pipe_names else None
        self.confidence_model = None
        if confidence:
            from .confidence import load_model

            self.confidence_model = load_model()

    def _scored(self, record: ArticleRecord, text: str) -> ArticleRecord:
        if self.confidence_model is not None:
            from .confidence import confidences

            record.confidence = confidences(scored_dict(record), text, self.confidence_model)
        return record

    def _doc(self, text: str, published):
        doc = self.nlp.make_doc(text)
        doc._.published = published
        return doc

    def extract(self, text: str, published: DateLike = None, id: str = "article",
                source: Optional[str] = None, url: Optional[str] = None) -> ArticleRecord:
        """The record of one article's text (headline on the first line)."""
        art = Article(id=id, text=clean_text(text), source=source, published=parse_published(published), url=url)
        return next(self.extract_articles([art]))

    def extract_articles(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
        """Records for ``Article`` objects, in order, streaming (memory stays flat)."""
        pending: list[tuple[Article, int]] = []  # article, number of chunks

        def docs():
            for art in articles:
                if len(art.text) > self.max_chars:
                    raise TextTooLong(f"{art.source or art.id}: {len(art.text):,} characters is more than the "
                                      f"limit of {self.max_chars:,} (max_chars / --max-chars)")
                chunks = split_chunks(art.text, self.chunk_chars) if len(art.text) > self.chunk_chars else [(0, art.text)]
                pending.append((art, len(chunks)))
                for offset, chunk in chunks:
                    doc = self._doc(chunk, art.published)
                    doc.user_data["chunk_offset"] = offset
                    yield doc

        parts: list = []
        for doc in self._pipe(docs()):
            parts.append((doc.user_data.get("chunk_offset", 0), doc))
            art, n = pending[0]
            if len(parts) == n:
                pending.pop(0)
                yield self._scored(record_from_parts(parts, art.id, art.source, art.url), art.text)
                parts = []

    def _pipe(self, docs: Iterable) -> Iterator:
        """Docs through the pipeline, in order. With the gate: a window of tokenized docs at a time, the
        anchored ones through ``nlp.pipe`` in one go, the others straight to ``not_election``."""
        if self.races is None:
            yield from self.nlp.pipe(docs, batch_size=self.batch_size)
            return
        for window in chunks(docs, self.batch_size):
            anchored = [self.races.gate(doc) for doc in window]
            full = self.nlp.pipe([doc for doc, a in zip(window, anchored) if a], batch_size=self.batch_size)
            for doc, a in zip(window, anchored):
                yield next(full) if a else self.races.not_election(doc)

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
