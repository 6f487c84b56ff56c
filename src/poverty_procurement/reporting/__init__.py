"""读取与报告 — reading office files and building the compliance report a finance department wants.

This package is the outer layer above the rules: it reads the documented JSON and CSV inputs
(:func:`read_dataset`), builds the report of filing problems, roll-ups, completion, manual payment
confirmations and priority purchasing (:func:`build_report`), streams large CSV files
(:func:`report_csv`), renders the report as text and writes it as tables — CSV or an xlsx
workbook (:mod:`~poverty_procurement.reporting.export`).

One module a job: :mod:`~poverty_procurement.reporting.records` (the record kinds, fields, bounds
and the row builder the readers share), :mod:`~poverty_procurement.reporting.json_input` and
:mod:`~poverty_procurement.reporting.csv_input` (the two formats),
:mod:`~poverty_procurement.reporting.datasets` (reading a file, the sample),
:mod:`~poverty_procurement.reporting.build` (the report), :mod:`~poverty_procurement.reporting.render`
(its text) and :mod:`~poverty_procurement.reporting.stream` (the streaming report).

>>> from poverty_procurement.reporting import build_report, sample_dataset
>>> build_report(sample_dataset()).status.value
'violations'
"""

from __future__ import annotations

from .build import Report, ReportStatus, build_report
from .csv_input import parse_csv
from .datasets import read_dataset, sample_dataset
from .export import REPORT_SHEETS, ReportTable, report_csv_text, report_tables, write_report_xlsx
from .json_input import parse_json
from .records import Dataset, RowError
from .render import render_report_text
from .stream import StreamedReport, read_filings_csv, report_csv

__all__ = [
    "REPORT_SHEETS",
    "Dataset",
    "Report",
    "ReportStatus",
    "ReportTable",
    "RowError",
    "StreamedReport",
    "build_report",
    "parse_csv",
    "parse_json",
    "read_dataset",
    "read_filings_csv",
    "render_report_text",
    "report_csv",
    "report_csv_text",
    "report_tables",
    "sample_dataset",
    "write_report_xlsx",
]
