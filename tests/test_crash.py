"""Crash safety: a batch killed with SIGKILL (OOM killer, power cut, ``kill -9``) at any point loses no
finished record, and ``--resume`` completes it to exactly what an uninterrupted run writes.

The killed runs are real subprocesses. Most kill themselves at an exact point through the test hook
``EXTRACTOR_CRASH_AT`` (no racing a timer on a loaded machine); one is killed from outside.
"""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from extractor.batch import CRASH_ENV, atomic_writer, valid_prefix
from extractor.cli import main

from .conftest import CORPUS, ROOT

#: a few dozen short articles: two chunks of 16 and a half
N = 24
TEXTS = sorted(CORPUS.glob("*.txt"), key=lambda p: p.stat().st_size)[:N]


@pytest.fixture(autouse=True)
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("crash-in")
    for i, t in enumerate(TEXTS):
        (d / f"{i:03d}-{t.stem}.txt").write_text(t.read_text("utf-8"), encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory):
    """What uninterrupted runs write: JSONL, CSV and an --out-dir."""
    d = tmp_path_factory.mktemp("crash-ref")
    for opt, name in (("--jsonl", "out.jsonl"), ("--csv", "out.csv"), ("--out-dir", "records")):
        assert main(["batch", str(inputs), opt, str(d / name), "--workers", "1"]) == 0
    return d


def killed_run(inputs, *args, crash=None, cwd=ROOT):
    env = dict(os.environ)
    env.pop(CRASH_ENV, None)
    if crash:
        env[CRASH_ENV] = crash
    proc = subprocess.run([sys.executable, "-m", "extractor", "batch", str(inputs), "--workers", "1", *args],
                          cwd=cwd, env=env, capture_output=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]


def resume(inputs, capsys, *args) -> dict:
    capsys.readouterr()
    assert main(["batch", str(inputs), "--workers", "1", "--resume", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def leftovers(folder):
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".part"))


def lines(path):
    return path.read_bytes().splitlines(keepends=True)


@pytest.mark.parametrize("crash, kept", [
    ("record:0", 0),     # output opened, nothing extracted yet
    ("record:17", 17),   # mid-stream, one record past the first fsync checkpoint
    ("torn:9", 9),       # half of record 10 written (what a power cut can leave)
    ("rename", N),       # everything written and fsynced, not yet renamed
])
def test_jsonl_sigkill_then_resume(inputs, reference, tmp_path, capsys, crash, kept):
    out = tmp_path / "out.jsonl"
    killed_run(inputs, "--jsonl", str(out), crash=crash)
    assert not out.exists()  # the output name never holds an unfinished file
    log = tmp_path / "out.jsonl.part"
    assert valid_prefix(log)[0] == sum(len(x) for x in lines(log)[:kept])  # exactly the finished records, whole
    torn = crash.startswith("torn")
    assert (log.stat().st_size > valid_prefix(log)[0]) == torn  # only a torn line is left past them

    summary = resume(inputs, capsys, "--jsonl", str(out))
    # the redone work: nothing that had been written; only the articles not finished before the kill
    assert summary["skipped_already_done"] == kept
    assert summary["articles_extracted"] == N - kept
    assert (summary["torn_bytes_cut"] > 0) == torn
    assert out.read_bytes() == (reference / "out.jsonl").read_bytes()  # every input once, in order, valid
    assert [json.loads(x)["id"] for x in lines(out)] == sorted(p.stem for p in inputs.glob("*.txt"))
    assert leftovers(tmp_path) == []
    assert out.stat().st_mode & 0o777 == 0o644


