"""The command line: share subcommand, exit codes, errors without tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from poverty_procurement.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, main

SRC = str(Path(__file__).resolve().parent.parent / "src")


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def test_share_of_the_notices_example() -> None:
    code, text = _run("share", "3000000", "20")
    assert code == EXIT_OK
    assert text.startswith("预留份额：600,000.00元")
    assert "四舍五入" in text


def test_share_below_the_guangdong_minimum_is_a_violation() -> None:
    code, text = _run("share", "3000000", "20", "--province", "广东", "--year", "2023")
    assert code == EXIT_VIOLATIONS
    assert "低于最低比例" in text
    code, _ = _run("share", "3000000", "30", "--province", "广东", "--year", "2023")
    assert code == EXIT_OK


def test_share_json() -> None:
    code, text = _run("share", "100000", "20", "--json")
    assert code == EXIT_OK
    assert json.loads(text)["result"] == "20,000.00元"


@pytest.mark.parametrize(
    "args",
    [("share", "3,000,000", "20"), ("share", "100", "120"), ("share", "100", "20", "--year", "2019"),
     ("share", "100", "20", "--province", "火星", "--year", "2023")],
)
def test_bad_input_exits_2_with_a_message(args: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _run(*args)
    assert code == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith("错误 / error:")
    assert "Traceback" not in err


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["share", "1"])
    assert raised.value.code == EXIT_BAD_INPUT
    assert "参数错误" in capsys.readouterr().err


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "poverty_procurement", "share", "3000000", "20"],
                          capture_output=True, text=True, env={"PYTHONPATH": SRC, "PATH": ""}, check=False)
    assert done.returncode == 0
    assert "600,000.00元" in done.stdout
