"""Run every fuzz target with many arbitrary inputs and print what happened.

    python fuzz/run.py [--examples N] [--only SUBSTRING] [--seconds S] [--shard I/N]

``--seconds`` bounds the whole run: each target gets an equal share of the time and runs its
inputs in chunks until it has run ``--examples`` or its share is spent (a long run sets a large
``--examples`` and the time it may take). ``--shard I/N`` runs every N-th target from the I-th
(counting from 0), so N processes can share the targets.

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


_CHUNK = 5_000


def fuzz_for(function: Any, inputs: st.SearchStrategy[Any], examples: int,
             seconds: float | None) -> tuple[Counter[str], float]:
    """Like :func:`fuzz`, in chunks of fresh Hypothesis runs, stopping after ``seconds`` (if given)."""
    if seconds is None:
        return fuzz(function, inputs, examples)
    deadline = time.monotonic() + seconds
    outcomes: Counter[str] = Counter()
    slowest = 0.0
    while sum(outcomes.values()) < examples and time.monotonic() < deadline:
        chunk, chunk_slowest = fuzz(function, inputs, min(_CHUNK, examples - sum(outcomes.values())))
        if not chunk:  # the strategy's space is exhausted
            break
        outcomes += chunk
        slowest = max(slowest, chunk_slowest)
    return outcomes, slowest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=2_000)
    parser.add_argument("--only", default="")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--shard", default="0/1")
    args = parser.parse_args(argv)
    shard, shards = (int(part) for part in args.shard.split("/"))
    chosen = [target for number, target in enumerate(TARGETS)
              if args.only in target[0] and number % shards == shard]
    share = None if args.seconds is None else args.seconds / max(len(chosen), 1)
    print(f"{'target':44} {'inputs':>7} {'ok':>7} {'lib err':>7} {'slowest':>9}")
    total = 0
    for name, function, inputs in chosen:
        outcomes, slowest = fuzz_for(function, inputs, args.examples, share)
        ran = sum(outcomes.values())
        total += ran
        print(f"{name:44} {ran:7d} {outcomes['ok']:7d} {outcomes['library error']:7d} {slowest * 1000:7.1f}ms",
              flush=True)
    print(f"{'total':44} {total:7d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
