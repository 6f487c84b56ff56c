"""Check a large generated file of filings in parallel and show the result equals the sequential run.

    python examples/parallel_checks.py [--filings N] [--workers W] [--chunk C]

1. Generates ``N`` filings for 2023 (a mix of acceptable ones and the usual mistakes) and writes
   them as JSON lines with the library's ``converter`` (one filing per line, amounts as text).
2. Checks the file sequentially: streams the lines, structures each filing and runs
   :func:`poverty_procurement.check_filing` on it.
3. Checks it again with :class:`concurrent.futures.ProcessPoolExecutor`: the main process streams
   the file in chunks of ``C`` lines (bounded memory: at most ``W`` chunks in flight), each worker
   structures and checks its chunk. Value objects and results pickle to equal objects, so the
   same pure functions run unchanged in a worker (or a distributed engine's map step).
4. Asserts both runs give the same violation codes for every line, in order, and prints counts.

The library does no I/O itself; this file does the reading and writing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import poverty_procurement as pp

Codes = tuple[str, ...]


def generate(path: Path, count: int) -> None:
    """Write ``count`` filings as JSON lines: every tenth has a ratio below the 30% minimum."""
    department = pp.BudgetUnit("44000000", "广东省某厅", "广东")
    contact = pp.Contact("张三", "13800138000", "020-83188589")
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            unit = pp.BudgetUnit(f"44{number:08d}", f"某单位{number}", "广东", department.code)
            ratio = 20 if number % 10 == 0 else 30 + number % 7
            filing = pp.Filing(unit, 2023, pp.CanteenArrangement.OWN, canteen_total=f"{1000 + number}.50",
                               ratio=ratio, union_remark="无工会采购需求", contact=contact)
            out.write(json.dumps(pp.converter.unstructure(filing), ensure_ascii=False) + "\n")


def check_lines(lines: Iterable[str]) -> list[Codes]:
    """Structure and check each JSON line; a bad line gives the code of its error instead."""
    results: list[Codes] = []
    for line in lines:
        try:
            filing = pp.converter.structure(json.loads(line), pp.Filing)
        except (pp.PovertyProcurementError, ValueError) as error:
            results.append((f"bad-row:{type(error).__name__}",))
            continue
        results.append(tuple(violation.code for violation in pp.check_filing(filing)))
    return results


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    iterator = iter(lines)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def check_sequential(path: Path) -> list[Codes]:
    with path.open(encoding="utf-8") as lines:
        return check_lines(lines)


def check_parallel(path: Path, workers: int, chunk: int) -> list[Codes]:
    """Stream the file in chunks to ``workers`` processes, keeping at most ``workers`` chunks in flight."""
    results: list[Codes] = []
    pending: list[Future[list[Codes]]] = []
    with ProcessPoolExecutor(max_workers=workers) as pool, path.open(encoding="utf-8") as lines:
        for part in _chunks(lines, chunk):
            pending.append(pool.submit(check_lines, part))
            if len(pending) >= workers:
                results.extend(pending.pop(0).result())
        for future in pending:
            results.extend(future.result())
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--filings", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--chunk", type=int, default=5_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "filings.jsonl"
        generate(path, args.filings)
        sequential = check_sequential(path)
        parallel = check_parallel(path, args.workers, args.chunk)
    if parallel != sequential:
        print("parallel and sequential results differ", file=sys.stderr)
        return 1
    counts = Counter(code for codes in sequential for code in codes)
    print(f"{len(sequential)} filings checked with {args.workers} workers; results equal the sequential run")
    for code, count in sorted(counts.items()):
        print(f"  {code}: {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
