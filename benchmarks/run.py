"""Run every benchmark of the project in one process and print one table (issue 7 item 5).

Usage: ``python benchmarks/run.py [--profile quick|full|tiny] [--only NAME ...]``

* ``quick`` (default, the fast profile for CI and iterating): small sizes (matching and filings
  at 10,000 and 100,000); a minute or two;
* ``full`` (run by name: ``--profile full``, or ``--full``): compute_share, 1,000,000 county
  lookups, matching and filings at 100,000 and 1,000,000 (scaling 100k -> 1M); several minutes
  and a few GiB of memory — the profile the issues' targets are set for;
* ``tiny`` (``--tiny``): smoke-test sizes (seconds; the figures mean nothing) — used by
  ``tests/package/test_benchmarks.py``.

The table has one row per measurement: benchmark, subject, baseline, ratio (subject ÷ baseline,
both measured in this process, interleaved round by round; best round of each), rounds (the
lowest–highest per-round ratio), target, met? ("info" rows have no target). Scaling rows give
time at the large size ÷ time at the small one (linear is 10×); the baseline's own scaling is
printed under it. Then the peak memory of the large runs (tracemalloc of the call, inputs
excluded, and the process's max RSS) and notes (sizes, N of best-of-N, GC hygiene).
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_counties
import bench_filings
import bench_matching
import bench_report
import bench_report_memory
import bench_share
from _common import Report, Row, print_table


def _report_memory(timed: Sequence[int], memory_only: Sequence[int] = ()) -> Report:
    """Streaming vs batch report: timed (and checked equal) at ``timed`` sizes, peak memory only at the others."""
    report = bench_report_memory.measure(timed, 1)
    if memory_only:
        more = bench_report_memory.measure(memory_only, 1, timed=False, check=False)
        report.rows += more.rows
        report.memory += more.memory
        report.notes += more.notes
    return report


#: Sizes per profile: name -> (benchmark -> zero-argument measurement).
PROFILES: dict[str, dict[str, Callable[[], Report]]] = {
    "full": {
        "share": lambda: bench_share.measure(50, 11, 21),
        "counties": lambda: bench_counties.measure(1_000_000, 5, 9),
        "matching": lambda: bench_matching.measure(100_000, 1_000_000, 5),
        "filings": lambda: bench_filings.measure(100_000, 1_000_000, 3),
        "report": lambda: bench_report.measure(100_000, 1_000_000, 1),
        "report_memory": lambda: _report_memory([100_000], [1_000_000]),
    },
    "quick": {
        "share": lambda: bench_share.measure(5, 5, 5),
        "counties": lambda: bench_counties.measure(100_000, 3, 3),
        "matching": lambda: bench_matching.measure(10_000, 100_000, 3),
        "filings": lambda: bench_filings.measure(10_000, 100_000, 2),
        "report": lambda: bench_report.measure(2_000, 20_000, 1),
        "report_memory": lambda: _report_memory([5_000]),
    },
    "tiny": {
        "share": lambda: bench_share.measure(1, 1, 1),
        "counties": lambda: bench_counties.measure(1_000, 1, 1),
        "matching": lambda: bench_matching.measure(100, 1_000, 1),
        "filings": lambda: bench_filings.measure(1_000, 2_000, 1),
        "report": lambda: bench_report.measure(200, 400, 1),
        "report_memory": lambda: _report_memory([300], [600]),
    },
}


def run(profile: str, only: Sequence[str] = ()) -> list[Report]:
    """Run the benchmarks of ``profile`` (all, or those named in ``only``), in one process."""
    chosen = PROFILES[profile]
    return [measure() for name, measure in chosen.items() if not only or name in only]


def main(argv: Sequence[str] | None = None) -> list[Row]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--profile", choices=list(PROFILES), default="quick",
                       help="quick (default, a minute or two), full (the issues' targets), tiny (smoke test)")
    sizes.add_argument("--full", action="store_const", const="full", dest="profile", help="--profile full")
    sizes.add_argument("--quick", action="store_const", const="quick", dest="profile", help="--profile quick")
    sizes.add_argument("--tiny", action="store_const", const="tiny", dest="profile", help="--profile tiny")
    parser.add_argument("--only", nargs="+", choices=list(PROFILES["full"]), default=(), help="run only these")
    args = parser.parse_args(argv)
    profile: str = args.profile
    print(f"poverty_procurement benchmarks, profile {profile}; {platform.python_implementation()} "
          f"{platform.python_version()} on {platform.machine()}")
    start = time.perf_counter()
    reports = run(profile, args.only)
    rows = [row for report in reports for row in report.rows]
    print()
    print_table(rows)
    print()
    for report in reports:
        for label, figure in report.memory:
            print(f"peak memory, {label}: {figure}")
    for report in reports:
        for note in report.notes:
            print(note)
    if profile != "full":
        print(f"profile {profile}: the scaling targets (≤ 11×) are set for 100,000 -> 1,000,000; the small sizes "
              "straddle the CPU caches (2 MiB L2, 32 MiB L3), which the baselines' own scaling shows")
    missed = [row.benchmark.strip() for row in rows if row.met == "NO"]
    print(f"targets met: {sum(row.met == 'yes' for row in rows)} of {sum(row.target is not None for row in rows)}"
          + (f"; missed: {', '.join(missed)}" if missed else ""))
    print(f"total wall time {time.perf_counter() - start:.0f} s")
    return rows


if __name__ == "__main__":
    main()
