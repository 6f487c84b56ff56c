"""The office readers' edges (issue 14): a filings-only workbook, Excel's own cell types, damaged or
unreadable workbooks (each the library's error, or the ``OSError`` ``read_dataset`` names), and the
bounds of a table."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest

from poverty_procurement.errors import InputFileError
from poverty_procurement.reporting import parse_csv, read_dataset, xlsx_input
from poverty_procurement.reporting.csv_input import csv_records
from poverty_procurement.reporting.office import MAX_COLUMNS, Options, Table
from poverty_procurement.reporting.records import MAX_FIELD_LENGTH, RowError

openpyxl = pytest.importorskip("openpyxl")


def _book(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_filings_only_workbook_with_excel_numbers(tmp_path: Path) -> None:
    path = _book(tmp_path / "填报.xlsx", {"填报": [
        ["单位代码", "单位名称", "是否有食堂", "年度食堂食材采购总额", "预留比例", "联系人", "手机号码"],
        [44010000, "广东省某厅", "是", 3000000, 30, "张三", 13800138000],
        ["44010001", "广东省某中心", "否", None, None, "李四", "13900139000"],
    ]})
    data = read_dataset(path, year=2023, province="湖南")
    assert data.errors == ()
    assert [(f.unit.code, f.unit.name, f.unit.province.short_name, f.arrangement.value) for f in data.filings] == [
        ("44010000", "广东省某厅", "湖南", "own"), ("44010001", "广东省某中心", "湖南", "none")]
    assert str(data.filings[0].reserved_share) == "900,000.00元"


def test_excel_cell_types(tmp_path: Path) -> None:
    path = _book(tmp_path / "data.xlsx", {
        "订单": [["订单号", "采购单位代码", "下单主体", "下单渠道", "供应商", "收款账号", "开户银行", "联行号",
                 "订单金额", "产地县", "订单状态", "支付时间"],
                ["XD2023031300000001", "D1", "本单位", "832平台交易系统", "某公司", 6.222021001122334e18, "某银行",
                 "102100099996", 100.5, "三都县", "已支付", datetime.date(2023, 3, 13)],
                ["XD2023031300000002", "D1", "unit", "trading-platform", "某公司", "6222021001122334455", "某银行",
                 "102100099996", "100.50", "三都县", "paid", datetime.datetime(2023, 3, 13, 10, 0)]],
        "转账": [],  # an empty sheet is read as nothing
    })
    data = read_dataset(path)
    assert [(e.row_number, e.field) for e in data.errors] == [(2, "收款账号")]
    assert [(o.number, str(o.amount), o.paid_at) for o in data.orders] == [
        ("XD2023031300000002", "100.50元", datetime.datetime(2023, 3, 13, 10, 0))]


def test_an_excel_date_is_midnight() -> None:
    errors: list[RowError] = []
    header = ["交易流水号", "付款户名", "付款账号", "收款账号", "转账金额", "附言", "转账时间"]
    table = Table.of(header, "转账.csv", None)
    record = table.record(2, ["B1", "某单位", "1", "2", "1", "货款", datetime.date(2023, 3, 13)], errors, [])
    assert record is not None and record[3]["time"] == "2023-03-13T00:00:00"
    assert table.record(3, ["B1", "某单位", "1", "2", "1", "货款", "2023-02-30 10:00"], errors, []) is None
    assert "不是存在的日期时间" in errors[-1].message


def test_table_bounds() -> None:
    with pytest.raises(InputFileError, match="列数过多"):
        Table.of([f"列{number}" for number in range(MAX_COLUMNS + 1)], "f.csv", "units")
    errors: list[RowError] = []
    table = Table.of(["单位代码", "单位名称"], "f.csv", None)
    assert table.record(2, ["D1", "某" * (MAX_FIELD_LENGTH + 1)], errors, []) is None
    assert errors[-1].field == "单位名称" and "超过" in errors[-1].message
    percent = Table.of(["单位代码", "年度", "是否有食堂", "预留比例", "年度食堂食材采购总额"], "f.xlsx", "filings")
    assert percent.record(2, ["D1", 2023.0, True, float("nan"), 1], errors, [], frozenset({3})) is None
    assert errors[-1].field == "预留比例"
    read = percent.record(2, ["D1", 2023.0, True, 0.355, 1e3], errors, [], frozenset({3}))
    assert read is not None and dict(read[3])["ratio"] == "35.50" and dict(read[3])["canteen_total"] == "1000.00"


def test_csv_records_without_the_optional_lists() -> None:
    errors: list[RowError] = []
    lines = io.StringIO("单位代码,年度,是否有食堂,预留比例\nD1,2023,是,0.3\n")
    records = list(csv_records(lines, "f.csv", None, errors))
    assert [record[0] for record in records] == ["filings"] and errors == []


def test_a_text_stream_in_the_wrong_encoding(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes("单位代码,单位名称\nD1,某厅\n".encode("gb18030"))
    with open(path, encoding="utf-8") as handle, pytest.raises(InputFileError, match="GB18030"):
        parse_csv(handle, source="f.csv")


def test_no_file_given() -> None:
    with pytest.raises(InputFileError, match="没有给出文件"):
        read_dataset([])


class _FakeOpenpyxl:
    def __init__(self, error: BaseException | None = None, book: Any = None) -> None:
        self.error, self.book = error, book

    def load_workbook(self, *_: object, **__: object) -> Any:
        if self.error is not None:
            raise self.error
        return self.book


class _FakeBook:
    def __init__(self, failure: BaseException, when: str) -> None:
        self.failure, self.when, self.sheetnames = failure, when, ["填报"]

    def __getitem__(self, name: str) -> Any:
        return self

    def iter_rows(self, **_: object) -> Any:
        if self.when == "iter_rows":
            raise self.failure
        return self  # an iterator that fails on its first row

    def __next__(self) -> Any:
        raise self.failure

    def close(self) -> None:
        pass


class InvalidFileException(OSError):  # named as openpyxl's
    pass


@pytest.mark.parametrize(("fake", "expected"), [
    (_FakeOpenpyxl(InvalidFileException("no")), "不是有效的 .xlsx"),
    (_FakeOpenpyxl(PermissionError(13, "Permission denied")), "无法读取文件"),
    (_FakeOpenpyxl(book=_FakeBook(KeyError("xl/worksheets/sheet1.xml"), "iter_rows")), "不是有效的 .xlsx"),
    (_FakeOpenpyxl(book=_FakeBook(ValueError("bad cell"), "next")), "不是有效的 .xlsx"),
])
def test_damaged_or_unreadable_workbooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake: _FakeOpenpyxl,
                                         expected: str) -> None:
    monkeypatch.setattr(xlsx_input, "_openpyxl", lambda: fake)
    with pytest.raises(InputFileError, match=expected):
        read_dataset(tmp_path / "data.xlsx")


@pytest.mark.parametrize("fake", [_FakeOpenpyxl(MemoryError()),
                                  _FakeOpenpyxl(book=_FakeBook(RecursionError(), "next"))])
def test_running_out_of_memory_is_not_called_a_damaged_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            fake: _FakeOpenpyxl) -> None:
    monkeypatch.setattr(xlsx_input, "_openpyxl", lambda: fake)
    with pytest.raises((MemoryError, RecursionError)):
        read_dataset(tmp_path / "data.xlsx")


def test_xlsx_records_without_the_optional_lists(tmp_path: Path) -> None:
    path = _book(tmp_path / "data.xlsx", {"Sheet1": [["单位代码", "单位名称"], ["D1", "某厅"]]})
    book = openpyxl.load_workbook(path, read_only=True)
    errors: list[RowError] = []
    assert [record[0] for record in xlsx_input.xlsx_records(book, "data.xlsx", errors)] == ["units"]
    book.close()


def test_writing_a_template_without_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from poverty_procurement.reporting.templates import write_template_xlsx

    real = importlib.import_module

    def missing(name: str, package: str | None = None) -> object:
        if name == "openpyxl":
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", missing)
    with pytest.raises(InputFileError, match=r"poverty-procurement\[excel\]"):
        write_template_xlsx(tmp_path / "t.xlsx")
    assert Options().strict is False


def test_an_identifiers_error_names_the_column_as_written() -> None:
    header = "订单号,采购单位代码,下单主体,下单渠道,供应商,收款账号,开户银行,联行号,订单金额,产地县\n"
    data = parse_csv(io.StringIO(header + "XD2,D1,本单位,832平台交易系统,某公司,6222021001122334455,某银行,"
                                          "102100099996,100.50,三都县\n"), source="订单.csv")
    assert [(e.row_number, e.field) for e in data.errors] == [(2, "订单号")]
    header = "交易流水号,付款户名,付款账号,收款账号,转账金额,附言,转账时间\n"
    data = parse_csv(io.StringIO(header + "B1,某单位,12,34,1,货款,2023-03-13 10:00\n"), source="转账.csv")
    assert {e.field for e in data.errors} == {"付款账号/收款账号"}
