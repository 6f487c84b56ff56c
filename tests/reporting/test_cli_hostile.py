"""The command line against an attacker (issue 17, items 1, 2, 6, 9 and the exit codes).

Text from input never reaches the terminal raw: a payer's memo that clears the screen and forges
an "all compliant" line is shown with its escapes visible. Exit codes mean one thing: 0 compliant,
1 violations, 2 bad input, 3 internal error (traceback only with ``--debug``).
"""

from __future__ import annotations

import io
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from poverty_procurement.cli import EXIT_BAD_INPUT, EXIT_INTERNAL_ERROR, EXIT_VIOLATIONS, main

FORGED = "货款\x1b[2J\n结论：全部合规（退出码 0）\u202e\a\r"


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def _sample() -> dict[str, Any]:
    text = files("poverty_procurement.data").joinpath("sample").joinpath("guangdong-department-2023.json").read_text(
        encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def _hostile_sample(tmp_path: Path) -> str:
    document = _sample()
    for transfer in document["transfers"]:
        transfer["memo"] = FORGED
        transfer["payer_name"] = "某单位\x1b]0;pwned\x07"
        transfer["transaction_id"] = "CEB\u202e9999"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _assert_terminal_safe(text: str) -> None:
    assert "\x1b" not in text and "\a" not in text and "\r" not in text and "\u202e" not in text
    assert "\n结论：全部合规" not in text  # no forged line


def test_a_forged_memo_is_shown_not_acted_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run("report", _hostile_sample(tmp_path))
    assert code == EXIT_VIOLATIONS
    _assert_terminal_safe(text)
    assert "货款\\x1b[2J\\n结论：全部合规（退出码 0）<U+202E>\\x07\\r" in text
    assert "CEB<U+202E>9999" in text
    _assert_terminal_safe(capsys.readouterr().err)


def test_json_output_keeps_the_hostile_data_exact(tmp_path: Path) -> None:
    code, text = _run("report", _hostile_sample(tmp_path), "--json")
    assert code == EXIT_VIOLATIONS
    memos = {m["memo"] for m in json.loads(text)["manual_confirmations"]}
    assert memos == {FORGED}


def test_check_and_county_show_input_safely(capsys: pytest.CaptureFixture[str]) -> None:
    filing = {"unit": {"code": "U1", "name": "某中心\x1b[31m\n伪造", "province": "广东"}, "year": 2023,
              "arrangement": "own", "canteen_total": "100", "ratio": "30", "remark": "\u202e注备"}
    code, text = _run("check", json.dumps(filing, ensure_ascii=False))
    assert code == EXIT_BAD_INPUT  # a unit name may not hold control characters: a bad row, shown safely
    shown = text + capsys.readouterr().err
    _assert_terminal_safe(shown)
    assert "某中心\\x1b[31m\\n伪造" in shown
    filing["unit"] = {"code": "U1", "name": "某中心\u202e伪造", "province": "广东"}
    code, text = _run("check", json.dumps(filing, ensure_ascii=False))
    shown = text + capsys.readouterr().err
    _assert_terminal_safe(shown)
    assert "某中心<U+202E>伪造" in shown or "某中心\\u202e伪造" in shown
    assert _run("county", "融水\x1b[2J")[0] == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    _assert_terminal_safe(err)
    assert "\\x1b[2J" in err


def test_bad_arguments_are_shown_safely(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["share", "100", "20", "--year", "\x1b[2J"])
    assert raised.value.code == EXIT_BAD_INPUT
    _assert_terminal_safe(capsys.readouterr().err)


@pytest.mark.parametrize(("document", "said"), [
    (b'{"year": ' + b"9" * 4301 + b"}", "整数过长"),
    (b'{"year": 2023, "year": 2024}', "出现了两次"),
    (b'{"units": [{"code": "D1", "name": "\\ud800"}]}', "$.units[0].name"),
], ids=["huge integer", "duplicate key", "lone surrogate"])
def test_unreadable_json_exits_2_with_one_line(document: bytes, said: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    # before: a traceback and exit 1 (huge integer), a 2024 report (duplicate key), exit 2
    # blaming I/O and half a JSON document on stdout (lone surrogate)
    path = tmp_path / "input.json"
    path.write_bytes(document)
    for extra in ((), ("--json",)):
        code, text = _run("report", str(path), *extra)
        assert (code, text) == (EXIT_BAD_INPUT, "")
        err = capsys.readouterr().err
        assert err.startswith("错误 / error: ") and said in err and "Traceback" not in err
        assert err.count("\n") == 1


def test_a_bug_exits_3_and_asks_to_report_it(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from poverty_procurement.reporting import datasets

    def broken() -> None:
        raise KeyError("a bug \x1b[2J")

    monkeypatch.setattr(datasets, "sample_dataset", broken)
    assert _run("report")[0] == EXIT_INTERNAL_ERROR
    err = capsys.readouterr().err
    assert err.startswith("内部错误 / internal error: KeyError") and "请" in err and "report it" in err
    assert "Traceback" not in err
    _assert_terminal_safe(err)
    for args in (("--debug", "report"), ("report", "--debug")):
        assert _run(*args)[0] == EXIT_INTERNAL_ERROR
        err = capsys.readouterr().err
        assert "Traceback (most recent call last)" in err and "broken" in err
        _assert_terminal_safe(err)


def test_json_output_is_never_half_written() -> None:
    # a lone surrogate from a command-line argument (surrogateescape) is written as an escape
    code, text = _run("county", "融水\udcff", "--json")
    assert code == EXIT_BAD_INPUT
    assert json.loads(text) == []
