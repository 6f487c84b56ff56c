"""Smoke test of the benchmark suite: ``benchmarks/run.py`` runs every benchmark at tiny sizes.

No timing is asserted (figures at these sizes mean nothing); the test checks that every
benchmark runs in one process and that the table has every row, each with a finite ratio.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def run_module() -> object:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import run  # type: ignore[import-not-found,unused-ignore]
    finally:
        sys.path.remove(str(BENCHMARKS))
    return run


def test_run_prints_every_row_of_every_benchmark(run_module: object, capsys: pytest.CaptureFixture[str]) -> None:
    rows = run_module.main(["--tiny"])  # type: ignore[attr-defined]
    printed = capsys.readouterr().out
    names = [row.benchmark for row in rows]
    expected = [
        "compute_share(Yuan, Ratio) vs Decimal multiply+quantize (2,000 distinct)",
        "compute_share(text, int) vs Decimal(text)+multiply+quantize",
        "from poverty_procurement import compute_share vs import moneyed",
        "import poverty_procurement vs moneyed",
        "lookup_counties(inputs) vs bare dict",
        "lookup_county(x) per input vs bare dict",
        "lookup_poverty_counties(inputs) vs bare dict",
        "lookup_poverty_county(x) per input vs bare dict",
        "county tables one-off load vs csv parse",
        "match_transfers per transfer",
        "match_transfers scaling",
        "check_filings+roll_up_filings per filing",
        "check_filings+roll_up_filings scaling",
        "parse_csv vs csv.DictReader per record",
        "build_report vs dict sum of order fen per record",
        "roll_up_completion vs dict sum of order fen per record",
        "parse_csv scaling",
        "build_report scaling",
        "roll_up_completion scaling",
        "report_csv end to end per row vs csv.DictReader pass",
        "report_csv peak memory vs batch, 300 rows",
        "report_csv time vs batch, 300 rows",
        "report_csv per row vs csv.DictReader pass, 300 rows",
        "report_csv peak memory vs batch, 600 rows",
    ]
    for start in expected:
        assert sum(name.startswith(start) for name in names) == 1, start
    assert sum("baseline scaling" in name for name in names) == 2  # matching and filings
    for row in rows:
        assert math.isfinite(row.ratio) and row.ratio > 0, row
        assert row.met in {"yes", "NO", "info"}
        assert row.benchmark in printed
        if "peak memory" not in row.benchmark:  # every timed row is interleaved and prints its spread
            assert row.spread is not None, row
            low, high = row.spread
            assert 0 < low <= high, row
            assert f"{low:.2f}–{high:.2f}" in printed
    header = printed.index("benchmark")
    assert printed.index("subject", header) < printed.index("baseline", header) < printed.index("ratio", header)
    assert "peak memory, match_transfers on 1,000" in printed
    assert "peak memory, check_filings + roll_up_filings" in printed
    assert "gc.freeze()" in printed
    assert "reports equal: True" in printed  # the streaming report checked against the batch one
    assert "targets met:" in printed
    assert "rounds" in printed[header:]


def test_only_runs_the_named_benchmark(run_module: object, capsys: pytest.CaptureFixture[str]) -> None:
    rows = run_module.main(["--tiny", "--only", "matching"])  # type: ignore[attr-defined]
    assert rows and all("match_transfers" in row.benchmark or "baseline" in row.benchmark for row in rows)
    assert "compute_share" not in capsys.readouterr().out


def test_the_share_breakdown_prints_every_step(run_module: object) -> None:
    import bench_share  # type: ignore[import-not-found,unused-ignore]  # imported by run

    lines = bench_share.measure(1, 1, 1, with_breakdown=True).notes
    steps = lines[lines.index(next(line for line in lines if line.startswith("share breakdown"))) + 1:]
    assert [line.split("  ")[1].strip() for line in steps] == [
        "call, one list slot", "+ type checks, read fen and basis points", "+ the integer formula",
        "+ object.__new__(Yuan)", "+ fill its fen slot (the whole typed path)",
        "same with a plain slotted object (not a Yuan)"]
    assert all(line.endswith("× baseline") for line in steps)
