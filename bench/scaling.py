"""Scaling benchmark for hostile input (issue 5). Run: python bench/scaling.py

Times extraction of each pathological text kind at 100 KB, 300 KB and 1 MB and prints the
seconds and the ratio of the 1 MB time to the 100 KB time: linear stages give about 10.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import Extractor  # noqa: E402
from tests.test_robustness import PATHOLOGICAL  # noqa: E402

SIZES = (100_000, 300_000, 1_000_000)


def main() -> int:
    ex = Extractor()
    ex.extract("Warm-up: Jane Roe won 51 percent of the vote.")
    print(f"{'kind':22s}" + "".join(f"{s // 1000:>9d}KB" for s in SIZES) + "   ratio 1MB/100KB")
    for name in sorted(PATHOLOGICAL):
        base = PATHOLOGICAL[name]
        times = []
        for size in SIZES:
            text = (base * (size // len(base) + 1))[:size]
            t0 = time.perf_counter()
            ex.extract(text)
            times.append(time.perf_counter() - t0)
        print(f"{name:22s}" + "".join(f"{t:10.2f}s" for t in times) + f"   {times[-1] / times[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
