"""Input templates (issue 14, item 5): ``poverty-procurement template`` writes the Chinese headers,
one example row per kind and a 说明 sheet, and the example reads back cleanly through the readers."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from poverty_procurement.cli import EXIT_BAD_INPUT, EXIT_OK, main
from poverty_procurement.reporting import ReportStatus, build_report, read_dataset
from poverty_procurement.reporting.columns import SHEETS
from poverty_procurement.reporting.templates import instruction_rows, template_csv_files


def _cli(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(args, out)
    return code, out.getvalue(), err.getvalue()


def _reads_back_cleanly(path: Path) -> None:
    data = read_dataset(path)
    assert (data.errors, data.warnings) == ((), ())
    assert [len(data.units), len(data.filings), len(data.orders), len(data.transfers)] == [1, 1, 1, 1]
    report = build_report(data, 2023)
    assert report.status is ReportStatus.COMPLIANT  # the example transfer pays the example order (附件2 七（一）)
    assert data.filings[0].canteen_total is not None and str(data.filings[0].reserved_share) == "900,000.00元"


def test_xlsx_template(tmp_path: Path) -> None:
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    code, out, err = _cli(["template", "-o", str(tmp_path / "模板.xlsx")])
    assert (code, err) == (EXIT_OK, "") and "模板.xlsx" in out
    book = openpyxl.load_workbook(tmp_path / "模板.xlsx")
    assert book.sheetnames == ["说明", "单位", "填报", "订单", "转账"]
    for sheet in SHEETS:
        rows = list(book[sheet.zh].iter_rows(values_only=True))
        assert list(rows[0]) == list(sheet.headers) and len(rows) == 2
        assert book[sheet.zh].freeze_panes == "A2"
    assert book["说明"]["A1"].value == instruction_rows()[0][0]
    _reads_back_cleanly(tmp_path / "模板.xlsx")


def test_csv_template(tmp_path: Path) -> None:
    code, out, _ = _cli(["template", "--format", "csv", "-o", str(tmp_path / "t")])
    assert code == EXIT_OK and out.count("已写出") == 5
    names = sorted(path.name for path in (tmp_path / "t").iterdir())
    assert names == sorted(template_csv_files())
    assert (tmp_path / "t" / "填报.csv").read_bytes().startswith("\ufeff单位代码".encode())
    _reads_back_cleanly(tmp_path / "t")
    code, _, err = _cli(["report", str(tmp_path / "t" / "单位.csv"), str(tmp_path / "t" / "填报.csv"),
                         "--year", "2023"])
    assert (code, err) == (EXIT_OK, "")  # several CSV files given one by one


def test_the_default_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert _cli(["template"])[0] == EXIT_OK and (tmp_path / "输入模板.xlsx").is_file()
    assert _cli(["template", "--format", "csv"])[0] == EXIT_OK and (tmp_path / "输入模板" / "单位.csv").is_file()
    with pytest.raises(SystemExit) as raised:
        _cli(["template", "--format", "ods"])
    assert raised.value.code == EXIT_BAD_INPUT


def test_every_column_is_explained() -> None:
    explained = {(row[0], row[1]) for row in instruction_rows() if len(row) == 6}
    assert {(sheet.zh, column.zh) for sheet in SHEETS for column in sheet.columns} <= explained
