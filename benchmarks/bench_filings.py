"""Benchmark: checking and rolling up generated filings, and how it scales.

For N generated filings (departments of 1,000 units: a department-level unit, 10 superior
units, 989 units under them; about 2% of units have not filed; own / outsourced / shared /
no-canteen arrangements mixed, some below the 30% minimum, some with a union budget) it times,
in one process, after generation (generation is not timed):

* ``UnitTree.of(units)`` — building and validating the unit tree (the organisation, built once
  and reused by a service for every roll-up), reported apart;
* ``check_filings(filings)`` (every filing checked) plus ``roll_up_filings(tree, filings, 2023)``
  (totals per superior unit and per department) — the work per filing;
* a bare baseline: building a plain ``dict`` of the same eleven fields for every filing.

It prints the time per filing, its ratio to the baseline, and the scaling ratios between the
two sizes (time for the large ÷ time for the small; linear is 10×, target ≤ 11×). Past the CPU
caches the bare baseline itself scales worse than 10× on this machine; its scaling is printed
beside ours for comparison.

Run: ``python benchmarks/bench_filings.py [--quick]`` (quick: 10,000 and 100,000; full:
100,000 and 1,000,000 — the full run needs a few GiB of memory).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import HYGIENE, Report, duration, max_rss, mib, print_report, ratio_row, traced_peak  # noqa: I001

from poverty_procurement import (
    BudgetUnit,
    CanteenArrangement,
    Contact,
    Filing,
    UnionBudget,
    UnitTree,
    check_filings,
    roll_up_filings,
    yuan,
)

_PER_DEPARTMENT = 1_000
_SUPERIORS = 10


def generate(size: int) -> tuple[list[BudgetUnit], list[Filing]]:
    """``size`` units in departments of 1,000, and their filings (about 2% missing)."""
    contact = Contact("张三", "13800138000", "020-83188589")
    union = UnionBudget("100000", 20)
    totals = [yuan(100_000 + 1_237 * i) for i in range(997)]
    units: list[BudgetUnit] = []
    filings: list[Filing] = []
    for number in range(size):
        department, position = divmod(number, _PER_DEPARTMENT)
        if position == 0:
            superior = None
        elif position <= _SUPERIORS:
            superior = f"D{department}-0"
        else:
            superior = f"D{department}-{1 + position % _SUPERIORS}"
        unit = BudgetUnit(f"D{department}-{position}", f"单位{number}", "440000", superior)
        units.append(unit)
        kind = number % 50
        if kind == 0:
            continue  # not filed
        if kind < 30:
            filing = Filing(unit, 2023, CanteenArrangement.OWN, canteen_total=totals[number % 997],
                            ratio=30 + number % 7, contact=contact, union=union if kind % 3 == 0 else None)
        elif kind < 36:
            filing = Filing(unit, 2023, CanteenArrangement.OUTSOURCED, canteen_total=totals[number % 997],
                            ratio=20, contact=contact, executing_entity="某餐饮管理有限公司")
        elif kind < 40:
            filing = Filing(unit, 2023, CanteenArrangement.SHARED_REPRESENTATIVE,
                            canteen_total=totals[number % 997], ratio=35, contact=contact)
        elif kind < 44:
            filing = Filing(unit, 2023, CanteenArrangement.SHARED_MEMBER, remark="共用广东省机关事务管理局食堂",
                            contact=contact)
        elif kind < 48:
            filing = Filing(unit, 2023, CanteenArrangement.NONE, remark="无食堂", contact=contact)
        else:
            filing = Filing(unit, 2023, CanteenArrangement.NONE, remark="无饭堂", contact=contact)
        filings.append(filing)
    return units, filings


def baseline(filings: list[Filing]) -> float:
    """Seconds to build a plain dict of the same fields for every filing."""
    start = time.perf_counter()
    rows = [
        {"unit": f.unit, "year": f.year, "arrangement": f.arrangement, "canteen_total": f.canteen_total,
         "ratio": f.ratio, "reserved_share": f.reserved_share, "union": f.union,
         "has_union_need": f.has_union_need, "remark": f.remark, "contact": f.contact,
         "executing_entity": f.executing_entity}
        for f in filings
    ]
    elapsed = time.perf_counter() - start
    del rows
    return elapsed


def ours(units: list[BudgetUnit], filings: list[Filing]) -> tuple[float, float, float]:
    """Seconds to build the tree, to check every filing, and to roll them up."""
    start = time.perf_counter()
    tree = UnitTree.of(units)
    built = time.perf_counter()
    result = roll_up_filings(tree, filings, 2023)
    rolled = time.perf_counter()
    assert not result.errors
    assert result.overall.units == len(units) and result.overall.filed == len(filings)
    del result
    start_check = time.perf_counter()
    checks = check_filings(filings)
    checked = time.perf_counter()
    assert len(checks) == len(filings)
    del checks
    return built - start, checked - start_check, rolled - built


def run(size: int, repeat: int) -> tuple[list[float], list[float], list[float], list[float], int, int]:
    """Per-round times of each measurement (baseline and subject timed in the same round, ``repeat``
    rounds), and the peak memory of one check + roll-up (tracemalloc, untimed)."""
    units, filings = generate(size)
    gc.collect()
    gc.freeze()  # the prepared input is never re-scanned by the collector
    try:
        rounds: list[list[float]] = [[], [], [], []]
        for _ in range(repeat):
            gc.collect()
            gc.disable()  # time the work, not the collector's passes over a million objects
            try:
                mine = ours(units, filings)
                times = (baseline(filings), *mine)
            finally:
                gc.enable()
            for slot, new in zip(rounds, times, strict=True):
                slot.append(new)
        tree = UnitTree.of(units)
        peak = traced_peak(lambda: (check_filings(filings), roll_up_filings(tree, filings, 2023)))
        count = len(filings)
    finally:
        gc.unfreeze()  # the inputs are freed on return
    return rounds[0], rounds[1], rounds[2], rounds[3], count, peak


def _paired(times: list[float], rounds: int) -> list[float]:
    """The small size's times as many as the large size's rounds (the two sizes run one after the
    other, so a scaling row's spread pairs round ``r`` of each)."""
    return (times * rounds)[:rounds]


def measure(small: int, large: int, repeat: int = 3) -> Report:
    """Check and roll up ``small`` and ``large`` generated filings; rows for the table."""
    report = Report("filings")
    work: dict[int, list[float]] = {}
    bases: dict[int, list[float]] = {}
    trees: dict[int, list[float]] = {}
    for size in (small, large):
        base, tree, check, rollup, count, peak = run(size, repeat)
        both = [c + r for c, r in zip(check, rollup, strict=True)]
        work[size], bases[size], trees[size] = both, base, tree
        report.notes.append(
            f"filings {size:,} units, {count:,} filings: dict {duration(min(base) / count)}/filing, "
            f"tree {duration(min(tree) / size)}/unit, check {duration(min(check) / count)}/filing, "
            f"roll-up {duration(min(rollup) / count)}/filing")
        if size == large:
            report.rows.append(ratio_row(f"check_filings+roll_up_filings per filing ({large:,}) vs dict of fields",
                                         both, base, per=count))
            report.memory.append((f"check_filings + roll_up_filings on {count:,} filings "
                                  "(tracemalloc, inputs excluded)", mib(peak)))
    report.rows.append(ratio_row(f"check_filings+roll_up_filings scaling {small:,} -> {large:,}", work[large],
                                 _paired(work[small], len(work[large])), 11))
    report.rows.append(ratio_row(f"  UnitTree.of scaling {small:,} -> {large:,}", trees[large],
                                 _paired(trees[small], len(trees[large]))))
    report.rows.append(ratio_row(f"  baseline scaling {small:,} -> {large:,}", bases[large],
                                 _paired(bases[small], len(bases[large]))))
    report.memory.append(("process max RSS after filings", mib(max_rss())))
    report.notes.append(f"filings: best of {repeat} rounds (baseline and subject timed in each round; the scaling "
                        f"rows compare sizes run one after the other); {HYGIENE}")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 and 100,000 filings")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best is kept (default 3)")
    args = parser.parse_args()
    small, large = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    print_report(measure(small, large, args.repeat))


if __name__ == "__main__":
    main()
