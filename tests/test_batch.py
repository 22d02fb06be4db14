"""Batch: input order, resume, atomic output, the errors file, exit codes, safe paths."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from extractor.batch import atomic_writer, iter_paths, safe_name
from extractor.cli import main

from .conftest import CORPUS, ROOT

TEXTS = sorted(CORPUS.glob("*.txt"))[:6]


@pytest.fixture()
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i, t in enumerate(TEXTS):
        (d / f"{i:03d}-{t.name}").write_text(t.read_text("utf-8"), encoding="utf-8")
    return d


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_jsonl_keeps_input_order_with_two_workers(inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(inputs), "--jsonl", str(out), "--workers", "2"]) == 0
    ids = [r["id"] for r in read_jsonl(out)]
    assert ids == sorted(p.stem for p in inputs.glob("*.txt"))


def test_same_output_for_one_and_two_workers(inputs, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["batch", str(inputs), "--jsonl", str(a), "--workers", "1"]) == 0
    assert main(["batch", str(inputs), "--jsonl", str(b), "--workers", "2"]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_out_dir_and_resume(inputs, tmp_path, capsys):
    out = tmp_path / "records"
    assert main(["batch", str(inputs), "--out-dir", str(out), "--workers", "1"]) == 0
    files = sorted(out.glob("*.json"))
    assert len(files) == len(TEXTS)
    victim = files[0]
    victim.unlink()
    before = {f.name: f.stat().st_mtime_ns for f in files[1:]}
    assert main(["batch", str(inputs), "--out-dir", str(out), "--workers", "1", "--resume"]) == 0
    assert victim.exists()
    assert {f.name: f.stat().st_mtime_ns for f in files[1:]} == before  # finished ones untouched
    assert "skipped" in capsys.readouterr().err


def test_jsonl_resume_keeps_finished_lines(inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(inputs), "--jsonl", str(out), "--workers", "1"]) == 0
    full = read_jsonl(out)
    out.write_text("\n".join(json.dumps(r) for r in full[:2]) + "\n")
    assert main(["batch", str(inputs), "--jsonl", str(out), "--workers", "1", "--resume"]) == 0
    assert [r["id"] for r in read_jsonl(out)] == [r["id"] for r in full]


def test_bad_inputs_go_to_errors_file_and_exit_1(inputs, tmp_path):
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (inputs / "broken.json").write_text("{not json", encoding="utf-8")
    (inputs / "shape.json").write_text('["a list"]', encoding="utf-8")
    (inputs / "lines.jsonl").write_text('{"id": "ok-1", "text": "Nothing here."}\n{oops\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(inputs), "--jsonl", str(out), "--workers", "1"]) == 1
    errors = read_jsonl(tmp_path / "errors.jsonl")
    reasons = {os.path.basename(e["path"]): e["reason"] for e in errors}
    assert reasons["binary.txt"].startswith("not text")
    assert reasons["broken.json"].startswith("malformed JSON")
    assert "expected a JSON object" in reasons["shape.json"]
    assert any(p.startswith("lines.jsonl:2") for p in reasons)
    ids = [r["id"] for r in read_jsonl(out)]
    assert len(ids) == len(TEXTS) + 1 and "ok-1" in ids  # nothing good was lost


def test_missing_input_is_reported(tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(tmp_path / "nope.txt"), "--jsonl", str(out)]) == 1
    assert "no such file" in (tmp_path / "errors.jsonl").read_text()


def test_output_option_is_required():
    assert main(["batch", "corpus"]) == 2


def test_csv_has_one_row_per_candidate(tmp_path):
    out = tmp_path / "c.csv"
    seed = CORPUS / "ca34-special-2017.txt"
    assert main(["batch", str(seed), "--csv", str(out), "--workers", "1"]) == 0
    lines = out.read_text("utf-8").splitlines()
    assert lines[0].startswith("article_id,source,state_abbrev,office_name,district,stage,special,date,party,"
                               "candidate_name,votes,percent,winner,incumbent")
    assert len(lines) == 1 + 4  # two races, two candidates each
    assert "CA,U.S. House,34,general,true," in lines[1]
    assert "Democratic,Jimmy Gomez,,60.1,true,false" in lines[1]


def test_json_ids_cannot_escape_out_dir(tmp_path):
    src = tmp_path / "evil.jsonl"
    src.write_text(json.dumps({"id": "../../escaped", "text": "Nothing here."}) + "\n")
    out = tmp_path / "deep" / "records"
    assert main(["batch", str(src), "--out-dir", str(out), "--workers", "1"]) == 0
    assert [p.name for p in out.iterdir()] == ["escaped.json"]
    assert not (tmp_path / "escaped.json").exists()


@pytest.mark.parametrize("raw", ["../../x", "/etc/passwd", "..", "a/b\\c", "", "ok-id_1.2"])
def test_safe_name_stays_inside(raw, tmp_path):
    name = safe_name(raw)
    assert name and "/" not in name and "\\" not in name and name not in (".", "..")
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_atomic_writer_leaves_nothing_on_error(tmp_path):
    target = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as fh:
            fh.write("half a line")
            raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


def test_paths_from_stdin(tmp_path):
    import io

    paths = list(iter_paths(["-"], stdin=io.StringIO(f"{TEXTS[0]}\n\n{TEXTS[1]}\n")))
    assert paths == [TEXTS[0], TEXTS[1]]


def test_sigterm_keeps_finished_records_and_resume_completes(tmp_path):
    big = tmp_path / "in"
    big.mkdir()
    for i in range(60):
        (big / f"{i:03d}.txt").write_text(TEXTS[i % len(TEXTS)].read_text("utf-8"))
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "batch", str(big), "--jsonl", str(out), "--workers", "1"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(6)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=120)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]
    if proc.returncode == 130:
        assert not out.exists()  # an interrupted JSONL run leaves no half-written output...
        assert leftovers == ["out.jsonl.part"]  # ...but keeps its finished records, whole lines only
        log = tmp_path / "out.jsonl.part"
        assert log.read_bytes() == b"" or log.read_bytes().endswith(b"\n")
        assert all(json.loads(line)["id"] for line in log.read_text("utf-8").splitlines())
    else:
        assert leftovers == []
    assert main(["batch", str(big), "--jsonl", str(out), "--workers", "1", "--resume"]) == 0
    assert len(read_jsonl(out)) == 60
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
