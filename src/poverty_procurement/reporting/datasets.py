"""读取数据文件 — a department's dataset from a JSON file, an Excel workbook, CSV files or a directory.

:func:`read_dataset` picks the reader by the path — :mod:`~poverty_procurement.reporting.csv_input`
for ``.csv`` files or a directory, :mod:`~poverty_procurement.reporting.xlsx_input` for ``.xlsx``,
:mod:`~poverty_procurement.reporting.json_input` for a ``.json`` file — and turns every failure to read into
:class:`~poverty_procurement.errors.InputFileError` naming the file; the formats, fields and bounds
are those of :mod:`~poverty_procurement.reporting.records`. :func:`sample_dataset` is the embedded
sample.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..errors import InputFileError
from .csv_input import csv_sources, input_paths, read_csv_files
from .json_input import parse_json, read_json_file
from .office import Options
from .records import Dataset, Progress
from .xlsx_input import read_xlsx

__all__ = ["read_dataset", "sample_dataset"]


def read_dataset(path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], *,
                 progress: Progress | None = None, year: int | None = None, strict: bool = False,
                 province: str | None = None) -> Dataset:
    """读取数据文件 — a ``.json`` file, an ``.xlsx`` workbook, a ``.csv`` file, several ``.csv`` (or
    ``.xlsx``) files, or a directory of CSV files.

    One of the two functions that read files (the other is
    :func:`~poverty_procurement.reporting.stream.report_csv`, which streams CSV input for the report).
    Holds the whole dataset in memory. ``year`` is the year of filings whose office file has no 年度
    column; ``strict`` makes a ratio below 1 in an office file an error rather than a warning
    (:mod:`~poverty_procurement.reporting.office`); ``province`` is that of the units a filings-only
    file names without a 省份 column. An unreadable or missing file raises
    ``InputFileError`` (never ``OSError``).

    >>> read_dataset("data.txt")
    Traceback (most recent call last):
    ...
    poverty_procurement.errors.InputFileError: data.txt: 只能读取 .json、.xlsx、.csv 文件或 CSV 文件所在的目录 | \
only .json, .xlsx and .csv files, or a directory of CSV files, can be read
    """
    options = Options(year, strict, province)
    paths = input_paths(path)
    name = "、".join(where.name or str(where) for where in paths) or "?"
    try:
        if not paths:
            raise InputFileError("?", "没有给出文件", "no file given")
        suffixes = {where.suffix.lower() for where in paths if not where.is_dir()}
        if suffixes in ({".xlsx"}, {".xlsm"}):
            return read_xlsx(paths, progress, options)
        sources = csv_sources(paths[0] if len(paths) == 1 else paths)
        if sources is not None:
            return read_csv_files(sources, progress, options)
        if len(paths) == 1 and paths[0].suffix.lower() == ".xls":
            raise InputFileError(name, "不能读取旧版 .xls：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV UTF-8",
                                 "an old .xls cannot be read: save it as .xlsx or CSV UTF-8")
        if len(paths) != 1 or paths[0].suffix.lower() != ".json":
            raise InputFileError(name, "只能读取 .json、.xlsx、.csv 文件或 CSV 文件所在的目录",
                                 "only .json, .xlsx and .csv files, or a directory of CSV files, can be read")
        return read_json_file(paths[0], source=name, progress=progress)
    except OSError as error:
        raise InputFileError(name, f"无法读取文件：{error.strerror or error}",
                             f"cannot read the file: {error.strerror or error}") from None


def sample_dataset() -> Dataset:
    """示例数据 — the embedded sample (a Guangdong department, 2023), shipped as package data.

    >>> data = sample_dataset()
    >>> data.year, len(data.units) >= 10, data.errors
    (2023, True, ())
    """
    from ..data import read_text

    return parse_json(read_text("sample/guangdong-department-2023.json"), source="sample")
