"""Benchmark: compute_share against a bare Decimal multiply-and-quantize, and import time.

Prints ratios measured in one run (never absolute targets in a test):

* share: cost of ``compute_share(Yuan, Ratio)`` ÷ cost of
  ``(Decimal * Decimal / 100).quantize(0.01, ROUND_HALF_UP)`` (target ≤ 3×);
* import: time of ``import poverty_procurement`` ÷ time of ``import moneyed`` in fresh
  interpreters (target ≤ 1.5×); also ``from poverty_procurement import compute_share``, which
  loads the money machinery (moneyed, attrs) for real.

Run: ``python benchmarks/bench_share.py [--quick]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import timeit
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
sys.path.insert(0, str(SRC))

from poverty_procurement import Ratio, compute_share, yuan  # noqa: E402


def _best(statement: object, number: int, repeat: int) -> float:
    return min(timeit.repeat(statement, number=number, repeat=repeat)) / number  # type: ignore[arg-type]


def share_ratio(number: int, repeat: int) -> tuple[float, float]:
    total, ratio = yuan("3000000.00"), Ratio.of(20)
    d_total, d_ratio = Decimal("3000000.00"), Decimal("20.00")
    hundred, cent = Decimal(100), Decimal("0.01")

    def bare() -> Decimal:
        return (d_total * d_ratio / hundred).quantize(cent, rounding=ROUND_HALF_UP)

    def ours() -> object:
        return compute_share(total, ratio)

    assert bare() == ours().amount  # type: ignore[attr-defined]
    return _best(bare, number, repeat), _best(ours, number, repeat)


def import_time(statement: str, runs: int) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={"PYTHONPATH": str(SRC), "PATH": ""})
        times.append(float(done.stdout))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    number, repeat, runs = (20_000, 3, 5) if args.quick else (200_000, 7, 21)
    bare, ours = share_ratio(number, repeat)
    moneyed = import_time("import moneyed", runs)
    package = import_time("import poverty_procurement", runs)
    share_import = import_time("from poverty_procurement import compute_share", runs)
    print("benchmark                                   baseline      ours    ratio  target")
    print(f"compute_share vs bare Decimal               {bare * 1e6:6.3f} µs {ours * 1e6:6.3f} µs"
          f"  {ours / bare:5.2f}×  ≤ 3×")
    print(f"import poverty_procurement vs moneyed       {moneyed * 1e3:6.2f} ms {package * 1e3:6.2f} ms"
          f"  {package / moneyed:5.2f}×  ≤ 1.5×")
    print(f"from … import compute_share vs moneyed      {moneyed * 1e3:6.2f} ms {share_import * 1e3:6.2f} ms"
          f"  {share_import / moneyed:5.2f}×  (informative)")


if __name__ == "__main__":
    main()
