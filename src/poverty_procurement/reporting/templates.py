"""输入模板 — an empty input workbook (or set of CSV files) with the Chinese headers, one example row
per record kind and a 说明 sheet, for ``poverty-procurement template``.

The headers and the example rows are those of :mod:`~poverty_procurement.reporting.columns` (for
filings the platform form's labels, 粤财采购〔2023〕2号 附件2 一、第四步、第五步); the example rows
read back through :func:`~poverty_procurement.reporting.datasets.read_dataset` without an error or a
warning: a 主管预算单位, its 2023 filing, an order of it and the bank transfer that pays the order
(附件2 七（一）: the payment code in the memo, the amount and the account agree). The ``.xlsx``
needs openpyxl (``pip install "poverty-procurement[excel]"``); the CSV files are UTF-8 with a BOM,
so that Excel opens them in Chinese.

>>> rows = instruction_rows()
>>> rows[0][0]
'832平台预留份额与采购数据输入模板'
>>> ["填报", "预留比例", "否", "百分比，如 30 或 30%（30 即 30%）", "30%", "ratio"] in rows
True
"""

from __future__ import annotations

import csv
import importlib
import io
from pathlib import Path
from typing import Any

from ..errors import InputFileError
from .columns import INSTRUCTIONS_SHEET, SHEETS, ValueForm

__all__ = ["instruction_rows", "template_csv_files", "write_template_csv", "write_template_xlsx"]

_TITLE = "832平台预留份额与采购数据输入模板"
_HOW = (
    "每张工作表一类记录：单位、填报、订单、转账（也可只填其中几张，如只填“填报”后运行 check）；第 1 行是表头，"
    "列的顺序可以调整，不用的列可以删去；第 2 行是示例，请改写或删去后逐行填写。",
    "金额以元为单位，可写 3000000、3,000,000.00；比例写 30 或 30%（都表示 30%）；是否类的列填 是 或 否；"
    "选项类的列填下表所列的中文名称之一。",
    "单位代码、账号、联行号等代码类的列请设为“文本”格式，以免 Excel 把长数字改写成 6.22E+18。",
    "另存为 CSV 时，选“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”均可；每类记录一个文件，文件名为 单位.csv、填报.csv、"
    "订单.csv、转账.csv。",
    "运行：poverty-procurement report 文件名.xlsx --year 2023；只检查填报：poverty-procurement check 填报.csv "
    "--year 2023 --province 广东。列名和取值的完整说明见文档“输入文件的列”一页。",
)


def instruction_rows() -> list[list[str]]:
    """The 说明 sheet: a title, how to fill the template, then one row per column of every sheet
    (工作表, 列名, 必填, 取值, 示例, 英文列名)."""
    rows: list[list[str]] = [[_TITLE], *([line] for line in _HOW), [],
                             ["工作表", "列名", "必填", "取值", "示例", "英文列名"]]
    for sheet in SHEETS:
        for column in sheet.columns:
            required = "是" if column.required else "否"
            rows.append([sheet.zh, column.zh, required, column.expected[0], column.example, column.field])
    return rows


def template_csv_files() -> dict[str, bytes]:
    """The CSV template: file name (单位.csv, 填报.csv, 订单.csv, 转账.csv, 说明.csv) → UTF-8-with-BOM bytes."""
    files: dict[str, bytes] = {}
    for sheet in SHEETS:
        example = sheet.example
        files[f"{sheet.zh}.csv"] = _csv([list(sheet.headers), [example.get(name, "") for name in sheet.headers]])
    files[f"{INSTRUCTIONS_SHEET}.csv"] = _csv(instruction_rows())
    return files


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_template_csv(folder: str | Path) -> list[Path]:
    """写出 CSV 模板 — the files of :func:`template_csv_files` into ``folder`` (created); their paths.

    The 说明.csv file is not a record kind, so the folder reads back as the example dataset.
    """
    where = Path(folder)
    where.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in template_csv_files().items():
        (where / name).write_bytes(data)
        written.append(where / name)
    return written


def write_template_xlsx(path: str | Path) -> Path:
    """写出 Excel 模板 — the ``.xlsx`` template at ``path``: a 说明 sheet, then 单位, 填报, 订单, 转账, each
    with bold frozen Chinese headers, widths that fit them, the example row, and code columns as text.

    Raises ``InputFileError`` naming the extra when openpyxl is missing.
    """
    from .xlsx_input import MISSING_OPENPYXL

    try:
        openpyxl: Any = importlib.import_module("openpyxl")
    except ImportError:
        raise InputFileError(Path(path).name, *MISSING_OPENPYXL) from None
    styles: Any = importlib.import_module("openpyxl.styles")
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = INSTRUCTIONS_SHEET
    for row in instruction_rows():
        notes.append(row)
    notes.column_dimensions["A"].width = 12
    notes.column_dimensions["B"].width = 24
    notes.column_dimensions["D"].width = 60
    notes.column_dimensions["E"].width = 24
    bold = styles.Font(bold=True)
    for sheet in SHEETS:
        table = book.create_sheet(sheet.zh)
        table.append(list(sheet.headers))
        example = sheet.example
        table.append([example.get(name, "") or None for name in sheet.headers])
        for index, column in enumerate(sheet.columns, start=1):
            table.cell(1, index).font = bold
            letter = table.cell(1, index).column_letter
            table.column_dimensions[letter].width = max(10, 2 * len(column.zh) + 4, len(column.example) + 4)
            if column.form is ValueForm.CODE:
                table.cell(2, index).number_format = "@"
        table.freeze_panes = "A2"
    target = Path(path)
    book.save(target)
    return target
