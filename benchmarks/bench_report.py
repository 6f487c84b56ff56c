"""Benchmark: reading a CSV dataset, building the compliance report, and how both scale.

For N generated records in one CSV file with a ``kind`` column (10% units in departments of
100 — a department-level unit, 9 superior units, 90 units under them —, 10% filings, 70%
orders of those units, paid or awaiting payment, from paired and other counties, 10% bank
transfers paying them, most with a good memo) it times, in one process, after generation
(generation is not timed; the CSV text is held in memory, so no disk time is measured):

* ``parse_csv`` — every row structured with the converter and built into a value object,
  against a bare baseline: ``csv.DictReader`` over the same lines, each row kept as a dict;
* ``build_report`` — filing checks, roll-up, transfer matching, completion roll-up and priority
  tiers, against a bare baseline: summing every order's amount in integer fen per unit in a dict;
* ``roll_up_completion`` alone (the completion through the unit tree), against the same baseline;
* ``report_csv`` end to end — what ``poverty-procurement report FILE`` does: the CSV file (written to a
  temporary file before timing) read, checked, matched and reported, streaming — per row, against a
  ``csv.DictReader`` pass over the same file (target ≤ 8×, issue 18).

It prints µs per record, the ratios to the baselines and the scaling ratios between the two
sizes (time for the large ÷ time for the small; linear is 10×).

Run: ``python benchmarks/bench_report.py [--quick]`` (quick: 10,000 and 100,000 records; full:
100,000 and 1,000,000 — the full run needs a few GiB of memory).
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
sys.path.insert(0, str(SRC))

from _common import Report, ratio_row  # noqa: E402
from poverty_procurement import build_report, roll_up_completion  # noqa: E402
from poverty_procurement.reporting import parse_csv, report_csv  # noqa: E402
from poverty_procurement.reporting.records import Dataset  # noqa: E402

_COLUMNS = ["kind", "code", "name", "superior", "unit", "year", "arrangement", "canteen_total", "ratio", "remark",
            "contact_name", "contact_mobile", "number", "buyer_unit", "placed_by", "channel", "supplier",
            "account_number", "bank", "bank_code", "amount", "origin_county", "status", "paid_at", "payment_code",
            "transaction_id", "payer_name", "payer_account", "payee_account", "memo", "time"]
_COUNTIES = ("融水苗族自治县", "三都水族自治县", "融安县", "黔西市", "行唐县")


def _code(number: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    digits = []
    for _ in range(5):
        number, rest = divmod(number, 36)
        digits.append("0123456789abcdefghijklmnopqrstuvwxyz"[rest])
    return letters[number % 26] + "".join(digits)


def generate(size: int) -> list[str]:
    """CSV lines of ``size`` records (see the module docstring)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_COLUMNS)
    blank = dict.fromkeys(_COLUMNS, "")
    units = size // 10
    for number in range(units):
        department, position = divmod(number, 100)
        superior = "" if position == 0 else f"D{department}-0" if position < 10 else f"D{department}-{position % 9 + 1}"
        writer.writerow({**blank, "kind": "unit", "code": f"D{department}-{position}", "name": f"单位{number}",
                         "superior": superior}.values())
    for number in range(units):
        department, position = divmod(number, 100)
        row = {**blank, "kind": "filing", "unit": f"D{department}-{position}", "year": "2023",
               "contact_name": "张三", "contact_mobile": "13800138000"}
        if number % 5:
            row.update(arrangement="own", canteen_total=str(100_000 + number % 997 * 1_237),
                       ratio=str(25 + number % 10))
        else:
            row.update(arrangement="none", remark="无食堂" if number % 3 else "无饭堂")
        writer.writerow(row.values())
    orders = size * 7 // 10
    for number in range(orders):
        unit = number % units
        paid = number % 4 != 0
        row = {**blank, "kind": "order", "number": f"XD20230601{number:08d}",
               "buyer_unit": f"D{unit // 100}-{unit % 100}", "placed_by": "unit", "channel": "trading-platform",
               "supplier": "测试新工商信息核验", "account_number": "35000188110503337",
               "bank": "中国光大银行北京分行营业室",
               "bank_code": "303100000241", "amount": f"{1_000 + number % 5_000}.{number % 100:02d}",
               "origin_county": _COUNTIES[number % 5], "status": "paid" if paid else "awaiting-payment",
               "paid_at": "2023-06-01T10:00:00" if paid else "", "payment_code": _code(number)}
        writer.writerow(row.values())
    for number in range(size - 2 * units - orders):
        order = number * 4 % orders  # awaiting payment
        memo = f"货款 {_code(order)}" if number % 10 else "货款"
        writer.writerow({**blank, "kind": "transfer", "transaction_id": f"B{number:09d}", "payer_name": "某单位",
                         "payer_account": "44001000000000000001", "payee_account": "35000188110503337",
                         "amount": f"{1_000 + order % 5_000}.{order % 100:02d}", "memo": memo,
                         "time": "2023-11-20T10:00:00"}.values())
    return out.getvalue().splitlines(keepends=True)


def read_baseline(lines: list[str]) -> float:
    start = time.perf_counter()
    rows = list(csv.DictReader(lines))
    elapsed = time.perf_counter() - start
    del rows
    return elapsed


def report_baseline(dataset: Dataset) -> float:
    start = time.perf_counter()
    sums: dict[str, int] = {}
    for order in dataset.orders:
        sums[order.buyer_unit] = sums.get(order.buyer_unit, 0) + order.amount.fen
    return time.perf_counter() - start


