"""How a person sees a record or a score: rich panels and tables (the CLI prints these on a terminal)."""
from __future__ import annotations

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from models import ArticleRecord


def _v(value) -> str:
    return "—" if value is None else str(value)


def record_view(rec: ArticleRecord):
    """A panel per race: office, stage, date, predecessor, and the candidates as a table."""
    parts = [Text.assemble(("Article ", "bold"), rec.id, "  ", ("kind ", "bold"), str(rec.kind),
                           "  ", ("published ", "bold"), _v(rec.published))]
    if not rec.races:
        parts.append(Text("No election race found in this article.", style="italic"))
    for i, race in enumerate(rec.races):
        o, e = race.office, race.election
        head = Table.grid(padding=(0, 2))
        head.add_column(style="bold")
        head.add_column()
        head.add_row("Office", f"{o.kind}" + (f" — {o.jurisdiction}" if o.jurisdiction else ""))
        head.add_row("State / district", f"{_v(o.state)} / {_v(o.district)}   country {o.country}")
        head.add_row("Stage", f"{e.stage}" + (" (special)" if e.special else "") +
                     (f", {e.party_primary} primary" if e.party_primary else ""))
        head.add_row("Date", _v(e.date))
        p = race.predecessor
        head.add_row("Predecessor", f"{p.name} ({_v(p.party)}), {_v(p.reason)}" if p else "—")
        table = Table(box=box.SIMPLE_HEAD, expand=False)
        for col, just in (("Candidate", "left"), ("Party", "left"), ("Share %", "right"), ("Votes", "right"),
                          ("Outcome", "left"), ("Incumbent", "left")):
            table.add_column(col, justify=just)
        for c in race.candidates:
            style = "bold green" if c.outcome == "won" else None
            table.add_row(c.name, _v(c.party), _v(c.vote_pct), f"{c.votes:,}" if c.votes is not None else "—",
                          _v(c.outcome), _v(c.incumbent), style=style)
        parts.append(Panel(Group(head, table), title=f"Race {i + 1}", title_align="left"))
    for w in rec.warnings:
        parts.append(Text(f"warning: {w.message}", style="yellow"))
    return Group(*parts)


def score_table(table: dict[str, dict[str, float]], title: str = "Fact scores"):
    t = Table(title=title, box=box.SIMPLE_HEAD)
    for col in ("group", "P", "R", "F1", "tp", "fp", "fn"):
        t.add_column(col, justify="left" if col == "group" else "right")
    for group, s in table.items():
        style = "bold" if group == "overall" else None
        t.add_row(group, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                  str(s["tp"]), str(s["fp"]), str(s["fn"]), style=style)
    return t


def contest_table(counts: dict[str, int]):
    """Contest identity: of the gold races, how many were found, and with the right office, seat and stage."""
    t = Table(title="Contest identity (gold races)", box=box.SIMPLE_HEAD)
    for col in ("gold", "predicted", "found", "office", "seat", "stage", "exact"):
        t.add_column(col, justify="right")
    gold = counts["gold"] or 1
    t.add_row(*(str(counts[k]) if k in ("gold", "predicted") else f"{counts[k]} ({counts[k] / gold:.0%})"
                for k in ("gold", "predicted", "found", "office", "seat", "stage", "exact")))
    return t


def kind_table(kinds: dict, title: str = "Article kind (rows: gold, columns: predicted)"):
    """The article-kind confusion table of ``Report.kind_table()``."""
    from models.enums import ArticleKind

    names = [k.value for k in ArticleKind]
    t = Table(title=f"{title} — accuracy {kinds['accuracy']:.3f} ({kinds['right']}/{kinds['articles']})",
              box=box.SIMPLE_HEAD)
    t.add_column("gold \\ predicted")
    for n in names:
        t.add_column(n, justify="right")
    for g in names:
        row = kinds["confusion"].get(g, {})
        t.add_row(g, *[(f"[bold]{row.get(p, 0)}[/]" if g == p else str(row.get(p, 0))) for p in names])
    return t