def test_jsonl_killed_from_outside_mid_run(inputs, reference, tmp_path, capsys):
    """A real ``kill -9`` at whatever moment the run has a few records out: no hook, no timer to race."""
    out = tmp_path / "out.jsonl"
    log = tmp_path / "out.jsonl.part"
    env = {k: v for k, v in os.environ.items() if k != CRASH_ENV}
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "batch", str(inputs), "--jsonl", str(out), "--workers", "1"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if log.exists() and log.read_bytes().count(b"\n") >= 3:
            proc.kill()
            break
        time.sleep(0.02)
    proc.wait(timeout=60)
    kept = sum(valid_prefix(log)[1].values()) if log.exists() else N
    summary = resume(inputs, capsys, "--jsonl", str(out))
    assert summary["skipped_already_done"] == kept
    assert summary["articles_extracted"] == N - kept
    assert out.read_bytes() == (reference / "out.jsonl").read_bytes()
    assert leftovers(tmp_path) == []


def test_csv_sigkill_mid_stream_then_resume(inputs, reference, tmp_path, capsys):
    out = tmp_path / "out.csv"
    killed_run(inputs, "--csv", str(out), crash="record:10")
    assert not out.exists()
    summary = resume(inputs, capsys, "--csv", str(out))
    assert summary["skipped_already_done"] == 10 and summary["articles_extracted"] == N - 10
    assert out.read_bytes() == (reference / "out.csv").read_bytes()
    assert leftovers(tmp_path) == []
    assert out.stat().st_mode & 0o777 == 0o644


def test_out_dir_sigkill_during_rename_then_resume(inputs, reference, tmp_path, capsys):
    out = tmp_path / "records"
    killed_run(inputs, "--out-dir", str(out), crash="rename")  # the first record's file, written, not renamed
    assert list(out.glob("*.json")) == [] and len(leftovers(out)) == 1
    summary = resume(inputs, capsys, "--out-dir", str(out))
    assert summary["stale_temporaries_removed"] == 1 and summary["articles_extracted"] == N
    want = {p.name: p.read_bytes() for p in (reference / "records").glob("*.json")}
    assert {p.name: p.read_bytes() for p in out.glob("*.json")} == want
    assert leftovers(tmp_path) == []
    assert {p.stat().st_mode & 0o777 for p in out.glob("*.json")} == {0o644}


def test_resume_cuts_a_garbled_tail_and_keeps_the_records_before_it(tmp_path):
    good = [json.dumps({"id": f"a{i}", "races": []}) + "\n" for i in range(3)]
    log = tmp_path / "out.jsonl.part"
    # a power cut can leave zeros or a torn line after the last whole record
    log.write_bytes("".join(good).encode() + b"\0" * 40 + b'\n{"id": "a9", "ra')
    end, ids = valid_prefix(log)
    assert end == len("".join(good).encode()) and sorted(ids) == ["a0", "a1", "a2"]


def test_resume_does_each_occurrence_of_a_repeated_id(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    rows = [{"id": "same", "text": "Nothing here."}, {"id": "other", "text": "Nothing."}, {"id": "same", "text": "Nor here."}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.part").write_text(json.dumps({"id": "same", "races": []}) + "\n")
    summary = resume(src, capsys, "--jsonl", str(out))
    assert summary["skipped_already_done"] == 1 and summary["articles_extracted"] == 2
    assert [json.loads(x)["id"] for x in lines(out)] == ["same", "other", "same"]


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_atomic_writer_gives_the_umask_permissions(tmp_path, mask, mode):
    os.umask(mask)
    target = tmp_path / "report.json"
    with atomic_writer(target) as fh:
        fh.write("{}\n")
    assert target.stat().st_mode & 0o777 == mode


def test_resume_removes_the_hidden_temporaries_of_killed_runs(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Nothing here."}) + "\n")
    out = tmp_path / "out.jsonl"
    for stale in (".out.jsonl.k3x_9qzt.part", ".errors.jsonl.0a1b2c3d.part"):  # as an older version left them
        (tmp_path / stale).write_text('{"id": "a", "ra')
    (tmp_path / ".other.jsonl.k3x_9qzt.part").write_text("")  # another output's: not ours to remove
    summary = resume(src, capsys, "--jsonl", str(out))
    assert summary["stale_temporaries_removed"] == 2
    assert leftovers(tmp_path) == [".other.jsonl.k3x_9qzt.part"]
    assert [json.loads(x)["id"] for x in lines(out)] == ["a"]
