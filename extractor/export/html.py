"""The article with every evidence span highlighted by type, next to its record: one self-contained HTML page.

The article is drawn by displaCy's span renderer (``displacy.render(..., style="span", manual=True)``)
with one span per evidence (type, character range); the record is drawn as tables beside it. Every
record value that has evidence links to its span: hover shows the words and the rule, a click scrolls to
the span and highlights it (and clicking a highlighted span marks the values it supports). No network,
no external file: CSS and a few lines of JavaScript are inline, and without JavaScript the links still
jump to the span.

Each highlighted piece of text is an element ``<span class="ev-tok">`` with ``data-start`` /
``data-end`` (character offsets into the article text), ``data-labels`` (evidence types) and ``data-ev``
(ids of the evidence spans covering it); each evidence span's first piece is preceded by an anchor
``<a class="ev-anchor" id="...">``.
"""
from __future__ import annotations

import html as _html
import re
from typing import Any, Iterable, Optional, Union

from .names import office_name

#: evidence type -> highlight colour (displaCy ``colors`` option)
COLORS = {
    "CANDIDATE": "#7aecec", "PARTY": "#bfeeb7", "SHARE": "#feca74", "VOTES": "#ff9561", "OUTCOME": "#aa9cfc",
    "INCUMBENT": "#c887fb", "OFFICE": "#9cc9cc", "STATE": "#e4e7d2", "DISTRICT": "#ffeb80",
    "JURISDICTION": "#bfe1d9", "COUNTRY": "#e4e7d2", "STAGE": "#f0d0ff", "SPECIAL": "#ddd4ff",
    "DATE": "#bfe1d9", "PRIMARY": "#c8f7c5", "PREDECESSOR": "#ffb3c6", "VACANCY": "#ffd6a5",
}
_FIELD_LABELS = {
    "candidates.name": "CANDIDATE", "candidates.party": "PARTY", "candidates.vote_pct": "SHARE",
    "candidates.votes": "VOTES", "candidates.outcome": "OUTCOME", "candidates.incumbent": "INCUMBENT",
    "office.kind": "OFFICE", "office.state": "STATE", "office.district": "DISTRICT",
    "office.jurisdiction": "JURISDICTION", "office.country": "COUNTRY", "election.stage": "STAGE",
    "election.special": "SPECIAL", "election.date": "DATE", "election.party_primary": "PRIMARY",
    "predecessor.name": "PREDECESSOR", "predecessor.party": "PARTY", "predecessor.reason": "VACANCY",
}
_INDEX = re.compile(r"\[\d+\]")
# private-use characters used as markers while post-processing displaCy's markup
_PLAIN, _TOKEN = "\ue000", "\ue002"

_TEMPLATE = {
    "span": _TOKEN + ' style="font-weight: bold; display: inline-block; position: relative; '
                     'height: {total_height}px;">{text}{span_slices}{span_starts}</span>',
    "slice": '<span class="ev-slice" style="background: {bg}; top: {top_offset}px; height: 4px; left: -1px; '
             'width: calc(100% + 2px); position: absolute;"></span>',
    "start": '<span class="ev-start" style="background: {bg}; top: {top_offset}px; height: 4px; '
             'border-top-left-radius: 3px; border-bottom-left-radius: 3px; left: -1px; width: calc(100% + 2px); '
             'position: absolute;"><span class="ev-label" style="background: {bg}; z-index: 10; color: #000; '
             'top: -0.5em; padding: 2px 3px; position: absolute; font-size: 0.6em; font-weight: bold; '
             'line-height: 1; border-radius: 3px">{label}{kb_link}</span></span>',
}


def evidence_label(field: str) -> str:
    """Evidence type of a record path.

    >>> evidence_label("races[0].candidates[1].vote_pct"), evidence_label("races[2].predecessor.reason")
    ('SHARE', 'VACANCY')
    """
    path = _INDEX.sub("", field.split(".", 1)[1] if field.startswith("races[") else field)
    return _FIELD_LABELS.get(path, path.rsplit(".", 1)[-1].upper() or "EVIDENCE")


def confidence_color(conf: float) -> str:
    """Background of a value by its confidence: red at 0.5 and below (a coin toss), through amber (0.75)
    to green (1).

    >>> confidence_color(0.3), confidence_color(0.75), confidence_color(1.0)
    ('hsl(0, 75%, 80%)', 'hsl(60, 75%, 80%)', 'hsl(120, 75%, 80%)')
    """
    return f"hsl({confidence_hue(conf)}, 75%, 80%)"


def confidence_hue(conf: float) -> int:
    """Hue (0 red .. 120 green) of a confidence: ``(conf - 0.5) / 0.5``, clipped, times 120."""
    return round(max(0.0, min(1.0, (conf - 0.5) / 0.5)) * 120)


