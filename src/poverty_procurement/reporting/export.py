"""报表导出 — the compliance report as tables: one per section, written as CSV (UTF-8 with BOM) or an xlsx workbook.

The people who receive a 通报 work in spreadsheets. :func:`report_tables` lays a
:class:`~poverty_procurement.reporting.build.Report` out as the six sections of the text report
(:func:`~poverty_procurement.reporting.render.render_report_text`) — 填报问题 (粤财采购〔2023〕2号
二（一）至（三）; 附件2 一、第四、五步), 未填报单位, 汇总, 完成情况 (三（二）（三）), 需人工确认
(附件2 七（二）（三）) and 优先采购 (三（四）) — with Chinese headers; an ``输入错误`` table comes first
when records could not be read. Cells keep their kind: text, whole numbers, amounts
(:class:`~poverty_procurement.money.Yuan`) and percentages (:class:`Percent`).

* :func:`report_csv_text` — one CSV document, the tables one after another: a row with the
  table's name, its header row, its rows, an empty row. Amounts are written as in the report's
  JSON (``2455000.00``), percentages too (``40.49%``), so the figures are the same as ``--json``.
  Written with a byte-order mark by the command line, so that Excel reads it as UTF-8.
* :func:`write_report_xlsx` — a workbook with one sheet per table: amounts as numbers with two
  decimals in the 元 format (``#,##0.00"元"``), percentages as numbers in the ``0.00%`` format,
  the header row frozen and bold, column widths fitted to Chinese text. Needs the optional
  ``excel`` extra (``pip install "poverty-procurement[excel]"``, openpyxl).

Text from input never runs as a formula: a text cell starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return (a spreadsheet formula; OWASP "CSV injection") is written with a leading
``'`` in CSV and as a text cell with Excel's quote prefix in xlsx. Control and bidi characters
are shown as escapes (:func:`~poverty_procurement.terminal.sanitise`), as in the text report.

>>> from poverty_procurement.reporting.build import build_report
>>> from poverty_procurement.reporting.datasets import sample_dataset
>>> tables = report_tables(build_report(sample_dataset()))
>>> [t.name for t in tables]
['填报问题', '未填报单位', '汇总', '完成情况', '需人工确认', '优先采购']
>>> tables[2].headers[:6]
('范围', '代码', '名称', '单位数', '已填报', '食堂食材采购总额（元）')
>>> report_csv_text(build_report(sample_dataset())).splitlines()[7]
'未填报单位'
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ..errors import PovertyProcurementError, UnsupportedType
from ..form_grammar import CONTEXT
from ..money import Yuan
from ..rules.filings.checks import Severity
from ..terminal import sanitise
from .build import Report, ScopeLine
from .render import display_width

__all__ = [
    "AMOUNT_FORMAT",
    "PERCENT_FORMAT",
    "REPORT_SHEETS",
    "Cell",
    "Percent",
    "ReportTable",
    "report_csv_text",
    "report_tables",
    "write_report_xlsx",
]

#: The six sections of the report, in order: the sheet names of the workbook.
REPORT_SHEETS = ("填报问题", "未填报单位", "汇总", "完成情况", "需人工确认", "优先采购")
#: The number format of an amount cell: two decimals, thousands separated, followed by 元.
AMOUNT_FORMAT = '#,##0.00"元"'
#: The number format of a percentage cell.
PERCENT_FORMAT = "0.00%"

_PERCENT = re.compile(r"([0-9]{1,12})\.([0-9]{2})%")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MAX_WIDTH = 60


@attrs.frozen
class Percent:
    """百分比 — a percentage of the report (``"40.49%"``) as hundredths of a percent, exactly.

    >>> Percent.parse("40.49%"), Percent.parse("—")
    (Percent(hundredths=4049), None)
    >>> str(Percent(10833)), Percent(10833).fraction
    ('108.33%', Decimal('1.0833'))
    """

    hundredths: int

    @classmethod
    def parse(cls, text: str) -> Percent | None:
        """The percentage written as ``"40.49%"``; ``None`` for anything else (``"—"``: no share)."""
        found = _PERCENT.fullmatch(text)
        return None if found is None else cls(int(found[1]) * 100 + int(found[2]))

    @property
    def fraction(self) -> Decimal:
        """The percentage as an exact ``Decimal`` fraction (``0.4049`` for 40.49%), for a spreadsheet."""
        return Decimal(self.hundredths).scaleb(-4, CONTEXT)

    def __str__(self) -> str:
        return f"{self.hundredths // 100}.{self.hundredths % 100:02d}%"


#: A table cell: text, a whole number, an amount, a percentage, or nothing.
Cell = str | int | Yuan | Percent | None


@attrs.frozen
class ReportTable:
    """报表 — one section of the report as a table: ``name`` (the sheet name), ``title``, ``headers``, ``rows``."""

    name: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _share(text: str) -> Cell:
    """A percentage of the report: the number when it is one, else the text as written (``—``)."""
    found = Percent.parse(text)
    return text if found is None else found


def _level(severity: Severity) -> str:
    return "错误" if severity is Severity.ERROR else "提示"


_SCOPE_HEADERS = ("范围", "代码", "名称", "单位数", "已填报", "食堂食材采购总额（元）", "预留份额（元）", "实际比例",
                  "工会预计采购（元）", "计入采购额（元）", "完成率", "尚差（元）", "低于最低预留比例的单位")


def _scope_row(kind: str, s: ScopeLine) -> tuple[Cell, ...]:
    return (kind, s.code, s.name, s.units, s.filed, s.canteen_total, s.reserved_share, _share(s.effective_ratio),
            s.union_expected, s.counted_total, _share(s.completion), s.shortfall, "、".join(s.below_minimum))


def report_tables(report: Report) -> tuple[ReportTable, ...]:
    """报表 — the report's sections as tables (see the module docstring), in the order of the text report.

    The six tables of :data:`REPORT_SHEETS` always, an ``输入错误`` table first when records could
    not be read. Pure; anything but a ``Report`` raises ``UnsupportedType``.
    """
    if not isinstance(report, Report):
        raise UnsupportedType("report", f"需要 Report（build_report 的结果），收到 {type(report).__name__}",
                              f"expected a Report (from build_report), got {type(report).__name__}")
    tables: list[ReportTable] = []
    if report.input_errors:
        tables.append(ReportTable("输入错误", "输入错误（这些记录未计入）", ("来源", "行", "字段", "原因"),
                                  tuple((e.source, e.row_number, e.field, e.message) for e in report.input_errors)))
    tables.append(ReportTable(
        "填报问题", "填报问题（粤财采购〔2023〕2号 二（一）至（三）；附件2 一、第四、五步）",
        ("单位代码", "单位名称", "年度", "级别", "问题代码", "字段", "说明", "应填", "依据"),
        tuple((v.unit_code, v.unit_name, v.year, _level(v.severity), v.code, v.field, v.message, v.suggestion,
               v.citation) for v in report.filing_violations)))
    not_filed: list[tuple[Cell, ...]] = [(code, name, "未填报") for code, name in report.not_filed]
    not_filed += [(code, None, f"{year}年度的填报，未纳入本报告")
                  for code, _, year in (item.partition(" ") for item in report.ignored_filings)]
    tables.append(ReportTable("未填报单位", "未填报单位（粤财采购〔2023〕2号 二（一））",
                              ("单位代码", "单位名称", "说明"), tuple(not_filed)))
    departments = {s.code for s in report.departments}
    scopes = [*(_scope_row("主管单位", s) for s in report.departments),
              *(_scope_row("上级单位", s) for s in report.superiors if s.code not in departments),
              _scope_row("合计", report.overall)]
    tables.append(ReportTable("汇总", "汇总：按主管预算单位与上级单位（本级及下属单位；共用食堂只计代表单位一次）",
                              _SCOPE_HEADERS, tuple(scopes)))
    completion: list[tuple[Cell, ...]] = [
        (c.unit_code, c.unit_name, c.arrangement.zh if c.arrangement else "未填报", c.reserved_share, c.counted_total,
         _share(c.completion), c.shortfall, c.orders_counted) for c in report.completion]
    completion += [(c.host_code, c.host_name, f"共用食堂合计：{'、'.join(c.units)}", c.reserved_share,
                    c.counted_total, _share(c.completion), c.shortfall, None) for c in report.canteens]
    completion += [(number, None, "单位不在单位表中的订单（未计入）", None, None, None, None, None)
                   for number in report.unassigned_orders]
    tables.append(ReportTable(
        "完成情况",
        "各单位预留份额完成情况（计入：832平台已支付、本年度、扣除退款；粤财采购〔2023〕2号 三（二）（三））",
        ("代码", "名称", "食堂情形", "预留份额（元）", "计入采购额（元）", "完成率", "尚差（元）", "计入订单"),
        tuple(completion)))
    tables.append(ReportTable(
        "需人工确认", "需人工货款确认的转账（附件2 七（二）（三））",
        ("银行流水号", "付款人", "金额（元）", "附言", "原因", "原因代码", "相关订单", "附言中的识别码"),
        tuple((m.transaction_id, m.payer_name, m.amount, m.memo, m.reason_zh, m.reason, m.order_number,
               "、".join(m.codes)) for m in report.manual_confirmations)))
    priority: list[tuple[Cell, ...]] = [(p.label, p.tier, p.amount, p.count, _share(p.share))
                                        for p in report.priority]
    priority += [("对接帮扶县合计", None, report.paired_amount, None, _share(report.paired_share)),
                 ("全部计入采购", None, report.priority_total, None, None)]
    priority += [(f"订单 {u.order_number} 的产地县 {u.county} 无法确定，按“其他”计", "unresolved", u.amount, None, None)
                 for u in report.unresolved_counties]
    tables.append(ReportTable(
        "优先采购", f"优先采购（粤财采购〔2023〕2号 三（四）；对接帮扶县名单 {report.priority_table_year} 年）",
        ("层级", "层级代码", "金额（元）", "笔数", "占比"), tuple(priority)))
    return tuple(tables)


def _text(value: str) -> str:
    """Text from input made safe for a spreadsheet: escapes for control characters."""
    return sanitise(value)


def _csv_cell(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Yuan):
        return f"{cell.fen // 100}.{cell.fen % 100:02d}"
    if isinstance(cell, (Percent, int)):
        return str(cell)
    text = _text(cell)
    return "'" + text if text.startswith(_FORMULA_START) else text


def report_csv_text(report: Report) -> str:
    """报表 CSV — the tables of :func:`report_tables` as one CSV document (without the byte-order mark).

    Each table: a row with its name, the header row, its rows, then an empty row. Amounts and
    percentages are written as in the report's JSON (``2455000.00``, ``40.49%``); formula-like
    text gets a leading ``'``. Pure.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for table in report_tables(report):
        writer.writerow([table.name])
        writer.writerow(table.headers)
        writer.writerows([_csv_cell(cell) for cell in row] for row in table.rows)
        writer.writerow([])
    return buffer.getvalue()


