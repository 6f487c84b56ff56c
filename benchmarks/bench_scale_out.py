"""Benchmark: transfer matching in one process against Dask with 2 worker processes (issue 19).

For the generated statement of the tests (``tests/support.py``: ``scale_rows(N)``, every matching
reason present; about 0.66 N orders), it measures

* one process: a child process builds the ``BankTransfer`` and ``Order`` objects from the rows and
  runs ``match_transfers``; its peak resident memory (``ru_maxrss``) above the same child's
  baseline after generating the rows;
* Dask: a ``LocalCluster`` of 2 worker processes (1 thread each) runs
  ``poverty_procurement.dask.match_transfers`` on the same rows (8 input partitions, 8 match
  partitions); the peak resident memory of each worker above its own baseline when it started;

checks that the two results are equal, and prints the peak per worker as a fraction of the one
process. Wall times are printed too (informative only on a shared machine).

Run: ``python benchmarks/bench_scale_out.py [--transfers N]`` (default 200,000). The driver of the
Dask run holds the rows and the results, as the one process does; the figure is the workers'.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

_CHILD = r"""
import resource, sys, time
sys.path.insert(0, sys.argv[2])
from support import scale_rows, scale_seen
from poverty_procurement import match_transfers
from poverty_procurement.rows import order_from_row, transfer_from_row
rows = scale_rows(int(sys.argv[1]))
seen = scale_seen(rows)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
results = match_transfers([transfer_from_row(r) for r in rows["transfers"]],
                          [order_from_row(r) for r in rows["orders"]], seen)
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak - base, took, sum(r.credited for r in results))
"""


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def one_process(transfers: int) -> tuple[int, float, int]:
    """(peak KiB above baseline, seconds, credited) of a child matching in one process."""
    out = subprocess.run([sys.executable, "-c", _CHILD, str(transfers), str(ROOT / "tests")],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), float(out[1]), int(out[2])


def on_dask(transfers: int) -> tuple[list[int], float, Any, Any]:
    """(peak KiB above baseline per worker, seconds, Dask result frame, one-process frame)."""
    import dask.dataframe as dd
    import distributed
    import pandas as pd

    from poverty_procurement import dask as pp_dask
    from poverty_procurement import match_transfers
    from poverty_procurement.rows import order_from_row, transfer_from_row
    from support import scale_rows, scale_seen

    rows = scale_rows(transfers)
    seen = scale_seen(rows)
    frames = {kind: dd.from_pandas(pd.DataFrame(rows[kind], dtype=object), npartitions=8)
              for kind in ("transfers", "orders")}
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  memory_limit="4GiB") as cluster, distributed.Client(cluster) as client:
        base = client.run(_peak_kib)
        start = time.perf_counter()
        got = pp_dask.match_transfers(frames["transfers"], frames["orders"], 8, seen)
        took = time.perf_counter() - start
        peaks = client.run(_peak_kib)
    want = pp_dask.match_frame(match_transfers([transfer_from_row(r) for r in rows["transfers"]],
                                               [order_from_row(r) for r in rows["orders"]], seen))
    return [peaks[worker] - base[worker] for worker in sorted(peaks)], took, got, want


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transfers", type=int, default=200_000)
    args = parser.parse_args(argv)
    single, single_time, credited = one_process(args.transfers)
    workers, dask_time, got, want = on_dask(args.transfers)
    equal = got.equals(want)
    worst = max(workers)
    print(f"{args.transfers:,} transfers ({credited:,} credited): one process peak +{single / 1024:,.0f} MiB "
          f"in {single_time:.1f} s; Dask 2 workers peak +{workers[0] / 1024:,.0f} / +{workers[1] / 1024:,.0f} MiB "
          f"in {dask_time:.1f} s; worst worker / one process = {worst / single:.2f}; results equal: {equal}")
    return 0 if equal else 1


if __name__ == "__main__":
    raise SystemExit(main())
