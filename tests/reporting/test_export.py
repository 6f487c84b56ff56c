"""Tables out: report --format csv|xlsx -o FILE, the sheets, their figures, formula-like text kept as text."""

from __future__ import annotations

import csv
import io
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped,unused-ignore]
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement.cli import EXIT_BAD_INPUT, EXIT_VIOLATIONS, main
from poverty_procurement.errors import PovertyProcurementError
from poverty_procurement.reporting import (
    REPORT_SHEETS,
    build_report,
    parse_json,
    report_csv_text,
    report_tables,
    sample_dataset,
    write_report_xlsx,
)
from poverty_procurement.reporting.export import AMOUNT_FORMAT, PERCENT_FORMAT, Percent


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


def _csv_tables(text: str) -> dict[str, list[list[str]]]:
    """The tables of the report CSV: name → [header, *rows]."""
    tables: dict[str, list[list[str]]] = {}
    block: list[list[str]] = []
    for row in csv.reader(io.StringIO(text)):
        if row:
            block.append(row)
        elif block:
            tables[block[0][0]] = block[1:]
            block = []
    return tables


def _sample_json() -> dict[str, Any]:
    code, text = _run("report", "--format", "json")
    assert code == EXIT_VIOLATIONS
    data: dict[str, Any] = json.loads(text)
    return data


def test_csv_round_trips_through_csv_with_the_figures_of_the_json(tmp_path: Path) -> None:
    target = tmp_path / "报告.csv"
    code, printed = _run("report", "--format", "csv", "-o", str(target))
    assert (code, printed) == (EXIT_VIOLATIONS, "")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark: Excel reads it as UTF-8
    tables = _csv_tables(raw.decode("utf-8-sig"))
    assert list(tables) == list(REPORT_SHEETS)
    data = _sample_json()
    overall = data["overall"]
    summary = {row[0]: row for row in tables["汇总"][1:]}
    header = tables["汇总"][0]
    total = dict(zip(header, summary["合计"], strict=True))
    assert total["预留份额（元）"] == overall["reserved_share"] == "2455000.00"
    assert total["食堂食材采购总额（元）"] == overall["canteen_total"]
    assert total["计入采购额（元）"] == overall["counted_total"]
    assert total["完成率"] == overall["completion"] == "40.49%"
    assert total["尚差（元）"] == overall["shortfall"]
    completion = {row[0]: row for row in tables["完成情况"][1:] if "共用食堂合计" not in row[2]}
    for line in data["completion"]:
        row = completion[line["unit_code"]]
        assert (row[3], row[4], row[5], row[6], row[7]) == (
            line["reserved_share"], line["counted_total"], line["completion"], line["shortfall"],
            str(line["orders_counted"]))
    manual = [(row[0], row[2], row[5]) for row in tables["需人工确认"][1:]]
    assert manual == [(m["transaction_id"], m["amount"], m["reason"]) for m in data["manual_confirmations"]]
    priority = {row[1]: (row[2], row[3], row[4]) for row in tables["优先采购"][1:] if row[1]}
    for line in data["priority"]:
        assert priority[line["tier"]] == (line["amount"], str(line["count"]), line["share"])
    assert [row[:2] for row in tables["未填报单位"][1:]] == [list(pair) for pair in data["not_filed"]]
    assert [(row[0], row[4]) for row in tables["填报问题"][1:]] == [
        (v["unit_code"], v["code"]) for v in data["filing_violations"]]


def test_csv_to_stdout_carries_the_byte_order_mark_too() -> None:
    code, text = _run("report", "--format", "csv")
    assert code == EXIT_VIOLATIONS
    assert text.startswith("\ufeff填报问题\r\n")


def test_xlsx_has_the_six_sheets_with_the_samples_figures(tmp_path: Path) -> None:
    target = tmp_path / "报告.xlsx"
    code, printed = _run("report", "--format", "xlsx", "-o", str(target))
    assert (code, printed) == (EXIT_VIOLATIONS, "")
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == list(REPORT_SHEETS)
    data = _sample_json()
    summary = book["汇总"]
    headers = [cell.value for cell in summary[1]]
    assert headers[:3] == ["范围", "代码", "名称"]
    assert summary.freeze_panes == "A2"
    assert all(cell.font.bold for cell in summary[1])
    total = {headers[i]: cell for i, cell in enumerate(summary[summary.max_row])}
    assert total["范围"].value == "合计"
    reserved = total["预留份额（元）"]
    assert reserved.value == Decimal(data["overall"]["reserved_share"]) == Decimal("2455000")
    assert reserved.number_format == AMOUNT_FORMAT == '#,##0.00"元"'
    assert total["完成率"].value == pytest.approx(0.4049)
    assert total["完成率"].number_format == PERCENT_FORMAT == "0.00%"
    # column widths fit Chinese text: the name column holds 15 CJK characters (30 columns)
    assert summary.column_dimensions["C"].width >= 30
    completion = book["完成情况"]
    amounts = {row[0].value: row[3].value for row in completion.iter_rows(min_row=2)}
    assert amounts["44010000"] == Decimal("900000")
    manual = book["需人工确认"]
    assert [row[0].value for row in manual.iter_rows(min_row=2)] == [
        m["transaction_id"] for m in data["manual_confirmations"]]
    assert manual.cell(row=5, column=3).value == Decimal("12000.5")
    assert book["优先采购"].cell(row=2, column=5).number_format == PERCENT_FORMAT


