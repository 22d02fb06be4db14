"""The Dask engine (issue 7): same bytes as the local engine, errors per item, a clear message without dask."""
import importlib.util
import json
import sys

import pytest

from extractor.cli import main

from .conftest import CORPUS, SEED

HAVE_DASK = all(importlib.util.find_spec(m) is not None for m in ("dask", "distributed")) and \
    importlib.util.find_spec("dask.bag") is not None
needs_dask = pytest.mark.skipif(not HAVE_DASK, reason="dask[bag] and distributed not installed (extra: dask)")


@pytest.fixture(scope="module")
def cluster():
    """One single-worker LocalCluster on loopback, shared by the tests that bring their own scheduler."""
    import dask
    from distributed import LocalCluster

    from extractor.distributed import WORKER_CONFIG

    with dask.config.set(WORKER_CONFIG), LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                                       host="127.0.0.1", dashboard_address=None) as c:
        yield c


@needs_dask
def test_dask_and_local_engines_write_the_same_bytes(tmp_path):
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    common = ["batch", str(CORPUS), "--glob", "*.txt", "--workers", "2"]
    assert main(common + ["--jsonl", str(local)]) == 0
    assert main(common + ["--jsonl", str(dask), "--engine", "dask"]) == 0  # a LocalCluster of 2 workers
    assert len(local.read_text("utf-8").splitlines()) == len(list(CORPUS.glob("*.txt")))
    assert dask.read_bytes() == local.read_bytes()


@needs_dask
def test_extract_bag_reports_a_bad_item_and_extracts_the_others(cluster):
    import dask.bag as db
    from distributed import Client

    from extractor.distributed import extract_bag
    from extractor.ingest import Article

    text = SEED.read_text("utf-8")
    items = [
        {"id": "first", "text": text, "published": "2017-06-07", "url": "https://example.org/a"},
        {"id": "no-text", "source": "feed.jsonl:2"},
        Article(id="third", text=text, source="corpus/ca34-special-2017.txt"),
    ]
    with Client(cluster) as client:
        out = extract_bag(db.from_sequence(items, partition_size=2)).compute()
        assert client.nthreads()  # ran on the cluster, not in this process
    assert [o.get("id") for o in out if "reason" not in o] == ["first", "third"]
    assert out[1] == {"path": "feed.jsonl:2", "reason": "article dict has no string 'text'"}
    first, third = out[0], out[2]
    assert first["published"] == "2017-06-07" and first["url"] == "https://example.org/a"
    assert third["source"] == "corpus/ca34-special-2017.txt"
    assert [c["name"] for c in first["races"][0]["candidates"]] == ["Jimmy Gomez", "Robert Lee Ahn"]
    assert third["races"][0]["candidates"] == first["races"][0]["candidates"]


@needs_dask
def test_batch_on_a_given_scheduler_keeps_order_and_lists_errors(cluster, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    texts = sorted(CORPUS.glob("*.txt"))[:3]
    for i, t in enumerate(texts):
        (d / f"{i}.txt").write_text(t.read_text("utf-8"), encoding="utf-8")
    (d / "3.txt").write_bytes(b"\x00\x01\x02\x03" * 500)  # binary: refused while reading, in this process
    out = tmp_path / "out.jsonl"
    code = main(["batch", str(d), "--jsonl", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address])
    assert code == 1
    assert [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()] == ["0", "1", "2"]
    errors = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text("utf-8").splitlines()]
    assert [e["path"] for e in errors] == [str(d / "3.txt")]


def test_scheduler_without_dask_engine_is_a_usage_error(tmp_path, capsys):
    assert main(["batch", str(SEED), "--jsonl", str(tmp_path / "o.jsonl"), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--engine dask" in capsys.readouterr().err


def test_missing_dask_says_how_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)  # import dask -> ImportError
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    out = tmp_path / "o.jsonl"
    assert main(["batch", str(SEED), "--jsonl", str(out), "--engine", "dask"]) == 2
    assert "election-extractor[dask]" in capsys.readouterr().err
    assert not out.exists()
