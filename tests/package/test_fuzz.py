"""Fuzzing in CI: every outside-input function gets arbitrary input and may only return or raise
the library's own errors (the targets live in fuzz/targets.py; ``python fuzz/run.py`` runs many
more inputs and prints the counts)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fuzz"))

from targets import TARGETS, run_target


@pytest.mark.parametrize(("name", "function", "inputs"), TARGETS, ids=[name for name, _, _ in TARGETS])
@settings(max_examples=40)
@given(data=st.data())
def test_target_returns_or_raises_a_library_error(name: str, function: Any, inputs: st.SearchStrategy[Any],
                                                  data: st.DataObject) -> None:
    assert run_target(function, data.draw(inputs)) in {"ok", "library error"}


def test_atheris_runner_fuzzes_a_target_and_compares_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    """``fuzz/atheris_run.py`` drives a target with atheris and with Hypothesis and reports both."""
    pytest.importorskip("atheris")
    import atheris_run

    assert atheris_run.main(["--runs", "60", "--only", "payment_code.validate"]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(line for line in lines if line.startswith("payment_code.validate"))
    ran, ok, errors = (int(cell) for cell in row.split()[1:4])
    assert 0 < ran <= 60 and ok + errors == ran
    arcs_drawn, arcs_fuzzed = (int(cell) for cell in row.split()[5:7])
    assert arcs_drawn > 0 and arcs_fuzzed > 0  # both engines reached the validator's branches
