"""``election-extract review``: the facts an editor should check, lowest confidence first.

Reads records (``batch --jsonl`` output, a record JSON, or a folder of them), keeps every fact whose
confidence is below the threshold (a fact without one counts as 0) and writes them as a static HTML page
(no server, no network: CSS inline) and/or CSV, each with its value, confidence, the article it came from
and its evidence sentence with the evidence words highlighted. The sentence is read from the record's
``source`` when that file is still there; otherwise the evidence words alone are shown. A value with no
evidence span of its own is shown with its candidate's name evidence, else its race's office evidence.
"""
from __future__ import annotations

import csv as _csv
import html as _html
import json
import re
from pathlib import Path
from typing import Iterator, Optional, Union

from .confidence import iter_facts, recommended_threshold

QUEUE_COLUMNS = ["confidence", "article_id", "source", "field", "value", "evidence", "rule", "sentence", "context_of"]
_SENT_END = re.compile(r"[.!?](?=[\"'”’)]?\s+[\"'“‘(]?[A-Z0-9])|\n")
#: a period after these (or after a single capital, "U.S.") does not end a sentence
_ABBREV = {"mr", "mrs", "ms", "dr", "rep", "sen", "gov", "lt", "st", "jr", "sr", "gen", "col", "capt", "sgt",
           "rev", "hon", "atty", "no", "vs", "inc", "co", "corp", "ft", "mt", "jan", "feb", "aug", "sept", "oct",
           "nov", "dec", "del", "ky", "fla", "calif", "pa", "va", "ga", "ala", "ariz", "ark", "colo", "conn"}
_CAND = re.compile(r"^(races\[\d+\])(\.candidates\[\d+\])?")


class ReviewInputError(ValueError):
    pass


