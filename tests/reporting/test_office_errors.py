"""Errors a non-programmer can act on (issue 14, item 2): every CLI error path of an office file names
the file, the row and the column as the user wrote it and the expected form, in Chinese and English,
with no English-only line and no library-internal wording (cattrs, class names, tracebacks)."""

from __future__ import annotations

import contextlib
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from poverty_procurement.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, main

FILINGS_HEADER = "单位代码,单位名称,年度,是否有食堂,食堂情形,年度食堂食材采购总额,预留比例,备注,联系人,手机号码\n"
GOOD_FILING = "44010000,广东省某厅,2023,是,自有食堂,\"3,000,000.00\",30%,,张三,13800138000\n"
INTERNAL = re.compile(r"Traceback|required field|cattrs|structure|NoneType|object has no attribute|\$\.|"
                      r"CanteenArrangement|Placer|Channel|OrderStatus|Yuan|Ratio\b|_Row|KeyError|ValueError|"
                      r"invalid literal|unknown error")


def _cli(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(args, out)
    return code, out.getvalue(), err.getvalue()


def _lines(err: str) -> list[str]:
    lines = [line for line in err.splitlines() if line.startswith(("错误", "注意"))]
    for line in lines:
        assert re.search(r"[\u4e00-\u9fff]", line.split(":", 2)[-1]), f"English only: {line}"
        assert " | " in line or "/" in line, f"not bilingual: {line}"
        assert not INTERNAL.search(line), f"internal wording: {line}"
    return lines


def _filings(tmp_path: Path, body: str, header: str = FILINGS_HEADER, name: str = "填报.csv",
             encoding: str = "gb18030") -> Path:
    path = tmp_path / name
    path.write_bytes((header + body).encode(encoding))
    return path


@pytest.mark.parametrize(("row", "column", "expected"), [
    ("44010000,某厅,2023,是,自有食堂,三百万,30%,,张三,13800138000\n", "年度食堂食材采购总额", "金额，单位元"),
    ("44010000,某厅,2023,是,自有食堂,3000000,百分之三十,,张三,13800138000\n", "预留比例", "百分比"),
    ("44010000,某厅,2023,也许,,3000000,30,,张三,13800138000\n", "是否有食堂", "是 或 否"),
    ("44010000,某厅,2023,,有食堂,3000000,30,,张三,13800138000\n", "食堂情形", "自有食堂、食堂外包"),
    ("44010000,某厅,二三年,是,,3000000,30,,张三,13800138000\n", "年度", "年度，如 2023"),
    ("44010000,某厅,2023,否,自有食堂,3000000,30,,张三,13800138000\n", "食堂情形", "不一致"),
    ("44010000,某厅,2023,,,3000000,30,,张三,13800138000\n", "是否有食堂/食堂情形", "须填写"),
    ("44010000,某厅,2023,是,,3000000,30,,张三,13800138000,多余\n", "第11列", "没有表头"),
    ("44010000,某厅,2023,是,,3000000,30.123,,张三,13800138000\n", "预留比例", "两位小数"),
    ("44010000,某厅,2023,是,,3000000.001,30,,张三,13800138000\n", "年度食堂食材采购总额", "两位"),
    ("44010000,某厅,2023,否,,,,无饭堂,张三,13800138000\n", "", ""),  # a filing problem, not an input error
])
def test_check_names_row_and_column(tmp_path: Path, row: str, column: str, expected: str) -> None:
    path = _filings(tmp_path, GOOD_FILING.replace("44010000", "44010001") + row)
    code, out, err = _cli(["check", str(path), "--province", "广东"])
    lines = _lines(err)
    if not column:
        assert code == EXIT_VIOLATIONS and lines == [] and "无饭堂" in out
        return
    assert code == EXIT_BAD_INPUT
    assert len(lines) == 1, lines
    assert f"填报.csv 第3行 {column}: " in lines[0] and expected in lines[0]


def test_unknown_column_lists_the_accepted_names(tmp_path: Path) -> None:
    path = _filings(tmp_path, GOOD_FILING, header=FILINGS_HEADER.replace("备注", "说明文字"))
    code, _, err = _cli(["check", str(path)])
    (line,) = _lines(err)
    assert code == EXIT_BAD_INPUT
    assert "第1行 说明文字: 未知的列" in line
    assert all(name in line for name in ("单位代码", "是否有食堂", "年度食堂食材采购总额", "预留比例", "固定电话"))


def test_missing_year_asks_for_the_column_or_the_option(tmp_path: Path) -> None:
    # with the reason for no union need (附件2 一、第四步), so that the filing passes without a warning
    header = FILINGS_HEADER.replace("年度,", "").replace("手机号码", "手机号码,工会备注")
    path = _filings(tmp_path, GOOD_FILING.replace("2023,", "").replace("\n", ",本单位无工会采购需求\n"), header=header)
    code, _, err = _cli(["check", str(path)])
    (line,) = _lines(err)
    assert code == EXIT_BAD_INPUT and "第2行 年度: 缺少年度" in line and "--year" in line
    code, out, err = _cli(["check", str(path), "--year", "2023", "--province", "广东省"])
    assert (code, _lines(err)) == (EXIT_OK, []) and "广东省某厅" in out and "通过" in out


def test_a_required_cell_left_empty(tmp_path: Path) -> None:
    units = tmp_path / "单位.csv"
    units.write_text("单位代码,单位名称,上级单位代码\n44010000,广东省某厅,\n44010001,,44010000\n", encoding="utf-8-sig")
    code, _, err = _cli(["report", str(units), "--year", "2023"])
    lines = _lines(err)
    assert code == EXIT_BAD_INPUT and any("单位.csv 第3行 单位名称: 必填" in line for line in lines)


def test_model_errors_name_the_column_as_written(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text(FILINGS_HEADER.replace("单位名称,", "单位名称,省份,")
                    + GOOD_FILING.replace("广东省某厅,", "广东省某厅,火星,"), encoding="utf-8")
    code, _, err = _cli(["check", str(path)])
    lines = _lines(err)
    assert code == EXIT_BAD_INPUT and lines and all("第2行" in line for line in lines)
    assert any("省份" in line for line in lines), lines


def test_excel_mangled_account_number(tmp_path: Path) -> None:
    path = tmp_path / "订单.csv"
    path.write_text("订单号,采购单位代码,下单主体,下单渠道,供应商,收款账号,开户银行,联行号,订单金额,产地县\n"
                    "XD1,44010000,本单位,832平台交易系统,某公司,6.22202E+18,某银行,102100099996,100,三都县\n",
                    encoding="utf-8")
    code, _, err = _cli(["report", str(path), "--year", "2023"])
    lines = _lines(err)
    assert code == EXIT_BAD_INPUT and any("第2行 收款账号: " in line and "文本格式" in line for line in lines)


def test_a_ratio_below_one_is_a_warning_and_an_error_when_strict(tmp_path: Path) -> None:
    path = _filings(tmp_path, GOOD_FILING.replace("30%", "0.3"))
    code, out, err = _cli(["check", str(path)])
    (line,) = _lines(err)
    assert line.startswith("注意") and "第2行 预留比例: 比例小于 1" in line and "30%" in line
    assert code == EXIT_VIOLATIONS and "预留比例" in out  # read as 0.3%: below the minimum
    code, _, err = _cli(["check", str(path), "--strict"])
    (line,) = _lines(err)
    assert code == EXIT_BAD_INPUT and line.startswith("错误") and "第2行 预留比例" in line
    code, out, _ = _cli(["check", str(path), "--json"])
    assert [(w["row_number"], w["field"]) for w in json.loads(out)["warnings"]] == [(2, "预留比例")]


def test_row_errors_come_before_the_year(tmp_path: Path) -> None:
    path = _filings(tmp_path, "44010000,某厅,二〇二三,是,,3000000,30,,张三,13800138000\n")
    code, _, err = _cli(["report", str(path)])
    lines = _lines(err)
    assert code == EXIT_BAD_INPUT and len(lines) >= 2
    assert "第2行 年度" in lines[0]  # the row first, then why no report could be made


@pytest.mark.parametrize(("content", "name", "expected"), [
    ("单位代码,单位名称\n".encode("utf-16"), "单位.csv", "CSV UTF-8"),
    (b"PK\x03\x04garbage", "data.xlsx", "不是有效的 .xlsx"),
    (b"\xd0\xcf\x11\xe0", "data.xls", "另存为 .xlsx"),
    ("甲,乙\n1,2\n".encode(), "data.csv", "看不出这是哪一类记录"),
    ("单位代码,code\nD1,D1\n".encode(), "单位.csv", "是同一列"),
])
def test_files_that_cannot_be_read_say_what_to_do(tmp_path: Path, content: bytes, name: str, expected: str) -> None:
    (tmp_path / name).write_bytes(content)
    code, _, err = _cli(["report", str(tmp_path / name)])
    (line,) = _lines(err)
    assert code == EXIT_BAD_INPUT and expected in line and name in line


def test_unknown_sheet_and_kind_column(tmp_path: Path) -> None:
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    book = openpyxl.Workbook()
    book.active.title = "单位"
    book.active.append(["单位代码", "单位名称"])
    book.active.append(["44010000", "广东省某厅"])
    other = book.create_sheet("杂项")
    other.append(["甲"])
    book.save(tmp_path / "data.xlsx")
    code, _, err = _cli(["report", str(tmp_path / "data.xlsx"), "--year", "2023"])
    lines = _lines(err)
    assert code == EXIT_BAD_INPUT and any("工作表 '杂项'" in line and "单位 (units)" in line for line in lines)
    (tmp_path / "mixed.csv").write_text("类型,单位代码,单位名称\n单位,D1,某厅\n东西,D2,某站\n", encoding="utf-8")
    code, _, err = _cli(["report", str(tmp_path / "mixed.csv"), "--year", "2023"])
    assert code == EXIT_BAD_INPUT and any("第3行 类型: 记录类型" in line for line in _lines(err))


def test_without_openpyxl_the_message_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def missing(name: str, package: str | None = None) -> object:
        if name == "openpyxl":
            raise ImportError(name)
        return real(name, package)

    (tmp_path / "data.xlsx").write_bytes(b"PK")
    monkeypatch.setattr(importlib, "import_module", missing)
    code, _, err = _cli(["report", str(tmp_path / "data.xlsx")])
    (line,) = _lines(err)
    assert code == EXIT_BAD_INPUT and 'poverty-procurement[excel]' in line


def test_a_damaged_workbook_inside_a_good_zip(tmp_path: Path) -> None:
    path = tmp_path / "data.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not-xml")
    code, _, err = _cli(["report", str(path)])
    (line,) = _lines(err)
    assert code == EXIT_BAD_INPUT and ".xlsx" in line


def test_a_cell_style_past_the_end_of_the_styles(tmp_path: Path) -> None:
    """Found by the fuzz run: openpyxl reads a cell's number format lazily, and a style number the
    styles part does not have raised a bare IndexError through read_dataset."""
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "填报"
    sheet.append(["单位编码", "年度"])
    sheet.append(["44000000", 2023])
    good = io.BytesIO()
    book.save(good)
    path = tmp_path / "data.xlsx"
    with zipfile.ZipFile(io.BytesIO(good.getvalue())) as source, zipfile.ZipFile(path, "w") as damaged:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<c r="A2"', b'<c r="A2" s="9999"', data, count=1)
                assert b's="9999"' in data
            damaged.writestr(item, data)
    code, _, err = _cli(["report", str(path)])
    (line,) = _lines(err)
    assert code == EXIT_BAD_INPUT and ".xlsx" in line
