"""Run every fuzz target with many arbitrary inputs and print what happened.

    python fuzz/run.py [--examples N] [--only SUBSTRING]

For each target: inputs run, how many returned a result, how many raised the library's own
errors, and the slowest single input (a bound on time; a finding is any other exception, which
stops the run with its traceback). Hypothesis generates the inputs (no example database, no
shrinking unless something fails). Default 2,000 inputs per target.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from targets import TARGETS, run_target


class Tally:
    """How a target's inputs ended, and the slowest single input (seconds)."""

    def __init__(self) -> None:
        self.outcomes: Counter[str] = Counter()
        self.slowest = 0.0


def fuzz_test(function: Any, inputs: st.SearchStrategy[Any], examples: int, tally: Tally,
              phases: tuple[Phase, ...] = (Phase.generate, Phase.shrink)) -> Any:
    """The Hypothesis test that runs ``function`` on ``inputs`` and records each input in ``tally``."""

    @settings(max_examples=examples, database=None, deadline=None, derandomize=False,
              phases=list(phases), suppress_health_check=list(HealthCheck))
    @given(inputs)
    def run(value: Any) -> None:
        started = time.perf_counter()
        tally.outcomes[run_target(function, value)] += 1
        tally.slowest = max(tally.slowest, time.perf_counter() - started)

    return run


def fuzz(function: Any, inputs: st.SearchStrategy[Any], examples: int) -> tuple[Counter[str], float]:
    tally = Tally()
    fuzz_test(function, inputs, examples, tally)()
    return tally.outcomes, tally.slowest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=2_000)
    parser.add_argument("--only", default="")
    args = parser.parse_args(argv)
    print(f"{'target':44} {'inputs':>7} {'ok':>7} {'lib err':>7} {'slowest':>9}")
    total = 0
    for name, function, inputs in TARGETS:
        if args.only not in name:
            continue
        outcomes, slowest = fuzz(function, inputs, args.examples)
        ran = sum(outcomes.values())
        total += ran
        print(f"{name:44} {ran:7d} {outcomes['ok']:7d} {outcomes['library error']:7d} {slowest * 1000:7.1f}ms",
              flush=True)
    print(f"{'total':44} {total:7d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