_HOSTILE = json.dumps({
    "year": 2023, "units": [{"code": "D1", "name": '=HYPERLINK("http://x","点我")'}],
    "filings": [{"unit": "D1", "year": 2023, "arrangement": "none", "remark": "无饭堂"}],
    "orders": [],
    "transfers": [{"transaction_id": "T1", "payer_name": "@SUM(1+1)", "payer_account": "6222020200112233",
                   "payee_account": "44050100000000000001", "amount": "1", "memo": "+cmd|' /C calc'!A0",
                   "time": "2023-11-01T10:00:00"}]})


def test_formula_like_text_from_input_is_written_as_text(tmp_path: Path) -> None:
    report = build_report(parse_json(_HOSTILE))
    target = tmp_path / "r.xlsx"
    write_report_xlsx(report, target)
    book = openpyxl.load_workbook(target)
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells}
    assert '=HYPERLINK("http://x","点我")' in texts
    assert "@SUM(1+1)" in texts
    quoted = [cell for cell in cells if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@"))]
    assert quoted and all(cell.quotePrefix for cell in quoted)
    rows = [row for row in csv.reader(io.StringIO(report_csv_text(report))) if row]
    cells_csv = [cell for row in rows for cell in row]
    assert "'=HYPERLINK(\"http://x\",\"点我\")" in cells_csv
    assert "'@SUM(1+1)" in cells_csv
    assert "'+cmd|' /C calc'!A0" in cells_csv
    assert not [cell for cell in cells_csv if cell.startswith(("=", "+", "-", "@"))]


@given(st.text(alphabet="=+-@\t\r\x1b\u202eab元 ", min_size=1, max_size=12))
def test_no_text_cell_can_start_a_formula_in_csv(name: str) -> None:
    document = json.dumps({"year": 2023, "units": [{"code": "D1", "name": "某厅"}],
                           "transfers": [{"transaction_id": "T1", "payer_name": "某厅",
                                          "payer_account": "6222020200112233",
                                          "payee_account": "44050100000000000001", "amount": "1", "memo": name,
                                          "time": "2023-11-01T10:00:00"}]})
    report = build_report(parse_json(document))
    for row in csv.reader(io.StringIO(report_csv_text(report))):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
            assert "\x1b" not in cell and "\u202e" not in cell


def test_input_errors_come_first_as_their_own_table() -> None:
    report = build_report(parse_json('{"year": 2023, "units": [{"code": "D1", "name": "某厅", "colour": "red"}]}'))
    tables = report_tables(report)
    assert [t.name for t in tables] == ["输入错误", *REPORT_SHEETS]
    assert tables[0].rows[0][:3] == ("units", 1, "colour")


def test_percent_cells_are_exact() -> None:
    assert Percent.parse("108.33%") == Percent(10833)
    assert Percent(10833).fraction == Decimal("1.0833")
    assert Percent.parse("—") is None and Percent.parse("1e3%") is None
    assert str(Percent(5)) == "0.05%"


def test_xlsx_without_an_output_file_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, printed = _run("report", "--format", "xlsx")
    assert (code, printed) == (EXIT_BAD_INPUT, "")
    err = capsys.readouterr().err
    assert "请用 -o 文件名.xlsx 指定输出文件" in err and "Traceback" not in err


def test_json_and_another_format_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _run("report", "--json", "--format", "csv")
    assert code == EXIT_BAD_INPUT
    assert "--json 与 --format csv 不能同时使用" in capsys.readouterr().err
    code, text = _run("report", "--json", "--format", "json")
    assert code == EXIT_VIOLATIONS and json.loads(text)["status"] == "violations"


def test_text_and_json_go_to_the_output_file(tmp_path: Path) -> None:
    for chosen in ("text", "json"):
        target = tmp_path / f"r.{chosen}"
        code, printed = _run("report", "--format", chosen, "-o", str(target))
        assert (code, printed) == (EXIT_VIOLATIONS, "")
        written = target.read_text(encoding="utf-8")
        assert written.startswith("广东省某厅") if chosen == "text" else json.loads(written)["year"] == 2023


def test_an_unwritable_output_file_is_one_line_of_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for chosen in ("csv", "xlsx"):
        code, _ = _run("report", "--format", chosen, "-o", str(tmp_path / "no" / "such" / f"r.{chosen}"))
        assert code == EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert err.startswith("错误 / error: 无法读写") and "Traceback" not in err


def test_missing_openpyxl_names_the_excel_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now raises ImportError
    with pytest.raises(PovertyProcurementError) as raised:
        write_report_xlsx(build_report(sample_dataset()), tmp_path / "r.xlsx")
    assert raised.value.field == "excel"
    assert 'pip install "poverty-procurement[excel]"' in raised.value.zh
    assert 'pip install "poverty-procurement[excel]"' in raised.value.en
    code, _ = _run("report", "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"))
    assert code == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "可选依赖 openpyxl" in err and "poverty-procurement[excel]" in err
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize("bad", [None, "report", 10**5000, {"year": 2023}], ids=["none", "text", "huge-int", "dict"])
def test_anything_but_a_report_is_refused_with_the_librarys_error(bad: object, tmp_path: Path) -> None:
    from poverty_procurement.errors import UnsupportedType

    for call in (report_tables, report_csv_text, lambda r: write_report_xlsx(r, tmp_path / "r.xlsx")):
        with pytest.raises(UnsupportedType) as raised:
            call(bad)  # type: ignore[arg-type]
        assert raised.value.field == "report"
    assert not (tmp_path / "r.xlsx").exists()
