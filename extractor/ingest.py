"""Stage 1: reading an article. Bytes or a file -> clean text (+ id, published, url when known).

Decoding goes through charset-normalizer for anything that is not UTF-8; HTML goes through
trafilatura; JSON/JSONL objects carry ``text`` and optional ``id``, ``published``, ``url``.
Boilerplate lines ("READ MORE: ...", "Advertisement", photo credits) are dropped.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from .lexicons import load


class InputError(ValueError):
    """An input that cannot be read as an article (the message names the reason)."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass
class Article:
    id: str
    text: str
    source: Optional[str] = None
    published: Optional[dt.date] = None
    url: Optional[str] = None


TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES


def decode(data: bytes, source: str = "<bytes>") -> str:
    """Bytes -> str: UTF-8 (with or without BOM), UTF-16 with BOM, else charset-normalizer's guess.
    NUL bytes and CRLF line ends are normalised away; binary data raises ``InputError('not text')``."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _guess(data, source)
    if data and _looks_binary(text):
        raise InputError(source, "not text (binary or compressed data)")
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    return text


def _guess(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise InputError(source, "not text (no character encoding fits)")
    try:
        return data.decode(best.encoding, errors="replace")
    except LookupError:  # pragma: no cover
        return str(best)


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f\x00") or ch == "\ufffd")
    nul = sample.count("\x00")
    return bad / len(sample) > 0.05 or nul / len(sample) > 0.3


def clean_text(text: str) -> str:
    r"""Blank out boilerplate lines, keeping every other character where it was, so that evidence
    offsets into the cleaned text are offsets into the text that was read (the headline stays the
    first line).

    >>> t = "Headline\n\nBody text.\nREAD MORE: something else\n"
    >>> c = clean_text(t)
    >>> len(c) == len(t), c.split("\n")[2], c.split("\n")[3].strip()
    (True, 'Body text.', '')
    """
    lex = load("boilerplate")
    prefixes = tuple(p.lower() for p in lex["line_prefixes"])
    exact = {e.lower() for e in lex["whole_lines"]}
    out = []
    for line in text.split("\n"):
        low = line.strip().lower()
        if low and (low.startswith(prefixes) or low in exact):
            out.append(" " * len(line))
        else:
            out.append(line)
    return unwrap("\n".join(out))


_ENDS_SENTENCE = tuple('.!?:;"”')


#: words no headline, heading or list item ends with: a line ending in one stops mid-sentence
_MID_SENTENCE = {"a", "an", "the", "of", "and", "or", "but", "to", "in", "on", "at", "for", "by", "with", "from", "as",
                 "that", "who", "which", "had", "has", "have", "was", "were", "is", "are", "be", "will", "would"}


def _continues(line: str, nxt: str) -> bool:
    """A line that stops mid-sentence (before a line carrying on in lower case or with a bracket, or on a
    comma or a word like "of" or "had") and a next line."""
    line, nxt = line.rstrip(), nxt.lstrip()
    if not line or not nxt or line.endswith(_ENDS_SENTENCE):
        return False
    last = line.rsplit(None, 1)[-1]
    return nxt[0].islower() or nxt[0] == "(" or line.endswith(",") or last in _MID_SENTENCE


def unwrap(text: str) -> str:
    r"""Join the lines of hard-wrapped text (a wire copy or scraped page broken at a fixed width, "freshman
    Rep. Harry\nTeague\n(D) defeated ...") into running sentences, replacing each break inside a
    sentence by a space, so that every character stays where it was. A text counts as wrapped when at
    least three of its lines, and a sixth of them, stop mid-sentence (see ``_continues``); then every
    break after a line that does not end a sentence is joined, except after the headline or a number and
    before a blank line, a bullet or a numbered item.

    >>> t = "Title\nWith all precincts\nreporting, Sen.\nAnn Smith had\n51 percent and\nJones\n(D) had\nthe rest.\nNext."
    >>> u = unwrap(t)
    >>> len(u) == len(t), u.split("\n")[1]
    (True, 'With all precincts reporting, Sen. Ann Smith had 51 percent and Jones (D) had the rest.')
    """
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    carried = sum(1 for a, b in zip(filled, filled[1:]) if b == a + 1 and _continues(lines[a], lines[b]))
    if carried < 3 or carried * 6 < len(filled):
        return text
    breaks = []
    for i in range(1, len(lines) - 1):
        line, nxt = lines[i].rstrip(), lines[i + 1].lstrip()
        if not line or not nxt or re.match(r"([-*•·]|\d+[.)])\s", nxt):
            continue
        if _continues(line, nxt) or (not line.endswith(_ENDS_SENTENCE) and not line[-1].isdigit()) or \
                re.search(r"(^|\s)[A-Z][a-z]{1,3}\.$", line):  # a break after "Rep." or "Sen." goes on
            breaks.append(i)
    if not breaks:
        return text
    chars = list(text)
    pos = 0
    ends = []
    for line in lines:
        pos += len(line)
        ends.append(pos)
        pos += 1
    for i in breaks:
        chars[ends[i]] = " "
    return "".join(chars)


def from_html(html: str, source: str = "<html>") -> str:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text:
        raise InputError(source, "no article text found in HTML")
    title = None
    try:
        meta = trafilatura.extract_metadata(html)
        title = meta.title if meta else None
    except Exception:  # metadata is optional
        title = None
    return f"{title}\n\n{text}" if title and not text.startswith(title) else text


def parse_published(value) -> Optional[dt.date]:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def from_object(obj, source: str, default_id: str) -> Article:
    if not isinstance(obj, dict):
        raise InputError(source, f"expected a JSON object with 'text', got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(source, "JSON object has no string 'text'")
    art_id = obj.get("id")
    return Article(id=str(art_id) if art_id not in (None, "") else default_id, text=clean_text(text),
                   source=source, published=parse_published(obj.get("published")), url=obj.get("url"))


def read_path(path: Path, max_bytes: Optional[int] = None) -> Iterator[Article]:
    """Every article of one file (one, or one per JSONL line). Raises InputError per bad file;
    yields InputError objects for bad JSONL lines so the other lines still count."""
    source = str(path)
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(source, f"too large ({size} bytes > --max-bytes {max_bytes})")
        data = path.read_bytes()
    except OSError as err:
        raise InputError(source, f"cannot read: {err.strerror or err}") from err
    suffix = path.suffix.lower()
    text = decode(data, source)
    if suffix in HTML_SUFFIXES:
        yield Article(id=path.stem, text=clean_text(from_html(text, source)), source=source)
    elif suffix in JSON_SUFFIXES:
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(source, f"malformed JSON: {err.msg} at line {err.lineno}") from err
        yield from_object(obj, source, path.stem)
    elif suffix in JSONL_SUFFIXES:
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            where = f"{source}:{n}"
            try:
                yield from_object(json.loads(line), where, f"{path.stem}-{n}")
            except json.JSONDecodeError as err:
                yield InputError(where, f"malformed JSON line: {err.msg}")  # type: ignore[misc]
            except InputError as err:
                yield err  # type: ignore[misc]
    else:
        yield Article(id=path.stem, text=clean_text(text), source=source)
