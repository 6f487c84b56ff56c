"""Benchmark: transfer matching in one process against Dask with 2 worker processes (issue 19).

For the generated statement of the tests (``tests/support.py``: ``scale_rows(N)``, every matching
reason present; about 0.66 N orders), it measures

* one process: a child process generates the rows, takes its baseline (its resident memory then),
  builds the ``BankTransfer`` and ``Order`` objects from the rows and runs ``match_transfers``; the
  figure is its peak resident memory above that baseline;
* Dask: a ``LocalCluster`` of 2 worker processes (1 thread each); each worker takes its baseline
  after importing the library, pandas and pyarrow; ``poverty_procurement.dask.match_transfers``
  reads the rows from Parquet files (``--input-partitions`` per kind), matches them in
  ``--partitions`` match partitions and writes the results to Parquet; the figure is each
  worker's peak above its own baseline;

checks that the results are equal row by row, and prints the worst worker's peak as a fraction of
the one process's. The peaks are Linux's ``VmHWM``, reset at each baseline. Wall times are printed
too (informative only on a shared machine).

Run: ``python benchmarks/bench_scale_out.py [--transfers N] [--partitions P]`` (default 200,000 and
16). ``--one-process-only FILE.json`` measures the one process alone and saves its figures and
rows; ``--one-process FILE.json`` reuses them (the output then says when they were measured).
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

_CHILD = r"""
import pickle, sys, time
sys.path.insert(0, sys.argv[2])
sys.path.insert(0, sys.argv[4])
from support import scale_rows, scale_seen
from bench_scale_out import peak_kib, reset_peak
from poverty_procurement import match_transfers
from poverty_procurement.rows import match_row, order_from_row, transfer_from_row
rows = scale_rows(int(sys.argv[1]))
seen = scale_seen(rows)
base = reset_peak()
start = time.perf_counter()
results = match_transfers([transfer_from_row(r) for r in rows["transfers"]],
                          [order_from_row(r) for r in rows["orders"]], seen)
took = time.perf_counter() - start
peak = peak_kib()
del rows
with open(sys.argv[3], "wb") as out:  # the result rows, written after the peak was read
    pickle.dump([match_row(n, r) for n, r in enumerate(results)], out, protocol=pickle.HIGHEST_PROTOCOL)
print(peak - base, took, sum(r.credited for r in results))
"""


def _status(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    raise LookupError(field)


def reset_peak() -> int:
    """Reset this process's peak resident memory to what it holds now; return that (KiB): the baseline.

    Linux: ``/proc/self/clear_refs`` (5) resets ``VmHWM``. Not ``ru_maxrss``: it survives ``exec``, so a
    worker spawned by a large driver would start with the driver's peak and never pass it.
    """
    with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
        clear.write("5")
    return _status("VmRSS")


def peak_kib() -> int:
    """This process's peak resident memory (KiB) since it started or since :func:`reset_peak`."""
    return _status("VmHWM")


def one_process(transfers: int, saved: Path) -> dict[str, Any]:
    """Peak KiB above baseline, seconds and credited of a child matching in one process; its result
    rows are pickled to ``saved`` (a ``.pkl`` beside the ``.json`` of the figures)."""
    rows_path = saved.with_suffix(".pkl")
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    out = subprocess.run([sys.executable, "-c", _CHILD, str(transfers), str(ROOT / "tests"), str(rows_path),
                          str(ROOT / "benchmarks")],
                         capture_output=True, text=True, check=True).stdout.split()
    figures = {"transfers": transfers, "peak_kib": int(out[0]), "seconds": float(out[1]), "credited": int(out[2]),
               "started": started, "rows": str(rows_path)}
    saved.write_text(json.dumps(figures))
    return figures


def _warm() -> int:
    """Import what a task imports, so a worker's baseline is taken after it (as the one process's is)."""
    import pandas  # noqa: F401
    import pyarrow  # type: ignore[import-untyped]  # noqa: F401

    import poverty_procurement.dask
    import poverty_procurement.rules.payments.matching  # noqa: F401

    return reset_peak()


