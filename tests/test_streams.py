"""The helpers both batch engines share live below them: neither engine imports the other for them."""
import subprocess
import sys

from extractor.streams import chunks


def test_chunks_keep_order_and_size():
    assert list(chunks(iter(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunks([], 3)) == []


def test_dask_engine_does_not_import_the_batch_engine():
    code = "import sys, extractor.distributed; sys.exit('extractor.batch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
