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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import SRC, Report, Row, duration, print_report  # noqa: I001

from poverty_procurement import Ratio, compute_share, yuan


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


def measure(number: int, repeat: int, runs: int) -> Report:
    """compute_share (``number`` calls, best of ``repeat``) and import times (median of ``runs``)."""
    report = Report("share")
    bare, ours = share_ratio(number, repeat)
    moneyed = import_time("import moneyed", runs)
    package = import_time("import poverty_procurement", runs)
    share_import = import_time("from poverty_procurement import compute_share", runs)
    report.rows.append(Row("compute_share vs bare Decimal", duration(ours), duration(bare), ours / bare, 3))
    report.rows.append(Row("import poverty_procurement vs moneyed", duration(package), duration(moneyed),
                           package / moneyed, 1.5))
    report.rows.append(Row("  from ... import compute_share vs moneyed", duration(share_import), duration(moneyed),
                           share_import / moneyed))
    report.notes.append(f"share: {number:,} calls, best of {repeat}; imports: median of {runs} fresh interpreters")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    print_report(measure(*((20_000, 3, 5) if args.quick else (200_000, 7, 21))))


if __name__ == "__main__":
    main()