def _esc(value: Any) -> str:
    return _html.escape(str(value), quote=True)


class _Article:
    """Evidence grouped by (start, end, type) and the article cut into pieces at every group boundary."""

    def __init__(self, record: dict, text: str, prefix: str):
        self.record, self.prefix = record, prefix
        # markers must not occur in the text; same length keeps the offsets
        self.text = text.replace(_PLAIN, "\ufffd").replace(_TOKEN, "\ufffd")
        self.groups: list[dict] = []
        self.by_field: dict[str, list[dict]] = {}
        self.skipped: list[dict] = []
        keyed: dict[tuple, dict] = {}
        for ev in record.get("evidence") or []:
            s, e = int(ev.get("start", 0)), int(ev.get("end", 0))
            if not (0 <= s < e <= len(self.text)):
                self.skipped.append(ev)
                continue
            key = (s, e, evidence_label(ev["field"]))
            g = keyed.get(key)
            if g is None:
                g = keyed[key] = {"id": f"{prefix}-ev{len(keyed)}", "start": s, "end": e, "label": key[2],
                                  "text": self.text[s:e], "fields": [], "rules": []}
                self.groups.append(g)
            g["fields"].append(ev["field"])
            if ev.get("rule") and ev["rule"] not in g["rules"]:
                g["rules"].append(ev["rule"])
            self.by_field.setdefault(ev["field"], []).append(g)

    def pieces(self) -> list[tuple[int, int]]:
        cuts = sorted({0, len(self.text)} | {g["start"] for g in self.groups} | {g["end"] for g in self.groups})
        return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]

    def render(self) -> str:
        from spacy import displacy

        pieces = self.pieces()
        start_at = {a: i for i, (a, _) in enumerate(pieces)}
        end_at = {b: i for i, (_, b) in enumerate(pieces)}
        spans = [{"start_token": start_at[g["start"]], "end_token": end_at[g["end"]] + 1, "label": g["label"],
                  "kb_id": "", "kb_url": "#"} for g in self.groups]
        covering: list[list[dict]] = [[] for _ in pieces]
        for g in self.groups:
            for i in range(start_at[g["start"]], end_at[g["end"]] + 1):
                covering[i].append(g)
        tokens, marked = [], []
        for i, (a, b) in enumerate(pieces):
            t = self.text[a:b]
            if covering[i] and t.strip():
                tokens.append(t)  # drawn with the span template: its opening tag is filled in below
                marked.append(i)
            else:
                tokens.append(t + _PLAIN)  # drawn as ``escape(token + " ")``: the marker eats that space
        doc = {"text": self.text, "tokens": tokens, "spans": spans, "title": None,
               "settings": {"lang": "en", "direction": "ltr"}}
        markup = displacy.render(doc, style="span", manual=True, jupyter=False,
                                 options={"colors": COLORS, "template": _TEMPLATE})
        markup = markup.replace(_PLAIN + " ", "").replace(_PLAIN, "")
        parts = markup.split(_TOKEN)
        if len(parts) != len(marked) + 1:  # pragma: no cover - displaCy changed how it draws tokens
            raise RuntimeError("unexpected displaCy span markup")
        out = [parts[0]]
        for i, rest in zip(marked, parts[1:]):
            a, b = pieces[i]
            gs = covering[i]
            anchors = "".join(f'<a class="ev-anchor" id="{_esc(g["id"])}"></a>' for g in gs if g["start"] == a)
            title = "\n".join(f'{g["label"]}: {", ".join(g["fields"])} ({", ".join(g["rules"]) or "no rule"})'
                              for g in gs)
            labels = " ".join(sorted({g["label"] for g in gs}))
            out.append(f'{anchors}<span class="ev-tok" data-start="{a}" data-end="{b}" '
                       f'data-ev="{_esc(" ".join(g["id"] for g in gs))}" data-labels="{_esc(labels)}" '
                       f'title="{_esc(title)}"{rest}')
        return "".join(out)

    # ------------------------------------------------------------------ the record as tables
    def value(self, field: str, value: Any, shown: Optional[str] = None) -> str:
        shown = "—" if value is None else (shown if shown is not None else _fmt(value))
        gs = self.by_field.get(field) or []
        conf = (self.record.get("confidence") or {}).get(field) if value is not None else None
        cattr, ctip = "", ""
        if conf is not None:
            cattr = f' data-confidence="{conf:.3f}" style="background:{confidence_color(conf)}"'
            ctip = f"confidence {conf:.2f}\n"
        if not gs:
            tip = "" if value is None else f' title="{_esc(ctip)}no evidence span recorded for this value"'
            return f'<span class="val" data-field="{_esc(field)}"{cattr}{tip}>{_esc(shown)}</span>'
        tip = ctip + "\n".join(f'“{g["text"]}” at {g["start"]}–{g["end"]} ({", ".join(g["rules"]) or "no rule"})'
                                for g in gs)
        ids = " ".join(dict.fromkeys(g["id"] for g in gs))
        return (f'<a class="ev-link" href="#{_esc(gs[0]["id"])}" data-field="{_esc(field)}" data-ev="{_esc(ids)}"'
                f'{cattr} title="{_esc(tip)}">{_esc(shown)}</a>')

    def record_html(self) -> str:
        r = self.record
        h = ['<table class="meta">']
        for k in ("id", "source", "url", "published", "kind"):
            if r.get(k) is not None or k in ("id", "kind"):
                h.append(f"<tr><th>{k}</th><td>{_esc(_fmt(r.get(k)))}</td></tr>")
        h.append("</table>")
        races = r.get("races") or []
        if not races:
            h.append('<p class="none">No election race found in this article.</p>')
        for i, race in enumerate(races):
            o, e, p = race.get("office") or {}, race.get("election") or {}, race.get("predecessor")
            f = f"races[{i}]"
            h.append(f'<section class="race"><h3>Race {i + 1}</h3><table class="facts">')
            rows = [
                ("Office", self.value(f"{f}.office.kind", o.get("kind"),
                                      f'{office_name(o.get("kind"))} ({o.get("kind")})')),
                ("State", self.value(f"{f}.office.state", o.get("state"))),
                ("District", self.value(f"{f}.office.district", o.get("district"))),
                ("Jurisdiction", self.value(f"{f}.office.jurisdiction", o.get("jurisdiction"))),
                ("Country", self.value(f"{f}.office.country", o.get("country"))),
                ("Stage", self.value(f"{f}.election.stage", e.get("stage"))),
                ("Special", self.value(f"{f}.election.special", e.get("special"))),
                ("Date", self.value(f"{f}.election.date", e.get("date"))),
                ("Party primary", self.value(f"{f}.election.party_primary", e.get("party_primary"))),
            ]
            if p:
                rows += [("Predecessor", self.value(f"{f}.predecessor.name", p.get("name"))),
                         ("Predecessor party", self.value(f"{f}.predecessor.party", p.get("party"))),
                         ("Vacancy reason", self.value(f"{f}.predecessor.reason", p.get("reason")))]
            else:
                rows.append(("Predecessor", "—"))
            h += [f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows]
            h.append('</table><table class="cands"><thead><tr><th>Candidate</th><th>Party</th><th>Share %</th>'
                     '<th>Votes</th><th>Outcome</th><th>Incumbent</th></tr></thead><tbody>')
            for j, c in enumerate(race.get("candidates") or []):
                cf = f"{f}.candidates[{j}]"
                votes = c.get("votes")
                h.append(f'<tr class="{"won" if c.get("outcome") == "won" else ""}">'
                         f'<td>{self.value(cf + ".name", c.get("name"))}</td>'
                         f'<td>{self.value(cf + ".party", c.get("party"))}</td>'
                         f'<td class="num">{self.value(cf + ".vote_pct", c.get("vote_pct"))}</td>'
                         f'<td class="num">{self.value(cf + ".votes", votes, f"{votes:,}" if votes is not None else None)}</td>'
                         f'<td>{self.value(cf + ".outcome", c.get("outcome"))}</td>'
                         f'<td>{self.value(cf + ".incumbent", c.get("incumbent"))}</td></tr>')
            h.append("</tbody></table></section>")
        for w in r.get("warnings") or []:
            h.append(f'<p class="warning">warning: {_esc(w.get("message") if isinstance(w, dict) else w)}</p>')
        return "".join(h)

    def evidence_html(self) -> str:
        if not self.groups and not self.skipped:
            return '<p class="none">No evidence in this record (extracted with --no-evidence?).</p>'
        h = ['<details class="evlist"><summary>All evidence</summary><table><thead><tr><th>type</th><th>text</th>'
             '<th>chars</th><th>fields</th><th>rule</th></tr></thead><tbody>']
        for g in sorted(self.groups, key=lambda g: (g["start"], g["end"], g["label"])):
            h.append(f'<tr><td>{_esc(g["label"])}</td><td><a class="ev-link" href="#{_esc(g["id"])}" '
                     f'data-ev="{_esc(g["id"])}">{_esc(g["text"])}</a></td><td>{g["start"]}–{g["end"]}</td>'
                     f'<td>{"<br>".join(_esc(x) for x in g["fields"])}</td><td>{_esc(", ".join(g["rules"]))}</td></tr>')
        for ev in self.skipped:
            h.append(f'<tr class="skipped"><td>not shown</td><td>{_esc(ev.get("text"))}</td>'
                     f'<td>{_esc(ev.get("start"))}–{_esc(ev.get("end"))}</td><td>{_esc(ev.get("field"))}</td>'
                     f'<td>{_esc(ev.get("rule") or "")}</td></tr>')
        h.append("</tbody></table></details>")
        return "".join(h)


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _legend(labels: Iterable[str]) -> str:
    return "".join(f'<span class="key" style="background:{COLORS.get(lab, "#ddd")}">{_esc(lab)}</span>'
                   for lab in labels)


