"""Benchmark: county lookups against a bare dict lookup, and the one-off load of the county tables.

Prints ratios measured in one run (never absolute targets in a test):

* lookup: cost per input of looking up a mixed stream of names, aliases and codes — mostly as
  written in the table (official, printed, former and short names, six-digit codes), some as an
  int code, some padded or with full-width digits — ÷ cost of ``table[x]`` on a dict prebuilt
  with exactly those inputs as keys (target ≤ 3×), for the batch ``lookup_counties(inputs)`` and
  for one ``lookup_county(x)`` call per input; also for the 832 list. For scale, the floor of any
  Python function is shown: ``def f(x): return table.get(x)`` called once per input. The lookups
  are measured warm (the fast tables have learned the padded variants, as they do in service);
* load: time of the first lookup in a fresh interpreter (reading, validating and indexing both
  tables), and ÷ the time to parse the same CSV files with ``csv.DictReader`` (informative).

Run: ``python benchmarks/bench_counties.py [--quick]`` (1,000,000 lookups; 100,000 with --quick).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import SRC, Report, interleaved, print_report, ratio_row  # noqa: I001

from poverty_procurement import lookup_county, lookup_poverty_county
from poverty_procurement.counties import (
    lookup_counties,
    lookup_poverty_counties,
    paired_counties,
    poverty_counties,
)

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def mixed_inputs(size: int, national: bool, seed: int = 832) -> list[str | int]:
    """90% names/aliases/codes as written, 5% int codes, 5% padded or full-width."""
    rng = random.Random(seed)
    counties = poverty_counties() if national else paired_counties()
    written = [n for c in counties for n in (*c.names, c.code)]
    codes = [int(c.code) for c in counties]
    typed = [" " + n + "\u3000" for n in written] + [c.code.translate(_FULL_WIDTH) for c in counties]
    out: list[str | int] = []
    for _ in range(size):
        draw = rng.random()
        pool: Sequence[str | int] = written if draw < 0.90 else codes if draw < 0.95 else typed
        out.append(pool[rng.randrange(len(pool))])
    return out


def lookup_work(size: int, national: bool) -> dict[str, Callable[[], object]]:
    """The four loops over ``size`` mixed inputs: bare dict, function floor, one call per input, batch."""
    lookup = lookup_poverty_county if national else lookup_county
    batch: Callable[[list[str | int]], object] = lookup_poverty_counties if national else lookup_counties
    inputs = mixed_inputs(size, national)
    table = {value: lookup(value) for value in set(inputs)}
    get = table.get

    def floor(value: str | int) -> object:
        return get(value)

    def bare() -> None:
        for value in inputs:
            table[value]

    def function_floor() -> None:
        for value in inputs:
            floor(value)

    def single() -> None:
        for value in inputs:
            lookup(value)

    def batched() -> None:
        batch(inputs)

    assert all(lookup(v) is table[v] for v in inputs[:1000])
    assert batch(inputs[:1000]) == [table[v] for v in inputs[:1000]]
    return {"bare": bare, "floor": function_floor, "single": single, "batch": batched}


def fresh(statement: str, setup: str) -> float:
    """Seconds ``statement`` takes in a fresh interpreter after ``setup`` (timed inside it)."""
    code = f"{setup}; import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(SRC), "PATH": ""})
    return float(done.stdout)


def measure(size: int, repeat: int, runs: int) -> Report:
    """``size`` mixed lookups per table (``repeat`` interleaved rounds) and the one-off load
    (``runs`` interleaved rounds of fresh interpreters); rows for the table."""
    report = Report("counties")
    for name, national in (("lookup_county", False), ("lookup_poverty_county", True)):
        work = lookup_work(size, national)
        bare, floor, single, batched = interleaved(list(work.values()), repeat)
        batch = name.replace("county", "counties")
        report.rows.append(ratio_row(f"{batch}(inputs) vs bare dict ({size:,})", batched, bare, 3, per=size))
        report.rows.append(ratio_row(f"{name}(x) per input vs bare dict ({size:,})", single, bare, 3, per=size))
        report.rows.append(ratio_row("  floor: def f(x): return d.get(x)", floor, bare, per=size))
    setup = "import poverty_procurement.rules.counties.lookup as m"
    data = SRC / "poverty_procurement" / "data"
    parse = (f"[list(csv.DictReader(open(p, encoding='utf-8'))) for p in "
             f"({str(data / 'poverty_counties_832.csv')!r}, {str(data / 'guangdong_pairing_2023.csv')!r})]")
    loads: list[float] = []
    parses: list[float] = []
    for number in range(runs):  # interleaved, order alternating
        if number % 2:
            parses.append(fresh(parse, "import csv"))
            loads.append(fresh("m.lookup_county('融水县')", setup))
        else:
            loads.append(fresh("m.lookup_county('融水县')", setup))
            parses.append(fresh(parse, "import csv"))
    report.rows.append(ratio_row("county tables one-off load vs csv parse", loads, parses))
    report.notes.append(f"counties: {size:,} mixed lookups (names, aliases, codes; 5% int codes, 5% padded/"
                        f"full-width), best of {repeat} interleaved rounds; load: best of {runs} interleaved rounds "
                        "of fresh interpreters")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100,000 lookups and fewer repetitions")
    args = parser.parse_args()
    size, repeat, runs = (100_000, 3, 3) if args.quick else (1_000_000, 5, 9)
    print_report(measure(size, repeat, runs))


if __name__ == "__main__":
    main()