def file_baseline(path: Path) -> float:
    start = time.perf_counter()
    with open(path, encoding="utf-8", newline="") as source:
        for _ in csv.DictReader(source):
            pass
    return time.perf_counter() - start


def end_to_end(path: Path) -> float:
    start = time.perf_counter()
    outcome = report_csv(path, 2023)
    elapsed = time.perf_counter() - start
    assert outcome.streamed and not outcome.report.input_errors
    return elapsed


def run(size: int, repeat: int) -> list[list[float]]:
    """Per-round times (seconds) of each measurement: baseline read, parse_csv, baseline sum,
    build_report, roll_up_completion, and the file pair — a DictReader pass and report_csv end to end,
    one after the other, in alternating order — all seven in every round."""
    lines = generate(size)
    rounds: list[list[float]] = [[], [], [], [], [], [], []]
    with tempfile.TemporaryDirectory(prefix="bench-report-") as folder:
        path = Path(folder) / "data.csv"
        path.write_text("".join(lines), encoding="utf-8")
        for number in range(repeat):
            gc.collect()
            gc.disable()
            try:
                pair = (file_baseline, end_to_end) if number % 2 == 0 else (end_to_end, file_baseline)
                first, second = pair[0](path), pair[1](path)
            finally:
                gc.enable()
            base_file, whole = (first, second) if number % 2 == 0 else (second, first)
            rounds[5].append(base_file)
            rounds[6].append(whole)
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            base_read = read_baseline(lines)
            start = time.perf_counter()
            dataset = parse_csv(lines)
            read = time.perf_counter() - start
            assert not dataset.errors, dataset.errors[:3]
            base_report = report_baseline(dataset)
            start = time.perf_counter()
            report = build_report(dataset, 2023)
            built = time.perf_counter() - start
            assert report.filing_violations and report.manual_confirmations
            start = time.perf_counter()
            roll_up_completion(dataset.units, dataset.orders, dataset.filings, 2023)
            rolled = time.perf_counter() - start
        finally:
            gc.enable()
        del dataset
        for slot, new in zip(rounds[:5], (base_read, read, base_report, built, rolled), strict=True):
            slot.append(new)
    return rounds


def measure(small: int, large: int, repeat: int) -> Report:
    """The rows for ``benchmarks/run.py``: per-record ratios at ``large`` and scaling ``small`` → ``large``.

    The issues set no target for the report; every row is informative."""
    report = Report("report")
    results = {size: run(size, repeat) for size in (small, large)}
    s, b = results[small], results[large]
    names = ("parse_csv vs csv.DictReader", "build_report vs dict sum of order fen",
             "roll_up_completion vs dict sum of order fen")
    for name, subject, baseline in zip(names, (b[1], b[3], b[4]), (b[0], b[2], b[2]), strict=True):
        report.rows.append(ratio_row(f"{name} per record ({large:,})", subject, baseline, per=large))
    report.rows.append(ratio_row(f"report_csv end to end per row vs csv.DictReader pass ({large:,})", b[6], b[5], 8,
                                 per=large))
    for name, index in (("parse_csv", 1), ("build_report", 3), ("roll_up_completion", 4)):
        report.rows.append(ratio_row(f"{name} scaling {small:,} -> {large:,}", b[index], s[index]))
    report.rows.append(ratio_row(f"  baseline DictReader scaling {small:,} -> {large:,}", b[0], s[0]))
    report.notes.append(f"report: CSV of mixed records (units, filings, orders, transfers), best of {repeat} rounds "
                        "(subject and baseline timed in each round, report_csv and its DictReader pass one after the "
                        "other in alternating order); collector paused in every timed region; target only for "
                        "report_csv end to end (≤ 8×, issue 18), the other rows informative")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 and 100,000 records")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size; the best is kept (default 2)")
    args = parser.parse_args()
    small, large = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    print("  records  DictReader µs/r  parse_csv µs/r  ÷ DictReader  sum µs/r  report µs/r  ÷ sum"
          "  completion µs/r  ÷ sum")
    results: dict[int, list[float]] = {}
    ends: dict[int, list[list[float]]] = {}
    for size in (small, large):
        rounds = run(size, args.repeat)
        ends[size] = rounds[5:]
        base_read, read, base_report, built, rolled, _, _ = results[size] = [min(t) for t in rounds]
        print(f"{size:>9,}  {base_read / size * 1e6:15.3f}  {read / size * 1e6:14.3f}  {read / base_read:11.1f}×"
              f"  {base_report / size * 1e6:8.3f}  {built / size * 1e6:11.3f}  {built / base_report:5.1f}×"
              f"  {rolled / size * 1e6:15.3f}  {rolled / base_report:5.1f}×")
    for size, (base_file, whole) in ends.items():
        ratios = [w / b for w, b in zip(whole, base_file, strict=True)]
        print(f"report_csv end to end ({size:,} rows): {min(whole) / size * 1e6:.1f} µs/row, DictReader pass "
              f"{min(base_file) / size * 1e6:.2f} µs/row: {min(whole) / min(base_file):.1f}× (rounds "
              f"{min(ratios):.1f}–{max(ratios):.1f}×; target ≤ 8×)")
    s, b = results[small], results[large]
    print(f"scaling {large:,} ÷ {small:,} (linear 10×): parse_csv {b[1] / s[1]:.2f}×, build_report {b[3] / s[3]:.2f}×, "
          f"roll_up_completion {b[4] / s[4]:.2f}×; baselines DictReader {b[0] / s[0]:.2f}×, sum {b[2] / s[2]:.2f}×")

if __name__ == "__main__":
    main()
