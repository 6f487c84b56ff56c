"""The command line: share subcommand, exit codes, errors without tracebacks."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, main

SRC = str(Path(__file__).resolve().parents[2] / "src")


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


# --- report, check, county -------------------------------------------------------------------

def test_report_on_the_embedded_sample_finds_violations() -> None:
    code, text = _run("report")
    assert code == EXIT_VIOLATIONS
    assert text.splitlines()[1] == "结论：发现问题（退出码 1）"
    for needle in ("ratio-below-minimum", "no-canteen-remark", "mobile-invalid", "44010402", "附言中没有付款识别码",
                   "2,455,000.00元", "40.49%", "广东对接的国家乡村振兴重点帮扶县"):
        assert needle in text


def test_report_json_parses_and_round_trips() -> None:
    from poverty_procurement import Report, build_report, converter
    from poverty_procurement.reporting import sample_dataset

    code, text = _run("report", "--json")
    assert code == EXIT_VIOLATIONS
    data = json.loads(text)
    assert data["status"] == "violations" and data["overall"]["reserved_share"] == "2455000.00"
    assert converter.structure(data, Report) == build_report(sample_dataset())


def _write(path: Path, document: object) -> str:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


COMPLIANT = {
    "year": 2023,
    "units": [{"code": "D1", "name": "某厅"}],
    "filings": [{"unit": "D1", "year": 2023, "arrangement": "own", "canteen_total": "3000000", "ratio": "30",
                 "union_remark": "无工会采购需求", "contact_name": "张三", "contact_mobile": "13800138000"}],
}


def test_report_exit_codes_0_1_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("report", _write(tmp_path / "ok.json", COMPLIANT))[0] == EXIT_OK
    below = json.loads(json.dumps(COMPLIANT))
    below["filings"][0]["ratio"] = "20"
    assert _run("report", _write(tmp_path / "below.json", below))[0] == EXIT_VIOLATIONS
    bad = json.loads(json.dumps(COMPLIANT))
    bad["filings"].append({"unit": "D1", "year": 2023, "arrangement": "own", "ratio": "二十"})
    capsys.readouterr()
    code, text = _run("report", _write(tmp_path / "bad.json", bad))
    assert code == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith("错误 / error: ") and "filings 第2行 ratio" in err and "Traceback" not in err
    assert "输入错误" in text  # the rest is still reported
    assert _run("report", str(tmp_path / "missing.json"))[0] == EXIT_BAD_INPUT
    assert _run("report", "--year", "2030")[0] == EXIT_BAD_INPUT


def test_report_prints_progress_on_stderr_for_large_files(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from poverty_procurement.reporting.records import PROGRESS_EVERY

    units = [{"code": "D1", "name": "某厅"}] + [{"code": f"U{n}", "name": "某站", "superior": "D1"}
                                               for n in range(PROGRESS_EVERY)]
    document = dict(COMPLIANT, units=units)
    capsys.readouterr()
    code, _ = _run("report", _write(tmp_path / "big.json", document))
    assert code == EXIT_VIOLATIONS  # 10,000 units have not filed
    assert f"已读取 {PROGRESS_EVERY:,} 条记录" in capsys.readouterr().err


def test_check_inline_json_and_a_file(tmp_path: Path) -> None:
    filing = {"unit": {"code": "U1", "name": "某中心", "province": "广东"}, "year": 2023, "arrangement": "none",
              "remark": "无饭堂", "union_remark": "无工会采购需求", "contact_name": "张三",
              "contact_mobile": "13800138000"}
    code, text = _run("check", json.dumps(filing, ensure_ascii=False))
    assert code == EXIT_VIOLATIONS
    assert "no-canteen-remark" in text and "请改为：无食堂" in text
    filing["remark"] = "无食堂"
    code, text = _run("check", json.dumps([filing], ensure_ascii=False))
    assert (code, text) == (EXIT_OK, "某中心（U1） 2023年 无食堂：通过\n")
    code, text = _run("check", _write(tmp_path / "ok.json", COMPLIANT), "--json")
    assert code == EXIT_OK and json.loads(text)["violations"] == []
    assert _run("check", "{")[0] == EXIT_BAD_INPUT
    assert _run("check", "[]")[0] == EXIT_BAD_INPUT


def test_county_lookup_with_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run("county", "融水", "行唐县")
    assert code == EXIT_OK
    assert text.splitlines()[0].startswith(
        "融水 → 融水苗族自治县（广西壮族自治区柳州市，450225）：广东对接帮扶县（重点帮扶县）")
    assert "不在广东对接帮扶县之列" in text
    capsys.readouterr()
    code, _ = _run("county", "融水苗县")
    assert code == EXIT_BAD_INPUT
    assert "您是否要找：融水苗族自治县" in capsys.readouterr().err
    code, text = _run("county", "450225", "--json")
    assert json.loads(text)[0]["tier"] == "key-paired"


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["report", "--help"]):
        with pytest.raises(SystemExit) as raised:
            main(argv)
        assert raised.value.code == 0
        assert "2  输入有误" in capsys.readouterr().out


_ARBITRARY = st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda t: t.encode("utf-8")),
                       st.sampled_from([b"\xef\xbb\xbfkind,code,name\nunit,D1,\xe6\x9f\x90\n", b"{\"units\": 1}"]))


@given(_ARBITRARY, st.sampled_from(["data.json", "data.csv"]))
def test_arbitrary_bytes_give_exit_2_or_a_report_never_a_traceback(content: bytes, name: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code, _ = _run("report", str(path))
    assert code in (EXIT_OK, EXIT_VIOLATIONS, EXIT_BAD_INPUT)
    assert "Traceback" not in err.getvalue()
    if code == EXIT_BAD_INPUT:
        assert err.getvalue().startswith("错误 / error: ")


def test_check_with_a_bad_row_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run("check", '[{"unit": "U1", "year": 2023, "arrangement": "none", "remark": "无食堂"}, '
                               '{"unit": "U2", "year": 2023, "arrangement": "own", "ratio": "二十"}]')
    assert code == EXIT_BAD_INPUT
    assert "U1" in text and "JSON: filings 第2行 ratio" in capsys.readouterr().err


def test_os_errors_at_the_boundary_are_one_line(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from poverty_procurement.reporting import datasets

    def broken() -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(datasets, "sample_dataset", broken)
    assert _run("report")[0] == EXIT_BAD_INPUT
    assert capsys.readouterr().err == "错误 / error: 无法读写 / cannot read or write: disk on fire\n"


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    import poverty_procurement

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"poverty-procurement {poverty_procurement.__version__}\n"

# --- a newer notice: --policy FILE, the policy listing, --calendar FILE (issue 13) -------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NATIONAL_2026 = {"minimum_ratios": [{"jurisdiction": "CN", "year": 2026, "floor": "10",
                                     "citation": {"document": "财办库〔2025〕X号"}}]}


def test_a_policy_file_with_a_2026_national_floor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = _write(tmp_path / "policy-2026.json", NATIONAL_2026)
    code, text = _run("share", "3000000", "10", "--province", "浙江", "--year", "2026", "--policy", policy)
    assert code == EXIT_OK
    assert text.startswith("预留份额：300,000.00元\n") and "财办库〔2025〕X号" in text
    capsys.readouterr()
    code, text = _run("share", "3000000", "10", "--province", "浙江", "--year", "2026")
    assert (code, text) == (EXIT_BAD_INPUT, "")
    err = capsys.readouterr().err
    assert err.startswith("错误 / error: year: 没有2026年的全国最低预留比例数据")
    assert "--policy" in err and '{"minimum_ratios": [{"jurisdiction": "CN", "year": 2026' in err


@pytest.mark.parametrize(
    ("document", "named"),
    [
        ({"minimum_ratios": [{"jurisdiction": "CN", "year": 2026, "floor": "十",
                              "citation": {"document": "x"}}]}, "minimum_ratios[0].floor"),
        ({"minimum_ratios": [{"jurisdiction": "CN", "year": 2026, "floor": "10"}]}, "minimum_ratios[0].citation"),
        ({"filing_deadlines": [{"jurisdiction": "CN", "year": 2026, "date": "31/03/2026",
                                "citation": {"document": "x"}}]}, "filing_deadlines[0].date"),
        ({"minimum_ratios": [{"jurisdiction": "浙江", "year": 2025, "floor": "5",
                              "citation": {"document": "x"}}]}, "minimum_ratios[0].floor"),
        ([1, 2], "bad.json"),
    ],
)
def test_a_malformed_policy_file_exits_2_naming_the_entry_and_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], document: object, named: str) -> None:
    policy = _write(tmp_path / "bad.json", document)
    for argv in (("share", "3000000", "10", "--province", "浙江", "--year", "2026"), ("check", "[]"), ("report",),
                 ("policy",)):
        capsys.readouterr()
        code, _ = _run(*argv, "--policy", policy)
        err = capsys.readouterr().err
        assert code == EXIT_BAD_INPUT, argv
        assert err.startswith("错误 / error: ") and named in err and "bad.json" in err and "Traceback" not in err
        assert err.count("\n") == 1


def test_unreadable_policy_files_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("policy", "--policy", str(tmp_path / "missing.json"))[0] == EXIT_BAD_INPUT
    (tmp_path / "p.yaml").write_text("x", "utf-8")
    assert _run("policy", "--policy", str(tmp_path / "p.yaml"))[0] == EXIT_BAD_INPUT
    assert "只能读取 .json 或 .toml 文件" in capsys.readouterr().err


def test_the_policy_listing(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run("policy")
    assert code == EXIT_OK
    lines = text.splitlines()
    assert lines[:2] == ["全国 2021年",
                         "  最低预留比例 10.00%（基数：年度食堂食材采购总额） — 财库〔2021〕19号（可靠）"]
    assert "天津市 2025年" in lines
    assert "  最低预留比例 10.00%，鼓励 15.00%（基数：年度农副产品采购总额） — 津财采〔2025〕1号（权威）" in lines
    assert lines[-1].startswith("共 17 项（地区 × 年度）；全国最低比例数据的最后一个年度：2025年。")
    code, text = _run("policy", "--year", "2026", "--policy", str(EXAMPLES / "policy-2026.json"), "--json")
    listed = json.loads(text)
    assert code == EXIT_OK and [(k["jurisdiction"], k["year"]) for k in listed] == [
        ("CN", 2026), ("450000", 2026), ("450100", 2026)]
    assert listed[2]["rules"]["union_minimum_per_head"] == "300.00"
    assert _run("policy", "--province", "火星")[0] == EXIT_BAD_INPUT


def test_check_and_report_read_the_policy_file(tmp_path: Path) -> None:
    document = {"year": 2026, "units": [{"code": "D1", "name": "某厅", "province": "浙江"}],
                "filings": [{"unit": "D1", "year": 2026, "arrangement": "own", "canteen_total": "3000000",
                             "ratio": "10", "union_remark": "无工会采购需求", "contact_name": "张三",
                             "contact_mobile": "13800138000"}]}
    data = _write(tmp_path / "data.json", document)
    policy = _write(tmp_path / "policy.json", NATIONAL_2026)
    assert _run("report", data)[0] == EXIT_BAD_INPUT
    assert _run("report", data, "--policy", policy)[0] == EXIT_OK
    assert _run("check", data)[0] == EXIT_BAD_INPUT
    code, text = _run("check", data, "--policy", policy)
    assert (code, text) == (EXIT_OK, "某厅（D1） 2026年 自有食堂：通过\n")
    csv_file = tmp_path / "data.csv"
    csv_file.write_text("kind,code,name,province,unit,year,arrangement,canteen_total,ratio,contact_name,"
                        "contact_mobile\nunit,D1,某厅,浙江,,,,,,,\nfiling,,,,D1,2026,own,3000000,10,张三,13800138000\n",
                        "utf-8")
    assert _run("report", str(csv_file), "--policy", policy)[0] == EXIT_OK
    assert _run("share", "100", "20", "--province", "广东", "--year", "2023", "--locality", "450100")[0] \
        == EXIT_BAD_INPUT


def test_working_days_with_a_supplied_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    calendar = str(EXAMPLES / "calendar-2027.json")
    assert _run("working-days", "2026-12-30", "--calendar", calendar) == (EXIT_OK, "2027-01-05\n")
    assert _run("working-days", "2027-02-04", "2", "--calendar", calendar) == (EXIT_OK, "2027-02-15\n")
    assert _run("working-days", "2023-09-28") == (EXIT_OK, "2023-10-09\n")
    capsys.readouterr()
    assert _run("working-days", "2026-12-30")[0] == EXIT_BAD_INPUT
    assert "--calendar" in capsys.readouterr().err
    assert _run("working-days", "2026/12/30")[0] == EXIT_BAD_INPUT
    assert "2026-12-30" in capsys.readouterr().err