_CSS = """
body{font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;margin:0;color:#222}
header{padding:.8rem 1.5rem;border-bottom:1px solid #ddd;background:#fafafa}
header h1{font-size:1.2rem;margin:0 0 .4rem}
.key{display:inline-block;font-size:.7rem;font-weight:bold;padding:2px 5px;margin:0 4px 2px 0;border-radius:3px}
.article{display:flex;gap:1.5rem;padding:1rem 1.5rem;border-bottom:2px solid #eee;align-items:flex-start}
.text{flex:3;min-width:0}
.text .spans{white-space:pre-wrap;font-size:16px}
.record{flex:2;min-width:22rem;position:sticky;top:0;max-height:100vh;overflow:auto;font-size:14px}
.record table{border-collapse:collapse;margin:.4rem 0}
.record th,.record td{border-bottom:1px solid #eee;padding:2px 8px;text-align:left;vertical-align:top}
.record td.num{text-align:right}
.record tr.won td{font-weight:bold}
.race h3{margin:.8rem 0 .2rem;font-size:1rem}
a.ev-link{color:#0645ad;text-decoration:none;border-bottom:1px dotted #0645ad}
a.ev-link.active{background:#ffe58f}
.ev-tok{cursor:pointer;border-radius:2px}
.ev-tok.hl{background:#ffe58f;outline:2px solid #d48806}
.warning{color:#a15c00}.none{font-style:italic;color:#666}
details.evlist{margin-top:1rem}
"""