def read_records(path: Path) -> Iterator[Union[dict, ReviewInputError]]:
    """Records of a JSONL file, a JSON file (a record or a list), or a folder of ``*.json``; a bad line
    or file is yielded as a ``ReviewInputError`` (and the rest still read)."""
    files = sorted(p for p in path.rglob("*.json") if p.name != "errors.jsonl") if path.is_dir() else [path]
    for f in files:
        try:
            raw = f.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield ReviewInputError(f"{f}: cannot read ({exc})")
            continue
        if f.suffix == ".jsonl":
            for n, line in enumerate(raw.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except ValueError as exc:
                    yield ReviewInputError(f"{f}:{n}: malformed JSON ({exc})")
                    continue
                yield obj if isinstance(obj, dict) else ReviewInputError(f"{f}:{n}: not a record object")
            continue
        try:
            obj = json.loads(raw)
        except ValueError as exc:
            yield ReviewInputError(f"{f}: malformed JSON ({exc})")
            continue
        for o in obj if isinstance(obj, list) else [obj]:
            yield o if isinstance(o, dict) else ReviewInputError(f"{f}: not a record object")


class _Texts:
    """Article texts by record, read back from ``source`` (the text the extractor read), cached."""

    def __init__(self):
        self.cache: dict[str, dict[str, str]] = {}

    def get(self, rec: dict) -> Optional[str]:
        src = rec.get("source")
        if not src:
            return None
        path = re.sub(r":\d+$", "", str(src))
        if path not in self.cache:
            self.cache[path] = {}
            p = Path(path)
            if p.is_file():
                from .ingest import InputError, read_path

                try:
                    for art in read_path(p):
                        if not isinstance(art, InputError):
                            self.cache[path][art.id] = art.text
                except Exception:  # noqa: BLE001 - the queue still lists the fact with its evidence words
                    pass
        texts = self.cache[path]
        return texts.get(rec.get("id")) or (next(iter(texts.values())) if len(texts) == 1 else None)


def _ends(text: str, lo: int, hi: int) -> Iterator[int]:
    """Offsets just after each sentence end in ``text[lo:hi]``."""
    for m in _SENT_END.finditer(text, lo, hi):
        if m.group() == ".":
            word = re.search(r"(\w+)\.?$", text[max(0, m.start() - 12):m.start()])
            w = word.group(1) if word else ""
            if w.lower() in _ABBREV or (len(w) == 1 and w.isupper()):
                continue
        yield m.end()


def _sentence(text: str, start: int, end: int) -> tuple[str, int, int]:
    """(sentence around [start, end), start and end of the evidence inside it).

    >>> _sentence("Intro. Then Rep. Ann Lee won the U.S. House seat. Next.", 22, 25)
    ('Then Rep. Ann Lee won the U.S. House seat.', 15, 18)
    """
    lo = line = text.rfind("\n", 0, start) + 1
    for lo in _ends(text, line, start):
        pass
    hi = next(_ends(text, end, len(text)), len(text))
    sent = text[lo:hi]
    lead = len(sent) - len(sent.lstrip())
    return sent.strip(), start - lo - lead, end - lo - lead


def queue(records, threshold: Optional[float] = None, texts: Optional[_Texts] = None) -> list[dict]:
    """Every fact below ``threshold``, lowest confidence first (then article, then record path)."""
    texts = texts or _Texts()
    threshold = recommended_threshold() if threshold is None else threshold
    rows = []
    for rec in records:
        conf = rec.get("confidence") or {}
        evs: dict[str, list[dict]] = {}
        for ev in rec.get("evidence") or []:
            evs.setdefault(ev.get("field", ""), []).append(ev)
        text = None
        for path, _ftype, value, _i, _j in iter_facts(rec):
            c = conf.get(path, 0.0)
            if c >= threshold:
                continue
            ev, context_of = (evs.get(path) or [None])[0], ""
            if ev is None:
                m = _CAND.match(path)
                for other in ([m.group(1) + m.group(2) + ".name"] if m and m.group(2) else []) + \
                        ([m.group(1) + ".office.kind"] if m else []):
                    if evs.get(other):
                        ev, context_of = evs[other][0], other
                        break
            row = {"confidence": c, "article_id": rec.get("id"), "source": rec.get("source"), "field": path,
                   "value": value, "evidence": ev.get("text") if ev else None, "rule": ev.get("rule") if ev else None,
                   "sentence": None, "mark": None, "context_of": context_of}
            if ev is not None:
                if text is None:
                    text = texts.get(rec) or ""
                s, e = int(ev.get("start", 0)), int(ev.get("end", 0))
                if text and 0 <= s < e <= len(text) and text[s:e] == ev.get("text"):
                    row["sentence"], a, b = _sentence(text, s, e)
                    row["mark"] = (a, b)
                else:
                    row["sentence"], row["mark"] = ev.get("text"), (0, len(ev.get("text") or ""))
            rows.append(row)
    rows.sort(key=lambda r: (r["confidence"], str(r["article_id"]), r["field"]))
    return rows


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def write_csv(rows: list[dict], fh) -> None:
    w = _csv.DictWriter(fh, fieldnames=QUEUE_COLUMNS, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: _cell(f"{r[k]:.3f}" if k == "confidence" else r[k]) for k in QUEUE_COLUMNS})


def _esc(v) -> str:
    return _html.escape(_cell(v), quote=True)


_CSS = """
body{font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;margin:0;color:#222}
header{padding:.8rem 1.5rem;border-bottom:1px solid #ddd;background:#fafafa}
header h1{font-size:1.2rem;margin:0 0 .3rem}
table{border-collapse:collapse;margin:1rem 1.5rem;width:calc(100% - 3rem)}
th,td{border-bottom:1px solid #e5e5e5;padding:6px 8px;text-align:left;vertical-align:top;font-size:14px}
th{background:#f3f3f3;position:sticky;top:0}
td.conf{font-weight:bold;text-align:right;white-space:nowrap}
td.value{font-weight:bold}
td.field{font-family:monospace;font-size:12px;color:#555}
mark{background:#ffe066;padding:0 2px;border-radius:2px;font-weight:bold}
.ctx{color:#888;font-size:12px}
.none{font-style:italic;color:#666;margin:1rem 1.5rem}
"""


