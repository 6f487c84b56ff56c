"""Benchmark: compute_share against the bare Decimal work it replaces, and import time.

Prints ratios measured in one run, subject and baseline interleaved round by round (never
absolute targets in a test):

* ``compute_share(Yuan, Ratio)`` over 2,000 *distinct* amounts and ratios ÷ the floor of the
  same work on prepared Decimals — ``ctx.quantize(ctx.multiply(total, fraction), cent)``
  (target ≤ 1.5×, issue 18);
* ``compute_share(text, int)`` — the README's call, ``compute_share("3000000.50", 20)`` — over the
  same 2,000 amounts as text ÷ the same work bare: the text checked against the form grammar with
  one precompiled ``re.fullmatch`` (``[0-9]{1,12}([.][0-9]{1,2})?``), then ``Decimal(text)`` +
  multiply + quantize, the whole percent points checked to be 0–100 and turned into the fraction
  by indexing a table of the 101 prepared fractions (target ≤ 2×);
* ``from poverty_procurement import compute_share`` ÷ ``import moneyed``, each in a fresh
  interpreter, interleaved (target ≤ 1.3×); also ``import poverty_procurement`` (the lazy package,
  target ≤ 1.5×, issue 7).

**What each baseline does, and why.** Both baselines return a ``Decimal`` (the subject a ``Yuan``)
and use a private ``Context(prec=60, rounding=ROUND_HALF_UP)``, as the library does. The typed
row's inputs are prepared on both sides (``Yuan``/``Ratio`` against ``Decimal`` total and
fraction). For text, a bare ``Decimal(text)`` does *less* than the rule: it accepts exponents
(``1e6``), ``NaN``, ``Infinity``, underscores (``1_000``), signs and surrounding whitespace, all of
which the platform's form grammar (附件2 一、第四步 "仅可输入数字与小数点，保留小数点后两位") rejects,
and a third decimal; so the baseline adds the cheapest check that rejects them (one precompiled
``fullmatch``; the string-method check the library uses costs the same here). The ratio
``20`` means 20%: the baseline checks it is an int in 0–100 and takes the prepared fraction
from a 101-entry table (cheaper than ``Decimal(point).scaleb(-2)`` per call), the library turns it
into basis points. Until issue 18 part 1 was re-checked the text baseline skipped both checks and
used a fraction prepared per input.

``--breakdown`` also times the typed row step by step: copies of ``compute_share``'s first branch
stopped after each step (the call, the type checks and reads, the integer formula, the new
``Yuan``, filling its fen), each interleaved with the baseline, and for comparison the same steps
building a plain slotted object (no ``__dict__``, no ``__setattr__``: not a ``Yuan``) — what a
``Yuan`` costs to make, as a ``moneyed.Money`` subclass that refuses assignment, is the difference.

Run: ``python benchmarks/bench_share.py [--quick] [--breakdown]``.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Context, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import SRC, Report, interleaved, print_report, ratio_row  # noqa: I001

from poverty_procurement import Ratio, Yuan, compute_share, yuan

DISTINCT = 2_000
#: The form grammar of an amount, the cheapest complete check for a bare baseline: ASCII digits
#: (at most twelve), optionally a point and one or two digits, nothing else.
FORM_AMOUNT = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,2})?").fullmatch


def inputs(count: int = DISTINCT, seed: int = 832) -> tuple[list[str], list[int]]:
    """``count`` distinct amounts as form text (up to 12 integer digits, two decimals) and ratios
    in whole percent points (1–100)."""
    rng = random.Random(seed)
    fen = rng.sample(range(1, 10**12), count)
    return [f"{f // 100}.{f % 100:02d}" for f in fen], [rng.randint(1, 100) for _ in range(count)]


def share_work(repeat: int) -> dict[str, Callable[[], object]]:
    """The four loops (each over the distinct inputs, ``repeat`` times), checked equal first."""
    texts, points = inputs()
    totals = [yuan(text) for text in texts]
    ratios = [Ratio.of(point) for point in points]
    context = Context(prec=60, rounding=ROUND_HALF_UP)
    multiply, quantize, cent = context.multiply, context.quantize, Decimal("0.01")
    d_totals = [Decimal(text) for text in texts]
    fractions = [Decimal(point).scaleb(-2) for point in points]
    typed = list(zip(totals, ratios, strict=True)) * repeat
    prepared = list(zip(d_totals, fractions, strict=True)) * repeat
    given = list(zip(texts, points, strict=True)) * repeat
    table = [Decimal(point).scaleb(-2) for point in range(101)]  # whole percent points -> fraction

    def ours_typed() -> object:
        return [compute_share(total, ratio) for total, ratio in typed]

    def bare_prepared() -> object:
        return [quantize(multiply(total, fraction), cent) for total, fraction in prepared]

    def ours_text() -> object:
        return [compute_share(text, point) for text, point in given]

    def bare_text() -> object:
        # the form grammar checked, the percent points checked and looked up, then the Decimal work
        # (a comprehension, as the other loops: no Python call per input on the valid path)
        form = FORM_AMOUNT
        return [quantize(multiply(Decimal(text), table[point]), cent)
                if form(text) is not None and type(point) is int and 0 <= point <= 100 else reject(text)
                for text, point in given]

    expected = bare_prepared()
    assert [share.amount for share in ours_typed()] == expected  # type: ignore[attr-defined]
    assert [share.amount for share in ours_text()] == expected  # type: ignore[attr-defined]
    assert bare_text() == expected
    return {"ours_typed": ours_typed, "bare_prepared": bare_prepared, "ours_text": ours_text, "bare_text": bare_text}


def reject(text: str) -> object:
    raise ValueError(f"not form text: {text!r}")


def import_time(statement: str) -> float:
    """Seconds ``statement`` takes in a fresh interpreter (timed inside it)."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(SRC), "PATH": ""})
    return float(done.stdout)


