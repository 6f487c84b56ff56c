"""The documented examples run and say what they claim (examples/)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))

import parallel_checks


def test_parallel_check_equals_the_sequential_check(tmp_path: Path) -> None:
    path = tmp_path / "filings.jsonl"
    parallel_checks.generate(path, 230)
    with path.open("a", encoding="utf-8") as out:
        out.write('{"not": "a filing"}\n')
        out.write("not json\n")
    sequential = parallel_checks.check_sequential(path)
    assert len(sequential) == 232
    assert sequential.count(("ratio-below-minimum",)) == 23
    assert sequential[-2:] == [("bad-row:StructureError",), ("bad-row:JSONDecodeError",)]
    assert parallel_checks.check_parallel(path, workers=2, chunk=17) == sequential


def test_parallel_example_main_reports_success(capsys: pytest.CaptureFixture[str]) -> None:
    assert parallel_checks.main(["--filings", "300", "--workers", "2", "--chunk", "40"]) == 0
    out = capsys.readouterr().out
    assert "300 filings checked with 2 workers; results equal the sequential run" in out
    assert "ratio-below-minimum: 30" in out