_JS = """
document.addEventListener('click', function (ev) {
  var link = ev.target.closest('a.ev-link'), tok = ev.target.closest('.ev-tok');
  if (!link && !tok) return;
  document.querySelectorAll('.hl,.active').forEach(function (n) { n.classList.remove('hl', 'active'); });
  var ids = (link || tok).getAttribute('data-ev').split(' '), first = null;
  document.querySelectorAll('.ev-tok').forEach(function (t) {
    var mine = t.getAttribute('data-ev').split(' ');
    if (ids.some(function (i) { return mine.indexOf(i) >= 0; })) { t.classList.add('hl'); first = first || t; }
  });
  document.querySelectorAll('a.ev-link').forEach(function (a) {
    var mine = a.getAttribute('data-ev').split(' ');
    if (ids.some(function (i) { return mine.indexOf(i) >= 0; })) a.classList.add('active');
  });
  if (link && first) { ev.preventDefault(); first.scrollIntoView({behavior: 'smooth', block: 'center'}); }
});
"""


def render_page(items: Iterable[tuple[Union[dict, Any], str]], title: Optional[str] = None) -> str:
    """One HTML page for (record, article text) pairs; a record is a dict from ``to_json_dict()`` or an
    ``ArticleRecord``. The evidence offsets must point into ``text`` (the text the extractor read)."""
    sections, used = [], set()
    for n, (record, text) in enumerate(items):
        if not isinstance(record, dict):
            record = record.to_json_dict()
        art = _Article(record, text, prefix=f"a{n}")
        used |= {g["label"] for g in art.groups}
        sections.append(
            f'<section class="article" id="article-{n}"><div class="text"><h2>{_esc(record.get("id"))}</h2>'
            f"{art.render()}</div><aside class=\"record\"><h2>Record</h2>{art.record_html()}"
            f"{art.evidence_html()}</aside></section>")
    title = title or "election-extractor: evidence"
    legend = _legend([lab for lab in COLORS if lab in used] + sorted(used - set(COLORS)))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{_esc(title)}</title>'
            f"<style>{_CSS}</style></head><body><header><h1>{_esc(title)}</h1>"
            f"<div>Evidence types: {legend}</div><div>Record values are coloured by confidence: "
            + "".join(f'<span class="key" style="background:{confidence_color(c)}">{c:.1f}</span>'
                      for c in (0.5, 0.6, 0.7, 0.8, 0.9, 1.0))
            + "</div><div><small>Click a value in the record to find its words; "
            f"click highlighted words to see the values they support.</small></div></header>"
            + "".join(sections) + f"<script>{_JS}</script></body></html>\n")


def render_html(record: Union[dict, Any], text: str, title: Optional[str] = None) -> str:
    """The page for one article (see :func:`render_page`)."""
    return render_page([(record, text)], title=title or f"election-extractor: {_rec_id(record)}")


def _rec_id(record) -> str:
    return str(record.get("id") if isinstance(record, dict) else getattr(record, "id", ""))