def _openpyxl() -> Any:
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise PovertyProcurementError(
            "excel", "写 xlsx 文件需要可选依赖 openpyxl，请安装：pip install \"poverty-procurement[excel]\"",
            "writing xlsx needs the optional extra: pip install \"poverty-procurement[excel]\"") from None
    return openpyxl


def _shown(cell: Cell) -> str:
    """The text a cell shows in a spreadsheet (to fit the column width)."""
    if isinstance(cell, Yuan):
        return f"{cell.fen // 100:,}.{cell.fen % 100:02d}元"
    return "" if cell is None else str(cell)


def _widths(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> list[int]:
    widths = [display_width(header) for header in headers]
    for row in rows:
        for number, cell in enumerate(row):
            widths[number] = max(widths[number], display_width(_shown(cell)))
    return [min(width + 2, _MAX_WIDTH) for width in widths]


def _put(sheet: Any, row: int, column: int, cell: Cell) -> None:
    target = sheet.cell(row=row, column=column)
    if isinstance(cell, Yuan):
        target.value = Decimal(cell.fen).scaleb(-2, CONTEXT)
        target.number_format = AMOUNT_FORMAT
    elif isinstance(cell, Percent):
        target.value = cell.fraction
        target.number_format = PERCENT_FORMAT
    elif isinstance(cell, str):
        text = _text(cell)
        target.value = text
        target.data_type = "s"  # openpyxl reads "=…" as a formula: this cell is text, always
        if text.startswith(_FORMULA_START):
            target.quotePrefix = True  # and stays text when edited in Excel
    else:
        target.value = cell


def write_report_xlsx(report: Report, path: str | os.PathLike[str]) -> None:
    """报表 xlsx — write the tables of :func:`report_tables` to a workbook at ``path``, one sheet each.

    Amounts are numbers with two decimals in :data:`AMOUNT_FORMAT`, percentages numbers in
    :data:`PERCENT_FORMAT`; the header row is frozen and bold, the columns as wide as their
    Chinese text. Without openpyxl raises ``PovertyProcurementError`` (field ``excel``) naming the
    ``excel`` extra; an unwritable path raises ``OSError``.
    """
    tables = report_tables(report)
    openpyxl = _openpyxl()
    from openpyxl.styles import Font  # type: ignore[import-untyped,unused-ignore]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped,unused-ignore]

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = _text(report.title)
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        for column, header in enumerate(table.headers, start=1):
            _put(sheet, 1, column, header)
            sheet.cell(row=1, column=column).font = bold
        for number, row in enumerate(table.rows, start=2):
            for column, cell in enumerate(row, start=1):
                _put(sheet, number, column, cell)
        sheet.freeze_panes = "A2"
        for column, width in enumerate(_widths(table.headers, table.rows), start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
    workbook.save(os.fspath(path))
