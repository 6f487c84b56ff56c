"""CLI habits: --version, `| head`, argparse in Chinese, report --help, every spelling of a province."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from poverty_procurement import __version__, converter
from poverty_procurement.cli import (
    COLUMNS_URL,
    EXIT_BAD_INPUT,
    EXIT_BROKEN_PIPE,
    EXIT_OK,
    EXIT_VIOLATIONS,
    build_parser,
    main,
)
from poverty_procurement.errors import StructureError, UnknownProvince
from poverty_procurement.filings import BudgetUnit
from poverty_procurement.jurisdictions import Province, abbreviations, provinces, resolve_province

SRC = str(Path(__file__).resolve().parents[2] / "src")
DOCS = Path(__file__).resolve().parents[2] / "docs"


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"poverty-procurement {__version__}\n"


@pytest.mark.parametrize("command", [["report"], ["report", "--format", "csv"], ["county", "融水"], ["policy"]])
def test_a_closed_pipe_ends_quietly_with_the_usual_status(command: list[str]) -> None:
    child = subprocess.Popen([sys.executable, "-m", "poverty_procurement", *command], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": SRC})
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader went away before the first line, as `| head -0` would
    err = child.stderr.read()
    child.stderr.close()
    assert child.wait() == EXIT_BROKEN_PIPE == 141
    assert err == b""


class _Closed(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error

    def flush(self) -> None:
        raise self.error


def test_a_broken_pipe_in_process_returns_141_and_says_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report"], out=_Closed(BrokenPipeError())) == EXIT_BROKEN_PIPE
    assert capsys.readouterr().err == ""


class _FlushFails(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def flush(self) -> None:
        raise self.error


def test_a_failing_final_flush_is_reported_without_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report"], out=_FlushFails(BrokenPipeError())) == EXIT_BROKEN_PIPE
    assert capsys.readouterr().err == ""
    assert main(["report"], out=_FlushFails(OSError(28, "No space left on device"))) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith("错误 / error: 无法读写") and "Traceback" not in err


def test_help_is_in_chinese_including_argparses_own_words() -> None:
    text = build_parser().format_help()
    assert text.startswith("用法 / usage: poverty-procurement")
    assert "选项 / options:" in text and "子命令 / commands:" in text
    assert "显示本帮助并退出" in text
    assert "show this help message and exit" not in text


def test_report_help_lists_the_inputs_and_the_column_list_address(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["report", "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    for accepted in (".json", ".xlsx", ".csv", "GB18030", "单位.csv、填报.csv、订单.csv、转账.csv", "内置示例数据",
                     "--format text|json|csv|xlsx", "位置参数 / positional arguments", COLUMNS_URL):
        assert accepted in text
    # the address points at the page of the column list (docs/input-files.md)
    assert COLUMNS_URL.endswith("/input-files.html")
    assert (DOCS / "input-files.md").read_text(encoding="utf-8").startswith("# 输入文件的列")


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (["report", "--year", "x"], "参数 --year 须为整数，收到 'x'"),
        (["report", "--format", "pdf"], "参数 --format 的取值 'pdf' 无效，可选："),
        (["repor"], "参数 command 的取值 'repor' 无效，可选："),
        (["share", "1"], "缺少必需的参数：ratio"),
        (["share", "1", "2", "3"], "无法识别的参数：3"),
        (["share", "1", "2", "--year"], "参数 --year 后面须跟一个值"),
        (["county"], "缺少必需的参数：NAME"),
    ],
)
def test_argparse_errors_are_in_chinese_with_the_english_beside(args: list[str], chinese: str,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith("用法 / usage: ")
    assert f"参数错误：{chinese}" in err
    assert " / bad arguments: " in err and "Traceback" not in err


def test_argparse_wording_it_does_not_know_stays_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().error("something new in a later Python")
    assert "参数错误 / bad arguments: something new in a later Python" in capsys.readouterr().err


@pytest.mark.parametrize("spelling", ["粤", "广东", "广东省", "440000", "44", "４４００００"])
def test_every_spelling_of_guangdong_names_guangdong_everywhere(spelling: str) -> None:
    guangdong = Province("440000", "广东省", "广东")
    assert resolve_province(spelling) == Province(spelling) == guangdong
    assert BudgetUnit("D1", "某厅", spelling).province == guangdong
    assert converter.structure({"code": "D1", "name": "某厅", "province": spelling}, BudgetUnit).province == guangdong
    code, text = _run("share", "3000000", "30", "--province", spelling, "--year", "2023")
    assert code == EXIT_OK and "广东省" in text
    code, text = _run("policy", "--province", spelling, "--year", "2023")
    assert code == EXIT_OK and "广东" in text
    code, text = _run("county", "融水", "--province", "桂")
    assert code == EXIT_OK and "融水" in text


def test_every_province_has_its_one_character_abbreviation() -> None:
    usual = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁新"
    assert [abbreviations(p)[0] for p in provinces()] == list(usual)
    for p in provinces():
        for short in abbreviations(p):
            assert resolve_province(short) == p
    assert abbreviations(resolve_province("贵州")) == ("黔", "贵")


def test_a_province_whose_name_contradicts_its_code_is_refused() -> None:
    with pytest.raises(UnknownProvince) as raised:
        Province("440000", "湖南省", "湖南")
    assert raised.value.field == "province"
    assert "省份代码 440000 是广东省" in raised.value.zh and "contradicts" in raised.value.en
    with pytest.raises(UnknownProvince):
        Province("440000", "广东省", "广西")
    with pytest.raises(StructureError) as structured:
        converter.structure({"code": "D1", "name": "某厅",
                             "province": {"code": "440000", "name": "湖南省", "short_name": "湖南"}}, BudgetUnit)
    assert [path for path, _ in structured.value.errors] == ["$.province"]


def test_the_converter_writes_a_province_as_its_name_and_reads_every_form() -> None:
    unit = BudgetUnit("D1", "某厅", "粤")
    data = converter.unstructure(unit)
    assert data["province"] == "广东省"
    assert converter.structure(data, BudgetUnit) == unit
    legacy = {**data, "province": {"code": "440000", "name": "广东省", "short_name": "广东"}}  # 0.1.0's form
    assert converter.structure(legacy, BudgetUnit) == unit
    assert converter.structure({**data, "province": {"code": "440000"}}, BudgetUnit) == unit
    assert converter.structure({**data, "province": 440000}, BudgetUnit) == unit


@pytest.mark.parametrize("bad", [1.5, None, True, [], {"name": "广东省"}, {"code": "440000", "colour": "red"}, "火星"])
def test_a_bad_province_is_a_structure_error_at_its_path(bad: object) -> None:
    with pytest.raises(StructureError) as raised:
        converter.structure({"code": "D1", "name": "某厅", "province": bad}, BudgetUnit)
    assert [path for path, _ in raised.value.errors] == ["$.province"]
    assert "unknown error" not in str(raised.value) and "attribute" not in str(raised.value)


def test_report_violations_exit_code_is_unchanged_by_the_new_options() -> None:
    assert _run("report")[0] == _run("report", "--format", "text")[0] == EXIT_VIOLATIONS
