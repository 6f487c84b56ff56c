"""Shared pieces of the benchmark scripts: result rows, the table printer, timing and memory helpers.

Every benchmark measures the library ("subject") and a bare baseline in the same process and
reports their ratio; a row with a target is *met* when the ratio is at most the target.

Benchmark hygiene, applied identically to subject and baseline:

* inputs are generated before timing and then frozen (``gc.freeze()``), so the cyclic garbage
  collector never re-scans the prepared millions of objects;
* the collector is paused (``gc.disable()``) inside every timed region, as ``timeit`` does;
* subject and baseline are timed **round by round** (:func:`interleaved`): each round runs every
  callable once, in an order that alternates between rounds, so a busy spell on the shared machine
  hits them alike; each figure is the best of N rounds (the minimum is the least disturbed run)
  and every row prints the per-round spread — the lowest and highest subject ÷ baseline ratio
  over the rounds; N is printed.
"""

from __future__ import annotations

import gc
import mmap
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

HYGIENE = ("GC: inputs frozen with gc.freeze() after generation; collector paused in every timed region, "
           "for subject and baseline alike; subject and baseline interleaved round by round; figures are "
           "best of N rounds, spread = lowest–highest per-round ratio")


@dataclass
class Row:
    """One line of the table: subject and baseline as printed, their ratio, and the target."""

    benchmark: str
    subject: str
    baseline: str
    ratio: float
    target: float | None = None  # met when ratio <= target; None: informative
    spread: tuple[float, float] | None = None  # lowest and highest per-round ratio (interleaved rows)

    @property
    def met(self) -> str:
        if self.target is None:
            return "info"
        return "yes" if self.ratio <= self.target else "NO"


@dataclass
class Report:
    """What one benchmark measured: table rows, peak memory figures and notes."""

    name: str
    rows: list[Row] = field(default_factory=list)
    memory: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def best_of(runs: int, work: Callable[[], object]) -> float:
    """Best wall time in seconds of ``runs`` calls of ``work``, garbage collector paused."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def interleaved(work: Sequence[Callable[[], object]], rounds: int) -> list[list[float]]:
    """Wall time in seconds of every callable of ``work`` in each of ``rounds`` rounds.

    Each round runs every callable once, collector paused; the order alternates (forwards,
    backwards) between rounds so that neither side always runs first. ``result[i][r]`` is the
    time of ``work[i]`` in round ``r``."""
    times: list[list[float]] = [[] for _ in work]
    order = list(range(len(work)))
    for number in range(rounds):
        for slot in order if number % 2 == 0 else order[::-1]:
            times[slot].append(best_of(1, work[slot]))
    return times


def ratio_row(benchmark: str, subject: Sequence[float], baseline: Sequence[float], target: float | None = None, *,
              per: float = 1, show: Callable[[float], str] | None = None) -> Row:
    """A row from per-round times: ratio of the best subject to the best baseline, and the spread of
    the per-round ratios. ``per`` divides the printed times (e.g. per transfer)."""
    show = show or duration
    ratios = [s / b for s, b in zip(subject, baseline, strict=True)]
    return Row(benchmark, show(min(subject) / per), show(min(baseline) / per), min(subject) / min(baseline),
               target, (min(ratios), max(ratios)))


def traced_peak(work: Callable[[], object]) -> int:
    """Peak bytes allocated by one (untimed) call of ``work``, inputs excluded (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        result = work()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del result
    return peak


def faults_of(work: Callable[[], object]) -> int:
    """Minor page faults (fresh pages handed out by the kernel) during one untimed call of ``work``."""
    gc.collect()
    gc.disable()
    try:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        result = work()
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    finally:
        gc.enable()
    del result
    return faults


def page_fault_cost(pages: int = 8192, runs: int = 3) -> float:
    """Seconds to touch one fresh page of memory for the first time (best of ``runs``); on this
    virtual machine it is several µs, so fresh memory for results is a visible part of the cost."""
    best = float("inf")
    size = pages * mmap.PAGESIZE
    for _ in range(runs):
        block = mmap.mmap(-1, size)
        try:
            start = time.perf_counter()
            for offset in range(0, size, mmap.PAGESIZE):
                block[offset] = 1
            best = min(best, (time.perf_counter() - start) / pages)
        finally:
            block.close()
    return best


def max_rss() -> int:
    """Peak resident set size of this process so far, in bytes (Linux reports KiB)."""
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return usage if sys.platform == "darwin" else usage * 1024


def mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def duration(seconds: float) -> str:
    """A time in the unit that reads best (ns, µs, ms or s)."""
    for unit, scale in (("ns", 1e9), ("µs", 1e6), ("ms", 1e3)):
        if seconds * scale < 10_000:
            return f"{seconds * scale:.3g} {unit}" if seconds * scale < 100 else f"{seconds * scale:.0f} {unit}"
    return f"{seconds:.2f} s"


def print_table(rows: Iterable[Row]) -> None:
    rows = list(rows)
    width = max([len("benchmark"), *(len(row.benchmark) for row in rows)])
    print(f"{'benchmark':<{width}}  {'subject':>12}  {'baseline':>12}  {'ratio':>8}  {'rounds':>13}  {'target':>7}"
          "  met?")
    for row in rows:
        target = "" if row.target is None else f"≤ {row.target:g}×"
        spread = "" if row.spread is None else f"{row.spread[0]:.2f}–{row.spread[1]:.2f}"
        print(f"{row.benchmark:<{width}}  {row.subject:>12}  {row.baseline:>12}  {row.ratio:7.2f}×  {spread:>13}"
              f"  {target:>7}  {row.met}")


def print_report(report: Report) -> None:
    print_table(report.rows)
    for label, figure in report.memory:
        print(f"peak memory, {label}: {figure}")
    for note in report.notes:
        print(note)