def import_rounds(rounds: int) -> tuple[list[float], list[float], list[float]]:
    """``import moneyed``, ``from poverty_procurement import compute_share`` and ``import
    poverty_procurement``, one fresh interpreter each per round, interleaved (order alternating)."""
    statements = ("import moneyed", "from poverty_procurement import compute_share", "import poverty_procurement")
    times: list[list[float]] = [[], [], []]
    for number in range(rounds):
        order = range(3) if number % 2 == 0 else range(2, -1, -1)
        for slot in order:
            times[slot].append(import_time(statements[slot]))
    return times[0], times[1], times[2]


class _Plain:
    """A slotted object with no ``__dict__`` and no ``__setattr__``: the breakdown's comparison."""

    __slots__ = ("fen",)
    fen: int


def breakdown(repeat: int, rounds: int) -> list[str]:
    """Cumulative ns per call of the steps of ``compute_share(Yuan, Ratio)``, each a copy of its
    first branch stopped after that step, interleaved round by round with the baseline."""
    texts, points = inputs()
    typed = list(zip([yuan(text) for text in texts], [Ratio.of(point) for point in points], strict=True)) * repeat
    work = share_work(repeat)
    new, set_fen = object.__new__, Yuan.fen.__set__  # type: ignore[attr-defined]  # as shares.py

    def call(total: Yuan, ratio: Ratio) -> object:
        return total

    def checks(total: Yuan, ratio: Ratio) -> object:
        if type(total) is Yuan and type(ratio) is Ratio:
            fen, points = total.fen, ratio.basis_points
            return fen if points >= 0 else None
        return None

    def formula(total: Yuan, ratio: Ratio) -> object:
        if type(total) is Yuan and type(ratio) is Ratio:
            return (total.fen * ratio.basis_points + 5000) // 10000
        return None

    def allocate(total: Yuan, ratio: Ratio) -> object:
        if type(total) is Yuan and type(ratio) is Ratio:
            share = new(Yuan)
            fen = (total.fen * ratio.basis_points + 5000) // 10000  # computed, not stored
            return share if fen >= 0 else None
        return None

    def fill(total: Yuan, ratio: Ratio) -> object:
        if type(total) is Yuan and type(ratio) is Ratio:
            share = new(Yuan)
            set_fen(share, (total.fen * ratio.basis_points + 5000) // 10000)
            return share
        return None

    def plain(total: Yuan, ratio: Ratio) -> object:
        if type(total) is Yuan and type(ratio) is Ratio:
            share = _Plain()
            share.fen = (total.fen * ratio.basis_points + 5000) // 10000
            return share
        return None

    steps = [("call, one list slot", call), ("+ type checks, read fen and basis points", checks),
             ("+ the integer formula", formula), ("+ object.__new__(Yuan)", allocate),
             ("+ fill its fen slot (the whole typed path)", fill),
             ("same with a plain slotted object (not a Yuan)", plain)]

    def loop(step: Callable[[Yuan, Ratio], object]) -> Callable[[], object]:
        return lambda: [step(total, ratio) for total, ratio in typed]

    loops = [work["bare_prepared"], *[loop(step) for _, step in steps]]
    assert [share.fen for share in loops[5]()] == [share.fen for share in work["ours_typed"]()]  # type: ignore[attr-defined]
    times = interleaved(loops, rounds)
    bare = min(times[0])
    lines = [f"share breakdown, compute_share(Yuan, Ratio) step by step, cumulative, best of {rounds} rounds "
             f"interleaved with the baseline ({bare / len(typed) * 1e9:.0f} ns per call):"]
    for (label, _), measured in zip(steps, times[1:], strict=True):
        lines.append(f"  {label:46s} {min(measured) / len(typed) * 1e9:6.0f} ns  {min(measured) / bare:5.2f}× baseline")
    return lines


def measure(repeat: int, rounds: int, import_runs: int, *, with_breakdown: bool = False) -> Report:
    """compute_share over the distinct inputs (``repeat`` passes per round, ``rounds`` rounds) and
    import times (``import_runs`` rounds of fresh interpreters); ``with_breakdown``: the typed row
    step by step too."""
    report = Report("share")
    work = share_work(repeat)
    calls = repeat * DISTINCT
    ours_typed, bare_prepared, ours_text, bare_text = interleaved(list(work.values()), rounds)
    moneyed, share_import, package = import_rounds(import_runs)
    report.rows.append(ratio_row(f"compute_share(Yuan, Ratio) vs Decimal multiply+quantize ({DISTINCT:,} distinct)",
                                 ours_typed, bare_prepared, 1.5, per=calls))
    report.rows.append(ratio_row("compute_share(text, int) vs Decimal(text)+multiply+quantize",
                                 ours_text, bare_text, 2, per=calls))
    report.rows.append(ratio_row("from poverty_procurement import compute_share vs import moneyed",
                                 share_import, moneyed, 1.3))
    report.rows.append(ratio_row("import poverty_procurement vs moneyed", package, moneyed, 1.5))
    report.notes.append(f"share: {DISTINCT:,} distinct amounts and ratios, {repeat} pass(es) per round, best of "
                        f"{rounds} interleaved rounds; imports: best of {import_runs} interleaved rounds of fresh "
                        "interpreters")
    if with_breakdown:
        report.notes.extend(breakdown(repeat, rounds))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--breakdown", action="store_true", help="also time the typed row step by step")
    args = parser.parse_args()
    print_report(measure(*((5, 5, 5) if args.quick else (50, 11, 21)), with_breakdown=args.breakdown))


if __name__ == "__main__":
    main()
