"""Benchmark: memory and time of the streaming CSV report (report_csv) against the batch path.

For a generated directory of CSV files with N rows in all (100 units in one department, a filing
each, N/2 − 100 orders and N/2 − 100 bank transfers; orders on the 832 platform awaiting payment
with a payment code, from paired and other counties; transfers in bank-time order, 90% paying an
order exactly and 10% with a memo without a code, so that most are credited and some need manual
confirmation), written to a temporary directory (kept out of the timing), it measures in one process:

* peak traced memory (``tracemalloc``, one untimed run each) of the streaming report
  ``report_csv(path)`` and of the batch path ``build_report(read_dataset(path))``, and their ratio;
* wall time (best of R interleaved rounds, tracemalloc off) of both, and the ratio streaming / batch;
* the streaming report end to end per row ÷ a plain ``csv.DictReader`` pass over the same four
  files (target ≤ 8×, issue 18);

and checks that both reports are equal. Both read the same files from disk (the page cache is
warm after the first run). The bare baseline for memory is the batch path itself — the figure
to beat is what holding the dataset costs.

Run: ``python benchmarks/bench_report_memory.py [--quick | --tiny] [--sizes N ...] [--runs R]``
(quick: 10,000 and 100,000 rows; full: 100,000 and 1,000,000 — the full run needs about 4 GiB for
the batch path under tracemalloc and a few minutes).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import gc
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
sys.path.insert(0, str(SRC))

from _common import Report, Row, interleaved, max_rss, mib, print_report, ratio_row, traced_peak  # noqa: E402
from poverty_procurement import build_report, read_dataset  # noqa: E402
from poverty_procurement.reporting import report_csv  # noqa: E402

_UNITS = 100
_COUNTIES = ("融水苗族自治县", "三都水族自治县", "融安县", "黔西市", "行唐县")
_ACCOUNT = "35000188110503337"
#: The bank time of the first transfer of generate_bounded (one a second after it, in time order at any count).
_START = datetime.datetime(2023, 7, 1)


def _code(number: int) -> str:
    """A distinct six-character payment code for each number (a letter and five base-36 digits)."""
    digits = []
    for _ in range(5):
        number, rest = divmod(number, 36)
        digits.append("0123456789abcdefghijklmnopqrstuvwxyz"[rest])
    return "abcdefghijklmnopqrstuvwxyz"[number % 26] + "".join(digits)


def _write_units_and_filings(folder: Path) -> list[str]:
    """Write units.csv (a department and its units) and filings.csv (one 2023 filing each); the unit codes."""
    units = [f"440{n:05d}" for n in range(_UNITS)]
    with open(folder / "units.csv", "w", encoding="utf-8") as out:
        out.write("code,name,superior\n")
        out.write(f"{units[0]},广东省某厅,\n")
        out.writelines(f"{code},某单位{n},{units[0]}\n" for n, code in enumerate(units[1:], start=1))
    with open(folder / "filings.csv", "w", encoding="utf-8") as out:
        out.write("unit,year,arrangement,canteen_total,ratio,contact_name,contact_mobile\n")
        out.writelines(f"{code},2023,own,{1_000_000 + n * 1000},30,张三,13800138000\n" for n, code in enumerate(units))
    return units


def _write_orders(folder: Path, units: list[str], orders: int, open_orders: int | None = None) -> None:
    """Write orders.csv: ``orders`` orders on the 832 platform, each with a distinct payment code. With
    ``open_orders`` the file has status and paid_at columns and only the first ``open_orders`` await payment
    (the others paid); without, every order awaits payment (no such columns)."""
    with open(folder / "orders.csv", "w", encoding="utf-8") as out:
        out.write("number,buyer_unit,placed_by,channel,supplier,account_number,bank,bank_code,amount,origin_county,"
                  f"payment_code{'' if open_orders is None else ',status,paid_at'}\n")
        for n in range(orders):
            state = "" if open_orders is None else ",paid,2023-06-01T10:00:00" if n >= open_orders else ",,"
            out.write(f"XD20230101{n:08d},{units[n % _UNITS]},unit,trading-platform,某供应商有限公司,{_ACCOUNT},"
                      f"中国光大银行北京分行营业室,303100000241,{100 + n % 997}.{n % 100:02d},"
                      f"{_COUNTIES[n % len(_COUNTIES)]},{_code(n)}{state}\n")


def generate(folder: Path, rows: int) -> tuple[int, int]:
    """Write units.csv, filings.csv, orders.csv and transfers.csv of ``rows`` rows in all into ``folder``."""
    orders = transfers = max(rows // 2 - _UNITS, 1)
    _write_orders(folder, _write_units_and_filings(folder), orders)
    with open(folder / "transfers.csv", "w", encoding="utf-8") as out:
        out.write("transaction_id,payer_name,payer_account,payee_account,amount,memo,time\n")
        for n in range(transfers):
            order = n % orders
            memo = f"货款{_code(order).upper()}" if n % 10 else "货款 2023年"
            day, second = divmod(n * 86_400 * 300 // transfers, 86_400)
            month, mday = divmod(day, 30)
            out.write(f"B{n:012d},某单位{order % _UNITS},44001000000000000001,{_ACCOUNT},"
                      f"{100 + order % 997}.{order % 100:02d},{memo},"
                      f"2023-{month + 1:02d}-{mday + 1:02d}T{second // 3600:02d}:{second // 60 % 60:02d}:"
                      f"{second % 60:02d}\n")
    return orders, transfers


def measure(sizes: Sequence[int], runs: int = 1, *, timed: bool = True, check: bool = True) -> Report:
    """Peak memory and time of the streaming and the batch report for each size (see the module docstring).

    ``timed=False`` skips the timed runs, ``check=False`` the equality check (each is two more full runs)."""
    report = Report("report memory (streaming CSV vs batch)")
    for size in sizes:
        folder = Path(tempfile.mkdtemp(prefix="bench-report-memory-"))
        try:
            orders, transfers = generate(folder, size)

            def streamed(folder: Path = folder) -> object:
                return report_csv(folder, 2023)

            def batch(folder: Path = folder) -> object:
                return build_report(read_dataset(folder), 2023)

            def dict_reader(folder: Path = folder) -> object:
                rows = 0
                for name in ("units.csv", "filings.csv", "orders.csv", "transfers.csv"):
                    with open(folder / name, encoding="utf-8", newline="") as source:
                        for _ in csv.DictReader(source):
                            rows += 1
                return rows

            same: bool | str = "not checked"
            if check:
                outcome = report_csv(folder, 2023)
                same = outcome.streamed and outcome.report == build_report(read_dataset(folder), 2023)
                del outcome
                gc.collect()
            stream_peak = traced_peak(streamed)
            batch_peak = traced_peak(batch)
            stream_times, batch_times, reader_times = (interleaved([streamed, batch, dict_reader], runs) if timed
                                                       else ([0.0], [1.0], [1.0]))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        label = f"{size:,} rows ({orders:,} orders + {transfers:,} transfers)"
        report.rows.append(Row(f"report_csv peak memory vs batch, {label}", mib(stream_peak), mib(batch_peak),
                               stream_peak / batch_peak))
        if timed:
            report.rows.append(ratio_row(f"report_csv time vs batch, {label}", stream_times, batch_times))
            report.rows.append(ratio_row(f"report_csv per row vs csv.DictReader pass, {label}", stream_times,
                                         reader_times, 8, per=size))
        report.memory.append((f"streaming, {label}", mib(stream_peak)))
        report.memory.append((f"batch, {label}", mib(batch_peak)))
        report.notes.append(f"{label}: reports equal: {same}; per row: streaming {stream_peak / size:,.0f} B, "
                            f"batch {batch_peak / size:,.0f} B; best of {runs} interleaved round(s)")
    return report


def generate_bounded(folder: Path, rows: int, open_orders: int) -> tuple[int, int]:
    """Like :func:`generate`, but of the orders only ``open_orders`` await payment (the first ones); the others
    were paid on the platform (status paid, with ``paid_at``); ``open_orders`` transfers pay the open ones. The
    rows are written one at a time (streaming), so a file of ten million rows needs no memory of its own."""
    transfers = open_orders
    orders = max(rows - 2 * _UNITS - transfers, open_orders)
    _write_orders(folder, _write_units_and_filings(folder), orders, open_orders)
    with open(folder / "transfers.csv", "w", encoding="utf-8") as out:
        out.write("transaction_id,payer_name,payer_account,payee_account,amount,memo,time\n")
        for n in range(transfers):
            out.write(f"B{n:012d},某单位{n % _UNITS},44001000000000000001,{_ACCOUNT},{100 + n % 997}.{n % 100:02d},"
                      f"货款{_code(n).upper()},{_START + datetime.timedelta(seconds=n):%Y-%m-%dT%H:%M:%S}\n")
    return orders, transfers


def _child_peak(folder: Path) -> None:
    """Run in a fresh interpreter: the streaming report of ``folder``, then print the peak RSS (bytes) and time."""
    import time

    start = time.perf_counter()
    outcome = report_csv(folder, 2023)
    elapsed = time.perf_counter() - start
    assert outcome.streamed
    print(max_rss(), elapsed, outcome.report.counts)


def measure_bounded(sizes: Sequence[int], open_orders: int) -> Report:
    """Peak resident memory of ``report_csv`` (each size in a fresh interpreter) over :func:`generate_bounded`
    files with ``open_orders`` orders awaiting payment, and the ratio of each size's peak to the smallest's."""
    import subprocess

    report = Report(f"report memory with {open_orders:,} open orders (streaming CSV, peak RSS)")
    peaks: dict[int, int] = {}
    for size in sizes:
        folder = Path(tempfile.mkdtemp(prefix="bench-report-bounded-"))
        try:
            orders, transfers = generate_bounded(folder, size, open_orders)
            done = subprocess.run([sys.executable, __file__, "--child", str(folder)], check=True,
                                  capture_output=True, text=True)
            peak, elapsed, _ = done.stdout.split(" ", 2)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        peaks[size] = int(peak)
        report.memory.append((f"report_csv, {size:,} rows ({orders:,} orders, {open_orders:,} open; "
                              f"{transfers:,} transfers)", f"{mib(int(peak))} RSS, {float(elapsed):.0f} s"))
    smallest = min(sizes)
    for size in sizes:
        if size != smallest:
            report.rows.append(Row(f"report_csv peak RSS {size:,} vs {smallest:,} rows, {open_orders:,} open orders",
                                   mib(peaks[size]), mib(peaks[smallest]), peaks[size] / peaks[smallest], 2))
    report.notes.append("bounded: each size generated to a temporary directory (streaming writer), then "
                        "report_csv run in a fresh interpreter; peak RSS (ru_maxrss) of that interpreter, "
                        "the interpreter and the library included; target ≤ 2× (issue 18)")
    return report


def main(argv: Sequence[str] | None = None) -> Report:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="10,000 and 100,000 rows")
    group.add_argument("--tiny", action="store_true", help="2,000 rows (smoke test)")
    group.add_argument("--sizes", type=int, nargs="+", help="sizes in rows")
    parser.add_argument("--runs", type=int, default=1, help="timed runs per figure (best is kept)")
    parser.add_argument("--memory-only", action="store_true", help="no timed runs, no equality check")
    parser.add_argument("--bounded", type=int, nargs="+", metavar="ROWS",
                        help="peak RSS at these sizes with --open orders awaiting payment, the rest paid")
    parser.add_argument("--open", type=int, default=100_000, help="open orders for --bounded (default 100,000)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        _child_peak(args.child)
        return Report("child")
    if args.bounded:
        report = measure_bounded(args.bounded, args.open)
        print_report(report)
        return report
    sizes = args.sizes or ([2_000] if args.tiny else [10_000, 100_000] if args.quick else [100_000, 1_000_000])
    report = measure(sizes, args.runs, timed=not args.memory_only, check=not args.memory_only)
    print_report(report)
    return report


if __name__ == "__main__":
    main()