def render_html(rows: list[dict], threshold: float, n_records: int, n_facts: int) -> str:
    from .export.html import confidence_color

    h = [f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Review queue</title>'
         f"<style>{_CSS}</style></head><body><header><h1>Review queue: {len(rows)} facts below confidence "
         f"{threshold:.2f}</h1><div>{n_facts} facts in {n_records} records; lowest confidence first. Check each "
         f"value against its sentence (the evidence words are highlighted).</div></header>"]
    if not rows:
        h.append(f'<p class="none">No fact below {threshold:.2f}.</p>')
    else:
        h.append('<table><thead><tr><th>confidence</th><th>value</th><th>field</th><th>evidence sentence</th>'
                 '<th>article</th></tr></thead><tbody>')
        for r in rows:
            sent = r["sentence"]
            if sent is None:
                shown = '<span class="ctx">no evidence span recorded</span>'
            else:
                a, b = r["mark"]
                shown = f"{_esc(sent[:a])}<mark>{_esc(sent[a:b])}</mark>{_esc(sent[b:])}"
                if r["context_of"]:
                    shown += f'<br><span class="ctx">(no evidence of its own: words of {_esc(r["context_of"])})</span>'
            src = f'<br><span class="ctx">{_esc(r["source"])}</span>' if r["source"] else ""
            h.append(f'<tr class="fact" data-confidence="{r["confidence"]:.3f}" data-field="{_esc(r["field"])}">'
                     f'<td class="conf" style="background:{confidence_color(r["confidence"])}">'
                     f'{r["confidence"]:.3f}</td><td class="value">{_esc(r["value"])}</td>'
                     f'<td class="field">{_esc(r["field"])}</td><td>{shown}</td>'
                     f'<td>{_esc(r["article_id"])}{src}</td></tr>')
        h.append("</tbody></table>")
    h.append("</body></html>\n")
    return "".join(h)


def run_review(args, err) -> int:
    from rich.console import Console
    from rich.table import Table

    from .batch import atomic_writer

    if not args.records.exists():
        err.print(f"[red]error:[/] {args.records}: no such file", highlight=False)
        return 2
    threshold = recommended_threshold() if args.threshold is None else args.threshold
    records, bad = [], 0
    for r in read_records(args.records):
        if isinstance(r, ReviewInputError):
            err.print(f"[red]error:[/] {r}", highlight=False)
            bad += 1
        else:
            records.append(r)
    rows = queue(records, threshold)
    n_facts = sum(1 for rec in records for _ in iter_facts(rec))
    if args.html:
        with atomic_writer(args.html) as fh:
            fh.write(render_html(rows, threshold, len(records), n_facts))
        err.print(f"wrote {args.html} ({len(rows)} facts below {threshold:.2f})", highlight=False)
    if args.csv:
        with atomic_writer(args.csv) as fh:
            write_csv(rows, fh)
        err.print(f"wrote {args.csv} ({len(rows)} facts below {threshold:.2f})", highlight=False)
    if args.json:
        print(json.dumps([{k: r[k] for k in QUEUE_COLUMNS} for r in rows], indent=2, ensure_ascii=False))
    elif not (args.html or args.csv):
        t = Table(title=f"Review queue: {len(rows)} of {n_facts} facts below {threshold:.2f}")
        for col in ("confidence", "value", "field", "evidence", "article"):
            t.add_column(col, justify="right" if col == "confidence" else "left")
        for r in rows:
            t.add_row(f"{r['confidence']:.3f}", _cell(r["value"]), r["field"], _cell(r["evidence"]), _cell(r["article_id"]))
        Console().print(t)
    return 1 if bad else 0