def on_dask(transfers: int, partitions: int, input_partitions: int, folder: Path, *,
            memory_limit: str, p2p_buffer: str) -> tuple[list[int], float, list[tuple[Any, ...]]]:
    """(peak KiB above baseline per worker, seconds, the result rows in input order).

    The rows are written to Parquet files first and read by the workers (``dd.read_parquet``), and the
    workers write the results to Parquet, as a deployment does: the driver holds neither the rows nor
    the results. The driver reads the results back afterwards to compare them.
    """
    import dask
    import dask.dataframe as dd
    import distributed
    import pandas as pd

    from poverty_procurement import dask as pp_dask
    from support import scale_rows, scale_seen

    rows = scale_rows(transfers)
    seen = scale_seen(rows)
    for kind in ("transfers", "orders"):
        frame = pd.DataFrame(rows[kind], dtype=object)
        size = -(-len(frame) // input_partitions)
        (folder / kind).mkdir()
        for number, first in enumerate(range(0, len(frame), size)):
            frame.iloc[first:first + size].to_parquet(folder / kind / f"part.{number:04d}.parquet")
        del frame
    del rows
    with dask.config.set({"distributed.p2p.comm.buffer": p2p_buffer}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                     memory_limit=memory_limit) as cluster, distributed.Client(cluster) as client:
        base = client.run(_warm)
        start = time.perf_counter()
        results = pp_dask.match_transfers(dd.read_parquet(folder / "transfers"), dd.read_parquet(folder / "orders"),
                                          partitions, seen)
        results.to_parquet(folder / "matches", write_index=False)  # as a deployment keeps them: on the workers
        took = time.perf_counter() - start
        peaks = client.run(peak_kib)
    written = pd.read_parquet(folder / "matches").sort_values("position")
    got = [tuple(None if value is None or (not isinstance(value, str) and pd.isna(value)) else value for value in row)
           for row in written.itertuples(index=False, name=None)]
    return [peaks[worker] - base[worker] for worker in sorted(peaks)], took, got


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transfers", type=int, default=200_000)
    parser.add_argument("--partitions", type=int, default=16, help="match partitions (default 16)")
    parser.add_argument("--input-partitions", type=int, default=16, help="Parquet files per kind (default 16)")
    parser.add_argument("--memory-limit", default="6GiB", help="per worker (default 6GiB: no spilling below 3.6 GiB)")
    parser.add_argument("--p2p-buffer", default="1 GiB",
                        help="distributed.p2p.comm.buffer: a worker's shuffle send buffer (default Dask's 1 GiB)")
    parser.add_argument("--one-process", type=Path, metavar="FILE.json",
                        help="reuse the one-process figures and rows saved there by --one-process-only")
    parser.add_argument("--one-process-only", type=Path, metavar="FILE.json",
                        help="measure the one process only and save its figures and rows there")
    args = parser.parse_args(argv)
    if args.one_process_only is not None:
        figures = one_process(args.transfers, args.one_process_only)
        print(f"{args.transfers:,} transfers ({figures['credited']:,} credited): one process peak "
              f"+{figures['peak_kib'] / 1024:,.0f} MiB in {figures['seconds']:.1f} s "
              f"(saved to {args.one_process_only})")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        if args.one_process is not None:
            figures = json.loads(args.one_process.read_text())
            if figures["transfers"] != args.transfers:
                parser.error(f"{args.one_process} holds {figures['transfers']:,} transfers, not {args.transfers:,}")
            reused = f" (one process measured at {figures['started']}, reused)"
        else:
            figures = one_process(args.transfers, folder / "one-process.json")
            reused = ""
        with open(figures["rows"], "rb") as saved:
            want = pickle.load(saved)
        single = figures["peak_kib"]
        workers, dask_time, got = on_dask(args.transfers, args.partitions, args.input_partitions, folder,
                                          memory_limit=args.memory_limit, p2p_buffer=args.p2p_buffer)
    equal = got == want
    worst = max(workers)
    print(f"{args.transfers:,} transfers ({figures['credited']:,} credited): one process peak "
          f"+{single / 1024:,.0f} MiB in {figures['seconds']:.1f} s{reused}; "
          f"Dask 2 workers, {args.partitions} match partitions, P2P buffer {args.p2p_buffer}, peak "
          f"+{workers[0] / 1024:,.0f} / +{workers[1] / 1024:,.0f} MiB in {dask_time:.1f} s; "
          f"worst worker / one process = {worst / single:.2f}; results equal: {equal}")
    return 0 if equal else 1


if __name__ == "__main__":
    raise SystemExit(main())
